"""The window's event loop is never held by whole-graph work: a large graph's class tree and
statistics are worked out in workers (on the spot only for a small graph), after a load and after
a big curation step; and the SPARQL panel starts no update while a big step is being written.

Each test asserts where the work runs (which thread), not how long it takes."""

from __future__ import annotations

import functools
import threading

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import RDFS

import explorer.core.curation.command as command_module
import explorer.core.graph as graph_module
import explorer.ui.browser.class_tree as class_tree
from explorer.core.changes import ChangeSet
from explorer.core.graph import KnowledgeGraph

KG = "https://w3id.org/kg-explorer/ontology#"


pytestmark = pytest.mark.usefixtures("discard_unsaved_at_teardown")


@pytest.fixture
def threads_of(monkeypatch):
    """Record, per name, whether each call ran on the GUI thread (True) or in a worker (False)."""
    seen: dict[str, list[bool]] = {}

    def watch(owner: object, name: str, label: str) -> None:
        real = getattr(owner, name)

        @functools.wraps(real)
        def recorded(*args, **kwargs):
            seen.setdefault(label, []).append(threading.current_thread() is threading.main_thread())
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)

    watch(class_tree, "plan_class_tree", "tree")
    watch(KnowledgeGraph, "stats", "stats")
    real_query = KnowledgeGraph.query

    def query(self, sparql, *args, **kwargs):
        if sparql.lstrip().startswith("ASK"):  # the class tree's questions about each class
            seen.setdefault("ask", []).append(threading.current_thread() is threading.main_thread())
        return real_query(self, sparql, *args, **kwargs)

    monkeypatch.setattr(KnowledgeGraph, "query", query)
    return seen


def _class_rows(model) -> set[str]:
    return {model.index(r, 0).data(class_tree.IriRole) for r in range(model.rowCount())}


def test_a_large_graph_s_class_tree_is_planned_in_a_worker(window, qtbot, monkeypatch, threads_of):
    monkeypatch.setattr(graph_module, "QUICK_STATISTICS_BELOW", 0)  # every graph counts as large
    window.set_graph(KnowledgeGraph.bundled())  # another graph, taken for a large one
    model = window.browser.tree_model
    assert model.rowCount() == 0  # nothing of the previous graph's tree meanwhile
    qtbot.waitUntil(lambda: not model.planning and model.rowCount() > 0, timeout=20000)
    assert KG + "Entity" in _class_rows(model)
    assert threads_of["tree"] and not any(threads_of["tree"]), "the tree was worked out on the GUI thread"
    assert threads_of["ask"] and not any(threads_of["ask"]), "the class tree asked the store on the GUI thread"
    assert not any(threads_of.get("stats", [])), "the statistics were counted on the GUI thread"
    # The Browser opened the overview once the tree arrived, as it does for a small graph.
    assert window.browser.tree_view.isExpanded(model.index(0, 0))


def test_a_small_graph_s_class_tree_is_planned_on_the_spot(window, threads_of):
    window.set_graph(KnowledgeGraph.bundled())
    assert not window.browser.tree_model.planning
    assert threads_of["tree"] == [True] and KG + "Entity" in _class_rows(window.browser.tree_model)


def test_after_a_big_step_the_tree_and_statistics_are_worked_out_off_the_gui_thread(window, qtbot, monkeypatch,
                                                                                   threads_of):
    monkeypatch.setattr(command_module, "BACKGROUND_STATEMENTS", 100)
    monkeypatch.setattr(graph_module, "QUICK_STATISTICS_BELOW", 0)
    graph = window.curation.edits.graph
    cls = URIRef(KG + "TelecomOperator")
    added = tuple(quad for n in range(60) for quad in (
        (URIRef(f"urn:x-test:operator{n}"), RDF.type, cls, graph),
        (URIRef(f"urn:x-test:operator{n}"), RDFS.label, Literal(f"Test operator {n}"), graph)))
    threads_of.clear()
    steps = window.curation.background_steps
    model = window.browser.tree_model
    before = next(c for c in window.kg.class_hierarchy().values() if c.iri == str(cls)).total_count
    with qtbot.waitSignal(steps.sig_step_finished, timeout=60000):
        window.curation.apply(ChangeSet(added=added, description="Add 60 operators"))
    qtbot.waitUntil(lambda: not model.planning and not window._statistics_runner.busy, timeout=30000)
    index = model.index_of_class(str(cls))
    assert f"({before + 60:,})" in index.data()
    assert threads_of["tree"] and not any(threads_of["tree"])
    assert threads_of.get("ask") and not any(threads_of["ask"])
    assert threads_of["stats"] and not any(threads_of["stats"])


class _LongStep:
    """A curation step the history hands to the background and that is still being written."""

    runs_in_background = True
    text = "Import members.csv"

    def redo(self) -> None:  # never called: the background runner below keeps it working
        raise AssertionError

    undo = redo


