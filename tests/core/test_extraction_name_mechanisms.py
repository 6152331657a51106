"""Names, references and possessives as English news prose uses them (eighth session): where a noun phrase
ends, what "its", "it", "there" and "its members" stand for, and which sites a possessive makes a fact of
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _labels(text: str, lexicon: Lexicon) -> list[str]:
    finder = MentionFinder(lexicon)
    return [(m.label or m.text) for m in finder.find(text)]


# -- where a noun phrase ends ----------------------------------------------------------------------

def test_a_verb_after_an_auxiliary_opens_no_noun_phrase(lexicon: Lexicon) -> None:
    labels = _labels("Kunlun Mining has installed 5G base stations at its Hongshan mine.", lexicon)
    assert "5G base stations" in labels
    assert not any("installed" in label for label in labels)


def test_a_verb_before_a_name_is_no_part_of_it(lexicon: Lexicon) -> None:
    found = facts("The port authority has since asked China Unicom's Hainan branch to patch its switches.", lexicon)
    assert ("China Unicom", "hasBranch", "China Unicom Hainan") in found


def test_a_past_tense_before_its_object_ends_the_subject(lexicon: Lexicon) -> None:
    labels = _labels("Last spring, ransomware infected the billing servers of a water utility in Kaifeng.", lexicon)
    assert not any("infected" in label for label in labels)


def test_adverbs_of_place_and_time_end_a_phrase(lexicon: Lexicon) -> None:
    labels = _labels("Wanfeng runs a casting shop in Xinchang, where robotic arms pour aluminium.", lexicon)
    assert not any(label.lower().startswith("where") for label in labels)
    labels = _labels("Rail engineers say that signal boxes often fail in winter.", lexicon)
    assert "signal boxes" in labels


def test_a_depth_is_a_quantity_not_a_thing(lexicon: Lexicon) -> None:
    found = facts("Yankuang Energy put sensors more than 800 metres underground at its Dongtan mine.", lexicon)
    assert not any("metres" in s or "metres" in o for s, _p, o in found)


# -- what "its", "it" and "its members" stand for ----------------------------------------------------

def test_its_is_the_subject_of_its_clause_not_the_nearer_partner(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    mentions = finder.find("Baotou Steel signed a deal with China Telecom to cover its rolling lines with 5G.")
    its = next(m for m in mentions if m.text == "its")
    assert (its.label or its.text) == "Baotou Steel"


def test_it_after_a_verb_is_the_object_of_the_clause_before(lexicon: Lexicon) -> None:
    text = ("The provincial bureau founded the Hexi Robotics Alliance in 2019, and more than 40 factories have "
            "joined it.")
    found = facts(text, lexicon)
    assert any(o == "Hexi Robotics Alliance" and "factories" in s for s, p, o in found if p == "memberOf") \
        or any(s == "Hexi Robotics Alliance" and "factories" in o for s, p, o in found if p == "hasMemberGroup")
    assert not any("factories" in s and o != "Hexi Robotics Alliance" for s, p, o in found if p == "memberOf")


def test_its_members_are_those_of_the_alliance_just_set_up(lexicon: Lexicon) -> None:
    text = ("The Hubei Economic Bureau set up the Jianghan Drone Alliance last year. "
            "Its members include Zall Group, Wuhan University and Hikvision.")
    found = facts(text, lexicon)
    assert ("Jianghan Drone Alliance", "hasMember", "Zall Group") in found \
        or ("Zall Group", "memberOf", "Jianghan Drone Alliance") in found
    assert not any(s == "Hubei Economic Bureau" for s, p, _o in found if p == "hasMember")


# -- sites -------------------------------------------------------------------------------------------

def test_there_is_the_site_named_last(lexicon: Lexicon) -> None:
    text = "Dongfeng Motor has upgraded its Xiangyang plant. The company says welding robots there now run on 5G."
    found = facts(text, lexicon)
    assert ("welding robots", "locatedIn", "Xiangyang plant") in found


def test_a_base_of_its_own_after_of_is_operated(lexicon: Lexicon) -> None:
    found = facts("Geely has linked the paint shop of its Cixi base to a private network.", lexicon)
    assert ("Geely", "operates", "Cixi base") in found


def test_a_site_named_after_a_place_the_text_never_names_is_not_placed_there(lexicon: Lexicon) -> None:
    found = facts("Zijin Mining runs driverless trucks at its Duobaoshan mine.", lexicon)
    assert ("Zijin Mining", "operates", "Duobaoshan mine") in found
    assert not any(s == "Duobaoshan mine" and p == "locatedIn" for s, p, _o in found)
    # where the text names the place, the site named after it stands there
    found = facts("In Cixi, Geely runs welding robots at its Cixi plant.", lexicon)
    assert ("Cixi plant", "locatedIn", "Cixi") in found


def test_a_description_s_possession_is_its_own(lexicon: Lexicon) -> None:
    text = ("The Gansu Logistics Alliance was founded in 2022. "
            "Huawei built software for the alliance's shared freight platform.")
    found = facts(text, lexicon)
    assert ("Gansu Logistics Alliance", "operates", "shared freight platform") in found


def test_a_body_named_by_two_joined_fields_is_one_name(lexicon: Lexicon) -> None:
    found = facts("The city's science and technology commission set up the Harbin Robotics Alliance.", lexicon)
    assert ("science and technology commission", "established", "Harbin Robotics Alliance") in found


def test_a_counted_group_that_joins_is_a_member_group(lexicon: Lexicon) -> None:
    found = facts("Some 60 suppliers joined the Qilu Robotics Alliance last year.", lexicon)
    assert ("Some 60 suppliers", "memberGroupOf", "Qilu Robotics Alliance") in found
    assert not any(p == "memberOf" for _s, p, _o in found)


def test_what_a_described_owner_has_is_named_after_its_possessive(lexicon: Lexicon) -> None:
    found = facts("Baoding Cement, which runs the province's biggest kiln line, signed a deal with Huawei.", lexicon)
    assert ("Baoding Cement", "operates", "biggest kiln line") in found


def test_the_city_is_the_place_named_before_even_when_only_known_as_a_place(lexicon: Lexicon) -> None:
    text = ("In Zigong, Dongfang Boiler has linked its welding hall to a private network. "
            "Operators steer the cranes from a control room in the city.")
    found = facts(text, lexicon)
    assert ("control room", "locatedIn", "Zigong") in found


def test_a_company_introduced_by_its_trade_after_an_opening_place_is_based_there(lexicon: Lexicon) -> None:
    found = facts("In Baotou, the steelmaker Baogang is testing drones to inspect blast furnaces.", lexicon)
    assert ("Baogang", "basedIn", "Baotou") in found
    # a thing the sentence places there is the scene, and no seat is read
    found = facts("In Wuxi, the chipmaker Huahong opened a 5G-connected test workshop last month.", lexicon)
    assert not any(p == "basedIn" for _s, p, _o in found)


def test_a_thing_in_a_described_site_stands_there(lexicon: Lexicon) -> None:
    text = ("Weichai Power upgraded its engine plant last year. "
            "The firm has deployed driverless forklifts in the plant's paint shop.")
    found = facts(text, lexicon)
    assert ("driverless forklifts", "locatedIn", "paint shop") in found
    assert not any(s == "engine plant" and p == "operates" for s, p, _o in found)  # a site's part is no agent's
    found = facts("Weichai Power upgraded its engine plant last year. Welding robots in the plant now run on 5G.", lexicon)
    assert ("welding robots", "locatedIn", "engine plant") in found
    # a kind of site, in a bare plural, is no one site a thing stands in
    found = facts("The lab studies 5G uses in coal mines.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_a_lab_is_an_organization_its_opener_founds(lexicon: Lexicon) -> None:
    found = facts("Inspur, which opened a machine vision lab in Jinan in 2020, also sells servers.", lexicon)
    assert ("Inspur", "established", "machine vision lab") in found
    assert ("machine vision lab", "locatedIn", "Jinan") in found


def test_the_first_plural_after_a_count_heads_what_is_counted(lexicon: Lexicon) -> None:
    labels = _labels("Xugong says that more than 400 robots handle welding and 30 suppliers belong to its network.", lexicon)
    assert "robots" in labels and "more than 400 robots" not in labels and "30 suppliers" in labels
    labels = _labels("Dozens of plants host more than 20 logistics companies.", lexicon)
    assert "more than 20 logistics companies" in labels


def test_the_city_stands_for_no_district(lexicon: Lexicon) -> None:
    text = ("Midea runs a lighthouse factory in Shunde District. "
            "Engineers at a lab in the city test robot arms.")
    found = facts(text, lexicon)
    assert not any(o == "Shunde District" for s, p, o in found if s == "lab")


def test_the_facility_is_the_site_named_last(lexicon: Lexicon) -> None:
    text = "Gotion opened a battery plant in Hefei last year. The facility runs on a private network built by China Telecom."
    found = facts(text, lexicon)
    assert ("battery plant", "runsOn", "private network") in found


def test_a_site_after_a_described_owner_or_whose_is_the_owner_s(lexicon: Lexicon) -> None:
    found = facts("Midea built a lighthouse factory. The company's Shunde plant now runs on a private 5G network.", lexicon)
    assert ("Midea", "operates", "Shunde plant") in found
    found = facts("Sany, whose Changsha plant hosts 1,000 robots, signed a deal with China Unicom.", lexicon)
    assert ("Sany", "operates", "Changsha plant") in found
    assert not any(s == "Changsha" for s, _p, _o in found)


def test_its_opening_a_sentence_owns_the_site_after_it(lexicon: Lexicon) -> None:
    found = facts("Chery Automobile is based in Wuhu. Its Wuhu plant now runs on a private network.", lexicon)
    assert ("Chery Automobile", "operates", "Wuhu plant") in found


def test_it_in_a_reported_clause_is_no_reporting_subject(lexicon: Lexicon) -> None:
    text = "The agency founded the Lujiang Sensor Alliance. The agency said that more than 30 firms have joined it."
    found = facts(text, lexicon)
    assert not any(o == "The agency" or o == "agency" for _s, p, o in found if p in ("memberOf", "memberGroupOf"))


def test_the_city_is_no_company_the_text_spoke_of(lexicon: Lexicon) -> None:
    found = facts("Weichai Power built a 5G network at its Weifang plant. Suppliers in the city use it too.", lexicon)
    assert not any(o == "Weichai Power" for _s, p, o in found if p in ("locatedIn", "basedIn"))


def test_things_listed_before_a_site_all_stand_in_it(lexicon: Lexicon) -> None:
    text = ("Liugong upgraded its loader plant last year. "
            "The firm has deployed welding robots and driverless forklifts in the plant's paint shop.")
    found = facts(text, lexicon)
    assert {("welding robots", "locatedIn", "paint shop"), ("driverless forklifts", "locatedIn", "paint shop")} <= found


def test_a_count_of_things_named_with_a_technology_is_one_phrase(lexicon: Lexicon) -> None:
    labels = _labels("Zoomlion has equipped its Weinan plant with more than 600 5G terminals.", lexicon)
    assert "more than 600 5G terminals" in labels


def test_a_definite_thing_in_a_definite_site_introduces_both(lexicon: Lexicon) -> None:
    text = "XCMG has linked its Xuzhou works to 5G, and the cranes in the assembly hall now take orders over the air."
    found = facts(text, lexicon)
    assert ("cranes", "locatedIn", "assembly hall") in found


def test_things_there_and_the_plant_for_a_factory(lexicon: Lexicon) -> None:
    found = facts("Ningbo Port has automated its Meishan terminal. Cranes there are steered from Shanghai.", lexicon)
    assert ("Cranes", "locatedIn", "Meishan terminal") in found
    found = facts("Hisense has opened a 5G factory in Huangdao District. The plant runs on a private network.", lexicon)
    assert ("5G factory", "runsOn", "private network") in found


def test_a_participle_with_its_preposition_after_a_name_is_the_verb(lexicon: Lexicon) -> None:
    labels = _labels("Xiaomi accounted for 20 percent of phone shipments in India.", lexicon)
    assert "Xiaomi" in labels and not any("accounted" in label for label in labels)


def test_it_after_a_verb_with_nothing_in_its_sentence_is_the_object_before(lexicon: Lexicon) -> None:
    text = "The Shaanxi bureau set up the Qinling Drone Alliance in 2021. The bureau says 90 firms have joined it."
    found = facts(text, lexicon)
    assert ("90 firms", "memberGroupOf", "Qinling Drone Alliance") in found
    # a place after a preposition is no object "it" may stand for
    found = facts("Kingdee Robotics is based in Shenzhen. Tencent has since acquired it.", lexicon)
    assert not any(o == "Shenzhen" for _s, p, o in found if p != "basedIn" and p != "locatedIn")


def test_a_present_tense_before_its_object_ends_the_subject(lexicon: Lexicon) -> None:
    labels = _labels("According to the operator, the port's private network covers 12 kilometres of quay.", lexicon)
    assert "private network" in labels and not any("covers" in label for label in labels)


def test_the_company_is_the_name_before_it_in_its_own_sentence(lexicon: Lexicon) -> None:
    found = facts("Lu Jun, chief engineer at Anshan Iron and Steel, said the company's Bayuquan plant now runs on 5G.", lexicon)
    assert ("Anshan Iron and Steel", "operates", "Bayuquan plant") in found
    found = facts("Hubei Iron opened a lab in Wuhan, the province's capital.", lexicon)
    assert not any(s == "Wuhan" and p == "operates" for s, p, _o in found)


def test_its_after_a_verb_that_makes_its_object_act_is_that_object_s(lexicon: Lexicon) -> None:
    found = facts("Huawei helped Midea build its Jingzhou factory.", lexicon)
    assert ("Midea", "operates", "Jingzhou factory") in found
    assert not any(s == "Huawei" and p == "operates" for s, p, _o in found)


def test_an_ampersand_joins_one_word_of_a_name(lexicon: Lexicon) -> None:
    assert "R&D centre" in _labels("Huawei has an R&D centre in Xi'an.", lexicon)


def test_their_is_read_like_its(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    mentions = finder.find("The ministry urged carmakers to connect their assembly plants to 5G networks.")
    their = next(m for m in mentions if m.text == "their")
    assert (their.label or their.text) == "carmakers"


def test_a_description_is_the_subject_before_over_a_nearer_object(lexicon: Lexicon) -> None:
    text = "Baowu Group signed a deal with Ansteel Group in May. The company then set up a research centre in Wuhan."
    found = facts(text, lexicon)
    assert ("Baowu Group", "established", "research centre") in found
    assert not any(s == "Ansteel Group" and p == "established" for s, p, _o in found)


def test_a_technology_is_placed_nowhere_by_a_bare_preposition(lexicon: Lexicon) -> None:
    found = facts("Tsinghua University opened a joint lab for industrial 5G in Haidian in 2021.", lexicon)
    assert not any(s == "5G" and p == "locatedIn" for s, p, _o in found)


def test_an_owner_s_site_in_common_nouns_is_its_own_and_a_place_s_largest_is_not(lexicon: Lexicon) -> None:
    found = facts("A few streets away, Nio's electric-car factory uses 5G-connected robots.", lexicon)
    assert ("Nio", "operates", "electric-car factory") in found
    found = facts("SMIC, the chipmaker whose Shanghai fabs run around the clock, is testing robots.", lexicon)
    assert ("SMIC", "operates", "Shanghai fabs") in found
    found = facts("Baowu runs China's largest steel mill in Zhanjiang.", lexicon)
    assert ("Baowu", "operates", "largest steel mill") in found
    assert not any(s == "China" and p == "operates" for s, p, _o in found)


def test_a_company_named_by_a_place_s_field_and_another_is_one_name(lexicon: Lexicon) -> None:
    found = facts("Nansha Terminal, operated by Guangzhou Port and Logistics Holding, runs 5G cranes.", lexicon)
    assert ("Nansha Terminal", "operatedBy", "Guangzhou Port and Logistics Holding") in found
    labels = _labels("The Ministry of Industry and Information Technology and Huawei signed a deal.", lexicon)
    assert "Ministry of Industry and Information Technology" in labels


def test_a_name_with_a_class_word_and_one_more_name_after_and_are_two_names(lexicon: Lexicon) -> None:
    labels = _labels("The Harbin Institute of Technology and Huawei opened a joint lab in 2023.", lexicon)
    assert "Harbin Institute of Technology" in labels and "Huawei" in labels
    labels = _labels("The Ministry of Science and Technology set up a fund.", lexicon)
    assert "Ministry of Science and Technology" in labels


def test_an_owner_s_unit_in_apposition_is_the_name_it_follows(lexicon: Lexicon) -> None:
    found = facts("Cainiao, Alibaba's logistics arm, opened a bonded warehouse in Yangpu.", lexicon)
    assert ("Alibaba", "hasSubsidiary", "Cainiao") in found
    # no closing comma: the unit opens the main clause, it is no apposition
    found = facts("At the Dushanzi complex, a refinery owned by PetroChina, China Mobile's Xinjiang branch has built a "
                  "5G network.", lexicon)
    assert not any(o == "PetroChina" for s, p, o in found if p == "hasBranch") and \
        not any(s == "PetroChina" and p == "built" for s, p, _o in found)


def test_at_its_site_is_the_owner_its_stands_for_not_an_apposition_s(lexicon: Lexicon) -> None:
    found = facts("Datang Yunnan Hydropower, a subsidiary of China Datang, is testing a similar system at its Jinghong "
                  "plant in Xishuangbanna.", lexicon)
    assert ("Datang Yunnan Hydropower", "operates", "Jinghong plant") in found
    assert not any(s == "China Datang" and p == "operates" for s, p, _o in found)
    found = facts("The project cut fuel use by a tenth in its first year, said Yankuang Energy.", lexicon)
    assert not any(p == "operates" for _s, p, _o in found)


def test_a_named_site_of_two_common_nouns_and_a_verb_after_an_apposition(lexicon: Lexicon) -> None:
    text = ("Huadian Power, the province's largest solar operator, uses 5G-connected drones to inspect panels at its "
            "Gonghe solar farm in Hainan Prefecture.")
    found = facts(text, lexicon)
    assert ("Huadian Power", "operates", "Gonghe solar farm") in found


def test_a_name_better_known_as_another_is_one_entity(lexicon: Lexicon) -> None:
    found = facts("Shanghai Automotive Industry Corporation, better known as SAIC, has linked its Lingang plant to 5G.", lexicon)
    assert ("Shanghai Automotive Industry Corporation", "operates", "Lingang plant") in found
    assert not any("known" in s for s, _p, _o in found)
    mentions = MentionFinder(lexicon).find("Shanghai Automotive Industry Corporation, better known as SAIC, has grown.")
    assert next(m for m in mentions if m.text == "SAIC").label == "Shanghai Automotive Industry Corporation"


def test_a_description_before_its_verb_is_no_apposition(lexicon: Lexicon) -> None:
    found = facts("Jiangxi Copper runs a smelter in Guixi. Together with Huawei, the company has deployed a private network.",
                  lexicon)
    assert ("Jiangxi Copper", "built", "private network") in found
