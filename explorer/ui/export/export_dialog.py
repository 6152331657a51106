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

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.core.scene import Scene
from explorer.services import snapshots as snapshot_files
from explorer.services import subgraph as subgraphs
from explorer.services.exporters import ExportJob, export, exporters
from explorer.ui.common.file_field import FileField

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.ui.common.shell import Shell

_CHANGE_COLOURS = {"added": snapshot_files.ADDED_COLOR, "removed": snapshot_files.REMOVED_COLOR,
                   "changed": snapshot_files.CHANGED_COLOR}


def copy_scene(scene: Scene) -> Scene:
    """An independent copy of a scene (workers read the copy while the canvas keeps changing)."""
    return Scene.from_dict(scene.to_dict())


class ExportDialog(QDialog):
    """Choose a format, what to export, image options and a file."""

    def __init__(self, window: Shell, parent: QWidget | None = None) -> None:
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
        self.file_field = FileField("Export to", "All files (*)", self)
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
__all__ = ["ExportDialog", "copy_scene", "prepare_export", "write_export"]