def test_the_sparql_panel_runs_no_update_while_a_big_step_is_written(window, qtbot):
    history = window.session.history
    workbench = window.workbench
    window.settings.allow_update = True
    history.background = lambda command, kind: None  # written "forever", until finish_background
    history.push(_LongStep())
    assert history.working == "Import members.csv"
    before = len(window.kg)
    update = "INSERT DATA { <urn:x-test:s> <urn:x-test:p> <urn:x-test:o> }"
    assert workbench.run_query(update) is None
    message = workbench.status.text()
    assert "Import members.csv" in message and "still being written" in message
    assert "still being written" in workbench.current_tab().message.text()
    assert len(window.kg) == before
    # A query that only reads still runs meanwhile.
    task = workbench.run_query("ASK { ?s ?p ?o }")
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    history.finish_background(False)  # the step failed: nothing was written
    task = workbench.run_query(update)
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert len(window.kg) == before + 1


def test_a_workspace_reopens_with_the_statistics_it_kept(window, qtbot, tmp_path, monkeypatch, threads_of):
    import gc

    from explorer.core import bundled

    monkeypatch.setattr(graph_module, "QUICK_STATISTICS_BELOW", 0)
    folder = tmp_path / "workspace"
    kg = KnowledgeGraph.open_workspace(folder)
    kg.load(bundled.bundled_graph_files())
    kg.class_hierarchy()
    counted = kg.stats()  # what the window's statistics worker does once, after a build
    kg.backend.release()
    del kg
    gc.collect()
    threads_of.clear()
    task = window.open_workspace(folder)
    qtbot.waitUntil(lambda: task.finished, timeout=30000)
    assert window.stats == counted and not window._statistics_runner.busy  # no minute-long count again
    assert threads_of["stats"] and not any(threads_of["stats"])  # read in the reopen worker


def test_a_big_step_is_written_with_the_collector_paused_and_its_change_set_frozen(window, qtbot, monkeypatch):
    """A full collection set off by the worker's millions of new objects walked everything alive
    with the interpreter lock held (7 s at 3.5 million statements): none runs while it writes."""
    import gc

    from explorer.core.collector import collection_paused
    from explorer.core.curation import CurationCommand

    monkeypatch.setattr(command_module, "BACKGROUND_STATEMENTS", 100)
    collecting: list[bool] = []
    write = CurationCommand.work

    def work(self, undo, progress=None):
        # Automatic collection is off (the GUI thread collects, core.collector pauses that too).
        collecting.append(gc.isenabled() or not collection_paused())
        return write(self, undo, progress)

    monkeypatch.setattr(CurationCommand, "work", work)
    graph = window.curation.edits.graph
    added = tuple((URIRef(f"urn:x-test:n{n}"), RDFS.comment, Literal(f"note {n}"), graph) for n in range(200))
    gc.unfreeze()
    with qtbot.waitSignal(window.curation.background_steps.sig_step_finished, timeout=60000):
        window.curation.apply(ChangeSet(added=added, description="Add 200 notes"))
    assert collecting == [False] and not collection_paused()
    assert gc.get_freeze_count() > 0  # what the step left alive is out of the collector's sight
    gc.unfreeze()


def test_the_window_takes_the_interpreter_lock_back_from_busy_workers_within_a_millisecond(window):
    import sys

    from explorer.ui.app.main_window import GUI_SWITCH_INTERVAL

    assert sys.getswitchinterval() <= GUI_SWITCH_INTERVAL <= 0.001


@pytest.mark.skipif(__import__("explorer.core.heap", fromlist=["fast_bin_bytes"]).fast_bin_bytes() is None,
                    reason="glibc's fast bins only")
def test_the_window_has_freed_blocks_merged_by_whoever_frees_them(qtbot):
    """The store's threads free millions of small blocks; left on glibc's fast bins they were
    merged by the next large request, in a worker holding the interpreter lock (0.3–0.9 s)."""
    import ctypes

    from explorer.core.heap import fast_bin_bytes
    from explorer.services.settings import Settings
    from explorer.ui.app.main_window import MainWindow

    libc = ctypes.CDLL(None)
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]

    def waiting_after_freeing() -> int:
        blocks = [libc.malloc(48) for _ in range(64)]
        before = fast_bin_bytes()
        for block in blocks:
            libc.free(block)
        return (fast_bin_bytes() or 0) - (before or 0)

    libc.mallopt(1, 128)  # glibc's default, as when the program starts
    # Another thread's large request in the same arena may merge them first: a few tries.
    assert any(waiting_after_freeing() > 0 for _ in range(5))
    second = MainWindow(Settings())
    qtbot.addWidget(second)
    assert waiting_after_freeing() == 0


def test_the_crash_journal_is_written_off_the_gui_thread(window, qtbot, monkeypatch):
    """The journal's atomic write waits for the disk (fsync: 77-145 ms under a busy disk)."""
    import explorer.services.background_write as background_write

    on_gui_thread: list[bool] = []
    real = background_write.atomic_write

    def recorded(path, text):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        real(path, text)

    assert window.recovery is not None and window.recovery.session is not None
    window.recovery.session.writer.wait()  # the journal of the load, if still on its way
    monkeypatch.setattr(background_write, "atomic_write", recorded)
    with qtbot.waitSignal(window.recovery.sig_journal_written, timeout=10000):
        window.recovery.schedule()
        qtbot.waitUntil(lambda: bool(on_gui_thread), timeout=10000)
    assert not any(on_gui_thread)
    assert window.recovery.session.journal_path.exists()
