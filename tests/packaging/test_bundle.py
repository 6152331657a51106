"""The desktop bundle builds from the repository and passes its own smoke mode.

Slow (a PyInstaller build takes minutes), so it is marked ``slow``; CI runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bundle_builds_and_passes_smoke_mode(tmp_path):
    build = subprocess.run([str(ROOT / "packaging" / "build")], cwd=ROOT, capture_output=True, text=True,
                           timeout=1500, check=False)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    program = ROOT / "dist" / "kg-explorer" / "kg-explorer"
    assert program.is_file() and os.access(program, os.X_OK)

    # No Python environment beyond the bundle: no virtualenv on PATH, no PYTHON* variables,
    # and a working directory outside the source tree.
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    smoke = subprocess.run([str(program), "--smoke"], cwd=tmp_path, env=environment, capture_output=True,
                           text=True, timeout=300, check=False)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke test passed" in smoke.stdout
    assert "China Mobile —has branch→ China Mobile Zhejiang" in smoke.stdout

    # The bundle stays lean: only the Qt modules the app uses.
    bundled_files = {p.name for p in (ROOT / "dist" / "kg-explorer").rglob("*")}
    for unwanted in ("libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6", "QtWebEngineCore.abi3.so"):
        assert unwanted not in bundled_files
    assert sys.platform != "linux" or "libQt6Widgets.so.6" in bundled_files
