"""``kg-explorer search --class C``: only instances of C (subclasses count); a shared label says what tells it apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def _kg_explorer(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]), "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "explorer", *argv], capture_output=True, text=True, env=env,
                          timeout=120, encoding="utf-8")


def test_search_as_its_own_process_prints_what_main_returns(capsys, tmp_path, monkeypatch):
    """Run as the process, ``search`` ends without freeing the graph: the same table, the same exit codes."""
    data = tmp_path / "mixed.ttl"
    data.write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix ex: <http://example.org/> .\n'
        'ex:cm skos:prefLabel "China Mobile"@en, "中国移动"@zh . ex:zj skos:prefLabel "Zhèjiang"@en .\n'
        'ex:cmzj skos:prefLabel "China Mobile Zhèjiang"@en ; skos:altLabel "浙江移动"@zh .\n', encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "120")
    for text in ("china", "中国", "zhejiang", "移动"):
        code, out, err = run(capsys, "search", "--data", str(data), text)
        done = _kg_explorer("search", "--data", str(data), text)
        assert (done.returncode, done.stdout, done.stderr) == (code, out, err) == (0, out, "")
    done = _kg_explorer("search", "--data", str(data), "nothing like it", "--format", "json")
    assert (done.returncode, done.stdout, done.stderr) == (1, "[]\n", "")
    done = _kg_explorer("search", "--data", str(tmp_path / "missing.ttl"), "china")
    assert done.returncode == 2 and done.stdout == "" and done.stderr.startswith("error: ")


def test_start_up_leaves_the_http_client_and_the_article_readers_unread():
    """A command on a local file never needs httpx (the endpoint's client) nor the article readers."""
    probe = ("import sys, explorer.cli.entry, explorer.core.graph; "
             "print(sorted(m for m in ('httpx', 'explorer.services.importing.articles') "
             "if m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
    from explorer.core.backends import EndpointConfig, WorkspaceBackend  # still there when asked for

    assert EndpointConfig.__name__ == "EndpointConfig" and WorkspaceBackend.__name__ == "WorkspaceBackend"
