"""W3C SPARQL results formats: written by us, read back by Oxigraph's own parsers."""

from __future__ import annotations

import csv
import doctest
import io

import pyoxigraph as ox
import pytest

import explorer.services.result_formats as result_formats
from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.services.result_formats import serialize_results, write_graph, write_results

DATA = r"""
@prefix e: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
e:a e:name "China Mobile"@en , "中国移动"@zh ;
    e:note "say \"hi\", then\nnew line\ttab \\ back\r\nCRLF <&> ]]>" ;
    e:count "01"^^xsd:integer ;
    e:illTyped "abc"^^xsd:integer ;
    e:share "0.61"^^xsd:decimal ;
    e:odd "x"^^<http://example.org/type> ;
    e:plain "plain"^^xsd:string ;
    e:link e:b ;
    e:blank _:n1 .
_:n1 e:name "nameless" .
e:b e:iri <http://example.org/with%20space?q=1&r=2#frag> .
"""

SELECT = "SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/none> ?missing } } ORDER BY ?s ?p ?o"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph()
    graph.load_text(DATA, "turtle")
    return graph


def normalised(rows):
    """Rows with blank nodes renamed in order of appearance (labels may differ, structure not)."""
    names: dict[str, str] = {}
    out = []
    for row in rows:
        values = []
        for term in row:
            if isinstance(term, ox.BlankNode):
                term = names.setdefault(term.value, f"b{len(names)}")
            values.append(term)
        out.append(tuple(values))
    return out


def store_rows(kg: KnowledgeGraph, query: str) -> tuple[list[str], list[tuple]]:
    answer = kg.backend.store.query(query)
    return [v.value for v in answer.variables], [tuple(solution) for solution in answer]


@pytest.mark.parametrize("name,fmt", [
    ("tsv", ox.QueryResultsFormat.TSV),
    ("json", ox.QueryResultsFormat.JSON),
    ("xml", ox.QueryResultsFormat.XML),
])
def test_select_round_trips_through_oxigraphs_parser(kg, name, fmt):
    text = serialize_results(kg.query(SELECT), name)
    parsed = ox.parse_query_results(text.encode("utf-8"), fmt)
    variables, expected = store_rows(kg, SELECT)
    assert [v.value for v in parsed.variables] == variables == ["s", "p", "o", "missing"]
    rows = [tuple(solution) for solution in parsed]
    assert len(rows) == 12
    assert normalised(rows) == normalised(expected)
    # The stored lexical form is written as it is, even when rdflib could not read it as a number.
    assert ox.Literal("abc", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")) in {r[2] for r in rows}


def test_csv_is_plain_values_with_crlf_and_matches_oxigraph(kg):
    text = serialize_results(kg.query(SELECT), "csv")
    assert text.startswith("s,p,o,missing\r\n")
    assert text.count("\r\n") >= 13
    own = kg.backend.store.query(SELECT).serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    assert text == own
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["s", "p", "o", "missing"]
    values = {row[2] for row in rows[1:]}
    assert {"China Mobile", "中国移动", "1", "abc", "http://example.org/b"} <= values
    assert 'say "hi", then\nnew line\ttab \\ back\r\nCRLF <&> ]]>' in values
    assert all(row[3] == "" for row in rows[1:])  # unbound is an empty field
    assert any(value.startswith("_:") for value in values)


def test_tsv_header_and_term_syntax(kg):
    text = serialize_results(kg.query(SELECT), "tsv")
    lines = text.split("\n")
    assert lines[0] == "?s\t?p\t?o\t?missing"
    assert '"abc"^^<http://www.w3.org/2001/XMLSchema#integer>' in text
    assert '"China Mobile"@en' in text
    assert '"plain"' in text and "string>" not in text
    assert all(line.count("\t") == 3 for line in lines[1:-1])  # tabs inside literals are escaped


def test_json_shape(kg):
    import json

    document = json.loads(serialize_results(kg.query(SELECT), "json"))
    assert document["head"] == {"vars": ["s", "p", "o", "missing"]}
    values = [b["o"] for b in document["results"]["bindings"]]
    assert {"type": "literal", "value": "中国移动", "xml:lang": "zh"} in values
    assert {"type": "literal", "value": "plain"} in values
    assert {"type": "literal", "value": "0.61", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"} in values
    assert any(v["type"] == "bnode" for v in values)
    assert all("missing" not in b for b in document["results"]["bindings"])


def test_xml_is_well_formed_in_the_results_namespace(kg):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(serialize_results(kg.query(SELECT), "xml").encode("utf-8"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert root.tag == f"{ns}sparql"
    assert [v.get("name") for v in root.iter(f"{ns}variable")] == ["s", "p", "o", "missing"]
    assert len(list(root.iter(f"{ns}result"))) == 12


@pytest.mark.parametrize("answer", [True, False])
def test_ask_in_every_format(kg, answer):
    query = "ASK { ?s ?p ?o }" if answer else "ASK { ?s <http://example.org/none> ?o }"
    result = kg.query(query)
    for name, fmt in [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                      ("tsv", ox.QueryResultsFormat.TSV)]:
        parsed = ox.parse_query_results(serialize_results(result, name).encode("utf-8"), fmt)
        assert bool(parsed) is answer, name
    assert serialize_results(result, "csv") == ("true" if answer else "false")


def test_empty_select(kg):
    result = kg.query("SELECT ?x WHERE { ?x <http://example.org/none> ?y }")
    for name, fmt in [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                      ("tsv", ox.QueryResultsFormat.TSV)]:
        parsed = ox.parse_query_results(serialize_results(result, name).encode("utf-8"), fmt)
        assert [v.value for v in parsed.variables] == ["x"]
        assert list(parsed) == []
    assert serialize_results(result, "csv") == "x\r\n"


def test_construct_is_written_as_rdf(kg):
    result = kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }")
    expected = {(t[0], t[1], t[2]) for t in kg.backend.store.quads_for_pattern(None, None, None)
                if not isinstance(t[0], ox.BlankNode) and not isinstance(t[2], ox.BlankNode)}
    for name, fmt in [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES),
                      ("rdfxml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD)]:
        out = io.StringIO()
        write_graph(result, name, out, prefixes={"e": "http://example.org/"})
        back = {(t.subject, t.predicate, t.object) for t in ox.parse(out.getvalue().encode("utf-8"), fmt)}
        # rdflib normalises typed lexical forms ("01" → "1") when it writes; compare values, not forms.
        assert len(back) == len(expected), name
    with pytest.raises(ExplorerError, match="graph"):
        serialize_results(result, "json")


def test_errors_are_one_line(kg):
    with pytest.raises(ExplorerError, match="unknown results format"):
        write_results(kg.query(SELECT), "yaml", io.StringIO())
    with pytest.raises(ExplorerError, match="not a graph"):
        write_graph(kg.query(SELECT), "turtle", io.StringIO())


def test_docstring_examples():
    result = doctest.testmod(result_formats)
    assert result.attempted >= 8 and result.failed == 0
