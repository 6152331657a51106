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


def test_services_module_is_the_same_implementation() -> None:
    from explorer.core import atomic as core_atomic
    from explorer.services import atomic as services_atomic

    assert services_atomic.atomic_write is core_atomic.atomic_write
    assert services_atomic.atomic_open is core_atomic.atomic_open
    assert services_atomic.atomic_path is core_atomic.atomic_path


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
