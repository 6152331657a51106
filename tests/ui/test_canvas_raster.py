"""Zoomed out, the tiles fill their caches from numpy: the same lines and squares Qt would draw.

A class filter on a big canvas redraws every tile; the hair-lines and squares are rasterised
as arrays (``canvas_raster``) and each tile keeps its members' pixels, so a filter only picks
which are drawn. These tests hold the pictures to Qt's own drawing, and the drawn pixels to
what the filters say.
"""

from __future__ import annotations

import math
import random
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from canvas_support import destroy, fitted_canvas
from PySide6.QtCore import QLineF
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.ui.canvas import canvas_overview, canvas_raster, canvas_tiles
from explorer.ui.canvas.canvas_drawing import DETAIL_ZOOM
from explorer.ui.canvas.canvas_raster import hairline_image, hairline_pixels
from explorer.ui.canvas.graph_canvas import GraphCanvasView

HUB_CLASS, SPOKE_CLASS = "urn:Hub", "urn:Spoke"


def _qt_line(line: list[float], size: int, colour: QColor) -> np.ndarray:
    """The ARGB32 premultiplied pixels of one aliased cosmetic hair-line stroked by Qt."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    pen = QPen(colour, 1.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    painter.drawLine(QLineF(*line))
    painter.end()
    return np.frombuffer(image.constBits(), dtype=np.uint32).reshape(size, size).copy()


def test_numpy_hair_lines_take_the_pixels_qt_strokes(qapp):
    rng = np.random.default_rng(3)
    shared = union = 0
    for line in (rng.random((150, 4)) * 60 + 2).tolist():
        qt = set(np.flatnonzero(_qt_line(line, 70, QColor("black"))).tolist())
        pixels, counts = hairline_pixels(np.array([line]), (1.0, 1.0), (0.0, 0.0), 70, 70)
        ours = set(pixels.tolist())
        assert len(ours) == len(pixels) == int(counts.sum())  # one pixel a step, none twice
        shared, union = shared + len(qt & ours), union + len(qt | ours)
    # Off by one pixel at most here and there (where a line passes a pixel corner): the same lines.
    assert shared / union > 0.75


def test_lines_leaving_the_image_are_cut_at_its_edge(qapp):
    lines = np.array([[-50.0, 10.0, 120.0, 30.0], [5.0, 5.0, 5.0, 500.0], [200.0, 200.0, 300.0, 250.0]])
    pixels, counts = hairline_pixels(lines, (1.0, 1.0), (0.0, 0.0), 100, 80)
    assert pixels.min() >= 0 and pixels.max() < 100 * 80
    assert counts.tolist() == [100, 75, 0]  # per line, only what lies in the image
    rows, columns = np.divmod(pixels[:100], 100)
    assert sorted(columns.tolist()) == list(range(100)) and rows.min() >= 10 and rows.max() <= 30


def test_crossing_lines_darken_as_when_qt_draws_them_one_after_the_other(qapp):
    colour = QColor(90, 90, 90, 130)
    lines = [[2.0, 20.5, 38.0, 20.5], [20.5, 2.0, 20.5, 38.0]]
    pixels, _ = hairline_pixels(np.array(lines), (1.0, 1.0), (0.0, 0.0), 40, 40)
    image, held = hairline_image(pixels, 2, 40, 40, colour)
    ours = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(40, 40)
    qt = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    qt.fill(0)
    painter = QPainter(qt)
    pen = QPen(colour, 1.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    for line in lines:
        painter.drawLine(QLineF(*line))
    painter.end()
    theirs = np.frombuffer(qt.constBits(), dtype=np.uint32).reshape(40, 40)
    def channels(value: int) -> np.ndarray:
        return np.array([(int(value) >> shift) & 0xFF for shift in (24, 16, 8, 0)])

    # Laid on twice, as Qt does (up to rounding), and darker than one line.
    assert np.abs(channels(ours[20, 20]) - channels(theirs[20, 20])).max() <= 1
    assert np.abs(channels(ours[20, 5]) - channels(theirs[20, 5])).max() <= 1
    assert channels(ours[20, 20])[0] > channels(ours[20, 5])[0]
    del held


def _spokes() -> Scene:
    """A hub and twelve spokes far out (zoomed out when fitted), every other spoke's end of another class."""
    scene = Scene()
    scene.add_node(SceneNode("urn:hub", "urn:hub", "", HUB_CLASS, "hub", x=0.0, y=0.0, color="#0072B2", size=20.0))
    for i in range(12):
        angle = 2 * math.pi * i / 12
        node_id = f"urn:s{i}"
        scene.add_node(SceneNode(node_id, node_id, "", SPOKE_CLASS if i % 2 else HUB_CLASS, "spoke",
                                 x=3000 * math.cos(angle), y=3000 * math.sin(angle), color="#D55E00", size=20.0))
        scene.add_edge(SceneEdge(edge_id("urn:hub", "urn:p", node_id), "urn:hub", node_id, "urn:p", ""))
    return scene


