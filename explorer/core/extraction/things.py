"""Things named by common nouns alone, with no class word: "cameras on the welding line", "trucks in the open pit",
"the terminal's jetty", "engineers wear augmented-reality headsets".

A definite description after a preposition introduces a thing when nothing named before is what it describes (a
reference back is the references' to read): two words or more, headed by no class word (a class word makes it a
reference) and by no word of time, measure or manner ("at the same time", "in the first half", "on the other hand").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from explorer.core.extraction import wordclass
from explorer.core.extraction.devices import described_plurals, made_things
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.sites import owning_place
from explorer.core.extraction.spans import Mention, singular
from explorer.core.extraction.words import GENERIC_PEOPLE, OWNED_NO_THINGS, STOPWORDS
from explorer.core.search import normalize
from explorer.core.vocab import KG

LOCATED = str(KG.locatedIn)
#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

PhraseAt = Callable[[str, int], Mention | None]
ClassOf = Callable[[str], str | None]

#: A preposition, then "the": what follows is a thing the clause places, uses or acts on.
_PREPOSITION_THE = re.compile(r"(?<![\w-])(?:in|at|on|inside|into|onto|from|near|across|along|to|with|behind|under|through|via"
                              r"|within|throughout|around|between|beside|outside|off)\s+the\s+", re.IGNORECASE)
#: A lower-case word of content right after the phrase: the phrase's last word was a verb ("the network moves | ore").
_CONTENT_WORD_AFTER = re.compile(r"\s+(?!(?:and|or|but|that|which|who|where|when|while|as|than|to|in|at|on|of|for|from|with|by|into|onto"
                                 r"|over|under|across|near|through|via|since|until|after|before|during|is|are|was|were|has|have"
                                 r"|had|will|would|can|could|may|might|must|should|said|says|also|now)\b)[a-z]")
#: A verb right after: the phrase ends a subject's own words ("the push to bring 5G onto the factory floor | is …"), and what
#: the verb says is said of the subject's head, not of the thing in its preposition.
_VERB_AFTER = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should)\b")
#: Heads that name a time, a quantity, a side or a manner, no thing ("in the coming months", "on the other hand").
_NO_THING_HEADS = frozenset(["time", "year", "month", "week", "day", "hour", "minute", "period", "quarter", "half", "end",
                             "start", "beginning", "moment", "past", "future", "meantime", "step", "way", "number", "amount",
                             "rest", "part", "side", "hand", "case", "process", "level", "rate", "share", "cost", "price",
                             "term", "run", "stage", "phase", "point", "extent", "degree", "basis", "course", "wake", "face",
                             "event", "name", "form", "kind", "type", "sort", "range", "scale", "size", "lead", "top",
                             "bottom", "front", "back", "middle", "centre", "center", "edge", "line", "light", "view",
                             "sense", "order", "list", "field", "area", "sector", "industry", "market", "economy",
                             "country", "world", "region", "trend", "pace", "season", "decade", "century", "weekend",
                             "tune", "rise", "fall", "increase", "decline", "growth", "figure", "total", "average", "value"])
#: Heads that name no thing, nor anything an owner has that stands somewhere (a possessive's "workers", "bill").
_NO_THING_OR_OWNED = _NO_THING_HEADS | OWNED_NO_THINGS
#: First words that date, rank or compare a thing, saying which of several it is, not what it is.
_NO_KIND_OPENERS = frozenset(["same", "other", "first", "second", "third", "last", "next", "previous", "following", "latest",
                              "past", "coming", "whole", "entire", "early", "late", "end", "top", "main", "rest", "current",
                              "new", "old", "former", "recent", "final", "only", "best", "biggest", "largest", "world",
                              "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "year", "years"])

#: "the supplier portal | of the institute's platform", "the test plant | of JCET": "of" before a name or a possessive names
#: whose the thing is (where "of" before a common noun says of what a part or a measure is: "the rest of the plant").
_OF_OWNER = re.compile(r"\s+of\s+(?:[A-Z]|the\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*['’]s\s)")


def described_things(text: str, phrase_at: PhraseAt, head_class: ClassOf, earlier: Iterable[Mention]) -> list[Mention]:
    """New things ``text`` describes after a preposition and "the" ("the welding line", "along the pipe racks"; a plural
    after "in", "in the rolling mills", speaks of a kind or of things named before), none that names a thing
    ``earlier`` (what the document named before): "the private network" after "a 5G private network" refers back."""
    named = {singular(normalize(m.label or m.text)) for m in earlier if m.via != "pronoun"}
    found: list[Mention] = []
    for opening in _PREPOSITION_THE.finditer(text):
        phrase = phrase_at(text, opening.end())
        if phrase is None:
            continue
        words = phrase.text.lower().split()
        head = singular(words[-1])
        # a plural placed by "across", "along", "at" … is things there ("across the turbine halls"); after "in" it as often
        # says where an activity goes on ("supports remote crane control in the rolling mills"), which names no thing
        plural = head != words[-1] and opening.group().split()[0].lower() == "in"
        if len(words) < 2 or plural or words[0] in _NO_KIND_OPENERS or head in _NO_THING_HEADS \
                or head_class(phrase.text) is not None \
                or (re.match(r"\s+of\b", text[phrase.end:]) and not _OF_OWNER.match(text, phrase.end)) or not phrase.text[:1].islower() \
                or re.search(r"['’]s?(?:\s|$)", phrase.text) or _CONTENT_WORD_AFTER.match(text, phrase.end) \
                or _VERB_AFTER.match(text, phrase.end):
            continue  # "the plant's welding hall" is a possessed thing (see ``possessed_sites``); "the network moves | ore"
            # ends on a verb, where a content word goes on
        folded = singular(normalize(phrase.text))
        if any(name == folded or name.endswith(" " + folded) for name in named):
            continue  # "the private network" after "a 5G private network": a reference back, read by the references
        found.append(phrase)
    return found


#: An owner's possessive: "its", "their", "the terminal's", "the contractor's" (a described owner, one or two words).
_POSSESSIVE = re.compile(r"(?<![\w-])the\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*)['’]s\s+(?=[a-z])", re.IGNORECASE)


def owned_site_words(text: str, phrase_at: PhraseAt, heads: frozenset[str], head_class: ClassOf) -> list[Mention]:
    """"on the terminal's jetty", "in the contractor's warehouse": one word after a described owner's possessive that
    names a kind of site the ontology knows (``heads``) is one site of that owner's, a thing of its own (several words
    are read as a phrase). An owner described by a class word ("the carmaker's plant") is left to the references,
    whose reading of the owner the site's fact would rest on."""
    found: list[Mention] = []
    for owner in _POSSESSIVE.finditer(text):
        word = re.match(r"[a-z]+(?![\w'’-])", text[owner.end():])
        if word is None or word.group() not in heads or phrase_at(text, owner.end()) is not None \
                or _CONTENT_WORD_AFTER.match(text, owner.end() + word.end()) or head_class(owner.group(1)) is not None:
            continue  # a plural ("the port's berths") is a kind, a word with more after it a longer phrase
        found.append(Mention(owner.end(), owner.end() + word.end(), word.group(), None, None, word.group(), "phrase"))
    return found


