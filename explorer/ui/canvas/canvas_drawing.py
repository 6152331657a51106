"""How the canvas draws: sizes and zoom thresholds, colours, node glyphs, node items, edge curves.

Shared by the canvas view, its tiles and the pictures made from it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QLineF,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from explorer.core.scene import SceneEdge, SceneNode
from explorer.ui.canvas.canvas_notes import note_tooltip

#: Below this zoom, nodes are drawn in bulk as squares and edges without arrows or labels.
DETAIL_ZOOM = 0.45
#: Below this zoom, edges are drawn fainter.
FAINT_EDGES_ZOOM = 0.15
#: Below this zoom, edge labels are not drawn.
EDGE_LABEL_ZOOM = 0.8
#: Labels smaller than this on screen (pixels) are not drawn.
MIN_LABEL_PIXELS = 8.0
LABEL_PIXEL_SIZE = 11.0
LABEL_WIDTH = 150.0
EDGE_LABEL_WIDTH = 140.0
#: Edges in view up to which lines are antialiased.
SMOOTH_EDGES_UP_TO = 1500
#: An edge label cut shorter than this (ellipsis included) is left out.
MIN_ELIDED_CHARACTERS = 9
#: More edge labels than this in view are not drawn.
MAX_EDGE_LABELS = 400
ZOOM_STEP = 1.25
MIN_ZOOM = 0.005
MAX_ZOOM = 8.0
PAN_STEP = 60
#: The tile grid is sized for about this many edges per layer of a tile (one layer per link type) …
EDGES_PER_TILE = 120
#: … with between 4 and 16 tiles across the scene, and tiles never smaller than MIN_TILE_SIZE (every tile
#: and layer costs its own blit on each repaint, so fewer, fuller ones draw a whole-canvas change faster).
TILES_ACROSS = (4, 16)
MIN_TILE_SIZE = 400.0
#: More tiles than this (the scene grew far past its grid) and the grid is rebuilt coarser.
MAX_TILES = 2000
#: An edge longer than two tiles goes to a coarser grid, each level's tiles this many times bigger.
LEVEL_FACTOR = 4
#: Sideways distance between opposite or parallel edges of one pair of nodes (scene units).
PARALLEL_EDGE_GAP = 26.0
#: Node items are made for the view plus this fraction of its size on each side.
ITEM_MARGIN = 0.5


class CanvasPalette:
    """Colours of the canvas in light or dark mode."""

    def __init__(self, dark: bool) -> None:
        self.dark = dark
        if dark:
            self.background = QColor("#1e1f22")
            self.text = QColor("#e6e6e6")
            self.edge = QColor(200, 200, 200, 120)
            self.edge_label = QColor("#b8b8b8")
            self.outline = QColor("#f0f0f0")
            self.accent = QColor("#ffb000")
            self.selection = QColor("#4fc3f7")
            self.more_fill = QColor("#3a3c40")
        else:
            self.background = QColor("#fbfbfb")
            self.text = QColor("#202124")
            self.edge = QColor(90, 90, 90, 130)
            self.edge_label = QColor("#555555")
            self.outline = QColor("#2b2b2b")
            self.accent = QColor("#d81b60")
            self.selection = QColor("#1565c0")
            self.more_fill = QColor("#eeeeee")


_GLYPHS: dict[tuple[str, float], QPainterPath] = {}


def glyph_path(shape: str, size: float) -> QPainterPath:
    """The outline of a node of ``shape`` and ``size``, centred on (0, 0) (cached)."""
    key = (shape, size)
    if key in _GLYPHS:
        return _GLYPHS[key]
    half = size / 2.0
    path = QPainterPath()
    if shape == "box":
        path.addRect(QRectF(-half * 1.25, -half * 0.85, size * 1.25, size * 0.85))
    elif shape == "round-rect":
        path.addRoundedRect(QRectF(-half * 1.3, -half * 0.8, size * 1.3, size * 0.8), 6.0, 6.0)
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(0, -half * 1.1), QPointF(half * 1.1, 0), QPointF(0, half * 1.1), QPointF(-half * 1.1, 0)]))
        path.closeSubpath()
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(0, -half * 1.1), QPointF(half * 1.1, half * 0.85), QPointF(-half * 1.1, half * 0.85)]))
        path.closeSubpath()
    elif shape == "triangle-down":
        path.addPolygon(QPolygonF([QPointF(0, half * 1.1), QPointF(half * 1.1, -half * 0.85), QPointF(-half * 1.1, -half * 0.85)]))
        path.closeSubpath()
    elif shape == "star":
        points = []
        for i in range(10):
            radius = half * 1.2 if i % 2 == 0 else half * 0.55
            angle = -math.pi / 2 + math.pi / 5 * i
            points.append(QPointF(radius * math.cos(angle), radius * math.sin(angle)))
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    elif shape == "hexagon":
        points = [QPointF(half * 1.1 * math.cos(math.pi / 3 * i), half * 1.1 * math.sin(math.pi / 3 * i)) for i in range(6)]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    else:
        path.addEllipse(QPointF(0, 0), half, half)
    _GLYPHS[key] = path
    return path


def label_font() -> QFont:
    font = QFont()
    font.setPixelSize(int(LABEL_PIXEL_SIZE))
    return font


def level_of_detail(option: QStyleOptionGraphicsItem, painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def lines_path(start: np.ndarray, end: np.ndarray) -> QPainterPath:
    """One path of disjoint segments start[i]→end[i], built from arrays without a Python loop.

    The path is filled in through ``QDataStream``'s serialised form of a ``QPainterPath``
    (count, then type/x/y per element, big-endian), which is ~5× faster than creating a
    ``QLineF`` per edge for ``drawLines``.
    """
    count = len(start)
    elements = np.empty(2 * count, dtype=[("kind", ">i4"), ("x", ">f8"), ("y", ">f8")])
    elements["kind"][0::2] = 0  # MoveToElement
    elements["kind"][1::2] = 1  # LineToElement
    elements["x"][0::2], elements["y"][0::2] = start[:, 0], start[:, 1]
    elements["x"][1::2], elements["y"][1::2] = end[:, 0], end[:, 1]
    data = np.array([2 * count], dtype=">i4").tobytes() + elements.tobytes() + np.array([0], dtype=">i4").tobytes()
    path = QPainterPath()
    stream = QDataStream(QByteArray(data))
    stream >> path  # the stream operator fills the path
    return path


def paint_edges_in_detail(tile: Any, painter: QPainter, option: QStyleOptionGraphicsItem) -> None:
    """An edge tile zoomed in: only edges touching the exposed area, curved apart when parallel, with arrowheads and words."""
    canvas = tile.canvas
    colours = canvas.colours
    exposed = option.exposedRect
    left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
    reach = np.abs(tile.bend)
    lo = np.minimum(tile.start, tile.end) - reach[:, None]
    hi = np.maximum(tile.start, tile.end) + reach[:, None]
    inside = (hi[:, 0] >= left) & (lo[:, 0] <= right) & (hi[:, 1] >= top) & (lo[:, 1] <= bottom)
    indices = np.flatnonzero(inside).tolist()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(indices) <= SMOOTH_EDGES_UP_TO)
    geometry: dict[int, tuple[QPointF, QPointF, QPointF]] = {}
    # Straight edges (nearly all) are worked out for all at once and drawn in one drawLines call.
    delta = tile.end - tile.start
    unit = delta / (np.sqrt((delta**2).sum(axis=1)) + 1e-9)[:, None]
    tips = tile.end - unit * tile.radius[:, None]
    straight_ends = np.hstack([tile.start, tips, unit]).tolist()
    # Plain edges, then highlighted ones in the accent, then each colour of their own.
    groups: list[tuple[bool, str | None, tuple[str, float] | None]] = [(False, None, None), (True, None, None)]
    groups += [(True, colour, None) for colour in sorted(set(tile.own_colour.values()))]
    groups += [(False, None, look) for look in sorted(set(tile.styled.values()))]
    for lit, own, look in groups:
        colour = QColor(own) if own else colours.accent if lit else colours.edge
        if look is not None and look[0]:
            colour = QColor(look[0])
        pen = QPen(colour, 3.0 if lit else look[1] if look is not None else 1.0)
        pen.setCosmetic(True)
        heads: list[QPolygonF] = []
        lines: list[QLineF] = []
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for i in indices:
            if bool(tile.is_highlighted[i]) != lit or tile.own_colour.get(i) != own or tile.styled.get(i) != look:
                continue
            if tile.bend[i]:
                (sx, sy), (tx, ty) = tile.start[i], tile.end[i]
                path, tip, direction, anchor = edge_curve(float(sx), float(sy), float(tx), float(ty), float(tile.bend[i]),
                                                          float(tile.radius[i]))
                painter.drawPath(path)
            else:
                sx, sy, tx, ty, ux, uy = straight_ends[i]
                lines.append(QLineF(sx, sy, tx, ty))
                tip, direction, anchor = QPointF(tx, ty), QPointF(ux, uy), QPointF((sx + tx) / 2, (sy + ty) / 2)
            geometry[i] = (tip, direction, anchor)
            # Arrowheads only where the target end is in view: the rest cannot be seen.
            if left <= tip.x() <= right and top <= tip.y() <= bottom:
                heads.append(arrow_head(tip, direction))
        painter.drawLines(lines)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for head in heads:
            painter.drawPolygon(head)
    # Link words are placed by the canvas's label layer, clear of node labels and of each other.


class NodeItem(QGraphicsItem):
    """One scene node: its glyph coloured and shaped by class, and its label underneath."""

    def __init__(self, canvas: Any, node: SceneNode) -> None:
        super().__init__()
        self.canvas = canvas
        self.node_id = node.id
        # No ItemSendsGeometryChanges: a Python itemChange on every setPos/setVisible costs more than
        # the rest of creating the item; drags are followed from mouseMoveEvent instead.
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setZValue(2)
        self.setAcceptHoverEvents(False)
        # Painted once per zoom level (labels and outlines are not cheap), then blitted.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.refresh(node)

    def refresh(self, node: SceneNode) -> None:
        """Take the node's style, label and place from the scene."""
        self.prepareGeometryChange()
        self.node = node
        self.glyph = glyph_path(node.shape, node.size)
        self.fill = QColor(node.color)
        glyph = self.glyph.boundingRect()
        # The label is drawn by the canvas's label layer (placed clear of other labels), not here.
        self._bounds = glyph.marginsAdded(QMarginsF(12, 18, 18, 12))
        kind = "more" if node.kind == "more" else (node.class_label or "no class")
        if node.kind == "group":
            self.setToolTip(f"{node.label}\ngroup of {node.more_count} nodes (double-click to expand)")
        else:
            shown = node.label if node.label_shown is None or node.label_shown == "" else f"{node.label_shown}\n{node.label}"
            self.setToolTip(f"{shown}\n{kind}" + ("" if node.kind == "more" else f"\n{node.entity}"))
        with self.canvas.guard():
            self.setPos(node.x, node.y)
        self.update()
        note = self.canvas.scene_model.notes.get(node.id)
        if note:  # the analyst's note under what the node is
            self.setToolTip(f"{self.toolTip()}\n\n{note_tooltip(note)}")

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.glyph

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        canvas = self.canvas
        colours = canvas.colours
        lod = level_of_detail(option, painter)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        highlighted = self.node_id in canvas.scene_model.highlighted
        more = self.node.kind == "more"
        if more:
            pen = QPen(colours.outline, 1.2, Qt.PenStyle.DashLine)
            painter.setBrush(colours.more_fill)
        else:
            pen = QPen(colours.outline.darker(110) if canvas.is_dark else self.fill.darker(160), 1.0)
            painter.setBrush(self.fill)
        if highlighted:
            pen = QPen(colours.accent, 3.0)
        if selected:
            pen = QPen(colours.selection, 3.0)
        pen.setCosmetic(lod < 1.0)
        painter.setPen(pen)
        if self.node.kind == "group":  # a stack of cards: several nodes behind one
            painter.drawPath(self.glyph.translated(6, -6))
            painter.drawPath(self.glyph.translated(3, -3))
        painter.drawPath(self.glyph)
        if self.node.pinned:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.outline)
            top = self.glyph.boundingRect().topRight()
            painter.drawEllipse(QPointF(top.x() - 2, top.y() + 2), 3, 3)
        if self.node_id == canvas.scene_model.focus:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colours.accent, 1.5, Qt.PenStyle.DotLine))
            painter.drawPath(glyph_path(self.node.shape, self.node.size + 10))
        if more or self.node.kind == "group":
            painter.setPen(colours.text if more else QColor("#000000" if self.fill.lightness() > 140 else "#ffffff"))
            painter.setFont(canvas.label_font)
            count = f"+{self.node.more_count}" if more else str(self.node.more_count)
            painter.drawText(self.glyph.boundingRect(), Qt.AlignmentFlag.AlignCenter, count)
            return
        if self.node.icon and lod * self.node.size >= 10:  # too small to make out below that
            from explorer.ui.canvas.canvas_icons import draw_icon

            draw_icon(painter, self.node.icon, self.node.size * 0.62, self.fill)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)  # Qt moves this item and every other selected movable item
        self.canvas._on_item_dragged(self)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.canvas._on_item_released(self)


