"""A sentence that opens on a scene: "In Hefei, S opened a workshop" (the workshop is in Hefei), "At the X mine,
driverless trucks haul coal" (the trucks stand at the mine), "In A, B and C, three of P's counties, stations …" (each
place listed)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import relatives, sites
from explorer.core.extraction.clauses import (
    AGENT,
    ESTABLISHED,
    LOCATED,
    LOCATION,
    OPERATED_BY,
    OPERATES,
    PLACE,
    PLATFORM,
    Fact,
    _at,
    _named,
)
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.spans import singular


def _demands_agent_or_place(lexicon: Lexicon, predicate: str) -> bool:
    """Whether the property's object is always an agent or a place ("signed a deal with X", "built by
    X", "X-based"): who acts, or a place, is not what a scene-setting place puts there."""
    range_ = lexicon.ends(predicate)[1]
    return bool(range_) and all(lexicon.is_a(c, [AGENT, LOCATION]) for c in range_)


_OPENING_PLACE = re.compile(r"(?:in|at|inside)\s+(?:(?:the|a|an)\s+)?", re.IGNORECASE)
#: A distance or a direction from the place before, opening a sentence: "Some 600 km to the east, ", "Further south, ".
_DIRECTION_FIRST = re.compile(r"[A-Z][^,]{0,50}?(?<![\w-])(?:north|south|east|west|north-east|north-west|south-east|"
                              r"south-west|away|coast|inland|upstream|downstream|upriver|downriver)"
                              r"(?:\s+of\s+[A-Z][\w'’-]*)?,\s+")


def _scene_end(mentions: list[Mention], text: str, place: Mention) -> int:
    """Where the main clause opens after an opening scene: past "in P" and the asides that describe the scene ("At
    the X mine in Ordos, which is operated by Y, a subsidiary of Z, …"); -1 when no comma closes the scene."""
    position = _listed_places(mentions, text, place)[-1].end
    within = re.match(r"\s+(?:in|at|near)\s+", text[position:])
    inner = _at(mentions, position + within.end()) if within else None
    if inner is not None:
        position = inner.end
    described = re.match(r"\s+(?:[a-z]+ed|run|owned|built)\s+by\s+(?:the\s+)?", text[position:])
    agent = _at(mentions, position + described.end()) if described else None
    if agent is not None:
        position = agent.end  # "At a quarry in Pizhou operated by Jinshan Mining, …"
    for aside_start, aside_end, _relative in relatives.asides(text):
        if aside_start == position or (aside_start == position - 1 and text[aside_start] == ","):  # a comma shared
            position = aside_end
    if (counted := re.match(r",\s+(?:one|two|three|four|five|six|both|all)\s+of\s+[^,]+,", text[position:])) is not None:
        position += counted.end()  # "In A, B and C, three of Yuxi's counties, …"
    if position > place.end and text[position - 1] == ",":
        return position
    comma = text.find(",", position)
    return comma + 1 if comma >= 0 and not text[position:comma].strip() else -1


def _listed_places(mentions: list[Mention], text: str, place: Mention) -> list[Mention]:
    """"In Jiangchuan, Tonghai and Eshan, …": the named places a scene lists, the first one ``place``."""
    listed = [place]
    while place.via in ("name", "label") and (joint := re.match(r"\s*,\s*(?:and\s+)?|\s+and\s+", text[listed[-1].end:])) \
            and (following := _at(mentions, listed[-1].end + joint.end())) is not None and following.via in ("name", "label") \
            and "and" not in text[listed[0].end:listed[-1].start]:
        listed.append(following)
    # (the list closes the scene with a comma: "In Hefei, Nio and JAC opened a plant" lists who acts)
    return listed if "and" in text[listed[0].end:listed[-1].start] and text[listed[-1].end:].startswith(",") else [place]


def _scene_site(lexicon: Lexicon, mention: Mention) -> bool:
    """A site named with "the" ("the Heidaigou mine", "the port of Qingdao"): its head noun is a site's."""
    head = (mention.label or mention.text).split(" of ")[0].split()
    return mention.via != "pronoun" and bool(head) and singular(head[-1].lower()) in sites.site_heads(lexicon)


#: The words of a thing joined to a network (``carriers.joined_to_networks``).
_JOINED_WORDS = frozenset(["links", "linked", "linking", "connects", "connected", "connecting"])