#: "the plant's network": a site described by its kind, its possessive, then one word.
_SITE_POSSESSIVE = re.compile(r"(?<![\w-])the\s+((?:[a-z][\w-]*\s+)?([a-z][\w-]*))['’]s\s+([a-z][\w-]*)(?![\w'’-])", re.IGNORECASE)
#: Endings of nouns of quality, action or state ("the plant's output", "the port's expansion"): no thing in the site.
#: Those who run or serve a site ("the platform's operator"): people and bodies, no thing in it.
_ROLES = frozenset(["operator", "owner", "supplier", "contractor", "developer", "builder", "maker", "manufacturer", "tenant",
                    "head", "chief", "boss", "board", "management", "workforce", "customer", "client", "user", "partner"])
_ABSTRACT_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ing", "put", "age", "ure")


def things_of_sites(text: str, phrase_at: PhraseAt, heads: frozenset[str], head_class: ClassOf) -> list[Mention]:
    """"The plant's network was built by X": one word after the possessive of a site described by its kind (a head of
    ``heads``) names a thing there, called by both words ("plant's network"), so that it is not every network of the
    text. Nouns of quality or action ("the plant's output"), people and class words are no such thing."""
    found: list[Mention] = []
    for match in _SITE_POSSESSIVE.finditer(text):
        word = match.group(3)
        lowered = word.lower()
        if singular(match.group(2).lower()) not in heads or lowered != singular(lowered) or lowered in _NO_THING_OR_OWNED \
                or singular(lowered) in GENERIC_PEOPLE | _ROLES or lowered.endswith(_ABSTRACT_ENDINGS) or head_class(word) is not None \
                or (phrase_at(text, match.start(3)) or Mention(0, 0, "")).end > match.end(3) \
                or _CONTENT_WORD_AFTER.match(text, match.end(3)):
            continue
        label = f"{match.group(2).lower()}'s {word}"
        found.append(Mention(match.start(3), match.end(3), word, None, None, label, "phrase"))
    return found


