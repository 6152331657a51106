"""A measure-driven restyle redraws the canvas exactly as a canvas built afresh on the restyled scene."""

from __future__ import annotations

from canvas_support import fitted_canvas
from PySide6.QtGui import QImage

from explorer.core.analysis.styling import MeasureStyle, RestyleCanvas
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.ui.canvas.canvas_drawing import DETAIL_ZOOM
from explorer.ui.canvas.graph_canvas import GraphCanvasView


def _scene() -> Scene:
    """Four hundred nodes on a grid, wide enough that the fitted view is zoomed out to the node tiles."""
    scene = Scene()
    for i in range(400):
        node_id = f"urn:n{i}"
        scene.add_node(SceneNode(node_id, node_id, f"N{i}", "urn:C", "company", x=(i % 20) * 90.0, y=(i // 20) * 90.0,
                                 color="#0072B2"))
    for i in range(399):
        source, target = f"urn:n{i}", f"urn:n{i + 1}"
        scene.add_edge(SceneEdge(edge_id(source, "urn:p", target), source, target, "urn:p", "next"))
    return scene


def _style() -> MeasureStyle:
    return MeasureStyle.build(size_by="pagerank", sizes={f"urn:n{i}": float(i % 37) for i in range(400)},
                              color_by="community", colors={f"urn:n{i}": float(i % 11) for i in range(0, 400, 3)})


def _settled(view: GraphCanvasView) -> QImage:
    view.fit_to_view()  # a restyle changes sizes, so every view fits the same extent before the comparison
    view.flush()
    return view.viewport().grab().toImage()


def _picture(qtbot, scene: Scene, restyle_after_showing: bool) -> tuple[QImage, GraphCanvasView]:
    view = fitted_canvas(qtbot, scene)
    if restyle_after_showing:
        RestyleCanvas(scene, _style()).redo()
    return _settled(view), view


def test_restyle_redraws_what_a_fresh_canvas_draws(qtbot):
    restyled_image, restyled = _picture(qtbot, _scene(), restyle_after_showing=True)
    fresh_scene = _scene()
    RestyleCanvas(fresh_scene, _style()).redo()
    fresh_image, fresh = _picture(qtbot, fresh_scene, restyle_after_showing=False)
    assert restyled.transform().m11() < DETAIL_ZOOM  # the node tiles drew the nodes, not one item per node
    assert {n.size for n in restyled.scene_model.nodes.values()} != {n.size for n in _scene().nodes.values()}
    assert restyled_image.size() == fresh_image.size()
    assert restyled_image == fresh_image

    # Undo goes back, pixel for pixel, to the canvas as first drawn.
    plain_image, _ = _picture(qtbot, _scene(), restyle_after_showing=False)
    assert restyled_image != plain_image
    command = RestyleCanvas(fresh_scene, None)
    command.redo()
    command.undo()
    assert _settled(fresh) == fresh_image
    RestyleCanvas(fresh.scene_model, None).redo()
    assert _settled(fresh) == plain_image
