"""Multilevel force layout: coarsen, lay out the coarse graph, then place and refine level by level.

A fresh scene of thousands of nodes settles slowly under plain spring forces: every step
moves a node at most a little, and a big graph needs many steps for its far parts to find
each other. Here the graph is first coarsened (linked nodes matched in pairs and merged,
leftover nodes merged into a neighbour) until a few dozen nodes remain; that coarse graph
is laid out with many cheap steps; each finer level then starts from its group's place and
needs only a few steps to settle locally (Walshaw's scheme, "A multilevel algorithm for
force-directed graph drawing", 2003). The forces are those of ``explorer.core.layout``:
Fruchterman–Reingold springs and k²/r repulsion, exact pushes between close pairs, and a
weak pull to the centre.

Repulsion is exact between every pair on small levels, and on big ones comes from a grid
(particle-mesh, as in ``explorer.core.layout``) sized to the level, convolved by FFT with
zero padding to twice the grid (Hockney's method) and kernels kept between steps. Close
pairs come from scipy's k-d tree at every step; the hierarchy is built in numpy (rounds of
locally dominant links). Coordinates are kept as two rows (x, y) while relaxing, since every
force is gathered by node index.

An incremental layout (most nodes fixed, ``explorer.core.layout_local``) relaxes only the
nodes that may move and the fixed nodes around them with :func:`relax_few`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import fft
from scipy.spatial import cKDTree

from explorer.core.tasks import CancelToken, check

#: A function giving the repulsion on every node from every other: (positions) -> (n, 2) forces.
Repulsion = Callable[[np.ndarray], np.ndarray]
#: Called with the fraction done.
StepReport = Callable[[float], None]
#: Index pairs (i, j), i < j, of points closer than a radius: ``explorer.core.layout.close_pairs``.
ClosePairs = Callable[[np.ndarray, float], np.ndarray]

#: Stop coarsening at this many nodes: their layout is cheap with many steps.
COARSEST = 40
#: Balances the grid repulsion so that n nodes settle on a disc of radius ~ sqrt(n)·k/2.
GRAVITY = 4.0
#: Rounds of matching while coarsening: most matchable nodes are matched after a few.
MATCHING_ROUNDS = 6
#: A finer level starts as hot as FINE_START edge lengths × (its nodes / 1000) ** FINE_GROWTH: the bigger
#: the level, the further its nodes must travel to leave a crowd (the random links of a big graph pull it
#: into a dense ball). Measured on bench_canvas's graphs: at 50k nodes edge-length spread 0.57 → 0.47 and
#: overlaps 0.67 → 0.47 against a start at one edge length; at 1k and 5k as good or a little better.
FINE_START = 1.25
FINE_GROWTH = 0.3


@dataclass
class Level:
    """One level of the hierarchy: its node count, edges, and each finer node's group here."""

    count: int
    edges: np.ndarray
    members_of: np.ndarray | None = None  # for the finer level: group index of each of its nodes