def edge_curve(sx: float, sy: float, tx: float, ty: float, bend: float, radius: float) -> tuple[QPainterPath, QPointF, QPointF, QPointF]:
    """Geometry of one edge drawn at detail: its path, the arrow tip, the unit direction at the tip, the label anchor.

    ``bend`` (scene units) pushes the middle of the edge sideways, to the right of its direction
    when positive, so that opposite and parallel edges between two nodes do not lie on top of
    each other. The tip stops ``radius`` short of the target's centre.
    """
    dx, dy = tx - sx, ty - sy
    length = math.hypot(dx, dy) or 1e-9
    nx, ny = -dy / length, dx / length
    path = QPainterPath(QPointF(sx, sy))
    if bend:
        # The quadratic curve through the offset midpoint has its control point twice as far out.
        cx, cy = (sx + tx) / 2 + 2 * bend * nx, (sy + ty) / 2 + 2 * bend * ny
        ex, ey = tx - cx, ty - cy
        end_length = math.hypot(ex, ey) or 1e-9
        ux, uy = ex / end_length, ey / end_length
        tip = QPointF(tx - ux * radius, ty - uy * radius)
        path.quadTo(QPointF(cx, cy), tip)
        anchor = QPointF((sx + tx) / 2 + bend * nx, (sy + ty) / 2 + bend * ny)
    else:
        ux, uy = dx / length, dy / length
        tip = QPointF(tx - ux * radius, ty - uy * radius)
        path.lineTo(tip)
        anchor = QPointF((sx + tip.x()) / 2, (sy + tip.y()) / 2)
    return path, tip, QPointF(ux, uy), anchor


