"""Which noun a participle, a relative clause or a list attaches to when another noun stands between it and its head.

English news prose puts a place between a thing and the participle that describes it ("a smelter in Baotou run by
Baotou Steel"): a town is run by no one, so "run by" describes the smelter. The readers here find that head; the
facts are stated by the trigger words as usual (``suggest``).
"""

from __future__ import annotations

import re

from explorer.core.extraction import sites
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.vocab import KG

PLACE = str(KG.Place)

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
