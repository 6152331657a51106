"""Boundaries of noun phrases (eleventh session): names kept whole, heads kept, verbs and quantifiers left out
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_name_ending_on_a_word_that_opens_an_earlier_word_keeps_its_middle(lexicon: Lexicon) -> None:
    # "Co" opens "Container": the name still ends on its own last word
    assert "Xiamen Container Terminal Co" in labels("Xiamen Container Terminal Co runs the quay.", lexicon)
    assert "Tianjin Port Container Co" in labels("The berth is leased to Tianjin Port Container Co.", lexicon)
