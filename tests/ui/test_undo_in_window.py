"""Edit ▸ Undo / Redo in the window: Ctrl+Z and Ctrl+Shift+Z undo and redo canvas changes and
SPARQL updates, one history for the session, and the menu says what it undoes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

D = "https://w3id.org/kg-explorer/data/"
HUB = D + "Zhejiang5GIndustryAlliance"


def _press(qtbot, window, key: str) -> None:
    """Type a shortcut into the window the way a user does (the canvas has the focus)."""
    window.activateWindow()
    window.canvas.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier
    if key == "redo":
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, modifiers)


def _visible(window) -> set[str]:
    return {node.id for node in window.scene.visible_nodes()}


def test_ctrl_z_undoes_and_ctrl_shift_z_redoes_canvas_changes(qtbot, window):
    undo, redo = window.undo_actions.undo_action, window.undo_actions.redo_action
    assert not undo.isEnabled() and undo.text() == "&Undo"
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [key.toString() for key in redo.shortcuts()]
    assert undo in window.menu("Edit").actions() and redo in window.menu("Edit").actions()

    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    assert len(added) >= 3
    hidden = added[0]
    label = window.scene.nodes[hidden].label
    window.hide_on_canvas([hidden])
    assert undo.isEnabled() and undo.text() == f"&Undo Hide {label}"
    after_hide = _visible(window)
    assert hidden not in after_hide

    _press(qtbot, window, "undo")
    assert hidden in _visible(window)
    assert undo.text() == "&Undo Expand Zhejiang 5G industry alliance"
    assert redo.text() == f"&Redo Hide {label}"

    _press(qtbot, window, "undo")
    assert set(window.scene.nodes) == {HUB}
    _press(qtbot, window, "redo")
    assert set(added) <= set(window.scene.nodes)
    _press(qtbot, window, "redo")
    assert _visible(window) == after_hide
    assert not redo.isEnabled() and redo.text() == "&Redo"


def test_drag_layout_remove_and_filters_are_undoable(qtbot, window):
    window.show_on_canvas(HUB)
    window.expand_on_canvas(HUB)
    scene = window.scene
    node = scene.nodes[HUB]
    start = (node.x, node.y)

    # A drag: the canvas reports where the nodes were before it.
    scene.move(HUB, start[0] + 300, start[1] + 40)
    window.canvas.sig_nodes_dragged.emit({HUB: start})
    assert window.undo_actions.undo_action.text() == "&Undo Move Zhejiang 5G industry alliance"
    _press(qtbot, window, "undo")
    assert (scene.nodes[HUB].x, scene.nodes[HUB].y) == start

    before_layout = {n.id: (n.x, n.y) for n in scene.nodes.values()}
    window.layout_actions["hierarchical"].trigger()
    assert window.undo_actions.undo_action.text() == "&Undo Hierarchical Layout"
    assert {n.id: (n.x, n.y) for n in scene.nodes.values()} != before_layout
    _press(qtbot, window, "undo")
    assert {n.id: (n.x, n.y) for n in scene.nodes.values()} == before_layout

    other = next(i for i in scene.nodes if i != HUB and scene.nodes[i].kind == "entity")
    window.remove_from_canvas([other])
    assert other not in scene.nodes
    _press(qtbot, window, "undo")
    assert other in scene.nodes and scene.incident_edges(other)

    class_iri = scene.nodes[other].class_iri
    window.legend._edits.set_class_visible(class_iri, False)
    assert other not in _visible(window)
    _press(qtbot, window, "undo")
    assert other in _visible(window) and not scene.hidden_classes


def test_ctrl_z_undoes_a_sparql_update_in_the_same_history(qtbot, window):
    window.settings.allow_update = True
    workbench = window.workbench
    kg = window.kg
    window.show_on_canvas(HUB)
    before = kg.quad_count()
    with qtbot.waitSignal(workbench.sig_query_finished, timeout=20000):
        workbench.run_query(f"INSERT DATA {{ <{D}z> <{D}p> <{D}y> }}")
    assert kg.exists(D + "z") and kg.quad_count() == before + 1
    assert window.undo_actions.undo_action.text().startswith("&Undo SPARQL Update")

    with qtbot.waitSignal(workbench.sig_graph_modified):
        _press(qtbot, window, "undo")
    assert not kg.exists(D + "z") and kg.quad_count() == before
    assert set(window.scene.nodes) == {HUB}  # the canvas step before it is still there
    with qtbot.waitSignal(workbench.sig_graph_modified):
        _press(qtbot, window, "redo")
    assert kg.exists(D + "z")
    _press(qtbot, window, "undo")  # the update again
    _press(qtbot, window, "undo")  # then the canvas
    assert not window.scene.nodes and not kg.exists(D + "z")


@pytest.mark.parametrize("field", ["search", "sparql"])
def test_text_fields_keep_their_own_ctrl_z(qtbot, window, field):
    window.show_on_canvas(HUB)
    if field == "search":
        edit = window.browser.search_box
        edit.setFocus()
        qtbot.keyClicks(edit, "abc")
    else:
        window.sparql_dock.show()
        edit = window.workbench.editor
        edit.setFocus()
        qtbot.keyClicks(edit, " abc")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(window.scene.nodes) == {HUB}  # the canvas step is untouched


def test_h_and_delete_on_the_canvas_hide_and_remove_the_selection_undoably(qtbot, window):
    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    window.canvas.select([added[0]])
    assert window.selection == [added[0]] and window.hide_action.isEnabled()
    window.activateWindow()
    window.browser.tree_view.setFocus()
    qtbot.keyClick(window.browser.tree_view, Qt.Key.Key_H)  # a key typed elsewhere is not the canvas's
    assert not window.scene.nodes[added[0]].hidden
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_H)
    assert window.scene.nodes[added[0]].hidden
    _press(qtbot, window, "undo")
    assert not window.scene.nodes[added[0]].hidden
    window.canvas.select([added[1]])
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert added[1] not in window.scene.nodes
    assert window.undo_actions.undo_action.text().endswith(" from Canvas")
    _press(qtbot, window, "undo")
    assert added[1] in window.scene.nodes


def test_the_canvas_after_undo_draws_what_a_fresh_canvas_draws(qtbot, window):
    from explorer.ui.canvas.graph_canvas import GraphCanvasView

    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    window.hide_on_canvas([added[1]])
    window.run_layout("radial")
    for _ in range(3):
        _press(qtbot, window, "undo")
    _press(qtbot, window, "redo")
    window.canvas.flush()
    fresh = GraphCanvasView(window.scene)
    qtbot.addWidget(fresh)
    fresh.flush()
    assert window.canvas.drawn_edges() == fresh.drawn_edges()
    assert window.canvas.visible_bounds() == fresh.visible_bounds()
    fresh.detach()