def coarsen(
    count: int, edges: np.ndarray, rng: np.random.Generator, weights: np.ndarray | None = None
) -> tuple[int, np.ndarray]:
    """Group the nodes of one level: returns (number of groups, group index of each node).

    Linked nodes are matched in pairs, light pairs first (``weights``: how many original
    nodes each one stands for; ties broken in a seeded random order), by rounds of locally
    dominant links (a link is taken when no other free link at either end ranks higher),
    all in numpy. A node left unmatched joins the lightest group among its neighbours' (so
    the leaves of a hub do not stop the graph from shrinking); nodes without links are
    paired with each other.

    >>> coarsen(4, np.array([[0, 1], [2, 3]]), np.random.default_rng(0))[0]
    2
    """
    weight = np.ones(count) if weights is None else np.asarray(weights, dtype=float)
    partner = np.full(count, -1, dtype=np.int64)
    group = np.full(count, -1, dtype=np.int64)
    a, b = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    linked = a != b
    a, b = a[linked], b[linked]
    if len(a):
        # Distinct ranks, so each node's best link is unique: heavier pairs rank lower.
        rank = np.empty(len(a), dtype=np.int64)
        # (Weights count nodes, so they are whole numbers and a random half never reorders them.)
        rank[np.argsort(-(weight[a] + weight[b] + 0.5 * rng.random(len(a))))] = np.arange(len(a))
        for _ in range(MATCHING_ROUNDS):
            free = (partner[a] < 0) & (partner[b] < 0)
            if not free.any():
                break
            fa, fb, fr = a[free], b[free], rank[free]
            best = np.full(count, -1, dtype=np.int64)
            np.maximum.at(best, fa, fr)
            np.maximum.at(best, fb, fr)
            taken = (best[fa] == fr) & (best[fb] == fr)
            partner[fa[taken]] = fb[taken]
            partner[fb[taken]] = fa[taken]
        leaders = np.flatnonzero((partner >= 0) & (np.arange(count) < partner))
        group[leaders] = np.arange(len(leaders))
        group[partner[leaders]] = group[leaders]
        groups = len(leaders)
        # Unmatched nodes next to a matched one join the lightest such group (ties: the seeded rank).
        pair_weight = np.zeros(groups)
        np.add.at(pair_weight, group[leaders], weight[leaders] + weight[partner[leaders]])
        lone = np.concatenate([a, b])
        other = np.concatenate([b, a])
        join = (group[lone] < 0) & (group[other] >= 0)
        if join.any():
            lone, target = lone[join], group[other[join]]
            # Lightest group first, then the highest rank: one whole-number score, distinct for each node's links.
            score = np.concatenate([rank, rank])[join] - pair_weight[target].astype(np.int64) * (len(a) + 1)
            best = np.full(count, np.iinfo(np.int64).min, dtype=np.int64)
            np.maximum.at(best, lone, score)
            chosen = score == best[lone]
            group[lone[chosen]] = target[chosen]
    else:
        groups = 0
    loose = np.flatnonzero(group < 0)
    group[loose] = groups + np.arange(len(loose)) // 2
    groups += (len(loose) + 1) // 2
    return groups, group


