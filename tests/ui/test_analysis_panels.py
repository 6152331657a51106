"""A walk through Analysis ▸ Measures, Risk Exposure and Timeline in the main window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from explorer.core.analysis.styling import COMMUNITY_PALETTE, SIZE_RANGE

D = "https://w3id.org/kg-explorer/data/"


def _put_chain_on_canvas(window) -> None:
    for entity in ("ChinaMobile", "ChinaMobileZhejiang", "Zhejiang5GIndustryAlliance", "IndustrialInternet"):
        window.show_on_canvas(D + entity)
        window.expand_on_canvas(D + entity)


def test_measures_panel_ranks_styles_the_canvas_and_undo_restores(window, qtbot):
    panels = window.analysis
    window.findChild(type(panels.measures_action), "measuresAction").trigger()
    assert panels.measures_dock.isVisible()
    _put_chain_on_canvas(window)
    before = {n.id: (n.color, n.size) for n in window.scene.nodes.values()}
    measures = panels.measures
    measures.scope_combo.setCurrentIndex(measures.scope_combo.findData("canvas"))
    measures.measure_combo.setCurrentIndex(measures.measure_combo.findData("pagerank"))
    measures.colour_combo.setCurrentIndex(measures.colour_combo.findData("community"))
    with qtbot.waitSignal(measures.strip.sig_finished, timeout=20000):
        qtbot.mouseClick(measures.strip.run_button, Qt.MouseButton.LeftButton)
    assert measures.model.rowCount() == len([n for n in window.scene.nodes.values() if n.kind == "entity"])
    assert "PageRank over" in measures.note.text()
    # Sorting by the measure column puts the largest value first.
    measures.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    top = measures.proxy.index(0, 1)
    values = [measures.proxy.index(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in range(measures.proxy.rowCount())]
    assert values == sorted(values, reverse=True)
    # Clicking a row shows the entity in the Inspector.
    measures.table.clicked.emit(top)
    assert window.inspector.current == measures.proxy.index(0, 1).data(Qt.ItemDataRole.UserRole + 2)

    panels.style_action.trigger()
    style = window.scene.measure_style
    assert style is not None and style.size_by == "pagerank" and style.color_by == "community"
    sizes = [n.size for n in window.scene.nodes.values() if n.kind == "entity"]
    assert max(sizes) == SIZE_RANGE[1]
    assert all(n.color in COMMUNITY_PALETTE for n in window.scene.nodes.values() if n.kind == "entity")
    assert measures.legend.entries and measures.clear_button.isEnabled()
    # The canvas draws the new looks: its zoomed-out tiles and any detailed node items.
    canvas = window.canvas
    canvas.flush()
    for tile in canvas.node_tiles.values():
        tile.rebuild()
    drawn = {colour.name().upper() for tile in canvas.node_tiles.values() for colour, _ in tile.groups}
    drawn.discard(canvas.colours.more_fill.name().upper())  # "+N more" nodes keep their own look
    assert drawn and drawn <= {c.upper() for c in COMMUNITY_PALETTE}
    for node_id, item in canvas.node_items.items():
        assert item.fill.name().upper() == window.scene.nodes[node_id].color.upper()
    # The restyle is one step in the undo history.
    if getattr(window, "session", None) is not None:
        window.session.undo()
        assert {n.id: (n.color, n.size) for n in window.scene.nodes.values()} == before
        assert window.scene.measure_style is None and not measures.legend.entries
        window.session.redo()
        assert window.scene.measure_style is style
    panels.clear_action.trigger()
    assert window.scene.measure_style is None
    assert {n.id: (n.color, n.size) for n in window.scene.nodes.values()} == before


def test_measures_on_the_whole_graph_can_be_cancelled(window, qtbot):
    measures = window.analysis.measures
    measures.scope_combo.setCurrentIndex(measures.scope_combo.findData("graph"))
    measures.run()
    with qtbot.waitSignal(measures.strip.runner.sig_busy_changed, timeout=20000, check_params_cb=lambda b: not b):
        measures.strip.cancel()
    assert measures.outcome is None


def test_risk_panel_shows_the_chain_to_china_mobile_with_quotes_and_why_not(window, qtbot):
    panels = window.analysis
    risk = panels.risk
    with qtbot.waitSignal(risk.strip.sig_finished, timeout=20000):
        panels.risk_action.trigger()
    assert risk.model.rowCount() > 3
    row = next(r for r in range(risk.proxy.rowCount())
               if risk.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == D + "ChinaMobile")
    risk.table.selectRow(row)
    text = risk.details.toPlainText()
    assert "industrial internet" in text and "Zhejiang 5G industry alliance" in text
    assert "more vulnerable to sophisticated cyberattacks" in text
    assert "Liu warns of sophisticated cyberattacks" in text
    assert window.inspector.current == D + "ChinaMobile"
    qtbot.mouseClick(risk.canvas_button, Qt.MouseButton.LeftButton)
    assert D + "ChinaMobile" in window.scene.nodes and D + "IndustrialInternet" in window.scene.nodes
    risk.why_edit.setText("consumer internet applications")
    qtbot.mouseClick(risk.why_button, Qt.MouseButton.LeftButton)
    assert "more vulnerable than" in risk.details.toPlainText()


DATED = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix e: <http://e/> .
e:old rdfs:label "old report" ; dct:date "2018-05-01"^^xsd:date .
e:mid rdfs:label "alliance founding" ; e:during e:y2019 .
e:y2019 a time:ProperInterval ; rdfs:label "2019" ; time:hasDateTimeDescription e:y2019d .
e:y2019d time:year "2019"^^xsd:gYear .
e:new rdfs:label "article" ; dct:date "2020-06-12"^^xsd:date .
"""


