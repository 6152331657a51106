"""Atomic file writes: a crash or a kill at any moment leaves the old file or the new one.

The data goes to a temporary file in the same folder, is flushed and fsynced, then
``os.replace`` swaps it in (atomic on POSIX and Windows within one file system) and the
folder is fsynced so the rename itself survives a power cut. The previous file's
permission bits are kept; a new file gets the usual default under the umask.

This is the one implementation every writer of the app uses (settings, query library,
endpoints, snapshots, exports, result exports, the workspace label index, the crash
journal). It lives in ``core`` so that core modules can use it too.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
>>> atomic_write(target, "first")
>>> with atomic_open(target) as handle:
...     _ = handle.write("second")
>>> target.read_text()
'second'
>>> with atomic_path(target) as scratch:
...     _ = scratch.write_text("third")
>>> target.read_text()
'third'
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

#: Temporary files are named ``.<target name>.<random>.tmp`` next to the target.
TEMPORARY_SUFFIX = ".tmp"


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not possible, nor needed, on Windows)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems (network mounts) refuse fsync on folders
    finally:
        os.close(descriptor)


def _fsync_file(path: str | os.PathLike[str]) -> None:
    """Flush a file some other code wrote (by name) to the disk."""
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _permissions_for(path: Path) -> int:
    """The mode bits the new file gets: the old file's, else the usual default under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~process_umask()


_UMASK: int | None = None
_UMASK_LOCK = threading.Lock()
_PROC_STATUS = "/proc/self/status"


def _read_umask() -> int:
    """The process umask, without changing it where the system says it (Linux 4.7+).

    Elsewhere it can only be read by setting it; that is done once, from the first writer,
    so no other thread ever creates a file under a zero umask afterwards.
    """
    try:
        with open(_PROC_STATUS, encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o077)
    os.umask(umask)
    return umask


def process_umask() -> int:
    """The umask new files are created under, read once per process (the first writers may
    arrive together from several threads: one reads, the others wait for its answer)."""
    global _UMASK
    if _UMASK is None:
        with _UMASK_LOCK:
            if _UMASK is None:
                _UMASK = _read_umask()
    return _UMASK


def _temporary_next_to(target: Path) -> tuple[int, str, Path]:
    folder = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=folder)
    return descriptor, temporary, folder


def _swap_in(temporary: str, target: Path, permissions: int) -> None:
    os.chmod(temporary, permissions)
    os.replace(temporary, target)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO[Any]]:
    """Open ``path`` for writing; the file is replaced only when the block succeeds.

    Args:
        path: The file to write.
        mode: ``"w"`` (text) or ``"wb"`` (bytes).
        encoding: Text encoding for ``"w"``.
        newline: As for :func:`open` in text mode.

    Raises:
        ValueError: For any other mode.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes whole files: mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    permissions = _permissions_for(target)
    descriptor, temporary, folder = _temporary_next_to(target)
    try:
        if mode == "wb":
            handle: IO[Any] = os.fdopen(descriptor, "wb")
        else:
            handle = os.fdopen(descriptor, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _swap_in(temporary, target, permissions)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A scratch file next to ``path`` for writers that need a file name, not a handle.

    Whatever the block writes to the yielded path (by name: an image renderer, a
    serializer that opens the file itself) replaces ``path`` when the block succeeds,
    fsynced like :func:`atomic_open`; on any error the scratch file goes and ``path``
    is left as it was.
    """
    target = Path(path)
    permissions = _permissions_for(target)
    descriptor, temporary, folder = _temporary_next_to(target)
    os.close(descriptor)
    try:
        yield Path(temporary)
        _fsync_file(temporary)
        _swap_in(temporary, target, permissions)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def atomic_write(path: str | os.PathLike[str], data: bytes | str, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically (text is encoded with ``encoding``)."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_open(path, "wb") as handle:
        handle.write(payload)


__all__ = ["atomic_open", "atomic_path", "atomic_write"]
