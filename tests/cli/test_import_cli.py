"""``kg-explorer import`` and ``suggest --accept-all``: edits files, refusals, dry runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.cli import main

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
MAPPING = {"subject": {"column": "Company", "class": "kg:Company"},
           "labels": [{"column": "Chinese", "language": "zh"}],
           "facts": [{"predicate": "org:memberOf", "object": {"column": "Alliance"}}]}


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "good.csv").write_text("Company,Chinese,Alliance\nHuawei,华为,5G industry alliance\n", encoding="utf-8")
    (tmp_path / "mixed.csv").write_text("Company,Chinese,Alliance\nHuawei,华为,5G industry alliance\n,x,y\n", encoding="utf-8")
    (tmp_path / "map.json").write_text(json.dumps(MAPPING), encoding="utf-8")
    return tmp_path


def test_dry_run_writes_nothing(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(files / "good.csv"), "--mapping", str(files / "map.json"), "--dry-run"]) == 0
    assert "would import 2 facts and 1 new entities" in capsys.readouterr().out
    assert not (files / "edits.trig").exists()


def test_refused_rows_mean_nothing_written_unless_skipped(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = files / "edits.trig"
    argv = ["import", str(files / "mixed.csv"), "--mapping", str(files / "map.json"), "--to", str(edits)]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "refused: row 3: column 'Company': no subject" in out and not edits.exists()
    assert main([*argv, "--skip-refused", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["written"] and report["facts"] == 2 and report["refused"] == [{"row": 3, "reason": "column 'Company': no subject"}]
    assert edits.exists()
    assert main(["describe", "Huawei", "--edits", str(edits)]) == 0
    assert "Company: Huawei; Chinese: 华为; Alliance: 5G industry alliance" in capsys.readouterr().out


def test_suggest_accept_all_writes_quoted_facts(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = files / "article.trig"
    assert main(["suggest", str(ARTICLES / "guangdong-shanghai-5g.txt"), "--min-confidence", "0.95", "--accept-all",
                 "--to", str(edits), "--date", "2020-06-01", "--analyst", "Test Analyst"]) == 0
    assert edits.exists()
    assert main(["describe", "Sun Yat-sen University", "--edits", str(edits)]) == 0
    out = capsys.readouterr().out
    assert "has partnered with Sun Yat-sen University" in out


@pytest.mark.parametrize("argv, message", [
    (["import", "t.csv", "--mapping", "missing.json", "--dry-run"], "missing.json: cannot read the mapping"),
    (["import", "nothere.csv", "--mapping", "map.json", "--dry-run"], "nothere.csv: no such file"),
    (["suggest", "a.txt", "--to", "x.trig"], "--to is for --accept-all"),
])
def test_bad_input_is_one_line(files: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(files)
    (files / "t.csv").write_text("a\n1\n", encoding="utf-8")
    (files / "a.txt").write_text("A set up B.", encoding="utf-8")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1 and message in err


def test_accept_all_takes_every_suggestion_of_an_article_at_the_default_confidence(tmp_path: Path) -> None:
    # ends with no cue, sites things stand in, a name two facts ask two kinds of: each is created so its facts hold
    edits = tmp_path / "all.trig"
    assert main(["suggest", str(ARTICLES / "guangdong-shanghai-5g.txt"), "--accept-all", "--to", str(edits),
                 "--date", "2020-06-01", "--analyst", "Test Analyst"]) == 0
    assert edits.exists()
