"""Edge layers per link type and node tiles built from arrays draw exactly what they should.

A filter, a hide, a restyle or a selection changes the canvas through its layers and kept
arrays; each picture here is compared pixel for pixel with a canvas built afresh on a scene
that simply does not have what was filtered out (or has the same state from the start).
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from canvas_support import fitted_canvas
from PySide6.QtGui import QColor, QImage

from explorer.core.analysis.styling import MeasureStyle, RestyleCanvas
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id, more_node_id
from explorer.ui.canvas import canvas_overview
from explorer.ui.canvas.canvas_drawing import DETAIL_ZOOM
from explorer.ui.canvas.graph_canvas import GraphCanvasView

CLASSES = ["urn:C0", "urn:C1", "urn:C2"]
COLOURS = ["#0072B2", "#D55E00", "#009E73"]
LINKS = ["urn:p0", "urn:p1", "urn:p2"]
CORNERS = {0, 19, 380, 399}  # class C0, never filtered: every picture fits the same extent


@pytest.fixture(autouse=True, params=["overview", "tiles"])
def drawn_by(request, monkeypatch) -> str:
    """Every picture twice: zoomed out the edges are one counted image, or (too big for one) the tiles draw them."""
    if request.param == "tiles":
        monkeypatch.setattr(canvas_overview, "OVERVIEW_MAX_PIXELS", 0)
    return request.param


def _scene(without_class: str | None = None, without_link: str | None = None, without: frozenset[str] = frozenset()) -> Scene:
    """A 20×20 grid (zoomed out to the tiles when fitted), three classes, three link types, no labels.

    ``without_*`` leave out a class's nodes (and their links), a link type, or some ids: what a
    filtered or hidden canvas must look like.
    """
    scene = Scene()
    kept: set[str] = set()
    for i in range(400):
        kind = 0 if i in CORNERS else i % 3
        node_id = f"urn:n{i}"
        if CLASSES[kind] == without_class or node_id in without:
            continue
        kept.add(node_id)
        scene.add_node(SceneNode(node_id, node_id, "", CLASSES[kind], f"class {kind}", x=(i % 20) * 90.0,
                                 y=(i // 20) * 90.0, color=COLOURS[kind], size=18.0 + kind * 6))
    rng = random.Random(4)
    for i in range(400):
        for step in (1, 20, rng.randrange(2, 60)):
            source, target = f"urn:n{i}", f"urn:n{(i + step) % 400}"
            link = LINKS[(i + step) % 3]
            eid = edge_id(source, link, target)
            if source in kept and target in kept and link != without_link and eid not in without and eid not in scene.edges:
                scene.add_edge(SceneEdge(eid, source, target, link, ""))
    return scene


def _show(qtbot, scene: Scene) -> GraphCanvasView:
    view = fitted_canvas(qtbot, scene)
    assert view.transform().m11() < DETAIL_ZOOM  # the tiles draw, not one item per node
    return view


def _picture(view: GraphCanvasView) -> QImage:
    view.fit_to_view()
    view.flush()
    return view.viewport().grab().toImage()


def _fresh(qtbot, scene: Scene) -> QImage:
    return _picture(_show(qtbot, scene))


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].astype(int)


def _same(first: QImage, second: QImage) -> bool:
    """The same picture, up to rounding where translucent lines of two layers cross (composited in another order).

    A line drawn or left out wrongly changes its pixels by tens of levels: never within this tolerance.
    """
    if first.size() != second.size():
        return False
    return int(np.abs(_pixels(first) - _pixels(second)).max()) <= 2


def test_a_filtered_link_type_is_not_drawn_and_comes_back_unchanged(qtbot):
    view = _show(qtbot, _scene())
    scene = view.scene_model
    full = _picture(view)
    scene.set_predicate_filter({LINKS[1]})
    assert not any(scene.edges[e].predicate == LINKS[1] for e in view.drawn_edges())
    assert _same(_picture(view), _fresh(qtbot, _scene(without_link=LINKS[1])))
    assert not _same(_picture(view), full)
    # A hide while the link type is filtered out, then the filter lifted: the layers show what is drawable now.
    scene.hide("urn:n42")
    scene.set_predicate_filter(set())
    assert _same(_picture(view), _fresh(qtbot, _scene(without=frozenset({"urn:n42"}))))
    scene.hide("urn:n42", False)
    assert _same(_picture(view), full)


def test_a_filtered_class_is_not_drawn_nor_its_links(qtbot):
    view = _show(qtbot, _scene())
    scene = view.scene_model
    full = _picture(view)
    scene.set_class_filter({CLASSES[2]})
    assert _same(_picture(view), _fresh(qtbot, _scene(without_class=CLASSES[2])))
    # Both filters at once, then "show all".
    scene.set_predicate_filter({LINKS[0]})
    assert _same(_picture(view), _fresh(qtbot, _scene(without_class=CLASSES[2], without_link=LINKS[0])))
    scene.show_all()
    assert _same(_picture(view), full)


def test_hidden_edges_and_show_all_through_the_filter_tables(qtbot):
    view = _show(qtbot, _scene())
    scene = view.scene_model
    full = _picture(view)
    edge = next(e for e in scene.edges.values() if e.predicate == LINKS[2])
    scene.hide(edge.id)
    assert _same(_picture(view), _fresh(qtbot, _scene(without=frozenset({edge.id}))))
    scene.set_class_filter({CLASSES[1]})
    scene.show_all()  # clears the edge's own flag and the filter in one event
    assert _same(_picture(view), full)


def test_restyle_while_filtered_then_unfiltered_draws_the_new_looks(qtbot):
    style = MeasureStyle.build(size_by="pagerank", sizes={f"urn:n{i}": float(i % 23) for i in range(400)},
                               color_by="community", colors={f"urn:n{i}": float(i % 7) for i in range(0, 400, 2)})
    view = _show(qtbot, _scene())
    scene = view.scene_model
    scene.set_class_filter({CLASSES[1]})
    RestyleCanvas(scene, style).redo()
    scene.set_class_filter(set())
    fresh_scene = _scene()
    RestyleCanvas(fresh_scene, style).redo()
    assert _same(_picture(view), _fresh(qtbot, fresh_scene))
    # The colours really are the restyled ones, in the node tiles' groups.
    drawn = {colour.name() for tile in view.node_tiles.values() for colour, _ in tile.groups}
    assert drawn == {node.color.lower() for node in scene.nodes.values()}
    assert drawn != {c.lower() for c in COLOURS}


def test_a_moved_node_keeps_its_tile_neighbours_and_is_drawn_at_its_new_place(qtbot):
    view = _show(qtbot, _scene())
    scene = view.scene_model
    scene.move("urn:n210", 10 * 90.0 + 33, 10 * 90.0 + 21)
    moved = _scene()
    moved.move("urn:n210", 10 * 90.0 + 33, 10 * 90.0 + 21)
    assert _same(_picture(view), _fresh(qtbot, moved))


def test_the_selection_is_outlined_in_the_selection_colour_over_the_tiles(qtbot):
    view = _show(qtbot, _scene())
    view.select(["urn:n105", "urn:n214"])
    selected = _picture(view)
    fresh = _show(qtbot, _scene())
    fresh.select(["urn:n105", "urn:n214"])
    assert _same(selected, _picture(fresh))
    ring = QColor(view.colours.selection).rgb()
    assert sum(selected.pixel(x, y) == ring for x in range(selected.width()) for y in range(selected.height())) > 20
    # A selected node filtered out leaves the selection, and its outline goes with it.
    view.scene_model.set_class_filter({CLASSES[105 % 3]})
    assert view.selected_entities() == ["urn:n214"]
    fresh.scene_model.set_class_filter({CLASSES[105 % 3]})
    fresh.select(["urn:n214"])
    assert _same(_picture(view), _picture(fresh))
    assert not _same(_picture(view), selected)


@pytest.mark.parametrize("seed", [1, 2])
def test_canvas_flags_agree_with_the_scene_after_any_mix_of_changes(qtbot, seed):
    scene = _scene()
    for parent in ("urn:n50", "urn:n61"):  # "+N more" nodes follow their parent's visibility
        more = more_node_id(parent)
        scene.add_node(SceneNode(more, parent, "+3", "", "", kind="more", more_count=3, x=10.0, y=10.0))
        scene.add_edge(SceneEdge(edge_id(parent, "urn:more", more), parent, more, "", ""))
    view = _show(qtbot, scene)
    rng = random.Random(seed)
    nodes, edges = sorted(scene.nodes), sorted(scene.edges)
    for _ in range(60):
        action = rng.randrange(6)
        if action == 0:
            scene.set_class_filter(set(rng.sample(CLASSES, rng.randrange(3))))
        elif action == 1:
            scene.set_predicate_filter(set(rng.sample(LINKS, rng.randrange(3))))
        elif action == 2:
            node = rng.choice([*nodes, "urn:n50", "urn:n61"])  # parents of "+N more" nodes more often
            scene.hide(node, not scene.nodes[node].hidden)
        elif action == 3:
            edge = rng.choice(edges)
            scene.hide(edge, not scene.edges[edge].hidden)
        elif action == 4:
            scene.show_all()
        else:
            scene.move(rng.choice(nodes), rng.uniform(0, 1700), rng.uniform(0, 1700))
        assert view._node_visible == {n: scene.is_node_visible(node) for n, node in scene.nodes.items()}
        assert dict(view._edge_visible) == {e: scene.is_edge_visible(edge) for e, edge in scene.edges.items()}
    drawn = set(view.drawn_edges())
    assert drawn == {e for e, edge in scene.edges.items() if scene.is_edge_visible(edge)}
