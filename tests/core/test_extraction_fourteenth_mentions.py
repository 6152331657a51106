"""Ends the mention finder never found (fourteenth session): a name after a place's possessive, ... (sentences written
here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_name_after_a_places_possessive_is_a_body_based_there(lexicon: Lexicon) -> None:
    text = "The kilns were fitted with cameras from Wuhan's Gaode Sensing, and Sweden's Sandvik supplied the drills."
    found = labels(text, lexicon)
    assert "Gaode Sensing" in found and "Sandvik" in found and "Wuhan" in found
    read = facts(text, lexicon)
    assert ("Gaode Sensing", "basedIn", "Wuhan") in read and ("Sandvik", "basedIn", "Sweden") in read
    assert ("cameras", "builtBy", "Gaode Sensing") in read


def test_the_owner_after_of_is_the_name_a_places_possessive_goes_on_with(lexicon: Lexicon) -> None:
    read = facts("Dabo Logistics, a unit of Xiamen's Kingdom Holdings, runs the depot.", lexicon)
    # one fact, read either way round
    assert {("Dabo Logistics", "subsidiaryOf", "Kingdom Holdings"), ("Kingdom Holdings", "hasSubsidiary", "Dabo Logistics")} & read
    assert not any(o == "Xiamen" and p in ("subsidiaryOf", "hasSubsidiary") for _s, p, o in read)
    assert not any(s == "Xiamen" and p in ("subsidiaryOf", "hasSubsidiary") for s, p, _o in read)


def test_a_name_that_modifies_a_noun_after_a_places_possessive_stays_whole(lexicon: Lexicon) -> None:
    # guards: "Ningbo's Beilun container port" is a site in the city, "Hunan's Department of …" the province's own body
    found = labels("Cosco moved its barges to Ningbo's Beilun container port last spring.", lexicon)
    assert "Beilun" not in found
    read = facts("Hunan's Department of Commerce said exports rose.", lexicon)
    assert not any(s == "Department of Commerce" for s, _p, _o in read)


def test_a_site_after_its_placed_by_a_name_is_a_thing_of_its_own(lexicon: Lexicon) -> None:
    read = facts("Longi Green Energy has opened a 5G network at its mill in Jiangyin.", lexicon)
    assert ("Longi Green Energy", "operates", "mill in Jiangyin") in read
    assert ("mill in Jiangyin", "locatedIn", "Jiangyin") in read


def test_two_modifiers_joined_by_and_share_a_sites_head(lexicon: Lexicon) -> None:
    text = "Sungrow switched on a private network at its inverter and battery plant in Hefei, the company said."
    assert "inverter and battery plant" in labels(text, lexicon)
    read = facts(text, lexicon)
    assert ("Sungrow", "operates", "inverter and battery plant") in read
    assert ("inverter and battery plant", "locatedIn", "Hefei") in read


def test_a_site_after_its_is_a_bodys_not_a_things(lexicon: Lexicon) -> None:
    # "its" after a reported clause whose subject is a thing: a site is owned by the body that speaks
    text = "Jinko Solar said a 5G core now serves its wafer factory in Shangrao's Xinzhou district."
    read = facts(text, lexicon)
    assert ("Jinko Solar", "operates", "wafer factory") in read
    assert not any(p == "operates" and s == "5G core" for s, p, _o in read)
    assert ("wafer factory", "locatedIn", "Xinzhou district") in read
    assert ("wafer factory", "locatedIn", "Shangrao") not in read


def test_its_after_while_is_the_new_subjects(lexicon: Lexicon) -> None:
    text = ("Lens Technology has teamed up with Unicom to link its Liuyang workshops, while screen maker Tianma uses a "
            "Huawei-built network at its plant in Xiamen.")
    read = facts(text, lexicon)
    assert ("Tianma", "operates", "plant in Xiamen") in read
    assert ("Lens Technology", "operates", "plant in Xiamen") not in read


def test_a_body_named_before_at_its_site_stands_nowhere(lexicon: Lexicon) -> None:
    # guards: a partner of the work is not placed at the site, nor is a site joined by "and"
    read = facts("Chery is running a trial with China Telecom's Anhui unit and Nokia at its plant in Wuhu county.", lexicon)
    assert not any(s == "Nokia" and p == "locatedIn" for s, p, _o in read)
    read = facts("The carmaker plans to copy the set-up at its Wuxi plant and at its plant in Nantong, a city in Jiangsu.", lexicon)
    assert ("Wuxi plant", "locatedIn", "Nantong") not in read


def test_a_verb_in_s_after_an_aside_before_to_opens_no_phrase(lexicon: Lexicon) -> None:
    text = "Midea, whose Little Swan brand sells well abroad, plans to copy the design at its plant in Foshan."
    assert "plans" not in labels(text, lexicon)


def test_what_owns_a_role_is_not_where_the_person_is(lexicon: Lexicon) -> None:
    text = ("Sany runs a 5G network at its pump and crane plant in Changsha. \"The network never drops,\" said Li Na, "
            "the plant's deputy general manager.")
    assert not any(s == "Li Na" and p == "locatedIn" for s, p, _o in facts(text, lexicon))


def test_a_definite_plural_a_relative_with_a_bare_verb_restricts_is_a_thing(lexicon: Lexicon) -> None:
    found = labels("The malware locked the servers that control the mill's rolling stands.", lexicon)
    assert "servers" in found


def test_a_definite_compound_a_participle_with_by_restricts_is_a_thing(lexicon: Lexicon) -> None:
    found = labels("Unicom has also carried the network to the battery assembly plant run by Gotion, two kilometres away.", lexicon)
    assert "battery assembly plant" in found


def test_a_compound_after_a_described_owners_possessive_is_a_thing(lexicon: Lexicon) -> None:
    found = labels("The depots' sorting belts and scanners were supplied by Siemens Logistics.", lexicon)
    assert "sorting belts" in found and "scanners" in found
    found = labels("Huawei is reserving a slice for the kilns' burner controls, which need low latency.", lexicon)
    assert "burner controls" in found
    # guard: a role of the owner is no thing of it
    found = labels("Zhou Lin, the depot's deputy general manager, said so.", lexicon)
    assert "deputy general manager" not in found


def test_a_described_opening_before_an_aside_and_a_passive_is_its_subject(lexicon: Lexicon) -> None:
    text = "The firmware, tested on some two million recorded faults, was built by Nari Technology."
    assert ("firmware", "builtBy", "Nari Technology") in facts(text, lexicon)


def test_a_count_of_millions_counts_the_phrase_after_it(lexicon: Lexicon) -> None:
    found = labels("The model was trained on four million scanned welds from the yard.", lexicon)
    assert "scanned welds" in found and "four million" not in found
    # guard: a sum of money counts nothing
    assert not any("yuan" in label for label in labels("The city set aside 40 million yuan for the upgrade.", lexicon))


def test_a_word_only_ever_a_verb_ends_a_definite_compound(lexicon: Lexicon) -> None:
    assert not any(label.endswith("connect") for label in labels("The goggles connect over a slice Unicom reserves.", lexicon))


def test_a_head_before_an_object_pronoun_is_a_verb(lexicon: Lexicon) -> None:
    found = labels("Camera feeds travel over the network, and the UAVs use it to send their positions.", lexicon)
    assert not any(label.endswith(" use") for label in found)


def test_a_nationality_or_a_places_possessive_describes_things_after_a_preposition(lexicon: Lexicon) -> None:
    found = labels("The agency said drones and scanners in Korean shipyards were exposed to jamming.", lexicon)
    assert "Korean shipyards" in found
    found = labels("Sangfor warned that meters deployed in Guangdong's rural power grids are exposed.", lexicon)
    assert "rural power grids" in found
    # guard: a quality of the country is no thing
    assert not any("economy" in label for label in labels("Exports in China's economy slowed.", lexicon))
