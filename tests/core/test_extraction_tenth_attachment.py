"""Attachment mechanisms of the tenth session: which noun a verb, a participle, a relative clause or a list attaches to
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_belonging_to_an_alliance_is_membership_of_each_listed_name(lexicon: Lexicon) -> None:
    found = facts("Haier and Midea both belong to the Shandong Smart Factory Alliance.", lexicon)
    assert ("Haier", "memberOf", "Shandong Smart Factory Alliance") in found
    assert ("Midea", "memberOf", "Shandong Smart Factory Alliance") in found


def test_along_with_joins_two_lists_of_subjects(lexicon: Lexicon) -> None:
    text = "Sinopec, PetroChina and CNOOC, along with Huawei, ZTE and Inspur, all belong to the Guangdong Energy Alliance."
    found = facts(text, lexicon)
    for name in ("Sinopec", "PetroChina", "CNOOC", "Huawei", "ZTE", "Inspur"):
        assert (name, "memberOf", "Guangdong Energy Alliance") in found


def test_along_with_after_an_object_adds_no_second_object(lexicon: Lexicon) -> None:
    found = facts("Baosteel built a 5G network along with Huawei.", lexicon)
    assert not any(o == "Huawei" and p == "built" for _s, p, o in found)


def test_a_site_that_belongs_to_a_company_is_run_by_it(lexicon: Lexicon) -> None:
    found = facts("Inside the Wengfu phosphate mine, which belongs to Guizhou Phosphate Group, trucks now drive themselves.",
                  lexicon)
    assert ("Wengfu phosphate mine", "operatedBy", "Guizhou Phosphate Group") in found
    assert not any(p == "memberOf" for _s, p, _o in found)


def test_companies_that_belong_to_a_company_are_no_members_of_it(lexicon: Lexicon) -> None:
    found = facts("The ministry says more than 200 suppliers belong to the group.", lexicon)
    assert not any(p in ("memberOf", "memberGroupOf", "hasMemberGroup") for _s, p, _o in found)


def test_a_participle_after_a_town_describes_the_thing_placed_in_it(lexicon: Lexicon) -> None:
    found = facts("A ransomware attack disrupted a smelter in Baotou run by Baotou Steel.", lexicon)
    assert ("smelter", "operatedBy", "Baotou Steel") in found
    assert not any(p == "operatedBy" and s in ("ransomware attack", "Baotou") for s, p, _o in found)
    found = facts("Sany and Huawei have installed a network at a crane factory in Kunshan operated by Sany Heavy Machinery.",
                  lexicon)
    assert ("crane factory", "operatedBy", "Sany Heavy Machinery") in found
    assert not any(p == "operatedBy" and s in ("Sany", "Huawei") for s, p, _o in found)


def test_a_participle_after_a_site_still_describes_the_site(lexicon: Lexicon) -> None:
    found = facts("The robots work at the Tashan mine owned by Datong Coal Group.", lexicon)
    assert ("Tashan mine", "operatedBy", "Datong Coal Group") in found


def test_each_thing_listed_before_at_a_site_stands_in_it(lexicon: Lexicon) -> None:
    found = facts("Ericsson has installed 5G-connected forklifts and barcode scanners at a tyre plant run by Linglong.", lexicon)
    assert ("5G-connected forklifts", "locatedIn", "tyre plant") in found
    assert ("barcode scanners", "locatedIn", "tyre plant") in found
    found = facts("Chery has built a gearbox factory in Wuhu. The network links 5G-connected forklifts and barcode scanners "
                  "across the factory.", lexicon)
    assert {("5G-connected forklifts", "locatedIn", "gearbox factory"), ("barcode scanners", "locatedIn", "gearbox factory")} <= found


def test_who_is_listed_before_at_a_site_is_not_placed_in_it(lexicon: Lexicon) -> None:
    found = facts("Engineers from Huawei and ZTE met at a factory run by Chery.", lexicon)
    assert not any(p == "locatedIn" and s in ("Huawei", "ZTE") for s, p, _o in found)


def test_a_contact_clause_in_an_apposition_says_its_verb_of_the_name(lexicon: Lexicon) -> None:
    found = facts("Sensor data now flows to Rootcloud, the industrial internet platform Sany set up in 2016.", lexicon)
    assert ("Sany", "established", "Rootcloud") in found
    text = "Both firms belong to the Hunan 5G Alliance, a Changsha-based body the provincial bureau set up in 2019 that counts 90 members."
    found = facts(text, lexicon)
    assert any(p == "established" and o == "Hunan 5G Alliance" and "bureau" in s for s, p, o in found)
    assert not any(p == "established" and s == "Hunan 5G Alliance" for s, p, _o in found)


def test_a_verb_with_an_object_of_its_own_is_no_contact_clause(lexicon: Lexicon) -> None:
    found = facts("The data goes to Rootcloud, the platform Sany set up a lab for.", lexicon)
    found |= facts("Orders go to Rootcloud, the industrial internet platform Sany built the plant around.", lexicon)
    assert not any(o == "Rootcloud" and p in ("established", "built") for _s, p, o in found)


def test_who_runs_a_trial_with_others_is_their_partner(lexicon: Lexicon) -> None:
    text = "Chery Automobile, a Wuhu-based carmaker, is running a similar trial with China Unicom's Anhui branch and Huawei."
    found = facts(text, lexicon)
    assert ("Chery Automobile", "partneredWith", "China Unicom Anhui") in found
    assert ("Chery Automobile", "partneredWith", "Huawei") in found
    found = facts("Great Wall Motor has conducted field tests with Ericsson in Baoding.", lexicon)
    assert ("Great Wall Motor", "partneredWith", "Ericsson") in found


def test_a_trial_with_a_thing_names_no_partner(lexicon: Lexicon) -> None:
    found = facts("Great Wall Motor has conducted tests with driverless trucks in Baoding.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)


def test_one_thing_right_before_at_the_site_stands_in_it(lexicon: Lexicon) -> None:
    found = facts("China Telecom and ZTE have rolled out a 5G network at the Yulong copper mine, which is run by Western Mining.",
                  lexicon)
    assert ("5G network", "locatedIn", "Yulong copper mine") in found


def test_an_idiom_or_a_person_before_at_the_site_is_placed_nowhere(lexicon: Lexicon) -> None:
    found = facts("Jinneng Group has taken a similar route at the Datong coal mine.", lexicon)
    found |= facts("Several engineers at the Datong coal mine were trained by Huawei.", lexicon)
    assert not any(p == "locatedIn" and o == "Datong coal mine" for _s, p, o in found)


def test_a_present_verb_right_after_and_shares_the_clauses_subject(lexicon: Lexicon) -> None:
    text = "Rootcloud, which Sany also sells to other makers, now hosts more than 900 industrial apps and runs on a cloud."
    found = facts(text, lexicon)
    assert ("Rootcloud", "runsOn", "cloud") in found
    assert not any(p == "runsOn" and s != "Rootcloud" for s, p, _o in found)


def test_an_ing_participle_describes_the_noun_right_before_it(lexicon: Lexicon) -> None:
    found = facts("Sany said defect images are analysed by an AI model running on an edge server.", lexicon)
    assert ("AI model", "runsOn", "edge server") in found
    assert not any(p == "runsOn" and s == "defect images" for s, p, _o in found)


def test_a_participle_after_a_description_in_apposition_describes_the_name(lexicon: Lexicon) -> None:
    found = facts("Sany and Zoomlion joined the Changsha Machinery Alliance, a body launched by the Changsha Bureau of Industry.",
                  lexicon)
    assert ("Changsha Machinery Alliance", "establishedBy", "Changsha Bureau of Industry") in found \
        or ("Changsha Bureau of Industry", "established", "Changsha Machinery Alliance") in found
    assert not any(s == "body" for s, _p, _o in found)


def test_a_site_at_a_place_stands_there(lexicon: Lexicon) -> None:
    found = facts("Ningbo Port Group, which runs the automated container terminals at Meishan, will test the system.", lexicon)
    assert ("automated container terminals", "locatedIn", "Meishan") in found


def test_someone_at_an_organization_is_placed_nowhere(lexicon: Lexicon) -> None:
    found = facts("A researcher at Qi An Xin found flaws in the controllers at Tsinghua University.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_what_a_relative_clause_does_in_a_place_stands_there(lexicon: Lexicon) -> None:
    found = facts("The network covers the gearbox works that Weichai Power runs in Gaomi county.", lexicon)
    assert ("gearbox works", "locatedIn", "Gaomi county") in found
    found = facts("The network covers the gearbox works that Weichai Power opened in 2019.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_the_verb_after_a_long_relative_clause_has_the_name_it_follows_as_subject(lexicon: Lexicon) -> None:
    text = ("Lanzhou University, which has opened a joint lab with China Mobile's Gansu branch on its Yuzhong campus to test "
            "industrial terminals, belongs to the Gansu 5G Industry Alliance.")
    assert ("Lanzhou University", "memberOf", "Gansu 5G Industry Alliance") in facts(text, lexicon)


def test_names_a_group_counts_among_its_members_are_members(lexicon: Lexicon) -> None:
    text = ("Lanzhou University belongs to the Gansu 5G Industry Alliance, a group of 70 members that also counts Jinchuan "
            "Group and Baiyin Nonferrous among them.")
    found = facts(text, lexicon)
    assert ("Jinchuan Group", "memberOf", "Gansu 5G Industry Alliance") in found
    assert ("Baiyin Nonferrous", "memberOf", "Gansu 5G Industry Alliance") in found
    assert not any(p == "hasMemberGroup" and o == "Baiyin Nonferrous" for _s, p, o in found)


def test_an_adverb_between_a_relative_clauses_subject_and_verb_keeps_the_object_before_that(lexicon: Lexicon) -> None:
    text = ("Ningbo Port has moved its cranes onto 5G, completing a network that China Mobile's Zhejiang branch and Huawei "
            "first rolled out at the automated Meishan terminal in 2019.")
    found = facts(text, lexicon)
    assert ("Huawei", "built", "network") in found
    assert not any(p == "built" and o == "Meishan terminal" for _s, p, o in found)


def test_a_place_described_as_a_part_of_another_lies_in_it(lexicon: Lexicon) -> None:
    found = facts("Gree has rolled out a 5G private network at its compressor plant in Doumen, a district of Zhuhai.", lexicon)
    assert ("Doumen", "locatedIn", "Zhuhai") in found
    found = facts("The mine sits in Gyaca, a county in Shannan.", lexicon)
    assert ("Gyaca", "locatedIn", "Shannan") in found
    assert not any(s == "county" for s, _p, _o in found)


def test_a_closing_participle_clause_has_the_main_clauses_subject(lexicon: Lexicon) -> None:
    text = ("Gree has rolled out a 5G private network at its compressor plant in Doumen, a district of Zhuhai, working with "
            "China Unicom's Guangdong branch and ZTE.")
    found = facts(text, lexicon)
    assert ("Gree", "partneredWith", "China Unicom Guangdong") in found
    assert ("Gree", "partneredWith", "ZTE") in found



def test_an_agent_together_with_another_acts_with_it(lexicon: Lexicon) -> None:
    found = facts("The group also opened a test lab in the Pudong zone, to be run by Tsinghua University together with ZTE.",
                  lexicon)
    assert ("test lab", "operatedBy", "ZTE") in found
    assert ("Tsinghua University", "partneredWith", "ZTE") in found


def test_a_part_that_sits_inside_or_is_built_into_a_thing_is_located_in_it(lexicon: Lexicon) -> None:
    found = facts("Quectel's 5G modules sit inside industrial routers made by Four-Faith.", lexicon)
    assert ("5G modules", "locatedIn", "industrial routers") in found
    found = facts("In the Foshan plant, Quectel's modules are built into automated guided vehicles supplied by Geek+.", lexicon)
    assert ("modules", "locatedIn", "automated guided vehicles") in found
