"""The window's load (build_graph): ready with the class tree before the label index is read;
the index is read from then on, and a load cancelled after the parse never reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

import explorer.core.backends.label_reading as label_reading
from explorer.core.errors import Cancelled
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken
from explorer.services.loading import build_graph

DATA = """\
@prefix ex: <http://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Operator a <http://www.w3.org/2002/07/owl#Class> ; rdfs:label "Network operator"@en .
ex:cm a ex:Operator ; skos:prefLabel "China Mobile"@en .
"""


@pytest.fixture
def reads(monkeypatch):
    """Each label reading, in order with whatever else a test notes."""
    seen: list[str] = []
    read = label_reading.read_label_index
    monkeypatch.setattr(label_reading, "read_label_index", lambda store: (seen.append("read"), read(store))[1])
    return seen


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "operators.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def test_the_index_is_read_after_the_class_tree(tmp_path, reads, monkeypatch):
    from explorer.core.graph import KnowledgeGraph

    built = KnowledgeGraph.class_hierarchy

    def class_tree(kg):
        reads.append("class tree")
        return built(kg)

    monkeypatch.setattr(KnowledgeGraph, "class_hierarchy", class_tree)
    outcome = build_graph([_file(tmp_path)], None, QueryPolicy(), 30.0)
    outcome.kg.wait_for_labels()
    assert reads[0] == "class tree" and reads.count("read") == 1
    assert [hit.entity for hit in outcome.kg.search("china")] == ["http://example.org/cm"]
    assert outcome.kg.class_hierarchy()["http://example.org/Operator"].label == "Network operator"


def test_a_load_cancelled_after_the_parse_reads_no_labels_and_lets_go_of_the_store(tmp_path, reads, monkeypatch):
    from explorer.core.graph import KnowledgeGraph

    cancel = CancelToken()
    readings: list[object] = []
    loaded = KnowledgeGraph.load

    def load_then_cancel(kg, *args, **kwargs):
        answer = loaded(kg, *args, **kwargs)
        readings.append(kg.backend._reading_index)
        cancel.cancel()
        return answer

    monkeypatch.setattr(KnowledgeGraph, "load", load_then_cancel)
    with pytest.raises(Cancelled):
        build_graph([_file(tmp_path)], None, QueryPolicy(), 30.0, cancel=cancel)
    reading = readings[0]
    assert reading is not None and reading.done()  # type: ignore[attr-defined]
    assert reads == []
