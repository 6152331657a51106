"""Export and snapshot commands of the desktop app.

- File ▸ Export… (Ctrl+Shift+X): the :class:`ExportDialog` — format, what to export (the
  canvas as it is, or an entity and N hops around it), image size and scale, title, file.
- File ▸ Save Snapshot… (Ctrl+S): the :class:`SaveSnapshotDialog` — title, notes, date, file.
- File ▸ Open Snapshot…: shows a saved snapshot on the canvas; it re-attaches to the loaded
  graph when that is the snapshot's data, else (after asking) browses the snapshot's own copy.
- Tools ▸ Compare Snapshots…: the difference of two snapshots drawn on the canvas (added
  green, removed red, changed orange) and listed in the "Snapshot Differences" panel.

Collecting the subgraph, hashing the data and writing files run in workers; images are
drawn on the GUI thread (Qt painting), which takes a fraction of a second.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.errors import ExplorerError
from explorer.core.scene import Scene
from explorer.services import snapshots as snapshot_files
from explorer.services import subgraph as subgraphs
from explorer.services.exporters import ExportJob, export, exporters
from explorer.ui.workers import LatestTaskRunner

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.ui.app.main_window import MainWindow

SNAPSHOT_FILTER = "KG Explorer snapshots (*.kgsnap);;All files (*)"
_CHANGE_COLOURS = {"added": snapshot_files.ADDED_COLOR, "removed": snapshot_files.REMOVED_COLOR,
                   "changed": snapshot_files.CHANGED_COLOR}


def copy_scene(scene: Scene) -> Scene:
    """An independent copy of a scene (workers read the copy while the canvas keeps changing)."""
    return Scene.from_dict(scene.to_dict())


def replace_scene(target: Scene, source: Scene) -> None:
    """Make ``target`` (the canvas's scene) show exactly what ``source`` holds, with events."""
    target.clear()
    for node in source.nodes.values():
        target.add_node(node)
    for edge in source.edges.values():
        target.add_edge(edge)
    target.expanded = {key: list(value) for key, value in source.expanded.items()}
    target.set_class_filter(source.hidden_classes)
    target.set_predicate_filter(source.hidden_predicates)
    if source.focus in target.nodes:
        target.set_focus(source.focus)
    target.highlight(source.highlighted)


class _FileField(QWidget):
    """A path line edit with a Browse… button."""

    def __init__(self, caption: str, file_filter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.file_filter = caption, file_filter
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(caption)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.caption, self.edit.text(), self.file_filter)
        if path:
            self.edit.setText(path)

    def path(self) -> str:
        return self.edit.text().strip()


# ---------------------------------------------------------------------------- export dialog
class ExportDialog(QDialog):
    """Choose a format, what to export, image options and a file."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.window_ref = window
        self.formats = exporters()
        self.format_box = QComboBox(self)
        for name in ("html", "png", "svg", "pdf", "graphml", "gexf", "ttl", "nq", "jsonld", "csv"):
            if name in self.formats:
                self.format_box.addItem(f"{self.formats[name].label} ({self.formats[name].suffix})", name)
        self.format_box.currentIndexChanged.connect(self._on_format_box_changed)

        source = QGroupBox("What to export", self)
        self.canvas_radio = QRadioButton("The canvas as it is (visible entities and links)", source)
        self.focus_radio = QRadioButton("An entity and what is around it:", source)
        self.source_group = QButtonGroup(self)
        self.source_group.addButton(self.canvas_radio)
        self.source_group.addButton(self.focus_radio)
        self.focus_edit = QLineEdit(source)
        self.focus_edit.setPlaceholderText("label, prefixed name or IRI")
        self.hops_spin = QSpinBox(source)
        self.hops_spin.setRange(0, 6)
        self.hops_spin.setValue(2)
        self.hops_spin.setSuffix(" hops")
        focus_row = QHBoxLayout()
        focus_row.addWidget(self.focus_radio)
        focus_row.addWidget(self.focus_edit, 1)
        focus_row.addWidget(self.hops_spin)
        box = QVBoxLayout(source)
        box.addWidget(self.canvas_radio)
        box.addLayout(focus_row)
        has_canvas = bool(window.scene.visible_nodes())
        (self.canvas_radio if has_canvas else self.focus_radio).setChecked(True)
        self.canvas_radio.setEnabled(has_canvas)
        current = window.scene.focus or (window.selection[0] if window.selection else "")
        if current and window.kg is not None:
            self.focus_edit.setText(window.kg.label(current))
        self.focus_radio.toggled.connect(self._on_focus_radio_toggled)

        self.images = QGroupBox("Image size", self)
        self.fit_check = QCheckBox("Fit the graph (one pixel per canvas unit)", self.images)
        self.fit_check.setChecked(True)
        self.width_spin = QSpinBox(self.images)
        self.height_spin = QSpinBox(self.images)
        for spin, value in ((self.width_spin, 1600), (self.height_spin, 1000)):
            spin.setRange(16, 16384)
            spin.setValue(value)
            spin.setSuffix(" px")
        self.scale_spin = QDoubleSpinBox(self.images)
        self.scale_spin.setRange(0.5, 8.0)
        self.scale_spin.setSingleStep(0.5)
        self.scale_spin.setValue(2.0)
        self.scale_spin.setSuffix(" ×")
        self.scale_spin.setToolTip("Pixels per canvas pixel in a PNG: 2 is sharp on slides and high-density screens")
        self.fit_check.toggled.connect(self._on_fit_check_toggled)
        image_form = QFormLayout(self.images)
        image_form.addRow(self.fit_check)
        image_form.addRow("Width", self.width_spin)
        image_form.addRow("Height", self.height_spin)
        image_form.addRow("Scale (PNG)", self.scale_spin)

        self.title_edit = QLineEdit(self)
        self.title_edit.setText("Knowledge graph")
        self.file_field = _FileField("Export to", "All files (*)", self)
        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Title", self.title_edit)
        form.addRow("File", self.file_field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.message = QLabel("", self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(source)
        layout.addWidget(self.images)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._on_format_box_changed()
        self._on_fit_check_toggled(True)
        self._on_focus_radio_toggled(self.focus_radio.isChecked())

    def format_name(self) -> str:
        return str(self.format_box.currentData())

    def _on_format_box_changed(self, *args: object) -> None:
        exporter = self.formats[self.format_name()]
        self.images.setEnabled(exporter.image)
        path = self.file_field.path()
        if path:
            self.file_field.edit.setText(str(Path(path).with_suffix(exporter.suffix)))
        else:
            self.file_field.edit.setText(str(Path.home() / f"knowledge-graph{exporter.suffix}"))
        self.file_field.file_filter = f"{exporter.label} (*{exporter.suffix});;All files (*)"

    def _on_fit_check_toggled(self, checked: bool) -> None:
        self.width_spin.setEnabled(not checked)
        self.height_spin.setEnabled(not checked)

    def _on_focus_radio_toggled(self, checked: bool) -> None:
        self.focus_edit.setEnabled(checked)
        self.hops_spin.setEnabled(checked)

    def _on_buttons_accepted(self) -> None:
        if not self.file_field.path():
            self.message.setText("Choose the file to write.")
            return
        if self.focus_radio.isChecked() and not self.focus_edit.text().strip():
            self.message.setText("Name the entity to start from, or export the canvas.")
            return
        self.accept()

    def options(self) -> dict[str, Any]:
        fit = self.fit_check.isChecked()
        return {
            "format": self.format_name(),
            "path": self.file_field.path(),
            "title": self.title_edit.text().strip() or "Knowledge graph",
            "focus": self.focus_edit.text().strip() if self.focus_radio.isChecked() else None,
            "hops": self.hops_spin.value(),
            "width": None if fit else self.width_spin.value(),
            "height": None if fit else self.height_spin.value(),
            "scale": self.scale_spin.value(),
        }


def prepare_export(kg: KnowledgeGraph, scene: Scene | None, options: dict[str, Any],
                   cancel: Any = None) -> ExportJob:
    """The export job (runs in a worker): the subgraph of the canvas copy, or of focus + hops, laid out."""
    if options.get("focus"):
        subgraph = subgraphs.from_focus(kg, kg.resolve(options["focus"]), int(options["hops"]), cancel=cancel)
        scene = subgraphs.to_scene(kg, subgraph, cancel=cancel)
    else:
        assert scene is not None
        subgraph = subgraphs.from_scene(kg, scene, cancel=cancel)
    return ExportJob(kg, subgraph, scene, title=options["title"], width=options.get("width"), height=options.get("height"),
                     scale=float(options.get("scale") or 1.0))


def write_export(job: ExportJob, name: str, path: str) -> Path:
    return export(name, job, path)


# ---------------------------------------------------------------------------- snapshot dialog
class SaveSnapshotDialog(QDialog):
    """Title, notes, date and file of a new snapshot."""

    def __init__(self, parent: QWidget | None = None, suggested: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Save Snapshot")
        self.setObjectName("saveSnapshotDialog")
        self.title_edit = QLineEdit(self)
        self.title_edit.setText(suggested)
        self.title_edit.setPlaceholderText("what this view shows")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlaceholderText("what you found, what to check next …")
        self.date_edit = QLineEdit(self)
        self.date_edit.setText(_dt.date.today().isoformat())
        self.date_edit.setToolTip("YYYY-MM-DD (or YYYY-MM-DDTHH:MM); leave empty for none")
        self.file_field = _FileField("Save snapshot as", SNAPSHOT_FILTER, self)
        self.file_field.edit.setText(str(Path.home() / "snapshot.kgsnap"))
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Notes", self.notes_edit)
        form.addRow("Date", self.date_edit)
        form.addRow("File", self.file_field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        if not self.title_edit.text().strip():
            self.message.setText("Give the snapshot a title.")
            return
        try:
            snapshot_files.check_date(self.date_edit.text().strip() or None)
        except ExplorerError as error:
            self.message.setText(str(error))
            return
        if not self.file_field.path():
            self.message.setText("Choose the file to write.")
            return
        self.accept()

    def options(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "notes": self.notes_edit.toPlainText().strip(),
            "date": self.date_edit.text().strip() or None,
            "path": self.file_field.path(),
        }


# ---------------------------------------------------------------------------- diff panel
class SnapshotDiffModel(QAbstractTableModel):
    """Rows of a snapshot diff: change, kind, item, detail; coloured by change."""

    HEADERS = ("Change", "Kind", "Item", "Detail")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[snapshot_files.DiffRow] = []

    def set_diff(self, diff: snapshot_files.SnapshotDiff | None) -> None:
        self.beginResetModel()
        self.rows = diff.rows() if diff is not None else []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.change, row.kind, row.label, row.detail)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor(_CHANGE_COLOURS[row.change]))
        if role == Qt.ItemDataRole.UserRole:
            return row.item_id
        return None


class SnapshotDiffWidget(QWidget):
    """The "Snapshot Differences" panel: a summary line and the table; a row click selects the item."""

    sig_item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Compare two snapshots with Tools ▸ Compare Snapshots….", self)
        self.summary.setWordWrap(True)
        self.model = SnapshotDiffModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Snapshot differences")
        self.table.activated.connect(self._on_table_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def set_diff(self, diff: snapshot_files.SnapshotDiff) -> None:
        self.summary.setText(f"From “{diff.a_title}” to “{diff.b_title}”: {diff.summary()}")
        self.model.set_diff(diff)

    def _on_table_activated(self, index: QModelIndex) -> None:
        item = self.model.data(index, Qt.ItemDataRole.UserRole)
        if item:
            self.sig_item_activated.emit(str(item))


# ---------------------------------------------------------------------------- wiring
class ExportActions:
    """The export and snapshot actions of one main window, and the work they start."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.runner = LatestTaskRunner(window)
        self.diff_widget: SnapshotDiffWidget | None = None
        self.snapshot: snapshot_files.Snapshot | None = None
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
        dialog.accepted.connect(lambda: self.start_save_snapshot(dialog.options()))
        recovery = getattr(window, "recovery", None)
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
            window.set_graph(snapshot.own_graph())
        replace_scene(window.scene, snapshot.scene())
        self.snapshot = snapshot
        window.setWindowTitle(f"{snapshot.title} — snapshot — KG Explorer")
        window.fit_canvas()
        where = "over the loaded data" if snapshot.attached else "with its own copy of the data"
        window.statusBar().showMessage(f"Opened snapshot “{snapshot.title}” {where}", 10000)
        return True

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
        replace_scene(window.scene, diff.scene())
        window.fit_canvas()
        window.statusBar().showMessage(diff.summary(), 10000)

    def _on_diff_item_activated(self, item_id: str) -> None:
        scene = self.window.scene
        if item_id in scene.nodes or item_id in scene.edges:
            scene.highlight([item_id])
        if item_id in scene.nodes:
            self.window._canvas_call("center_on", item_id)


def _diff_files(first: str, second: str) -> snapshot_files.SnapshotDiff:
    return snapshot_files.diff_snapshots(snapshot_files.open_snapshot(first), snapshot_files.open_snapshot(second))


def _before_quit(menu: Any) -> QAction | None:
    """The separator above File ▸ Quit (or Quit itself): new file actions go just before it."""
    actions = menu.actions()
    for position, action in enumerate(actions):
        if action.objectName() == "quitAction":
            return actions[position - 1] if position > 0 and actions[position - 1].isSeparator() else action
    return None


def install_export_actions(window: MainWindow) -> ExportActions:
    """Add Export…, Save/Open Snapshot… and Compare Snapshots… to the main window."""
    actions = ExportActions(window)
    window.export_actions = actions  # type: ignore[attr-defined]
    return actions


__all__ = [
    "ExportActions",
    "ExportDialog",
    "SaveSnapshotDialog",
    "SnapshotDiffModel",
    "SnapshotDiffWidget",
    "install_export_actions",
    "prepare_export",
]
