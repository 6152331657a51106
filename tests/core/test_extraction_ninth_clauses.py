"""Clause and verb mechanisms of the ninth session: possessive determiners, appositions of ownership, threats as verbs'
subjects, contact relative clauses (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_possessive_determiner_is_no_subject_of_the_verb_after_its_noun(lexicon: Lexicon) -> None:
    text = "Weichai Group makes engines in Shandong. Its competitor Yuchai Machinery runs a foundry in Yulin."
    found = facts(text, lexicon)
    assert ("Yuchai Machinery", "operates", "foundry") in found
    assert not any(p == "operates" and s == "Weichai Group" for s, p, _o in found)


def test_a_possessive_determiner_before_the_patterns_noun_still_has_what_follows(lexicon: Lexicon) -> None:
    text = "The Anhui Robotics Alliance was set up in 2021. Its members include Efort and Chery."
    found = facts(text, lexicon)
    assert ("Efort", "memberOf", "Anhui Robotics Alliance") in found or ("Anhui Robotics Alliance", "hasMember", "Efort") in found


def test_verbs_of_disabling_say_what_a_threat_targets(lexicon: Lexicon) -> None:
    found = facts("Last spring, a botnet hijacked the control gateways of a cement plant in Wuhu.", lexicon)
    assert ("botnet", "targets", "cement plant") in found
    found = facts("Malware disabled the servers of a port operator.", lexicon)
    assert ("Malware", "targets", "port operator") in found


def test_a_loose_word_after_a_threat_is_its_verb(lexicon: Lexicon) -> None:
    found = facts("In June, ransomware hit the billing system of a water utility in Hefei.", lexicon)
    assert any(s == "ransomware" and p == "targets" for s, p, _o in found)
    assert not any(p == "targets" for _s, p, _o in facts("The hit on the plant was severe.", lexicon))


def test_a_possessive_determiner_does_not_open_the_clause_an_apposition_continues(lexicon: Lexicon) -> None:
    text = "Weichai Group makes engines in Shandong. Its rival Yuchai Machinery, a subsidiary of Yuchai Holdings, runs a foundry."
    found = facts(text, lexicon)
    assert ("Yuchai Holdings", "hasSubsidiary", "Yuchai Machinery") in found \
        or ("Yuchai Machinery", "subsidiaryOf", "Yuchai Holdings") in found
    assert not any(o == "Weichai Group" or s == "Weichai Group" for s, p, o in found if "ubsidiar" in p)


def test_a_joint_venture_in_apposition_is_owned_by_each_partner(lexicon: Lexicon) -> None:
    found = facts("Changan Ford, a joint venture between Changan and Ford, opened a plant in Hangzhou.", lexicon)
    assert ("Changan Ford", "ownedBy", "Changan") in found
    assert ("Changan Ford", "ownedBy", "Ford") in found


def test_an_apposition_naming_a_part_of_an_owner_makes_the_name_its_subsidiary(lexicon: Lexicon) -> None:
    found = facts("Faway Logistics, a FAW subsidiary that runs warehouses, joined the alliance.", lexicon)
    assert ("FAW", "hasSubsidiary", "Faway Logistics") in found
    text = "Sinotruk Group builds trucks in Jinan. Sitrak Motors, the group's export subsidiary, opened a plant."
    assert ("Sinotruk Group", "hasSubsidiary", "Sitrak Motors") in facts(text, lexicon)
    # a place before the head noun is where the part is, not who owns it
    found = facts("Quectel, the Shanghai module maker, grew.", lexicon)
    assert not any(p == "hasSubsidiary" for _s, p, _o in found)


def test_plural_members_of_an_organization_are_each_members(lexicon: Lexicon) -> None:
    found = facts("Sungrow, Trina and Longi are members of the Jiangsu Solar Alliance, which was formed in 2019.", lexicon)
    for company in ("Sungrow", "Trina", "Longi"):
        assert (company, "memberOf", "Jiangsu Solar Alliance") in found


def test_an_opening_word_before_a_comma_is_no_list_member(lexicon: Lexicon) -> None:
    found = facts("Meanwhile, Shenyang-based Siasun partnered with China Unicom.", lexicon)
    assert ("Siasun", "partneredWith", "China Unicom") in found
    assert not any(s == "Meanwhile" for s, _p, _o in found)


def test_who_makes_a_joint_thing_with_others_is_their_partner_and_each_makes_it(lexicon: Lexicon) -> None:
    text = "Zhejiang University has opened a joint robotics lab with Geely and Hikvision in Hangzhou."
    found = facts(text, lexicon)
    assert ("Zhejiang University", "partneredWith", "Geely") in found
    assert ("Zhejiang University", "partneredWith", "Hikvision") in found
    assert ("Hikvision", "established", "joint robotics lab") in found


def test_a_thing_made_with_another_is_a_partnership_and_a_comma_and_opens_a_clause(lexicon: Lexicon) -> None:
    # (the ninth session read no partnership here unless the thing was "joint"; the writers' kg:partneredWith names
    # "with" among its words and every key since the twelfth session lists it, so the co-founder is a partner now)
    text = "The provincial bureau founded the Anhui Robotics Alliance together with Efort, and Chery and JAC have since joined it."
    found = facts(text, lexicon)
    assert ("Efort", "established", "Anhui Robotics Alliance") in found
    assert not any(p == "established" and s in ("Chery", "JAC") for s, p, _o in found)
    assert not any(p == "partneredWith" and ({s, o} & {"Chery", "JAC"}) for s, p, o in found)
    assert any(p == "partneredWith" and o == "Efort" for _s, p, o in found)


def test_a_role_in_apposition_says_where_a_person_works(lexicon: Lexicon) -> None:
    text = "The Anhui Robotics Alliance was founded in 2021. Liu Fang, the alliance's secretary-general, said members grew."
    assert ("Liu Fang", "affiliatedWith", "Anhui Robotics Alliance") in facts(text, lexicon)
    found = facts("Gao Lei, Midea's vice-president for manufacturing, said the plant runs on 5G.", lexicon)
    assert ("Gao Lei", "affiliatedWith", "Midea") in found
    text = "The Hunan Department of Commerce set up a fund. Tan Jie, a deputy director at the department, said so."
    assert ("Tan Jie", "affiliatedWith", "Hunan Department of Commerce") in facts(text, lexicon)


def test_who_works_or_studies_at_an_organization_is_affiliated_with_it(lexicon: Lexicon) -> None:
    found = facts("Ma Rui, who studies industrial robots at Harbin Institute of Technology, said arms are exposed to malware.",
                  lexicon)
    assert ("Ma Rui", "affiliatedWith", "Harbin Institute of Technology") in found


def test_a_part_of_an_owner_named_after_of_in_an_apposition(lexicon: Lexicon) -> None:
    found = facts("Hengtong Optic, the regional arm of the state-owned Hengtong Group, grew.", lexicon)
    assert ("Hengtong Group", "hasSubsidiary", "Hengtong Optic") in found
    assert not any("ubsidiar" in p for _s, p, _o in facts("The plant, a unit of work, stops.", lexicon))


def test_what_is_made_provided_or_installed_by_someone_was_built_by_it(lexicon: Lexicon) -> None:
    found = facts("The drones, made by DJI, patrol a network provided by China Unicom.", lexicon)
    assert ("drones", "builtBy", "DJI") in found or ("DJI", "built", "drones") in found
    assert ("network", "builtBy", "China Unicom") in found or ("China Unicom", "built", "network") in found
    found = facts("Midea said China Mobile had installed a private network at its Foshan plant.", lexicon)
    assert ("China Mobile", "built", "private network") in found
    # products counted out are sold, not one thing built
    assert not any(p == "built" for _s, p, _o in facts("Last year Siemens installed 5G base stations in Wuxi.", lexicon))


def test_a_participle_after_a_noun_no_mention_covers_describes_that_noun(lexicon: Lexicon) -> None:
    found = facts("The sensors sit inside steel cabinets made by Rittal, a German firm.", lexicon)
    assert not any(p in ("built", "builtBy") and "sensors" in (s, o) for s, p, o in found)


def test_a_sentence_opening_on_a_named_place_with_the_places_what_it_builds_or_sets_up(lexicon: Lexicon) -> None:
    found = facts("In the Suzhou Industrial Park, China Unicom has built a 5G network for Bosch.", lexicon)
    assert ("5G network", "locatedIn", "Suzhou Industrial Park") in found
    found = facts("In Lanzhou New Area, the district built on the loess plateau, Huawei has set up an innovation centre.", lexicon)
    assert any(s == "innovation centre" and p in ("locatedIn", "basedIn") and o == "Lanzhou New Area" for s, p, o in found)


def test_sites_counted_out_of_an_owners_own_are_run_by_it(lexicon: Lexicon) -> None:
    found = facts("Shenhua Group has connected 14 of its mines to a private network.", lexicon)
    assert ("Shenhua Group", "operates", "mines") in found
    found = facts("Alibaba Cloud runs one of its largest data centres in Zhangbei.", lexicon)
    assert ("Alibaba Cloud", "operates", "largest data centres") in found
    found = facts("Shenhua Group watches all of its mines from Beijing.", lexicon)
    assert ("Shenhua Group", "operates", "mines") not in found


def test_a_plural_subject_operates_and_a_list_has_one_and(lexicon: Lexicon) -> None:
    text = "Tencent runs a campus there with its partner Sinnet, and China Mobile and China Unicom each operate data centres."
    found = facts(text, lexicon)
    assert ("China Mobile", "operates", "data centres") in found
    assert ("China Unicom", "operates", "data centres") in found
    assert not any(s == "Sinnet" and p == "operates" for s, p, _o in found)


def test_a_favourite_target_of_a_threat_is_exposed_to_it(lexicon: Lexicon) -> None:
    found = facts("Old routers are a favourite target of botnets.", lexicon)
    assert any(p == "exposedTo" and o == "botnets" for _s, p, o in found)


def test_the_noun_right_after_a_verb_is_its_object_over_a_known_kind_further_on(lexicon: Lexicon) -> None:
    found = facts("Tongji University runs a test bed for robotic cranes that port operators can use.", lexicon)
    assert ("Tongji University", "operates", "test bed") in found
    assert not any(p == "operates" and o != "test bed" for _s, p, o in found)


def test_an_organization_counted_by_its_members_in_an_apposition_or_a_relative_has_them(lexicon: Lexicon) -> None:
    found = facts("Midea and Gree are members of the Guangdong Robotics Association, a Foshan-based group with more than 400 "
                  "members.", lexicon)
    assert ("Guangdong Robotics Association", "hasMemberGroup", "more than 400 members") in found
    found = facts("Gree joined the Guangdong Robotics Association, which has about 300 member companies.", lexicon)
    assert ("Guangdong Robotics Association", "hasMemberGroup", "about 300 member companies") in found


def test_the_second_verb_of_a_relative_clause_has_the_relatives_subject(lexicon: Lexicon) -> None:
    found = facts("Midea and Gree are members of the Guangdong Robotics Association, which has about 300 member companies and has been "
                  "promoting RedCap.", lexicon)
    assert ("Guangdong Robotics Association", "promotes", "RedCap") in found
    assert not any(p == "promotes" and s != "Guangdong Robotics Association" for s, p, _o in found)


def test_what_is_set_up_on_an_owners_campus_stands_there(lexicon: Lexicon) -> None:
    found = facts("Tongji University has set up a robotics lab with ABB on its Jiading campus.", lexicon)
    assert ("robotics lab", "locatedIn", "Jiading campus") in found
    assert not any(p == "locatedIn" for _s, p, _o in facts("Huawei runs its cloud on its own network.", lexicon))


def test_a_speaker_of_a_named_organization_works_there(lexicon: Lexicon) -> None:
    found = facts("Li Hua of the Zhejiang University warned of ransomware.", lexicon)
    assert ("Li Hua", "affiliatedWith", "Zhejiang University") in found
    assert not any(p == "affiliatedWith" for _s, p, _o in facts("The Port of Ningbo is busy.", lexicon))
