"""Where the canvas's words go: labels placed clear of each other and of the nodes (decluttering),
and elision that keeps the part of a label that tells it from its neighbours.

Everything here works in screen pixels on plain arrays, so the canvas, its picture exports and
the benchmark share it without Qt: the caller measures text, this module decides what is drawn
where. Placement is greedy by priority (selection, path membership, degree) on a coarse
occupancy grid: a box is taken only where no earlier label or node glyph lies.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

#: Side of one occupancy cell in pixels; boxes are rounded outwards to whole cells, so two taken
#: boxes never overlap (they may keep up to a cell of extra distance).
CELL = 4.0
#: Distance between a node's glyph and its label (at least one cell, so the two never share one).
GAP = 4.0
ELLIPSIS = "…"
#: Priority boosts: what the analyst chose or asked for is labelled before the well-connected.
SELECTED_PRIORITY = 1e9
HOVERED_PRIORITY = 2e9
HIGHLIGHTED_PRIORITY = 1e8
FOCUS_PRIORITY = 5e7
#: After this many labels in a row found no room, the view is full: the rest are left for hovering.
GIVE_UP_AFTER = 60


class Occupancy:
    """A grid of taken cells over a ``width``×``height`` pixel area starting at ``origin``."""

    def __init__(self, left: float, top: float, width: float, height: float, cell: float = CELL) -> None:
        self.left, self.top, self.cell = left, top, cell
        self.columns = max(1, math.ceil(width / cell) + 1)
        self.rows = max(1, math.ceil(height / cell) + 1)
        self.grid = np.zeros((self.rows, self.columns), dtype=bool)

    def _span(self, left: float, top: float, right: float, bottom: float) -> tuple[slice, slice] | None:
        cell = self.cell
        c0 = math.floor((left - self.left) / cell)
        r0 = math.floor((top - self.top) / cell)
        c1 = math.floor((right - self.left) / cell) + 1
        r1 = math.floor((bottom - self.top) / cell) + 1
        if c1 <= 0 or r1 <= 0 or c0 >= self.columns or r0 >= self.rows:
            return None
        return slice(max(r0, 0), min(r1, self.rows)), slice(max(c0, 0), min(c1, self.columns))

    def inside(self, left: float, top: float, right: float, bottom: float) -> bool:
        """Whether the box lies wholly on the grid (a label cut by the edge of the view is not drawn)."""
        return (left >= self.left and top >= self.top and right < self.left + (self.columns - 1) * self.cell
                and bottom < self.top + (self.rows - 1) * self.cell)

    def free(self, left: float, top: float, right: float, bottom: float) -> bool:
        cell, grid = self.cell, self.grid
        # The middle cell first: most refused places are refused by it, without slicing the grid.
        row = math.floor(((top + bottom) / 2 - self.top) / cell)
        column = math.floor(((left + right) / 2 - self.left) / cell)
        if 0 <= row < self.rows and 0 <= column < self.columns and grid[row, column]:
            return False
        span = self._span(left, top, right, bottom)
        return span is not None and not grid[span].any()

    def take(self, left: float, top: float, right: float, bottom: float) -> None:
        span = self._span(left, top, right, bottom)
        if span is not None:
            self.grid[span] = True

    def take_boxes(self, left: np.ndarray, top: np.ndarray, right: np.ndarray, bottom: np.ndarray) -> None:
        """Mark many boxes (node glyphs) at once."""
        cell = self.cell
        c0 = np.clip(np.floor((left - self.left) / cell).astype(np.int64), 0, self.columns)
        r0 = np.clip(np.floor((top - self.top) / cell).astype(np.int64), 0, self.rows)
        c1 = np.clip(np.floor((right - self.left) / cell).astype(np.int64) + 1, 0, self.columns)
        r1 = np.clip(np.floor((bottom - self.top) / cell).astype(np.int64) + 1, 0, self.rows)
        grid = self.grid
        real = (r1 > r0) & (c1 > c0)
        # Boxes of at most 2×2 cells (nodes far out: thousands of them) are marked by their corners at once.
        small = real & (r1 - r0 <= 2) & (c1 - c0 <= 2)
        for rows, columns in ((r0, c0), (r0, c1 - 1), (r1 - 1, c0), (r1 - 1, c1 - 1)):
            grid[rows[small], columns[small]] = True
        large = np.flatnonzero(real & ~small)
        for a, b, c, d in zip(r0[large].tolist(), r1[large].tolist(), c0[large].tolist(), c1[large].tolist(), strict=True):
            grid[a:b, c:d] = True


def elide_keeping_end(text: str, max_width: float, width_of: Callable[[str], float]) -> str:
    """``text`` cut to ``max_width`` so that its end stays: labels of one kind often share a start
    ("automated guided vehicles in Changlian 382", "… in Ningbo 7") and differ at the end.

    Keeps the first word, an ellipsis and as many trailing words as fit; when even that is too
    wide, an ellipsis and the last characters.
    """
    if width_of(text) <= max_width:
        return text
    words = text.split()
    if len(words) >= 3:
        head = words[0] + " " + ELLIPSIS
        tail: list[str] = []
        for word in reversed(words[1:]):
            candidate = " ".join([word, *tail])
            if width_of(f"{head} {candidate}") > max_width:
                break
            tail.insert(0, word)
        if tail:
            return f"{head} {' '.join(tail)}"
    # Characters from the end: the shortest cut found by halving, since widths only grow with length.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width_of(ELLIPSIS + text[len(text) - middle:].lstrip()) <= max_width:
            low = middle
        else:
            high = middle - 1
    return ELLIPSIS + text[len(text) - low:].lstrip() if low else ""


def keeps_distinguishing_end(label: str, drawn: str) -> bool:
    """Whether ``drawn`` is ``label`` itself or a cut of it that ends as the label does."""
    if drawn == label:
        return True
    if ELLIPSIS not in drawn:
        return False
    head, _, tail = drawn.partition(ELLIPSIS)
    tail = tail.strip()
    return bool(tail) and label.endswith(tail) and label.startswith(head.strip())


@dataclass(frozen=True)
class PlacedLabel:
    """A label that is drawn: which item (node or edge index), its box and, for an edge, the angle."""

    index: int
    left: float
    top: float
    width: float
    height: float
    angle: float = 0.0
    short: bool = False

    @property
    def pieces(self) -> list[tuple[float, float, float, float]]:
        """Upright boxes covering the text (one for level text, a row of squares for turned text)."""
        if not self.angle:
            return [self.box]
        radians = math.radians(self.angle)
        return turned_pieces(self.left + self.width / 2, self.top + self.height / 2, self.width, self.height,
                             math.cos(radians), math.sin(radians))

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The upright box around the (possibly turned) text: (left, top, right, bottom)."""
        if not self.angle:
            return self.left, self.top, self.left + self.width, self.top + self.height
        radians = math.radians(self.angle)
        cos, sin = abs(math.cos(radians)), abs(math.sin(radians))
        extent_x = cos * self.width + sin * self.height
        extent_y = sin * self.width + cos * self.height
        cx, cy = self.left + self.width / 2, self.top + self.height / 2
        return cx - extent_x / 2, cy - extent_y / 2, cx + extent_x / 2, cy + extent_y / 2


