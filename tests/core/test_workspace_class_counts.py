"""The workspace keeps the counts behind the class tree beside the store: reopening needs no scan,
and a change set drops them so the next class tree counts again."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import RDFS

from explorer.core import bundled
from explorer.core.backends import OxigraphBackend, WorkspaceBackend
from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph


def _counts(kg: KnowledgeGraph) -> dict[str, tuple[int, int]]:
    return {c.iri: (c.direct_count, c.total_count) for c in kg.class_hierarchy().values()}


def _reopen(folder: Path, graphs: list[KnowledgeGraph]) -> None:
    """Oxigraph lets go of the folder when the last reference to the store goes: keep none outside ``graphs``."""
    while graphs:
        graphs.pop().backend.close()
    gc.collect()
    graphs.append(KnowledgeGraph.open_workspace(folder))


def test_class_counts_are_saved_and_trusted_only_while_the_store_is_unchanged(tmp_path: Path, monkeypatch):
    folder = tmp_path / "workspace"
    graphs = [KnowledgeGraph.open_workspace(folder)]
    graphs[0].load(bundled.bundled_graph_files())
    counted = _counts(graphs[0])
    assert (folder / WorkspaceBackend.CLASS_CACHE).is_file()
    _reopen(folder, graphs)

    def no_scan(*args: object) -> object:
        raise AssertionError("the class tree scanned the store")

    with monkeypatch.context() as patch:
        for name in ("class_counts", "type_counts", "declared_classes", "subclass_edges"):
            patch.setattr(OxigraphBackend, name, no_scan)
        assert _counts(graphs[0]) == counted

    some_class = next(iri for iri, (direct, _) in counted.items() if direct > 0)
    new = URIRef("urn:test:new-entity")
    graphs[0].apply_changes(ChangeSet(added=[(new, RDF.type, URIRef(some_class), None),
                                      (new, RDFS.label, Literal("new entity"), None)], removed=[],
                               description="add"))
    assert not (folder / WorkspaceBackend.CLASS_CACHE).exists()
    _reopen(folder, graphs)
    assert _counts(graphs[0])[some_class][0] == counted[some_class][0] + 1
    _reopen(folder, graphs)
    with monkeypatch.context() as patch:
        patch.setattr(OxigraphBackend, "class_counts", no_scan)
        assert _counts(graphs[0])[some_class][0] == counted[some_class][0] + 1
    graphs[0].backend.close()


def test_a_damaged_class_cache_is_ignored(tmp_path: Path):
    folder = tmp_path / "workspace"
    graphs = [KnowledgeGraph.open_workspace(folder)]
    graphs[0].load(bundled.bundled_graph_files())
    counted = _counts(graphs[0])
    (folder / WorkspaceBackend.CLASS_CACHE).write_text("{not json", encoding="utf-8")
    _reopen(folder, graphs)
    assert _counts(graphs[0]) == counted
    graphs[0].backend.close()


@pytest.mark.parametrize("content", ['{"fingerprint": "labels=0|x.sst:1", "answers": {"type_counts": {"urn:x": 5}}}'])
def test_a_class_cache_from_another_store_is_ignored(tmp_path: Path, content: str):
    folder = tmp_path / "workspace"
    graphs = [KnowledgeGraph.open_workspace(folder)]
    graphs[0].load(bundled.bundled_graph_files())
    counted = _counts(graphs[0])
    (folder / WorkspaceBackend.CLASS_CACHE).write_text(content, encoding="utf-8")
    _reopen(folder, graphs)
    assert _counts(graphs[0]) == counted and "urn:x" not in _counts(graphs[0])
    graphs[0].backend.close()


def test_the_store_counts_classes_without_checking_subjects_and_gets_the_same(bundled_graph: KnowledgeGraph):
    from explorer.core.backends.base import type_sets_query

    backend = bundled_graph.backend
    assert backend.subjects_are_resources
    domain = sorted(c.iri for c in bundled_graph.class_hierarchy().values() if c.direct_count)
    checked = sorted(map(tuple, backend.query(type_sets_query(domain)).rows))
    unchecked = sorted(map(tuple, backend.query(type_sets_query(domain, filter_subjects=False)).rows))
    assert checked == unchecked and len(checked) > 3
