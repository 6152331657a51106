"""A standard named with what it is for (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _names(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_standard_keeps_its_scope(lexicon: Lexicon) -> None:
    assert ("Hebei 5G Industry Alliance", "published", "5G safety-monitoring standard for coking plants") in facts(
        "Last year the Hebei 5G Industry Alliance published a 5G safety-monitoring standard for coking plants.", lexicon)
    names = _names("The group is drafting a shared specification for 5G-based kiln monitoring, which it will publish.", lexicon)
    assert "shared specification for 5G-based kiln monitoring" in names and "5G-based kiln monitoring" not in names


def test_a_scope_with_an_article_or_a_clause_is_no_part_of_the_name(lexicon: Lexicon) -> None:
    names = _names("The ministry issued a safety standard for the sector in May.", lexicon)
    assert "safety standard" in names
    names = _names("It wrote a common standard for 5G-connected looms that the institute plans to publish.", lexicon)
    assert "common standard for 5G-connected looms" in names


def test_what_a_relative_clause_plans_to_publish_is_published_by_its_subject(lexicon: Lexicon) -> None:
    found = facts("Its members will share a common standard for 5G-connected looms that the Zhejiang Silk Research Institute "
                  "plans to publish in the autumn.", lexicon)
    assert ("Zhejiang Silk Research Institute", "published", "common standard for 5G-connected looms") in found
    found = facts("The Hebei 5G Industry Alliance is drafting a shared specification for 5G-based kiln monitoring, which it "
                  "expects to publish by the end of the year.", lexicon)
    assert ("Hebei 5G Industry Alliance", "published", "shared specification for 5G-based kiln monitoring") in found


def test_a_word_of_time_ends_the_scope(lexicon: Lexicon) -> None:
    names = _names("The alliance will publish a safety standard for 5G crane control early next year.", lexicon)
    assert "safety standard for 5G crane control" in names
