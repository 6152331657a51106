"""The canvas as a picture: PNG images, SVG and PDF files, with an optional title and legend.

The canvas's own Save-as-image calls and the image exports (:mod:`explorer.ui.export.export_render`)
both draw through here, so a picture looks the same whichever way it was asked for. ``view``
is a :class:`~explorer.ui.canvas.graph_canvas.GraphCanvasView`; it paints the graph itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.scene import Scene
from explorer.core.style_legend import rule_lines, scene_names
from explorer.ui.browser.class_tree import display_label
from explorer.ui.canvas.canvas_drawing import glyph_path

#: Most classes the legend lists; the rest are counted on one "… and N more" line.
LEGEND_MAX_ROWS = 24
_TITLE_PX = 18.0
_LEGEND_PX = 12.0
_GLYPH_PX = 13.0
_PAD = 10.0
_ROW = 18.0


@dataclass
class PictureFrame:
    """What is drawn around the graph: the title line and the legend, with their sizes in pixels."""

    title: str
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # name, colour, shape
    more: int = 0
    title_height: float = 0.0
    legend_width: float = 0.0
    legend_height: float = 0.0

    def fit_rows(self, height: float) -> None:
        """Fewer legend rows when the picture is too short for all of them."""
        room = max(1, int((height - self.title_height - 3 * _PAD) // _ROW) - 1)
        if len(self.entries) > room:
            self.more += len(self.entries) - room
            del self.entries[room:]
            self.legend_height = 2 * _PAD + _ROW * (len(self.entries) + 1)


def _font(pixels: float, bold: bool = False) -> Any:
    from PySide6.QtGui import QFont

    font = QFont()
    font.setPixelSize(round(pixels))
    font.setBold(bold)
    return font


def picture_frame(title: str, scene: Scene, *, legend: bool = True) -> PictureFrame:
    """The title line and (with ``legend``) the legend of the classes on the picture."""
    from PySide6.QtGui import QFontMetricsF

    frame = PictureFrame(title=title.strip())
    if frame.title:
        frame.title_height = _TITLE_PX * 1.6 + _PAD
    if not legend:
        return frame
    classes = {node.class_iri for node in scene.visible_nodes() if node.kind == "entity"}
    entries = [(display_label(label), colour, shape) for iri, label, colour, shape in scene.legend() if iri in classes]
    if scene.measure_style is not None and scene.measure_style.color_by:  # measure colours replace the classes'
        entries = []
    # The styling rules (what each picks out) and a measure's scale, as in the Legend panel.
    entries += [(line.text, line.color, line.shape if line.shape != "line" else "box")
                for line in rule_lines(list(scene.style_rules), scene_names(scene))]
    if not entries:
        return frame
    frame.entries, frame.more = entries[:LEGEND_MAX_ROWS], max(0, len(entries) - LEGEND_MAX_ROWS)
    metrics = QFontMetricsF(_font(_LEGEND_PX))
    widest = max(metrics.horizontalAdvance(name) for name, _, _ in frame.entries)
    if frame.more:
        widest = max(widest, metrics.horizontalAdvance(f"… and {frame.more} more"))
    frame.legend_width = min(widest, 260.0) + _GLYPH_PX + 4 * _PAD
    frame.legend_height = 2 * _PAD + _ROW * (len(frame.entries) + (1 if frame.more else 0))
    return frame


def _paint_frame(painter: Any, frame: PictureFrame, page: Any, palette: Any) -> None:
    """Draw the title across the top of ``page`` and the legend in its top-right corner."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFontMetricsF, QPen

    painter.save()
    try:
        if frame.title:
            painter.setFont(_font(_TITLE_PX, bold=True))
            painter.setPen(palette.text)
            box = QRectF(page.left() + _PAD * 2, page.top() + _PAD, page.width() - 4 * _PAD, _TITLE_PX * 1.6)
            title = QFontMetricsF(painter.font()).elidedText(frame.title, Qt.TextElideMode.ElideRight, box.width())
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        if not frame.entries:
            return
        box = QRectF(page.right() - frame.legend_width - _PAD, page.top() + frame.title_height + _PAD,
                     frame.legend_width, frame.legend_height)
        painter.setPen(QPen(QColor(0, 0, 0, 40), 1.0))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 6, 6)
        painter.setFont(_font(_LEGEND_PX))
        metrics = QFontMetricsF(painter.font())
        text_left = box.left() + 2 * _PAD + _GLYPH_PX
        text_width = box.right() - _PAD - text_left
        for row, (name, colour, shape) in enumerate(frame.entries):
            middle = box.top() + _PAD + _ROW * row + _ROW / 2
            painter.save()
            painter.translate(QPointF(box.left() + _PAD + _GLYPH_PX / 2, middle))
            fill = QColor(colour)
            painter.setPen(QPen(fill.darker(160), 1.0))
            painter.setBrush(fill)
            painter.drawPath(glyph_path(shape, _GLYPH_PX))
            painter.restore()
            painter.setPen(palette.text)
            painter.drawText(QRectF(text_left, middle - _ROW / 2, text_width, _ROW),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, text_width))
        if frame.more:
            middle = box.top() + _PAD + _ROW * len(frame.entries) + _ROW / 2
            painter.setPen(palette.edge_label)
            painter.drawText(QRectF(text_left, middle - _ROW / 2, text_width, _ROW),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), f"… and {frame.more} more")
    finally:
        painter.restore()


