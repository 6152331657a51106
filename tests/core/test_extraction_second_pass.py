"""Names joined by "and", "-based" and "5G-…" compounds, titles, modality, quotes spread over
sentences, purposes after a partnership and places after "at its" (sentences written here, none
from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_and_inside_a_name_that_ends_in_a_class_word(lexicon: Lexicon) -> None:
    found = facts("The Hunan Oil and Gas Group set up a hydrogen alliance.", lexicon)
    assert ("Hunan Oil and Gas Group", "established", "hydrogen alliance") in found
    found = facts("The Guizhou Science and Big Data Department founded a cloud alliance.", lexicon)
    assert ("Guizhou Science and Big Data Department", "established", "cloud alliance") in found
    # two names still split where one side is a single word or holds a class word
    found = facts("The Hebei Department of Commerce and Yanshan University founded a steel alliance.", lexicon)
    assert ("Yanshan University", "established", "steel alliance") in found
    found = facts("Tencent and Baosteel Group set up a robotics alliance.", lexicon)
    assert {("Tencent", "established", "robotics alliance"), ("Baosteel Group", "established", "robotics alliance")} <= found


def test_a_based_compound_is_a_seat_not_part_of_the_name(lexicon: Lexicon) -> None:
    found = facts("Xi'an-based Sungrow Group partnered with ZTE.", lexicon)
    assert ("Sungrow Group", "partneredWith", "ZTE") in found
    assert ("Sungrow Group", "basedIn", "Xi'an") in found
    assert not any("-based" in s for s, _p, _o in found)


def test_a_5g_compound_is_one_thing(lexicon: Lexicon) -> None:
    found = facts("Sany Group deployed 5G-guided forklifts at the warehouse.", lexicon)
    assert ("Sany Group", "built", "5G-guided forklifts") in found
    assert not any(o == "5G" for _s, _p, o in found)


def test_a_title_before_a_name_makes_a_person(lexicon: Lexicon) -> None:
    found = facts("Dr. Zhou Ping, a researcher at Zhejiang University, warned of malware. She said that kilns are "
                  "exposed to ransomware.", lexicon)
    assert ("Zhou Ping", "affiliatedWith", "Zhejiang University") in found
    assert ("Zhou Ping", "warnsOf", "malware") in found
    assert ("Zhou Ping", "warnsOf", "ransomware") in found
    assert not any(s.startswith("Dr") for s, _p, _o in found)
    found = facts("Professor Lu Bin joined the alliance. Lu said that furnaces are exposed to malware.", lexicon)
    assert ("Lu Bin", "warnsOf", "malware") in found


def test_plans_and_will_state_no_accomplished_fact(lexicon: Lexicon) -> None:
    found = facts("The Hebei Department of Commerce plans to set up a drone alliance.", lexicon)
    assert not any(p == "established" for _s, p, _o in found)
    found = facts("Gree will deploy a private network next year.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)
    found = facts("Gree deployed a private network last year.", lexicon)
    assert ("Gree", "built", "private network") in found


def test_a_quote_over_several_sentences_keeps_its_speaker(lexicon: Lexicon) -> None:
    found = facts('"Old lathes were never meant to be online," Wu Gang said. "Old controllers are exposed to malware. '
                  'Nobody patches them."', lexicon)
    assert ("Wu Gang", "warnsOf", "malware") in found
    found = facts('Officials were calm. "Boilers are exposed to ransomware. We know it," said Ma Li, an engineer.',
                  lexicon)
    assert ("Ma Li", "warnsOf", "ransomware") in found


def test_a_partnership_to_build_makes_both_builders(lexicon: Lexicon) -> None:
    found = facts("Midea teamed up with China Unicom to build a smart warehouse.", lexicon)
    assert ("Midea", "partneredWith", "China Unicom") in found
    assert {("Midea", "built", "smart warehouse"), ("China Unicom", "built", "smart warehouse")} <= found


def test_at_its_site_is_operated_and_locates_what_is_there(lexicon: Lexicon) -> None:
    found = facts("Gree Group built a private network at its compressor plant in Zhuhai.", lexicon)
    assert ("Gree Group", "built", "private network") in found
    # the network is in the plant, the plant in Zhuhai (the network's town follows from the two)
    assert ("private network", "locatedIn", "compressor plant") in found
    assert ("compressor plant", "locatedIn", "Zhuhai") in found
    assert ("Gree Group", "operates", "compressor plant") in found
    # one common noun placed by a name is a site of its own, called by both as the newer keys call it (fourteenth session)
    found = facts("Gree Group built a private network at its plant in Zhuhai.", lexicon)
    assert ("private network", "locatedIn", "plant in Zhuhai") in found
    assert ("plant in Zhuhai", "locatedIn", "Zhuhai") in found
    assert ("Gree Group", "operates", "plant in Zhuhai") in found
    found = facts("Gree Group built a private network at its compressor plant.", lexicon)
    assert ("Gree Group", "operates", "compressor plant") in found
    assert ("private network", "locatedIn", "compressor plant") in found


def test_a_noun_after_a_preposition_is_no_subject(lexicon: Lexicon) -> None:
    found = facts("Sensors in paper mills and dye works are vulnerable to malware.", lexicon)
    assert ("Sensors", "exposedTo", "malware") in found
    assert not any(s in ("paper mills", "dye works") and p == "exposedTo" for s, p, _o in found)


def test_a_partner_found_by_a_reference_gets_no_copied_fact(lexicon: Lexicon) -> None:
    found = facts("Haier founded a robotics alliance. It teamed up with Midea Group to build a test line.", lexicon)
    assert ("Midea Group", "built", "test line") in found
    assert not any(p == "built" and s != "Midea Group" for s, p, o in found if o == "test line")


def test_a_name_may_open_with_a_lower_case_letter(lexicon: Lexicon) -> None:
    found = facts("The plant was designed with help from iSoftStone, the Wuxi-based software company.", lexicon)
    assert not any(s == "SoftStone" or o == "SoftStone" for s, _p, o in found)
    assert ("iSoftStone", "basedIn", "Wuxi") in found


def test_an_apposition_speaks_of_the_name_before_it(lexicon: Lexicon) -> None:
    found = facts("Zoomlion, a crane maker headquartered in Changsha, built a private network.", lexicon)
    assert ("Zoomlion", "basedIn", "Changsha") in found
    assert ("Zoomlion", "built", "private network") in found
    assert not any(s == "crane maker" for s, _p, _o in found)


def test_a_provincial_government_is_an_agency(lexicon: Lexicon) -> None:
    found = facts("The provincial government has called for stricter audits.", lexicon)
    assert ("provincial government", "callsFor", "stricter audits") in found


def test_a_participle_after_a_thing_describes_it(lexicon: Lexicon) -> None:
    found = facts("Sinopec said in a report released in May that refineries are exposed to malware.", lexicon)
    assert ("Sinopec", "published", "report") in found
    assert not any(p == "published" and o != "report" for _s, p, o in found)


def test_an_article_inside_a_pattern_opens_no_phrase(lexicon: Lexicon) -> None:
    found = facts("The ministry signed a cooperation agreement with ZTE Corporation.", lexicon)
    assert any(p == "partneredWith" and o == "ZTE Corporation" for _s, p, o in found)


def test_a_verb_after_and_ends_a_list_of_objects(lexicon: Lexicon) -> None:
    found = facts("The city government called for safer routers and plans to set up a lab.", lexicon)
    assert ("city government", "callsFor", "safer routers") in found
    assert not any(o == "plans" for _s, _p, o in found)


def test_a_place_after_a_prepositional_phrase_locates_its_noun(lexicon: Lexicon) -> None:
    found = facts("Huawei built a scheduling system for paper mills in Foshan.", lexicon)
    assert ("paper mills", "locatedIn", "Foshan") in found
    assert ("scheduling system", "locatedIn", "Foshan") not in found


def test_they_opening_a_second_clause_is_the_first_clauses_subject(lexicon: Lexicon) -> None:
    found = facts("These lathes were never patched, and they are exposed to malware.", lexicon)
    assert ("lathes", "exposedTo", "malware") in found


def test_a_bare_abstract_noun_names_nothing(lexicon: Lexicon) -> None:
    found = facts("Dr. Gao Yan cautioned that the plan carries risks.", lexicon)
    assert not any(o == "risks" for _s, _p, o in found)


def test_a_name_and_one_common_noun_after_the_describe_one_thing(lexicon: Lexicon) -> None:
    found = facts("Baowu Group, which operates the Zhanjiang mill, built a private network.", lexicon)
    assert ("Baowu Group", "operates", "Zhanjiang mill") in found
    assert not any(o == "Zhanjiang" for _s, _p, o in found)


def test_attacks_on_a_thing_target_it(lexicon: Lexicon) -> None:
    found = facts("Officials counted more phishing attacks on water utilities this year.", lexicon)
    assert ("phishing attacks", "targets", "water utilities") in found


def test_a_reference_to_a_described_thing_is_no_agent(lexicon: Lexicon) -> None:
    found = facts("Gree opened a paint workshop. The workshop was planned with advice from Siemens.", lexicon)
    assert not any(s == "paint workshop" and p == "affiliatedWith" for s, p, _o in found)
