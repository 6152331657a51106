"""Zoomed out, the edges are one counted image at the view's scale (``canvas_overview``).

A class filter at overview zoom changes the counts of the pixels of the edges it hides or
shows and colours one image again: no edge tile is rebuilt or painted, nothing is rasterised
again. These tests hold the pictures to canvases built afresh and to the tiles' own drawing,
and check that what waited while the tiles were hidden is drawn once they show again.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from canvas_support import fitted_canvas
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.ui.canvas import canvas_overview, canvas_tiles
from explorer.ui.canvas.canvas_drawing import DETAIL_ZOOM
from explorer.ui.canvas.graph_canvas import GraphCanvasView

KEPT_CLASS, FILTERED_CLASS = "urn:Kept", "urn:Filtered"
LINKS = ["urn:p0", "urn:p1"]


def _cloud(without_class: str | None = None, moved: dict[str, tuple[float, float]] | None = None) -> Scene:
    """300 nodes spread wide (zoomed out when fitted), every fourth of another class, each linked to three others."""
    rng = random.Random(7)
    scene = Scene()
    corners = {0: (0.0, 0.0), 1: (6000.0, 6000.0)}  # the extent stays whatever is filtered
    for i in range(300):
        x, y = corners.get(i, (rng.uniform(0, 6000), rng.uniform(0, 6000)))
        x, y = (moved or {}).get(f"urn:n{i}", (x, y))
        class_iri = KEPT_CLASS if i % 4 or i in corners else FILTERED_CLASS
        if class_iri == without_class:
            continue
        scene.add_node(SceneNode(f"urn:n{i}", f"urn:n{i}", "", class_iri, "", x=x, y=y, color="#009E73", size=20.0))
    for i in range(300):
        for step in (1, 7, 40):
            source, target = f"urn:n{i}", f"urn:n{(i + step) % 300}"
            link = LINKS[step % 2]
            if source in scene.nodes and target in scene.nodes:
                scene.add_edge(SceneEdge(edge_id(source, link, target), source, target, link, ""))
    return scene


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)


def _picture(view: GraphCanvasView) -> np.ndarray:
    view.flush()
    return _pixels(view.viewport().grab().toImage())


def _shown(qtbot, scene: Scene) -> GraphCanvasView:
    view = fitted_canvas(qtbot, scene)
    assert view.transform().m11() < DETAIL_ZOOM
    assert view._overview_on and view.overview.isVisible()
    assert not any(tile.isVisible() for tile in view.edge_tiles.values())
    view.viewport().grab()  # painted once (a grab paints here; ``repaint`` of a widget under test may not)
    return view


def test_a_class_toggle_zoomed_out_touches_no_edge_tile_and_rasterises_nothing(qtbot, monkeypatch):
    scene = _cloud()
    view = _shown(qtbot, scene)
    full = _picture(view)
    built, painted = [], []
    real_build, real_paint = canvas_tiles.EdgeTileItem._build, canvas_tiles.EdgeTileItem.paint
    # Only this canvas's tiles count (the fresh canvases below build their own).
    monkeypatch.setattr(canvas_tiles.EdgeTileItem, "_build",
                        lambda tile: (tile.canvas is view and built.append(tile)) or real_build(tile))
    monkeypatch.setattr(canvas_tiles.EdgeTileItem, "paint",
                        lambda tile, *args: (tile.canvas is view and painted.append(tile)) or real_paint(tile, *args))
    rasterised = (view.overview.rasterised, view.overview.rows_rasterised)
    scene.set_class_filter({FILTERED_CLASS})
    QApplication.processEvents()  # the canvas's own catch-up after the event burst runs too
    view.viewport().grab()
    filtered = _pixels(view.viewport().grab().toImage())
    assert not built and not painted  # one image was coloured again; no tile cache was filled
    assert (view.overview.rasterised, view.overview.rows_rasterised) == rasterised
    assert np.abs(filtered - _picture(fitted_canvas(qtbot, _cloud(without_class=FILTERED_CLASS)))).max() <= 2
    assert np.abs(filtered - full).max() > 20
    scene.set_class_filter(set())
    QApplication.processEvents()
    view.viewport().grab()
    assert not built and not painted
    assert np.array_equal(_pixels(view.viewport().grab().toImage()), full)  # the counts came back exactly


def test_the_image_and_the_tiles_draw_the_same_lines(qtbot, monkeypatch):
    overview = _picture(_shown(qtbot, _cloud()))
    monkeypatch.setattr(canvas_overview, "OVERVIEW_MAX_PIXELS", 0)
    view = fitted_canvas(qtbot, _cloud())
    assert not view._overview_on and all(tile.isVisible() for tile in view.edge_tiles.values())
    tiles = _picture(view)
    # The same lines in the same pixels (tiles lay crossings of two link types on in another order: rounding).
    differ = np.abs(overview - tiles).max(axis=2) > 2
    assert differ.mean() < 0.002


def test_what_changed_while_the_image_drew_is_drawn_by_the_tiles_zoomed_in(qtbot):
    places = {"urn:n5": (3100.0, 2900.0), "urn:n8": (2950.0, 3120.0)}  # n8 is of the filtered class
    view = _shown(qtbot, _cloud())
    scene = view.scene_model
    scene.set_class_filter({FILTERED_CLASS})
    view.viewport().grab()
    for node_id, (x, y) in places.items():
        scene.move(node_id, x, y)
    view.viewport().grab()
    fresh = fitted_canvas(qtbot, _cloud(without_class=FILTERED_CLASS, moved=places))
    for canvas in (view, fresh):  # zoomed in around the moved nodes: the tiles draw
        canvas.set_zoom(0.4)
        canvas.centerOn(QPointF(3000.0, 3000.0))
        assert not canvas._overview_on and all(tile.isVisible() for tile in canvas.edge_tiles.values())
    assert np.abs(_picture(view) - _picture(fresh)).max() <= 2
    assert set(view.drawn_edges()) == set(fresh.drawn_edges())
    # Back out: the image again, with the lines where the nodes are now.
    scene.set_class_filter(set())
    for canvas in (view, fitted_canvas(qtbot, _cloud(moved=places))):
        canvas.fit_to_view()
        assert canvas._overview_on
    assert np.abs(_picture(view) - _picture(canvas)).max() <= 2


def test_highlighted_and_dragged_edges_leave_the_image(qtbot):
    view = _shown(qtbot, _cloud())
    scene = view.scene_model
    full = _picture(view)
    edge = scene.incident_edges("urn:n10")[0]
    scene.highlight([edge.id])
    lit = _picture(view)
    accent = view.colours.accent
    middle = view.mapFromScene(QPointF((scene.nodes[edge.source].x + scene.nodes[edge.target].x) / 2,
                                       (scene.nodes[edge.source].y + scene.nodes[edge.target].y) / 2))
    around = lit[middle.y() - 1:middle.y() + 2, middle.x() - 1:middle.x() + 2]
    assert (np.abs(around - np.array([accent.blue(), accent.green(), accent.red(), 255])).max(axis=2) <= 2).any()
    scene.highlight([])
    assert np.array_equal(_picture(view), full)
    # A drag lifts the node's edges into the live layer; dropped, they are counted at the new place.
    view._start_drag({"urn:n10"})
    scene.move("urn:n10", 2500.0, 2500.0)
    view._node_moved(scene.nodes["urn:n10"], with_edges=False)
    view.viewport().grab()
    view._end_drag()
    assert np.abs(_picture(view) - _picture(fitted_canvas(qtbot, _cloud(moved={"urn:n10": (2500.0, 2500.0)})))).max() <= 2


def test_exports_still_stroke_lines_and_the_image_comes_back(qtbot, tmp_path):
    view = _shown(qtbot, _cloud())
    target = tmp_path / "cloud.svg"
    view.render_to_svg(str(target))
    text = target.read_text(encoding="utf-8")
    assert "<image" not in text and ("<path" in text or "<polyline" in text)
    assert view._overview_on and not any(tile.isVisible() for tile in view.edge_tiles.values())


@pytest.mark.parametrize("dark", [False, True])
def test_light_and_dark_colour_the_same_counts(qtbot, dark):
    view = _shown(qtbot, _cloud())
    view.set_dark(dark)
    fresh = fitted_canvas(qtbot, _cloud())
    fresh.set_dark(dark)
    assert np.abs(_picture(view) - _picture(fresh)).max() <= 2
    background = view.colours.background
    assert (_picture(view)[5, 5][:3] == [background.blue(), background.green(), background.red()]).all()


def _same_state(scene: Scene) -> Scene:
    """A canvas's scene built afresh: the same places, hidden nodes and links, and filters."""
    fresh = _cloud()
    for node_id, node in scene.nodes.items():
        fresh.move(node_id, node.x, node.y)
        fresh.hide(node_id, node.hidden)
    for link_id, link in scene.edges.items():
        fresh.hide(link_id, link.hidden)
    fresh.set_class_filter(scene.hidden_classes)
    fresh.set_predicate_filter(scene.hidden_predicates)
    return fresh


