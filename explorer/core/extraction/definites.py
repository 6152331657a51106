"""Definite noun phrases that introduce a thing: "the edge computing servers that sit beside the berths", "the
control systems of several chemical plants", "the software that predicts rockfalls".

English puts "the" before a thing named for the first time when words after it say which one is meant (a relative
clause, "of" or "at" with what it belongs to) or when the phrase is a compound the reader is taken to know ("the
turbine controllers"). Such a phrase names a thing of its own where nothing before it in the text has its head; a
phrase with an antecedent is read by the references instead.
"""

from __future__ import annotations

import re
from dataclasses import replace

from explorer.core.extraction import wordclass
from explorer.core.extraction.spans import Mention, adverb, passive_by, plural_noun, singular, state_after_object
from explorer.core.extraction.words import COMPLEMENT_TAKERS, GENERIC_PEOPLE, GENERIC_THINGS, IRREGULAR_PAST, STOPWORDS

_WORD = re.compile(r" ([a-z][a-z-]*)\b(?!['’])")
#: What stands after a plural that heads its phrase: a relative word, "and" before a second head, a preposition
#: that says which ones are meant, a verb's auxiliary, or punctuation (a verb in -s after a singular takes an
#: object instead: "the crane operator runs the yard").
_AFTER_PLURAL_HEAD = re.compile(r"(?:\s+(?:that|which|whose|where|and|or|at|across|from|are|were|have|had|could|would|it|they|we|"
                                r"will|can|may|might|must|should|still|also|now|[a-z]+ed)\b|\s*[,.;:]|$)")
#: What follows "works" where it is a site's noun ("the steel works that", "the gas works, which", "the works in").
_WORKS_HEAD = re.compile(r"\s*[,.;]|\s+(?:that|which|where|in|at|near|outside)\b")
#: "the software that predicts …", "the system which runs …": a relative clause with its verb says which one is meant.
_RELATIVE_AFTER = re.compile(r"\s+(?:that|which)\s+(?:(?:still|also|now|often)\s+)?([a-z]+)\b")


def _plain(word: str, triggers: frozenset[str]) -> bool:
    """A lower-case word that may stand in a noun phrase: no function word, pattern word, past form or adverb."""
    return word not in STOPWORDS and word not in triggers and word not in IRREGULAR_PAST and not word.endswith("ed") \
        and not adverb(word)


def compound_end(text: str, end: int, triggers: frozenset[str]) -> int:
    """Where the compound after "the" + its first word (ending at ``end``) ends: singular nouns go on with it, an -ing
    word only before another noun ("edge computing servers"), a plural closes it where a head's follower comes next
    ("the turbine controllers at …"). ``end`` itself when no word goes on with it."""
    before = re.search(r"([a-z][a-z-]*)$", text[:end])
    if before is not None and plural_noun(before.group(1)):
        return end  # "the sites | flow into …": a plural is the head, the word after it the verb
    position = end
    while (word := _WORD.match(text, position)) is not None:
        token = word.group(1)
        if token == "works" and _WORKS_HEAD.match(text, word.end()):
            position = word.end()  # "the turbine works that X runs": a works is a site, no verb
            break
        if not _plain(token, triggers) or token in COMPLEMENT_TAKERS or passive_by(token, text, word.end()) \
                or state_after_object(token, text, word.end()) \
                or (wordclass.verb_only(token) and not token.endswith(("ing", "s"))):
            break  # "the fibre maker | known as YOFC", "the glasses | connect over …" (a bare form only ever a verb; a form
            # in -s may be a plural the lexicon lacks: "the sensor logs")
        if token.endswith("ing"):
            following = _WORD.match(text, word.end())
            if following is None or not _plain(following.group(1), triggers) or following.group(1).endswith("ing"):
                break
            position = word.end()
            continue
        if token.endswith("s") and not token.endswith(("ss", "us", "is")) and wordclass.plural(token) is not False:
            # "the programmable logic controllers | of a kiln line": "of" and what it belongs to follow a head too
            if plural_noun(token) and (_AFTER_PLURAL_HEAD.match(text, word.end())
                                       or (_OF_WHICH.match(text, word.end()) and singular(token) not in _WHOLE)):
                position = word.end()
            break
        position = word.end()
    if position != end and _WORD.match(text, end) is not None and text[end + 1:position].split()[-1].endswith("ing"):
        return end  # an -ing word ends nothing
    return position