#: Head nouns of the systems a site runs ("gate system"), no quality or person of it (a "site's network" is left out: the
#: keys disagree on whether the network stands in the site).
_INSTALLED_HEAD = re.compile(r"(?<![\w-])(?:system|server|controller|gateway)s?$", re.IGNORECASE)


def in_their_sites(mentions: list[Mention], text: str, heads: frozenset[str] | None = None) -> Iterator[Fact]:
    """"The plant's network …": the thing a site's possessive names (see ``things_of_sites``) stands in that site, as
    the text read its possessor ("the plant" for the plant named before); so does a system the words name
    after a site named before and referred to ("the terminal's gate system"; ``heads``: the kinds of site)."""
    for thing in mentions:
        site = next((m for m in mentions if m.end < thing.start and re.fullmatch(r"['’]s\s+", text[m.end:thing.start])), None)
        if thing.via != "phrase" or site is None or site.via == "pronoun" or site.key == thing.key:
            continue
        if thing.label is not None and thing.label.endswith(("'s " + thing.text, "’s " + thing.text)):
            yield (thing, LOCATED, site, "'s", site.end, thing.start, 0.55)
        elif site.via == "definite" and heads is not None and (site.label or site.text).split()[-1].lower() in heads \
                and len(thing.text.split()) > 1 and _INSTALLED_HEAD.search(thing.text):
            # "disrupted the terminal's gate system": a system a site named before runs stands in it
            yield (thing, LOCATED, site, "'s", site.end, thing.start, 0.5)


#: "its plant in Changchun", "their cell and module factory in Changzhou's …": a site after an owner's determiner, then a
#: preposition of place and a name. Modifiers: up to two words, or one word, "and" and one word.
_OWN_SITE_PLACED = re.compile(r"(?<![\w-])(?:[Ii]ts|[Tt]heir|[Oo]ur)\s+(?:own\s+)?"
                              r"((?:[a-z][\w-]*\s+and\s+[a-z][\w-]*\s+|(?:[a-z][\w-]*\s+){0,2}))([a-z][\w-]*?)\s+(?:in|at|near|outside)\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
                              r"(?:\s+(?:county|district|province|city|town|township|village)(?![\w-]))?)")


def own_sites_placed(text: str, heads: frozenset[str]) -> list[Mention]:
    """"at its plant in Changchun", "its cell and module factory in Changzhou's Xinbei district": one site of the owner
    "its" stands for, which the text tells apart by the place it names right after it, is a thing of its own (the
    place's fact and the owner's are read by the clauses). A bare kind of site is called by the kind and the place
    ("plant in Changchun": its owner may have others elsewhere), one with modifiers by its words."""
    found: list[Mention] = []
    for match in _OWN_SITE_PLACED.finditer(text):
        modifiers, head = match.group(1).split(), match.group(2)
        if head.lower() not in heads or any(w.lower() in STOPWORDS or not w.islower() or w.endswith(("ly", "ing")) or wordclass.verb_only(w)
                                            or (w.endswith("s") and wordclass.plural(w)) for w in modifiers if w != "and"):
            continue
        # (the part a place's possessive names is where the site stands: "in Hohhot's | Saihan district")
        phrase, place = text[match.start(1):match.end(2)], re.split(r"['’]s\s", match.group(3))[-1]
        found.append(Mention(match.start(1), match.end(2), phrase, None, None, phrase if modifiers else f"{head} in {place}", "phrase"))
    return found


#: A described owner's possessive, singular or plural ("the platform's", "the warehouses'"), then "own" at most.
_DESCRIBED_OWNER = re.compile(r"(?<![\w-])the\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*(?:['’]s|s['’])\s+(?:own\s+)?(?=[a-z])", re.IGNORECASE)


