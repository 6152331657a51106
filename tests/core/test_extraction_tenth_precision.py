"""False suggestions and the choice of predicate between two found ends: whose site "at its" names, a
description that stands for a name, a regional unit of an owner (sentences written here, none from the
articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_partner_is_not_placed_at_the_site_its_owner_names(lexicon: Lexicon) -> None:
    found = facts("Gree Group has teamed up with Huawei to fit smart meters along a paint line at its main plant.", lexicon)
    assert ("Huawei", "locatedIn", "main plant") not in found
    assert ("Gree Group", "operates", "main plant") in found
    assert ("paint line", "locatedIn", "main plant") in found


def test_its_after_a_list_of_subjects_belongs_to_the_speaker(lexicon: Lexicon) -> None:
    found = facts("Haier said China Unicom and Huawei had fitted a 5G network at its washing-machine plant.", lexicon)
    assert not any(s in ("China Unicom", "Huawei") and p == "operates" for s, p, _o in found)
    assert ("Haier", "operates", "washing-machine plant") in found
    assert ("5G network", "locatedIn", "washing-machine plant") in found


def test_a_fact_of_another_clause_places_nothing_at_the_site(lexicon: Lexicon) -> None:
    found = facts("Gree Group has teamed up with China Unicom to link its paint shops, while rival Haier uses a "
                  "Huawei-built network at its plant in Qingdao.", lexicon)
    assert not any(s == "China Unicom" and o in ("Qingdao", "plant") for s, _p, o in found)


def test_an_owners_unit_named_by_a_province_is_a_branch(lexicon: Lexicon) -> None:
    found = facts("Gree Group signed the deal with China Unicom's Hunan unit last week.", lexicon)
    assert ("China Unicom", "hasBranch", "China Unicom's Hunan unit") in found
    assert not any(p == "hasSubsidiary" for _s, p, _o in found)
    found = facts("Sany Heavy Industry said the Beijing Academy's Sichuan institute would test the cranes.", lexicon)
    assert ("Beijing Academy", "hasBranch", "Beijing Academy's Sichuan institute") in found
    # a unit named by what it does is a subsidiary
    found = facts("Gree Group signed the deal with Alibaba's logistics unit last week.", lexicon)
    assert ("Alibaba", "hasSubsidiary", "Alibaba's logistics unit") in found


def test_a_seated_description_after_the_stands_for_the_name_before_it(lexicon: Lexicon) -> None:
    found = facts("Sungrow Power Supply (Sungrow), the Hefei-based inverter maker, has joined the alliance.", lexicon)
    assert ("Sungrow", "basedIn", "Hefei") in found
    assert not any(s == "Hefei-based inverter maker" for s, _p, _o in found)
    found = facts("Gree Group has teamed up with Tianmu Robotics on Weld Cloud, a platform the Wuxi-based robot maker "
                  "built for small suppliers.", lexicon)
    assert ("Tianmu Robotics", "basedIn", "Wuxi") in found
    # who speaks of the description is not what it describes
    found = facts("Huawei said the Wuxi-based robot maker had fitted a welding line.", lexicon)
    assert ("Huawei", "basedIn", "Wuxi") not in found


def test_a_nationality_seats_who_acts_not_a_thing(lexicon: Lexicon) -> None:
    # "Chinese routers" may stand anywhere: the adjective says where they come from, not where they are
    found = facts("Researchers found that Chinese ports and Korean shipyards were exposed to ransomware.", lexicon)
    assert not any(o in ("China", "Korea") for _s, _p, o in found)
    found = facts("Japanese handset makers have joined the alliance.", lexicon)
    assert ("Japanese handset makers", "basedIn", "Japan") in found


def test_part_of_a_campaign_is_no_organization(lexicon: Lexicon) -> None:
    found = facts("China Unicom's Hunan branch has fitted 5G at a cement plant in Leiyang, part of a provincial drive "
                  "to cut emissions.", lexicon)
    assert not any(p in ("subOrganizationOf", "hasSubOrganization") for _s, p, _o in found)
    found = facts("Kaibang Motor is part of Gree Group.", lexicon)
    assert ("Kaibang Motor", "subOrganizationOf", "Gree Group") in found


def test_who_after_a_persons_appositions_is_the_person(lexicon: Lexicon) -> None:
    found = facts("The risk is growing, said Liu Fang, an analyst at Qi An Xin, the Beijing-based security firm, who "
                  "warned of ransomware attacks on steel mills.", lexicon)
    assert ("Liu Fang", "warnsOf", "ransomware attacks") in found
    assert ("Qi An Xin", "warnsOf", "ransomware attacks") not in found
    found = facts("The risk is growing, said Liu Fang, a researcher at NSFOCUS, who called for network slicing.", lexicon)
    assert ("Liu Fang", "callsFor", "network slicing") in found
    assert ("NSFOCUS", "callsFor", "network slicing") not in found
    # what the person says has a subject of its own
    found = facts("The risk is growing, said Liu Fang, a researcher at NSFOCUS, who said steel mills were exposed to "
                  "ransomware.", lexicon)
    assert ("Liu Fang", "exposedTo", "ransomware") not in found


def test_an_owners_unit_in_apposition_at_the_end_of_a_sentence_is_the_name(lexicon: Lexicon) -> None:
    found = facts("The welding robots were supplied by Kaibang Motor, Gree's automation subsidiary.", lexicon)
    assert ("Gree", "hasSubsidiary", "Kaibang Motor") in found or ("Kaibang Motor", "subsidiaryOf", "Gree") in found
    assert not any(o == "Gree's automation subsidiary" for _s, _p, o in found)


def test_what_its_names_is_labelled_as_the_text_names_it(lexicon: Lexicon) -> None:
    found = facts("Gree Group said its network is watched from its security operations centre in Zhuhai.", lexicon)
    assert ("security operations centre", "locatedIn", "Zhuhai") in found
    assert not any("Gree Group's" in o or "Gree Group's" in s for s, _p, o in found)
    # a document is known by who wrote it
    found = facts("Strategy Analytics said in its latest report that shipments rose.", lexicon)
    assert ("Strategy Analytics", "published", "Strategy Analytics' latest report") in found


def test_who_acts_runs_on_nothing(lexicon: Lexicon) -> None:
    # what runs on a cloud is the software the sentence names without a mention, not the company
    found = facts("Gree Group said its Zhuhai network already ran on a separate core.", lexicon)
    assert ("Gree Group", "runsOn", "separate core") not in found
    found = facts("The Cosmo platform runs on a cloud supplied by Huawei.", lexicon)
    assert ("Cosmo platform", "runsOn", "cloud") in found


def test_a_participle_after_a_preposition_describes_the_noun_after_it(lexicon: Lexicon) -> None:
    found = facts("Police traced the traffic to a botnet of hijacked home routers in Vietnam.", lexicon)
    assert not any(s == "botnet" and o == "home routers" for s, _p, o in found)
    found = facts("A botnet hijacked home routers in Vietnam.", lexicon)
    assert ("botnet", "targets", "home routers") in found


def test_a_name_before_an_owners_noun_is_no_object(lexicon: Lexicon) -> None:
    found = facts("China Unicom said its Hunan branch built the Xiangtan mill's network together with ZTE.", lexicon)
    assert not any(o == "Xiangtan" and p == "built" for _s, p, o in found)


def test_a_class_word_opening_the_sentence_before_a_name_describes_it(lexicon: Lexicon) -> None:
    found = facts("Crane maker Sany, which is based in Changsha, has teamed up with China Mobile.", lexicon)
    assert ("Sany", "partneredWith", "China Mobile") in found
    assert not any(s == "Crane maker" for s, _p, _o in found)
    found = facts("Crane maker Sany has teamed up with China Mobile to link assembly lines at its pile-driver plant.", lexicon)
    assert ("Sany", "operates", "pile-driver plant") in found


def test_a_place_the_sentence_opens_on_is_no_unit_of_anything(lexicon: Lexicon) -> None:
    found = facts("In Nansha, Guangzhou Port, a unit of Guangzhou Port Group, runs a terminal.", lexicon)
    assert not any(s == "Nansha" for s, p, _o in found if p in ("subsidiaryOf", "hasSubsidiary"))
    assert not any(o == "Nansha" for _s, p, o in found if p in ("subsidiaryOf", "hasSubsidiary"))


def test_a_place_and_a_class_word_before_a_name_describe_it(lexicon: Lexicon) -> None:
    found = facts("The cranes, supplied by the Shanghai start-up Westwell, run on a 5G network.", lexicon)
    assert ("cranes", "builtBy", "Westwell") in found
    assert not any(o == "Shanghai start-up" for _s, _p, o in found)
    # nor one named in another clause
    found = facts("China Mobile picked Huawei over Datang, and the Wuxi-based robot maker will supply the arms.", lexicon)
    assert ("Datang", "basedIn", "Wuxi") not in found


def test_an_article_opening_the_sentence_is_no_word_of_a_seat(lexicon: Lexicon) -> None:
    found = facts("The Wuhan-based optical fibre maker YOFC supplied the cables.", lexicon)
    assert ("YOFC", "basedIn", "Wuhan") in found
    assert not any(o == "The Wuhan" for _s, _p, o in found)


def test_a_name_ranked_by_a_place_in_apposition_is_the_description(lexicon: Lexicon) -> None:
    found = facts("Sany Heavy Industry, Hunan's largest machinery maker by sales, has joined the alliance.", lexicon)
    assert not any(s == "Hunan's largest machinery maker" for s, _p, _o in found)
    assert not any(p == "memberOf" and o == "Sany Heavy Industry" for _s, p, o in found)


def test_a_verb_before_an_infinitive_owns_nothing(lexicon: Lexicon) -> None:
    found = facts("Gree Electric, a unit of Gree Group, plans to extend the network to its compressor plant.", lexicon)
    assert not any(s == "plans" for s, _p, _o in found)
