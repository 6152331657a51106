"""Accepted suggestions and spreadsheet rows become one change set with evidence, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

import explorer.core.curation.store_access as store_access
from explorer.core.curation import ChangeRefused, Curator, Provenance, edits_graph_for
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import KG, OA
from explorer.services.importing.apply import ArticleSource, plan_change, suggestions_change
from explorer.services.importing.articles import read_article
from explorer.services.importing.mapping import TableMapping
from explorer.services.importing.suggestions import suggest_for_graph
from explorer.services.importing.tables import context_from_graph, plan_import, read_table

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "articles" / "guangdong-shanghai-5g.txt"


def quads_of(kg: KnowledgeGraph) -> set:
    return set(store_access.quads(kg, None, None, None))


def test_accepted_suggestions_are_one_change_and_the_graph_is_untouched_until_applied() -> None:
    kg = KnowledgeGraph.bundled()
    before = quads_of(kg)
    article = read_article(ARTICLE)
    chosen = [s for s in suggest_for_graph(kg, article).suggestions if s.confidence >= 0.95]
    curator = Curator(kg, Provenance("Test Analyst"))
    change = suggestions_change(kg, curator, chosen, ArticleSource(article, "Guangdong report", "2020-06-01"))
    assert quads_of(kg) == before  # built, tried and taken back
    store_access.apply(kg, change)
    quotes = {str(o) for _, p, o, _ in change.added if p == KG.quote}
    assert quotes and quotes <= {s.sentence.text for s in chosen}
    sources = {s for s, p, o, _ in change.added if p == RDF.type and o == KG.Source}
    assert len(sources) == 1  # every fact cites the one new source
    store_access.apply(kg, change.inverse())
    assert quads_of(kg) == before


def test_a_refused_step_takes_back_the_steps_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    kg = KnowledgeGraph.bundled()
    before = quads_of(kg)
    article = read_article(ARTICLE)
    chosen = suggest_for_graph(kg, article).suggestions[:4]
    curator = Curator(kg, Provenance("Test Analyst"))
    calls = {"n": 0}
    original = curator.add_fact

    def failing_add_fact(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ChangeRefused([])
        return original(*args, **kwargs)

    monkeypatch.setattr(curator, "add_fact", failing_add_fact)
    with pytest.raises(ChangeRefused):
        suggestions_change(kg, curator, chosen, ArticleSource(article, "Guangdong report"))
    assert quads_of(kg) == before


def test_table_rows_become_facts_quoting_their_row(tmp_path: Path) -> None:
    kg = KnowledgeGraph.bundled()
    path = tmp_path / "members.csv"
    path.write_text("Company,Chinese,Alliance\nHuawei,华为,5G industry alliance\nZTE,中兴,5G industry alliance\n",
                    encoding="utf-8")
    mapping = TableMapping.from_json({"subject": {"column": "Company", "class": "kg:Company"},
                                      "labels": [{"column": "Chinese", "language": "zh"}],
                                      "facts": [{"predicate": "org:memberOf", "object": {"column": "Alliance"}}],
                                      "source": {"title": "Alliance members", "date": "2020-06-01"}})
    plan = plan_import(read_table(path), mapping, context_from_graph(kg))
    change = plan_change(kg, plan, mapping, Provenance("Test Analyst"), edits_graph_for("Test Analyst"))
    store_access.apply(kg, change)
    alliance = URIRef("https://w3id.org/kg-explorer/data/Zhejiang5GIndustryAlliance")
    members = {s for s, _, _ in store_access.triples(kg, None, URIRef("http://www.w3.org/ns/org#memberOf"), alliance)}
    assert {kg.label(str(m)) for m in members} >= {"Huawei", "ZTE"}
    rows = {int(o) for _, p, o, _ in change.added if p == KG.lineNumber}
    assert rows == {2, 3}
    assert "Company: Huawei; Chinese: 华为; Alliance: 5G industry alliance" in {
        str(o) for _, p, o, _ in change.added if p == KG.quote}


def test_rows_repeating_a_fact_add_it_once_with_a_record_per_row(tmp_path: Path) -> None:
    kg = KnowledgeGraph.bundled()
    path = tmp_path / "members.csv"
    path.write_text("Company,Alliance\nHuawei,5G industry alliance\nHuawei,5G industry alliance\n"
                    "China Mobile Zhejiang,5G industry alliance\n", encoding="utf-8")
    mapping = TableMapping.from_json({"subject": {"column": "Company", "class": "kg:Company"},
                                      "facts": [{"predicate": "kg:established", "object": {"column": "Alliance"}}]})
    plan = plan_import(read_table(path), mapping, context_from_graph(kg))
    change = plan_change(kg, plan, mapping, Provenance("Test Analyst"), edits_graph_for("Test Analyst"))
    assert len(set(change.added)) == len(change.added)
    established = URIRef("https://w3id.org/kg-explorer/ontology#established")
    facts = [q for q in change.added if q[1] == established]
    assert len(facts) == 2  # Huawei's, stated twice, once
    records = {int(o) for _, p, o, _ in change.added if p == KG.lineNumber}
    assert records == {2, 3, 4}  # every row is evidence, the known fact's too
    before = quads_of(kg)
    store_access.apply(kg, change)
    store_access.apply(kg, change.inverse())
    assert quads_of(kg) == before


def test_a_new_branch_is_added_under_the_graphs_label_with_the_texts_wording_as_an_alias(tmp_path: Path) -> None:
    kg = KnowledgeGraph.bundled()
    path = tmp_path / "qinghai.txt"
    path.write_text("China Mobile's Qinghai branch built a 5G private network at the Xining potash plant.\n", encoding="utf-8")
    article = read_article(path)
    chosen = [s for s in suggest_for_graph(kg, article).suggestions if s.predicate == str(KG.built)]
    curator = Curator(kg, Provenance("Test Analyst"))
    change = suggestions_change(kg, curator, chosen, ArticleSource(article, "Qinghai report", "2026-01-05"))
    labels = {(str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1], str(o)) for _, p, o, _ in change.added}
    assert ("label", "China Mobile Qinghai") in labels
    assert ("altLabel", "China Mobile's Qinghai branch") in labels


def test_a_quote_is_stored_with_the_sentence_number_the_review_panel_shows(tmp_path: Path) -> None:
    # "Jan. 5" and "No. 2" do not end a sentence for the reader nor for the evidence: the ZTE sentence is the second
    # in the panel, in the stored record and in the Inspector
    kg = KnowledgeGraph.bundled()
    path = tmp_path / "sinopec.txt"
    path.write_text("Sinopec said on Jan. 5 that its No. 2 plant runs on the network. ZTE built the Maoming 5G private "
                    "network for Sinopec.\n", encoding="utf-8")
    article = read_article(path)
    chosen = [s for s in suggest_for_graph(kg, article).suggestions if s.sentence.number == 2]
    assert chosen
    change = suggestions_change(kg, Curator(kg, Provenance("Test Analyst")), chosen,
                                ArticleSource(article, "Sinopec report", "2026-01-05"))
    assert {int(o) for _, p, o, _ in change.added if p == KG.sentenceIndex} == {2}
    starts = {int(o) for _, p, o, _ in change.added if p == OA.start}
    assert starts == {path.read_text(encoding="utf-8").index("ZTE built")}
