"""The article review shows the class each new end is created with, as accepting the ticked rows would create it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.core.curation.schema import OntologySchema
from explorer.core.extraction.sentences import Sentence
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import Suggestion
from explorer.ui.importing.suggestion_model import OBJECT, SUBJECT, TICK, SuggestionTableModel

ONTO = "https://w3id.org/kg-explorer/ontology#"
FIRST = "Huawei built the Linhe plant."
SECOND = "Cameras are located in the Linhe plant."
THIRD = "Huawei partnered with Haier."


def _suggestion(text: str, subject: str, predicate: str, obj: str, number: int) -> Suggestion:
    sentence = Sentence(number, text, 0, len(text), number)
    s, o = text.index(subject), text.index(obj)
    return Suggestion(Mention(s, s + len(subject), subject, label=subject), ONTO + predicate,
                      Mention(o, o + len(obj), obj, label=obj.removeprefix("the ")), sentence, "pattern", 0, 1, 0.9)


def _model(qtbot) -> SuggestionTableModel:
    model = SuggestionTableModel(schema=OntologySchema.bundled())
    model.set_suggestions([_suggestion(FIRST, "Huawei", "built", "the Linhe plant", 1),
                           _suggestion(SECOND, "Cameras", "locatedIn", "the Linhe plant", 2),
                           _suggestion(THIRD, "Huawei", "partneredWith", "Haier", 3)])
    return model


def _shown(model: SuggestionTableModel, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_a_new_end_is_shown_with_the_class_it_is_created_with(qtbot) -> None:
    model = _model(qtbot)
    # a builder named by no word of its kind is an organization; a site's head noun makes a facility
    assert _shown(model, 0, SUBJECT) == "Huawei  (new organization)"
    assert _shown(model, 1, OBJECT) == "Linhe plant  (new facility)"
    assert _shown(model, 1, SUBJECT) == "Cameras  (new asset)"
    # editing takes the name alone: the note is not part of it
    assert model.data(model.index(0, SUBJECT), Qt.ItemDataRole.EditRole) == "Huawei"
    assert model.setData(model.index(0, SUBJECT), "Huawei Technologies  (new organization)")
    assert model.suggestion(0).subject.label == "Huawei Technologies"


def test_ticking_rows_changes_the_class_as_accepting_them_together_would(qtbot) -> None:
    blamed = "The intrusion was attributed to Frostmoth."
    partnered = "Frostmoth partnered with Haier."
    model = SuggestionTableModel(schema=OntologySchema.bundled())
    model.set_suggestions([_suggestion(blamed, "intrusion", "attributedTo", "Frostmoth", 1),
                           _suggestion(partnered, "Frostmoth", "partneredWith", "Haier", 2)])
    # blamed for an attack and nothing else: a threat actor
    assert _shown(model, 0, OBJECT) == "Frostmoth  (new threat actor)"
    # accepted with a partnership, the one entity is an organization: ticking that row says so, and the name columns of
    # every row are announced as changed
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.setData(model.index(1, TICK), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.row(), bottom_right.row()) == (0, 1)
    assert top_left.column() <= SUBJECT and bottom_right.column() >= OBJECT
    assert _shown(model, 0, OBJECT) == "Frostmoth  (new organization)"
    model.set_all_ticked(False)
    assert _shown(model, 0, OBJECT) == "Frostmoth  (new threat actor)"


def _reviewed(window, qtbot, path, text: str):
    """The article dialog, opened from File ▸ Import, once it has read ``text`` (written to ``path``)."""
    path.write_text(text, encoding="utf-8")
    window.session.part("import").article_action.trigger()
    dialog = window.session.part("import").dialog
    qtbot.addWidget(dialog)
    dialog.open_path(path)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog._task is None, timeout=20000)
    return dialog


def test_the_panel_below_says_what_each_new_end_becomes(window, qtbot, tmp_path) -> None:
    dialog = _reviewed(window, qtbot, tmp_path / "linhe.txt", "ZTE built a 5G private network at the Linhe plant.\n")
    rows = [row for row in range(dialog.model.rowCount())
            if dialog.model.suggestion(row).predicate == ONTO + "locatedIn"]
    assert rows
    shown = dialog.sentence_html(dialog.model.suggestion(rows[0]), rows[0])
    assert "(new private network)" in shown and "(new facility)" in shown


def test_a_long_name_does_not_push_the_link_and_the_other_end_out_of_sight(window, qtbot, tmp_path) -> None:
    dialog = _reviewed(window, qtbot, tmp_path / "order.txt",
                       "The Yunnan Provincial Department of Industry and Information Technology and Communications "
                       "Administration Office ordered the Shangri-La Highland Barley Distillery Company to replace "
                       "default credentials within 90 days.\n")
    widest = max(240, dialog.table.viewport().width() // 3)
    assert dialog.table.columnWidth(SUBJECT) <= widest and dialog.table.columnWidth(OBJECT) <= widest
    row = next(r for r in range(dialog.model.rowCount()) if "Yunnan" in dialog.model.end_text(dialog.model.suggestion(r), True))
    # the cut name is whole in its tooltip
    assert dialog.model.data(dialog.model.index(row, SUBJECT), Qt.ItemDataRole.ToolTipRole).startswith(
        "Yunnan Provincial Department of Industry and Information Technology")


def test_the_panel_below_follows_a_tick_that_changes_a_class(window, qtbot, tmp_path) -> None:
    dialog = _reviewed(window, qtbot, tmp_path / "frostmoth.txt",
                       "The intrusion was attributed to Frostmoth. Frostmoth partnered with Haier.\n")
    rows = {dialog.model.suggestion(r).predicate.rsplit("#", 1)[-1]: r for r in range(dialog.model.rowCount())}
    assert {"attributedTo", "partneredWith"} <= set(rows)
    dialog.table.selectRow(dialog.proxy.mapFromSource(dialog.model.index(rows["attributedTo"], 0)).row())
    assert "(new threat actor)" in dialog.sentence_view.toPlainText()
    dialog.model.setData(dialog.model.index(rows["partneredWith"], TICK), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert "(new organization)" in dialog.sentence_view.toPlainText()
