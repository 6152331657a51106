"""Which noun a participle, a relative clause or a list attaches to when another noun stands between it and its head.

English news prose puts a place between a thing and the participle that describes it ("a smelter in Baotou run by
Baotou Steel"): a town is run by no one, so "run by" describes the smelter. The readers here find that head; the
facts are stated by the trigger words as usual (``suggest``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction import sites
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.vocab import KG

PLACE, AGENT, THREAT, EVENT = str(KG.Place), str(KG.Agent), str(KG.CyberRisk), str(KG.Event)
LOCATED_IN = str(KG.locatedIn)

#: A thing and the preposition that places it: "a smelter | in | Baotou".
_PLACED_IN = re.compile(r"\s+(?:in|at|near|outside)\s+(?:the\s+)?")


def head_across_place(lexicon: Lexicon, mentions: list[Mention], text: str, start: int) -> list[Mention]:
    """The thing a participle at ``start`` describes when a place named after "in" or "at" stands right before it: "a
    gas plant in Korla operated by X" (the plant), not the town nor the clause's subject. Empty when there is none."""
    place = next((m for m in mentions if 0 <= start - m.end <= 1), None)
    if place is None or not _a_place(lexicon, place):
        return []
    head = next((m for m in mentions if m.end <= place.start and _PLACED_IN.fullmatch(text[m.end:place.start])), None)
    if head is None or head.via not in ("phrase", "cue", "definite") or lexicon.is_a(head.cls, [PLACE]) is True:
        return []
    return [head]


def _a_place(lexicon: Lexicon, mention: Mention) -> bool:
    """A place by its kind or a name of no known kind that names no site ("Korla", not "the Qarhan works")."""
    if lexicon.is_a(mention.cls, [PLACE]) is True:
        return True
    return mention.cls is None and mention.via in ("name", "label") and not sites.has_site_head(lexicon, mention)


#: The preposition that puts listed things in one site: "robots and cameras | at the | plant".
_AT_SITE = re.compile(r"\s+(?:at|across|inside|throughout)\s+(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*['’]s\s+)?")
#: What joins the members of a list of things: "A, B and C", "A as well as B".
_LIST_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+)(?:(?:the|its|their)\s+)?")


def listed_at_site(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"links 300 welding robots and machine-vision cameras at the plant", "installed scanners and tugs across a
    terminal": each thing of a list right before "at", "across" or "inside" and a site stands in that site. Agents,
    places and attacks are left out ("an intrusion at a plant" says what was hit, "a researcher at X" where one works)."""
    # "across the fab's cleanrooms": a possessor stands for no site of its own here
    ordered = sorted((m for m in mentions if not re.match(r"['’]s\s", text[m.end:m.end + 3])), key=lambda m: m.start)
    for index, site in enumerate(ordered):
        if index == 0 or not sites.one_site(lexicon, site, text):
            continue
        placed = _AT_SITE.fullmatch(text[ordered[index - 1].end:site.start])
        if placed is None:
            continue
        things = [ordered[index - 1]]
        for before in reversed(ordered[:index - 1]):
            if not _LIST_JOINT.fullmatch(text[before.end:things[0].start]):
                break
            things.insert(0, before)
        if len(things) < 2 or not all(_a_thing(lexicon, m) for m in things):
            continue  # one thing before "at" is read by the words of the clause ("at its", "where"); a list is not
        # a counted thing ("more than 400 robots") is left to the readers of counts, which name it without its number
        for thing in things:
            if thing.key != site.key and not _COUNTED.match(thing.label or thing.text):
                yield (thing, LOCATED_IN, site, placed.group().strip(), ordered[index - 1].end, site.start, 0.5)


def _a_thing(lexicon: Lexicon, mention: Mention) -> bool:
    """A described thing, such as equipment: no name, no agent, no place, no attack."""
    if mention.via not in ("phrase", "cue"):
        return False
    return mention.cls is None or not any(lexicon.is_a(mention.cls, [c]) for c in (AGENT, PLACE, THREAT, EVENT))


_COUNTED = re.compile(r"(?:(?:more|fewer|less)\s+than|over|some|about|around|nearly|almost|up\s+to)?\s*\d[\d,]*\s", re.IGNORECASE)
