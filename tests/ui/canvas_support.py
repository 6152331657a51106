"""What the canvas drawing tests share: a canvas shown, fitted and painted once."""

from __future__ import annotations

from explorer.core.scene import Scene
from explorer.ui.canvas.graph_canvas import GraphCanvasView


def fitted_canvas(qtbot, scene: Scene) -> GraphCanvasView:
    """``scene`` on a 900×700 canvas, fitted to the view, with every pending change drawn."""
    view = GraphCanvasView(scene)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_view()
    view.flush()
    view.viewport().repaint()
    return view
