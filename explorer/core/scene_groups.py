"""Groups on the canvas: a set of nodes collapsed into one node, and expanded again.

Collapsing takes the members (and their "+N more" chips) off the scene and keeps them, with
every link that touched them, in a :class:`SceneGroup` record in ``scene.groups``. One group
node (kind ``"group"``, id ``group:<n>``) stands in for them, and the links to each outside
node are merged into one link to the group, labelled with how many there were. Expanding
puts the members back where they were (shifted by as much as the group node was moved)
with their original links; the record stays, so the same members collapse again.
Ungrouping forgets the record (expanding first when it is collapsed).

Everything here edits the scene directly; the session wraps each call in one undoable step.

>>> from explorer.core.scene import Scene
>>> scene = Scene()
>>> for name in "abc":
...     _ = scene.add_node(SceneNode(f"urn:{name}", f"urn:{name}", name.upper(), "urn:C", "city"))
>>> _ = scene.add_edge(SceneEdge(edge_id("urn:a", "urn:p", "urn:c"), "urn:a", "urn:c", "urn:p", "near"))
>>> _ = scene.add_edge(SceneEdge(edge_id("urn:b", "urn:p", "urn:c"), "urn:b", "urn:c", "urn:p", "near"))
>>> gid = collapse_nodes(scene, ["urn:a", "urn:b"])
>>> scene.nodes[gid].label, sorted(scene.nodes)
('city (2)', ['group:1', 'urn:c'])
>>> [e.label for e in scene.edges.values()]
['near ×2']
>>> sorted(expand_group(scene, gid)), len(scene.edges)
(['urn:a', 'urn:b'], 2)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any, Protocol

from explorer.core.errors import ExplorerError
from explorer.core.scene_items import NEUTRAL_COLOR, NODE_SIZE, SceneEdge, SceneEvents, SceneNode, edge_id, more_node_id
from explorer.core.scene_placement import clear_of_others

GROUP_PREFIX = "group:"
#: A group node's glyph grows with the square root of its members, up to this size.
GROUP_MAX_SIZE = 64.0
#: The most groups and members a saved scene may hold (a snapshot is bounded in size).
MAX_GROUPS = 1000
MAX_MEMBERS = 100_000
MAX_NAME = 200


class _GroupScene(Protocol):
    nodes: dict[str, SceneNode]
    edges: dict[str, SceneEdge]
    focus: str | None
    highlighted: set[str]
    expanded: dict[str, list[str]]
    groups: dict[str, SceneGroup]
    events: SceneEvents

    def add_node(self, node: SceneNode) -> SceneNode: ...
    def add_edge(self, edge: SceneEdge) -> SceneEdge: ...
    def remove(self, item_id: str) -> None: ...
    def incident_edges(self, node_id: str) -> list[SceneEdge]: ...
    def highlight(self, ids: Iterable[str]) -> None: ...
    def set_focus(self, node_id: str | None) -> None: ...


@dataclass(frozen=True)
class SceneGroup:
    """One group: its members as they were when it was collapsed, and the links that touched them.

    Records are never changed in place (a copy replaces them), so undo keeps them by reference.
    """

    id: str
    name: str
    members: tuple[str, ...]
    collapsed: bool = True
    #: The member nodes (and their "+N more" chips) as they were, when collapsed.
    nodes: tuple[SceneNode, ...] = ()
    #: Every link that touched a member, as it was, when collapsed.
    edges: tuple[SceneEdge, ...] = ()
    #: Member expansions (``scene.expanded`` entries) and highlighted ids put aside while collapsed.
    expanded: tuple[tuple[str, tuple[str, ...]], ...] = ()
    highlighted: tuple[str, ...] = ()
    #: Where the group node was put, to shift the members by as much as it was moved.
    origin: tuple[float, float] = (0.0, 0.0)


def is_group(node_id: str) -> bool:
    """Whether ``node_id`` names a group node.

    >>> is_group("group:3"), is_group("urn:a")
    (True, False)
    """
    return node_id.startswith(GROUP_PREFIX)


def group_of(scene: _GroupScene, node_id: str) -> SceneGroup | None:
    """The expanded group ``node_id`` is a member of, if any."""
    for group in scene.groups.values():
        if not group.collapsed and node_id in group.members:
            return group
    return None


def default_name(nodes: Iterable[SceneNode]) -> str:
    """The class the members share (or "Group"), and how many there are.

    >>> default_name([SceneNode("a", "a", "A", "c", "city"), SceneNode("b", "b", "B", "d", "country")])
    'Group (2)'
    """
    members = list(nodes)
    classes = {node.class_label for node in members}
    common = classes.pop() if len(classes) == 1 else ""
    return f"{common or 'Group'} ({len(members)})"


def collapse_nodes(scene: _GroupScene, ids: Iterable[str], name: str | None = None, group_id: str | None = None) -> str:
    """Collapse the nodes ``ids`` (entities or groups, two or more) into one group node; returns its id.

    Raises:
        ExplorerError: fewer than two nodes to group, or a name that is too long.
    """
    wanted = [i for i in dict.fromkeys(ids) if i in scene.nodes and scene.nodes[i].kind in ("entity", "group")]
    if len(wanted) < 2:
        raise ExplorerError("select two or more nodes on the canvas to group them")
    members = [scene.nodes[i] for i in wanted]
    title = (name or "").strip() or default_name(members)
    if len(title) > MAX_NAME:
        raise ExplorerError(f"group name: at most {MAX_NAME} characters")
    gid = group_id or _new_id(scene)
    chips = [more_node_id(i) for i in wanted if more_node_id(i) in scene.nodes]
    inside = set(wanted) | set(chips)
    touching = {e.id: e for i in inside for e in scene.incident_edges(i)}
    x = sum(n.x for n in members) / len(members)
    y = sum(n.y for n in members) / len(members)
    record = SceneGroup(
        id=gid, name=title, members=tuple(wanted),
        nodes=tuple(replace(scene.nodes[i]) for i in wanted + chips),
        edges=tuple(replace(e) for e in touching.values()),
        # Expansions of members, and those of outside nodes that brought members in (removal edits both).
        expanded=tuple((key, tuple(brought)) for key, brought in scene.expanded.items()
                       if key in inside or inside.intersection(brought)),
        highlighted=tuple(i for i in [*inside, *touching] if i in scene.highlighted),
        origin=(x, y),
    )
    classes = {n.class_iri for n in members}
    common = members[0] if len(classes) == 1 else None
    group_node = SceneNode(
        id=gid, entity=gid, label=title, class_iri=common.class_iri if common else "",
        class_label=common.class_label if common else "", x=x, y=y, kind="group",
        color=common.color if common else NEUTRAL_COLOR, shape="round-rect",
        size=min(GROUP_MAX_SIZE, NODE_SIZE + 6.0 * math.sqrt(len(members))),
        more_count=len(members),
    )
    # At the members' centre, unless that covers a node left outside (the hub they all link to, say).
    clear_of_others([n for i, n in scene.nodes.items() if i not in inside], [group_node])
    record = replace(record, origin=(group_node.x, group_node.y))
    was_focus = scene.focus in inside
    merged, merged_highlight = _merged_links(gid, inside, touching.values(), scene.highlighted)
    for node_id in inside:
        scene.remove(node_id)  # with its links, its expansion entry and its highlight
    scene.groups[gid] = record
    scene.add_node(group_node)
    for edge in merged:
        if edge.source in scene.nodes and edge.target in scene.nodes:
            scene.add_edge(edge)
    if was_focus:
        scene.set_focus(gid)
    if record.highlighted:  # a path through the group stays visible on the group
        scene.highlight(scene.highlighted | {gid} | merged_highlight)
    return gid


def expand_group(scene: _GroupScene, group_id: str) -> list[str]:
    """Put a collapsed group's members back (shifted by as much as the group node moved); returns their ids."""
    record = scene.groups.get(group_id)
    if record is None or not record.collapsed:
        raise ExplorerError(f"{group_id}: not a collapsed group on the canvas")
    node = scene.nodes.get(group_id)
    dx, dy = (node.x - record.origin[0], node.y - record.origin[1]) if node is not None else (0.0, 0.0)
    was_focus = scene.focus == group_id
    if node is not None:
        scene.remove(group_id)
    restored: list[str] = []
    for member in record.nodes:
        if member.id not in scene.nodes:
            scene.add_node(replace(member, x=member.x + dx, y=member.y + dy))
            restored.append(member.id)
    for edge in record.edges:
        if edge.source in scene.nodes and edge.target in scene.nodes and edge.id not in scene.edges:
            scene.add_edge(replace(edge))
    inside = {n.id for n in record.nodes}
    for key, brought in record.expanded:
        if key not in scene.nodes:
            continue
        if key in inside:
            scene.expanded[key] = [i for i in brought if i in scene.nodes]
        else:  # an outside expansion: its members come back into its list, what it has now stays
            current = scene.expanded.setdefault(key, [])
            current.extend(i for i in brought if i in inside and i in scene.nodes and i not in current)
    if record.highlighted:
        scene.highlight(scene.highlighted | set(record.highlighted))
    if was_focus:
        scene.set_focus(record.members[0] if record.members[0] in scene.nodes else None)
    scene.groups[group_id] = replace(record, collapsed=False, nodes=(), edges=(), expanded=(), highlighted=())
    return [i for i in restored if i in record.members]


