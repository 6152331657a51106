"""Resolving styling rules into the looks each node and link is drawn with, and applying them.

Resolution is deterministic: each node starts from its class look (colour, shape, size; no icon;
its name as label), then every enabled rule that selects it, in order, sets the properties it
sets; a later rule wins per property. Links start plain (the theme's colour, width 1, their words).

The resolved looks are written onto the scene's nodes and edges (``color``, ``shape``, ``size``,
``icon``, ``label_shown``; ``line_color``, ``width``, ``label_hidden``), so the canvas, the
pictures and every export draw the same thing; :func:`resolved_styles` reads them for exporters.
The class looks the rules replaced are kept in ``scene.style_base`` so rules can be changed or
removed again. :class:`ApplyStyleRules` is the undoable command (the session's history runs it).

>>> from explorer.core.scene import Scene, SceneNode
>>> scene = Scene()
>>> _ = scene.add_node(SceneNode("urn:a", "urn:a", "A", "urn:City", "city", color="#111111"))
>>> ApplyStyleRules(scene, [StyleRule("class", "urn:City", color="#0072B2")]).redo()
>>> scene.nodes["urn:a"].color, scene.style_base["urn:a"][0]
('#0072B2', '#111111')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from explorer.core.scene_items import SceneEdge, SceneEvents, SceneNode
from explorer.core.style_rules import PROPERTY_LABEL, StyleRule

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: (colour, shape, size): what a node's class gives it, before any rule.
BaseLooks = tuple[str, str, float]
#: (colour, shape, size, icon, label_shown): what a node is drawn with.
NodeLooks = tuple[str, str, float, str, str | None]
#: (line_color, width, label_hidden): what a link is drawn with.
EdgeLooks = tuple[str | None, float, bool]
PLAIN_EDGE: EdgeLooks = (None, 1.0, False)
#: Rules that read the graph (subclasses, property values, analyst-added facts) ask it once per
#: entity or fact and remember the answer: looking at more than this many is left to the matches known.
GRAPH_LOOKUPS_UP_TO = 20_000


class StyledScene(Protocol):
    nodes: dict[str, SceneNode]
    edges: dict[str, SceneEdge]
    style_rules: list[StyleRule]
    style_base: dict[str, BaseLooks]
    events: SceneEvents

    @property
    def style_memory(self) -> StyleMemory: ...


class StyleMemory:
    """What rules needed from the graph, remembered per scene (not saved): a snapshot reopened
    without the graph, or a restyle from the Measures panel, resolves from what is known."""

    def __init__(self) -> None:
        self.descendants: dict[str, frozenset[str]] = {}
        self.values: dict[tuple[str, str], tuple[str, ...]] = {}
        self.analyst: dict[str, bool] = {}
        #: A measure style's size and colour per entity, kept while the same style object is in use
        #: (undo, redo and reordering rules restyle with it again).
        self.measured: tuple[Any, dict[str, tuple[float | None, str | None]]] | None = None

    def measure_looks(self, style: Any, entities: list[str]) -> list[tuple[float | None, str | None]]:
        """``style``'s size and colour of each of ``entities`` (worked out once per style and entity)."""
        if self.measured is None or self.measured[0] is not style:
            self.measured = (style, {})
        known = self.measured[1]
        missing = [entity for entity in entities if entity not in known]
        if missing:
            sizes, colours = style.looks_of(missing)
            known.update(zip(missing, zip(sizes, colours, strict=True), strict=True))
        return [known[entity] for entity in entities]

    def learn(self, kg: KnowledgeGraph | None, rules: Sequence[StyleRule], nodes: Iterable[SceneNode],
              edges: Iterable[SceneEdge]) -> None:
        """Ask ``kg`` what the enabled ``rules`` need to know about ``nodes`` and ``edges``."""
        if kg is None:
            return
        active = [rule for rule in rules if rule.enabled]
        for rule in active:
            if rule.kind == "class" and rule.subclasses and rule.target not in self.descendants:
                self.descendants[rule.target] = _descendants(kg, rule.target)
        properties = {rule.target for rule in active if rule.kind == "property"}
        properties |= {rule.label[len(PROPERTY_LABEL):] for rule in active
                       if rule.label and rule.label.startswith(PROPERTY_LABEL) and not rule.for_links}
        if properties:
            entities = [node.entity for node in nodes if node.kind == "entity"][:GRAPH_LOOKUPS_UP_TO]
            for prop in properties:
                for entity in entities:
                    if (entity, prop) not in self.values:
                        self.values[entity, prop] = _values(kg, entity, prop)
        if any(rule.kind == "evidence" and rule.value == "analyst-added" for rule in active):
            for edge in list(edges)[:GRAPH_LOOKUPS_UP_TO]:
                if edge.predicate and edge.id not in self.analyst:
                    self.analyst[edge.id] = _analyst_added(kg, edge)


