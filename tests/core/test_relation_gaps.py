"""benchmarks/relation_gaps.py: key facts with both ends found and not suggested, with their sentence."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import relation_gaps


def test_lists_a_fact_whose_ends_are_found_and_which_no_suggestion_states(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text("Haier teamed up with Huawei in Qingdao.", encoding="utf-8")
    (tmp_path / "one.key.tsv").write_text("Haier\tkg:partneredWith\tHuawei\t1\nHaier\tkg:ownedBy\tHuawei\t1\n",
                                          encoding="utf-8")
    assert relation_gaps.main(["--articles", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    gaps = [line.strip() for line in out.splitlines() if line.startswith("    1 ")]
    assert gaps == ["1 haier —ownedBy→ huawei"]  # the partnership is suggested: no gap
    assert "1 key facts with both ends found and not suggested" in out


@pytest.mark.parametrize("script", ["relation_gaps", "mention_gaps", "reference_gaps", "bench_suggestions",
                                    "bench_suggestion_speed"])
def test_a_missing_articles_folder_is_one_error_line(script: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    module = importlib.import_module(script)
    with pytest.raises(SystemExit) as stopped:
        module.main(["--articles", str(tmp_path / "absent")])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"--articles: {tmp_path / 'absent'}: not a folder")
