"""The window's replaced graphs are freed only while the app is not in use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from explorer.core import store_disposal
from explorer.core.store_disposal import disposal
from explorer.ui.app.application import free_replaced_graphs_unseen


@pytest.fixture
def deferring_app(qapp, monkeypatch):
    monkeypatch.setattr(store_disposal, "SMALL_STORE_QUADS", 0)
    keep = disposal.keep_quads
    disposal.free_waiting()
    free_replaced_graphs_unseen(qapp)
    assert disposal.deferring and disposal.keep_quads > 1_000_000
    yield qapp
    disposal.deferring = False
    disposal.keep_quads = keep
    disposal.free_waiting()


def test_a_replaced_graph_waits_and_goes_when_the_app_loses_focus(deferring_app, window, qtbot, tmp_path):
    first, second = tmp_path / "first.nt", tmp_path / "second.nt"
    first.write_text("".join(f'<urn:x{i}> <http://www.w3.org/2000/01/rdf-schema#label> "First {i}" .\n'
                             for i in range(20)))
    second.write_text('<urn:y> <http://www.w3.org/2000/01/rdf-schema#label> "Second" .\n')
    for path in (first, second):
        task = window.open_files([path])
        qtbot.waitUntil(lambda task=task: task.finished, timeout=20000)
        del task
    assert len(window.kg) == 1
    # The first graph is gone from the window and its store waits (nothing else keeps it).
    qtbot.waitUntil(lambda: disposal.waiting_quads == 20, timeout=5000)
    QApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    disposal.wait_for_freeing(10)
    assert disposal.waiting_stores == 0
    assert window.kg.search("Second")
