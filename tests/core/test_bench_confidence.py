"""benchmarks/bench_suggestions.py --confidence: how often each band of confidence is right."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_suggestions


def test_each_suggestion_falls_in_one_band_with_whether_the_key_holds_it(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text("Haier teamed up with Huawei in Qingdao.", encoding="utf-8")
    (tmp_path / "one.key.tsv").write_text("Haier\tkg:ownedBy\tHuawei\t1\n", encoding="utf-8")
    scores = bench_suggestions.run(tmp_path, with_seed=False)
    assert len(scores[0].confidences) == scores[0].suggested >= 1
    assert not any(right for _, right in scores[0].confidences)  # the partnership is not what the key holds

    assert bench_suggestions.main(["--articles", str(tmp_path), "--confidence"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| 0.")]
    assert len(rows) == 3
    counted = [int(row.split("|")[2]) for row in rows]
    assert sum(counted) == scores[0].suggested
    assert all(row.split("|")[3].strip() == "0" for row in rows)


def test_the_bands_take_each_confidence_once() -> None:
    score = bench_suggestions.Score("two", 3, 2, 2, 2, [], [], confidences=[(0.7, True), (0.69, True), (0.2, False)])
    table = bench_suggestions.confidence_table([score])
    assert "| 0.7 and up | 1 | 1 | 1.00 |" in table
    assert "| 0.5 to 0.7 | 1 | 1 | 1.00 |" in table
    assert "| 0.0 to 0.5 | 1 | 0 | 0.00 |" in table
