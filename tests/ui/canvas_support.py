"""What the canvas drawing tests share: a canvas shown, fitted and painted once."""

from __future__ import annotations

from explorer.core.scene import Scene
from explorer.ui.canvas.graph_canvas import GraphCanvasView


def fitted_canvas(qtbot, scene: Scene, width: int = 900, height: int = 700, *, closed_by_qtbot: bool = True) -> GraphCanvasView:
    """``scene`` on a ``width`` × ``height`` canvas, fitted to the view, with every pending change drawn.

    ``closed_by_qtbot=False`` for a test that deletes the canvas itself.
    """
    view = GraphCanvasView(scene)
    if closed_by_qtbot:
        qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_view()
    view.flush()
    view.viewport().repaint()
    return view


def destroy(qtbot, widget) -> None:
    """Close and delete ``widget`` as Qt does (later, from the event loop), and wait until it is gone."""
    gone = []
    widget.destroyed.connect(lambda *_: gone.append(True))  # not waitSignal: it disconnects from a deleted object
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(gone))
