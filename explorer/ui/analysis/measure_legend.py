"""The legend of a measure-driven style: colour swatches (communities or value bands) and size samples."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from explorer.core.analysis.styling import LegendEntry, MeasureStyle

_ROW = 20
_SWATCH = 12


class MeasureLegendWidget(QWidget):
    """Draws :meth:`MeasureStyle.legend` in the palette's text colour (reads in light and dark themes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[LegendEntry] = []
        self.title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Measure legend")

    def set_style(self, style: MeasureStyle | None) -> None:
        self.entries = style.legend() if style is not None else []
        self.title = style.describe().replace("size:", "Size:").replace("colour:", "Colour:") if style else ""
        self.setToolTip("\n".join(entry.text for entry in self.entries))
        self.updateGeometry()
        self.update()

    def _rows(self) -> int:
        sizes = [e for e in self.entries if e.kind == "size"]
        colours = [e for e in self.entries if e.kind == "colour"]
        return (1 if self.title else 0) + len(colours) + (1 if sizes else 0) + (2 if sizes else 0)

    def sizeHint(self) -> QSize:
        return QSize(260, self._rows() * _ROW + 8 if self.entries else 0)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.entries:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().windowText().color()
        y = 4
        painter.setPen(text_colour)
        if self.title:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            title = painter.fontMetrics().elidedText(self.title, Qt.TextElideMode.ElideRight, self.width() - 8)
            painter.drawText(QRectF(4, y, self.width() - 8, _ROW), Qt.AlignmentFlag.AlignVCenter, title)
            font.setBold(False)
            painter.setFont(font)
            y += _ROW
        for entry in (e for e in self.entries if e.kind == "colour"):
            painter.setPen(QPen(text_colour, 0.8))
            painter.setBrush(QColor(entry.color))
            painter.drawRoundedRect(QRectF(6, y + (_ROW - _SWATCH) / 2, _SWATCH, _SWATCH), 2, 2)
            text = painter.fontMetrics().elidedText(entry.text, Qt.TextElideMode.ElideMiddle, self.width() - 30)
            painter.drawText(QRectF(6 + _SWATCH + 8, y, self.width() - 30, _ROW), Qt.AlignmentFlag.AlignVCenter, text)
            y += _ROW
        sizes = [e for e in self.entries if e.kind == "size"]
        if sizes:
            x = 6.0
            biggest = max(e.size for e in sizes)
            scale = min(1.0, 2.5 * _ROW / biggest)  # samples drawn at most 2.5 rows tall
            for entry in sizes:
                diameter = entry.size * scale
                painter.setPen(QPen(text_colour, 0.8))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QRectF(x, y + (biggest * scale - diameter), diameter, diameter))
                painter.drawText(QRectF(x + diameter + 4, y, 120, biggest * scale), Qt.AlignmentFlag.AlignBottom,
                                 entry.text)
                x += diameter + 4 + painter.fontMetrics().horizontalAdvance(entry.text) + 12
        painter.end()
