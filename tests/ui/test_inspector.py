"""Inspector: labels in every language, links in words with evidence, navigation history."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from explorer.core.history import NavigationHistory
from explorer.ui.inspector.inspector import InspectorWidget

D = "https://w3id.org/kg-explorer/data/"


def _inspector(qtbot, kg):
    widget = InspectorWidget()
    qtbot.addWidget(widget)
    widget.set_graph(kg)
    return widget


def _click(widget, entity):
    index = widget.link_targets().index(entity)
    widget._on_text_anchor_clicked(QUrl(f"entity:{index}"))


def test_labels_classes_properties_and_evidence(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity(D + "ChinaMobile")
    text = widget.plain_text()
    assert widget.title.text() == "China Mobile"
    assert "中国移动" in text and "zh" in text
    assert "telecom operator" in text
    assert "has branch" in text
    # The quote's place: the article's fifth sentence (the fourth line holds two), characters 702–732.
    assert "“China Mobile's Zhejiang branch”" in text and "sentence 5, line 4, characters 702–732" in text


def test_every_evidence_record_of_a_fact_is_listed(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity(D + "Liu")
    text = widget.plain_text()
    assert "warns of" in text
    assert "more vulnerable to sophisticated cyberattacks.”" in text and "sentence 12, line 9, characters 1700–1874" in text
    assert "Liu said.”" in text and "sentence 13, line 10, characters 1875–2014" in text
    widget.show_entity(D + "IndustrialInternet")
    text = widget.plain_text()
    assert "“help companies boost quality”" in text and "sentence 9, line 7, characters 1448–1476" in text
    # the second record of the same fact, with the analyst's note on what "such potential" refers to
    assert text.count("“The industrial internet has such potential.”") == 3  # quality, efficiency, costs
    assert "sentence 10, line 7, characters 1557–1600" in text and "the potential named in the sentence before" in text


def test_incoming_links_are_in_their_own_words(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity(D + "ChinaMobileZhejiang")
    text = widget.plain_text()
    assert "Links to it" in text
    assert "branch of" in text


def test_background_knowledge_is_labelled(qtbot, bundled_graph):
    record = next(iter(bundled_graph.query(
        "PREFIX kg: <https://w3id.org/kg-explorer/ontology#> "
        "SELECT ?s WHERE { ?r kg:isBackground true ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s } LIMIT 1"
    ).raw_rows))
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity(record[0].value)
    assert "background knowledge" in widget.plain_text()


def test_links_navigate_with_back_and_forward(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity(D + "ChinaMobile")
    assert not widget.back_button.isEnabled()
    with qtbot.waitSignal(widget.sig_entity_shown) as blocker:
        _click(widget, D + "ChinaMobileZhejiang")
    assert blocker.args == [D + "ChinaMobileZhejiang"]
    assert widget.back_button.isEnabled()
    widget.back()
    assert widget.current == D + "ChinaMobile"
    assert widget.forward_button.isEnabled()
    widget.forward()
    assert widget.current == D + "ChinaMobileZhejiang"


def test_buttons_copy_show_expand(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    assert not widget.copy_button.isEnabled()
    widget.show_entity(D + "ChinaMobile")
    widget.copy_button.click()
    assert QGuiApplication.clipboard().text() == D + "ChinaMobile"
    with qtbot.waitSignal(widget.sig_show_on_canvas_requested) as shown:
        widget.show_button.click()
    with qtbot.waitSignal(widget.sig_expand_requested) as expanded:
        widget.expand_button.click()
    assert shown.args == expanded.args == [D + "ChinaMobile"]


def test_unknown_entity_says_so(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity("http://example.org/nothing")
    assert "says nothing else" in widget.plain_text()


def test_history_truncates_forward_on_new_visit_and_is_capped():
    history = NavigationHistory(limit=3)
    for item in "abcd":
        history.visit(item)
    assert history.items == ["b", "c", "d"]
    history.back()
    history.visit("e")
    assert history.items == ["b", "c", "e"] and not history.can_go_forward()
    history.visit("e")
    assert history.items == ["b", "c", "e"]


def test_literal_values_show_their_evidence(qtbot, bundled_graph):
    widget = _inspector(qtbot, bundled_graph)
    widget.show_entity(D + "AllianceMemberCompanies")
    text = widget.plain_text()
    count = text.index("count: 193")
    quote = text.index("“193 leading companies”")
    assert count < quote < text.index("Links")
