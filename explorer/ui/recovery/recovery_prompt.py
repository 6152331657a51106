"""Crash recovery in the window: journal the work while the app runs, offer it back after a crash.

:func:`install_recovery` (called by the main window) starts this process's recovery session
(:mod:`explorer.services.recovery`) and a :class:`RecoveryController` that rewrites the
journal when the work changes: at most every :data:`JOURNAL_DELAY_MS` while the canvas
changes (a drag does not write on every move), at once after a SPARQL Update, an Undo or a
new graph. A clean exit (the window closes, or the app quits) removes the journal.

At start-up :meth:`RecoveryController.offer` (called by ``app.main`` once the window is on
screen) looks for the journal of a session that ended unexpectedly and asks "Restore the
work from the last session that ended unexpectedly?" — Restore reloads the same data
(files, bundled graph, workspace, endpoint or snapshot), redoes the SPARQL Updates (they
can still be undone), puts the canvas back as it was and reopens the snapshot being
written; Discard throws the journal away. A damaged journal is one line in the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from explorer.core.errors import ExplorerError
from explorer.services.recovery import (
    Journal,
    JournaledUpdate,
    OrphanedSession,
    ReappliedUpdates,
    RecoverySession,
    SnapshotDraft,
    orphaned_sessions,
    reapply_updates,
    source_of,
)
from explorer.ui.common.thread_news import queued_news

if TYPE_CHECKING:
    from explorer.core.updates import RecordedUpdate
    from explorer.ui.common.shell import Shell
    from explorer.ui.workers import Task

log = logging.getLogger("explorer")

#: The longest the journal lags behind the canvas while it keeps changing.
JOURNAL_DELAY_MS = 2000
QUESTION = "Restore the work from the last session that ended unexpectedly?"
_SCENE_EVENTS = ("node_added", "node_removed", "node_changed", "edge_added", "edge_removed", "reset",
                 "highlight_changed", "filters_changed")


class RecoveryController(QObject):
    """Keeps the window's journal and restores a dead session's work (see the module docstring)."""

    #: A restore finished: the data, the updates and the canvas are back.
    sig_restored = Signal()
    #: A restore stopped (one line); the journal is kept for the next start.
    sig_restore_failed = Signal(str)
    #: The journal was written (its path).
    sig_journal_written = Signal(str)

    def __init__(self, window: Shell, root: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.warnings: list[str] = []
        # Look for dead sessions before this one exists, so it can never find itself.
        self.orphans: list[OrphanedSession] = orphaned_sessions(root, warnings=self.warnings)
        for warning in self.warnings:
            log.warning("crash recovery: %s", warning)
        self.session: RecoverySession | None = None
        try:
            self.session = RecoverySession.start(root)
        except OSError as error:
            log.warning("crash recovery is off: cannot make the journal folder (%s)", error.strerror or error)
        self.prompt: QMessageBox | None = None
        self.restoring: OrphanedSession | None = None
        self._restore_task: Task | None = None
        self._draft_dialog: Any = None
        self.warnings_after_restore: list[str] = []
        self._journaled: dict[int, tuple[RecordedUpdate, JournaledUpdate]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(JOURNAL_DELAY_MS)
        # Written off the GUI thread (the disk's fsync took 77-145 ms there under a busy disk).
        self._timer.timeout.connect(self._write_journal_soon)
        if self.session is not None:
            # The writer thread may finish a write while this window is being deleted: its news
            # goes through an object of its own, never through a signal of this one.
            written = queued_news(self.sig_journal_written)
            self.session.writer.on_written = lambda path: written(str(path))
            self.session.writer.on_error = lambda error: log.warning("crash journal not written: %s", error)
        for name in _SCENE_EVENTS:
            window.scene.events.connect(name, self._on_scene_changed)
        window.sig_graph_changed.connect(self._on_work_changed)
        # Updates, their undo and redo: the data changed, journal at once.
        window.session.graph_modified.connect(self._on_work_changed)
        self.destroyed.connect(lambda *_: window.session.graph_modified.disconnect(self._on_work_changed))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.end_session)

    # ------------------------------------------------------------------ journaling
    def _on_scene_changed(self, *_args: object) -> None:
        if not self._timer.isActive():  # throttle, not debounce: a long drag still gets journaled
            self._timer.start()

    def _on_work_changed(self, *_args: object) -> None:
        """Updates and new graphs are rare and costly to lose: journal on the next turn of the loop."""
        self._timer.start(0)

    def schedule(self) -> None:
        """Journal soon (within :data:`JOURNAL_DELAY_MS`)."""
        self._on_scene_changed()

    def watch_snapshot_dialog(self, dialog: Any) -> None:
        """Journal the title and notes of a snapshot being written in ``dialog`` (a SaveSnapshotDialog)."""
        self._draft_dialog = dialog
        dialog.title_edit.textChanged.connect(self._on_scene_changed)
        dialog.notes_edit.textChanged.connect(self._on_scene_changed)
        dialog.finished.connect(self._on_snapshot_dialog_finished)

    def _on_snapshot_dialog_finished(self, _result: int) -> None:
        self._draft_dialog = None
        self._on_work_changed()

    def journal(self) -> Journal:
        """The work in progress now."""
        window = self.window
        export_actions = window.session.part("export")
        snapshot = export_actions.snapshot if export_actions is not None else None
        own_copy = (snapshot is not None and window.kg is not None and not snapshot.attached
                    and snapshot.path is not None and snapshot.graph() is window.kg)
        source = source_of(window.kg, snapshot_path=snapshot.path if own_copy else None)
        records: list[RecordedUpdate] = window.session.applied_updates()
        # Each update's N-Quads are made once, not at every write.
        self._journaled = {id(r): self._journaled.get(id(r)) or (r, JournaledUpdate.from_record(r)) for r in records}
        updates = [self._journaled[id(r)][1] for r in records]
        draft = None
        dialog = self._draft_dialog
        if dialog is not None and dialog.isVisible():
            draft = SnapshotDraft(dialog.title_edit.text(), dialog.notes_edit.toPlainText())
        scene = window.scene.to_dict() if window.kg is not None else None
        return Journal(source, scene, updates, draft)

    def write_journal(self) -> Path | None:
        """Write the journal now (atomically); returns its path, or None when there is no session."""
        self._timer.stop()
        if self.session is None or self.session.closed or self.restoring is not None:
            return None
        try:
            self.session.write(self.journal())
        except (OSError, ExplorerError, ValueError) as error:
            # Never in the analyst's way: the next change tries again.
            log.warning("crash journal not written: %s", error)
            return None
        self.sig_journal_written.emit(str(self.session.journal_path))
        return self.session.journal_path

    def _write_journal_soon(self) -> None:
        """The journal made now, written by the session's writer thread."""
        if self.session is None or self.session.closed or self.restoring is not None:
            return
        try:
            self.session.write_soon(self.journal())
        except (ExplorerError, ValueError) as error:
            log.warning("crash journal not written: %s", error)

    def end_session(self) -> None:
        """A clean exit: the journal goes."""
        self._timer.stop()
        if self.session is not None:
            self.session.close(clean=True)
        for orphan in self.orphans:
            orphan.release()

    # ------------------------------------------------------------------ offering
    def offer(self) -> QMessageBox | None:
        """Ask whether to restore the newest dead session's work (non-blocking); None when there is none."""
        if self.warnings:
            self.window.statusBar().showMessage(self.warnings[0] + (
                f" (and {len(self.warnings) - 1} more)" if len(self.warnings) > 1 else ""), 20000)
            self.warnings = []
        if not self.orphans or self.prompt is not None or self.restoring is not None:
            return None
        orphan = self.orphans[0]
        box = QMessageBox(QMessageBox.Icon.Question, "Restore Unsaved Work", QUESTION, QMessageBox.StandardButton.NoButton,
                          self.window)
        box.setObjectName("recoveryPrompt")
        box.setInformativeText(f"It had {orphan.journal.describe()}.")
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        restore.setObjectName("restoreButton")
        discard.setObjectName("discardButton")
        box.setDefaultButton(restore)
        box.finished.connect(lambda _result: self._on_prompt_finished(orphan, box.clickedButton() is restore))
        self.prompt = box
        box.open()
        return box

    def _on_prompt_finished(self, orphan: OrphanedSession, restore: bool) -> None:
        self.prompt = None
        if restore:
            self.restore(orphan)
        else:
            self.discard(orphan)

    def discard(self, orphan: OrphanedSession) -> None:
        if orphan in self.orphans:
            self.orphans.remove(orphan)
        orphan.discard()
        self.window.statusBar().showMessage("The work from the last session was discarded", 6000)
        QTimer.singleShot(0, self.offer)  # an older dead session, if any

    # ------------------------------------------------------------------ restoring
    def restore(self, orphan: OrphanedSession) -> Task | None:
        """Reload the orphan's data, then redo its updates and put its canvas back (asynchronously)."""
        if orphan in self.orphans:
            self.orphans.remove(orphan)
        self.restoring = orphan
        journal = orphan.journal
        source = journal.source
        changed = source.source_kind.changes(source)
        if any(why.endswith("is gone") for why in changed):
            self._fail(f"cannot restore: {changed[0]}")
            return None
        try:
            task = self._load(journal)
        except ExplorerError as error:
            self._fail(f"cannot restore: {error}")
            return None
        if changed:
            self.warnings_after_restore = [f"{changed[0]}: the restored view may differ"]
        if task is None:
            self._on_source_loaded()
            return None
        self._restore_task = task
        task.sig_finished.connect(lambda _result: QTimer.singleShot(0, self._on_source_loaded))
        task.sig_failed.connect(lambda message: self._fail(f"the data could not be reloaded: {message}"))
        task.sig_cancelled.connect(lambda: self._fail("reloading the data was cancelled"))
        return task

    def _load(self, journal: Journal) -> Task | None:
        """Start reloading the journal's data in the window; None when there is nothing to load."""
        source = journal.source
        return source.source_kind.reopen(source, _WindowOpener(self.window))

    def _on_source_loaded(self) -> None:
        orphan = self.restoring
        if orphan is None:
            return
        journal = orphan.journal
        kg = self.window.kg
        if not journal.updates or kg is None:
            self._finish(ReappliedUpdates([], []))
            return
        from explorer.ui.workers import Task

        task = Task(reapply_updates, kg, journal.updates, rerun_blank_nodes=not journal.source.source_kind.keeps_blank_nodes)
        task.sig_finished.connect(self._finish)
        task.sig_failed.connect(lambda message: self._fail(f"the SPARQL updates could not be redone: {message}"))
        self.window.track_task(task, f"Redoing {len(journal.updates)} SPARQL update(s)")
        self._restore_task = task
        task.start()

    def _finish(self, redone: ReappliedUpdates) -> None:
        orphan = self.restoring
        if orphan is None:
            return
        window = self.window
        journal = orphan.journal
        workbench = window.session.part("workbench")
        if redone.records and workbench is not None:
            workbench.adopt_updates(redone.records)
        elif redone.records and window.kg is not None:
            for record in redone.records:
                window.session.record_update(record, window.kg)
        if journal.scene is not None and window.kg is not None:
            from explorer.core.scene import Scene

            # The canvas as it was, not a step of its own: the redone updates stay the last steps.
            window.scene.restore(Scene.from_dict(journal.scene).capture())
            window.fit_canvas()
        self.restoring = None
        self._restore_task = None
        orphan.discard()
        notes = redone.warnings + self.warnings_after_restore
        self.warnings_after_restore = []
        for note in notes:
            log.warning("crash recovery: %s", note)
        message = f"Restored the work from the last session: {journal.describe()}"
        window.statusBar().showMessage(message + (f" — {notes[0]}" if notes else ""), 15000)
        if journal.draft is not None and not journal.draft.is_empty():
            self._reopen_draft(journal.draft)
        self.write_journal()
        self.sig_restored.emit()

    def _reopen_draft(self, draft: SnapshotDraft) -> None:
        actions = self.window.session.part("export")
        dialog = actions.save_snapshot() if actions is not None else None
        if dialog is not None:
            dialog.title_edit.setText(draft.title)
            dialog.notes_edit.setPlainText(draft.notes)

    def _fail(self, message: str) -> None:
        orphan = self.restoring
        self.restoring = None
        self._restore_task = None
        if orphan is not None:
            orphan.release()  # kept: offered again at the next start
        text = f"Work not restored: {message}; it is offered again at the next start"
        log.warning("crash recovery: %s", text)
        self.window.statusBar().showMessage(text, 20000)
        self.sig_restore_failed.emit(text)
        self.write_journal()


