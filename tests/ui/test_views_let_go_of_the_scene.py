"""A canvas or legend that is destroyed stops following its scene (which may outlive it, as in a second window)."""

from __future__ import annotations

from canvas_support import destroy

from explorer.core.scene import Scene, SceneNode
from explorer.ui.canvas.graph_canvas import GraphCanvasView
from explorer.ui.legend.legend import LegendWidget


def _followers(scene: Scene) -> int:
    return sum(len(callbacks) for callbacks in scene.events._callbacks.values())


def test_a_destroyed_canvas_no_longer_follows_its_scene(qtbot):
    scene = Scene()
    before = _followers(scene)
    view = GraphCanvasView(scene)
    view.show()
    assert _followers(scene) > before
    destroy(qtbot, view)
    assert _followers(scene) == before
    scene.add_node(SceneNode("urn:a", "urn:a", "A", "urn:C", "", x=0.0, y=0.0))  # reaches no deleted widget


def test_a_destroyed_legend_no_longer_follows_its_scene(qtbot):
    scene = Scene()
    before = _followers(scene)
    legend = LegendWidget(scene)
    assert _followers(scene) > before
    destroy(qtbot, legend)
    assert _followers(scene) == before
    scene.add_node(SceneNode("urn:a", "urn:a", "A", "urn:C", "", x=0.0, y=0.0))
