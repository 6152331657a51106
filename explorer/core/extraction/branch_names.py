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


def branch_names(mention: Mention) -> Mention:
    """A new carrier branch under the graph's label for it, its other wording as an alias; any other mention as it is."""
    if mention.iri is not None:
        return mention
    name = " ".join((mention.label or mention.text).split())
    if (found := _POSSESSIVE.fullmatch(name)) is None:
        found = _PLAIN.fullmatch(name)
        if found is None or found["place"].lower() not in PLACE_NAMES:
            return mention
    carrier, place = found["carrier"], found["place"]
    return replace(mention, label=f"{carrier} {place}", aliases=(f"{carrier}'s {place} branch",))