def hierarchy(count: int, edges: np.ndarray, rng: np.random.Generator, cancel: CancelToken | None) -> list[Level]:
    """Levels from the given graph (first) down to a coarse one of about ``COARSEST`` nodes (last)."""
    levels = [Level(count, edges)]
    weights: np.ndarray = np.ones(count)
    while levels[-1].count > COARSEST:
        check(cancel)
        finer = levels[-1]
        groups, members = coarsen(finer.count, finer.edges, rng, weights)
        if groups > 0.85 * finer.count:
            break
        finer.members_of = members
        weights = np.bincount(members, weights, minlength=groups)
        coarse_edges = members[finer.edges] if len(finer.edges) else np.zeros((0, 2), dtype=np.int64)
        coarse_edges = coarse_edges[coarse_edges[:, 0] != coarse_edges[:, 1]]
        if len(coarse_edges):  # each link once: (low, high) pairs, deduplicated through one integer key
            low, high = coarse_edges.min(axis=1), coarse_edges.max(axis=1)
            key = np.sort(low * groups + high)
            key = key[np.concatenate([[True], key[1:] != key[:-1]])]
            coarse_edges = np.column_stack([key // groups, key % groups])
        levels.append(Level(groups, coarse_edges.reshape(-1, 2)))
    return levels


def steps_for(count: int) -> int:
    """Steps at a level of ``count`` nodes: many where they are cheap, few on the big fine levels."""
    return int(np.clip(30 * (1000 / max(count, 1)) ** 0.35, 16, 60))


#: Up to this many nodes, repulsion is summed over every pair (cheaper than an FFT, and exact).
EXACT_UP_TO = 120
#: Largest side of a repulsion grid, in cells.
MAX_CELLS = 128


def grid_cells(count: int) -> int:
    """Repulsion grid size for ``count`` nodes: the FFT costs what the level needs, not a fixed 128².

    A layout of n nodes covers about sqrt(n)·k across, so cells about an edge length wide.
    """
    return int(np.clip(1.25 * math.sqrt(count), 16, MAX_CELLS))


def repulsion_for(k: float, count: int) -> Repulsion:
    """The repulsion to use for ``count`` nodes: exact when few, on a grid when many."""
    return ExactRepulsion(k) if count <= EXACT_UP_TO else GridRepulsion(k, grid_cells(count))


class ExactRepulsion:
    """k²/r from every node on every other, summed over all pairs."""

    def __init__(self, k: float) -> None:
        self.k = k

    def __call__(self, positions: np.ndarray) -> np.ndarray:
        delta = positions[:, None, :] - positions[None, :, :]
        squared = (delta**2).sum(axis=2) + (0.01 * self.k) ** 2
        return (delta * (self.k * self.k / squared)[:, :, None]).sum(axis=1)


class GridRepulsion:
    """k²/r repulsion on a grid: cloud-in-cell mass, FFT convolution with k²·d/(|d|² + h²), read back.

    The grid is ``cells`` wide whatever the layout's extent; its cell size is rounded to a
    quarter power of two and the grid's corner to a whole cell, so a settling layout reuses a
    few cached kernel transforms. Each node's pull on itself through its four grid points is
    taken away, so a lone node feels no force.
    """

    _CORNERS = np.array([(0, 0), (1, 0), (0, 1), (1, 1)], dtype=float)

    def __init__(self, k: float, cells: int) -> None:
        self.k = k
        self.cells = cells
        self.shape = (2 * cells, 2 * cells)
        self._kernels: dict[float, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def _kernel(self, h: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if h not in self._kernels:
            size = 2 * self.cells
            # Offsets in wrapped order: 0, 1, …, cells, -(cells - 1), …, -1 (circular = linear here).
            offsets = np.fft.fftfreq(size, 1.0 / size) * h
            offsets[self.cells] = 0.0  # the Nyquist row never meets a pair of cells inside the grid
            dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
            scale = self.k * self.k / (dx * dx + dy * dy + h * h)
            corner = self._CORNERS * h
            cdx = corner[:, None, 0] - corner[None, :, 0]
            cdy = corner[:, None, 1] - corner[None, :, 1]
            self_scale = self.k * self.k / (cdx * cdx + cdy * cdy + h * h)
            np.fill_diagonal(self_scale, 0.0)
            if len(self._kernels) >= 6:
                self._kernels.pop(next(iter(self._kernels)))
            self._kernels[h] = (fft.rfft2(dx * scale), fft.rfft2(dy * scale), cdx * self_scale, cdy * self_scale)
        return self._kernels[h]

    def __call__(self, positions: np.ndarray) -> np.ndarray:
        k, cells = self.k, self.cells
        low = positions.min(axis=0)
        span = float(np.maximum(positions.max(axis=0) - low, k).max())
        raw = max(span / (cells - 4), k / 2.0)  # room for the corner rounded down and the last point's cell
        h = float(2.0 ** (math.ceil(math.log2(raw) * 4) / 4))
        kernel_x, kernel_y, self_x, self_y = self._kernel(h)
        cell = (positions - np.floor(low / h) * h) / h + 1.0
        base = np.floor(cell).astype(np.int64)
        frac = cell - base
        fx, fy = frac[:, 0], frac[:, 1]
        weights = np.stack([(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy])
        flat = np.stack([base[:, 0] * cells + base[:, 1], (base[:, 0] + 1) * cells + base[:, 1],
                         base[:, 0] * cells + base[:, 1] + 1, (base[:, 0] + 1) * cells + base[:, 1] + 1])
        density = np.bincount(flat.ravel(), weights.ravel(), minlength=cells * cells)[: cells * cells]
        spectrum = fft.rfft2(density.reshape(cells, cells), self.shape)
        field_x = fft.irfft2(spectrum * kernel_x, self.shape)[:cells, :cells].ravel()
        field_y = fft.irfft2(spectrum * kernel_y, self.shape)[:cells, :cells].ravel()
        force = np.empty((len(positions), 2))
        force[:, 0] = np.einsum("in,in->n", field_x[flat] - self_x @ weights, weights)
        force[:, 1] = np.einsum("in,in->n", field_y[flat] - self_y @ weights, weights)
        return force


def multilevel(
    positions: np.ndarray,
    edges: np.ndarray,
    k: float,
    rng: np.random.Generator,
    pairs: ClosePairs,
    *,
    cancel: CancelToken | None = None,
    report: StepReport | None = None,
) -> np.ndarray:
    """New positions for every node of a fresh scene (all movable), centred where the nodes were."""
    count = len(positions)
    centre = positions.mean(axis=0)
    levels = hierarchy(count, edges, rng, cancel)
    work = [level.count * steps_for(level.count) for level in levels]
    total, done = float(sum(work)), 0.0
    coarsest = levels[-1]
    coarse_k = k * math.sqrt(count / coarsest.count)
    radius = math.sqrt(coarsest.count) * coarse_k / 2
    angle = rng.uniform(0, 2 * math.pi, coarsest.count)
    distance = radius * np.sqrt(rng.uniform(0, 1, coarsest.count))
    current = np.column_stack([distance * np.cos(angle), distance * np.sin(angle)])
    for depth in range(len(levels) - 1, -1, -1):
        level = levels[depth]
        level_k = k * math.sqrt(count / level.count)
        if depth < len(levels) - 1:
            current = _place(current, level, level_k, rng)
        steps = steps_for(level.count)
        coarsest_level = depth == len(levels) - 1
        start_temperature = max(level_k, 0.1 * radius) if coarsest_level else fine_temperature(level.count, level_k)

        def on_step(fraction: float, before: float = done, share: float = work[depth]) -> None:
            if report is not None:
                report((before + fraction * share) / total)

        current = relax(current, np.ones(level.count, dtype=bool), level.edges, level_k, steps, start_temperature,
                        repulsion_for(level_k, level.count), rng, pairs, cancel=cancel, report=on_step)
        done += work[depth]
    return current - current.mean(axis=0) + centre


def fine_temperature(count: int, k: float) -> float:
    """The first temperature (largest move) of a level of ``count`` nodes placed from a coarser one."""
    return FINE_START * (count / 1000) ** FINE_GROWTH * k


def _place(coarse: np.ndarray, level: Level, k: float, rng: np.random.Generator) -> np.ndarray:
    """Finer nodes start on their group's place, spread over a disc the group's size needs."""
    assert level.members_of is not None
    members = level.members_of
    sizes = np.bincount(members, minlength=len(coarse)).astype(float)
    spread = 0.5 * k * np.sqrt(sizes[members])
    angle = rng.uniform(0, 2 * math.pi, level.count)
    distance = spread * np.sqrt(rng.uniform(0, 1, level.count))
    return coarse[members] + np.column_stack([distance * np.cos(angle), distance * np.sin(angle)])


def relax(
    positions: np.ndarray,
    movable: np.ndarray,
    edges: np.ndarray,
    k: float,
    steps: int,
    start_temperature: float,
    repulsion: Repulsion,
    rng: np.random.Generator,
    pairs: ClosePairs | None = None,
    *,
    cancel: CancelToken | None = None,
    report: StepReport | None = None,
    anchor: np.ndarray | None = None,
) -> np.ndarray:
    """Fruchterman–Reingold steps: grid repulsion, exact push between close pairs, springs, gravity.

    The temperature (largest move per step) cools linearly from ``start_temperature``.
    Close pairs are looked up afresh at every step (``pairs``; by default a k-d tree).
    """
    count = len(positions)
    find_pairs = pairs or close_pairs
    sources, targets = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    collision = 0.8 * k
    centre = positions.mean(axis=0) if anchor is None else anchor
    everything = bool(movable.all())
    # Coordinates as two rows (x, y): gathering single values from a row is several times quicker
    # than gathering (x, y) rows of an n×2 array, and every force here is gathered by index.
    xy = np.array(positions.T, dtype=float)
    x, y = xy[0], xy[1]
    for step in range(steps):
        check(cancel)
        temperature = max(start_temperature * (1.0 - step / steps), 0.5)
        move = (repulsion(xy.T) if count > 1 else np.zeros((count, 2))).T
        close = find_pairs(xy.T, collision)
        if len(close):
            _add_pair_forces(move, x, y, close[:, 0], close[:, 1], k, collision, rng)
        if len(sources):
            dx, dy = x[targets] - x[sources], y[targets] - y[sources]
            stretch = np.sqrt(dx * dx + dy * dy) / k
            dx *= stretch
            dy *= stretch
            move[0] += np.bincount(sources, dx, minlength=count) - np.bincount(targets, dx, minlength=count)
            move[1] += np.bincount(sources, dy, minlength=count) - np.bincount(targets, dy, minlength=count)
        move[0] -= GRAVITY * (x - centre[0])
        move[1] -= GRAVITY * (y - centre[1])
        length = np.sqrt(move[0] * move[0] + move[1] * move[1]) + 1e-9
        move *= np.minimum(length, temperature) / length
        if everything:
            xy += move
        else:
            xy[:, movable] += move[:, movable]
        if report is not None and (step % 5 == 0 or step == steps - 1):
            report((step + 1) / steps)
    return np.ascontiguousarray(xy.T)


def _add_pair_forces(
    move: np.ndarray, x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray, k: float, collision: float,
    rng: np.random.Generator,
) -> None:
    """The push between nodes closer than ``collision``: k²/d, fading to nothing at ``collision``."""
    dx, dy = x[a] - x[b], y[a] - y[b]
    squared = dx * dx + dy * dy
    if squared.min() < 1e-12:  # exactly on top of each other: push apart in a seeded direction
        stacked = squared < 1e-12
        direction = rng.normal(size=(int(stacked.sum()), 2))
        dx[stacked], dy[stacked] = direction[:, 0], direction[:, 1]
        squared[stacked] = (direction**2).sum(axis=1)
    strength = (1.0 - np.sqrt(squared) / collision) * (k * k / squared)
    dx *= strength
    dy *= strength
    count = len(x)
    move[0] += np.bincount(a, dx, minlength=count) - np.bincount(b, dx, minlength=count)
    move[1] += np.bincount(a, dy, minlength=count) - np.bincount(b, dy, minlength=count)


def close_pairs(positions: np.ndarray, radius: float) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of points closer than ``radius`` to each other (a k-d tree's search).

    >>> close_pairs(np.array([[0.0, 0.0], [0.5, 0.0], [3.0, 3.0]]), 1.0).tolist()
    [[0, 1]]
    """
    if len(positions) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    # Unbalanced, uncompacted trees build quicker, and a tree is built for every step.
    tree = cKDTree(positions, leafsize=16, balanced_tree=False, compact_nodes=False)
    # The search keeps pairs at distance ≤ radius: shrink it by a hair to keep the "closer than".
    found = tree.query_pairs(np.nextafter(radius, 0.0), output_type="ndarray")
    return found.astype(np.int64, copy=False).reshape(-1, 2)


#: ``relax_few`` is used while (movable nodes) × (all nodes) stays under this: its forces are exact, pair by pair.
FEW_PAIRS = 250_000


def relax_few(
    positions: np.ndarray,
    movable: np.ndarray,
    edges: np.ndarray,
    k: float,
    steps: int,
    start_temperature: float,
    rng: np.random.Generator,
    *,
    cancel: CancelToken | None = None,
    report: StepReport | None = None,
    anchor: np.ndarray | None = None,
) -> np.ndarray:
    """:func:`relax` for a few movable nodes among fixed ones (an expansion): forces on the movable ones only.

    Only the movable nodes move, so only their forces are needed: every pair with one of them is
    summed exactly (the same k²/r repulsion, close-pair push, springs and gravity as :func:`relax`),
    which for a few dozen nodes costs less than one grid convolution over every node.
    """
    positions = positions.copy()
    count = len(positions)
    moving = np.flatnonzero(movable)
    if not len(moving):
        return positions
    # Every force on a movable node i from node j is a multiple of their offset p_i − p_j: one
    # (movable × all) table of multiples per step holds repulsion, push and springs together.
    row = np.full(count, -1, dtype=np.int64)
    row[moving] = np.arange(len(moving))
    links = np.zeros((len(moving), count))
    if len(edges):
        for near, far in ((edges[:, 0], edges[:, 1]), (edges[:, 1], edges[:, 0])):
            here = row[near] >= 0
            np.add.at(links, (row[near[here]], far[here]), 1.0)
    rows = np.arange(len(moving))
    collision = 0.8 * k
    centre = positions.mean(axis=0) if anchor is None else anchor
    k2 = k * k
    softening = (0.01 * k) ** 2
    xs, ys = positions[:, 0].copy(), positions[:, 1].copy()
    for step in range(steps):
        check(cancel)
        temperature = max(start_temperature * (1.0 - step / steps), 0.5)
        here_x, here_y = xs[moving], ys[moving]
        dx = here_x[:, None] - xs
        dy = here_y[:, None] - ys
        squared = dx * dx + dy * dy
        squared[rows, moving] = _FAR  # a node with itself: no force (its offset is zero anyway)
        if squared.min() < 1e-12:  # exactly on top of each other: push apart in a seeded direction
            stacked = squared < 1e-12
            direction = rng.normal(size=(int(stacked.sum()), 2))
            dx[stacked], dy[stacked] = direction[:, 0], direction[:, 1]
            squared[stacked] = (direction**2).sum(axis=1)
        distance = np.sqrt(squared)
        multiple = k2 / (squared + softening)
        multiple -= links * (distance / k)
        multiple += k2 * np.maximum(1.0 - distance / collision, 0.0) / squared
        move_x = (dx * multiple).sum(axis=1) - GRAVITY * (here_x - centre[0])
        move_y = (dy * multiple).sum(axis=1) - GRAVITY * (here_y - centre[1])
        length = np.sqrt(move_x * move_x + move_y * move_y) + 1e-9
        scale = np.minimum(length, temperature) / length
        xs[moving] = here_x + move_x * scale
        ys[moving] = here_y + move_y * scale
        if report is not None and (step % 5 == 0 or step == steps - 1):
            report((step + 1) / steps)
    positions[moving, 0] = xs[moving]
    positions[moving, 1] = ys[moving]
    return positions


#: Stands for the squared distance of a node to itself in ``relax_few``: far enough for no force.
_FAR = 1e30


def neighbourhood(
    positions: np.ndarray, movable: np.ndarray, edges: np.ndarray, k: float
) -> np.ndarray:
    """Indices of the nodes an incremental layout relaxes: the movable ones, their linked
    nodes, and every node within a few edge lengths of a movable one (fixed ones stay put)."""
    chosen = movable.copy()
    if len(edges):
        touches = movable[edges[:, 0]] | movable[edges[:, 1]]
        chosen[edges[touches].ravel()] = True
    moving = positions[movable]
    if len(moving):
        low, high = moving.min(axis=0) - 4 * k, moving.max(axis=0) + 4 * k
        inside = ((positions >= low) & (positions <= high)).all(axis=1)
        chosen |= inside
    return np.flatnonzero(chosen)


__all__ = [
    "COARSEST",
    "ExactRepulsion",
    "GridRepulsion",
    "Level",
    "coarsen",
    "fine_temperature",
    "grid_cells",
    "hierarchy",
    "multilevel",
    "neighbourhood",
    "relax",
    "relax_few",
    "repulsion_for",
    "steps_for",
]
