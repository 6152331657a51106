"""The main window's status bar: the graph's counts, the selection, the running task with Cancel,
and one-line errors."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QToolButton

from explorer.core.collector import collector_paused
from explorer.core.graph import KnowledgeGraph, Stats
from explorer.ui.workers import Task


class StatusMixin:
    """Status bar and task tracking of :class:`~explorer.ui.app.main_window.MainWindow`."""

    def track_task(self, task: Task, what: str) -> None:
        """Show ``task``'s progress in the status bar; Cancel cancels it."""
        self._tracked = task
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat(what)
        self.progress_bar.setToolTip(what)
        self.progress_bar.show()
        self.cancel_button.show()
        self.statusBar().showMessage(f"{what}…")
        task.sig_progress.connect(lambda fraction, message: self._on_task_progress(task, fraction, message))
        task.sig_done.connect(lambda: self._on_task_done(task))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.graph_label = QLabel("No graph", self)
        self.selection_label = QLabel("", self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the running task; nothing is changed")
        self.cancel_button.hide()
        # While anything on the canvas is hidden or filtered out, the status bar says so; a click
        # shows everything again (one undoable step).
        self.filter_badge = QToolButton(self)
        self.filter_badge.setObjectName("filterBadge")
        self.filter_badge.setAutoRaise(True)
        self.filter_badge.setToolTip("Some of the canvas is hidden or filtered out: click to show everything (Ctrl+Z undoes)")
        self.filter_badge.clicked.connect(lambda: self.session.show_all())
        self.filter_badge.hide()
        bar.addPermanentWidget(self.filter_badge)
        bar.addPermanentWidget(self.selection_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.graph_label)

    def show_error(self, message: str, title: str = "Something went wrong") -> None:
        """One clear line in the status bar and in a (non-blocking) message box."""
        self.last_error = message
        self.statusBar().showMessage(message, 15000)
        if self._error_box is not None:
            self._error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._error_box = box
        box.open()

    def refresh_statistics(self) -> Task | None:
        """Count triples, entities, classes and links again, in a worker (after a load of a large
        graph, an update or inference switched on or off)."""
        kg = self.kg
        if kg is None:
            return None
        if kg.statistics_at_hand():
            # A small graph counts in milliseconds (a workspace may keep a large one's counts):
            # at once, with no worker reading the store while the next edit writes to it.
            self._statistics_runner.cancel()
            self._on_statistics_counted(kg, kg.stats())
            return None
        task = self._statistics_runner.start(_statistics_uncollected, kg)
        task.sig_finished.connect(lambda stats: shiboken6.isValid(self) and self._on_statistics_counted(kg, stats))
        task.sig_failed.connect(lambda message: shiboken6.isValid(self)
                                and self.statusBar().showMessage(f"Could not count the graph: {message}", 8000))
        self._update_graph_label()
        return task

    def _on_statistics_counted(self, kg: KnowledgeGraph, stats: Stats) -> None:
        if kg is not self.kg:
            return  # counted for a graph the window no longer shows
        self.session.set_statistics(stats)
        self._update_graph_label()
        if self.path_finder is not None:
            self.path_finder.set_statistics(stats)

    def _update_graph_label(self) -> None:
        if self.stats is None:
            if self.kg is None:
                self.graph_label.setText("No graph")
            else:
                quads = sum(item.quads for item in self.kg.files)
                self.graph_label.setText(f"{quads:,} statements · counting entities…" if quads else "Counting…")
            return
        self.graph_label.setText(f"{self.stats.triples:,} triples · {self.stats.entities:,} entities")

    def _update_selection_label(self) -> None:
        if not self.selection or self.kg is None:
            self.selection_label.setText("")
        elif len(self.selection) == 1:
            self.selection_label.setText(f"Selected: {self.kg.label(self.selection[0])}")
        else:
            self.selection_label.setText(f"{len(self.selection)} selected")

    def _on_task_progress(self, task: Task, fraction: float | None, message: str) -> None:
        if task is not self._tracked:
            return
        if fraction is None:
            self.progress_bar.setRange(0, 0)
        else:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(int(fraction * 1000))
        if message:
            self.progress_bar.setFormat(message)
            self.statusBar().showMessage(f"{message}…")

    def _on_task_done(self, task: Task) -> None:
        if task is self._tracked:
            self._tracked = None
            self.progress_bar.hide()
            self.cancel_button.hide()

    def _on_cancel_button_clicked(self) -> None:
        if self._tracked is not None:
            self._tracked.cancel()


def _statistics_uncollected(kg: KnowledgeGraph) -> Stats:
    """``kg.stats()`` with the cyclic collector paused (in the statistics worker).

    Counting a large graph takes a minute at ten million triples; a collection meanwhile ran on
    whichever thread allocated (the GUI thread included: 0.1 s with the interpreter lock each
    time) and could free the worker's store iterators on the wrong thread.
    """
    with collector_paused():
        return kg.stats()


__all__ = ["StatusMixin"]
