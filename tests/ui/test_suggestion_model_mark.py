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
    return Suggestion(Mention(0, 6, "Huawei", iri=D + "Huawei"), ONTO + "built",
                      Mention(16, 29, "base stations", label="base stations"), sentence, pattern, 7, 15, confidence)


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
