"""The SPARQL workbench: the graph's prefixes without PREFIX lines, one-line syntax errors marked in the
editor and never widening the window, and theme switches reaching every open tab."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from explorer.core.graph import KnowledgeGraph
from explorer.services.query_library import QueryLibrary
from explorer.services.settings import Settings
from explorer.ui.sparql.query_workbench import QueryWorkbenchWidget
from explorer.ui.sparql.sparql_highlighter import _DARK, _LIGHT

D = "https://w3id.org/kg-explorer/data/"


@pytest.fixture
def make_workbench(qtbot, tmp_path):
    def make(kg: KnowledgeGraph) -> QueryWorkbenchWidget:
        widget = QueryWorkbenchWidget(Settings(), QueryLibrary(tmp_path / "library"))
        qtbot.addWidget(widget)
        widget.resize(900, 600)
        widget.show()
        widget.set_graph(kg)
        return widget
    return make


def _run(qtbot, workbench, text):
    workbench.editor.setPlainText(text)
    with qtbot.waitSignal(workbench.sig_query_finished, timeout=20000) as finished:
        workbench.run_query()
    return finished.args[0]


def _fail(qtbot, workbench, text) -> str:
    workbench.editor.setPlainText(text)
    with qtbot.waitSignal(workbench.sig_query_failed, timeout=20000) as failed:
        workbench.run_query()
    return failed.args[0]


# ---------------------------------------------------------------------- prefixes
def test_the_graphs_prefixes_work_without_prefix_lines(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    result = _run(qtbot, workbench, "SELECT ?o WHERE { ?o a kg:TelecomOperator ; rdfs:label ?name }")
    assert len(result) >= 2
    assert _run(qtbot, workbench, "ASK { d:ChinaMobile ?p ?o }").boolean is True


def test_a_files_own_prefix_wins_over_the_built_in_one_and_the_querys_own_wins_over_both(qtbot, make_workbench,
                                                                                         tmp_path):
    data = tmp_path / "own.ttl"  # this file gives schema: and d: namespaces of its own
    data.write_text("@prefix schema: <http://example.org/mine/> .\n@prefix d: <http://example.org/data/> .\n"
                    "d:a schema:name \"A\" .", encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([data])
    workbench = make_workbench(kg)
    assert workbench.prefixes_in_scope()["schema"] == "http://example.org/mine/"
    result = _run(qtbot, workbench, "SELECT ?n WHERE { d:a schema:name ?n }")
    assert [str(row[0]) for row in result.rows] == ["A"]
    declared = "PREFIX schema: <https://schema.org/>\nSELECT ?n WHERE { d:a schema:name ?n }"
    assert len(_run(qtbot, workbench, declared)) == 0


def test_prefixes_in_scope_are_listed_and_offered_by_completion(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    workbench.prefixes_menu.aboutToShow.emit()
    entries = [action.text() for action in workbench.prefixes_menu.actions()]
    assert f"d:  <{D}>" in entries and any(text.startswith("kg:  <") for text in entries)
    workbench.editor.setPlainText("SELECT * { ?s ?p ?o }")
    next(a for a in workbench.prefixes_menu.actions() if a.text().startswith("d:")).trigger()
    assert workbench.editor.toPlainText().startswith(f"PREFIX d: <{D}>\n")
    qtbot.waitUntil(lambda: bool(workbench.editor.vocabulary.prefixes), timeout=20000)
    offered = [text for text, _ in workbench.editor.completion_candidates("")]
    assert "d:" in offered and "kg:" in offered


def test_an_error_after_added_prefixes_is_placed_on_the_users_line(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    message = _fail(qtbot, workbench, "SELECT ?h\nWHERE { ?h a kg:Hospital .\n  ?h rdfs:label ?n ?? }")
    assert message.startswith("Syntax error at line 3, column ")
    start, _, _ = workbench.editor.error
    assert workbench.editor.document().findBlock(start).blockNumber() == 2


# ---------------------------------------------------------------------- syntax errors
BROKEN = [
    ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }", 3),
    ("SELECT ?s WHERE { ?s ?p ?o }\nLIMIT x", 2),
    ("SELECT ?s WHERE {\n ?s <http://x ?o }", 2),
    ("SELECT * {\n ?s ?p \"abc }", 2),
    ("SELECT * { ?s ?p ?o", 1),
]


@pytest.mark.parametrize(("query", "line"), BROKEN)
def test_a_syntax_error_is_one_readable_line_with_its_place_marked(qtbot, make_workbench, bundled_graph, query, line):
    workbench = make_workbench(bundled_graph)
    message = _fail(qtbot, workbench, query)
    assert re.fullmatch(rf"Syntax error at line {line}, column \d+: [^\n]+", message), message
    assert len(message) < 160
    for dump in ("..=", "['", "[_]", "\\u{"):
        assert dump not in message
    assert workbench.status.text() == message
    editor = workbench.editor
    start, length, _ = editor.error
    assert editor.document().findBlock(start).blockNumber() == line - 1
    assert editor.textCursor().blockNumber() == line - 1  # the cursor went there
    marks = [s for s in editor.extraSelections() if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline]
    assert len(marks) == 1 and marks[0].cursor.selectionStart() == start and length >= 1


def test_an_unknown_prefix_is_named(qtbot, make_workbench, bundled_graph):
    workbench = make_workbench(bundled_graph)
    message = _fail(qtbot, workbench, "SELECT * WHERE {\n  ?s a nosuch:Thing }")
    assert message.startswith("Syntax error at line 2, column ")
    assert "unknown prefix nosuch:" in message


def test_a_very_long_error_leaves_the_main_window_its_width(qtbot):
    from explorer.ui.app.main_window import MainWindow

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.set_graph(KnowledgeGraph.bundled())
    window.findChild(type(window.menu("Tools").actions()[0]), "sparqlWorkbenchAction").trigger()
    qtbot.waitUntil(lambda: window.workbench.isVisible())
    before = window.width()
    workbench = window.workbench
    # A string the parser reads to its end: its error names every alternative of a character class.
    long_name = "x" * 3000
    workbench.editor.setPlainText(f"SELECT * WHERE {{ ?s ?p ?{long_name} ?? }}")
    with qtbot.waitSignal(workbench.sig_query_failed, timeout=20000):
        workbench.run_query()
    workbench.current_tab().show_message("error: " + "['\\u{00C0}'..='\\u{00D6}'|" * 200)  # a dump without spaces
    QApplication.processEvents()
    assert window.width() == before
    assert workbench.current_tab().message.minimumSizeHint().width() < 400
    assert workbench.minimumSizeHint().width() < before


# ---------------------------------------------------------------------- theme
@pytest.fixture
def restore_theme():
    app = QApplication.instance()
    palette, sheet, style = app.palette(), app.styleSheet(), app.style().name()
    yield app
    app.setPalette(palette)
    app.setStyleSheet(sheet)
    if app.style().name() != style:
        app.setStyle(style)


def _keyword_colour(editor) -> str:
    block = editor.document().firstBlock()
    for item in block.layout().formats():
        if item.start == 0:
            return item.format.foreground().color().name()
    raise AssertionError("SELECT is not coloured")


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_theme_switch_recolours_every_open_tab(qtbot, make_workbench, bundled_graph, restore_theme):
    from explorer.ui.resources import apply_theme

    apply_theme(restore_theme, "light")
    workbench = make_workbench(bundled_graph)
    first = workbench.editor
    second = workbench.new_tab("SELECT ?x WHERE { ?x ?p ?o }").editor
    workbench.tabs.setCurrentIndex(0)
    message = _fail(qtbot, workbench, "SELECT ?y WHERE { ?y ?p ?o . FILTER(?y = }")
    assert _keyword_colour(first) == QColor(_LIGHT["keyword"]).name()
    apply_theme(restore_theme, "dark")
    QApplication.processEvents()
    assert first.error is not None and workbench.status.text() == message  # recolouring keeps the error
    for editor in (first, second):
        assert _keyword_colour(editor) == QColor(_DARK["keyword"]).name()
        base = editor.palette().color(QPalette.ColorRole.Base)
        assert _contrast(QColor(_keyword_colour(editor)), base) >= 4.5
        selections = editor.extraSelections()
        current_line = QColor(selections[0].format.background().color())
        assert current_line.lightness() < 128  # the current line's band follows the dark base
    apply_theme(restore_theme, "light")
    QApplication.processEvents()
    assert _keyword_colour(second) == QColor(_LIGHT["keyword"]).name()
