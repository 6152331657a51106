"""kg-explorer export and snapshot, as a user types them (no display needed)."""

from __future__ import annotations

import json

import networkx as nx
import rdflib
from cli_support import run


def test_export_each_format_from_focus_and_hops(capsys, tmp_path):
    for fmt in ("html", "graphml", "gexf", "ttl", "nq", "jsonld", "csv", "svg"):
        target = tmp_path / f"chain.{fmt}"
        code, out, err = run(capsys, "export", "--focus", "China Mobile", "--hops", "2", "--format", fmt, "-o", str(target))
        assert code == 0, err
        assert out.startswith(f"Wrote {target}") and target.stat().st_size > 0
    assert "://" not in (tmp_path / "chain.html").read_text(encoding="utf-8")
    assert nx.read_graphml(tmp_path / "chain.graphml").number_of_nodes() == 3
    assert len(rdflib.Graph().parse(tmp_path / "chain.ttl")) > 10


def test_export_png_with_size_and_format_from_the_file_name(capsys, tmp_path):
    from PySide6.QtGui import QImage

    target = tmp_path / "chain.png"
    code, _, err = run(capsys, "export", "--focus", "d:ChinaMobile", "--hops", "1", "--width", "300", "--height", "200",
                       "--scale", "2", "-o", str(target))
    assert code == 0, err
    image = QImage(str(target))
    assert (image.width(), image.height()) == (600, 400)


