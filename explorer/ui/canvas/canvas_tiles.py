"""The canvas's tiles: each paints its share of the edges (or, zoomed out, of the nodes) from
numpy arrays and keeps its own device cache, so a change repaints only the tiles it touches."""

from __future__ import annotations

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
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from explorer.core.scene import SceneEdge, SceneNode
from explorer.ui.canvas.canvas_drawing import (
    DETAIL_ZOOM,
    FAINT_EDGES_ZOOM,
    SMOOTH_EDGES_UP_TO,
    arrow_head,
    edge_curve,
    level_of_detail,
    lines_path,
)


class TileItem(QGraphicsRectItem):
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
        # The bounds are the rect of a QGraphicsRectItem without a pen: Qt reads them in C++, not through a
        # Python boundingRect() (called a thousand times and more per repaint at 50k nodes).
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def add(self, item_id: str) -> None:
        self.ids.add(item_id)
        self.members_changed()

    def discard(self, item_id: str) -> None:
        self.ids.discard(item_id)
        self.members_changed()

    def members_changed(self) -> None:
        """The tile's ids changed (what it keeps about its members is worked out again on the next rebuild)."""

    def looks_changed(self) -> None:
        """A member moved or was restyled: what the tile keeps of its members' looks is worked out again.

        Not called for a change of visibility, selection or highlight: those are read afresh on every rebuild.
        """

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
        if bounds != self.rect():
            self.setRect(bounds)

    def _build(self) -> QRectF:
        raise NotImplementedError


