"""The SPARQL workbench: running, cancelling, paging, results, export, canvas, updates, inference, tabs."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction

from explorer.core.graph import KnowledgeGraph
from explorer.services.query_library import QueryLibrary
from explorer.services.settings import Settings
from explorer.ui.sparql.query_workbench import QueryWorkbenchWidget
from explorer.ui.sparql.result_table import PAGE_SIZE, ResultTableModel

D = "https://w3id.org/kg-explorer/data/"
KG = "https://w3id.org/kg-explorer/ontology#"


def _generated_graph(triples: int) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    lines = [f"<http://example.org/n{i}> <http://example.org/p{i % 7}> <http://example.org/n{i + 1}> ." for i in range(triples)]
    kg.load_text("\n".join(lines), "ntriples")
    return kg


@pytest.fixture
def make_workbench(qtbot, tmp_path):
    def make(kg: KnowledgeGraph, settings: Settings | None = None) -> QueryWorkbenchWidget:
        widget = QueryWorkbenchWidget(settings or Settings(), QueryLibrary(tmp_path / "library"))
        qtbot.addWidget(widget)
        widget.resize(900, 600)
        widget.show()
        widget.set_graph(kg)
        return widget
    return make


def _run(qtbot, workbench, text=None):
    with qtbot.waitSignal(workbench.sig_query_finished, timeout=20000) as finished:
        workbench.run_query(text)
    return finished.args[0]


def test_ctrl_enter_runs_the_selection_and_ask_shows_yes(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    editor = workbench.editor
    ask = f"ASK {{ <{D}ChinaMobile> ?p ?o }}"
    editor.setPlainText(f"{ask}\nSELECT * {{ ?s ?p ?o }}")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len(ask), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    with qtbot.waitSignal(workbench.sig_query_finished, timeout=20000) as finished:
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert finished.args[0].kind == "ask"
    tab = workbench.current_tab()
    assert tab.results.currentWidget() is tab.answer and tab.answer.text() == "Yes"
    assert workbench.status.text().startswith("ASK: yes")
    _run(qtbot, workbench, f"ASK {{ <{D}ChinaMobile> <{KG}partneredWith> ?o }}")
    assert tab.answer.text() == "No"


def test_select_results_page_in_incrementally(qtbot, make_workbench):
    workbench = make_workbench(_generated_graph(1234))
    result = _run(qtbot, workbench, "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s")
    model = workbench.current_tab().model
    assert len(result) == model.total_rows == 1234
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 1234 and not model.canFetchMore(QModelIndex())
    assert "1,234 rows" in workbench.status.text()


def test_sorting_orders_all_rows_numerically(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    _run(qtbot, workbench, "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    model: ResultTableModel = workbench.current_tab().model
    model.sort(1, Qt.SortOrder.DescendingOrder)
    counts = [int(model.index(row, 1).data()) for row in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True) and counts[0] > 9


def test_cancel_a_long_query(qtbot, make_workbench):
    settings = Settings()
    settings.max_result_rows = 10_000_000
    workbench = make_workbench(_generated_graph(3000), settings)  # a cross join of 9 million rows
    with qtbot.waitSignal(workbench.sig_query_started):
        task = workbench.run_query("SELECT * WHERE { ?a ?p ?b . ?c ?q ?d }")
    assert workbench.cancel_action.isEnabled()
    with qtbot.waitSignal(workbench.sig_query_cancelled, timeout=20000):
        workbench.cancel_action.trigger()
    assert task.cancelled and task.result is None
    assert workbench.status.text() == "Cancelled."
    assert not workbench.cancel_action.isEnabled()
    assert workbench.library.history()[0].status == "cancelled"


def test_export_csv_parses_back(qtbot, make_workbench, bundled_graph, tmp_path):
    workbench = make_workbench(bundled_graph)
    result = _run(qtbot, workbench, f"SELECT ?s ?label WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label . "
                                    f"FILTER(?s = <{D}ChinaMobile>) }} ORDER BY ?label")
    target = workbench.export_results(tmp_path / "out.csv", "csv")
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["s", "label"]
    assert rows[1:] == [[f"{D}ChinaMobile", "China Mobile"], [f"{D}ChinaMobile", "中国移动"]]
    assert len(rows) - 1 == len(result)
    assert not list(tmp_path.glob(".out.csv.*"))  # no temporary file left behind
    for name, marker in (("tsv", "?s\t?label"), ("json", '"vars"'), ("xml", "<sparql")):
        text = workbench.export_results(tmp_path / f"out.{name}", name).read_text(encoding="utf-8")
        assert marker in text


def test_construct_result_is_a_triple_table_and_opens_on_the_canvas(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    query = next(q for q in workbench.library.builtin() if q.key == "builtin:alliance-neighbourhood")
    workbench.open_query(query)
    result = _run(qtbot, workbench)
    assert result.kind == "construct"
    tab = workbench.current_tab()
    assert [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["subject", "predicate", "object"]
    assert workbench.canvas_action.text() == "Open on canvas"
    with qtbot.waitSignal(workbench.sig_show_triples) as shown:
        workbench.canvas_action.trigger()
    triples = shown.args[0]
    assert (f"{D}Zhejiang5GIndustryAlliance", f"{KG}partneredWith", f"{D}HospitalPartners") in triples
    assert len(triples) == len(result)


def test_select_iris_show_as_labels_or_names_open_in_inspector_and_go_to_canvas(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    _run(qtbot, workbench, f"SELECT ?o WHERE {{ <{D}ChinaMobileZhejiang> <{KG}established> ?o }}")
    tab = workbench.current_tab()
    cell = tab.model.index(0, 0)
    assert cell.data() == "Zhejiang 5G industry alliance"
    workbench.labels_box.setChecked(False)
    assert cell.data() == "d:Zhejiang5GIndustryAlliance"
    with qtbot.waitSignal(workbench.sig_entity_activated) as activated:
        qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=tab.table.visualRect(cell).center())
    assert activated.args == [f"{D}Zhejiang5GIndustryAlliance"]
    with qtbot.waitSignal(workbench.sig_show_on_canvas) as shown:
        workbench.show_on_canvas()
    assert shown.args == [[f"{D}Zhejiang5GIndustryAlliance"]]
    tab.table.selectAll()
    assert tab.table.copy_selection() == "d:Zhejiang5GIndustryAlliance"


def test_update_is_refused_by_default_with_its_reason(qtbot, make_workbench):
    kg = KnowledgeGraph.bundled()
    workbench = make_workbench(kg)
    before = kg.quad_count()
    with qtbot.waitSignal(workbench.sig_query_failed) as failed:
        workbench.run_query("INSERT DATA { <http://e/a> <http://e/p> <http://e/b> }")
    assert "SPARQL Update is turned off" in failed.args[0]
    assert "SPARQL Update is turned off" in workbench.status.text()
    assert kg.quad_count() == before
    with qtbot.waitSignal(workbench.sig_query_failed) as refused:
        workbench.run_query("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert "SERVICE" in refused.args[0] and "network" in refused.args[0]
    assert workbench.library.history()[0].status == "refused"


def test_enabled_update_is_undoable_exactly(qtbot, make_workbench):
    kg = KnowledgeGraph.bundled()
    settings = Settings()
    settings.allow_update = True
    workbench = make_workbench(kg, settings)
    before = set(kg.backend.store.quads_for_pattern(None, None, None, None))
    with qtbot.waitSignal(workbench.sig_graph_modified):
        record = _run(qtbot, workbench, f"DELETE WHERE {{ <{D}Liu> ?p ?o }}")
    assert record.removed and kg.query(f"ASK {{ <{D}Liu> ?p ?o }}").boolean is False
    assert workbench.undo_action.isEnabled()
    with qtbot.waitSignal(workbench.sig_graph_modified):
        workbench.undo_action.trigger()
    assert set(kg.backend.store.quads_for_pattern(None, None, None, None)) == before
    assert not workbench.undo_action.isEnabled()
    assert kg.label(f"{D}Liu") == "Liu"


def test_parse_error_points_at_line_and_column_in_the_editor(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    workbench.editor.setPlainText("SELECT *\nWHERE { ?s ?p }")
    with qtbot.waitSignal(workbench.sig_query_failed) as failed:
        workbench.run_query()
    assert failed.args[0].startswith("Syntax error at line 2, column")
    start, _, _ = workbench.editor.error
    assert workbench.editor.document().findBlock(start).blockNumber() == 1


def test_include_inferred_switch_adds_and_removes_inferred_answers(qtbot, make_workbench):
    kg = KnowledgeGraph.bundled()
    workbench = make_workbench(kg)
    ask = f"ASK {{ <{D}ChinaMobile> a <{KG}Organization> }}"
    assert _run(qtbot, workbench, ask).boolean is False
    with qtbot.waitSignal(workbench.sig_inference_changed, timeout=30000) as changed:
        workbench.inferred_box.setChecked(True)
    assert changed.args == [True]
    assert _run(qtbot, workbench, ask).boolean is True
    with qtbot.waitSignal(workbench.sig_inference_changed, timeout=30000) as changed:
        workbench.inferred_box.setChecked(False)
    assert changed.args == [False]
    assert _run(qtbot, workbench, ask).boolean is False


def test_tabs_open_close_rename_and_library_queries(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    assert workbench.tabs.count() == 1
    workbench.activateWindow()
    qtbot.waitUntil(workbench.isActiveWindow)
    workbench.editor.setFocus()
    qtbot.keyClick(workbench.editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert workbench.tabs.count() == 2
    workbench.rename_tab(1, "  Hospitals  ")
    assert workbench.tabs.tabText(1) == "Hospitals"
    qtbot.keyClick(workbench.editor, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert workbench.tabs.count() == 1
    workbench.close_tab(0)
    assert workbench.tabs.count() == 1  # never left without a tab
    query = workbench.library.builtin()[0]
    tab = workbench.open_query(query)
    assert workbench.tabs.tabText(workbench.tabs.indexOf(tab)) == query.title
    assert tab.message.text() == query.description
    result = _run(qtbot, workbench)
    assert not result.is_empty
    assert workbench.library.history()[0].sparql == query.sparql


def test_completion_vocabulary_is_built_in_the_background(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    qtbot.waitUntil(lambda: bool(workbench.editor.vocabulary.terms), timeout=20000)
    assert any(name == "kg:Hospital" for name, _, _ in workbench.editor.vocabulary.terms)


def test_mounted_in_the_main_window_with_menus_and_canvas(qtbot, bundled_graph):
    from explorer.ui.app.main_window import MainWindow

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_graph(bundled_graph)
    action = window.findChild(QAction, "sparqlWorkbenchAction")
    assert action.shortcut().toString() == "Ctrl+Shift+Q" and action in window.menu("Tools").actions()
    assert window.findChild(QAction, "validateAction") in window.menu("Tools").actions()
    assert window.findChild(QAction, "includeInferredAction") in window.menu("View").actions()
    action.trigger()
    assert window.sparql_dock.isVisibleTo(window)
    workbench = window.workbench
    assert workbench.kg is bundled_graph
    triples = [(f"{D}ChinaMobileZhejiang", f"{KG}established", f"{D}Zhejiang5GIndustryAlliance")]
    workbench.sig_show_triples.emit(triples)
    assert {f"{D}ChinaMobileZhejiang", f"{D}Zhejiang5GIndustryAlliance"} <= set(window.scene.nodes)
    assert len(window.scene.edges) == 1
    workbench.sig_entity_activated.emit(f"{D}Liu")
    assert window.inspector.current == f"{D}Liu"


def test_a_long_error_wraps_in_the_panel_and_never_widens_it(make_workbench, bundled_graph, qtbot):
    workbench = make_workbench(bundled_graph)
    before = workbench.width()
    workbench._set_status("line 1: syntax error near " + "?o " * 800, error=True)  # a parser's dump, 2,000+ characters
    assert workbench.status.wordWrap()
    assert workbench.minimumSizeHint().width() <= before
    assert workbench.sizeHint().width() < 1200
