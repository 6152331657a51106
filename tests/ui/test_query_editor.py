"""The SPARQL editor: highlighting, completion with PREFIX insertion, comments, brackets, errors, Ctrl+Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from explorer.core.errors import QueryError
from explorer.ui.sparql.query_editor import SparqlEditor, build_vocabulary
from explorer.ui.sparql.sparql_highlighter import _LIGHT


@pytest.fixture
def editor(qtbot):
    widget = SparqlEditor()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    return widget


def _colour_at(editor, line: int, column: int) -> str | None:
    block = editor.document().findBlockByNumber(line)
    for item in block.layout().formats():
        if item.start <= column < item.start + item.length:
            return item.format.foreground().color().name()
    return None


def _colour(family: str) -> str:
    return QColor(_LIGHT[family]).name()


def test_highlighting_colours_keywords_variables_iris_strings_and_comments(editor):
    editor.setPlainText('PREFIX kg: <https://w3id.org/kg-explorer/ontology#>\n'
                        'SELECT ?x WHERE { ?x a kg:Hospital ; rdfs:label "abc" } # note')
    line = editor.document().findBlockByNumber(1).text()
    assert _colour_at(editor, 0, 0) == _colour("keyword")               # PREFIX
    assert _colour_at(editor, 0, 7) == _colour("prefix")                # kg
    assert _colour_at(editor, 0, 20) == _colour("iri")                  # <https://…>
    assert _colour_at(editor, 1, 0) == _colour("keyword")               # SELECT
    assert _colour_at(editor, 1, 8) == _colour("variable")              # ?x
    assert _colour_at(editor, 1, line.index("Hospital")) == _colour("local")
    assert _colour_at(editor, 1, line.index("abc")) == _colour("string")
    assert _colour_at(editor, 1, line.index("note")) == _colour("comment")
    assert _colour_at(editor, 1, line.index(" WHERE")) is None          # blanks stay plain


def test_multiline_long_strings_stay_coloured(editor):
    editor.setPlainText('SELECT * { ?s ?p """first\nsecond line\nlast""" }')
    assert _colour_at(editor, 1, 0) == _colour_at(editor, 1, 10) == _colour("string")
    assert _colour_at(editor, 2, 0) == _colour("string")
    assert _colour_at(editor, 2, len('last""" ')) != _colour("string")   # the closing brace


def test_choosing_a_prefix_adds_its_prefix_line(editor, qtbot):
    editor.setPlainText("PREFIX kg: <https://w3id.org/kg-explorer/ontology#>\nSELECT * WHERE { ?s ?p ?o }")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " sk")
    assert editor.completer.popup().isVisible()
    assert "skos:" in [editor.completer.completionModel().index(i, 0).data(Qt.ItemDataRole.UserRole + 1)
                       for i in range(editor.completer.completionCount())]
    editor.insert_completion("skos:")
    text = editor.toPlainText()
    assert text.splitlines()[1] == "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
    assert text.rstrip().endswith("skos:")
    editor.insert_completion("skos:altLabel")  # already declared: no second line
    assert editor.toPlainText().count("PREFIX skos:") == 1


def test_completion_offers_graph_classes_properties_and_own_variables(editor, bundled_graph, qtbot):
    editor.set_vocabulary(build_vocabulary(bundled_graph))
    names = {name for name, _, _ in editor.vocabulary.terms}
    assert {"kg:Hospital", "kg:partneredWith", "org:hasMember"} <= names
    editor.setPlainText("SELECT ?alliance WHERE { ?alliance kg:partn")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "e")
    assert editor.completer.currentCompletion() == "kg:partneredWith"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert "kg:partneredWith" in editor.toPlainText()
    assert "PREFIX kg: <https://w3id.org/kg-explorer/ontology#>" in editor.toPlainText()
    qtbot.keyClicks(editor, " ?al")
    assert editor.completer.currentCompletion() == "?alliance"


def test_ctrl_slash_toggles_comments_on_selected_lines(editor, qtbot):
    editor.setPlainText("SELECT *\nWHERE {\n  ?s ?p ?o\n}")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "# SELECT *\n# WHERE {\n  # ?s ?p ?o\n# }"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "SELECT *\nWHERE {\n  ?s ?p ?o\n}"


def test_enter_keeps_and_deepens_indentation_and_closer_dedents(editor, qtbot):
    editor.setPlainText("SELECT * WHERE {")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "?s ?p ?o")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "}")
    assert editor.toPlainText() == "SELECT * WHERE {\n  ?s ?p ?o\n}"


def test_bracket_matching_skips_brackets_inside_strings(editor):
    editor.setPlainText('SELECT * { FILTER(?x = "(") }')
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("{") + 1)
    editor.setTextCursor(cursor)
    assert editor.bracket_match() == (9, len(editor.toPlainText()) - 1)
    cursor.setPosition(editor.toPlainText().index("(") + 1)
    editor.setTextCursor(cursor)
    assert editor.bracket_match() == (17, editor.toPlainText().index(")"))


def test_parse_error_is_underlined_at_line_and_column(editor, bundled_graph, qtbot):
    editor.setPlainText("SELECT *\nWHERE { ?s ?p . }")
    with pytest.raises(QueryError) as caught:
        bundled_graph.query(editor.toPlainText())
    error = caught.value
    with qtbot.waitSignal(editor.sig_error_changed) as signal:
        editor.show_error(error.line, error.column, str(error))
    assert signal.args == [str(error)]
    start, length, message = editor.error
    assert editor.document().findBlock(start).blockNumber() == 1
    assert length >= 1 and "line 2" in message
    underlined = [s for s in editor.extraSelections() if s.format.underlineStyle() != s.format.UnderlineStyle.NoUnderline]
    assert len(underlined) == 1
    with qtbot.waitSignal(editor.sig_error_changed) as cleared:
        qtbot.keyClicks(editor, "x")
    assert cleared.args == [""] and editor.error is None


def test_error_in_a_selection_is_placed_relative_to_the_selection(editor):
    editor.setPlainText("# a comment\nSELECT * { ?s ?p }")
    editor.show_error(1, 17, "oops", origin=editor.toPlainText().index("SELECT"))
    start, _, _ = editor.error
    assert editor.document().findBlock(start).blockNumber() == 1


def test_ctrl_enter_requests_a_run_of_the_selection(editor, qtbot):
    editor.setPlainText("ASK { ?s ?p ?o }\nSELECT * { ?s ?p ?o }")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("ASK { ?s ?p ?o }"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    with qtbot.waitSignal(editor.sig_run_requested):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.query_to_run() == ("ASK { ?s ?p ?o }", 0)
    assert "\n" not in editor.toPlainText().split("}")[0]  # Ctrl+Enter did not type a newline
