"""False suggestions of the ninth session: a thing placed in the town of the site it stands at, and the
other classes of wrong facts below (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_thing_at_a_named_site_is_placed_in_the_site_not_in_the_sites_town(lexicon: Lexicon) -> None:
    found = facts("Baotou Steel has switched on a 5G network at its Baiyun Obo mine in Baotou.", lexicon)
    assert ("5G network", "locatedIn", "Baiyun Obo mine") in found
    assert ("Baiyun Obo mine", "locatedIn", "Baotou") in found
    assert ("5G network", "locatedIn", "Baotou") not in found
    found = facts("Wanhua Chemical is testing a sensor grid at its Yantai plant in Shandong.", lexicon)
    assert ("sensor grid", "locatedIn", "Yantai plant") in found
    assert ("sensor grid", "locatedIn", "Shandong") not in found


def test_an_organisation_named_by_its_trade_is_based_in_a_place_a_machine_stands_in_it(lexicon: Lexicon) -> None:
    found = facts("Last May, malware stole invoices from freight forwarders in Xiamen.", lexicon)
    assert ("freight forwarders", "basedIn", "Xiamen") in found
    assert ("freight forwarders", "locatedIn", "Xiamen") not in found
    found = facts("A ransomware attack on a wind farm operator in Zhangjiakou halted billing.", lexicon)
    assert ("wind farm operator", "basedIn", "Zhangjiakou") in found
    found = facts("Hackers targeted welding robots in Foshan.", lexicon)
    assert ("welding robots", "locatedIn", "Foshan") in found
    assert not any(p == "basedIn" for _s, p, _o in found)


def test_a_place_based_description_gives_its_seat_to_the_name_it_introduces(lexicon: Lexicon) -> None:
    found = facts("A Wuxi-based start-up, Tianmu Robotics, supplies the software that guides the cranes.", lexicon)
    assert ("Tianmu Robotics", "basedIn", "Wuxi") in found
    assert not any(s.startswith("Wuxi-based") for s, _p, _o in found)
    found = facts("The Wuxi-based software company Tianmu Robotics supplies the software.", lexicon)
    assert ("Tianmu Robotics", "basedIn", "Wuxi") in found
    # a list after the description names no one it describes
    found = facts("A Wuxi-based start-up, Huawei and ZTE signed the deal.", lexicon)
    assert ("Huawei", "basedIn", "Wuxi") not in found


def test_it_after_a_company_based_somewhere_is_not_the_place(lexicon: Lexicon) -> None:
    found = facts("The Guangdong Department of Industry launched the Foshan Machinery Cloud in 2021; Kingsoft, a software "
                  "company based in Zhuhai, built it.", lexicon)
    assert ("Kingsoft", "basedIn", "Zhuhai") in found
    assert ("Kingsoft", "built", "Zhuhai") not in found
    assert ("Kingsoft", "built", "Foshan Machinery Cloud") in found


def test_its_in_a_where_clause_is_the_clauses_own_subject(lexicon: Lexicon) -> None:
    found = facts("Wuhan, the city where Dongfeng built its first cars, is wiring its plants with 5G.", lexicon)
    assert ("Dongfeng", "built", "Wuhan") not in found


def test_named_members_are_members_a_counted_group_is_a_group_of_members(lexicon: Lexicon) -> None:
    found = facts("Sungrow, Goodwe and Growatt are members of the Photovoltaic Industry Association.", lexicon)
    assert ("Growatt", "memberOf", "Photovoltaic Industry Association") in found
    assert not any(p == "memberGroupOf" for _s, p, _o in found)
    found = facts("More than 300 factories are members of the Zhejiang 5G Alliance.", lexicon)
    assert ("More than 300 factories", "memberGroupOf", "Zhejiang 5G Alliance") in found


def test_a_site_made_at_a_site_stands_in_its_town_a_thing_at_an_unnamed_site_stands_in_the_site(lexicon: Lexicon) -> None:
    found = facts("Jiangxi Copper has built a 5G smart mine at its open-pit quarry in Dexing.", lexicon)
    assert ("5G smart mine", "locatedIn", "Dexing") in found
    assert ("5G smart mine", "locatedIn", "open-pit quarry") not in found
    found = facts("Gree has switched on a 5G network at its compressor plant in Zhuhai.", lexicon)
    assert ("5G network", "locatedIn", "compressor plant") in found
    assert ("5G network", "locatedIn", "Zhuhai") not in found


def test_a_named_university_is_based_in_its_town_a_described_lab_stands_in_it(lexicon: Lexicon) -> None:
    found = facts("Xinjiang University in Urumqi has set up a mining lab.", lexicon)
    assert ("Xinjiang University", "basedIn", "Urumqi") in found
    assert ("Xinjiang University", "locatedIn", "Urumqi") not in found
    found = facts("A joint laboratory in Hefei tests the modules.", lexicon)
    assert ("joint laboratory", "locatedIn", "Hefei") in found


def test_in_p_after_a_relative_clause_verb_places_what_that_stands_for(lexicon: Lexicon) -> None:
    text = "Sany Heavy Industry makes excavators. Its cranes report to a monitoring centre that the company opened in Changsha in 2020."
    found = facts(text, lexicon)
    assert ("monitoring centre", "locatedIn", "Changsha") in found
    assert not any(o == "Changsha" and s == "Sany Heavy Industry" for s, _p, o in found)


def test_words_two_properties_share_state_one_in_a_relative_clause(lexicon: Lexicon) -> None:
    text = "Sany Heavy Industry makes excavators. Its cranes report to a monitoring centre that the company opened in Changsha in 2020."
    found = facts(text, lexicon)
    assert ("Sany Heavy Industry", "established", "monitoring centre") in found
    assert ("Sany Heavy Industry", "built", "monitoring centre") not in found
    found = facts("The robots use a paint shop that Midea opened last year.", lexicon)
    assert ("Midea", "built", "paint shop") in found
    assert ("Midea", "established", "paint shop") not in found


def test_a_group_of_members_is_many_and_a_name_has_no_examples(lexicon: Lexicon) -> None:
    found = facts("The Hunan Robotics Alliance signed up 20 new members at its spring meeting in Changsha.", lexicon)
    assert not any(p == "hasMemberGroup" and o in ("Changsha", "spring meeting") for _s, p, o in found)
    found = facts("Midea's Shunde branch said it had fitted 40 plants in the city, including Gree's Zhuhai factory.", lexicon)
    assert not any(p == "exampleOf" and o == "Midea's Shunde branch" for _s, p, o in found)
    found = facts("Carmakers such as BYD and Geely use the platform.", lexicon)
    assert ("Geely", "exampleOf", "Carmakers") in found


def test_a_call_to_speed_up_something_calls_for_the_thing_not_the_particle(lexicon: Lexicon) -> None:
    found = facts("The Guangdong Communications Administration urged operators to speed up security reviews of industrial "
                  "gateways.", lexicon)
    assert ("Guangdong Communications Administration", "callsFor", "security reviews") in found
    assert not any(o.lower().startswith("up ") for _s, _p, o in found)


def test_a_hyphened_modifier_is_no_entity_and_an_apposition_speaks_of_the_last_name_only(lexicon: Lexicon) -> None:
    found = facts("The cranes were supplied by Weihua and Estun, a Nanjing-based unit of the state-owned Jiangsu Automation "
                  "Group.", lexicon)
    assert ("Estun", "subsidiaryOf", "Jiangsu Automation Group") in found
    assert ("Estun", "basedIn", "Nanjing") in found
    assert not any(s in ("Nanjing-based", "Weihua") and p == "subsidiaryOf" for s, p, _o in found)


def test_a_description_standing_for_a_named_institute_gives_it_a_seat(lexicon: Lexicon) -> None:
    found = facts("The Dalian Institute of Chemical Physics, a state research institute in Dalian, has teamed up with Wanhua.",
                  lexicon)
    assert ("Dalian Institute of Chemical Physics", "basedIn", "Dalian") in found
    assert ("Dalian Institute of Chemical Physics", "locatedIn", "Dalian") not in found


def test_a_verbs_object_is_not_read_past_a_relative_pronoun(lexicon: Lexicon) -> None:
    found = facts("Gree, Midea and Haier are members of the Guangdong Robotics Alliance, which the provincial government "
                  "launched in 2020 and which now has about 90 members.", lexicon)
    assert not any(p == "established" and o == "about 90 members" for _s, p, o in found)


def test_a_country_adjective_or_possessive_makes_no_seat_of_a_place_and_no_owner_of_a_site(lexicon: Lexicon) -> None:
    found = facts("Shaanxi, which mines more coal than any other Chinese province, is turning to 5G.", lexicon)
    assert not any(p == "basedIn" for _s, p, _o in found)
    found = facts("Guangxi, which is building China's biggest cross-border port, relies on 5G.", lexicon)
    assert not any(s == "China" and p == "operates" for s, p, _o in found)
    found = facts("Chinese carmakers are buying more robots.", lexicon)
    assert ("Chinese carmakers", "basedIn", "China") in found


def test_where_after_a_site_in_a_named_district_speaks_of_the_site(lexicon: Lexicon) -> None:
    found = facts("Gree said Huawei had installed a 5G network at its compressor plant in the Xiangzhou district, where "
                  "robots now weld casings.", lexicon)
    assert ("compressor plant", "locatedIn", "Xiangzhou district") in found
    assert ("robots", "locatedIn", "compressor plant") in found
    assert ("robots", "locatedIn", "Xiangzhou district") not in found


def test_from_after_a_with_phrase_speaks_of_that_phrase_not_of_what_it_complements(lexicon: Lexicon) -> None:
    found = facts("The network, built by China Unicom's Hunan branch with base stations from ZTE, covers the yard.", lexicon)
    assert not any(p == "basedIn" and o == "ZTE" for _s, p, o in found)
    found = facts("Midea formed an alliance with 40 makers in Foshan.", lexicon)
    assert ("alliance", "locatedIn", "Foshan") in found


def test_an_attack_aimed_at_something_targets_it(lexicon: Lexicon) -> None:
    found = facts("A phishing campaign aimed at shipping agents stole manifests.", lexicon)
    assert ("phishing campaign", "targets", "shipping agents") in found
    assert not any(p == "aimsAt" for _s, p, _o in found)


def test_what_is_left_exposed_is_exposed_not_the_clauses_subject(lexicon: Lexicon) -> None:
    found = facts("The push to connect mines and ports has left conveyor controllers and gantry cranes exposed to malware, "
                  "warned Zhou Bin.", lexicon)
    assert ("conveyor controllers", "exposedTo", "malware") in found
    assert ("gantry cranes", "exposedTo", "malware") in found
    assert not any(s in ("mines", "ports") and p == "exposedTo" for s, p, _o in found)
    found = facts("Zhou Bin warned that the pumping stations still run old firmware, leaving them vulnerable to ransomware.",
                  lexicon)
    assert ("pumping stations", "exposedTo", "ransomware") in found
    assert not any(s.startswith("leaving") for s, _p, _o in found)


def test_a_description_that_opens_a_sentence_stands_for_the_name_in_apposition(lexicon: Lexicon) -> None:
    found = facts("A second vendor, Kingsoft Robotics, has teamed up with Huawei.", lexicon)
    assert ("Kingsoft Robotics", "partneredWith", "Huawei") in found
    assert ("second vendor", "partneredWith", "Huawei") not in found


def test_a_group_calling_itself_x_is_x(lexicon: Lexicon) -> None:
    found = facts("Last May, a phishing campaign attributed to a group calling itself Red Lotus hit the billing systems.", lexicon)
    assert ("phishing campaign", "attributedTo", "Red Lotus") in found
    assert ("phishing campaign", "attributedTo", "group") not in found


def test_a_negated_verb_states_no_fact(lexicon: Lexicon) -> None:
    found = facts("Sany has not built a private network at its Changsha plant.", lexicon)
    assert ("Sany", "built", "private network") not in found
    found = facts("Port managers say the cranes have not needed a human operator since 2022.", lexicon)
    assert not any(p == "needs" for _s, p, _o in found)


def test_the_head_of_an_of_phrase_is_the_verbs_subject_not_its_owner(lexicon: Lexicon) -> None:
    found = facts("Zhou Bin said the pump controllers of several water plants rely on 4G routers.", lexicon)
    assert ("pump controllers", "dependsOn", "4G routers") in found
    assert ("water plants", "dependsOn", "4G routers") not in found


def test_the_city_is_no_valley_named_before(lexicon: Lexicon) -> None:
    found = facts("Sungrow has opened a plant in Photonics Valley, the city's solar hub. The Anhui Solar Institute, a state "
                  "research institute in the city, tests its inverters.", lexicon)
    assert ("Anhui Solar Institute", "basedIn", "Photonics Valley") not in found
    assert ("plant", "locatedIn", "Photonics Valley") in found


def test_a_site_with_a_name_of_its_own_after_its_keeps_that_name(lexicon: Lexicon) -> None:
    found = facts("China Unicom's Hubei branch built the network. Engineers send scans to an inspection platform that the "
                  "branch runs in its Wuhan data centre.", lexicon)
    assert ("China Unicom Hubei", "operates", "Wuhan data centre") in found
    assert not any("'s Wuhan data centre" in o for _s, _p, o in found)


def test_a_bare_gerund_after_at_risk_of_is_no_threat(lexicon: Lexicon) -> None:
    found = facts("A ransomware attack on a grain store near Jixi encrypted its servers and left 5,000 tonnes of rice at risk "
                  "of rotting.", lexicon)
    assert not any(p == "exposedTo" for _s, p, _o in found)
    found = facts("Drones there are vulnerable to GPS spoofing.", lexicon)
    assert ("Drones", "exposedTo", "GPS spoofing") in found
