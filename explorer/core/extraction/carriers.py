"""What runs over a network: "inspection robots now stream video over 5G", "the cameras, made by X, stream video over a
private network", "where 200 welding robots take their orders over a private network".

A clause that does something "over" a network (a phrase whose head is a network, a slice or a link, or 5G itself)
says that what acts in it runs on that network: the clause's subject when it is a thing (machines, drones, a
system), and each thing listed with it. People spoken of generically are no things ("engineers send scans over 5G");
an agent or a site that works things over a network ("X runs 86 cranes over it") is left unread: what it works is
said to run there only as often as not. What a network "links", and what is "connected/linked to" one, runs on it too
(the writers' definition of kg:runsOn: "runs on / uses / is connected over").

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

AGENT, PLACE, RUNS_ON, PLATFORM = str(KG.Agent), str(KG.Place), str(KG.runsOn), str(KG.IndustrialInternetPlatform)

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


def _joined_carrier(lexicon: Lexicon, mention: Mention) -> bool:
    """A network, or a platform: what things are "connected to" runs them as a network does (the writers' kg:runsOn:
    "the network or platform it runs on or is connected over")."""
    words = (mention.label or mention.text).split()
    return _carrier(mention) or lexicon.is_a(mention.cls, [PLATFORM]) is True \
        or (bool(words) and singular(words[-1].lower()) == "platform")


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


#: A verb that moves things onto a network: "moved the cranes at its terminal onto" (things "connected to" a network
#: are read by ``joined_to_networks``).
_PUT_ON = re.compile(r"(?<![\w-])(?:moved|moves|switched|switches|shifted|migrated)\s+", re.IGNORECASE)
#: What ends the things moved before "onto": a clause break, a relative, a comma that opens no apposition.
_NO_APPOSITION = re.compile(r"[;]|\b(?:which|that|who|while)\b|,\s+(?!(?:a|an|the)\s)")
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
        # "moved the lines at its works in Harbin, the capital of Heilongjiang, onto …": an apposition may stand between
        onto = next((m for m in _ONTO.finditer(text, first.end)
                     if not _NO_APPOSITION.search(text[first.end:m.start()])), None)
        carrier = next((m for m in mentions if onto is not None and m.start == onto.end() and m.via != "pronoun"), None)
        if onto is None or carrier is None or not _carrier(carrier) or lexicon.is_a(carrier.cls, [AGENT, PLACE]) is True:
            continue
        for thing in _listed(mentions, text, first, onto.start()):
            if lexicon.is_a(thing.cls, [AGENT, PLACE]) is not True and not sites.has_site_head(lexicon, thing):
                yield (thing, RUNS_ON, carrier, verb.group().strip() + " … " + onto.group().strip(), verb.start(),
                       onto.end(), 0.5)


#: A verb that joins things to a network: "The network links 310 machine tools", "connected 900 cells … to a network".
_JOIN = r"(?:links?|linked|linking|connects?|connected|connecting)"
_JOINS = re.compile(rf"(?<![\w-]){_JOIN}\s+", re.IGNORECASE)
#: What may stand between the verb and the first thing joined: a determiner, a count word, an owner's possessive.
_OBJECT_FIRST = re.compile(r"(?:(?:the|a|an|its|their|some|about|all|more\s+than|nearly|over)\s+)*"
                           r"(?:\d[\d,]*\s+of\s+(?:the|its|their)\s+)?"  # "460 of its machines"
                           r"(?:(?:the\s+)?[\w-]+(?:['’]s|s['’])\s+)?", re.IGNORECASE)
#: Between the carrier and the verb: adverbs, an auxiliary ("The network also links", "the network has linked").
_CARRIER_TO_VERB = re.compile(r"\s+(?:(?:now|also|already|still|has|have|will|would|to)\s+)*", re.IGNORECASE)
#: Between two things joined: "200 cameras, its silos and about 90 trucks", "… as well as the group's power plant".
_JOINED_LIST = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|,?\s+as\s+well\s+as\s+)"
                          r"(?:(?:the|a|an|its|their|some|about|nearly|over)\s+)*(?:(?:the\s+)?[\w-]+(?:['’]s|s['’])\s+)?",
                          re.IGNORECASE)
_AND_BARE_PLURAL = re.compile(r"\s+and\s+((?:[a-z][\w-]*\s+)?([a-z]+))(?![\w-])")
_DESCRIBED = re.compile(r"\s+(?:that|which|who)\s")
_TO_CARRIER = re.compile(r"\s+to\s+(?:(?:the|a|an|its|their|one|this)\s+)?(?:[a-z][\w-]*['’]s\s+)?", re.IGNORECASE)


def _joined_things(lexicon: Lexicon, mentions: list[Mention], text: str, start: int, end: int) -> list[Mention]:
    """The things listed from ``start`` (after the verb) that end before ``end``: no agent, place, site or person."""
    first = next((m for m in mentions if m.start >= start and m.end <= end and m.via != "pronoun"
                  and _OBJECT_FIRST.fullmatch(text[start:m.start]) and not relatives.POSSESSOR.match(text, m.end)), None)
    if first is None:
        return []
    listed = [first]
    while (after := next((m for m in mentions if m.start > listed[-1].end and m.end <= end and m.via != "pronoun"
                          and _JOINED_LIST.fullmatch(text[listed[-1].end:m.start])), None)) is not None:
        listed.append(after)
    last = _AND_BARE_PLURAL.match(text, listed[-1].end)
    if last is not None and last.end() <= end and wordclass.plural(last.group(2)) is True \
            and not any(m.start < last.end() and m.end > last.start(1) for m in mentions):
        # "the paint lines and welding cells of its plant": a bare plural that closes the list is a thing too
        listed.append(Mention(last.start(1), last.end(), last.group(1), None, None, last.group(1), "phrase"))
    # "the 64 cranes, overhead machines that break the crust, …": a plural after a comma that a relative follows
    # describes the thing before it
    listed = [m for i, m in enumerate(listed) if i == 0 or not (text[listed[i - 1].end:m.start].strip() == ","
                                                               and _DESCRIBED.match(text, m.end))]
    return [m for m in listed
            if lexicon.is_a(m.cls, [AGENT, PLACE]) is not True and not sites.has_site_head(lexicon, m)
            and not _person(m) and not _carrier(m)]


def _subject_carrier(lexicon: Lexicon, mentions: list[Mention], text: str, verb: int) -> Mention | None:
    """The network a joining verb has for subject: right before it ("The network also links"), or before an aside that
    ends right before it ("The network, which X built with …, links")."""
    aside = next((s for s, e, _relative in relatives.asides(text) if e <= verb and not text[e:verb].strip()), None)
    before = verb if aside is None else aside
    subject = max((m for m in mentions if m.end <= before), key=lambda m: m.end, default=None)
    if subject is None:
        return None
    between = text[subject.end:before]
    if (aside is not None and between.strip()) or (aside is None and not _CARRIER_TO_VERB.fullmatch(between)):
        return None
    return subject if _joined_carrier(lexicon, subject) else None


def joined_to_networks(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"The network links 310 machine tools and 90 robots", "a network …, linking the plant's filling lines and its cold
    stores", "connected 900 cells on four potlines to a private network": each thing joined to a network runs on it
    (sites, agents, places and people are joined to it without running on it)."""
    for verb in _JOINS.finditer(text):
        word = verb.group().strip().lower()
        to = next((m for m in _TO_CARRIER.finditer(text, verb.end()) if not re.search(r"[;]|\b(?:which|that|who|while)\b",
                                                                                       text[verb.end():m.start()])), None)
        # (a reference keeps its article: "to | the network")
        target = next((m for m in mentions if to is not None and to.start() < m.start <= to.end() < m.end and m.via != "pronoun"), None)
        carrier: Mention | None
        # ("links the sensors to Chayun", a platform: the network that links them is what they run on)
        if target is not None and _carrier(target) and lexicon.is_a(target.cls, [AGENT, PLACE]) is not True:
            carrier, end = target, to.start() if to is not None else len(text)
        elif word.endswith("ing") and text[:verb.start()].rstrip().endswith(",") and to is None:
            # ", linking …": the participle speaks of the network the main clause names last before it
            carrier = max((m for m in mentions if m.end <= verb.start() and _carrier(m)), key=lambda m: m.end, default=None)
            end = len(text)
        else:
            carrier, end = _subject_carrier(lexicon, mentions, text, verb.start()), len(text)
        if carrier is None or lexicon.is_a(carrier.cls, [AGENT, PLACE]) is True:
            continue
        for thing in _joined_things(lexicon, mentions, text, verb.end(), end):
            if thing.key != carrier.key:
                yield (thing, RUNS_ON, carrier, word, verb.start(), verb.end(), 0.5)


