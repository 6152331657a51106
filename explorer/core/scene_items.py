"""The pieces of a :class:`~explorer.core.scene.Scene`: nodes, edges, their ids, and its events.

>>> edge_id("urn:a", "urn:p", "urn:b")
'urn:a urn:p urn:b'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: Version of the dictionary written by :meth:`Scene.to_dict`; bumped when its shape changes.
SCHEMA_VERSION = 1

SHAPES = ("ellipse", "round-rect", "box", "diamond", "hexagon", "triangle", "triangle-down", "star")
KINDS = ("entity", "more", "group")
EVENT_NAMES = (
    "node_added",
    "node_removed",
    "node_changed",
    "edge_added",
    "edge_removed",
    "reset",
    "notes_changed",
    "paths_changed",
    "highlight_changed",
    "filters_changed",
    "focus_changed",
    "positions_changed",
    "nodes_restyled",
    "edges_restyled",
)

MORE_PREFIX = "more:"
NODE_SIZE = 28.0
MORE_NODE_SIZE = 24.0
#: Colour of nodes whose class is unknown, and of "+N more" nodes.
NEUTRAL_COLOR = "#9e9e9e"
MORE_COLOR = "#bdbdbd"


@dataclass
class SceneNode:
    """One node on the canvas: an entity, or the "+N more" stand-in for what an expansion left out."""

    id: str
    entity: str
    label: str
    class_iri: str
    class_label: str
    x: float = 0.0
    y: float = 0.0
    pinned: bool = False
    hidden: bool = False
    kind: str = "entity"
    more_count: int = 0
    color: str = NEUTRAL_COLOR
    shape: str = "ellipse"
    size: float = NODE_SIZE
    #: A built-in icon drawn inside the glyph (styling rules; "" for none).
    icon: str = ""
    #: The text a styling rule shows as the label instead of ``label`` ("" hides it; ``None``: the label).
    label_shown: str | None = None


@dataclass
class SceneEdge:
    """A stored triple drawn from ``source`` (subject) to ``target`` (object), named in words."""

    id: str
    source: str
    target: str
    predicate: str
    label: str
    hidden: bool = False
    evidence_count: int = 0
    #: ``#rrggbb`` to draw a highlighted edge in (a snapshot diff's green and red); ``None``: the accent.
    color: str | None = None
    #: The link's own colour and line width from styling rules (``None``: the theme's colour).
    line_color: str | None = None
    width: float = 1.0
    #: A styling rule hides the link's words.
    label_hidden: bool = False


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """The stable id of the edge drawn for the triple ``subject predicate obj``.

    >>> edge_id("urn:a", "urn:p", "urn:b")
    'urn:a urn:p urn:b'
    """
    # Spaces never occur in IRIs or blank-node ids, so the id splits back unambiguously.
    return f"{subject} {predicate} {obj}"


def more_node_id(entity: str) -> str:
    """The id of the "+N more" node attached to an expanded entity.

    >>> more_node_id("urn:a")
    'more:urn:a'
    """
    return MORE_PREFIX + entity


class SceneEvents:
    """Plain-callback events: ``events.connect("node_added", callback)``.

    Callbacks run synchronously in the thread that changed the scene, in the order they
    were connected. A callback that raises does not stop the others; the first error is
    re-raised once all have run.
    """

    def __init__(self) -> None:
        self._callbacks: dict[str, list[Callable[..., None]]] = {name: [] for name in EVENT_NAMES}
        self._blocked = 0

    def connect(self, name: str, callback: Callable[..., None]) -> None:
        """Call ``callback`` whenever the event ``name`` fires."""
        self._check(name)
        self._callbacks[name].append(callback)

    def disconnect(self, name: str, callback: Callable[..., None]) -> None:
        """Stop calling ``callback`` for ``name``; unknown callbacks are ignored."""
        self._check(name)
        if callback in self._callbacks[name]:
            self._callbacks[name].remove(callback)

    def emit(self, name: str, *args: Any) -> None:
        self._check(name)
        if self._blocked:
            return
        first_error: BaseException | None = None
        for callback in list(self._callbacks[name]):
            try:
                callback(*args)
            except Exception as error:  # one faulty view must not starve the others
                first_error = first_error or error
        if first_error is not None:
            raise first_error

    @contextmanager
    def blocked(self) -> Iterator[None]:
        """Silence every event inside the block (the caller then emits ``reset`` or redraws)."""
        self._blocked += 1
        try:
            yield
        finally:
            self._blocked -= 1

    @staticmethod
    def _check(name: str) -> None:
        if name not in EVENT_NAMES:
            raise ValueError(f"unknown scene event {name!r}; known: {', '.join(EVENT_NAMES)}")


@dataclass(frozen=True)
class SceneState:
    """A copy of a scene's content at one moment (see :meth:`Scene.capture`)."""

    nodes: dict[str, SceneNode]
    edges: dict[str, SceneEdge]
    focus: str | None
    hidden_classes: frozenset[str]
    hidden_predicates: frozenset[str]
    highlighted: frozenset[str]
    #: The analyst's notes (explorer.core.scene_notes) and path searches (explorer.core.path_history).
    notes: dict[str, str]
    path_history: tuple[Any, ...]
    expanded: dict[str, tuple[str, ...]]
    #: The styling rules (explorer.core.style_rules.StyleRule) and the class looks they replaced.
    style_rules: tuple[Any, ...] = ()
    style_base: dict[str, tuple[str, str, float]] = field(default_factory=dict)
    #: Groups of nodes (explorer.core.scene_groups.SceneGroup records, never changed in place).
    groups: dict[str, Any] = field(default_factory=dict)


__all__ = [
    "EVENT_NAMES",
    "KINDS",
    "MORE_COLOR",
    "MORE_NODE_SIZE",
    "MORE_PREFIX",
    "NEUTRAL_COLOR",
    "NODE_SIZE",
    "SCHEMA_VERSION",
    "SHAPES",
    "SceneEdge",
    "SceneEvents",
    "SceneNode",
    "SceneState",
    "edge_id",
    "more_node_id",
]