def install_recovery(window: Shell, root: Path | None = None) -> RecoveryController:
    """Start journaling ``window``'s work (the window keeps the controller it returns)."""
    return RecoveryController(window, root)


__all__ = ["JOURNAL_DELAY_MS", "QUESTION", "RecoveryController", "install_recovery"]


class _WindowOpener:
    """How a graph source reopens in the window (the GraphOpener of services.sources)."""

    def __init__(self, window: Shell) -> None:
        self.window = window

    def open_bundled(self) -> Task | None:
        return self.window.open_bundled()

    def open_files(self, paths: Sequence[str | Path]) -> Task | None:
        return self.window.open_files(list(paths))

    def open_workspace(self, folder: str | Path) -> Task | None:
        return self.window.open_workspace(folder)

    def connect_endpoint(self, profile_data: Mapping[str, Any]) -> Task | None:
        from explorer.services.endpoints import EndpointProfile, load_secret
        from explorer.ui.endpoints.endpoint_dialog import connect_window

        profile = EndpointProfile.from_dict(dict(profile_data))
        secret = load_secret(profile) if profile.auth_kind != "none" else ""
        return connect_window(self.window, profile.config(secret or ""))

    def open_snapshot(self, path: str | Path) -> Task | None:
        from explorer.services import snapshots
        from explorer.ui.workers import Task

        task = Task(snapshots.open_snapshot, path, None)
        actions = self.window.session.part("export")
        if actions is not None:
            task.sig_finished.connect(lambda snapshot: actions.show_snapshot(snapshot, ask=False))
        self.window.track_task(task, f"Opening {Path(path).name}")
        return task.start()
