"""Multilevel force layout: as good as the single-level one, cancellable, deterministic, local when nodes are added."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from explorer.core.errors import Cancelled
from explorer.core.layout import EDGE_LENGTH, LayoutInput, force_directed
from explorer.core.layout_multilevel import ExactRepulsion, GridRepulsion, coarsen, hierarchy
from explorer.core.scene import Scene, SceneEdge, SceneNode
from explorer.core.tasks import CancelToken

#: How much worse than the single-level layout the multilevel one may be (measured: about 1.0–1.05).
SPREAD_TOLERANCE = 1.15
OVERLAP_TOLERANCE = 0.02


def clustered_scene(count: int, seed: int = 0) -> Scene:
    """Nodes stacked at the origin, linked mostly to nearby ids (clusters), a tenth at random: an analyst's graph."""
    rng = np.random.default_rng(seed)
    scene = Scene()
    with scene.events.blocked():
        for i in range(count):
            scene.add_node(SceneNode(f"n{i}", f"n{i}", f"n{i}", "", ""))
        made = 0
        while made < 2 * count:
            a = int(rng.integers(0, count))
            b = (a + int(rng.integers(1, 60))) % count if rng.random() < 0.9 else int(rng.integers(0, count))
            edge = f"n{a} p n{b}"
            if a == b or edge in scene.edges:
                continue
            scene.add_edge(SceneEdge(edge, f"n{a}", f"n{b}", "p", "p"))
            made += 1
    return scene


def quality(data: LayoutInput, positions: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """(edge-length spread: std/mean of edge lengths, overlap: share of nodes with another within 0.3 edge lengths)."""
    points = np.array([positions[i] for i in data.ids])
    lengths = np.hypot(*(points[data.edges[:, 0]] - points[data.edges[:, 1]]).T)
    nearest, _ = cKDTree(points).query(points, k=2)
    return float(lengths.std() / lengths.mean()), float((nearest[:, 1] < 0.3 * EDGE_LENGTH).mean())


def test_multilevel_layout_is_no_worse_than_the_single_level_one():
    data = LayoutInput.from_scene(clustered_scene(1000))
    multi = force_directed(data, seed=1, apply=False)  # the default for a fresh scene this big
    single = force_directed(data, seed=1, apply=False, multilevel=False)
    multi_spread, multi_overlap = quality(data, multi)
    single_spread, single_overlap = quality(data, single)
    assert multi_spread <= SPREAD_TOLERANCE * single_spread
    assert multi_overlap <= single_overlap + OVERLAP_TOLERANCE
    # and it is laid out, not left in a heap: linked nodes closer than nodes in general
    points = np.array(list(multi.values()))
    assert np.ptp(points, axis=0).min() > 10 * EDGE_LENGTH


def test_multilevel_is_deterministic_and_centred_where_the_nodes_were():
    scene = clustered_scene(800)
    first = force_directed(scene, seed=3, apply=False)
    assert first == force_directed(scene, seed=3, apply=False)
    assert first != force_directed(scene, seed=4, apply=False)
    assert np.allclose(np.array(list(first.values())).mean(axis=0), 0.0, atol=1e-6)


def test_multilevel_can_be_cancelled_and_reports_progress():
    scene = clustered_scene(800)
    seen: list[float] = []
    force_directed(scene, progress=lambda fraction, message: seen.append(fraction), apply=False)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 10
    token = CancelToken()
    calls = iter(range(1000))

    def cancel_midway(fraction: float, message: str) -> None:
        if next(calls) == 5:
            token.cancel()

    with pytest.raises(Cancelled):
        force_directed(scene, progress=cancel_midway, cancel=token)
    assert {(n.x, n.y) for n in scene.nodes.values()} == {(0.0, 0.0)}  # nothing applied


def test_adding_nodes_to_a_big_scene_moves_only_them():
    scene = clustered_scene(1200)
    force_directed(scene, seed=1)
    before = {node_id: (n.x, n.y) for node_id, n in scene.nodes.items()}
    parent = scene.nodes["n10"]
    for i in range(25):  # an expansion: the new nodes start on the parent
        scene.add_node(SceneNode(f"new{i}", f"new{i}", f"new{i}", "", "", x=parent.x, y=parent.y))
        scene.add_edge(SceneEdge(f"n10 p new{i}", "n10", f"new{i}", "p", "p"))
    positions = force_directed(scene, fixed=before, seed=1)
    assert {node_id: positions[node_id] for node_id in before} == before
    new = np.array([positions[f"new{i}"] for i in range(25)])
    distance = np.hypot(*(new - (parent.x, parent.y)).T)
    assert distance.max() < 5 * EDGE_LENGTH
    assert len({tuple(p) for p in new.round(1)}) == 25  # spread out, not stacked
    nearest, _ = cKDTree(np.array(list(before.values()))).query(new)
    assert np.median(nearest) > 0.3 * EDGE_LENGTH  # they do not land on the nodes already there


def test_coarsening_shrinks_a_star_and_keeps_isolated_nodes():
    star = np.array([(0, i) for i in range(1, 50)])
    groups, members = coarsen(60, star, np.random.default_rng(0))
    assert groups <= 6  # the hub's pair swallows its leaves; the ten loose nodes pair up
    assert len(members) == 60 and members.max() == groups - 1
    levels = hierarchy(60, star, np.random.default_rng(0), None)
    assert levels[0].count == 60 and levels[-1].count < 60


def test_grid_repulsion_is_close_to_the_exact_one():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(1500, 2)) * 1500
    exact = ExactRepulsion(EDGE_LENGTH)(points)
    grid = GridRepulsion(EDGE_LENGTH, 48)(points)
    error = np.hypot(*(grid - exact).T) / np.hypot(*exact.T)
    assert np.median(error) < 0.1
    assert np.allclose(GridRepulsion(EDGE_LENGTH, 20)(np.array([[5.0, 7.0]])), 0.0, atol=1e-9)


