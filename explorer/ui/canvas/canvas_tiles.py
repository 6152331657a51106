"""The canvas's tiles: each paints its share of the edges (or, zoomed out, of the nodes) from
numpy arrays and keeps its own device cache, so a change repaints only the tiles it touches."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import (
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
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
    level_of_detail,
    lines_path,
    paint_edges_in_detail,
)
from explorer.ui.canvas.canvas_node_looks import NodeLooks
from explorer.ui.canvas.canvas_raster import (
    KEPT,
    KEPT_PIXELS,
    faded,
    filled_image,
    hairline_image,
    hairline_pixels,
    paint_image,
    raster_transform,
    square_pixels,
)

_NO_PATH = QPainterPath()


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
        #: (generation, count) of the rasterised pixels the tile keeps, counted in :data:`KEPT`.
        self._kept_count: tuple[int, int] | None = None
        #: Whether members may have moved since the last rebuild (a filter change leaves it as it was: see
        #: ``GraphCanvasView._mark_changed_tiles``).
        self.places_stale = True
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
        self.places_stale = True
        self.update()

    def rebuild(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        self.canvas.tiles_rebuilt += 1
        bounds = self._build()
        if bounds != self.rect():
            self.setRect(bounds)

    def release_kept_pixels(self) -> None:
        """Give the pixels this tile keeps back to :data:`KEPT` (the tile is leaving the scene)."""
        KEPT.give_back(self._kept_count)
        self._kept_count = None
        self._forget_kept_pixels()

    def _forget_kept_pixels(self) -> None:
        """Drop the arrays counted in ``_kept_count``."""

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
        self.setVisible(not canvas._overview_on)  # zoomed out, the overview image draws the edges
        self._edges: list[SceneEdge] | None = []
        self._edge_source: tuple[list[SceneEdge], np.ndarray] = ([], np.zeros(0, dtype=np.intp))
        self.start = np.zeros((0, 2))
        self.end = np.zeros((0, 2))
        self.bend = np.zeros(0)
        self.lines = np.zeros((0, 4))
        self.is_highlighted = np.zeros(0, dtype=bool)
        #: The plain edges (neither styled nor highlighted) by row, or None when every edge is plain.
        self._plain: np.ndarray | None = None
        self._path: QPainterPath | None = QPainterPath()
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
        #: Every member's line (start x, y, end x, y), the same array while no end moves.
        self._member_lines: np.ndarray | None = None
        self._plain_members = np.zeros(0, dtype=bool)
        self._targets = np.zeros(0, dtype=np.intp)
        self._kept_bounds: tuple[np.ndarray, np.ndarray, QRectF] | None = None
        #: The member rows and node array the lines were read from (held, so that "the same" is identity).
        self._lines_of: tuple[np.ndarray, np.ndarray] | None = None
        #: (view, members' lines, (pixels, pixels per member)) of the last rasterisation.
        self._raster_kept: tuple[Any, np.ndarray, tuple[np.ndarray, np.ndarray]] | None = None

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

    def _forget_kept_pixels(self) -> None:
        self._raster_kept = None

    def looks_changed(self) -> None:
        self._looks_known = False

    @property
    def edges(self) -> list[SceneEdge]:
        """The edges drawn, in the order of :attr:`start` and :attr:`end` (listed when first asked)."""
        if self._edges is None:
            members, rows = self._edge_source
            self._edges = list(map(members.__getitem__, rows.tolist()))
        return self._edges

    @property
    def path(self) -> QPainterPath:
        """The plain edges as one path of hair-lines (made when first asked: zoomed out they are rasterised)."""
        if self._path is None:
            plain = self._plain
            self._path = (lines_path(self.start, self.end) if plain is None
                          else lines_path(self.start[plain], self.end[plain]))
        return self._path

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
        # Every member's line, from the canvas's node arrays (kept current as nodes move); the same array
        # as before while no end moved, so the pixels rasterised for it stay good.
        where = canvas._index_xy
        kept_lines = self._member_lines
        lines_of = self._lines_of
        if self.places_stale or kept_lines is None or lines_of is None or lines_of[0] is not sources or lines_of[1] is not where:
            member_lines = np.hstack([where[sources], where[targets]])
            if kept_lines is not None and kept_lines.shape == member_lines.shape and np.array_equal(kept_lines, member_lines):
                member_lines = kept_lines
            self._member_lines = member_lines
            self._lines_of = (sources, where)
        else:
            member_lines = kept_lines
        self.places_stale = False
        all_drawn = bool(drawn.all())
        if all_drawn:
            self._edges = members
            count = len(members)
            lines = member_lines
        else:
            rows = np.flatnonzero(drawn)
            # The drawn edges are listed only when asked for (hit-testing and tests do; drawing does not).
            self._edges, self._edge_source = None, (members, rows)
            if member_looks is not None:
                looks = list(map(member_looks.__getitem__, rows.tolist()))
            targets, bends = targets[rows], bends[rows]
            count = len(rows)
            lines = member_lines[rows]
        #: Each drawn edge as one row: start x, y, end x, y.
        self.lines = lines
        self.start = lines[:, :2]
        self.end = lines[:, 2:]
        self._targets = targets
        self.bend = bends
        highlighted = scene.highlighted
        bounds = self._bounds(members, member_lines) if count else QRectF()
        if not highlighted and looks is None:  # the usual case: every drawn edge plain
            self.is_highlighted = np.zeros(count, dtype=bool)
            self.styled, self.styled_paths, self.own_colour, self.coloured_paths = {}, [], {}, []
            self._plain, self._path, self._plain_members = None, None, drawn
            self.highlight_path = _NO_PATH
            return bounds
        self.is_highlighted = (np.fromiter((e.id in highlighted for e in self.edges), dtype=bool, count=count)
                               if highlighted else np.zeros(count, dtype=bool))
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
        self._plain = plain if (self.styled or lit) else None  # None: the usual case, every edge plain
        self._path = None
        # The plain drawn edges among all members: the rasteriser picks their pixels from the members' ones.
        if self._plain is None:
            self._plain_members = drawn
        else:
            self._plain_members = np.zeros(len(members), dtype=bool)
            self._plain_members[np.arange(len(members)) if all_drawn else rows] = self._plain
        self.highlight_path = (lines_path(self.start[self.is_highlighted], self.end[self.is_highlighted]) if lit
                               else QPainterPath())
        # Highlighted edges with a colour of their own (a snapshot diff's added and removed links).
        self.own_colour = ({i: self.edges[i].color for i in np.flatnonzero(self.is_highlighted).tolist() if self.edges[i].color}
                           if lit else {})
        self.coloured_paths = []
        for colour in sorted(set(self.own_colour.values())):
            chosen = np.array([i for i, c in self.own_colour.items() if c == colour], dtype=np.intp)
            self.coloured_paths.append((QColor(colour), lines_path(self.start[chosen], self.end[chosen])))
        return bounds

    @property
    def radius(self) -> np.ndarray:
        """How far short of each drawn edge's target its arrowhead stops (the target's half size and a gap)."""
        return self.canvas._index_half[self._targets] + 3

    def _bounds(self, members: list[SceneEdge], member_lines: np.ndarray) -> QRectF:
        """Every member's extent, drawn or not (a filter leaves the bounds, and the cache's size, as they are)."""
        bends = self._member_bends(members)
        kept = self._kept_bounds
        if kept is not None and kept[0] is member_lines and kept[1] is bends:
            return kept[2]
        low = np.minimum(member_lines[:, :2].min(axis=0), member_lines[:, 2:].min(axis=0))
        high = np.maximum(member_lines[:, :2].max(axis=0), member_lines[:, 2:].max(axis=0))
        margin = 40.0 + float(np.abs(bends).max())
        bounds = QRectF(QPointF(*low), QPointF(*high)).adjusted(-margin, -margin, margin, margin)
        self._kept_bounds = (member_lines, bends, bounds)
        return bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.rebuild()
        if not len(self.start):
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
            self._draw_plain(painter, pen)
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
        paint_edges_in_detail(self, painter, option)

    def _draw_plain(self, painter: QPainter, pen: QPen) -> None:
        """The plain hair-lines: rasterised with numpy into the tile's cache, or stroked by Qt where that cannot be done."""
        transform = raster_transform(self, painter)
        if transform is not None:
            device = painter.device()
            width, height = device.width(), device.height()
            member_pixels = self._member_pixels(transform, width, height)
            if member_pixels is not None:
                chosen = self._plain_members
                pixels = member_pixels[0] if chosen.all() else member_pixels[0][np.repeat(chosen, member_pixels[1])]
                if len(pixels):
                    paint_image(painter, *hairline_image(pixels, len(chosen), width, height, pen.color()))
                return
        painter.drawPath(self.path)

    def _member_pixels(self, transform: tuple[tuple[float, float], tuple[float, float]], width: int,
                       height: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Every member's pixels in the cache (and how many each has), kept while the view and the members' lines stay.

        A filter, a hidden node or a selection changes only which members are drawn: their
        pixels are picked from these, and nothing is rasterised again.
        """
        key = (transform, width, height)
        kept = self._raster_kept
        if kept is not None and kept[0] == key and kept[1] is self._member_lines:
            return kept[2]
        pixels = hairline_pixels(self._member_lines, *transform, width, height)
        self._raster_kept = None
        if pixels is not None and len(pixels[0]) <= KEPT_PIXELS:
            generation = KEPT.take(transform[0], len(pixels[0]), self._kept_count)
            self._kept_count = None if generation is None else (generation, len(pixels[0]))
            if generation is not None:
                self._raster_kept = (key, self._member_lines, pixels)
        return pixels

class NodeTileItem(TileItem):
    """The visible nodes of one tile as squares, one ``drawRects`` per colour: used when zoomed out.

    The tile keeps its members' squares grouped by colour (:meth:`_member_looks`) until a member
    moves or is restyled; a filter, a hide, a selection or a highlight only picks which of them are
    drawn, with array operations.
    """

    def __init__(self, canvas: Any, key: tuple[int, ...]) -> None:
        super().__init__(canvas, key)
        self.setZValue(1)
        self._groups: list[tuple[QColor, list[QRectF]]] | None = []
        self.marked: list[tuple[QColor, list[QRectF]]] = []
        self.drawn = np.zeros(0, dtype=np.intp)
        #: Which members (in drawing order) are drawn, or None for all.
        self._shown_in_order: np.ndarray | None = None
        #: (view, looks, their version, pixels, colours by pixel, pixels per member) of the last rasterisation.
        self._squares_kept: tuple[Any, ...] | None = None
        self._looks: NodeLooks | None = None
        #: (hit index, rows, ids) of the members, kept while they stay: a restyle reuses them.
        self._kept_rows: tuple[list[str], np.ndarray, list[str]] | None = None
        self.setVisible(not canvas._detail)

    def members_changed(self) -> None:
        self._looks = None
        self._kept_rows = None

    def _forget_kept_pixels(self) -> None:
        self._squares_kept = None

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

    def _member_looks(self) -> NodeLooks:
        canvas = self.canvas
        canvas._ensure_index()
        looks = self._looks
        if looks is None or looks.index_ids is not canvas._index_ids:
            # Restyled (not moved in or out): the members and their hit-index rows are the same as before.
            kept = self._kept_rows
            rows = kept[1] if kept is not None and kept[0] is canvas._index_ids else None
            looks = self._looks = NodeLooks(canvas, list(self.ids) if rows is None else kept[2], rows)
            self._kept_rows = (canvas._index_ids, looks.rows, looks.ids)
        return looks

    def _build(self) -> QRectF:
        canvas = self.canvas
        looks = self._member_looks()
        shown = canvas._index_visible[looks.rows]
        rects = looks.rects
        if shown.all():
            kept, self._shown_in_order = looks.order, None
        else:
            self._shown_in_order = shown[looks.order]
            kept = looks.order[self._shown_in_order]
        #: Which members are drawn, in drawing order (positions in the members' lists).
        self.drawn = kept
        self._groups = None
        chosen, lit = canvas._selected, canvas.scene_model.highlighted
        selected: list[QRectF] = []
        highlighted: list[QRectF] = []
        if chosen or lit:
            where = looks.position
            selected = [rects[where[i]] for i in chosen if i in where and shown[where[i]]]
            highlighted = [rects[where[i]] for i in lit if i in where and i not in chosen and shown[where[i]]]
        self.marked = [(canvas.colours.accent, highlighted), (canvas.colours.selection, selected)]
        # Every member's extent, drawn or not: a filter leaves the bounds (and the cache's size) as they are.
        return looks.extent() if len(kept) else QRectF()

    @property
    def groups(self) -> list[tuple[QColor, list[QRectF]]]:
        """The drawn squares by colour (made when first asked: zoomed out into a cache they are filled from numpy)."""
        if self._groups is None:
            looks, kept = self._looks, self.drawn
            if looks is None:
                return []
            picked = list(map(looks.rects.__getitem__, kept.tolist()))
            # Members are sorted by colour: each colour's squares are one slice of the picked ones.
            ends = np.searchsorted(looks.codes[kept], np.arange(len(looks.colours) + 1), side="left").tolist()
            self._groups = [(colour, picked[ends[code]:ends[code + 1]]) for code, colour in enumerate(looks.colours)
                            if ends[code + 1] > ends[code]]
        return self._groups

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.rebuild()
        if not self._paint_raster(painter):
            self._paint_squares(painter)
        for colour, rects in self.marked:
            if rects:
                pen = QPen(colour, 3.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRects(rects)

    def _paint_raster(self, painter: QPainter) -> bool:
        """Fill the tile's cache with its squares from numpy; False when that cannot be done (Qt draws them)."""
        looks = self._looks
        transform = raster_transform(self, painter)
        if transform is None or looks is None:
            return False
        if not len(self.drawn):
            return True
        device = painter.device()
        width, height = device.width(), device.height()
        key = (transform, width, height)
        kept = self._squares_kept
        if kept is None or kept[0] != key or kept[1] is not looks or kept[2] != looks.version:
            order = looks.order
            found = square_pixels(looks.low[order], looks.high[order], *transform, width, height)
            if found is None:
                return False
            pixels, counts, cover = found
            kept = (key, looks, looks.version, pixels, np.repeat(faded(looks.values[looks.codes[order]], cover), counts),
                    counts)
            # Kept for the next filter, hide or selection (they only change which squares are drawn).
            self._squares_kept = None
            if len(pixels) <= KEPT_PIXELS:
                generation = KEPT.take(transform[0], 2 * len(pixels), self._kept_count)  # pixels and colours
                self._kept_count = None if generation is None else (generation, 2 * len(pixels))
                if generation is not None:
                    self._squares_kept = kept
        pixels, colours, counts = kept[3], kept[4], kept[5]
        shown = self._shown_in_order
        if shown is not None:
            chosen = np.repeat(shown, counts)
            pixels, colours = pixels[chosen], colours[chosen]
        paint_image(painter, *filled_image(pixels, colours, width, height))
        return True

    def _paint_squares(self, painter: QPainter) -> None:
        for colour, rects in self.groups:
            # A cosmetic rim in the node's own colour keeps every node at least a few pixels wide, however
            # far out. One pixel wide: wider cosmetic pens go through the stroker, several times slower
            # (a measure-driven restyle repaints every tile at once).
            rim = QPen(colour, 1.0)
            rim.setCosmetic(True)
            painter.setPen(rim)
            painter.setBrush(colour)
            painter.drawRects(rects)
