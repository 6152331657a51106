"""The bundled relation model in the article review: Preferences' switch reaches the suggester, and a fact the
model suggested ("[model] …") is told apart in the Pattern column, its tooltip and the panel below."""

from __future__ import annotations

import pytest

import explorer.services.importing.suggestions as suggestions_module
from explorer.core.extraction.sentences import Sentence
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import Suggestion

D = "https://w3id.org/kg-explorer/data/"
ONTO = "https://w3id.org/kg-explorer/ontology#"
TEXT = "Huawei supplied base stations to China Mobile."


def _suggestion(pattern: str, confidence: float = 0.62, text: str = TEXT) -> Suggestion:
    sentence = Sentence(1, text, 0, len(text), 1)
    verb = text.index("suppl")
    stations = text.index("base stations")
    return Suggestion(Mention(0, 6, "Huawei", iri=D + "Huawei"), ONTO + "built",
                      Mention(stations, stations + 13, "base stations", label="base stations"), sentence, pattern,
                      verb, text.index(" ", verb), confidence)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """suggest_facts as the service calls it: its keywords are recorded, a model and a rule suggestion returned."""
    seen: list[dict] = []

    def fake(text, lexicon, known, **kwargs):
        seen.append(kwargs)
        return [_suggestion("[model] supplied"), _suggestion("supplied", 0.9)]

    monkeypatch.setattr(suggestions_module, "suggest_facts", fake)
    return seen


@pytest.mark.parametrize("learned", [True, False])
def test_the_preference_reaches_the_suggester(window, qtbot, tmp_path, calls: list[dict], learned: bool) -> None:
    window.settings.learned_relations = learned
    article = tmp_path / "supply.txt"
    article.write_text(TEXT + "\n", encoding="utf-8")
    window.session.part("import").article_action.trigger()
    dialog = window.session.part("import").dialog
    qtbot.addWidget(dialog)
    assert dialog.learned is learned
    dialog.open_path(article)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and dialog._task is None, timeout=20000)
    assert [call["learned"] for call in calls] == [learned]


def test_the_pattern_column_shows_a_model_suggestion_as_is_and_says_where_it_came_from(qtbot) -> None:
    from PySide6.QtCore import Qt

    from explorer.ui.importing.suggestion_model import ANNOUNCED_MARK, MODEL_NOTE, PATTERN, SuggestionTableModel

    planned = "Huawei will supply base stations to China Mobile."
    model = SuggestionTableModel()
    model.set_suggestions([_suggestion("[model] supplied by"), _suggestion("supplied", 0.9),
                           _suggestion("[model] will supply", text=planned)])
    tip = model.index(0, PATTERN).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, PATTERN).data() == "[model] supplied by"
    assert tip == MODEL_NOTE + "\n\n" + TEXT
    assert MODEL_NOTE.startswith("Suggested by the bundled trained model: no pattern of the ontology fired")
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == TEXT  # only the Pattern column says so
    assert model.index(1, PATTERN).data() == "supplied"
    assert model.index(1, PATTERN).data(Qt.ItemDataRole.ToolTipRole) == TEXT
    # A model's fact announced for the future keeps the announced mark and its note.
    assert model.index(2, PATTERN).data() == "[model] will supply  " + ANNOUNCED_MARK
    both = model.index(2, PATTERN).data(Qt.ItemDataRole.ToolTipRole)
    assert both.startswith(MODEL_NOTE) and "Announced, not yet done" in both and both.endswith(planned)


def test_a_name_the_model_found_itself_is_pointed_out(qtbot) -> None:
    from dataclasses import replace

    from PySide6.QtCore import Qt

    from explorer.ui.importing.suggestion_model import MODEL_NOTE, PATTERN, SPAN_NOTE, SuggestionTableModel

    found = _suggestion("[model] supplied")
    model = SuggestionTableModel()
    model.set_suggestions([replace(found, object=replace(found.object, via="span")), found])
    assert model.index(0, PATTERN).data(Qt.ItemDataRole.ToolTipRole) == "\n\n".join(
        [MODEL_NOTE, SPAN_NOTE.format("base stations"), TEXT])
    assert model.index(1, PATTERN).data(Qt.ItemDataRole.ToolTipRole) == MODEL_NOTE + "\n\n" + TEXT


def test_the_panel_below_says_the_model_suggested_the_fact(qtbot, tmp_path, monkeypatch, calls: list[dict]) -> None:
    from explorer.core.graph import KnowledgeGraph
    from explorer.ui.importing.article_dialog import ArticleImportDialog

    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path))
    dialog = ArticleImportDialog(KnowledgeGraph.bundled(), lambda suggestions, source: None)
    qtbot.addWidget(dialog)
    article = tmp_path / "supply.txt"
    article.write_text(TEXT + "\n", encoding="utf-8")
    dialog.open_path(article)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 and dialog._task is None, timeout=10000)
    rows = {dialog.model.suggestion(dialog.proxy.mapToSource(dialog.proxy.index(r, 0)).row()).pattern: r
            for r in range(2)}
    dialog.table.selectRow(rows["[model] supplied"])
    shown = dialog.sentence_view.toPlainText()
    assert "suggested by the bundled trained model, not by a pattern of the ontology" in shown
    assert "<i>suggested by the bundled trained model" in dialog.sentence_html(dialog.model.suggestion(0))
    dialog.table.selectRow(rows["supplied"])
    assert "bundled trained model" not in dialog.sentence_view.toPlainText()
    # an end the model named itself is pointed out, so the analyst checks where the name starts and ends
    from dataclasses import replace

    found = dialog.model.suggestion(dialog.proxy.mapToSource(dialog.proxy.index(rows["[model] supplied"], 0)).row())
    named = dialog.sentence_html(replace(found, object=replace(found.object, via="span")))
    assert "<i>“base stations” is a name the model found itself" in named
    assert "a name the model found itself" not in dialog.sentence_html(found)
