"""Relations of the eleventh session: facts whose two ends are found but whose words were not read — which noun a
relative clause, a participle or a list attaches to, and which predicate its verb states (sentences written here,
none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_which_clause_whose_subject_comes_before_its_verb_has_the_thing_for_its_object(lexicon: Lexicon) -> None:
    text = ("The private network, which China Unicom's Hunan branch and ZTE deployed at the mill in March, "
            "carries data from 300 sensors.")
    found = facts(text, lexicon)
    assert ("China Unicom Hunan", "built", "private network") in found
    assert ("ZTE", "built", "private network") in found


def test_a_which_clause_with_the_before_its_subject(lexicon: Lexicon) -> None:
    found = facts("Members joined the Hunan Smart Mining Alliance, which the Changsha Municipal Bureau of Industry "
                  "founded in 2020.", lexicon)
    assert ("Changsha Municipal Bureau of Industry", "established", "Hunan Smart Mining Alliance") in found


def test_an_object_relative_on_a_passive_pattern_states_its_agent(lexicon: Lexicon) -> None:
    # "the cloud, which Inspur supplied" is "supplied by Inspur" (the active "supplied", a pattern since the twelfth
    # session, states the same fact from the other end)
    found = facts("The edge cloud, which Inspur supplied, stores the inspection images.", lexicon)
    assert {("edge cloud", "builtBy", "Inspur"), ("Inspur", "built", "edge cloud")} & found


def test_a_which_clause_with_an_object_of_its_own_states_nothing_of_the_thing(lexicon: Lexicon) -> None:
    found = facts("The alliance, which Huawei supplied the routers for, met in Xi'an.", lexicon)
    assert not any(p == "builtBy" for _s, p, _o in found)


def test_the_second_verb_of_a_that_clause_has_the_clause_antecedent_for_subject(lexicon: Lexicon) -> None:
    text = ("At the expo the bureau and Inspur unveiled Tianyun Cloud, an industrial internet platform that runs on "
            "the operator's 5G network and hosts more than 50 apps for maintenance.")
    found = facts(text, lexicon)
    assert ("Tianyun Cloud", "hosts", "apps") in found
    assert not any(p == "hosts" and s in ("bureau", "Inspur") for s, p, _o in found)


def test_the_second_verb_of_a_which_clause_reaches_past_an_apposition_inside_it(lexicon: Lexicon) -> None:
    text = ("Readings from the presses flow into Tianyun, Sany's industrial internet platform, which is run by "
            "Sany Information Technology, a subsidiary of the group, and hosts some 200 industrial apps.")
    found = facts(text, lexicon)
    assert any(p == "hosts" and o == "industrial apps" and s in ("Tianyun", "industrial internet platform")
               for s, p, o in found)
    assert not any(p == "hosts" and s.startswith("Readings") for s, p, _o in found)


def test_said_that_opens_no_relative_clause(lexicon: Lexicon) -> None:
    found = facts("Inspur said that Haier now hosts 900 apps and runs on a cloud supplied by Huawei.", lexicon)
    assert not any(s == "Inspur" and p in ("hosts", "runsOn") for s, p, _o in found)


def test_where_after_a_place_named_by_its_kind_speaks_of_the_site_before_it(lexicon: Lexicon) -> None:
    text = ("Weichai has put 5G at the centre of its engine plant in the city, where some 150 robots now take their "
            "orders over a private network.")
    found = facts(text, lexicon)
    assert any(p == "locatedIn" and o == "engine plant" and "robots" in s for s, p, o in found)
    assert not any(p == "locatedIn" and o in ("city", "the city") for _s, p, o in found)


def test_where_after_a_site_of_its_own_in_the_town(lexicon: Lexicon) -> None:
    text = ("Lunjiao town is known for furniture. Oppein Home announced a smart workshop of its own in the town, "
            "where sanding robots will be scheduled from the cloud.")
    found = facts(text, lexicon)
    assert any(p == "locatedIn" and o == "smart workshop" and "robots" in s for s, p, o in found)
    assert not any(p == "locatedIn" and o in ("town", "the town") for _s, p, o in found)


def test_each_thing_a_where_clause_lists_stands_in_the_site(lexicon: Lexicon) -> None:
    text = ("China Unicom installed base stations at the Dexing copper mine, where electric haul trucks and "
            "remote-controlled loaders now run on 5G.")
    found = facts(text, lexicon)
    assert ("electric haul trucks", "locatedIn", "Dexing copper mine") in found
    assert ("remote-controlled loaders", "locatedIn", "Dexing copper mine") in found


def test_signed_with_names_partners(lexicon: Lexicon) -> None:
    text = ("Shaanxi Coal Group, a miner headquartered in Xi'an, has signed with China Unicom's Shaanxi branch and "
            "Huawei to bring 5G to its Hongliulin mine.")
    found = facts(text, lexicon)
    assert ("Shaanxi Coal Group", "partneredWith", "China Unicom Shaanxi") in found
    assert ("Shaanxi Coal Group", "partneredWith", "Huawei") in found


def test_signing_on_as_members_makes_no_partners(lexicon: Lexicon) -> None:
    found = facts("The bureau launched the Shaanxi 5G Alliance in May; Weichai, Shacman and Xidian University have "
                  "since signed on as members.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)


def test_a_technique_named_by_a_gerund_is_not_built(lexicon: Lexicon) -> None:
    found = facts("Xidian University has teamed up with China Unicom to develop deterministic networking for robot arms.",
                  lexicon)
    assert ("Xidian University", "partneredWith", "China Unicom") in found
    assert not any(p == "built" for _s, p, _o in found)


def test_who_installed_things_at_another_site_built_them(lexicon: Lexicon) -> None:
    found = facts("Inspur has installed edge servers and 5G gateways at a port run by Rizhao Port Group.", lexicon)
    assert ("Inspur", "built", "edge servers") in found


def test_who_installed_things_at_its_own_site_bought_them(lexicon: Lexicon) -> None:
    found = facts("Shaanxi Coal Group has installed 5G base stations deep underground at its Hongliulin mine.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)


def test_a_sentence_opening_on_a_part_of_a_named_place_places_the_site_in_the_part(lexicon: Lexicon) -> None:
    text = "In Wuxi's Xinwu district, SK Hynix has teamed up with China Mobile to cover its memory-chip fab with 5G."
    found = facts(text, lexicon)
    assert ("memory-chip fab", "locatedIn", "Xinwu district") in found


def test_a_site_run_there_stands_in_the_opening_place(lexicon: Lexicon) -> None:
    found = facts("In Lianyungang, Jiangsu Port Group runs a bulk terminal.", lexicon)
    assert ("bulk terminal", "locatedIn", "Lianyungang") in found


def test_a_direction_before_the_opening_place_keeps_the_scene(lexicon: Lexicon) -> None:
    text = ("A few kilometres north, in the Changzhou Hi-tech Zone, China Telecom's Jiangsu branch has teamed up with "
            "ZTE to turn a gearbox plant run by Changzhou Gears into a 5G factory.")
    found = facts(text, lexicon)
    assert ("gearbox plant", "locatedIn", "Changzhou Hi-tech Zone") in found


def test_an_opening_site_named_with_a_and_its_operator_sets_the_scene(lexicon: Lexicon) -> None:
    text = "At a granite quarry in Suqian operated by Huaihai Mining, Sany has installed four electric loaders."
    found = facts(text, lexicon)
    assert ("electric loaders", "locatedIn", "granite quarry") in found
    assert ("Sany", "built", "electric loaders") in found


def test_a_participle_in_commas_after_a_thing_in_a_town_describes_the_thing(lexicon: Lexicon) -> None:
    found = facts("The coal terminal in Rizhao, run by Rizhao Port Group, now unloads ships around the clock.", lexicon)
    assert ("coal terminal", "operatedBy", "Rizhao Port Group") in found
    assert not any(s == "Rizhao" and p == "operatedBy" for s, p, _o in found)


def test_things_that_act_over_a_network_run_on_it(lexicon: Lexicon) -> None:
    found = facts("At the Baiyin smelter, inspection drones now send thermal images over 5G to a control room.", lexicon)
    assert ("inspection drones", "runsOn", "5G") in found
    text = "The sensors, made by Hikvision, report vibration data over a private network that China Mobile built."
    assert ("sensors", "runsOn", "private network") in facts(text, lexicon)


def test_each_thing_a_where_clause_lists_runs_over_the_network(lexicon: Lexicon) -> None:
    text = ("Weichai runs an engine plant in Weifang, where some 300 welding robots and 40 automated guided vehicles "
            "now take their orders over a private network.")
    found = facts(text, lexicon)
    assert any(p == "runsOn" and o == "private network" and "welding robots" in s for s, p, o in found)
    assert any(p == "runsOn" and o == "private network" and "automated guided vehicles" in s for s, p, o in found)


def test_people_and_lists_after_a_verb_run_on_nothing(lexicon: Lexicon) -> None:
    assert not any(p == "runsOn" for _s, p, _o in facts("Engineers send 3D scans over 5G to the lab.", lexicon))
    text = ("China Telecom switched on a network across the oilfield, linking pumps, pipelines and well sites in the "
            "basin over a dedicated slice.")
    assert not any(p == "runsOn" and s in ("pipelines", "well sites") for s, p, _o in facts(text, lexicon))


def test_things_moved_onto_a_network_run_on_it(lexicon: Lexicon) -> None:
    text = "Rizhao Port Group has moved the gantry cranes at its Lanshan terminal onto a 5G private network built by ZTE."
    found = facts(text, lexicon)
    assert ("gantry cranes", "runsOn", "5G private network") in found
    found = facts("Haier has moved its washing-machine plant in Jiaozhou onto a 5G private network.", lexicon)
    assert not any(p == "runsOn" for _s, p, _o in found)  # a site moved as a whole runs on nothing
