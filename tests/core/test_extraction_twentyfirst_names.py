"""A maker's name before its gear ("Hikvision cameras"), a count opening a sentence, numbers with thousands in a
described thing, a name of fields joined by "and" before a class word, a name described as a site, and "online" after a
network (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _texts(text: str, lexicon: Lexicon) -> list[str]:
    return [m.text for m in MentionFinder(lexicon).find(text)]


def test_a_makers_name_before_its_gear_names_the_gear_the_maker_built(lexicon: Lexicon) -> None:
    found = facts("The crane system relies on laser rangefinders and Dahua cameras to guide coils.", lexicon)
    assert ("Dahua", "built", "Dahua cameras") in found
    found = facts("Sixty Hikvision dust sensors on the polishing lines report to the plant's edge servers.", lexicon)
    assert ("Hikvision", "built", "Hikvision dust sensors") in found
    assert ("Sixty Hikvision", "built", "Hikvision dust sensors") not in found


def test_kinds_of_gear_and_gear_named_by_its_site_have_no_maker(lexicon: Lexicon) -> None:
    # "Thermal" and "AI" are kinds of camera, "VPN" a kind of gateway; "the Pizhou cranes" work at Pizhou
    for text in ("Thermal cameras watch the kilns.", "The line uses AI cameras.", "Hackers broke into VPN gateways.",
                 "Gateways fitted to the Pizhou cranes had a flaw.", "The plant connected its Dayaowan terminal."):
        assert not any(p == "built" for _, p, _ in facts(text, lexicon)), text


def test_a_count_opening_a_sentence_is_no_part_of_a_name(lexicon: Lexicon) -> None:
    assert "Hikvision cameras" in _texts("Forty Hikvision cameras watch the gates.", lexicon)
    # a name that opens on a number word keeps it
    assert "Three Gorges Renewables" in _texts("Three Gorges Renewables, which operates five wind farms, said so.", lexicon)


def test_a_number_with_thousands_stays_whole_in_a_described_thing(lexicon: Lexicon) -> None:
    texts = _texts("It opened a 12,000-tonne line and a 40,000-square-metre warehouse.", lexicon)
    assert "12,000-tonne line" in texts and "40,000-square-metre warehouse" in texts
    assert not any(t.startswith("000") for t in texts)


def test_a_field_before_and_and_a_class_word_after_it_name_one_body(lexicon: Lexicon) -> None:
    texts = _texts("The branch connected the Menglian Tea Processing and Export Centre last year.", lexicon)
    assert "Menglian Tea Processing and Export Centre" in texts
    # two names of their own are still two
    texts = _texts("Baotou Steel and Longyuan Power signed the deal.", lexicon)
    assert "Baotou Steel" in texts and "Longyuan Power" in texts


def test_a_name_described_as_a_site_stands_where_the_description_puts_it(lexicon: Lexicon) -> None:
    found = facts("China Mobile Yunnan has switched on a network at the Menglian Tea Processing and Export Centre, a "
                  "40,000-square-metre site in Menglian county that dries and grades leaves.", lexicon)
    assert ("Menglian Tea Processing and Export Centre", "locatedIn", "Menglian county") in found
    assert not any(s.endswith("site") for s, _, _ in found)


def test_online_after_a_network_ends_its_name(lexicon: Lexicon) -> None:
    texts = _texts("The operator brought a 5G network online across the oilfield's Heshui area.", lexicon)
    assert "5G network" in texts and "5G network online" not in texts


def test_a_bulk_carrier_is_a_ship_not_a_telecom_carrier(lexicon: Lexicon) -> None:
    found = MentionFinder(lexicon).find("The unloaders can empty a 70,000-tonne bulk carrier in two days.")
    carrier = next(m for m in found if m.text.endswith("bulk carrier"))
    assert carrier.cls is not None and carrier.cls.endswith("Asset")


def test_a_verb_after_a_makers_acronym_is_no_part_of_its_name(lexicon: Lexicon) -> None:
    found = facts("Drones made by DJI watch the slopes above the dam.", lexicon)
    assert ("Drones", "builtBy", "DJI") in found
    assert not any("DJI watch" in (s, o) for s, _, o in found)


def test_things_connected_to_a_network_or_a_platform_run_on_it(lexicon: Lexicon) -> None:
    text = ("China Mobile built a 5G private network at the plant. ZTE supplied gateways that connect older drying ovens "
            "to the network, while cameras inspect rubber bales.")
    assert ("older drying ovens", "runsOn", "5G private network") in facts(text, lexicon)
    found = facts("The assembly lines are also connected to Guiyun, an industrial-internet platform developed by Guigang "
                  "Digital Industry Group.", lexicon)
    assert ("assembly lines", "runsOn", "Guiyun") in found


def test_what_a_network_links_to_a_platform_runs_on_the_network_not_the_platform(lexicon: Lexicon) -> None:
    found = facts("The network links more than 600 soil sensors to Chayun, a crop-monitoring platform.", lexicon)
    assert not any(p == "runsOn" and o == "Chayun" for _, p, o in found)


def test_a_reports_year_ends_its_title(lexicon: Lexicon) -> None:
    texts = _texts("A report titled Pipeline Control Threat Landscape 2025, published in June by Xiling Security Lab, warned "
                   "of ransomware.", lexicon)
    assert "Pipeline Control Threat Landscape 2025" in texts
    # a year after a name that titles nothing is no part of it
    assert "Shanghai" in _texts("Sales rose in Shanghai 2023, the bureau said.", lexicon)


def test_a_report_put_out_by_someone_warns_by_its_title_not_its_publisher(lexicon: Lexicon) -> None:
    found = facts("A report published last month by Beijing-based Xiling Security Lab, the Grid Supply Chain Threat Review "
                  "2025, warned of ransomware campaigns aimed at substations.", lexicon)
    assert ("Grid Supply Chain Threat Review 2025", "warnsOf", "ransomware campaigns") in found
    assert ("Xiling Security Lab", "warnsOf", "ransomware campaigns") not in found
    # with no title, the report warns: the ontology lets only agents warn, and the publisher did not
    found = facts("A report published in March by the Provincial Emergency Response Centre, or PERC, warned that monitoring "
                  "systems were exposed to ransomware.", lexicon)
    assert not any(p == "warnsOf" for _, p, _ in found)
    # a speaker the sentence names after its report speaks ("In a report published in May, X warned …")
    found = facts("In a report published in May, Xiling Security Lab, the Beijing-based firm, warned that design data held by "
                  "turbine makers had become a prime target for industrial espionage.", lexicon)
    assert ("Xiling Security Lab", "warnsOf", "industrial espionage") in found


def test_a_role_at_a_described_or_possessed_organization_affiliates_the_person(lexicon: Lexicon) -> None:
    found = facts("\"The valley floods,\" said Wu Peng, an energy analyst at Kunming-based Erhai Securities.", lexicon)
    assert ("Wu Peng", "affiliatedWith", "Erhai Securities") in found
    found = facts("The city will fund half the cost, said Lu Fang, a deputy director of the city's forestry bureau.", lexicon)
    assert ("Lu Fang", "affiliatedWith", "forestry bureau") in found


def test_the_company_is_the_one_running_the_site_not_the_carrier_that_built_its_network(lexicon: Lexicon) -> None:
    text = ("China Mobile's Gansu branch has switched on a 5G private network at a feed mill in Jingning. The mill, operated "
            "by Jingning-based Liupan Feed, mixes 200,000 tonnes a year. Its platform was developed jointly by China Mobile "
            "Gansu and Liupan Feed. \"Our mixers now report every ten seconds,\" said Hu Jun, the company's deputy general "
            "manager.")
    found = facts(text, lexicon)
    assert ("Hu Jun", "affiliatedWith", "Liupan Feed") in found
    assert not any(s == "Hu Jun" and o.startswith("China Mobile") for s, _, o in found)


def test_in_after_who_runs_a_site_places_the_site(lexicon: Lexicon) -> None:
    found = facts("A tea processing plant run by Wuling Tea Group in Baojing has moved its lines onto a 5G network.", lexicon)
    assert ("tea processing plant", "locatedIn", "Baojing") in found
    assert not any(s == "Wuling Tea Group" and o == "Baojing" for s, _, o in found)


def test_two_products_and_one_site_name_one_park(lexicon: Lexicon) -> None:
    texts = _texts("The operator covered the Helong Ginseng and Kimchi Food Industrial Park in Longjing.", lexicon)
    assert "Helong Ginseng and Kimchi Food Industrial Park" in texts


def test_two_trades_before_a_sites_head_name_one_site(lexicon: Lexicon) -> None:
    texts = _texts("They opened a walnut and olive-oil processing plant in Wenxian.", lexicon)
    assert "walnut and olive-oil processing plant" in texts
    # two sites, or a list, stay apart
    texts = _texts("They opened a graphite mine and purification plant in Luobei. It bought a crane and forklifts.", lexicon)
    assert "graphite mine and purification plant" not in texts and "crane and forklifts" not in texts


def test_a_name_and_an_auxiliary_after_said_open_the_reported_clause(lexicon: Lexicon) -> None:
    found = facts("China Unicom said ZTE had supplied the base stations strung along the pit road.", lexicon)
    assert ("ZTE", "built", "base stations") in found
    assert ("China Unicom", "built", "base stations") not in found


def test_a_second_subject_of_an_object_relative_does_what_its_own_verb_says(lexicon: Lexicon) -> None:
    text = ("China Mobile built a 5G private network at the mill. The network, which Huawei built and China Mobile Yunnan "
            "will run, links about 600 moisture sensors.")
    found = facts(text, lexicon)
    assert ("Huawei", "built", "5G private network") in found
    assert ("China Mobile Yunnan", "operates", "5G private network") in found
    assert ("5G private network", "built", "China Mobile Yunnan") not in found


def test_the_alliance_counts_the_members_not_its_founders(lexicon: Lexicon) -> None:
    text = ("The mining group also sits in the Huaibei 5G Smart Mining Alliance, which China Telecom, ZTE and Kuangda "
            "Intelligent Mining set up in 2022 and which now counts more than 40 mines and equipment makers as members.")
    found = facts(text, lexicon)
    assert not any(p == "hasMemberGroup" and s in ("ZTE", "Kuangda Intelligent Mining") for s, p, _ in found)
    assert ("Kuangda Intelligent Mining", "established", "Huaibei 5G Smart Mining Alliance") in found
    found = facts("The Shanxi Coking Alliance was set up last year. The alliance, established in 2021 by China Unicom, "
                  "Jinzhong University and Shanxi Lutong Coal Group, now counts more than 60 mining and coking companies "
                  "among its members.", lexicon)
    assert not any(p == "hasMemberGroup" and s in ("Jinzhong University", "Shanxi Lutong Coal Group") for s, p, _ in found)
