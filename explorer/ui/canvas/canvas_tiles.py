"""The canvas's tiles: each paints its share of the edges (or, zoomed out, of the nodes) from
numpy arrays and keeps its own device cache, so a change repaints only the tiles it touches."""

from __future__ import annotations

import operator
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QLineF,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from explorer.core.scene import SceneEdge
from explorer.ui.canvas.canvas_drawing import (
    DETAIL_ZOOM,
    FAINT_EDGES_ZOOM,
    SMOOTH_EDGES_UP_TO,
    arrow_head,
    edge_curve,
    level_of_detail,
    lines_path,
)


class TileItem(QGraphicsItem):
    """One square of the canvas's tile grid: the edges (or nodes) whose anchor falls in it.

    Each tile keeps its own device cache, so a change rebuilds and repaints only the tiles
    it touches; every other tile blits its cached pixels.
    """

    def __init__(self, canvas: Any, key: tuple[int, int]) -> None:
        super().__init__()
        self.canvas = canvas
        self.key = key
        self.ids: set[str] = set()
        self.dirty = True
        self._bounds = QRectF()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def add(self, item_id: str) -> None:
        self.ids.add(item_id)
        self.members_changed()

    def discard(self, item_id: str) -> None:
        self.ids.discard(item_id)
        self.members_changed()

    def members_changed(self) -> None:
        """The tile's ids changed (what it keeps about its members is worked out again on the next rebuild)."""

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


class EdgeTileItem(TileItem):
    """The visible edges whose midpoint lies in one tile, painted in bulk from arrays."""

    def __init__(self, canvas: Any, key: tuple[int, int]) -> None:
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
        self.styled: dict[int, tuple[str, float]] = {}
        self.styled_paths: list[tuple[str, float, QPainterPath]] = []
        self.coloured_paths: list[tuple[QColor, QPainterPath]] = []
        #: Every member edge (sorted by id) and its ends' rows in the canvas's hit index, kept until the
        #: members or the index change: a hidden node or a filter only changes which of them are drawn.
        self._members: tuple[list[SceneEdge], np.ndarray, np.ndarray, np.ndarray] | None = None
        self._members_of: tuple[list[str], dict[str, bool]] | None = None
        self._bends: tuple[int, np.ndarray] | None = None

    def members_changed(self) -> None:
        self._members = None

    def _member_arrays(self) -> tuple[list[SceneEdge], np.ndarray, np.ndarray, np.ndarray]:
        """The members, their ends' rows in the hit index and their rows in the visibility flags."""
        canvas = self.canvas
        canvas._ensure_index()
        flags = canvas._edge_visible
        if (self._members is None or self._members_of is None or self._members_of[0] is not canvas._index_ids
                or self._members_of[1] is not flags):
            all_edges = canvas.scene_model.edges
            edges = [all_edges[e] for e in sorted(self.ids)]
            where = canvas._index_pos
            count = len(edges)
            sources = np.fromiter((where[e.source] for e in edges), dtype=np.intp, count=count)
            targets = np.fromiter((where[e.target] for e in edges), dtype=np.intp, count=count)
            self._members = (edges, sources, targets, flags.rows(e.id for e in edges))
            self._members_of = (canvas._index_ids, flags)
            self._bends = None
        return self._members

    def _member_bends(self, members: list[SceneEdge]) -> np.ndarray:
        """Each member's bend, kept until the canvas's bends change."""
        canvas = self.canvas
        if self._bends is None or self._bends[0] != canvas.bends_epoch:
            bent = canvas._bent
            self._bends = (canvas.bends_epoch, np.fromiter((bent.get(e.id, 0.0) for e in members), dtype=float,
                                                           count=len(members)) if bent else np.zeros(len(members)))
        return self._bends[1]

    def _build(self) -> QRectF:
        canvas = self.canvas
        scene = canvas.scene_model
        dragged = canvas.dragged_edges
        visible = canvas._edge_visible
        members, sources, targets, flag_rows = self._member_arrays()
        bends = self._member_bends(members)
        drawn = visible.array[flag_rows]
        if dragged:
            drawn &= np.fromiter((e.id not in dragged for e in members), dtype=bool, count=len(members))
        if drawn.all():
            edges = members
        else:
            rows = np.flatnonzero(drawn)
            edges = [members[i] for i in rows.tolist()]
            sources, targets, bends = sources[rows], targets[rows], bends[rows]
        self.edges = edges
        count = len(edges)
        # Positions come from the canvas's node arrays (kept current as nodes move).
        self.start = canvas._index_xy[sources]
        self.end = canvas._index_xy[targets]
        self.radius = canvas._index_half[targets] + 3
        self.bend = bends
        highlighted = scene.highlighted
        self.is_highlighted = (np.fromiter((e.id in highlighted for e in edges), dtype=bool, count=count) if highlighted
                               else np.zeros(count, dtype=bool))
        # Links a styling rule gives a colour or width of their own (unless highlighted: the accent wins).
        self.styled = {i: (edge.line_color or "", edge.width) for i, edge in enumerate(edges)
                       if (edge.line_color or edge.width != 1.0) and not self.is_highlighted[i]}
        plain = ~self.is_highlighted
        self.styled_paths: list[tuple[str, float, QPainterPath]] = []
        if self.styled:
            plain = plain.copy()
            plain[list(self.styled)] = False
            for look in sorted(set(self.styled.values())):
                chosen = np.array([i for i, other in self.styled.items() if other == look], dtype=np.intp)
                self.styled_paths.append((look[0], look[1], lines_path(self.start[chosen], self.end[chosen])))
        self.path = lines_path(self.start[plain], self.end[plain])
        self.highlight_path = lines_path(self.start[~plain], self.end[~plain])
        # Highlighted edges with a colour of their own (a snapshot diff's added and removed links).
        self.own_colour = {i: edges[i].color for i in np.flatnonzero(self.is_highlighted).tolist() if edges[i].color}
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
        lod = level_of_detail(option, painter)
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
            for colour_name, width, path in self.styled_paths:
                own_pen = QPen(QColor(colour_name) if colour_name else pen.color(), width)
                own_pen.setCosmetic(True)
                painter.setPen(own_pen)
                painter.drawPath(path)
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
        groups: list[tuple[bool, str | None, tuple[str, float] | None]] = [(False, None, None), (True, None, None)]
        groups += [(True, colour, None) for colour in sorted(set(self.own_colour.values()))]
        groups += [(False, None, look) for look in sorted(set(self.styled.values()))]
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
                if bool(self.is_highlighted[i]) != lit or self.own_colour.get(i) != own or self.styled.get(i) != look:
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
                    heads.append(arrow_head(tip, direction))
            painter.drawLines(lines)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for head in heads:
                painter.drawPolygon(head)
        # Link words are placed by the canvas's label layer, clear of node labels and of each other.


