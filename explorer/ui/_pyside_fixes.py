"""Work-arounds for defects of the installed Qt binding, applied once when ``explorer.ui`` is imported.

PySide6 6.12 returns ``None`` from every void method without taking a reference to it.
From Python 3.12 ``None`` is immortal and that is harmless; on Python 3.10 and 3.11 each
call (``painter.setPen``, ``rect.setX``, ``widget.update`` …) drops ``None``'s reference
count by one, and after some hundred thousand calls — a few seconds of drawing a big
graph — the interpreter aborts with "none_dealloc: deallocating None". Giving ``None`` a
reference count far beyond reach is what Python 3.12 does for it by design.
"""

from __future__ import annotations

import sys

#: Reference count given to None: ~10^18 void calls before it could reach zero.
_FAR_BEYOND_REACH = 1 << 60


def make_none_immortal() -> bool:
    """Protect ``None`` from the binding's missing reference; True when something was done."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import ctypes

    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _FAR_BEYOND_REACH:
        refcount.value += _FAR_BEYOND_REACH
    return True


make_none_immortal()
