"""``kg-explorer entity`` and ``kg-explorer fact``: scripted curation into an edits file."""

from __future__ import annotations

import json

import pytest
from cli_support import run

from explorer.services.edits import read_edits


def test_add_entity_fact_then_find_the_path_through_it(capsys, tmp_path):
    edits = str(tmp_path / "mine.trig")
    code, out, err = run(capsys, "entity", "add", "China Unicom", "--class", "telecom operator",
                         "--label-zh", "中国联通", "--analyst", "Ada", "--to", edits)
    assert code == 0, err
    assert out == f"Add China Unicom to {edits}: 14 statement(s) added, 0 removed\n"
    code, out, err = run(capsys, "fact", "add", "China Unicom", "member of", "Zhejiang 5G industry alliance",
                         "--quote", "China Unicom joined the Zhejiang 5G industry alliance",
                         "--source", "Zhejiang 5G industry report", "--new-source", "--source-date", "2024-03-01",
                         "--sentence", "3", "--analyst", "Ada", "--to", edits, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["change"] == "Add China Unicom —member of→ Zhejiang 5G industry alliance"
    code, out, err = run(capsys, "path", "China Unicom", "remote healthcare", "--evidence", "--edits", edits)
    assert code == 0, err
    assert out.startswith("China Unicom —member of→ Zhejiang 5G industry alliance —partnered with→")
    assert '"China Unicom joined the Zhejiang 5G industry alliance" (Zhejiang 5G industry report, sentence 3)' in out
    assert len(read_edits(edits).added) > 20


def test_a_refused_fact_exits_1_with_the_violations_and_writes_nothing(capsys, tmp_path):
    edits = tmp_path / "mine.trig"
    code, out, _ = run(capsys, "fact", "add", "China Mobile", "located in", "China Mobile Zhejiang",
                       "--background", "assumed", "--to", str(edits))
    assert code == 1
    assert out.splitlines()[0] == "refused by the SHACL shapes; nothing was written:"
    assert "“located in” needs a location: China Mobile Zhejiang is not one" in out
    assert not edits.exists()


@pytest.mark.parametrize("argv, message", [
    (["fact", "add", "China Mobile", "member of"], "error: usage: kg-explorer fact add SUBJECT PREDICATE OBJECT"),
    (["fact", "add", "China Mobile", "flies to", "Ningbo", "--background", "x"], "predicate: unknown predicate"),
    (["fact", "add", "China Mobile", "member of", "Zhejiang 5G industry alliance"], "evidence is needed"),
    (["fact", "add", "China Mobile", "member of", "Zhejiang 5G industry alliance", "--quote", "not in the article",
      "--source", "d:Article5GIndustrialInternet"], "quote: not found verbatim"),
    (["fact", "add", "hospital partners", "count", "lots", "--background", "x"], "'lots' is not a number"),
    (["entity", "add", "Acme", "--class", "Spaceship"], "class: unknown class 'Spaceship'"),
    (["entity", "add", "Acme"], "--class is needed"),
])
def test_bad_input_is_one_error_line_and_exit_2(capsys, tmp_path, argv, message):
    code, out, err = run(capsys, *argv, "--to", str(tmp_path / "e.trig"))
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("error: ")
    assert not (tmp_path / "e.trig").exists()


def test_an_edits_file_that_is_not_a_dataset_is_refused(capsys, tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("not { trig")
    code, _, err = run(capsys, "entity", "add", "Acme", "--class", "City", "--to", str(bad))
    assert code == 2 and f"{bad}: not a TriG dataset" in err


def test_retract_then_merge_and_the_edits_reopen_over_the_sources(capsys, tmp_path):
    edits = str(tmp_path / "mine.trig")
    assert run(capsys, "fact", "retract", "China Mobile Zhejiang", "established", "Zhejiang 5G industry alliance",
               "--background", "the alliance was set up by the group", "--to", edits)[0] == 0
    code, out, _ = run(capsys, "describe", "China Mobile Zhejiang", "--edits", edits)
    assert code == 0 and "—established→" not in out
    assert run(capsys, "entity", "add", "China Unicom", "--class", "TelecomOperator", "--to", edits)[0] == 0
    code, out, err = run(capsys, "entity", "merge", "China Mobile", "China Unicom", "--to", edits)
    assert code == 0, err
    assert out.startswith("Merge China Unicom into China Mobile")
    code, out, _ = run(capsys, "describe", "China Mobile", "--edits", edits)
    assert "China Unicom @en  (skos:altLabel)" in out
    code, out, _ = run(capsys, "validate", "--edits", edits)
    assert code == 0, out
