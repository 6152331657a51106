"""What the analysis panels share: a progress strip with Cancel, undoable canvas changes, settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from explorer.core.changes import Command
from explorer.ui.workers import LatestTaskRunner, Task

#: Item data roles the analysis tables share: the value a column sorts by, the entity a row stands for.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2


def run_command(window: Any, command: Command) -> None:
    """Do ``command`` through the window's undo history (Edit ▸ Undo takes it back)."""
    session = getattr(window, "session", None)
    if session is not None and hasattr(session, "do"):
        session.do(command)
        return
    history = getattr(window, "history", None)
    if history is not None and hasattr(history, "push"):
        history.push(command)
        return
    command.redo()


def save_settings(window: Any) -> None:
    saver = getattr(window, "_save_settings", None)
    if callable(saver):
        saver()


class TaskStripWidget(QWidget):
    """A Run button, a progress bar with the task's message and a Cancel button, for one panel's worker.

    ``sig_finished(result)`` and ``sig_failed(message)`` relay the latest task's outcome; a new
    run cancels the one before it.
    """

    sig_finished = Signal(object)
    sig_failed = Signal(str)

    def __init__(self, run_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = LatestTaskRunner(self)
        self.run_button = QPushButton(run_text, self)
        self.run_button.setDefault(True)
        self.run_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1000)
        self.progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the computation; nothing changes")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.run_button)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.status, 1)

    def start(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        task = self.runner.start(function, *args, **kwargs)
        self.status.hide()
        self.progress.setValue(0)
        self.progress.setFormat("Starting…")
        self.progress.show()
        self.cancel_button.show()
        task.sig_progress.connect(self._on_task_progress)
        task.sig_finished.connect(self._on_task_finished)
        task.sig_failed.connect(self._on_task_failed)
        task.sig_cancelled.connect(lambda: self._done("Cancelled."))
        return task

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def cancel(self) -> None:
        self.runner.cancel()

    def show_message(self, text: str) -> None:
        self._done(text)

    def _on_task_progress(self, fraction: float | None, message: str) -> None:
        if fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(message or "Working…")

    def _on_task_finished(self, result: object) -> None:
        self._done("")
        self.sig_finished.emit(result)

    def _on_task_failed(self, message: str) -> None:
        self._done(message)
        self.sig_failed.emit(message)

    def _done(self, text: str) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(text)
        self.status.setVisible(bool(text))
