"""The class tree's two queries are asked beside the quad count at the end of a load whose caller
shows the class tree next (explorer.core.backends.class_sets), and the class tree takes their
answers once: the same tree and statistics as when the store is asked afresh."""

from __future__ import annotations

import threading
from pathlib import Path

from rdflib import RDF, URIRef

import explorer.core.backends.class_sets as class_sets
from explorer.core.backends import Backend
from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph

TYPES = """\
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Company a owl:Class ; rdfs:label "Company" .
ex:Operator rdfs:subClassOf ex:Company ; rdfs:label "Network operator" .
ex:Vendor rdfs:subClassOf ex:Company .
ex:Unused a owl:Class .
ex:Loop rdfs:subClassOf ex:Loop .
ex:cm a ex:Operator, ex:Company .
ex:hw a ex:Vendor, ex:Operator .
ex:zte a ex:Vendor ; a owl:NamedIndividual .
_:anon a ex:Vendor .
ex:odd a "not a class" , _:blankClass , ex:Loop .
ex:record a rdf:Statement ; rdf:subject ex:cm ; rdf:predicate ex:supplies ; rdf:object ex:hw .
ex:Company a rdfs:Class .
"""
NAMED = """\
<http://example.org/g> { <http://example.org/cm> a <http://example.org/Operator> .
  <http://example.org/nokia> a <http://example.org/Vendor> . }
"""


def _files(tmp_path: Path) -> list[Path]:
    turtle, trig = tmp_path / "types.ttl", tmp_path / "named.trig"
    turtle.write_text(TYPES, encoding="utf-8")
    trig.write_text(NAMED, encoding="utf-8")
    return [turtle, trig]


def _tree(kg: KnowledgeGraph) -> dict[str, tuple]:
    return {iri: (c.label, c.parents, c.children, c.direct_count, c.total_count)
            for iri, c in kg.class_hierarchy().items()}


def _asked_again(kg: KnowledgeGraph) -> dict[str, tuple]:
    """The class tree as the store answers it when asked afresh."""
    kg.invalidate_caches()
    return _tree(kg)


def _refuse(*_args: object) -> object:
    raise AssertionError("asked the store")


def test_a_load_for_the_window_asks_the_class_queries_beside_the_count(tmp_path, monkeypatch):
    # Each waits for the other to begin: asked one after the other, the barrier breaks.
    both = threading.Barrier(2, timeout=20)
    real_count, real_classes = class_sets.count_quads, class_sets.count_classes
    threads: dict[str, str] = {}

    def counting(store):
        threads["count"] = threading.current_thread().name
        both.wait()
        return real_count(store)

    def asking(store):
        threads["classes"] = threading.current_thread().name
        both.wait()
        return real_classes(store)

    monkeypatch.setattr(class_sets, "count_quads", counting)
    monkeypatch.setattr(class_sets, "count_classes", asking)
    kg = KnowledgeGraph()
    loaded = kg.load(_files(tmp_path), labels_after_ready=True)
    assert threads["classes"] == threading.current_thread().name != threads["count"]
    assert [item.quads for item in loaded] == [22, 2]
    with monkeypatch.context() as patch:  # the class tree takes their answers
        patch.setattr(Backend, "type_counts", _refuse)
        patch.setattr(Backend, "class_counts", _refuse)
        tree = _tree(kg)
    kg.start_reading_labels()
    assert tree == _asked_again(kg)
    company = "http://example.org/Company"
    # hw (Vendor and Operator), cm (Operator, Company; again in the named graph), zte, the blank node, nokia.
    assert tree[company][4] == 5
    assert tree["http://example.org/Operator"][3] == 3  # type triples: cm twice (two graphs), hw
    assert tree["http://example.org/Unused"][3:] == (0, 0)
    assert not any("Statement" in iri or "NamedIndividual" in iri or iri.startswith("_:") for iri in tree)


def test_the_answers_are_taken_once_and_the_statistics_are_the_same(tmp_path, monkeypatch):
    kg = KnowledgeGraph()
    kg.load(_files(tmp_path), labels_after_ready=True)
    kg.start_reading_labels()
    stats = kg.stats()
    asked: list[str] = []
    real = Backend.class_counts

    def class_counts(self, *args):
        asked.append("class counts")
        return real(self, *args)

    monkeypatch.setattr(Backend, "class_counts", class_counts)
    kg._class_cache = None  # the class tree counted again asks the store
    kg.class_hierarchy()
    assert asked == ["class counts"]
    kg.invalidate_caches()
    assert kg.stats().classes == stats.classes
    assert any("Statement" in iri for iri, _, _ in stats.classes)


def test_other_loads_count_without_asking_for_the_class_tree(tmp_path, monkeypatch):
    monkeypatch.setattr(class_sets, "count_classes", _refuse)
    kg = KnowledgeGraph()
    loaded = kg.load(_files(tmp_path))  # the command line: the labels are read beside the count
    assert [item.quads for item in loaded] == [22, 2]
    assert sum(item.quads for item in loaded) == len(kg.backend.store)  # type: ignore[attr-defined]


def test_a_change_forgets_the_answers_read_beside_the_count(tmp_path):
    kg = KnowledgeGraph()
    kg.load(_files(tmp_path), labels_after_ready=True)
    kg.start_reading_labels()
    vendor = URIRef("http://example.org/Vendor")
    kg.apply_changes(ChangeSet(added=((URIRef("http://example.org/ericsson"), RDF.type, vendor, None),)))
    assert kg.class_hierarchy()["http://example.org/Vendor"].direct_count == 5
