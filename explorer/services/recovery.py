"""Crash recovery: a journal of the work in progress, and finding the one a dead session left.

While the app runs, each session keeps a folder ``<data dir>/recovery/session-<pid>-<token>/``
holding:

- ``lock`` — the session's PID, locked (``flock`` on POSIX, ``msvcrt.locking`` on
  Windows) for as long as the process lives. The operating system drops the lock when the
  process dies, however it dies, so a lock nobody holds means the session ended without
  cleaning up. Where file locks do not work the PID is checked for liveness instead.
- ``journal.json`` — what is needed to rebuild the work (a :class:`Journal`): where the
  data came from (files, the bundled graph, a workspace, an endpoint or a snapshot's own
  copy), the SPARQL Updates applied and not undone (their text and the exact quads they
  added and removed), the canvas scene, and the snapshot being written (title and notes).
  It is rewritten atomically (:mod:`explorer.core.atomic`), so it is always whole.

A clean exit removes the folder. At the next start :func:`orphaned_sessions` lists the
folders whose lock no live process holds, claiming each (by taking its lock) so that a
second window started at the same time does not offer the same work. A journal that
cannot be read is moved aside as ``journal.json.damaged`` in the recovery folder with a
one-line warning — never an exception.

Nothing here imports Qt: the window decides when to write (debounced) and how to ask.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> session = RecoverySession.start(root)
>>> session.write(Journal(source=JournalSource("bundled"), scene={"schema_version": 1, "nodes": [], "edges": []}))
>>> orphaned_sessions(root)  # this session is alive: nothing to recover
[]
>>> session.close(clean=True)
>>> sorted(p.name for p in root.iterdir())
[]
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import secrets
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from explorer.core.backends.rdf_text import nquads, parse_nquads
from explorer.core.changes import Quad
from explorer.core.errors import ExplorerError
from explorer.services.background_write import BackgroundFileWriter
from explorer.services.sources import JournaledFile, JournalSource, registered, source_of

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.updates import RecordedUpdate

FORMAT_ID = "kg-explorer-journal"
SCHEMA_VERSION = 1
JOURNAL_FILE = "journal.json"
LOCK_FILE = "lock"
SESSION_PREFIX = "session-"
DAMAGED_SUFFIX = ".damaged"
#: A journal bigger than this is not read back (the updates of a session are its bulk).
MAX_JOURNAL_BYTES = 1024 * 1024 * 1024


class JournalError(ExplorerError):
    """A journal that cannot be read; the message names the file and the field."""

    def __init__(self, path: str | Path, message: str, field_name: str | None = None) -> None:
        where = f"{path}: field '{field_name}'" if field_name else str(path)
        super().__init__(f"{where}: {message}")


def recovery_dir() -> Path:
    """``<data dir>/recovery`` (the data dir follows ``$KG_EXPLORER_DATA_DIR``)."""
    from explorer.services.settings import data_dir

    return data_dir() / "recovery"


# ------------------------------------------------------------------------------ the journal
@dataclass
class JournaledUpdate:
    """A SPARQL Update applied in the session: its text and its exact effect (N-Quads)."""

    sparql: str
    added: str = ""
    removed: str = ""

    @classmethod
    def from_record(cls, record: RecordedUpdate) -> JournaledUpdate:
        return cls(record.sparql, _nquads(record.added), _nquads(record.removed))

    def quads(self) -> tuple[list[Quad], list[Quad]]:
        """(added, removed) as rdflib quads (raises SyntaxError on damaged text)."""
        return _parse_nquads(self.added), _parse_nquads(self.removed)

    def mentions_blank_nodes(self) -> bool:
        """Whether the effect touches blank nodes, whose labels change when files are reloaded."""
        return "_:" in self.added or "_:" in self.removed


@dataclass
class SnapshotDraft:
    """The snapshot the user was writing when the session ended."""

    title: str = ""
    notes: str = ""

    def is_empty(self) -> bool:
        return not (self.title.strip() or self.notes.strip())


@dataclass
class Journal:
    """The work in progress of one session (see the module docstring)."""

    source: JournalSource = field(default_factory=JournalSource)
    scene: dict[str, Any] | None = None
    updates: list[JournaledUpdate] = field(default_factory=list)
    draft: SnapshotDraft | None = None
    saved_at: str = ""
    pid: int = 0

    def worth_restoring(self) -> bool:
        """False for a session that only showed the bundled graph (or nothing) with an empty canvas."""
        nodes = (self.scene or {}).get("nodes") or []
        return bool(nodes or self.updates or (self.draft and not self.draft.is_empty())
                    or self.source.kind not in ("none", "bundled"))

    def describe(self) -> str:
        """One line: the data, the canvas, the updates and the snapshot being written."""
        parts = [self.source.describe()]
        nodes = len((self.scene or {}).get("nodes") or [])
        if nodes:
            parts.append(f"{nodes} {'entity' if nodes == 1 else 'entities'} on the canvas")
        if self.updates:
            parts.append(f"{len(self.updates)} SPARQL update{'s' if len(self.updates) != 1 else ''}")
        if self.draft and not self.draft.is_empty():
            parts.append(f"snapshot “{self.draft.title or 'untitled'}” being written")
        when = f" (last saved {self.saved_at[:19].replace('T', ' ')})" if self.saved_at else ""
        return "; ".join(parts) + when

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_ID,
            "schema_version": SCHEMA_VERSION,
            "saved_at": self.saved_at,
            "pid": self.pid,
            "source": self.source.to_dict(),
            "scene": self.scene,
            "updates": [{"sparql": u.sparql, "added": u.added, "removed": u.removed} for u in self.updates],
            "draft": None if self.draft is None else {"title": self.draft.title, "notes": self.draft.notes},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_dict(cls, data: Any, path: str | Path = JOURNAL_FILE) -> Journal:
        """Read a journal written by :meth:`to_dict`; every field is checked.

        Raises:
            JournalError: naming the file and the first bad field.
        """
        if not isinstance(data, Mapping):
            raise JournalError(path, "expected a JSON object")
        if data.get("format") != FORMAT_ID:
            raise JournalError(path, f"not a {FORMAT_ID} file", "format")
        version = _get(data, "schema_version", int, path)
        if version > SCHEMA_VERSION:
            raise JournalError(path, f"version {version} is newer than this program reads ({SCHEMA_VERSION})", "schema_version")
        source = _source_from(data.get("source"), path)
        scene = data.get("scene")
        if scene is not None:
            from explorer.core.scene import Scene

            if not isinstance(scene, dict):
                raise JournalError(path, "expected an object", "scene")
            try:
                Scene.from_dict(scene)  # fails now, with the field, rather than half-way through a restore
            except ExplorerError as error:
                raise JournalError(path, error.message.removeprefix("scene: "), "scene") from None
        updates = []
        raw_updates = data.get("updates", [])
        if not isinstance(raw_updates, list):
            raise JournalError(path, "expected a list", "updates")
        for index, raw in enumerate(raw_updates):
            where = f"updates[{index}]"
            if not isinstance(raw, Mapping):
                raise JournalError(path, "expected an object", where)
            update = JournaledUpdate(_get(raw, "sparql", str, path, where), _get(raw, "added", str, path, where, ""),
                                     _get(raw, "removed", str, path, where, ""))
            try:
                update.quads()
            except SyntaxError as error:
                raise JournalError(path, f"damaged N-Quads ({' '.join(str(error).split())})", where) from None
            updates.append(update)
        raw_draft = data.get("draft")
        draft = None
        if raw_draft is not None:
            if not isinstance(raw_draft, Mapping):
                raise JournalError(path, "expected an object", "draft")
            draft = SnapshotDraft(_get(raw_draft, "title", str, path, "draft", ""), _get(raw_draft, "notes", str, path, "draft", ""))
        return cls(source, scene, updates, draft, _get(data, "saved_at", str, path, default=""), _get(data, "pid", int, path, default=0))

    @classmethod
    def read(cls, path: str | Path) -> Journal:
        """Read and check ``path``.

        Raises:
            JournalError: one line naming the file (and line and column for bad JSON, or the field).
        """
        path = Path(path)
        try:
            if path.stat().st_size > MAX_JOURNAL_BYTES:
                raise JournalError(path, f"larger than {MAX_JOURNAL_BYTES // (1024 * 1024)} MB")
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise JournalError(path, error.strerror or str(error)) from None
        except UnicodeDecodeError as error:
            raise JournalError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise JournalError(f"{path}:{error.lineno}:{error.colno}", f"not valid JSON ({error.msg})") from None
        except RecursionError:
            raise JournalError(path, "nested too deeply") from None
        return cls.from_dict(data, path)


def _nquads(quads: Sequence[Quad]) -> str:
    return nquads(quads) if quads else ""


def _parse_nquads(text: str) -> list[Quad]:
    return parse_nquads(text) if text else []


def _get(data: Mapping[str, Any], key: str, kind: type, path: str | Path, where: str | None = None,
         default: Any = ...) -> Any:
    name = f"{where}.{key}" if where else key
    if key not in data:
        if default is ...:
            raise JournalError(path, "missing", name)
        return default
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise JournalError(path, f"expected {'an integer' if kind is int else 'text' if kind is str else kind.__name__}", name)
    return value


def _source_from(data: Any, path: str | Path) -> JournalSource:
    if not isinstance(data, Mapping):
        raise JournalError(path, "expected an object", "source")
    kind = _get(data, "kind", str, path, "source")
    if kind not in {known.name for known in registered()}:
        raise JournalError(path, f"unknown kind {kind!r}", "source.kind")
    raw_files = data.get("files", [])
    if not isinstance(raw_files, list):
        raise JournalError(path, "expected a list", "source.files")
    files = []
    for index, raw in enumerate(raw_files):
        where = f"source.files[{index}]"
        if not isinstance(raw, Mapping):
            raise JournalError(path, "expected an object", where)
        files.append(JournaledFile(_get(raw, "path", str, path, where), _get(raw, "format", str, path, where, ""),
                                   _get(raw, "size", int, path, where, -1), _get(raw, "mtime_ns", int, path, where, -1)))
    endpoint = data.get("endpoint", {})
    if not isinstance(endpoint, Mapping):
        raise JournalError(path, "expected an object", "source.endpoint")
    source = JournalSource(kind, tuple(files), _get(data, "location", str, path, "source", ""), dict(endpoint))
    problem = source.source_kind.problem(source)
    if problem is not None:
        message, field_name = problem
        raise JournalError(path, message, field_name)
    return source


# ------------------------------------------------------------------------------ re-applying updates
@dataclass
class ReappliedUpdates:
    """What :func:`reapply_updates` did: the records (for Undo) and one line per update it could not redo."""

    records: list[RecordedUpdate]
    warnings: list[str]


def reapply_updates(kg: KnowledgeGraph, updates: Sequence[JournaledUpdate], *, rerun_blank_nodes: bool = True,
                    progress: Callable[[float | None, str], None] | None = None) -> ReappliedUpdates:
    """Redo the journaled updates on ``kg``, in order.

    An update is redone by its recorded effect (the quads it added and removed), so
    ``NOW()``, ``UUID()`` or ``RAND()`` give what they gave before. Blank-node labels do
    not survive reloading a file, so an update whose effect names blank nodes is run again
    from its SPARQL text instead (unless ``rerun_blank_nodes`` is False: a workspace keeps
    its blank nodes). Redoing an effect twice changes nothing, so a workspace that already
    holds the updates is left as it is.

    Returns:
        The :class:`~explorer.core.updates.RecordedUpdate` of each redone update (Undo
        reverses them) and one warning line per update that could not be redone.
    """
    from explorer.core.changes import ChangeSet
    from explorer.core.sparql import QueryPolicy
    from explorer.core.updates import RecordedUpdate, run_update

    records: list[RecordedUpdate] = []
    warnings: list[str] = []
    if not updates:
        return ReappliedUpdates(records, warnings)
    if kg.local is None or not kg.can_write:
        return ReappliedUpdates(records, ["the journaled updates were not redone: they need a graph held here"])
    for index, update in enumerate(updates):
        if progress is not None:
            progress(index / len(updates), f"Redoing update {index + 1} of {len(updates)}")
        first_line = " ".join(update.sparql.split())[:60]
        if rerun_blank_nodes and update.mentions_blank_nodes():
            try:
                records.append(run_update(kg, update.sparql, policy=QueryPolicy(allow_update=True,
                                                                                allow_network=kg.policy.allow_network)))
            except ExplorerError as error:
                warnings.append(f"update {index + 1} ({first_line}…) could not be redone: {error}")
            continue
        added, removed = update.quads()
        # Only what really changes is recorded, so Undo puts back exactly the graph before.
        really_removed = [quad for quad in removed if kg.contains(quad)]
        really_added = [quad for quad in added if not kg.contains(quad)]
        kg.apply_changes(ChangeSet(tuple(really_added), tuple(really_removed), update.sparql))
        records.append(RecordedUpdate(update.sparql, added=really_added, removed=really_removed))
    kg.invalidate_caches()
    if progress is not None:
        progress(1.0, "Updates redone")
    return ReappliedUpdates(records, warnings)


# ------------------------------------------------------------------------------ locks
def _try_lock(handle: IO[Any]) -> bool:
    """Take the lock on an open lock file without waiting; False when a live process holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as error:
        raise _LocksUnsupported(str(error)) from None
    return True


