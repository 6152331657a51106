"""Browser search: the class filter button, duplicate labels told apart (results and Find Path's completer),
and a narrow panel that keeps both ends of a row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from explorer.core.graph import KnowledgeGraph
from explorer.ui.browser.browser import BrowserWidget
from explorer.ui.paths.path_finder import PathFinderDialog

D = "https://w3id.org/kg-explorer/data/"
KG = "https://w3id.org/kg-explorer/ontology#"

TWINS = """
@prefix d: <https://w3id.org/kg-explorer/data/> .
@prefix kg: <https://w3id.org/kg-explorer/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
d:SmartFactoryNingbo a kg:IndustrialApplication ; rdfs:label "5G smart factory"@en ; kg:locatedIn d:Ningbo .
d:SmartFactoryHangzhou a kg:IndustrialApplication ; rdfs:label "5G smart factory"@en ; kg:locatedIn d:Hangzhou .
d:Hangzhou a kg:City ; rdfs:label "Hangzhou"@en .
"""


@pytest.fixture(scope="module")
def twins() -> KnowledgeGraph:
    kg = KnowledgeGraph.bundled()
    kg.load_text(TWINS, "turtle")
    return kg


@pytest.fixture
def browser(qtbot):
    def make(kg: KnowledgeGraph) -> BrowserWidget:
        widget = BrowserWidget()
        qtbot.addWidget(widget)
        widget.resize(320, 500)
        widget.show()
        widget.set_graph(kg)
        return widget
    return make


def _menu_entries(browser: BrowserWidget) -> dict[str, object]:
    browser.class_menu.aboutToShow.emit()
    return {action.text(): action for action in browser.class_menu.actions() if action.text()}


def test_the_class_button_filters_the_results_and_shows_that_it_is_on(qtbot, browser, bundled_graph):
    widget = browser(bundled_graph)
    widget.search("china")
    assert D + "China" in widget.suggestions()
    assert widget.class_button.text() == "All classes" and not widget.class_button.isChecked()
    entries = _menu_entries(widget)
    assert entries["All classes"].isChecked()
    assert "telecom operator (2)" in entries and "country (1)" in entries
    entries["telecom operator (2)"].trigger()
    assert widget.suggestions() == [D + "ChinaMobile", D + "ChinaMobileZhejiang"]
    assert widget.class_button.text() == "telecom operator" and widget.class_button.isChecked()
    assert "telecom operator" in widget.class_button.toolTip()
    # Typing on keeps the filter: the list never passes for the whole answer.
    qtbot.keyClicks(widget.search_box, " mob")
    qtbot.waitUntil(lambda: widget.search_box.text() == "china mob" and widget.suggestions()[:1] == [D + "ChinaMobile"],
                    timeout=3000)
    assert all(row.class_label == "telecom operator" for row in widget.results_model.rows)
    entries = _menu_entries(widget)
    assert entries["telecom operator (2)"].isChecked() and not entries["All classes"].isChecked()
    entries["All classes"].trigger()
    assert widget.class_filter == {} and widget.class_button.text() == "All classes"
    widget.set_class_filter({f"{KG}TelecomOperator": "telecom operator"})
    widget.set_graph(bundled_graph)  # the same graph, refreshed after a change: the filter stays
    assert widget.class_button.isChecked()
    widget.set_graph(KnowledgeGraph())  # another graph: its classes are others
    assert widget.class_filter == {} and not widget.class_button.isChecked()


def test_a_second_class_adds_to_the_filter_and_an_empty_answer_names_the_classes(browser, bundled_graph):
    widget = browser(bundled_graph)
    widget.search("zhejiang")
    entries = _menu_entries(widget)
    entries[next(text for text in entries if text.startswith("province"))].trigger()
    entries = _menu_entries(widget)
    entries[next(text for text in entries if text.startswith("telecom operator"))].trigger()
    assert set(widget.suggestions()) == {D + "Zhejiang", D + "ChinaMobileZhejiang"}
    assert widget.class_button.text() == "province +1"
    widget.set_class_filter({f"{KG}Country": "country"})
    widget.search("zhejiang")
    assert widget.suggestions() == [] and widget.no_results.text() == "No country matches."


def test_duplicate_labels_are_told_apart_in_the_results(browser, twins):
    widget = browser(twins)
    widget.search("5G smart factory")
    texts = {row.entity: row.text for row in widget.results_model.rows}
    assert texts[D + "SmartFactoryNingbo"] == "5G smart factory — industrial application · in Ningbo · SmartFactoryNingbo"
    assert texts[D + "SmartFactoryHangzhou"] == ("5G smart factory — industrial application · in Hangzhou · "
                                                 "SmartFactoryHangzhou")


def test_a_narrow_browser_wraps_a_row_and_the_tooltip_has_all(qtbot, browser, twins):
    widget = browser(twins)
    widget.resize(200, 500)
    widget.search("5G smart factory")
    view = widget.results_view
    assert view.wordWrap() and view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    index = next(widget.results_model.index(r, 0) for r in range(widget.results_model.rowCount())
                 if widget.results_model.rows[r].entity == D + "SmartFactoryNingbo")
    text = index.data()
    metrics = QFontMetrics(view.font())
    width = view.viewport().width()
    assert metrics.horizontalAdvance(text) > width  # the row does not fit on one line …
    qtbot.waitUntil(lambda: view.visualRect(index).height() >= 2 * metrics.height())  # … so it takes several
    rect = view.visualRect(index)
    assert rect.width() <= width
    needed = metrics.boundingRect(0, 0, rect.width() - 8, 10_000, int(Qt.TextFlag.TextWordWrap), text)
    assert needed.height() <= rect.height()  # every word of it is drawn
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "in Ningbo" in tip and D + "SmartFactoryNingbo" in tip and "industrial application" in tip
    # A long class name on the filter button does not widen the panel either.
    widget.set_class_filter({f"{KG}RemoteHealthcareService": "remote-healthcare service of a very long name"})
    assert widget.class_button.sizeHint().width() <= 160


def test_find_paths_completer_tells_duplicates_apart(qtbot, twins):
    dialog = PathFinderDialog()
    qtbot.addWidget(dialog)
    dialog.set_graph(twins)
    qtbot.keyClicks(dialog.source, "5G smart fac")
    qtbot.waitUntil(lambda: dialog.source._model.rowCount() >= 2, timeout=3000)
    texts = dialog.source._model.stringList()
    ningbo = next(text for text in texts if "in Ningbo" in text)
    hangzhou = next(text for text in texts if "in Hangzhou" in text)
    dialog.source._on_completer_activated(ningbo)
    assert dialog.source.entity() == D + "SmartFactoryNingbo"
    dialog.source._on_completer_activated(hangzhou)
    assert dialog.source.entity() == D + "SmartFactoryHangzhou"
