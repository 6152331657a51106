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


# -- a technology's name inside a noun phrase, nouns in -ed ----------------------------------------------

def test_a_testbed_is_a_noun_and_the_technology_before_it_is_part_of_the_phrase(lexicon: Lexicon) -> None:
    found = facts("The institute runs a 5G testbed at its campus in Nanjing.", lexicon)
    assert ("institute", "operates", "5G testbed") in found
    assert "seabed cable" in _labels("The survey ship laid a seabed cable near Zhoushan.", lexicon)


def test_a_technology_name_between_common_nouns_stays_in_the_phrase(lexicon: Lexicon) -> None:
    assert "industrial 5G gateways" in _labels("Auditors found 70 industrial 5G gateways in Wuhu.", lexicon)
    labels = _labels("The operator has built private 5G networks for ports in Fujian.", lexicon)
    assert "private 5G networks" in labels and "5G" not in labels


def test_a_judging_adjective_before_a_technology_name_is_no_part_of_the_kind(lexicon: Lexicon) -> None:
    labels = _labels("Many mills reach the cloud through cheap 4G modems with default passwords.", lexicon)
    assert "4G modems" in labels and "cheap 4G modems" not in labels


# -- names a place's part or a site's noun completes -----------------------------------------------------

def test_a_part_of_a_place_after_the_places_possessive_is_a_place_of_its_own(lexicon: Lexicon) -> None:
    text = "In Nanjing's Jiangning district, Sugon has opened a server plant."
    labels = _labels(text, lexicon)
    assert "Nanjing" in labels and "Jiangning district" in labels
    assert ("Jiangning district", "locatedIn", "Nanjing") in facts(text, lexicon)
    found = facts("Sugon built a plant in Wuxi's high-tech zone.", lexicon)
    assert ("high-tech zone", "locatedIn", "Wuxi") in found


def test_a_name_before_a_common_noun_and_a_place_part_is_one_place(lexicon: Lexicon) -> None:
    assert "Meishan port area" in _labels("Ningbo Port moved its cranes in the Meishan port area onto 5G.", lexicon)
    found = facts("China Unicom built a network across the Dalang solar park in Yushu County.", lexicon)
    assert ("Dalang solar park", "locatedIn", "Yushu County") in found
    assert "Chuanshan terminal" in _labels("The system runs at the automated Chuanshan terminal.", lexicon)


def test_a_count_reaches_its_plural_past_an_adverb_and_after_roughly_or_more(lexicon: Lexicon) -> None:
    assert "remotely operated loaders" in _labels("The mine runs 30 remotely operated loaders over the network.", lexicon)
    assert "roughly 250 kiln-owning members" in _labels("The association promotes 5G among its roughly 250 kiln-owning members.", lexicon)
    assert "substations" in _labels("The utility will connect three more substations it runs near Lhasa.", lexicon)
    # a plural that opens a pattern's words is left to the pattern
    found = facts("The Hunan Robotics Alliance, whose 90 members include Zoomlion and Sany, met in May.", lexicon)
    assert {("Hunan Robotics Alliance", "hasMember", "Zoomlion"), ("Zoomlion", "memberOf", "Hunan Robotics Alliance")} & found


# -- words that judge a thing are no part of its name ------------------------------------------------------

def test_a_judging_word_before_a_new_thing_is_left_out_of_its_name(lexicon: Lexicon) -> None:
    found = facts("Geely opened its sprawling vehicle-assembly campus in Ningbo in May.", lexicon)
    assert ("Geely", "operates", "vehicle-assembly campus") in found
    labels = _labels("Investigators warned of so-called watering-hole attacks on ports.", lexicon)
    assert "watering-hole attacks" in labels
    # a kind named by an -ing word stays whole
    assert "dyeing plant" in _labels("Lutai runs a dyeing plant in Zibo.", lexicon)


def test_our_opens_a_noun_phrase_as_its_and_their_do(lexicon: Lexicon) -> None:
    assert "pumping stations" in _labels("Engineers once drove for days between our pumping stations, Zhou said.", lexicon)


# -- where a phrase or a name ends ------------------------------------------------------------------------

def test_an_adverb_of_place_after_a_noun_ends_its_phrase(lexicon: Lexicon) -> None:
    labels = _labels("Ganfeng runs a lithium hydroxide plant nearby, the company said.", lexicon)
    assert "lithium hydroxide plant" in labels
    assert "nearby port" in _labels("The ship docked at a nearby port.", lexicon)


