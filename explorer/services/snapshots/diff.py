"""Comparing two snapshots: entities and links added, removed or changed, and triples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.core.backends.canonical import CanonicalForm
from explorer.services.snapshots.snapshot import ADDED_COLOR, CHANGED_COLOR, REMOVED_COLOR, UNCHANGED_COLOR, Snapshot

if TYPE_CHECKING:
    from explorer.core.scene import Scene


# ------------------------------------------------------------------------------ diff
@dataclass(frozen=True)
class NodeChange:
    """A node whose label, class, colour, shape, pin or visibility differs (``what`` lists them)."""

    entity: str
    label: str
    what: tuple[str, ...]
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class DiffRow:
    """One line of the diff table: change ("added", "removed", "changed"), kind ("entity", "link"), text."""

    change: str
    kind: str
    label: str
    detail: str
    item_id: str


@dataclass
class SnapshotDiff:
    """What changed from snapshot ``a`` to snapshot ``b``.

    Entities are matched by IRI and links by the stored triple, so the same graph drawn
    differently is "changed" (moved, recoloured), not removed and added. Blank nodes are
    matched by names drawn from each snapshot's subgraph (RDFC-1.0; see
    :meth:`CanonicalForm.local_label`), since their saved names change every time the data is loaded.
    """

    a_title: str
    b_title: str
    nodes_added: list[dict[str, Any]] = field(default_factory=list)
    nodes_removed: list[dict[str, Any]] = field(default_factory=list)
    nodes_changed: list[NodeChange] = field(default_factory=list)
    nodes_moved: list[str] = field(default_factory=list)
    edges_added: list[dict[str, Any]] = field(default_factory=list)
    edges_removed: list[dict[str, Any]] = field(default_factory=list)
    edges_changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    triples_added: int = 0
    triples_removed: int = 0
    _a: dict[str, Any] = field(default_factory=dict, repr=False)
    _b: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.nodes_added or self.nodes_removed or self.nodes_changed or self.edges_added
                    or self.edges_removed or self.edges_changed)

    def summary(self) -> str:
        return (f"{len(self.nodes_added)} entities added, {len(self.nodes_removed)} removed, {len(self.nodes_changed)} changed; "
                f"{len(self.edges_added)} links added, {len(self.edges_removed)} removed; "
                f"{self.triples_added} triples added, {self.triples_removed} removed")

    def rows(self) -> list[DiffRow]:
        """The diff as table rows: added, then removed, then changed; entities before links."""
        labels = {n["entity"]: n.get("label", n["entity"]) for n in (*self._a.get("nodes", []), *self._b.get("nodes", []))}

        def link(edge: Mapping[str, Any]) -> str:
            source = labels.get(_node_entity(self._a, self._b, edge["source"]), edge["source"])
            target = labels.get(_node_entity(self._a, self._b, edge["target"]), edge["target"])
            return f"{source} — {edge.get('label') or edge.get('predicate', '')} → {target}"

        rows = [DiffRow("added", "entity", n["label"], n.get("class_label", ""), n["id"]) for n in self.nodes_added]
        rows += [DiffRow("added", "link", link(e), e.get("predicate", ""), e["id"]) for e in self.edges_added]
        rows += [DiffRow("removed", "entity", n["label"], n.get("class_label", ""), n["id"]) for n in self.nodes_removed]
        rows += [DiffRow("removed", "link", link(e), e.get("predicate", ""), e["id"]) for e in self.edges_removed]
        rows += [DiffRow("changed", "entity", c.label, _describe_change(c), c.entity) for c in self.nodes_changed]
        rows += [DiffRow("changed", "link", link(after), _describe_edge_change(before, after), after["id"])
                 for before, after in self.edges_changed]
        return rows

    def scene(self) -> Scene:
        """One scene with both snapshots: ``b``'s layout, added items green, removed red, changed orange, the rest grey.

        Added and removed links are drawn in green and red too, and their label says
        "added:" or "removed:" for readers who do not tell the colours apart.
        """
        from explorer.core.scene import Scene, SceneEdge, SceneNode

        scene = Scene()
        added = {n["id"] for n in self.nodes_added}
        changed = {c.entity for c in self.nodes_changed}
        for raw in self._b.get("nodes", []):
            node = SceneNode(**_node_fields(raw))
            node.color = ADDED_COLOR if node.id in added else CHANGED_COLOR if node.entity in changed else UNCHANGED_COLOR
            node.hidden = False
            scene.add_node(node)
        for raw in self.nodes_removed:
            node = SceneNode(**_node_fields(raw))
            node.color, node.hidden = REMOVED_COLOR, False
            scene.add_node(node)
        added_edges = {e["id"] for e in self.edges_added}
        for raw in self._b.get("edges", []):
            edge = SceneEdge(**_edge_fields(raw))
            edge.hidden = False
            if edge.id in added_edges:
                edge.label, edge.color = f"added: {edge.label}", ADDED_COLOR
            if edge.source in scene.nodes and edge.target in scene.nodes:
                scene.add_edge(edge)
        for raw in self.edges_removed:
            edge = SceneEdge(**_edge_fields(raw))
            edge.label, edge.hidden, edge.color = f"removed: {edge.label}", False, REMOVED_COLOR
            if edge.source in scene.nodes and edge.target in scene.nodes and edge.id not in scene.edges:
                scene.add_edge(edge)
        scene.highlight([*added, *(n["id"] for n in self.nodes_removed), *added_edges, *(e["id"] for e in self.edges_removed)])
        return scene


def _node_entity(a: Mapping[str, Any], b: Mapping[str, Any], node_id: str) -> str:
    for data in (b, a):
        for node in data.get("nodes", []):
            if node["id"] == node_id:
                return str(node["entity"])
    return node_id


def _node_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    from dataclasses import fields

    from explorer.core.scene import SceneNode

    names = {f.name for f in fields(SceneNode)}
    return {k: v for k, v in raw.items() if k in names}


def _edge_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    from dataclasses import fields

    from explorer.core.scene import SceneEdge

    names = {f.name for f in fields(SceneEdge)}
    return {k: v for k, v in raw.items() if k in names}


_COMPARED = ("label", "class_iri", "color", "shape", "pinned", "hidden")
#: Moving a node less than this (scene units) is not a change worth listing.
MOVE_TOLERANCE = 1.0


def _describe_change(change: NodeChange) -> str:
    parts = []
    for name in change.what:
        if name == "moved":
            parts.append("moved")
        else:
            parts.append(f"{name.replace('_', ' ')}: {change.before.get(name)!s} → {change.after.get(name)!s}")
    return "; ".join(parts)


def _describe_edge_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    parts = []
    for name in ("label", "hidden", "evidence_count"):
        if before.get(name) != after.get(name):
            parts.append(f"{name.replace('_', ' ')}: {before.get(name)!s} → {after.get(name)!s}")
    return "; ".join(parts)


def diff_snapshots(a: Snapshot, b: Snapshot) -> SnapshotDiff:
    """Entities and links added, removed and changed from ``a`` to ``b`` ("+N more" nodes are ignored)."""
    result = SnapshotDiff(a.title, b.title, _a=a.scene_data, _b=b.scene_data)
    form_a, form_b = a.canonical(), b.canonical()

    def entity_nodes(data: Mapping[str, Any], form: CanonicalForm) -> dict[str, dict[str, Any]]:
        return {form.local_label(n["entity"]): n for n in data.get("nodes", []) if n.get("kind", "entity") == "entity"}

    def link_edges(data: Mapping[str, Any], form: CanonicalForm) -> dict[str, dict[str, Any]]:
        # A link's id is "subject predicate object"; none of the three holds a space.
        return {" ".join(map(form.local_label, e["id"].split(" "))): e for e in data.get("edges", []) if e.get("predicate")}

    before_nodes, after_nodes = entity_nodes(a.scene_data, form_a), entity_nodes(b.scene_data, form_b)
    for entity, node in after_nodes.items():
        if entity not in before_nodes:
            result.nodes_added.append(node)
            continue
        old = before_nodes[entity]
        # A blank node without a label shows its name, which changes with every load.
        what = [name for name in _COMPARED if form_a.local_label(old.get(name)) != form_b.local_label(node.get(name))]
        moved = abs(float(old.get("x", 0)) - float(node.get("x", 0))) > MOVE_TOLERANCE or \
            abs(float(old.get("y", 0)) - float(node.get("y", 0))) > MOVE_TOLERANCE
        if moved:
            result.nodes_moved.append(node["entity"])
        if what:
            result.nodes_changed.append(NodeChange(node["entity"], str(node.get("label", node["entity"])), tuple(what),
                                                   {k: old.get(k) for k in what}, {k: node.get(k) for k in what}))
    result.nodes_removed = [node for entity, node in before_nodes.items() if entity not in after_nodes]
    before_edges, after_edges = link_edges(a.scene_data, form_a), link_edges(b.scene_data, form_b)
    for edge_id, edge in after_edges.items():
        if edge_id not in before_edges:
            result.edges_added.append(edge)
        elif any(before_edges[edge_id].get(k) != edge.get(k) for k in ("label", "hidden", "evidence_count")):
            result.edges_changed.append((before_edges[edge_id], edge))
    result.edges_removed = [edge for edge_id, edge in before_edges.items() if edge_id not in after_edges]
    before_triples, after_triples = form_a.local_lines(), form_b.local_lines()
    result.triples_added = len(after_triples - before_triples)
    result.triples_removed = len(before_triples - after_triples)
    return result

