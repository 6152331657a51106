"""Incremental force layout: a few new nodes settle among fixed ones, and only they are read and moved.

After an expansion, the nodes already shown stay where they are and the new ones (stacked
on their parent) find places near it. Only the new nodes, the nodes linked to them and the
nodes within a few edge lengths of them take part: the rest of the scene is neither copied
into arrays nor written back, so an expansion of a 50,000-node scene costs what a small
scene costs. :func:`expansion_layout` reads those nodes straight from the scene;
:func:`relax_around` does the same for arrays already taken from it (a ``LayoutInput``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np

from explorer.core import layout_multilevel
from explorer.core.scene import Scene, SceneNode
from explorer.core.scene_placement import SEPARATE_UP_TO
from explorer.core.tasks import CancelToken

#: When at most this share of the nodes may move, only they and their surroundings are relaxed.
LOCAL_AT_MOST = 0.2
#: Steps of an incremental layout (a few dozen nodes among fixed ones).
LOCAL_STEPS = 60
#: The fixed nodes within this many edge lengths of a new node's start push it away.
REACH = 4.0

#: Called with the fraction done.
Report = Callable[[float], None]


def spread_stacked(
    positions: np.ndarray, movable: np.ndarray, edges: np.ndarray, k: float, rng: np.random.Generator
) -> np.ndarray:
    """Give movable nodes that share a spot with another node a place of their own.

    A movable node stacked on others goes near the centre of its already-placed neighbours
    (with a little seeded jitter), or, with none, on a seeded disc the size the scene needs.
    """
    count = len(positions)
    rounded = np.round(positions, 3)
    _, inverse, counts = np.unique(rounded, axis=0, return_inverse=True, return_counts=True)
    stacked = (counts[inverse.reshape(-1)] > 1) & movable
    if not stacked.any():
        return positions
    placed = ~stacked
    result = positions.copy()
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for a, b in edges.tolist():
        neighbours[a].add(b)
        neighbours[b].add(a)
    radius = math.sqrt(count) * k * 0.6
    for index in np.flatnonzero(stacked).tolist():
        anchors = [n for n in sorted(neighbours[index]) if placed[n]]
        if anchors:
            centre = result[anchors].mean(axis=0)
            angle = rng.uniform(0, 2 * math.pi)
            result[index] = centre + k * np.array([math.cos(angle), math.sin(angle)])
        else:
            angle, r = rng.uniform(0, 2 * math.pi), radius * math.sqrt(rng.uniform(0, 1))
            result[index] = np.array([r * math.cos(angle), r * math.sin(angle)])
            if placed.any():
                result[index] += positions[placed].mean(axis=0)
        placed[index] = True
    return result


def settle(
    local: np.ndarray, movable: np.ndarray, edges: np.ndarray, k: float, rng: np.random.Generator,
    cancel: CancelToken | None, report: Report | None,
) -> np.ndarray:
    """Relax the movable nodes of a neighbourhood (``local``, with its edges) among its fixed ones."""
    local = spread_stacked(local, movable, edges, k, rng)
    fixed_part = ~movable
    anchor = local[fixed_part].mean(axis=0) if fixed_part.any() else local.mean(axis=0)
    extent = float(np.ptp(local[movable], axis=0).max()) if movable.sum() > 1 else k
    temperature = max(k, 0.1 * extent)
    if int(movable.sum()) * len(local) <= layout_multilevel.FEW_PAIRS:  # a few new nodes: forces on them alone
        return layout_multilevel.relax_few(local, movable, edges, k, LOCAL_STEPS, temperature, rng, cancel=cancel,
                                           report=report, anchor=anchor)
    return layout_multilevel.relax(local, movable, edges, k, LOCAL_STEPS, temperature,
                                   layout_multilevel.repulsion_for(k, len(local)), rng, cancel=cancel, report=report,
                                   anchor=anchor)


def relax_around(
    positions: np.ndarray, movable: np.ndarray, edges: np.ndarray, k: float, rng: np.random.Generator,
    cancel: CancelToken | None = None, report: Report | None = None,
) -> np.ndarray:
    """Incremental layout over arrays: relax the movable nodes among the fixed ones near them; the rest stay put."""
    chosen = layout_multilevel.neighbourhood(positions, movable, edges, k)
    where = np.full(len(positions), -1, dtype=np.int64)
    where[chosen] = np.arange(len(chosen))
    inside = (where[edges[:, 0]] >= 0) & (where[edges[:, 1]] >= 0) if len(edges) else np.zeros(0, dtype=bool)
    local_edges = where[edges[inside]] if len(edges) else np.zeros((0, 2), dtype=np.int64)
    local_movable = movable[chosen]
    local = settle(positions[chosen], local_movable, local_edges, k, rng, cancel, report)
    result = positions.copy()
    result[chosen[local_movable]] = local[local_movable]
    return result


def expansion_layout(
    scene: Scene, fixed: Iterable[str], k: float, rng: np.random.Generator, *,
    cancel: CancelToken | None = None, report: Report | None = None, apply: bool = True,
) -> dict[str, tuple[float, float]] | None:
    """Lay out the few visible, unpinned nodes of ``scene`` not in ``fixed``, reading only their surroundings.

    Returns the positions of every visible node (the moved ones new), or None when this is not
    such a case (too many nodes may move, none may, or the scene is small enough to be laid out
    whole and spread by footprints): the caller then lays out the whole scene.
    """
    nodes = scene.nodes
    if len(nodes) <= SEPARATE_UP_TO:
        return None
    fixed_ids = fixed if isinstance(fixed, (set, frozenset, dict)) else set(fixed)
    visible = scene.is_node_visible
    moving = [node for node_id, node in nodes.items() if node_id not in fixed_ids and not node.pinned and visible(node)]
    if not moving or len(moving) > LOCAL_AT_MOST * len(nodes):
        return None
    local_nodes = _surroundings(scene, moving, k)
    index = {node.id: i for i, node in enumerate(local_nodes)}
    local = np.array([(node.x, node.y) for node in local_nodes], dtype=float)
    movable = np.zeros(len(local_nodes), dtype=bool)
    movable[: len(moving)] = True
    hidden_predicates = scene.hidden_predicates
    pairs = sorted({(index[e.source], index[e.target]) for node in moving for e in scene.incident_edges(node.id)
                    if not e.hidden and not (e.predicate and e.predicate in hidden_predicates)
                    and e.source in index and e.target in index and e.source != e.target})
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    settled = settle(local, movable, edges, k, rng, cancel, report)
    moved = {node.id: (float(x), float(y)) for node, (x, y) in zip(moving, settled[: len(moving)].tolist(), strict=True)}
    if apply:
        scene.set_positions(moved)
    result = {node.id: (node.x, node.y) for node in nodes.values() if visible(node)}
    result.update(moved)
    return result


def _surroundings(scene: Scene, moving: list[SceneNode], k: float) -> list[SceneNode]:
    """The moving nodes (first), then the visible nodes linked to them or within ``REACH`` edge lengths of them."""
    visible = scene.is_node_visible
    chosen = {node.id: node for node in moving}
    nodes = scene.nodes
    for node in moving:
        for edge in scene.incident_edges(node.id):
            for end in (edge.source, edge.target):
                other = nodes[end]
                if end not in chosen and visible(other):
                    chosen[end] = other
    starts = np.array([(node.x, node.y) for node in moving], dtype=float)
    low, high = starts.min(axis=0) - REACH * k, starts.max(axis=0) + REACH * k
    every = list(nodes.values())
    xs = np.fromiter((node.x for node in every), dtype=float, count=len(every))
    ys = np.fromiter((node.y for node in every), dtype=float, count=len(every))
    near = np.flatnonzero((xs >= low[0]) & (xs <= high[0]) & (ys >= low[1]) & (ys <= high[1]))
    for i in near.tolist():
        node = every[i]
        if node.id not in chosen and visible(node):
            chosen[node.id] = node
    return list(chosen.values())


__all__ = ["LOCAL_AT_MOST", "LOCAL_STEPS", "expansion_layout", "relax_around", "settle", "spread_stacked"]
