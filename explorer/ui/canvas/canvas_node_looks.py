"""What a node tile keeps of its members' looks: their squares grouped by colour, and their places in the hit index."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from explorer.core.scene import SceneNode
from explorer.ui.canvas.canvas_raster import argb_values

_COLOURS: dict[str, QColor] = {}


def _colour(name: str) -> QColor:
    """A ``QColor`` by name, made once (a restyle by community asks for the same hundred colours in every tile)."""
    colour = _COLOURS.get(name)
    if colour is None:
        colour = _COLOURS[name] = QColor(name)
    return colour


class NodeLooks:
    """A node tile's members as drawn: their squares, grouped by colour, and where each is in the hit index.

    Places and sizes come from the canvas's hit-index arrays (kept current as nodes move and are
    restyled), so the only per-node Python work is reading the colour and making the ``QRectF``
    that ``drawRects`` needs.
    """

    def __init__(self, canvas: Any, ids: list[str], rows: np.ndarray | None = None) -> None:
        nodes = canvas.scene_model.nodes
        self.index_ids = canvas._index_ids
        self.ids = ids
        count = len(ids)
        if rows is None:
            where = canvas._index_pos
            rows = np.fromiter(map(where.__getitem__, ids), dtype=np.intp, count=count)
        self.rows = rows
        self._position: dict[str, int] | None = None
        self._extent: QRectF | None = None
        #: Counts members moved in place (what was rasterised from the squares is stale when it moves on).
        self.version = 0
        self.more_fill = more_fill = canvas.colours.more_fill.name()
        members = list(map(nodes.__getitem__, ids))
        self.names = names = [more_fill if node.kind == "more" else node.color for node in members]
        centre = canvas._index_xy[rows]
        half = canvas._index_half[rows][:, None]
        self.low = centre - half
        self.high = centre + half
        sizes = (2 * half[:, 0]).tolist()
        self.rects = list(map(QRectF, self.low[:, 0].tolist(), self.low[:, 1].tolist(), sizes, sizes))
        palette = sorted(set(names))
        code_of = {name: code for code, name in enumerate(palette)}
        self.colours = [_colour(name) for name in palette]
        #: The colours as ARGB32 premultiplied values, for squares filled from numpy.
        self.values = argb_values(self.colours) if palette else np.zeros(0, dtype=np.uint32)
        self.codes = np.fromiter(map(code_of.__getitem__, names), dtype=np.intp, count=count)
        #: Members in colour order (stable: within a colour, in the tile's own order).
        self.order = np.argsort(self.codes, kind="stable") if len(palette) > 1 else np.arange(count)

    def extent(self) -> QRectF:
        """The squares' bounds and a margin (kept until a member moves)."""
        if self._extent is None:
            low, high = self.low.min(axis=0), self.high.max(axis=0)
            left, top, right, bottom = float(low[0]), float(low[1]), float(high[0]), float(high[1])
            self._extent = QRectF(left - 6, top - 6, right - left + 12, bottom - top + 12)
        return self._extent

    @property
    def position(self) -> dict[str, int]:
        """Each member's place in the tile's lists (made when first asked: selection, highlight, a moved node)."""
        if self._position is None:
            self._position = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._position

    def update(self, node: SceneNode) -> bool:
        """Follow one member's new place and size; False when that cannot be done in place (its colour changed)."""
        row = self.position.get(node.id)
        if row is None or self.names[row] != (self.more_fill if node.kind == "more" else node.color):
            return False
        half = node.size / 2
        self.rects[row] = QRectF(node.x - half, node.y - half, node.size, node.size)
        self.low[row] = (node.x - half, node.y - half)
        self.high[row] = (node.x + half, node.y + half)
        self._extent = None
        self.version += 1
        return True


__all__ = ["NodeLooks"]
