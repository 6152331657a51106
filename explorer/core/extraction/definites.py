"""Definite noun phrases that introduce a thing: "the edge computing servers that sit beside the berths", "the
control systems of several chemical plants", "the software that predicts rockfalls".

English puts "the" before a thing named for the first time when words after it say which one is meant (a relative
clause, "of" or "at" with what it belongs to) or when the phrase is a compound the reader is taken to know ("the
turbine controllers"). Such a phrase names a thing of its own where nothing before it in the text has its head; a
phrase with an antecedent is read by the references instead.
"""

from __future__ import annotations

import re

from explorer.core.extraction.spans import adverb, passive_by, plural_noun
from explorer.core.extraction.words import COMPLEMENT_TAKERS, GENERIC_PEOPLE, GENERIC_THINGS, IRREGULAR_PAST, STOPWORDS

_WORD = re.compile(r" ([a-z][a-z-]*)\b(?!['’])")
#: What stands after a plural that heads its phrase: a relative word, "and" before a second head, a preposition
#: that says which ones are meant, a verb's auxiliary, or punctuation (a verb in -s after a singular takes an
#: object instead: "the crane operator runs the yard").
_AFTER_PLURAL_HEAD = re.compile(r"(?:\s+(?:that|which|whose|where|and|or|at|across|from|are|were|have|had|could|would|"
                                r"will|can|may|might|must|should|still|also|now|[a-z]+ed)\b|\s*[,.;:]|$)")
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
        if not _plain(token, triggers) or token in COMPLEMENT_TAKERS or passive_by(token, text, word.end()):
            break  # "the fibre maker | known as YOFC"
        if token.endswith("ing"):
            following = _WORD.match(text, word.end())
            if following is None or not _plain(following.group(1), triggers) or following.group(1).endswith("ing"):
                break
            position = word.end()
            continue
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            if plural_noun(token) and _AFTER_PLURAL_HEAD.match(text, word.end()):
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
    if relative is None:
        return False
    verb = relative.group(1)
    return verb not in STOPWORDS and (verb.endswith(("s", "ed")) or verb in IRREGULAR_PAST) and not verb.endswith("ss")


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

