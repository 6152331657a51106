"""Loading a large file shows its progress on a terminal's stderr, and nowhere else."""

from __future__ import annotations

import json
import os
import pty
import sys
from pathlib import Path

import pytest

from explorer.cli import main, progress


@pytest.fixture
def large_file(tmp_path: Path) -> Path:
    """About 2 MB of N-Triples: several of the loader's 256 KiB reads, each reported."""
    path = tmp_path / "large.nt"
    with path.open("w", encoding="utf-8") as out:
        for n in range(25_000):
            out.write(f'<http://example.org/e{n}> <http://www.w3.org/2000/01/rdf-schema#label> "entity number {n}" .\n')
    return path


def _read_all(fd: int) -> bytes:
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_progress_is_drawn_on_a_terminal_and_erased(large_file, capsys, monkeypatch):
    monkeypatch.setattr(progress, "DELAY_S", 0.0)  # the file loads in well under the half second
    monkeypatch.setattr(progress, "REDRAW_S", 0.0)
    master, slave = pty.openpty()
    terminal = os.fdopen(slave, "w", encoding="utf-8")
    try:
        monkeypatch.setattr(sys, "stderr", terminal)
        code = main(["stats", "--data", str(large_file), "--format", "json"])
        terminal.flush()
        drawn = _read_all(master).decode("utf-8")
    finally:
        terminal.close()
        os.close(master)
    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out)["quads"] == 25_000  # stdout holds the JSON and nothing else
    steps = [step for step in drawn.split("\r\x1b[K") if step]
    assert len(steps) >= 5, drawn
    assert steps[0].startswith("Reading large.nt") and steps[-1].startswith("Indexing")
    percents = [int(step.split()[-2]) for step in steps if step.startswith("Reading")]
    assert percents == sorted(percents) and percents[-1] == 100
    assert drawn.endswith("\r\x1b[K")  # the line is erased before the command prints


def test_no_progress_in_pipes(large_file, capsys, monkeypatch):
    monkeypatch.setattr(progress, "DELAY_S", 0.0)
    code = main(["stats", "--data", str(large_file), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    assert json.loads(captured.out)["quads"] == 25_000


def test_a_quick_load_draws_nothing(large_file, monkeypatch):
    """Below the delay nothing is drawn, so small files do not flicker a line."""
    master, slave = pty.openpty()
    terminal = os.fdopen(slave, "w", encoding="utf-8")
    try:
        now = [0.0]
        bar = progress.TerminalProgress(terminal, delay=0.5, clock=lambda: now[0])
        bar(0.5, "Reading x.nt")
        now[0] = 0.6
        bar(0.9, "Reading \x1b]0;owned\x07.nt")
        bar.finish()
        terminal.flush()
        drawn = _read_all(master).decode("utf-8")
    finally:
        terminal.close()
        os.close(master)
    assert drawn == "\r\x1b[KReading \\x1b]0;owned\\x07.nt   90 %\r\x1b[K"