def possessed_compounds(text: str, phrase_at: PhraseAt, head_class: ClassOf) -> list[Mention]:
    """"knocked the platform's tracking feed offline", "the warehouses' stacker cranes and conveyors", "in the factory's own
    data room": a compound of two words or more after a described owner's possessive names a thing of that owner's (and a
    plural "and" adds names another). No role ("the plant's deputy manager"), quality, measure or act ("the plant's output
    capacity"), no class word (read as a unit of the owner by the possessives)."""
    found: list[Mention] = []
    for owner in _DESCRIBED_OWNER.finditer(text):
        phrase = phrase_at(text, owner.end())
        if phrase is None or phrase.start != owner.end():
            continue
        words = phrase.text.lower().split()
        head = singular(words[-1])
        if len(words) < 2 or words[0] in _NO_KIND_OPENERS or head in _NO_THING_HEADS or head in GENERIC_PEOPLE | _ROLES \
                or head.endswith(_ABSTRACT_ENDINGS) or head_class(phrase.text) is not None or _CONTENT_WORD_AFTER.match(text, phrase.end):
            continue
        found.append(phrase)
        joint = re.match(r"\s+and\s+", text[phrase.end:])
        following = phrase_at(text, phrase.end + joint.end()) if joint is not None else None
        if following is not None and following.text.split()[-1] != singular(following.text.split()[-1]) and head != words[-1]:
            found.append(following)  # "… stacker cranes and | conveyors"
    return found


#: A nationality or a place's possessive between a preposition and a bare phrase: "in Chinese factories", "in China's coastal
#: manufacturing hubs".
_NATIONAL = re.compile(r"(?<![\w-])(?:in|at|across|among|to|from|for|on|against)\s+(?:(Chinese|American|European|Japanese|Korean"
                       r"|German|Taiwanese)\s+|([A-Z][a-z]+)['’]s\s+)(?=[a-z])")


def national_things(text: str, phrase_at: PhraseAt) -> list[Mention]:
    """"in Chinese factories", "in China's coastal manufacturing hubs": a plural or a compound a nationality or a place's
    possessive describes names things of that country (with the nationality, which tells them apart; a place's
    possessive only says where they are). No quality, act or measure, no one bare singular word ("in China's economy")."""
    found: list[Mention] = []
    for match in _NATIONAL.finditer(text):
        phrase = phrase_at(text, match.end())
        if phrase is None or phrase.start != match.end() or (match.group(2) and not owning_place(match.group(2))):
            continue
        words = phrase.text.lower().split()
        head = singular(words[-1])
        if (len(words) < 2 and head == words[-1]) or head in _NO_THING_HEADS or head in GENERIC_PEOPLE or words[0] in _NO_KIND_OPENERS \
                or head.endswith(_ABSTRACT_ENDINGS) or _CONTENT_WORD_AFTER.match(text, phrase.end):
            continue
        if match.group(1):
            described = text[match.start(1):phrase.end]
            phrase = Mention(match.start(1), phrase.end, described, None, phrase.cls, described, "phrase")
        found.append(phrase)
    return found


def common_noun_things(text: str, phrase_at: PhraseAt, head_class: ClassOf, sites: frozenset[str],
                       earlier: Iterable[Mention], lexicon: Lexicon) -> list[Mention]:
    """All the things of this module's readers in ``text`` (``sites``: the kinds of site the ontology knows), and the
    things made that verbs of making take (``devices.made_things``)."""
    return described_things(text, phrase_at, head_class, earlier) + owned_site_words(text, phrase_at, sites, head_class) \
        + things_of_sites(text, phrase_at, sites, head_class) + objects_of_to(text, phrase_at) + relative_objects(text, phrase_at) \
        + made_things(lexicon, text, phrase_at) + described_plurals(lexicon, text, phrase_at) + own_sites_placed(text, sites) \
        + possessed_compounds(text, phrase_at, head_class) + national_things(text, phrase_at) \
        + auxiliary_objects(lexicon, text, phrase_at)


_TO_WORD = re.compile(r"(?<![\w-])to\s+([a-z][\w-]*)")