class _LocksUnsupported(Exception):
    """The file system refuses file locks (some network mounts): fall back to the PID."""


def pid_alive(pid: int) -> bool:
    """Whether a process with this PID runs (POSIX; elsewhere assumed alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _read_pid(path: Path) -> int:
    try:
        return int(path.read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError, UnicodeDecodeError):
        return 0


# ------------------------------------------------------------------------------ sessions
class RecoverySession:
    """This process's journal folder and its lock (see the module docstring)."""

    def __init__(self, folder: Path, lock: IO[Any] | None) -> None:
        self.folder = folder
        self._lock = lock
        self.closed = False
        #: Writes the journal off the caller's thread (write_soon), newest last.
        self.writer = BackgroundFileWriter(self.journal_path)

    @classmethod
    def start(cls, root: Path | None = None) -> RecoverySession:
        """Make this session's folder under ``root`` (:func:`recovery_dir` by default) and lock it.

        Raises:
            OSError: when the folder cannot be made.
        """
        root = root or recovery_dir()
        root.mkdir(parents=True, exist_ok=True)
        folder = root / f"{SESSION_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        folder.mkdir()
        lock = open(folder / LOCK_FILE, "a+", encoding="ascii")  # noqa: SIM115 - held for the session's life
        # Where the file system refuses locks, the PID written below is what tells liveness.
        with contextlib.suppress(_LocksUnsupported):
            _try_lock(lock)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        return cls(folder, lock)

    @property
    def journal_path(self) -> Path:
        return self.folder / JOURNAL_FILE

    def write(self, journal: Journal) -> None:
        """Replace the journal, atomically (stamps the time and the PID)."""
        if not self.closed:
            self.writer.write_now(self._stamped(journal))

    def write_soon(self, journal: Journal) -> None:
        """:meth:`write` on a thread of its own: the caller does not wait for the disk."""
        if not self.closed:
            self.writer.write_soon(self._stamped(journal))

    @staticmethod
    def _stamped(journal: Journal) -> str:
        journal.saved_at = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
        journal.pid = os.getpid()
        return journal.to_json()

    def close(self, *, clean: bool = True) -> None:
        """End the session: ``clean`` removes the journal (a normal exit); otherwise it stays
        for the next start, as when the process dies."""
        if self.closed:
            return
        self.closed = True
        self.writer.stop()  # a write under way ends first: nothing writes the journal after this
        if clean:
            with contextlib.suppress(OSError):
                self.journal_path.unlink()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.close()
            self._lock = None
        if clean:
            shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class OrphanedSession:
    """A session that ended without cleaning up; claimed (locked) by this process until released."""

    folder: Path
    journal: Journal
    _claim: IO[Any] | None = field(default=None, repr=False)

    def discard(self) -> None:
        """Throw the journal away (the user chose Discard, or the work was restored)."""
        self.release()
        shutil.rmtree(self.folder, ignore_errors=True)

    def release(self) -> None:
        """Give up the claim, leaving the journal for a later start."""
        if self._claim is not None:
            with contextlib.suppress(OSError):
                self._claim.close()
            self._claim = None


