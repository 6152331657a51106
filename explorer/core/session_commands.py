"""The undoable steps of a :class:`~explorer.core.session.Session`.

Each follows the :class:`~explorer.core.changes.Command` protocol (``text``, ``redo()``,
``undo()``). Canvas changes that touch many things at once (an expansion, a path, a
removal) keep the scene as it was before and after (:class:`CanvasEdit`), so undo and
redo put back exactly what the analyst saw without asking the graph again; the frequent
small ones (hide, move, filters) keep only what they change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene, SceneState
    from explorer.core.updates import RecordedUpdate


class CanvasEdit:
    """A canvas change made by ``change``; undo and redo restore the scene before or after it."""

    def __init__(self, scene: Scene, text: str, change: Callable[[], Any]) -> None:
        self.scene = scene
        self.text = text
        self._change: Callable[[], Any] | None = change
        self.result: Any = None
        self._before: SceneState | None = None
        self._after: SceneState | None = None

    def redo(self) -> None:
        if self._change is not None:  # the first time: keep the scene as it was and make the change
            self._before = self.scene.capture()
            change, self._change = self._change, None
            self.result = change()
        elif self._after is not None:
            self.scene.restore(self._after)

    @property
    def cost(self) -> int:
        """The scene items this step keeps copies of (the history's memory budget counts them)."""
        return sum(len(state.nodes) + len(state.edges) for state in (self._before, self._after) if state is not None)

    def undo(self) -> None:
        if self._before is None:
            return
        if self._after is None:
            # The history is linear: when this step is undone, the scene is exactly as the step
            # left it. Copying it now rather than after every change keeps changes cheap.
            self._after = self.scene.capture()
        self.scene.restore(self._before)


class HideItems:
    """Hide or show nodes and edges again."""

    def __init__(self, scene: Scene, ids: Sequence[str], hidden: bool, text: str) -> None:
        self.scene = scene
        self.text = text
        self.hidden = hidden
        items = [scene.nodes.get(i) or scene.edges.get(i) for i in ids]
        self.changed = [i for i, item in zip(ids, items, strict=True) if item is not None and item.hidden != hidden]

    def redo(self) -> None:
        for item_id in self.changed:
            self.scene.hide(item_id, self.hidden)

    def undo(self) -> None:
        for item_id in self.changed:
            self.scene.hide(item_id, not self.hidden)


class MoveNodes:
    """Nodes moved by a drag or a layout."""

    def __init__(self, scene: Scene, before: Mapping[str, tuple[float, float]],
                 after: Mapping[str, tuple[float, float]], text: str) -> None:
        self.scene = scene
        self.text = text
        self.before = dict(before)
        self.after = dict(after)

    def redo(self) -> None:
        self.scene.set_positions(self.after)

    def undo(self) -> None:
        self.scene.set_positions(self.before)


class SceneFilters:
    """Which classes and kinds of link the canvas hides."""

    def __init__(self, scene: Scene, hidden_classes: frozenset[str], hidden_predicates: frozenset[str], text: str) -> None:
        self.scene = scene
        self.text = text
        self.before = (frozenset(scene.hidden_classes), frozenset(scene.hidden_predicates))
        self.after = (hidden_classes, hidden_predicates)

    def _apply(self, classes: frozenset[str], predicates: frozenset[str]) -> None:
        self.scene.set_class_filter(classes)
        self.scene.set_predicate_filter(predicates)

    def redo(self) -> None:
        self._apply(*self.after)

    def undo(self) -> None:
        self._apply(*self.before)


class UpdateCommand:
    """A SPARQL update applied to the graph; undo puts the graph back exactly."""

    def __init__(self, kg: KnowledgeGraph, record: RecordedUpdate, changed: Callable[[], None]) -> None:
        self.kg = kg
        self.record = record
        self._changed = changed
        first = " ".join(record.sparql.split())
        self.text = "SPARQL Update" + (f" “{first[:40]}…”" if len(first) > 40 else f" “{first}”" if first else "")

    def redo(self) -> None:
        from explorer.core.updates import redo

        redo(self.kg, self.record)
        self._changed()

    def undo(self) -> None:
        from explorer.core.updates import undo

        undo(self.kg, self.record)
        self._changed()


__all__ = ["CanvasEdit", "HideItems", "MoveNodes", "SceneFilters", "UpdateCommand"]
