"""The search index read on its own thread after a load is the index read from the store afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from explorer.core.backends import OxigraphBackend
from explorer.core.backends.label_reading import LabelIndexReading, read_label_index
from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph

LABELS = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:cm skos:prefLabel "China Mobile"@en, "中国移动"@zh ; skos:altLabel "CMCC", "  " ; rdfs:label "Zhèjiang  Mobile" .
ex:zj rdfs:label "ＺＨＥＪＩＡＮＧ", "Ｚｈèjiang\\nprovince"@en ; rdfs:label ex:notALiteral .
_:b skos:prefLabel "a blank node" ; rdfs:label "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
ex:cm ex:locatedIn ex:zj ; a ex:Operator .
ex:Operator a <http://www.w3.org/2002/07/owl#Class> ; rdfs:label "Network operator"@en .
"""
NAMED = """\
<http://example.org/g> { <http://example.org/cm> <http://www.w3.org/2000/01/rdf-schema#label> "Mobile of China"@en . }
"""


def _files(tmp_path: Path) -> list[Path]:
    turtle, trig = tmp_path / "labels.ttl", tmp_path / "named.trig"
    turtle.write_text(LABELS, encoding="utf-8")
    trig.write_text(NAMED, encoding="utf-8")
    return [turtle, trig]


def _columns(backend: OxigraphBackend) -> tuple[list, ...]:
    return read_label_index(backend.store).columns()


def test_the_index_read_during_the_load_is_the_one_read_after_it(tmp_path):
    backend = OxigraphBackend()
    loaded = backend.load_files(_files(tmp_path))
    assert backend.reading_label_index()
    prepared = backend.label_index()
    assert prepared.columns() == _columns(backend)
    assert backend.label_index() is prepared  # kept until the store changes
    backend.forget_caches()
    assert not backend.reading_label_index()
    assert backend.label_index().columns() == prepared.columns()
    assert sum(item.quads for item in loaded) == backend.quad_count() == len(backend.store)
    entities, texts, _, _, normalised = prepared.columns()
    # CJK, accents, full-width forms and the named graph's label are found; blank labels, IRIs are not.
    assert "中国移动" in texts and "Mobile of China" in texts and "  " not in texts
    assert normalised[texts.index("Ｚｈèjiang\nprovince")] == "zhejiang province"
    assert any(entity.startswith("_:") for entity in entities)
    assert [hit.entity for hit in prepared.search("zhejiang")] == ["http://example.org/zj", "http://example.org/cm"]


def test_a_failed_reading_hands_its_error_to_whoever_asks(tmp_path, monkeypatch):
    import explorer.core.backends.label_reading as label_reading

    def broken(store):
        raise MemoryError("no room for the labels")

    monkeypatch.setattr(label_reading, "read_label_index", broken)
    reading = LabelIndexReading(OxigraphBackend().store)
    with pytest.raises(MemoryError, match="no room"):
        reading.result()


@pytest.fixture
def held_reading(monkeypatch):
    """The label index read after a load waits for ``release`` (set it to let it finish); the
    order in which the reading and the callers finished is kept in ``log``."""
    import threading

    import explorer.core.backends.label_reading as label_reading

    release, log = threading.Event(), []

    def held(store):
        release.wait()
        index = read_label_index(store)
        log.append("index read")
        return index

    monkeypatch.setattr(label_reading, "read_label_index", held)
    yield release, log
    release.set()


def test_the_class_tree_and_labels_do_not_wait_for_the_index(tmp_path, held_reading):
    release, _ = held_reading
    kg = KnowledgeGraph()
    kg.load(_files(tmp_path))
    assert not kg.labels_ready() and kg.backend.label_index_pending()
    # Looked up one by one in the store meanwhile, in the preferred languages as from the index.
    assert kg.label("http://example.org/cm") == "China Mobile"
    assert kg.label("http://example.org/zj", ["en"]) == "Ｚｈèjiang\nprovince"
    tree = kg.class_hierarchy()
    assert tree["http://example.org/Operator"].label == "Network operator"
    assert tree["http://example.org/Operator"].direct_count == 1
    assert kg._index is None and not kg.labels_ready()  # neither waited for the index
    release.set()
    kg.wait_for_labels()
    assert kg.labels_ready() and kg._index is not None
    assert kg.label("http://example.org/cm") == "China Mobile"
    assert kg.label("http://example.org/zj", ["en"]) == "Ｚｈèjiang\nprovince"


