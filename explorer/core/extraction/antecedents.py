"""Which named entity a description stands for: compatible by its head noun and by its class.

A description names its antecedent by a word the text used for it before: "the group" after "Ningbo Zhoushan Port
Group", "the supplier" after "a Ningbo-based supplier of parts", "the plant" after "its cell plant". A word that only
says what kind of organisation it is ("the company", "the firm") may stand for any of that kind the text spoke of; a
word that names a trade ("the supplier", "the carmaker", "the steelmaker") stands only for one the text called so
(a supplier is not any company named before it). A place's description ("the province", "the city") stands for a place
known to be of that kind: a province of China (named alone or inside a name, "China Mobile's Liaoning branch"), or a
place the text said is a city; a district or a town named after "in" is no city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from explorer.core.extraction import sites, speech
from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, singular
from explorer.core.extraction.words import CHINESE_PROVINCES, IRREGULAR_PAST, MUNICIPALITIES, STOPWORDS
from explorer.core.search import normalize
from explorer.core.vocab import KG

ORGANIZATION, PLACE, PROVINCE = str(KG.Organization), str(KG.Place), str(KG.Province)
#: Words that say only what kind of body a thing is: any of that kind the text named may be meant.
GENERIC_HEADS = frozenset(["company", "firm", "group", "corporation", "business", "enterprise", "organisation",
                           "organization", "conglomerate", "giant"])
#: Provinces' names that are also cities of their own, which "the province" never stands for.
_PROVINCES = sorted(CHINESE_PROVINCES - MUNICIPALITIES, key=len, reverse=True)
_PROVINCE_WORD = re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in _PROVINCES) + r")(?![\w-])", re.IGNORECASE)


def singular_head(mention: Mention) -> bool:
    """Whether the mention's head noun is singular ("5G networks", "carmakers" are kinds or several, no one thing)."""
    last = (mention.label or mention.text).split()[-1] if (mention.label or mention.text).split() else ""
    return not (last[:1].islower() and singular(last.lower()) != last.lower())


def words_of(mention: Mention) -> frozenset[str]:
    """The words the text used for a mention, singular and in lower case ("Hefei battery-pack supplier": supplier, …)."""
    found: set[str] = set()
    for phrase in {mention.text, mention.label or mention.text}:
        for word in re.findall(r"[A-Za-z][\w-]*", phrase):
            found.add(singular(word.lower()))
            found.add(singular(word.lower().rsplit("-", 1)[-1]))  # "battery-pack" also says "pack"
    return frozenset(found)


def descriptors(history: Iterable[Mention]) -> dict[str, frozenset[str]]:
    """For each entity (its key), every word the text used for it so far, by name or by description."""
    out: dict[str, set[str]] = {}
    for mention in history:
        out.setdefault(mention.key, set()).update(words_of(mention))
    return {key: frozenset(words) for key, words in out.items()}


def names_head(noun: str, words: frozenset[str]) -> bool:
    """Whether an entity called by ``words`` is one a description headed by ``noun`` names: the word itself, or a
    compound that ends in it ("chipmaker" is a maker)."""
    head = singular(noun.lower())
    return head in words or any(word.endswith(head) and len(word) > len(head) + 2 for word in words)


def specific(lexicon: Lexicon, noun: str, cls: str | None) -> bool:
    """A head that names a trade ("supplier", "carmaker"), not only what kind of body ("company"): the text must have
    called the antecedent so. Heads of other classes name their class ("the alliance", "the platform")."""
    head = singular(noun.lower())
    return head not in GENERIC_HEADS and cls is not None and lexicon.is_a(cls, [ORGANIZATION]) is True \
        and head not in (normalize(cls.rsplit("#", 1)[-1]),)


def place_kind(lexicon: Lexicon, cls: str | None) -> bool:
    return cls is not None and lexicon.is_a(cls, [PLACE]) is True


def province_named(history: Sequence[Mention], start: int, end: int, text: str) -> Mention | None:
    """"the province": the province of China named last, alone or inside a name ("China Mobile's Liaoning branch",
    "Zhejiang 5G Industry Alliance"), in this sentence before the description or in an earlier one."""
    before = list(_PROVINCE_WORD.finditer(text[:start]))
    if before:
        name = before[-1].group(1)
    else:
        name = next((found[-1].group(1) for m in reversed(history)
                     if (found := list(_PROVINCE_WORD.finditer(m.label or m.text)))), None)
    if name is None:
        return None
    return Mention(start, end, text[start:end], None, PROVINCE, name, "definite")


def of_known_kind(lexicon: Lexicon, cls: str, history: Sequence[Mention]) -> Mention | None:
    """The place named last the text gave that very kind ("Zhengzhou" after "the city of Zhengzhou")."""
    return next((m for m in reversed(history) if m.cls is not None and lexicon.is_a(m.cls, [cls]) is True), None)


