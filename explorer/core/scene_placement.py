"""Where new nodes go on a scene: around the node they came from, or beside what is shown.

>>> from explorer.core.scene_items import SceneNode
>>> centre = SceneNode("urn:a", "urn:a", "A", "", "")
>>> len(ring_around([centre], centre, 3))
3
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np

from explorer.core.scene_items import SceneNode

#: Scene units per character of a label at zoom 1 (11 px text), and the most characters a label
#: shows before it is cut: together, the room a node's label needs beside its glyph.
LABEL_CHARACTER_WIDTH = 6.2
LABEL_CHARACTERS = 26
LABEL_HEIGHT = 16.0
#: Space kept between two nodes' footprints (glyph and label).
FOOTPRINT_GAP = 6.0
#: Scenes larger than this are not spread pairwise after a layout (they are read zoomed out).
SEPARATE_UP_TO = 500
#: More new nodes than this at once (a hub expanded in full) keep only their glyphs apart.
CROWD = 100


def footprint(node: SceneNode) -> tuple[float, float]:
    """Half width and half height of the room a node takes: its glyph and the label under it."""
    label = 0.0 if node.kind == "more" else min(len(node.label), LABEL_CHARACTERS) * LABEL_CHARACTER_WIDTH / 2
    return max(node.size / 2 * 1.35, label), node.size / 2 + LABEL_HEIGHT


def footprints(nodes: Sequence[SceneNode]) -> np.ndarray:
    """:func:`footprint` of every node, n×2, worked out for all at once."""
    count = len(nodes)
    size = np.fromiter((n.size for n in nodes), dtype=float, count=count)
    characters = np.fromiter((0 if n.kind == "more" else min(len(n.label), LABEL_CHARACTERS) for n in nodes),
                             dtype=float, count=count)
    half = np.empty((count, 2))
    half[:, 0] = np.maximum(size / 2 * 1.35, characters * LABEL_CHARACTER_WIDTH / 2)
    half[:, 1] = size / 2 + LABEL_HEIGHT
    return half


def separate(positions: np.ndarray, half: np.ndarray, pinned: np.ndarray | None = None, *,
             gap: float = FOOTPRINT_GAP, iterations: int | None = None) -> np.ndarray:
    """``positions`` (n×2) moved the least needed so that no two footprints (``half``: n×2 half
    width and height) overlap; pinned nodes stay put. Overlapping pairs are pushed apart along
    the axis where they overlap least, each by half (a pinned one not at all).
    """
    result = np.array(positions, dtype=float, copy=True)
    count = len(result)
    if count < 2 or count > SEPARATE_UP_TO:
        return result
    fixed = np.zeros(count, dtype=bool) if pinned is None else np.asarray(pinned, dtype=bool)
    if iterations is None:  # each round costs n² pairs: fewer rounds for more nodes (half a second at most)
        iterations = int(min(400, max(20, 5e6 / count**2)))
    reach = half + gap / 2
    upper = np.triu(np.ones((count, count), dtype=bool), 1)
    for _ in range(iterations):
        dx = result[:, 0][None, :] - result[:, 0][:, None]
        dy = result[:, 1][None, :] - result[:, 1][:, None]
        overlap_x = reach[:, 0][:, None] + reach[:, 0][None, :] - np.abs(dx)
        overlap_y = reach[:, 1][:, None] + reach[:, 1][None, :] - np.abs(dy)
        clash = (overlap_x > 0) & (overlap_y > 0) & upper
        if not clash.any():
            break
        first, second = np.nonzero(clash)
        along_x = overlap_x[first, second] <= overlap_y[first, second]
        # Coincident nodes have no direction: they part along a direction fixed by their indices.
        sign_x = np.where(dx[first, second] == 0, np.where((first + second) % 2 == 0, 1.0, -1.0), np.sign(dx[first, second]))
        sign_y = np.where(dy[first, second] == 0, 1.0, np.sign(dy[first, second]))
        push = np.zeros((len(first), 2))
        push[along_x, 0] = sign_x[along_x] * (overlap_x[first, second][along_x] + 0.5)
        push[~along_x, 1] = sign_y[~along_x] * (overlap_y[first, second][~along_x] + 0.5)
        share_first = np.where(fixed[first], 0.0, np.where(fixed[second], 1.0, 0.5))
        share_second = np.where(fixed[second], 0.0, np.where(fixed[first], 1.0, 0.5))
        moves = np.zeros_like(result)
        np.add.at(moves, first, -push * share_first[:, None])
        np.add.at(moves, second, push * share_second[:, None])
        result += moves
    return result


def clear_spots(wanted: Sequence[tuple[float, float]], wanted_half: Sequence[tuple[float, float]],
                taken: np.ndarray, taken_half: np.ndarray, *, gap: float = FOOTPRINT_GAP) -> list[tuple[float, float]]:
    """Each wanted place, or the nearest free one around it (on widening rings), so that no new
    footprint lands on a node already there (``taken``: n×2 centres, ``taken_half``: n×2) or on
    another new one. Boxes are found through a grid of cells, so a big scene costs little."""
    centres = np.array(taken, dtype=float).reshape(-1, 2)
    halves = np.array(taken_half, dtype=float).reshape(-1, 2)
    boxes: list[tuple[float, float, float, float]] = [
        (x - w, y - h, x + w, y + h) for (x, y), (w, h) in zip(centres.tolist(), halves.tolist(), strict=True)]
    cell = max(64.0, float(np.max(halves, initial=0.0)) * 2 + gap, max((max(w, h) * 2 for w, h in wanted_half), default=0.0))
    grid: dict[tuple[int, int], list[int]] = {}

    def cells(left: float, top: float, right: float, bottom: float) -> Iterable[tuple[int, int]]:
        for column in range(math.floor(left / cell), math.floor(right / cell) + 1):
            for row in range(math.floor(top / cell), math.floor(bottom / cell) + 1):
                yield column, row

    def add(index: int) -> None:
        for key in cells(*boxes[index]):
            grid.setdefault(key, []).append(index)

    for index in range(len(boxes)):
        add(index)

    def free(left: float, top: float, right: float, bottom: float) -> bool:
        for key in cells(left - gap, top - gap, right + gap, bottom + gap):
            for index in grid.get(key, ()):
                other = boxes[index]
                if left - gap < other[2] and other[0] < right + gap and top - gap < other[3] and other[1] < bottom + gap:
                    return False
        return True

    result: list[tuple[float, float]] = []
    for (x, y), (hw, hh) in zip(wanted, wanted_half, strict=True):
        spot = (x, y)
        step = max(hw, hh, 12.0)
        for ring in range(0, 60):
            tries = 1 if ring == 0 else 8 + 4 * ring
            found = next(((x + ring * step * math.cos(2 * math.pi * k / tries), y + ring * step * math.sin(2 * math.pi * k / tries))
                          for k in range(tries)
                          if free(x + ring * step * math.cos(2 * math.pi * k / tries) - hw,
                                  y + ring * step * math.sin(2 * math.pi * k / tries) - hh,
                                  x + ring * step * math.cos(2 * math.pi * k / tries) + hw,
                                  y + ring * step * math.sin(2 * math.pi * k / tries) + hh)), None)
            if found is not None:
                spot = found
                break
        result.append(spot)
        boxes.append((spot[0] - hw, spot[1] - hh, spot[0] + hw, spot[1] + hh))
        add(len(boxes) - 1)
    return result


class PathLike(Protocol):
    """What :meth:`Scene.add_path` reads from a path: ``explorer.core.paths.GraphPath`` has it.

    ``hops`` are objects with ``source``, ``predicate``, ``target`` (in reading order) and
    ``forward`` (True when the stored triple is source–predicate–target).
    """

    @property
    def nodes(self) -> Sequence[str]: ...

    @property
    def hops(self) -> Sequence[Any]: ...


def free_spot(nodes: Iterable[SceneNode]) -> tuple[float, float]:
    """Where a new node goes when nothing says where: right of what is shown, at mid height."""
    entities = [n for n in nodes if n.kind == "entity"]
    if not entities:
        return 0.0, 0.0
    right = max(n.x for n in entities)
    middle = sum(n.y for n in entities) / len(entities)
    return right + 160.0, middle


def ring_around(nodes: Iterable[SceneNode], centre: SceneNode, count: int, radius: float | None = None) -> list[tuple[float, float]]:
    """Places for ``count`` new nodes around ``centre``, facing away from what is already shown."""
    if count <= 0:
        return []
    others = [n for n in nodes if n.id != centre.id and n.kind == "entity"]
    if others:
        mx = sum(n.x for n in others) / len(others) - centre.x
        my = sum(n.y for n in others) / len(others) - centre.y
        away = math.atan2(-my, -mx) if (mx or my) else 0.0
        spread = math.pi * 1.5 if len(others) > 1 else math.pi * 2
    else:
        away, spread = 0.0, math.pi * 2
    spacing = 48.0
    positions: list[tuple[float, float]] = []
    ring = 0
    base = radius if radius is not None else 140.0
    while len(positions) < count:
        r = base + ring * spacing * 1.2
        capacity = max(1, int(spread * r / spacing))
        take = min(capacity, count - len(positions))
        for i in range(take):
            full_circle = spread >= math.pi * 2 - 1e-9
            angle = away + 2 * math.pi * i / take if full_circle else away - spread / 2 + spread * (i + 0.5) / take
            positions.append((centre.x + r * math.cos(angle), centre.y + r * math.sin(angle)))
        ring += 1
    return positions


def clear_of_others(shown: Iterable[SceneNode], new: list[SceneNode]) -> None:
    """Move nodes about to be added to the nearest places where neither they nor their labels
    cover a node (or its label) already shown, nor each other."""
    if not new:
        return
    others = [n for n in shown if not n.hidden]
    taken = np.array([(n.x, n.y) for n in others], dtype=float).reshape(-1, 2)
    taken_half = footprints(others)
    # A crowd is read zoomed out, without labels: only the glyphs must stay apart.
    glyphs_only = len(new) > CROWD
    wanted_half = [(n.size / 2 * 1.35, n.size / 2) if glyphs_only else footprint(n) for n in new]
    spots = clear_spots([(n.x, n.y) for n in new], wanted_half, taken, taken_half)
    for node, (x, y) in zip(new, spots, strict=True):
        node.x, node.y = x, y


__all__ = ["PathLike", "clear_of_others", "clear_spots", "footprint", "footprints", "free_spot", "ring_around", "separate"]
