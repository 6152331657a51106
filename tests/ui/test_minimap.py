"""View ▸ Mini-Map (Ctrl+M): an overview of every visible node in the canvas' corner, drawn from a cached
picture; a click or a drag there moves the view; its on/off state is remembered; light and dark."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QResizeEvent

from explorer.core.scene import Scene, SceneNode
from explorer.ui.canvas.graph_canvas import GraphCanvasView
from explorer.ui.canvas.minimap import MiniMap, MiniMapToggle

D = "https://w3id.org/kg-explorer/data/"
HUB = D + "Zhejiang5GIndustryAlliance"


def _ready(qtbot, minimap: MiniMap, rebuilds: int = 0) -> None:
    qtbot.waitUntil(lambda: minimap.rebuilds > rebuilds and not minimap.area.isEmpty(), timeout=5000)


def test_click_and_drag_on_the_minimap_move_the_view(qtbot, window):
    minimap = window.minimap_toggle.minimap
    assert not minimap.isVisible()  # nothing on the canvas yet
    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    _ready(qtbot, minimap)
    window.canvas.fit_to_view()
    assert not minimap.isVisible()  # everything in view: an overview would add nothing
    window.canvas.set_zoom(3.0)
    assert minimap.isVisible()  # part of the scene out of view
    viewport = window.canvas.viewport().geometry()
    assert viewport.contains(minimap.geometry())  # in the canvas' corner
    for target in (added[0], added[-1]):
        node = window.scene.nodes[target]
        point = minimap.to_minimap(QPointF(node.x, node.y)).toPoint()
        qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=point)
        centre = window.canvas.mapToScene(window.canvas.viewport().rect().center())
        assert abs(centre.x() - node.x) < 20 / minimap._scale and abs(centre.y() - node.y) < 20 / minimap._scale
        assert minimap.view_rect().contains(minimap.to_minimap(QPointF(node.x, node.y)))
    start = minimap.to_minimap(QPointF(window.scene.nodes[added[0]].x, window.scene.nodes[added[0]].y)).toPoint()
    qtbot.mousePress(minimap, Qt.MouseButton.LeftButton, pos=start)
    end = minimap.to_minimap(QPointF(window.scene.nodes[HUB].x, window.scene.nodes[HUB].y)).toPoint()
    qtbot.mouseMove(minimap, end)
    qtbot.mouseRelease(minimap, Qt.MouseButton.LeftButton, pos=end)
    centre = window.canvas.mapToScene(window.canvas.viewport().rect().center())
    hub = window.scene.nodes[HUB]
    assert abs(centre.x() - hub.x) < 20 / minimap._scale and abs(centre.y() - hub.y) < 20 / minimap._scale


def test_ctrl_m_toggles_it_and_the_choice_is_remembered(qtbot, window):
    toggle = window.minimap_toggle
    assert toggle.action.shortcut().toString() == "Ctrl+M" and toggle.action in window.menu("View").actions()
    window.show_on_canvas(HUB)
    window.expand_on_canvas(HUB)
    _ready(qtbot, toggle.minimap)
    window.canvas.set_zoom(3.0)
    assert toggle.action.isChecked() and toggle.minimap.isVisible()
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not toggle.action.isChecked() and not toggle.minimap.isVisible()
    again = MiniMapToggle(window)  # what the next start reads
    assert not again.action.isChecked()
    again.action.setChecked(True)
    assert MiniMapToggle(window).action.isChecked()


def test_a_large_scene_is_drawn_once_into_a_picture_and_painting_reuses_it(qtbot):
    scene = Scene()
    side = 224  # about 50,000 nodes
    colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
    for i in range(side * side):
        node_id = f"urn:n{i}"
        scene.nodes[node_id] = SceneNode(node_id, node_id, str(i), "", "", x=(i % side) * 60.0, y=(i // side) * 60.0,
                                         color=colours[i % len(colours)])
    scene.reindex()
    view = GraphCanvasView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.set_zoom(1.0)
    minimap = MiniMap(view)
    minimap.rebuild()
    assert minimap.isVisible() and not minimap.picture.isNull()
    for node in (scene.nodes["urn:n0"], scene.nodes[f"urn:n{side * side - 1}"]):  # the corner nodes are dots
        spot = (minimap.to_minimap(QPointF(node.x, node.y)) * minimap.picture.devicePixelRatio()).toPoint()
        around = {minimap.picture.pixelColor(spot.x() + dx, spot.y() + dy).name() for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
        assert set(colours) & around, around
    rebuilds = minimap.rebuilds
    for _ in range(20):
        minimap.repaint()
    assert minimap.rebuilds == rebuilds  # painting reuses the picture: no scene walk per frame
    # Light and dark: the frame follows the canvas colours.
    for dark in (False, True):
        view.set_dark(dark)
        image = minimap.grab().toImage()
        corner = image.pixelColor(image.width() // 2, 2)
        assert (corner.lightness() < 128) == dark


def test_a_minimap_whose_attributes_are_cleared_ignores_the_views_events(qtbot):
    """The collector clears a cyclic mini-map's attributes before Qt deletes its widget, which
    still filters its view's events (a resize or hide as the view closes) meanwhile."""
    view = GraphCanvasView(Scene())
    qtbot.addWidget(view)
    minimap = MiniMap(view)
    del minimap.view
    resized = QResizeEvent(QSize(640, 480), QSize(100, 100))
    assert minimap.eventFilter(view, resized) is False
