"""Noun phrases without a name, names with a number, and the ontology's words for parts and threats
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from explorer.core import bundled
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.suggest import suggest_facts


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    graph = Graph()
    for path in bundled.ontology_files():
        graph.parse(path, format="turtle")
    return Lexicon.from_ontology(graph)


def facts(text: str, lexicon: Lexicon) -> set[tuple[str, str, str]]:
    out = set()
    for s in suggest_facts(text, lexicon):
        data = s.as_json()
        ends = [d.get("iri") or d.get("label") for d in (data["subject"], data["object"])]
        out.add((ends[0], s.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1], ends[1]))
    return out


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
