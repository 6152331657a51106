"""File ▸ Export…, Save Snapshot…, Open Snapshot… and Tools ▸ Compare Snapshots… in the main window.

The work runs in workers; what reaches the canvas (a snapshot, a comparison) is a step of
the session's undo history.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from explorer.core.errors import ExplorerError
from explorer.core.history import Callbacks
from explorer.services import snapshots as snapshot_files
from explorer.services.exporters import ExportJob, export, exporters
from explorer.ui.workers import LatestTaskRunner

if TYPE_CHECKING:
    from explorer.ui.common.shell import Shell

from explorer.ui.export.export_dialog import ExportDialog, copy_scene, prepare_export, write_export
from explorer.ui.snapshots.snapshot_dialogs import SNAPSHOT_FILTER, SaveSnapshotDialog, SnapshotDiffWidget


class ExportActions:
    """The export and snapshot actions of one main window, and the work they start."""

    def __init__(self, window: Shell) -> None:
        self.window = window
        self.runner = LatestTaskRunner(window)
        self.diff_widget: SnapshotDiffWidget | None = None
        self.snapshot: snapshot_files.Snapshot | None = None
        #: Called when the open snapshot, or its title or notes, changed (the notes card shows them).
        self.snapshot_changed = Callbacks()
        window.session.graph_changed.connect(self._on_graph_changed)
        file_menu = window.menu("File")
        before = _before_quit(file_menu)
        self.export_action = self._insert(file_menu, before, "&Export…", self.export, "Ctrl+Shift+X",
                                          "Save the canvas or an entity's neighbourhood as HTML, an image, GraphML/GEXF, RDF or CSV",
                                          "exportAction")
        self.save_snapshot_action = self._insert(file_menu, before, "&Save Snapshot…", self.save_snapshot,
                                                 QKeySequence.StandardKey.Save,
                                                 "Save the canvas with its facts and evidence in one file that reopens anywhere",
                                                 "saveSnapshotAction")
        self.open_snapshot_action = self._insert(file_menu, before, "Open S&napshot…", self.open_snapshot, "Ctrl+Shift+S",
                                                 "Show a saved snapshot on the canvas", "openSnapshotAction")
        tools_menu = window.menu("Tools")
        self.compare_action = QAction("Compare &Snapshots…", window)
        self.compare_action.setObjectName("compareSnapshotsAction")
        self.compare_action.setStatusTip("What changed between two snapshots: drawn on the canvas and listed in a panel")
        self.compare_action.triggered.connect(self.compare_snapshots)
        tools_menu.addAction(self.compare_action)

    def _insert(self, menu: Any, before: QAction | None, text: str, slot: Any, shortcut: Any, tip: str, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut) if not isinstance(shortcut, QKeySequence) else shortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        return action

    # -------------------------------------------------------------- export
    def export(self) -> ExportDialog | None:
        window = self.window
        if window.kg is None:
            window.show_error("Open a graph first: there is nothing to export", "Export")
            return None
        dialog = ExportDialog(window)
        dialog.accepted.connect(lambda: self.start_export(dialog.options()))
        dialog.open()
        return dialog

    def start_export(self, options: dict[str, Any]) -> Any:
        """Collect the subgraph in a worker, then write the file (images on the GUI thread)."""
        window = self.window
        assert window.kg is not None
        scene = None if options.get("focus") else copy_scene(window.scene)
        task = self.runner.start(prepare_export, window.kg, scene, options)
        task.sig_finished.connect(lambda job: self._on_export_prepared(job, options))
        task.sig_failed.connect(lambda message: window.show_error(message, "Export failed"))
        window.track_task(task, f"Exporting {Path(options['path']).name}")
        return task

    def _on_export_prepared(self, job: ExportJob, options: dict[str, Any]) -> None:
        window = self.window
        name = options["format"]
        if self.formats_need_gui(name):
            import explorer.ui.export.export_render  # noqa: F401  installs the image renderer

            try:
                path = export(name, job, options["path"])
            except ExplorerError as error:
                window.show_error(str(error), "Export failed")
                return
            self._on_export_written(path)
            return
        task = self.runner.start(write_export, job, name, options["path"])
        task.sig_finished.connect(self._on_export_written)
        task.sig_failed.connect(lambda message: window.show_error(message, "Export failed"))
        window.track_task(task, f"Writing {Path(options['path']).name}")

    @staticmethod
    def formats_need_gui(name: str) -> bool:
        return exporters()[name].image

    def _on_export_written(self, path: Path) -> None:
        self.last_export = Path(path)
        self.window.statusBar().showMessage(f"Exported {path}", 10000)

    # -------------------------------------------------------------- snapshots
    def save_snapshot(self) -> SaveSnapshotDialog | None:
        window = self.window
        if window.kg is None or not window.scene.visible_nodes():
            window.show_error("The canvas is empty: show some entities before saving a snapshot", "Save Snapshot")
            return None
        suggested = window.kg.label(window.scene.focus) if window.scene.focus else ""
        dialog = SaveSnapshotDialog(window, suggested)
        if self.snapshot is not None:  # re-saving keeps the snapshot's words (File ▸ Snapshot Properties…)
            dialog.prefill(self.snapshot.title, self.snapshot.notes, self.snapshot.date, self.snapshot.path)
        dialog.accepted.connect(lambda: self.start_save_snapshot(dialog.options()))
        recovery = window.session.part("recovery")
        if recovery is not None:  # the title and notes being written survive a crash
            recovery.watch_snapshot_dialog(dialog)
        dialog.open()
        return dialog

    def start_save_snapshot(self, options: dict[str, Any]) -> Any:
        window = self.window
        assert window.kg is not None
        scene = copy_scene(window.scene)
        task = self.runner.start(snapshot_files.save_snapshot, options["path"], window.kg, scene, title=options["title"],
                                 notes=options["notes"], date=options["date"])
        task.sig_finished.connect(self._on_snapshot_saved)
        task.sig_failed.connect(lambda message: window.show_error(message, "Could not save the snapshot"))
        window.track_task(task, f"Saving {Path(options['path']).name}")
        return task

    def _on_snapshot_saved(self, snapshot: snapshot_files.Snapshot) -> None:
        self.snapshot = snapshot
        self.snapshot_changed.emit()
        counts = snapshot.counts
        self.window.statusBar().showMessage(
            f"Saved snapshot {snapshot.path}: {counts['nodes']} entities, {counts['edges']} links, "
            f"{counts['evidence_records']} evidence records", 10000)

    def open_snapshot(self, path: str | None = None) -> Any:
        window = self.window
        if not path:
            path, _ = QFileDialog.getOpenFileName(window, "Open Snapshot", str(Path.home()), SNAPSHOT_FILTER)
            if not path:
                return None
        task = self.runner.start(snapshot_files.open_snapshot, path, window.kg)
        task.sig_finished.connect(self.show_snapshot)
        task.sig_failed.connect(lambda message: window.show_error(message, "Could not open the snapshot"))
        window.track_task(task, f"Opening {Path(path).name}")
        return task

    def show_snapshot(self, snapshot: snapshot_files.Snapshot, *, ask: bool = True) -> bool:
        """Put a snapshot on the canvas: over the live graph when it matches, else over its own copy."""
        window = self.window
        if not snapshot.attached:
            if window.kg is not None and ask:
                answer = QMessageBox.question(
                    window, "Open Snapshot",
                    f"{snapshot.attach_message[0].upper()}{snapshot.attach_message[1:]}.\n\n"
                    "Browse the snapshot's own copy of its facts and evidence? It replaces the graph in this window.",
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
            if not window.may_replace_graph(f"opening snapshot “{snapshot.title}”"):
                return False
            window.set_graph(snapshot.own_graph())
        window.session.replace_scene(snapshot.scene(), f"Open Snapshot “{snapshot.title}”")
        self.snapshot = snapshot
        window.setWindowTitle(f"{snapshot.title} — snapshot — KG Explorer")
        self.snapshot_changed.emit()
        window.fit_canvas()
        where = "over the loaded data" if snapshot.attached else "with its own copy of the data"
        window.statusBar().showMessage(f"Opened snapshot “{snapshot.title}” {where}", 10000)
        return True

    def _on_graph_changed(self, *args: object) -> None:
        """Another graph: the snapshot that was open no longer describes the canvas."""
        if self.snapshot is not None:
            self.snapshot = None
            self.snapshot_changed.emit()

    def compare_snapshots(self, first: str | None = None, second: str | None = None) -> Any:
        window = self.window
        if not first or not second:
            first, _ = QFileDialog.getOpenFileName(window, "Compare Snapshots: the earlier one", str(Path.home()), SNAPSHOT_FILTER)
            if not first:
                return None
            second, _ = QFileDialog.getOpenFileName(window, "Compare Snapshots: the later one", str(Path(first).parent),
                                                    SNAPSHOT_FILTER)
            if not second:
                return None
        task = self.runner.start(_diff_files, first, second)
        task.sig_finished.connect(self.show_diff)
        task.sig_failed.connect(lambda message: window.show_error(message, "Could not compare the snapshots"))
        window.track_task(task, "Comparing snapshots")
        return task

    def show_diff(self, diff: snapshot_files.SnapshotDiff) -> None:
        window = self.window
        if self.diff_widget is None:
            self.diff_widget = SnapshotDiffWidget(window)
            self.diff_widget.sig_item_activated.connect(self._on_diff_item_activated)
            self.diff_dock = window.add_panel("Snapshot Differences", self.diff_widget, Qt.DockWidgetArea.BottomDockWidgetArea,
                                              "SnapshotDiffDock")
        self.diff_widget.set_diff(diff)
        self.diff_dock.show()
        self.diff_dock.raise_()
        window.session.replace_scene(diff.scene(), "Compare Snapshots")
        window.fit_canvas()
        window.statusBar().showMessage(diff.summary(), 10000)

    def _on_diff_item_activated(self, item_id: str) -> None:
        scene = self.window.scene
        if item_id in scene.nodes or item_id in scene.edges:
            scene.highlight([item_id])
        if item_id in scene.nodes:
            self.window.center_canvas_on(item_id)


def _diff_files(first: str, second: str) -> snapshot_files.SnapshotDiff:
    return snapshot_files.diff_snapshots(snapshot_files.open_snapshot(first), snapshot_files.open_snapshot(second))


def _before_quit(menu: Any) -> QAction | None:
    """The separator above File ▸ Quit (or Quit itself): new file actions go just before it."""
    actions = menu.actions()
    for position, action in enumerate(actions):
        if action.objectName() == "quitAction":
            return actions[position - 1] if position > 0 and actions[position - 1].isSeparator() else action
    return None


def install_export_actions(window: Shell) -> ExportActions:
    """Add Export…, Save/Open Snapshot… and Compare Snapshots… to the main window."""
    return ExportActions(window)


__all__ = ["ExportActions", "install_export_actions"]
