"""Clause and verb mechanisms of the eighth session's second round: threat words, calls for an action on what the
addressees own (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_threat_words_a_reporter_uses_name_threats(lexicon: Lexicon) -> None:
    found = facts("Liu Yang warned of GPS spoofing and said pipelines are exposed to remote takeover by foreign hackers.",
                  lexicon)
    assert ("Liu Yang", "warnsOf", "GPS spoofing") in found
    assert ("pipelines", "exposedTo", "remote takeover") in found
    assert ("remote takeover", "carriedOutBy", "foreign hackers") in found
    assert not any(o == "GP" or o == "GPS" for _s, _p, o in found)


def test_a_call_for_an_action_on_what_the_addressees_have_is_no_call_for_the_thing(lexicon: Lexicon) -> None:
    # the action is called for, named whole (the writers' brief keys "urged vendors to patch" so), never the thing alone
    for sentence, action in (("Zhou Ling, a researcher at Jilin University, spoke on Monday. She urged refiners to segment "
                              "their networks.", "segment their networks"),
                             ("Zhou Ling urged refiners to separate safety systems from office networks.",
                              "separate safety systems from office networks"),
                             ("Zhou Ling urged refiners to keep safety systems physically separate from the internet.",
                              "keep safety systems physically separate from the internet")):
        assert {o for _s, p, o in facts(sentence, lexicon) if p == "callsFor"} == {action}, sentence
    # an action on things they have is called for as the action, never as the things
    found = facts("Zhou Ling urged refiners to patch ageing controllers.", lexicon)
    assert ("Zhou Ling", "callsFor", "patch ageing controllers") in found
    assert ("Zhou Ling", "callsFor", "ageing controllers") not in found
    # what the addressees are to keep is kept in the action; what they are to invest in is the measure
    assert ("Zhou Ling", "callsFor", "keep offline backups") in facts("Zhou Ling urged refiners to keep offline backups.", lexicon)
    assert ("Zhou Ling", "callsFor", "network segmentation") in \
        facts("Zhou Ling urged refiners to invest in network segmentation.", lexicon)


def test_an_action_named_by_its_noun_is_what_a_call_is_for(lexicon: Lexicon) -> None:
    # named with what it keeps apart, as the newer keys name a separation (fifteenth session)
    assert ("Wang Fang", "callsFor", "separation of plant networks from office IT") in \
        facts("Wang Fang called for the separation of plant networks from office IT.", lexicon)
    assert ("Wang Fang", "callsFor", "encryption of all control traffic") in \
        facts("Wang Fang called for the encryption of all control traffic.", lexicon)


def test_she_opening_a_second_clause_is_the_person_the_sentence_named(lexicon: Lexicon) -> None:
    found = facts('"It works," said Liu Bo, a manager at Sinopec. Wang Fang, a professor at Jilin University, warned '
                  "that sabotage of valve controls could cause fires, and she called for the separation of plant networks.",
                  lexicon)
    assert ("Wang Fang", "callsFor", "separation of plant networks") in found
    assert not any(s == "Liu Bo" and p == "callsFor" for s, p, _o in found)


def test_what_a_network_carries_from_somewhere_is_no_hosted_thing(lexicon: Lexicon) -> None:
    found = facts("Jilin Chemical built a 5G network that carries readings from 800 gas sensors to a control room.", lexicon)
    assert not any(p == "hosts" for _s, p, _o in found)
    assert ("Jilin platform", "hosts", "industrial apps") in facts("The Jilin platform carries 300 industrial apps.",
                                                                       lexicon)


def test_an_aside_right_after_another_speaks_of_the_last_name_of_the_first(lexicon: Lexicon) -> None:
    found = facts("Autonomous haul trucks run at the Baiyin mine in Datong, which is operated by Tongmei Energy, a subsidiary "
                  "of Jinneng Group, since 2022.", lexicon)
    assert ("Jinneng Group", "hasSubsidiary", "Tongmei Energy") in found
    assert not any(p == "hasSubsidiary" and o == "Datong" for _s, p, o in found)


def test_a_coordinated_name_may_follow_and_the(lexicon: Lexicon) -> None:
    found = facts("The Jilin Institute for Robotics was set up by Jilin University and the Jilin provincial government in "
                  "2019.", lexicon)
    assert ("Jilin Institute for Robotics", "establishedBy", "Jilin provincial government") in found
    found = facts("Jilin University and the Jilin provincial government set up the Jilin Institute for Robotics in 2019.",
                  lexicon)
    assert ("Jilin University", "established", "Jilin Institute for Robotics") in found
    # ", and the …" opens a clause of its own
    found = facts("The network was deployed by China Mobile's Jilin branch, and the robots in the paint shop now receive "
                  "updates over the air.", lexicon)
    assert not any(p == "builtBy" and o == "robots" for _s, p, o in found)


def test_a_threat_that_could_act_on_something_threatens_it(lexicon: Lexicon) -> None:
    found = facts("Wu Lan warned that ransomware could reach furnace controllers through flat networks.", lexicon)
    assert ("ransomware", "threatens", "furnace controllers") in found
    found = facts("Wu Lan warned of GPS spoofing, which could send survey drones off course.", lexicon)
    assert ("GPS spoofing", "threatens", "survey drones") in found
    # a verb of causing: what the threat brings about
    found = facts("Wu Lan warned that sabotage of valve controls could cause chemical leaks.", lexicon)
    assert ("sabotage", "leadsTo", "chemical leaks") in found
    # a modal with an empty verb says nothing of a target
    found = facts("Wu Lan said ransomware could be a problem for steel mills.", lexicon)
    assert not any(p == "threatens" for _s, p, _o in found)


def test_a_sentence_opening_at_a_site_sets_the_scene(lexicon: Lexicon) -> None:
    found = facts("At the Baiyin mine in Datong, which is operated by Tongmei Energy, a subsidiary of Jinneng Group, driverless "
                  "trucks now haul coal.", lexicon)
    assert ("driverless trucks", "locatedIn", "Baiyin mine") in found
    found = facts("At the Jilin Chemical complex, a refinery owned by Sinopec, China Unicom's Jilin branch has built a 5G "
                  "private network.", lexicon)
    assert ("5G private network", "locatedIn", "Jilin Chemical complex") in found
    found = facts("At the port of Yingkou, Liaoning Port Group has deployed remote cranes at its bulk terminal.", lexicon)
    assert ("bulk terminal", "locatedIn", "port of Yingkou") in found
    # who acts at the scene is not placed there
    found = facts("At the Baiyin mine, Tongmei Energy now runs driverless trucks.", lexicon)
    assert not any(s == "Tongmei Energy" and p == "locatedIn" for s, p, _o in found)


def test_a_verb_after_a_passive_and_its_agent_speaks_of_what_the_passive_does(lexicon: Lexicon) -> None:
    found = facts("The group's shared platform, Jilin Industrial Cloud, was built by Inspur and hosts maintenance apps for "
                  "300 firms.", lexicon)
    assert ("Jilin Industrial Cloud", "hosts", "maintenance apps") in found
    assert not any(s == "Inspur" and p == "hosts" for s, p, _o in found)


def test_a_participle_between_a_noun_and_its_verb_describes_the_noun(lexicon: Lexicon) -> None:
    found = facts("Last May, a phishing campaign attributed to the hacker group Red Fox targeted freight agents in Dalian.",
                  lexicon)
    assert ("phishing campaign", "targets", "freight agents") in found
    assert not any(s == "Red Fox" and p == "targets" for s, p, _o in found)
    # a clause with its own verb in between is no participle's
    found = facts("A study released by the Jilin Academy in May found that ransomware gangs had targeted 30 carmakers.",
                  lexicon)
    assert not any(s == "study" and p == "targets" for s, p, _o in found)
    assert ("ransomware gangs", "targets", "30 carmakers") in found


def test_one_attack_that_happened_is_reported_not_warned_of(lexicon: Lexicon) -> None:
    found = facts("Last May, a phishing campaign targeted freight agents in Dalian, the Liaoning branch of CNCERT said.",
                  lexicon)
    assert not any(p == "warnsOf" for _s, p, _o in found)
    found = facts("Once a plant is attacked by ransomware, output stops, Liu Bo of Jilin University said.", lexicon)
    assert any(p == "warnsOf" for _s, p, _o in found)


def test_a_name_before_its_own_verb_ends_a_list(lexicon: Lexicon) -> None:
    found = facts("The port switched its cranes to a 5G network last year. China Unicom's Jilin branch runs the network, and "
                  "ZTE supplied the servers.", lexicon)
    assert not any(o == "ZTE" and p == "operates" for _s, p, o in found)
    found = facts("In Baotou, Baotou Steel has connected its mills to a private 5G network supplied by ZTE, and Goldwind "
                  "said the upgrade cut costs.", lexicon)
    assert not any(o == "Goldwind" for _s, _p, o in found)
    # a list still goes on
    assert ("Jilin Steel", "partneredWith", "ZTE") in facts("Jilin Steel partnered with Huawei and ZTE.", lexicon)


def test_a_mandate_announced_for_the_future_is_a_call(lexicon: Lexicon) -> None:
    assert ("Jilin Bureau of Industry", "callsFor", "security audits") in \
        facts("The Jilin Bureau of Industry will require security audits at every plant.", lexicon)
    assert ("Jilin Communications Administration", "callsFor", "two-factor authentication") in \
        facts("The Jilin Communications Administration has since required two-factor authentication for remote access at "
              "every plant.", lexicon)
    # an obligation in the passive is no call of those it binds
    assert not facts("Plant operators are required to keep offline backups.", lexicon)


def test_comma_and_before_a_subject_opens_a_clause(lexicon: Lexicon) -> None:
    found = facts("The Jilin Bureau of Industry met in May. Li has called for offline backups across the plant's networks, "
                  "and the bureau will require security audits.", lexicon)
    assert ("Jilin Bureau of Industry", "callsFor", "security audits") in found
    assert not any(s == "networks" for s, _p, _o in found)


def test_each_of_coordinated_subjects_of_an_object_relative_acts(lexicon: Lexicon) -> None:
    found = facts("The trucks talk to one another over a 5G network that ZTE and Huawei built together.", lexicon)
    assert ("ZTE", "built", "5G network") in found
    assert ("Huawei", "built", "5G network") in found


def test_a_role_of_a_field_at_an_organization_is_at_the_organization(lexicon: Lexicon) -> None:
    found = facts("Wang Fang, a professor of network security at Jilin University, warned of sabotage.", lexicon)
    assert ("Wang Fang", "affiliatedWith", "Jilin University") in found
    assert not any(o == "network security" for _s, _p, o in found)


def test_a_company_described_as_under_an_organization_is_its_subsidiary(lexicon: Lexicon) -> None:
    found = facts("Hongda Motor, a truck maker under the China National Machinery Industry Corporation (Sinomach), has teamed "
                  "up with China Mobile to test drones.", lexicon)
    assert ("Hongda Motor", "subsidiaryOf", "China National Machinery Industry Corporation") in found
    assert not any(p == "subsidiaryOf" for _s, p, _o in facts("Work on a plant under construction in Jilin began.", lexicon))


def test_a_phishing_campaign_is_a_threat_of_its_sentence(lexicon: Lexicon) -> None:
    found = facts("A supply-chain attack hit Jilin carmakers last year. In March, engineers at several car-parts suppliers in "
                  "Changchun were targeted by a phishing campaign.", lexicon)
    assert ("phishing campaign", "targets", "car-parts suppliers") in found
    assert not any(s == "supply-chain attack" and o == "car-parts suppliers" for s, _p, o in found)
    found = facts("Last May, a phishing campaign compromised the mail servers of a steel mill in Jilin, the Jilin police said.",
                  lexicon)
    assert not any(p == "warnsOf" for _s, p, _o in found)


def test_who_heads_a_function_at_an_organization_is_affiliated_with_it(lexicon: Lexicon) -> None:
    found = facts('"It works," said Zhao Lin, who heads digital manufacturing at FAW Group.', lexicon)
    assert ("Zhao Lin", "affiliatedWith", "FAW Group") in found