# ---------------------------------------------------------------------- resolution
def resolve_nodes(rules: Sequence[StyleRule], nodes: Sequence[SceneNode], base: dict[str, BaseLooks],
                  memory: StyleMemory) -> list[NodeLooks]:
    """The looks of each of ``nodes`` under ``rules`` ("+N more" nodes keep theirs)."""
    colours, shapes, sizes, icons, labels = _resolve_columns(rules, nodes, base, memory)
    return list(zip(colours, shapes, sizes, icons, labels, strict=True))


def _resolve_columns(rules: Sequence[StyleRule], nodes: Sequence[SceneNode], base: dict[str, BaseLooks],
                     memory: StyleMemory) -> tuple[list[str], list[str], list[float], list[str], list[str | None]]:
    """:func:`resolve_nodes` as one list per look: a whole canvas is resolved column by column."""
    starts = [base.get(node.id) or (node.color, node.shape, node.size) for node in nodes]
    colours = [start[0] for start in starts]
    shapes = [start[1] for start in starts]
    sizes = [start[2] for start in starts]
    icons = [""] * len(nodes)
    labels: list[str | None] = [None] * len(nodes)
    entity_rows = [i for i, node in enumerate(nodes) if node.kind == "entity"]
    for rule in rules:
        if not rule.enabled or rule.for_links:
            continue
        if rule.kind == "measure":
            _apply_measure(rule, nodes, entity_rows, colours, shapes, sizes, memory)
            continue
        rows = _matching_nodes(rule, nodes, entity_rows, memory)
        columns: tuple[tuple[list[Any], Any], ...] = ((colours, rule.color), (shapes, rule.shape), (sizes, rule.size),
                                                      (icons, rule.icon))
        for column, value in columns:
            if value is not None:
                for row in rows:
                    column[row] = value
        if rule.label is not None:
            for row in rows:
                labels[row] = _label_text(rule.label, nodes[row], memory)
    return colours, shapes, sizes, icons, labels


def resolve_edges(rules: Sequence[StyleRule], edges: Sequence[SceneEdge], memory: StyleMemory) -> list[EdgeLooks]:
    """The looks of each of ``edges`` under ``rules``."""
    looks: list[list[Any]] = [[None, 1.0, False] for _ in edges]
    for rule in rules:
        if not rule.enabled or not rule.for_links:
            continue
        if rule.kind == "predicate":
            rows = [i for i, edge in enumerate(edges) if edge.predicate == rule.target]
        elif rule.value == "with-evidence":
            rows = [i for i, edge in enumerate(edges) if edge.predicate and edge.evidence_count > 0]
        elif rule.value == "without-evidence":
            rows = [i for i, edge in enumerate(edges) if edge.predicate and edge.evidence_count == 0]
        else:
            rows = [i for i, edge in enumerate(edges) if memory.analyst.get(edge.id, False)]
        for row in rows:
            if rule.color is not None:
                looks[row][0] = rule.color
            if rule.width is not None:
                looks[row][1] = rule.width
            if rule.label is not None:
                looks[row][2] = rule.label == "hidden"
    return [(c, w, h) for c, w, h in looks]


def _matching_nodes(rule: StyleRule, nodes: Sequence[SceneNode], rows: list[int], memory: StyleMemory) -> list[int]:
    if rule.kind == "class":
        wanted = {rule.target} | (memory.descendants.get(rule.target, frozenset()) if rule.subclasses else frozenset())
        return [i for i in rows if nodes[i].class_iri in wanted]
    values = memory.values
    target, value = rule.target, rule.value.casefold()
    found = []
    for i in rows:
        held = values.get((nodes[i].entity, target))
        if held and (not value or any(v.casefold() == value for v in held)):
            found.append(i)
    return found


def _apply_measure(rule: StyleRule, nodes: Sequence[SceneNode], rows: list[int], colours: list[str],
                   shapes: list[str], sizes: list[float], memory: StyleMemory) -> None:
    style = rule.measure
    if style is None or not rows:
        return
    for row, (size, colour) in zip(rows, memory.measure_looks(style, [nodes[i].entity for i in rows]), strict=True):
        if colour is not None:
            colours[row] = colour
        if size is not None:
            sizes[row] = size
        if rule.shape is not None:
            shapes[row] = rule.shape


