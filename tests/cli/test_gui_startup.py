"""The real desktop start-up, as ``kg-explorer gui`` runs it: a process, offscreen, no stand-ins.

``KG_EXPLORER_EXIT_WHEN_LOADED=1`` makes the app quit once its window is shown and the graph
is loaded into it (exit 0), or when loading fails (exit 1, the reason on stderr).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def _start(tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    script = shutil.which("kg-explorer", path=os.path.dirname(sys.executable))
    assert script is not None, "kg-explorer is not installed next to the test interpreter"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KG_EXPLORER_EXIT_WHEN_LOADED": "1",
        "KG_EXPLORER_CONFIG_DIR": str(tmp_path / "config"),
        "KG_EXPLORER_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run([script, "gui", *files], capture_output=True, text=True, env=env, timeout=300)


def test_gui_starts_shows_the_window_and_loads_the_bundled_graph(tmp_path, bundled_graph):
    started = _start(tmp_path)
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines() == [f"kg-explorer: window shown, graph loaded ({len(bundled_graph)} triples)"]
    assert "Traceback" not in started.stderr


def test_gui_opens_files_given_on_the_command_line_and_reports_a_broken_one(tmp_path):
    data = tmp_path / "two.nt"
    data.write_text("<http://e/a> <http://e/b> <http://e/c> .\n<http://e/c> <http://e/b> <http://e/d> .\n", encoding="utf-8")
    started = _start(tmp_path, str(data))
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines() == ["kg-explorer: window shown, graph loaded (2 triples)"]
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix e: <http://e/> .\ne:a e:b "open\n', encoding="utf-8")
    failed = _start(tmp_path, str(broken))
    assert failed.returncode == 1 and failed.stdout == ""
    assert f"error: {broken}:2:" in failed.stderr and "Traceback" not in failed.stderr