def test_search_waits_for_the_index_being_read(tmp_path, held_reading):
    import threading

    release, log = held_reading
    kg = KnowledgeGraph()
    kg.load(_files(tmp_path))
    found: list[list[str]] = []

    def search() -> None:
        found.append([hit.entity for hit in kg.search("中国")])
        log.append("searched")

    searching = threading.Thread(target=search)
    searching.start()
    release.set()
    searching.join()
    assert log == ["index read", "searched"]
    assert found == [["http://example.org/cm"]]
    assert kg.labels_ready() and kg._index is not None


def test_changing_or_dropping_the_store_first_waits_for_the_reading(tmp_path):
    from explorer.core.store_disposal import disposal

    backend = OxigraphBackend()
    backend.load_files(_files(tmp_path))
    reading = backend._reading_index
    backend.forget_caches()
    assert reading is not None and not reading._thread.is_alive() and not backend.reading_label_index()
    backend.load_files(_files(tmp_path), replace=True)
    reading = backend._reading_index
    deferring, disposal.deferring = disposal.deferring, True
    try:
        backend.__del__()
    finally:
        disposal.deferring = deferring
        disposal.free_waiting()
    assert reading is not None and not reading._thread.is_alive()


def test_a_store_that_changed_after_the_load_is_read_again(tmp_path):
    backend = OxigraphBackend()
    backend.load_files(_files(tmp_path)[:1])
    backend.apply_changes(ChangeSet(((URIRef("http://example.org/new"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                                        Literal("Newly added"), None),), ()))
    assert "Newly added" in backend.label_index().columns()[1]


def test_files_added_to_a_graph_are_indexed_from_the_whole_store(tmp_path):
    first, second = _files(tmp_path)
    kg = KnowledgeGraph()
    kg.load([first])
    kg.load([second])  # added: the staged store is copied in, so nothing is read ahead
    assert not kg.backend.reading_label_index()
    assert {hit.entity for hit in kg.search("mobile")} == {"http://example.org/cm"}
    assert [text for text, _, _ in kg.all_labels("http://example.org/cm")].count("Mobile of China") == 1
    fresh = KnowledgeGraph()
    fresh.load([first, second])
    fresh.warm_caches()
    assert fresh._index is not None and kg._index is not None

    def rows(index):  # blank nodes get new names in every load
        entities, *rest = index.columns()
        return sorted(zip(["_:" if e.startswith("_:") else e for e in entities], *rest, strict=True))

    assert rows(fresh._index) == rows(kg._index)


def test_a_reading_left_for_after_ready_begins_when_asked_or_when_search_needs_it(tmp_path, monkeypatch):
    import explorer.core.backends.label_reading as label_reading

    reads: list[str] = []
    read = label_reading.read_label_index
    monkeypatch.setattr(label_reading, "read_label_index", lambda store: (reads.append("read"), read(store))[1])
    kg = KnowledgeGraph()
    kg.load(_files(tmp_path), labels_after_ready=True)
    reading = kg.backend._reading_index
    assert reading is not None and not reading.begun() and not kg.labels_ready()
    assert kg.class_hierarchy()["http://example.org/Operator"].label == "Network operator"
    assert kg.label("http://example.org/cm") == "China Mobile"
    assert reads == [] and not reading.begun()  # the class tree and labels asked nothing of it
    kg.start_reading_labels()
    kg.wait_for_labels()
    assert reads == ["read"] and kg.labels_ready()

    searched = KnowledgeGraph()
    searched.load(_files(tmp_path), labels_after_ready=True)
    assert [hit.entity for hit in searched.search("中国")] == ["http://example.org/cm"]  # begins it, waits
    assert reads == ["read", "read"]


def test_a_reading_never_begun_lets_go_of_the_store_without_reading_it(tmp_path, monkeypatch):
    import explorer.core.backends.label_reading as label_reading

    reads: list[str] = []
    monkeypatch.setattr(label_reading, "read_label_index", lambda store: reads.append("read"))
    backend = OxigraphBackend()
    backend.hold_label_reading()
    backend.load_files(_files(tmp_path))
    reading = backend._reading_index
    assert reading is not None
    backend.forget_caches()  # the store changes or goes: the waiting thread ends
    assert reading.done() and reads == []
    backend.hold_label_reading()
    backend.load_files(_files(tmp_path), replace=True)
    reading = backend._reading_index
    del backend  # dropped without anyone asking (a cancelled window load)
    assert reading is not None and reading.done() and reads == []
