"""Dated entities and facts from XSD literals and OWL-Time, in order, with a range filter."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.core.analysis.timeline import TimeSpan, timeline
from explorer.core.graph import KnowledgeGraph

E = "http://e/"
TTL = """
@prefix kg: <https://w3id.org/kg-explorer/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix e: <http://e/> .

e:article rdfs:label "article" ; dct:date "2020-06-12"^^xsd:date .
e:alliance rdfs:label "alliance" ; e:founded e:y2019 .
e:y2019 a time:ProperInterval ; rdfs:label "2019" ; time:hasDateTimeDescription e:y2019d .
e:y2019d a time:DateTimeDescription ; time:year "2019"^^xsd:gYear ; time:unitType time:unitYear .
e:shipments rdfs:label "shipments" ; e:during e:q1 .
e:q1 a time:ProperInterval ; rdfs:label "the first quarter" .
e:launch rdfs:label "launch" ; e:during e:march .
e:march a time:Interval ; time:hasBeginning e:m1 ; time:hasEnd e:m2 .
e:m1 a time:Instant ; time:inXSDDate "2020-03-01"^^xsd:date .
e:m2 a time:Instant ; time:inXSDDate "2020-03-31"^^xsd:date .
e:a e:partners e:b .
e:rec a rdf:Statement ; rdf:subject e:a ; rdf:predicate e:partners ; rdf:object e:b ; e:validFrom "2018"^^xsd:gYear .
e:ev a rdf:Statement ; rdf:subject e:alliance ; rdf:predicate e:founded ; rdf:object e:y2019 ;
    kg:quote "the alliance, set up in 2019" .
"""


@pytest.fixture
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph()
    graph.load_text(TTL, "turtle")
    return graph


def test_items_in_order_with_periods_without_a_year_last(kg):
    line = timeline(kg)
    order = [(item.entity, item.span.text) for item in line.items]
    assert order == [
        (E + "a", "2018"),
        (E + "alliance", "2019"),
        (E + "launch", "2020-03-01 – 2020-03-31"),
        (E + "article", "2020-06-12"),
        (E + "shipments", "the first quarter"),
    ]
    fact = line.items[0]
    assert fact.fact == (E + "a", E + "partners", E + "b") and fact.entities == {E + "a", E + "b"}
    assert line.items[1].evidence[0].quote == "the alliance, set up in 2019"
    assert line.undated[0].span.start is None
    assert line.bounds() == (dt.date(2018, 1, 1), dt.date(2020, 6, 12))


def test_range_filter(kg):
    line = timeline(kg)
    inside = line.within(dt.date(2019, 6, 1), dt.date(2020, 3, 15))
    assert {item.entity for item in inside} == {E + "alliance", E + "launch"}
    outside = line.entities_outside(dt.date(2019, 6, 1), dt.date(2020, 3, 15))
    assert outside == {E + "a", E + "b", E + "article"}  # the undated quarter is never filtered out


def test_quarters_described_with_and_without_a_year():
    graph = KnowledgeGraph()
    graph.load_text(TTL.replace('e:q1 a time:ProperInterval ; rdfs:label "the first quarter" .', """
e:q1 a time:DateTimeInterval ; rdfs:label "the first quarter" ; time:hasDateTimeDescription e:q1d .
e:q1d a time:GeneralDateTimeDescription ; time:unitType kg:unitQuarter ; kg:quarter 1 .
e:sales rdfs:label "sales" ; time:hasTime e:q3 .
e:q3 a time:DateTimeInterval ; rdfs:label "Q3 2019" ; time:hasDateTimeDescription e:q3d .
e:q3d a time:GeneralDateTimeDescription ; time:unitType kg:unitQuarter ; kg:quarter 3 ; time:year "2019"^^xsd:gYear .
"""), "turtle")
    line = timeline(graph)
    spans = {item.entity: item.span for item in line.items}
    assert spans[E + "shipments"] == TimeSpan(None, None, "the first quarter")
    assert (spans[E + "sales"].start, spans[E + "sales"].end) == (dt.date(2019, 7, 1), dt.date(2019, 9, 30))


def test_filtering_the_canvas_by_a_range_is_undoable(kg):
    from explorer.core.analysis.timeline import FilterCanvasByTime
    from explorer.core.scene import Scene

    scene = Scene()
    for entity in ("a", "alliance", "launch", "article", "shipments", "b"):
        scene.add_entity(kg, E + entity)
    line = timeline(kg)
    command = FilterCanvasByTime(scene, line, dt.date(2019, 6, 1), dt.date(2020, 3, 15), set())
    command.redo()
    hidden = {node.entity for node in scene.nodes.values() if node.hidden}
    assert hidden == {E + "a", E + "b", E + "article"}
    wider = FilterCanvasByTime(scene, line, dt.date(2018, 1, 1), dt.date(2020, 3, 15), command.hidden_by_filter)
    wider.redo()
    assert {node.entity for node in scene.nodes.values() if node.hidden} == {E + "article"}
    wider.undo()
    assert {node.entity for node in scene.nodes.values() if node.hidden} == hidden
    command.undo()
    assert not any(node.hidden for node in scene.nodes.values())


def test_a_dated_literal_shows_its_records_place():
    """The evidence of a date given as a literal carries its line, page and character offsets too."""
    graph = KnowledgeGraph()
    graph.load_text(TTL + """
@prefix oa: <http://www.w3.org/ns/oa#> . @prefix prov: <http://www.w3.org/ns/prov#> .
e:dated a rdf:Statement ; rdf:subject e:article ; rdf:predicate dct:date ; rdf:object "2020-06-12"^^xsd:date ;
    kg:quote "June 12, 2020" ; prov:wasDerivedFrom e:source ; kg:sentenceIndex 1 ; kg:lineNumber 2 ;
    oa:hasSelector e:dated-position .
e:dated-position a oa:TextPositionSelector ; oa:start 40 ; oa:end 53 .
""", "turtle")
    [item] = [i for i in timeline(graph).items if i.entity == E + "article"]
    [record] = item.evidence
    assert record.place() == "sentence 1, line 2, characters 40–53"