def test_a_name_of_several_words_and_one_word_after_and_are_two_names(lexicon: Lexicon) -> None:
    labels = _labels("The lab works with Tian Rong Xin and Venustech on audits.", lexicon)
    assert "Tian Rong Xin" in labels and "Venustech" in labels
    # two product fields joined are one name
    assert "Hengtong Optical Fibre and Cable" in _labels("Hengtong Optical Fibre and Cable said so.", lexicon)


# -- definite compounds and what they refer back to ------------------------------------------------------

def test_a_plural_compound_goes_on_to_its_head_before_of(lexicon: Lexicon) -> None:
    labels = _labels("A botnet reached the variable frequency drives of a pump station in Yancheng.", lexicon)
    assert "variable frequency drives" in labels
    # an owner's accounts as a whole are the owner's
    assert "email accounts" not in _labels("A phishing gang compromised the email accounts of a valve maker.", lexicon)


def test_a_definite_compound_after_a_preposition_refers_to_the_name_ending_in_its_words(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    finder.find("Sugon opened a plant in the Kunshan Economic and Technological Development Zone.")
    mentions = finder.find("Ransomware later hit a parts maker in the development zone.")
    zone = next(m for m in mentions if m.text.endswith("development zone"))
    assert zone.label == "Kunshan Economic and Technological Development Zone"


def test_the_plant_refers_to_a_fab_or_a_campus_named_before(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    finder.find("Tianma has built a network at its LCD fab in Xiamen.")
    mentions = finder.find("Images are checked by a model running on a server inside the plant.")
    assert any(m.label == "LCD fab" and m.text.endswith("plant") for m in mentions)


def test_a_quoted_programme_opening_on_a_technology_is_one_thing(lexicon: Lexicon) -> None:
    found = facts('The Jiangsu bureau, which promotes "5G plus smart logistics", has funded 30 networks.', lexicon)
    assert any(p == "promotes" and o == "5G plus smart logistics" for _s, p, o in found)


# -- things a participle with its agent or complement describes -------------------------------------------

def test_a_thing_described_by_a_participle_is_a_thing(lexicon: Lexicon) -> None:
    found = facts("Drones map the fields, while tractors supplied by Lovol send soil data to a platform.", lexicon)
    assert ("tractors", "builtBy", "Lovol") in found or ("Lovol", "built", "tractors") in found
    found = facts("The mill runs on a private core, with encryption supplied by ZTE.", lexicon)
    assert ("encryption", "builtBy", "ZTE") in found or ("ZTE", "built", "encryption") in found
    assert "sensor logs" in _labels("Hackers tampered with the sensor logs used to balance the furnace.", lexicon)
    # a verb in the present after a definite subject is no participle, and time is no thing
    assert "projects" not in _labels("The projects run on the Guangxi cloud platform.", lexicon)
    assert "time" not in _labels("It has cut the time needed to check a wing from two days to six hours.", lexicon)


def test_a_name_after_of_owns_the_thing_before_unless_that_is_a_kind_of_place(lexicon: Lexicon) -> None:
    labels = _labels("Hackers reached the industrial internet platform of Jinhong Precision in May.", lexicon)
    assert "industrial internet platform" in labels and "Jinhong Precision" in labels
    assert "port of Rizhao" in _labels("At the port of Rizhao, the group has deployed cranes.", lexicon)


def test_an_ing_word_after_a_noun_before_a_preposition_or_an_object_is_a_participle(lexicon: Lexicon) -> None:
    labels = _labels("A pump controller sitting on the open internet is a risk, Wang said.", lexicon)
    assert "pump controller" in labels and "pump controller sitting" not in labels
    assert "plant making" not in " ".join(_labels("Ransomware hit a plant making gearboxes in Liuzhou.", lexicon))
    assert "rolling mill" in _labels("Baosteel runs a rolling mill in Shanghai.", lexicon)


def test_an_irregular_past_after_a_noun_is_the_verb_not_part_of_the_phrase(lexicon: Lexicon) -> None:
    labels = _labels("A worm froze the dispatch servers of a ferry line for a day.", lexicon)
    assert not any("froze" in label for label in labels)
    # a past that is also a noun stays in the phrase ("a tool set")
    assert "tool set" in _labels("Huawei supplied a tool set for the audit.", lexicon)


def test_a_bare_plural_after_of_restricts_the_definite_before_it(lexicon: Lexicon) -> None:
    labels = _labels("Attackers are going after the software updates of robot makers, the agency warned.", lexicon)
    assert "software updates" in labels
