"""Noun phrases without a name, names with a number, and the ontology's words for parts and threats
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.suggest import suggest_facts


def test_a_bare_plural_is_the_subject_of_a_that_clause(lexicon: Lexicon) -> None:
    found = facts("Engineers said that wind farms are exposed to malware.", lexicon)
    assert ("wind farms", "exposedTo", "malware") in found
    assert not any(subject == "Engineers" for subject, _p, _o in found)


def test_bare_noun_phrases_after_a_verb_are_its_objects(lexicon: Lexicon) -> None:
    found = facts("Sany built a private network. The network supports remote welding inspection and automated forklifts.",
                  lexicon)
    assert {("private network", "supports", "remote welding inspection"),
            ("private network", "supports", "automated forklifts")} <= found


def test_a_single_bare_singular_word_is_no_thing(lexicon: Lexicon) -> None:
    found = facts("Sany Group said the robots help workers boost productivity.", lexicon)
    assert not any(obj == "productivity" for _s, _p, obj in found)


def test_only_the_head_noun_gives_a_described_thing_its_class(lexicon: Lexicon) -> None:
    found = facts("Tencent set up an industrial internet research centre in Anhui province.", lexicon)
    assert ("Tencent", "established", "industrial internet research centre") in found
    assert ("Tencent", "established", "Anhui province") not in found


def test_a_pair_the_ontology_rules_out_is_never_suggested(lexicon: Lexicon) -> None:
    # kg:established links organizations; a province founded by a company contradicts the range.
    found = facts("The Ministry of Commerce set up offices in Anhui province.", lexicon)
    assert ("Ministry of Commerce", "established", "Anhui province") not in found


def test_a_bare_preposition_links_no_unnamed_phrase(lexicon: Lexicon) -> None:
    found = facts("Huawei supports remote surgery services in rural clinics.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_according_to_attributes_a_statement_it_states_no_fact(lexicon: Lexicon) -> None:
    found = facts("Sany Group built a smart port in Changsha, according to Hunan Daily.", lexicon)
    assert not any(p == "reportedBy" for _s, p, _o in found)
    assert ("Sany Group", "built", "smart port") in found


def test_a_name_may_end_in_a_number(lexicon: Lexicon) -> None:
    found = facts("Researchers at Qihoo 360 warned of malware.", lexicon)
    assert ("Qihoo 360", "warnsOf", "malware") in found
    found = facts("Huawei shipped 30 base stations in 2020.", lexicon)
    assert not any("30" in s or "30" in o for s, _p, o in found)


def test_subsidiary_words_state_the_subsidiary_property(lexicon: Lexicon) -> None:
    found = facts("Sany Heavy Industry, a subsidiary of Sany Group, built a smart port in Changsha.", lexicon)
    assert ("Sany Heavy Industry", "subsidiaryOf", "Sany Group") in found or \
        ("Sany Group", "hasSubsidiary", "Sany Heavy Industry") in found
    assert not any(p in ("subOrganizationOf", "hasSubOrganization") for _s, p, _o in found)


def test_targets_states_the_targets_property(lexicon: Lexicon) -> None:
    found = facts("Ransomware targets smart grids, the ministry said.", lexicon)
    assert ("Ransomware", "targets", "smart grids") in found


def test_a_sentence_whose_words_are_all_dropped_gives_nothing(lexicon: Lexicon) -> None:
    assert facts("But security remains a concern.", lexicon) == set()


def test_it_opening_a_second_clause_is_the_first_clause_subject(lexicon: Lexicon) -> None:
    found = facts("Sany built a private network. The network was supplied by Nokia and ZTE, and it supports "
                  "automated forklifts.", lexicon)
    assert ("private network", "supports", "automated forklifts") in found
    assert not any(s in ("Nokia", "ZTE") and p == "supports" for s, p, _o in found)


def test_a_relative_clause_acts_on_what_it_follows_only(lexicon: Lexicon) -> None:
    found = facts("Analysts flagged malware that targets wind farms, which they said are exposed to ransomware.", lexicon)
    assert ("wind farms", "exposedTo", "ransomware") in found
    assert ("malware", "exposedTo", "ransomware") not in found


def test_and_other_continues_a_list(lexicon: Lexicon) -> None:
    found = facts("Officials said that port cranes are exposed to malware and other cyberattacks.", lexicon)
    assert {("port cranes", "exposedTo", "malware"), ("port cranes", "exposedTo", "cyberattacks")} <= found


def test_a_speaker_who_reports_an_exposure_warns_of_the_threat(lexicon: Lexicon) -> None:
    text = ("Zhang from the Shenzhen Institute of Robotics said robots matter. "
            "She added that smart grids are more exposed to ransomware.")
    found = facts(text, lexicon)
    assert ("Zhang", "affiliatedWith", "Shenzhen Institute of Robotics") in found
    assert ("Zhang", "warnsOf", "ransomware") in found


def test_the_class_a_property_demands_is_given_to_a_new_name(lexicon: Lexicon) -> None:
    suggestions = suggest_facts("Zhang from the Shenzhen Institute of Robotics spoke.", lexicon)
    zhang = next(s.as_json()["subject"] for s in suggestions if s.predicate.endswith("affiliatedWith"))
    assert zhang == {"label": "Zhang", "class": "https://w3id.org/kg-explorer/ontology#Person"}


def test_a_passive_attack_is_the_threat_named_last_carried_out_by_its_agent(lexicon: Lexicon) -> None:
    text = ("Power grids are exposed to ransomware. "
            "Once a substation is attacked by \"criminal gangs\", it stops, Wang from the State Grid Institute said.")
    found = facts(text, lexicon)
    assert ("ransomware", "targets", "substation") in found
    assert ("ransomware", "carriedOutBy", "criminal gangs") in found
    assert not any(p == "targetedBy" for _s, p, _o in found)


def test_no_phrase_starts_inside_a_longer_pattern(lexicon: Lexicon) -> None:
    # "joined" is a pattern of its own; "joined hands with" is a longer one and must win
    found = facts("Sany Group has joined hands with Tencent to train welders.", lexicon)
    assert ("Sany Group", "partneredWith", "Tencent") in found
    assert not any(p == "memberOf" for _s, p, _o in found)
