"""Atomic file writes for the services layer (see :mod:`explorer.core.atomic`).

The implementation lives in ``explorer.core.atomic`` so that core modules (the workspace
label index) can use it too; this module keeps the services-level import path.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
>>> atomic_write(target, "first")
>>> with atomic_open(target) as handle:
...     _ = handle.write("second")
>>> target.read_text()
'second'
"""

from __future__ import annotations

from explorer.core.atomic import atomic_open, atomic_path, atomic_write

__all__ = ["atomic_open", "atomic_path", "atomic_write"]
