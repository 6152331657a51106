"""Layouts: stable when nodes are added, pinned nodes fixed, deterministic, chains left to right, rings by distance."""

from __future__ import annotations

import math

import numpy as np
import pytest

from explorer.core.errors import Cancelled
from explorer.core.layout import LayoutInput, apply_positions, force_directed, hierarchical, radial
from explorer.core.scene import Scene, SceneEdge, SceneNode
from explorer.core.tasks import CancelToken


def _node(scene: Scene, name: str, x: float = 0.0, y: float = 0.0) -> None:
    scene.add_node(SceneNode(name, name, name, "", "", x=x, y=y))


def _edge(scene: Scene, a: str, b: str) -> None:
    scene.add_edge(SceneEdge(f"{a} p {b}", a, b, "p", "p"))


def _tree(count: int = 40, seed: int = 3) -> Scene:
    """A random tree plus a few cross links, every node stacked at the origin."""
    rng = np.random.default_rng(seed)
    scene = Scene()
    for i in range(count):
        _node(scene, f"n{i}")
    for i in range(1, count):
        _edge(scene, f"n{int(rng.integers(0, i))}", f"n{i}")
    for _ in range(count // 10):
        a, b = sorted(int(v) for v in rng.choice(count, 2, replace=False))
        if f"n{a} p n{b}" not in scene.edges:
            _edge(scene, f"n{a}", f"n{b}")
    return scene


def _distance(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


def test_force_directed_spreads_a_stacked_scene_and_keeps_links_short():
    scene = _tree()
    positions = force_directed(scene, seed=1)
    assert set(positions) == set(scene.nodes)
    points = np.array(list(positions.values()))
    nearest = min(_distance(tuple(a), tuple(b)) for i, a in enumerate(points) for b in points[i + 1:])
    assert nearest > 10.0
    linked = np.median([_distance(positions[e.source], positions[e.target]) for e in scene.edges.values()])
    overall = np.median([_distance(tuple(a), tuple(b)) for a in points for b in points])
    assert linked < overall / 2
    assert (scene.nodes["n5"].x, scene.nodes["n5"].y) == positions["n5"]  # applied to the scene


def test_force_directed_is_deterministic():
    first = force_directed(_tree(), seed=7, apply=False)
    second = force_directed(_tree(), seed=7, apply=False)
    other = force_directed(_tree(), seed=8, apply=False)
    assert first == second
    assert first != other


def test_existing_nodes_keep_their_places_when_nodes_are_added():
    scene = _tree()
    force_directed(scene, seed=1)
    before = {node_id: (n.x, n.y) for node_id, n in scene.nodes.items()}
    parent = scene.nodes["n3"]
    for i in range(8):  # an expansion: new nodes start on the parent
        _node(scene, f"new{i}", parent.x, parent.y)
        _edge(scene, "n3", f"new{i}")
    force_directed(scene, fixed=before, seed=1)
    assert {node_id: (scene.nodes[node_id].x, scene.nodes[node_id].y) for node_id in before} == before
    for i in range(8):
        new = (scene.nodes[f"new{i}"].x, scene.nodes[f"new{i}"].y)
        assert new != (parent.x, parent.y)
        assert _distance(new, (parent.x, parent.y)) < 4 * 90.0


def test_relayout_of_a_settled_scene_moves_little():
    scene = _tree()
    force_directed(scene, seed=1)
    before = np.array([(n.x, n.y) for n in scene.nodes.values()])
    force_directed(scene, seed=1, iterations=40)
    after = np.array([(n.x, n.y) for n in scene.nodes.values()])
    extent = np.ptp(before, axis=0).max()
    assert np.median(np.hypot(*(after - before).T)) < 0.1 * extent


@pytest.mark.parametrize("layout", [force_directed, hierarchical, radial])
def test_pinned_nodes_never_move(layout):
    scene = _tree()
    force_directed(scene, seed=2)
    scene.move("n4", 1234.0, -567.0)
    scene.pin("n4")
    layout(scene)
    assert (scene.nodes["n4"].x, scene.nodes["n4"].y) == (1234.0, -567.0)


def test_hierarchical_orders_a_chain_left_to_right():
    scene = Scene()
    for name in "abcde":
        _node(scene, name)
    for a, b in ("ab", "bc", "dc", "de"):  # links point both ways along the chain
        _edge(scene, a, b)
    positions = hierarchical(scene, roots=["a"])
    xs = [positions[name][0] for name in "abcde"]
    assert xs == sorted(xs) and len(set(xs)) == 5
    # Without roots, chains start where nothing points at them.
    scene2 = Scene()
    for name in "wxyz":
        _node(scene2, name)
    for a, b in ("wx", "xy", "yz"):
        _edge(scene2, a, b)
    positions = hierarchical(scene2)
    assert [positions[n][0] for n in "wxyz"] == sorted(positions[n][0] for n in "wxyz")


def test_hierarchical_puts_siblings_in_one_column_without_overlap():
    scene = Scene()
    _node(scene, "root")
    for i in range(5):
        _node(scene, f"c{i}")
        _edge(scene, "root", f"c{i}")
    positions = hierarchical(scene)
    assert len({positions[f"c{i}"][0] for i in range(5)}) == 1
    assert len({positions[f"c{i}"][1] for i in range(5)}) == 5


def test_radial_rings_by_hop_distance():
    scene = Scene()
    for name in ["f", "a1", "a2", "a3", "b1", "b2", "c1", "lonely"]:
        _node(scene, name)
    for a, b in [("f", "a1"), ("f", "a2"), ("a3", "f"), ("a1", "b1"), ("a2", "b2"), ("b1", "c1")]:
        _edge(scene, a, b)
    positions = radial(scene, "f")
    radius = {name: _distance(p, positions["f"]) for name, p in positions.items()}
    assert positions["f"] == (0.0, 0.0)
    ring1 = [radius[n] for n in ("a1", "a2", "a3")]
    ring2 = [radius[n] for n in ("b1", "b2")]
    assert max(ring1) - min(ring1) < 1e-6 and max(ring2) - min(ring2) < 1e-6
    assert 0 < ring1[0] < ring2[0] < radius["c1"] < radius["lonely"]
    # b1 sits in its parent's wedge: closer in angle to a1 than to a2.
    angle = {n: math.atan2(positions[n][1], positions[n][0]) for n in positions}
    gap = lambda u, v: abs((angle[u] - angle[v] + math.pi) % (2 * math.pi) - math.pi)  # noqa: E731
    assert gap("b1", "a1") < gap("b1", "a2")


def test_radial_uses_the_scene_focus():
    scene = _tree(12)
    scene.set_focus("n7")
    positions = radial(scene)
    assert positions["n7"] == (0.0, 0.0)


def test_layouts_report_progress_and_can_be_cancelled():
    scene = _tree(60)
    seen = []
    force_directed(scene, iterations=20, progress=lambda fraction, message: seen.append(fraction))
    assert seen and seen[-1] == 1.0
    token = CancelToken()
    token.cancel()
    before = {n: (v.x, v.y) for n, v in scene.nodes.items()}
    for layout in (force_directed, hierarchical, radial):
        with pytest.raises(Cancelled):
            layout(scene, cancel=token)
    assert {n: (v.x, v.y) for n, v in scene.nodes.items()} == before


def test_snapshot_in_a_worker_then_apply_on_the_gui_thread():
    scene = _tree(20)
    snapshot = LayoutInput.from_scene(scene)
    positions = radial(snapshot, "n0", apply=False)
    assert all((n.x, n.y) == (0.0, 0.0) for n in scene.nodes.values())
    events = []
    scene.events.connect("positions_changed", events.append)
    apply_positions(scene, positions)
    assert len(events) == 1 and (scene.nodes["n1"].x, scene.nodes["n1"].y) == positions["n1"]


def test_hidden_nodes_are_left_alone():
    scene = _tree(20)
    scene.hide("n3")
    positions = force_directed(scene, seed=0)
    assert "n3" not in positions
    assert (scene.nodes["n3"].x, scene.nodes["n3"].y) == (0.0, 0.0)


def test_empty_scene():
    assert force_directed(Scene()) == {} and hierarchical(Scene()) == {} and radial(Scene()) == {}
