"""Placement: new nodes land clear of what is shown, layouts leave no two nodes (with their labels) on each other."""

from __future__ import annotations

import itertools

import numpy as np

from explorer.core.layout import force_directed, hierarchical, radial
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id, more_node_id
from explorer.core.scene_placement import footprint, separate
from tests.core.test_scene import EX, _hub_graph


def _clashes(nodes: list[SceneNode]) -> list[tuple[str, str]]:
    found = []
    for a, b in itertools.combinations(nodes, 2):
        (aw, ah), (bw, bh) = footprint(a), footprint(b)
        if abs(a.x - b.x) < aw + bw and abs(a.y - b.y) < ah + bh:
            found.append((a.id, b.id))
    return found


def test_expanded_nodes_and_the_more_chip_land_clear_of_shown_nodes():
    kg = _hub_graph()
    scene = Scene()
    hub = scene.add_entity(kg, EX + "hub", x=0.0, y=0.0)
    # Nodes already standing where the ring of new neighbours would go.
    for i in range(12):
        angle = 2 * np.pi * i / 12
        scene.add_node(SceneNode(f"urn:old{i}", f"urn:old{i}", f"Already here {i}", "", "",
                                 x=140 * float(np.cos(angle)), y=140 * float(np.sin(angle))))
    scene.expand(kg, hub.id, limit=25)
    assert more_node_id(hub.id) in scene.nodes
    clashes = _clashes(list(scene.nodes.values()))
    assert not [pair for pair in clashes if not all(node_id.startswith("urn:old") for node_id in pair)]


def test_every_layout_leaves_no_overlaps():
    scene = Scene()
    for i in range(60):
        scene.add_node(SceneNode(f"urn:n{i}", f"urn:n{i}", f"automated guided vehicles in Changlian {i}", "", ""))
        if i:
            scene.add_edge(SceneEdge(edge_id("urn:n0", "urn:p", f"urn:n{i}"), "urn:n0", f"urn:n{i}", "urn:p", "uses"))
    for layout in (force_directed, hierarchical, radial):
        if layout is radial:
            layout(scene, "urn:n0")
        else:
            layout(scene)
        clashes = _clashes(list(scene.nodes.values()))
    assert not [pair for pair in clashes if not all(node_id.startswith("urn:old") for node_id in pair)], layout.__name__


def test_separate_keeps_pinned_nodes_and_moves_the_least():
    positions = np.array([[0.0, 0.0], [5.0, 0.0], [500.0, 500.0]])
    half = np.array([[20.0, 10.0]] * 3)
    result = separate(positions, half, np.array([True, False, False]))
    assert tuple(result[0]) == (0.0, 0.0) and tuple(result[2]) == (500.0, 500.0)
    # Parted along the axis where they overlapped least (up or down), by no more than that overlap.
    assert result[1][0] == 5.0 and 26.0 <= abs(result[1][1]) <= 27.0
