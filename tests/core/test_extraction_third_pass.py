"""Words several properties share, short verbs, quote attribution, passive attacks after a
preposition, gerund modifiers, harmed belongings, sentence-opening noun phrases, sites owned,
partners after an object, affiliations and calls (sentences written here, none from the articles
the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_opened_establishes_an_organization_and_builds_anything_else(lexicon: Lexicon) -> None:
    found = facts("Gree Group opened a data service centre in Zhuhai.", lexicon)
    assert ("Gree Group", "established", "data service centre") in found
    assert not any(p == "built" for _s, p, _o in found)
    found = facts("Midea Group opened a painting workshop last month.", lexicon)
    assert ("Midea Group", "built", "painting workshop") in found
    assert not any(p == "established" for _s, p, _o in found)


def test_who_owns_a_site_operates_it_and_owns_an_organization(lexicon: Lexicon) -> None:
    found = facts("Liu Bo owns a brick kiln near Handan.", lexicon)
    assert ("Liu Bo", "operates", "brick kiln") in found
    assert not any(p == "owns" for _s, p, _o in found)
    found = facts("Gree Group owns Zhuhai Kaibang Motor Company.", lexicon)
    assert ("Gree Group", "owns", "Zhuhai Kaibang Motor Company") in found
    assert not any(p == "operates" for _s, p, _o in found)


def test_a_bare_preposition_in_a_relative_clause_links_what_stands_beside_it(lexicon: Lexicon) -> None:
    # (one "who runs" a site operates it; one "who manages" a site manages it for its operator: see
    # test_extraction_twelfth_precision)
    found = facts("Chen Bo, who runs a printing plant in Wuxi, praised the network.", lexicon)
    assert ("Chen Bo", "operates", "printing plant") in found
    assert ("printing plant", "locatedIn", "Wuxi") in found
    assert ("Chen Bo", "locatedIn", "Wuxi") not in found


def test_said_reports_no_thing_referred_back_to_or_quoted(lexicon: Lexicon) -> None:
    found = facts("Midea Group set up a robotics alliance. The alliance will train welders, said Zhou Li.", lexicon)
    assert not any(p == "reportedBy" for _s, p, _o in found)
    found = facts('"One bad update can halt a whole smelter," said Ma Jun.', lexicon)
    assert not any(p == "reportedBy" for _s, p, _o in found)
    # what a sentence introduces is still reported
    found = facts("So far, more than 40 industrial internet platforms have gone live, said the Ministry of Emergency Management.",
                  lexicon)
    assert ("more than 40 industrial internet platforms", "reportedBy", "Ministry of Emergency Management") in found


def test_a_passive_attack_takes_its_victim_before_the_preposition(lexicon: Lexicon) -> None:
    found = facts("The bulletin said that dyeing plants in Zhejiang were hit by ransomware.", lexicon)
    assert ("ransomware", "targets", "dyeing plants") in found
    assert not any(o == "Zhejiang" and p in ("targets", "targetedBy") for _s, p, o in found)
    assert not any(s == "Zhejiang" and p in ("targets", "targetedBy") for s, p, _o in found)
    found = facts("Dyeing plants in Zhejiang were hit by ransomware.", lexicon)
    assert ("ransomware", "targets", "dyeing plants") in found


def test_an_ing_word_after_an_article_modifies_the_noun(lexicon: Lexicon) -> None:
    found = facts("Anhui Conch bought a grinding mill in Tongling.", lexicon)
    assert ("grinding mill", "locatedIn", "Tongling") in found


def test_belongings_harmed_by_a_threat_are_its_targets(lexicon: Lexicon) -> None:
    found = facts("Several smelters had their design files encrypted by ransomware.", lexicon)
    assert ("ransomware", "targets", "design files") in found


def test_a_sentence_may_open_with_a_bare_noun_phrase(lexicon: Lexicon) -> None:
    found = facts("Many kiln controllers, she said, still run on outdated firmware.", lexicon)
    assert ("kiln controllers", "runsOn", "outdated firmware") in found
    assert not any(s in ("she", "She") for s, _p, _o in found)


def test_new_patterns_of_the_ontology(lexicon: Lexicon) -> None:
    found = facts("Sany Group rolled out a private network last year.", lexicon)
    assert ("Sany Group", "built", "private network") in found
    found = facts("Gree Group is working with ZTE on a welding cell.", lexicon)
    assert ("Gree Group", "partneredWith", "ZTE") in found
    found = facts("The robotics alliance has signed up 30 member companies.", lexicon)
    assert ("robotics alliance", "hasMemberGroup", "30 member companies") in found
    found = facts("Old kiln controllers are easy prey for ransomware.", lexicon)
    assert ("old kiln controllers", "exposedTo", "ransomware") in found


def test_a_partner_after_the_object_does_it_too(lexicon: Lexicon) -> None:
    found = facts("The Hunan Department of Commerce opened a logistics service centre in Changsha together with ZTE.",
                  lexicon)
    assert ("Hunan Department of Commerce", "established", "logistics service centre") in found
    assert ("ZTE", "established", "logistics service centre") in found
    found = facts("Sany Group has rolled out a private network at its crane plant in Changsha with China Unicom.",
                  lexicon)
    assert ("China Unicom", "built", "private network") in found
    # a plain "with" takes a named partner only
    found = facts("Sany Group built a platform with open interfaces.", lexicon)
    assert not any(s == "open interfaces" for s, _p, _o in found)


def test_a_passive_partner_built_the_subject(lexicon: Lexicon) -> None:
    found = facts("Sany Group is testing 5G-guided cranes. The cranes were developed together with Changsha-based "
                  "Zoomlion, whose engineers wrote the software.", lexicon)
    assert ("Zoomlion", "built", "5G-guided cranes") in found
    assert not any(s == "5G-guided cranes" and p == "built" for s, p, _o in found)


def test_a_site_the_subject_owns(lexicon: Lexicon) -> None:
    found = facts("Sany Group has rolled out a private network across its main plant in Changsha.", lexicon)
    assert {("Sany Group", "operates", "main plant"), ("private network", "locatedIn", "main plant"),
            ("main plant", "locatedIn", "Changsha")} <= found
    # no fact before: the clause's subject owns the site, and a site named after a place the sentence names stands
    # there (eighth session: only where the text names that place, see test_extraction_name_mechanisms)
    found = facts("In Loudi, Sany Group has connected more than 500 welding robots at its Loudi plant to the network.",
                  lexicon)
    assert {("Sany Group", "operates", "Loudi plant"), ("welding robots", "locatedIn", "Loudi plant"),
            ("Loudi plant", "locatedIn", "Loudi")} <= found
    # a report is no site
    found = facts("Sany Group said in its annual report that sales rose.", lexicon)
    assert not any(p == "operates" for _s, p, _o in found)


def test_a_possessed_site_keeps_its_own_name(lexicon: Lexicon) -> None:
    found = facts("Sany Group's Loudi plant is testing driverless forklifts.", lexicon)
    assert ("Sany Group", "operates", "Loudi plant") in found
    found = facts("Midea's M.IoT platform connects 3,000 suppliers.", lexicon)
    assert ("Midea", "operates", "M.IoT platform") in found


def test_a_sentence_that_opens_on_a_place_sets_the_scene(lexicon: Lexicon) -> None:
    found = facts("In Zhuzhou, the rail hub of the province, CRRC opened a painting workshop last month.", lexicon)
    assert ("CRRC", "built", "painting workshop") in found
    assert ("painting workshop", "locatedIn", "Zhuzhou") in found


def test_what_a_call_asks_for_is_the_action(lexicon: Lexicon) -> None:
    found = facts("Liu Bo said kilns are exposed to malware, and urged owners to invest in network segmentation.",
                  lexicon)
    assert ("Liu Bo", "callsFor", "network segmentation") in found
    assert not any(p == "callsFor" and o == "owners" for _s, p, o in found)
    found = facts('"Nobody patches these controllers," he warned, calling for regular penetration tests.', lexicon)
    assert any(p == "callsFor" and o == "regular penetration tests" for _s, p, o in found)


def test_a_speaker_publishes_its_own_document(lexicon: Lexicon) -> None:
    found = facts("The Hunan Cybersecurity Centre reported in its quarterly bulletin that attacks rose.", lexicon)
    assert ("Hunan Cybersecurity Centre", "published", "quarterly bulletin") in found


def test_affiliations_from_roles_and_units(lexicon: Lexicon) -> None:
    found = facts("Sany Group set up a robotics alliance with Hunan University. The alliance will train welders, said "
                  "Zhou Li, an associate professor at the university.", lexicon)
    assert ("Zhou Li", "affiliatedWith", "Hunan University") in found
    found = facts('"Patch first," said Ma Jun, a security engineer at Venustech.', lexicon)
    assert ("Ma Jun", "affiliatedWith", "Venustech") in found
    found = facts("Central South University trains engineers. Professor Peng Tao, who heads the university's "
                  "control security lab, praised the plan.", lexicon)
    assert ("Peng Tao", "affiliatedWith", "Central South University") in found


def test_a_unit_named_after_a_possessive_acts(lexicon: Lexicon) -> None:
    found = facts("Central South University trains engineers. Its school of traffic engineering has built a "
                  "digital twin with the Zhuzhou depot.", lexicon)
    assert ("school of traffic engineering", "built", "digital twin") in found
    assert ("Zhuzhou depot", "built", "digital twin") in found
    assert not any(s == "Central South University" and p == "built" for s, p, _o in found)


def test_a_bare_place_after_a_with_complement_is_said_of_its_head(lexicon: Lexicon) -> None:
    found = facts("Sany Group set up a welding alliance with 30 suppliers in Changsha.", lexicon)
    assert ("welding alliance", "locatedIn", "Changsha") in found


def test_a_preposition_after_an_unnamed_noun_places_nothing_before_it(lexicon: Lexicon) -> None:
    found = facts("Shipbuilders are betting on 5G to win orders lost to rivals in Vietnam.", lexicon)
    assert not any(p == "locatedIn" and o == "Vietnam" for _s, p, o in found)
    # after a verb it places the verb's subject
    found = facts("More than 40 industrial internet platforms have emerged in Hunan, said the Hunan Department of "
                  "Commerce.", lexicon)
    assert ("More than 40 industrial internet platforms", "locatedIn", "Hunan") in found


def test_where_a_planned_thing_will_stand_is_planned_too(lexicon: Lexicon) -> None:
    found = facts("The provincial government plans to set up a monitoring centre for smart mines in Yulin.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_a_class_known_only_broadly_may_still_fit(lexicon: Lexicon) -> None:
    # "published by" makes Venustech an agent; an agent may be the organization an affiliation needs
    found = facts("A report published by Venustech counted the attacks. \"Patch first,\" said Ma Jun, a security "
                  "engineer at Venustech.", lexicon)
    assert ("Ma Jun", "affiliatedWith", "Venustech") in found


def test_a_participle_after_an_unnamed_noun_describes_it(lexicon: Lexicon) -> None:
    found = facts("Sany Group said the main yard cut the time needed to weld a boom by a third.", lexicon)
    assert not any(p == "needs" for _s, p, _o in found)


def test_a_noun_after_with_is_no_direct_object(lexicon: Lexicon) -> None:
    found = facts("Liugong Group built a private network with China Mobile at its main factory.", lexicon)
    assert ("Liugong Group", "built", "private network") in found
    assert not any(p == "built" and o == "China Mobile" for _s, p, o in found)


def test_what_is_said_after_that_has_its_own_subject(lexicon: Lexicon) -> None:
    found = facts("Guangxi University warned that many refineries run on unpatched servers.", lexicon)
    assert ("refineries", "runsOn", "unpatched servers") in found
    assert not any(s == "Guangxi University" and p == "runsOn" for s, p, _o in found)


def test_a_call_that_names_no_action_is_no_call_for_its_addressees(lexicon: Lexicon) -> None:
    found = facts("The Guangxi Department of Industry urged sugar mills to hurry.", lexicon)
    assert not any(p == "callsFor" for _s, p, _o in found)


def test_a_verb_after_and_now_keeps_the_sentence_subject(lexicon: Lexicon) -> None:
    found = facts("Liugong Group built a private network with China Mobile, and now runs 300 robots on it.", lexicon)
    assert ("Liugong Group", "operates", "robots") in found
    assert not any(s == "China Mobile" and p == "operates" for s, p, _o in found)


def test_an_apposition_after_the_subject_is_no_subject(lexicon: Lexicon) -> None:
    found = facts("Jiangxi Copper, the province's largest miner, has deployed 5G-connected drills.", lexicon)
    assert ("Jiangxi Copper", "built", "5G-connected drills") in found


def test_help_from_a_partner_makes_it_a_builder(lexicon: Lexicon) -> None:
    found = facts("Jiangxi Copper is testing 5G-connected drills. The drills were built with help from Sany Group and "
                  "are controlled from Nanchang.", lexicon)
    assert ("Sany Group", "built", "5G-connected drills") in found
    assert not any(s == "Sany Group" and o == "Nanchang" for s, _p, o in found)  # "controlled from" is no seat


def test_a_role_in_apposition_makes_a_person(lexicon: Lexicon) -> None:
    found = facts('"Furnaces were never meant to be online," said Zhang Lei, director of the lab at Yanshan University. '
                  "He warned that furnace controllers are vulnerable to ransomware.", lexicon)
    assert ("Zhang Lei", "warnsOf", "ransomware") in found


def test_a_call_for_an_action_on_something_owned(lexicon: Lexicon) -> None:
    found = facts("Zhang Lei said kilns are exposed to malware, and urged mills to segment their control networks.",
                  lexicon)
    # the call is for segmenting the networks, named whole: not for the networks
    assert {o for _s, p, o in found if p == "callsFor"} == {"segment their control networks"}
    assert ("kilns", "exposedTo", "malware") in found


def test_a_participle_before_by_ends_an_indefinite_phrase(lexicon: Lexicon) -> None:
    found = facts("Gree Group linked its lines to a private network supplied by ZTE.", lexicon)
    assert not any("supplied" in s or "supplied" in o for s, _p, o in found)


def test_a_year_before_a_comma_opens_no_phrase(lexicon: Lexicon) -> None:
    found = facts("The alliance, set up by the Hunan Department of Commerce in 2020, counts 80 member companies.", lexicon)
    assert not any("2020" in s or "2020" in o for s, _p, o in found)
