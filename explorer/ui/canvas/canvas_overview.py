"""Zoomed out, the canvas's plain edges as one image at the view's scale, kept up to date by counting.

At 50,000 nodes a class filter hides an eighth of the nodes and with them lines in every one
of the ~550 edge tiles: each tile's cache was filled again (8 million pixels of caches for a
1-million-pixel view), however little of it changed. Here every edge's pixels are rasterised
once for the view's scale (:func:`~explorer.ui.canvas.canvas_raster.hairline_pixels`) and kept;
the image holds, per pixel, how many drawn lines cross it. A filter, a hide, a drag or a move
subtracts the pixels of the edges it takes away and adds those it brings back (or moves), and
only the rows of the image that changed are coloured again (a pixel crossed ``k`` times gets
alpha ``1 − (1 − a)^k``, what the tiles' own count and Qt's ``SourceOver`` between tiles give).

The image spans every node at the view's scale, so a pan only moves it. It is used while the
canvas is zoomed out and that span stays under :data:`OVERVIEW_MAX_PIXELS`; the edge tiles stay
hidden meanwhile (their rebuilds wait until they are shown again or asked what they draw).
Exports and zoomed-in views use the tiles as before. Edges styled by a rule or highlighted are
drawn over the image with Qt's pens, as the tiles draw them. The counts are also kept by link
type once a link type has been toggled, so that a link-type filter adds or takes away one
type's counts instead of reading its edges' pixels.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from explorer.ui.canvas.canvas_drawing import FAINT_EDGES_ZOOM, lines_path
from explorer.ui.canvas.canvas_raster import hairline_pixels, laid_on_values

#: The image's largest size (device pixels, the span of every node at the view's scale); bigger, and the tiles draw.
OVERVIEW_MAX_PIXELS = 4_000_000
#: The most line pixels kept (4 bytes each); more, and the tiles draw.
OVERVIEW_MAX_LINE_PIXELS = 16_000_000
#: Crossings past this many give the same colour (alpha has reached 255 long before).
_MOST_LAYERS = 256
#: Counts are kept by link type (a link-type filter then adds or takes away one group's counts) for up to this many
#: link types and this many counts in all; past that, a link-type filter counts its edges' pixels like any filter.
_MOST_GROUPS = 16
_MOST_GROUP_PIXELS = 8_000_000
#: Pixels of lines since moved are kept in the store (appending is cheap) until they outnumber the live ones by this many.
STALE_PIXELS_KEPT = 1_000_000
_SCALED = frozenset({QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate,
                     QTransform.TransformationType.TxScale})
_RASTER = QPaintEngine.Type.Raster


def _gather(store: np.ndarray, starts: np.ndarray, counts: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The kept pixels of ``rows``, row after row."""
    if not len(rows):
        return np.zeros(0, dtype=np.int32)
    lengths = counts[rows]
    firsts = np.cumsum(lengths) - lengths
    where = np.repeat(starts[rows] - firsts, lengths)
    where += np.arange(len(where))
    return store.take(where)


def _count_into(crossings: np.ndarray, pixels: np.ndarray, step: int) -> None:
    """Add ``step`` to ``crossings`` once for each of ``pixels`` (repeats count)."""
    if len(pixels) > 40_000:
        counted = np.bincount(pixels, minlength=len(crossings))
        (np.add if step > 0 else np.subtract)(crossings, counted, out=crossings, casting="unsafe")
    elif len(pixels):
        np.add.at(crossings, pixels, step)


def _close(first: tuple[float, float], second: tuple[float, float]) -> bool:
    """Equal but for the last digits (zooming in and out again leaves the scale a few units in the last place off)."""
    return all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) for a, b in zip(first, second, strict=True))