def _label_text(choice: str, node: SceneNode, memory: StyleMemory) -> str | None:
    if choice == "name":
        return None
    if choice == "hidden":
        return ""
    if choice == "class":
        return node.class_label or node.label
    if choice == "name-class":
        return f"{node.label} ({node.class_label})" if node.class_label else node.label
    if choice == "local-name":
        return local_name(node.entity)
    held = memory.values.get((node.entity, choice[len(PROPERTY_LABEL):]))
    return held[0] if held else None


def local_name(iri: str) -> str:
    """The end of an IRI after its last ``#``, ``/`` or ``:``.

    >>> local_name("https://w3id.org/kg/China_Mobile")
    'China_Mobile'
    """
    for mark in ("#", "/", ":"):
        if mark in iri.rstrip(mark):
            return iri.rstrip(mark).rsplit(mark, 1)[-1]
    return iri


# ---------------------------------------------------------------------- applying
def node_looks(node: SceneNode) -> NodeLooks:
    return node.color, node.shape, node.size, node.icon, node.label_shown


def edge_looks(edge: SceneEdge) -> EdgeLooks:
    return edge.line_color, edge.width, edge.label_hidden


def _set_node(node: SceneNode, looks: NodeLooks) -> None:
    node.color, node.shape, node.size, node.icon, node.label_shown = looks


def _set_edge(edge: SceneEdge, looks: EdgeLooks) -> None:
    edge.line_color, edge.width, edge.label_hidden = looks


def restyle(scene: StyledScene, rules: Sequence[StyleRule], kg: KnowledgeGraph | None = None
            ) -> tuple[dict[str, NodeLooks], dict[str, EdgeLooks]]:
    """Make ``rules`` the scene's rules and draw every node and link by them.

    Returns:
        The looks the changed nodes and edges had before (what undo puts back); one
        ``nodes_restyled`` and one ``edges_restyled`` event carry the changed items.
    """
    nodes = list(scene.nodes.values())
    edges = list(scene.edges.values())
    memory = scene.style_memory
    memory.learn(kg, rules, nodes, edges)
    base = scene.style_base
    colours, shapes, sizes, icons, labels = _resolve_columns(rules, nodes, base, memory)
    before_nodes: dict[str, NodeLooks] = {}
    changed_nodes = []
    new_base: dict[str, BaseLooks] = {}
    # Column by column and field by field: a 5k-node restyle is a few milliseconds of plain loops.
    for node, colour, shape, size, icon, label in zip(nodes, colours, shapes, sizes, icons, labels, strict=True):
        start = base.get(node.id)
        if start is None:
            start = (node.color, node.shape, node.size)
        if icon or label is not None or colour != start[0] or size != start[2] or shape != start[1]:
            new_base[node.id] = start
        if (colour != node.color or size != node.size or shape != node.shape or icon != node.icon
                or label != node.label_shown):
            before_nodes[node.id] = (node.color, node.shape, node.size, node.icon, node.label_shown)
            node.color, node.shape, node.size, node.icon, node.label_shown = colour, shape, size, icon, label
            changed_nodes.append(node)
    before_edges: dict[str, EdgeLooks] = {}
    changed_edges = []
    # Links only ever get looks from link rules: with none before or now, none needs a look.
    if any(rule.for_links for rule in (*rules, *scene.style_rules)):
        for edge, edge_look in zip(edges, resolve_edges(rules, edges, memory), strict=True):
            old_edge = edge_looks(edge)
            if edge_look != old_edge:
                before_edges[edge.id] = old_edge
                _set_edge(edge, edge_look)
                changed_edges.append(edge)
    scene.style_rules = list(rules)
    scene.style_base = new_base
    scene.events.emit("nodes_restyled", changed_nodes)
    if changed_edges:
        scene.events.emit("edges_restyled", changed_edges)
    return before_nodes, before_edges


def style_new_items(scene: StyledScene, kg: KnowledgeGraph | None, nodes: Sequence[SceneNode] = (),
                    edges: Sequence[SceneEdge] = ()) -> None:
    """Give nodes and links about to be added (an expansion, a path) the looks the rules give them."""
    rules = scene.style_rules
    if not rules:
        return
    memory = scene.style_memory
    memory.learn(kg, rules, nodes, edges)
    for node, looks in zip(nodes, resolve_nodes(rules, nodes, {}, memory), strict=True):
        start = (node.color, node.shape, node.size)
        if looks != (*start, "", None):
            scene.style_base[node.id] = start
            _set_node(node, looks)
    for edge, edge_look in zip(edges, resolve_edges(rules, edges, memory), strict=True):
        _set_edge(edge, edge_look)