def node_order(priority: np.ndarray) -> np.ndarray:
    """Indices from the most to the least important (ties keep their order)."""
    return np.argsort(-priority, kind="stable")


def place_node_labels(occupancy: Occupancy, x: np.ndarray, y: np.ndarray, half_width: np.ndarray, half_height: np.ndarray,
                      widths: Sequence[float], height: float, order: np.ndarray,
                      short_widths: Sequence[float] | None = None) -> list[PlacedLabel]:
    """Labels for nodes at ``x, y`` (screen) whose glyphs, ``2*half_width`` × ``2*half_height``, are
    already taken on ``occupancy``; tried under, over, right and left of each glyph, then diagonally,
    and then (where ``short_widths`` gives a shorter cut of the label) the same places for the cut.

    Nodes come in ``order``; a label that finds no free place is left out (it shows on hover).
    ``PlacedLabel.short`` says which text was placed.
    """
    placed: list[PlacedLabel] = []
    misses = 0
    for i in order.tolist():
        if widths[i] <= 0:
            continue
        cx, cy, hw, hh = float(x[i]), float(y[i]), float(half_width[i]), float(half_height[i])
        choices = [(widths[i], False)]
        if short_widths is not None and 0 < short_widths[i] < widths[i]:
            choices.append((short_widths[i], True))
        if _place_one(occupancy, placed, i, cx, cy, hw, hh, choices, height):
            misses = 0
            continue
        misses += 1
        if misses >= GIVE_UP_AFTER:
            break
    return placed


def _place_one(occupancy: Occupancy, placed: list[PlacedLabel], i: int, cx: float, cy: float, hw: float, hh: float,
               choices: list[tuple[float, bool]], height: float) -> bool:
    free, take, inside = occupancy.free, occupancy.take, occupancy.inside
    for width, short in choices:
        candidates = (
            (cx - width / 2, cy + hh + GAP),               # under
            (cx - width / 2, cy - hh - GAP - height),      # over
            (cx + hw + GAP, cy - height / 2),              # right
            (cx - hw - GAP - width, cy - height / 2),      # left
            (cx + hw, cy + hh + GAP),                      # under, right
            (cx - hw - width, cy + hh + GAP),              # under, left
            (cx + hw, cy - hh - GAP - height),             # over, right
            (cx - hw - width, cy - hh - GAP - height),     # over, left
        )
        for left, top in candidates:
            right, bottom = left + width, top + height
            if inside(left, top, right, bottom) and free(left, top, right, bottom):
                take(left, top, right, bottom)
                placed.append(PlacedLabel(i, left, top, width, height, short=short))
                return True
    return False