def opening_place(lexicon: Lexicon, facts: list[Fact], mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"In Hefei, the provincial capital, S opened a workshop": a sentence that opens on a named place (or on a site,
    "At the X mine, …") sets the scene of its first fact, whose object stands there (unless the sentence places it);
    "At the X mine, driverless trucks haul coal": a thing that is the main clause's subject stands there."""
    lead = _DIRECTION_FIRST.match(text)  # "A few kilometres south, in the X zone, …"
    opening = _OPENING_PLACE.match(text, lead.end() if lead else 0)
    if opening is None:
        return
    # (a definite reference may span its article: "Inside | the greenhouses|, …")
    place = _at(mentions, opening.end()) or _at(mentions, opening.start() + len(opening.group().split()[0]) + 1)
    # "In the Suzhou Industrial Park, …": a name may take "the", as a site does
    named_place = place is not None and place.via in ("name", "label") and lexicon.is_a(place.cls, [PLACE]) is not False
    # a site, named with an article ("At the X mine", "At a quarry in P"), sets the scene as a named place does
    if place is None or place.via == "pronoun" or not ((_scene_site(lexicon, place)
                                                         and re.search(r"(?:the|a|an)\s+$", opening.group(), re.IGNORECASE))
                                                        or named_place):
        return
    owned = re.match(r"['’]s\s+", text[place.end:]) if named_place else None
    if owned is not None and (part := _at(mentions, place.end + owned.end())) is not None:
        place = part  # "In Hefei's Xinqiao area, …": the scene is the named place's part
    main = _scene_end(mentions, text, place)
    if main < 0:
        return
    comma = main - 1
    acts = [f for f in facts if f[4] > comma and f[1] not in (LOCATED, OPERATES) and f[2].key != place.key
            and f[3] not in _JOINED_WORDS  # "In P, S connected its lines to a network": where the network is goes unsaid
            and not re.search(r",\s+(?:a|an)\s[^,]*$", text[:f[4]])  # "…, a system developed with X": no main clause
            and (lexicon.is_a(f[2].cls, [AGENT, PLACE]) is not True or f[1] == ESTABLISHED)
            and (not _demands_agent_or_place(lexicon, f[1]) or f[1] == ESTABLISHED)  # "In P, S set up a centre": it is in P
            and lexicon.is_a(f[2].cls, [PLATFORM]) is not True]  # a platform is used from a place, not in it
    # "In P, S runs a terminal": what the main clause's subject runs there (a site)
    # (or a site the main clause says is run by someone: "…, S teamed up with T to turn a plant run by X into …")
    site = next((f[2] for f in facts if f[1] == OPERATES and (f[3] in ("at its", "its") or (
        f[4] > comma and f[0].start >= main and sites.has_site_head(lexicon, f[2])))), None) \
        or next((f[0] for f in facts if f[1] == OPERATED_BY and f[0].start > comma and sites.has_site_head(lexicon, f[0])), None)
    subject = next((m for m in mentions if m.start >= main and not text[main:m.start].strip()), None)
    listed_subjects: list[Mention] = []
    if subject is not None and subject.via != "pronoun" and lexicon.is_a(subject.cls, [AGENT, PLACE]) is not True \
            and not _named(subject):
        site, acts = subject, []  # the main clause's subject is a thing: it stands at the scene
        # "Inside the halls, robots and cameras from X record …": each thing the subject lists stands there
        while (joint := re.match(r"\s*,\s*(?:and\s+)?|\s+and\s+", text[([subject, *listed_subjects][-1]).end:])) \
                and (following := _at(mentions, [subject, *listed_subjects][-1].end + joint.end())) is not None \
                and following.via in ("phrase", "cue") and "and" not in text[subject.end:following.start - len(joint.group())]:
            listed_subjects.append(following)
    if site is None and not acts:
        return
    target = site or acts[0][2]
    if target.key == place.key or any(f[0].key == target.key and f[1] == LOCATED for f in facts):
        return
    places = _listed_places(mentions, text, place)
    if subject is None or lexicon.is_a(subject.cls, [AGENT]) is True:
        places = [place]  # "In Hefei, Nio and JAC, two carmakers, opened a plant": who acts is listed, no place
    for one in places:
        for thing in (target, *listed_subjects):
            yield (thing, LOCATED, one, opening.group().strip(), 0, opening.end(), 0.55)
