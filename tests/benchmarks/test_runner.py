"""The benchmark runner: one quick run at 10k gives a table with every figure and engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.mark.slow
def test_quick_run_prints_every_figure_for_every_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str],
                                                         benchmark_script: Callable[[str], ModuleType]) -> None:
    run = benchmark_script("run")
    generate = benchmark_script("generate")
    monkeypatch.setattr(generate, "GENERATED", tmp_path / "generated")
    out = tmp_path / "RESULTS.md"
    assert run.main(["--sizes", "10k", "--quick", "--write", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == capsys.readouterr().out
    assert "| figure | ours | rdflib memory store | raw pyoxigraph | ours vs rdflib | ours vs raw pyoxigraph |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| figure")]
    labels = [label for _, label, _ in run.FIGURES]
    for label in labels:
        row = next(line for line in rows if line.startswith(f"| {label} |"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 6
        assert cells[1].endswith((" s", " ms", " MB")), row  # ours always measured
    for key in ("load_nt", "search", "path6", "class_counts", "stats"):
        label = dict((k, lab) for k, lab, _ in run.FIGURES)[key]
        row = next(line for line in rows if line.startswith(f"| {label} |"))
        assert "×" in row and "not run" not in row, row  # rdflib and raw pyoxigraph ran too
    assert "Machine: CPU:" in text and "Python:" in text and "pyoxigraph" in text


def test_bidirectional_search_finds_the_shortest_chain(benchmark_script: Callable[[str], ModuleType]) -> None:
    run = benchmark_script("run")
    chain = {"a": ["b"], "b": ["a", "c"], "c": ["b", "d"], "d": ["c", "e"], "e": ["d"]}
    assert run.bfs_path(lambda node: iter(chain[node]), "a", "e", 6) == ["a", "b", "c", "d", "e"]
    assert run.bfs_path(lambda node: iter(chain[node]), "a", "e", 3) is None


def test_the_table_reports_loading_cancel_and_replace_in_the_app(benchmark_script: Callable[[str], ModuleType]) -> None:
    run = benchmark_script("run")
    probe = {"outcome": "finished", "seconds": 6.0, "max_stall_ms": 28, "progress_updates": 80,
             "distinct_fractions": 75, "stalls_over_60ms": []}
    loading = {"load": probe, "cancel": {**probe, "outcome": "cancelled", "cancel_to_done_s": 0.04, "max_stall_ms": 1},
               "replace": {**probe, "max_stall_ms": 41, "max_stall_after_done_ms": 41, "freeing_when_unseen_s": 1.22},
               "add": {**probe, "seconds": 5.1, "max_stall_ms": 35}}
    text = run.table([], None, None, loading, "1m")
    assert "Cancel after 1 s: cancelled, 0.04 s from Cancel to done, longest stall 1 ms" in text
    assert "Replacing the loaded graph by the file again: finished in 6.0 s, longest stall 41 ms" in text
    assert "freeing the stores that waited took 1.22 s" in text
    assert "Adding a 100-triple file to the loaded graph: finished in 5.1 s, longest stall 35 ms." in text