def collapse_again(scene: _GroupScene, group_id: str) -> str:
    """Collapse an expanded group's members (those still on the canvas) once more, under its name."""
    record = scene.groups.get(group_id)
    if record is None or record.collapsed:
        raise ExplorerError(f"{group_id}: not an expanded group")
    return collapse_nodes(scene, [m for m in record.members if m in scene.nodes], record.name, group_id)


def ungroup(scene: _GroupScene, group_id: str) -> list[str]:
    """Forget a group (its members are put back first when it is collapsed); returns the members shown."""
    record = scene.groups.get(group_id)
    if record is None:
        raise ExplorerError(f"{group_id}: not a group")
    shown = expand_group(scene, group_id) if record.collapsed else [m for m in record.members if m in scene.nodes]
    del scene.groups[group_id]
    return shown


def rename_group(scene: _GroupScene, group_id: str, name: str) -> None:
    """Give a group a new name (its node's label too)."""
    title = name.strip()
    if not title or len(title) > MAX_NAME:
        raise ExplorerError(f"group name: between 1 and {MAX_NAME} characters")
    record = scene.groups.get(group_id)
    if record is None:
        raise ExplorerError(f"{group_id}: not a group")
    scene.groups[group_id] = replace(record, name=title)
    node = scene.nodes.get(group_id)
    if node is not None:
        node.label = title
        scene.events.emit("node_changed", node)