def orphaned_sessions(root: Path | None = None, *, warnings: list[str] | None = None) -> list[OrphanedSession]:
    """The sessions under ``root`` whose process is gone and whose journal is worth restoring.

    Each returned session is claimed by this process (its lock is taken) until
    :meth:`OrphanedSession.discard` or :meth:`OrphanedSession.release`. Dead sessions with
    nothing worth restoring are removed. A journal that cannot be read is moved aside
    (``<root>/<session>-journal.json.damaged``) and one line saying so is appended to
    ``warnings``; it never raises for what it finds on disk.
    """
    root = root or recovery_dir()
    try:
        folders = sorted((p for p in root.iterdir() if p.is_dir() and p.name.startswith(SESSION_PREFIX)),
                         key=_modified, reverse=True)
    except OSError:
        return []
    found = []
    for folder in folders:
        claim = _claim(folder)
        if claim is False:
            continue  # a live session
        handle = claim if claim is not True else None
        journal_path = folder / JOURNAL_FILE
        if not journal_path.exists():
            _close(handle)
            shutil.rmtree(folder, ignore_errors=True)  # died before its first journal
            continue
        try:
            journal = Journal.read(journal_path)
        except JournalError as error:
            aside = root / f"{folder.name}-{JOURNAL_FILE}{DAMAGED_SUFFIX}"
            with contextlib.suppress(OSError):
                os.replace(journal_path, aside)
            if warnings is not None:
                warnings.append(f"{error}; the unfinished work it described cannot be restored (moved aside as {aside.name})")
            _close(handle)
            shutil.rmtree(folder, ignore_errors=True)
            continue
        if not journal.worth_restoring():
            _close(handle)
            shutil.rmtree(folder, ignore_errors=True)
            continue
        found.append(OrphanedSession(folder, journal, handle))
    return found


def _modified(path: Path) -> float:
    try:
        return (path / JOURNAL_FILE).stat().st_mtime
    except OSError:
        return 0.0


def _claim(folder: Path) -> IO[Any] | bool:
    """Take a dead session's lock: the open handle (or True where locks do not work), False if alive."""
    lock_path = folder / LOCK_FILE
    try:
        handle = open(lock_path, "a+", encoding="ascii")  # noqa: SIM115 - kept while the session is claimed
    except OSError:
        return True  # no lock file: the session died while starting
    try:
        if _try_lock(handle):
            return handle
        handle.close()
        return False
    except _LocksUnsupported:
        handle.close()
        return not pid_alive(_read_pid(lock_path))


def _close(handle: IO[Any] | None) -> None:
    if handle is not None:
        with contextlib.suppress(OSError):
            handle.close()


__all__ = [
    "Journal",
    "JournalError",
    "JournalSource",
    "JournaledFile",
    "JournaledUpdate",
    "OrphanedSession",
    "ReappliedUpdates",
    "RecoverySession",
    "SnapshotDraft",
    "orphaned_sessions",
    "pid_alive",
    "reapply_updates",
    "recovery_dir",
    "source_of",
]
