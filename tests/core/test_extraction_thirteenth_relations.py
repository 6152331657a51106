"""Facts carried by grammar rather than a verb of the lexicon: things a network links or that are connected to it,
places and seats in appositions, makers of equipment listed before "from" (sentences written here, none from the
articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_what_a_network_links_runs_on_it(lexicon: Lexicon) -> None:
    text = ("The 5G private network, which Nokia and China Mobile's Gansu branch set up last spring, links 400 wind "
            "turbines and 20 weather masts across the farm.")
    found = facts(text, lexicon)
    assert ("wind turbines", "runsOn", "5G private network") in found
    assert ("weather masts", "runsOn", "5G private network") in found
    assert not any(p == "runsOn" and s in ("Nokia", "farm") for s, p, _o in found)


def test_what_is_connected_to_a_network_runs_on_it(lexicon: Lexicon) -> None:
    text = ("Tongwei has connected 600 wafer saws on three floors at its factory in Leshan, a city in Sichuan, to a 5G "
            "network built by China Unicom.")
    found = facts(text, lexicon)
    assert ("wafer saws", "runsOn", "5G network") in found
    assert not any(p == "runsOn" and s in ("Tongwei", "Leshan", "Sichuan", "factory") for s, p, _o in found)
    found = facts("Sany has linked the press lines and casting furnaces of its Changsha works to a private 5G network.",
                  lexicon)
    assert ("press lines", "runsOn", "private 5G network") in found
    assert ("casting furnaces", "runsOn", "private 5G network") in found


def test_a_participle_after_the_network_links_what_it_lists(lexicon: Lexicon) -> None:
    text = ("China Telecom's Yunnan branch has switched on a 5G private network at Yuntianhua's fertiliser works, in "
            "Anning, linking the plant's conveyor belts, its silos and 90 tanker trucks.")
    found = facts(text, lexicon)
    for thing in ("conveyor belts", "silos", "tanker trucks"):
        assert (thing, "runsOn", "5G private network") in found


def test_no_runs_on_for_what_a_network_links_to_something_else(lexicon: Lexicon) -> None:
    # a network in general joining devices to a core: no thing of the sentence runs on the network named
    found = facts("Analysts said 5G private networks, linking thousands of sensors to a single core, are exposed.", lexicon)
    assert not any(p == "runsOn" for _s, p, _o in found)
    # an apposition describing the things linked is no second thing
    text = "The 5G network also links the mine's 30 haul trucks, heavy vehicles that carry ore to the crusher, and its drills."
    found = facts(text, lexicon)
    assert not any(p == "runsOn" and s == "heavy vehicles" for s, p, _o in found)


def test_a_scene_set_before_connecting_things_places_no_network(lexicon: Lexicon) -> None:
    found = facts("In Panzhihua, Pangang Group has connected its arc furnaces to a private 5G network.", lexicon)
    assert ("arc furnaces", "runsOn", "private 5G network") in found
    assert ("private 5G network", "locatedIn", "Panzhihua") not in found


def test_a_place_described_as_part_of_another_lies_in_it(lexicon: Lexicon) -> None:
    found = facts("Geely has opened a plant in Baoji, a city in the west of Shaanxi province.", lexicon)
    assert ("Baoji", "locatedIn", "Shaanxi province") in found
    found = facts("Geely has opened a plant in Xining, the capital of Qinghai province.", lexicon)
    assert ("Xining", "locatedIn", "Qinghai province") in found
    found = facts("Geely has opened a plant in Jinghong, a county under Xishuangbanna, the capital of Yunnan.", lexicon)
    assert ("Jinghong", "locatedIn", "Xishuangbanna") in found
    assert ("Xishuangbanna", "locatedIn", "Yunnan") in found


def test_places_listed_and_described_together_lie_in_the_whole(lexicon: Lexicon) -> None:
    found = facts("A botnet hijacked 300 routers in Wenzhou, Jiaxing and Taizhou, three manufacturing hubs in Zhejiang.",
                  lexicon)
    for city in ("Wenzhou", "Jiaxing", "Taizhou"):
        assert (city, "locatedIn", "Zhejiang") in found
    assert not any(s == "manufacturing hubs" for s, _p, _o in found)
    # a distance is no description of a place
    found = facts("The firm has plants in Wenzhou and Lishui, two hours from Hangzhou.", lexicon)
    assert not any(o == "Hangzhou" for _s, _p, o in found)


def test_a_described_agent_is_based_where_its_description_says(lexicon: Lexicon) -> None:
    found = facts("Mengniu has a plant in Hangzhou. The probes come from Jingke Sensing, a five-year-old Hangzhou start-up.",
                  lexicon)
    assert ("Jingke Sensing", "basedIn", "Hangzhou") in found
    found = facts("The cranes were built by Dalian Heavy Industry, of Lushun in Liaoning province.", lexicon)
    assert ("Dalian Heavy Industry", "basedIn", "Lushun") in found


def test_no_seat_from_a_description_that_places_the_agent_by_a_preposition(lexicon: Lexicon) -> None:
    text = "At Kaida Circuits, a board maker in Huizhou's Boluo county, the outage halted two lines."
    found = facts(text, lexicon)
    assert not any(p == "basedIn" and o.startswith("Huizhou's") for _s, p, o in found)
    found = facts("Li Wei, of Tsinghua University in Beijing, said the test had passed.", lexicon)
    assert ("Li Wei", "basedIn", "Tsinghua University") not in found


def test_equipment_listed_from_makers_listed_is_made_by_each(lexicon: Lexicon) -> None:
    text = "China Unicom's Anhui branch built the grid with base stations and core equipment from Ericsson last year."
    found = facts(text, lexicon)
    assert ("base stations", "builtBy", "Ericsson") in found
    assert ("core equipment", "builtBy", "Ericsson") in found
    found = facts("Core network equipment from Nokia and Ericsson was put through the tests.", lexicon)
    assert ("core network equipment", "builtBy", "Nokia") in found
    assert ("core network equipment", "builtBy", "Ericsson") in found


def test_an_owner_in_apposition_to_the_maker_made_nothing(lexicon: Lexicon) -> None:
    text = "Driverless buses from Yutong Bus, the group's coach-making subsidiary, are tested there."
    found = facts(text, lexicon)
    assert not any(p == "builtBy" and o != "Yutong Bus" for _s, p, o in found)


def test_a_common_noun_opening_the_sentence_is_made_by_its_developer(lexicon: Lexicon) -> None:
    found = facts("Software developed by Northeast Agricultural University reads the footage.", lexicon)
    assert ("Software", "builtBy", "Northeast Agricultural University") in found
    assert not any(p == "developedBy" for _s, p, _o in found)


def test_things_moved_onto_a_network_past_a_place_apposition_run_on_it(lexicon: Lexicon) -> None:
    text = ("Dongfang Electric has moved the machining lines at its turbine and boiler works in Deyang, a city north of "
            "Chengdu, onto a private 5G network.")
    found = facts(text, lexicon)
    assert ("machining lines", "runsOn", "private 5G network") in found
    # a comma that opens a clause ends what was moved
    found = facts("Sany moved its offices to Changsha, and shifted production onto a private 5G network.", lexicon)
    assert not any(p == "runsOn" and s == "offices" for s, p, _o in found)


def test_who_makes_or_sets_up_a_thing_with_another_is_its_partner(lexicon: Lexicon) -> None:
    found = facts("ZTE developed the booking platform's messaging module together with Huaxi Hospital.", lexicon)
    assert ("Huaxi Hospital", "built", "messaging module") in found
    assert ("ZTE", "partneredWith", "Huaxi Hospital") in found
    found = facts("Sinopec set up the Refining 5G Alliance in 2022 together with China Telecom and Huawei.", lexicon)
    assert ("Sinopec", "partneredWith", "China Telecom") in found
    assert ("Sinopec", "partneredWith", "Huawei") in found


def test_a_member_listed_in_an_aside_is_no_partner_of_the_main_clause(lexicon: Lexicon) -> None:
    text = ("The Gansu Wool Association, whose 40 members include Tianma, Qilian and dozens of herding cooperatives, "
            "has set up a working group with Lanzhou University.")
    found = facts(text, lexicon)
    assert not any(p == "partneredWith" and s in ("Tianma", "Qilian", "herding cooperatives") for s, p, _o in found)
    # help from another is no partnership
    found = facts("Yutong built the depot with help from Huawei.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)
