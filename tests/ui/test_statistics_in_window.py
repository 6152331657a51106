"""A large graph is shown before its statistics are counted; counts follow, and follow updates."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

import explorer.core.graph as graph_module
from explorer.core.graph import KnowledgeGraph
from explorer.ui.sparql.query_workbench import QueryWorkbenchWidget

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@pytest.fixture
def things(tmp_path):
    path = tmp_path / "things.nt"
    path.write_text("".join(f'<urn:thing:{i}> <{LABEL}> "Thing {i}" .\n<urn:thing:{i}> <{TYPE}> <urn:Thing> .\n'
                            for i in range(30))
                    + "".join(f"<urn:thing:{i}> <urn:near> <urn:thing:{i + 1}> .\n" for i in range(29)))
    return path


def test_a_large_graph_is_shown_first_and_counted_in_a_worker(window, qtbot, things, monkeypatch):
    monkeypatch.setattr(graph_module, "QUICK_STATISTICS_BELOW", 0)  # every graph counts as large
    release = threading.Event()
    real_stats = KnowledgeGraph.stats

    def slow_stats(self):
        release.wait(10)
        return real_stats(self)

    monkeypatch.setattr(KnowledgeGraph, "stats", slow_stats)
    window.open_path_finder()
    task = window.open_files([things])
    with qtbot.waitSignal(task.sig_finished, timeout=20000) as finished:
        pass
    assert finished.args[0].stats is None  # the load did not wait for the counts
    assert len(window.kg) == 89 and window.kg.search("Thing 7")
    assert window.stats is None
    assert window.graph_label.text() == "89 statements · counting entities…"
    assert window.path_finder.allowed.count() == 0  # links come with the counts
    release.set()
    qtbot.waitUntil(lambda: window.stats is not None, timeout=20000)
    assert window.graph_label.text() == "89 triples · 30 entities"
    links = [window.path_finder.allowed.item(row).data(Qt.ItemDataRole.UserRole)
             for row in range(window.path_finder.allowed.count())]
    assert links == ["urn:near"]  # labels and types are not links to follow


def test_counts_follow_a_sparql_update(window, qtbot):
    window.settings.allow_update = True
    before = window.stats.triples
    workbench = window.findChild(QueryWorkbenchWidget)
    with qtbot.waitSignal(workbench.sig_graph_modified, timeout=20000):
        workbench.run_query(f'INSERT DATA {{ <urn:new:1> <{LABEL}> "New one" . <urn:new:2> <{LABEL}> "New two" }}')
    qtbot.waitUntil(lambda: window.stats is not None and window.stats.triples == before + 2, timeout=20000)
    assert window.graph_label.text().startswith(f"{before + 2:,} triples")


def test_ticked_links_stay_ticked_when_the_counts_arrive(window, qtbot):
    window.open_path_finder()
    dialog = window.path_finder
    item = dialog.excluded.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    ticked = item.data(Qt.ItemDataRole.UserRole)
    dialog.set_statistics(window.kg.stats())
    assert [dialog.excluded.item(row).data(Qt.ItemDataRole.UserRole) for row in range(dialog.excluded.count())
            if dialog.excluded.item(row).checkState() == Qt.CheckState.Checked] == [ticked]
