"""Edit ▸ Group Selection (Ctrl+G) in the window: the selection becomes one drawn group node, Ctrl+Shift+G
expands and collapses it, Ctrl+Z undoes, the group's context menu acts on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from explorer.ui.canvas.canvas_drawing import NodeItem

D = "https://w3id.org/kg-explorer/data/"
HUB = D + "Zhejiang5GIndustryAlliance"


def _key(qtbot, window, key, modifiers) -> None:
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, key, modifiers)


def test_group_selection_expand_collapse_and_undo_from_the_keyboard(qtbot, window):
    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    members = added[:5]
    window.canvas.select(members)
    assert window.group_actions.selected_nodes() == [m for m in window.scene.nodes if m in members]
    assert window.group_actions.group_action.shortcut().toString() == "Ctrl+G"
    group_id = window.group_actions.group_selection("Partners")
    window.canvas.flush()
    assert group_id in window.scene.nodes and not set(members) & set(window.scene.nodes)
    assert window.canvas.selected_node_ids() == [group_id]
    window.canvas.fit_to_view()
    window.canvas.flush()
    item = window.canvas.node_items.get(group_id)
    assert isinstance(item, NodeItem) and "group of 5 nodes" in item.toolTip()

    _key(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert group_id not in window.scene.nodes and set(members) <= set(window.scene.nodes)
    window.canvas.select(members[:1])
    _key(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert group_id in window.scene.nodes  # a member selected: its group collapses again
    assert window.undo_actions.undo_action.text() == "&Undo Collapse Group “Partners”"
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(members) <= set(window.scene.nodes) and group_id not in window.scene.groups


def test_double_click_and_context_menu_of_a_group(qtbot, window):
    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    window.canvas.select(added[:3])
    group_id = window.group_actions.group_selection(ask=False)
    assert window.scene.nodes[group_id].label.endswith("(3)")
    menu = QMenu(window)
    window.group_actions.populate_group_menu(menu, group_id)
    texts = [a.text() for a in menu.actions()]
    assert {"Expand Group", "Ungroup", "Rename Group…", "Remove from Canvas"} <= set(texts)
    window.canvas.sig_node_expand_requested.emit(group_id)  # what a double-click sends
    assert set(added[:3]) <= set(window.scene.nodes)
    menu = QMenu(window)
    window.group_actions._extend_member_menu(menu, added[0])
    assert any(a.text().startswith("Collapse Group") for a in menu.actions())


def test_grouping_one_node_says_why_and_changes_nothing(qtbot, window):
    window.show_on_canvas(HUB)
    window.canvas.select([HUB])
    before = window.scene.to_dict()
    assert window.group_actions.group_selection(ask=False) is None
    assert "two or more" in window.last_error and window.scene.to_dict() == before


def test_delete_removes_a_selected_group_and_undo_brings_it_back(qtbot, window):
    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    window.canvas.select(added[:3])
    group_id = window.group_actions.group_selection(ask=False)
    window.canvas.select([group_id])
    window.canvas.sig_selection_changed.emit(window.canvas.selected_entities())
    assert window.remove_action.isEnabled() and window.canvas_selection() == [group_id]
    _key(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert group_id not in window.scene.nodes
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert group_id in window.scene.nodes


def test_the_context_menu_of_a_selected_node_offers_to_group_the_selection(qtbot, window):
    window.show_on_canvas(HUB)
    added = window.expand_on_canvas(HUB)
    window.canvas.select(added[:2])
    menu = QMenu(window)
    window.populate_entity_menu(menu, added[0])
    assert "Group Selection…" in [a.text() for a in menu.actions()]
    window.group_actions.group_selection("Pair")  # what the entry runs, without the name prompt
    assert any(n.kind == "group" and n.label == "Pair" for n in window.scene.nodes.values())
    window.canvas.select(added[2:3])
    menu = QMenu(window)
    window.populate_entity_menu(menu, added[2])
    assert "Group Selection…" not in [a.text() for a in menu.actions()]
