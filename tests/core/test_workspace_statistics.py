"""A workspace keeps its statistics beside the store, as it keeps its class counts: a large one
reopens with its counts at hand (no minute-long scan, no worker), and a change drops them."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

import explorer.core.graph as graph_module
from explorer.core import bundled
from explorer.core.backends import OxigraphBackend
from explorer.core.backends.base import Backend
from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy
from explorer.services.loading import open_workspace


@pytest.fixture(autouse=True)
def _every_graph_is_large(monkeypatch):
    monkeypatch.setattr(graph_module, "QUICK_STATISTICS_BELOW", 0)


def test_statistics_are_kept_with_the_workspace_until_it_changes(tmp_path: Path, monkeypatch):
    folder = tmp_path / "workspace"
    kg = KnowledgeGraph.open_workspace(folder)
    kg.load(bundled.bundled_graph_files())
    kg.class_hierarchy()
    assert not kg.statistics_at_hand()  # nothing counted yet: the window counts in a worker
    counted = kg.stats()
    assert kg.statistics_at_hand()
    kg.backend.close()
    del kg
    gc.collect()

    def no_scan(*args: object) -> object:
        raise AssertionError("the statistics scanned the store")

    with monkeypatch.context() as patch:
        for name in ("predicate_counts", "entity_counts", "triple_count"):
            patch.setattr(Backend, name, no_scan)
        patch.setattr(OxigraphBackend, "quad_count", no_scan)
        outcome = open_workspace(folder, QueryPolicy(), 30.0)
    assert outcome.stats == counted  # handed to the window with the graph
    reopened = outcome.kg
    assert reopened.statistics_at_hand()

    reopened.apply_changes(ChangeSet(added=[(URIRef("urn:test:a"), RDFS.comment, Literal("a note"), None)]))
    reopened.class_hierarchy()
    assert not reopened.statistics_at_hand()  # the change dropped them: counted again, in a worker
    after = reopened.stats()
    assert after.triples == counted.triples + 1 and reopened.statistics_at_hand()
    reopened.backend.close()


def test_statistics_of_a_store_that_took_a_big_change_are_not_counted_on_the_spot(monkeypatch):
    """Removed quads stay marked in the store and its scans walk them: after a big change was
    undone the graph is small again, but counting it is not quick (0.9 s after 3.5M statements)."""
    monkeypatch.setattr(graph_module, "QUICK_STATISTICS_BELOW", 100)
    kg = KnowledgeGraph()
    kg.load_text("<urn:test:a> <http://www.w3.org/2000/01/rdf-schema#label> \"a\" .", "turtle")
    assert kg.statistics_are_quick()
    change = ChangeSet(added=tuple((URIRef(f"urn:test:n{n}"), RDFS.comment, Literal(f"note {n}"), None)
                                   for n in range(60)))
    kg.apply_changes(change)
    kg.apply_changes(change.inverse())
    assert len(kg) == 1 and not kg.statistics_are_quick()
