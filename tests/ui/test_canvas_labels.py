"""Labels on the canvas and in its pictures: every node of the bundled graph readable at fit,
none over another label or over a node, long labels cut keeping their distinguishing end."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from explorer.core.scene_labels import boxes_overlap, keeps_distinguishing_end
from explorer.core.session import Session
from explorer.ui.canvas.canvas_pictures import PictureFrame, picture_image, write_svg
from explorer.ui.canvas.graph_canvas import GraphCanvasView


@pytest.fixture(scope="module")
def whole_graph_session(bundled_graph):
    entities = sorted({e for s, _, o in bundled_graph.entity_links() for e in (s, o)})
    session = Session(bundled_graph)
    session.show_entities(entities)
    session.scene.highlight([])
    session.layout("force")
    return session


def _check_labels(view: GraphCanvasView) -> None:
    scene = view.scene_model
    drawn = view.label_layer.drawn
    node_labels = {item_id: (label, text) for kind, item_id, label, text, _, _ in drawn if kind == "node"}
    entities = [node_id for node_id, node in scene.nodes.items() if node.kind == "entity" and scene.is_node_visible(node)]
    assert len(entities) >= 40
    missing = [scene.nodes[node_id].label for node_id in entities if node_id not in node_labels]
    assert not missing, f"labels not drawn: {missing}"
    for label, text in node_labels.values():
        assert keeps_distinguishing_end(label, text), (label, text)
    boxes = [(item_id, piece) for _, item_id, _, _, pieces, _ in drawn for piece in pieces]
    for k, (item_id, box) in enumerate(boxes):
        for other_id, other in boxes[k + 1:]:
            assert other_id == item_id or not boxes_overlap(box, other), (item_id, other_id)
        for node_id, glyph in view.label_layer.glyph_boxes.items():
            assert not boxes_overlap(box, glyph), (item_id, node_id)


@pytest.mark.parametrize("dark", [False, True])
def test_whole_bundled_graph_at_fit_reads_without_zooming(qtbot, whole_graph_session, dark):
    view = GraphCanvasView(whole_graph_session.scene)
    qtbot.addWidget(view)
    view.set_dark(dark)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_view()
    view.grab()
    _check_labels(view)
    # Some link words are drawn too, none of them over a node label (checked above).
    assert any(kind == "edge" for kind, *_ in view.label_layer.drawn)


def test_png_and_svg_exports_carry_the_same_readable_labels(qtbot, whole_graph_session, tmp_path):
    view = GraphCanvasView(whole_graph_session.scene)
    qtbot.addWidget(view)
    view.set_dark(False)
    image = picture_image(view, PictureFrame("whole graph"))
    assert not image.isNull()
    _check_labels(view)
    path = tmp_path / "graph.svg"
    write_svg(view, PictureFrame("whole graph"), path)
    _check_labels(view)
    svg = path.read_text(encoding="utf-8")
    words = {re.sub(r"\s+", " ", text).strip() for text in re.findall(r">([^<>]+)</text>", svg)}
    for kind, _, _, text, _, _ in view.label_layer.drawn:
        if kind == "node":
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert text in words or escaped in words, text


def test_a_crowded_label_shows_when_the_pointer_rests_on_its_node(qtbot, whole_graph_session):
    view = GraphCanvasView(whole_graph_session.scene)
    qtbot.addWidget(view)
    view.resize(420, 300)  # too small for every label
    view.show()
    qtbot.waitExposed(view)
    view.fit_to_view()
    view.grab()
    labelled = {item_id for kind, item_id, *_ in view.label_layer.drawn if kind == "node"}
    scene = view.scene_model
    hidden = [node_id for node_id in scene.nodes if node_id not in labelled and node_id in view.label_layer.glyph_boxes]
    assert hidden
    target = hidden[0]
    point = view.mapFromScene(QPointF(scene.nodes[target].x, scene.nodes[target].y))
    event = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(point), QPointF(view.viewport().mapToGlobal(point)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)
    assert view.hovered_node == target
    view.grab()
    assert target in {item_id for kind, item_id, *_ in view.label_layer.drawn if kind == "node"}
    view.set_hovered(None)


def _words_and_priorities(view: GraphCanvasView) -> tuple[set[tuple[str, str, str]], dict[str, float], set[tuple]]:
    view.grab()
    view.flush()
    words = {(kind, item_id, text) for kind, item_id, _, text, _, _ in view.label_layer.drawn}
    priorities = view.label_layer._priorities()
    # The edge tiles keep their members' arrays too: the lines they draw must be the fresh canvas's.
    lines = {(edge.id, *map(tuple, ends)) for tile in view.edge_tiles.values()
             for edge, *ends in zip(tile.edges, tile.start.tolist(), tile.end.tolist(), strict=True)}
    return words, dict(zip(view._index_ids, priorities.tolist(), strict=True)), lines


def test_labels_and_lines_kept_between_paints_follow_every_change_like_a_fresh_canvas(qtbot):
    # The label layer keeps its edge arrays, visibility mask and degrees between paints, the edge tiles
    # their members' arrays, each updated per change: after each change the canvas must draw exactly
    # what a canvas made afresh draws.
    from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id

    scene = Scene()
    for i in range(8):
        scene.add_node(SceneNode(f"urn:n{i}", f"urn:n{i}", f"Node {i}", "urn:C" if i % 2 else "urn:D", "c",
                                 x=(i % 4) * 420.0, y=(i // 4) * 420.0))
    links = [(0, 1, "urn:p"), (1, 2, "urn:q"), (2, 3, "urn:p"), (4, 5, "urn:q"), (5, 6, "urn:p"), (0, 4, "urn:q"),
             (1, 5, "urn:p"), (3, 7, "urn:q")]
    for a, b, predicate in links:
        scene.add_edge(SceneEdge(edge_id(f"urn:n{a}", predicate, f"urn:n{b}"), f"urn:n{a}", f"urn:n{b}", predicate,
                                 predicate[-1] + " link"))
    kept = GraphCanvasView(scene)
    qtbot.addWidget(kept)
    kept.resize(900, 600)
    kept.show()
    qtbot.waitExposed(kept)

    def same_as_fresh() -> set[tuple[str, str, str]]:
        kept.fit_to_view()
        words, priorities, lines = _words_and_priorities(kept)
        fresh = GraphCanvasView(scene)
        qtbot.addWidget(fresh)
        fresh.resize(900, 600)
        fresh.show()
        fresh.fit_to_view()
        assert (words, priorities, lines) == _words_and_priorities(fresh)
        fresh.close()
        fresh.detach()
        return words

    assert any(kind == "edge" for kind, _, _ in same_as_fresh())
    scene.hide("urn:n1")
    assert not any(item_id == "urn:n1" for _, item_id, _ in same_as_fresh())
    scene.hide("urn:n1", False)
    same_as_fresh()
    scene.move("urn:n2", 500.0, 150.0)
    scene.add_node(SceneNode("urn:n8", "urn:n8", "Node 8", "urn:C", "c", x=1300.0, y=900.0))
    scene.add_edge(SceneEdge(edge_id("urn:n8", "urn:q", "urn:n2"), "urn:n8", "urn:n2", "urn:q", "q link"))
    same_as_fresh()
    scene.set_predicate_filter({"urn:p"})
    assert not any(text == "p link" for _, _, text in same_as_fresh())
    scene.set_class_filter({"urn:D"})
    same_as_fresh()
    scene.show_all()
    scene.add_edge(SceneEdge(edge_id("urn:n6", "urn:r", "urn:n7"), "urn:n6", "urn:n7", "urn:r", "r link"))
    assert any(text == "r link" for _, _, text in same_as_fresh())
    scene.remove(edge_id("urn:n0", "urn:p", "urn:n1"))
    scene.remove("urn:n5")
    same_as_fresh()