def introduced_single(text: str, start: int, end: int, triggers: frozenset[str]) -> bool:
    """"supplies the software that predicts rockfalls": one word after "the" that a relative clause with its verb
    restricts names a thing of its own (not a quality or a generic thing, nor "the fact that …")."""
    word = text[start:end].lower()
    if not _plain(word, triggers) or word in GENERIC_THINGS or word in COMPLEMENT_TAKERS or word in GENERIC_PEOPLE \
            or word.rstrip("s") in GENERIC_PEOPLE or word.endswith("ing"):
        return False
    relative = _RELATIVE_AFTER.match(text, end)
    return relative is not None and _relative_verb(relative.group(1), plural_noun(word))


def _relative_verb(verb: str, plural: bool) -> bool:
    """The verb opening a relative clause: in -s or a past after a singular ("the software that predicts"), a past or the
    bare form after a plural ("the servers that run the system")."""
    if verb in STOPWORDS or verb.endswith("ss"):
        return False
    return verb.endswith(("s", "ed")) or verb in IRREGULAR_PAST or (plural and "VERB" in wordclass.parts(verb))


_SECOND_HEAD = re.compile(r"\s+(?:and|or)\s+([a-z][a-z-]*)\b")


def second_head(text: str, end: int, triggers: frozenset[str]) -> tuple[int, int] | None:
    """"the remote-controlled cranes and loaders depend on …": a second plural after "and" that a head's follower closes
    is a second thing the phrase names (its modifiers are shared, its head is its own)."""
    joint = _SECOND_HEAD.match(text, end)
    if joint is None or not plural_noun(joint.group(1)) or not _plain(joint.group(1), triggers) \
            or re.match(r"\s+(?:and|or)\b", text[joint.end():]):
        return None
    verb = re.match(r"\s+([a-z]+)", text[joint.end():])
    if not _AFTER_PLURAL_HEAD.match(text, joint.end()) and (verb is None or verb.group(1) not in triggers):
        return None  # "… depend on": a pattern's verb after it closes the phrase too
    return joint.span(1)



#: "the controllers | of 14 laser cutters", "the booking system | of a terminal": "of" and a determiner, a count or a
#: name after a definite say which one is meant.
_OF_WHICH = re.compile(r"\s+of\s+(?:a|an|the|its|their|his|her|our|this|these|those|some|several|many|\d|[A-Z]"
                       r"|(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\s"
                       # a bare plural says which ones too ("the firmware updates of | equipment makers")
                       r"|(?:[a-z][\w-]*\s+)?[a-z][\w-]*[^s\W]s(?![\w'’-]))")
#: "the laser cutters | it supplies", "the turbine works | that Shanghai Electric runs": a relative clause with its own
#: subject (a pronoun or a name) and verb.
_SUBJECT_RELATIVE = re.compile(r"\s+(?:that\s+|which\s+)?(?:it|they|we|he|she|[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,3})\s+"
                               r"(?:(?:still|also|now|already|once)\s+)?([a-z]+)\b")
