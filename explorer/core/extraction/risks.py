"""The readings of the sentences about cyber risk that go before the patterns: weaknesses and exposures
(``weaknesses``), measures called for (``calls_for``), incidents (``incidents``) and who speaks (``speakers``). Each
reading takes its words, so no pattern reads them again."""

from __future__ import annotations

from explorer.core.extraction import calls_for, incidents, speakers, weaknesses
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.weaknesses import Reading, warned_of

__all__ = ["read_risks", "warned_of"]


def read_risks(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Reading]:
    """Every reading of the risk modules for one sentence, in their order."""
    return [*weaknesses.read_weaknesses(lexicon, mentions, text), *calls_for.calls(lexicon, mentions, text),
            *incidents.incidents(lexicon, mentions, text),
            *incidents.aimed_attacks(lexicon, mentions, text), *incidents.later_effects(lexicon, mentions, text),
            *speakers.described_names(lexicon, mentions, text), *speakers.reports(lexicon, mentions, text),
            *speakers.published_by(lexicon, mentions, text)]
