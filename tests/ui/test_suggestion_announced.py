"""A fact the sentence announces for the future ("will deploy") is suggested, and the review says it is not yet done."""

from __future__ import annotations

from PySide6.QtCore import Qt
from rdflib import Graph

from explorer.core import bundled
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.readings import announced
from explorer.core.extraction.suggest import suggest_facts
from explorer.ui.importing.suggestion_model import ANNOUNCED_MARK, PATTERN, SuggestionTableModel


def _lexicon() -> Lexicon:
    graph = Graph()
    for path in bundled.ontology_files():
        graph.parse(path, format="turtle")
    return Lexicon.from_ontology(graph)


def test_announced_tells_a_verb_after_will_or_would_from_one_told_as_done() -> None:
    text = "Weichai will deploy edge servers, and Sinotrans deployed cameras."
    assert announced(text, text.index("deploy edge"))
    assert not announced(text, text.index("deployed cameras"))
    later = "The branch would also set up a slice."
    assert announced(later, later.index("set up"))
    assert not announced("The willing partner set up a slice.", len("The willing partner "))


def test_the_review_marks_an_announced_fact_and_leaves_a_done_one_unmarked(qtbot) -> None:
    lexicon = _lexicon()
    model = SuggestionTableModel()
    planned = suggest_facts("Tangshan Port Group will operate the new ore terminal.", lexicon)
    done = suggest_facts("Tangshan Port Group operates the new ore terminal.", lexicon)
    model.set_suggestions(planned + done)
    operated = [row for row in range(model.rowCount()) if model.suggestion(row).predicate.endswith("operates")]
    assert len(operated) == 2
    will, did = operated
    pattern_text = [model.data(model.index(row, PATTERN)) for row in (will, did)]
    assert pattern_text[0].endswith(ANNOUNCED_MARK) and not pattern_text[1].endswith(ANNOUNCED_MARK)
    tip = model.data(model.index(will, PATTERN), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Announced, not yet done") and tip.endswith(model.suggestion(will).sentence.text)
    assert model.data(model.index(did, PATTERN), Qt.ItemDataRole.ToolTipRole) == model.suggestion(did).sentence.text


def test_the_review_panel_says_an_announced_fact_is_not_yet_done(qtbot, tmp_path, monkeypatch) -> None:
    from explorer.core.graph import KnowledgeGraph
    from explorer.ui.importing.article_dialog import ArticleImportDialog

    monkeypatch.setenv("KG_EXPLORER_CONFIG_DIR", str(tmp_path))
    article = tmp_path / "plans.txt"
    article.write_text("Tangshan Port Group will operate the new ore terminal from March.\n", encoding="utf-8")
    dialog = ArticleImportDialog(KnowledgeGraph.bundled(), lambda suggestions, source: None)
    qtbot.addWidget(dialog)
    dialog.open_path(article)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog._task is None, timeout=10000)
    dialog.table.selectRow(0)
    assert "announced, not yet done" in dialog.sentence_view.toPlainText()
