"""Ends the mention finder never found (thirteenth session): measures before a head noun, ... (sentences written
here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_measure_before_a_head_noun_is_a_word_of_the_phrase(lexicon: Lexicon) -> None:
    found = labels("Datang said the site's three 350-megawatt turbines at Tuoketuo now report over 5G.", lexicon)
    assert "350-megawatt turbines" in found
    found = labels("The network also reaches the utility's 1,200-megawatt pumped-storage station.", lexicon)
    assert any(label.endswith("1,200-megawatt pumped-storage station") for label in found)


def test_a_measured_count_of_units_keeps_its_count(lexicon: Lexicon) -> None:
    # "units" after a measure names no kind: the count tells which units are meant
    assert "three 300-megawatt units" in labels("Huadian commissioned three 300-megawatt units at Kaili.", lexicon)


def test_a_measured_thing_is_placed_where_the_text_puts_it(lexicon: Lexicon) -> None:
    text = "Guodian operates the Qianxi power station. The station's two 600-megawatt boilers at Hongqi run on 5G."
    assert ("600-megawatt boilers", "runsOn", "5G") in facts(text, lexicon)


def test_a_definite_plural_placed_by_a_preposition_is_a_thing(lexicon: Lexicon) -> None:
    text = "Nokia mounted 30 small cells across the boiler houses, and drones fly along the cooling towers."
    found = labels(text, lexicon)
    assert "boiler houses" in found and "cooling towers" in found


def test_a_definite_plural_after_in_is_no_new_thing(lexicon: Lexicon) -> None:
    # guard: "in the Xs" after an activity says where it goes on, a kind of place rather than things named
    text = "The network, built by Unicom, supports remote ladle tracking in the casting shops."
    assert not any(p == "locatedIn" for _s, p, _o in facts(text, lexicon))


def test_two_modifiers_joined_by_and_share_a_plural_head(lexicon: Lexicon) -> None:
    found = labels("Sany fitted 24 tracked and crane-mounted cameras to the kilns.", lexicon)
    assert "tracked and crane-mounted cameras" in found
    found = labels("The operator linked 96 village and county pharmacies in Guizhou.", lexicon)
    assert any(label.endswith("village and county pharmacies") for label in found)


def test_and_between_two_things_still_joins_two_things(lexicon: Lexicon) -> None:
    # guards: a plural before "and", or a singular head after it, keeps two things
    found = labels("Robots at the yard run on cranes and container trucks.", lexicon)
    assert "cranes" in found and "container trucks" in found
    found = labels("Unicom built a network for ventilation and water pumping at the mine.", lexicon)
    assert not any(" and " in label for label in found)


def test_a_word_only_ever_a_verb_opens_no_phrase(lexicon: Lexicon) -> None:
    found = labels("Ma said utilities should audit vendors, enforce hardware tokens and train staff.", lexicon)
    assert "hardware tokens" in found and not any(label.startswith("enforce") for label in found)
    text = "The academy, which designed most of Gansu's kilns, contributed vibration sensors that run on the cloud."
    found = labels(text, lexicon)
    assert "vibration sensors" in found and not any(label.startswith("contributed") for label in found)


def test_a_past_that_describes_stays_in_its_phrase(lexicon: Lexicon) -> None:
    # guard: a past after a preposition describes the noun
    assert "forged valve commands" in labels("The pumps were exposed to forged valve commands.", lexicon)


def test_a_name_joining_two_metals_is_one_name(lexicon: Lexicon) -> None:
    text = "Kunlun Cloud was built with the Lanzhou Nickel and Titanium Design and Research Institute, a unit of Jinchuan."
    assert "Lanzhou Nickel and Titanium Design and Research Institute" in labels(text, lexicon)
    # guard: two names of their own stay two
    found = labels("Baiyin Copper and Gansu Mobile signed a deal.", lexicon)
    assert "Baiyin Copper" in found and "Gansu Mobile" in found


def test_a_province_town_or_new_district_after_a_place_s_possessive_is_a_place_of_its_own(lexicon: Lexicon) -> None:
    text = "The yard sits in Vietnam's Quang Ninh province."
    assert {"Vietnam", "Quang Ninh province"} <= set(labels(text, lexicon))
    assert ("Quang Ninh province", "locatedIn", "Vietnam") in facts(text, lexicon)
    found = labels("The depot opened in Jinhua's Yiwu town and later in Hefei's Binhu New District.", lexicon)
    assert {"Jinhua", "Yiwu town", "Hefei", "Binhu New District"} <= set(found)


def test_a_body_after_a_province_s_possessive_is_based_there(lexicon: Lexicon) -> None:
    text = "Yunnan's Bureau of Ecology and Environment ordered the smelter to cut emissions."
    assert ("Yunnan's Bureau of Ecology and Environment", "basedIn", "Yunnan") in facts(text, lexicon)
    # guard: makers of a province are a kind, no body the keys place
    text = "Sichuan's furniture makers have bought 5G routers."
    assert not any(p == "basedIn" for _s, p, _o in facts(text, lexicon))


def test_a_word_only_ever_a_verb_may_still_describe_after_and(lexicon: Lexicon) -> None:
    # guard: "straddle" is only a verb in the lexicon, yet after "and" it describes carriers
    found = labels("The yard runs 30 cranes and straddle carriers over 5G.", lexicon)
    assert "straddle carriers" in found


def test_a_large_city_in_an_apposed_description_is_where_the_name_is_based(lexicon: Lexicon) -> None:
    text = "Lianda Sensors, a six-year-old Kunming start-up, supplied the gauges."
    assert ("Lianda Sensors", "basedIn", "Kunming") in facts(text, lexicon)
    text = "The probes came from Hengrui Controls, the Changchun maker of industrial relays."
    assert ("Hengrui Controls", "basedIn", "Changchun") in facts(text, lexicon)
    # guard: a unit a possessive names by a province is left as before ("its Hunan branch" states no seat)
    assert not any(p == "basedIn" for _s, p, _o in facts("Unicom said its Hunan branch built the network.", lexicon))


def test_counts_past_twelve_and_a_rank_before_a_count(lexicon: Lexicon) -> None:
    assert "portable dialysis units" in labels("Mindray shipped fifteen portable dialysis units to Lhasa.", lexicon)
    assert "last 40 farms" in labels("The bureau said the last 40 farms would be in Xilinhot.", lexicon)


def test_an_ing_noun_ending_a_clause_heads_its_phrase(lexicon: Lexicon) -> None:
    found = labels("The racks stand in the terminal's main switching building.", lexicon)
    assert any(label.endswith("switching building") for label in found)
    # guard: an -ing verb with an object after it still opens the verb's clause
    found = labels("Sinopec is building a network at the port.", lexicon)
    assert not any("building" in label for label in found)


def test_a_town_after_a_name_is_a_word_of_the_name(lexicon: Lexicon) -> None:
    assert "Humen town" in labels("The dyeing plant in Humen town runs on 5G.", lexicon)


def test_a_described_subject_after_a_fronted_place_is_a_thing(lexicon: Lexicon) -> None:
    found = labels("Inside the kilns, the thermal sensors come from Ouhai Controls.", lexicon)
    assert "thermal sensors" in found
