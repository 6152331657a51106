"""The desktop bundle builds from the repository and passes its own smoke mode.

Slow (a PyInstaller build takes minutes), so it is marked ``slow``; CI runs it.
"""

from __future__ import annotations

import glob
import os
import shlex
import shutil
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

    # No Python environment beyond the bundle: the bundle is copied out of the source tree,
    # and, where the test may make a mount namespace (root, as in CI), every Python
    # installation and the source tree are hidden behind empty folders while it runs.
    bundle = tmp_path / "kg-explorer"
    shutil.copytree(ROOT / "dist" / "kg-explorer", bundle, symlinks=True)
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    command = [str(bundle / "kg-explorer"), "--smoke"]
    hidden = [*_python_installations(tmp_path), ROOT]
    if os.geteuid() == 0 and shutil.which("unshare"):
        mounts = " && ".join(f"mount -t tmpfs none {shlex.quote(str(folder))}" for folder in hidden if folder.is_dir())
        files = " && ".join(f"mount --bind /dev/null {shlex.quote(str(f))}" for f in _python_programs())
        script = " && ".join(part for part in (mounts, files) if part)
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                   f"{script} && exec {shlex.join(command)}"]
    smoke = subprocess.run(command, cwd=tmp_path, env=environment, capture_output=True,
                           text=True, timeout=300, check=False)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke test passed" in smoke.stdout
    assert "China Mobile —has branch→ China Mobile Zhejiang" in smoke.stdout
    assert "terminal —operatedBy→ PetroChina Dalian LNG" in smoke.stdout  # lemminflect's lexicon is bundled

    # The bundle stays lean: only the Qt modules the app uses.
    bundled_files = {p.name for p in (ROOT / "dist" / "kg-explorer").rglob("*")}
    for unwanted in ("libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6", "QtWebEngineCore.abi3.so"):
        assert unwanted not in bundled_files
    assert sys.platform != "linux" or "libQt6Widgets.so.6" in bundled_files


def _python_installations(keep_visible: Path) -> list[Path]:
    """Folders holding a Python installation or environment on this machine."""
    found = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    for pattern in ("/usr/lib/python3*", "/usr/local/lib/python3*", "/opt/python*", os.path.expanduser("~/.pyenv")):
        found.update(Path(p) for p in glob.glob(pattern))
    # Hiding a folder that holds the copied bundle would hide the bundle too.
    folders = {p for p in found if p.is_dir() and p != Path("/") and not str(keep_visible).startswith(str(p) + "/")}
    # A folder inside one already hidden cannot be mounted over (it is gone): keep the outermost.
    return sorted(p for p in folders if not any(other in p.parents for other in folders))


def _python_programs() -> list[Path]:
    return [Path(p) for p in glob.glob("/usr/bin/python3*") + glob.glob("/usr/local/bin/python3*") if Path(p).is_file()]