def place_edge_labels(occupancy: Occupancy, start: np.ndarray, end: np.ndarray, clearance: np.ndarray,
                      widths: Sequence[float], height: float, order: np.ndarray) -> list[PlacedLabel]:
    """Labels along edges from ``start`` to ``end`` (screen, n×2), each kept ``clearance`` pixels
    from both ends' centres (the node and its label's first reach), tried at the middle and then
    a third of the way from either end, on the free side of the line.

    The box taken is the upright rectangle around the turned text: no word runs into another.
    """
    placed: list[PlacedLabel] = []
    delta = end - start
    length = np.sqrt((delta**2).sum(axis=1))
    misses = 0
    free, take, inside = occupancy.free, occupancy.take, occupancy.inside
    for i in order.tolist():
        width = widths[i]
        room = float(length[i]) - 2 * float(clearance[i])
        if width <= 0 or room < width:
            continue
        ux, uy = float(delta[i][0]) / float(length[i]), float(delta[i][1]) / float(length[i])
        angle = math.degrees(math.atan2(uy, ux))
        if angle > 90 or angle < -90:  # words stay upright; the arrowhead still shows the direction
            angle += 180
        nx, ny = -uy, ux
        slack = (room - width) / 2  # how far the middle may move along the edge and stay clear of both ends
        sx, sy = float(start[i][0]), float(start[i][1])
        middle = float(length[i]) / 2
        # The squares of turned_pieces, by their offsets along the text: the same numbers, worked out once per edge.
        half_side = height * (abs(ux) + abs(uy)) / 2
        offsets = _piece_offsets(width, height)
        # The ends first (the squares between lie inside whenever both ends do), then the middle square, which
        # most refused places are refused by, then the rest.
        last = len(offsets) - 1
        checks = [offsets[last // 2], *offsets[:last // 2], *offsets[last // 2 + 1:]]
        for along in (0.0, -slack * 0.6, slack * 0.6):
            for side in (-1.0, 1.0):
                offset = side * (height / 2 + 1)
                cx = sx + ux * (middle + along) + nx * offset
                cy = sy + uy * (middle + along) + ny * offset
                x0, y0, x1, y1 = cx + ux * offsets[0], cy + uy * offsets[0], cx + ux * offsets[last], cy + uy * offsets[last]
                if not (inside(x0 - half_side, y0 - half_side, x0 + half_side, y0 + half_side)
                        and inside(x1 - half_side, y1 - half_side, x1 + half_side, y1 + half_side)):
                    continue
                if all(free(x - half_side, y - half_side, x + half_side, y + half_side)
                       for x, y in ((cx + ux * along_text, cy + uy * along_text) for along_text in checks)):
                    for along_text in offsets:
                        x, y = cx + ux * along_text, cy + uy * along_text
                        take(x - half_side, y - half_side, x + half_side, y + half_side)
                    placed.append(PlacedLabel(i, cx - width / 2, cy - height / 2, width, height, angle))
                    misses = 0
                    break
            else:
                continue
            break
        else:
            misses += 1
            if misses >= GIVE_UP_AFTER:
                break
    return placed


def _piece_offsets(width: float, height: float) -> list[float]:
    """Where the squares of a ``width``×``height`` text's cover lie along it, from its centre."""
    count = max(1, math.ceil(width / height))
    step = (width - height) / (count - 1) if count > 1 else 0.0
    return [-width / 2 + height / 2 + k * step for k in range(count)]


def turned_pieces(cx: float, cy: float, width: float, height: float, ux: float, uy: float) -> list[tuple[float, float, float, float]]:
    """Upright boxes that together cover a ``width``×``height`` text centred at (cx, cy) and turned
    along (ux, uy): squares of the text's height along its axis, far tighter than one box around it."""
    half = height * (abs(ux) + abs(uy)) / 2  # half the upright box around one turned height×height square
    pieces = []
    for along in _piece_offsets(width, height):
        x, y = cx + ux * along, cy + uy * along
        pieces.append((x - half, y - half, x + half, y + half))
    return pieces


def boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two (left, top, right, bottom) boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


__all__ = [
    "CELL", "ELLIPSIS", "GAP", "Occupancy", "PlacedLabel", "boxes_overlap", "elide_keeping_end",
    "keeps_distinguishing_end", "node_order", "place_edge_labels", "place_node_labels", "turned_pieces",
]
