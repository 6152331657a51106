"""Aliased hair-lines rasterised with numpy into an image, for the edge tiles' cached pixels.

Zoomed out, a filter or a hidden class redraws tens of thousands of hair-lines into the
tiles' caches. Qt's cosmetic stroker sets those pixels one at a time (~35 million a second
here: 120–180 ms for the 75,000 lines, 3.7 million pixels, of a 50,000-node canvas at fit);
numpy walks every line at once, 2–3× faster, and the image it fills is copied into the cache
with one ``drawImage``.

The look is the stroker's: one pixel per step along the longer axis, and where lines of one
tile cross, the colour is laid on once per line (a pixel crossed by ``k`` lines of alpha
``a`` gets alpha ``1 - (1 - a)**k``), as ``SourceOver`` does when each line is drawn in turn.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem

# Read once: an enum member's lookup costs a few microseconds, and this is asked by every tile on every repaint.
_NO_CACHE = QGraphicsItem.CacheMode.NoCache
_SCALED = frozenset({QTransform.TransformationType.TxNone, QTransform.TransformationType.TxTranslate,
                     QTransform.TransformationType.TxScale})
_RASTER = QPaintEngine.Type.Raster


def raster_transform(item: QGraphicsItem, painter: QPainter) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(scale, offset) from scene to device pixels when ``item`` paints into its cache from numpy, else None.

    Only a cache (a raster image at the view's scale, without rotation) is filled from numpy:
    exports (SVG, PDF, printing, big images) paint without caches and keep vector drawing. On a
    high-density screen the cache has several device pixels a point: the numbers map to those.
    """
    if item.cacheMode() is _NO_CACHE:
        return None
    transform = painter.deviceTransform()
    if transform.type() not in _SCALED:
        return None
    device, engine = painter.device(), painter.paintEngine()
    if not isinstance(device, QPixmap) or engine is None or engine.type() != _RASTER:
        return None
    # The item's own cache is no bigger than the item: anything bigger is a picture shared with other items
    # (painted straight onto), where an image of the whole device would cover them.
    extent = transform.mapRect(item.boundingRect())
    if device.width() > math.ceil(extent.width()) + 4 or device.height() > math.ceil(extent.height()) + 4:
        return None
    return (transform.m11(), transform.m22()), (transform.dx(), transform.dy())


def paint_image(painter: QPainter, image: QImage, held: np.ndarray) -> None:
    """Copy ``image`` (filled from ``held``, kept alive until drawn) onto the device, pixel for pixel."""
    image.setDevicePixelRatio(painter.device().devicePixelRatio())
    painter.save()
    painter.resetTransform()
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)  # a copy: the cache is clear
    painter.drawImage(0, 0, image)
    painter.restore()
    del held


#: More pixels than this in one tile and the lines go to Qt's stroker (a tile far bigger than the screen).
MAX_RASTER_PIXELS = 4_000_000


#: A tile keeps its members' rasterised pixels up to this many (4 bytes each), for the next filter change …
KEPT_PIXELS = 1_000_000


