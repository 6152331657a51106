"""File ▸ Snapshot Properties…: the open snapshot's title, notes and date, edited as one undoable step.

Save Snapshot… then offers them again, so re-saving a reopened snapshot keeps its words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from explorer.core.errors import ExplorerError
from explorer.services import snapshots as snapshot_files


class SnapshotPropertiesDialog(QDialog):
    """Title, notes and date of a snapshot, checked as Save Snapshot checks them."""

    def __init__(self, snapshot: snapshot_files.Snapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snapshot Properties")
        self.setObjectName("snapshotPropertiesDialog")
        self.title_edit = QLineEdit(snapshot.title, self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setPlainText(snapshot.notes)
        self.notes_edit.setPlaceholderText("what you found, what to check next …")
        self.date_edit = QLineEdit(snapshot.date or "", self)
        self.date_edit.setToolTip("YYYY-MM-DD (or YYYY-MM-DDTHH:MM); leave empty for none")
        where = QLabel(str(snapshot.path) if snapshot.path else "not saved yet", self)
        where.setWordWrap(True)
        counts = snapshot.counts
        shows = QLabel(f"{counts['nodes']} entities, {counts['edges']} links, {counts['evidence_records']} evidence records; "
                       f"{snapshot.attach_message}", self)
        shows.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Notes", self.notes_edit)
        form.addRow("Date", self.date_edit)
        form.addRow("File", where)
        form.addRow("Shows", shows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def values(self) -> tuple[str, str, str | None]:
        return (self.title_edit.text().strip(), self.notes_edit.toPlainText().strip(), self.date_edit.text().strip() or None)

    def _on_ok(self) -> None:
        title, notes, date = self.values()
        if not title:
            self.message.setText("Give the snapshot a title.")
            return
        if len(title) > snapshot_files.MAX_TITLE_CHARS or len(notes) > snapshot_files.MAX_TEXT_FIELD_CHARS:
            self.message.setText("The title or the notes are too long for a snapshot.")
            return
        try:
            snapshot_files.check_date(date)
        except ExplorerError as error:
            self.message.setText(str(error))
            return
        self.accept()


class SnapshotWords:
    """The title, notes and date of the open snapshot changed; undo puts the old ones back."""

    def __init__(self, snapshot: snapshot_files.Snapshot, title: str, notes: str, date: str | None,
                 changed: Callable[[], None]) -> None:
        self.snapshot = snapshot
        self.before = (snapshot.title, snapshot.notes, snapshot.date)
        self.after = (title, notes, date)
        self._changed = changed
        self.text = "Edit Snapshot Properties"

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def _apply(self, words: tuple[str, str, str | None]) -> None:
        self.snapshot.title, self.snapshot.notes, self.snapshot.date = words
        self._changed()

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


__all__ = ["SnapshotPropertiesDialog", "SnapshotWords"]
