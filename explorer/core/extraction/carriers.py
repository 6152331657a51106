"""What runs over a network: "inspection robots now stream video over 5G", "the cameras, made by X, stream video over a
private network", "where 200 welding robots take their orders over a private network".

A clause that does something "over" a network (a phrase whose head is a network, a slice or a link, or 5G itself)
says that what acts in it runs on that network: the clause's subject when it is a thing (machines, drones, a
system), and each thing listed with it. People spoken of generically are no things ("engineers send scans over 5G");
an agent or a site that works things over a network ("X runs 86 cranes over it") is left unread: what it works is
said to run there only as often as not.

None of them quotes an article; the words read are English function words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import relatives, sites, wordclass
from explorer.core.extraction.constructions import governed
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon
from explorer.core.extraction.spans import Mention, singular
from explorer.core.extraction.words import GENERIC_PEOPLE
from explorer.core.vocab import KG

AGENT, PLACE, RUNS_ON = str(KG.Agent), str(KG.Place), str(KG.runsOn)

#: Fact: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

#: Heads of a phrase that names a carrier of traffic ("a 5G private network", "a dedicated slice", "the new links").
_CARRIER_HEADS = frozenset(["network", "slice", "link", "connection"])
#: "over the fab's 5G network": an owner's possessive may stand before the carrier.
_OVER = re.compile(r"(?<![\w-])over\s+(?:(?:the|a|an|its|their|one|this)\s+)?(?:[a-z][\w-]*['’]s\s+)?", re.IGNORECASE)
#: Where the clause "over" stands in opens: a clause break, or a relative word.
_CLAUSE_OPEN = re.compile(r"[;:]|,\s|(?<![\w-])(?:where|whose|while)\s", re.IGNORECASE)
#: What may stand before a clause's subject: a determiner, a quantifier, an adverb.
_SUBJECT_FIRST = re.compile(r"\s*(?:(?:since|in|by)\s+(?:early\s+|late\s+)?\d{4},?\s+)?"  # "Since 2021 the cranes …"
                            r"(?:(?:the|a|an|its|their|some|about|now|also|all|both|many|most|these|those|such|each)\s+)*",
                            re.IGNORECASE)
#: A preposition after the subject opening a phrase that says where it is ("terminals on feeders in X now report …").
_PLACE_PHRASE = re.compile(r"\s+(?:on|in|at|near|across|inside|along)\s+(?:(?:the|its|their)\s+)?")
_AND_PLURAL = re.compile(r"\s+and\s+([a-z]+)(?=\s+(?:have|has|are|were|now|all)\b)")
_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+along\s+with\s+(?:a\s+fleet\s+of\s+)?")


def _carrier(mention: Mention) -> bool:
    words = (mention.label or mention.text).split()
    return bool(words) and (singular(words[-1].lower()) in _CARRIER_HEADS or words[-1] in ("5G", "4G"))


def _person(mention: Mention) -> bool:
    head = (mention.label or mention.text).split()[-1].lower()
    return singular(head) in GENERIC_PEOPLE or mention.via == "pronoun"


def _listed(mentions: list[Mention], text: str, first: Mention, end: int) -> list[Mention]:
    """``first`` and the things listed after it before ``end`` ("welding robots and 60 AGVs")."""
    out = [first]
    while (after := next((m for m in mentions if m.start > out[-1].end and m.end <= end
                          and _LIST_JOINT.fullmatch(text[out[-1].end:m.start])), None)) is not None:
        out.append(after)
    return out


def over_networks(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """Each thing that acts in a clause "over" a network runs on that network."""
    under = governed(mentions, text)
    for over in _OVER.finditer(text):
        carrier = next((m for m in mentions if m.start == over.end() and m.via != "pronoun"), None)
        if carrier is None or not _carrier(carrier) or lexicon.is_a(carrier.cls, [AGENT, PLACE]) is True:
            continue
        opening = max((m.end() for m in _CLAUSE_OPEN.finditer(text, 0, over.start())), default=0)
        aside = next((s for s, e, _relative in relatives.asides(text) if e in (opening, opening - 1)), None)
        # "The cameras, made by X, stream video over …": the subject stands before the aside that ends at the comma
        head = next((m for m in mentions if aside is not None and m.end == aside and m.via != "pronoun"), None)
        inside = ([head] if head is not None else []) + [m for m in mentions if m.start >= opening and m.end <= over.start()
                                                         and m.via != "pronoun"]
        clause_start = opening
        if head is not None:
            opening = max((m.end() for m in _CLAUSE_OPEN.finditer(text, 0, head.start)), default=0)
        subject = next((m for m in inside if m not in under), None)
        if subject is None or _person(subject) or not _SUBJECT_FIRST.fullmatch(text[opening:subject.start]):
            continue  # the clause's first phrase is its subject only with no verb before it
        if lexicon.is_a(subject.cls, [AGENT, PLACE]) is True or subject.via in ("name", "label") \
                or sites.has_site_head(lexicon, subject):
            continue  # who works things over a network ("X runs 86 cranes over it") is said to run nothing on it
        users = _listed(mentions, text, subject, over.start()) if subject is not head else [head]
        after = clause_start if subject is head else users[-1].end  # past the aside, or past a bracket: "(AGVs)"
        while subject is not head and (joint := _PLACE_PHRASE.match(text, after)) is not None \
                and (placed := next((m for m in mentions if m.start == joint.end() and m.end <= over.start()), None)) is not None:
            after = placed.end  # "terminals on feeders in Suzhou Industrial Park | now report faults over …"
        plural = _AND_PLURAL.match(text, after)
        if subject is not head and plural is not None and wordclass.plural(plural.group(1)) is True:
            # "the cranes and vehicles have been linked over …": a bare plural listed with the subject is a thing too
            users.append(Mention(plural.start(1), plural.end(1), plural.group(1), None, None, plural.group(1), "phrase"))
            after = plural.end(1)
        verb = re.match(r"(?:\s*\([^)]*\))?\s*(?:(?:now|also|still|all|both|then)\s+)*([a-z]+)", text[after:])
        if verb is None or verb.group(1) in PREPOSITIONS or verb.group(1) in ("and", "or"):
            continue  # no verb follows: a list or a phrase, not the clause's subject ("linking units, pipes in …")
        for user in users:
            if user.key != carrier.key and lexicon.is_a(user.cls, [AGENT, PLACE]) is not True and not _person(user):
                yield (user, RUNS_ON, carrier, "over", over.start(), over.end(), 0.5)


#: A verb that moves things onto a network: "moved the cranes at its terminal onto" (to be "connected to" a network
#: is said as often of a site's lines that report through it as of things that run on it: left unread).
_PUT_ON = re.compile(r"(?<![\w-])(?:moved|moves|switched|switches|shifted|migrated)\s+", re.IGNORECASE)
_ONTO = re.compile(r"\s+onto\s+(?:(?:the|a|an|its|their)\s+)?", re.IGNORECASE)


def put_on_networks(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"has moved the quay cranes at its terminal onto a 5G private network", "moved their control systems onto 5G": the
    things moved onto a network (not a site moved as a whole) run on it."""
    under = governed(mentions, text)
    for verb in _PUT_ON.finditer(text):
        first = next((m for m in mentions if m.start >= verb.end() and m not in under and m.via != "pronoun"
                      and _SUBJECT_FIRST.fullmatch(text[verb.end():m.start])), None)
        if first is None or lexicon.is_a(first.cls, [AGENT, PLACE]) is True or sites.has_site_head(lexicon, first) \
                or _carrier(first) or _person(first):
            continue
        onto = next((m for m in _ONTO.finditer(text, first.end) if not re.search(r"[,;]", text[first.end:m.start()])), None)
        carrier = next((m for m in mentions if onto is not None and m.start == onto.end() and m.via != "pronoun"), None)
        if onto is None or carrier is None or not _carrier(carrier) or lexicon.is_a(carrier.cls, [AGENT, PLACE]) is True:
            continue
        for thing in _listed(mentions, text, first, onto.start()):
            if lexicon.is_a(thing.cls, [AGENT, PLACE]) is not True and not sites.has_site_head(lexicon, thing):
                yield (thing, RUNS_ON, carrier, verb.group().strip() + " … " + onto.group().strip(), verb.start(),
                       onto.end(), 0.5)
