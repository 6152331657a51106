"""Accepted figures, periods and facts a report states become edits the shapes accept (sentences written here)."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, TIME

import explorer.core.curation.store_access as store_access
from explorer.core.curation import Curator, Provenance
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import KG
from explorer.services.importing.apply import ArticleSource, suggestions_change
from explorer.services.importing.articles import read_article
from explorer.services.importing.suggestions import suggest_for_graph

TEXT = ("Worldwide shipments of industrial routers during the third quarter surpassed all router shipments in 2021, "
        "thanks largely to strong demand from European carmakers, IDC said in its quarterly report.\n")


def _accepted(tmp_path: Path) -> tuple[KnowledgeGraph, set[tuple[object, object, object]]]:
    path = tmp_path / "routers.txt"
    path.write_text(TEXT, encoding="utf-8")
    kg = KnowledgeGraph.bundled()
    article = read_article(path)
    chosen = suggest_for_graph(kg, article).suggestions
    change = suggestions_change(kg, Curator(kg, Provenance("Test Analyst")), chosen, ArticleSource(article, "Routers", "2022-01-10"))
    store_access.apply(kg, change)
    return kg, {(s, p, o) for s, p, o, _g in change.added}


def _node(triples: set[tuple[object, object, object]], label: str) -> URIRef:
    return next(s for s, p, o in triples if p == RDFS.label and str(o) == label)  # type: ignore[return-value]


def test_every_figure_accepted_is_reported_somewhere_and_its_periods_are_described(tmp_path: Path) -> None:
    _kg, triples = _accepted(tmp_path)
    figure = _node(triples, "Worldwide shipments of industrial routers during the third quarter")
    earlier = _node(triples, "all router shipments in 2021")
    report = _node(triples, "IDC's quarterly report")
    assert (figure, KG.reportedIn, report) in triples and (earlier, KG.reportedIn, report) in triples
    assert (figure, KG.exceeds, earlier) in triples
    quarter = _node(triples, "third quarter")
    description = next(o for s, p, o in triples if s == quarter and p == TIME.hasDateTimeDescription)
    assert (description, TIME.unitType, KG.unitQuarter) in triples
    assert any(s == description and p == KG.quarter and int(o) == 3 for s, p, o in triples)  # type: ignore[call-overload]
    year = _node(triples, "2021")
    described = next(o for s, p, o in triples if s == year and p == TIME.hasDateTimeDescription)
    assert any(s == described and p == TIME.year and str(o) == "2021" for s, p, o in triples)
    assert (figure, RDF.type, KG.ShipmentObservation) in triples


def test_a_read_only_inverse_is_stored_the_other_way(tmp_path: Path) -> None:
    _kg, triples = _accepted(tmp_path)
    report = _node(triples, "IDC's quarterly report")
    idc = _node(triples, "IDC")
    # "IDC said in its quarterly report" is suggested as IDC published it; the graph stores the report's publisher
    assert (report, KG.publishedBy, idc) in triples
    assert not any(p == KG.published for _s, p, _o in triples)


def test_a_figure_citing_no_report_is_reported_in_the_article(tmp_path: Path) -> None:
    path = tmp_path / "forklifts.txt"
    path.write_text("Sales of electric forklifts in Germany rose 5 percent in March 2023.\n", encoding="utf-8")
    kg = KnowledgeGraph.bundled()
    article = read_article(path)
    chosen = suggest_for_graph(kg, article).suggestions
    change = suggestions_change(kg, Curator(kg, Provenance("Test Analyst")), chosen, ArticleSource(article, "Forklifts"))
    triples = {(s, p, o) for s, p, o, _g in change.added}
    figure = _node(triples, "Sales of electric forklifts in Germany")
    source = next(s for s, p, o in triples if p == RDF.type and o == KG.Source)
    assert (figure, KG.reportedIn, source) in triples
    month = _node(triples, "March 2023")
    description = next(o for s, p, o in triples if s == month and p == TIME.hasDateTimeDescription)
    assert (description, TIME.unitType, TIME.unitMonth) in triples
