"""The centred hint over an empty view stays centred whatever the view does."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from explorer.ui.common.empty_state import HintOverlay


def test_hint_stays_centred_when_the_view_scrolls_and_resizes(qtbot):
    scene = QGraphicsScene(0, 0, 4000, 3000)
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    view.resize(700, 500)
    hint = HintOverlay(view, "Nothing on the canvas yet")
    view.show()
    qtbot.waitExposed(view)

    def centred() -> bool:
        offset = hint.geometry().center() - view.viewport().geometry().center()
        return abs(offset.x()) <= 1 and abs(offset.y()) <= 1  # whole pixels: halves round either way

    qtbot.waitUntil(centred)
    view.horizontalScrollBar().setValue(1500)  # a scroll area moves its viewport's children
    view.verticalScrollBar().setValue(900)
    assert centred() and hint.geometry().left() >= 0 and hint.geometry().top() >= 0
    view.resize(900, 640)
    qtbot.waitUntil(centred)