def place_description(lexicon: Lexicon, cls: str, history: Sequence[Mention], start: int, end: int, text: str,
                      scenes: frozenset[str] = frozenset(), subject: Mention | None = None) -> Mention | None:
    """What "the province" or "the city" at ``start``–``end`` stands for, if the text says (None otherwise). ``scenes``:
    keys of names a sentence opened on as its scene ("In Liuzhou, …"), places of no known kind; ``subject``: the
    subject of the sentence before."""
    if lexicon.is_a(cls, [PROVINCE]) is True:
        known = of_known_kind(lexicon, cls, history)
        named = province_named(history, start, end, text)
        if known is not None and named is not None and normalize(known.label or known.text) != normalize(named.label or ""):
            # the later of the two: a province named inside a name counts where it stands, and one named in the
            # description's own sentence ("the Jilin Department of …, which … across the province") after any before it
            later = _named_after(history, known, named.label or "") or _PROVINCE_WORD.search(text[:start]) is not None
            return named if later else replace(known, start=start, end=end,
                                                                                          text=text[start:end], via="definite")
        if known is not None:
            return replace(known, start=start, end=end, text=text[start:end], via="definite")
        return named
    # a city: one the text gave that kind, one a scene opened on ("In Liuzhou, …"), or a city that is a province of its own
    known = next((m for m in reversed(history) if (m.cls is not None and lexicon.is_a(m.cls, [cls]) is True)
                  or (m.via in ("name", "label") and lexicon.is_a(m.cls, [cls]) is not False
                      and (m.key in scenes or normalize(m.label or m.text) in MUNICIPALITIES))), None)
    if known is None and subject is not None and subject.via in ("name", "label") and subject.cls is None \
            and re.search(r"(?<![\w-])(?:headquartered|based|located|registered|sited)\s+in\s+$", text[:start], re.IGNORECASE) \
            and descriptors(history).get(subject.key, frozenset()) <= words_of(subject):
        # "Zibo has courted chemical plants. X, headquartered in the city, …": where the words give a seat, the name the
        # text was speaking of, when nothing the text said of it makes it other than a place ("CATL, the Ningde-based
        # battery giant" is no city; "across the city", "the city's factories" give no seat)
        known = subject
    if known is None:
        return None
    return replace(known, start=start, end=end, text=text[start:end], via="definite", cls=known.cls or cls)


def _named_after(history: Sequence[Mention], known: Mention, province: str) -> bool:
    """Whether ``province`` stands in a mention after the last mention of ``known``."""
    last_known = max((i for i, m in enumerate(history) if m.key == known.key), default=-1)
    return any(_PROVINCE_WORD.search(m.label or m.text) and province.lower() in (m.label or m.text).lower()
               for m in history[last_known + 1:])


