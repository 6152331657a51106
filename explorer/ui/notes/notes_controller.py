"""Notes in the main window: on nodes, links and the whole canvas, and the open snapshot's own words.

- Edit ▸ Note on Selection… (Ctrl+Alt+N): the note of the selected link or node, else of the canvas;
  Edit ▸ Canvas Note… (Ctrl+Alt+Shift+N); "Add/Edit/Remove Note" in the canvas context menus (node,
  link, empty canvas) and in the Inspector's note box. Each change is a step of Edit ▸ Undo.
- The canvas note and the open snapshot's title and notes show on a card in the canvas's corner;
  File ▸ Snapshot Properties… (Ctrl+Alt+P) edits the snapshot's title, notes and date (undoable),
  which Save Snapshot… then offers again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from explorer.core.errors import ExplorerError
from explorer.core.scene_notes import CANVAS, SetNote
from explorer.ui.notes.note_widgets import CanvasNoteCard, NoteBox, NoteDialog

if TYPE_CHECKING:
    from explorer.ui.common.shell import Shell

    class MainWindow(Shell, Protocol):
        """What notes ask of the main window beyond the :class:`Shell`."""

        canvas: Any
        inspector: Any
        export_actions: Any
        entity_menu_extensions: list[Any]
        canvas_menu_extensions: list[Any]

APP_TITLE = "KG Explorer"


class NotesController:
    """Notes and snapshot words of one main window (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: NoteDialog | None = None
        self.properties_dialog: Any = None
        #: What the Inspector shows: an entity IRI or a link's edge id ("" for nothing).
        self.inspected = ""
        edit_menu = window.menu("Edit")
        self.note_action = self._action(edit_menu, "&Note on Selection…", self.edit_selection_note, "Ctrl+Alt+N",
                                        "Write a note on the selected node or link (on the canvas when nothing is selected)",
                                        "noteAction")
        self.canvas_note_action = self._action(edit_menu, "Canvas &Note…", self.edit_canvas_note, "Ctrl+Alt+Shift+N",
                                               "Write a note on the whole canvas (shown in its corner, saved with snapshots)",
                                               "canvasNoteAction")
        file_menu = window.menu("File")
        self.properties_action = QAction("Snapshot &Properties…", window)
        self.properties_action.setObjectName("snapshotPropertiesAction")
        self.properties_action.setShortcut(QKeySequence("Ctrl+Alt+P"))
        self.properties_action.setStatusTip("The open snapshot's title, notes and date")
        self.properties_action.triggered.connect(self.edit_snapshot_properties)
        export = window.export_actions
        before = export.open_snapshot_action if export is not None else None
        actions = file_menu.actions()
        after = actions[actions.index(before) + 1] if before in actions and actions.index(before) + 1 < len(actions) else None
        file_menu.insertAction(after, self.properties_action) if after is not None else file_menu.addAction(self.properties_action)

        window.entity_menu_extensions.append(self.populate_entity_menu)
        window.canvas_menu_extensions.append(self.populate_canvas_menu)
        self.card: CanvasNoteCard | None = None
        if window.canvas is not None:
            # A child of the view, not of its viewport: the viewport's children scroll with every pan.
            self.card = CanvasNoteCard(window.canvas)
            self.card.sig_edit_requested.connect(self._on_card_edit_requested)
        self.box = NoteBox(window.inspector)
        layout = window.inspector.layout()
        layout.insertWidget(max(0, layout.count() - 1), self.box)  # above the description
        self.box.sig_edit_requested.connect(lambda: self.edit_note(self.inspected))
        self.box.sig_remove_requested.connect(lambda: self.set_note(self.inspected, ""))
        window.inspector.sig_item_shown.connect(self._on_inspector_item_shown)
        scene_events = window.session.scene.events
        scene_events.connect("notes_changed", self._on_notes_changed)
        scene_events.connect("reset", self._on_notes_changed)
        window.session.graph_changed.connect(self._on_graph_changed)
        if export is not None:
            export.snapshot_changed.connect(self.refresh)
        self.refresh()

    def _action(self, menu: QMenu, text: str, slot: Any, shortcut: str, tip: str, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # ------------------------------------------------------------------ naming
    def describe(self, item_id: str) -> str:
        """What a note is on, in words: "the canvas", an entity's label, or a link as "A — words — B"."""
        scene = self.window.session.scene
        if item_id == CANVAS:
            return "the canvas"
        edge = scene.edges.get(item_id)
        if edge is not None:
            return f"{scene.nodes[edge.source].label} — {edge.label} — {scene.nodes[edge.target].label}"
        node = scene.nodes.get(item_id)
        if node is not None:
            return node.label
        return self.window.kg.label(item_id) if self.window.kg is not None else item_id

    # ------------------------------------------------------------------ editing
    def edit_note(self, item_id: str) -> NoteDialog:
        """Open the note editor of ``item_id`` (``""``: the canvas); OK makes the change an undo step."""
        scene = self.window.session.scene
        dialog = NoteDialog(self.describe(item_id), scene.notes.get(item_id, ""), self.window)
        dialog.accepted.connect(lambda: self.set_note(item_id, dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_note(self, item_id: str, text: str) -> None:
        """Write (empty: remove) a note as one undoable step."""
        scene = self.window.session.scene
        if scene.notes.get(item_id, "") == text.strip():
            return
        try:
            self.window.session.do(SetNote(scene, item_id, text, self.describe(item_id)))
        except ExplorerError as error:
            self.window.show_error(str(error), "Note")

    def edit_selection_note(self) -> NoteDialog:
        canvas = self.window.canvas
        links = canvas.selected_links() if canvas is not None else []
        nodes = [i for i in self.window.selection if i in self.window.session.scene.nodes]
        return self.edit_note(links[0] if len(links) == 1 and not nodes else nodes[0] if nodes else CANVAS)

    def edit_canvas_note(self) -> NoteDialog:
        return self.edit_note(CANVAS)

    def _on_card_edit_requested(self, which: str) -> None:
        if which == "snapshot":
            self.edit_snapshot_properties()
        else:
            self.edit_canvas_note()

    # ------------------------------------------------------------------ menus
    def _note_entries(self, menu: QMenu, item_id: str, what: str) -> None:
        has = bool(self.window.session.scene.notes.get(item_id))
        menu.addAction(f"Edit Note on {what}…" if has else f"Add Note on {what}…", lambda: self.edit_note(item_id))
        if has:
            menu.addAction(f"Remove Note on {what}", lambda: self.set_note(item_id, ""))

    def populate_entity_menu(self, menu: QMenu, entity: str) -> None:
        menu.addSeparator()
        self._note_entries(menu, entity, "Entity")

    def populate_canvas_menu(self, menu: QMenu, entity: str | None, link: str | None) -> None:
        """Note entries of the canvas menu on a link or on the empty canvas (entities have theirs)."""
        if entity is not None:
            return
        if link is not None:  # a link's own menu, not the empty canvas's
            window = self.window
            menu.clear()
            if window.canvas is not None:
                window.canvas.select_links([link])
            menu.addAction("Hide Link", lambda: window.hide_on_canvas([link]))
            menu.addAction("Remove Link from Canvas", lambda: window.remove_from_canvas([link]))
            menu.addSeparator()
            self._note_entries(menu, link, "Link")
        else:
            menu.addSeparator()
            self._note_entries(menu, CANVAS, "Canvas")

    # ------------------------------------------------------------------ showing
    def _on_inspector_item_shown(self, item_id: str) -> None:
        self.inspected = item_id
        self._refresh_box()

    def _on_graph_changed(self, *args: object) -> None:
        self.inspected = ""
        self.refresh()

    def _on_notes_changed(self, *args: object) -> None:
        self.refresh()

    def _refresh_box(self) -> None:
        scene = self.window.session.scene
        self.box.set_note(scene.notes.get(self.inspected, "") if self.inspected else None)

    def refresh(self) -> None:
        """The card and the Inspector's box show the notes as they are now."""
        self._refresh_box()
        if self.card is not None:
            snapshot = self.window.export_actions.snapshot if self.window.export_actions is not None else None
            self.card.set_content(snapshot.title if snapshot else "", snapshot.notes if snapshot else "",
                                  self.window.session.scene.notes.get(CANVAS, ""))

    # ------------------------------------------------------------------ snapshot words
    def edit_snapshot_properties(self) -> Any:
        """File ▸ Snapshot Properties…: the open snapshot's title, notes and date."""
        from explorer.ui.snapshots.snapshot_properties import SnapshotPropertiesDialog

        export = self.window.export_actions
        snapshot = export.snapshot if export is not None else None
        if snapshot is None:
            self.window.show_error("No snapshot is open: File ▸ Open Snapshot… or Save Snapshot… first",
                                   "Snapshot Properties")
            return None
        dialog = SnapshotPropertiesDialog(snapshot, self.window)
        dialog.accepted.connect(lambda: self.set_snapshot_words(*dialog.values()))
        self.properties_dialog = dialog
        dialog.open()
        return dialog

    def set_snapshot_words(self, title: str, notes: str, date: str | None) -> None:
        """Change the open snapshot's title, notes and date as one undoable step."""
        from explorer.ui.snapshots.snapshot_properties import SnapshotWords

        export = self.window.export_actions
        if export is None or export.snapshot is None:
            return
        step = SnapshotWords(export.snapshot, title, notes, date, self._snapshot_words_changed)
        if step.changed:
            self.window.session.do(step)

    def _snapshot_words_changed(self) -> None:
        export = self.window.export_actions
        if export is not None and export.snapshot is not None:
            self.window.setWindowTitle(f"{export.snapshot.title} — snapshot — {APP_TITLE}")
        self.refresh()


def install_notes(window: MainWindow) -> NotesController:
    """Add notes to the window's menus, canvas and Inspector."""
    return NotesController(window)


__all__ = ["NotesController", "install_notes"]
