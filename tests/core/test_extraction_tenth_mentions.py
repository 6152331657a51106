"""Noun phrases of the tenth session: which things a sentence names and with which words (sentences written here,
none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _labels(text: str, lexicon: Lexicon) -> list[str]:
    return [(m.label or m.text) for m in MentionFinder(lexicon).find(text)]


# -- counted things ------------------------------------------------------------------------------------

def test_counted_equipment_is_named_by_its_kind_and_the_quote_keeps_the_count(lexicon: Lexicon) -> None:
    mentions = MentionFinder(lexicon).find("The upgrade put about 850 vibration sensors in Wuxi, the supplier said.")
    sensors = next(m for m in mentions if "sensors" in m.text)
    assert sensors.label == "vibration sensors" and sensors.text == "about 850 vibration sensors"
    assert ("torque wrenches", "locatedIn", "Liuzhou") in facts("Engineers fitted 75 torque wrenches in Liuzhou last year.", lexicon)
    assert "hydraulic presses" in _labels("The line added dozens of hydraulic presses this spring.", lexicon)


def test_counted_members_and_people_keep_their_count(lexicon: Lexicon) -> None:
    assert "95 new members" in _labels("The Jiangxi Robotics Alliance signed up 95 new members at its forum.", lexicon)
    assert "300 engineers" in _labels("The bureau sent 300 engineers to the plants.", lexicon)
