"""On a SPARQL server, search suggestions and the Inspector ask the server from workers:
the GUI thread never waits for a round trip."""

from __future__ import annotations

import threading

import pytest

from explorer.ui.browser.browser import BrowserWidget
from explorer.ui.inspector.inspector import InspectorWidget
from explorer.ui.paths.path_finder import EntityPickerWidget

pytestmark = pytest.mark.endpoint

D = "https://w3id.org/kg-explorer/data/"


def _record_threads(monkeypatch, kg, names):
    threads: list[tuple[str, bool]] = []
    for name in names:
        real = getattr(kg, name)

        def wrapper(*args, _real=real, _name=name, **kwargs):
            threads.append((_name, threading.current_thread() is threading.main_thread()))
            return _real(*args, **kwargs)

        monkeypatch.setattr(kg, name, wrapper)
    return threads


def test_search_suggestions_come_from_a_worker(qtbot, monkeypatch, remote_bundled):
    threads = _record_threads(monkeypatch, remote_bundled, ["search", "main_class", "label"])
    browser = BrowserWidget()
    qtbot.addWidget(browser)
    browser.set_graph(remote_bundled)
    threads.clear()  # the class tree is not what this test is about
    browser.search("China Mobile")
    qtbot.waitUntil(lambda: D + "ChinaMobile" in browser.suggestions(), timeout=30000)
    assert ("search", False) in threads
    assert not any(on_gui for _name, on_gui in threads), threads


def test_path_finder_suggestions_come_from_a_worker(qtbot, monkeypatch, remote_bundled):
    threads = _record_threads(monkeypatch, remote_bundled, ["search"])
    edit = EntityPickerWidget("From…")
    qtbot.addWidget(edit)
    edit.set_graph(remote_bundled)
    edit.setText("China Mobile")
    edit._refresh()
    qtbot.waitUntil(lambda: any("China Mobile" in text for text in edit._choices), timeout=30000)
    assert threads == [("search", False)]


def test_inspector_reads_a_server_entity_in_a_worker(qtbot, monkeypatch, remote_bundled):
    threads = _record_threads(monkeypatch, remote_bundled, ["describe", "evidence"])
    inspector = InspectorWidget()
    qtbot.addWidget(inspector)
    inspector.set_graph(remote_bundled)
    inspector.show_entity(D + "ChinaMobileZhejiang")
    qtbot.waitUntil(lambda: D + "ChinaMobile" in inspector.link_targets(), timeout=30000)
    assert ("describe", False) in threads and ("evidence", False) in threads
    assert not any(on_gui for _name, on_gui in threads), threads
    assert "China Mobile Zhejiang" in inspector.title.text()
