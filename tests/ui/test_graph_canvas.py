"""The graph canvas: mirrors the scene, mouse and keyboard interactions, level of detail, rendering."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id, more_node_id
from explorer.ui.canvas.canvas_drawing import DETAIL_ZOOM
from explorer.ui.canvas.graph_canvas import GraphCanvasView


def _scene() -> Scene:
    scene = Scene()
    scene.add_node(SceneNode("urn:a", "urn:a", "Alpha", "urn:C", "company", x=0, y=0, color="#0072B2", shape="round-rect"))
    scene.add_node(SceneNode("urn:b", "urn:b", "Beta 北京", "urn:D", "place", x=300, y=0, color="#F0E442", shape="hexagon"))
    scene.add_node(SceneNode("urn:c", "urn:c", "Gamma with a very long label that must be elided", "urn:D", "place",
                             x=0, y=250, color="#F0E442", shape="hexagon"))
    scene.add_node(SceneNode(more_node_id("urn:a"), "urn:a", "+7 more", "", "", x=-200, y=0, kind="more", more_count=7,
                             shape="round-rect", color="#bdbdbd"))
    scene.add_edge(SceneEdge(edge_id("urn:a", "urn:p", "urn:b"), "urn:a", "urn:b", "urn:p", "partnered with"))
    scene.add_edge(SceneEdge(edge_id("urn:c", "urn:q", "urn:a"), "urn:c", "urn:a", "urn:q", "located in"))
    scene.add_edge(SceneEdge(edge_id("urn:a", "", more_node_id("urn:a")), "urn:a", more_node_id("urn:a"), "", ""))
    return scene


@pytest.fixture
def canvas(qtbot):
    view = GraphCanvasView(_scene())
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_view()
    return view


def _view_point(canvas: GraphCanvasView, node_id: str) -> QPoint:
    node = canvas.scene_model.nodes[node_id]
    return canvas.mapFromScene(QPointF(node.x, node.y))


def _mouse(canvas, kind, point: QPoint, button=Qt.MouseButton.LeftButton, buttons=None):
    buttons = button if buttons is None else buttons
    event = QMouseEvent(kind, QPointF(point), QPointF(canvas.viewport().mapToGlobal(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.viewport(), event)


def test_items_mirror_the_scene(canvas, qtbot):
    scene = canvas.scene_model
    assert set(canvas.node_items) == set(scene.nodes)
    assert len(canvas.drawn_edges()) == 3
    scene.add_node(SceneNode("urn:d", "urn:d", "Delta", "", "", x=50, y=50))
    assert "urn:d" in canvas.node_items
    scene.set_positions({"urn:d": (400.0, 400.0)})
    assert canvas.node_items["urn:d"].pos() == QPointF(400, 400)
    qtbot.waitUntil(lambda: canvas.sceneRect().contains(QPointF(400, 400)))
    scene.remove("urn:b")
    assert "urn:b" not in canvas.node_items
    qtbot.waitUntil(lambda: len(canvas.drawn_edges()) == 2)
    scene.clear()
    canvas.flush()
    assert canvas.node_items == {} and canvas.drawn_edges() == {}


def test_click_selects_and_activates(canvas, qtbot):
    point = _view_point(canvas, "urn:b")
    with qtbot.waitSignal(canvas.sig_node_activated) as activated, qtbot.waitSignal(canvas.sig_selection_changed) as selection:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert activated.args == ["urn:b"]
    assert selection.args == [["urn:b"]]
    assert canvas.selected_entities() == ["urn:b"]


def test_double_click_asks_to_expand_or_for_the_full_list(canvas, qtbot):
    with qtbot.waitSignal(canvas.sig_node_expand_requested) as expand:
        qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=_view_point(canvas, "urn:a"))
    assert expand.args == ["urn:a"]
    with qtbot.waitSignal(canvas.sig_more_requested) as more:
        qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=_view_point(canvas, more_node_id("urn:a")))
    assert more.args == ["urn:a"]


def test_drag_moves_the_scene_node_and_can_pin(canvas, qtbot):
    canvas.pin_on_drag = True
    start = _view_point(canvas, "urn:c")
    end = start + QPoint(60, -40)
    changed = []
    canvas.scene_model.events.connect("node_changed", changed.append)
    _mouse(canvas, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 6):
        _mouse(canvas, QEvent.Type.MouseMove, start + (end - start) * step / 5, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    node = canvas.scene_model.nodes["urn:c"]
    expected = canvas.mapToScene(end) - canvas.mapToScene(start)
    assert node.x == pytest.approx(expected.x(), abs=3)
    assert node.y == pytest.approx(250 + expected.y(), abs=3)
    assert node.pinned
    assert changed  # the scene announced the move, and the canvas did not loop on it
    assert canvas.node_items["urn:c"].pos() == QPointF(node.x, node.y)
    # The edge tiles follow the dragged node.
    start, _, _, _ = canvas.drawn_edges()[edge_id("urn:c", "urn:q", "urn:a")]
    assert start == (node.x, node.y)


def test_rubber_band_selects_several(canvas, qtbot):
    canvas.set_zoom(1.0)
    canvas.center_on("urn:a")
    top_left = _view_point(canvas, "urn:a") + QPoint(-60, -60)
    bottom_right = _view_point(canvas, "urn:c") + QPoint(60, 60)
    _mouse(canvas, QEvent.Type.MouseButtonPress, top_left)
    _mouse(canvas, QEvent.Type.MouseMove, (top_left + bottom_right) / 2, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseMove, bottom_right, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, bottom_right, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    assert canvas.selected_entities() == ["urn:a", "urn:c"]


def test_context_menu_names_the_entity(canvas, qtbot):
    from PySide6.QtGui import QContextMenuEvent

    point = _view_point(canvas, "urn:a")
    with qtbot.waitSignal(canvas.sig_context_menu) as menu:
        canvas.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, canvas.viewport().mapToGlobal(point)))
    assert menu.args[0] == "urn:a"
    with qtbot.waitSignal(canvas.sig_context_menu) as menu:
        canvas.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2), QPoint(2, 2)))
    assert menu.args[0] is None


def test_zoom_fit_and_keyboard(canvas, qtbot):
    fitted = canvas.zoom
    canvas.zoom_in()
    assert canvas.zoom == pytest.approx(fitted * 1.25)
    canvas.zoom_out()
    canvas.zoom_out()
    assert canvas.zoom < fitted
    qtbot.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom > fitted
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom == pytest.approx(fitted)
    visible = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    for node in canvas.scene_model.nodes.values():
        assert visible.contains(QPointF(node.x, node.y))
    canvas.set_zoom(1.0)
    before = canvas.horizontalScrollBar().value()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.horizontalScrollBar().value() > before


def test_wheel_zooms_around_the_cursor(canvas, qtbot):
    from PySide6.QtGui import QWheelEvent

    canvas.set_zoom(1.0)
    point = _view_point(canvas, "urn:b")
    anchor = canvas.mapToScene(point)
    event = QWheelEvent(QPointF(point), QPointF(canvas.viewport().mapToGlobal(point)), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    canvas.wheelEvent(event)
    assert canvas.zoom == pytest.approx(1.25)
    after = canvas.mapToScene(point)
    assert abs(after.x() - anchor.x()) < 2 and abs(after.y() - anchor.y()) < 2


def test_zoomed_out_switches_to_bulk_painting_and_hides_labels(canvas):
    canvas.set_zoom(1.0)
    assert canvas.detail and "urn:a" in canvas.node_items
    assert not any(tile.isVisible() for tile in canvas.node_tiles.values())
    canvas.set_zoom(DETAIL_ZOOM / 3)
    assert not canvas.detail and canvas.node_items == {}  # no items at all: the node tiles draw every node
    assert all(tile.isVisible() for tile in canvas.node_tiles.values())
    # Still clickable while drawn in bulk.
    assert canvas.node_at(_view_point(canvas, "urn:a")) == "urn:a"
    assert canvas.node_at(QPoint(2, 2)) is None
    canvas.set_zoom(1.0)
    assert "urn:a" in canvas.node_items
    assert not any(tile.isVisible() for tile in canvas.node_tiles.values())


def test_labels_stay_readable_when_zoomed_out(canvas):
    """Text is never drawn smaller than the label layer's minimum, however far out the view is."""
    from explorer.ui.canvas.canvas_labels import MIN_TEXT_PIXELS

    for zoom in (1.5, 0.5, 0.2):
        canvas.set_zoom(zoom)
        canvas.center_on("urn:b")
        canvas.grab()
        drawn = {item_id: pieces[0] for kind, item_id, _, _, pieces, _ in canvas.label_layer.drawn if kind == "node"}
        assert "urn:b" in drawn
        assert drawn["urn:b"][3] - drawn["urn:b"][1] >= MIN_TEXT_PIXELS


