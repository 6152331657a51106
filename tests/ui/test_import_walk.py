"""The analyst's import walk in the window: a short article, three suggestions accepted one by one,
the last undone, the edits saved, the sources reopened with the edits: the two facts are in the
Inspector with their sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.extraction.suggest import Suggestion

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "guangdong-shanghai-5g.txt"


pytestmark = pytest.mark.usefixtures("discard_unsaved_at_teardown")


def _accept_row(dialog, suggestion: Suggestion) -> None:
    model = dialog.model
    model.set_all_ticked(False)
    row = next(r for r in range(model.rowCount()) if model.suggestion(r) == suggestion)
    model._ticked[row] = True
    dialog.accept_button.click()


def test_the_import_walk(window, qtbot, tmp_path) -> None:
    window.settings.analyst_name = "Ada Analyst"
    action = window.findChild(type(window.session.part("import").article_action), "importArticleAction")
    assert action.shortcut().toString() == "Ctrl+Alt+I"
    action.trigger()
    dialog = window.session.part("import").dialog
    qtbot.addWidget(dialog)
    dialog.open_path(ARTICLE)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog._task is None, timeout=20000)
    dialog.date_edit.setText("2020-06-01")
    model = dialog.model
    chosen = []
    for predicate in ("#established", "#partneredWith", "#warnsOf"):
        chosen.append(next(model.suggestion(r) for r in range(model.rowCount())
                           if model.suggestion(r).predicate.endswith(predicate)))
    for suggestion in chosen:
        _accept_row(dialog, suggestion)
        assert "added to your edits" in dialog.status.text(), dialog.status.text()
    assert window.windowTitle().startswith("*")
    history = window.session.history
    assert history.undo_text.startswith("Import 1 fact(s) from guangdong-shanghai-5g")
    window.undo_actions.undo_action.trigger()  # the third (Cyberspace Administration warns of ransomware) goes

    def hits(label: str) -> list[str]:
        return [hit.entity for hit in window.kg.search(label, limit=5) if window.kg.label(hit.entity) == label]

    assert hits("Sun Yat-sen University") and not hits("Cyberspace Administration of China")
    saved = tmp_path / "import-edits.trig"
    assert window.curation.save_edits_as(str(saved))

    task = window.open_bundled()
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert not hits("Sun Yat-sen University")
    assert window.curation.open_edits(str(saved))
    [university] = hits("Sun Yat-sen University")
    window.show_entity(university)
    text = window.inspector.plain_text()
    assert chosen[1].sentence.text in text and "sentence 2" in text
    [branch] = hits("China Telecom Guangdong")  # the graph's label for the text's "China Telecom's Guangdong branch"
    window.show_entity(branch)
    assert chosen[0].sentence.text in window.inspector.plain_text()
    assert not hits("Cyberspace Administration of China")
