"""Noun phrases and names as English news prose writes them (ninth session): where a name ends, which names "and"
joins or keeps whole, and which noun phrases a sentence introduces (sentences written here, none from the articles
the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _labels(text: str, lexicon: Lexicon) -> list[str]:
    return [(m.label or m.text) for m in MentionFinder(lexicon).find(text)]


# -- where a name ends, and which names "and" joins ---------------------------------------------------

def test_5g_plus_is_a_word_of_the_name_it_stands_in(lexicon: Lexicon) -> None:
    labels = _labels("The provincial bureau launched the Shanxi 5G+ Coal Alliance last year.", lexicon)
    assert "Shanxi 5G+ Coal Alliance" in labels
    found = facts("The provincial bureau founded the Shanxi 5G+ Coal Alliance with Lu'an Group.", lexicon)
    assert any(o == "Shanxi 5G+ Coal Alliance" and p == "established" for _s, p, o in found)


def test_one_word_name_and_a_longer_name_are_two_names(lexicon: Lexicon) -> None:
    labels = _labels("Its members include Xinxing and Taiyuan Heavy Machinery, a maker of mining cranes.", lexicon)
    assert "Xinxing" in labels and "Taiyuan Heavy Machinery" in labels
    # one field's word before "and" is half of one name
    assert "Research and Development Centre" in _labels("Haier opened its Research and Development Centre in May.", lexicon)


def test_a_name_whose_part_after_and_opens_on_a_field_is_one_body(lexicon: Lexicon) -> None:
    text = "In the river port of Yibin, Xuzhou Coal and Electricity Group has signed an agreement with China Telecom."
    assert "Xuzhou Coal and Electricity Group" in _labels(text, lexicon)
    assert ("Xuzhou Coal and Electricity Group", "partneredWith", "China Telecom") in facts(text, lexicon)
    # a company named by its field before another company is still two names
    labels = _labels("Yankuang Coal and China Mobile signed a deal in June.", lexicon)
    assert "Yankuang Coal" in labels and "China Mobile" in labels


# -- which noun phrases a sentence introduces ---------------------------------------------------------

def test_a_size_adjective_opens_a_noun_phrase(lexicon: Lexicon) -> None:
    found = facts("Tencent runs large server farms in Qingyuan.", lexicon)
    assert ("Tencent", "operates", "large server farms") in found


def test_a_definite_plural_compound_introduces_things(lexicon: Lexicon) -> None:
    text = "A consultant says the remote-controlled excavators and bulldozers depend on wireless routers."
    found = facts(text, lexicon)
    assert ("remote-controlled excavators", "dependsOn", "wireless routers") in found
    assert ("bulldozers", "dependsOn", "wireless routers") in found
    # a verb in -s after a singular takes an object: it ends the phrase
    assert not any("runs" in label for label in _labels("The crane operator runs the yard from Ningbo.", lexicon))


def test_a_definite_word_a_relative_clause_restricts_is_a_thing(lexicon: Lexicon) -> None:
    assert ("Kingsoft", "hosts", "software") in facts("Kingsoft hosts the software that plans every shift.", lexicon)
    # "the fact that", "the risk that": no thing
    labels = _labels("Officials stressed the risk that hackers pose.", lexicon)
    assert "risk" not in labels


# -- what a possessive owns ----------------------------------------------------------------------------

def test_what_whose_owns_is_a_thing(lexicon: Lexicon) -> None:
    found = facts("Weichai Power, whose engine-testing plant in Weifang now has 300 robots, signed a deal with Huawei.", lexicon)
    assert ("Weichai Power", "operates", "engine-testing plant") in found
    assert ("engine-testing plant", "locatedIn", "Weifang") in found
    # "whose main office is in P" says where the owner is: no thing of its own
    assert "main office" not in _labels("Zoomlion, whose main office is in Changsha, builds cranes.", lexicon)


def test_a_hyphened_word_ending_in_ly_is_no_adverb(lexicon: Lexicon) -> None:
    found = facts("Comac has connected 200 robots at its final-assembly plant in Pudong.", lexicon)
    assert ("Comac", "operates", "final-assembly plant") in found


def test_a_function_word_ends_what_an_owner_names(lexicon: Lexicon) -> None:
    text = "The network, built by China Unicom's Anhui branch with base stations from ZTE, covers the port."
    labels = _labels(text, lexicon)
    assert "China Unicom's Anhui branch" in labels and "base stations" in labels
    assert ("China Unicom", "hasBranch", "China Unicom Anhui") in facts(text, lexicon)


# -- counted things -------------------------------------------------------------------------------------

def test_and_after_counted_things_joins_a_second_kind(lexicon: Lexicon) -> None:
    text = "Midea has installed some 300 welding robots and machine-vision cameras at its Foshan plant."
    labels = _labels(text, lexicon)
    assert "welding robots" in labels and "machine-vision cameras" in labels
    assert ("machine-vision cameras", "locatedIn", "Foshan plant") in facts(text, lexicon)


def test_what_a_names_possessive_opens_is_a_thing(lexicon: Lexicon) -> None:
    text = "The tracking service runs on China Unicom's 5G network and Alibaba's cloud, the company said."
    labels = _labels(text, lexicon)
    assert "5G network" in labels and "cloud" in labels
    # a place's possessive keeps its name: no owner has them
    assert "big-data capital" not in _labels("Guiyang, China's big-data capital, hosts server farms.", lexicon)


def test_a_phrase_opens_after_into_and_inside(lexicon: Lexicon) -> None:
    text = "Quectel's modules are built into automated guided vehicles supplied by Geek+."
    assert "automated guided vehicles" in _labels(text, lexicon)
    assert "industrial routers" in _labels("The modules sit inside industrial routers made by H3C.", lexicon)


def test_known_as_ends_a_description(lexicon: Lexicon) -> None:
    text = "Goertek, the Weifang-based headset maker known as a supplier to Apple, opened a plant."
    assert not any("known" in label for label in _labels(text, lexicon))
    assert ("Goertek", "basedIn", "Weifang") in facts(text, lexicon)


def test_a_count_reaches_its_plural_over_modifiers_before_a_preposition(lexicon: Lexicon) -> None:
    text = "The Zhejiang Robotics Alliance signed up 25 new members at its spring forum in Hangzhou."
    found = facts(text, lexicon)
    assert ("Zhejiang Robotics Alliance", "hasMemberGroup", "25 new members") in found
    # a forum is an occasion: nothing stands in it, and the alliance runs no site there
    assert not any(o == "spring forum" and p in ("locatedIn", "operates") for _s, p, o in found)


def test_a_count_before_a_list_of_member_kinds_counts_one_group(lexicon: Lexicon) -> None:
    labels = _labels("The Anhui 5G Alliance now counts about 90 companies, universities and research institutes.", lexicon)
    assert "about 90 companies, universities and research institutes" in labels
    # things of no member kind stay two kinds
    labels = _labels("The yard uses 40 cranes and straddle carriers.", lexicon)
    assert "cranes" in labels and "straddle carriers" in labels


def test_a_role_after_a_names_possessive_is_no_thing(lexicon: Lexicon) -> None:
    labels = _labels("Wu Gang, Haier's vice-president for robotics, said the line runs on 5G.", lexicon)
    assert "Haier" in labels and "vice-president" not in labels


def test_such_opens_a_phrase_and_a_participle_after_to_is_no_infinitive(lexicon: Lexicon) -> None:
    found = facts("Wang Li warned that such turbines were exposed to ransomware and to forged control messages.", lexicon)
    assert ("turbines", "exposedTo", "ransomware") in found
    assert ("turbines", "exposedTo", "forged control messages") in found


def test_a_perfects_object_is_a_noun_phrase(lexicon: Lexicon) -> None:
    found = facts("The push to automate mines has left conveyor drives and pump stations exposed to sabotage.", lexicon)
    assert ("conveyor drives", "exposedTo", "sabotage") in found
    assert ("pump stations", "exposedTo", "sabotage") in found


def test_a_plural_opening_a_sentence_joined_to_a_phrase_is_a_thing_and_so_is_the_phrase(lexicon: Lexicon) -> None:
    labels = _labels("Cameras and edge gateways now rely on the plant's network.", lexicon)
    assert "edge gateways" in labels


def test_one_noun_a_described_owner_has_is_the_subject_of_the_verb_after_it(lexicon: Lexicon) -> None:
    assert ("network", "runsOn", "dedicated slice") in facts("Haier said the refinery's network runs on a dedicated slice.", lexicon)


def test_a_kind_of_place_after_a_name_is_part_of_it(lexicon: Lexicon) -> None:
    found = facts("Zijin Mining runs a gold mine in Duobao county.", lexicon)
    assert ("gold mine", "locatedIn", "Duobao county") in found
