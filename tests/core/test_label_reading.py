"""The search index read while a load counts the quads is the index read from the store afterwards."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from explorer.core.backends import OxigraphBackend
from explorer.core.backends.label_reading import count_while_indexing, read_label_index
from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph

LABELS = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:cm skos:prefLabel "China Mobile"@en, "中国移动"@zh ; skos:altLabel "CMCC", "  " ; rdfs:label "Zhèjiang  Mobile" .
ex:zj rdfs:label "ＺＨＥＪＩＡＮＧ", "Ｚｈèjiang\\nprovince"@en ; rdfs:label ex:notALiteral .
_:b skos:prefLabel "a blank node" ; rdfs:label "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
ex:cm ex:locatedIn ex:zj .
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
    assert backend._prepared_index is not None
    prepared = backend.label_index()
    assert prepared.columns() == _columns(backend)
    assert backend._prepared_index is None  # handed over once: the next ask reads the store again
    assert backend.label_index().columns() == prepared.columns()
    assert sum(item.quads for item in loaded) == backend.quad_count() == len(backend.store)
    entities, texts, _, _, normalised = prepared.columns()
    # CJK, accents, full-width forms and the named graph's label are found; blank labels, IRIs are not.
    assert "中国移动" in texts and "Mobile of China" in texts and "  " not in texts
    assert normalised[texts.index("Ｚｈèjiang\nprovince")] == "zhejiang province"
    assert any(entity.startswith("_:") for entity in entities)
    assert [hit.entity for hit in prepared.search("zhejiang")] == ["http://example.org/zj", "http://example.org/cm"]


def test_the_count_beside_the_labels_is_the_store_count(tmp_path):
    backend = OxigraphBackend()
    backend.load_files(_files(tmp_path))
    count, index = count_while_indexing(backend.store)
    assert count == backend.quad_count()
    assert index.columns() == _columns(backend)


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
    assert kg.backend._prepared_index is None
    assert {hit.entity for hit in kg.search("mobile")} == {"http://example.org/cm"}
    assert [text for text, _, _ in kg.all_labels("http://example.org/cm")].count("Mobile of China") == 1
    fresh = KnowledgeGraph()
    fresh.load([first, second])
    assert fresh._index is not None and kg._index is not None

    def rows(index):  # blank nodes get new names in every load
        entities, *rest = index.columns()
        return sorted(zip(["_:" if e.startswith("_:") else e for e in entities], *rest, strict=True))

    assert rows(fresh._index) == rows(kg._index)
