"""Snapshot dialogs: Save Snapshot (title, notes, date) and the Snapshot Differences panel."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.errors import ExplorerError
from explorer.services import snapshots as snapshot_files

if TYPE_CHECKING:
    pass

from explorer.ui.common.file_field import FileField

SNAPSHOT_FILTER = "KG Explorer snapshots (*.kgsnap);;All files (*)"
_CHANGE_COLOURS = {"added": snapshot_files.ADDED_COLOR, "removed": snapshot_files.REMOVED_COLOR,
                   "changed": snapshot_files.CHANGED_COLOR}


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
        self.file_field = FileField("Save snapshot as", SNAPSHOT_FILTER, self)
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

    def prefill(self, title: str, notes: str, date: str | None, path: Path | None) -> None:
        """Offer an open snapshot's words and file again (re-saving it)."""
        self.title_edit.setText(title)
        self.notes_edit.setPlainText(notes)
        self.date_edit.setText(date or "")
        if path is not None:
            self.file_field.edit.setText(str(path))

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


__all__ = ["SNAPSHOT_FILTER", "SaveSnapshotDialog", "SnapshotDiffModel", "SnapshotDiffWidget"]
