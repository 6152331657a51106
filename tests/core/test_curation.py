"""Curation builders: every change carries evidence and provenance, is checked, and undoes exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from explorer.core import bundled
from explorer.core.curation import (
    Background,
    ChangeRefused,
    CurationCommand,
    CurationError,
    Curator,
    NewSource,
    OntologySchema,
    Provenance,
    Quoted,
    Value,
    edits_graph_for,
    store_access,
    typed_literal,
)
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import DATA, KG, OA, ORG

ALLIANCE = DATA.Zhejiang5GIndustryAlliance
ARTICLE = "d:Article5GIndustrialInternet"


@pytest.fixture
def kg():
    return KnowledgeGraph.bundled()


@pytest.fixture
def curator(kg):
    return Curator(kg, Provenance("Ada Analyst"))


def quads_of(kg):
    return set(store_access.quads(kg, None, None, None))


def add_unicom(kg, curator):
    iri, change = curator.add_entity("China Unicom", "kg:TelecomOperator", label_zh="中国联通",
                                     aliases=["Unicom"], comment="A Chinese telecom operator.",
                                     evidence=Background("China Unicom is one of China's three telecom operators."))
    CurationCommand(kg, change).redo()
    return iri


def test_add_entity_writes_labels_kind_evidence_and_provenance_to_the_analysts_graph(kg, curator):
    iri = add_unicom(kg, curator)
    graph = edits_graph_for("Ada Analyst")
    mine = {q[:3] for q in store_access.quads(kg, None, None, None, graph)}
    assert (iri, RDFS.label, Literal("China Unicom", lang="en")) in mine
    assert (iri, RDFS.label, Literal("中国联通", lang="zh")) in mine
    assert (iri, SKOS.altLabel, Literal("Unicom", lang="en")) in mine
    assert (iri, RDF.type, KG.TelecomOperator) in mine
    [record] = [s for s, p, o in mine if p == RDF.subject and o == iri]
    assert (record, KG.isBackground, Literal(True)) in mine
    assert (record, PROV.wasAttributedTo, URIRef(DATA + "analyst/AdaAnalyst")) in mine
    assert any(p == PROV.generatedAtTime and o.datatype == XSD.dateTime for s, p, o in mine if s == record)
    assert kg.search("中国联通")[0].entity == str(iri)
    assert kg.validate().conforms


def test_fact_with_a_new_dated_source_and_its_quote(kg, curator):
    iri = add_unicom(kg, curator)
    change = curator.add_fact("China Unicom", "member of", Value("Zhejiang 5G industry alliance"),
                              evidence=Quoted(NewSource("Zhejiang 5G report", date="2024-03-01", publisher="CAICT"),
                                              "China Unicom joined the Zhejiang 5G industry alliance", sentence=2))
    CurationCommand(kg, change).redo()
    [evidence] = kg.evidence(str(iri), str(ORG.memberOf), str(ALLIANCE))
    assert evidence.quote == "China Unicom joined the Zhejiang 5G industry alliance"
    assert evidence.sentence_index == 2 and evidence.source_label == "Zhejiang 5G report"
    source = URIRef(evidence.source)
    assert (source, RDF.type, KG.Report) in set(store_access.triples(kg, source, RDF.type, None))
    assert list(store_access.triples(kg, source, None, Literal("2024-03-01", datatype=XSD.date)))
    assert kg.validate().conforms


def test_a_quote_not_in_the_sources_text_is_refused(kg, curator):
    before = quads_of(kg)
    with pytest.raises(CurationError, match=r"quote: not found verbatim in data/sources/5g-industrial-internet-article\.txt"):
        curator.add_fact("China Mobile Zhejiang", "established", Value("Zhejiang 5G industry alliance"),
                         evidence=Quoted(ARTICLE, "China Mobile founded the alliance"))
    with pytest.raises(CurationError, match=r"not found verbatim in sentence 2 .*\(it is in sentence 5\)"):
        curator.add_fact("China Mobile Zhejiang", "established", Value("Zhejiang 5G industry alliance"),
                         evidence=Quoted(ARTICLE, "established a 5G industry alliance", sentence=2))
    assert quads_of(kg) == before


def test_a_quote_in_the_source_gets_its_sentence_line_and_offsets(kg, curator):
    quote = "to promote the development of the industrial internet"
    change = curator.add_fact("China Mobile Zhejiang", "promotes", Value("industrial internet"),
                              evidence=Quoted(ARTICLE, quote))
    added = {(s, p): o for s, p, o, _ in change.added}
    [record] = [s for s, p, o, _ in change.added if p == RDF.type and o == KG.Evidence]
    assert added[(record, KG.sentenceIndex)] == Literal(5)  # the second sentence of line 4
    assert added[(record, KG.lineNumber)] == Literal(4)
    text = Path(bundled.article_file()).read_text(encoding="utf-8")
    position = URIRef(f"{record}-position")
    start, end = int(added[(position, OA.start)]), int(added[(position, OA.end)])
    assert text[start:end] == quote
    assert added[(URIRef(f"{record}-quote"), OA.exact)] == Literal(quote)


def test_a_fact_that_breaks_a_shape_is_refused_in_words(kg, curator):
    add_unicom(kg, curator)
    before = quads_of(kg)
    with pytest.raises(ChangeRefused) as refused:
        curator.add_fact("China Unicom", "established", Value("Ningbo"), evidence=Background("assumed"))
    assert "“established” needs an organization: Ningbo is not one" in str(refused.value)
    assert quads_of(kg) == before


@pytest.mark.parametrize("predicate, value, message", [
    ("no such predicate", "1", "predicate: unknown predicate"),
    ("count", "many", "count: 'many' is not a number"),
    ("member of", "Nowhere Land", "object: no entity is labelled"),
])
def test_bad_input_names_the_field(kg, curator, predicate, value, message):
    with pytest.raises(CurationError, match=message):
        curator.add_fact("hospital partners", predicate, Value(value), evidence=Background("x"))


def test_unknown_class_and_empty_evidence(curator):
    with pytest.raises(CurationError, match="class: unknown class 'Spaceship'"):
        curator.add_entity("X", "Spaceship", evidence=Background("x"))
    with pytest.raises(CurationError, match="background: say why"):
        curator.add_entity("X", "City", evidence=Background(" "))


def test_literals_are_typed_by_the_range(kg, curator):
    change = curator.add_fact("hospital partners", "count", Value(text="12"),
                              evidence=Background("counted from the alliance's member list"))
    assert (URIRef(DATA.HospitalPartners), KG.count, Literal(12), edits_graph_for("Ada Analyst")) in change.added
    assert typed_literal("2019", str(XSD.gYear)).datatype == XSD.gYear
    assert typed_literal("2020-05", str(XSD.gYearMonth)).datatype == XSD.gYearMonth
    assert typed_literal("first quarter", str(RDF.langString), language="en").language == "en"
    with pytest.raises(CurationError, match="not a date"):
        typed_literal("May 5", str(XSD.date))


def test_predicates_are_suggested_from_domains_and_ranges():
    schema = OntologySchema.bundled()
    suggested = [p.iri for p in schema.suggest_predicates(str(KG.TelecomOperator), str(KG.IndustryAlliance),
                                                          usage={str(KG.established): 3})]
    assert suggested[0] == str(KG.established)  # closest domain and range, and used most
    assert str(ORG.memberOf) in suggested and str(KG.locatedIn) not in suggested
    places = [p.iri for p in schema.suggest_predicates(str(KG.City), str(KG.Province))]
    assert places.index(str(KG.locatedIn)) < places.index(str(KG.about))


def test_retract_removes_the_fact_and_its_records_and_records_why(kg, curator):
    fact = (URIRef(DATA.ChinaMobileZhejiang), KG.established, URIRef(ALLIANCE))
    before = quads_of(kg)
    change = curator.retract_fact(fact, reason=Background("duplicate of a better-sourced fact"))
    command = CurationCommand(kg, change)
    command.redo()
    assert not list(store_access.triples(kg, *fact))
    assert not kg.evidence(*(str(t) for t in fact))
    assert any(p == RDF.type and o == PROV.Activity for _, p, o, _ in change.added)
    command.undo()
    assert quads_of(kg) == before


def test_edit_replaces_the_object_with_new_evidence(kg, curator):
    fact = (URIRef(DATA.ChinaMobileZhejiang), KG.established, URIRef(ALLIANCE))
    with pytest.raises(ChangeRefused, match="an organization: China's telecom companies is not one"):
        curator.edit_fact(fact, "established", Value("China's telecom companies"), evidence=Background("test"))
    change = curator.edit_fact(fact, "promotes", Value("Zhejiang 5G industry alliance"),
                               evidence=Background("for the test"))
    CurationCommand(kg, change).redo()
    assert not list(store_access.triples(kg, *fact))
    assert kg.evidence(str(DATA.ChinaMobileZhejiang), str(KG.promotes), str(ALLIANCE))
    assert kg.validate().conforms


def test_merge_moves_labels_links_and_evidence_and_undoes(kg, curator):
    iri = add_unicom(kg, curator)
    fact = curator.add_fact("China Unicom", "member of", Value("Zhejiang 5G industry alliance"),
                            evidence=Background("for the test"))
    CurationCommand(kg, fact).redo()
    before = quads_of(kg)
    keep = URIRef(DATA.ChinaMobileZhejiang)
    change = curator.merge_entities(str(keep), str(iri))
    command = CurationCommand(kg, change)
    command.redo()
    assert list(store_access.triples(kg, keep, ORG.memberOf, URIRef(ALLIANCE)))
    assert kg.evidence(str(keep), str(ORG.memberOf), str(ALLIANCE))
    assert (keep, SKOS.altLabel, Literal("China Unicom", lang="en")) in set(store_access.triples(kg, keep, None, None))
    assert list(store_access.triples(kg, iri, OWL.sameAs, keep))
    assert not list(store_access.triples(kg, iri, RDFS.label, None))
    assert any(o == PROV.Activity for _, _, o, _ in change.added)
    assert kg.validate().conforms
    command.undo()
    assert quads_of(kg) == before


def test_merging_an_entity_with_itself_is_refused(curator):
    with pytest.raises(CurationError, match="cannot be merged with itself"):
        curator.merge_entities("China Mobile", "d:ChinaMobile")


def test_only_what_a_change_breaks_blocks_it():
    kg = KnowledgeGraph()
    kg.load_text(f"""
        @prefix kg: <{KG}> . @prefix d: <{DATA}> .
        d:Op a kg:TelecomOperator ; <http://www.w3.org/2000/01/rdf-schema#label> "Op"@en .
        d:Al a kg:IndustryAlliance ; <http://www.w3.org/2000/01/rdf-schema#label> "Al"@en .
    """)  # neither kind has an evidence record: the source's own gap
    curator = Curator(kg, Provenance("Ada"))
    change = curator.add_fact("d:Op", "member of", Value("d:Al"), evidence=Background("test"))
    assert change.added
    with pytest.raises(ChangeRefused, match="needs a location"):
        curator.add_fact("d:Op", "located in", Value("d:Al"), evidence=Background("test"))


def test_bulk_records_are_spelled_as_one_record_is() -> None:
    from explorer.core.curation.evidence import Quoted, QuotedRecords, evidence_record

    fact = (URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o"))
    source, graph, provenance = URIRef("urn:source"), URIRef("urn:g"), Provenance("Bulk")
    one = evidence_record(fact, Quoted(str(source), "row 2 text"), source, provenance, graph)
    records = QuotedRecords(source, provenance, graph)
    first, second = records.record(fact, Literal("row 2 text")), records.record(fact, Literal("row 2 text"), Literal(2))
    assert {q[1:] for q in first} == {q[1:] for q in one}
    assert {q[1:] for q in second} == {q[1:] for q in one} | {(URIRef(KG.lineNumber), Literal(2), graph)}
    assert first[0][0] != second[0][0]
