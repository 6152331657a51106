"""One name for a carrier's regional branch, whichever way a text words it.

Articles name the same branch "China Mobile Qinghai" and "China Mobile's Qinghai branch", often both in one text. The
graph labels such a branch the first way, with the possessive as its alias (the bundled graph's "China Mobile
Zhejiang", also called "China Mobile's Zhejiang branch"). A new branch an article names either way is given that
label and that alias, so the two wordings are one entity and a search by either finds it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import PLACE_NAMES

_CARRIER = r"China\s+(?:Mobile|Unicom|Telecom|Broadnet|Tower)"
_PLACE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
#: "China Mobile's Qinghai branch": the place between the carrier's "'s" and "branch" names the branch
_POSSESSIVE = re.compile(rf"(?P<carrier>{_CARRIER})['’]s\s+(?P<place>{_PLACE})\s+branch")
#: "China Mobile Qinghai": a carrier's name and a place (only a place known as one: "China Mobile Research" is no branch)
_PLAIN = re.compile(rf"(?P<carrier>{_CARRIER})\s+(?P<place>{_PLACE})")


#: "the Jiangsu branch of China Unicom": right after the place's name, "branch of" and the carrier
_OF_CARRIER = re.compile(rf"\s+(?:provincial\s+)?branch\s+of\s+(?P<carrier>{_CARRIER})(?![\w-])")


def branches_of_carriers(mentions: list[tuple[Mention, str]]) -> dict[str, str]:
    """The carriers' branches named "the Jiangsu branch of China Unicom", each mention (with its sentence's text) read
    as the place's name: per place, its carrier."""
    found: dict[str, str] = {}
    for mention, text in mentions:
        place = " ".join((mention.label or mention.text).split())
        after = _OF_CARRIER.match(text, mention.end) if mention.iri is None and mention.via == "name" else None
        if after is not None and place.lower() in PLACE_NAMES:
            found[place] = " ".join(after["carrier"].split())
    return found


def branch_names(mention: Mention, branches: dict[str, str] | None = None, text: str = "") -> Mention:
    """A new carrier branch under the graph's label for it, its other wording as an alias; any other mention as it is.
    ``branches`` (``branches_of_carriers``): places a text named as "the Jiangsu branch of China Unicom"; the place's name
    there (``text``: the mention's sentence) and a reference to it ("the branch") stand for the branch, the place's name
    elsewhere ("a yard in Jiangsu") for the place."""
    if mention.iri is not None:
        return mention
    place = " ".join((mention.label or mention.text).split())
    if branches and place in branches and (mention.via not in ("name", "label") or _OF_CARRIER.match(text, mention.end)):
        carrier = branches[place]
        return replace(mention, label=f"{carrier} {place}",
                       aliases=(f"{carrier}'s {place} branch", f"{place} branch of {carrier}"))
    name = " ".join((mention.label or mention.text).split())
    if (found := _POSSESSIVE.fullmatch(name)) is None:
        found = _PLAIN.fullmatch(name)
        if found is None or found["place"].lower() not in PLACE_NAMES:
            return mention
    carrier, place = found["carrier"], found["place"]
    return replace(mention, label=f"{carrier} {place}", aliases=(f"{carrier}'s {place} branch",))
