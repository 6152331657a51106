"""Edit ▸ Preferences…: values shown, bad values refused naming the field, changes applied at once and saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from explorer.services.settings import Settings, load_settings
from explorer.ui.app.main_window import MainWindow
from explorer.ui.settings.settings_dialog import SettingsDialog, format_languages, parse_languages

D = "https://w3id.org/kg-explorer/data/"




def _dialog(window) -> SettingsDialog:
    window.open_preferences()
    dialog = window.preferences_dialog
    assert dialog.isVisible()
    return dialog


def test_languages_text_round_trip():
    assert parse_languages("en, none, zh") == ["en", "", "zh"]
    assert format_languages(["en", "", "zh"]) == "en, none, zh"


def test_dialog_shows_the_current_settings(qtbot):
    settings = Settings(theme="dark", expansion_cap=40, query_timeout=12.5, allow_update=True,
                        include_inferred=True, inference_profile="owl-rl", storage_mode="disk")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.theme_box.currentData() == "dark"
    assert dialog.expansion_spin.value() == 40
    assert dialog.timeout_spin.value() == pytest.approx(12.5)
    assert dialog.update_box.isChecked() and not dialog.network_box.isChecked()
    assert dialog.inferred_box.isChecked() and dialog.profile_box.currentData() == "owl-rl"
    assert dialog.disk_radio.isChecked()
    assert "SERVICE" in dialog.network_note.text()
    edited, problem = dialog.edited_settings()
    assert problem is None and edited == settings


def test_bad_values_are_refused_with_the_field_named(window, qtbot):
    dialog = _dialog(window)
    before = window.settings.to_dict()
    dialog.languages_edit.setText("en, not a tag!")
    dialog.expansion_spin.setValue(99)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # not accepted
    assert dialog.error_label.isVisibleTo(dialog)
    message = dialog.error_label.text()
    assert message.startswith("Label languages:") and "'not a tag!'" in message and "\n" not in message
    assert window.settings.to_dict() == before  # nothing applied

    dialog.languages_edit.setText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    assert dialog.error_label.text() == "Label languages: must name at least one language"

    dialog.languages_edit.setText("en")
    dialog.timeout_spin.lineEdit().setText("")  # what a user leaves after deleting the number
    assert not dialog.apply()
    assert dialog.error_label.text() == "Query timeout: enter a number between 0.1 and 86,400"
    dialog.rows_spin.lineEdit().setText("lots")
    dialog.timeout_spin.setValue(3)
    assert not dialog.apply()
    assert dialog.error_label.text() == "Maximum result rows: 'lots' is not a number between 1 and 10,000,000"
    assert window.settings.to_dict() == before


def test_changes_apply_at_once_and_are_saved(window, qtbot):
    dialog = _dialog(window)
    dialog.timeout_spin.setValue(7.5)
    dialog.rows_spin.setValue(500)
    dialog.update_box.setChecked(True)
    dialog.network_box.setChecked(True)
    dialog.expansion_spin.setValue(3)
    dialog.hops_spin.setValue(4)
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    kg = window.kg
    assert kg.policy.allow_update and kg.policy.allow_network
    assert kg.default_query_timeout == pytest.approx(7.5)
    assert window.workbench.settings.max_result_rows == 500
    assert QApplication.instance().property("kg_dark_theme") is True
    assert window.findChild(type(window.open_action), "theme_dark").isChecked()
    # The expansion cap takes effect on the next expansion.
    added = window.expand_on_canvas(D + "ChinaMobile")
    assert len([n for n in added if window.scene.nodes[n].kind == "entity"]) <= 3
    saved, warning = load_settings()
    assert warning is None
    assert (saved.query_timeout, saved.max_result_rows, saved.allow_update, saved.allow_network,
            saved.expansion_cap, saved.path_max_hops, saved.theme) == (7.5, 500, True, True, 3, 4, "dark")
    window.set_theme("light")


def test_label_language_preference_relabels_the_canvas(window, qtbot):
    window.show_on_canvas(D + "ChinaMobile")
    assert window.scene.nodes[D + "ChinaMobile"].label == "China Mobile"
    dialog = _dialog(window)
    dialog.languages_edit.setText("zh, en, none")
    assert dialog.apply()
    assert window.kg.label_languages == ("zh", "en", "")
    assert window.scene.nodes[D + "ChinaMobile"].label == "中国移动"
    assert window.kg.label(D + "ChinaMobile") == "中国移动"


def test_preferences_shortcut_is_ctrl_comma(window):
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Ctrl+,") in window.preferences_action.shortcuts()
    assert window.preferences_action in window.menu("Edit").actions()


def test_restore_defaults_fills_the_defaults(window, qtbot):
    dialog = _dialog(window)
    dialog.expansion_spin.setValue(77)
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.expansion_spin.value() == Settings().expansion_cap
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel) is not None
    dialog.reject()
    assert window.settings.expansion_cap == Settings().expansion_cap


def test_include_inferred_switch_is_remembered(window, qtbot):
    action = window.findChild(type(window.open_action), "includeInferredAction")
    triples = len(window.kg)
    with qtbot.waitSignal(window.workbench.sig_inference_changed, timeout=60000):
        action.trigger()
    assert len(window.kg) > triples
    saved, _ = load_settings()
    assert saved.include_inferred is True and saved.inference_profile == "rdfs"

    # A new window with the saved settings turns inference on by itself when its graph opens.
    again = MainWindow(saved)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.workbench.sig_inference_changed, timeout=60000) as blocker:
        again.open_bundled()
    assert blocker.args == [True]
    assert again.workbench.inferred_box.isChecked()
    assert again.findChild(type(again.open_action), "includeInferredAction").isChecked()

    # Turning it off is remembered too.
    with qtbot.waitSignal(window.workbench.sig_inference_changed, timeout=60000):
        window.workbench.inferred_box.setChecked(False)
    assert load_settings()[0].include_inferred is False
    assert len(window.kg) == triples


def test_the_bundled_model_switch_shows_and_edits_the_setting(qtbot):
    from PySide6.QtWidgets import QCheckBox

    dialog = SettingsDialog(Settings(learned_relations=False))
    qtbot.addWidget(dialog)
    box = dialog.findChild(QCheckBox, "LearnedRelationsCheck")
    assert box is dialog.learned_box and box.text() == "Suggest facts the bundled model finds"
    assert "[model]" in box.toolTip() and "offline" in box.toolTip() and "not trained on" in box.toolTip()
    assert not box.isChecked()
    assert dialog.edited_settings()[0].learned_relations is False
    box.setChecked(True)
    assert dialog.edited_settings()[0].learned_relations is True
    dialog.restore_defaults()
    assert box.isChecked()
    fresh = SettingsDialog(Settings())
    qtbot.addWidget(fresh)
    assert fresh.learned_box.isChecked()


def test_turning_the_bundled_model_off_is_saved(window, qtbot):
    dialog = _dialog(window)
    assert dialog.learned_box.isChecked()
    dialog.learned_box.setChecked(False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert window.settings.learned_relations is False
    assert load_settings()[0].learned_relations is False


def test_wrapped_notes_show_every_line_and_the_dialog_fits_them(qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    def needed(note: QLabel) -> int:  # what the text needs at the note's width, measured on a label of its own
        probe = QLabel(note.text())
        probe.setWordWrap(True)
        probe.setFont(note.font())
        return probe.heightForWidth(note.width())

    notes = (dialog.network_note, dialog.storage_note)
    qtbot.waitUntil(lambda: all(note.height() >= needed(note) for note in notes), timeout=5000)
    assert needed(dialog.network_note) > 2 * dialog.network_note.fontMetrics().height()  # several lines, all shown
    qtbot.waitUntil(lambda: dialog.height() <= dialog.layout().sizeHint().height() + 4, timeout=5000)
