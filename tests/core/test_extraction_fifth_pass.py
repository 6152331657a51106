"""General readings of the seventh session's pass: descriptions that stand for a named entity, names with
numbers, passives, inverted and phrasal membership, plans and technologies, a site's owner (sentences
written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def test_the_company_is_the_subject_of_the_sentence_before(lexicon: Lexicon) -> None:
    found = facts("Kestrel Robotics opened a welding plant last year. The company partnered with Ericsson on its network.",
                  lexicon)
    assert ("Kestrel Robotics", "partneredWith", "Ericsson") in found
    assert not any(s in ("company", "The company") for s, _p, _o in found)


def test_a_description_in_apposition_gives_the_name_its_class(lexicon: Lexicon) -> None:
    text = ("Moxa Wheels, the scooter maker based in Kunming, counts on 5G. Liu Yan joined it in May. "
            "The carmaker then set up a test lab with Nokia.")
    found = facts(text, lexicon)
    assert ("Moxa Wheels", "basedIn", "Kunming") in found
    # "the carmaker" passes over the person named since, to the company of the apposition
    assert ("Moxa Wheels", "established", "test lab") in found or ("Moxa Wheels", "built", "test lab") in found
    assert not any(s in ("carmaker", "scooter maker") for s, _p, _o in found)


def test_the_city_is_the_place_the_text_was_speaking_of(lexicon: Lexicon) -> None:
    found = facts("Zibo has courted chemical plants for a decade. Qixiang Tengda, which is headquartered in the city, "
                  "built a private network.", lexicon)
    assert ("Qixiang Tengda", "basedIn", "Zibo") in found
    assert not any(o in ("city", "the city") for _s, _p, o in found)


def test_a_description_never_stands_for_a_person(lexicon: Lexicon) -> None:
    found = facts("Wang Fang, a researcher at Zibo University, spoke first. The company partnered with Ericsson.", lexicon)
    assert not any(s == "Wang Fang" and p == "partneredWith" for s, p, _o in found)


def test_a_numbered_site_is_one_thing(lexicon: Lexicon) -> None:
    found = facts("Kailuan Group has connected its No. 7 mine to a private network.", lexicon)
    assert ("Kailuan Group", "operates", "No. 7 mine") in found
    found = facts("Yitai Coal runs driverless trucks at the Suancigou No. 3 mine in Ordos.", lexicon)
    assert ("Suancigou No. 3 mine", "locatedIn", "Ordos") in found


def test_a_described_subject_opening_a_sentence_takes_the_passive(lexicon: Lexicon) -> None:
    found = facts("The edge cloud behind the robots was deployed by China Unicom's Jilin branch.", lexicon)
    assert ("edge cloud", "builtBy", "China Unicom Jilin") in found


def test_members_named_after_an_inverted_among(lexicon: Lexicon) -> None:
    text = ("The provincial government set up the Bohai Robotics Alliance in 2022. "
            "Among the founding members were Siasun and Dalian Maritime University.")
    found = facts(text, lexicon)
    assert ("Siasun", "memberOf", "Bohai Robotics Alliance") in found
    assert ("Dalian Maritime University", "memberOf", "Bohai Robotics Alliance") in found


def test_members_that_signed_on_join_the_organization_named_before(lexicon: Lexicon) -> None:
    text = ("The Jilin Auto Parts Alliance was set up in 2021; Fuyao Glass, Jilin University and Changchun Rail have "
            "since signed on as members.")
    found = facts(text, lexicon)
    for member in ("Fuyao Glass", "Jilin University", "Changchun Rail"):
        assert (member, "memberOf", "Jilin Auto Parts Alliance") in found


def test_a_promise_to_build_is_no_fact(lexicon: Lexicon) -> None:
    found = facts("China Unicom has promised to build a private network for Pinggao Group.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)
    found = facts("Pinggao Group pledged to deploy a private network next year.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)


def test_a_technology_is_no_thing_built(lexicon: Lexicon) -> None:
    found = facts("China Unicom rolled out 5G across the Jiaozuo coal mine.", lexicon)
    assert not any(p == "built" and o == "5G" for _s, p, o in found)
    found = facts("China Unicom built 5G coverage for the port.", lexicon)
    assert ("China Unicom", "built", "5G coverage") in found


def test_owned_by_after_a_site_is_said_of_the_site(lexicon: Lexicon) -> None:
    found = facts("China Mobile connected the Maanshan steel works, owned by Magang Group, last spring.", lexicon)
    assert ("Magang Group", "operates", "Maanshan steel works") in found \
        or ("Maanshan steel works", "operatedBy", "Magang Group") in found
    assert not any(s == "China Mobile" and o == "Magang Group" for s, _p, o in found)


def test_a_place_name_ending_in_ing_may_open_a_sentence(lexicon: Lexicon) -> None:
    found = facts("Nanjing, long a base for chipmakers, hosts Sunwoda. Tianma Micro, which is headquartered in the city, "
                  "built a 5G network.", lexicon)
    assert ("Tianma Micro", "basedIn", "Nanjing") in found
    found = facts("Speaking at a forum, Sun Hao of Tianma Micro warned of ransomware.", lexicon)
    assert not any(s == "Speaking" for s, _p, _o in found)


def test_a_described_opening_stops_before_its_verb(lexicon: Lexicon) -> None:
    found = facts("The quarry uses electric loaders and drones, and it cut costs in its first year.", lexicon)
    assert not any("uses" in s or "uses" in o for s, _p, o in found)


def test_the_present_tense_of_a_declared_verb_states_its_property(lexicon: Lexicon) -> None:
    found = facts("Foton Motors deploys a private network at its Qingdao plant.", lexicon)
    assert ("Foton Motors", "built", "private network") in found
    found = facts("Tianqi Lithium launches the Sichuan Battery Alliance with Deyang officials.", lexicon)
    assert ("Tianqi Lithium", "established", "Sichuan Battery Alliance") in found
    found = facts("Kunlun Tech teams up with Ericsson on remote cranes.", lexicon)
    assert ("Kunlun Tech", "partneredWith", "Ericsson") in found


def test_urging_verbs_call_for_the_action_named(lexicon: Lexicon) -> None:
    found = facts("Professor Gao Ming is pressing regulators to adopt a testing regime for industrial routers.", lexicon)
    assert ("Gao Ming", "callsFor", "testing regime") in found


def test_a_maker_that_builds_products_built_no_one_thing(lexicon: Lexicon) -> None:
    found = facts("Dongfeng Xiangyang builds light trucks with Bosch at a plant in Xiangyang.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)


def test_a_role_of_an_organization_in_apposition_is_an_affiliation(lexicon: Lexicon) -> None:
    found = facts("Ma Lin, deputy director of the Harbin Welding Institute, spoke at the fair.", lexicon)
    assert ("Ma Lin", "affiliatedWith", "Harbin Welding Institute") in found


def test_pointing_out_an_exposure_warns_of_its_threat(lexicon: Lexicon) -> None:
    found = facts("Ma Lin, an engineer at the Harbin Welding Institute, points out that many welding robots are "
                  "vulnerable to ransomware.", lexicon)
    assert ("Ma Lin", "warnsOf", "ransomware") in found


def test_the_named_branch_of_an_organization_is_its_branch(lexicon: Lexicon) -> None:
    found = facts("The bureau has asked the Harbin branch of China Unicom to run the checks.", lexicon)
    assert ("China Unicom", "hasBranch", "Harbin branch of China Unicom") in found \
        or ("Harbin branch of China Unicom", "branchOf", "China Unicom") in found
    assert not any(s in ("bureau", "The bureau") and p == "branchOf" for s, p, _o in found)


def test_a_unit_in_common_nouns_after_its_owner_is_named_by_them(lexicon: Lexicon) -> None:
    found = facts("Ma Lin, head of the Harbin Electric Group's robotics institute in Harbin, spoke first.", lexicon)
    assert ("Ma Lin", "affiliatedWith", "robotics institute") in found
    assert ("robotics institute", "locatedIn", "Harbin") in found


def test_members_of_a_named_organization_after_an_inverted_among(lexicon: Lexicon) -> None:
    found = facts("Among the first members of the Heilongjiang 5G Alliance were HIT Robot Group and Harbin Electric.", lexicon)
    assert ("HIT Robot Group", "memberOf", "Heilongjiang 5G Alliance") in found
    assert ("Harbin Electric", "memberOf", "Heilongjiang 5G Alliance") in found


def test_a_speaker_named_before_a_role_in_apposition_warns(lexicon: Lexicon) -> None:
    found = facts("Sun Wei, deputy director of the Heilongjiang Communications Administration, points out that many "
                  "forklifts are vulnerable to ransomware.", lexicon)
    assert ("Sun Wei", "warnsOf", "ransomware") in found


def test_a_technology_cue_takes_no_verb_before_it(lexicon: Lexicon) -> None:
    texts = [m.text for m in MentionFinder(lexicon).find("HIT Robot Group will roll out 5G across the province.")]
    assert "5G" in texts
    assert not any("roll" in text for text in texts)


def test_a_description_before_a_name_describes_that_name_not_the_one_before(lexicon: Lexicon) -> None:
    # a bug of this pass's apposition rule, seen after the final scoring: the opening place became a company
    text = ("Inner Mongolia Yitai Group runs mines. In Baotou, the steelmaker BISC is testing 5G cranes. "
            "Huawei, which opened a robotics lab in Baotou in 2021, is a member.")
    found = facts(text, lexicon)
    assert ("robotics lab", "locatedIn", "Baotou") in found
    assert not any(s == "Baotou" for s, _p, _o in found)


def test_a_place_a_sentence_opens_on_is_no_subject_a_description_can_stand_for(lexicon: Lexicon) -> None:
    found = facts("In Baotou, Northern Rare Earth has linked its smelter to a private network. "
                  "The company partnered with Huawei on the project.", lexicon)
    assert ("Northern Rare Earth", "partneredWith", "Huawei") in found
    assert not any(s == "Baotou" for s, _p, _o in found)
