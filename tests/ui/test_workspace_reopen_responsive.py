"""Reopening a workspace never blocks the window: the slow parts run in workers while the event
loop keeps turning, and a large graph's risk list is made off the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from explorer.core import bundled
from explorer.core.backends import WorkspaceBackend
from explorer.core.graph import KnowledgeGraph
from explorer.services.settings import Settings
from explorer.ui.app.main_window import MainWindow


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "workspace"
    kg = KnowledgeGraph.open_workspace(folder)
    kg.load(bundled.bundled_graph_files())
    kg.backend.release()
    return folder


@pytest.fixture
def window(qtbot):
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    win._load_runner.cancel()


def _event_loop_turns(qtbot) -> None:
    """A zero-delay timer fires: the GUI thread is free (it would not while a step ran on it)."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)


def test_the_window_keeps_turning_while_the_label_index_is_read(window, workspace, qtbot, monkeypatch):
    entered, release = threading.Event(), threading.Event()
    real = WorkspaceBackend.label_index

    def slow_label_index(self: WorkspaceBackend):
        entered.set()
        release.wait(30)  # a slow disk: held until the test has seen the window respond
        return real(self)

    monkeypatch.setattr(WorkspaceBackend, "label_index", slow_label_index)
    task = window.open_workspace(workspace)
    assert task is not None
    qtbot.waitUntil(entered.is_set, timeout=10000)
    for _ in range(3):
        _event_loop_turns(qtbot)
    assert not task.finished and window.kg is None  # still reading, and nothing half-shown
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=30000)
    assert task.error is None, task.error
    assert window.kg is not None and window.kg.backend.workspace == workspace
    assert window.kg.search("china mobile", 1)[0].entity == "https://w3id.org/kg-explorer/data/ChinaMobile"
    window.kg.backend.release()


def test_a_large_graphs_risks_are_listed_in_a_worker(window, workspace, qtbot, monkeypatch):
    import explorer.ui.analysis.risk_panel as risk_panel

    entered, release = threading.Event(), threading.Event()
    real_risks = risk_panel.risks

    def slow_risks(kg: KnowledgeGraph) -> list[str]:
        entered.set()
        release.wait(30)
        return real_risks(kg)

    monkeypatch.setattr(risk_panel, "risks", slow_risks)
    monkeypatch.setattr(KnowledgeGraph, "statistics_are_quick", lambda self: False)
    task = window.open_workspace(workspace)
    qtbot.waitUntil(lambda: task.finished, timeout=30000)
    assert window.kg is not None  # shown while the risks are still being listed
    qtbot.waitUntil(entered.is_set, timeout=10000)
    _event_loop_turns(qtbot)
    panel = window.findChild(risk_panel.RiskPanelWidget)
    assert panel is not None and panel.risk_combo.count() == 0  # nothing listed yet
    release.set()
    qtbot.waitUntil(lambda: panel.risk_combo.count() > 0, timeout=30000)
    listed = [panel.risk_combo.itemData(i) for i in range(panel.risk_combo.count())]
    found = real_risks(window.kg)
    assert listed == ([risk_panel.ALL_RISKS] if len(found) > 1 else []) + found
    window._statistics_runner.cancel()
    window.kg.backend.release()