class NodeTileItem(TileItem):
    """The visible nodes of one tile as squares, one ``drawRects`` per colour: used when zoomed out."""

    def __init__(self, canvas: Any, key: tuple[int, int]) -> None:
        super().__init__(canvas, key)
        self.setZValue(1)
        self.groups: list[tuple[QColor, list[QRectF]]] = []
        self.marked: list[tuple[QColor, list[QRectF]]] = []
        self.setVisible(not canvas._detail)

    def _build(self) -> QRectF:
        canvas = self.canvas
        scene = canvas.scene_model
        by_colour: dict[str, list[QRectF]] = {}
        rects: list[QRectF] = []
        more_fill = canvas.colours.more_fill.name()
        visible = canvas._node_visible.get
        nodes = scene.nodes
        looks = operator.attrgetter("x", "y", "size", "color", "kind")
        shown = [node_id for node_id in self.ids if visible(node_id, False)]
        rows = [looks(nodes[node_id]) for node_id in shown]
        # Plain loops and C-level min/max: a restyle rebuilds every tile at once (5k nodes).
        for x, y, size, colour, kind in rows:
            half = size / 2
            rect = QRectF(x - half, y - half, size, size)
            if kind == "more":
                colour = more_fill
            group = by_colour.get(colour)
            if group is None:
                by_colour[colour] = group = []
            group.append(rect)
            rects.append(rect)
        chosen, lit = canvas._selected, scene.highlighted
        rect_of = dict(zip(shown, rects, strict=True)) if chosen or lit else {}
        selected = [rect_of[i] for i in chosen if i in rect_of]
        highlighted = [rect_of[i] for i in lit if i in rect_of and i not in chosen]
        self.groups = [(QColor(colour), rects) for colour, rects in sorted(by_colour.items())]
        self.marked = [(canvas.colours.accent, highlighted), (canvas.colours.selection, selected)]
        if not rows:
            return QRectF()
        xs, ys, sizes = (np.fromiter((row[k] for row in rows), dtype=float, count=len(rows)) for k in range(3))
        halves = sizes / 2
        left, top = float((xs - halves).min()), float((ys - halves).min())
        right, bottom = float((xs + halves).max()), float((ys + halves).max())
        return QRectF(left - 6, top - 6, right - left + 12, bottom - top + 12)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.rebuild()
        for colour, rects in self.groups:
            # A cosmetic rim in the node's own colour keeps every node at least a few pixels wide, however
            # far out. One pixel wide: wider cosmetic pens go through the stroker, several times slower
            # (a measure-driven restyle repaints every tile at once).
            rim = QPen(colour, 1.0)
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
