"""The analyst's curation walk in the window: add an entity, a source and a fact with its quote;
read it in the Inspector; find a path through it; undo, redo, save, reopen sources + edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialogButtonBox
from rdflib import URIRef

import explorer.core.curation.store_access as store_access
from explorer.core.vocab import ORG

D = "https://w3id.org/kg-explorer/data/"
ALLIANCE = D + "Zhejiang5GIndustryAlliance"
QUOTE = "China Unicom has joined the Zhejiang 5G industry alliance"


pytestmark = pytest.mark.usefixtures("discard_unsaved_at_teardown")


def _then(controller, fill):
    """Fill the dialog the next action opens, then press OK (the dialog runs modally)."""
    def act():
        dialog = controller.last_dialog
        fill(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    QTimer.singleShot(0, act)


def _add_unicom(dialog):
    dialog.label_edit.setText("China Unicom")
    dialog.chinese_edit.setText("中国联通")
    assert dialog.select_class("https://w3id.org/kg-explorer/ontology#TelecomOperator")
    dialog.evidence.background_radio.setChecked(True)
    dialog.evidence.reason_edit.setText("China Unicom is one of China's three state-owned telecom operators.")


def _add_membership(unicom):
    def fill(dialog):
        dialog.subject_picker.set_entity(unicom)
        dialog.object_picker.set_entity(ALLIANCE)
        dialog.predicate_combo.setCurrentIndex(dialog.predicate_combo.findData(str(ORG.memberOf)))
        evidence = dialog.evidence
        evidence.quoted_radio.setChecked(True)
        evidence.source_combo.setCurrentIndex(evidence.source_combo.findData("__new__"))
        evidence.title_edit.setText("Zhejiang 5G industry report")
        evidence.date_edit.setText("2024-03-01")
        evidence.publisher_edit.setText("Zhejiang Economic Daily")
        evidence.quote_edit.setPlainText(QUOTE)
        evidence.sentence_spin.setValue(3)
    return fill


def _membership(kg, unicom):
    return list(store_access.triples(kg, URIRef(unicom), ORG.memberOf, URIRef(ALLIANCE)))


def test_the_curation_walk(window, qtbot, tmp_path):
    window.settings.analyst_name = "Ada Analyst"
    controller = window.curation
    _then(controller, _add_unicom)
    window.findChild(type(controller.add_entity_action), "addEntityAction").trigger()
    unicom = D + "ChinaUnicom"
    assert window.kg.exists(unicom) and window.kg.label(unicom) == "China Unicom"
    assert window.windowTitle().startswith("*")

    _then(controller, _add_membership(unicom))
    controller.add_fact_action.trigger()
    assert _membership(window.kg, unicom)

    window.show_entity(unicom)
    text = window.inspector.plain_text()
    assert QUOTE in text and "Zhejiang 5G industry report, sentence 3" in text
    assert "added by Ada Analyst" in text

    window.open_path_finder(source=unicom, target=D + "FiveGRemoteHealthcareServices")
    finder = window.path_finder
    with qtbot.waitSignal(finder.sig_paths_found, timeout=20000) as found:
        finder.find()
    first = found.args[1][0]
    assert (unicom, str(ORG.memberOf), ALLIANCE) in [hop.triple for hop in first.hops]

    history = window.session.history  # one history: the canvas steps of Find Path came after the fact
    steps = 0
    while not history.undo_text.startswith("Add China Unicom —member of→"):
        window.undo_actions.undo_action.trigger()
        steps += 1
        assert steps < 10
    window.undo_actions.undo_action.trigger()
    assert not _membership(window.kg, unicom)
    assert window.kg.exists(unicom)
    window.undo_actions.redo_action.trigger()
    assert _membership(window.kg, unicom)

    saved = tmp_path / "ada-edits.trig"
    assert controller.save_edits_as(str(saved))
    assert not window.windowTitle().startswith("*")

    task = window.open_bundled()  # the sources again, then the edits over them
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert not _membership(window.kg, unicom)
    assert controller.open_edits(str(saved))
    assert _membership(window.kg, unicom)
    assert window.kg.evidence(unicom, str(ORG.memberOf), ALLIANCE)[0].quote == QUOTE


def test_a_refused_fact_keeps_the_dialog_open_with_the_reason(window, qtbot):
    controller = window.curation
    seen = {}

    def fill(dialog):
        dialog.subject_picker.set_entity(D + "ChinaMobile")
        dialog.object_picker.set_entity(D + "ChinaMobileZhejiang")
        index = dialog.predicate_combo.findData("https://w3id.org/kg-explorer/ontology#locatedIn")
        seen["offered"] = index >= 0  # a company is not a place: not offered …
        dialog.evidence.background_radio.setChecked(True)
        dialog.evidence.reason_edit.setText("")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen["error"] = dialog.error_label.text()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    QTimer.singleShot(0, lambda: fill(controller.last_dialog))
    controller.add_fact()
    assert seen["offered"] is False
    assert seen["open"] and "reason: say why" in seen["error"]
    assert not controller.dirty


def test_quitting_with_unsaved_edits_asks_first(window, qtbot, tmp_path):
    controller = window.curation
    _then(controller, _add_unicom)
    controller.add_entity()
    asked = []
    controller.ask_unsaved = lambda *_: asked.append(1) or "cancel"
    assert not window.close()
    assert asked and window.isVisible()
    controller.ask_unsaved = lambda *_: "discard"
    assert window.close()
    window.show()  # for the fixture's teardown


def test_opening_another_graph_over_unsaved_edits_asks_first(window, qtbot, tmp_path):
    controller = window.curation
    _then(controller, _add_unicom)
    controller.add_entity()
    graph = window.kg
    asked = []
    controller.ask_unsaved = lambda doing: asked.append(doing) or "cancel"
    assert window.open_bundled() is None  # cancelled: nothing is loaded
    assert window.kg is graph and controller.dirty
    assert asked == ["opening the bundled graph"]
    other = tmp_path / "other.ttl"
    other.write_text("<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n", encoding="utf-8")
    assert window.open_files([other]) is None
    assert asked[-1] == "opening other.ttl" and window.kg is graph

    saved = tmp_path / "kept.trig"
    controller.edits.path = saved
    controller.ask_unsaved = lambda doing: "save"
    task = window.open_files([other])
    assert task is not None and saved.is_file()  # saved first, then replaced
    with qtbot.waitSignal(task.sig_done, timeout=30000):
        pass
    assert window.kg is not graph and not controller.dirty


def test_merge_dialog_moves_everything_and_undoes(window, qtbot):
    controller = window.curation
    _then(controller, _add_unicom)
    controller.add_entity()
    before = set(store_access.quads(window.kg, None, None, None))

    def fill(dialog):
        dialog.keep_picker.set_entity(D + "ChinaMobile")
        dialog.other_picker.set_entity(D + "ChinaUnicom")
        assert "China Unicom becomes China Mobile" in dialog.summary.text()

    _then(controller, fill)
    controller.merge_action.trigger()
    assert "China Unicom" in [text for text, _, _ in window.kg.all_labels(D + "ChinaMobile")]
    window.undo_actions.undo_action.trigger()
    assert set(store_access.quads(window.kg, None, None, None)) == before


def test_the_analyst_name_comes_from_preferences(window, qtbot):
    from explorer.ui.settings.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings)
    qtbot.addWidget(dialog)
    dialog.analyst_edit.setText("Grace Analyst")
    edited, problem = dialog.edited_settings()
    assert problem is None and edited is not None and edited.analyst_name == "Grace Analyst"
    window.settings.analyst_name = edited.analyst_name
    assert window.curation.analyst() == "Grace Analyst"