def test_timeline_panel_lists_dated_facts_and_filters_the_canvas(window, qtbot):
    window.kg.load_text(DATED, "turtle")  # dates beside whatever the bundled graph carries
    panels = window.analysis
    timeline = panels.timeline
    with qtbot.waitSignal(timeline.strip.sig_finished, timeout=20000):
        panels.timeline_action.trigger()
    line = timeline.line
    assert line is not None and len(line.dated) >= 3
    assert timeline.tree.topLevelItemCount() == len(line.items)
    whens = [timeline.tree.topLevelItem(i).text(0) for i in range(timeline.tree.topLevelItemCount())]
    assert whens.index("2018-05-01") < whens.index("2019") < whens.index("2020-06-12")
    for entity in ("http://e/old", "http://e/mid", "http://e/new"):
        window.show_on_canvas(entity)
    timeline.filter_check.setChecked(True)
    timeline.slider.set_range(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    qtbot.waitUntil(lambda: window.settings.timeline_end == "2019-12-31", timeout=5000)
    hidden = lambda: {n.entity for n in window.scene.nodes.values() if n.hidden}  # noqa: E731
    qtbot.waitUntil(lambda: hidden() >= {"http://e/old", "http://e/new"}, timeout=5000)
    assert "http://e/mid" not in hidden()
    assert window.session.history.undo_text.startswith("Timeline 2019-01-01")
    window.session.undo()  # the range step is one undo
    assert not hidden()
    window.session.redo()
    assert hidden() >= {"http://e/old", "http://e/new"}
    timeline.filter_check.setChecked(False)
    assert not hidden()
    # Clicking a dated item shows its entity in the Inspector.
    item = timeline.tree.topLevelItem(whens.index("2019"))
    timeline.tree.itemClicked.emit(item, 0)
    assert window.inspector.current == "http://e/mid"


def test_pictures_of_a_styled_canvas_carry_the_measure_legend(window, qtbot):
    from explorer.ui.canvas.canvas_pictures import picture_frame

    _put_chain_on_canvas(window)
    measures = window.analysis.measures
    measures.scope_combo.setCurrentIndex(measures.scope_combo.findData("canvas"))
    with qtbot.waitSignal(measures.strip.sig_finished, timeout=20000):
        window.analysis.style_action.trigger()  # runs the measure first, then styles
    style = window.scene.measure_style
    assert style is not None
    frame = picture_frame("styled", window.scene)
    assert [name for name, _, _ in frame.entries][:2] == [entry.text for entry in style.legend()][:2]


def test_panel_choices_are_remembered_in_the_settings_file(window, qtbot, tmp_path):
    from explorer.services.settings import load_settings, save_settings
    from explorer.ui.analysis.measures_panel import MeasuresPanelWidget

    measures = window.analysis.measures
    measures.measure_combo.setCurrentIndex(measures.measure_combo.findData("betweenness"))
    measures.scope_combo.setCurrentIndex(measures.scope_combo.findData("focus"))
    measures.hops_spin.setValue(3)
    window.analysis.risk.hops_spin.setValue(4)
    path = save_settings(window.settings, tmp_path / "settings.json")
    reloaded, warning = load_settings(path)
    assert warning is None
    assert (reloaded.analysis_measure, reloaded.analysis_scope, reloaded.analysis_hops, reloaded.risk_max_hops) == (
        "betweenness", "focus", 3, 4)
    window.settings = reloaded
    again = MeasuresPanelWidget(window)
    qtbot.addWidget(again)
    assert again.measure == "betweenness" and again.scope_combo.currentData() == "focus" and again.hops_spin.value() == 3
