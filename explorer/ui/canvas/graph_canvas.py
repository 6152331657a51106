"""The graph canvas: a ``QGraphicsView`` over a Qt-free :class:`~explorer.core.scene.Scene`.

The view subscribes to the scene's events and mirrors them; user gestures (drag, hide,
expand) go back to the scene, never straight to the items, so the scene stays the one
source of truth and snapshots see exactly what is on screen.

Drawing is organised for big scenes:

* The scene is cut into square tiles. Each :class:`EdgeTileItem` paints the edges whose
  midpoint falls in it from numpy arrays (one path of hair-lines zoomed out; curves,
  arrowheads and words zoomed in, only where exposed) and keeps its own device cache, so a
  change (a moved or hidden node, a filter, a highlight, a selection) rebuilds and repaints
  only the tiles it touches. ``tiles_rebuilt`` counts the rebuilds.
* Zoomed in past :data:`DETAIL_ZOOM`, nodes are :class:`NodeItem` s (glyph, label, drag),
  made lazily for the region in view only. Zoomed out there are no node items at all: each
  :class:`NodeTileItem` draws its nodes as coloured squares, one ``drawRects`` per colour,
  and clicks, drags and rubber bands find nodes through a numpy hit index.
* Opposite and parallel edges between two nodes are bent apart (:func:`edge_curve`) so
  both are visible and both labels readable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QByteArray,
    QDataStream,
    QEvent,
    QLineF,
    QMarginsF,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPdfWriter,
    QPen,
    QPixmapCache,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyle,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from explorer.core.scene import Scene, SceneEdge, SceneNode, more_node_id

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
#: The tile grid is sized for about this many edges per tile (a rebuild costs ~0.05 ms per edge) …
EDGES_PER_TILE = 120
#: … with between 4 and 24 tiles across the scene, and tiles never smaller than MIN_TILE_SIZE.
TILES_ACROSS = (4, 24)
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
    elif shape == "hexagon":
        points = [QPointF(half * 1.1 * math.cos(math.pi / 3 * i), half * 1.1 * math.sin(math.pi / 3 * i)) for i in range(6)]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    else:
        path.addEllipse(QPointF(0, 0), half, half)
    _GLYPHS[key] = path
    return path


def _label_font() -> QFont:
    font = QFont()
    font.setPixelSize(int(LABEL_PIXEL_SIZE))
    return font


def _lod(option: QStyleOptionGraphicsItem, painter: QPainter) -> float:
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


class NodeItem(QGraphicsItem):
    """One scene node: its glyph coloured and shaped by class, and its label underneath."""

    def __init__(self, canvas: GraphCanvasView, node: SceneNode) -> None:
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
        metrics = QFontMetricsF(self.canvas.label_font)
        self.label = metrics.elidedText(node.label, Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        self.label_width = metrics.horizontalAdvance(self.label)
        glyph = self.glyph.boundingRect()
        self._label_rect = QRectF(-self.label_width / 2 - 2, glyph.bottom() + 2, self.label_width + 4, metrics.height() + 2)
        self._bounds = glyph.united(self._label_rect).marginsAdded(QMarginsF(4, 4, 4, 4))
        kind = "more" if node.kind == "more" else (node.class_label or "no class")
        self.setToolTip(f"{node.label}\n{kind}" + ("" if node.kind == "more" else f"\n{node.entity}"))
        with self.canvas.guard():
            self.setPos(node.x, node.y)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self.glyph

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        canvas = self.canvas
        colours = canvas.colours
        lod = _lod(option, painter)
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
        if more:
            painter.setPen(colours.text)
            painter.setFont(canvas.label_font)
            painter.drawText(self.glyph.boundingRect(), Qt.AlignmentFlag.AlignCenter, f"+{self.node.more_count}")
            return
        if lod * LABEL_PIXEL_SIZE >= MIN_LABEL_PIXELS:
            painter.setPen(colours.accent if highlighted else colours.text)
            painter.setFont(canvas.label_font)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.label)

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


def _arrow_head(tip: QPointF, unit: QPointF, size: float = 9.0) -> QPolygonF:
    tx, ty, ux, uy = tip.x(), tip.y(), unit.x(), unit.y()
    return QPolygonF([
        QPointF(tx, ty),
        QPointF(tx - ux * size - uy * size * 0.45, ty - uy * size + ux * size * 0.45),
        QPointF(tx - ux * size + uy * size * 0.45, ty - uy * size - ux * size * 0.45),
    ])


class _TileItem(QGraphicsItem):
    """One square of the canvas's tile grid: the edges (or nodes) whose anchor falls in it.

    Each tile keeps its own device cache, so a change rebuilds and repaints only the tiles
    it touches; every other tile blits its cached pixels.
    """

    def __init__(self, canvas: GraphCanvasView, key: tuple[int, int]) -> None:
        super().__init__()
        self.canvas = canvas
        self.key = key
        self.ids: set[str] = set()
        self.dirty = True
        self._bounds = QRectF()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def invalidate(self) -> None:
        """Rebuild on the next paint or bounds check (several changes in a row cost one rebuild)."""
        if not self.dirty:
            self.dirty = True
            self.canvas._schedule_bounds_check()
        self.update()

    def rebuild(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        self.canvas.tiles_rebuilt += 1
        bounds = self._build()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds

    def _build(self) -> QRectF:
        raise NotImplementedError

    def boundingRect(self) -> QRectF:
        return self._bounds


class EdgeTileItem(_TileItem):
    """The visible edges whose midpoint lies in one tile, painted in bulk from arrays."""

    def __init__(self, canvas: GraphCanvasView, key: tuple[int, int]) -> None:
        super().__init__(canvas, key)
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.edges: list[SceneEdge] = []
        self.start = np.zeros((0, 2))
        self.end = np.zeros((0, 2))
        self.radius = np.zeros(0)
        self.bend = np.zeros(0)
        self.is_highlighted = np.zeros(0, dtype=bool)
        self.path = QPainterPath()
        self.highlight_path = QPainterPath()
        self.own_colour: dict[int, str] = {}
        self.coloured_paths: list[tuple[QColor, QPainterPath]] = []

    def _build(self) -> QRectF:
        canvas = self.canvas
        scene = canvas.scene_model
        dragged = canvas.dragged_edges
        visible = canvas._edge_visible
        all_edges = scene.edges
        edges = [all_edges[e] for e in sorted(self.ids) if e not in dragged and visible.get(e, False)]
        self.edges = edges
        # Positions come from the canvas's node arrays: one index lookup per end instead of a tuple per edge.
        canvas._ensure_index()
        where = canvas._index_pos
        count = len(edges)
        sources = np.fromiter((where[e.source] for e in edges), dtype=np.intp, count=count)
        targets = np.fromiter((where[e.target] for e in edges), dtype=np.intp, count=count)
        self.start = canvas._index_xy[sources]
        self.end = canvas._index_xy[targets]
        self.radius = canvas._index_half[targets] + 3
        bent = canvas._bent
        self.bend = np.fromiter((bent.get(e.id, 0.0) for e in edges), dtype=float, count=count) if bent else np.zeros(count)
        highlighted = scene.highlighted
        self.is_highlighted = (np.fromiter((e.id in highlighted for e in edges), dtype=bool, count=count) if highlighted
                               else np.zeros(count, dtype=bool))
        plain = ~self.is_highlighted
        self.path = lines_path(self.start[plain], self.end[plain])
        self.highlight_path = lines_path(self.start[~plain], self.end[~plain])
        # Highlighted edges with a colour of their own (a snapshot diff's added and removed links).
        self.own_colour = {i: edge.color for i, edge in enumerate(edges) if edge.color and self.is_highlighted[i]}
        self.coloured_paths = []
        for colour in sorted(set(self.own_colour.values())):
            chosen = np.array([i for i, c in self.own_colour.items() if c == colour], dtype=np.intp)
            self.coloured_paths.append((QColor(colour), lines_path(self.start[chosen], self.end[chosen])))
        if not edges:
            return QRectF()
        both = np.vstack([self.start, self.end])
        low, high = both.min(axis=0), both.max(axis=0)
        margin = 40.0 + float(np.abs(self.bend).max())
        return QRectF(QPointF(*low), QPointF(*high)).adjusted(-margin, -margin, margin, margin)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.rebuild()
        if not self.edges:
            return
        canvas = self.canvas
        colours = canvas.colours
        lod = _lod(option, painter)
        pen = QPen(colours.edge, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lod < DETAIL_ZOOM:
            # Thousands of hair-lines: aliased drawing is ~10× faster and looks the same at this size.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            if lod < FAINT_EDGES_ZOOM:  # far out, lines fade so that the nodes (the things) stand out of the mesh
                faint = QColor(colours.edge)
                faint.setAlpha(colours.edge.alpha() * 6 // 10)
                pen.setColor(faint)
                painter.setPen(pen)
            painter.drawPath(self.path)
            if self.is_highlighted.any():
                accent = QPen(colours.accent, 3.0)
                accent.setCosmetic(True)
                painter.setPen(accent)
                painter.drawPath(self.highlight_path)
                for colour, path in self.coloured_paths:  # drawn over the accent they also got
                    own = QPen(colour, 3.0)
                    own.setCosmetic(True)
                    painter.setPen(own)
                    painter.drawPath(path)
            return
        self._paint_detail(painter, option, lod)

    def _paint_detail(self, painter: QPainter, option: QStyleOptionGraphicsItem, lod: float) -> None:
        """Zoomed in: only edges touching the exposed area, curved apart when parallel, with arrowheads and words."""
        canvas = self.canvas
        colours = canvas.colours
        exposed = option.exposedRect
        left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
        reach = np.abs(self.bend)
        lo = np.minimum(self.start, self.end) - reach[:, None]
        hi = np.maximum(self.start, self.end) + reach[:, None]
        inside = (hi[:, 0] >= left) & (lo[:, 0] <= right) & (hi[:, 1] >= top) & (lo[:, 1] <= bottom)
        indices = np.flatnonzero(inside).tolist()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(indices) <= SMOOTH_EDGES_UP_TO)
        geometry: dict[int, tuple[QPointF, QPointF, QPointF]] = {}
        # Straight edges (nearly all) are worked out for all at once and drawn in one drawLines call.
        delta = self.end - self.start
        unit = delta / (np.sqrt((delta**2).sum(axis=1)) + 1e-9)[:, None]
        tips = self.end - unit * self.radius[:, None]
        straight_ends = np.hstack([self.start, tips, unit]).tolist()
        # Plain edges, then highlighted ones in the accent, then each colour of their own.
        groups: list[tuple[bool, str | None]] = [(False, None), (True, None)]
        groups += [(True, colour) for colour in sorted(set(self.own_colour.values()))]
        for lit, own in groups:
            colour = QColor(own) if own else colours.accent if lit else colours.edge
            pen = QPen(colour, 3.0 if lit else 1.0)
            pen.setCosmetic(True)
            heads: list[QPolygonF] = []
            lines: list[QLineF] = []
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for i in indices:
                if bool(self.is_highlighted[i]) != lit or self.own_colour.get(i) != own:
                    continue
                if self.bend[i]:
                    (sx, sy), (tx, ty) = self.start[i], self.end[i]
                    path, tip, direction, anchor = edge_curve(float(sx), float(sy), float(tx), float(ty), float(self.bend[i]),
                                                              float(self.radius[i]))
                    painter.drawPath(path)
                else:
                    sx, sy, tx, ty, ux, uy = straight_ends[i]
                    lines.append(QLineF(sx, sy, tx, ty))
                    tip, direction, anchor = QPointF(tx, ty), QPointF(ux, uy), QPointF((sx + tx) / 2, (sy + ty) / 2)
                geometry[i] = (tip, direction, anchor)
                # Arrowheads only where the target end is in view: the rest cannot be seen.
                if left <= tip.x() <= right and top <= tip.y() <= bottom:
                    heads.append(_arrow_head(tip, direction))
            painter.drawLines(lines)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for head in heads:
                painter.drawPolygon(head)
        if lod < EDGE_LABEL_ZOOM or lod * LABEL_PIXEL_SIZE < MIN_LABEL_PIXELS:
            return
        labelled = [i for i in indices if left <= geometry[i][2].x() <= right and top <= geometry[i][2].y() <= bottom]
        if len(labelled) > MAX_EDGE_LABELS:  # a wall of words helps nobody: zoom in to read them
            return
        metrics = canvas.edge_metrics
        painter.setFont(canvas.edge_font)
        background = QColor(colours.background)
        background.setAlpha(200)
        length = np.sqrt((delta**2).sum(axis=1))
        # One label per patch of screen about a label in size: where edges crowd, words would only overprint.
        cell_width, cell_height = 90.0 / lod, 16.0 / lod
        occupied: set[tuple[int, int]] = set()
        for i in labelled:
            edge = self.edges[i]
            if not edge.label:
                continue
            room = float(length[i]) - self.radius[i] * 2 - 6
            if room * lod < 24:  # too short on screen to say anything readable
                continue
            text = canvas.elided_edge_label(edge.label, min(room, EDGE_LABEL_WIDTH))
            if not text or (text != edge.label and len(text) < MIN_ELIDED_CHARACTERS):  # "partn…" says nothing
                continue
            anchor = geometry[i][2]
            cell = (math.floor(anchor.x() / cell_width), math.floor(anchor.y() / cell_height))
            if cell in occupied:
                continue
            occupied.add(cell)
            angle = math.degrees(math.atan2(float(delta[i][1]), float(delta[i][0])))
            if angle > 90 or angle < -90:  # keep words upright; the arrowhead still shows the direction
                angle += 180
            painter.save()
            painter.translate(anchor)
            painter.rotate(angle)
            width = metrics.horizontalAdvance(text)
            # A bent edge's words sit on its own bend, clear of the opposite edge's.
            y = -metrics.height() / 2 if self.bend[i] else -metrics.height() - 1
            box = QRectF(-width / 2 - 2, y, width + 4, metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRect(box)
            own = self.own_colour.get(i)
            painter.setPen(QColor(own) if own else colours.accent if self.is_highlighted[i] else colours.edge_label)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()


class NodeTileItem(_TileItem):
    """The visible nodes of one tile as squares, one ``drawRects`` per colour: used when zoomed out."""

    def __init__(self, canvas: GraphCanvasView, key: tuple[int, int]) -> None:
        super().__init__(canvas, key)
        self.setZValue(1)
        self.groups: list[tuple[QColor, list[QRectF]]] = []
        self.marked: list[tuple[QColor, list[QRectF]]] = []
        self.setVisible(not canvas._detail)

    def _build(self) -> QRectF:
        canvas = self.canvas
        scene = canvas.scene_model
        by_colour: dict[str, list[QRectF]] = {}
        selected: list[QRectF] = []
        highlighted: list[QRectF] = []
        chosen = canvas._selected
        lit = scene.highlighted
        more_fill = canvas.colours.more_fill.name()
        bounds = QRectF()
        visible = canvas._node_visible
        for node_id in self.ids:
            if not visible.get(node_id, False):
                continue
            node = scene.nodes[node_id]
            half = node.size / 2
            rect = QRectF(node.x - half, node.y - half, node.size, node.size)
            by_colour.setdefault(more_fill if node.kind == "more" else node.color, []).append(rect)
            if node_id in chosen:
                selected.append(rect)
            elif node_id in lit:
                highlighted.append(rect)
            bounds = bounds.united(rect)
        self.groups = [(QColor(colour), rects) for colour, rects in sorted(by_colour.items())]
        self.marked = [(canvas.colours.accent, highlighted), (canvas.colours.selection, selected)]
        return bounds.adjusted(-6, -6, 6, 6) if not bounds.isNull() else QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.rebuild()
        for colour, rects in self.groups:
            # A cosmetic rim in the node's own colour keeps every node at least a few pixels wide, however far out.
            rim = QPen(colour, 2.0)
            rim.setCosmetic(True)
            painter.setPen(rim)
            painter.setBrush(colour)
            painter.drawRects(rects)
        for colour, rects in self.marked:
            if rects:
                pen = QPen(colour, 3.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRects(rects)


class DragLayerItem(QGraphicsItem):
    """The few edges of the nodes being dragged, redrawn live while the tiles stay cached."""

    def __init__(self, canvas: GraphCanvasView) -> None:
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


class _Guard:
    """Counts nested "the canvas itself is changing this" blocks to stop feedback loops."""

    def __init__(self) -> None:
        self.depth = 0

    def __enter__(self) -> None:
        self.depth += 1

    def __exit__(self, *exc: object) -> None:
        self.depth -= 1


#: (level, column, row): level 0 is the grid of nodes and short edges, each further level LEVEL_FACTOR× coarser.
TileKey = tuple[int, int, int]


class GraphCanvasView(QGraphicsView):
    """The interactive canvas over a :class:`Scene`.

    Signals:
        sig_node_activated(str): an entity node was clicked (the entity IRI).
        sig_node_expand_requested(str): an entity node was double-clicked.
        sig_more_requested(str): a "+N more" node was double-clicked (the expanded entity).
        sig_selection_changed(list): the selected entities changed.
        sig_context_menu(object, QPoint): right-click on an entity (or None on the background), global position.

    The canvas owns the selection (``selected_entities``, ``select``): node items exist only
    for the region in view when zoomed in, so they cannot hold it.
    """

    sig_node_activated = Signal(str)
    sig_node_expand_requested = Signal(str)
    sig_more_requested = Signal(str)
    sig_selection_changed = Signal(list)
    sig_context_menu = Signal(object, QPoint)

    def __init__(self, scene: Scene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics_scene = QGraphicsScene(self)
        # A BSP index finds the items in view without calling every item's boundingRect on each paint.
        self.graphics_scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 192 * 1024))
        self.setScene(self.graphics_scene)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.setAccessibleName("Graph canvas")
        self.label_font = _label_font()
        self.edge_font = QFont(self.label_font)
        self.edge_font.setPixelSize(int(LABEL_PIXEL_SIZE) - 1)
        self.edge_metrics = QFontMetricsF(self.edge_font)
        self._elided: dict[tuple[str, int], str] = {}
        self._guard = _Guard()
        self._dark_override: bool | None = None
        self.colours = CanvasPalette(self._palette_is_dark())
        self.pin_on_drag = False
        #: Node items that exist now: only zoomed in, and only around the region in view.
        self.node_items: dict[str, NodeItem] = {}
        self._items_rect = QRectF()
        self._items_stale = True
        self._detail = True
        self._selected: set[str] = set()
        #: How many tiles have been rebuilt since the canvas was made (a change should touch few).
        self.tiles_rebuilt = 0
        self.tile_size = MIN_TILE_SIZE
        self.edge_tiles: dict[TileKey, EdgeTileItem] = {}
        self.node_tiles: dict[TileKey, NodeTileItem] = {}
        self._edge_tile_of: dict[str, TileKey] = {}
        self._node_tile_of: dict[str, TileKey] = {}
        self._dirty_tiles: set[_TileItem] = set()
        self._pairs: dict[tuple[str, str], list[str]] = {}
        #: Bends of the edges that have one (opposite or parallel edges); every other edge is straight.
        self._bent: dict[str, float] = {}
        self._node_visible: dict[str, bool] = {}
        self._edge_visible: dict[str, bool] = {}
        self._highlighted: set[str] = set()
        self._index_dirty = True
        self._index_ids: list[str] = []
        self._index_pos: dict[str, int] = {}
        self._index_xy = np.zeros((0, 2))
        self._index_half = np.zeros(0)
        self._index_visible = np.zeros(0, dtype=bool)
        self._moved_during_drag: set[str] = set()
        self._bulk_press: tuple[str, QPointF, dict[str, tuple[float, float]]] | None = None
        self._band: QRectF | None = None
        self._band_adds = False
        self.dragged_edges: set[str] = set()
        self.drag_layer = DragLayerItem(self)
        self.graphics_scene.addItem(self.drag_layer)
        self._pan_from: QPoint | None = None
        self._bounds_check_pending = False
        self._space_held = False
        self._zooming = False
        self.graphics_scene.selectionChanged.connect(self._on_graphics_scene_selection_changed)
        self.rubberBandChanged.connect(self._on_view_rubber_band_changed)
        self._apply_background()
        self.scene_model = Scene()
        self._subscriptions: list[tuple[str, Any]] = []
        self.set_scene(scene if scene is not None else Scene())
        self.destroyed.connect(self._on_destroyed)

    # ------------------------------------------------------------------ scene wiring
    def guard(self) -> _Guard:
        """Context manager: changes made inside are the canvas mirroring the scene, not the user."""
        return self._guard

    def set_scene(self, scene: Scene) -> None:
        """Show another scene (a restored snapshot, say) and follow its events."""
        self.detach()
        self.scene_model = scene
        handlers = {
            "node_added": self._on_scene_node_added,
            "node_removed": self._on_scene_node_removed,
            "node_changed": self._on_scene_node_changed,
            "edge_added": self._on_scene_edge_added,
            "edge_removed": self._on_scene_edge_removed,
            "reset": self._on_scene_reset,
            "highlight_changed": self._on_scene_highlight_changed,
            "filters_changed": self._on_scene_filters_changed,
            "focus_changed": self._on_scene_focus_changed,
            "positions_changed": self._on_scene_positions_changed,
        }
        for name, handler in handlers.items():
            scene.events.connect(name, handler)
            self._subscriptions.append((name, handler))
        self._on_scene_reset()

    def detach(self) -> None:
        """Stop following the scene's events (called when the canvas goes away)."""
        for name, handler in self._subscriptions:
            self.scene_model.events.disconnect(name, handler)
        self._subscriptions = []

    def _on_destroyed(self, *args: object) -> None:
        self.detach()

    def _on_scene_reset(self) -> None:
        scene = self.scene_model
        self._drop_items(list(self.node_items))
        self._selected &= set(scene.nodes)
        self._highlighted = set(scene.highlighted)
        self._pairs = {}
        for edge in scene.edges.values():
            self._pairs.setdefault(_pair_key(edge), []).append(edge.id)
        self._bent = {}
        for group in self._pairs.values():
            group.sort()
            if len(group) > 1:
                self._bend_group(group)
        self._node_visible = {node_id: scene.is_node_visible(node) for node_id, node in scene.nodes.items()}
        self._edge_visible = {edge_id_: self._edge_shown(edge) for edge_id_, edge in scene.edges.items()}
        self._index_dirty = True
        self._retile()
        self._items_stale = True
        self._sync_items()
        self._schedule_bounds_check()

    # ------------------------------------------------------------------ tiles
    def _retile(self) -> None:
        """Drop every tile and bucket all nodes and edges again, on a grid sized to the scene."""
        for tile in [*self.edge_tiles.values(), *self.node_tiles.values()]:
            self.graphics_scene.removeItem(tile)
        self.edge_tiles.clear()
        self.node_tiles.clear()
        self._dirty_tiles.clear()
        self._edge_tile_of.clear()
        self._node_tile_of.clear()
        bounds = self.scene_model.bounds(visible_only=False)
        extent = 0.0 if bounds is None else max(bounds[2] - bounds[0], bounds[3] - bounds[1])
        fewest, most = TILES_ACROSS
        across = min(max(math.sqrt(len(self.scene_model.edges) / EDGES_PER_TILE), fewest), most)
        self.tile_size = max(MIN_TILE_SIZE, extent / across)
        # Bucketing 100k edges one by one takes seconds: keys are computed for all of them at once.
        self._ensure_index()
        size = self.tile_size
        node_keys = np.floor(self._index_xy / size).astype(np.int64)
        for node_id, (column, row) in zip(self._index_ids, node_keys.tolist(), strict=True):
            self._add_to_tile(self.node_tiles, self._node_tile_of, NodeTileItem, node_id, (0, column, row))
        edges = list(self.scene_model.edges.values())
        if edges:
            where = self._index_pos
            start = self._index_xy[np.fromiter((where[e.source] for e in edges), dtype=np.intp, count=len(edges))]
            end = self._index_xy[np.fromiter((where[e.target] for e in edges), dtype=np.intp, count=len(edges))]
            reach = np.abs(start - end).max(axis=1)
            level = np.zeros(len(edges), dtype=np.int64)
            sizes = np.full(len(edges), size)
            while True:
                longer = reach > 2 * sizes
                if not longer.any():
                    break
                level[longer] += 1
                sizes[longer] *= LEVEL_FACTOR
            cells = np.floor((start + end) / 2 / sizes[:, None]).astype(np.int64)
            for edge, edge_level, (column, row) in zip(edges, level.tolist(), cells.tolist(), strict=True):
                self._add_to_tile(self.edge_tiles, self._edge_tile_of, EdgeTileItem, edge.id, (edge_level, column, row))

    def _add_to_tile(self, tiles: dict[TileKey, Any], tile_of: dict[str, TileKey], kind: type[_TileItem], item_id: str,
                     key: TileKey) -> None:
        tile = tiles.get(key)
        if tile is None:
            tile = tiles[key] = kind(self, key)
            self.graphics_scene.addItem(tile)
            self._dirty_tiles.add(tile)
        tile.ids.add(item_id)
        tile_of[item_id] = key

    def _tile_key(self, x: float, y: float, level: int = 0) -> TileKey:
        size = self.tile_size * LEVEL_FACTOR**level
        return (level, math.floor(x / size), math.floor(y / size))

    def _tile(self, tiles: dict[TileKey, Any], key: TileKey, kind: type[_TileItem]) -> Any:
        tile = tiles.get(key)
        if tile is None:
            tile = tiles[key] = kind(self, key)
            self.graphics_scene.addItem(tile)
        return tile

    def _mark(self, tile: _TileItem | None) -> None:
        if tile is None or (tile.dirty and tile in self._dirty_tiles):  # already waiting: a filter marks thousands
            return
        self._dirty_tiles.add(tile)
        tile.invalidate()

    def _place_node(self, node: SceneNode) -> None:
        """Put the node in the tile under it (its old tile and its new one rebuild)."""
        key = self._tile_key(node.x, node.y)
        old = self._node_tile_of.get(node.id)
        if old is not None and old != key:
            tile = self.node_tiles.get(old)
            if tile is not None:
                tile.ids.discard(node.id)
                self._mark(tile)
        tile = self._tile(self.node_tiles, key, NodeTileItem)
        tile.ids.add(node.id)
        self._node_tile_of[node.id] = key
        self._mark(tile)

    def _unplace_node(self, node_id: str) -> None:
        key = self._node_tile_of.pop(node_id, None)
        tile = self.node_tiles.get(key) if key is not None else None
        if tile is not None:
            tile.ids.discard(node_id)
            self._mark(tile)

    def _edge_key(self, edge: SceneEdge) -> TileKey:
        nodes = self.scene_model.nodes
        source, target = nodes[edge.source], nodes[edge.target]
        # A long edge would stretch a small tile's cache far beyond the tile: it goes to a coarser grid.
        reach = max(abs(source.x - target.x), abs(source.y - target.y))
        level, size = 0, self.tile_size
        while reach > 2 * size:
            level, size = level + 1, size * LEVEL_FACTOR
        return self._tile_key((source.x + target.x) / 2, (source.y + target.y) / 2, level)

    def _place_edge(self, edge: SceneEdge) -> None:
        key = self._edge_key(edge)
        old = self._edge_tile_of.get(edge.id)
        if old is not None and old != key:
            tile = self.edge_tiles.get(old)
            if tile is not None:
                tile.ids.discard(edge.id)
                self._mark(tile)
        tile = self._tile(self.edge_tiles, key, EdgeTileItem)
        tile.ids.add(edge.id)
        self._edge_tile_of[edge.id] = key
        self._mark(tile)

    def _unplace_edge(self, edge_id_: str) -> None:
        key = self._edge_tile_of.pop(edge_id_, None)
        tile = self.edge_tiles.get(key) if key is not None else None
        if tile is not None:
            tile.ids.discard(edge_id_)
            self._mark(tile)

    def _mark_edge(self, edge_id_: str) -> None:
        key = self._edge_tile_of.get(edge_id_)
        if key is not None:
            self._mark(self.edge_tiles.get(key))

    def _mark_node(self, node_id: str) -> None:
        key = self._node_tile_of.get(node_id)
        if key is not None:
            self._mark(self.node_tiles.get(key))

    def _node_moved(self, node: SceneNode, *, with_edges: bool = True) -> None:
        """Follow one node to its new place: its tile, its edges' tiles, the hit index."""
        self._place_node(node)
        if with_edges:
            for edge in self.scene_model.incident_edges(node.id):
                if edge.id not in self.dragged_edges:
                    self._place_edge(edge)
        self._index_update(node)

    def _bend_group(self, group: list[str]) -> None:
        edges = self.scene_model.edges
        for edge_id_ in group:
            edge = edges.get(edge_id_)
            bend = self.edge_bend(edge) if edge is not None else 0.0
            if bend:
                self._bent[edge_id_] = bend
            else:
                self._bent.pop(edge_id_, None)

    def edge_bend(self, edge: SceneEdge) -> float:
        """Sideways offset of an edge's middle: opposite and parallel edges between two nodes fan out."""
        group = self._pairs.get(_pair_key(edge))
        if group is None or len(group) < 2 or edge.source == edge.target:
            return 0.0
        offset = (group.index(edge.id) - (len(group) - 1) / 2) * PARALLEL_EDGE_GAP
        # Offsets are counted in the pair's own direction; an edge running the other way sees them mirrored.
        return offset if edge.source < edge.target else -offset

    # ------------------------------------------------------------------ the hit index
    def _ensure_index(self) -> None:
        if not self._index_dirty:
            return
        self._index_dirty = False
        nodes = list(self.scene_model.nodes.values())
        self._index_ids = [n.id for n in nodes]
        self._index_pos = {node_id: i for i, node_id in enumerate(self._index_ids)}
        self._index_xy = np.array([(n.x, n.y) for n in nodes], dtype=float).reshape(-1, 2)
        self._index_half = np.array([n.size / 2 for n in nodes], dtype=float)
        self._index_visible = np.array([self._node_visible.get(n.id, True) for n in nodes], dtype=bool)

    def _index_update(self, node: SceneNode) -> None:
        if self._index_dirty:
            return
        i = self._index_pos.get(node.id)
        if i is None:
            self._index_dirty = True
            return
        self._index_xy[i] = (node.x, node.y)
        self._index_half[i] = node.size / 2
        self._index_visible[i] = self._node_visible.get(node.id, True)

    def nodes_in(self, rect: QRectF, visible_only: bool = True) -> list[str]:
        """Ids of the nodes whose centre lies in ``rect`` (scene coordinates)."""
        self._ensure_index()
        xy = self._index_xy
        inside = (xy[:, 0] >= rect.left()) & (xy[:, 0] <= rect.right()) & (xy[:, 1] >= rect.top()) & (xy[:, 1] <= rect.bottom())
        if visible_only:
            inside &= self._index_visible
        ids = self._index_ids
        return [ids[i] for i in np.flatnonzero(inside).tolist()]

    def node_at(self, view_point: QPoint) -> str | None:
        """Id of the node under a point of the viewport: its item zoomed in, the hit index zoomed out."""
        if self._detail:
            item = self.item_at(view_point)
            return item.node_id if item is not None else None
        self._ensure_index()
        if not len(self._index_ids):
            return None
        point = self.mapToScene(view_point)
        slack = 4.0 / max(self.zoom, 1e-9)  # a few screen pixels around tiny squares still count
        dx = np.abs(self._index_xy[:, 0] - point.x())
        dy = np.abs(self._index_xy[:, 1] - point.y())
        hit = self._index_visible & (dx <= self._index_half + slack) & (dy <= self._index_half + slack)
        found = np.flatnonzero(hit)
        if not len(found):
            return None
        nearest = found[np.argmin(dx[found] ** 2 + dy[found] ** 2)]
        return self._index_ids[int(nearest)]

    def visible_bounds(self) -> tuple[float, float, float, float] | None:
        """``(left, top, right, bottom)`` of the visible node centres (from the hit index: no Python loop)."""
        self._ensure_index()
        xy = self._index_xy[self._index_visible]
        if not len(xy):
            return None
        low, high = xy.min(axis=0), xy.max(axis=0)
        return float(low[0]), float(low[1]), float(high[0]), float(high[1])

    # ------------------------------------------------------------------ lazy node items
    def _sync_items(self, region: QRectF | None = None) -> None:
        """Make node items exist for the region in view (zoomed in) and nowhere else.

        Items are made for the view plus a margin, so small pans create nothing; zoomed out
        there are none at all and the node tiles draw every node.
        """
        if not self._detail and region is None:
            if self.node_items:
                self._drop_items(list(self.node_items))
            self._items_rect = QRectF()
            return
        view = region if region is not None else self.mapToScene(self.viewport().rect()).boundingRect()
        if region is None and not self._items_stale and self._items_rect.contains(view):
            return
        margin_x, margin_y = view.width() * ITEM_MARGIN, view.height() * ITEM_MARGIN
        wanted_rect = view.adjusted(-margin_x, -margin_y, margin_x, margin_y)
        wanted = set(self.nodes_in(wanted_rect, visible_only=False))
        keep = self._moved_during_drag | ({self._bulk_press[0]} if self._bulk_press else set())
        self._drop_items([node_id for node_id in self.node_items if node_id not in wanted and node_id not in keep])
        missing = [node_id for node_id in wanted if node_id not in self.node_items]
        if missing:
            blocked = self.graphics_scene.blockSignals(True)
            try:
                with self._guard:
                    nodes = self.scene_model.nodes
                    for node_id in missing:
                        self._add_item(nodes[node_id])
            finally:
                self.graphics_scene.blockSignals(blocked)
        self._items_rect = wanted_rect
        self._items_stale = False

    def _drop_items(self, ids: list[str]) -> None:
        if not ids:
            return
        blocked = self.graphics_scene.blockSignals(True)
        try:
            with self._guard:
                for node_id in ids:
                    item = self.node_items.pop(node_id, None)
                    if item is not None:
                        self.graphics_scene.removeItem(item)
        finally:
            self.graphics_scene.blockSignals(blocked)

    def _add_item(self, node: SceneNode) -> NodeItem:
        item = NodeItem(self, node)
        self.node_items[node.id] = item
        item.setVisible(self._node_visible.get(node.id, True))
        item.setSelected(node.id in self._selected)
        self.graphics_scene.addItem(item)
        return item

    def _wants_item(self, node: SceneNode) -> bool:
        return self._detail and self._items_rect.contains(QPointF(node.x, node.y))

    # ------------------------------------------------------------------ scene events
    def _on_scene_node_added(self, node: SceneNode) -> None:
        self._node_visible[node.id] = self.scene_model.is_node_visible(node)
        self._place_node(node)
        self._index_dirty = True
        if self._wants_item(node):
            blocked = self.graphics_scene.blockSignals(True)
            try:
                with self._guard:
                    self._add_item(node)
            finally:
                self.graphics_scene.blockSignals(blocked)

    def _on_scene_node_removed(self, node: SceneNode) -> None:
        self._drop_items([node.id])
        self._unplace_node(node.id)
        self._node_visible.pop(node.id, None)
        self._index_dirty = True
        if node.id in self._selected:
            self._apply_selection(self._selected - {node.id})

    def _on_scene_node_changed(self, node: SceneNode) -> None:
        if node.id not in self.scene_model.nodes or self._guard.depth:  # the canvas's own drag: already followed
            return
        scene = self.scene_model
        affected = [node]
        more = scene.nodes.get(more_node_id(node.id))
        if more is not None and more is not node:
            affected.append(more)  # a hidden node's "+N more" node hides with it
        hidden: set[str] = set()
        for changed in affected:
            visible = scene.is_node_visible(changed)
            if not visible:
                hidden.add(changed.id)
            if self._node_visible.get(changed.id) != visible:
                self._node_visible[changed.id] = visible
                for edge in scene.incident_edges(changed.id):
                    self._edge_visible[edge.id] = scene.is_edge_visible(edge)
            item = self.node_items.get(changed.id)
            if item is not None:
                with self._guard:
                    item.refresh(changed)
                    item.setVisible(visible)
            self._node_moved(changed)
        if not self.node_items.get(node.id) and self._wants_item(node):
            self._items_stale = True
            self._sync_items()
        if hidden & self._selected:
            self._apply_selection(self._selected - hidden)

    def _on_scene_edge_added(self, edge: SceneEdge) -> None:
        self._edge_visible[edge.id] = self.scene_model.is_edge_visible(edge)
        group = self._pairs.setdefault(_pair_key(edge), [])
        group.append(edge.id)
        group.sort()
        if len(group) > 1:
            self._bend_group(group)
        for other in group:  # the pair's bends change with its size
            if other != edge.id:
                self._mark_edge(other)
        self._place_edge(edge)

    def _on_scene_edge_removed(self, edge: SceneEdge) -> None:
        self._edge_visible.pop(edge.id, None)
        self._unplace_edge(edge.id)
        group = self._pairs.get(_pair_key(edge), [])
        if edge.id in group:
            group.remove(edge.id)
        self._bent.pop(edge.id, None)
        self._bend_group(group)
        for other in group:
            self._mark_edge(other)
        if not group:
            self._pairs.pop(_pair_key(edge), None)

    def _on_scene_highlight_changed(self, ids: set[str]) -> None:
        changed = self._highlighted ^ set(ids)
        self._highlighted = set(ids)
        for item_id in changed:
            if item_id in self._edge_tile_of:
                self._mark_edge(item_id)
            else:
                self._mark_node(item_id)
                item = self.node_items.get(item_id)
                if item is not None:
                    item.update()

    def _on_scene_filters_changed(self) -> None:
        scene = self.scene_model
        hidden: set[str] = set()
        for node_id, node in scene.nodes.items():
            visible = scene.is_node_visible(node)
            if not visible:
                hidden.add(node_id)
            if self._node_visible.get(node_id) != visible:
                self._node_visible[node_id] = visible
                self._mark_node(node_id)
                item = self.node_items.get(node_id)
                if item is not None:
                    with self._guard:
                        item.setVisible(visible)
        node_visible = self._node_visible
        for edge_id_, edge in scene.edges.items():
            visible = self._edge_shown(edge)
            if self._edge_visible.get(edge_id_) != visible:
                self._edge_visible[edge_id_] = visible
                self._mark_edge(edge_id_)
        if not self._index_dirty:
            self._index_visible = np.fromiter((node_visible[i] for i in self._index_ids), dtype=bool, count=len(self._index_ids))
        if hidden & self._selected:
            self._apply_selection(self._selected - hidden)
        self._schedule_bounds_check()

    def _edge_shown(self, edge: SceneEdge) -> bool:
        """``Scene.is_edge_visible`` from the node visibilities already worked out (no recursion per edge)."""
        node_visible = self._node_visible
        return (not edge.hidden and not (edge.predicate and edge.predicate in self.scene_model.hidden_predicates)
                and node_visible.get(edge.source, False) and node_visible.get(edge.target, False))

    def _on_scene_focus_changed(self, node_id: str | None) -> None:
        for item in self.node_items.values():
            if item.node_id == node_id or item.node_id == self._focus_drawn:
                item.update()
        self._focus_drawn = node_id

    _focus_drawn: str | None = None

    def _on_scene_positions_changed(self, ids: list[str]) -> None:
        nodes = self.scene_model.nodes
        edges: set[str] = set()
        with self._guard:
            for node_id in ids:
                node = nodes.get(node_id)
                if node is None:
                    continue
                self._place_node(node)
                self._index_update(node)
                edges.update(e.id for e in self.scene_model.incident_edges(node_id))
                item = self.node_items.get(node_id)
                if item is not None:
                    item.setPos(node.x, node.y)
        for edge_id_ in edges:
            self._place_edge(self.scene_model.edges[edge_id_])
        self._items_stale = True
        self._sync_items()

    def _schedule_bounds_check(self) -> None:
        """Rebuild dirty tiles and refresh the scene rect once, after the current burst of events."""
        if not self._bounds_check_pending:
            self._bounds_check_pending = True
            QTimer.singleShot(0, self._check_bounds)

    def flush(self) -> None:
        """Bring tiles and scene rect up to date now (they otherwise catch up after the event burst)."""
        self._check_bounds()

    def _check_bounds(self) -> None:
        self._bounds_check_pending = False
        if len(self.edge_tiles) + len(self.node_tiles) > MAX_TILES:
            self._retile()  # the scene outgrew its grid: one full rebuild on a coarser one
        dirty, self._dirty_tiles = self._dirty_tiles, set()
        for tile in dirty:
            tile.rebuild()
        self._update_scene_rect()

    def _update_scene_rect(self) -> None:
        bounds = self.visible_bounds()
        if bounds is None:
            rect = QRectF(-200, -200, 400, 400)
        else:
            left, top, right, bottom = bounds
            rect = QRectF(left, top, right - left, bottom - top).adjusted(-200, -200, 200, 200)
        # Leave room to pan around what is shown, and never shrink under the user's feet.
        self.graphics_scene.setSceneRect(self.graphics_scene.sceneRect().united(rect) if self.scene_model.nodes else rect)

    # ------------------------------------------------------------------ what is drawn (for tests and exports)
    def drawn_edges(self) -> dict[str, tuple[tuple[float, float], tuple[float, float], float, bool]]:
        """Edges the tiles draw now: id → (start, end, bend, highlighted); dragged edges are drawn live instead."""
        self.flush()
        drawn = {}
        for tile in self.edge_tiles.values():
            for i, edge in enumerate(tile.edges):
                drawn[edge.id] = ((float(tile.start[i][0]), float(tile.start[i][1])), (float(tile.end[i][0]), float(tile.end[i][1])),
                                  float(tile.bend[i]), bool(tile.is_highlighted[i]))
        return drawn

    def edge_path(self, edge_id_: str) -> QPainterPath | None:
        """The outline an edge is drawn with zoomed in (curved apart from its opposite and parallel edges)."""
        edge = self.scene_model.edges.get(edge_id_)
        if edge is None:
            return None
        nodes = self.scene_model.nodes
        source, target = nodes[edge.source], nodes[edge.target]
        path, _, _, _ = edge_curve(source.x, source.y, target.x, target.y, self.edge_bend(edge), target.size / 2 + 3)
        return path

    # ------------------------------------------------------------------ items → scene
    def _on_item_dragged(self, item: NodeItem) -> None:
        """Mouse-drag step: write the new places of the moved items to the scene, redraw their edges live."""
        moving = [item, *(i for i in self.graphics_scene.selectedItems() if isinstance(i, NodeItem) and i is not item)]
        moved = [i for i in moving if (i.pos().x(), i.pos().y()) != (i.node.x, i.node.y)]
        if not moved:
            return
        if not self._moved_during_drag:
            self._start_drag({i.node_id for i in moving})
        with self._guard:
            for node_item in moved:
                position = node_item.pos()
                self._moved_during_drag.add(node_item.node_id)
                self.scene_model.move(node_item.node_id, position.x(), position.y())
                self._node_moved(node_item.node, with_edges=False)
        self.drag_layer.refresh()

    def _start_drag(self, moving: set[str]) -> None:
        """Lift the edges of the dragged nodes out of their cached tiles into the live drag layer."""
        self.dragged_edges = {e.id for node_id in moving for e in self.scene_model.incident_edges(node_id)}
        for edge_id_ in self.dragged_edges:
            self._mark_edge(edge_id_)

    def _end_drag(self) -> None:
        if self.dragged_edges:
            dragged, self.dragged_edges = self.dragged_edges, set()
            edges = self.scene_model.edges
            for edge_id_ in dragged:
                if edge_id_ in edges:
                    self._place_edge(edges[edge_id_])
            self.drag_layer.refresh()

    def _on_item_released(self, item: NodeItem) -> None:
        self._finish_press(item.node_id)

    def _finish_press(self, node_id: str) -> None:
        """End of a press on a node: a drag is written back (and pinned if asked), a click activates."""
        moved, self._moved_during_drag = self._moved_during_drag, set()
        if moved:
            self._end_drag()
            if self.pin_on_drag:
                for moved_id in moved:
                    self.scene_model.pin(moved_id, True)
            self._items_stale = True
            self._sync_items()
            return
        node = self.scene_model.nodes.get(node_id)
        if node is not None and node.kind == "entity":
            self.sig_node_activated.emit(node.entity)

    def _on_graphics_scene_selection_changed(self) -> None:
        if self._guard.depth:
            return
        chosen = {item.node_id for item in self.graphics_scene.selectedItems() if isinstance(item, NodeItem)}
        adding = bool(QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        # Nodes out of view keep their selection only when the gesture adds to it (Ctrl/Shift), as Qt does for items.
        wanted = ((self._selected - set(self.node_items)) | chosen) if adding else chosen
        self._apply_selection(wanted)

    def _apply_selection(self, wanted: set[str], *, emit: bool = True) -> None:
        """Make ``wanted`` the selected node ids: items, node tiles, and (if it changed) the signal."""
        changed = self._selected ^ wanted
        self._selected = set(wanted)
        blocked = self.graphics_scene.blockSignals(True)
        try:
            with self._guard:
                for node_id in changed:
                    item = self.node_items.get(node_id)
                    if item is not None:
                        item.setSelected(node_id in wanted)
                    self._mark_node(node_id)
        finally:
            self.graphics_scene.blockSignals(blocked)
        if changed and emit:
            self.sig_selection_changed.emit(self.selected_entities())

    def _on_view_rubber_band_changed(self, rect: QRect, start: QPointF, end: QPointF) -> None:
        """Zoomed out there are no items for Qt's rubber band to catch: select from the hit index when it ends."""
        if not rect.isNull():
            self._band = self.mapToScene(rect).boundingRect()
            self._band_adds = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            return
        band, self._band = self._band, None
        if band is None or self._detail:
            return
        caught = set(self.nodes_in(band))
        self._apply_selection((self._selected | caught) if self._band_adds else caught)

    # ------------------------------------------------------------------ reading and selecting
    def selected_entities(self) -> list[str]:
        """Entities of the selected nodes ("+N more" nodes excluded), in scene order."""
        chosen = self._selected
        return [node_id for node_id, node in self.scene_model.nodes.items() if node_id in chosen and node.kind == "entity"]

    def select(self, entities: Iterable[str]) -> None:
        """Select exactly these entities."""
        self._apply_selection({e for e in entities if e in self.scene_model.nodes})

    def item_at(self, view_point: QPoint) -> NodeItem | None:
        """The node item under a point of the viewport, if any (zoomed out there are none: see :meth:`node_at`)."""
        for item in self.items(view_point):
            if isinstance(item, NodeItem):
                return item
        return None

    def elided_edge_label(self, text: str, width: float) -> str:
        key = (text, int(width) // 10)
        if key not in self._elided:
            elided = self.edge_metrics.elidedText(text, Qt.TextElideMode.ElideRight, (int(width) // 10) * 10)
            self._elided[key] = "" if elided in ("…", "") else elided
        return self._elided[key]

    # ------------------------------------------------------------------ zoom and pan
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    @property
    def detail(self) -> bool:
        """True when zoomed in far enough for node items; False when nodes are drawn in bulk by the tiles."""
        return self._detail

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` around ``anchor`` (scene coordinates; default: the view's centre)."""
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        factor = target / self.zoom
        if abs(factor - 1.0) < 1e-9:
            return
        self._zooming = True
        try:
            if anchor is None:
                previous = self.transformationAnchor()
                self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
                self.scale(factor, factor)
                self.setTransformationAnchor(previous)
            else:
                before = self.mapFromScene(anchor)
                self.scale(factor, factor)
                after = self.mapFromScene(anchor)
                delta = after - before
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        finally:
            self._zooming = False
        self._update_detail()
        self._sync_items()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        self.zoom_by(zoom / self.zoom)

    def fit_to_view(self) -> None:
        """Show every visible node."""
        self.flush()
        bounds = self.visible_bounds()
        if bounds is None:
            self.resetTransform()
            self._update_detail()
            self._sync_items()
            return
        # The same frame as exports: room for the widest label either side of the outer nodes.
        rect = self._content_rect()
        self._update_scene_rect()
        self._zooming = True
        try:
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self._zooming = False
        if self.zoom > 1.5:  # a handful of nodes: do not blow them up
            self.set_zoom(1.5)
            self.centerOn(rect.center())
        self._update_detail()
        self._sync_items()

    fit = fit_to_view

    def center_on(self, entity: str) -> None:
        """Scroll so that ``entity`` is in the middle of the view."""
        node = self.scene_model.nodes.get(entity)
        if node is not None:
            self._update_scene_rect()
            self.centerOn(node.x, node.y)
            self._sync_items()

    centre_on = center_on

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if not self._zooming:
            self._sync_items()

    def _update_detail(self) -> None:
        """Switch between node items (zoomed in) and bulk painting by the node tiles (zoomed out)."""
        detail = self.zoom >= DETAIL_ZOOM
        if detail == self._detail:
            return
        self._set_detail(detail)

    def _set_detail(self, detail: bool) -> None:
        self._detail = detail
        for tile in self.node_tiles.values():
            tile.setVisible(not detail)
        self._items_stale = True
        self.viewport().update()

    # ------------------------------------------------------------------ events
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            event.ignore()
            return
        factor = ZOOM_STEP ** (delta / 120.0)
        self.zoom_by(factor, self.mapToScene(event.position().toPoint()))
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self._detail:
            # Zoomed out there is no item to carry the tooltip: the hit index names the node under the pointer.
            point = event.pos()  # type: ignore[attr-defined]
            node_id = self.node_at(point)
            node = self.scene_model.nodes.get(node_id) if node_id is not None else None
            if node is None:
                QToolTip.hideText()
            else:
                kind = "more" if node.kind == "more" else (node.class_label or "no class")
                text = f"{node.label}\n{kind}" + ("" if node.kind == "more" else f"\n{node.entity}")
                QToolTip.showText(event.globalPos(), text, self.viewport())  # type: ignore[attr-defined]
            return True
        if event.type() == QEvent.Type.NativeGesture:
            gesture = event  # QNativeGestureEvent (macOS/trackpad pinch)
            if gesture.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:  # type: ignore[attr-defined]
                self.zoom_by(1.0 + gesture.value(), self.mapToScene(gesture.position().toPoint()))  # type: ignore[attr-defined]
                return True
        return super().viewportEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if pinch is not None:
                self.zoom_by(pinch.scaleFactor(), self.mapToScene(self.mapFromGlobal(pinch.centerPoint().toPoint())))
                event.accept()
                return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._dark_override is None:
            self._set_colours(self._palette_is_dark())
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit_to_view()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down) and not ctrl:
            step = PAN_STEP * (4 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            bar = self.horizontalScrollBar() if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) else self.verticalScrollBar()
            bar.setValue(bar.value() + (step if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -step))
        elif key == Qt.Key.Key_Space:
            self._space_held = True
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            for entity in self.selected_entities()[:1]:
                self.sig_node_expand_requested.emit(entity)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Middle button (or Space held) drags the view; the left button selects and moves nodes.
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_held and self.item_at(event.position().toPoint()) is None
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and not self._detail:
            self._bulk_mouse_press(event)
            if event.isAccepted():
                return
        super().mousePressEvent(event)

    def _bulk_mouse_press(self, event: QMouseEvent) -> None:
        """Zoomed out (no node items): find the node from the hit index, select it, get ready to drag it."""
        point = event.position().toPoint()
        node_id = self.node_at(point)
        toggling = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if node_id is None:
            if not toggling:
                self._apply_selection(set())
            event.ignore()  # the view's rubber band takes over
            return
        if toggling:
            self._apply_selection(self._selected ^ {node_id})
        elif node_id not in self._selected:
            self._apply_selection({node_id})
        nodes = self.scene_model.nodes
        moving = ({node_id} | self._selected) if node_id in self._selected else {node_id}
        self._bulk_press = (node_id, self.mapToScene(point), {m: (nodes[m].x, nodes[m].y) for m in moving if m in nodes})
        event.accept()

    def _bulk_mouse_move(self, event: QMouseEvent) -> None:
        assert self._bulk_press is not None
        _, pressed_at, origins = self._bulk_press
        here = self.mapToScene(event.position().toPoint())
        delta = here - pressed_at
        if not self._moved_during_drag:
            travelled = self.mapFromScene(here) - self.mapFromScene(pressed_at)
            if travelled.manhattanLength() < QApplication.startDragDistance():
                return
            self._start_drag(set(origins))
        nodes = self.scene_model.nodes
        with self._guard:
            for moving_id, (x, y) in origins.items():
                node = nodes.get(moving_id)
                if node is None:
                    continue
                self._moved_during_drag.add(moving_id)
                self.scene_model.move(moving_id, x + delta.x(), y + delta.y())
                self._node_moved(node, with_edges=False)
                item = self.node_items.get(moving_id)
                if item is not None:
                    item.setPos(node.x, node.y)
        self.drag_layer.refresh()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            point = event.position().toPoint()
            delta = point - self._pan_from
            self._pan_from = point
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._bulk_press is not None:
            self._bulk_mouse_move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        if self._bulk_press is not None:
            node_id = self._bulk_press[0]
            self._bulk_press = None
            self._finish_press(node_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
        super().keyReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node_id = self.node_at(event.position().toPoint())
        node = self.scene_model.nodes.get(node_id) if node_id is not None else None
        if node is None:
            super().mouseDoubleClickEvent(event)
            return
        if node.kind == "more":
            self.sig_more_requested.emit(node.entity)
        else:
            self.sig_node_expand_requested.emit(node.entity)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        node_id = self.node_at(event.pos())
        node = self.scene_model.nodes.get(node_id) if node_id is not None else None
        entity = node.entity if node is not None else None
        if node is not None and node.id not in self._selected:
            self.select([node.id] if node.kind == "entity" else [])
        self.sig_context_menu.emit(entity, event.globalPos())
        event.accept()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._update_detail()
        self._sync_items()

    # ------------------------------------------------------------------ light and dark
    def _palette_is_dark(self) -> bool:
        window = self.palette().color(QPalette.ColorRole.Window)
        return window.lightness() < 128

    @property
    def is_dark(self) -> bool:
        return self.colours.dark

    def set_dark(self, dark: bool | None) -> None:
        """Use dark (True) or light (False) colours; None follows the widget palette again."""
        self._dark_override = dark
        self._set_colours(self._palette_is_dark() if dark is None else dark)

    def _set_colours(self, dark: bool) -> None:
        if dark == self.colours.dark and self.backgroundBrush().color() == self.colours.background:
            return
        self.colours = CanvasPalette(dark)
        self._apply_background()
        for tile in [*self.edge_tiles.values(), *self.node_tiles.values()]:
            self._mark(tile)
        for item in self.node_items.values():
            item.update()
        self.viewport().update()

    def _apply_background(self) -> None:
        self.setBackgroundBrush(QBrush(self.colours.background))

    # ------------------------------------------------------------------ rendering for exports
    def _content_rect(self, margin: float = 40.0) -> QRectF:
        bounds = self.visible_bounds()
        if bounds is None:
            return QRectF(0, 0, 1, 1)
        left, top, right, bottom = bounds
        extra = LABEL_WIDTH / 2
        return QRectF(left, top, right - left, bottom - top).adjusted(-margin - extra, -margin, margin + extra, margin + 24)

    def _render(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Paint ``source`` (scene) into ``target`` with the detail suited to that scale."""
        self.flush()
        scale = min(target.width() / max(source.width(), 1e-9), target.height() / max(source.height(), 1e-9))
        previous = self._detail
        self._set_detail(scale >= DETAIL_ZOOM)
        if self._detail:
            self._sync_items(source)  # every node of the exported region needs its item
        # Selection is a screen state: exports show the graph, not the user's clicks.
        selected = set(self._selected)
        self._apply_selection(set(), emit=False)
        self.flush()
        # Cached pixels would end up as bitmaps in SVG and PDF, and blurred in big images: paint for real.
        cached = [item for item in self.graphics_scene.items() if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
        for item in cached:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            painter.fillRect(target, self.colours.background)
            self.graphics_scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            for item in cached:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self._apply_selection(selected, emit=False)
            self._set_detail(previous)
            self._items_stale = True
            self._sync_items()

    def render_to_image(self, width: int | None = None, height: int | None = None, scale: float = 1.0) -> QImage:
        """The whole visible graph as an image of ``width``×``height`` logical pixels times ``scale``.

        Without a size, the image is as large as the graph at zoom 1 (capped at 8000 px).
        """
        source = self._content_rect()
        if width is None or height is None:
            ratio = min(1.0, 8000.0 / max(source.width(), source.height()))
            width = max(1, int(source.width() * ratio))
            height = max(1, int(source.height() * ratio))
        pixels = QSize(max(1, round(width * scale)), max(1, round(height * scale)))
        image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        image.fill(self.colours.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        try:
            self._render(painter, QRectF(0, 0, width, height), source)
        finally:
            painter.end()
        return image

    def render_to_svg(self, path: str, title: str = "Knowledge graph") -> None:
        """Write the whole visible graph as an SVG file (vector: text stays text)."""
        from PySide6.QtSvg import QSvgGenerator

        source = self._content_rect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(title)
        generator.setDescription("Exported from kg-explorer")
        painter = QPainter(generator)
        try:
            self._render(painter, QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()

    def render_to_pdf(self, path: str, title: str = "Knowledge graph") -> None:
        """Write the whole visible graph as a one-page vector PDF sized to the graph."""
        from PySide6.QtGui import QPageSize

        source = self._content_rect()
        writer = QPdfWriter(str(path))
        writer.setTitle(title)
        writer.setCreator("kg-explorer")
        points = QSizeF(source.width() * 0.75, source.height() * 0.75)
        writer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "graph"))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setResolution(96)
        painter = QPainter(writer)
        try:
            page = painter.viewport()
            self._render(painter, QRectF(page), source)
        finally:
            painter.end()


def _pair_key(edge: SceneEdge) -> tuple[str, str]:
    return (edge.source, edge.target) if edge.source <= edge.target else (edge.target, edge.source)


__all__ = ["DETAIL_ZOOM", "EdgeTileItem", "GraphCanvasView", "NodeItem", "NodeTileItem", "edge_curve", "glyph_path"]

