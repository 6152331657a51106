"""Exports and snapshots of a server's graph: made from bounded queries, same content as embedded."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from explorer.cli import main

BUNDLED_GRAPH = "urn:kg-explorer:test:bundled"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.endpoint
def test_export_and_snapshot_from_the_server_match_the_embedded_store(capsys, tmp_path, virtuoso):
    remote = ("--endpoint", virtuoso.url, "--default-graph", BUNDLED_GRAPH)
    focus = ("--focus", "China Mobile", "--hops", "3")
    for where, extra in (("server", remote), ("embedded", ())):
        code, _, err = _run(capsys, "export", *focus, "--format", "graphml", "-o", str(tmp_path / f"{where}.graphml"), *extra)
        assert code == 0, err
        code, _, err = _run(capsys, "snapshot", "save", *focus, "--title", where, "-o", str(tmp_path / f"{where}.kgsnap"), *extra)
        assert code == 0, err

    def labels(path):
        root = ET.parse(path).getroot()
        keys = {k.get("id"): k.get("attr.name") for k in root.iter("{http://graphml.graphdrawing.org/xmlns}key")}
        return sorted(d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data") if keys.get(d.get("key")) == "label")

    assert labels(tmp_path / "server.graphml") == labels(tmp_path / "embedded.graphml")
    assert "China Mobile Zhejiang" in labels(tmp_path / "server.graphml")
    server, embedded = (json.loads((tmp_path / f"{w}.kgsnap").read_text(encoding="utf-8")) for w in ("server", "embedded"))
    assert {n["entity"] for n in server["scene"]["nodes"]} == {n["entity"] for n in embedded["scene"]["nodes"]}
    # The server's snapshot reopens without any server: its own triples carry the evidence.
    code, out, err = _run(capsys, "snapshot", "show", str(tmp_path / "server.kgsnap"))
    assert code == 0, err
    assert "server" in out


@pytest.mark.endpoint
def test_csv_evidence_from_the_server_lists_every_record_like_the_embedded_store(capsys, tmp_path, virtuoso):
    import csv

    remote = ("--endpoint", virtuoso.url, "--default-graph", BUNDLED_GRAPH)
    tables = {}
    for where, extra in (("server", remote), ("embedded", ())):
        path = tmp_path / f"{where}.csv"
        code, _, err = _run(capsys, "export", "--focus", "d:Liu", "--hops", "1", "--format", "csv", "-o", str(path), *extra)
        assert code == 0, err
        with open(path, encoding="utf-8-sig", newline="") as handle:
            tables[where] = sorted(tuple(row.values()) for row in csv.DictReader(handle))
    assert tables["server"] == tables["embedded"]
    with open(tmp_path / "server.csv", encoding="utf-8-sig", newline="") as handle:
        warns = [r for r in csv.DictReader(handle) if r["predicate_iri"].endswith("#warnsOf")]
    assert [(r["sentence_index"], r["line_number"], r["start"], r["end"]) for r in warns] == [
        ("12", "9", "1700", "1874"), ("13", "10", "1875", "2014")]