def test_export_from_a_query_file(capsys, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?a ?b WHERE { ?a kg:established ?b }", encoding="utf-8")  # prefix added from the graph
    target = tmp_path / "q.csv"
    code, _out, err = run(capsys, "export", "--query", f"@{query}", "-o", str(target))
    assert code == 0, err
    assert "China Mobile Zhejiang,established,Zhejiang 5G industry alliance" in target.read_text(encoding="utf-8-sig")


def test_export_errors_are_one_line(capsys, tmp_path):
    for argv, words in (
        (["export", "-o", str(tmp_path / "x.ttl")], "choose what to export"),
        (["export", "--focus", "China Mobile", "-o", str(tmp_path / "x.xyz")], "--format is needed"),
        (["export", "--focus", "China Mobile", "--query", "SELECT * {}", "-o", str(tmp_path / "x.ttl")], "cannot be combined"),
        (["export", "--focus", "no such thing at all", "-o", str(tmp_path / "x.ttl")], "no entity"),
        (["export", "--focus", "China Mobile", "-o", str(tmp_path / "missing" / "x.ttl")], "does not exist"),
        (["export", "--query", "ASK { ?s ?p ?o }", "-o", str(tmp_path / "x.ttl")], "ASK"),
    ):
        code, _out, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.count("\n") == 1 and words in err, err
    assert list(tmp_path.iterdir()) == []


def test_snapshot_save_show_and_diff(capsys, tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    code, out, err = run(capsys, "snapshot", "save", "--focus", "China Mobile", "--hops", "1", "--title", "Start", "-o", str(small))
    assert code == 0, err
    code, out, err = run(capsys, "snapshot", "save", "--focus", "China Mobile", "--hops", "3", "--title", "Chain",
                         "--notes", "the Zhejiang chain", "--date", "2024-05-01", "-o", str(large))
    assert code == 0 and "Saved" in out, err
    code, out, err = run(capsys, "snapshot", "show", str(large) + ".kgsnap")
    assert code == 0, err
    assert "Chain" in out and "2024-05-01" in out and "Matches loaded data  yes" in out
    code, out, err = run(capsys, "snapshot", "show", str(large) + ".kgsnap", "--format", "json")
    shown = json.loads(out)
    assert shown["matches_loaded_data"] is True and shown["counts"]["nodes"] >= 5
    code, out, err = run(capsys, "snapshot", "diff", str(small) + ".kgsnap", str(large) + ".kgsnap", "--format", "json")
    assert code == 0, err
    diff = json.loads(out)
    assert {c["change"] for c in diff["changes"]} == {"added"}
    assert any(c["label"] == "Zhejiang 5G industry alliance" for c in diff["changes"])
    code, out, err = run(capsys, "snapshot", "diff", str(small) + ".kgsnap", str(small) + ".kgsnap")
    assert code == 1 and "0 entities added" in out


def test_snapshot_show_on_other_data_says_it_does_not_match(capsys, tmp_path):
    other = tmp_path / "other.ttl"
    other.write_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .", encoding="utf-8")
    snapshot = tmp_path / "s.kgsnap"
    assert run(capsys, "snapshot", "save", "--focus", "China Mobile", "--title", "t", "-o", str(snapshot))[0] == 0
    code, out, _ = run(capsys, "snapshot", "show", str(snapshot), "--data", str(other))
    assert code == 0 and "Matches loaded data  no" in out


def test_snapshot_errors_name_the_file(capsys, tmp_path):
    bad = tmp_path / "bad.kgsnap"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "snapshot", "show", str(bad))
    assert code == 2 and err.startswith(f"error: {bad}: not valid JSON at line 1") and err.count("\n") == 1
    code, _, err = run(capsys, "snapshot", "diff", str(bad))
    assert code == 2 and "two snapshot files" in err


def test_snapshot_with_a_schema_version_below_1_is_refused(capsys, tmp_path):
    saved = tmp_path / "s.kgsnap"
    assert run(capsys, "snapshot", "save", "--focus", "China Mobile", "--title", "t", "-o", str(saved))[0] == 0
    document = json.loads(saved.read_text(encoding="utf-8"))
    for version in (-1, 0):
        tampered = tmp_path / f"v{version}.kgsnap"
        tampered.write_text(json.dumps({**document, "schema_version": version}), encoding="utf-8")
        for argv in (["snapshot", "show", str(tampered)], ["export", "--snapshot", str(tampered), "-o", str(tmp_path / "x.ttl")]):
            code, out, err = run(capsys, *argv)
            assert code == 2 and out == "", (argv, err)
            assert err == f"error: {tampered}: field 'schema_version': {version} is not a schema version (they start at 1)\n"


def test_export_of_a_snapshot_has_the_snapshot_title(capsys, tmp_path):
    saved = tmp_path / "chain.kgsnap"
    assert run(capsys, "snapshot", "save", "--focus", "China Mobile", "--hops", "2", "--title", "Chain review",
               "-o", str(saved))[0] == 0
    page = tmp_path / "chain.html"
    code, _, err = run(capsys, "export", "--snapshot", str(saved), "-o", str(page))
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "<title>Chain review</title>" in html and "hops around" not in html
    code, _, err = run(capsys, "export", "--snapshot", str(saved), "--title", "Mine", "-o", str(page))
    assert code == 0 and "<title>Mine</title>" in page.read_text(encoding="utf-8")


def test_truncation_note_names_the_cap_that_stopped_the_selection(capsys, tmp_path):
    target = tmp_path / "x.ttl"
    code, _, err = run(capsys, "export", "--focus", "China", "--hops", "3", "--per-entity", "2", "-o", str(target))
    assert code == 0
    assert err == ("note: at most 2 new neighbours were taken from any one entity (--per-entity 2); "
                   "the export leaves out the others\n")
    code, _, err = run(capsys, "export", "--focus", "China", "--hops", "3", "--max-entities", "5", "-o", str(target))
    assert code == 0
    assert err == "note: the selection stopped at 5 entities (--max-entities 5); the export shows that part\n"
    code, _, err = run(capsys, "snapshot", "save", "--focus", "China", "--hops", "3", "--per-entity", "2",
                       "-o", str(tmp_path / "s"))
    assert code == 0 and "--per-entity 2" in err and "--max-entities" not in err
    code, _, err = run(capsys, "export", "--focus", "China", "--hops", "1", "-o", str(target))
    assert code == 0 and err == ""


def test_export_help_says_the_format_comes_from_the_file_name(capsys):
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "what to write (default: from the -o file name;" in flat and "default table" not in flat
    from explorer.services.subgraph import DEFAULT_PER_ENTITY

    assert f"any one entity of a --focus selection (default {DEFAULT_PER_ENTITY})" in flat
    code, out, _ = run(capsys, "stats", "--help")
    assert "output format (default table; one of: table, json)" in " ".join(out.split())
