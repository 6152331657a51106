"""Highlighted edges with a colour of their own (a snapshot diff) are drawn in that colour."""

from __future__ import annotations

from PySide6.QtGui import QColor

from explorer.core.scene import Scene, SceneEdge, SceneNode
from explorer.ui.canvas.graph_canvas import GraphCanvasView

GREEN, RED = "#00c000", "#e00000"


def _count(image, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2) if image.pixel(x, y) == wanted)


def test_added_and_removed_links_show_in_their_colours(qtbot):
    scene = Scene()
    for i, (x, y) in enumerate([(0, 0), (300, 0), (0, 200), (300, 200)]):
        scene.add_node(SceneNode(f"urn:n{i}", f"urn:n{i}", f"N{i}", "", "", x=x, y=y))
    scene.add_edge(SceneEdge("urn:n0 urn:p urn:n1", "urn:n0", "urn:n1", "urn:p", "added: p", color=GREEN))
    scene.add_edge(SceneEdge("urn:n2 urn:p urn:n3", "urn:n2", "urn:n3", "urn:p", "removed: p", color=RED))
    scene.add_edge(SceneEdge("urn:n0 urn:q urn:n2", "urn:n0", "urn:n2", "urn:q", "q"))
    canvas = GraphCanvasView(scene)
    qtbot.addWidget(canvas)
    plain = canvas.render_to_image(600, 400)
    assert _count(plain, GREEN) == 0 and _count(plain, RED) == 0  # a colour shows only with the highlight
    scene.highlight(["urn:n0 urn:p urn:n1", "urn:n2 urn:p urn:n3"])
    marked = canvas.render_to_image(600, 400)
    assert _count(marked, GREEN) > 20 and _count(marked, RED) > 20
