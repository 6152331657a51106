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


def test_a_singular_noun_in_s_is_no_plural_head(lexicon: Lexicon) -> None:
    # "gas" ends in -s but is singular: the phrase goes on to its head
    found = labels("The compressed natural gas filling station in Baotou opened in May.", lexicon)
    assert "compressed natural gas filling station" in found
    found = labels("Sensors in the mine watch for methane gas leaks, the operator said.", lexicon)
    assert any(label.endswith("gas leaks") for label in found)


def test_a_count_of_things_named_by_a_singular_in_s_counts_the_plural_after_it(lexicon: Lexicon) -> None:
    found = labels("The refinery installed about 400 gas analysers on its cracking units.", lexicon)
    assert "gas analysers" in found
