"""Who speaks in a sentence about risks: "according to Beijing-based security firm Qi An Xin" (the firm named after its
description is based in Beijing), "In a report published in March, X said" (X published the report). Where a speaker
works is read by ``appositions.person_affiliations``.

The words read are the order of a description before a name and a report named at a sentence's opening.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.vocab import KG

PLACE, SOURCE = str(KG.Place), str(KG.Source)
BASED_IN, PUBLISHED = str(KG.basedIn), str(KG.published)


#: "P-based security firm Qi An Xin": a description before the name it describes.
_BASED_BEFORE_NAME = re.compile(r"(?<![\w-])([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)-based\s+(?:[a-z-]+\s+){0,3}(?:firm|company|maker"
                                r"|group|supplier|vendor|start-up|startup|operator|developer|provider)\s+(?=[A-Z])")
#: "In a report published in March, X said …": who speaks published the report.
_REPORT_OPENING = re.compile(r"(?:In|in)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,3}?(report|study|survey|paper|assessment"
                             r"|bulletin|notice|review)(?:\s+(?:published|released|issued)(?:\s+(?:in|on|last)\s+[\w,\s]{1,20}?)?)?,\s+")


def described_names(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Beijing-based security firm Qi An Xin": the name the description goes before is based in the place."""
    for described in _BASED_BEFORE_NAME.finditer(text):
        name = next((m for m in mentions if m.start == described.end() and m.via in ("name", "label")), None)
        place = next((m for m in mentions if described.start(1) <= m.start and m.end <= described.end(1)
                      and lexicon.is_a(m.cls, [PLACE]) is not False), None)
        place = place or Mention(described.start(1), described.end(1), described.group(1), None, PLACE, described.group(1), "name")
        if name is not None and lexicon.is_a(name.cls, [PLACE]) is not True:
            start = described.end(1)
            yield (name, BASED_IN, place, "-based", start, start + len("-based"), 0.7)


def reports(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"In a report published in March, X said …": X published the report."""
    for opening in _REPORT_OPENING.finditer(text):
        report = next((m for m in mentions if m.start <= opening.start(1) and opening.end(1) <= m.end and m.via != "pronoun"), None)
        speaker = next((m for m in mentions if m.start == opening.end()), None)
        if report is None or speaker is None or speaker.via in ("phrase", "pronoun") or lexicon.is_a(report.cls, [SOURCE]) is False \
                or not re.match(r"\s+(?:said|says|found|finds|warned|warns|reported|estimated|noted|concluded)\b", text[speaker.end:]):
            continue
        yield (speaker, PUBLISHED, report, "published", opening.start(), opening.end(), 0.6)