def test_long_labels_are_elided_keeping_their_end(canvas):
    canvas.grab()
    texts = {item_id: text for kind, item_id, _, text, _, _ in canvas.label_layer.drawn if kind == "node"}
    assert texts["urn:b"] == "Beta 北京"
    assert "…" in texts["urn:c"] and texts["urn:c"].endswith("must be elided")
    assert canvas.node_items["urn:c"].toolTip().startswith("Gamma with a very long label that must be elided")


def test_filters_hide_items_and_their_edges(canvas):
    scene = canvas.scene_model
    scene.set_class_filter({"urn:D"})
    canvas.flush()
    assert not canvas.node_items["urn:b"].isVisible()
    assert not canvas.node_items["urn:c"].isVisible()
    assert canvas.node_items["urn:a"].isVisible()
    assert list(canvas.drawn_edges()) == [edge_id("urn:a", "", more_node_id("urn:a"))]
    scene.set_class_filter(set())
    scene.set_predicate_filter({"urn:p"})
    canvas.flush()
    assert canvas.node_items["urn:b"].isVisible()
    assert edge_id("urn:a", "urn:p", "urn:b") not in canvas.drawn_edges()
    scene.hide("urn:a")
    assert not canvas.node_items["urn:a"].isVisible()
    assert not canvas.node_items[more_node_id("urn:a")].isVisible()


