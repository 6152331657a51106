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


# -- definite noun phrases the words after them restrict -----------------------------------------------

def test_a_definite_restricted_by_of_names_a_thing_after_a_preposition_too(lexicon: Lexicon) -> None:
    assert "controllers" in _labels("Hackers locked the controllers of 30 paint robots at a plant in Wuhu.", lexicon)
    assert "booking system" in _labels("An attack on the booking system of a ferry operator in Dalian delayed sailings.", lexicon)
    # a measure, a part or an act before "of" is no thing, nor is an owner's equipment as a whole
    assert "rest" not in _labels("The rest of the plant is old.", lexicon)
    assert "systems" not in _labels("In May, hackers broke into the systems of a brake maker in Wuhu.", lexicon)
    assert "servers" not in _labels("Malware disabled the servers of a grain trader.", lexicon)


def test_a_definite_restricted_by_a_relative_clause_with_its_own_subject_names_a_thing(lexicon: Lexicon) -> None:
    assert "laser cutters" in _labels("Sany fitted modems to the laser cutters it supplies to Geely.", lexicon)
    found = facts("Baowu runs the turbine works that Harbin Electric built.", lexicon)
    assert ("Baowu", "operates", "turbine works") in found


def test_works_after_a_modifier_and_before_a_relative_is_a_site(lexicon: Lexicon) -> None:
    assert "steel works" in _labels("Hesteel upgraded the steel works, which opened in 1958.", lexicon)
    assert "steel works" not in _labels("The plan works, officials said.", lexicon)
