"""The bundled article's own date: not stated in the text, so recorded as an undated period bounded by
quoted facts (after the first quarter it reports, after 2019), and listed by the timeline."""

from __future__ import annotations

from pathlib import Path

from explorer.core.analysis.timeline import timeline
from explorer.core.graph import KnowledgeGraph

D = "https://w3id.org/kg-explorer/data/"
TIME = "http://www.w3.org/2006/time#"
ARTICLE = D + "Article5GIndustrialInternet"
PUBLICATION = D + "ArticlePublication"


def test_article_publication_is_listed_undated_with_its_evidence():
    kg = KnowledgeGraph.bundled()
    line = timeline(kg)
    entry = next(item for item in line.items if item.entity == ARTICLE)
    assert not entry.span.dated and "date not stated" in entry.span.text
    assert entry in line.undated and entry.time_entity == PUBLICATION
    assert [record.background for record in entry.evidence] == [True]
    # The dated facts of the article are listed too, 2019 first.
    assert line.dated and line.dated[0].span.text == "2019"


def test_what_the_text_gives_bounds_the_publication_with_quotes():
    kg = KnowledgeGraph.bundled()
    text = (Path(__file__).parents[2] / "data/sources/5g-industrial-internet-article.txt").read_text(encoding="utf-8")
    for bound in ("FirstQuarter", "Year2019"):
        records = kg.evidence(PUBLICATION, TIME + "after", D + bound)
        assert records and all(r.quote and r.quote in text and r.sentence_index == 2 for r in records)
    assert kg.predicate_words(TIME + "after", True) == "after"
    assert kg.predicate_words(TIME + "after", False) == "before"