def test_highlighted_path_is_drawn_in_the_accent_colour(canvas):
    scene = canvas.scene_model
    path_edge = edge_id("urn:a", "urn:p", "urn:b")
    scene.highlight(["urn:a", "urn:b", path_edge])
    drawn = canvas.drawn_edges()
    assert [e for e, (_, _, _, lit) in drawn.items() if lit] == [path_edge]
    assert len(drawn) == 3
    canvas.set_zoom(1.0)
    canvas.center_on("urn:a")
    image = canvas.grab().toImage()
    middle = canvas.mapFromScene(QPointF(150, 0))
    accent = canvas.colours.accent
    near = [image.pixelColor(middle.x(), middle.y() + dy) for dy in range(-3, 4)]
    assert any(abs(c.red() - accent.red()) < 40 and abs(c.green() - accent.green()) < 40 and abs(c.blue() - accent.blue()) < 40
               for c in near)


def test_dark_mode_changes_the_background(canvas):
    canvas.set_dark(True)
    assert canvas.grab().toImage().pixelColor(3, 3).lightness() < 60
    canvas.set_dark(False)
    assert canvas.grab().toImage().pixelColor(3, 3).lightness() > 200


def test_render_to_image_svg_and_pdf(canvas, tmp_path):
    canvas.select(["urn:a"])
    image = canvas.render_to_image(640, 400, 2.0)
    assert (image.width(), image.height()) == (1280, 800)
    assert image.devicePixelRatio() == 2.0
    background = image.pixelColor(0, 0)
    colours = {image.pixelColor(x, y).name() for x in range(0, 1280, 7) for y in range(0, 800, 7)}
    assert len(colours) > 5 and background.name() in colours
    assert "#0072b2" in colours  # the company node's class colour
    assert canvas.selected_entities() == ["urn:a"]  # exporting does not lose the selection
    svg = tmp_path / "graph.svg"
    canvas.render_to_svg(str(svg))
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "Alpha" in text
    pdf = tmp_path / "graph.pdf"
    canvas.render_to_pdf(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_render_to_image_without_size_uses_the_graph_extent(canvas):
    image = canvas.render_to_image()
    assert isinstance(image, QImage) and image.width() > 400 and image.height() > 250


def test_set_scene_follows_the_new_scene_only(canvas):
    old = canvas.scene_model
    new = Scene()
    canvas.set_scene(new)
    assert canvas.node_items == {}
    old.add_node(SceneNode("urn:z", "urn:z", "Z", "", ""))
    assert "urn:z" not in canvas.node_items
    new.add_node(SceneNode("urn:y", "urn:y", "Y", "", ""))
    assert "urn:y" in canvas.node_items


def test_the_qt_binding_keeps_none_alive_through_void_calls():
    """PySide6-Essentials 6.12.0 drops a reference to None on every void call (``setX``,
    ``setPen`` …); on Python 3.11 a few seconds of drawing then abort the interpreter.
    pyproject excludes that release; this catches any other release that does the same."""
    import sys

    from PySide6.QtCore import QObject, QRectF

    rect, named = QRectF(), QObject()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        rect.setX(1.0)
        named.setObjectName("probe")
    # Other threads may take or drop a few references meanwhile; a leak would be ~4,000.
    assert abs(sys.getrefcount(None) - before) < 100


# ---------------------------------------------------------------------- legend
def test_legend_lists_classes_with_counts_and_drives_the_filters(qtbot):
    from explorer.ui.legend.legend import LegendWidget

    scene = _scene()
    legend = LegendWidget(scene)
    qtbot.addWidget(legend)
    rows = legend.rows()
    assert rows[:2] == [("class", "urn:D", True), ("class", "urn:C", True)]  # "place" has 2 nodes, "company" 1
    assert ("predicate", "urn:p", True) in rows and ("predicate", "urn:q", True) in rows
    assert legend.row_for("urn:D").text(0) == "Place  (2)"  # capitalised like the Browser's class tree
    assert not legend.row_for("urn:D").icon(0).isNull()
    legend.row_for("urn:D").setCheckState(0, Qt.CheckState.Unchecked)
    assert scene.hidden_classes == {"urn:D"}
    legend.row_for("urn:q").setCheckState(0, Qt.CheckState.Unchecked)
    assert scene.hidden_predicates == {"urn:q"}
    qtbot.mouseClick(legend.show_all_button, Qt.MouseButton.LeftButton)
    assert scene.hidden_classes == set() and scene.hidden_predicates == set()
    qtbot.waitUntil(lambda: all(ticked for _, _, ticked in legend.rows()))
    scene.add_node(SceneNode("urn:e", "urn:e", "Epsilon", "urn:E", "hospital", color="#009E73"))
    qtbot.waitUntil(lambda: legend.row_for("urn:E") is not None)
    assert legend.row_for("urn:E").text(0) == "Hospital  (1)"


# ---------------------------------------------------------------------- big scenes
def _grid_scene(nodes: int, spacing: float = 60.0, links_per_node: int = 2) -> Scene:
    """A big scene laid out on a grid, each node linked to a few near neighbours (no layout run needed)."""
    import numpy as np

    side = int(np.ceil(np.sqrt(nodes)))
    rng = np.random.default_rng(7)
    scene = Scene()
    with scene.events.blocked():
        for i in range(nodes):
            scene.add_node(SceneNode(f"urn:n{i}", f"urn:n{i}", f"Node {i}", f"urn:K{i % 5}", f"kind {i % 5}",
                                     x=(i % side) * spacing, y=(i // side) * spacing, color=f"#{(i % 5) * 40:02x}7090"))
        for i in range(nodes):
            for step in rng.integers(1, side + 2, size=links_per_node).tolist():
                j = (i + step) % nodes
                if j != i:
                    predicate = f"urn:p{(i + j) % 4}"
                    scene.add_edge(SceneEdge(edge_id(f"urn:n{i}", predicate, f"urn:n{j}"), f"urn:n{i}", f"urn:n{j}", predicate, "links to"))
    return scene


@pytest.fixture
def big_canvas(qtbot):
    def make(nodes: int, links_per_node: int = 2) -> GraphCanvasView:
        view = GraphCanvasView(_grid_scene(nodes, links_per_node=links_per_node))
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        view.fit_to_view()
        view.viewport().repaint()
        return view

    return make


def test_50k_nodes_zoomed_out_are_drawn_in_bulk_and_still_clickable(big_canvas, qtbot):
    canvas = big_canvas(50_000, links_per_node=1)
    scene = canvas.scene_model
    assert not canvas.detail
    assert canvas.node_items == {}  # Qt has no node items to walk on each repaint
    assert [item for item in canvas.graphics_scene.items() if item.__class__.__name__ == "NodeItem"] == []
    assert canvas.node_tiles and all(tile.isVisible() for tile in canvas.node_tiles.values())
    # A click on a node drawn in bulk selects and activates it, through the hit index.
    target = "urn:n25125"
    with qtbot.waitSignal(canvas.sig_node_activated) as activated:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=_view_point(canvas, target))
    assert activated.args == [target]
    assert canvas.selected_entities() == [target]
    # A click on empty background clears the selection.
    corner = canvas.mapFromScene(QPointF(-200, -200))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    assert canvas.selected_entities() == []
    # Zooming in makes items only for the region in view (and a margin), labels and all.
    canvas.set_zoom(1.0)
    canvas.center_on(target)
    assert canvas.detail
    view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    in_view = [n.id for n in scene.nodes.values() if view.contains(QPointF(n.x, n.y))]
    assert in_view and all(node_id in canvas.node_items for node_id in in_view)
    assert len(canvas.node_items) < len(scene.nodes) // 20
    # Panning far away makes the items there and drops the ones left behind.
    canvas.center_on("urn:n0")
    assert "urn:n0" in canvas.node_items and target not in canvas.node_items


def test_bulk_mode_drag_double_click_and_rubber_band(big_canvas, qtbot):
    canvas = big_canvas(5_000)
    scene = canvas.scene_model
    assert not canvas.detail
    node = scene.nodes["urn:n2535"]
    x0, y0 = node.x, node.y
    start = _view_point(canvas, node.id)
    end = start + QPoint(40, 30)
    _mouse(canvas, QEvent.Type.MouseButtonPress, start)
    for step in range(1, 5):
        _mouse(canvas, QEvent.Type.MouseMove, start + (end - start) * step / 4, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    moved = canvas.mapToScene(end) - canvas.mapToScene(start)
    assert node.x == pytest.approx(x0 + moved.x(), abs=1.0 / canvas.zoom + 1)
    assert node.y == pytest.approx(y0 + moved.y(), abs=1.0 / canvas.zoom + 1)
    assert canvas.node_at(end) == node.id
    assert all(canvas.drawn_edges()[e.id][0 if e.source == node.id else 1] == (node.x, node.y)
               for e in scene.incident_edges(node.id) if scene.is_edge_visible(e))
    with qtbot.waitSignal(canvas.sig_node_expand_requested) as expand:
        qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert expand.args == [node.id]
    # A rubber band over empty-looking squares selects the nodes under it.
    top_left = canvas.mapFromScene(QPointF(-45, -25))  # between nodes: the press starts a rubber band, not a drag
    bottom_right = canvas.mapFromScene(QPointF(130, 70))  # columns 0–2 of rows 0–1
    _mouse(canvas, QEvent.Type.MouseButtonPress, top_left)
    _mouse(canvas, QEvent.Type.MouseMove, (top_left + bottom_right) / 2, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseMove, bottom_right, Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, bottom_right, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    assert canvas.selected_entities() == ["urn:n0", "urn:n1", "urn:n2", "urn:n71", "urn:n72", "urn:n73"]


def test_a_change_at_5k_rebuilds_only_the_tiles_it_touches(big_canvas):
    canvas = big_canvas(5_000)
    scene = canvas.scene_model
    tiles = len(canvas.edge_tiles) + len(canvas.node_tiles)
    assert tiles >= 40

    def rebuilt_by(change) -> int:
        canvas.flush()
        canvas.viewport().repaint()
        before = canvas.tiles_rebuilt
        change()
        canvas.flush()
        canvas.viewport().repaint()
        return canvas.tiles_rebuilt - before

    node = scene.nodes["urn:n2535"]
    assert rebuilt_by(lambda: scene.move(node.id, node.x + 7, node.y)) <= 6
    assert 1 <= rebuilt_by(lambda: canvas.select([node.id])) <= 1  # zoomed out: the node's own tile
    assert rebuilt_by(lambda: scene.hide(node.id)) <= 6
    some_edge = scene.incident_edges("urn:n100")[0].id
    assert rebuilt_by(lambda: scene.highlight([some_edge])) == 1
    assert rebuilt_by(lambda: scene.hide(some_edge)) == 1
    # Everything really changes: a layout of every node rebuilds every tile in use, once.
    everything = rebuilt_by(lambda: scene.set_positions({n.id: (n.x + 1.0, n.y) for n in scene.nodes.values()}))
    assert everything >= tiles // 2


def test_opposite_and_parallel_edges_are_bent_apart(qtbot):
    scene = Scene()
    scene.add_node(SceneNode("urn:a", "urn:a", "Alpha", "", "", x=0, y=0))
    scene.add_node(SceneNode("urn:b", "urn:b", "Beta", "", "", x=300, y=0))
    scene.add_node(SceneNode("urn:c", "urn:c", "Gamma", "", "", x=0, y=300))
    forward = scene.add_edge(SceneEdge(edge_id("urn:a", "urn:p", "urn:b"), "urn:a", "urn:b", "urn:p", "supplies"))
    lone = scene.add_edge(SceneEdge(edge_id("urn:a", "urn:p", "urn:c"), "urn:a", "urn:c", "urn:p", "supplies"))
    view = GraphCanvasView(scene)
    qtbot.addWidget(view)
    assert view.edge_bend(forward) == 0.0
    backward = scene.add_edge(SceneEdge(edge_id("urn:b", "urn:q", "urn:a"), "urn:b", "urn:a", "urn:q", "buys from"))
    middle_forward = view.edge_path(forward.id).pointAtPercent(0.5)
    middle_backward = view.edge_path(backward.id).pointAtPercent(0.5)
    assert abs(middle_forward.y() - middle_backward.y()) > 20  # on opposite sides of the straight line y = 0
    assert middle_forward.y() * middle_backward.y() < 0
    assert view.edge_path(lone.id).pointAtPercent(0.5).x() == pytest.approx(0.0)  # a lone edge stays straight
    third = scene.add_edge(SceneEdge(edge_id("urn:a", "urn:r", "urn:b"), "urn:a", "urn:b", "urn:r", "owns"))
    middles = {round(view.edge_path(e.id).pointAtPercent(0.5).y()) for e in (forward, backward, third)}
    assert len(middles) == 3
    drawn = view.drawn_edges()
    assert all(drawn[e.id][2] == view.edge_bend(e) for e in (forward, backward, third)) and drawn[lone.id][2] == 0.0
    scene.remove(third.id)
    scene.remove(backward.id)
    assert view.edge_bend(forward) == 0.0


def test_zoomed_out_tooltips_name_the_node_under_the_pointer(canvas, qtbot):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    canvas.set_zoom(DETAIL_ZOOM / 3)
    point = _view_point(canvas, "urn:b")
    QApplication.sendEvent(canvas.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, canvas.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("Beta 北京\nplace")


def test_fit_leaves_room_for_the_labels_of_the_outermost_nodes(qtbot):
    from explorer.ui.canvas.canvas_drawing import LABEL_WIDTH

    scene = Scene()
    scene.add_node(SceneNode("urn:left", "urn:left", "5G-enabled remote healthcare services", "", "", x=0, y=0))
    scene.add_node(SceneNode("urn:right", "urn:right", "Zhejiang 5G industry alliance", "", "", x=400, y=0))
    canvas = GraphCanvasView(scene)
    qtbot.addWidget(canvas)
    canvas.resize(640, 400)
    canvas.show()
    canvas.fit_to_view()
    view = canvas.viewport().rect()
    for x in (0 - LABEL_WIDTH / 2, 400 + LABEL_WIDTH / 2):
        assert view.contains(canvas.mapFromScene(QPointF(x, 0)))
