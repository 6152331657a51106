"""``kg-explorer search --class C``: only instances of C (subclasses count); a shared label says what tells it apart."""

from __future__ import annotations

import json

import pytest
from cli_support import run

D = "https://w3id.org/kg-explorer/data/"


pytestmark = pytest.mark.usefixtures("shared_bundled_graph")


def test_search_in_one_class(capsys):
    code, out, _ = run(capsys, "search", "china", "--class", "telecom operator", "--format", "json")
    hits = json.loads(out)
    assert code == 0 and [hit["iri"] for hit in hits] == [D + "ChinaMobile", D + "ChinaMobileZhejiang"]
    assert {hit["class_label"] for hit in hits} == {"telecom operator"}
    code, out, _ = run(capsys, "search", "china", "--class", "kg:Country")
    assert code == 0 and out.split()[-1] == "d:China" and "d:ChinaMobile" not in out


def test_several_classes_and_a_class_with_no_match(capsys):
    code, out, _ = run(capsys, "search", "zhejiang", "--class", "kg:Province", "--class", "kg:TelecomOperator",
                       "--format", "json")
    assert code == 0 and {hit["iri"] for hit in json.loads(out)} == {D + "Zhejiang", D + "ChinaMobileZhejiang"}
    code, out, _ = run(capsys, "search", "zhejiang", "--class", "kg:Country")
    assert code == 1 and "No entity matches" in out


def test_an_unknown_class_is_one_error_line(capsys):
    code, _, err = run(capsys, "search", "china", "--class", "no such class")
    assert code == 2 and err.splitlines() == ["error: search: --class no such class: no such class in the graph"]


def test_a_shared_label_is_told_apart_in_the_table(capsys, tmp_path):
    data = tmp_path / "twins.ttl"
    data.write_text(
        "@prefix d: <https://w3id.org/kg-explorer/data/> .\n@prefix kg: <https://w3id.org/kg-explorer/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'd:FactoryA a kg:IndustrialApplication ; rdfs:label "smart factory" ; kg:locatedIn d:Ningbo .\n'
        'd:FactoryB a kg:IndustrialApplication ; rdfs:label "smart factory" ; kg:locatedIn d:Hangzhou .\n'
        'd:Ningbo rdfs:label "Ningbo" .\nd:Hangzhou rdfs:label "Hangzhou" .\n', encoding="utf-8")
    code, out, _ = run(capsys, "search", "smart factory", "--data", str(data))
    assert code == 0
    assert "smart factory · in Ningbo" in out and "smart factory · in Hangzhou" in out
    code, out, _ = run(capsys, "search", "smart factory", "--data", str(data), "--format", "json")
    assert {hit["distinguished_by"] for hit in json.loads(out)} == {"in Ningbo", "in Hangzhou"}