#: A lower-case word after a class word that goes on with its noun phrase ("the port | operator", "the city | bureau").
NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]*[a-z])\b(?!['’])")


def modifier(text: str, end: int) -> bool:
    """Whether the class word ending at ``end`` only modifies the noun after it ("the port operator")."""
    after = NOUN_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    # a noun that heads a body or one who acts ("operator", "owner"), not a verb ("the alliance | include")
    return word not in STOPWORDS and word not in IRREGULAR_PAST and (word in _BODY_HEADS or word.endswith(("tor", "ner", "ger")))


#: Heads of a body's name that a class word may modify ("the port group", "the city bureau", "the district government").
_BODY_HEADS = frozenset(["group", "bureau", "authority", "committee", "office", "arm", "unit", "company", "firm", "department",
                         "government", "administration", "commission", "association", "alliance", "council"])


#: A verb of saying (or of expecting, believing), and "that", right before a reported clause's "it" ("X said it will …",
#: "X says that it plans", "X expects it to …").
#: (A base form, "they say", is read before "that" only: "note", "report" are nouns as often.)
_SAID = speech.saying() + "|" + speech.alternation(["expect", "believe"])
_REPORTING = re.compile(rf"(?<![\w-])(?:(?:{_SAID})(?:\s+(?:on|in)\s+[A-Z]\w+)?\s+(?:that\s+)?|{speech.saying(('VB',))}\s+that\s+)$")
#: What may stand between a speaker and its verb: nothing, a relative "which", an adverb of time or manner.
_TO_VERB = re.compile(r"(?:\s*,\s*which|\s+(?:also|later|then|previously|now|has|had|have))*\s+")


def reported_it(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Ningbo Port said its network is cut off and that it plans to …", "China Mobile's branch, which says it has put up
    …": "it" opening what a speaker that is no person says stands for that speaker (not the subject of the sentence before,
    nor a thing named in between)."""
    out = list(mentions)
    for index, mention in enumerate(out):
        if mention.via != "pronoun" or mention.text.lower() != "it":
            continue
        before = text[:mention.start]
        verb = _REPORTING.search(before)
        if verb is None and re.search(r"(?<![\w-])and\s+that\s+$", before):
            verb = next(iter(reversed(list(re.finditer(rf"(?<![\w-])(?:{_SAID})\s", before)))), None)
        if verb is None:
            continue
        speaker = next((m for m in reversed(out[:index]) if m.end <= verb.start() and _TO_VERB.fullmatch(text[m.end:verb.start()])),
                       None)
        if speaker is None or speaker.via == "pronoun" or (speaker.cls or "").endswith("Person") \
                or (speaker.iri is None and speaker.label is None):
            continue
        out[index] = replace(speaker, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
    return out


#: ", one built by X", ", one that …": "one" after a comma, standing for a thing named before it.
_ONE_AFTER_COMMA = re.compile(r",\s+$")


def standing_for_one(lexicon: Lexicon, mention: Mention, mentions: Sequence[Mention], text: str) -> Mention:
    """What "one" after a comma stands for ("runs a similar system at its farms near P, one built by X": the system):
    the last thing named before it in the singular, no agent, place or site's owner; the mention itself otherwise."""
    if mention.text.lower() != "one" or not _ONE_AFTER_COMMA.search(text[:mention.start]):
        return mention
    before = [m for m in mentions if m.end <= mention.start and m.via not in ("pronoun", "name", "label")
              and lexicon.is_a(m.cls, [str(KG.Agent), str(KG.Place)]) is not True
              and singular((m.label or m.text).split()[-1].lower()) == (m.label or m.text).split()[-1].lower()]
    return replace(before[-1], start=mention.start, end=mention.end) if before else mention


_RISK, _PLACE, _PERSON = str(KG.CyberRisk), str(KG.Place), str(KG.Person)


def what_an_attack_hit(lexicon: Lexicon, mentions: Sequence[Mention], text: str, attack: Mention, before: int) -> Mention | None:
    """What "its" stands for when its clause's subject is an attack, which owns nothing: the thing the attack hit, named
    after it and before "its" ("an attack targeted a county hospital in P and knocked out its appointment system": the
    hospital; a place or a person aside). None when the subject is no attack or nothing stands between. A place taken
    for the subject (no subject found: "In May an attack hit a clinic in P and …") stands for the attack before it."""
    if lexicon.is_a(attack.cls, [_PLACE]) is True or (attack.via == "name" and re.search(r"(?<![\w-])in\s+$", text[:attack.start])):
        attack = next((m for m in mentions if m.end <= attack.start and lexicon.is_a(m.cls, [_RISK]) is True), attack)
    if lexicon.is_a(attack.cls, [_RISK]) is not True:
        return None
    return next((m for m in mentions if attack.end <= m.start and m.end <= before and m.via != "pronoun"
                 and all(lexicon.is_a(m.cls, [c]) is not True for c in (_RISK, _PLACE, _PERSON))), None)


def site_owner(lexicon: Lexicon, before: list[Mention], mentions: Sequence[Mention], text: str, near: Mention,
               after: int) -> Mention:
    """Whose site "its" (ending at ``after``) names when ``near`` is a thing, no body: "X said a network now runs through
    its factory" — a site is a body's, the name last named before (not a place's or a person's)."""
    if near.via not in ("phrase", "cue") or lexicon.is_a(near.cls, [str(KG.Agent)]) is True or apposed_name(before, text, near) \
            or not any(m.start == after + 1 and sites.has_site_head(lexicon, m) for m in mentions):
        return near
    return next((m for m in reversed(before) if m.via in ("name", "label")
                 and lexicon.is_a(m.cls, [PLACE, str(KG.Person)]) is not True), near)


def closing_speaker(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """"…, the academy said.": the one a sentence's closing reporting clause names, who speaks of what it said (an "it"
    opening the next sentence, where the sentence's own subject was several things, is that speaker)."""
    closing = re.search(rf",\s+([^,]{{1,80}}?)\s+{speech.saying()}[.\s\"”’']*$", text)
    if closing is None:
        return None
    return next((m for m in mentions if m.start == closing.start(1) and m.end == closing.end(1) and m.via != "pronoun"
                 and singular_head(m)), None)


def closing_description(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """"Tsingtao Brewery has moved …, the brewer said on Tuesday(, …)": a description closing a sentence that opens on a
    name calls that name (its key, by the description's noun), so "the brewer" of a later sentence is it (and "the
    carmaker", a class word's description, is the carmaker that said so, not the last company named)."""
    closing = re.search(rf",\s+the\s+([a-z]+)\s+{speech.saying()}(?:\s+on\s+\w+)?(?:[.\s\"”’']*$|,\s)", text)
    opening = next((m for m in mentions if m.start == 0 and m.via in ("name", "label")), None) if mentions else None
    if closing is None or opening is None or singular(closing.group(1)) != closing.group(1):
        return {}
    return {closing.group(1): opening.key}