#: "the video feeds | used to steer cranes", "the robots | installed at the port": a word, then a preposition (``_participle_after``).
_PARTICIPLE_AFTER = re.compile(r"\s+([a-z]+)\s+(to|by|for|in|at|on|from|across)\s")
#: Words before "of" that measure, divide or name an act, no thing ("the rest of", "the number of", "the use of").
_PARTITIVES = frozenset(["rest", "end", "start", "use", "number", "part", "half", "heart", "top", "bottom", "side", "front",
                         "back", "kind", "type", "sort", "range", "wave", "series", "lack", "amount", "share", "bulk", "majority",
                         "total", "level", "rate", "pace", "scale", "size", "cost", "price", "value", "name", "role", "help",
                         "aim", "goal", "case", "example", "impact", "effect", "result", "wake", "face", "course", "backbone",
                         "core", "key", "basis", "source", "spread", "growth", "rise", "fall", "speed", "quality", "output",
                         "capacity", "volume", "length", "width", "height", "area", "first", "last", "same", "other", "latest",
                         "time", "money", "effort", "work", "step", "way"])
#: Words that speak of an owner's equipment as a whole ("broke into the systems of a parts maker", "compromised the email
#: accounts of a supplier"): the owner is meant.
_WHOLE = frozenset(["system", "server", "account", "network", "asset", "infrastructure", "data", "computer", "facility",
                    "premise", "equipment"])
_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ing", "ism", "ure")


def _participle_after(text: str, end: int) -> bool:
    """"the video feeds | used to steer cranes", "the engine plant | run by X": a past participle with its complement (a
    form that is also the bare verb, "run", "set", only before "by")."""
    participle = _PARTICIPLE_AFTER.match(text, end)
    if participle is None or wordclass.past(word := participle.group(1)) is not True:
        return False
    return bool(re.fullmatch(r"[a-z]+[^e\W]ed", word)) or word in IRREGULAR_PAST or participle.group(2) == "by"


def restricted(text: str, start: int, end: int, triggers: frozenset[str]) -> bool:
    """"locked the controllers of 14 laser cutters", "fitted modules to the laser cutters it supplies", "the turbine works
    that Shanghai Electric runs": a definite noun phrase (``start``–``end``, without "the") that words after it restrict
    to one thing names that thing where it first appears, after a preposition too. Its head is no measure, part or act
    ("the rest of", "the rollout of", "the security of"), no generic thing or person."""
    head = text[start:end].split()[-1].lower()
    word = singular(head)
    if not _plain(head, triggers) or word in GENERIC_THINGS or word in GENERIC_PEOPLE or head in COMPLEMENT_TAKERS \
            or word in _PARTITIVES or word.endswith(_ABSTRACT_ENDINGS) or (" " not in text[start:end].strip() and word in _WHOLE):
        return False
    if _OF_WHICH.match(text, end) or _participle_after(text, end):
        return True
    relative = _SUBJECT_RELATIVE.match(text, end) or _RELATIVE_AFTER.match(text, end)
    return relative is not None and _relative_verb(relative.group(1), plural_noun(head))


#: "the" and one noun that ends its phrase: punctuation, a function word or a verb's auxiliary follows.
_THE_HEAD = re.compile(r"(?<![\w-])the\s+([a-z][a-z-]*)(?=\s*[,.;:]|\s*$|\s+(?:under|for|in|at|on|from|to|with|and|or|that|which"
                       r"|are|is|were|was|have|has|had|will|would|could|can|may|might|still|also|now|[a-z]+ed|[a-z]+s)\b)")


def same_sentence_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """"LiCore runs on edge servers in the control building, and China Mobile manages | the servers": "the" and a head
    noun stand for the thing named earlier in the same sentence whose phrase ends in that noun (references to earlier
    sentences are read before the sentence's own mentions are known)."""
    out = list(mentions)
    for match in _THE_HEAD.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in out):
            continue
        head = match.group(1)
        named = next((m for m in reversed(out) if m.end <= match.start() and m.via in ("phrase", "cue") and m.iri is None
                      and " " in m.text and singular(m.text.split()[-1].lower()) == singular(head)
                      and (head.endswith("s") or not m.text.split()[-1].lower().endswith("s"))), None)
        if named is not None:
            out.append(replace(named, start=match.start(), end=match.end(), text=match.group(), via="definite"))
    return sorted(out, key=lambda m: (m.start, -m.end))