def _ink_along(view: GraphCanvasView, image: QImage, target: str) -> list[bool]:
    """For points from 20 % to 80 % of the way from the hub to ``target``: is anything there but background?"""
    nodes = view.scene_model.nodes
    background = QColor(view.colours.background).rgb()
    hub, end = nodes["urn:hub"], nodes[target]
    inked = []
    for step in range(20, 81, 5):
        t = step / 100
        point = view.mapFromScene(hub.x + (end.x - hub.x) * t, hub.y + (end.y - hub.y) * t)
        around = [image.pixel(point.x() + dx, point.y() + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        inked.append(any(pixel != background for pixel in around))
    return inked


@pytest.mark.parametrize("dark", [False, True])
def test_no_line_is_drawn_to_a_node_of_a_hidden_class_and_all_come_back(qtbot, dark):
    view = fitted_canvas(qtbot, _spokes())
    view.set_dark(dark)
    assert view.transform().m11() < DETAIL_ZOOM  # the tiles draw, from numpy
    scene = view.scene_model
    view.flush()
    before = view.viewport().grab().toImage()
    assert all(all(_ink_along(view, before, f"urn:s{i}")) for i in range(12))
    scene.set_class_filter({SPOKE_CLASS})
    view.flush()
    hidden = view.viewport().grab().toImage()
    for i in range(12):
        assert all(_ink_along(view, hidden, f"urn:s{i}")) == (i % 2 == 0), i
        assert not any(_ink_along(view, hidden, f"urn:s{i}")) or i % 2 == 0, i
    scene.set_class_filter(set())
    view.flush()
    again = view.viewport().grab().toImage()
    assert again == before


def _cloud() -> Scene:
    """300 nodes spread wide (zoomed out when fitted), every fourth of another class, each linked to three others."""
    rng = random.Random(5)
    scene = Scene()
    corners = {0: (0.0, 0.0), 1: (6000.0, 6000.0)}  # the extent stays whatever moves inside it
    for i in range(300):
        x, y = corners.get(i, (rng.uniform(0, 6000), rng.uniform(0, 6000)))
        scene.add_node(SceneNode(f"urn:n{i}", f"urn:n{i}", "", HUB_CLASS if i % 4 else SPOKE_CLASS, "",
                                 x=x, y=y, color="#009E73", size=20.0))
    for i in range(300):
        for step in (1, 7, 40):
            source, target = f"urn:n{i}", f"urn:n{(i + step) % 300}"
            scene.add_edge(SceneEdge(edge_id(source, "urn:p", target), source, target, "urn:p", ""))
    return scene


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].astype(int)


def test_nodes_moved_while_a_class_is_hidden_take_their_lines_along(qtbot):
    view = fitted_canvas(qtbot, _cloud())
    scene = view.scene_model
    scene.set_class_filter({SPOKE_CLASS})
    view.flush()
    view.viewport().grab()  # the tiles keep the pixels of their lines as they were
    # A little way (their lines mostly stay in their tiles, which redraw them from the moved ends).
    five, eight = scene.nodes["urn:n5"], scene.nodes["urn:n8"]
    places = {"urn:n5": (five.x + 160.0, five.y + 90.0), "urn:n8": (eight.x - 120.0, eight.y + 140.0)}
    scene.move("urn:n5", *places["urn:n5"])  # a shown node: its lines follow it
    scene.move("urn:n8", *places["urn:n8"])  # a hidden one: its lines come back at its new place
    scene.set_class_filter(set())
    view.flush()
    moved = _cloud()
    for node_id, (x, y) in places.items():
        moved.move(node_id, x, y)
    fresh = fitted_canvas(qtbot, moved)
    for canvas in (view, fresh):  # the same view of the same extent
        canvas.fit_to_view()
        canvas.flush()
    # Up to rounding where lines of two tiles cross (laid on in another order).
    assert np.abs(_pixels(view.viewport().grab().toImage()) - _pixels(fresh.viewport().grab().toImage())).max() <= 2


@pytest.mark.parametrize("drawn_by", ["overview", "tiles"])
def test_a_class_toggle_rasterises_no_line_again(qtbot, monkeypatch, drawn_by):
    if drawn_by == "tiles":
        monkeypatch.setattr(canvas_overview, "OVERVIEW_MAX_PIXELS", 0)  # the tiles draw zoomed out too
    scene = _cloud()
    view = fitted_canvas(qtbot, scene)
    assert view.transform().m11() < DETAIL_ZOOM
    assert view._overview_on == (drawn_by == "overview")
    full = view.viewport().grab().toImage()
    calls = []
    for module in (canvas_tiles, canvas_overview):
        real = module.hairline_pixels
        monkeypatch.setattr(module, "hairline_pixels", lambda *args, real=real, **kwargs: calls.append(args) or real(*args, **kwargs))
    scene.set_class_filter({SPOKE_CLASS})
    view.flush()
    filtered = view.viewport().grab().toImage()
    assert filtered != full
    assert not calls  # every tile picked its drawn lines' pixels from those it kept
    drawn = set(view.drawn_edges())
    assert drawn == {e for e, edge in scene.edges.items() if scene.is_edge_visible(edge)} != set(scene.edges)
    scene.set_class_filter(set())
    view.flush()
    assert view.viewport().grab().toImage() == full
    assert not calls


def test_exports_keep_lines_and_squares_as_vectors(qtbot, tmp_path):
    view = fitted_canvas(qtbot, _spokes())
    assert view.transform().m11() < DETAIL_ZOOM
    target = tmp_path / "spokes.svg"
    view.render_to_svg(str(target))
    tree = ET.parse(target)
    tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert "image" not in tags  # nothing drawn as a bitmap
    assert "path" in tags or "polyline" in tags


def test_a_tile_painted_straight_onto_a_shared_picture_leaves_the_rest_of_it(qtbot):
    view = fitted_canvas(qtbot, _spokes())
    tile = next(tile for tile in view.edge_tiles.values() if len(tile.start))
    picture = QPixmap(view.viewport().width() + 400, view.viewport().height() + 400)  # bigger than any tile
    picture.fill(QColor("red"))
    painter = QPainter(picture)
    painter.setTransform(view.viewportTransform())
    tile.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    image = picture.toImage()
    red = QColor("red").rgb()
    assert image.pixel(picture.width() - 2, picture.height() - 2) == red  # not covered by a tile-sized image
    start, end = view.mapFromScene(*tile.start[0]), view.mapFromScene(*tile.end[0])
    middle = (start + end) / 2
    assert any(image.pixel(middle.x() + dx, middle.y() + dy) != red for dx in (-1, 0, 1) for dy in (-1, 0, 1))


def test_past_the_budget_of_kept_pixels_tiles_rasterise_again_and_draw_the_same(qtbot, monkeypatch):
    monkeypatch.setattr(canvas_overview, "OVERVIEW_MAX_PIXELS", 0)  # the tiles draw zoomed out too
    view = fitted_canvas(qtbot, _cloud())
    scene = view.scene_model
    full = view.viewport().grab().toImage()
    scene.set_class_filter({SPOKE_CLASS})
    view.flush()
    filtered = view.viewport().grab().toImage()
    scene.set_class_filter(set())
    view.flush()
    monkeypatch.setattr(canvas_raster.KEPT, "budget", 0)  # nothing may be kept from now on
    monkeypatch.setattr(canvas_raster.KEPT, "scale", None)
    view = fitted_canvas(qtbot, _cloud())
    scene = view.scene_model
    assert view.viewport().grab().toImage() == full
    assert all(tile._raster_kept is None for tile in view.edge_tiles.values())
    calls = []
    real = canvas_tiles.hairline_pixels
    monkeypatch.setattr(canvas_tiles, "hairline_pixels", lambda *args: calls.append(args) or real(*args))
    scene.set_class_filter({SPOKE_CLASS})
    view.flush()
    assert view.viewport().grab().toImage() == filtered
    assert calls  # rasterised again, for want of kept pixels


def _kept_canvas(qtbot, monkeypatch) -> GraphCanvasView:
    """A canvas whose tiles (not the overview) keep their pixels, counted from nothing at its scale."""
    monkeypatch.setattr(canvas_overview, "OVERVIEW_MAX_PIXELS", 0)
    monkeypatch.setattr(canvas_raster.KEPT, "scale", None)
    monkeypatch.setattr(canvas_raster.KEPT, "used", 0)
    view = fitted_canvas(qtbot, _cloud(), closed_by_qtbot=False)
    view.viewport().grab()  # the tiles paint, and keep what they rasterise
    return view


def test_tiles_dropped_for_new_ones_give_their_kept_pixels_back(qtbot, monkeypatch):
    view = _kept_canvas(qtbot, monkeypatch)
    kept = canvas_raster.KEPT.used
    assert kept > 0
    view._retile()
    assert canvas_raster.KEPT.used == 0
    view.flush()
    view.viewport().grab()
    assert canvas_raster.KEPT.used == kept  # the new tiles keep as much again, not twice as much
    view.close()
    view.deleteLater()


def test_a_closed_canvas_gives_its_kept_pixels_back(qtbot, monkeypatch):
    view = _kept_canvas(qtbot, monkeypatch)
    assert canvas_raster.KEPT.used > 0
    destroy(qtbot, view)
    assert canvas_raster.KEPT.used == 0