@pytest.mark.parametrize(("seed", "compacted", "by_link_type"), [(3, False, True), (4, True, True), (5, False, False)])
def test_any_mix_of_changes_counts_the_same_picture_as_a_fresh_canvas(qtbot, monkeypatch, seed, compacted, by_link_type):
    if compacted:  # the pixels of moved lines' old places are dropped at once
        monkeypatch.setattr(canvas_overview, "STALE_PIXELS_KEPT", -10**9)
    if not by_link_type:  # as with more link types than are counted apart: a link-type filter counts its links' pixels
        monkeypatch.setattr(canvas_overview, "_MOST_GROUPS", 0)
    view = _shown(qtbot, _cloud())
    assert view.overview._grouped == by_link_type
    scene = view.scene_model
    rng = random.Random(seed)
    nodes, links = sorted(scene.nodes), sorted(scene.edges)
    for step in range(40):
        action = rng.randrange(5)
        if action == 0:
            scene.set_class_filter(set(rng.sample([KEPT_CLASS, FILTERED_CLASS], rng.randrange(2))))
        elif action == 1:
            scene.set_predicate_filter(set(rng.sample(LINKS, rng.randrange(3))))
        elif action == 2:
            node = rng.choice(nodes[2:])  # the corners stay: the same extent
            scene.hide(node, not scene.nodes[node].hidden)
        elif action == 3:
            link = rng.choice(links)
            scene.hide(link, not scene.edges[link].hidden)
        else:
            scene.move(rng.choice(nodes[2:]), rng.uniform(100, 5900), rng.uniform(100, 5900))
        view.viewport().grab()  # every step painted, and counted, on its own
        if action == 1 or step % 10 == 9:  # a link-type toggle adds or takes away counts kept by link type
            fresh = fitted_canvas(qtbot, _same_state(scene))
            view.fit_to_view()
            assert view._overview_on and fresh._overview_on
            assert np.abs(_picture(view) - _picture(fresh)).max() <= 2, step


