"""Incremental layout read straight from the scene: only the new nodes move, every visible node is returned."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from explorer.core import layout_local
from explorer.core.errors import Cancelled
from explorer.core.layout import EDGE_LENGTH, LayoutInput, force_directed
from explorer.core.scene import Scene, SceneEdge, SceneNode
from explorer.core.tasks import CancelToken
from tests.core.test_layout_multilevel import clustered_scene


def _expand(scene: Scene, parent_id: str, count: int, prefix: str = "new") -> list[str]:
    """``count`` new nodes stacked on the parent and linked to it, as an expansion adds them."""
    parent = scene.nodes[parent_id]
    ids = []
    for i in range(count):
        node_id = f"{prefix}{i}"
        scene.add_node(SceneNode(node_id, node_id, node_id, "", "", x=parent.x, y=parent.y))
        scene.add_edge(SceneEdge(f"{parent_id} p {node_id}", parent_id, node_id, "p", "p"))
        ids.append(node_id)
    return ids


@pytest.fixture(scope="module")
def laid_out() -> dict[str, tuple[float, float]]:
    scene = clustered_scene(900)
    return force_directed(scene, seed=2)


def _scene(positions: dict[str, tuple[float, float]]) -> Scene:
    scene = clustered_scene(900)
    scene.set_positions(positions)
    return scene


def test_an_expansion_moves_only_the_new_unpinned_nodes_and_returns_every_visible_node(laid_out, monkeypatch):
    scene = _scene(laid_out)
    scene.nodes["n11"].hidden = True  # near the parent's ids, so likely near it: must neither move nor be returned
    before = {node_id: (n.x, n.y) for node_id, n in scene.nodes.items()}
    new = _expand(scene, "n10", 20)
    scene.nodes["new0"].pinned = True
    pinned_at = (scene.nodes["new0"].x, scene.nodes["new0"].y)
    moved: list[list[str]] = []
    scene.events.connect("positions_changed", moved.append)

    def copy_everything(scene: Scene) -> LayoutInput:
        raise AssertionError("an expansion copied the whole scene into arrays")

    monkeypatch.setattr(LayoutInput, "from_scene", copy_everything)
    positions = force_directed(scene, fixed=before, seed=1)
    assert set(positions) == {node_id for node_id, n in scene.nodes.items() if scene.is_node_visible(n)}
    assert "n11" not in positions
    assert {node_id: positions[node_id] for node_id in before if node_id != "n11"} == \
        {node_id: p for node_id, p in before.items() if node_id != "n11"}
    assert positions["new0"] == pinned_at
    assert moved == [new[1:]]  # one event, the moved nodes only: the canvas redraws only around them
    points = np.array([positions[node_id] for node_id in new[1:]])
    parent = np.array(positions["n10"])
    assert np.hypot(*(points - parent).T).max() < 5 * EDGE_LENGTH
    assert len({tuple(p) for p in points.round(1)}) == len(points)
    nearest, _ = cKDTree(np.array([p for node_id, p in before.items() if node_id != "n11"])).query(points)
    assert np.median(nearest) > 0.3 * EDGE_LENGTH


def test_reading_the_scene_or_a_snapshot_of_it_gives_a_layout_as_good(laid_out):
    """The scene path (only the surroundings read) and the LayoutInput path (the whole scene copied) agree in kind."""
    from_scene = _scene(laid_out)
    before = {node_id: (n.x, n.y) for node_id, n in from_scene.nodes.items()}
    new = _expand(from_scene, "n500", 15)
    direct = force_directed(from_scene, fixed=before, seed=4, apply=False)
    snapshot = force_directed(LayoutInput.from_scene(from_scene), fixed=before, seed=4, apply=False)
    assert set(direct) == set(snapshot)
    for positions in (direct, snapshot):
        points = np.array([positions[node_id] for node_id in new])
        assert np.hypot(*(points - np.array(positions["n500"])).T).max() < 5 * EDGE_LENGTH
    # Both relax the same neighbourhood with the same forces and steps: the new nodes' centre lands close.
    centre_direct = np.array([direct[i] for i in new]).mean(axis=0)
    centre_snapshot = np.array([snapshot[i] for i in new]).mean(axis=0)
    assert np.hypot(*(centre_direct - centre_snapshot)) < EDGE_LENGTH


def test_an_expansion_is_deterministic_and_cancelling_it_applies_nothing(laid_out):
    scene = _scene(laid_out)
    before = {node_id: (n.x, n.y) for node_id, n in scene.nodes.items()}
    _expand(scene, "n42", 12)
    first = force_directed(scene, fixed=before, seed=9, apply=False)
    assert first == force_directed(scene, fixed=before, seed=9, apply=False)
    token = CancelToken()
    token.cancel()
    stacked = {(scene.nodes[f"new{i}"].x, scene.nodes[f"new{i}"].y) for i in range(12)}
    with pytest.raises(Cancelled):
        force_directed(scene, fixed=before, seed=9, cancel=token)
    assert {(scene.nodes[f"new{i}"].x, scene.nodes[f"new{i}"].y) for i in range(12)} == stacked


def test_a_small_scene_or_many_new_nodes_are_laid_out_whole():
    small = clustered_scene(100)
    assert layout_local.expansion_layout(small, [], EDGE_LENGTH, np.random.default_rng(0)) is None
    big = clustered_scene(700)
    most = [f"n{i}" for i in range(300)]  # 400 of 700 may move: more than LOCAL_AT_MOST
    assert layout_local.expansion_layout(big, most, EDGE_LENGTH, np.random.default_rng(0)) is None
    everything = list(big.nodes)
    assert layout_local.expansion_layout(big, everything, EDGE_LENGTH, np.random.default_rng(0)) is None