def _layout(frame: PictureFrame, source: Any, page_width: float | None = None, page_height: float | None = None) -> tuple[Any, Any]:
    """The page and the rectangle the graph is drawn into: beside the legend, below the title.

    Without a page size the page grows around the graph at zoom 1; with one, the graph is
    scaled into what is left and centred there.
    """
    from PySide6.QtCore import QRectF

    if page_width is None or page_height is None:
        width = source.width() + frame.legend_width + (_PAD if frame.legend_width else 0.0)
        height = frame.title_height + max(source.height(), frame.legend_height + 2 * _PAD if frame.entries else 0.0)
        return QRectF(0, 0, width, height), QRectF(0, frame.title_height, source.width(), source.height())
    page = QRectF(0, 0, page_width, page_height)
    room = QRectF(0, frame.title_height, max(1.0, page_width - frame.legend_width - (_PAD if frame.legend_width else 0.0)),
                  max(1.0, page_height - frame.title_height))
    ratio = min(room.width() / max(source.width(), 1e-9), room.height() / max(source.height(), 1e-9))
    target = QRectF(0, 0, source.width() * ratio, source.height() * ratio)
    target.moveCenter(room.center())
    return page, target


def _draw(view: Any, painter: Any, frame: PictureFrame, page: Any, target: Any, source: Any) -> None:
    from PySide6.QtGui import QPainter

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(page, view.colours.background)
    view._render(painter, target, source)
    _paint_frame(painter, frame, page, view.colours)


def picture_image(view: Any, frame: PictureFrame, width: int | None = None, height: int | None = None,
                  scale: float = 1.0) -> Any:
    """The picture at ``width``×``height`` logical pixels times ``scale`` (without a size: the
    graph's own size at zoom 1, capped at 8000 px); a null image when it is too big to make."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QPainter

    source = view._content_rect()
    if width is not None and height is not None:
        frame.fit_rows(height)
        page, target = _layout(frame, source, width, height)
    else:
        page, target = _layout(frame, source)
        ratio = min(1.0, 8000.0 / max(page.width(), page.height()))
        if ratio < 1.0:
            page, target = _layout(frame, source, max(1, int(page.width() * ratio)), max(1, int(page.height() * ratio)))
    picture = QImage(QSize(max(1, round(page.width() * scale)), max(1, round(page.height() * scale))),
                     QImage.Format.Format_ARGB32_Premultiplied)
    if picture.isNull():
        return picture
    picture.setDevicePixelRatio(scale)
    picture.fill(view.colours.background)
    painter = QPainter(picture)
    try:
        _draw(view, painter, frame, page, target, source)
    finally:
        painter.end()
    return picture


def write_svg(view: Any, frame: PictureFrame, path: str | Path, title: str = "") -> None:
    """The picture as SVG, sized to the graph at zoom 1 (vector: text stays text)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = view._content_rect()
    page, target = _layout(frame, source)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(page.size().toSize())
    generator.setViewBox(page)
    generator.setTitle(title or "Knowledge graph")
    generator.setDescription("Exported from kg-explorer")
    painter = QPainter(generator)
    try:
        _draw(view, painter, frame, page, target, source)
    finally:
        painter.end()


def write_pdf(view: Any, frame: PictureFrame, path: str | Path, title: str = "") -> None:
    """The picture as a one-page vector PDF sized to it."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    source = view._content_rect()
    page, target = _layout(frame, source)
    writer = QPdfWriter(str(path))
    writer.setTitle(title or "Knowledge graph")
    writer.setCreator("kg-explorer")
    writer.setPageSize(QPageSize(QSizeF(page.width() * 0.75, page.height() * 0.75), QPageSize.Unit.Point, "graph"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(96)
    painter = QPainter(writer)
    try:
        # The page in device pixels may round a little differently from the layout: scale to fit.
        viewport = painter.viewport()
        painter.scale(viewport.width() / max(page.width(), 1e-9), viewport.height() / max(page.height(), 1e-9))
        _draw(view, painter, frame, page, target, source)
    finally:
        painter.end()


__all__ = ["LEGEND_MAX_ROWS", "PictureFrame", "picture_frame", "picture_image", "write_pdf", "write_svg"]
