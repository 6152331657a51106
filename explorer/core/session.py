"""The app's one model, without Qt: the graph, the canvas scene, the selection, Back/Forward,
the statistics and the undo history of everything the analyst changed.

The desktop window and its panels are views of a :class:`Session`: they call its methods
(``show``, ``expand``, ``hide`` …) and redraw on its events; features find each other
through it rather than through attributes of the window. Every change to the canvas and
every SPARQL update is a :class:`~explorer.core.changes.Command` in :attr:`Session.history`,
so Edit ▸ Undo / Redo works the same on a file, a workspace and a SPARQL server.

Events (plain callbacks, run in order on the thread that made the change):
``graph_changed(kg)``, ``graph_modified()`` (an update or its undo changed the data),
``selection_changed(entities)``, ``navigation_changed()``, ``statistics_changed(stats)``;
the scene has its own (:class:`~explorer.core.scene.SceneEvents`) and the history
``history.changed()``.

>>> from explorer.core.graph import KnowledgeGraph
>>> session = Session(KnowledgeGraph.bundled())
>>> hit = session.search("China Mobile", limit=1)[0]
>>> _ = session.show(hit.entity); _ = session.expand(hit.entity)
>>> session.history.undo_text
'Expand China Mobile'
>>> _ = session.undo(); len(session.scene.nodes)
1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from explorer.core import scene_groups
from explorer.core.history import Callbacks, History, NavigationHistory
from explorer.core.layout_registry import LAYOUTS
from explorer.core.scene import Scene, SceneState
from explorer.core.session_commands import (
    CanvasEdit,
    HideItems,
    MoveNodes,
    SceneFilters,
    UpdateCommand,
)

if TYPE_CHECKING:
    from explorer.core.changes import Command
    from explorer.core.graph import KnowledgeGraph, Stats
    from explorer.core.paths import GraphPath
    from explorer.core.search import SearchHit
    from explorer.core.updates import RecordedUpdate

#: Neighbours one expansion adds at most; the rest wait behind a "+N more" node.
EXPANSION_CAP = 25


class Session:
    """The graph being explored and everything the analyst did with it (see the module docstring)."""

    def __init__(self, kg: KnowledgeGraph | None = None, scene: Scene | None = None) -> None:
        self.kg: KnowledgeGraph | None = kg
        self.stats: Stats | None = None
        self.scene = scene if scene is not None else Scene()
        self.selection: list[str] = []
        self.navigation = NavigationHistory()
        self.history = History()
        self.expansion_cap = EXPANSION_CAP
        self.graph_changed = Callbacks()
        self.graph_modified = Callbacks()
        self.selection_changed = Callbacks()
        self.navigation_changed = Callbacks()
        self.statistics_changed = Callbacks()
        #: Named parts of the app (the SPARQL workbench, the export actions …) for features
        #: that need each other; views register themselves with :meth:`provide`.
        self._parts: dict[str, Any] = {}

    # ------------------------------------------------------------------ parts
    def provide(self, name: str, part: Any) -> None:
        """Make ``part`` findable by ``name`` (e.g. ``"workbench"``) for the rest of the app."""
        self._parts[name] = part

    def part(self, name: str) -> Any:
        """The part registered as ``name``, or None."""
        return self._parts.get(name)

    # ------------------------------------------------------------------ the graph
    def set_graph(self, kg: KnowledgeGraph | None, stats: Stats | None = None) -> None:
        """Explore ``kg`` from now on: an empty canvas, no selection, no history."""
        self.kg = kg
        self.stats = stats
        self.scene.path_history.clear()  # searches in another graph
        self.scene.clear()
        self.history.clear()
        self.navigation.clear()
        self.selection = []
        self.graph_changed.emit(kg)
        self.selection_changed.emit([])
        self.navigation_changed.emit()

    def set_statistics(self, stats: Stats | None) -> None:
        self.stats = stats
        self.statistics_changed.emit(stats)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Entities whose labels match ``text``, best first."""
        return self.kg.search(text, limit=limit) if self.kg is not None else []

    def label(self, entity: str) -> str:
        return self.kg.label(entity) if self.kg is not None else entity

    # ------------------------------------------------------------------ selection and navigation
    def select(self, entities: Sequence[str]) -> None:
        if list(entities) != self.selection:
            self.selection = list(entities)
            self.selection_changed.emit(list(self.selection))

    def visit(self, entity: str) -> None:
        """Read ``entity`` (the Inspector): it joins Back/Forward."""
        if entity != self.navigation.current:
            self.navigation.visit(entity)
            self.navigation_changed.emit()

    def back(self) -> str | None:
        entity = self.navigation.back() if self.navigation.can_go_back() else None
        if entity is not None:
            self.navigation_changed.emit()
        return entity

    def forward(self) -> str | None:
        entity = self.navigation.forward() if self.navigation.can_go_forward() else None
        if entity is not None:
            self.navigation_changed.emit()
        return entity

    # ------------------------------------------------------------------ undo
    def do(self, command: Command) -> Command:
        """Run ``command`` and put it in the history."""
        self.history.push(command)
        return command

    def undo(self) -> Command | None:
        return self.history.undo()

    def redo(self) -> Command | None:
        return self.history.redo()

    def _edit(self, text: str, change: Callable[[], Any]) -> Any:
        """Change the canvas through ``change`` as one undoable step; returns what it returned."""
        command = CanvasEdit(self.scene, text, change)
        self.history.push(command)
        return command.result

    # ------------------------------------------------------------------ the canvas
    def show(self, entity: str) -> str:
        """Put ``entity`` on the canvas (linked to what is there); returns its node id."""
        kg = self._graph()
        return self._edit(f"Show {kg.label(entity)}", lambda: self.scene.add_entity(kg, entity).id)

    def expand(self, entity: str, limit: int | None = None, *, only: Iterable[str] | None = None) -> list[str]:
        """Show ``entity``'s neighbours (capped; the rest behind "+N more"); returns the added ids."""
        kg = self._graph()
        cap = self.expansion_cap if limit is None else limit
        chosen = list(only) if only is not None else None
        text = f"Expand {kg.label(entity)}" if chosen is None else f"Add {len(chosen)} neighbour(s) of {kg.label(entity)}"
        added = self._edit(text, lambda: self.scene.expand(kg, entity, limit=cap, only=chosen))
        return [node.id for node in added]

    def collapse(self, entity: str) -> list[str]:
        return self._edit(f"Collapse {self.label(entity)}", lambda: self.scene.collapse(entity))

    def hide(self, item_ids: str | Iterable[str], hidden: bool = True) -> None:
        """Hide (or show again) nodes or edges without removing them."""
        ids = [item_ids] if isinstance(item_ids, str) else list(item_ids)
        ids = [i for i in ids if (i in self.scene.nodes or i in self.scene.edges)]
        if not ids:
            return
        self.do(HideItems(self.scene, ids, hidden, self._items_text("Hide" if hidden else "Show", ids)))

    def remove(self, item_ids: str | Iterable[str]) -> None:
        """Take nodes (with their links) or edges off the canvas."""
        ids = [item_ids] if isinstance(item_ids, str) else list(item_ids)
        ids = [i for i in ids if (i in self.scene.nodes or i in self.scene.edges)]
        if not ids:
            return

        def change() -> None:
            for item_id in ids:
                self.scene.remove(item_id)

        self._edit(self._items_text("Remove", ids) + " from Canvas", change)

    def pin(self, entity: str, pinned: bool = True) -> None:
        if entity in self.scene.nodes and self.scene.nodes[entity].pinned != pinned:
            verb = "Pin" if pinned else "Unpin"
            self._edit(f"{verb} {self.label(entity)}", lambda: self.scene.pin(entity, pinned))

    def moved(self, before: Mapping[str, tuple[float, float]]) -> None:
        """Record nodes the analyst dragged (already moved) from ``before`` to where they are now."""
        nodes = self.scene.nodes
        after = {i: (nodes[i].x, nodes[i].y) for i in before if i in nodes}
        if any(after[i] != before[i] for i in after):
            self.history.record(MoveNodes(self.scene, dict(before), after, self._items_text("Move", list(after))))

    def set_positions(self, positions: Mapping[str, tuple[float, float]], text: str) -> None:
        """Move many nodes at once (a layout) as one step named ``text``; pinned nodes stay."""
        nodes = self.scene.nodes
        after = {i: p for i, p in positions.items() if i in nodes and not nodes[i].pinned}
        before = {i: (nodes[i].x, nodes[i].y) for i in after}
        if any(after[i] != before[i] for i in after):
            self.do(MoveNodes(self.scene, before, after, text))

    def layout(self, name: str, focus: str | None = None) -> None:
        """Arrange the canvas now with the layout called ``name`` (see the layout registry)."""
        layout = LAYOUTS[name]
        if self.scene.visible_nodes():
            self.set_positions(layout(self.scene, focus, apply=False), f"{layout.title} Layout")

    def focus_on(self, entity: str, *, arrange: bool = True) -> None:
        """Work from ``entity``: shown, focused and (with ``arrange``) the rest in rings around it.

        The desktop passes ``arrange=False`` and runs the radial layout itself, in a worker for
        a big scene; that layout is then a step of its own.
        """
        kg = self._graph()

        def change() -> None:
            self.scene.add_entity(kg, entity)
            self.scene.set_focus(entity)
            if arrange:
                LAYOUTS["radial"](self.scene, entity)

        self._edit(f"Focus on {kg.label(entity)}", change)

    def add_paths(self, paths: Sequence[GraphPath]) -> list[str]:
        """Draw paths and highlight them; returns their node and edge ids."""
        kg = self._graph()
        if not paths:
            return []
        text = f"Show Path {kg.label(paths[0].source)} → {kg.label(paths[0].target)}" if len(paths) == 1 \
            else f"Show {len(paths)} Paths"
        return self._edit(text, lambda: self.scene.add_paths(kg, paths, highlight=True))

    def show_entities(self, entities: Sequence[str]) -> None:
        """Show query results: the entities, linked to what is shown, and highlighted."""
        kg = self._graph()
        wanted = list(dict.fromkeys(entities))

        def change() -> None:
            for entity in wanted:
                self.scene.add_entity(kg, entity)
            self.scene.highlight(wanted)

        if wanted:
            self._edit(f"Show {len(wanted)} Result(s) on Canvas", change)

    def show_triples(self, triples: Sequence[tuple[str, str, str]]) -> None:
        """Show facts (a CONSTRUCT result): their ends and exactly these links, highlighted."""
        from explorer.core.scene import SceneEdge, edge_id

        kg = self._graph()

        def change() -> None:
            ids: list[str] = []
            for subject, predicate, obj in triples:
                for entity in (subject, obj):
                    self.scene.add_entity(kg, entity, connect=False)
                    ids.append(entity)
                eid = edge_id(subject, predicate, obj)
                if eid not in self.scene.edges:
                    self.scene.add_edge(SceneEdge(id=eid, source=subject, target=obj, predicate=predicate,
                                                  label=kg.predicate_words(predicate, True),
                                                  evidence_count=len(kg.evidence(subject, predicate, obj))))
                ids.append(eid)
            self.scene.highlight(ids)

        if triples:
            self._edit(f"Open {len(triples)} Fact(s) on Canvas", change)

    def find_paths(self, source: str, target: str, **options: Any) -> list[GraphPath]:
        """Paths from ``source`` to ``target`` (see :func:`explorer.core.paths.find_paths`)."""
        from explorer.core.paths import find_paths

        return find_paths(self._graph(), source, target, **options)

    def show_all(self) -> None:
        """Un-hide everything and clear the filters."""
        self._edit("Show Hidden Items", self.scene.show_all)

    def clear_canvas(self) -> None:
        if self.scene.nodes:
            self._edit("Clear Canvas", self.scene.clear)

    # ------------------------------------------------------------------ groups (core/scene_groups.py)
    def group(self, node_ids: Iterable[str], name: str | None = None) -> str:
        """Collapse two or more nodes into one group node; returns its id."""
        ids = list(node_ids)
        return self._edit(f"Group {len(ids)} Nodes", lambda: scene_groups.collapse_nodes(self.scene, ids, name))

    def expand_group(self, group_id: str) -> list[str]:
        """Put a collapsed group's members back where they were."""
        text = f"Expand Group {self._group_name(group_id)}"
        return self._edit(text, lambda: scene_groups.expand_group(self.scene, group_id))

    def collapse_group(self, group_id: str) -> str:
        """Collapse an expanded group again."""
        text = f"Collapse Group {self._group_name(group_id)}"
        return self._edit(text, lambda: scene_groups.collapse_again(self.scene, group_id))

    def ungroup(self, group_id: str) -> list[str]:
        """Dissolve a group: its members stay (or come back) on the canvas on their own."""
        return self._edit(f"Ungroup {self._group_name(group_id)}", lambda: scene_groups.ungroup(self.scene, group_id))

    def rename_group(self, group_id: str, name: str) -> None:
        text = f"Rename Group {self._group_name(group_id)}"
        self._edit(text, lambda: scene_groups.rename_group(self.scene, group_id, name))

    def _group_name(self, group_id: str) -> str:
        record = self.scene.groups.get(group_id)
        return f"“{record.name}”" if record is not None else group_id

    def replace_scene(self, source: Scene, text: str) -> None:
        """Show ``source``'s content (a snapshot, a restored session) as one undoable step."""
        state = source.capture()
        self._edit(text, lambda: self.scene.restore(state))

    def set_class_visible(self, class_iri: str, visible: bool) -> None:
        hidden = (self.scene.hidden_classes - {class_iri}) if visible else (self.scene.hidden_classes | {class_iri})
        name = self.label(class_iri) if class_iri else "(no class)"
        self.set_filters(hidden, self.scene.hidden_predicates, f"{'Show' if visible else 'Hide'} Class {name}")

    def set_predicate_visible(self, predicate: str, visible: bool) -> None:
        hidden = (self.scene.hidden_predicates - {predicate}) if visible else (self.scene.hidden_predicates | {predicate})
        words = self.kg.predicate_words(predicate, True) if self.kg is not None else predicate
        self.set_filters(self.scene.hidden_classes, hidden, f"{'Show' if visible else 'Hide'} Links “{words}”")

    def set_predicate_filter(self, hidden_predicates: Iterable[str]) -> None:
        self.set_filters(self.scene.hidden_classes, hidden_predicates, "Filter Links")

    def set_filters(self, hidden_classes: Iterable[str], hidden_predicates: Iterable[str], text: str = "Filter") -> None:
        """Hide the nodes of these classes and the edges of these predicates, as one step."""
        classes, predicates = frozenset(hidden_classes), frozenset(hidden_predicates)
        if classes != self.scene.hidden_classes or predicates != self.scene.hidden_predicates:
            self.do(SceneFilters(self.scene, classes, predicates, text))

    def capture(self) -> SceneState:
        return self.scene.capture()

    # ------------------------------------------------------------------ the data
    def record_update(self, record: RecordedUpdate, kg: KnowledgeGraph | None = None) -> UpdateCommand:
        """Put a SPARQL update applied to ``kg`` (by default the session's graph; it ran in a
        worker) in the history."""
        command = UpdateCommand(kg or self._graph(), record, self.graph_modified.emit)
        self.history.record(command)
        self.graph_modified.emit()
        return command

    def applied_updates(self) -> list[RecordedUpdate]:
        """The SPARQL updates in effect, oldest first (what a crash journal must redo)."""
        return [c.record for c in self.history.done() if isinstance(c, UpdateCommand)]

    # ------------------------------------------------------------------ helpers
    def _graph(self) -> KnowledgeGraph:
        if self.kg is None:
            from explorer.core.errors import ExplorerError

            raise ExplorerError("no graph is open")
        return self.kg

    def _items_text(self, verb: str, ids: Sequence[str]) -> str:
        if len(ids) != 1:
            return f"{verb} {len(ids)} Items"
        item = ids[0]
        node = self.scene.nodes.get(item)
        if node is not None:
            return f"{verb} {node.label}"
        edge = self.scene.edges.get(item)
        return f"{verb} Link “{edge.label}”" if edge is not None else f"{verb} {item}"


__all__ = ["EXPANSION_CAP", "Session"]