class OverviewEdgesItem(QGraphicsRectItem):
    """Every drawn edge of the canvas as one counted image at the view's scale (see the module's notes)."""

    def __init__(self, canvas: Any) -> None:
        super().__init__()
        self.canvas = canvas
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setZValue(0)
        self.setVisible(False)
        #: Something may have changed what is drawn: compared with what is kept on the next paint.
        self.stale = True
        #: How many times the kept lines were rasterised afresh (all of them), and how many rows were (a few).
        self.rasterised = 0
        self.rows_rasterised = 0
        #: Colour and width (None: the plain pen) and path of the edges styled by a rule or highlighted, drawn by Qt.
        self._extra: list[tuple[QColor | None, float, QPainterPath]] = []
        self._styled_of: tuple[Any, int] | None = None
        self._styled = np.zeros(0, dtype=bool)
        self.release()

    def release(self) -> None:
        """Let go of the kept pixels and counts (the tiles draw now, or everything is counted afresh)."""
        self._frame: tuple[Any, ...] | None = None
        #: Every row's pixels, row after row (rows rasterised again are appended: ``_starts`` and ``_counts`` say where).
        self._store = np.zeros(0, dtype=np.int32)
        self._used = 0
        self._starts = np.zeros(0, dtype=np.int64)
        self._counts = np.zeros(0, dtype=np.int64)
        #: Each row's line as rasterised, and whether its pixels are counted.
        self._lines = np.zeros((0, 4))
        self._drawn = np.zeros(0, dtype=bool)
        #: (sources, targets, node places) the lines were read from: only rows touching a moved node are read again.
        self._ends: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        #: Link types by group, each row's group, and which groups are summed into the crossings (not filtered out).
        self._kinds_of: np.ndarray | None = None
        self._codes = np.zeros(0, dtype=np.intp)
        self._group = np.zeros(0, dtype=np.intp)
        self._grouped = False
        self._shown_groups = np.zeros(0, dtype=bool)
        #: The counts by group (made on the first link-type toggle) and the changes not yet added to them.
        self._by_group: np.ndarray | None = None
        self._pending: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]] = []
        #: Per pixel, how many drawn lines of the shown groups cross it.
        self._crossings = np.zeros(0, dtype=np.int32)
        self._values = np.zeros(0, dtype=np.uint32)
        #: The colour the image's values were made with, and the rows of the image to colour again (or None).
        self._coloured_with: int | None = None
        self._recolour: tuple[int, int] | None = None
        self.stale = True

    def invalidate(self) -> None:
        """What is drawn may have changed: checked (against the kept arrays) on the next paint."""
        self.stale = True
        self.update()

    # ------------------------------------------------------------------ what is drawn, by flag row
    def _rows(self) -> dict[str, Any] | None:
        """What decides the drawing, by the canvas's flag rows (None without nodes)."""
        canvas = self.canvas
        canvas._ensure_index()
        flags, ids = canvas._edge_visible, canvas._index_ids
        tables = canvas._filter_tables
        key = (ids, flags, canvas.edges_epoch)
        tables.edges_current(canvas.scene_model, flags, canvas._index_pos, key)
        xy = canvas._index_xy
        if not len(xy):
            return None
        alive = tables.edge_alive
        count = len(alive)
        special = self._styled_rows(flags, key, count).copy()
        lit = flags.known_rows(canvas.scene_model.highlighted)
        special[lit[lit < count]] = True
        drawable = alive & flags.drawable[:count]
        shown = alive & flags.array[:count]
        dragged = flags.known_rows(canvas.dragged_edges)
        if len(dragged):
            drawable[dragged[dragged < count]] = False
            shown[dragged[dragged < count]] = False
        predicates = {predicate for predicate in canvas.scene_model.hidden_predicates if predicate}
        return {"xy": xy, "source": tables.edge_source, "target": tables.edge_target, "kinds": tables.edge_kind,
                "drawable": drawable & ~special, "shown": shown & ~special, "special": shown & special,
                "hidden_kinds": tables.hidden_mask(predicates)}

    def _styled_rows(self, flags: Any, key: tuple[Any, ...], count: int) -> np.ndarray:
        """Which rows a styling rule gives a colour or width of their own (new rows appended, read afresh when renewed)."""
        kept = self._styled_of
        same = kept is not None and kept[0][0] is key[0] and kept[0][1] is key[1] and kept[0][2] == key[2]
        first = kept[1] if same and kept is not None and kept[1] <= count else 0
        if first < count or not same:
            edges = self.canvas.scene_model.edges
            keys = flags.keys_by_row[first:count]
            found = (edges.get(edge_key) for edge_key in keys)
            fresh = np.fromiter((edge is not None and bool(edge.line_color or edge.width != 1.0) for edge in found),
                                dtype=bool, count=len(keys))
            self._styled = np.concatenate([self._styled[:first], fresh]) if first else fresh
            self._styled_of = (key, count)
        return self._styled

    # ------------------------------------------------------------------ keeping the counts
    def _frame_for(self, scale: tuple[float, float], fraction: tuple[float, float], width_limit: int) -> tuple[Any, ...] | None:
        """(scale, fraction, left, top, width, height): the image's place, in device pixels less the view's whole offset."""
        xy = self.canvas._index_xy
        (sx, sy), (fx, fy) = scale, fraction
        low, high = xy.min(axis=0), xy.max(axis=0)
        left, top = math.floor(low[0] * sx + fx) - 2, math.floor(low[1] * sy + fy) - 2
        right, bottom = math.floor(high[0] * sx + fx) + 3, math.floor(high[1] * sy + fy) + 3
        kept = self._frame
        if (kept is not None and kept[0] == scale and kept[1] == fraction and kept[2] <= left and kept[3] <= top
                and kept[2] + kept[4] >= right and kept[3] + kept[5] >= bottom):
            return kept  # everything still inside: the kept pixels stay good
        # Room to move into, so that a node dragged past the edge does not rasterise everything each step.
        slack_x, slack_y = (right - left) // 16 + 8, (bottom - top) // 16 + 8
        left, top, right, bottom = left - slack_x, top - slack_y, right + slack_x, bottom + slack_y
        if (right - left) * (bottom - top) > width_limit:
            return None
        return (scale, fraction, left, top, right - left, bottom - top)

    def _rasterise(self, lines: np.ndarray, frame: tuple[Any, ...]) -> tuple[np.ndarray, np.ndarray] | None:
        if not len(lines):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
        (sx, sy), (fx, fy), left, top, width, height = frame
        found = hairline_pixels(lines, (sx, sy), (fx - left, fy - top), width, height, limit=OVERVIEW_MAX_LINE_PIXELS)
        if found is None:
            return None
        return found[0].astype(np.int32, copy=False), found[1].astype(np.int64)

    def _start_over(self, rows: dict[str, Any], frame: tuple[Any, ...], grouped: bool) -> bool:
        xy, source, target = rows["xy"], rows["source"], rows["target"]
        lines = np.hstack([xy[source], xy[target]])
        found = self._rasterise(lines, frame)
        if found is None:
            return False
        self.rasterised += 1
        pixels, counts = found
        drawn = rows["drawable"] if grouped else rows["shown"]
        self._frame, self._store, self._used, self._counts = frame, pixels, len(pixels), counts
        self._starts = np.cumsum(counts) - counts
        self._lines, self._drawn = lines, drawn.copy()
        self._ends = (source, target, xy.copy())
        self._grouped, self._by_group, self._pending = grouped, None, []
        self._shown_groups = ~rows["hidden_kinds"][self._codes] if grouped else np.ones(1, dtype=bool)
        counted = drawn & self._shown_groups[self._group] if grouped else drawn
        self._crossings = np.bincount(pixels[np.repeat(counted, counts)], minlength=frame[4] * frame[5]).astype(np.int32)
        self._values = np.zeros(frame[4] * frame[5], dtype=np.uint32)
        self._coloured_with, self._recolour = None, None
        return True

    def _moved_rows(self, rows: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        """The rows whose line changed, and their lines now (rows added since count as changed)."""
        xy, source, target = rows["xy"], rows["source"], rows["target"]
        count, kept = len(source), len(self._lines)
        ends = self._ends
        if ends is not None and ends[0] is source and ends[1] is target and ends[2].shape == xy.shape and kept == count:
            moved_nodes = (xy != ends[2]).any(axis=1)
            if not moved_nodes.any():
                return np.zeros(0, dtype=np.intp), np.zeros((0, 4))
            changed = np.flatnonzero(moved_nodes[source] | moved_nodes[target])
            lines = np.hstack([xy[source[changed]], xy[target[changed]]])
            differs = (lines != self._lines[changed]).any(axis=1)
            self._ends = (source, target, xy.copy())
            return changed[differs], lines[differs]
        lines = np.hstack([xy[source], xy[target]])
        if count != kept:  # rows added (new edges)
            self._lines = np.vstack([self._lines, np.full((count - kept, 4), np.nan)])
            self._drawn = np.concatenate([self._drawn, np.zeros(count - kept, dtype=bool)])
            self._starts = np.concatenate([self._starts, np.zeros(count - kept, dtype=np.int64)])
            self._counts = np.concatenate([self._counts, np.zeros(count - kept, dtype=np.int64)])
        changed = np.flatnonzero((lines != self._lines).any(axis=1))
        self._ends = (source, target, xy.copy())
        return changed, lines[changed]

    def _keep_pixels(self, changed: np.ndarray, pixels: np.ndarray, counts: np.ndarray) -> None:
        """Put the new pixels of the ``changed`` rows in the store (appended; the store is compacted when mostly stale)."""
        if self._used + len(pixels) > len(self._store):
            live = int(self._counts.sum()) - int(self._counts[changed].sum())
            if self._used > 2 * live + STALE_PIXELS_KEPT:  # mostly pixels of lines since moved: keep only the live ones
                keep = np.setdiff1d(np.arange(len(self._counts)), changed)
                survivors = _gather(self._store, self._starts, self._counts, keep)
                self._starts = np.zeros(len(self._starts), dtype=np.int64)
                self._starts[keep] = np.cumsum(self._counts[keep]) - self._counts[keep]
                self._used = len(survivors)
                self._store = np.concatenate([survivors, np.zeros(max(len(survivors) // 4, len(pixels)), dtype=np.int32)])
            if self._used + len(pixels) > len(self._store):
                extra = max(len(self._store) // 2, len(pixels))
                self._store = np.concatenate([self._store[:self._used], np.zeros(extra, dtype=np.int32)])
        self._store[self._used:self._used + len(pixels)] = pixels
        self._starts[changed] = self._used + np.cumsum(counts) - counts
        self._counts[changed] = counts
        self._used += len(pixels)

    def _count_rows(self, chosen: np.ndarray, step: int) -> np.ndarray:
        """Add (``step`` 1) or take away (-1) the kept pixels of rows ``chosen``; the pixels that changed."""
        pixels = _gather(self._store, self._starts, self._counts, chosen)
        if self._by_group is not None and len(chosen):
            self._pending.append((chosen, self._counts[chosen].copy(), pixels, step))
        if self._grouped and not self._shown_groups.all():  # a filtered-out link type's pixels are not in the sum
            pixels = pixels[np.repeat(self._shown_groups[self._group[chosen]], self._counts[chosen])]
        _count_into(self._crossings, pixels, step)
        return pixels

    def _follow(self, rows: dict[str, Any], frame: tuple[Any, ...]) -> bool:
        """Bring the counts in line with ``rows``: only rows that moved or turned cost anything."""
        changed, lines = self._moved_rows(rows)
        drawn = rows["drawable"] if self._grouped else rows["shown"]
        moved = np.zeros(len(drawn), dtype=bool)
        moved[changed] = True
        was = self._drawn
        gone = np.flatnonzero(was & (moved | ~drawn))
        came = np.flatnonzero(drawn & (moved | ~was))
        removed = self._count_rows(gone, -1)
        if len(changed):
            found = self._rasterise(lines, frame)
            if found is None:
                return False
            self.rows_rasterised += len(changed)
            self._keep_pixels(changed, *found)
            self._lines[changed] = lines
        added = self._count_rows(came, 1)
        self._drawn = drawn.copy()
        for pixels in (removed, added):
            if len(pixels) > len(self._crossings) // 8:  # colouring every row costs less than finding the first and last
                self._recolour_rows(0, frame[5])
            elif len(pixels):
                self._recolour_rows(int(pixels.min()) // frame[4], int(pixels.max()) // frame[4] + 1)
        return True

    def _recolour_rows(self, low: int, high: int) -> None:
        if self._recolour is not None:
            low, high = min(low, self._recolour[0]), max(high, self._recolour[1])
        self._recolour = (low, high)

    def _follow_link_filter(self, hidden_kinds: np.ndarray) -> None:
        """A link type filtered out or shown again: its group's counts leave or join the sum (nothing else is read)."""
        if not self._grouped:
            return
        shown = ~hidden_kinds[self._codes]
        turned = np.flatnonzero(shown != self._shown_groups)
        if not len(turned):
            return
        by_group = self._counts_by_group()
        for group in turned.tolist():
            if shown[group]:
                self._crossings += by_group[group]
            else:
                self._crossings -= by_group[group]
        self._shown_groups = shown
        self._recolour_rows(0, self._frame[5] if self._frame is not None else 0)

    def _counts_by_group(self) -> np.ndarray:
        """Every group's own counts: made from the kept pixels when first asked, then kept up to date."""
        frame = self._frame
        assert frame is not None
        area, groups = frame[4] * frame[5], len(self._codes)
        if self._by_group is None:
            rows = np.flatnonzero(self._drawn)
            pixels = _gather(self._store, self._starts, self._counts, rows)
            where = np.repeat(self._group[rows], self._counts[rows]) * area + pixels
            self._by_group = np.bincount(where, minlength=groups * area).astype(np.int32).reshape(groups, area)
            self._pending = []
        for chosen, counts, pixels, step in self._pending:
            where = np.repeat(self._group[chosen], counts) * area + pixels
            delta = np.bincount(where, minlength=groups * area).reshape(groups, area)
            np.add(self._by_group, delta if step > 0 else -delta, out=self._by_group, casting="unsafe")
        self._pending = []
        return self._by_group

    def _refresh(self, scale: tuple[float, float], fraction: tuple[float, float]) -> bool:
        """Bring the kept pixels and counts up to date; False when the image cannot be used (too big)."""
        rows = self._rows()
        if rows is None:
            self._extra, self._frame, self.stale = [], None, False
            return True
        frame = self._frame_for(scale, fraction, OVERVIEW_MAX_PIXELS)
        if frame is None:
            return False
        kinds = rows["kinds"]
        codes_changed = False
        if self._kinds_of is not kinds:  # edges added, removed or renewed: the link types by group
            codes, group = np.unique(kinds, return_inverse=True)
            codes_changed = not np.array_equal(codes, self._codes)
            self._kinds_of, self._codes, self._group = kinds, codes, group.reshape(-1)
        grouped = len(self._codes) <= _MOST_GROUPS and len(self._codes) * frame[4] * frame[5] <= _MOST_GROUP_PIXELS
        if (frame is not self._frame or len(self._crossings) != frame[4] * frame[5] or codes_changed
                or grouped != self._grouped or len(rows["source"]) < len(self._lines)):
            # A new scale or place, new link types, or the flag rows started over: everything is counted again.
            if not self._start_over(rows, frame, grouped):
                return False
        elif not self._follow(rows, frame):
            return False
        else:
            self._follow_link_filter(rows["hidden_kinds"])
        if sum(len(pixels) for _, _, pixels, _ in self._pending) > 2 * len(self._crossings) + 1_000_000:
            # Many changes since the last link-type toggle: the counts by group are made afresh when next asked.
            self._by_group, self._pending = None, []
        xy, source, target = rows["xy"], rows["source"], rows["target"]
        special = np.flatnonzero(rows["special"])
        self._extra = self._special_paths(np.hstack([xy[source[special]], xy[target[special]]]), special)
        self.stale = False
        return True

    def _special_paths(self, chosen: np.ndarray, rows: np.ndarray) -> list[tuple[QColor | None, float, QPainterPath]]:
        """The styled and highlighted edges (``rows``, with their lines ``chosen``) drawn over the image, as the tiles draw them."""
        if not len(rows):
            return []
        canvas = self.canvas
        scene = canvas.scene_model
        keys = canvas._edge_visible.keys_by_row
        edges = [scene.edges[keys[row]] for row in rows.tolist()]
        lit = [edge.id in scene.highlighted for edge in edges]
        looks: dict[tuple[str, float], list[int]] = {}
        own: dict[str, list[int]] = {}
        for i, (edge, glowing) in enumerate(zip(edges, lit, strict=True)):
            if glowing:
                if edge.color:
                    own.setdefault(edge.color, []).append(i)
            else:
                looks.setdefault((edge.line_color or "", edge.width), []).append(i)

        def path(picked: list[int]) -> QPainterPath:
            picked_lines = chosen[np.array(picked, dtype=np.intp)]
            return lines_path(picked_lines[:, :2], picked_lines[:, 2:])

        extra: list[tuple[QColor | None, float, QPainterPath]] = [
            (QColor(colour) if colour else None, width, path(picked)) for (colour, width), picked in sorted(looks.items())]
        glowing_rows = [i for i, glowing in enumerate(lit) if glowing]
        if glowing_rows:
            extra.append((canvas.colours.accent, 3.0, path(glowing_rows)))
            extra += [(QColor(colour), 3.0, path(picked)) for colour, picked in sorted(own.items())]
        return extra

    def _coloured(self, colour: QColor) -> np.ndarray:
        """The image's pixels (ARGB32 premultiplied), coloured again where the counts changed."""
        frame = self._frame
        assert frame is not None
        width = frame[4]
        table = laid_on_values(colour, _MOST_LAYERS)
        if self._coloured_with != colour.rgba():
            self._coloured_with, self._recolour = colour.rgba(), (0, frame[5])
        if self._recolour is not None:
            low, high = self._recolour
            np.take(table, self._crossings[low * width:high * width], out=self._values[low * width:high * width],
                    mode="clip")
            self._recolour = None
        return self._values

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        canvas = self.canvas
        colours = canvas.colours
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        colour = QColor(colours.edge)
        if lod < FAINT_EDGES_ZOOM:  # far out, lines fade so that the nodes (the things) stand out of the mesh
            colour.setAlpha(colours.edge.alpha() * 6 // 10)
        transform = painter.deviceTransform()
        engine = painter.paintEngine()
        if transform.type() not in _SCALED or engine is None or engine.type() != _RASTER:
            self._paint_with_qt(painter, colour)
            return
        dx, dy = transform.dx(), transform.dy()
        whole_x, whole_y = math.floor(dx + 1e-6), math.floor(dy + 1e-6)
        fraction = (round(dx - whole_x, 6), round(dy - whole_y, 6))
        scale = (transform.m11(), transform.m22())
        kept = self._frame
        if kept is not None and _close(kept[0], scale) and _close(kept[1], fraction):
            scale, fraction = kept[0], kept[1]  # the same view, give or take rounding in the last digits: the same pixels
        if (self.stale or kept is None or kept[0] != scale or kept[1] != fraction) and not self._refresh(scale, fraction):
            self._paint_with_qt(painter, colour)
            canvas.overview_too_big()
            return
        frame = self._frame
        if frame is not None:
            values = self._coloured(colour)
            image = QImage(values.data, frame[4], frame[5], frame[4] * 4, QImage.Format.Format_ARGB32_Premultiplied)
            ratio = painter.device().devicePixelRatio()
            image.setDevicePixelRatio(ratio)
            painter.save()
            painter.resetTransform()
            painter.drawImage(QPointF((whole_x + frame[2]) / ratio, (whole_y + frame[3]) / ratio), image)
            painter.restore()
        self._paint_extra(painter, colour)

    def _paint_extra(self, painter: QPainter, colour: QColor) -> None:
        if not self._extra:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for own, width, path in self._extra:
            pen = QPen(own if own is not None else colour, width)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawPath(path)
        painter.restore()

    def _paint_with_qt(self, painter: QPainter, colour: QColor) -> None:
        """Where no image can be used (not a raster device, or too big): the drawn edges stroked by Qt."""
        rows = self._rows()
        if rows is None:
            return
        xy, source, target = rows["xy"], rows["source"], rows["target"]
        special = np.flatnonzero(rows["special"])
        self._extra = self._special_paths(np.hstack([xy[source[special]], xy[target[special]]]), special)
        drawn = np.flatnonzero(rows["shown"])
        plain = np.hstack([xy[source[drawn]], xy[target[drawn]]])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(colour, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(lines_path(plain[:, :2], plain[:, 2:]))
        painter.restore()
        self._paint_extra(painter, colour)



class CanvasOverviewMixin:
    """When :class:`GraphCanvasView` draws its edges through the overview image, and what waits meanwhile."""

    def _init_overview(self) -> None:
        #: True while the overview image draws the edges (the edge tiles are hidden and their rebuilds wait).
        self._overview_on = False
        self.overview = OverviewEdgesItem(self)
        self.graphics_scene.addItem(self.overview)
        #: Flag rows whose drawable flag a filter turned while the tiles were hidden (their tiles are marked later).
        self._pending_edge_rows: list[np.ndarray] = []
        self._pending_of: object = None
        #: (zoom, node count) at which the image was found too big (the tiles draw until either changes).
        self._overview_refused: tuple[float, int] | None = None

    def _overview_fits(self) -> bool:
        self._ensure_index()
        xy = self._index_xy
        if not len(xy):
            return True
        if self._overview_refused == (self.zoom, len(xy)):
            return False
        scale = self.zoom * self.viewport().devicePixelRatioF()
        across, down = (xy.max(axis=0) - xy.min(axis=0)) * scale + 8
        return float(across * 1.125 + 16) * float(down * 1.125 + 16) <= OVERVIEW_MAX_PIXELS

    def _follow_overview(self, force_off: bool = False) -> None:
        """Draw the edges through the overview image when zoomed out and it fits, through the tiles otherwise."""
        want = not force_off and not self._detail and self._overview_fits()
        if want == self._overview_on:
            return
        self._overview_on = want
        if not want:
            self.flush()  # the tiles catch up with every change they missed
            self.overview.release()
        for tile in self.edge_tiles.values():
            tile.setVisible(not want)
        self.overview.setVisible(want)
        if want:
            self.overview.invalidate()

    def overview_too_big(self) -> None:
        """The image could not be made at this zoom (too many pixels): the tiles take over."""
        self._overview_refused = (self.zoom, len(self._index_xy))
        QTimer.singleShot(0, self._follow_overview)

    def _defer_edge_marks(self, rows: np.ndarray) -> None:
        """Tiles with a member among ``rows`` (flag rows) are marked when they are next needed."""
        if self._pending_of is not self._edge_visible:
            self._pending_edge_rows, self._pending_of = [], self._edge_visible
        self._pending_edge_rows.append(rows)

    def _apply_pending_edge_marks(self) -> None:
        pending, self._pending_edge_rows = self._pending_edge_rows, []
        flags = self._edge_visible
        if not pending or self._pending_of is not flags:
            return
        count = len(flags.keys_by_row)
        rows = np.concatenate(pending)
        self._mark_changed_tiles(self.edge_tiles.values(), rows[rows < count], count,
                                 lambda tile: tile.kept_flag_rows(flags))


__all__ = ["OVERVIEW_MAX_LINE_PIXELS", "OVERVIEW_MAX_PIXELS", "CanvasOverviewMixin", "OverviewEdgesItem"]
