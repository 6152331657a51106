"""The Analysis menu and its three panels on the main window.

Analysis ▸ Measures… (Ctrl+Shift+M), Risk Exposure… (Ctrl+Shift+R), Timeline… (Ctrl+Shift+T),
Style Canvas by Measure (Ctrl+Shift+Y) and Clear Measure Styling. The panels are docks on the
right, tabbed together, kept in the saved window state; their choices go to the settings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from explorer.ui.analysis.measures_panel import MeasuresPanelWidget
from explorer.ui.analysis.risk_panel import RiskPanelWidget
from explorer.ui.analysis.timeline_panel import TimelinePanelWidget


class AnalysisPanels:
    """The three panels and their docks, as mounted on one window."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.measures = MeasuresPanelWidget(window, window)
        self.risk = RiskPanelWidget(window, window)
        self.timeline = TimelinePanelWidget(window, window)
        # Below the canvas, tabbed with the other bottom panels: tables need the width.
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        others = [d for d in window.findChildren(QDockWidget) if window.dockWidgetArea(d) == bottom]
        self.measures_dock = window.add_panel("Measures", self.measures, bottom, "MeasuresDock")
        self.risk_dock = window.add_panel("Risk", self.risk, bottom, "RiskDock")
        self.timeline_dock = window.add_panel("Timeline", self.timeline, bottom, "TimelineDock")
        if others:
            window.tabifyDockWidget(others[0], self.measures_dock)
        window.tabifyDockWidget(self.measures_dock, self.risk_dock)
        window.tabifyDockWidget(self.risk_dock, self.timeline_dock)
        for dock in (self.measures_dock, self.risk_dock, self.timeline_dock):
            dock.hide()
        menu = window.menu("Analysis")
        self.measures_action = _action(window, menu, "&Measures…", self.open_measures, "Ctrl+Shift+M",
                                       "Centrality and communities; size and colour the canvas by them",
                                       "measuresAction")
        self.risk_action = _action(window, menu, "&Risk Exposure…", self.open_risk, "Ctrl+Shift+R",
                                   "What a cyber risk reaches, through which chain, on whose word", "riskAction")
        self.timeline_action = _action(window, menu, "&Timeline…", self.open_timeline, "Ctrl+Shift+T",
                                       "Dated facts in order; filter the canvas to a range", "timelineAction")
        menu.addSeparator()
        self.style_action = _action(window, menu, "&Style Canvas by Measure", self.measures.style_canvas,
                                    "Ctrl+Shift+Y", "Size the canvas by the chosen measure, colour it by community",
                                    "styleByMeasureAction")
        self.clear_action = _action(window, menu, "&Clear Measure Styling", self.measures.clear_styling, None,
                                    "Back to class colours and sizes", "clearMeasureStyleAction")
        window.sig_graph_changed.connect(self._on_window_graph_changed)
        window.scene.events.connect("reset", self._on_scene_reset)
        window.scene.events.connect("nodes_restyled", self._on_scene_nodes_restyled)
        if window.kg is not None:
            self._on_window_graph_changed(window.kg)

    def open_measures(self) -> None:
        _raise(self.measures_dock)
        self.measures.strip.run_button.setFocus()

    def open_risk(self) -> None:
        _raise(self.risk_dock)
        if self.risk.report is None and self.window.kg is not None and not self.risk.strip.busy:
            self.risk.run()

    def open_timeline(self) -> None:
        _raise(self.timeline_dock)
        if self.timeline.line is None and self.window.kg is not None and not self.timeline.strip.busy:
            self.timeline.run()

    def _on_window_graph_changed(self, kg: object) -> None:
        self.risk.set_graph(self.window.kg)
        self.timeline.set_graph(self.window.kg)
        self.measures.outcome = None

    def _on_scene_reset(self) -> None:
        self.measures.on_scene_reset()

    def _on_scene_nodes_restyled(self, _nodes: object) -> None:
        if self.window.scene.measure_style is not self.measures.shown_style:  # restyled, undone or redone
            self.measures.on_scene_reset()

    def remember(self) -> None:
        self.measures.remember()


def _raise(dock: Any) -> None:
    first_time = not dock.isVisible()
    dock.show()
    dock.raise_()
    window = dock.parent()
    if first_time and window is not None:  # room for a screenful of rows, the canvas keeps the rest
        window.resizeDocks([dock], [max(300, int(window.height() * 0.36))], Qt.Orientation.Vertical)


def _action(window: Any, menu: Any, text: str, slot: Any, shortcut: str | None, tip: str, name: str) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setObjectName(name)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def mount_analysis(window: Any) -> AnalysisPanels:
    """Add the Analysis menu and the Measures, Risk and Timeline panels to ``window``."""
    panels = AnalysisPanels(window)
    window.analysis = panels
    return panels
