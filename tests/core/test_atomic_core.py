"""The one atomic writer (explorer.core.atomic): by handle, by name, and the workspace swap."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from explorer.core.atomic import atomic_path, atomic_write


def test_atomic_path_swaps_in_what_was_written_by_name(tmp_path: Path) -> None:
    target = tmp_path / "graph.svg"
    target.write_text("old")
    with atomic_path(target) as scratch:
        assert scratch.parent == tmp_path and scratch != target
        scratch.write_text("<svg/>")
        assert target.read_text() == "old"  # nothing visible until the block succeeds
    assert target.read_text() == "<svg/>"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.svg"]


def test_atomic_path_failure_keeps_the_old_file_and_no_scratch(tmp_path: Path) -> None:
    target = tmp_path / "graph.png"
    target.write_bytes(b"old")
    with pytest.raises(OSError, match="renderer failed"), atomic_path(target) as scratch:
        scratch.write_bytes(b"half")
        raise OSError("renderer failed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.png"]


def test_atomic_path_when_the_writer_replaced_the_scratch_file(tmp_path: Path) -> None:
    # Some renderers delete and recreate their output file: the new inode is what counts.
    target = tmp_path / "out.pdf"
    with atomic_path(target) as scratch:
        scratch.unlink()
        scratch.write_bytes(b"%PDF")
    assert target.read_bytes() == b"%PDF"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_atomic_path_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    atomic_write(target, "a")
    target.chmod(0o600)
    with atomic_path(target) as scratch:
        scratch.write_text("b")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_workspace_killed_between_the_two_renames_reopens_the_old_store(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from explorer.core.backends import WorkspaceBackend

    folder = tmp_path / "ws"
    backend = WorkspaceBackend(folder)
    quad = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.NamedNode("http://e/b"))
    backend.store.add(quad)
    backend.store.flush()
    del backend
    import gc

    gc.collect()
    # What _swap_workspace leaves when killed after its first os.replace.
    os.replace(folder, tmp_path / "ws.old")
    reopened = WorkspaceBackend(folder)
    assert list(reopened.store) == [quad]
    assert not (tmp_path / "ws.old").exists()


# The umask is process-wide: setting it, even for a moment, to read it, lets another thread
# create a file under the wrong mask. Atomic writes read it once and never set it to 0.
@pytest.mark.skipif(os.name != "posix", reason="POSIX umask")
@pytest.mark.parametrize("proc_status", ["/proc/self/status", "/nonexistent/status"])
def test_new_files_never_change_the_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proc_status: str) -> None:
    import threading

    import explorer.core.atomic as atomic

    monkeypatch.setattr(atomic, "_UMASK", None, raising=False)
    monkeypatch.setattr(atomic, "_PROC_STATUS", proc_status, raising=False)
    real_umask = os.umask
    masks_set: list[int] = []

    def spying_umask(mask: int) -> int:
        masks_set.append(mask)
        return real_umask(mask)

    monkeypatch.setattr(atomic.os, "umask", spying_umask)
    expected = 0o666 & ~real_umask(0o022)
    real_umask(0o022)

    def writer(start: int) -> None:
        for index in range(start, start + 25):
            atomic_write(tmp_path / f"new-{index}.txt", "x")

    threads = [threading.Thread(target=writer, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    files = list(tmp_path.glob("new-*.txt"))
    assert len(files) == 100
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o666 & ~0o022} == {expected}
    # Read from /proc where Linux has it; elsewhere set once, to a private mask, and put back.
    if proc_status.startswith("/proc") and os.path.exists(proc_status):
        assert masks_set == []
    else:
        assert len([m for m in masks_set if m != 0o022]) == 1 and 0 not in masks_set
