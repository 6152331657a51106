"""Graph sources: where a graph came from, in a registry.

A graph comes from the bundled files, files the analyst opened, an on-disk workspace, a
SPARQL endpoint or a snapshot's own copy of its facts. Each kind is a :class:`SourceKind`
registered here, and knows

- how to recognise a graph it made (:meth:`SourceKind.detect`), and so how to journal it
  (a :class:`JournalSource` record the crash journal keeps, never a secret);
- its words for the restore question (:meth:`SourceKind.describe`) and what changed since
  (:meth:`SourceKind.changes`);
- how to reopen it (:meth:`SourceKind.reopen`, through a :class:`GraphOpener` the window
  provides);
- its dataset identity for snapshots (:meth:`SourceKind.identity`).

Recovery, snapshots and the window ask the registry instead of branching on kinds. A new
source is one class here and one ``register`` call.

>>> source_kind("bundled").describe(JournalSource("bundled"))
'the bundled graph'
>>> [kind.name for kind in registered()]
['endpoint', 'snapshot', 'workspace', 'none', 'bundled', 'files']
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from explorer.core.errors import ExplorerError
from explorer.core.tasks import CancelToken, Progress
from explorer.services.dataset_identity import DatasetIdentity, content_identity, endpoint_identity, files_identity

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


# ------------------------------------------------------------------------------ the journal record
@dataclass(frozen=True)
class JournaledFile:
    """A data file that was loaded, with enough to notice that it changed since."""

    path: str
    format: str = ""
    size: int = -1
    mtime_ns: int = -1

    def changed(self) -> str | None:
        """Why the file is not what was loaded (gone, other size or date), or None."""
        try:
            stat = Path(self.path).stat()
        except OSError:
            return f"{self.path} is gone"
        if self.size >= 0 and stat.st_size != self.size:
            return f"{self.path} changed since (size {self.size:,} → {stat.st_size:,} bytes)"
        if self.mtime_ns >= 0 and stat.st_mtime_ns != self.mtime_ns:
            return f"{self.path} was modified since"
        return None

    @classmethod
    def of(cls, path: Path, format_name: str) -> JournaledFile:
        absolute = path.absolute()
        try:
            stat = absolute.stat()
        except OSError:
            return cls(str(absolute), format_name)
        return cls(str(absolute), format_name, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class JournalSource:
    """Where the graph came from, as the journal keeps it.

    Attributes:
        kind: the name of a registered :class:`SourceKind` ("none", "bundled", "files",
            "workspace", "endpoint", "snapshot").
        files: the loaded files, in order.
        location: the workspace folder or the snapshot file.
        endpoint: url, default_graph, timeout, auth_kind, user, allow_update, update_url.
    """

    kind: str = "none"
    files: tuple[JournaledFile, ...] = ()
    location: str = ""
    endpoint: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source_kind(self) -> SourceKind:
        return source_kind(self.kind)

    def describe(self) -> str:
        """A few words for the restore question."""
        return self.source_kind.describe(self)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "files": [{f.name: getattr(item, f.name) for f in fields(JournaledFile)} for item in self.files],
                "location": self.location, "endpoint": dict(self.endpoint)}


class GraphOpener(Protocol):
    """What reopens a source (the window): each call starts loading and returns its task, or None."""

    def open_bundled(self) -> Any: ...

    def open_files(self, paths: Sequence[str | Path]) -> Any: ...

    def open_workspace(self, folder: str | Path) -> Any: ...

    def connect_endpoint(self, profile: Mapping[str, Any]) -> Any: ...

    def open_snapshot(self, path: str | Path) -> Any: ...


# ------------------------------------------------------------------------------ kinds
class SourceKind(ABC):
    """One kind of graph source (see the module docstring)."""

    name: str = ""
    #: Whether reopening gives the same blank nodes (a journaled update naming them can be redone as recorded).
    keeps_blank_nodes: bool = False

    @abstractmethod
    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        """The journal record of ``kg`` when this kind made it, else None."""

    @abstractmethod
    def describe(self, source: JournalSource) -> str: ...

    @abstractmethod
    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        """Start reopening ``source``; raises ExplorerError when it cannot be."""

    def changes(self, source: JournalSource) -> list[str]:
        """Why the data may differ from what was journaled (one line each)."""
        return []

    def problem(self, source: JournalSource) -> tuple[str, str] | None:
        """What a journaled record of this kind lacks: (message, field), or None."""
        return None

    def identity(self, kg: KnowledgeGraph, progress: Progress | None, cancel: CancelToken | None) -> DatasetIdentity:
        return files_identity(kg, progress=progress, cancel=cancel)


def _files_of(kg: KnowledgeGraph) -> tuple[JournaledFile, ...]:
    return tuple(JournaledFile.of(Path(item.path), item.format) for item in kg.files)


class EndpointSource(SourceKind):
    name = "endpoint"

    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        config = kg.endpoint_config
        if config is None:
            return None
        auth = getattr(config, "auth", None)
        endpoint = {"url": config.url, "default_graph": config.default_graph or "", "timeout": float(config.timeout),
                    "auth_kind": getattr(auth, "kind", "none") or "none", "user": getattr(auth, "user", "") or "",
                    "allow_update": bool(config.allow_update), "update_url": config.update_url or ""}
        return JournalSource(self.name, endpoint=endpoint)

    def describe(self, source: JournalSource) -> str:
        return f"the endpoint {source.endpoint.get('url', '?')}"

    def problem(self, source: JournalSource) -> tuple[str, str] | None:
        return None if isinstance(source.endpoint.get("url"), str) else ("missing", "source.endpoint.url")

    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        return opener.connect_endpoint(source.endpoint)

    def identity(self, kg: KnowledgeGraph, progress: Progress | None, cancel: CancelToken | None) -> DatasetIdentity:
        config = kg.endpoint_config
        return endpoint_identity(kg, config.url if config else kg.source_name, config.default_graph if config else None)


class SnapshotSource(SourceKind):
    name = "snapshot"

    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        return JournalSource(self.name, location=str(snapshot_path)) if snapshot_path is not None else None

    def describe(self, source: JournalSource) -> str:
        return f"snapshot {Path(source.location).name}"

    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        return opener.open_snapshot(source.location)

    def identity(self, kg: KnowledgeGraph, progress: Progress | None, cancel: CancelToken | None) -> DatasetIdentity:
        return content_identity(kg, cancel=cancel)


class WorkspaceSource(SourceKind):
    name = "workspace"
    keeps_blank_nodes = True

    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        local = kg.local
        if local is None or local.workspace is None:
            return None
        return JournalSource(self.name, _files_of(kg), str(Path(local.workspace).absolute()))

    def describe(self, source: JournalSource) -> str:
        return f"workspace {Path(source.location).name}"

    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        from explorer.services.loading import is_workspace

        folder = Path(source.location)
        if is_workspace(folder):
            return opener.open_workspace(folder)
        if not source.files:
            raise ExplorerError(f"{folder}: the workspace is gone")
        return opener.open_files([f.path for f in source.files])


class NoSource(SourceKind):
    name = "none"

    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        return JournalSource(self.name) if not kg.files else None

    def describe(self, source: JournalSource) -> str:
        return "no data"

    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        return None

    def identity(self, kg: KnowledgeGraph, progress: Progress | None, cancel: CancelToken | None) -> DatasetIdentity:
        return content_identity(kg, cancel=cancel)


class BundledSource(SourceKind):
    name = "bundled"

    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        from explorer.core.bundled import bundled_graph_files

        files = _files_of(kg)
        bundled = [Path(p).resolve() for p in bundled_graph_files()]
        return JournalSource(self.name, files) if [Path(f.path).resolve() for f in files] == bundled else None

    def describe(self, source: JournalSource) -> str:
        return "the bundled graph"

    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        return opener.open_bundled()


class FilesSource(SourceKind):
    name = "files"

    def detect(self, kg: KnowledgeGraph, snapshot_path: str | Path | None) -> JournalSource | None:
        return JournalSource(self.name, _files_of(kg))

    def describe(self, source: JournalSource) -> str:
        names = [Path(f.path).name for f in source.files]
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")

    def changes(self, source: JournalSource) -> list[str]:
        return [why for f in source.files if (why := f.changed())]

    def problem(self, source: JournalSource) -> tuple[str, str] | None:
        return None if source.files else ("no files listed", "source.files")

    def reopen(self, source: JournalSource, opener: GraphOpener) -> Any:
        return opener.open_files([f.path for f in source.files])


# ------------------------------------------------------------------------------ the registry
_KINDS: dict[str, SourceKind] = {}


def register(kind: SourceKind) -> SourceKind:
    """Add a kind of source; detection tries kinds in the order they were registered."""
    _KINDS[kind.name] = kind
    return kind


def registered() -> list[SourceKind]:
    return list(_KINDS.values())


def source_kind(name: str) -> SourceKind:
    """The registered kind called ``name``; an unknown name is refused in one line."""
    try:
        return _KINDS[name]
    except KeyError:
        raise ExplorerError(f"unknown graph source {name!r} (known: {', '.join(_KINDS)})") from None


def source_of(kg: KnowledgeGraph | None, *, snapshot_path: str | Path | None = None) -> JournalSource:
    """Where ``kg``'s data came from, for the journal (no file is read or hashed).

    Args:
        kg: The window's graph.
        snapshot_path: The snapshot file when ``kg`` is that snapshot's own copy of its facts.
    """
    if kg is None:
        return JournalSource("none")
    for kind in _KINDS.values():
        found = kind.detect(kg, snapshot_path)
        if found is not None:
            return found
    return JournalSource("none")


def dataset_identity(kg: KnowledgeGraph, *, progress: Progress | None = None, cancel: CancelToken | None = None) -> DatasetIdentity:
    """The identity of the data loaded in ``kg``, as its source defines it."""
    return source_of(kg).source_kind.identity(kg, progress, cancel)


for _kind in (EndpointSource(), SnapshotSource(), WorkspaceSource(), NoSource(), BundledSource(), FilesSource()):
    register(_kind)


__all__ = [
    "GraphOpener",
    "JournalSource",
    "JournaledFile",
    "SourceKind",
    "dataset_identity",
    "register",
    "registered",
    "source_kind",
    "source_of",
]
