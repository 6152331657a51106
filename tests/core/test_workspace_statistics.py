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
