"""`kg-explorer search --data FILE` reads the file's labels with a second parser while the store
parses it: the index it gets answers every search and name as the index read from the store does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.core.backends import label_reading
from explorer.core.errors import LoadError
from explorer.core.graph import KnowledgeGraph
from explorer.core.search_rows import rows_for_hits, search_in_classes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import generate

TURTLE = """\
@base <http://example.org/base/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<cm> skos:prefLabel "China Mobile"@en, "中国移动"@zh ; skos:altLabel "CMCC", "  " ; rdfs:label "Zhèjiang  Mobile" .
<zj> rdfs:label "ＺＨＥＪＩＡＮＧ", "Ｚｈèjiang\\nprovince"@en ; rdfs:label <notALiteral> .
<cm> <locatedIn> <zj> .
"""
BLANK = TURTLE + '_:b skos:prefLabel "a blank node" .\n'
QUERIES = ["china", "中国", "zhe", "mobile china", "cmcc", "zhejiang province", "chna mobil", "g1", "remote", "a"]


def _answers(kg: KnowledgeGraph) -> list:
    found = []
    for text in QUERIES:
        hits = search_in_classes(kg, text, 20, [])
        rows = rows_for_hits(kg, hits)
        found.append([(hit.entity, hit.matched, hit.score, row.label, row.class_label, row.detail)
                      for hit, row in zip(hits, rows, strict=True)])
        # Names, and every label of each (in any order: the store's is its own).
        found.append([(hit.entity, kg.label(hit.entity), sorted(kg.all_labels(hit.entity)))
                      for hit in kg.search(text, 50)])
    return found


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    path = tmp_path / "kg-5k.nt"
    generate.write(path, 5_000, "nt")
    return path


@pytest.mark.parametrize("kind", ["generated", "turtle", "trig"])
def test_labels_read_beside_the_parse_answer_as_the_stores(tmp_path, generated, monkeypatch, kind):
    path = generated
    if kind == "turtle":
        path = tmp_path / "labels.ttl"
        path.write_text(TURTLE, encoding="utf-8")
    if kind == "trig":  # labels in the default graph and in a named one
        path = tmp_path / "labels.trig"
        path.write_text(TURTLE + '<g> { <cm> rdfs:label "Mobile of China"@en . <x> <p> "y" . }\n', encoding="utf-8")
    from_store = KnowledgeGraph()
    from_store.load([path])
    from_store.wait_for_labels()
    # Reading the store's labels fails from here on: the graph below gets its index from the file alone.
    monkeypatch.setattr(label_reading, "read_label_index", lambda store: pytest.fail("the store's labels were read"))
    beside = KnowledgeGraph()
    beside.load([path], labels_beside_parse=True)
    beside.wait_for_labels()
    assert len(beside) == len(from_store)
    assert [file.quads for file in beside.files] == [file.quads for file in from_store.files]
    assert _answers(beside) == _answers(from_store)
    expected = label_reading.LabelIndex.from_columns(*[list(c) for c in from_store._index.columns()[:4]])
    assert sorted(zip(*beside._index.columns(), strict=True)) == sorted(zip(*expected.columns(), strict=True))


def test_a_blank_nodes_label_is_read_from_the_store(tmp_path):
    """The store names blank nodes its own way: the file's names would not find them."""
    path = tmp_path / "blank.ttl"
    path.write_text(BLANK, encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([path], labels_beside_parse=True)
    hits = kg.search("a blank node")
    assert hits and kg.exists(hits[0].entity) and kg.label(hits[0].entity) == "a blank node"


def test_a_file_the_store_refuses_leaves_nothing_behind(tmp_path):
    path = tmp_path / "bad.nt"
    path.write_text('<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n<bad iri> <p> "y" .\n',
                    encoding="utf-8")
    kg = KnowledgeGraph()
    with pytest.raises(LoadError, match=r"bad\.nt"):
        kg.load([path], labels_beside_parse=True)
    assert len(kg) == 0


def test_the_search_command_reads_its_labels_beside_the_parse(generated, monkeypatch, capsys):
    from explorer.cli.entry import main

    monkeypatch.setattr(label_reading, "read_label_index", lambda store: pytest.fail("the store's labels were read"))
    assert main(["search", "--data", str(generated), "china", "--format", "json"]) == 0
    assert '"matched"' in capsys.readouterr().out
