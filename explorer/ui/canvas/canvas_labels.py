"""The canvas's words: one layer over the scene that labels nodes and links at a readable size.

Labels are drawn in device pixels, never smaller than :data:`MIN_TEXT_PIXELS` however far the
view is zoomed out, and larger (up to :data:`MAX_TEXT_PIXELS`) as it zooms in. Which labels are
drawn, and where, is decided for what is on screen by :mod:`explorer.core.scene_labels`: the
selection, the highlighted path, the focus and well-connected nodes first; none over another
label or over a node; the rest appear when the pointer rests on their node. Picture exports
render the same layer, so a PNG or SVG reads as the canvas does.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.core.scene_labels import (
    FOCUS_PRIORITY,
    HIGHLIGHTED_PRIORITY,
    HOVERED_PRIORITY,
    SELECTED_PRIORITY,
    Occupancy,
    PlacedLabel,
    elide_keeping_end,
    node_order,
    place_edge_labels,
    place_node_labels,
)
from explorer.ui.canvas.canvas_notes import paint_note_markers

MIN_TEXT_PIXELS = 11.0
MAX_TEXT_PIXELS = 16.0
#: A node label wider than this on screen is cut, keeping its end (the full text is in the tooltip).
#: About 30 characters of a common sans-serif at the smallest size: DejaVu Sans, the usual
#: Linux default, draws "China Mobile (telecom operator)" 178 pixels wide at 11 pixels.
MAX_LABEL_PIXELS = 185.0
#: Where the whole (or first cut) label finds no room, a shorter cut of this width is tried.
SHORT_LABEL_PIXELS = 90.0
#: Nodes smaller than this on screen are specks in a crowd: only chosen ones (selection, path, hover) are labelled.
MIN_GLYPH_PIXELS = 2.5
#: However crowded the view, this many of its best-connected nodes are still named (landmarks).
HUBS_NAMED_IN_A_CROWD = 40
#: Node labels tried per paint (the most important first): more than a screen can hold side by side.
MAX_NODE_LABEL_TRIES = 250
#: Link labels tried per paint (the most important first): words on every link of a dense view help nobody.
MAX_EDGE_LABEL_TRIES = 150
#: Link words are cut to fit their link, but never to less than this on screen.
MIN_EDGE_LABEL_PIXELS = 56.0
#: With more edges than this on screen, link words are left out (a wall of words helps nobody).
MAX_EDGE_CANDIDATES = 3000


#: Placements are kept for views up to this many occupancy cells (a 4 px grid over a 5,000×3,200 px view).
KEPT_GRID_CELLS = 1_000_000


class _PlacementMemo:
    """The last placement of one kind of label, by everything it was worked out from.

    Placing is greedy over a grid of taken cells, and costs most of a paint at zoom 1. A repaint
    after a change elsewhere (nodes added or hidden off screen, a tile redrawn) gives it the same
    grid and the same candidates: it takes the same places and leaves the same cells taken, which
    are handed back here instead of being worked out again. Anything different (a pixel moved, a
    width, the order, a cell taken before) works them out afresh.
    """

    def __init__(self) -> None:
        self._last: tuple[tuple[Any, ...], list[PlacedLabel], np.ndarray] | None = None

    def forget(self) -> None:
        self._last = None

    def place(self, occupancy: Occupancy, inputs: tuple[Any, ...], work: Any) -> list[PlacedLabel]:
        grid = occupancy.grid
        if grid.size > KEPT_GRID_CELLS:  # a big picture export: painted once, not worth keeping megabytes for
            self._last = None
            return work()
        key = (occupancy.left, occupancy.top, occupancy.cell, grid.shape, grid.tobytes(), inputs)
        last = self._last
        if last is not None and last[0] == key:
            grid[...] = last[2]
            return list(last[1])
        placed = work()
        self._last = (key, list(placed), grid.copy())
        return placed


def _largest(values: np.ndarray, count: int, floor: float = -np.inf) -> np.ndarray:
    """Indices of the ``count`` largest values, ties taken in index order.

    Unlike a bare ``argpartition``, which of several tied nodes is named does not change when some
    other node comes or goes (hiding a speck far out would otherwise move the landmarks' labels).
    ``floor``, when given, must be at most the ``count``-th largest value: only values from it up are sorted.
    """
    if floor > -np.inf:
        pick = np.flatnonzero(values >= floor)
        if len(pick) >= count:
            return pick[_largest(values[pick], count)]
    if count >= len(values):
        return np.arange(len(values))
    threshold = values[np.argpartition(-values, count - 1)[:count]].min()
    above = np.flatnonzero(values > threshold)
    return np.concatenate([above, np.flatnonzero(values == threshold)[:count - len(above)]])


def _array_key(*arrays: np.ndarray) -> tuple[bytes, ...]:
    return tuple(np.ascontiguousarray(array).tobytes() for array in arrays)


class LabelLayerItem(QGraphicsItem):
    """Draws every label of the canvas for the transform it is painted with (view or export)."""

    def __init__(self, canvas: Any) -> None:
        super().__init__()
        self.canvas = canvas
        self.setZValue(5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
        self._widths: dict[tuple[str, int], float] = {}
        self._elided: dict[tuple[str, int, float], str] = {}
        self._metrics: dict[int, QFontMetricsF] = {}
        #: What the last paint drew, in device pixels: (kind, id, label, text, boxes covering it, angle).
        self.drawn: list[tuple[str, str, str, str, list[tuple[float, float, float, float]], float]] = []
        self._glyphs: tuple[np.ndarray, ...] | None = None
        #: (edges epoch, hit index, edges added taken, each index row's degree).
        self._degree_cache: tuple[int, list[str], int, np.ndarray] | None = None
        #: (the degree cache they were taken from, the rows of the best-connected nodes).
        self._top_rows: tuple[Any, np.ndarray] | None = None
        #: (edges epoch, hit index, visibility flags, edges added taken, the arrays of :meth:`_edge_arrays`).
        self._edge_cache: tuple[int, list[str], Any, int, Any] | None = None
        self._static: dict[tuple[str, int], QStaticText] = {}
        #: Note markers of the last paint: item id → rectangle in device pixels.
        self.note_markers: dict[str, QRectF] = {}
        self._placements = {kind: _PlacementMemo() for kind in ("lit links", "nodes", "links")}

    def boundingRect(self) -> QRectF:
        return QRectF(-1e7, -1e7, 2e7, 2e7)

    def forget_placements(self) -> None:
        """Work every label's place out afresh on the next paint (the kept placements are dropped)."""
        for memo in self._placements.values():
            memo.forget()

    # ------------------------------------------------------------------ measuring
    def _font(self, pixels: int, *, edge: bool = False) -> QFont:
        font = QFont(self.canvas.label_font)
        font.setPixelSize(pixels)
        return font

    def _metrics_for(self, pixels: int) -> QFontMetricsF:
        metrics = self._metrics.get(pixels)
        if metrics is None:
            metrics = self._metrics[pixels] = QFontMetricsF(self._font(pixels))
        return metrics

    def _width(self, text: str, pixels: int) -> float:
        key = (text, pixels)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self._metrics_for(pixels).horizontalAdvance(text)
            if len(self._widths) > 200_000:
                self._widths.clear()
        return width

    def node_text(self, label: str, pixels: int, limit: float = MAX_LABEL_PIXELS) -> str:
        """``label`` cut (keeping its end) to ``limit`` pixels at the smallest text size."""
        key = (label, pixels, limit)
        text = self._elided.get(key)
        if text is None:
            text = self._elided[key] = elide_keeping_end(label, limit * pixels / MIN_TEXT_PIXELS,
                                                         lambda t: self._width(t, pixels))
        return text

    def _draw_text(self, painter: QPainter, box: QRectF, text: str, pixels: int) -> None:
        """``text`` centred in ``box``: laid out once per text and size (``QStaticText``), then only blitted."""
        key = (text, pixels)
        static = self._static.get(key)
        if static is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._font(pixels))
            if len(self._static) > 20_000:
                self._static.clear()
            self._static[key] = static
        size = static.size()
        painter.drawStaticText(QPointF(box.center().x() - size.width() / 2, box.center().y() - size.height() / 2), static)

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        canvas = self.canvas
        transform = painter.worldTransform()
        zoom = math.sqrt(abs(transform.determinant())) or 1.0
        device = painter.device()
        if widget is not None:
            area = QRectF(widget.rect())
        else:
            # An export: the whole page (logical pixels of the painted device).
            area = transform.mapRect(canvas._content_rect())
            if device is not None and device.width() > 0:
                ratio = device.devicePixelRatioF() if hasattr(device, "devicePixelRatioF") else 1.0
                area = area.intersected(QRectF(0, 0, device.width() / ratio, device.height() / ratio)) or area
        painter.save()
        try:
            painter.setWorldTransform(QTransform())
            if widget is not None:  # a screen state: exports show the graph, not the analyst's clicks
                canvas._paint_selected_links(painter, transform)
            self._paint_labels(painter, transform, zoom, area)
        finally:
            painter.restore()

    def _paint_labels(self, painter: QPainter, transform: QTransform, zoom: float, area: QRectF) -> None:
        canvas = self.canvas
        scene = canvas.scene_model
        canvas._ensure_index()
        self.drawn = []
        self._glyphs = None
        self.note_markers = {}
        ids = canvas._index_ids
        if not ids:
            return
        xy = canvas._index_xy
        m11, m12, m21, m22, dx, dy = (transform.m11(), transform.m12(), transform.m21(), transform.m22(),
                                      transform.dx(), transform.dy())
        if m12 or m21:
            sx = xy[:, 0] * m11 + xy[:, 1] * m21 + dx
            sy = xy[:, 0] * m12 + xy[:, 1] * m22 + dy
        else:  # the view only zooms and pans: half the work over every node
            sx = xy[:, 0] * m11 + dx
            sy = xy[:, 1] * m22 + dy
        half = canvas._index_half * zoom
        margin = 4.0
        on_screen = (canvas._index_visible & (sx >= area.left() - margin) & (sx <= area.right() + margin)
                     & (sy >= area.top() - margin) & (sy <= area.bottom() + margin))
        shown = np.flatnonzero(on_screen)
        if not len(shown):
            return
        pixels = round(min(max(11.0 * zoom, MIN_TEXT_PIXELS), MAX_TEXT_PIXELS))
        edge_pixels = min(max(int(MIN_TEXT_PIXELS) - 1, pixels - 1), 12)
        height = self._metrics_for(pixels).height()
        edge_height = self._metrics_for(edge_pixels).height()
        nodes = scene.nodes
        # Glyphs are drawn as squares when zoomed out, their shapes (a little wider than tall) zoomed in.
        widen = 1.0 if not canvas._detail else 1.35
        widen_h = 1.0 if not canvas._detail else 1.1
        occupancy = Occupancy(area.left(), area.top(), area.width(), area.height())
        priority_all = self._priorities()
        shown_half, shown_priority = half[shown], priority_all[shown]
        # Specks in a crowd (far out) are only named when chosen: selected, on a path, focused or under the pointer.
        wanted = (shown_half >= MIN_GLYPH_PIXELS / 2) | (shown_priority >= FOCUS_PRIORITY)
        # Specks are no obstacle: a landmark's name may lie over a crowd too small to tell apart.
        obstacle = wanted.copy()
        if len(shown) > HUBS_NAMED_IN_A_CROWD:  # … and the best-connected, as landmarks
            wanted[_largest(shown_priority, HUBS_NAMED_IN_A_CROWD, self._hub_floor(priority_all, on_screen))] = True
        else:
            wanted[:] = True
        obstacle |= wanted
        rows_wanted = np.flatnonzero(wanted)
        if len(rows_wanted) > MAX_NODE_LABEL_TRIES:  # a screen holds a few hundred labels: try the most important
            keep = rows_wanted[_largest(shown_priority[rows_wanted], MAX_NODE_LABEL_TRIES)]
            wanted[:] = False
            wanted[keep] = True
        # Boxes only for the obstacles (far out: a few dozen of tens of thousands of nodes on screen).
        blocking = np.flatnonzero(obstacle)
        blocking_rows = shown[blocking]
        block_x, block_y = sx[blocking_rows], sy[blocking_rows]
        block_w = np.maximum(shown_half[blocking] * widen, 1.5)
        block_h = np.maximum(shown_half[blocking] * widen_h, 1.5)
        boxes = (block_x - block_w, block_y - block_h, block_x + block_w, block_y + block_h)
        occupancy.take_boxes(*boxes)
        self._glyphs = (blocking_rows, *boxes)
        self.note_markers = paint_note_markers(canvas, painter, transform, occupancy, area, sx, sy, half)
        rows = np.flatnonzero(wanted)
        candidate_ids = [ids[i] for i in shown[rows].tolist()]
        labels: list[str] = []
        widths: list[float] = []
        texts: list[str] = []
        short_widths: list[float] = []
        short_texts: list[str] = []
        for node_id in candidate_ids:
            node = nodes[node_id]
            # A styling rule may show another text (a property, the class) or none.
            label = node.label if node.label_shown is None else node.label_shown
            labels.append(label)
            if node.kind == "more" or not label:
                texts.append("")
                widths.append(0.0)
                short_texts.append("")
                short_widths.append(0.0)
                continue
            text = self.node_text(label, pixels)
            short = self.node_text(label, pixels, SHORT_LABEL_PIXELS)
            texts.append(text)
            widths.append(self._width(text, pixels) + 4 if text else 0.0)
            short_texts.append(short)
            short_widths.append(self._width(short, pixels) + 4 if short else 0.0)
        shown_ids = candidate_ids
        node_x, node_y = sx[shown[rows]], sy[shown[rows]]
        glyph_half_w = np.maximum(shown_half[rows] * widen, 1.5)
        glyph_half_h = np.maximum(shown_half[rows] * widen_h, 1.5)
        priority = shown_priority[rows]
        # The words of a path's or a selected link come before node labels (which have other places to go).
        self._place_and_draw_edges(painter, occupancy, transform, sx, sy, half, on_screen, edge_pixels, edge_height, height,
                                   lit=True)
        order = node_order(priority)
        placed = self._placements["nodes"].place(
            occupancy, (*_array_key(node_x, node_y, glyph_half_w, glyph_half_h, order), tuple(widths), tuple(short_widths),
                        height),
            lambda: place_node_labels(occupancy, node_x, node_y, glyph_half_w, glyph_half_h, widths, height, order,
                                      short_widths))
        hovered = canvas.hovered_node
        if hovered in shown_ids and not any(shown_ids[label.index] == hovered for label in placed):
            # The node under the pointer is always named, over whatever crowds it.
            k = shown_ids.index(hovered)
            width = widths[k] or self._width(labels[k], pixels) + 4
            left = min(max(float(node_x[k]) - width / 2, area.left()), area.right() - width)
            top = min(float(node_y[k] + glyph_half_h[k]) + 4, area.bottom() - height)
            texts[k] = texts[k] or labels[k]
            placed.append(PlacedLabel(k, left, top, width, height))
        self._draw_node_labels(painter, placed, shown_ids, labels, texts, short_texts, pixels)
        self._place_and_draw_edges(painter, occupancy, transform, sx, sy, half, on_screen, edge_pixels, edge_height, height,
                                   lit=False)

    def _edge_arrays(self) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray, list[str], dict[str, int], np.ndarray]:
        """The labelled edges: their ends' index rows, label numbers, rows by id and rows in the visibility flags.

        Kept until an edge is removed or restyled or the hit index is rebuilt; edges added meanwhile
        (an expansion) are appended. Which of them are visible is read from the flags' array at each paint.
        """
        canvas = self.canvas
        flags = canvas._edge_visible
        cache = self._edge_cache
        # The flags object and index list are held (not just compared by id) so that neither id is reused meanwhile.
        if (cache is None or cache[0] != canvas.edges_epoch or cache[1] is not canvas._index_ids
                or cache[2] is not flags):
            cache = self._edge_cache = (canvas.edges_epoch, canvas._index_ids, flags, 0,
                                        ([], np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp),
                                         np.zeros(0, dtype=np.intp), [], {}, np.zeros(0, dtype=np.intp)))
            added: list[Any] = list(canvas.scene_model.edges.values())
        else:
            added = canvas.edges_added[cache[3]:]
            if not added:
                return cache[4]
        edges, sources, targets, label_of, words, row_of, flag_rows = cache[4]
        where = canvas._index_pos
        fresh = [edge for edge in added if edge.label and not edge.label_hidden]
        count = len(fresh)
        numbers = {word: number for number, word in enumerate(words)}
        for row, edge in enumerate(fresh, start=len(edges)):
            row_of[edge.id] = row
        edges.extend(fresh)
        arrays = (edges,
                  np.concatenate([sources, np.fromiter((where[e.source] for e in fresh), dtype=np.intp, count=count)]),
                  np.concatenate([targets, np.fromiter((where[e.target] for e in fresh), dtype=np.intp, count=count)]),
                  np.concatenate([label_of, np.fromiter((numbers.setdefault(e.label, len(numbers)) for e in fresh),
                                                        dtype=np.intp, count=count)]),
                  list(numbers), row_of, np.concatenate([flag_rows, flags.rows(edge.id for edge in fresh)]))
        self._edge_cache = (cache[0], cache[1], cache[2], len(canvas.edges_added), arrays)
        return arrays

    def _priorities(self) -> np.ndarray:
        """Importance of every node of the canvas's index: its degree, raised for what the analyst chose."""
        canvas = self.canvas
        scene = canvas.scene_model
        ids = canvas._index_ids
        cache = self._degree_cache
        if cache is None or cache[0] != canvas.edges_epoch or cache[1] is not ids:
            degree = canvas.node_degrees()
            values = np.fromiter((degree.get(node_id, 0) for node_id in ids), dtype=float, count=len(ids))
            cache = self._degree_cache = (canvas.edges_epoch, ids, len(canvas.edges_added), values)
        elif len(cache[3]) != len(ids) or cache[2] != len(canvas.edges_added):
            # Nodes or edges were added (an expansion): only the new rows and the added edges' ends are read again.
            degree, where = canvas.node_degrees(), canvas._index_pos
            values = np.concatenate([cache[3], np.zeros(len(ids) - len(cache[3]))])
            rows = set(range(len(cache[3]), len(ids)))
            for edge in canvas.edges_added[cache[2]:]:
                rows.update((where[edge.source], where[edge.target]))
            for row in rows:
                values[row] = degree.get(ids[row], 0)
            cache = self._degree_cache = (cache[0], ids, len(canvas.edges_added), values)
        priority = cache[3].copy()
        where = canvas._index_pos
        for chosen, boost in ((canvas._selected, SELECTED_PRIORITY), (scene.highlighted, HIGHLIGHTED_PRIORITY),
                              ({scene.focus}, FOCUS_PRIORITY), ({canvas.hovered_node}, HOVERED_PRIORITY)):
            rows = [where[node_id] for node_id in chosen if node_id in where]
            if rows:
                priority[np.array(rows, dtype=np.intp)] += boost
        return priority

    def _hub_floor(self, priority: np.ndarray, on_screen: np.ndarray) -> float:
        """A value the landmarks' lowest priority is at least: the same rank among the best-connected on screen.

        Lets the landmarks be picked among the few nodes at least that important, not among every node on
        screen (tens of thousands far out). -inf when too few of the best-connected are on screen.
        """
        degrees = self._degree_cache
        if self._top_rows is None or self._top_rows[0] is not degrees:
            values = degrees[3] if degrees is not None else np.zeros(0)
            self._top_rows = (degrees, _largest(values, 4 * HUBS_NAMED_IN_A_CROWD))
        top = self._top_rows[1]
        values = priority[top[on_screen[top]]]
        if len(values) < HUBS_NAMED_IN_A_CROWD:
            return -np.inf
        return float(values[_largest(values, HUBS_NAMED_IN_A_CROWD)].min())

    @property
    def glyph_boxes(self) -> dict[str, tuple[float, float, float, float]]:
        """Node glyph boxes of the last paint (device pixels), for checks that no label covers a node."""
        if self._glyphs is None:
            return {}
        shown, left, top, right, bottom = self._glyphs
        ids = self.canvas._index_ids
        return {ids[i]: (float(left[k]), float(top[k]), float(right[k]), float(bottom[k]))
                for k, i in enumerate(shown.tolist())}

    def _draw_node_labels(self, painter: QPainter, placed: list[PlacedLabel], shown_ids: list[str], labels: list[str],
                          texts: list[str], short_texts: list[str], pixels: int) -> None:
        canvas = self.canvas
        colours = canvas.colours
        highlighted = canvas.scene_model.highlighted
        painter.setFont(self._font(pixels))
        halo = QColor(colours.background)
        halo.setAlpha(170)
        for label in placed:
            node_id = shown_ids[label.index]
            box = QRectF(label.left, label.top, label.width, label.height)
            painter.fillRect(box, colours.background if node_id == canvas.hovered_node else halo)
            painter.setPen(colours.accent if node_id in highlighted else colours.text)
            text = short_texts[label.index] if label.short else texts[label.index]
            self._draw_text(painter, box, text, pixels)
            self.drawn.append(("node", node_id, labels[label.index], text, label.pieces, 0.0))

    def _place_and_draw_edges(self, painter: QPainter, occupancy: Occupancy, transform: QTransform, sx: np.ndarray,
                              sy: np.ndarray, half: np.ndarray, on_screen: np.ndarray, pixels: int, height: float,
                              node_text_height: float, *, lit: bool) -> None:
        """Place and draw link words: with ``lit``, only those of highlighted and selected links; else the rest."""
        canvas = self.canvas
        scene = canvas.scene_model
        edges, sources, targets, label_of, words, row_of, flag_rows = self._edge_arrays()
        if not edges:
            return
        marked = scene.highlighted | canvas._selected_links
        if lit and not marked:
            return
        visible = canvas._edge_visible.array[flag_rows]
        if not lit and self._degree_cache is not None and len(self._degree_cache[3]) == len(on_screen):
            # Far out, nearly every link is on screen: too many for words. A link off screen has both ends off
            # screen, so there are at most half their degrees of them; when the rest already exceed the limit,
            # the links on screen are not worked out one by one.
            degrees = self._degree_cache[3]
            off_screen_ends = float(degrees.sum() - degrees[on_screen].sum())
            if np.count_nonzero(visible) - off_screen_ends / 2 - len(marked) > MAX_EDGE_CANDIDATES:
                return
        either = (on_screen[sources] | on_screen[targets]) & visible
        if marked:
            is_marked = np.zeros(len(edges), dtype=bool)
            is_marked[[row_of[edge_id] for edge_id in marked if edge_id in row_of]] = True
            either &= is_marked if lit else ~is_marked
        chosen = np.flatnonzero(either)
        if not len(chosen) or len(chosen) > MAX_EDGE_CANDIDATES:
            return
        start = np.column_stack([sx[sources[chosen]], sy[sources[chosen]]])
        end = np.column_stack([sx[targets[chosen]], sy[targets[chosen]]])
        clearance = np.maximum(half[sources[chosen]], half[targets[chosen]]) + 6
        word_widths = np.array([self._width(word, pixels) + 4 for word in words])
        widths_all = word_widths[label_of[chosen]]
        # Only edges long enough on screen for their words between the two nodes are tried.
        length = np.sqrt(((end - start) ** 2).sum(axis=1))
        room = length - 2 * clearance
        roomy = np.flatnonzero(room >= np.minimum(widths_all, MIN_EDGE_LABEL_PIXELS))
        if not len(roomy):
            return
        chosen, start, end, clearance = chosen[roomy], start[roomy], end[roomy], clearance[roomy]
        widths = widths_all[roomy].tolist()
        texts = [words[i] for i in label_of[chosen].tolist()]
        metrics = self._metrics_for(pixels)
        for row, space in enumerate(room[roomy].tolist()):
            if widths[row] > space:  # cut at the end: "majority of vol…" still says which link it is
                cut = metrics.elidedText(texts[row], Qt.TextElideMode.ElideRight, space - 4)
                keep = len(cut.rstrip("…"))
                texts[row], widths[row] = (cut, self._width(cut, pixels) + 4) if keep >= 8 else ("", 0.0)
        bent = canvas._bent
        if bent:  # a bent edge's words sit on its own bend: the chord moved out by the bend
            zoom = math.sqrt(abs(transform.determinant())) or 1.0
            for row, k in enumerate(chosen.tolist()):
                bend = bent.get(edges[k].id)
                if bend:
                    delta = end[row] - start[row]
                    normal = np.array([-delta[1], delta[0]]) / (float(np.hypot(*delta)) or 1e-9) * bend * zoom
                    start[row] += normal
                    end[row] += normal
        highlighted = scene.highlighted | canvas._selected_links
        # Selected and highlighted links first, then the longest (most room, most likely to read as belonging to their line).
        priority = length[roomy].copy()
        if highlighted:
            for row, k in enumerate(chosen.tolist()):
                if edges[k].id in highlighted:
                    priority[row] += 1e9
        order = node_order(priority)[:MAX_EDGE_LABEL_TRIES]
        placed = self._placements["lit links" if lit else "links"].place(
            occupancy, (*_array_key(start, end, clearance, order), tuple(widths), height),
            lambda: place_edge_labels(occupancy, start, end, clearance, widths, height, order))
        if not placed:
            return
        colours = canvas.colours
        painter.setFont(self._font(pixels))
        halo = QColor(colours.background)
        halo.setAlpha(200)
        for label in placed:
            edge = edges[int(chosen[label.index])]
            painter.save()
            painter.translate(QPointF(label.left + label.width / 2, label.top + label.height / 2))
            painter.rotate(label.angle)
            box = QRectF(-label.width / 2, -label.height / 2, label.width, label.height)
            painter.fillRect(box, halo)
            own = edge.color if edge.id in highlighted else None
            painter.setPen(QColor(own) if own else colours.accent if edge.id in highlighted else colours.edge_label)
            self._draw_text(painter, box, texts[label.index], pixels)
            painter.restore()
            self.drawn.append(("edge", edge.id, edge.label, texts[label.index], label.pieces, label.angle))


__all__ = ["MAX_LABEL_PIXELS", "MIN_TEXT_PIXELS", "LabelLayerItem"]