class KeptPixels:
    """… and all tiles together keep at most ``budget`` of them for the view's current scale.

    Zoomed in, a long pan would otherwise leave every tile holding its pixels; past the budget
    a tile rasterises again when it next changes. Each change of scale starts a new count
    (the pixels kept for the old scale are dropped as those tiles paint again).
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.scale: object = None
        self.generation = 0
        self.used = 0

    def take(self, scale: object, count: int, returned: tuple[int, int] | None) -> int | None:
        """Keep ``count`` more at ``scale`` (``returned``: the (generation, count) a tile gives back); its generation or None."""
        if scale != self.scale:
            self.scale, self.used, self.generation = scale, 0, self.generation + 1
        else:
            self.give_back(returned)
        if self.used + count > self.budget:
            return None
        self.used += count
        return self.generation

    def give_back(self, returned: tuple[int, int] | None) -> None:
        """A tile lets go of the pixels it kept (``returned``: the (generation, count) :meth:`take` gave it).

        Pixels of an earlier generation were already forgotten when the scale changed.
        """
        if returned is not None and returned[0] == self.generation:
            self.used -= returned[1]


#: Shared by the tiles of every canvas (one is shown at a time): about 100 MB of kept pixels at most.
KEPT = KeptPixels(24_000_000)


def hairline_pixels(lines: np.ndarray, scale: tuple[float, float], offset: tuple[float, float],
                    width: int, height: int, limit: int = MAX_RASTER_PIXELS) -> tuple[np.ndarray, np.ndarray] | None:
    """The flat indices (row × width + column) of the pixels of each line, both ends included, line after line,
    and how many pixels each line has.

    ``lines`` holds one line a row: x and y of its start, x and y of its end. ``scale`` and
    ``offset`` map scene to device pixels; pixels outside ``width`` × ``height`` are left out.
    None when the lines cover more than ``limit`` steps (:data:`MAX_RASTER_PIXELS` unless told).

    Each line takes one pixel per column (or per row, when steeper than 45°), the one the
    line crosses at the column's left edge: the pixels Qt's aliased stroker picks, give or
    take one at a line's ends.
    """
    sx, sy = scale
    ox, oy = offset
    device = lines * np.array([sx, sy, sx, sy]) + np.array([ox, oy, ox, oy])
    x0, y0, x1, y1 = device[:, 0], device[:, 1], device[:, 2], device[:, 3]
    flat_x = np.abs(x1 - x0) >= np.abs(y1 - y0)
    # Along the major axis (a) one pixel a step, from the lower end; the minor axis (b) follows the line.
    a0, a1 = np.where(flat_x, x0, y0), np.where(flat_x, x1, y1)
    b0, b1 = np.where(flat_x, y0, x0), np.where(flat_x, y1, x1)
    backwards = a1 < a0
    a0, a1 = np.where(backwards, a1, a0), np.where(backwards, a0, a1)
    b0, b1 = np.where(backwards, b1, b0), np.where(backwards, b0, b1)
    slope = (b1 - b0) / np.maximum(a1 - a0, 1e-9)
    a_first = np.floor(a0)
    counts = (np.floor(a1) - a_first).astype(np.int32) + 1
    total = int(counts.sum())
    if total > limit:
        return None
    b_first = (b0 + (a_first - a0) * slope).astype(np.float32)
    # Step number of every pixel along its own line: 0 … steps, line after line.
    firsts = np.cumsum(counts, dtype=np.int32) - counts
    along = np.arange(total, dtype=np.int32) - np.repeat(firsts, counts)
    minor = np.floor(np.repeat(b_first, counts) + along * np.repeat(slope.astype(np.float32), counts)).astype(np.int32)
    major = along + np.repeat(a_first.astype(np.int32), counts)
    low_x, low_y = min(x0.min(), x1.min()), min(y0.min(), y1.min())
    high_x, high_y = max(x0.max(), x1.max()), max(y0.max(), y1.max())
    if low_x < 0 or low_y < 0 or high_x >= width - 1 or high_y >= height - 1:  # some pixels may fall outside
        rows_are_major = np.repeat(~flat_x, counts)
        xs, ys = np.where(rows_are_major, minor, major), np.where(rows_are_major, major, minor)
        keep = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
        kept = np.bincount(np.repeat(np.arange(len(counts)), counts)[keep], minlength=len(counts)).astype(np.int32)
        return ys[keep] * width + xs[keep], kept
    major *= np.repeat(np.where(flat_x, 1, width).astype(np.int32), counts)
    minor *= np.repeat(np.where(flat_x, width, 1).astype(np.int32), counts)
    major += minor
    return major, counts


_LAID_ON: dict[tuple[int, int], np.ndarray] = {}


def laid_on_values(colour: QColor, layers: int) -> np.ndarray:
    """ARGB32 premultiplied values of ``colour`` laid on 0 … ``layers`` times over transparent (kept per colour)."""
    key = (colour.rgba(), layers)
    known = _LAID_ON.get(key)
    if known is None:
        if len(_LAID_ON) > 64:
            _LAID_ON.clear()
        known = _LAID_ON[key] = _laid_on(colour, layers)
    return known


def _laid_on(colour: QColor, layers: int) -> np.ndarray:
    alpha = colour.alphaF()
    cover = 1.0 - (1.0 - alpha) ** np.arange(layers + 1, dtype=np.float64)
    a = np.rint(cover * 255.0).astype(np.uint32)
    r = np.rint(cover * colour.red()).astype(np.uint32)
    g = np.rint(cover * colour.green()).astype(np.uint32)
    b = np.rint(cover * colour.blue()).astype(np.uint32)
    return (a << 24) | (r << 16) | (g << 8) | b


def hairline_image(pixels: np.ndarray, lines: int, width: int, height: int, colour: QColor) -> tuple[QImage, np.ndarray]:
    """A ``width`` × ``height`` image of the pixels of ``lines`` lines (from :func:`hairline_pixels`) in ``colour``.

    Returns the image and the array that holds its pixels. The image reads that memory, which
    is reused by the next call: draw the image before asking for another.
    """
    global _SCRATCH
    area = width * height
    crossings = np.bincount(pixels, minlength=area)
    # A line takes a pixel at most once: no pixel is crossed more often than there are lines.
    table = laid_on_values(colour, 1 << max(int(lines), 1).bit_length())
    if len(_SCRATCH) < area:
        _SCRATCH = np.empty(max(area, 2 * len(_SCRATCH)), dtype=np.uint32)
    values = np.take(table, crossings, out=_SCRATCH[:area], mode="clip")
    image = QImage(values.data, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
    return image, values


#: The pixels of the last image made by :func:`hairline_image` (reused: fresh memory for every tile costs page faults).
_SCRATCH = np.empty(0, dtype=np.uint32)


def argb_values(colours: list[QColor]) -> np.ndarray:
    """Each colour as an ARGB32 premultiplied value."""
    alpha = np.array([colour.alphaF() for colour in colours], dtype=np.float64)
    channels = np.array([(colour.red(), colour.green(), colour.blue()) for colour in colours], dtype=np.float64)
    channels = np.rint(channels.reshape(-1, 3) * alpha[:, None]).astype(np.uint32)
    return ((np.rint(alpha * 255).astype(np.uint32) << 24) | (channels[:, 0] << 16) | (channels[:, 1] << 8)
            | channels[:, 2])


def square_pixels(low: np.ndarray, high: np.ndarray, scale: tuple[float, float], offset: tuple[float, float],
                  width: int, height: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The flat indices of the pixels of filled squares from ``low`` to ``high`` (scene corners, one a row),
    square after square, how many each has, and how much of its whole pixels each square really covers.

    Each square also covers the half pixel all round that a one-pixel rim adds, and at least
    one pixel; pixels outside ``width`` × ``height`` are left out. None when the squares cover
    more than :data:`MAX_RASTER_PIXELS` pixels. A square smaller than its pixels (far out, a
    node is a pixel or two) is drawn that much fainter, as Qt's antialiased square would be.
    """
    sx, sy = scale
    ox, oy = offset
    # Squares of one size keep one size in pixels wherever they fall, centred on their node: the square and its
    # rim (a pixel more) rounded to whole pixels, about the ink of the antialiased square Qt draws.
    across = np.maximum(np.rint((high[:, 0] - low[:, 0]) * sx + 1.0), 1.0)
    down = np.maximum(np.rint((high[:, 1] - low[:, 1]) * sy + 1.0), 1.0)
    left = np.rint((low[:, 0] + high[:, 0]) * (sx / 2) + ox - across / 2).astype(np.int32)
    top = np.rint((low[:, 1] + high[:, 1]) * (sy / 2) + oy - down / 2).astype(np.int32)
    cover = np.minimum(((high[:, 0] - low[:, 0]) * sx + 1.0) * ((high[:, 1] - low[:, 1]) * sy + 1.0) / (across * down), 1.0)
    across, down = across.astype(np.int32), down.astype(np.int32)
    counts = across * down
    total = int(counts.sum())
    if total > MAX_RASTER_PIXELS:
        return None
    firsts = np.cumsum(counts, dtype=np.int32) - counts
    place = np.arange(total, dtype=np.int32) - np.repeat(firsts, counts)
    rows_across = np.repeat(across, counts)
    ys = place // rows_across
    xs = place - ys * rows_across
    xs += np.repeat(left, counts)
    ys += np.repeat(top, counts)
    if left.min(initial=0) < 0 or top.min(initial=0) < 0 or (left + across).max(initial=0) > width \
            or (top + down).max(initial=0) > height:
        keep = (xs >= 0) & (xs < width) & (ys >= 0) & (ys < height)
        counts = np.bincount(np.repeat(np.arange(len(counts)), counts)[keep], minlength=len(counts)).astype(np.int32)
        xs, ys = xs[keep], ys[keep]
    ys *= width
    ys += xs
    return ys, counts, cover


def faded(values: np.ndarray, cover: np.ndarray) -> np.ndarray:
    """ARGB32 premultiplied ``values`` with each one's every channel scaled by ``cover`` (0 … 1)."""
    channels = values[:, None] >> np.array([24, 16, 8, 0], dtype=np.uint32) & 0xFF
    scaled = np.rint(channels * cover[:, None]).astype(np.uint32)
    return (scaled[:, 0] << 24) | (scaled[:, 1] << 16) | (scaled[:, 2] << 8) | scaled[:, 3]


def filled_image(pixels: np.ndarray, colours: np.ndarray, width: int, height: int) -> tuple[QImage, np.ndarray]:
    """An image with ``colours`` (ARGB32 premultiplied) at ``pixels``, later ones over earlier ones, as drawn in turn.

    Returns the image and the array that holds its pixels (keep it while the image is drawn).
    """
    values = np.zeros(width * height, dtype=np.uint32)
    values[pixels] = colours
    return QImage(values.data, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied), values


__all__ = ["KEPT", "KEPT_PIXELS", "MAX_RASTER_PIXELS", "KeptPixels", "argb_values", "faded", "filled_image",
           "hairline_image", "hairline_pixels", "laid_on_values", "paint_image", "raster_transform", "square_pixels"]
