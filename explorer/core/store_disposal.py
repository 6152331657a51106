"""Freeing large in-memory stores at a moment when nobody is looking.

pyoxigraph frees an in-memory store in its destructor while holding the interpreter
lock: about a second per million quads, during which no other Python thread runs and the
window cannot draw. There is no way around the lock: the store frees nothing before it
goes (``Store.clear()`` and deletions only mark quads as removed), so it can be freed
neither in pieces nor by another thread without stopping this one.

A desktop app therefore switches :attr:`StoreDisposal.deferring` on. Stores it no longer
needs — the graph that was replaced, a load that was cancelled or failed — then wait here
until :meth:`StoreDisposal.free_waiting` is called when the pause cannot be seen (the
window loses focus or is minimised). Waiting stores hold at most :attr:`keep_quads`
quads; past that the oldest are freed at once, pause and all. Without ``deferring`` (the
command line, scripts, benchmarks) a store is freed as soon as it is let go, as before.
"""

from __future__ import annotations

import os
import threading
from typing import Any

#: Bytes an in-memory store takes per quad at a million quads (measured: ~360 MB).
BYTES_PER_QUAD = 360
#: Stores smaller than this are freed at once: well under 20 ms.
SMALL_STORE_QUADS = 50_000
#: How many quads may wait when the machine's memory is unknown.
DEFAULT_KEEP_QUADS = 2_000_000


def affordable_quads(share: float = 0.25) -> int:
    """Quads that fit in ``share`` of the machine's physical memory (a default otherwise)."""
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # not a POSIX system
        return DEFAULT_KEEP_QUADS
    return max(int(memory * share) // BYTES_PER_QUAD, 0)


class StoreDisposal:
    """Stores let go of, kept until they can be freed unseen."""

    def __init__(self, keep_quads: int = DEFAULT_KEEP_QUADS) -> None:
        self.deferring = False
        self.keep_quads = keep_quads
        self._lock = threading.Lock()
        self._waiting: list[tuple[Any, int]] = []  # (store, quads), oldest first
        self._freeing: threading.Thread | None = None

    @property
    def waiting_quads(self) -> int:
        with self._lock:
            return sum(quads for _, quads in self._waiting)

    @property
    def waiting_stores(self) -> int:
        with self._lock:
            return len(self._waiting)

    def let_go(self, store: Any, quads: int) -> None:
        """``store`` (about ``quads`` quads) is no longer used by anyone.

        Deferring, it waits; otherwise — or when the waiting stores would hold more than
        :attr:`keep_quads` — stores are freed here, in the caller's thread.
        """
        if not self.deferring or quads < max(SMALL_STORE_QUADS, 1):
            return  # the caller's reference was the last one: freed when it goes
        overflow: list[tuple[Any, int]] = []
        with self._lock:
            self._waiting.append((store, max(quads, 0)))
            total = sum(count for _, count in self._waiting)
            while total > self.keep_quads and self._waiting:
                oldest = self._waiting.pop(0)
                total -= oldest[1]
                overflow.append(oldest)
        del store
        overflow.clear()  # freed now: the pause the budget allows no longer to postpone

    def free_waiting(self, *, in_background: bool = False) -> int:
        """Free every waiting store; how many quads that was. ``in_background`` frees them in
        a thread of their own (the window is not being looked at, but its thread stays free)."""
        with self._lock:
            stores, self._waiting = self._waiting, []
        quads = sum(count for _, count in stores)
        if not stores:
            return 0
        if in_background:
            try:
                thread = threading.Thread(target=stores.clear, name="kg-free-stores")
                thread.start()
            except RuntimeError:  # interpreter shutting down
                stores.clear()
                return quads
            with self._lock:
                self._freeing = thread
        del stores  # the thread's own reference is the last one, or this was
        return quads

    def wait_for_freeing(self, timeout: float | None = None) -> None:
        """Until a background freeing has finished (tests, benchmarks)."""
        with self._lock:
            thread = self._freeing
        if thread is not None:
            thread.join(timeout)


#: The process's disposal of in-memory stores (deferring only in the desktop app).
disposal = StoreDisposal()
