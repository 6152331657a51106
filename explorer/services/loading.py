"""Loading a graph for the desktop (in a worker thread): files, the bundled graph, a workspace.

:func:`build_graph` makes a new graph from files (optionally on top of the current one, or
kept on disk in a workspace folder); :func:`open_workspace` reopens such a folder. Both
return a :class:`LoadOutcome` that the window shows; a failed or cancelled load leaves the
current graph untouched and removes a workspace it created.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
import shutil
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from explorer.core.atomic import atomic_write
from explorer.core.backends import LoadedFile, WorkspaceBackend
from explorer.core.bundled import bundled_graph_files
from explorer.core.collector import collector_paused
from explorer.core.errors import LoadError
from explorer.core.graph import KnowledgeGraph, Stats
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken, Progress, check
from explorer.services.settings import workspaces_dir


@dataclass
class LoadOutcome:
    """What a load task hands back to the window."""

    kg: KnowledgeGraph
    loaded: list[LoadedFile]
    stats: Stats | None  # None for a large graph: the window counts in a worker of its own once it shows it
    seconds: float
    replaced: bool
    bundled: bool
    workspace: Path | None = None


def build_graph(
    paths: list[Path] | None,
    base: KnowledgeGraph | None,
    policy: QueryPolicy,
    query_timeout: float,
    workspace: Path | None = None,
    languages: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> LoadOutcome:
    """A new graph: ``base``'s triples (when adding) plus ``paths`` (the bundled graph when None).

    Runs in a worker thread; ``base`` is only read, so the window keeps showing it until
    the new graph is complete, and a failed or cancelled load leaves it untouched. With a
    ``workspace`` folder the graph is kept on disk there (storage mode "disk"); a failed
    load removes a workspace it created.
    """
    started = time.perf_counter()
    created = workspace is not None and not workspace.exists()
    kg: KnowledgeGraph | None = None
    try:
        with collector_paused(freeze=True):
            kg = KnowledgeGraph(WorkspaceBackend(workspace), policy) if workspace is not None else KnowledgeGraph(policy=policy)
            outcome = _fill_graph(kg, paths, base, query_timeout, languages, progress, cancel)
    except BaseException as error:
        if created and workspace is not None:
            # Close the half-filled store (no frame may keep it) before its folder goes.
            traceback.clear_frames(error.__traceback__)
            kg = None
            gc.collect()
            shutil.rmtree(workspace, ignore_errors=True)
        raise
    if workspace is not None:
        write_workspace_manifest(workspace, kg.files)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _fill_graph(
    kg: KnowledgeGraph,
    paths: list[Path] | None,
    base: KnowledgeGraph | None,
    query_timeout: float,
    languages: Sequence[str] | None,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> LoadOutcome:
    kg.default_query_timeout = query_timeout
    if languages:
        kg.label_languages = tuple(languages)
    if base is not None:
        kg.prefixes = dict(base.prefixes)
        kg.files = list(base.files)
        source, target = base.local, kg.local
        if source is not None and target is not None:
            total = source.quads_estimate()

            def copying(copied: int) -> None:
                if progress is not None:
                    progress(min(copied / total, 1.0) if total else None, "Copying the current graph")

            copying(0)
            source.copy_into(target, cancel=cancel, progress=copying)
    check(cancel)
    files = list(paths) if paths else bundled_graph_files()
    # The label index is read once the class tree (what the window shows first) is built:
    # the labels that tree needs are looked up one by one, and search waits for the index.
    loaded = kg.load(files, progress=progress, cancel=cancel, labels_after_ready=True)
    try:
        check(cancel)
        stats = class_tree_and_quick_statistics(kg, progress, cancel)
    except BaseException:
        kg.backend.forget_caches()  # the waiting reading lets go of the store
        raise
    kg.start_reading_labels()
    return LoadOutcome(kg, loaded, stats, 0.0, replaced=base is None, bundled=not paths)


def class_tree_and_quick_statistics(kg: KnowledgeGraph, progress: Progress | None,
                                    cancel: CancelToken | None) -> Stats | None:
    """What the window shows first of a loaded graph: its class tree (kept by the graph) and,
    when they come cheap, its statistics."""
    if progress is not None:
        progress(None, "Counting classes")
    kg.class_hierarchy()
    stats = statistics_if_quick(kg)
    check(cancel)
    return stats


def statistics_if_quick(kg: KnowledgeGraph) -> Stats | None:
    """The statistics of a small graph, or of a workspace that kept them; None for a large one,
    whose whole-graph scans the window runs in a worker of their own once it shows the graph."""
    return kg.stats() if kg.statistics_at_hand() else None


#: Beside a workspace's store: which files it was made from (for the title and recent files).
WORKSPACE_MANIFEST = "kg-explorer-workspace.json"


def write_workspace_manifest(workspace: Path, files: Sequence[LoadedFile]) -> None:
    data = {"files": [{"path": str(item.path), "format": item.format, "quads": item.quads} for item in files]}
    with contextlib.suppress(OSError):  # only the title would suffer
        atomic_write(workspace / WORKSPACE_MANIFEST, json.dumps(data, indent=1))


def release_workspace(kg: KnowledgeGraph) -> None:
    """Let go of a replaced graph's workspace folder, so it can be reopened at once.

    Oxigraph holds the folder (and its lock) while any reference to the store lives; the
    window no longer shows this graph, so its store gives way to an empty one.
    """
    local = kg.local
    if local is not None and local.workspace is not None:
        local.release()


def is_workspace(folder: Path) -> bool:
    """Whether ``folder`` holds an Oxigraph store (RocksDB keeps a CURRENT file there)."""
    return (folder / "CURRENT").is_file()


def open_workspace(
    folder: Path,
    policy: QueryPolicy,
    query_timeout: float,
    languages: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> LoadOutcome:
    """Reopen an on-disk workspace (in a worker): no RDF file is read."""
    started = time.perf_counter()
    if not folder.is_dir():
        raise LoadError(str(folder), "the workspace folder does not exist")
    if not is_workspace(folder):
        raise LoadError(str(folder), "not a KG Explorer workspace (no graph store in this folder)")
    if progress is not None:
        progress(None, f"Opening workspace {folder.name}")
    kg = _open_when_free(folder, policy, progress, cancel)
    # As after a load (build_graph): what is alive once the graph is open leaves the collector's
    # sight, so a full collection later (on whichever thread allocates, the GUI thread included)
    # walks only what came after — one walked ~75,000 objects on the GUI thread for 0.12 s.
    with collector_paused(freeze=True):
        return _open_fill(kg, folder, query_timeout, languages, progress, cancel, started)


#: Seconds a reopen waits for the last use of the folder in this process to end.
WORKSPACE_LOCK_WAIT = 60.0


def _open_when_free(folder: Path, policy: QueryPolicy, progress: Progress | None,
                    cancel: CancelToken | None) -> KnowledgeGraph:
    """Open ``folder``; while this process still holds its lock, collect once, then wait.

    A graph the window let go of may still hold the folder (its lock) through a reference cycle,
    or through a worker still reading it (the Risk panel's list, the query vocabulary: seconds
    at ten million triples), so reopening a workspace just left failed. Collected only then: a
    full collection held the interpreter lock while the window waited, and may free another
    thread's store objects.
    """
    deadline = time.monotonic() + WORKSPACE_LOCK_WAIT
    collected = False
    while True:
        try:
            return KnowledgeGraph.open_workspace(folder, policy)
        except LoadError as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            if not collected:
                gc.collect()
                collected = True
                continue
            if progress is not None:
                progress(None, f"Waiting for the last use of workspace {folder.name} to end")
            check(cancel)
            time.sleep(0.2)


def _open_fill(kg: KnowledgeGraph, folder: Path, query_timeout: float, languages: Sequence[str] | None,
               progress: Progress | None, cancel: CancelToken | None, started: float) -> LoadOutcome:
    kg.default_query_timeout = query_timeout
    if languages:
        kg.label_languages = tuple(languages)
    try:
        manifest = json.loads((folder / WORKSPACE_MANIFEST).read_text(encoding="utf-8"))
        kg.files = [LoadedFile(Path(item["path"]), str(item["format"]), int(item["quads"]))
                    for item in manifest.get("files", [])]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        kg.files = []
    check(cancel)
    stats = class_tree_and_quick_statistics(kg, progress, cancel)
    return LoadOutcome(kg, [], stats, time.perf_counter() - started, replaced=True, bundled=False,
                       workspace=folder)


def new_workspace_folder(paths: list[Path] | None, in_use: set[Path]) -> Path:
    """A fresh folder under the workspaces dir, named after the first file (``name``, ``name-2``…)."""
    stem = paths[0].name.split(".")[0] if paths else "bundled"
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "graph"
    root = workspaces_dir()
    for number in range(1, 10_000):
        folder = root / (stem if number == 1 else f"{stem}-{number}")
        if folder not in in_use and not folder.exists():
            return folder
    raise LoadError(str(root), "too many workspaces with the same name; remove some")


def workspace_of(kg: KnowledgeGraph | None) -> Path | None:
    """The workspace folder ``kg`` is kept in, or None (in memory, a server)."""
    local = kg.local if kg is not None else None
    return local.workspace if local is not None else None


__all__ = [
    "WORKSPACE_MANIFEST",
    "LoadOutcome",
    "build_graph",
    "is_workspace",
    "new_workspace_folder",
    "open_workspace",
    "release_workspace",
    "statistics_if_quick",
    "workspace_of",
    "write_workspace_manifest",
]