def collapsed_content(scene: _GroupScene) -> tuple[list[SceneNode], list[SceneEdge]]:
    """The entity nodes and fact edges held inside collapsed groups (a snapshot keeps their facts too)."""
    nodes: dict[str, SceneNode] = {}
    edges: dict[str, SceneEdge] = {}
    for group in live_groups(scene).values():
        if group.collapsed:
            nodes.update((n.id, n) for n in group.nodes if n.kind == "entity")
            edges.update((e.id, e) for e in group.edges if e.predicate)
    return list(nodes.values()), list(edges.values())


def live_groups(scene: _GroupScene) -> dict[str, SceneGroup]:
    """Groups still in use: collapsed ones whose node is shown (or kept inside another group),
    expanded ones with a member shown."""
    present = set(scene.nodes) | {n.id for g in scene.groups.values() if g.collapsed for n in g.nodes}
    return {
        gid: group for gid, group in scene.groups.items()
        if (gid in present if group.collapsed else any(m in present for m in group.members))
    }


def _new_id(scene: _GroupScene) -> str:
    number = 1
    while f"{GROUP_PREFIX}{number}" in scene.nodes or f"{GROUP_PREFIX}{number}" in scene.groups:
        number += 1
    return f"{GROUP_PREFIX}{number}"


def _merged_id(group_id: str, outside: str) -> str:
    return edge_id(group_id, "", outside)


def _merged_links(group_id: str, inside: set[str], touching: Iterable[SceneEdge],
                  highlighted: set[str]) -> tuple[list[SceneEdge], set[str]]:
    """One link per outside node, named by the links it stands for (``near ×3`` or ``4 links``),
    and the ids of those that stand for a highlighted link."""
    by_outside: dict[str, list[SceneEdge]] = {}
    for edge in touching:
        source_in, target_in = edge.source in inside, edge.target in inside
        if source_in and target_in:
            continue
        by_outside.setdefault(edge.target if source_in else edge.source, []).append(edge)
    merged = []
    lit: set[str] = set()
    for outside, links in by_outside.items():
        if any(e.id in highlighted for e in links):
            lit.add(_merged_id(group_id, outside))
        words = {e.label for e in links}
        label = (f"{words.pop()} ×{len(links)}" if len(links) > 1 else links[0].label) if len(words) == 1 \
            else f"{len(links)} links"
        outgoing = sum(1 for e in links if e.source in inside) >= len(links) / 2
        source, target = (group_id, outside) if outgoing else (outside, group_id)
        merged.append(SceneEdge(id=_merged_id(group_id, outside), source=source, target=target, predicate="",
                                label=label, evidence_count=sum(e.evidence_count for e in links),
                                hidden=all(e.hidden for e in links)))
    return merged, lit


