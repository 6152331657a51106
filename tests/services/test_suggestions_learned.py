"""suggest_for_graph hands the bundled relation model's switch (``learned``) to the suggester."""

from __future__ import annotations

import pytest

import explorer.services.importing.suggestions as suggestions_module
from explorer.core.extraction.relation_model import MODEL_MARK
from explorer.core.extraction.sentences import Sentence
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import Suggestion
from explorer.services.importing.articles import article_from_text
from explorer.services.importing.suggestions import from_model, suggest_for_graph

TEXT = "Huawei supplied base stations to China Mobile."


def _suggestion(pattern: str) -> Suggestion:
    sentence = Sentence(1, TEXT, 0, len(TEXT), 1)
    return Suggestion(Mention(0, 6, "Huawei", label="Huawei"), "https://w3id.org/kg-explorer/ontology#built",
                      Mention(16, 29, "base stations", label="base stations"), sentence, pattern, 7, 15, 0.62)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    seen: list[dict] = []

    def fake(text, lexicon, known, **kwargs):
        seen.append(kwargs)
        return [_suggestion(f"{MODEL_MARK} supplied")]

    monkeypatch.setattr(suggestions_module, "suggest_facts", fake)
    return seen


@pytest.mark.parametrize("learned", [True, False])
def test_learned_is_passed_to_the_suggester(bundled_graph, calls: list[dict], learned: bool) -> None:
    run = suggest_for_graph(bundled_graph, article_from_text(TEXT), learned=learned)
    assert [call["learned"] for call in calls] == [learned]
    assert [s.pattern for s in run.suggestions] == ["[model] supplied"]


def test_the_model_is_on_unless_turned_off(bundled_graph, calls: list[dict]) -> None:
    suggest_for_graph(bundled_graph, article_from_text(TEXT))
    assert calls[0]["learned"] is True


def test_a_model_suggestion_is_told_by_its_pattern() -> None:
    assert from_model(_suggestion("[model] supplied by"))
    assert not from_model(_suggestion("supplied"))
    assert not from_model(_suggestion("supplied [NER]"))



def test_a_damaged_model_file_leaves_the_rules_and_says_why_in_one_line(bundled_graph, tmp_path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.core.extraction import relation_model

    broken = tmp_path / "relation_model.json.gz"
    broken.write_bytes(b"not a model")
    monkeypatch.setattr(relation_model, "BUNDLED_FILE", broken)
    relation_model.bundled.cache_clear()
    try:
        run = suggest_for_graph(bundled_graph, article_from_text("Haier teamed up with Huawei in Qingdao."))
    finally:
        relation_model.bundled.cache_clear()
    assert run.suggestions and not any(from_model(s) for s in run.suggestions)
    assert run.note is not None and "\n" not in run.note
    assert run.note.startswith(f"{broken}: not a relation model") and run.note.endswith("the ontology's patterns alone")
