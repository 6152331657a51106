"""The canvas keeps most of a 1280×800 window with the bottom panels open, and a very long message in a
panel wraps inside it: the window never widens."""

from __future__ import annotations

import pytest

from explorer.ui.common.wrapping_label import MAX_LINES, WrappingLabel


def _settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.canvas.isVisible(), timeout=5000)
    qtbot.wait(0)  # let the dock layout apply (an event turn, not a sleep)


def test_canvas_keeps_most_of_the_window_with_paths_and_validation_open(qtbot, window):
    window.resize(1280, 800)
    for dock in (window.paths_dock, window.validation_dock):
        dock.show()
        dock.raise_()
        _settle(qtbot, window)
        canvas = window.canvas.geometry()
        assert canvas.width() >= 0.6 * window.width(), (dock.objectName(), canvas)
        assert canvas.height() >= 0.6 * window.height(), (dock.objectName(), canvas)
    # The bottom panels share one place (tabs), not a slice each.
    assert window.paths_dock in window.tabifiedDockWidgets(window.validation_dock)


@pytest.mark.parametrize("text", ["x" * 5000, "word " * 2000, "https://example.org/" + "a/" * 2000])
def test_a_very_long_message_in_a_panel_never_widens_the_window(qtbot, window, text):
    window.resize(1280, 800)
    window.paths_dock.show()
    window.validation_dock.show()
    _settle(qtbot, window)
    width, canvas_height = window.width(), window.canvas.height()
    for label in (window.paths_panel.summary, window.validation_panel.summary):
        assert isinstance(label, WrappingLabel)
        label.setText(text)
        label.parentWidget().adjustSize()
        _settle(qtbot, window)
        assert window.width() == width
        assert label.height() <= label.fontMetrics().lineSpacing() * (MAX_LINES + 1)
        assert label.text() == text and label.toolTip() == text
    window.statusBar().showMessage(text)
    window.show_error(text[:3000], "Long")
    _settle(qtbot, window)
    assert window.width() == width and window.canvas.height() >= canvas_height - 5
