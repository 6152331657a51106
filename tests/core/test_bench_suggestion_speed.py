"""benchmarks/bench_suggestion_speed.py: how long reading articles takes with each reader, in one process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_suggestion_speed

from explorer.core.extraction.relation_model import BUNDLED_FILE


def test_times_the_rules_the_bundled_model_and_a_model_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text("Haier teamed up with Huawei in Qingdao.", encoding="utf-8")
    assert bench_suggestion_speed.main(["--articles", str(tmp_path), "--model", str(BUNDLED_FILE), "--runs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1 articles, 2 runs each; reading the bundled model file: median ")
    assert [line.split(" median ")[0].strip() for line in lines[1:]] == ["rules alone", "bundled model", BUNDLED_FILE.name]
    assert "(1.00× the rules)" in lines[1] and all(line.count(",") == 1 for line in lines[1:])
