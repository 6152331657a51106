"""Freed memory merged when it is freed, not later by a thread that holds the interpreter lock.

glibc's ``malloc`` keeps freed small blocks (up to 128 bytes) on "fast bins" and merges them
with their neighbours only when some thread next asks its arena for a large block (1 KiB or
more). The store's threads free millions of small blocks while they work without the
interpreter lock (a bulk load's parsed terms, a GROUP BY's groups), and the next large request
in that arena often comes from Python code holding the lock: a ``bytes`` object for the
parser's next read, a list growing past a kilobyte. That request then merges everything at
once — measured in a profile as ``malloc_consolidate``: 0.3 s after the class-count query of a
ten-million-triple workspace, 0.9 s once while a three-million-triple file was read — and the
window's event loop waits for the lock all that time.

With fast bins turned off (``mallopt(M_MXFAST, 0)``) a freed block is merged at once, by the
thread that frees it, so the cost is spread over the store's own threads. A three-million-triple
build took the same processor time either way (27.6 s and 28.1 s).
"""

from __future__ import annotations

import ctypes
import functools
import platform

#: glibc's mallopt parameter for the largest block kept on a fast bin (malloc.h).
_M_MXFAST = 1


@functools.lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") else None


def merge_freed_blocks_at_once() -> bool:
    """Turn glibc's fast bins off for the whole process (see the module docstring); whether
    it was done (False on other C libraries, which keep no such backlog, or if refused)."""
    libc = _glibc()
    if libc is None:
        return False
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.mallopt.restype = ctypes.c_int
    return bool(libc.mallopt(_M_MXFAST, 0))


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def fast_bin_bytes() -> int | None:
    """Bytes of freed blocks waiting on fast bins, all arenas (glibc 2.33 or later); else None."""
    libc = _glibc()
    if libc is None or not hasattr(libc, "mallinfo2"):
        return None
    libc.mallinfo2.restype = _MallInfo2
    libc.mallinfo2.argtypes = []
    return int(libc.mallinfo2().fsmblks)


__all__ = ["fast_bin_bytes", "merge_freed_blocks_at_once"]
