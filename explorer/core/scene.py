"""What a graph view shows: nodes, edges, positions, styles, pins, filters — without Qt.

A :class:`Scene` is the model behind the desktop canvas, the image and HTML exports and
saved snapshots. It knows nothing about widgets: views subscribe to its :attr:`Scene.events`
with plain callbacks and redraw what changed.

Node ids are the entity identifiers themselves (an IRI, or ``_:id`` for a blank node), so
a view can centre on an entity by its IRI; the "+N more" node of an expanded entity has
the id ``more:<entity>``. Edge ids are stable, built from the stored triple.

>>> scene = Scene()
>>> node = scene.add_node(SceneNode("urn:a", "urn:a", "A", "", ""))
>>> scene.add_node(SceneNode("urn:b", "urn:b", "B", "", "")).id
'urn:b'
>>> scene.add_edge(SceneEdge(edge_id("urn:a", "urn:p", "urn:b"), "urn:a", "urn:b", "urn:p", "knows")).label
'knows'
>>> [n.id for n in scene.visible_nodes()]
['urn:a', 'urn:b']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.core import scene_state
from explorer.core.errors import ExplorerError
from explorer.core.scene_io import scene_from_dict, scene_to_dict
from explorer.core.scene_items import (
    EVENT_NAMES,
    KINDS,
    MORE_COLOR,
    MORE_NODE_SIZE,
    MORE_PREFIX,
    NEUTRAL_COLOR,
    NODE_SIZE,
    SCHEMA_VERSION,
    SHAPES,
    SceneEdge,
    SceneEvents,
    SceneNode,
    SceneState,
    edge_id,
    more_node_id,
)
from explorer.core.scene_placement import PathLike, clear_of_others, free_spot, ring_around
from explorer.core.scene_styles import FALLBACK_PALETTE, class_style, fallback_style
from explorer.core.style_resolution import StyleMemory, style_new_items
from explorer.core.style_rules import StyleRule, measure_of

if TYPE_CHECKING:
    from explorer.core.analysis.styling import MeasureStyle
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene_groups import SceneGroup


@dataclass
class Scene:
    """The nodes and edges a view shows, with their positions, styles, filters, pins and highlight.

    Events (payloads): ``node_added(node)``, ``node_removed(node)``, ``node_changed(node)``,
    ``edge_added(edge)``, ``edge_removed(edge)``, ``reset()``, ``highlight_changed(ids)``,
    ``filters_changed()``, ``focus_changed(id | None)``, ``positions_changed(ids)`` (a layout
    moved many nodes at once), ``notes_changed(id | None)``, ``paths_changed()``.
    """

    nodes: dict[str, SceneNode] = field(default_factory=dict)
    edges: dict[str, SceneEdge] = field(default_factory=dict)
    focus: str | None = None
    #: The analyst's notes: item id → text, the canvas note under "" (see explorer.core.scene_notes).
    notes: dict[str, str] = field(default_factory=dict)
    #: Path searches, newest first (see explorer.core.path_history).
    path_history: list[Any] = field(default_factory=list)  # PathSearch records
    hidden_classes: set[str] = field(default_factory=set)
    hidden_predicates: set[str] = field(default_factory=set)
    highlighted: set[str] = field(default_factory=set)
    #: Which nodes each expansion added: expanded node id → ids of the nodes it brought in.
    expanded: dict[str, list[str]] = field(default_factory=dict)
    #: The styling rules in order (a measure-driven style is one of them), and the class looks
    #: (colour, shape, size) they replaced: saved with the scene, so a snapshot reopens styled
    #: and its rules can still be changed or removed.
    style_rules: list[StyleRule] = field(default_factory=list)
    style_base: dict[str, tuple[str, str, float]] = field(default_factory=dict)
    #: Nodes collapsed into one (``explorer.core.scene_groups``): group node id → its record.
    groups: dict[str, SceneGroup] = field(default_factory=dict)
    events: SceneEvents = field(default_factory=SceneEvents, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._incident: dict[str, set[str]] = {}
        self._style_cache: dict[str, tuple[str, str]] = {}
        self._style_memory = StyleMemory()
        for edge in self.edges.values():
            self._index_edge(edge)

    @property
    def measure_style(self) -> MeasureStyle | None:
        """The measure-driven style among the styling rules (size by PageRank, colour by community …)."""
        return measure_of(self.style_rules)

    @property
    def style_memory(self) -> StyleMemory:
        """What the styling rules learnt from the graph (subclasses, property values), not saved."""
        return self._style_memory

    # ------------------------------------------------------------------ low-level building
    def add_node(self, node: SceneNode) -> SceneNode:
        """Add a ready-made node (an existing id is returned unchanged)."""
        if node.id in self.nodes:
            return self.nodes[node.id]
        self.nodes[node.id] = node
        self._incident.setdefault(node.id, set())
        self.events.emit("node_added", node)
        return node

    def add_edge(self, edge: SceneEdge) -> SceneEdge:
        """Add a ready-made edge between two nodes already in the scene."""
        if edge.id in self.edges:
            return self.edges[edge.id]
        if edge.source not in self.nodes or edge.target not in self.nodes:
            missing = edge.source if edge.source not in self.nodes else edge.target
            raise ExplorerError(f"edge {edge.label!r} refers to {missing}, which is not in the scene")
        self.edges[edge.id] = edge
        self._index_edge(edge)
        self.events.emit("edge_added", edge)
        return edge

    def _index_edge(self, edge: SceneEdge) -> None:
        self._incident.setdefault(edge.source, set()).add(edge.id)
        self._incident.setdefault(edge.target, set()).add(edge.id)

    def incident_edges(self, node_id: str) -> list[SceneEdge]:
        """Edges that start or end at ``node_id``, in a stable order."""
        return [self.edges[e] for e in sorted(self._incident.get(node_id, ()))]

    def neighbour_ids(self, node_id: str) -> set[str]:
        """Ids of the nodes joined to ``node_id`` by an edge."""
        found = set()
        for eid in self._incident.get(node_id, ()):
            edge = self.edges[eid]
            found.add(edge.target if edge.source == node_id else edge.source)
        found.discard(node_id)
        return found

    # ------------------------------------------------------------------ from the graph
    def make_node(self, kg: KnowledgeGraph, entity: str, x: float = 0.0, y: float = 0.0) -> SceneNode:
        """A node for ``entity`` labelled and styled from the graph (not added to the scene)."""
        class_iri = kg.main_class(entity) or ""
        color, shape = self._style(kg, class_iri)
        node = SceneNode(
            id=entity,
            entity=entity,
            label=kg.label(entity),
            class_iri=class_iri,
            class_label=kg.label(class_iri) if class_iri else "",
            x=x,
            y=y,
            color=color,
            shape=shape,
        )
        if self.style_rules:
            style_new_items(self, kg, nodes=[node])
        return node

    def _style(self, kg: KnowledgeGraph | None, class_iri: str) -> tuple[str, str]:
        if class_iri not in self._style_cache:
            self._style_cache[class_iri] = class_style(kg, class_iri)
        return self._style_cache[class_iri]

    def add_entity(
        self, kg: KnowledgeGraph, iri: str, x: float | None = None, y: float | None = None, *, connect: bool = True
    ) -> SceneNode:
        """Show ``iri`` (again): an existing node is un-hidden, a new one is placed and linked.

        Args:
            kg: The graph the entity comes from.
            iri: The entity (IRI or ``_:id``).
            x, y: Where to put a new node; by default to the right of what is shown.
            connect: Also draw the entity's links to nodes already in the scene.
        """
        if iri in self.nodes:
            node = self.nodes[iri]
            if node.hidden:
                node.hidden = False
                self.events.emit("node_changed", node)
            return node
        if x is None or y is None:
            x, y = free_spot(self.nodes.values())
            node = self.make_node(kg, iri, x, y)
            clear_of_others(self.nodes.values(), [node])
            node = self.add_node(node)
        else:
            node = self.add_node(self.make_node(kg, iri, x, y))
        if connect:
            self._connect_to_scene(kg, [iri])
        return node

    def _connect_to_scene(self, kg: KnowledgeGraph, entities: Iterable[str]) -> list[SceneEdge]:
        """Draw every link between ``entities`` and the entity nodes in the scene."""
        added: list[SceneEdge] = []
        for entity in entities:
            triples = [
                (entity, predicate, other) if forward else (other, predicate, entity)
                for predicate, other, forward in kg.adjacent(entity)
                if other in self.nodes and self.nodes[other].kind == "entity"
            ]
            for subject, predicate, obj in triples:
                eid = edge_id(subject, predicate, obj)
                if eid not in self.edges:
                    added.append(self.add_edge(self._make_edge(kg, subject, predicate, obj)))
        return added

    def _make_edge(self, kg: KnowledgeGraph, subject: str, predicate: str, obj: str, evidence: int | None = None) -> SceneEdge:
        if evidence is None:
            evidence = len(kg.evidence(subject, predicate, obj))
        edge = SceneEdge(
            id=edge_id(subject, predicate, obj),
            source=subject,
            target=obj,
            predicate=predicate,
            label=kg.predicate_words(predicate, True),
            evidence_count=evidence,
        )
        if self.style_rules:
            style_new_items(self, kg, edges=[edge])
        return edge

    def expand(
        self, kg: KnowledgeGraph, iri: str, limit: int = 25, *, only: Iterable[str] | None = None
    ) -> list[SceneNode]:
        """Show the neighbours of ``iri``: at most ``limit`` new ones, and a "+N more" node for the rest.

        Neighbours already in the scene cost nothing against the cap and are linked too, so
        expanding again brings in the next ``limit`` neighbours. Neighbours are taken in a
        stable order: by the link's words, then by label.

        Args:
            kg: The graph.
            iri: The entity to expand (added first if it is not shown).
            limit: The most new neighbours to add.
            only: Add exactly these neighbours (chosen from the full list) instead of the next ``limit``.

        Returns:
            The nodes added (new neighbours; the "+N more" node is not included).
        """
        centre = self.add_entity(kg, iri)
        links: dict[str, list[tuple[str, bool]]] = {}
        for predicate, other, forward in kg.adjacent(iri):
            if other == iri:
                continue
            bucket = links.setdefault(other, [])
            if (predicate, forward) not in bucket:
                bucket.append((predicate, forward))
        wanted = set(only) if only is not None else None
        candidates = [other for other in links if other not in self.nodes or self.nodes[other].kind != "entity"]

        def order(other: str) -> tuple[str, str, str]:
            predicate, forward = min(links[other])
            return kg.predicate_words(predicate, forward).casefold(), kg.label(other).casefold(), other

        if wanted is not None:
            chosen = sorted((o for o in candidates if o in wanted), key=order)
        else:
            chosen = sorted(candidates, key=order)[: max(0, limit)]

        evidence = _evidence_counts(kg, iri)
        positions = ring_around(self.nodes.values(), centre, len(chosen))
        made = [self.make_node(kg, other, x, y) for other, (x, y) in zip(chosen, positions, strict=True)]
        clear_of_others(self.nodes.values(), made)
        added: list[SceneNode] = [self.add_node(node) for node in made]
        for other in [o for o in links if o in self.nodes and self.nodes[o].kind == "entity"]:
            for predicate, forward in links[other]:
                subject, obj = (iri, other) if forward else (other, iri)
                if edge_id(subject, predicate, obj) not in self.edges:
                    count = evidence.get((subject, predicate, obj), 0) or evidence.get((obj, kg.inverse_of(predicate) or "", subject), 0)
                    self.add_edge(self._make_edge(kg, subject, predicate, obj, count))
        # New neighbours may also be linked to each other or to what was already shown.
        if added:
            self._connect_to_scene(kg, [n.id for n in added])
        brought = self.expanded.setdefault(iri, [])
        brought.extend(n.id for n in added if n.id not in brought)
        self._set_more(iri, len(candidates) - len(chosen))
        return added

    def _set_more(self, entity: str, count: int) -> None:
        more_id = more_node_id(entity)
        if count <= 0:
            if more_id in self.nodes:
                self.remove(more_id)
            return
        if more_id in self.nodes:
            node = self.nodes[more_id]
            if node.more_count != count:
                node.more_count = count
                node.label = f"+{count} more"
                self.events.emit("node_changed", node)
            return
        centre = self.nodes[entity]
        x, y = ring_around(self.nodes.values(), centre, 1, radius=70.0)[0]
        chip = SceneNode(
            id=more_id, entity=entity, label=f"+{count} more", class_iri="", class_label="",
            x=x, y=y, kind="more", more_count=count, color=MORE_COLOR, shape="round-rect", size=MORE_NODE_SIZE,
        )
        clear_of_others(self.nodes.values(), [chip])  # never on a node, nor where a node's label goes
        node = self.add_node(chip)
        self.add_edge(SceneEdge(id=edge_id(entity, "", more_id), source=entity, target=node.id, predicate="", label=""))

    def collapse(self, iri: str) -> list[str]:
        """Undo the expansion of ``iri``: remove the neighbours it brought in that are neither
        pinned, focused, highlighted nor linked to anything else, and its "+N more" node.

        Returns:
            The ids of the removed nodes.
        """
        removed: list[str] = []
        for node_id in self.expanded.pop(iri, []):
            node = self.nodes.get(node_id)
            if node is None or node.pinned or node_id == self.focus or node_id in self.highlighted:
                continue
            if node_id in self.expanded:  # expanded in turn: the analyst is working from it
                continue
            if self.neighbour_ids(node_id) - {iri}:
                continue
            self.remove(node_id)
            removed.append(node_id)
        more_id = more_node_id(iri)
        if more_id in self.nodes:
            self.remove(more_id)
            removed.append(more_id)
        return removed

    def add_path(self, kg: KnowledgeGraph, graph_path: PathLike, *, highlight: bool = True) -> list[str]:
        """Show a path (nodes and hops) and, by default, highlight it alone.

        New nodes are lined up left to right below what is shown, in reading order.

        Returns:
            The ids of the path's nodes and edges.
        """
        return self.add_paths(kg, [graph_path], highlight=highlight)

    def add_paths(self, kg: KnowledgeGraph, graph_paths: Iterable[PathLike], *, highlight: bool = True) -> list[str]:
        """Show several paths at once; the highlight covers all of them."""
        ids: list[str] = []
        entities = [n for n in self.nodes.values() if n.kind == "entity"]
        top = (max(n.y for n in entities) + 140.0) if entities else 0.0
        left = min(n.x for n in entities) if entities else 0.0
        for row, graph_path in enumerate(graph_paths):
            for column, entity in enumerate(graph_path.nodes):
                existing = entity in self.nodes
                self.add_entity(kg, entity, left + column * 180.0, top + row * 110.0, connect=False)
                if not existing and self.nodes[entity].kind != "entity":
                    continue
                if entity not in ids:
                    ids.append(entity)
            for hop in graph_path.hops:
                subject, obj = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
                eid = edge_id(subject, hop.predicate, obj)
                if eid not in self.edges:
                    self.add_edge(self._make_edge(kg, subject, hop.predicate, obj))
                if eid not in ids:
                    ids.append(eid)
        if highlight:
            self.highlight(ids)
        return ids

    # ------------------------------------------------------------------ editing
    def remove(self, item_id: str) -> None:
        """Remove a node (with its edges and "+N more" node) or an edge."""
        if item_id in self.edges:
            edge = self.edges.pop(item_id)
            for end in (edge.source, edge.target):
                self._incident.get(end, set()).discard(item_id)
            self.highlighted.discard(item_id)
            self.events.emit("edge_removed", edge)
            return
        node = self.nodes.get(item_id)
        if node is None:
            return
        more_id = more_node_id(item_id)
        if node.kind == "entity" and more_id in self.nodes:
            self.remove(more_id)
        for eid in sorted(self._incident.get(item_id, set())):
            if eid in self.edges:
                self.remove(eid)
        self._incident.pop(item_id, None)
        del self.nodes[item_id]
        self.expanded.pop(item_id, None)
        for brought in self.expanded.values():
            if item_id in brought:
                brought.remove(item_id)
        if item_id in self.highlighted:
            self.highlighted.discard(item_id)
            self.events.emit("highlight_changed", set(self.highlighted))
        self.events.emit("node_removed", node)
        if self.focus == item_id:
            self.set_focus(None)

    def hide(self, item_id: str, hidden: bool = True) -> None:
        """Hide (or show again) one node or edge without removing it."""
        item: SceneNode | SceneEdge | None = self.nodes.get(item_id) or self.edges.get(item_id)
        if item is None or item.hidden == hidden:
            return
        item.hidden = hidden
        if isinstance(item, SceneNode):
            self.events.emit("node_changed", item)
        else:
            self.events.emit("filters_changed")

    def show_all(self) -> None:
        """Un-hide every hidden node and edge and clear the filters."""
        with self.events.blocked():
            for node in self.nodes.values():
                node.hidden = False
            for edge in self.edges.values():
                edge.hidden = False
            self.hidden_classes.clear()
            self.hidden_predicates.clear()
        self.events.emit("filters_changed")

    def pin(self, node_id: str, pinned: bool = True) -> None:
        """Pin a node: layouts leave it where it is."""
        node = self.nodes[node_id]
        if node.pinned != pinned:
            node.pinned = pinned
            self.events.emit("node_changed", node)

    def move(self, node_id: str, x: float, y: float) -> None:
        """Put a node at ``(x, y)`` (scene coordinates)."""
        node = self.nodes[node_id]
        if (node.x, node.y) != (x, y):
            node.x, node.y = float(x), float(y)
            self.events.emit("node_changed", node)

    def set_positions(self, positions: Mapping[str, tuple[float, float]]) -> None:
        """Move many nodes at once (a layout): one ``positions_changed`` event with the moved ids."""
        moved = []
        for node_id, (x, y) in positions.items():
            node = self.nodes.get(node_id)
            if node is not None and (node.x, node.y) != (x, y):
                node.x, node.y = float(x), float(y)
                moved.append(node_id)
        if moved:
            self.events.emit("positions_changed", moved)

    def set_focus(self, node_id: str | None) -> None:
        """Mark the node the analyst is working from (radial layouts centre on it)."""
        if node_id is not None and node_id not in self.nodes:
            raise ExplorerError(f"cannot focus on {node_id}: it is not in the scene")
        if self.focus != node_id:
            self.focus = node_id
            self.events.emit("focus_changed", node_id)

    def highlight(self, ids: Iterable[str]) -> None:
        """Highlight exactly these node and edge ids (an empty list clears the highlight)."""
        wanted = {i for i in ids if i in self.nodes or i in self.edges}
        if wanted != self.highlighted:
            self.highlighted = wanted
            self.events.emit("highlight_changed", set(wanted))

    def set_class_filter(self, hidden_classes: Iterable[str]) -> None:
        """Hide the nodes of these classes (``""`` stands for "no class")."""
        wanted = set(hidden_classes)
        if wanted != self.hidden_classes:
            self.hidden_classes = wanted
            self.events.emit("filters_changed")

    def set_class_visible(self, class_iri: str, visible: bool) -> None:
        """Show or hide one class, leaving the other class filters as they are."""
        self.set_class_filter((self.hidden_classes - {class_iri}) if visible else (self.hidden_classes | {class_iri}))

    def set_predicate_filter(self, hidden_predicates: Iterable[str]) -> None:
        """Hide the edges of these predicates."""
        wanted = set(hidden_predicates)
        if wanted != self.hidden_predicates:
            self.hidden_predicates = wanted
            self.events.emit("filters_changed")

    def set_predicate_visible(self, predicate: str, visible: bool) -> None:
        """Show or hide one predicate, leaving the other predicate filters as they are."""
        current = self.hidden_predicates
        self.set_predicate_filter((current - {predicate}) if visible else (current | {predicate}))

    def clear(self) -> None:
        """Remove everything (filters and notes included; not the path searches) and announce a ``reset``."""
        self.nodes.clear()
        self.edges.clear()
        self._incident.clear()
        self.notes.clear()  # the path searches stay: they belong to the Paths panel, not to the drawing
        self.expanded.clear()
        self.highlighted.clear()
        self.hidden_classes.clear()
        self.hidden_predicates.clear()
        self.focus = None
        # The analyst's rules stay (they are about classes and links, not these nodes); the
        # measure rule's values were about the nodes just removed.
        self.style_rules = [rule for rule in self.style_rules if rule.kind != "measure"]
        self.style_base = {}
        self.groups.clear()
        self._style_cache.clear()
        self.events.emit("reset")

    # ------------------------------------------------------------------ reading
    def is_node_visible(self, node: SceneNode) -> bool:
        if node.hidden:
            return False
        if node.kind == "more":
            parent = self.nodes.get(node.entity)
            return parent is not None and parent.kind == "entity" and self.is_node_visible(parent)
        return node.class_iri not in self.hidden_classes

    def is_edge_visible(self, edge: SceneEdge) -> bool:
        if edge.hidden or (edge.predicate and edge.predicate in self.hidden_predicates):
            return False
        return self.is_node_visible(self.nodes[edge.source]) and self.is_node_visible(self.nodes[edge.target])

    def visible_nodes(self) -> list[SceneNode]:
        """Nodes that are neither hidden nor filtered out, in insertion order."""
        return [n for n in self.nodes.values() if self.is_node_visible(n)]

    def visible_edges(self) -> list[SceneEdge]:
        """Edges that are not hidden, not filtered out, and whose both ends are visible."""
        return [e for e in self.edges.values() if self.is_edge_visible(e)]

    def class_counts(self) -> dict[str, int]:
        """How many entity nodes each class has in the scene (hidden ones included)."""
        counts: dict[str, int] = {}
        for node in self.nodes.values():
            if node.kind == "entity":
                counts[node.class_iri] = counts.get(node.class_iri, 0) + 1
        return counts

    def legend(self) -> list[tuple[str, str, str, str]]:
        """The classes in the scene as ``(class_iri, label, color, shape)``, most frequent first."""
        counts = self.class_counts()
        seen: dict[str, tuple[str, str, str, str]] = {}
        for node in self.nodes.values():
            if node.kind == "entity" and node.class_iri not in seen:
                seen[node.class_iri] = (node.class_iri, node.class_label or "(no class)", node.color, node.shape)
        return sorted(seen.values(), key=lambda entry: (-counts[entry[0]], entry[1].casefold(), entry[0]))

    def predicates(self) -> list[tuple[str, str, int]]:
        """The predicates drawn in the scene as ``(predicate, words, edges)``, most frequent first."""
        found: dict[str, list[Any]] = {}
        for edge in self.edges.values():
            if edge.predicate:
                entry = found.setdefault(edge.predicate, [edge.predicate, edge.label, 0])
                entry[2] += 1
        return sorted(((p, w, n) for p, w, n in found.values()), key=lambda item: (-item[2], item[1].casefold()))

    def bounds(self, visible_only: bool = True) -> tuple[float, float, float, float] | None:
        """``(left, top, right, bottom)`` of the node centres, or None for an empty scene."""
        nodes = self.visible_nodes() if visible_only else list(self.nodes.values())
        if not nodes:
            return None
        xs = [n.x for n in nodes]
        ys = [n.y for n in nodes]
        return min(xs), min(ys), max(xs), max(ys)

    # ------------------------------------------------------------------ persistence
    def to_dict(self) -> dict[str, Any]:
        """Everything about the scene as JSON-safe data (see :data:`SCHEMA_VERSION`)."""
        return scene_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scene:
        """Rebuild a scene saved by :meth:`to_dict`.

        Raises:
            ExplorerError: naming the first field that is missing or of the wrong type.
        """
        return scene_from_dict(cls(), data)

    def reindex(self) -> None:
        """Rebuild the edge index after ``nodes`` and ``edges`` were replaced wholesale."""
        self._incident = {node_id: set() for node_id in self.nodes}
        for edge in self.edges.values():
            self._index_edge(edge)

    def capture(self) -> SceneState:
        """What the scene shows now, to put back with :meth:`restore` (undo of a canvas change)."""
        return scene_state.capture(self)

    def restore(self, state: SceneState) -> None:
        """Show exactly what ``state`` holds again (see :mod:`explorer.core.scene_state`)."""
        scene_state.restore(self, state)


# ---------------------------------------------------------------------- helpers
def _evidence_counts(kg: KnowledgeGraph, entity: str) -> dict[tuple[str, str, str], int]:
    """Evidence records per stored triple for every fact about ``entity``, read in one pass."""
    return kg.evidence_counts(entity)


__all__ = [
    "EVENT_NAMES",
    "FALLBACK_PALETTE",
    "KINDS",
    "MORE_COLOR",
    "MORE_NODE_SIZE",
    "MORE_PREFIX",
    "NEUTRAL_COLOR",
    "NODE_SIZE",
    "SCHEMA_VERSION",
    "SHAPES",
    "Scene",
    "SceneEdge",
    "SceneEvents",
    "SceneNode",
    "SceneState",
    "class_style",
    "edge_id",
    "fallback_style",
    "more_node_id",
]
