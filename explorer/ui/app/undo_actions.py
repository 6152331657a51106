"""Edit ▸ Undo / Redo: two actions that follow the session's Qt-free undo history.

The history (:class:`~explorer.core.history.History`) holds the commands; this adapter
only keeps the actions' text ("Undo Hide China Mobile") and enabled state in step with it.
Text fields keep their own Ctrl+Z: Qt gives a focused line or text edit the key first.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from explorer.core.history import History

_REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


class UndoActions(QObject):
    """``undo_action`` and ``redo_action`` over ``history``; add them to a menu."""

    def __init__(self, history: History, parent: QWidget) -> None:
        super().__init__(parent)
        self.history = history
        self.undo_action = QAction("&Undo", parent)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", parent)
        self.redo_action.setObjectName("redoAction")
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts(redo_keys + [key for key in _REDO_KEYS if key not in redo_keys])
        self.redo_action.triggered.connect(self.redo)
        for action in (self.undo_action, self.redo_action):
            parent.addAction(action)  # the keys work while the menu bar is hidden too
        history.changed.connect(self.refresh)
        self.destroyed.connect(lambda *_: history.changed.disconnect(self.refresh))
        self.refresh()

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    def refresh(self) -> None:
        history = self.history
        self.undo_action.setEnabled(history.can_undo)
        self.redo_action.setEnabled(history.can_redo)
        self.undo_action.setText(f"&Undo {history.undo_text}" if history.can_undo else "&Undo")
        self.redo_action.setText(f"&Redo {history.redo_text}" if history.can_redo else "&Redo")
        self.undo_action.setStatusTip(f"Undo: {history.undo_text}" if history.can_undo else "Nothing to undo")
        self.redo_action.setStatusTip(f"Redo: {history.redo_text}" if history.can_redo else "Nothing to redo")


__all__ = ["UndoActions"]
