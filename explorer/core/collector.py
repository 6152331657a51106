"""Pausing Python's cyclic garbage collector while a large graph's tables are built.

Building the label table of a million-triple graph creates a few hundred thousand small
objects. Each of them counts towards the collector's thresholds, so it runs again and
again over everything alive, holding the interpreter lock: at a million triples the
index took twice as long and the window stalled 0.1–0.5 s at a time. Label tables hold no
reference cycles, so nothing is lost by not collecting while they are built.

Pauses nest and may come from several threads at once: the collector is switched back on
when the last one ends, and only if it was on before the first began.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = True
_freeze_when_done = False


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """No cyclic collection inside the block.

    With ``freeze``, everything alive when the last pause ends successfully is moved out
    of the collector's sight (:func:`gc.freeze`), so later collections do not walk a
    graph that was just built; earlier frozen objects are thawed first, so a graph that
    was replaced can still be collected.
    """
    global _pauses, _was_enabled, _freeze_when_done
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            _freeze_when_done = False
        _pauses += 1
        if freeze:
            gc.unfreeze()
        gc.disable()
    succeeded = False
    try:
        yield
        succeeded = True
    finally:
        with _lock:
            _pauses -= 1
            if freeze and succeeded:
                _freeze_when_done = True
            if _pauses == 0:
                if _freeze_when_done:
                    gc.freeze()
                if _was_enabled:
                    gc.enable()


def collection_paused() -> bool:
    """Whether some block is inside :func:`collector_paused` right now."""
    with _lock:
        return _pauses > 0
