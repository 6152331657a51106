"""Search rows: the class filter (subclasses count, looks past the first page) and duplicate labels told
apart by class, a distinguishing property and the IRI's local name."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.core.search_rows import (
    classes_of,
    distinguishing_details,
    in_classes,
    local_name,
    resolve_class,
    search_in_classes,
    search_rows,
)

D = "https://w3id.org/kg-explorer/data/"
KG = "https://w3id.org/kg-explorer/ontology#"

DUPLICATES = """
@prefix d: <https://w3id.org/kg-explorer/data/> .
@prefix kg: <https://w3id.org/kg-explorer/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
d:SmartFactoryNingbo a kg:IndustrialApplication ; rdfs:label "5G smart factory"@en ; kg:locatedIn d:Ningbo .
d:SmartFactoryHangzhou a kg:IndustrialApplication ; rdfs:label "5G smart factory"@en ; kg:locatedIn d:Hangzhou .
d:Hangzhou a kg:City ; rdfs:label "Hangzhou"@en .
d:PortAuthorityA a kg:GovernmentAgency ; rdfs:label "port authority"@en ; skos:altLabel "Ningbo port office"@en .
d:PortAuthorityB a kg:GovernmentAgency ; rdfs:label "Port Authority"@en ; skos:altLabel "Zhoushan port bureau"@en .
"""


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    kg = KnowledgeGraph.bundled()
    kg.load_text(DUPLICATES, "turtle")
    return kg


def _many_people_and_one_city() -> KnowledgeGraph:
    lines = ["@prefix d: <https://w3id.org/kg-explorer/data/> .", "@prefix kg: <https://w3id.org/kg-explorer/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    lines += [f'd:P{i} a kg:Person ; rdfs:label "Alpha {i:02d}" .' for i in range(60)]
    lines.append('d:AlphaCity a kg:City ; rdfs:label "Alpha town of the long name" .')
    kg = KnowledgeGraph.bundled()
    kg.load_text("\n".join(lines), "turtle")
    return kg


# ---------------------------------------------------------------------- class filter
def test_the_class_filter_keeps_only_instances_of_the_class(bundled_graph: KnowledgeGraph) -> None:
    everything = [hit.entity for hit in bundled_graph.search("china", 20)]
    operators = [hit.entity for hit in search_in_classes(bundled_graph, "china", 20, [f"{KG}TelecomOperator"])]
    assert operators == [e for e in everything if f"{KG}TelecomOperator" in bundled_graph.types(e)]
    assert f"{D}ChinaMobile" in operators and f"{D}China" not in operators
    assert search_in_classes(bundled_graph, "china", 20, [f"{KG}Country"])[0].entity == f"{D}China"


def test_an_instance_of_a_subclass_passes_the_filter_of_its_superclass(bundled_graph: KnowledgeGraph) -> None:
    hierarchy = bundled_graph.class_hierarchy()
    parents = hierarchy[f"{KG}TelecomOperator"].parents
    assert parents
    assert in_classes(bundled_graph, f"{D}ChinaMobile", parents)
    found = [hit.entity for hit in search_in_classes(bundled_graph, "china mobile", 5, parents)]
    assert f"{D}ChinaMobile" in found
    assert not in_classes(bundled_graph, f"{D}ChinaMobile", [f"{KG}Province"])


def test_the_filter_looks_past_the_first_page() -> None:
    kg = _many_people_and_one_city()
    assert f"{D}AlphaCity" not in [hit.entity for hit in kg.search("alpha", 10)]
    assert [hit.entity for hit in search_in_classes(kg, "alpha", 10, [f"{KG}City"])] == [f"{D}AlphaCity"]
    assert len(search_in_classes(kg, "alpha", 10, [f"{KG}Person"])) == 10


def test_no_classes_means_the_plain_search(bundled_graph: KnowledgeGraph) -> None:
    assert search_in_classes(bundled_graph, "zhejiang", 7) == bundled_graph.search("zhejiang", 7)


def test_classes_of_counts_the_rows_classes(bundled_graph: KnowledgeGraph) -> None:
    rows = search_rows(bundled_graph, "china", 20)
    choices = classes_of(bundled_graph, rows)
    assert (f"{KG}TelecomOperator", "telecom operator", 2) in choices
    assert [count for _, _, count in choices] == sorted((count for _, _, count in choices), reverse=True)


@pytest.mark.parametrize("name", ["kg:TelecomOperator", f"<{KG}TelecomOperator>", "telecom operator", "Telecom Operator",
                                  "TelecomOperator"])
def test_a_class_is_named_by_iri_prefixed_name_label_or_local_name(bundled_graph: KnowledgeGraph, name: str) -> None:
    assert resolve_class(bundled_graph, name) == f"{KG}TelecomOperator"


def test_a_name_that_is_no_class_resolves_to_nothing(bundled_graph: KnowledgeGraph) -> None:
    assert resolve_class(bundled_graph, "no such class") is None
    assert resolve_class(bundled_graph, "d:ChinaMobile") is None  # an entity, not a class


# ---------------------------------------------------------------------- duplicates
def test_a_shared_label_is_told_apart_by_place_class_and_local_name(graph: KnowledgeGraph) -> None:
    rows = {row.entity: row for row in search_rows(graph, "5G smart factory", 10)}
    ningbo, hangzhou = rows[f"{D}SmartFactoryNingbo"], rows[f"{D}SmartFactoryHangzhou"]
    assert ningbo.shared_label and hangzhou.shared_label
    assert ningbo.detail == "in Ningbo" and hangzhou.detail == "in Hangzhou"
    assert ningbo.text == "5G smart factory — industrial application · in Ningbo · SmartFactoryNingbo"
    assert hangzhou.text == "5G smart factory — industrial application · in Hangzhou · SmartFactoryHangzhou"
    assert ningbo.text != hangzhou.text


def test_without_a_differing_property_an_alias_tells_them_apart(graph: KnowledgeGraph) -> None:
    details = distinguishing_details(graph, [f"{D}PortAuthorityA", f"{D}PortAuthorityB"])
    assert details == {f"{D}PortAuthorityA": "also “Ningbo port office”",
                       f"{D}PortAuthorityB": "also “Zhoushan port bureau”"}
    texts = [row.text for row in search_rows(graph, "port authority", 5) if row.entity.startswith(f"{D}PortAuthority")]
    assert len(texts) == 2 and all("PortAuthority" in text and "also “" in text for text in texts)


def test_a_label_of_its_own_gets_no_extra_words(graph: KnowledgeGraph) -> None:
    row = search_rows(graph, "China Mobile Zhejiang", 1)[0]
    assert not row.shared_label and row.text == "China Mobile Zhejiang — telecom operator"
    assert distinguishing_details(graph, [f"{D}ChinaMobile", f"{D}Ningbo"]) == {}


def test_the_tooltip_holds_everything(graph: KnowledgeGraph) -> None:
    row = next(r for r in search_rows(graph, "5G smart factory", 10) if r.entity == f"{D}SmartFactoryNingbo")
    assert row.tooltip.splitlines() == ["5G smart factory", "class: industrial application", "in Ningbo",
                                        f"{D}SmartFactoryNingbo"]


def test_local_name() -> None:
    assert local_name(f"{D}NingboPort") == "NingboPort"
    assert local_name("http://example.org/ns#Thing") == "Thing"
    assert local_name("http://example.org/ns/") == "ns"
    assert local_name("_:b0") == "_:b0"