def objects_of_to(text: str, phrase_at: PhraseAt) -> list[Mention]:
    """"switched the cranes to remote control", "sells to industrial users": "to" before a word that is never a verb (an
    adjective, by the lexicon: "remote", "digital") is a preposition, and the noun phrase it opens is its object (the
    phrase readers take a word after "to" for an infinitive's verb)."""
    found: list[Mention] = []
    for to in _TO_WORD.finditer(text):
        readings = wordclass.parts_of_speech(to.group(1))
        if not readings or "VERB" in readings or "AUX" in readings:
            continue
        phrase = phrase_at(text, to.start(1))
        if phrase is not None and phrase.start == to.start(1) and " " in phrase.text:
            found.append(phrase)
    return found


_RELATIVE_VERB = re.compile(r"(?<![\w-])(?:which|who)\s+([a-z]+)\s+(?=[a-z])")


def relative_objects(text: str, phrase_at: PhraseAt) -> list[Mention]:
    """"…, both of which run leak-detection systems on …": after a relative and its verb (a word the lexicon holds as a
    verb's base or present), a bare plural is the verb's object, a thing."""
    found: list[Mention] = []
    for relative in _RELATIVE_VERB.finditer(text):
        verb = relative.group(1)
        readings = wordclass.parts_of_speech(verb)
        if "VERB" not in readings or (wordclass.past(verb) and verb not in readings["VERB"]):
            continue  # "which run", "who supplies"; a past ("which installed") is read by the object relatives
        phrase = phrase_at(text, relative.end())
        if phrase is not None and phrase.start == relative.end() and wordclass.plural(phrase.text.split()[-1]) is True \
                and not _CONTENT_WORD_AFTER.match(text, phrase.end):
            found.append(phrase)
    return found


#: An auxiliary and a verb's -ing form or past ("is running", "has fitted", "were testing"), then what the verb acts on. (A
#: modal's bare verb, "could cause collisions", was tried: "members would get free scans" is no thing of the clause's.)
_AUXILIARY_VERB = re.compile(r"(?<![\w-])(?:is|are|was|were|has|have|had)\s+(?:[a-z]+ly\s+)?([a-z]+(?:ing|ed))\s+(?=[a-z])")
#: "… and remotely controlled | ventilation fans": an adverb and a participle open the second object, saying how it works.
_HOW_THEN_PARTICIPLE = re.compile(r"\s+(?:and|or)\s+(?:[a-z]+ly\s+[a-z]+ed\s+)?(?=[a-z])")


def auxiliary_objects(lexicon: Lexicon, text: str, phrase_at: PhraseAt) -> list[Mention]:
    """"is running driverless haul trucks and remotely controlled ventilation fans", "were testing unmanned vehicles": after
    an auxiliary and a verb's -ing form or past (by the lexicon), a bare plural is the verb's object, a thing; so is a second
    plural "and" or "or" joins to it, which an adverb and a participle may describe first."""
    found: list[Mention] = []
    for verb in _AUXILIARY_VERB.finditer(text):
        if "VERB" not in wordclass.parts(verb.group(1)) or any(
                " " in p.words and p.regex.match(text, verb.start(1)) for p in lexicon.patterns if p.words.isascii()):
            continue  # "has joined hands with": a pattern's words go on past the verb, no object
        position = verb.end()
        while (phrase := phrase_at(text, position) or _plural_before_measure(text, position)) is not None \
                and phrase.start == position and wordclass.plural(phrase.text.split()[-1]) is True \
                and not _CONTENT_WORD_AFTER.match(text, phrase.end):
            found.append(phrase)
            joint = _HOW_THEN_PARTICIPLE.match(text, phrase.end)
            if joint is None:
                break
            position = joint.end()
    return found


#: "ventilation fans | 600 metres underground": up to three lower-case words ending on a plural, then a measure's number.
_PLURAL_BEFORE_NUMBER = re.compile(r"(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*[^s\W]s(?=\s+\d)")


def _plural_before_measure(text: str, position: int) -> Mention | None:
    """The plural a number follows, which the phrase readers take for a verb before its object ("covers 20 kilometres");
    after a verb's -ing form or past it is that verb's object."""
    match = _PLURAL_BEFORE_NUMBER.match(text, position)
    if match is None or any(word in STOPWORDS or wordclass.verb_only(word) for word in match.group().split()):
        return None
    return Mention(match.start(), match.end(), match.group(), None, None, match.group(), "phrase")

