"""Note markers on the canvas: a small sticky note at the corner of every noted node and on the
middle of every noted link, drawn by the label layer before the labels are placed, so no label
covers one; the note's text is the marker's tooltip (and part of its node's or link's tooltip).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTransform

from explorer.core.scene_labels import Occupancy
from explorer.core.scene_notes import note_marker_ids

#: Side of a marker on screen (device pixels), whatever the zoom.
MARKER_PIXELS = 13.0
#: Longest note text shown in a tooltip; the Inspector shows all of it.
TOOLTIP_CHARS = 600

_LIGHT = (QColor("#f6c343"), QColor("#8a6d00"))
_DARK = (QColor("#e0b13a"), QColor("#fff1c2"))


def note_tooltip(note: str) -> str:
    """The note as a tooltip paragraph (long notes cut)."""
    text = note if len(note) <= TOOLTIP_CHARS else note[:TOOLTIP_CHARS].rstrip() + " …"
    return f"Note: {text}"


def paint_note_markers(canvas: Any, painter: QPainter, transform: QTransform, occupancy: Occupancy, area: QRectF,
                       sx: np.ndarray, sy: np.ndarray, half: np.ndarray) -> dict[str, QRectF]:
    """Draw the markers of the visible noted nodes and links and take their room from the labels.

    Returns:
        Item id → the marker's rectangle in device pixels.
    """
    scene = canvas.scene_model
    node_ids, edge_ids = note_marker_ids(scene)
    if not node_ids and not edge_ids:
        return {}
    where = canvas._index_pos
    visible = canvas._index_visible
    zoom = math.sqrt(abs(transform.determinant())) or 1.0
    widen = 1.35 if canvas._detail else 1.0
    size = MARKER_PIXELS
    boxes: dict[str, QRectF] = {}
    for node_id in node_ids:
        row = where.get(node_id)
        if row is None or not visible[row]:
            continue
        radius = max(float(half[row]), 1.5)
        # Up and to the right of the glyph: labels go below or beside it, never here.
        left = float(sx[row]) + radius * widen * 0.7
        top = float(sy[row]) - radius * 1.1 - size * 0.6
        boxes[node_id] = QRectF(left, top, size, size)
    edge_visible = canvas._edge_visible
    bent = canvas._bent
    for edge_id in edge_ids:
        edge = scene.edges[edge_id]
        if not edge_visible.get(edge_id, False):
            continue
        a, b = where.get(edge.source), where.get(edge.target)
        if a is None or b is None:
            continue
        x0, y0, x1, y1 = float(sx[a]), float(sy[a]), float(sx[b]), float(sy[b])
        mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
        length = math.hypot(x1 - x0, y1 - y0) or 1e-9
        bend = bent.get(edge_id, 0.0) * zoom
        # On the link's middle (its bend, if it has one), a little to its side so the line stays readable.
        side = bend + (size * 0.7 if bend >= 0 else -size * 0.7)
        cx = mid_x - (y1 - y0) / length * side
        cy = mid_y + (x1 - x0) / length * side
        boxes[edge_id] = QRectF(cx - size / 2, cy - size / 2, size, size)
    if not boxes:
        return {}
    fill, ink = _DARK if canvas.colours.dark else _LIGHT
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for item_id, box in list(boxes.items()):
        if not area.intersects(box):
            del boxes[item_id]
            continue
        occupancy.take(box.left() - 2, box.top() - 2, box.right() + 2, box.bottom() + 2)
        _draw_marker(painter, box, fill, ink)
    painter.restore()
    return boxes


def _draw_marker(painter: QPainter, box: QRectF, fill: QColor, ink: QColor) -> None:
    """A sticky note: a square with a folded corner and two lines of "writing"."""
    fold = box.width() * 0.32
    painter.setPen(QPen(ink, 1.0))
    painter.setBrush(fill)
    outline = [QPointF(box.left(), box.top()), QPointF(box.right() - fold, box.top()),
               QPointF(box.right(), box.top() + fold), QPointF(box.right(), box.bottom()),
               QPointF(box.left(), box.bottom())]
    painter.drawPolygon(outline)
    painter.drawLine(QPointF(box.right() - fold, box.top()), QPointF(box.right() - fold, box.top() + fold))
    painter.drawLine(QPointF(box.right() - fold, box.top() + fold), QPointF(box.right(), box.top() + fold))
    pen = QPen(ink, 1.0)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    for share in (0.5, 0.72):
        y = box.top() + box.height() * share
        painter.drawLine(QPointF(box.left() + 2.5, y), QPointF(box.right() - 2.5, y))


def note_at(canvas: Any, view_point: QPoint) -> str | None:
    """The item whose note marker lies under a point of the viewport, if any."""
    for item_id, box in getattr(canvas.label_layer, "note_markers", {}).items():
        if box.adjusted(-2, -2, 2, 2).contains(QPointF(view_point)):
            return item_id
    return None


__all__ = ["MARKER_PIXELS", "note_at", "note_tooltip", "paint_note_markers"]
