"""The widgets of notes: the note editor, the canvas-note card over the canvas and the Inspector's note box."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explorer.core.scene_notes import MAX_NOTE_CHARS

#: Lines of the canvas note shown on the card before it is cut (the editor shows all of it).
CARD_LINES = 6
CARD_CHARS = 400


class NoteDialog(QDialog):
    """Write, change or remove one note; ``accepted`` with :meth:`text` (empty: remove)."""

    def __init__(self, subject: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(f"Note on {subject}")
        self.heading = QLabel(f"Note on <b>{html.escape(subject)}</b>", self)
        self.heading.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(text)
        self.editor.setPlaceholderText("what you noticed, what to check, who to ask …")
        self.editor.setMinimumSize(380, 140)
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.remove_button = self.buttons.addButton("Remove Note", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove_button.setVisible(bool(text.strip()))
        self.removed = False
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self._on_remove)
        self.editor.textChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self._on_text_changed()

    def text(self) -> str:
        return "" if self.removed else self.editor.toPlainText().strip()

    def _on_text_changed(self) -> None:
        length = len(self.editor.toPlainText().strip())
        over = length > MAX_NOTE_CHARS
        self.count.setText(f"{length:,} / {MAX_NOTE_CHARS:,} characters" + (": too long, shorten it" if over else ""))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not over)

    def _on_ok(self) -> None:
        if len(self.editor.toPlainText().strip()) <= MAX_NOTE_CHARS:
            self.accept()

    def _on_remove(self) -> None:
        self.removed = True
        self.accept()


class CanvasNoteCard(QFrame):
    """A card in the canvas's top-left corner: the open snapshot's title and notes, and the canvas note.

    Hidden when there is nothing to show. ``sig_edit_requested("canvas" | "snapshot")`` asks to edit one.
    """

    sig_edit_requested = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("canvasNoteCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().ToolTipBase)
        self.setForegroundRole(self.foregroundRole().ToolTipText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.setMaximumWidth(360)
        self.text = QLabel(self)
        self.text.setObjectName("canvasNoteText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.text.linkActivated.connect(self._on_link_activated)
        #: Folded to one line, so that the card hides nothing of the graph under it.
        self.folded = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text)
        self.snapshot_title = ""
        self.snapshot_notes = ""
        self.canvas_note = ""
        self.hide()

    def _on_link_activated(self, link: str) -> None:
        if link in ("fold", "unfold"):
            self.folded = link == "fold"
            self.set_content(self.snapshot_title, self.snapshot_notes, self.canvas_note)
        else:
            self.sig_edit_requested.emit(link)

    def set_content(self, snapshot_title: str, snapshot_notes: str, canvas_note: str) -> None:
        self.snapshot_title, self.snapshot_notes, self.canvas_note = snapshot_title, snapshot_notes, canvas_note
        parts = []
        if self.folded and (snapshot_title or canvas_note):
            name = html.escape(snapshot_title) if snapshot_title else "Canvas note"
            parts.append(f"<b>{name}</b> <a href='unfold'>show notes ▸</a>")
        else:
            if snapshot_title:
                parts.append(f"<b>{html.escape(snapshot_title)}</b> <a href='snapshot'>edit</a>")
                if snapshot_notes:
                    parts.append(_paragraphs(snapshot_notes))
            if canvas_note:
                parts.append("<b>Canvas note</b> <a href='canvas'>edit</a>")
                parts.append(_paragraphs(canvas_note))
            if parts:
                parts[0] += " · <a href='fold'>◂ fold</a>"
        self.text.setText("<br>".join(parts))
        self.setVisible(bool(parts))
        self.adjustSize()
        parent = self.parentWidget()
        viewport = getattr(parent, "viewport", None)
        corner = viewport().geometry().topLeft() if callable(viewport) else QPoint(0, 0)
        self.move(corner + QPoint(10, 10))
        self.raise_()


def _paragraphs(text: str) -> str:
    lines = text.splitlines()[:CARD_LINES]
    shown = "\n".join(lines)
    cut = len(shown) > CARD_CHARS or len(lines) < len(text.splitlines())
    shown = shown[:CARD_CHARS].rstrip() + (" …" if cut else "")
    return html.escape(shown).replace("\n", "<br>")


class NoteBox(QFrame):
    """The Inspector's note of the entity or link it shows, with Add / Edit / Remove."""

    sig_edit_requested = Signal()
    sig_remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorNoteBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setObjectName("inspectorNoteText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.edit_button = QPushButton("Add Note…", self)
        self.edit_button.setToolTip("Write a note on this (Ctrl+Alt+N)")
        self.remove_button = QPushButton("Remove", self)
        self.edit_button.clicked.connect(self.sig_edit_requested.emit)
        self.remove_button.clicked.connect(self.sig_remove_requested.emit)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.set_note(None)

    def set_note(self, note: str | None) -> None:
        """Show ``note`` (``""``: none yet; ``None``: nothing that can carry a note is shown)."""
        self.setVisible(note is not None)
        note = note or ""
        self.text.setText(f"<b>Note:</b> {html.escape(note)}".replace("\n", "<br>") if note else "")
        self.text.setToolTip(note)
        # Without a note only a flat "Add Note…" shows: the Inspector's room goes to the evidence.
        self.text.setVisible(bool(note))
        self.setFrameShape(QFrame.Shape.StyledPanel if note else QFrame.Shape.NoFrame)
        self.edit_button.setFlat(not note)
        self.edit_button.setText("Edit Note…" if note else "Add Note…")
        self.remove_button.setVisible(bool(note))


__all__ = ["CanvasNoteCard", "NoteBox", "NoteDialog"]