class ApplyStyleRules:
    """Undoable: make ``rules`` the scene's styling rules and restyle every node and link by them.

    Undo puts back the previous rules, the looks of every node and link that changed, and the
    class looks kept for them; only the changed items are announced, so a view repaints only those.
    """

    def __init__(self, scene: StyledScene, rules: Sequence[StyleRule], kg: KnowledgeGraph | None = None,
                 text: str = "Change styling rules") -> None:
        self.scene = scene
        self.rules = list(rules)
        self.kg = kg
        self.text = text
        self._previous: tuple[list[StyleRule], dict[str, BaseLooks]] = ([], {})
        self._before: tuple[dict[str, NodeLooks], dict[str, EdgeLooks]] = ({}, {})

    def redo(self) -> None:
        scene = self.scene
        self._previous = (list(scene.style_rules), dict(scene.style_base))
        self._before = restyle(scene, self.rules, self.kg)

    def undo(self) -> None:
        scene = self.scene
        nodes_before, edges_before = self._before
        changed_nodes = []
        for node_id, looks in nodes_before.items():
            node = scene.nodes.get(node_id)
            if node is not None:
                _set_node(node, looks)
                changed_nodes.append(node)
        changed_edges = []
        for edge_id_, edge_look in edges_before.items():
            edge = scene.edges.get(edge_id_)
            if edge is not None:
                _set_edge(edge, edge_look)
                changed_edges.append(edge)
        scene.style_rules, scene.style_base = list(self._previous[0]), dict(self._previous[1])
        scene.events.emit("nodes_restyled", changed_nodes)
        if changed_edges:
            scene.events.emit("edges_restyled", changed_edges)


# ---------------------------------------------------------------------- what exporters read
@dataclass(frozen=True)
class NodeStyle:
    color: str
    shape: str
    size: float
    icon: str
    #: The text shown as the node's label ("" when a rule hides it).
    label: str


@dataclass(frozen=True)
class EdgeStyle:
    #: ``None``: the theme's link colour.
    color: str | None
    width: float
    #: The words shown along the link ("" when a rule hides them).
    label: str


@dataclass(frozen=True)
class ResolvedStyles:
    nodes: dict[str, NodeStyle]
    edges: dict[str, EdgeStyle]


def resolved_styles(scene: StyledScene) -> ResolvedStyles:
    """The looks every node and link of ``scene`` is drawn with, after the styling rules: what
    the canvas shows and what each export writes (colour, shape, size, icon, shown label).

    >>> from explorer.core.scene import Scene, SceneNode
    >>> scene = Scene()
    >>> _ = scene.add_node(SceneNode("urn:a", "urn:a", "A", "", ""))
    >>> resolved_styles(scene).nodes["urn:a"].label
    'A'
    """
    nodes = {node.id: NodeStyle(node.color, node.shape, float(node.size), node.icon,
                                node.label if node.label_shown is None else node.label_shown)
             for node in scene.nodes.values()}
    edges = {edge.id: EdgeStyle(edge.line_color, float(edge.width), "" if edge.label_hidden else edge.label)
             for edge in scene.edges.values()}
    return ResolvedStyles(nodes, edges)


# ---------------------------------------------------------------------- graph look-ups
def _descendants(kg: KnowledgeGraph, class_iri: str) -> frozenset[str]:
    hierarchy = kg.class_hierarchy()
    found: set[str] = set()
    todo = [class_iri]
    while todo:
        info = hierarchy.get(todo.pop())
        if info is None:
            continue
        for child in info.children:
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


def _term(entity: str) -> Any:
    from rdflib import BNode, URIRef

    return BNode(entity[2:]) if entity.startswith("_:") else URIRef(entity)


def _values(kg: KnowledgeGraph, entity: str, prop: str) -> tuple[str, ...]:
    from rdflib import URIRef

    try:
        return tuple(str(obj) for _, _, obj in kg.triples(_term(entity), URIRef(prop), None))[:50]
    except Exception:  # a remote graph that cannot answer: the rule matches nothing here
        return ()


def _analyst_added(kg: KnowledgeGraph, edge: SceneEdge) -> bool:
    from explorer.core.curation.curator import EDITS_GRAPH_BASE

    try:
        return any(graph is not None and str(graph).startswith(EDITS_GRAPH_BASE)
                   for *_, graph in kg.quads(_term(edge.source), _term(edge.predicate), _term(edge.target)))
    except Exception:  # a remote graph that cannot answer
        return False


__all__ = [
    "ApplyStyleRules",
    "EdgeStyle",
    "NodeStyle",
    "ResolvedStyles",
    "StyleMemory",
    "local_name",
    "resolve_edges",
    "resolve_nodes",
    "resolved_styles",
    "restyle",
    "style_new_items",
]
