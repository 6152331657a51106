"""The article review: suggestions in a worker, tick by confidence, accept and reject."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.ui.importing.article_dialog import ArticleImportDialog

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "guangdong-shanghai-5g.txt"


@pytest.fixture
def dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path))
    accepted = []

    def accept(suggestions, source):
        accepted.append((suggestions, source))
        return None

    widget = ArticleImportDialog(KnowledgeGraph.bundled(), accept)
    qtbot.addWidget(widget)
    widget.accepted_calls = accepted
    return widget


def test_suggest_tick_accept_and_reject(qtbot, dialog) -> None:
    dialog.open_path(ARTICLE)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog._task is None, timeout=10000)
    total = dialog.model.rowCount()
    assert dialog.title_edit.text() == "guangdong-shanghai-5g"
    dialog.threshold.setValue(0.95)
    dialog.tick_button.click()
    ticked = dialog.model.ticked()
    assert ticked and all(dialog.model.suggestion(r).confidence >= 0.95 for r in ticked)
    dialog.date_edit.setText("next week")
    dialog.accept_button.click()
    assert dialog.accepted_calls == [] and "is not a date" in dialog.status.text()
    dialog.date_edit.setText("2020-06-01")
    dialog.accept_button.click()
    [(facts, source)] = dialog.accepted_calls
    assert len(facts) == len(ticked) and source.title == "guangdong-shanghai-5g" and source.date == "2020-06-01"
    assert all(f.sentence.text in source.article.text for f in facts)
    assert dialog.model.rowCount() == total - len(ticked)
    dialog.model.set_all_ticked(True)
    dialog.reject_button.click()
    assert dialog.model.rowCount() == 0 and len(dialog.accepted_calls) == 1


def test_sentence_marks_subject_object_and_trigger(qtbot, dialog) -> None:
    dialog.open_path(ARTICLE)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog._task is None, timeout=10000)
    dialog.table.selectRow(0)
    shown = dialog.sentence_view.toHtml()
    first = dialog.model.suggestion(dialog.proxy.mapToSource(dialog.proxy.index(0, 0)).row())
    assert first.pattern in dialog.sentence_view.toPlainText()
    assert "underline" in shown and "background" in shown


def test_editing_a_new_entity_name_and_the_link(qtbot, dialog) -> None:
    dialog.open_path(ARTICLE)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog._task is None, timeout=10000)
    model = dialog.model
    row = next(r for r in range(model.rowCount()) if model.suggestion(r).subject.iri is None)
    assert model.setData(model.index(row, 2), "Renamed Co")
    assert model.suggestion(row).subject.label == "Renamed Co"
    words = model.link_words["https://w3id.org/kg-explorer/ontology#partneredWith"]
    assert model.setData(model.index(row, 3), words)
    assert model.suggestion(row).predicate.endswith("#partneredWith")


def test_a_bad_file_is_one_line_in_the_dialog(qtbot, dialog, tmp_path) -> None:
    bad = tmp_path / "x.docx"
    bad.write_text("x")
    dialog.open_path(bad)
    assert "not an article" in dialog.status.text() and dialog.model.rowCount() == 0


def test_a_named_ner_pipeline_that_is_missing_is_one_line_in_the_status(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path))
    widget = ArticleImportDialog(KnowledgeGraph.bundled(), lambda suggestions, source: None,
                                 ner_model="xx_not_installed")
    qtbot.addWidget(widget)
    widget.open_path(ARTICLE)
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and widget._task is None, timeout=10000)
    note = widget.status.text().splitlines()[-1]
    assert note.startswith("NER pipeline 'xx_not_installed' is unavailable")
    assert all("[NER]" not in widget.model.suggestion(row).pattern for row in range(widget.model.rowCount()))
