"""A centred hint over an empty view ("Search for an entity (Ctrl+F) … to start").

``HintOverlay(view, html)`` lays a muted, word-wrapped text over ``view``'s viewport (or
the widget itself), keeps it centred when the view is resized and lets every mouse event
through to the view. The owner decides when it shows: :meth:`HintOverlay.set_shown`.
It is a child widget, not part of a graphics scene, so image exports never include it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QWidget

#: The hint never grows wider than this (pixels), so it reads as a short paragraph.
MAX_WIDTH = 460


class HintOverlay(QLabel):
    """Muted, centred text over an empty view."""

    def __init__(self, view: QWidget, text: str) -> None:
        host = view.viewport() if isinstance(view, QAbstractScrollArea) else view
        # A child of the view, not of its viewport: a scroll area moves its viewport's children
        # whenever it scrolls, which pushed the hint off-centre (half out of sight) at start-up.
        super().__init__(view)
        self.setObjectName("emptyHint")
        self.setText(text)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self._host = host
        host.installEventFilter(self)
        self._place()

    def set_shown(self, shown: bool) -> None:
        if shown != self.isVisibleTo(self._host):
            self.setVisible(shown)
        if shown:
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return super().eventFilter(watched, event)

    def _place(self) -> None:
        area = self._host.geometry() if self._host is not self.parentWidget() else self._host.rect()
        width = max(120, min(MAX_WIDTH, area.width() - 40))
        height = self.heightForWidth(width)
        self.setGeometry(area.center().x() - width // 2, area.center().y() - height // 2, width, max(height, 20))