def arrow_head(tip: QPointF, unit: QPointF, size: float = 9.0) -> QPolygonF:
    tx, ty, ux, uy = tip.x(), tip.y(), unit.x(), unit.y()
    return QPolygonF([
        QPointF(tx, ty),
        QPointF(tx - ux * size - uy * size * 0.45, ty - uy * size + ux * size * 0.45),
        QPointF(tx - ux * size + uy * size * 0.45, ty - uy * size - ux * size * 0.45),
    ])


class DragLayerItem(QGraphicsItem):
    """The few edges of the nodes being dragged, redrawn live while the tiles stay cached."""

    def __init__(self, canvas: Any) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(0.5)
        self._bounds = QRectF()
        self.lines: list[tuple[QLineF, float, bool]] = []

    def refresh(self) -> None:
        scene = self.canvas.scene_model
        lines = []
        for edge_id_ in self.canvas.dragged_edges:
            edge = scene.edges.get(edge_id_)
            if edge is None or not scene.is_edge_visible(edge):
                continue
            source, target = scene.nodes[edge.source], scene.nodes[edge.target]
            lines.append((QLineF(source.x, source.y, target.x, target.y), self.canvas.edge_bend(edge), edge.id in scene.highlighted))
        bounds = QRectF()
        for line, bend, _ in lines:
            reach = abs(bend)
            bounds = bounds.united(QRectF(line.p1(), line.p2()).normalized().adjusted(-reach, -reach, reach, reach))
        self.prepareGeometryChange()
        self._bounds = bounds.adjusted(-10, -10, 10, 10) if lines else QRectF()
        self.lines = lines
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colours = self.canvas.colours
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for line, bend, lit in self.lines:
            pen = QPen(colours.accent if lit else colours.edge, 3.0 if lit else 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            path, _, _, _ = edge_curve(line.x1(), line.y1(), line.x2(), line.y2(), bend, 0.0)
            painter.drawPath(path)


class MirrorGuard:
    """Counts nested "the canvas itself is changing this" blocks to stop feedback loops."""

    def __init__(self) -> None:
        self.depth = 0

    def __enter__(self) -> None:
        self.depth += 1

    def __exit__(self, *exc: object) -> None:
        self.depth -= 1


#: (level, column, row), and for edge tiles the link type's layer: level 0 is the grid of nodes and short edges,
#: each further level LEVEL_FACTOR× coarser.
TileKey = tuple[int, ...]


def pair_key(edge: SceneEdge) -> tuple[str, str]:
    return (edge.source, edge.target) if edge.source <= edge.target else (edge.target, edge.source)
