"""Inference lives in its own named graph: switched on, its triples answer; switched off, they are gone."""

from __future__ import annotations

import pytest

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.core.inference import (
    INFERRED_GRAPH,
    drop_inferred,
    inferred_count,
    is_materialised,
    materialise,
    set_include_inferred,
)
from explorer.core.tasks import CancelToken

ASK_AGENT = "ASK { <https://w3id.org/kg-explorer/data/ChinaMobile> a <https://w3id.org/kg-explorer/ontology#Organization> }"
ASK_INVERSE = ("ASK { <https://w3id.org/kg-explorer/data/ChinaMobileZhejiang> <http://www.w3.org/ns/org#subOrganizationOf> "
               "<https://w3id.org/kg-explorer/data/ChinaMobile> }")


@pytest.fixture
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.bundled()


def test_rdfs_inferred_types_appear_and_disappear_with_the_switch(kg):
    asserted = kg.quad_count()
    assert kg.query(ASK_AGENT).boolean is False
    result = set_include_inferred(kg, True, "rdfs")
    assert result is not None and result.added > 0
    assert is_materialised(kg)
    assert kg.query(ASK_AGENT).boolean is True
    assert kg.quad_count() == asserted + result.added
    assert "https://w3id.org/kg-explorer/ontology#Organization" in kg.types("https://w3id.org/kg-explorer/data/ChinaMobile")

    set_include_inferred(kg, False)
    assert not is_materialised(kg)
    assert kg.query(ASK_AGENT).boolean is False
    assert kg.quad_count() == asserted
    assert "https://w3id.org/kg-explorer/ontology#Organization" not in kg.types("https://w3id.org/kg-explorer/data/ChinaMobile")


def test_owl_rl_adds_inverse_facts_that_rdfs_does_not(kg):
    materialise(kg, "rdfs")
    assert kg.query(ASK_INVERSE).boolean is False
    materialise(kg, "owl-rl")  # replaces the RDFS closure
    assert kg.query(ASK_INVERSE).boolean is True
    assert drop_inferred(kg) > 0
    assert kg.query(ASK_INVERSE).boolean is False


def test_inferred_triples_are_only_in_the_inferred_graph_and_skip_noise(kg):
    materialise(kg, "owl-rl")
    in_graph = kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(in_graph.rows[0][0]) == inferred_count(kg) > 0
    noise = kg.query(
        f"ASK {{ GRAPH <{INFERRED_GRAPH}> {{ {{ ?s <http://www.w3.org/2002/07/owl#sameAs> ?s }} UNION "
        "{ ?s a <http://www.w3.org/2000/01/rdf-schema#Resource> } } }"
    )
    assert noise.boolean is False


def test_rematerialising_does_not_feed_on_earlier_conclusions(kg):
    first = materialise(kg, "rdfs").added
    second = materialise(kg, "rdfs").added
    assert first == second == inferred_count(kg)


@pytest.mark.parametrize("stage", ["Copying", "Reasoning", "Storing"])
def test_inference_cancelled_while_under_way_leaves_the_graph_unchanged(kg, stage):
    token = CancelToken()
    stages: list[str] = []

    def progress(fraction, message):
        stages.append(message)
        if message.startswith(stage):
            token.cancel()  # the work has started: this stage is running

    before = kg.quad_count()
    with pytest.raises(Cancelled):
        materialise(kg, "rdfs", progress=progress, cancel=token)
    assert any(message.startswith(stage) for message in stages)
    assert kg.quad_count() == before
    assert not is_materialised(kg)


def test_cancelled_inference_leaves_the_graph_unchanged(kg):
    token = CancelToken()
    token.cancel()
    before = kg.quad_count()
    with pytest.raises(Cancelled):
        materialise(kg, "rdfs", cancel=token)
    assert kg.quad_count() == before
    assert not is_materialised(kg)


def test_progress_is_reported_and_unknown_profile_is_refused(kg):
    seen: list[str] = []
    materialise(kg, "rdfs", progress=lambda fraction, message: seen.append(message))
    assert seen[0].startswith("Copying") and seen[-1] == "Inference done"
    with pytest.raises(ExplorerError, match="unknown inference profile"):
        materialise(kg, "owl-full")  # type: ignore[arg-type]


def test_validation_judges_asserted_facts_even_with_inference_on():
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.inference import inferred_count, set_include_inferred

    kg = KnowledgeGraph.bundled()
    set_include_inferred(kg, True, "rdfs")
    assert inferred_count(kg) > 0
    report = kg.validate()
    assert report.conforms, [v.message for v in report.violations[:3]]
