"""The window's curation: Edit ▸ Add Entity/Add Fact/Edit Fact/Retract Fact/Merge Entities, Undo and
Redo, File ▸ Open Edits/Save Edits/Save Edits As, the dirty mark, the prompt on quit, recovery.

Every change is a :class:`~explorer.core.curation.CurationCommand` pushed on an undo stack; the
edits file (:class:`~explorer.services.edits.EditsFile`) hears every applied change, keeps a
recovery copy until saved, and is what Save writes.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox
from rdflib.namespace import RDF

from explorer.core.changes import ChangeSet, predicates_of
from explorer.core.curation import CurationCommand, Curator, Provenance, edits_graph_for
from explorer.core.errors import ExplorerError
from explorer.services.edits import EditsFile, pending_recoveries
from explorer.services.recovery import recovery_dir
from explorer.services.settings import config_dir
from explorer.ui.curation.background import BackgroundSteps
from explorer.ui.curation.entity_dialogs import AddEntityDialog, MergeEntitiesDialog
from explorer.ui.curation.fact_dialogs import FactDialog, RetractFactDialog

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: The main window (typed loosely: importing its module here would make an import cycle).
MainWindow = Any

EDITS_FILTER = "Edits (TriG) (*.trig);;All files (*)"


class CurationController(QObject):
    """Curation for one main window."""

    sig_graph_edited = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.history = window.session.history  # the session's one undo history (Ctrl+Z, Ctrl+Shift+Z)
        self._saved: list[CurationCommand] = []  # the curation steps done when the edits were last saved
        self.edits: EditsFile | None = None
        self.settings = QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)
        #: Answers the unsaved-edits prompt, given what is about to happen ("quitting", "opening
        #: x.ttl"); tests replace it ("save", "discard" or "cancel").
        self.ask_unsaved = self._ask_unsaved
        self.history.changed.connect(self._update_title)
        self.history.changed.connect(self._update_actions)  # off while a big step is written
        #: Big steps (an imported table, its Undo and Redo) are written in a worker.
        self.background_steps = BackgroundSteps(window)
        self.history.background = self.background_steps.run
        self._build_actions()
        window.sig_graph_changed.connect(self._on_graph_changed)
        window.installEventFilter(self)
        window.graph_replacement_checks.append(self._may_replace_graph)
        window.entity_menu_extensions.append(self.populate_entity_menu)
        if window.kg is not None:
            self._on_graph_changed(window.kg)

    # ------------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        w = self.window
        edit_menu, file_menu = w.menu("Edit"), w.menu("File")
        first = next((a for a in edit_menu.actions() if a.objectName() == "findAction"), None)
        self.add_entity_action = self._insert(edit_menu, first, "Add &Entity…", self.add_entity, "Ctrl+Shift+A",
                                              "Add an entity of an ontology class, with evidence", "addEntityAction")
        self.add_fact_action = self._insert(edit_menu, first, "Add &Fact…", self.add_fact, "Ctrl+Shift+F",
                                            "Add a fact with its evidence", "addFactAction")
        self.edit_fact_action = self._insert(edit_menu, first, "E&dit Fact…", self.edit_fact, "F2",
                                             "Replace a fact's predicate or object, with new evidence", "editFactAction")
        self.retract_fact_action = self._insert(edit_menu, first, "&Retract Fact…", self.retract_fact, "Ctrl+Shift+Del",
                                                "Retract a fact and its evidence, recording why", "retractFactAction")
        self.merge_action = self._insert(edit_menu, first, "&Merge Entities…", self.merge_entities, "Ctrl+Alt+M",
                                         "Merge two entities that are the same", "mergeEntitiesAction")
        edit_menu.insertSeparator(first)
        quit_action = next((a for a in file_menu.actions() if a.objectName() == "quitAction"), None)
        before = quit_action
        self.open_edits_action = self._insert(file_menu, before, "Open &Edits…", self.open_edits, "Ctrl+Alt+O",
                                              "Apply an analyst's edits file (TriG) to the open graph", "openEditsAction")
        self.save_edits_action = self._insert(file_menu, before, "Sa&ve Edits", self.save_edits, "Ctrl+Alt+S",
                                              "Save your edits to their file", "saveEditsAction")
        self.save_edits_as_action = self._insert(file_menu, before, "Save Edits &As…", self.save_edits_as,
                                                 "Ctrl+Alt+Shift+S", "Save your edits to a new file", "saveEditsAsAction")
        file_menu.insertSeparator(before)
        self._update_actions()

    def _insert(self, menu: QMenu, before: QAction | None, text: str, slot: object, shortcut: str,
                tip: str, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.insertAction(before, action)
        return action

    def _update_actions(self, *_args: object) -> None:
        if not hasattr(self, "save_edits_as_action"):
            return
        has_graph = self.window.kg is not None and not self.history.working
        for action in (self.add_entity_action, self.add_fact_action, self.edit_fact_action, self.retract_fact_action,
                       self.merge_action, self.open_edits_action, self.save_edits_action, self.save_edits_as_action):
            action.setEnabled(has_graph)

    def populate_entity_menu(self, menu: QMenu, entity: str) -> None:
        """Curation entries of the canvas, Browser and Inspector context menus."""
        if self.window.kg is None:
            return
        menu.addSeparator()
        menu.addAction("Add Fact From Here…", lambda: self.add_fact(subject=entity))
        menu.addAction("Add Fact To Here…", lambda: self.add_fact(obj=entity))
        menu.addAction("Edit a Fact of This…", lambda: self.edit_fact(entity=entity))
        menu.addAction("Retract a Fact of This…", lambda: self.retract_fact(entity=entity))
        menu.addAction("Merge Another Entity Into This…", lambda: self.merge_entities(keep=entity))

    # ------------------------------------------------------------------ the graph
    @property
    def kg(self) -> KnowledgeGraph:
        assert self.window.kg is not None
        return self.window.kg

    def analyst(self) -> str:
        name = getattr(self.window.settings, "analyst_name", "").strip()
        if name:
            return name
        try:
            return getpass.getuser()
        except (OSError, KeyError):
            return "analyst"

    def curator(self) -> Curator:
        graph = self.edits.graph if self.edits is not None else edits_graph_for(self.analyst())
        return Curator(self.kg, Provenance(self.analyst()), graph=graph)

    def _on_graph_changed(self, kg: object) -> None:
        self._saved = []  # the session starts a fresh history with the new graph
        self.edits = None
        if kg is not None:
            self.edits = EditsFile(self.kg, edits_graph_for(self.analyst()))
            self.edits.start_recovery(recovery_dir() / "edits", [str(f.path) for f in self.kg.files])
            QTimer.singleShot(0, self.offer_recovery)
        self._update_actions()
        self._update_title()

    def apply(self, change: ChangeSet) -> None:
        """Apply a checked change as one undoable step."""
        if change.is_empty:
            return
        if self.history.working:  # an open dialog or wizard may still ask: one writer at a time
            raise ExplorerError(f"Wait until “{self.history.working}” is written, then try again")
        assert self.edits is not None
        self.history.push(CurationCommand(self.kg, change, self._on_applied, self._record_edit))

    def _record_edit(self, change: ChangeSet) -> None:
        """Right after a change is written, on the thread that wrote it (a worker for a big one)."""
        if self.edits is not None:
            self.edits.record(change)

    def _on_applied(self, change: ChangeSet) -> None:
        self.window.inspector.refresh()
        self.window.browser.refresh_search()
        if str(RDF.type) in predicates_of(change.added) | predicates_of(change.removed):  # an import's: no parse
            self.window.browser.tree_model.set_graph(self.kg)  # a new kind of entity, or one gone
        self.window.refresh_statistics()
        self._update_title()
        self.window.statusBar().showMessage(change.description, 4000)
        self.sig_graph_edited.emit()

    # ------------------------------------------------------------------ dialogs
    def _run(self, dialog: object) -> ChangeSet | None:
        from explorer.ui.curation.entity_dialogs import CurationDialog

        assert isinstance(dialog, CurationDialog)
        self.last_dialog = dialog
        if dialog.exec() and dialog.change is not None:
            self.apply(dialog.change)
            return dialog.change
        return None

    def add_entity(self, label: str = "") -> str | None:
        if self.window.kg is None:
            return None
        dialog = AddEntityDialog(self.curator(), self.settings, self.window, label=label if isinstance(label, str) else "")
        return dialog.entity if self._run(dialog) is not None else None

    def add_fact(self, subject: str | None = None, obj: str | None = None) -> None:
        if self.window.kg is None:
            return
        if subject is None and obj is None and self.window.selection:
            subject = self.window.selection[0]
            obj = self.window.selection[1] if len(self.window.selection) > 1 else None
        self._run(FactDialog(self.curator(), self.settings, self.window, subject=subject if isinstance(subject, str)
                             else None, obj=obj, create_entity=self.add_entity))

    def edit_fact(self, entity: str | None = None) -> None:
        if self.window.kg is None:
            return
        entity = entity if isinstance(entity, str) else self.window.inspector.current
        chooser = RetractFactDialog(self.curator(), self.settings, self.window, entity=entity, choose_only=True)
        self.last_dialog = chooser
        if chooser.exec():
            self._run(FactDialog(self.curator(), self.settings, self.window, fact=chooser.chosen_fact(),
                                 create_entity=self.add_entity))

    def retract_fact(self, entity: str | None = None) -> None:
        if self.window.kg is None:
            return
        entity = entity if isinstance(entity, str) else self.window.inspector.current
        self._run(RetractFactDialog(self.curator(), self.settings, self.window, entity=entity))

    def merge_entities(self, keep: str | None = None, other: str | None = None) -> None:
        if self.window.kg is None:
            return
        selection = self.window.selection
        keep = keep if isinstance(keep, str) else (selection[0] if selection else None)
        other = other if isinstance(other, str) else (selection[1] if len(selection) > 1 else None)
        self._run(MergeEntitiesDialog(self.curator(), self.settings, self.window, keep=keep, other=other))

    # ------------------------------------------------------------------ the edits file
    def _curation_steps(self) -> list[CurationCommand]:
        return [command for command in self.history.done() if isinstance(command, CurationCommand)]

    @property
    def dirty(self) -> bool:
        """Whether the curation steps done differ from those saved (undoing back to a save is clean)."""
        done = self._curation_steps()
        return len(done) != len(self._saved) or any(a is not b for a, b in zip(done, self._saved, strict=False))

    def open_edits(self, path: str | None = None) -> bool:
        if self.window.kg is None:
            return False
        if not isinstance(path, str) or not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Open Edits", "", EDITS_FILTER)
            if not path:
                return False
        try:
            edits = EditsFile.open(self.kg, path)
        except ExplorerError as error:
            self.window.show_error(str(error), "Open Edits")
            return False
        self.history.clear()
        self._saved = []
        if self.edits is not None:
            self.edits.discard_recovery()
        self.edits = edits
        edits.start_recovery(recovery_dir() / "edits", [str(f.path) for f in self.kg.files])
        self._after_external_change(f"Opened the edits in {Path(path).name}")
        return True

    def save_edits(self) -> bool:
        if self.edits is None:
            return False
        if self.edits.path is None:
            return self.save_edits_as()
        return self._save(self.edits.path)

    def save_edits_as(self, path: str | None = None) -> bool:
        if self.edits is None:
            return False
        if not isinstance(path, str) or not path:
            path, _ = QFileDialog.getSaveFileName(self.window, "Save Edits As", str(self.edits.path or "edits.trig"),
                                                  EDITS_FILTER)
            if not path:
                return False
        return self._save(Path(path))

    def _save(self, path: Path) -> bool:
        assert self.edits is not None
        try:
            self.edits.save(path)
        except ExplorerError as error:
            QMessageBox.warning(self.window, "Save Edits", str(error))
            return False
        self.edits.start_recovery(recovery_dir() / "edits", [str(f.path) for f in self.kg.files])
        self._saved = self._curation_steps()
        self.window.statusBar().showMessage(f"Edits saved to {path}", 4000)
        self._update_title()
        return True

    def offer_recovery(self) -> None:
        """After a crash: offer the unsaved edits a previous session left."""
        if self.window.kg is None:
            return
        found = pending_recoveries(recovery_dir() / "edits")
        if not found:
            return
        path, edits = found[0]
        answer = self.ask_recovery(path, len(edits.added), len(edits.retracted))
        if answer == "restore" and self.open_edits(str(path)):
            assert self.edits is not None
            target = edits.meta.get("target")
            self.edits.path = Path(str(target)) if target else None
            self._saved = [CurationCommand(self.kg, ChangeSet())]  # restored, not saved: dirty until saved
            path.unlink(missing_ok=True)
            self.edits.write_recovery()  # the journal it was read from is gone: start one from a full copy
            self._update_title()
        elif answer == "discard":
            path.unlink(missing_ok=True)

    def ask_recovery(self, path: Path, added: int, retracted: int) -> str:
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved Edits",
                          f"A session that ended unexpectedly left unsaved edits ({added} statement(s) added, "
                          f"{retracted} retracted). Apply them to this graph?", parent=self.window)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return "restore" if box.clickedButton() is restore else "discard" if box.clickedButton() is discard else "later"

    def _after_external_change(self, message: str) -> None:
        self.window.inspector.refresh()
        self.window.browser.refresh_search()
        self.window.browser.tree_model.set_graph(self.kg)
        self.window.refresh_statistics()
        self.window.statusBar().showMessage(message, 4000)
        self._update_title()
        self.sig_graph_edited.emit()

    # ------------------------------------------------------------------ title and quitting
    def _update_title(self, *_args: object) -> None:
        title = self.window.windowTitle().removeprefix("*")
        self.window.setWindowTitle(("*" if self.dirty else "") + title)

    def _ask_unsaved(self, doing: str = "quitting") -> str:
        answer = QMessageBox.question(
            self.window, "Unsaved Edits", f"Your edits to the graph are not saved. Save them before {doing}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")

    def _may_replace_graph(self, doing: str) -> bool:
        """Before another graph replaces this one: unsaved edits are saved, dropped or kept (cancel)."""
        if self.history.working:
            self.window.statusBar().showMessage(f"Wait: {self.history.working} is being written", 6000)
            return False
        if not self.dirty:
            return True
        answer = self.ask_unsaved(doing)
        if answer == "cancel" or (answer == "save" and not self.save_edits()):
            return False
        if answer == "discard" and self.edits is not None:
            self.edits.discard_recovery()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.history.working:
            self.window.statusBar().showMessage(f"Wait: {self.history.working} is being written", 6000)
            event.ignore()  # quitting now would lose the step or leave the recovery copy short
            return True
        if watched is self.window and event.type() == QEvent.Type.Close and self.dirty:
            answer = self.ask_unsaved("quitting")
            if answer == "cancel" or (answer == "save" and not self.save_edits()):
                event.ignore()
                return True
            if answer == "discard" and self.edits is not None:
                self.edits.discard_recovery()
        elif watched is self.window and event.type() == QEvent.Type.Close and self.edits is not None:
            self.edits.discard_recovery()
        return super().eventFilter(watched, event)


def install_curation(window: MainWindow) -> CurationController:
    """Curation menus, shortcuts and context-menu entries for ``window``."""
    window.curation = CurationController(window)  # type: ignore[attr-defined]
    return window.curation  # type: ignore[attr-defined]
