"""The path searches of a scene, newest first: each search's one-line summary and the paths it found.

Every Find Path… or Connecting Network adds one :class:`PathSearch` to
:attr:`Scene.path_history` (the oldest fall off past :data:`MAX_SEARCHES`); the Paths panel
lists them, and they are saved with the scene, so a reopened snapshot lists them again.
Removing one or clearing the list is an undoable step.

>>> from explorer.core.paths import GraphPath, Hop
>>> from explorer.core.scene import Scene
>>> scene = Scene()
>>> found = PathSearch("A → B: 1 path", (GraphPath(["urn:a", "urn:b"], [Hop("urn:a", "urn:p", "urn:b", True)]),))
>>> kept = add_search(scene, found); [s.summary for s in scene.path_history]
['A → B: 1 path']
>>> step = RemoveSearches(scene, [kept]); step.redo(); scene.path_history
[]
>>> step.undo(); len(scene.path_history)
1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from explorer.core.errors import ExplorerError
from explorer.core.paths import GraphPath, Hop
from explorer.core.scene_items import SceneEvents

#: Searches kept; older ones fall off the end.
MAX_SEARCHES = 50
#: Paths kept per search (the best ones: searches list them best first).
MAX_PATHS_PER_SEARCH = 200
#: Longest path kept (hops).
MAX_HOPS = 64
MAX_SUMMARY_CHARS = 1_000


@dataclass(frozen=True)
class PathSearch:
    """One search: what was asked, in words, and the paths found (best first)."""

    summary: str
    paths: tuple[GraphPath, ...]


class _WithHistory(Protocol):
    path_history: list[PathSearch]
    events: SceneEvents


def add_search(scene: _WithHistory, search: PathSearch) -> PathSearch:
    """Put ``search`` at the top of the history (bounded); announces ``paths_changed``."""
    kept = PathSearch(search.summary[:MAX_SUMMARY_CHARS], tuple(search.paths[:MAX_PATHS_PER_SEARCH]))
    scene.path_history.insert(0, kept)
    del scene.path_history[MAX_SEARCHES:]
    scene.events.emit("paths_changed")
    return kept


class RemoveSearches:
    """Take searches off the history (one, or all of them: Clear); undo puts them back where they were."""

    def __init__(self, scene: _WithHistory, searches: Sequence[PathSearch]) -> None:
        self.scene = scene
        wanted = {id(s) for s in searches}
        self.removed = [(row, s) for row, s in enumerate(scene.path_history) if id(s) in wanted]
        count = len(self.removed)
        self.text = "Clear Path History" if count > 1 and count == len(scene.path_history) \
            else f"Remove {count} Path Searches" if count > 1 else "Remove Path Search"

    def redo(self) -> None:
        gone = {id(s) for _, s in self.removed}
        self.scene.path_history[:] = [s for s in self.scene.path_history if id(s) not in gone]
        self.scene.events.emit("paths_changed")

    def undo(self) -> None:
        history = self.scene.path_history
        for row, search in self.removed:
            if all(s is not search for s in history):
                history.insert(min(row, len(history)), search)
        del history[MAX_SEARCHES:]
        self.scene.events.emit("paths_changed")


# ---------------------------------------------------------------------- saving
def history_to_list(history: Sequence[PathSearch]) -> list[dict[str, Any]]:
    """The history as JSON-safe data."""
    return [{"summary": search.summary,
             "paths": [{"nodes": list(path.nodes),
                        "hops": [[hop.source, hop.predicate, hop.target, hop.forward] for hop in path.hops]}
                       for path in search.paths]}
            for search in history]


def history_from_list(data: Any, where: str = "scene: path_history") -> list[PathSearch]:
    """Read what :func:`history_to_list` wrote (absent: an empty history).

    Raises:
        ExplorerError: ``"<where>[i]…: …"`` naming the first search, path or hop that is wrong or too big.
    """
    if data is None:
        return []
    if not isinstance(data, list):
        raise ExplorerError(f"{where}: expected a list")
    if len(data) > MAX_SEARCHES:
        raise ExplorerError(f"{where}: {len(data)} searches; at most {MAX_SEARCHES} are read")
    return [_search_from(raw, f"{where}[{row}]") for row, raw in enumerate(data)]


def _search_from(raw: Any, where: str) -> PathSearch:
    if not isinstance(raw, dict):
        raise ExplorerError(f"{where}: expected an object")
    summary = raw.get("summary", "")
    if not isinstance(summary, str):
        raise ExplorerError(f"{where}.summary: expected text")
    if len(summary) > MAX_SUMMARY_CHARS:
        raise ExplorerError(f"{where}.summary: {len(summary):,} characters; at most {MAX_SUMMARY_CHARS:,} are read")
    paths = raw.get("paths", [])
    if not isinstance(paths, list):
        raise ExplorerError(f"{where}.paths: expected a list")
    if len(paths) > MAX_PATHS_PER_SEARCH:
        raise ExplorerError(f"{where}.paths: {len(paths)} paths; at most {MAX_PATHS_PER_SEARCH} are read")
    return PathSearch(summary, tuple(_path_from(p, f"{where}.paths[{i}]") for i, p in enumerate(paths)))


def _path_from(raw: Any, where: str) -> GraphPath:
    if not isinstance(raw, dict):
        raise ExplorerError(f"{where}: expected an object")
    nodes, hops = raw.get("nodes"), raw.get("hops")
    if not isinstance(nodes, list) or not all(isinstance(n, str) for n in nodes):
        raise ExplorerError(f"{where}.nodes: expected a list of entity ids")
    if not isinstance(hops, list):
        raise ExplorerError(f"{where}.hops: expected a list")
    if len(hops) > MAX_HOPS:
        raise ExplorerError(f"{where}.hops: {len(hops)} hops; at most {MAX_HOPS} are read")
    steps = []
    for index, hop in enumerate(hops):
        if (not isinstance(hop, list) or len(hop) != 4 or not all(isinstance(v, str) for v in hop[:3])
                or not isinstance(hop[3], bool)):
            raise ExplorerError(f"{where}.hops[{index}]: expected [source, predicate, target, forward]")
        steps.append(Hop(hop[0], hop[1], hop[2], hop[3]))
    if len(nodes) != len(steps) + 1:
        raise ExplorerError(f"{where}: a path has one more node than it has hops")
    for index, hop in enumerate(steps):
        if (hop.source, hop.target) != (nodes[index], nodes[index + 1]):
            raise ExplorerError(f"{where}.hops[{index}]: does not join nodes {index} and {index + 1}")
    return GraphPath(nodes, steps)


__all__ = ["MAX_PATHS_PER_SEARCH", "MAX_SEARCHES", "PathSearch", "RemoveSearches", "add_search", "history_from_list",
           "history_to_list"]
