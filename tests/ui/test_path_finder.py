"""Find Path dialog and Paths panel: pickers, modes, constraints, errors, results with evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.ui.paths.path_finder import PathFinderDialog
from explorer.ui.paths.paths_panel import PathsPanelWidget

D = "https://w3id.org/kg-explorer/data/"
ORG_SUB = "https://w3id.org/kg-explorer/ontology#hasBranch"


def _dialog(qtbot, kg):
    dialog = PathFinderDialog()
    qtbot.addWidget(dialog)
    dialog.set_graph(kg)
    return dialog


def test_pickers_resolve_typed_labels_and_report_bad_ones(qtbot, bundled_graph):
    dialog = _dialog(qtbot, bundled_graph)
    dialog.source.setText("China Mobile")
    dialog.target.setText("no such thing at all")
    assert dialog.find() is None
    assert "no entity" in dialog.status.text()
    dialog.target.setText("")
    dialog.find()
    assert "choose an entity" in dialog.status.text()


def test_completion_picks_an_entity(qtbot, bundled_graph):
    dialog = _dialog(qtbot, bundled_graph)
    qtbot.keyClicks(dialog.source, "Zhejiang 5G")
    qtbot.waitUntil(lambda: dialog.source._model.rowCount() > 0, timeout=3000)
    first = dialog.source._model.index(0, 0).data()
    dialog.source._on_completer_activated(first)
    assert dialog.source.entity() == D + "Zhejiang5GIndustryAlliance"


def test_k_shortest_with_an_excluded_link(qtbot, bundled_graph):
    dialog = _dialog(qtbot, bundled_graph)
    dialog.set_ends(D + "ChinaMobile", D + "FiveGRemoteHealthcareServices")
    dialog.mode.setCurrentIndex(dialog.mode.findData("k"))
    dialog.k.setValue(3)
    with qtbot.waitSignal(dialog.sig_paths_found, timeout=20000) as blocker:
        dialog.find()
    query, paths = blocker.args
    assert query.mode == "k" and 1 <= len(paths) <= 3
    assert "path" in dialog.status.text()
    for row in range(dialog.excluded.count()):
        item = dialog.excluded.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == ORG_SUB:
            item.setCheckState(Qt.CheckState.Checked)
    assert dialog.query().excluded_predicates == [ORG_SUB]
    with qtbot.waitSignal(dialog.sig_paths_found, timeout=20000) as blocker:
        dialog.find()
    _, constrained = blocker.args
    assert all(hop.predicate != ORG_SUB for path in constrained for hop in path.hops)


def test_swap_and_same_entity(qtbot, bundled_graph):
    dialog = _dialog(qtbot, bundled_graph)
    dialog.set_ends(D + "ChinaMobile", D + "HospitalPartners")
    dialog.swap_button.click()
    assert dialog.source.entity() == D + "HospitalPartners"
    assert dialog.target.entity() == D + "ChinaMobile"
    dialog.set_ends(D + "ChinaMobile", D + "ChinaMobile")
    assert dialog.find() is None
    assert "same entity" in dialog.status.text()


def test_new_search_cancels_the_previous(qtbot, bundled_graph):
    dialog = _dialog(qtbot, bundled_graph)
    dialog.set_ends(D + "ChinaMobile", D + "FiveGRemoteHealthcareServices")
    dialog.mode.setCurrentIndex(dialog.mode.findData("all"))
    first = dialog.find()
    second = dialog.find()
    assert first.cancelled
    with qtbot.waitSignal(second.sig_finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: first.finished, timeout=20000)
    assert first.result is None


def test_paths_panel_lists_chains_with_evidence(qtbot, bundled_graph):
    from explorer.core.paths import find_paths

    panel = PathsPanelWidget()
    qtbot.addWidget(panel)
    panel.set_graph(bundled_graph)
    paths = find_paths(bundled_graph, D + "ChinaMobile", D + "FiveGRemoteHealthcareServices")
    with qtbot.waitSignal(panel.sig_path_selected) as blocker:
        panel.set_paths(paths, "summary")
    assert blocker.args == [paths[0]]
    assert panel.list.item(0).text().startswith("1. China Mobile —has branch→")
    details = panel.details.toPlainText()
    assert "“China Mobile's Zhejiang branch”" in details and "sentence" in details
    with qtbot.waitSignal(panel.sig_show_all_requested):
        panel.show_all_button.click()
    panel.clear()
    assert panel.list.count() == 0 and not panel.show_all_button.isEnabled()