#: A participle describing the thing before it as carried by a network: "controllers linked over 5G", "cameras …, linked
#: to the network,", "vehicles steered remotely via a slice".
_DESCRIBED_ON = re.compile(r"(?<![\w-])(?:(linked|connected|hooked\s+up)|[a-z]+ed)\s+(?:(?:[a-z]+ly|in\s+real\s+time)\s+)?"
                           r"(?:(over|via)|to)\s+(?:(?:the|a|an|its|their|one|this)\s+)?(?:[a-z][\w-]*['’]s\s+)?", re.IGNORECASE)


#: A form of "be" and adverbs between a thing and its participle: "are also connected to", "have now been linked to".
_BE = re.compile(r"\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be)\s+(?:(?:now|also|already|all|since|being)\s+)*",
                 re.IGNORECASE)


def described_on_networks(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"industrial cameras and controllers linked over 5G are exposed …", "cameras from X, linked to the network, inspect
    …": the things a participle describes as joined to a network, or working over one, run on it."""
    under = governed(mentions, text)
    for participle in _DESCRIBED_ON.finditer(text):
        if participle.group(1) is None and participle.group(2) is None:
            continue  # "moved to the network" says nothing of what runs on it; "linked to" and "… over" do
        # ("are connected over it": an "it" read as a network is that network)
        carrier = next((m for m in mentions if m.start == participle.end() and (m.via != "pronoun" or m.label)), None)
        passive = participle.group(1) is not None and participle.group(2) is None
        if carrier is None or not (_joined_carrier(lexicon, carrier) if passive else _carrier(carrier)) \
                or lexicon.is_a(carrier.cls, [AGENT, PLACE]) is True:
            continue
        before = [m for m in mentions if m.end <= participle.start() and m.via != "pronoun"]
        last = before[-1] if before else None
        between = text[last.end:participle.start()] if last is not None else ""
        # "The assembly lines are also connected to Guiyun", "detectors are connected over it": the verb "be" makes the
        # clause's subject what is joined
        be = (passive or participle.group(2) is not None) and _BE.fullmatch(between) is not None and last is not None \
            and _SUBJECT_FIRST.fullmatch(text[max((m.end() for m in _CLAUSE_OPEN.finditer(text, 0, last.start)), default=0):last.start])
        if last is None or not (re.fullmatch(r"\s+|,\s+", between) or be):
            continue
        in_commas = between.strip() == ","
        if not in_commas and participle.group(2) is None and not be:
            continue  # "systems linked to 5G at plants": "to" with no commas may say where, not what carries them
        if not in_commas and not be and not _carrier(carrier):
            continue
        if in_commas and not re.match(r"[^,;.]*,", text[carrier.end:]):
            continue  # "…, guided over a network that …": a participle closing the clause speaks of its subject
        if in_commas:
            # ", linked to the network,": the participle in commas describes the head before a phrase that qualifies it
            while (head := next((m for m in reversed(before) if m.end < last.start), None)) is not None \
                    and re.fullmatch(r"\s+(?:from|of|by|at|in)\s+(?:[\w.'’]+-[a-z]+\s+)?(?:the\s+)?", text[head.end:last.start]):
                last = head
        elif last in under:
            continue  # "robots at a plant linked over 5G": which one the participle speaks of is unsure
        things = [last]
        while (previous := next((m for m in reversed(before) if m.end <= things[0].start), None)) is not None \
                and re.fullmatch(r"\s*,\s*(?:and\s+)?|\s+and\s+", text[previous.end:things[0].start]) and previous not in under:
            things.insert(0, previous)
        for thing in things:
            if lexicon.is_a(thing.cls, [AGENT, PLACE]) is not True and not sites.has_site_head(lexicon, thing) \
                    and not _person(thing) and not _carrier(thing) and thing.key != carrier.key:
                yield (thing, RUNS_ON, carrier, participle.group().strip(), participle.start(), participle.end(), 0.5)
