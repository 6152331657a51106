"""The shapes accept every kind of quoted evidence record the app writes, and refuse a quote with no place.

A quoted record needs a source and a verbatim quote and at least one place for the quote: a
sentence index, a line number, a page (``schema:pagination``) or Web Annotation selectors. The
kinds written by the app: the bundled article's records (sentence, line and selectors), a
spreadsheet row's record from the table import (the row's cells as the quote, the row number as
the line, nothing else), and an analyst's records from curation (the sentence number the analyst
gives, or a page, with selectors only when the source's text is known).
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from explorer.core.vocab import DATA, KG, OA, ORG, SCHEMA, SH

ROOT = Path(__file__).resolve().parents[2]
RECORD = DATA["evidence/test-record"]
SOURCE = DATA["source/suppliers-table"]
FACT = (DATA.Alliance, ORG.hasMember, DATA.Huawei)
QUOTE = "Company: Huawei; Alliance: Zhejiang 5G Industry Alliance"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "explorer.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


def _graph(place: dict[URIRef, object]) -> Graph:
    """Two organisations, a source, the fact between them, and one quoted record with ``place``."""
    g = Graph()
    for entity, label, kind in ((DATA.Huawei, "Huawei", KG.Company), (DATA.Alliance, "Zhejiang 5G Industry Alliance",
                                                                       KG.IndustryAlliance)):
        g.add((entity, RDF.type, kind))
        g.add((entity, RDFS.label, Literal(label, lang="en")))
    g.add((SOURCE, RDF.type, KG.Report))
    g.add((SOURCE, RDFS.label, Literal("Suppliers table", lang="en")))
    g.add(FACT)
    for p, o in ((RDF.type, RDF.Statement), (RDF.type, KG.Evidence), (RDF.subject, FACT[0]),
                 (RDF.predicate, FACT[1]), (RDF.object, FACT[2]), (PROV.wasDerivedFrom, SOURCE),
                 (KG.quote, Literal(QUOTE)),
                 # provenance the curation and import helpers add to every record
                 (PROV.wasAttributedTo, DATA["analyst/Analyst"]),
                 (PROV.generatedAtTime, Literal("2026-12-05T18:00:00+00:00", datatype=XSD.dateTime))):
        g.add((RECORD, p, o))
    for p, value in place.items():
        if isinstance(value, list):
            for node, triples in value:
                g.add((RECORD, p, node))
                for sp, so in triples:
                    g.add((node, sp, so))
        else:
            g.add((RECORD, p, value))  # type: ignore[arg-type]
    return g


def _record_results(g: Graph, shapes: Graph, ontology: Graph, inference: str = "none") -> list[tuple]:
    """The SHACL results about the record itself (the little graph leaves other shapes unmet)."""
    _, report, _ = pyshacl.validate(g, shacl_graph=shapes, ont_graph=ontology, inference=inference,
                                    abort_on_first=False)
    return [(report.value(r, SH.sourceShape), report.value(r, SH.sourceConstraintComponent),
             report.value(r, SH.resultMessage))
            for r in report.objects(None, SH.result) if report.value(r, SH.focusNode) == RECORD]


def _selectors(start: int, end: int) -> list:
    position, words = URIRef(f"{RECORD}-position"), URIRef(f"{RECORD}-quote")
    return [(position, [(RDF.type, OA.TextPositionSelector), (OA.start, Literal(start)), (OA.end, Literal(end))]),
            (words, [(RDF.type, OA.TextQuoteSelector), (OA.exact, Literal(QUOTE))])]


PLACES = {
    # the table import: the row's number as the line, no sentence and no selectors
    "spreadsheet row": {KG.lineNumber: Literal(12)},
    # curation without the source's text: the sentence number the analyst gives
    "analyst's sentence": {KG.sentenceIndex: Literal(3)},
    # curation of a paged report
    "page": {SCHEMA.pagination: Literal("14")},
    # curation with the source's text (and the bundled article): everything
    "sentence, line and selectors": {KG.sentenceIndex: Literal(5), KG.lineNumber: Literal(4),
                                     OA.hasSelector: _selectors(702, 758)},
}


@pytest.mark.parametrize("kind", sorted(PLACES))
def test_each_kind_of_quoted_record_conforms(kind: str, shapes: Graph, ontology: Graph) -> None:
    assert _record_results(_graph(PLACES[kind]), shapes, ontology) == []


def test_a_spreadsheet_row_record_conforms_with_rdfs_inference(shapes: Graph, ontology: Graph) -> None:
    assert _record_results(_graph(PLACES["spreadsheet row"]), shapes, ontology, inference="rdfs") == []


def test_a_quote_without_any_place_is_refused(shapes: Graph, ontology: Graph) -> None:
    results = _record_results(_graph({}), shapes, ontology)
    assert results, "a quoted record with no sentence, line, page or selector conforms"
    assert any(component == SH.XoneConstraintComponent for _, component, _ in results)


def test_a_row_number_that_is_not_a_positive_integer_is_refused(shapes: Graph, ontology: Graph) -> None:
    assert _record_results(_graph({KG.lineNumber: Literal("row 12")}), shapes, ontology)
    assert _record_results(_graph({KG.lineNumber: Literal(0)}), shapes, ontology)
