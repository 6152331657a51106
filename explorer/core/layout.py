"""Layouts for a :class:`~explorer.core.scene.Scene`: force-directed, hierarchical, radial.

Each layout reads the visible nodes and edges, computes new positions and (by default)
applies them with :meth:`Scene.set_positions` — one ``positions_changed`` event. Pinned
nodes and nodes listed in ``fixed`` never move. Layouts are deterministic for a given
``seed`` and take a progress callback and a cancel token, so the desktop can run big ones
off the GUI thread: take a :class:`LayoutInput` snapshot on the GUI thread, compute with
``apply=False`` in the worker, then apply the returned positions on the GUI thread.

>>> from explorer.core.scene import Scene, SceneEdge, SceneNode
>>> scene = Scene()
>>> for name in "abc":
...     _ = scene.add_node(SceneNode(name, name, name, "", ""))
>>> _ = scene.add_edge(SceneEdge("ab", "a", "b", "p", "p"))
>>> _ = scene.add_edge(SceneEdge("bc", "b", "c", "p", "p"))
>>> positions = hierarchical(scene, roots=["a"])
>>> positions["a"][0] < positions["b"][0] < positions["c"][0]
True
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy import fft

from explorer.core import layout_multilevel
from explorer.core.layout_local import LOCAL_AT_MOST, expansion_layout, relax_around, spread_stacked
from explorer.core.layout_multilevel import close_pairs
from explorer.core.scene import Scene
from explorer.core.scene_placement import SEPARATE_UP_TO, footprints, separate
from explorer.core.tasks import CancelToken, Progress, check

#: Preferred length of an edge, in scene units (node glyphs are ~28 units wide).
EDGE_LENGTH = 130.0
LAYER_GAP = 220.0
ROW_GAP = 64.0
RING_GAP = 150.0
NODE_SPACING = 56.0

Positions = dict[str, tuple[float, float]]


@dataclass
class LayoutInput:
    """What a layout needs from a scene, copied so a worker thread never reads a changing scene.

    ``ids`` are the visible nodes; ``edges`` index into ``ids``; ``positions`` is an (n, 2) array.
    """

    ids: list[str]
    positions: np.ndarray
    pinned: np.ndarray
    edges: np.ndarray
    focus: str | None = None
    #: Half width and height of each node's room (glyph and label), n×2; None: points.
    footprints: np.ndarray | None = None

    @classmethod
    def from_scene(cls, scene: Scene) -> LayoutInput:
        nodes = scene.visible_nodes()
        ids = [n.id for n in nodes]
        index = {node_id: i for i, node_id in enumerate(ids)}
        # Scene.is_edge_visible, with the ends' visibility already known (an edge is shown when both ends are):
        # asking the scene edge by edge re-checked both ends each time (a tenth of a second at 10,000 edges).
        hidden_predicates = scene.hidden_predicates
        pairs = [(index[e.source], index[e.target]) for e in scene.edges.values()
                 if not e.hidden and not (e.predicate and e.predicate in hidden_predicates)
                 and e.source in index and e.target in index and e.source != e.target]
        count = len(nodes)
        return cls(
            ids=ids,
            positions=np.fromiter((c for n in nodes for c in (n.x, n.y)), dtype=float, count=2 * count).reshape(-1, 2),
            pinned=np.fromiter((n.pinned for n in nodes), dtype=bool, count=count),
            edges=np.array(pairs, dtype=np.int64).reshape(-1, 2),
            focus=scene.focus,
            # Only scenes small enough to be spread pairwise after a layout use the footprints.
            footprints=footprints(nodes) if count <= SEPARATE_UP_TO else None,
        )


def _input(scene: Scene | LayoutInput) -> LayoutInput:
    return scene if isinstance(scene, LayoutInput) else LayoutInput.from_scene(scene)


def _finish(scene: Scene | LayoutInput, data: LayoutInput, positions: np.ndarray, apply: bool,
            frozen: np.ndarray | None = None) -> Positions:
    if data.footprints is not None and len(data.footprints) == len(positions):
        # No node or label on another: the least movement that parts every overlapping pair.
        positions = separate(positions, data.footprints, data.pinned if frozen is None else frozen)
    result = {node_id: (float(x), float(y)) for node_id, (x, y) in zip(data.ids, positions.tolist(), strict=True)}
    if apply and isinstance(scene, Scene):
        scene.set_positions(result)
    return result


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def _adjacency(count: int, edges: np.ndarray) -> list[list[int]]:
    """Undirected neighbour lists, each sorted, without duplicates."""
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for a, b in edges.tolist():
        neighbours[a].add(b)
        neighbours[b].add(a)
    return [sorted(n) for n in neighbours]


# ---------------------------------------------------------------------- force-directed
def default_iterations(count: int) -> int:
    """Enough iterations to settle ``count`` nodes in reasonable time (fewer for big scenes)."""
    if count <= 200:
        return 300
    if count <= 2000:
        return 150
    if count <= 10000:
        return 80
    return 50


def force_directed(
    scene: Scene | LayoutInput,
    fixed: Iterable[str] | None = None,
    iterations: int | None = None,
    seed: int = 0,
    *,
    edge_length: float = EDGE_LENGTH,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    apply: bool = True,
    multilevel: bool | None = None,
) -> Positions:
    """Spring layout (Fruchterman–Reingold) that starts from where nodes already are.

    Stability: pass the nodes that were already shown as ``fixed`` and only the new ones
    move, settling near their neighbours; without ``fixed``, everything moves but starts
    from its current place, so a settled layout changes little. Nodes stacked on the same
    spot (a fresh scene) are first spread out, deterministically from ``seed``.

    Repulsion between all nodes is computed on a grid (particle-mesh: node density
    convolved with the repulsion kernel by FFT), so an iteration costs O(n + cells·log
    cells) rather than O(n²); nodes closer than half an edge length are pushed apart
    exactly (pairs from a k-d tree), and a weak pull towards the centre keeps separate
    components together.

    Big scenes are quicker: a fresh scene of ``MULTILEVEL_FROM`` nodes or more (most of
    them stacked) is laid out coarse to fine (``layout_multilevel``), and when only a few
    nodes may move, only they and the fixed nodes around them are relaxed.

    Args:
        scene: The scene (or a snapshot of it).
        fixed: Ids of nodes that must stay in place (pinned nodes always do).
        iterations: How many steps; by default fewer for bigger scenes.
        seed: Seed for spreading out stacked nodes.
        edge_length: Preferred length of an edge.
        progress: Called with (fraction, message) as the layout runs.
        cancel: Raises ``Cancelled`` between iterations when set.
        apply: Write the positions back to ``scene`` (only when it is a Scene).
        multilevel: Force (True) or forbid (False) the coarse-to-fine scheme; by default it
            is used for a fresh scene of ``MULTILEVEL_FROM`` nodes or more.

    Returns:
        New positions of the laid-out (visible) nodes.
    """
    k = float(edge_length)
    if isinstance(scene, Scene) and fixed is not None and iterations is None and multilevel is not False:
        # An expansion: only the new nodes and their surroundings are read from the scene.
        expanded = expansion_layout(scene, fixed, k, np.random.default_rng(seed), cancel=cancel, apply=apply,
                                    report=lambda fraction: _report(progress, fraction, "layout: new nodes"))
        if expanded is not None:
            _report(progress, 1.0, "layout done")
            return expanded
    data = _input(scene)
    count = len(data.ids)
    positions = data.positions.copy()
    if count == 0:
        return {}
    frozen = data.pinned.copy()
    if fixed is not None:
        fixed_ids = set(fixed)
        frozen |= np.array([node_id in fixed_ids for node_id in data.ids], dtype=bool)
    movable = ~frozen
    if not movable.any():
        return _finish(scene, data, positions, apply, frozen)
    rng = np.random.default_rng(seed)
    moving = int(movable.sum())
    if iterations is None and multilevel is not False and frozen.any() and moving <= LOCAL_AT_MOST * count:
        local = relax_around(positions, movable, data.edges, k, rng, cancel,
                             lambda fraction: _report(progress, fraction, "layout: new nodes"))
        _report(progress, 1.0, "layout done")
        result = _finish(scene, data, local, False, frozen)
        if apply and isinstance(scene, Scene):  # only the nodes that moved: the canvas redraws only around them
            scene.set_positions({node_id: result[node_id] for node_id in np.asarray(data.ids)[movable].tolist()})
        return result
    if multilevel or (multilevel is None and iterations is None and not frozen.any() and count >= MULTILEVEL_FROM
                      and _mostly_stacked(positions)):
        def coarse_to_fine(fraction: float) -> None:
            _report(progress, fraction, "layout: coarse to fine")

        positions = layout_multilevel.multilevel(positions, data.edges, k, rng, close_pairs, cancel=cancel,
                                                 report=coarse_to_fine)
        _report(progress, 1.0, "layout done")
        return _finish(scene, data, positions, apply)
    positions = spread_stacked(positions, movable, data.edges, k, rng)
    steps = iterations if iterations is not None else default_iterations(count)

    if count <= SEPARATE_UP_TO:
        # Small scenes keep the steps they always had: exports and label checks were tuned on their look.
        sources, targets = (data.edges[:, 0], data.edges[:, 1]) if len(data.edges) else (np.zeros(0, int), np.zeros(0, int))
        collision = 0.8 * k
        # Start hot enough to untangle, proportionally to the scene's extent, and cool linearly.
        extent = float(np.ptp(positions[movable], axis=0).max()) if movable.sum() > 1 else k
        initial_temperature = max(k, 0.1 * extent) if frozen.any() else max(k, 0.1 * math.sqrt(count) * k)
        anchor = positions[frozen].mean(axis=0) if frozen.any() else positions.mean(axis=0)
        # Balances the grid repulsion so that n nodes settle on a disc of radius ~ sqrt(n)·k/2.
        gravity = 4.0
        repulsion = _RepulsionGrid(k)

        for step in range(steps):
            check(cancel)
            temperature = max(initial_temperature * (1.0 - step / steps), 0.5)
            displacement = repulsion(positions) if count > 1 else np.zeros_like(positions)
            pairs = grid_close_pairs(positions, collision)
            if len(pairs):
                a, b = pairs[:, 0], pairs[:, 1]
                delta = positions[a] - positions[b]
                distance = np.sqrt((delta**2).sum(axis=1))
                close = distance < 1e-6
                if close.any():  # exactly stacked: push apart in a seeded direction
                    delta[close] = rng.normal(size=(int(close.sum()), 2))
                    distance[close] = np.sqrt((delta[close] ** 2).sum(axis=1))
                strength = k * k / distance * (1.0 - distance / collision)
                push = delta / distance[:, None] * strength[:, None]
                for axis in (0, 1):
                    displacement[:, axis] += np.bincount(a, push[:, axis], minlength=count)
                    displacement[:, axis] -= np.bincount(b, push[:, axis], minlength=count)
            if len(sources):
                delta = positions[sources] - positions[targets]
                distance = np.sqrt((delta**2).sum(axis=1)) + 1e-9
                pull = delta * (distance / k)[:, None]
                for axis in (0, 1):
                    displacement[:, axis] -= np.bincount(sources, pull[:, axis], minlength=count)
                    displacement[:, axis] += np.bincount(targets, pull[:, axis], minlength=count)
            displacement -= gravity * (positions - anchor)
            length = np.sqrt((displacement**2).sum(axis=1)) + 1e-9
            limited = np.minimum(length, temperature)
            move = displacement / length[:, None] * limited[:, None]
            positions[movable] += move[movable]
            if step % 5 == 0:
                _report(progress, (step + 1) / steps, f"layout: step {step + 1} of {steps}")
        _report(progress, 1.0, "layout done")
        return _finish(scene, data, positions, apply, frozen)

    # Start hot enough to untangle, proportionally to the scene's extent, and cool linearly.
    extent = float(np.ptp(positions[movable], axis=0).max()) if movable.sum() > 1 else k
    initial_temperature = max(k, 0.1 * extent) if frozen.any() else max(k, 0.1 * math.sqrt(count) * k)
    anchor = positions[frozen].mean(axis=0) if frozen.any() else positions.mean(axis=0)

    def step_by_step(fraction: float) -> None:
        _report(progress, fraction, f"layout: step {round(fraction * steps)} of {steps}")

    # The steps of every level of the multilevel layout, on a grid twice as fine as a level's (the
    # 128-cell grid padded to 384 cost most of a 5k re-layout).
    grid = layout_multilevel.GridRepulsion(k, min(2 * layout_multilevel.grid_cells(count), layout_multilevel.MAX_CELLS))
    positions = layout_multilevel.relax(positions, movable, data.edges, k, steps, initial_temperature, grid, rng,
                                        close_pairs, cancel=cancel,
                                        report=step_by_step, anchor=anchor)
    _report(progress, 1.0, "layout done")
    return _finish(scene, data, positions, apply, frozen)


#: Largest side of the small scenes' repulsion grid, in cells.
GRID_CELLS = 128
#: A fresh scene this big is laid out coarse to fine.
MULTILEVEL_FROM = 500


def _mostly_stacked(positions: np.ndarray) -> bool:
    """True when at least half the nodes share a spot with another (a scene never laid out)."""
    distinct = len(np.unique(np.round(positions, 3), axis=0))
    return distinct <= len(positions) / 2


def _fast_fft_length(n: int) -> int:
    """The smallest 5-smooth number ≥ ``n``: sizes pocketfft transforms fastest.

    >>> _fast_fft_length(97), _fast_fft_length(128)
    (100, 128)
    """
    best = 1 << max(n - 1, 0).bit_length()
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            size = power35
            while size < n:
                size *= 2
            best = min(best, size)
            power35 *= 3
        power5 *= 5
    return best


_NEIGHBOUR_CELLS = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))


def grid_close_pairs(positions: np.ndarray, radius: float) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of points closer than ``radius`` to each other.

    Points are binned into a grid of ``radius``-sized cells; only points in the same or
    adjacent cells are compared, so the cost follows the number of close points, not n².

    >>> grid_close_pairs(np.array([[0.0, 0.0], [0.5, 0.0], [3.0, 3.0]]), 1.0).tolist()
    [[0, 1]]
    """
    count = len(positions)
    if count < 2:
        return np.zeros((0, 2), dtype=np.int64)
    cell = np.floor((positions - positions.min(axis=0)) / radius).astype(np.int64)
    width = int(cell[:, 1].max()) + 3
    key = (cell[:, 0] + 1) * width + (cell[:, 1] + 1)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    found = []
    for dx, dy in _NEIGHBOUR_CELLS:
        wanted = key + dx * width + dy
        start = np.searchsorted(sorted_keys, wanted, side="left")
        stop = np.searchsorted(sorted_keys, wanted, side="right")
        sizes = stop - start
        if not sizes.any():
            continue
        first = np.repeat(np.arange(count), sizes)
        # Position of each partner within its cell: a running count that restarts per point.
        offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        second = order[np.repeat(start, sizes) + offsets]
        keep = first < second if (dx, dy) == (0, 0) else first != second
        first, second = first[keep], second[keep]
        delta = positions[first] - positions[second]
        near = (delta * delta).sum(axis=1) < radius * radius
        found.append(np.stack([np.minimum(first[near], second[near]), np.maximum(first[near], second[near])], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    # Each pair comes out once: the half-plane of neighbour cells never meets its mirror.
    return np.concatenate(found)

class _RepulsionGrid:
    """Fruchterman–Reingold repulsion k²/r from every node on every node, on a grid.

    Nodes spread their unit mass over the four nearest grid points (cloud in cell); the
    mass is convolved with the kernel k²·d/(|d|² + h²) by FFT and the field read back at
    each node with the same weights. Each node's pull on itself through its own four
    points is subtracted, so a lone node feels no force. The cell size is rounded to a
    quarter power of two so the kernel's transform is reused across iterations.
    """

    def __init__(self, k: float) -> None:
        self.k = k
        self._kernels: dict[tuple[int, float], tuple[np.ndarray, np.ndarray, tuple[int, int]]] = {}

    def _kernel(self, cells: int, h: float) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
        key = (cells, h)
        if key not in self._kernels:
            offsets = np.arange(-(cells - 1), cells) * h
            dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
            scale = self.k * self.k / (dx * dx + dy * dy + h * h)
            shape = (_fast_fft_length(3 * cells - 2),) * 2
            self._kernels = {key: (fft.rfft2(dx * scale, shape), fft.rfft2(dy * scale, shape), shape)}
        return self._kernels[key]

    def __call__(self, positions: np.ndarray) -> np.ndarray:
        k = self.k
        low = positions.min(axis=0)
        span = float(np.maximum(positions.max(axis=0) - low, k).max())
        raw = max(span / (GRID_CELLS - 3), k / 2.0)
        h = float(2.0 ** (math.ceil(math.log2(raw) * 4) / 4))
        cells = min(GRID_CELLS, math.ceil(span / h) + 3)
        kernel_x, kernel_y, shape = self._kernel(cells, h)
        cell = (positions - low) / h + 1.0
        base = np.floor(cell).astype(np.int64)
        frac = cell - base
        corners = ((0, 0), (1, 0), (0, 1), (1, 1))
        weights = [(frac[:, 0] if cx else 1 - frac[:, 0]) * (frac[:, 1] if cy else 1 - frac[:, 1]) for cx, cy in corners]
        flat = [(base[:, 0] + cx) * cells + (base[:, 1] + cy) for cx, cy in corners]
        density = np.zeros(cells * cells)
        for index, weight in zip(flat, weights, strict=True):
            density += np.bincount(index, weight, minlength=cells * cells)
        spectrum = fft.rfft2(density.reshape(cells, cells), shape)
        # The full convolution is offset by the kernel's half-width (cells - 1).
        window = (slice(cells - 1, 2 * cells - 1),) * 2
        field_x = fft.irfft2(spectrum * kernel_x, shape)[window].ravel()
        field_y = fft.irfft2(spectrum * kernel_y, shape)[window].ravel()
        force = np.zeros_like(positions)
        for index, weight in zip(flat, weights, strict=True):
            force[:, 0] += field_x[index] * weight
            force[:, 1] += field_y[index] * weight
        for i, (ix, iy) in enumerate(corners):
            for j, (jx, jy) in enumerate(corners):
                if i != j:
                    ddx, ddy = (ix - jx) * h, (iy - jy) * h
                    both = weights[i] * weights[j] * (k * k / (ddx * ddx + ddy * ddy + h * h))
                    force[:, 0] -= both * ddx
                    force[:, 1] -= both * ddy
        return force


# ---------------------------------------------------------------------- hierarchical
def hierarchical(
    scene: Scene | LayoutInput,
    roots: Iterable[str] | None = None,
    *,
    layer_gap: float = LAYER_GAP,
    row_gap: float = ROW_GAP,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    apply: bool = True,
) -> Positions:
    """Layers left to right by hops from the roots: chains read from left to right.

    Roots default to the nodes nothing points at (the start of each chain) and, in a
    component that is all cycles, its best-connected node. Within a layer, nodes are
    ordered by the mean row of their neighbours in the previous layer, which keeps
    crossings down. Pinned nodes stay where they are.
    """
    data = _input(scene)
    count = len(data.ids)
    if count == 0:
        return {}
    index = {node_id: i for i, node_id in enumerate(data.ids)}
    neighbours = _adjacency(count, data.edges)
    indegree = np.bincount(data.edges[:, 1], minlength=count) if len(data.edges) else np.zeros(count, int)
    outdegree = np.bincount(data.edges[:, 0], minlength=count) if len(data.edges) else np.zeros(count, int)
    layer = np.full(count, -1, dtype=np.int64)
    given = [index[r] for r in (roots or []) if r in index]
    _report(progress, 0.1, "layering")

    def bfs(starts: list[int]) -> None:
        queue = deque(starts)
        for s in starts:
            layer[s] = 0
        while queue:
            current = queue.popleft()
            for other in neighbours[current]:
                if layer[other] < 0:
                    layer[other] = layer[current] + 1
                    queue.append(other)

    if given:
        bfs(given)
    # Each component not reached from the given roots gets its own, starting one column on.
    for start in range(count):
        check(cancel)
        if layer[start] >= 0:
            continue
        component = _component(start, neighbours)
        sources = [i for i in component if indegree[i] == 0 and outdegree[i] > 0]
        if not sources:
            sources = [max(component, key=lambda i: (len(neighbours[i]), -i))]
        bfs(sorted(sources))

    _report(progress, 0.5, "ordering layers")
    layers: dict[int, list[int]] = {}
    for i in range(count):
        layers.setdefault(int(layer[i]), []).append(i)
    row = np.zeros(count)
    for depth in sorted(layers):
        check(cancel)
        members = layers[depth]
        if depth == 0:
            members.sort(key=lambda i: (data.positions[i, 1], i))
        else:
            def barycentre(i: int, depth: int = depth) -> tuple[float, int]:
                previous = [row[n] for n in neighbours[i] if layer[n] == depth - 1]
                return (sum(previous) / len(previous) if previous else math.inf, i)

            members.sort(key=barycentre)
        for position, i in enumerate(members):
            row[i] = position - (len(members) - 1) / 2.0
    positions = np.column_stack([layer * layer_gap, row * row_gap]).astype(float)
    positions = _keep_pinned(positions, data)
    _report(progress, 1.0, "layout done")
    return _finish(scene, data, positions, apply)


def _component(start: int, neighbours: list[list[int]]) -> list[int]:
    seen = {start}
    stack = [start]
    while stack:
        current = stack.pop()
        for other in neighbours[current]:
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return sorted(seen)


def _keep_pinned(positions: np.ndarray, data: LayoutInput) -> np.ndarray:
    """Pinned nodes keep their place; the rest of the layout is shifted to sit beside them."""
    if not data.pinned.any():
        return positions
    result = positions.copy()
    # Anchor the new layout on the pinned nodes so it does not land far away from them.
    offset = (data.positions[data.pinned] - positions[data.pinned]).mean(axis=0)
    result += offset
    result[data.pinned] = data.positions[data.pinned]
    return result


# ---------------------------------------------------------------------- radial
def radial(
    scene: Scene | LayoutInput,
    focus: str | None = None,
    *,
    ring_gap: float = RING_GAP,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    apply: bool = True,
) -> Positions:
    """Rings around ``focus`` by hop distance; each subtree keeps its own wedge of the circle.

    ``focus`` defaults to the scene's focus, else its best-connected node. Nodes not
    connected to the focus go on a last ring outside the others.
    """
    data = _input(scene)
    count = len(data.ids)
    if count == 0:
        return {}
    index = {node_id: i for i, node_id in enumerate(data.ids)}
    neighbours = _adjacency(count, data.edges)
    centre_id = focus if focus in index else data.focus if data.focus in index else None
    centre = index[centre_id] if centre_id is not None else max(range(count), key=lambda i: (len(neighbours[i]), -i))
    depth = np.full(count, -1, dtype=np.int64)
    parent = np.full(count, -1, dtype=np.int64)
    depth[centre] = 0
    order = [centre]
    queue = deque([centre])
    while queue:
        current = queue.popleft()
        for other in neighbours[current]:
            if depth[other] < 0:
                depth[other] = depth[current] + 1
                parent[other] = current
                order.append(other)
                queue.append(other)
    check(cancel)
    _report(progress, 0.3, "rings")
    unreached = [i for i in range(count) if depth[i] < 0]
    outer = int(depth.max()) + 1
    for i in unreached:
        depth[i] = outer
    children: list[list[int]] = [[] for _ in range(count)]
    for i in order[1:]:
        children[int(parent[i])].append(i)
    # Wedge size ∝ leaves below: big subtrees get room, siblings stay together.
    weight = np.ones(count)
    for i in reversed(order):
        if children[i]:
            weight[i] = sum(weight[c] for c in children[i])
    start = np.zeros(count)
    span = np.zeros(count)
    span[centre] = 2 * math.pi
    for i in order:
        cursor = start[i]
        for child in children[i]:
            start[child] = cursor
            span[child] = span[i] * weight[child] / weight[i]
            cursor += span[child]
    angle = start + span / 2
    if unreached:
        for position, i in enumerate(unreached):
            angle[i] = 2 * math.pi * position / len(unreached)
    # A ring must be long enough for its nodes: grow radii where a ring is crowded.
    rings = int(depth.max()) + 1
    sizes = np.bincount(depth, minlength=rings)
    radius = np.zeros(rings)
    for ring in range(1, rings):
        radius[ring] = max(radius[ring - 1] + ring_gap, sizes[ring] * NODE_SPACING / (2 * math.pi))
    r = radius[depth]
    positions = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    positions = _keep_pinned(positions, data)
    _report(progress, 1.0, "layout done")
    return _finish(scene, data, positions, apply)


def apply_positions(scene: Scene, positions: Mapping[str, tuple[float, float]]) -> None:
    """Write positions computed in a worker back to the scene (on the GUI thread); pinned nodes are skipped."""
    scene.set_positions({i: p for i, p in positions.items() if i in scene.nodes and not scene.nodes[i].pinned})


__all__ = ["LayoutInput", "apply_positions", "default_iterations", "force_directed", "hierarchical", "radial"]