class EdgeTileItem(TileItem):
    """The visible edges of one link type whose midpoint lies in one tile, painted in bulk from arrays.

    Each tile is one layer per link type (the key's last number): hiding a link type hides its
    layers, and nothing is drawn again. A layer draws its *drawable* edges (hidden edges and
    edges to hidden nodes left out), whatever the link-type filter says.
    """

    def __init__(self, canvas: Any, key: tuple[int, ...]) -> None:
        super().__init__(canvas, key)
        self.setZValue(0)
        self.predicate: str = canvas.layer_predicates[key[3]]
        #: False while the layer's link type is filtered out.
        self.shown = True
        self.follow_filter(canvas.scene_model.hidden_predicates)
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
        #: Each member's own colour and width from a styling rule (None: plain), or None when no member has one.
        self._looks: list[tuple[str, float] | None] | None = None
        self._looks_known = False

    def follow_filter(self, hidden_predicates: set[str] | frozenset[str]) -> None:
        """Show the layer unless its link type is filtered out.

        By opacity, not ``setVisible``: a hidden item loses its device cache, and showing the
        link type again would draw every layer of it anew; a transparent one is skipped and keeps it.
        """
        shown = not (self.predicate and self.predicate in hidden_predicates)
        if self.shown != shown:
            self.shown = shown
            self.setOpacity(1.0 if shown else 0.0)

    def members_changed(self) -> None:
        self._members = None
        self._looks_known = False

    def looks_changed(self) -> None:
        self._looks_known = False

    def _member_looks(self, members: list[SceneEdge]) -> list[tuple[str, float] | None] | None:
        if not self._looks_known:
            looks = [(edge.line_color or "", edge.width) if (edge.line_color or edge.width != 1.0) else None
                     for edge in members]
            self._looks = looks if any(look is not None for look in looks) else None
            self._looks_known = True
        return self._looks

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

    def kept_flag_rows(self, flags: Any) -> np.ndarray | None:
        """The members' rows in ``flags`` if the tile has them at hand (None: unknown, treat as changed)."""
        members, kept_of = self._members, self._members_of
        return members[3] if members is not None and kept_of is not None and kept_of[1] is flags else None

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
        member_looks = self._member_looks(members)
        drawn = visible.drawable[flag_rows]
        if dragged:
            drawn &= np.fromiter((e.id not in dragged for e in members), dtype=bool, count=len(members))
        looks: list[tuple[str, float] | None] | None = member_looks
        if drawn.all():
            edges = members
        else:
            rows = np.flatnonzero(drawn)
            pick = rows.tolist()
            edges = list(map(members.__getitem__, pick))
            if member_looks is not None:
                looks = list(map(member_looks.__getitem__, pick))
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
        self.styled = ({} if looks is None else
                       {i: look for i, look in enumerate(looks) if look is not None and not self.is_highlighted[i]})
        plain = ~self.is_highlighted
        self.styled_paths: list[tuple[str, float, QPainterPath]] = []
        if self.styled:
            plain = plain.copy()
            plain[list(self.styled)] = False
            for look in sorted(set(self.styled.values())):
                chosen = np.array([i for i, other in self.styled.items() if other == look], dtype=np.intp)
                self.styled_paths.append((look[0], look[1], lines_path(self.start[chosen], self.end[chosen])))
        lit = self.is_highlighted.any()
        if self.styled or lit:
            self.path = lines_path(self.start[plain], self.end[plain])
        else:  # the usual case: every edge plain
            self.path = lines_path(self.start, self.end)
        self.highlight_path = (lines_path(self.start[self.is_highlighted], self.end[self.is_highlighted]) if lit
                               else QPainterPath())
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
    """The visible nodes of one tile as squares, one ``drawRects`` per colour: used when zoomed out.

    The tile keeps its members' squares grouped by colour (:meth:`_member_looks`) until a member
    moves or is restyled; a filter, a hide, a selection or a highlight only picks which of them are
    drawn, with array operations.
    """

    def __init__(self, canvas: Any, key: tuple[int, ...]) -> None:
        super().__init__(canvas, key)
        self.setZValue(1)
        self.groups: list[tuple[QColor, list[QRectF]]] = []
        self.marked: list[tuple[QColor, list[QRectF]]] = []
        self._looks: _NodeLooks | None = None
        #: (hit index, rows, ids) of the members, kept while they stay: a restyle reuses them.
        self._kept_rows: tuple[list[str], np.ndarray, list[str]] | None = None
        self.setVisible(not canvas._detail)

    def members_changed(self) -> None:
        self._looks = None
        self._kept_rows = None

    def looks_changed(self) -> None:
        self._looks = None

    def kept_index_rows(self, index_ids: list[str]) -> np.ndarray | None:
        """The members' hit-index rows if the tile has them at hand (None: unknown, treat as changed)."""
        kept = self._kept_rows
        return kept[1] if kept is not None and kept[0] is index_ids else None

    def member_changed(self, node: SceneNode) -> None:
        """One member moved or changed: its square follows, and the rest is kept unless its colour changed."""
        looks = self._looks
        if looks is not None and not looks.update(node):
            self._looks = None

    def _member_looks(self) -> _NodeLooks:
        canvas = self.canvas
        canvas._ensure_index()
        looks = self._looks
        if looks is None or looks.index_ids is not canvas._index_ids:
            # Restyled (not moved in or out): the members and their hit-index rows are the same as before.
            kept = self._kept_rows
            rows = kept[1] if kept is not None and kept[0] is canvas._index_ids else None
            looks = self._looks = _NodeLooks(canvas, list(self.ids) if rows is None else kept[2], rows)
            self._kept_rows = (canvas._index_ids, looks.rows, looks.ids)
        return looks

    def _build(self) -> QRectF:
        canvas = self.canvas
        looks = self._member_looks()
        shown = canvas._index_visible[looks.rows]
        rects = looks.rects
        kept = looks.order if shown.all() else looks.order[shown[looks.order]]
        picked = list(map(rects.__getitem__, kept.tolist()))
        # Members are sorted by colour: each colour's squares are one slice of the picked ones.
        ends = np.searchsorted(looks.codes[kept], np.arange(len(looks.colours) + 1), side="left").tolist()
        self.groups = [(colour, picked[ends[code]:ends[code + 1]]) for code, colour in enumerate(looks.colours)
                       if ends[code + 1] > ends[code]]
        chosen, lit = canvas._selected, canvas.scene_model.highlighted
        selected: list[QRectF] = []
        highlighted: list[QRectF] = []
        if chosen or lit:
            where = looks.position
            selected = [rects[where[i]] for i in chosen if i in where and shown[where[i]]]
            highlighted = [rects[where[i]] for i in lit if i in where and i not in chosen and shown[where[i]]]
        self.marked = [(canvas.colours.accent, highlighted), (canvas.colours.selection, selected)]
        if not len(kept):
            return QRectF()
        low = looks.low[kept].min(axis=0)
        high = looks.high[kept].max(axis=0)
        left, top, right, bottom = float(low[0]), float(low[1]), float(high[0]), float(high[1])
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


_COLOURS: dict[str, QColor] = {}


def _colour(name: str) -> QColor:
    """A ``QColor`` by name, made once (a restyle by community asks for the same hundred colours in every tile)."""
    colour = _COLOURS.get(name)
    if colour is None:
        colour = _COLOURS[name] = QColor(name)
    return colour


class _NodeLooks:
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
        self.codes = np.fromiter(map(code_of.__getitem__, names), dtype=np.intp, count=count)
        #: Members in colour order (stable: within a colour, in the tile's own order).
        self.order = np.argsort(self.codes, kind="stable") if len(palette) > 1 else np.arange(count)

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
        return True