# ---------------------------------------------------------------------- saving
def groups_to_data(scene: _GroupScene) -> list[dict[str, Any]]:
    """The live groups as JSON-safe data (the ``groups`` field of a saved scene)."""
    return [
        {"id": g.id, "name": g.name, "members": list(g.members), "collapsed": g.collapsed,
         "nodes": [asdict(n) for n in g.nodes], "edges": [asdict(e) for e in g.edges],
         "expanded": {k: list(v) for k, v in g.expanded}, "highlighted": list(g.highlighted),
         "origin": list(g.origin)}
        for g in live_groups(scene).values()
    ]


def groups_from_data(raw: Any, read_node: Any, read_edge: Any) -> dict[str, SceneGroup]:
    """Read the ``groups`` field of a saved scene (absent in older snapshots).

    ``read_node``/``read_edge`` check one saved node or edge (``scene_io``'s readers).

    Raises:
        ExplorerError: naming the first group field that is wrong.
    """
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise ExplorerError("scene: groups: expected a list")
    if len(raw) > MAX_GROUPS:
        raise ExplorerError(f"scene: groups: more than {MAX_GROUPS} groups")
    groups: dict[str, SceneGroup] = {}
    for index, entry in enumerate(raw):
        where = f"scene: groups[{index}]"
        if not isinstance(entry, Mapping):
            raise ExplorerError(f"{where}: expected an object")
        gid, name = entry.get("id"), entry.get("name")
        if not isinstance(gid, str) or not is_group(gid):
            raise ExplorerError(f"{where}.id: expected a string starting with {GROUP_PREFIX!r}")
        if not isinstance(name, str) or len(name) > MAX_NAME:
            raise ExplorerError(f"{where}.name: expected a string of at most {MAX_NAME} characters")
        members = entry.get("members")
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members) or len(members) > MAX_MEMBERS:
            raise ExplorerError(f"{where}.members: expected a list of node ids (at most {MAX_MEMBERS})")
        collapsed = entry.get("collapsed", True)
        if not isinstance(collapsed, bool):
            raise ExplorerError(f"{where}.collapsed: expected true or false")
        nodes, edges = entry.get("nodes", []), entry.get("edges", [])
        if not isinstance(nodes, list) or len(nodes) > MAX_MEMBERS:
            raise ExplorerError(f"{where}.nodes: expected a list (at most {MAX_MEMBERS})")
        if not isinstance(edges, list) or len(edges) > 10 * MAX_MEMBERS:
            raise ExplorerError(f"{where}.edges: expected a list")
        expanded = entry.get("expanded", {})
        if not isinstance(expanded, Mapping) or not all(
                isinstance(v, list) and all(isinstance(i, str) for i in v) for v in expanded.values()):
            raise ExplorerError(f"{where}.expanded: expected an object of node id lists")
        highlighted = entry.get("highlighted", [])
        if not isinstance(highlighted, list) or not all(isinstance(i, str) for i in highlighted):
            raise ExplorerError(f"{where}.highlighted: expected a list of ids")
        origin = entry.get("origin", [0.0, 0.0])
        if (not isinstance(origin, list) or len(origin) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in origin)):
            raise ExplorerError(f"{where}.origin: expected [x, y]")
        groups[gid] = SceneGroup(
            id=gid, name=name, members=tuple(members), collapsed=collapsed,
            nodes=tuple(read_node(n, f"{where}.nodes[{i}]") for i, n in enumerate(nodes)),
            edges=tuple(read_edge(e, f"{where}.edges[{i}]") for i, e in enumerate(edges)),
            expanded=tuple((str(k), tuple(v)) for k, v in expanded.items()),
            highlighted=tuple(highlighted), origin=(float(origin[0]), float(origin[1])),
        )
    return groups


__all__ = [
    "GROUP_PREFIX",
    "SceneGroup",
    "collapse_again",
    "collapse_nodes",
    "collapsed_content",
    "default_name",
    "expand_group",
    "group_of",
    "groups_from_data",
    "groups_to_data",
    "is_group",
    "live_groups",
    "rename_group",
    "ungroup",
]