def test_nodes_and_links_added_and_removed_while_zoomed_out_are_counted(qtbot):
    view = _shown(qtbot, _cloud())
    scene = view.scene_model
    view.viewport().grab()
    expected = _cloud()
    for target in (scene, expected):  # an expansion: new nodes linked to one parent, with a new link type
        for i in range(5):
            node_id = f"urn:new{i}"
            target.add_node(SceneNode(node_id, node_id, "", KEPT_CLASS, "", x=3000.0 + 80 * i, y=2000.0, color="#009E73",
                                      size=20.0))
            target.add_edge(SceneEdge(edge_id("urn:n10", "urn:p9", node_id), "urn:n10", node_id, "urn:p9", ""))
    view.viewport().grab()
    assert np.abs(_picture(view) - _picture(fitted_canvas(qtbot, expected))).max() <= 2
    for target in (scene, expected):  # one more link of a link type already there: its row is appended
        target.add_edge(SceneEdge(edge_id("urn:new0", LINKS[0], "urn:n200"), "urn:new0", "urn:n200", LINKS[0], ""))
    view.viewport().grab()
    assert np.abs(_picture(view) - _picture(fitted_canvas(qtbot, expected))).max() <= 2
    for target in (scene, expected):  # a node and its links removed
        target.remove("urn:n20")
    view.viewport().grab()
    view.fit_to_view()
    assert view._overview_on
    assert np.abs(_picture(view) - _picture(fitted_canvas(qtbot, expected))).max() <= 2
