"""The built-in icons a styling rule can put inside a node (:data:`explorer.core.style_rules.ICONS`).

Each icon is a line drawing in a unit square centred on the origin, scaled to the node and
stroked in black or white, whichever reads on the node's fill.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

_PATHS: dict[str, QPainterPath] = {}


def _unit_path(name: str) -> QPainterPath:
    path = QPainterPath()
    if name == "person":
        path.addEllipse(QPointF(0, -0.22), 0.16, 0.16)
        path.moveTo(-0.32, 0.38)
        path.cubicTo(-0.32, 0.0, 0.32, 0.0, 0.32, 0.38)
    elif name == "organisation":
        path.addRect(QRectF(-0.28, -0.36, 0.56, 0.72))
        for row in (-0.2, 0.0, 0.2):
            path.moveTo(-0.14, row)
            path.lineTo(0.14, row)
    elif name == "place":
        path.addEllipse(QPointF(0, -0.12), 0.12, 0.12)
        path.moveTo(0, 0.4)
        path.lineTo(-0.26, -0.04)
        path.arcTo(QRectF(-0.28, -0.4, 0.56, 0.56), 200, -220)
        path.lineTo(0, 0.4)
    elif name == "warning":
        path.moveTo(0, -0.38)
        path.lineTo(0.38, 0.32)
        path.lineTo(-0.38, 0.32)
        path.closeSubpath()
        path.moveTo(0, -0.14)
        path.lineTo(0, 0.08)
        path.addEllipse(QPointF(0, 0.2), 0.02, 0.02)
    elif name == "document":
        path.moveTo(-0.26, -0.38)
        path.lineTo(0.1, -0.38)
        path.lineTo(0.26, -0.22)
        path.lineTo(0.26, 0.38)
        path.lineTo(-0.26, 0.38)
        path.closeSubpath()
        for row in (-0.1, 0.06, 0.22):
            path.moveTo(-0.14, row)
            path.lineTo(0.14, row)
    elif name == "antenna":
        path.moveTo(0, -0.1)
        path.lineTo(0, 0.4)
        path.moveTo(-0.2, 0.4)
        path.lineTo(0.2, 0.4)
        for radius in (0.16, 0.32):
            path.arcMoveTo(QRectF(-radius, -0.1 - radius, 2 * radius, 2 * radius), 135)
            path.arcTo(QRectF(-radius, -0.1 - radius, 2 * radius, 2 * radius), 135, -90)
    elif name == "chip":
        path.addRect(QRectF(-0.22, -0.22, 0.44, 0.44))
        for offset in (-0.1, 0.1):
            for a, b in (((offset, -0.22), (offset, -0.36)), ((offset, 0.22), (offset, 0.36)),
                         ((-0.22, offset), (-0.36, offset)), ((0.22, offset), (0.36, offset))):
                path.moveTo(*a)
                path.lineTo(*b)
    elif name == "link":
        path.addRoundedRect(QRectF(-0.4, -0.14, 0.46, 0.28), 0.14, 0.14)
        path.addRoundedRect(QRectF(-0.06, -0.14, 0.46, 0.28), 0.14, 0.14)
    elif name == "flag":
        path.moveTo(-0.26, 0.4)
        path.lineTo(-0.26, -0.38)
        path.lineTo(0.3, -0.26)
        path.lineTo(-0.26, -0.06)
    elif name == "star":
        for index in range(10):
            radius = 0.4 if index % 2 == 0 else 0.17
            angle = -math.pi / 2 + index * math.pi / 5
            point = QPointF(radius * math.cos(angle), radius * math.sin(angle))
            if index == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        path.closeSubpath()
    return path


def icon_path(name: str) -> QPainterPath:
    """The icon's unit path (empty for an unknown name)."""
    if name not in _PATHS:
        _PATHS[name] = _unit_path(name)
    return _PATHS[name]


def ink_for(fill: QColor) -> QColor:
    """Black on light fills, white on dark ones."""
    return QColor("#111111") if fill.lightnessF() > 0.55 else QColor("#ffffff")


def draw_icon(painter: QPainter, name: str, size: float, fill: QColor) -> None:
    """Draw icon ``name`` centred at the painter's origin, ``size`` wide, to read on ``fill``."""
    path = icon_path(name)
    if path.isEmpty():
        return
    painter.save()
    painter.scale(size, size)
    pen = QPen(ink_for(fill), 0.08)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.restore()


__all__ = ["draw_icon", "icon_path", "ink_for"]
