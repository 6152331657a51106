"""Analysis ▸ Timeline: dated facts and entities in order, and a range that filters the canvas.

The two handles of the range pick a start and an end day; with "Filter canvas" on, entities
dated only outside the range are hidden (one undoable step each time the range settles).
Entities without a date always stay. Periods whose year the source does not give are listed
last and never filtered.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.analysis.timeline import FilterCanvasByTime, Timeline, TimelineItem, timeline
from explorer.ui.analysis.common import ENTITY_ROLE, TaskStripWidget, run_command, save_settings

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph



class DateRangeSliderWidget(QWidget):
    """Two handles over the days from ``low`` to ``high``: From and To, From never after To."""

    sig_range_changed = Signal(object, object)  # start, end (datetime.date)
    sig_range_settled = Signal(object, object)  # after a drag ends, or a pause in keyboard moves

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low = dt.date(2000, 1, 1)
        self.start_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.end_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.start_slider.setAccessibleName("Timeline from")
        self.end_slider.setAccessibleName("Timeline to")
        self.start_label = QLabel(self)
        self.end_label = QLabel(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("From", self), 0, 0)
        grid.addWidget(self.start_slider, 0, 1)
        grid.addWidget(self.start_label, 0, 2)
        grid.addWidget(QLabel("To", self), 1, 0)
        grid.addWidget(self.end_slider, 1, 1)
        grid.addWidget(self.end_label, 1, 2)
        grid.setColumnStretch(1, 1)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(350)
        self._settle.timeout.connect(lambda: self.sig_range_settled.emit(*self.range()))
        for slider in (self.start_slider, self.end_slider):
            slider.valueChanged.connect(self._on_slider_value_changed)
            slider.sliderReleased.connect(self._settle.start)
        self.set_bounds(self.low, self.low)

    def set_bounds(self, low: dt.date, high: dt.date) -> None:
        self.low = low
        days = max(0, (high - low).days)
        for slider in (self.start_slider, self.end_slider):
            slider.blockSignals(True)
            slider.setRange(0, days)
            slider.setPageStep(max(1, days // 12))
            slider.blockSignals(False)
        self.start_slider.setValue(0)
        self.end_slider.setValue(days)
        self._show()

    def set_range(self, start: dt.date, end: dt.date) -> None:
        self.start_slider.setValue((start - self.low).days)
        self.end_slider.setValue((end - self.low).days)

    def range(self) -> tuple[dt.date, dt.date]:
        return (self.low + dt.timedelta(days=self.start_slider.value()),
                self.low + dt.timedelta(days=self.end_slider.value()))

    def _on_slider_value_changed(self, _value: int) -> None:
        sender = self.sender()
        if self.start_slider.value() > self.end_slider.value():  # the moved handle pushes the other
            if sender is self.start_slider:
                self.end_slider.setValue(self.start_slider.value())
            else:
                self.start_slider.setValue(self.end_slider.value())
        self._show()
        self.sig_range_changed.emit(*self.range())
        if not (self.start_slider.isSliderDown() or self.end_slider.isSliderDown()):
            self._settle.start()

    def _show(self) -> None:
        start, end = self.range()
        self.start_label.setText(start.isoformat())
        self.end_label.setText(end.isoformat())


class TimelinePanelWidget(QWidget):
    """Dated facts in order with their evidence; a range that filters the list and the canvas."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.line: Timeline | None = None
        self.hidden_by_filter: set[str] = set()
        self.strip = TaskStripWidget("&Read Dates", self)
        self.slider = DateRangeSliderWidget(self)
        self.filter_check = QCheckBox("&Filter canvas to the range", self)
        self.filter_check.setToolTip("Hide the canvas' entities dated only outside the range (undoable)")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["When", "What", "Evidence"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName("Dated facts")
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.filter_check)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(self.slider)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

        self.strip.run_button.clicked.connect(self.run)
        self.strip.sig_finished.connect(self._on_strip_finished)
        self.slider.sig_range_changed.connect(self._on_range_changed)
        self.slider.sig_range_settled.connect(self._on_range_settled)
        self.filter_check.toggled.connect(self._on_filter_toggled)
        self.tree.itemClicked.connect(self._on_item_clicked)

    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self.line = None
        self.hidden_by_filter = set()
        self.tree.clear()
        self.summary.clear()

    def run(self) -> None:
        kg = self.window_.kg
        if kg is None:
            self.strip.show_message("Open a graph first.")
            return
        self.strip.start(timeline, kg)

    def _on_strip_finished(self, line: object) -> None:
        assert isinstance(line, Timeline)
        self.line = line
        bounds = line.bounds()
        if bounds is not None:
            self.slider.set_bounds(*bounds)
            settings = self.window_.settings
            try:
                start = dt.date.fromisoformat(settings.timeline_start) if settings.timeline_start else bounds[0]
                end = dt.date.fromisoformat(settings.timeline_end) if settings.timeline_end else bounds[1]
            except ValueError:
                start, end = bounds
            self.slider.set_range(max(start, bounds[0]), min(end, bounds[1]))
        self._fill()

    def _fill(self) -> None:
        kg = self.window_.kg
        line = self.line
        self.tree.clear()
        if line is None or kg is None:
            return
        start, end = self.slider.range()
        faded = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        inside = 0
        for entry in line.items:
            item = QTreeWidgetItem([entry.span.text, _what(kg, entry), _evidence(entry)])
            item.setData(0, ENTITY_ROLE, entry.entity)
            item.setToolTip(2, "\n".join(e.describe() for e in entry.evidence))
            if not entry.span.dated:
                font = QFont(item.font(0))
                font.setItalic(True)
                item.setFont(0, font)
                item.setToolTip(0, "The source gives no year for this period")
            elif entry.span.overlaps(start, end):
                inside += 1
            else:
                for column in range(3):
                    item.setForeground(column, faded)
            self.tree.addTopLevelItem(item)
        for column in (0, 1):
            self.tree.resizeColumnToContents(column)
        self.summary.setText(f"{len(line.dated)} dated items, {inside} in {start.isoformat()} – {end.isoformat()}; "
                             f"{len(line.undated)} without a year.")

    def _on_range_changed(self, _start: dt.date, _end: dt.date) -> None:
        self._fill()

    def _on_range_settled(self, start: dt.date, end: dt.date) -> None:
        settings = self.window_.settings
        settings.timeline_start, settings.timeline_end = start.isoformat(), end.isoformat()
        if self.filter_check.isChecked():
            self.apply_filter()

    def _on_filter_toggled(self, on: bool) -> None:
        self.apply_filter() if on else self.lift_filter()

    def apply_filter(self) -> None:
        if self.line is None:
            return
        start, end = self.slider.range()
        self._run_filter(start, end)

    def lift_filter(self) -> None:
        if self.line is not None and self.hidden_by_filter:
            self._run_filter(None, None)

    def _run_filter(self, start: dt.date | None, end: dt.date | None) -> None:
        assert self.line is not None
        command = FilterCanvasByTime(self.window_.scene, self.line, start, end, self.hidden_by_filter)
        run_command(self.window_, command)
        self.hidden_by_filter = command.hidden_by_filter

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        entity = item.data(0, ENTITY_ROLE)
        if entity:
            self.window_.show_entity(str(entity))

    def remember(self) -> None:
        save_settings(self.window_)


def _what(kg: KnowledgeGraph, entry: TimelineItem) -> str:
    if entry.fact:
        s, p, o = entry.fact
        return f"{kg.label(s)} —{kg.predicate_words(p)}→ {kg.label(o)}"
    how = kg.predicate_words(entry.predicate)
    return f"{kg.label(entry.entity)} ({how})"


def _evidence(entry: TimelineItem) -> str:
    if not entry.evidence:
        return ""
    first = entry.evidence[0]
    text = f'"{first.quote}"' if first.quote else first.describe()
    return html.unescape(text) + (f" (+{len(entry.evidence) - 1})" if len(entry.evidence) > 1 else "")
