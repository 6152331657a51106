"""Freed small blocks are merged when they are freed, not left for a thread holding the
interpreter lock to merge later (explorer.core.heap)."""

from __future__ import annotations

import ctypes
import platform

import pytest

from explorer.core.heap import fast_bin_bytes, merge_freed_blocks_at_once

glibc_only = pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc"
                                or fast_bin_bytes() is None, reason="glibc's fast bins only")


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(None)
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return libc


def fast_bins_back_on() -> None:
    """glibc's default (64 * sizeof(size_t) / 4 bytes on 64-bit systems)."""
    _libc().mallopt(1, 128)


def waiting_after_freeing(count: int = 64) -> int:
    """Bytes left waiting on fast bins after ``count`` small blocks are freed (more than the
    per-thread cache of 7 blocks per size keeps)."""
    libc = _libc()
    blocks = [libc.malloc(48) for _ in range(count)]
    before = fast_bin_bytes()
    for block in blocks:
        libc.free(block)
    after = fast_bin_bytes()
    assert before is not None and after is not None
    return after - before


@glibc_only
def test_freed_small_blocks_wait_on_fast_bins_by_default_and_not_once_merged_at_once():
    try:
        fast_bins_back_on()
        # What a later large request would merge, lock held (another thread's large request in
        # the same arena may merge them first: a few tries).
        assert any(waiting_after_freeing() > 0 for _ in range(5))
        assert merge_freed_blocks_at_once() is True
        assert waiting_after_freeing() == 0
    finally:
        merge_freed_blocks_at_once()


def test_merging_at_once_is_refused_quietly_without_glibc(monkeypatch):
    import explorer.core.heap as heap

    heap._glibc.cache_clear()
    monkeypatch.setattr(platform, "libc_ver", lambda: ("", ""))
    assert merge_freed_blocks_at_once() is False
    assert fast_bin_bytes() is None
    monkeypatch.undo()
    heap._glibc.cache_clear()
