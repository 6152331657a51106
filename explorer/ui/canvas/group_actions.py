"""Edit ▸ Group Selection… (Ctrl+G), Expand / Collapse Group (Ctrl+Shift+G), Ungroup (Ctrl+Alt+G),
and the same entries in the canvas' context menus.

The work is done by the session (``Session.group`` and friends over :mod:`explorer.core.scene_groups`),
so each is one step of Edit ▸ Undo; the canvas draws a group node as a stack of cards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from explorer.core.errors import ExplorerError
from explorer.core.scene_groups import MAX_NAME, default_name, group_of, is_group


class GroupActions:
    """The group entries of the Edit menu and of the canvas' context menus."""

    def __init__(self, window: Any) -> None:
        self.window = window
        menu = window.menu("Edit")
        menu.addSeparator()
        self.group_action = self._add(menu, "&Group Selection…", self.group_selection, "Ctrl+G",
                                      "Collapse the selected nodes into one group node", "groupSelectionAction")
        self.toggle_action = self._add(menu, "E&xpand or Collapse Group", self.toggle_group, "Ctrl+Shift+G",
                                       "Show a group's members again, or collapse them back into the group",
                                       "toggleGroupAction")
        self.ungroup_action = self._add(menu, "&Ungroup", self.ungroup, "Ctrl+Alt+G",
                                        "Dissolve the selected group: its members stay on the canvas", "ungroupAction")
        window.entity_menu_extensions.append(self._extend_member_menu)

    def _add(self, menu: QMenu, text: str, slot: Any, shortcut: str, tip: str, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # ------------------------------------------------------------------ what the actions act on
    def selected_nodes(self) -> list[str]:
        canvas = self.window.canvas
        return canvas.selected_node_ids() if canvas is not None else []

    def target_group(self) -> str | None:
        """The selected group node, or the expanded group a selected node belongs to."""
        scene = self.window.scene
        for node_id in self.selected_nodes():
            if is_group(node_id) and node_id in scene.groups:
                return node_id
            group = group_of(scene, node_id)
            if group is not None:
                return group.id
        return None

    # ------------------------------------------------------------------ the actions
    def group_selection(self, name: str | None = None, *, ask: bool = True) -> str | None:
        """Group the selected nodes under a name the analyst gives (the common class and count by default)."""
        chosen = self.selected_nodes()
        if len(chosen) < 2:
            self.window.show_error("Select two or more nodes on the canvas (Ctrl+click or drag a band) to group them",
                                   "Group selection")
            return None
        if name is None and ask:
            suggested = default_name(self.window.scene.nodes[i] for i in chosen)
            name, accepted = QInputDialog.getText(self.window, "Group Selection", f"Name of the group of {len(chosen)} nodes:",
                                                  QLineEdit.EchoMode.Normal, suggested)
            if not accepted:
                return None
            name = name[:MAX_NAME]
        try:
            group_id = self.window.session.group(chosen, name)
        except ExplorerError as error:
            self.window.show_error(str(error), "Group selection")
            return None
        if self.window.canvas is not None:
            self.window.canvas.select([group_id])
        return group_id

    def toggle_group(self, group_id: str | None = None) -> None:
        group_id = group_id or self.target_group()
        if group_id is None:
            self.window.show_error("Select a group node (or one of its members) first", "Expand group")
            return
        record = self.window.scene.groups[group_id]
        if record.collapsed:
            self.window.session.expand_group(group_id)
        else:
            self.window.session.collapse_group(group_id)

    def ungroup(self, group_id: str | None = None) -> None:
        group_id = group_id or self.target_group()
        if group_id is None:
            self.window.show_error("Select a group node (or one of its members) first", "Ungroup")
            return
        self.window.session.ungroup(group_id)

    # ------------------------------------------------------------------ context menus
    def populate_group_menu(self, menu: QMenu, group_id: str) -> None:
        """The context menu of a group node."""
        menu.addAction("Expand Group", lambda: self.window.session.expand_group(group_id))
        menu.addAction("Ungroup", lambda: self.ungroup(group_id))
        menu.addAction("Rename Group…", lambda: self.rename(group_id))
        menu.addSeparator()
        menu.addAction("Remove from Canvas", lambda: self.window.session.remove(group_id))

    def rename(self, group_id: str) -> None:
        record = self.window.scene.groups.get(group_id)
        if record is None:
            return
        name, accepted = QInputDialog.getText(self.window, "Rename Group", "Name of the group:",
                                              QLineEdit.EchoMode.Normal, record.name)
        if accepted and name.strip() and name.strip() != record.name:
            try:
                self.window.session.rename_group(group_id, name)
            except ExplorerError as error:
                self.window.show_error(str(error), "Rename group")

    def _extend_member_menu(self, menu: QMenu, entity: str) -> None:
        """Canvas context menu of a node: group the selection, or act on the group it belongs to."""
        if self.window.canvas is None or entity not in self.window.scene.nodes:
            return
        can_group = len(self.selected_nodes()) >= 2 and entity in self.selected_nodes()
        group = group_of(self.window.scene, entity)
        if can_group or group is not None:
            menu.addSeparator()
        if can_group:
            menu.addAction("Group Selection…", self.group_selection)
        if group is not None:
            menu.addAction(f"Collapse Group “{group.name}”", lambda: self.window.session.collapse_group(group.id))
            menu.addAction(f"Ungroup “{group.name}”", lambda: self.ungroup(group.id))


def install_group_actions(window: Any) -> GroupActions:
    """Add the group entries to the Edit menu and to the canvas' context menus."""
    return GroupActions(window)


__all__ = ["GroupActions", "install_group_actions"]
