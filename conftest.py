"""Doctests of the ``explorer`` package run with the suite (``--doctest-modules``, see pyproject.toml).

Modules of the desktop app import Qt when they are imported; those without examples are
left out of doctest collection, so collecting the package needs no display and no Qt start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_UI = Path(__file__).parent / "explorer" / "ui"

# The test folders' conftest.py files share a name without being in packages; as doctest modules
# they would be imported a second time under that one name.
collect_ignore_glob = ["tests/**/conftest.py", "tests/conftest.py"]

collect_ignore = [
    str(module) for module in sorted(_UI.rglob("*.py"))
    if ">>> " not in module.read_text(encoding="utf-8")
]
