"""On-disk workspaces: reopening gives the same graph, and the saved label index is trusted
only while the store is unchanged."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest

from explorer.core import bundled
from explorer.core.backends import WorkspaceBackend
from explorer.core.graph import KnowledgeGraph
from explorer.core.label_store import load_index, save_index
from explorer.core.search import LabelIndex
from explorer.core.sparql import QueryPolicy

_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _triples(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in kg.backend.triples(None, None, None)}


def _close(graphs: list[KnowledgeGraph]) -> None:
    """Oxigraph releases the folder when the last reference to the store goes."""
    for kg in graphs:
        kg.backend.close()
    graphs.clear()
    gc.collect()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    graphs = [KnowledgeGraph.open_workspace(folder)]
    graphs[0].load(bundled.bundled_graph_files())
    _close(graphs)
    return folder


def test_reopened_workspace_has_the_same_triples_labels_and_search(workspace: Path, bundled_graph: KnowledgeGraph) -> None:
    kg = KnowledgeGraph.open_workspace(workspace)
    assert _triples(kg) == _triples(bundled_graph)
    china_mobile = "https://w3id.org/kg-explorer/data/ChinaMobile"
    assert kg.label(china_mobile) == bundled_graph.label(china_mobile) == "China Mobile"
    assert kg.all_labels(china_mobile) == bundled_graph.all_labels(china_mobile)
    for text in ("china", "中国", "zhejiang", "alliance", "5g"):
        assert kg.search(text, 10) == bundled_graph.search(text, 10)
    assert kg.resolve("China Mobile Zhejiang") == "https://w3id.org/kg-explorer/data/ChinaMobileZhejiang"


def test_reopening_uses_the_saved_label_index(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (workspace / WorkspaceBackend.LABEL_CACHE).exists()

    def no_rebuild(*args: object, **kwargs: object) -> LabelIndex:
        raise AssertionError("the label index was rebuilt although the store did not change")

    monkeypatch.setattr(LabelIndex, "from_columns", no_rebuild)
    kg = KnowledgeGraph.open_workspace(workspace)
    assert kg.search("china mobile", 1)[0].entity == "https://w3id.org/kg-explorer/data/ChinaMobile"


def test_label_index_is_rebuilt_after_the_store_changed(workspace: Path) -> None:
    graphs = [KnowledgeGraph.open_workspace(workspace, policy=QueryPolicy(allow_update=True))]
    graphs[0].query(f'INSERT DATA {{ <https://example.org/NewThing> <{_LABEL}> "Quokka Networks"@en }}')
    assert not (workspace / WorkspaceBackend.LABEL_CACHE).exists()
    _close(graphs)
    reopened = KnowledgeGraph.open_workspace(workspace)
    assert [hit.entity for hit in reopened.search("quokka", 5)] == ["https://example.org/NewThing"]


def test_changes_made_behind_the_graphs_back_invalidate_the_index(workspace: Path) -> None:
    store = ox.Store(str(workspace))
    store.add(ox.Quad(ox.NamedNode("https://example.org/Other"), ox.NamedNode(_LABEL), ox.Literal("Wombat Telecom", language="en")))
    store.flush()
    del store
    gc.collect()
    kg = KnowledgeGraph.open_workspace(workspace)
    assert [hit.entity for hit in kg.search("wombat", 5)] == ["https://example.org/Other"]


def test_a_cache_made_for_another_store_is_ignored(tmp_path: Path) -> None:
    index = LabelIndex.from_columns(["urn:a", "urn:b"], ["Alpha", "中国移动"], ["en", "zh"], [1, 1])
    path = tmp_path / "labels.npz"
    save_index(index, path, "store-1")
    assert load_index(path, "store-2") is None
    loaded = load_index(path, "store-1")
    assert loaded is not None
    assert loaded.search("中国", 5) == index.search("中国", 5)
    assert loaded.columns() == index.columns()
    path.write_bytes(b"not an index")
    assert load_index(path, "store-1") is None


def test_reload_with_replace_keeps_the_workspace_consistent(workspace: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.ttl"
    small.write_text('<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "Xylophone Systems"@en .\n',
                     encoding="utf-8")
    graphs = [KnowledgeGraph.open_workspace(workspace)]
    graphs[0].load([small], replace=True)
    assert len(graphs[0]) == 1
    _close(graphs)
    reopened = KnowledgeGraph.open_workspace(workspace)
    assert len(reopened) == 1
    assert reopened.search("xylo", 5)[0].entity == "https://example.org/x"
    assert reopened.search("china", 5) == []


def test_a_table_file_deleted_while_the_folder_is_read_does_not_lose_the_saved_index(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    real_scandir = os.scandir

    class VanishedEntry:
        name = "999999.sst"

        def stat(self) -> os.stat_result:
            raise FileNotFoundError(self.name)  # a background compaction deleted it meanwhile

    class Entries:
        def __init__(self, path: Path) -> None:
            self._entries = [*real_scandir(path), VanishedEntry()]

        def __enter__(self) -> list[object]:
            return self._entries

        def __exit__(self, *args: object) -> None:
            return None

        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(self._entries)

    monkeypatch.setattr(os, "scandir", Entries)
    backend = WorkspaceBackend(workspace)
    fingerprint = backend.fingerprint()
    assert fingerprint is not None and "999999.sst" not in fingerprint and ".sst:" in fingerprint


def test_the_staged_store_is_closed_before_its_folder_becomes_the_workspace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    references = []
    real_swap = WorkspaceBackend._swap_workspace

    def checking_swap(self: WorkspaceBackend, handed_over: list[ox.Store]) -> None:
        references.append(sys.getrefcount(handed_over[0]))
        real_swap(self, handed_over)

    monkeypatch.setattr(WorkspaceBackend, "_swap_workspace", checking_swap)
    kg = KnowledgeGraph.open_workspace(tmp_path / "workspace")
    kg.load(bundled.bundled_graph_files())
    # The list's reference and getrefcount's own: no one else keeps the staged store (and its
    # folder) open while the folder is renamed and reopened as the workspace.
    assert references == [2]
    assert len(kg) > 1000


def test_table_files_of_a_compaction_are_counted_once_then_trusted(workspace: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real_tables = WorkspaceBackend._table_files
    real_count = WorkspaceBackend._count_label_triples

    def compacted(self: WorkspaceBackend) -> str | None:
        tables = real_tables(self)
        return None if tables is None else f"{tables};888888.sst:4096"  # a table file the caches never saw

    counted: list[int] = []

    def counting(self: WorkspaceBackend) -> int:
        counted.append(1)
        return real_count(self)

    monkeypatch.setattr(WorkspaceBackend, "_count_label_triples", counting)
    graphs = [KnowledgeGraph.open_workspace(workspace)]
    graphs[0].search("china", 5)
    assert counted == []  # closed after saving: its table files were recorded
    _close(graphs)
    monkeypatch.setattr(WorkspaceBackend, "_table_files", compacted)
    graphs.append(KnowledgeGraph.open_workspace(workspace))
    assert graphs[0].search("china mobile", 1)[0].entity == "https://w3id.org/kg-explorer/data/ChinaMobile"
    assert counted == [1]  # new table files: the labels were counted (they fit) ...
    _close(graphs)
    graphs.append(KnowledgeGraph.open_workspace(workspace))
    assert counted == [1]  # ... and those files are trusted from now on
    assert graphs[0].search("china mobile", 1)[0].entity == "https://w3id.org/kg-explorer/data/ChinaMobile"
    _close(graphs)


def test_a_change_forgets_the_recorded_table_files(workspace: Path) -> None:
    graphs = [KnowledgeGraph.open_workspace(workspace, policy=QueryPolicy(allow_update=True))]
    _close(graphs)
    assert (workspace / WorkspaceBackend.CONFIRMED_TABLES).is_file()
    graphs.append(KnowledgeGraph.open_workspace(workspace, policy=QueryPolicy(allow_update=True)))
    graphs[0].query(f'INSERT DATA {{ <https://example.org/NewThing> <{_LABEL}> "Quokka Networks"@en }}')
    assert not (workspace / WorkspaceBackend.CONFIRMED_TABLES).exists()
    _close(graphs)
    reopened = KnowledgeGraph.open_workspace(workspace)
    assert [hit.entity for hit in reopened.search("quokka", 5)] == ["https://example.org/NewThing"]
