"""Big curation steps (an imported table, its Undo and Redo) written in a worker, the window kept alive.

The session's history hands such a step here (:attr:`explorer.core.history.History.background`);
while it runs the history is *working*: Undo, Redo and every entry that changes the graph are
off, and the status bar shows what is being written. There is no Cancel: the store takes the
change in one transaction, so a step either lands whole or, when it fails, leaves the graph
as it was — stopping it halfway would be the one way to half-apply it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar

from explorer.core.changes import ChangeSet
from explorer.core.collector import collector_paused
from explorer.ui.workers import Task, run_task

if TYPE_CHECKING:
    from explorer.core.curation import CurationCommand


def _write_and_warm(command: CurationCommand, undo: bool, progress: Any = None) -> ChangeSet:
    """In the worker: the step, then what the views will ask of the changed graph (its counts,
    its classes and its names).

    The cyclic collector is paused meanwhile: spelling and converting millions of statements
    makes millions of objects, and each full collection they set off walked every object alive
    (the history's change sets among them) for seconds with the interpreter lock held — 7.2 s
    in one undo at 3.5 million statements, the window frozen. Nothing made here forms cycles.
    What is alive afterwards (the step's change set above all) leaves the collector's sight.
    """
    with collector_paused(freeze=True):
        change = command.work(undo, progress)
        if progress is not None:
            progress(None, "Counting the changed graph…")
        command.kg.warm_caches()
    return change


class BackgroundSteps(QObject):
    """Runs the history's background steps for one window, one at a time."""

    #: A background step ended: True when it was written, False when it failed.
    sig_step_finished = Signal(bool)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.label = QLabel(window)
        self.label.setObjectName("curationBusyLabel")
        self.bar = QProgressBar(window)
        self.bar.setObjectName("curationBusyBar")
        self.bar.setMaximumWidth(160)
        self.bar.setRange(0, 0)  # one transaction: how far it is cannot be told, only that it works
        tip = "Writing to the graph in one go: it cannot be cancelled, and lands whole or not at all"
        for widget in (self.label, self.bar):
            widget.setToolTip(tip)
            widget.setVisible(False)
            window.statusBar().addPermanentWidget(widget)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def run(self, command: CurationCommand, kind: str) -> None:
        """Called by the history: write the step in a worker, then settle it here."""
        self.label.setText(f"{self.window.session.history.working} ({command.size:,} statements)…")
        self.label.setVisible(True)
        self.bar.setVisible(True)
        self.task = run_task(_write_and_warm, command, kind == "undo")
        self.task.sig_progress.connect(self._on_progress)
        self.task.sig_finished.connect(lambda change: self._on_finished(command, change))
        self.task.sig_failed.connect(self._on_failed)
        self.task.sig_cancelled.connect(lambda: self._on_failed("The change was stopped: the graph is unchanged"))

    def _on_progress(self, _fraction: float | None, message: str) -> None:
        self.label.setText(message)

    def _end(self) -> None:
        self.task = None
        self.label.setVisible(False)
        self.bar.setVisible(False)

    def _on_finished(self, command: CurationCommand, change: ChangeSet) -> None:
        self._end()
        self.window.session.history.finish_background(True)
        try:
            command.settle(change)
        finally:
            self.sig_step_finished.emit(True)

    def _on_failed(self, message: str) -> None:
        self._end()
        self.window.session.history.finish_background(False)
        self.window.show_error(f"{message} (the graph is unchanged)", "Edit the Graph")
        self.sig_step_finished.emit(False)
