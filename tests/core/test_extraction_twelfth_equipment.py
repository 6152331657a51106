"""Equipment and devices: who supplied, made or installed them, where they stand and what they run on (sentences
written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_the_active_supplied_says_who_built_the_equipment(lexicon: Lexicon) -> None:
    found = facts("Ericsson supplied the rooftop antennas for the copper mine's new network.", lexicon)
    assert ("Ericsson", "built", "rooftop antennas") in found


def test_whom_things_are_supplied_to_is_no_thing_built(lexicon: Lexicon) -> None:
    found = facts("A Ningbo gearbox maker that supplies Geely was hit by ransomware in May.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)
    found = facts("Inovance fitted 5G modules to the servo drives it supplies to BYD's battery plant in Changsha.", lexicon)
    assert not any(p == "built" and o in ("battery plant", "BYD") for _s, p, o in found)


def test_a_list_of_supplied_things_goes_on_past_a_participle_of_place(lexicon: Lexicon) -> None:
    text = "Fiberhome, the Wuhan-based optical group, supplied the access switches and the 5G gateways mounted in the pump rooms."
    found = facts(text, lexicon)
    assert ("Fiberhome", "built", "access switches") in found
    assert ("Fiberhome", "built", "5G gateways") in found


def test_a_list_goes_on_past_and_a(lexicon: Lexicon) -> None:
    found = facts("ZTE, which supplied the small cells and a core network for the steel mill, declined to comment.", lexicon)
    assert ("ZTE", "built", "small cells") in found
    assert ("ZTE", "built", "core network") in found


def test_a_participle_of_placement_places_the_noun_right_before_it(lexicon: Lexicon) -> None:
    found = facts("Inspur supplied the storage arrays and a backup server installed at the refinery's boiler house.", lexicon)
    assert ("backup server", "locatedIn", "boiler house") in found
    assert ("storage arrays", "locatedIn", "boiler house") not in found
    found = facts("Quectel said the 5G modems fitted to the port's straddle carriers had passed their tests.", lexicon)
    assert ("5G modems", "locatedIn", "straddle carriers") in found


def test_who_installed_things_is_not_placed_by_the_participle(lexicon: Lexicon) -> None:
    text = "The network, which China Telecom's Anhui branch and Ericsson installed at the colliery in May, links 300 sensors."
    found = facts(text, lexicon)
    assert not any(p == "locatedIn" and s in ("Ericsson", "China Telecom's Anhui branch") for s, p, _o in found)


def test_equipment_from_a_company_is_its_make(lexicon: Lexicon) -> None:
    found = facts("Cameras from Dahua watch the loading bays, and the footage goes to a cloud platform.", lexicon)
    assert ("Cameras", "builtBy", "Dahua") in found
    assert not any(p == "basedIn" for _s, p, _o in found)
    found = facts("At the smelter, a gas-detection system from Hangzhou-based start-up Anxin Sensing watches the furnaces.", lexicon)
    assert ("gas-detection system", "builtBy", "Anxin Sensing") in found
    assert ("gas-detection system", "builtBy", "Hangzhou") not in found


def test_what_is_no_equipment_from_a_company_is_no_make_of_it(lexicon: Lexicon) -> None:
    found = facts("A statement from Sinopec said the refinery's new orders from Siemens had been delayed.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)


def test_bare_plurals_a_participle_of_making_describes_are_things(lexicon: Lexicon) -> None:
    found = facts("Since May, hull-survey drones made by DJI have inspected the ships at the wharf.", lexicon)
    assert ("hull-survey drones", "builtBy", "DJI") in found
    text = "The trucks carry infusion pumps and heart-rate monitors supplied by Yuwell, the Danyang-based device maker."
    found = facts(text, lexicon)
    assert ("infusion pumps", "builtBy", "Yuwell") in found
    assert ("heart-rate monitors", "builtBy", "Yuwell") in found


def test_a_plural_before_a_participle_of_no_making_is_no_new_thing(lexicon: Lexicon) -> None:
    found = facts("The pilots run on the Guangxi Industrial Internet Platform, which hosts 200 apps.", lexicon)
    assert not any(s == "pilots" for s, _p, _o in found)


def test_things_acting_over_an_owners_network_run_on_it(lexicon: Lexicon) -> None:
    text = "At the Ningde cell plant, where 80 stacker cranes and laser welders move cells over the plant's 5G network, output rose."
    found = facts(text, lexicon)
    assert ("stacker cranes", "runsOn", "5G network") in found
    assert ("laser welders", "runsOn", "5G network") in found


def test_a_dated_subject_and_a_plural_listed_with_it_run_on_the_network(lexicon: Lexicon) -> None:
    text = ("Tianjin Port operates 12 suction dredgers. "
            "Since 2020 the dredgers and barges have been steered over a private network that Huawei built.")
    found = facts(text, lexicon)
    assert ("barges", "runsOn", "private network") in found


def test_a_subject_placed_by_a_phrase_before_its_verb_runs_on_the_network(lexicon: Lexicon) -> None:
    found = facts("Smart meters on poles in Haidian district now send readings over a dedicated slice every minute.", lexicon)
    assert ("Smart meters", "runsOn", "dedicated slice") in found or ("smart meters", "runsOn", "dedicated slice") in found


def test_devices_a_vehicle_carries_are_in_it(lexicon: Lexicon) -> None:
    text = ("The Hefei fire brigade has bought ten rescue trucks. "
            "The trucks carry thermal cameras and gas detectors made by Hanwei, a Zhengzhou sensor maker.")
    found = facts(text, lexicon)
    assert ("thermal cameras", "locatedIn", "rescue trucks") in found
    assert ("gas detectors", "locatedIn", "rescue trucks") in found


def test_what_a_network_carries_is_not_in_it(lexicon: Lexicon) -> None:
    found = facts("The private network carries video from the cameras and readings from 900 sensors.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)
