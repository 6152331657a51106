"""The graph canvas: a ``QGraphicsView`` over a Qt-free :class:`~explorer.core.scene.Scene`.

The view subscribes to the scene's events and mirrors them; user gestures (drag, hide,
expand) go back to the scene, never straight to the items, so the scene stays the one
source of truth and snapshots see exactly what is on screen.

Drawing is organised for big scenes:

* Every node is a :class:`NodeItem` (selectable, movable, hit-tested by its glyph).
* All edges are painted by one :class:`EdgeLayerItem` from numpy arrays, in one
  ``drawLines`` call when zoomed out; arrowheads and labels in words appear only when
  zoomed in far enough to read them, and only for edges in the exposed area.
* Zoomed out past :data:`DETAIL_ZOOM`, node items stop painting (``ItemHasNoContents``,
  still clickable) and one :class:`NodeLayerItem` draws every node as a coloured square,
  one ``drawRects`` call per colour.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QEvent, QLineF, QMarginsF, QPoint, QPointF, QRectF, QSize, QSizeF, Qt, QTimer, Signal
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
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from explorer.core.scene import Scene, SceneEdge, SceneNode, more_node_id

#: Below this zoom, nodes are drawn in bulk as squares and edges without arrows or labels.
DETAIL_ZOOM = 0.45
#: Below this zoom, edge labels are not drawn.
EDGE_LABEL_ZOOM = 0.8
#: Labels smaller than this on screen (pixels) are not drawn.
MIN_LABEL_PIXELS = 6.0
LABEL_PIXEL_SIZE = 11.0
LABEL_WIDTH = 150.0
EDGE_LABEL_WIDTH = 140.0
#: Edges in view up to which lines are antialiased.
SMOOTH_EDGES_UP_TO = 1500
#: More edge labels than this in view are not drawn.
MAX_EDGE_LABELS = 400
ZOOM_STEP = 1.25
MIN_ZOOM = 0.005
MAX_ZOOM = 8.0
PAN_STEP = 60


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


class EdgeLayerItem(QGraphicsItem):
    """Every visible edge, painted in bulk from arrays rebuilt only when something moved."""

    def __init__(self, canvas: GraphCanvasView) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        # Repaints that change nothing here (selection, a tooltip, a node's focus ring) blit the
        # cached pixels; the cache is redrawn when the zoom changes or an edge moves.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._bounds = QRectF()
        self.dirty = True
        self.edges: list[SceneEdge] = []
        self.start = np.zeros((0, 2))
        self.end = np.zeros((0, 2))
        self.radius = np.zeros(0)
        self.path = QPainterPath()
        self.highlight_path = QPainterPath()
        self.line_count = 0
        self.highlight_count = 0

    def invalidate(self) -> None:
        """Rebuild on the next paint (many scene events in a row cost one rebuild)."""
        self.dirty = True
        self.update()
        self.canvas._schedule_bounds_check()

    def rebuild(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        scene = self.canvas.scene_model
        dragged = self.canvas.dragged_edges
        visible = {n.id for n in scene.visible_nodes()}
        hidden_predicates = scene.hidden_predicates
        edges = [e for e in scene.edges.values()
                 if e.source in visible and e.target in visible and not e.hidden
                 and e.predicate not in hidden_predicates and e.id not in dragged]
        nodes = scene.nodes
        self.edges = edges
        self.start = np.array([(nodes[e.source].x, nodes[e.source].y) for e in edges], dtype=float).reshape(-1, 2)
        self.end = np.array([(nodes[e.target].x, nodes[e.target].y) for e in edges], dtype=float).reshape(-1, 2)
        self.radius = np.array([nodes[e.target].size / 2 + 3 for e in edges], dtype=float)
        highlighted = scene.highlighted
        self.is_highlighted = np.array([e.id in highlighted for e in edges], dtype=bool)
        plain = ~self.is_highlighted
        self.path = lines_path(self.start[plain], self.end[plain])
        self.highlight_path = lines_path(self.start[~plain], self.end[~plain])
        self.line_count = int(plain.sum())
        self.highlight_count = len(edges) - self.line_count
        if len(edges):
            both = np.vstack([self.start, self.end])
            low, high = both.min(axis=0), both.max(axis=0)
            bounds = QRectF(QPointF(*low), QPointF(*high)).adjusted(-40, -40, 40, 40)
        else:
            bounds = QRectF()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds

    def boundingRect(self) -> QRectF:
        return self._bounds

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
        detail = lod >= DETAIL_ZOOM
        if not detail:
            # Thousands of hair-lines: aliased drawing is ~10× faster and looks the same at this size.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.path)
            if self.highlight_count:
                accent = QPen(colours.accent, 3.0)
                accent.setCosmetic(True)
                painter.setPen(accent)
                painter.drawPath(self.highlight_path)
            return
        # Zoomed in: only edges touching the exposed area, with arrowheads and words.
        exposed = option.exposedRect
        left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
        lo = np.minimum(self.start, self.end)
        hi = np.maximum(self.start, self.end)
        inside = (hi[:, 0] >= left) & (lo[:, 0] <= right) & (hi[:, 1] >= top) & (lo[:, 1] <= bottom)
        delta = self.end - self.start
        length = np.sqrt((delta**2).sum(axis=1)) + 1e-9
        unit = delta / length[:, None]
        tip = self.end - unit * self.radius[:, None]
        indices = np.flatnonzero(inside).tolist()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(indices) <= SMOOTH_EDGES_UP_TO)
        arrow = 9.0
        normal_lines: list[QLineF] = []
        heads: list[QPolygonF] = []
        lit_lines: list[QLineF] = []
        lit_heads: list[QPolygonF] = []
        for i in indices:
            sx, sy = self.start[i]
            tx, ty = tip[i]
            ux, uy = unit[i]
            line = QLineF(sx, sy, tx, ty)
            # Arrowheads only where the target end is in view: the rest cannot be seen.
            head = None
            if left <= tx <= right and top <= ty <= bottom:
                head = QPolygonF([
                    QPointF(tx, ty),
                    QPointF(tx - ux * arrow - uy * arrow * 0.45, ty - uy * arrow + ux * arrow * 0.45),
                    QPointF(tx - ux * arrow + uy * arrow * 0.45, ty - uy * arrow - ux * arrow * 0.45),
                ])
            if self.is_highlighted[i]:
                lit_lines.append(line)
                if head is not None:
                    lit_heads.append(head)
            else:
                normal_lines.append(line)
                if head is not None:
                    heads.append(head)
        painter.drawLines(normal_lines)
        painter.setBrush(colours.edge)
        painter.setPen(Qt.PenStyle.NoPen)
        for head in heads:
            painter.drawPolygon(head)
        if lit_lines:
            accent = QPen(colours.accent, 3.0)
            accent.setCosmetic(True)
            painter.setPen(accent)
            painter.drawLines(lit_lines)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.accent)
            for head in lit_heads:
                painter.drawPolygon(head)
        if lod < EDGE_LABEL_ZOOM or lod * LABEL_PIXEL_SIZE < MIN_LABEL_PIXELS:
            return
        font = canvas.edge_font
        metrics = canvas.edge_metrics
        painter.setFont(font)
        mid_x = (self.start[:, 0] + tip[:, 0]) / 2
        mid_y = (self.start[:, 1] + tip[:, 1]) / 2
        labelled = [i for i in indices if left <= mid_x[i] <= right and top <= mid_y[i] <= bottom]
        if len(labelled) > MAX_EDGE_LABELS:  # a wall of words helps nobody: zoom in to read them
            return
        background = QColor(colours.background)
        background.setAlpha(200)
        for i in labelled:
            edge = self.edges[i]
            if not edge.label:
                continue
            room = float(length[i]) - self.radius[i] * 2 - 6
            if room * lod < 24:  # too short on screen to say anything readable
                continue
            text = canvas.elided_edge_label(edge.label, min(room, EDGE_LABEL_WIDTH))
            if not text:
                continue
            mid = (self.start[i] + tip[i]) / 2
            angle = math.degrees(math.atan2(unit[i][1], unit[i][0]))
            if angle > 90 or angle < -90:  # keep words upright; the arrowhead still shows the direction
                angle += 180
            painter.save()
            painter.translate(float(mid[0]), float(mid[1]))
            painter.rotate(angle)
            width = metrics.horizontalAdvance(text)
            box = QRectF(-width / 2 - 2, -metrics.height() - 1, width + 4, metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRect(box)
            painter.setPen(colours.accent if self.is_highlighted[i] else colours.edge_label)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()


class DragLayerItem(QGraphicsItem):
    """The few edges of the nodes being dragged, redrawn live while the rest stays cached."""

    def __init__(self, canvas: GraphCanvasView) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(0.5)
        self._bounds = QRectF()
        self.lines: list[tuple[QLineF, bool]] = []

    def refresh(self) -> None:
        scene = self.canvas.scene_model
        lines = []
        for edge_id_ in self.canvas.dragged_edges:
            edge = scene.edges.get(edge_id_)
            if edge is None or not scene.is_edge_visible(edge):
                continue
            source, target = scene.nodes[edge.source], scene.nodes[edge.target]
            lines.append((QLineF(source.x, source.y, target.x, target.y), edge.id in scene.highlighted))
        bounds = QRectF()
        for line, _ in lines:
            bounds = bounds.united(QRectF(line.p1(), line.p2()).normalized())
        self.prepareGeometryChange()
        self._bounds = bounds.adjusted(-10, -10, 10, 10) if lines else QRectF()
        self.lines = lines
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colours = self.canvas.colours
        for lit in (False, True):
            pen = QPen(colours.accent if lit else colours.edge, 3.0 if lit else 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines([line for line, highlighted in self.lines if highlighted == lit])


class NodeLayerItem(QGraphicsItem):
    """All visible nodes as squares, one ``drawRects`` per colour: used when zoomed out."""

    def __init__(self, canvas: GraphCanvasView) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._bounds = QRectF()
        self.dirty = True
        self.groups: list[tuple[QColor, list[QRectF]]] = []
        self.marked: list[tuple[QColor, list[QRectF]]] = []
        self.rect_of: dict[str, QRectF] = {}

    def invalidate(self) -> None:
        """Rebuild on the next paint (many scene events in a row cost one rebuild)."""
        self.dirty = True
        self.update()
        self.canvas._schedule_bounds_check()

    def rebuild(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        canvas = self.canvas
        by_colour: dict[str, list[QRectF]] = {}
        self.rect_of = {}
        selected_ids = {i.node_id for i in canvas.graphics_scene.selectedItems() if isinstance(i, NodeItem)}
        selected: list[QRectF] = []
        highlighted: list[QRectF] = []
        xs: list[float] = []
        ys: list[float] = []
        lit = canvas.scene_model.highlighted
        for node in canvas.scene_model.visible_nodes():
            half = node.size / 2
            rect = QRectF(node.x - half, node.y - half, node.size, node.size)
            self.rect_of[node.id] = rect
            by_colour.setdefault(canvas.colours.more_fill.name() if node.kind == "more" else node.color, []).append(rect)
            if node.id in selected_ids:
                selected.append(rect)
            elif node.id in lit:
                highlighted.append(rect)
            xs.append(node.x)
            ys.append(node.y)
        self.groups = [(QColor(colour), rects) for colour, rects in sorted(by_colour.items())]
        self.marked = [(canvas.colours.accent, highlighted), (canvas.colours.selection, selected)]
        bounds = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))).adjusted(-30, -30, 30, 30) if xs else QRectF()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds

    def move_node(self, node_id: str, x: float, y: float) -> None:
        """Follow one dragged node without rebuilding every square (the rect is shared by its lists)."""
        rect = self.rect_of.get(node_id)
        if rect is None or self.dirty:
            self.invalidate()
            return
        rect.moveCenter(QPointF(x, y))
        if not self._bounds.contains(rect):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(rect.adjusted(-30, -30, 30, 30))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.rebuild()
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self.groups:
            painter.setBrush(colour)
            painter.drawRects(rects)
        for colour, rects in self.marked:
            if rects:
                pen = QPen(colour, 3.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRects(rects)


class _Guard:
    """Counts nested "the canvas itself is changing this" blocks to stop feedback loops."""

    def __init__(self) -> None:
        self.depth = 0

    def __enter__(self) -> None:
        self.depth += 1

    def __exit__(self, *exc: object) -> None:
        self.depth -= 1


class GraphCanvasView(QGraphicsView):
    """The interactive canvas over a :class:`Scene`.

    Signals:
        sig_node_activated(str): an entity node was clicked (the entity IRI).
        sig_node_expand_requested(str): an entity node was double-clicked.
        sig_more_requested(str): a "+N more" node was double-clicked (the expanded entity).
        sig_selection_changed(list): the selected entities changed.
        sig_context_menu(object, QPoint): right-click on an entity (or None on the background), global position.
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
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 128 * 1024))
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
        self.node_items: dict[str, NodeItem] = {}
        self._detail = True
        self._moved_during_drag: set[str] = set()
        self.edge_layer = EdgeLayerItem(self)
        self.node_layer = NodeLayerItem(self)
        self.dragged_edges: set[str] = set()
        self.drag_layer = DragLayerItem(self)
        self.graphics_scene.addItem(self.edge_layer)
        self.graphics_scene.addItem(self.drag_layer)
        self.graphics_scene.addItem(self.node_layer)
        self.node_layer.setVisible(False)
        self._pan_from: QPoint | None = None
        self._bounds_check_pending = False
        self._space_held = False
        self.graphics_scene.selectionChanged.connect(self._on_graphics_scene_selection_changed)
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
            "edge_added": self._on_scene_edges_changed,
            "edge_removed": self._on_scene_edges_changed,
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
        with self._guard:
            for item in self.node_items.values():
                self.graphics_scene.removeItem(item)
            self.node_items.clear()
            for node in self.scene_model.nodes.values():
                self._add_item(node)
        self._layers_dirty()

    def _add_item(self, node: SceneNode) -> NodeItem:
        item = NodeItem(self, node)
        self.node_items[node.id] = item
        item.setVisible(self.scene_model.is_node_visible(node))
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not self._detail)
        self.graphics_scene.addItem(item)
        return item

    def _on_scene_node_added(self, node: SceneNode) -> None:
        with self._guard:
            self._add_item(node)
        self._layers_dirty()

    def _on_scene_node_removed(self, node: SceneNode) -> None:
        item = self.node_items.pop(node.id, None)
        if item is not None:
            with self._guard:
                self.graphics_scene.removeItem(item)
        self._layers_dirty()

    def _on_scene_node_changed(self, node: SceneNode) -> None:
        item = self.node_items.get(node.id)
        if item is None or self._guard.depth:  # the canvas's own drag: already drawn where it is
            return
        with self._guard:
            item.refresh(node)
            item.setVisible(self.scene_model.is_node_visible(node))
            # A hidden node's "+N more" node hides with it.
            more = self.node_items.get(more_node_id(node.id))
            if more is not None:
                more.setVisible(self.scene_model.is_node_visible(more.node))
        self._layers_dirty()

    def _on_scene_edges_changed(self, edge: SceneEdge) -> None:
        self.edge_layer.dirty = True
        self.edge_layer.update()

    def _on_scene_highlight_changed(self, ids: set[str]) -> None:
        for item in self.node_items.values():
            item.update()
        self._layers_dirty()

    def _on_scene_filters_changed(self) -> None:
        with self._guard:
            for node_id, item in self.node_items.items():
                item.setVisible(self.scene_model.is_node_visible(self.scene_model.nodes[node_id]))
        self._layers_dirty()

    def _on_scene_focus_changed(self, node_id: str | None) -> None:
        for item in self.node_items.values():
            item.update()

    def _on_scene_positions_changed(self, ids: list[str]) -> None:
        with self._guard:
            for node_id in ids:
                item = self.node_items.get(node_id)
                if item is not None:
                    node = item.node
                    item.setPos(node.x, node.y)
        self._layers_dirty()

    def _layers_dirty(self) -> None:
        self.edge_layer.invalidate()
        self.node_layer.invalidate()

    def _schedule_bounds_check(self) -> None:
        """Refresh layer bounds and the scene rect once, after the current burst of events."""
        if not self._bounds_check_pending:
            self._bounds_check_pending = True
            QTimer.singleShot(0, self._check_bounds)

    def flush(self) -> None:
        """Bring layers and scene rect up to date now (they otherwise catch up after the event burst)."""
        self._check_bounds()

    def _check_bounds(self) -> None:
        self._bounds_check_pending = False
        self.edge_layer.rebuild()
        self.node_layer.rebuild()
        self._update_scene_rect()

    def _node_layer_dirty(self) -> None:
        self.node_layer.dirty = True
        self.node_layer.update()

    def _update_scene_rect(self) -> None:
        bounds = self.scene_model.bounds()
        if bounds is None:
            rect = QRectF(-200, -200, 400, 400)
        else:
            left, top, right, bottom = bounds
            rect = QRectF(left, top, right - left, bottom - top).adjusted(-200, -200, 200, 200)
        # Leave room to pan around what is shown, and never shrink under the user's feet.
        self.graphics_scene.setSceneRect(self.graphics_scene.sceneRect().united(rect) if self.node_items else rect)

    # ------------------------------------------------------------------ items → scene
    def _on_item_dragged(self, item: NodeItem) -> None:
        """Mouse-drag step: write the new places of the moved items to the scene, redraw their edges live."""
        moving = [item, *(i for i in self.graphics_scene.selectedItems() if isinstance(i, NodeItem) and i is not item)]
        moved = [i for i in moving if (i.pos().x(), i.pos().y()) != (i.node.x, i.node.y)]
        if not moved:
            return
        if not self._moved_during_drag:
            self._start_drag(item)
        with self._guard:
            for node_item in moved:
                position = node_item.pos()
                self._moved_during_drag.add(node_item.node_id)
                self.scene_model.move(node_item.node_id, position.x(), position.y())
                if not self._detail:
                    self.node_layer.move_node(node_item.node_id, position.x(), position.y())
        self.drag_layer.refresh()

    def _start_drag(self, item: NodeItem) -> None:
        """Lift the edges of the dragged nodes out of the cached edge layer into the live drag layer."""
        moving = {item.node_id} | {i.node_id for i in self.graphics_scene.selectedItems() if isinstance(i, NodeItem)}
        self.dragged_edges = {e.id for node_id in moving for e in self.scene_model.incident_edges(node_id)}
        self.edge_layer.invalidate()

    def _end_drag(self) -> None:
        if self.dragged_edges:
            self.dragged_edges = set()
            self.drag_layer.refresh()
            self._layers_dirty()

    def _on_item_released(self, item: NodeItem) -> None:
        moved, self._moved_during_drag = self._moved_during_drag, set()
        if moved:
            self._end_drag()
            if self.pin_on_drag:
                for node_id in moved:
                    self.scene_model.pin(node_id, True)
            return
        if item.node.kind == "entity":
            self.sig_node_activated.emit(item.node.entity)

    def _on_graphics_scene_selection_changed(self) -> None:
        if not self._detail:
            self._node_layer_dirty()
        self.sig_selection_changed.emit(self.selected_entities())

    # ------------------------------------------------------------------ reading and selecting
    def selected_entities(self) -> list[str]:
        """Entities of the selected nodes ("+N more" nodes excluded), in scene order."""
        chosen = {item.node_id for item in self.graphics_scene.selectedItems() if isinstance(item, NodeItem)}
        return [node_id for node_id, node in self.scene_model.nodes.items() if node_id in chosen and node.kind == "entity"]

    def select(self, entities: Iterable[str]) -> None:
        """Select exactly these entities."""
        wanted = set(entities)
        blocked = self.graphics_scene.blockSignals(True)
        try:
            for node_id, item in self.node_items.items():
                item.setSelected(node_id in wanted)
        finally:
            self.graphics_scene.blockSignals(blocked)
        self._on_graphics_scene_selection_changed()

    def item_at(self, view_point: QPoint) -> NodeItem | None:
        """The node under a point of the viewport, if any."""
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

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` around ``anchor`` (scene coordinates; default: the view's centre)."""
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        factor = target / self.zoom
        if abs(factor - 1.0) < 1e-9:
            return
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
        self._update_detail()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        self.zoom_by(zoom / self.zoom)

    def fit_to_view(self) -> None:
        """Show every visible node."""
        self.flush()
        bounds = self.scene_model.bounds()
        if bounds is None:
            self.resetTransform()
            self._update_detail()
            return
        left, top, right, bottom = bounds
        rect = QRectF(left, top, right - left, bottom - top).adjusted(-60, -40, 60, 60)
        self._update_scene_rect()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > 1.5:  # a handful of nodes: do not blow them up
            self.set_zoom(1.5)
            self.centerOn(rect.center())
        self._update_detail()

    fit = fit_to_view

    def center_on(self, entity: str) -> None:
        """Scroll so that ``entity`` is in the middle of the view."""
        node = self.scene_model.nodes.get(entity)
        if node is not None:
            self._update_scene_rect()
            self.centerOn(node.x, node.y)

    centre_on = center_on

    def _update_detail(self) -> None:
        """Switch between per-node painting (zoomed in) and bulk painting (zoomed out)."""
        detail = self.zoom >= DETAIL_ZOOM
        if detail == self._detail:
            return
        self._set_detail(detail)

    def _set_detail(self, detail: bool) -> None:
        self._detail = detail
        for item in self.node_items.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not detail)
        self.node_layer.setVisible(not detail)
        self.node_layer.invalidate()
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
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            point = event.position().toPoint()
            delta = point - self._pan_from
            self._pan_from = point
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
        super().keyReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position().toPoint())
        if item is None:
            super().mouseDoubleClickEvent(event)
            return
        if item.node.kind == "more":
            self.sig_more_requested.emit(item.node.entity)
        else:
            self.sig_node_expand_requested.emit(item.node.entity)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.item_at(event.pos())
        entity = item.node.entity if item is not None else None
        if item is not None and not item.isSelected():
            self.select([item.node_id] if item.node.kind == "entity" else [])
        self.sig_context_menu.emit(entity, event.globalPos())
        event.accept()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._update_detail()

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
        self._layers_dirty()
        self.viewport().update()

    def _apply_background(self) -> None:
        self.setBackgroundBrush(QBrush(self.colours.background))

    # ------------------------------------------------------------------ rendering for exports
    def _content_rect(self, margin: float = 40.0) -> QRectF:
        bounds = self.scene_model.bounds()
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
        # Selection is a screen state: exports show the graph, not the user's clicks.
        selected = [item for item in self.node_items.values() if item.isSelected()]
        blocked = self.graphics_scene.blockSignals(True)
        for item in selected:
            item.setSelected(False)
        self.node_layer.invalidate()
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
            for item in selected:
                item.setSelected(True)
            self.graphics_scene.blockSignals(blocked)
            self._set_detail(previous)

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


__all__ = ["DETAIL_ZOOM", "EdgeLayerItem", "GraphCanvasView", "NodeItem", "NodeLayerItem", "glyph_path"]

