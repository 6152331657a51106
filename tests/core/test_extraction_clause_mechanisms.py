"""Clause and verb mechanisms of the eighth session: inflected verbs, "where" clauses, passives and agents,
relative clauses and calls (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_declared_third_person_verb_holds_in_the_plural_and_the_past(lexicon: Lexicon) -> None:
    found = facts("Sany's welding robots rely on a cloud platform.", lexicon)
    assert ("welding robots", "dependsOn", "cloud platform") in found
    found = facts("Last year Gree relied on Siemens controllers.", lexicon)
    assert ("Gree", "dependsOn", "Siemens controllers") in found or ("Gree", "dependsOn", "Siemens") in found
    assert not any(p == "dependsOn" for _s, p, _o in facts("Thanks to Huawei, the port runs on 5G.", lexicon))


def test_a_pronoun_subject_of_its_own_clause_is_no_name_before_it(lexicon: Lexicon) -> None:
    found = facts("Analysts said smart ports are exposed to malware because they run on legacy controllers.", lexicon)
    assert not any(s == "malware" for s, _p, _o in found)


def test_the_object_of_a_prepositional_verb_is_what_its_preposition_governs(lexicon: Lexicon) -> None:
    found = facts("Yitai's mining trucks run on a private network from China Telecom.", lexicon)
    assert ("Yitai's mining trucks", "runsOn", "private network") in found or \
        any(p == "runsOn" and o == "private network" for _s, p, o in found)
    assert not any(p == "runsOn" and o == "China Telecom" for _s, p, o in found)


def test_a_described_subject_before_a_preposition_is_not_the_name_after_it(lexicon: Lexicon) -> None:
    found = facts("The autonomous trucks at Baorixile run on a private network.", lexicon)
    assert not any(s == "Baorixile" for s, _p, _o in found)


def test_what_a_where_clause_speaks_of_stands_in_the_site_before_it(lexicon: Lexicon) -> None:
    found = facts("Yankuang Energy runs the Zhaolou mine in Heze, where autonomous drilling rigs run on a private network.",
                  lexicon)
    assert ("autonomous drilling rigs", "locatedIn", "Zhaolou mine") in found
    assert ("autonomous drilling rigs", "runsOn", "private network") in found
    assert not any(s.startswith("where") for s, _p, _o in found)
    # the clause's subject ends at its verb; a place after "at" is where the site is, not what "where" means
    found = facts("Weichai operates a foundry at Weifang, where 200 robots handle casting.", lexicon)
    assert ("robots", "locatedIn", "foundry") in found
    # who acts in the clause is not placed by it
    found = facts("Chery opened a paint shop in Wuhu, where Huawei installed the cameras.", lexicon)
    assert not any(s == "Huawei" and p == "locatedIn" for s, p, _o in found)


def test_a_thing_supplied_by_a_vendor_was_built_by_it(lexicon: Lexicon) -> None:
    found = facts("The cranes are steered over a private network supplied by Nokia.", lexicon)
    assert ("private network", "builtBy", "Nokia") in found
    # the active "supplied" names what the vendor built (the answer keys since the ninth session hold "X supplied 40,000
    # modules to Y" as X built the modules); whom they went to is no thing built
    found = facts("Ericsson supplied 400 radio units to the port.", lexicon)
    assert ("Ericsson", "built", "radio units") in found
    assert not any(p in ("built", "builtBy") and "port" in (s, o) for s, p, o in found)


def test_requiring_someone_to_act_is_a_call_for_what_the_act_names(lexicon: Lexicon) -> None:
    found = facts("The Hebei Emergency Management Department requires every chemical plant to install gas detectors.", lexicon)
    assert ("Hebei Emergency Management Department", "callsFor", "gas detectors") in found
    assert not any(p == "needs" for _s, p, _o in found)
    # a thing that needs something to work calls for nothing
    found = facts("The Tangshan plant requires stable power supplies to run its kilns.", lexicon)
    assert not any(p == "callsFor" for _s, p, _o in found)


def test_a_verb_after_a_relative_clause_in_commas_has_the_name_before_it_as_subject(lexicon: Lexicon) -> None:
    text = ("Weichai set up the Shandong Engine Alliance in 2019. "
            "Bosch, which opened a fuel-injection plant in Wuxi in 2015, is also a member.")
    found = facts(text, lexicon)
    assert ("Bosch", "memberOf", "Shandong Engine Alliance") in found
    assert not any(s in ("Wuxi", "fuel-injection plant") and p == "memberOf" for s, p, _o in found)
    found = facts("The Jiangsu Robotics Alliance grew fast last year. Estun is now a member.", lexicon)
    assert ("Estun", "memberOf", "Jiangsu Robotics Alliance") in found
    # a person on a panel is no member of an alliance named before
    found = facts("The Jiangsu Robotics Alliance grew fast. Zhou Li, an engineer at Estun, is a member of its panel.", lexicon)
    assert not any(s == "Zhou Li" and p == "memberOf" and o == "Jiangsu Robotics Alliance" for s, p, o in found)


def test_one_described_thing_opening_a_passive_with_its_agent_is_its_subject(lexicon: Lexicon) -> None:
    text = "Jinchuan Group has fitted its smelter with sensors. The network was built by China Unicom's Gansu branch."
    assert ("network", "builtBy", "China Unicom Gansu") in facts(text, lexicon)


def test_what_follows_a_preposition_after_an_unread_object_is_no_object_of_the_verb(lexicon: Lexicon) -> None:
    found = facts("China Unicom's Hubei branch carries video from the kilns to a control centre on the surface.", lexicon)
    assert not any(p == "hosts" for _s, p, _o in found)


def test_it_is_never_a_person(lexicon: Lexicon) -> None:
    text = "Sany built a private network. The network was built by Nokia, and it carries data from the Ningxiang Works."
    assert not any(p == "affiliatedWith" for _s, p, _o in facts(text, lexicon))


def test_a_threat_that_got_into_the_systems_of_a_site_targets_it(lexicon: Lexicon) -> None:
    found = facts("Two years ago, malware infected the control servers of a cement plant in Handan.", lexicon)
    assert ("malware", "targets", "cement plant") in found
    found = facts("Last spring, ransomware breached a paper mill in Yibin.", lexicon)
    assert ("ransomware", "targets", "paper mill") in found


def test_a_mass_noun_threat_is_a_kind_not_one_incident(lexicon: Lexicon) -> None:
    found = facts("Last year, ransomware hit Yunnan Copper Group.", lexicon)
    assert not any(p == "affected" for _s, p, _o in found)
    assert ("ransomware", "targets", "Yunnan Copper Group") in found
    # one attack, in the singular, is still an incident
    found = facts("Last year, a ransomware attack halted Yunnan Copper Group for a week.", lexicon)
    assert ("ransomware attack", "affected", "Yunnan Copper Group") in found


def test_one_bare_noun_in_a_typed_slot_is_a_thing_of_that_type(lexicon: Lexicon) -> None:
    found = facts("Liu warned of sabotage by insiders and urged plant owners to patch their routers.", lexicon)
    assert ("Liu", "warnsOf", "sabotage") in found
    assert ("sabotage", "carriedOutBy", "insiders") in found
    assert not any(o == "plant owners" and p == "warnsOf" for _s, p, o in found)
    # who is named after "by" is no subject of the next verb
    assert ("Liu", "warnsOf", "insiders") not in found
    # patching the routers is called for, not the routers (the action is named whole, as the writers' brief keys it)
    assert {o for _s, p, o in found if p == "callsFor"} == {"patch their routers"}
    found = facts("Wang warned of attacks by state hackers.", lexicon)
    assert ("attacks", "carriedOutBy", "state hackers") in found


def test_a_reported_figure_of_attacks_is_no_warning(lexicon: Lexicon) -> None:
    found = facts("The Hubei Cyber Centre said in a note released in May that attacks on chemical plants rose 40 percent.",
                  lexicon)
    assert not any(p == "warnsOf" for _s, p, _o in found)
    # an exposure the speaker asserts with a verb is a warning
    found = facts("The Hubei Cyber Centre said that chemical plants are exposed to ransomware.", lexicon)
    assert ("Hubei Cyber Centre", "warnsOf", "ransomware") in found


def test_one_attack_that_compromised_the_systems_of_a_firm_affected_it(lexicon: Lexicon) -> None:
    found = facts("Last winter, a phishing campaign compromised the mail servers of a gearbox maker in Zhuzhou.", lexicon)
    assert ("phishing campaign", "affected", "gearbox maker") in found
    # a participle between an article and its noun describes the noun: no verb
    found = facts("A single compromised router would give an attacker access to the plant, she said.", lexicon)
    assert not any(p in ("affected", "targets") for _s, p, _o in found)


def test_verbs_of_standing_somewhere_place_their_subject(lexicon: Lexicon) -> None:
    found = facts("The new data centre sits at the Gui'an New Area.", lexicon)
    assert ("new data centre", "locatedIn", "Gui'an New Area") in found


def test_a_description_in_apposition_stands_for_an_unread_subject_and_an_owner_acts_not(lexicon: Lexicon) -> None:
    found = facts("The province's newest project, a testbed for remote drilling, sits at the Ordos Coal Park.", lexicon)
    assert ("testbed", "locatedIn", "Ordos Coal Park") in found
    assert not any(s in ("province", "province's") for s, _p, _o in found)


def test_a_thing_a_clause_speaks_of_from_an_organization_was_built_by_it(lexicon: Lexicon) -> None:
    found = facts("Yitai's mining trucks run on a private network from China Telecom.", lexicon)
    assert ("China Telecom", "built", "private network") in found
    # a thing in passing is no object of the clause
    found = facts("Sany built a welding line, according to a statement from the Changsha Port Group.", lexicon)
    assert not any(s == "Changsha Port Group" for s, _p, _o in found)


def test_a_participle_in_commas_describes_the_subject_and_is_no_subject_itself(lexicon: Lexicon) -> None:
    found = facts("The trucks, supplied by XCMG, run on a 5G network built by China Unicom.", lexicon)
    assert ("trucks", "runsOn", "5G network") in found
    assert ("trucks", "builtBy", "XCMG") in found
    assert not any(s == "XCMG" and p == "runsOn" for s, p, _o in found)


def test_an_adverb_or_a_time_may_stand_between_a_verb_and_its_preposition(lexicon: Lexicon) -> None:
    found = facts("The Zhejiang 5G Alliance, founded in 2020 by the Zhejiang Economic Commission, has 120 members.", lexicon)
    assert ("Zhejiang 5G Alliance", "establishedBy", "Zhejiang Economic Commission") in found
    found = facts("Sany's welding cell was developed jointly by Huawei and Sany.", lexicon)
    assert ("welding cell", "builtBy", "Huawei") in found
    found = facts("Weichai relies heavily on Siemens controllers.", lexicon)
    assert any(s == "Weichai" and p == "dependsOn" for s, p, _o in found)


def test_two_agents_that_signed_a_deal_are_partners(lexicon: Lexicon) -> None:
    found = facts("Haier and Ericsson have signed a deal to deploy 5G at Haier's Qingdao plant.", lexicon)
    assert ("Haier", "partneredWith", "Ericsson") in found
    found = facts("Haier and China Mobile teamed up last year.", lexicon)
    assert ("Haier", "partneredWith", "China Mobile") in found
    # with a partner named after the words, the two named before are no partners of each other
    found = facts("Sany and Zoomlion signed a deal with Huawei.", lexicon)
    assert ("Sany", "partneredWith", "Zoomlion") not in found


def test_who_stands_before_said_speaks_and_what_follows_is_said(lexicon: Lexicon) -> None:
    found = facts("Ma Kai said the Hebei Robotics Alliance now counts 300 members.", lexicon)
    assert not any(p == "reportedBy" for _s, p, _o in found)


def test_a_name_of_no_known_kind_based_somewhere_has_its_seat_there(lexicon: Lexicon) -> None:
    found = facts("Founded in 2015, Kingdee Robotics is based in Shenzhen.", lexicon)
    assert ("Kingdee Robotics", "basedIn", "Shenzhen") in found
    assert ("Kingdee Robotics", "locatedIn", "Shenzhen") not in found


def test_members_listed_after_including_are_members_of_the_organization(lexicon: Lexicon) -> None:
    found = facts("Ma Kai said the Hebei Robotics Alliance now counts 300 members, including Haier and Gree.", lexicon)
    assert ("Haier", "memberOf", "Hebei Robotics Alliance") in found
    assert ("Gree", "memberOf", "Hebei Robotics Alliance") in found
    assert not any(p == "exampleOf" and o == "Hebei Robotics Alliance" for _s, p, o in found)


def test_a_participle_with_a_partner_after_a_described_thing_names_who_built_it(lexicon: Lexicon) -> None:
    found = facts("In Baotou, the steelmaker Baogang is testing 5G-linked drones, a system developed with Inner Mongolia "
                  "University.", lexicon)
    assert ("Inner Mongolia University", "built", "system") in found
    # the apposition is no main clause: the place the sentence opens on is not given to it
    assert ("system", "locatedIn", "Baotou") not in found


def test_a_reported_clause_opens_after_says_with_no_that(lexicon: Lexicon) -> None:
    found = facts("Wei Lan says the automated cranes run on industrial switches that are rarely patched.", lexicon)
    assert not any(s == "Wei Lan" and p == "runsOn" for s, p, _o in found)


def test_an_organization_that_has_a_counted_group_of_members_has_that_group(lexicon: Lexicon) -> None:
    found = facts("The Hebei Industrial Internet Alliance, set up in 2021 by the Hebei Industry Department, now has 150 members.",
                  lexicon)
    assert ("Hebei Industrial Internet Alliance", "establishedBy", "Hebei Industry Department") in found
    assert ("Hebei Industrial Internet Alliance", "hasMemberGroup", "150 members") in found
    assert not any(p == "hasMemberGroup" for _s, p, _o in facts("Huawei has 200,000 employees.", lexicon))


def test_ransomware_that_encrypted_the_systems_of_a_plant_targets_it(lexicon: Lexicon) -> None:
    found = facts("Last year, ransomware encrypted the billing systems of a coking plant in Xingtai.", lexicon)
    assert ("ransomware", "targets", "coking plant") in found


def test_joined_with_no_object_is_membership_of_the_alliance_named_before(lexicon: Lexicon) -> None:
    found = facts("The Jiangxi Industrial Internet Alliance was founded by Nanchang University in 2020; Huawei and ZTE "
                  "joined last year.", lexicon)
    assert ("Huawei", "memberOf", "Jiangxi Industrial Internet Alliance") in found
    assert ("ZTE", "memberOf", "Jiangxi Industrial Internet Alliance") in found
    assert not any(p == "memberOf" and o == "Nanchang University" for _s, p, o in found)
    assert not any(p == "memberOf" for _s, p, _o in facts("Sany joined in the talks.", lexicon))


def test_a_described_site_before_where_is_what_where_stands_for(lexicon: Lexicon) -> None:
    found = facts("Jiangxi Copper has worked with China Telecom on a private network at the Dexing mine, where 30 electric "
                  "trucks now haul ore.", lexicon)
    assert ("electric trucks", "locatedIn", "Dexing mine") in found
    assert not any(p == "locatedIn" and o == "private network" for _s, p, o in found)


def test_a_place_named_with_the_is_where_a_thing_in_it_stands(lexicon: Lexicon) -> None:
    found = facts("Tianjin Port Group runs an automated terminal in the Binhai New Area.", lexicon)
    assert ("automated terminal", "locatedIn", "Binhai New Area") in found


def test_a_preposition_said_again_in_a_coordination_joins_the_second_object(lexicon: Lexicon) -> None:
    found = facts("Wang Jun noted that logistics platforms are vulnerable to ransomware and to data theft.", lexicon)
    assert ("logistics platforms", "exposedTo", "data theft") in found


def test_members_listed_with_the_word_members_join_the_organization_spoken_of(lexicon: Lexicon) -> None:
    found = facts("The Hubei Economic Bureau has founded the Jianghan Robot Alliance, whose founding members include "
                  "Wuhan Steel, Dongfeng Motor and Wuhan University.", lexicon)
    for member in ("Wuhan Steel", "Dongfeng Motor", "Wuhan University"):
        assert (member, "memberOf", "Jianghan Robot Alliance") in found
    assert not any(p == "hasMember" and s == "Hubei Economic Bureau" for s, p, _o in found)
    text = ("The Hubei Economic Bureau set up the Jianghan Robot Alliance in 2021. "
            "Wuhan University, Dongfeng Motor and Wuhan Steel are among its 80 members.")
    found = facts(text, lexicon)
    assert ("Wuhan University", "memberOf", "Jianghan Robot Alliance") in found
    assert not any(p == "memberOf" and o == "Wuhan University" for _s, p, o in found)


def test_the_last_item_of_a_list_is_cut_at_the_lists_and(lexicon: Lexicon) -> None:
    found = facts("Members of the alliance include Wuhan University, Yangtze Optical Fibre and Huawei, which runs a lab in "
                  "Wuhan.", lexicon)
    assert not any("and Huawei" in s for s, _p, _o in found)
    # the relative clause speaks of its own name only
    assert not any(s == "Yangtze Optical Fibre" and p in ("operates", "built", "established") for s, p, _o in found)


def test_what_one_joins_is_the_alliance_named_before_not_a_partner_nearer_the_pronoun(lexicon: Lexicon) -> None:
    text = ("The Gansu Industry Department launched the Hexi 5G Alliance in 2022 together with China Unicom, and Jiuquan "
            "Steel and Longxi Power have since joined it.")
    found = facts(text, lexicon)
    assert ("Jiuquan Steel", "memberOf", "Hexi 5G Alliance") in found
    assert ("Longxi Power", "memberOf", "Hexi 5G Alliance") in found
    assert not any(p == "memberOf" and o == "China Unicom" for _s, p, o in found)
    assert ("China Unicom", "memberOf", "Hexi 5G Alliance") not in found
    found = facts("The Ningbo Port Alliance was founded by the city in 2019. Geely and Ningbo Steel both joined it last year.",
                  lexicon)
    assert ("Ningbo Steel", "memberOf", "Ningbo Port Alliance") in found


def test_a_counted_group_that_joins_is_a_group_of_members(lexicon: Lexicon) -> None:
    found = facts("The Hebei Energy Bureau founded the Hebei Mining Alliance in 2020, and more than 60 mining companies "
                  "have joined it.", lexicon)
    assert ("more than 60 mining companies", "memberGroupOf", "Hebei Mining Alliance") in found \
        or ("Hebei Mining Alliance", "hasMemberGroup", "more than 60 mining companies") in found


def test_a_name_a_who_clause_describes_speaks_past_the_clause(lexicon: Lexicon) -> None:
    found = facts("Ma Rong, who leads the security lab at Qinghai University, warned that many smelter controllers still "
                  "run on Windows XP and are exposed to ransomware.", lexicon)
    assert ("Ma Rong", "warnsOf", "ransomware") in found


def test_what_that_stands_for_is_the_object_a_relative_clause_with_its_own_subject_leaves_out(lexicon: Lexicon) -> None:
    found = facts("The mills were hit by a phishing campaign that investigators attributed to a hacker group called Red Kite.",
                  lexicon)
    # the group is named by what it is called
    assert ("phishing campaign", "attributedTo", "Red Kite") in found
    assert not any(s == "investigators" for s, _p, _o in found)


def test_people_of_an_organization_stand_for_it_in_a_passive(lexicon: Lexicon) -> None:
    found = facts("In May, engineers at Xugong Steel were targeted by a phishing campaign.", lexicon)
    assert ("Xugong Steel", "targetedBy", "phishing campaign") in found or ("phishing campaign", "targets", "Xugong Steel") in found


def test_where_after_a_time_or_with_no_comma_after_a_named_place(lexicon: Lexicon) -> None:
    found = facts("Cainiao opened a bonded warehouse in Yangpu in April where 5G-guided forklifts pick parcels.", lexicon)
    assert ("5G-guided forklifts", "locatedIn", "bonded warehouse") in found
    found = facts("Analysts count cases where hackers stole drawings.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_a_noun_of_quantity_is_read_with_what_it_counts(lexicon: Lexicon) -> None:
    found = facts("The Qinghai Mining Alliance has published a set of security guidelines.", lexicon)
    assert ("Qinghai Mining Alliance", "published", "security guidelines") in found
    assert not any(o == "set" for _s, _p, o in found)


def test_a_partner_in_a_relative_clause_whose_verb_follows_its_subject_built_the_thing_too(lexicon: Lexicon) -> None:
    found = facts("The trucks run over a private 5G network that China Mobile's Hunan branch built with Huawei.", lexicon)
    assert ("Huawei", "built", "private 5G network") in found
    assert not any(s == "Huawei" and o == "China Mobile Hunan" for s, _p, o in found)


def test_the_infinitive_of_a_verb_of_founding_states_what_was_founded(lexicon: Lexicon) -> None:
    found = facts("Qinghai University joined with Yuntian Energy to form the Qaidam Salt Lake Consortium in 2023.", lexicon)
    assert any(p == "established" and o == "Qaidam Salt Lake Consortium" for _s, p, o in found)
    # the verb's own object does not fit: a place after it is no object
    found = facts("Haier teamed up with Inspur to open an industrial internet platform in Suzhou.", lexicon)
    assert not any(o == "Suzhou" and p in ("established", "built") for _s, p, o in found)


def test_what_comes_from_or_was_installed_by_a_vendor_was_built_by_it(lexicon: Lexicon) -> None:
    found = facts("The autonomous driving system comes from Kuangchi Autonomy.", lexicon)
    assert ("autonomous driving system", "builtBy", "Kuangchi Autonomy") in found
    found = facts("The terminal's 5G network was installed by China Mobile's Tianjin branch.", lexicon)
    assert ("5G network", "builtBy", "China Mobile Tianjin") in found


def test_what_an_agent_requires_of_others_is_called_for(lexicon: Lexicon) -> None:
    found = facts("The Qinghai Communications Administration now requires password audits at every connected mine.", lexicon)
    assert ("Qinghai Communications Administration", "callsFor", "password audits") in found
    assert not any(p == "needs" for _s, p, _o in found)


def test_a_list_does_not_go_on_past_the_closing_comma_of_an_aside(lexicon: Lexicon) -> None:
    found = facts("The base stations, supplied by Ericsson, use heated enclosures and batteries rated for the cold.", lexicon)
    assert ("base stations", "builtBy", "Ericsson") in found
    assert not any(p == "builtBy" and o != "Ericsson" for _s, p, o in found)


def test_a_relative_after_a_named_place_speaks_of_the_site_in_it(lexicon: Lexicon) -> None:
    found = facts("Trucks haul coal at the Haerwusu open-pit mine in Ordos, which is operated by Shenhua Zhunge'er Energy.",
                  lexicon)
    assert ("Haerwusu open-pit mine", "operatedBy", "Shenhua Zhunge'er Energy") in found
    assert not any(s == "Ordos" and p == "operatedBy" for s, p, _o in found)