def test_relaxing_a_few_movable_nodes_alone_takes_the_same_steps_as_relaxing_all():
    from explorer.core.layout import close_pairs
    from explorer.core.layout_multilevel import relax, relax_few

    rng = np.random.default_rng(3)
    points = rng.normal(size=(300, 2)) * 600
    movable = np.zeros(300, dtype=bool)
    movable[rng.choice(300, 20, replace=False)] = True
    points[movable] = points[np.flatnonzero(movable)[0]] + rng.normal(size=(20, 2)) * 30  # an expansion's crowd
    edges = np.array([(i, int(j)) for i, j in enumerate(rng.integers(0, 300, 300)) if i != j])
    anchor = points[~movable].mean(axis=0)
    # One step (relax looks its close pairs up afresh at the first step, then reuses them for a few):
    # the same forces, whether summed over every node or for the movable ones alone.
    everything = relax(points, movable, edges, EDGE_LENGTH, 1, 200.0, ExactRepulsion(EDGE_LENGTH),
                       np.random.default_rng(0), close_pairs, anchor=anchor)
    few = relax_few(points, movable, edges, EDGE_LENGTH, 1, 200.0, np.random.default_rng(0), anchor=anchor)
    assert np.allclose(few, everything)
    assert np.array_equal(few[~movable], points[~movable])
    assert not np.allclose(few[movable], points[movable])


def test_coarsening_groups_linked_nodes_and_halves_a_graph_that_matches_well():
    rng = np.random.default_rng(5)
    count = 2000
    ring = np.array([(i, (i + 1) % count) for i in range(count)])
    chords = rng.integers(0, count, size=(400, 2))
    edges = np.concatenate([ring, chords])
    groups, members = coarsen(count, edges, np.random.default_rng(1))
    assert groups <= 0.6 * count  # a ring matches almost perfectly: about half as many groups
    assert np.bincount(members, minlength=groups).min() >= 1
    # Every group with more than one node is held together by a link of the finer graph.
    linked = {(int(a), int(b)) for a, b in edges} | {(int(b), int(a)) for a, b in edges}
    for group in range(groups):
        nodes = np.flatnonzero(members == group)
        if len(nodes) > 1:
            assert all(any((int(n), int(m)) in linked for m in nodes if m != n) for n in nodes)
    # Deterministic for a seed; the hierarchy comes down to a few dozen nodes, every level still linked.
    assert np.array_equal(members, coarsen(count, edges, np.random.default_rng(1))[1])
    levels = hierarchy(count, edges, np.random.default_rng(1), None)
    assert levels[-1].count <= 60 and all(len(level.edges) for level in levels[:-1])
