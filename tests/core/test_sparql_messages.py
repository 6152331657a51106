"""Syntax errors in words: the parser's grammar dump never reaches the user, and the place stays right."""

from __future__ import annotations

import re

import pytest

from explorer.core.errors import QueryError
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql_messages import readable_expectation, syntax_error_line

QUERIES = [
    "SELECT ?op ?name WHERE {\n  ?op a kg:TelecomOperator ;\n      rdfs:label ?name .\n"
    "  FILTER(lang(?name) = \"en\" && STRSTARTS(?name, \"China\"))\n} ORDER BY DESC(?name) LIMIT 5",
    "PREFIX d: <https://w3id.org/kg-explorer/data/>\nASK { d:ChinaMobile ?p [ a ?c ] }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } VALUES ?p { rdfs:label } }",
]
DUMP = re.compile(r"\.\.=|\['|\[_\]|\\u\{|one of")


def _broken_variants() -> list[str]:
    """Every query cut short at each place, and with one character dropped at each place."""
    variants = set()
    for query in QUERIES:
        for cut in range(1, len(query)):
            variants.add(query[:cut])
            variants.add(query[:cut] + query[cut + 1:])
    return sorted(variants)


def test_every_broken_query_gets_one_readable_line_with_its_place(bundled_graph: KnowledgeGraph) -> None:
    from explorer.core.sparql import missing_prefixes

    checked = 0
    for query in _broken_variants():
        try:
            bundled_graph.query(missing_prefixes(bundled_graph.prefixes, query) + query)
        except QueryError as error:
            if not error.reason.startswith("syntax error"):
                continue
            line = syntax_error_line(error, query)
            assert "\n" not in line and len(line) < 160, line
            assert not DUMP.search(line), line
            assert re.match(r"Syntax error at line \d+, column \d+: \S", line), line
            checked += 1
    assert checked > 200


@pytest.mark.parametrize(("dump", "words"), [
    ('expected one of ">", [_]', "expected '>'"),
    ("expected one of HAVING, OFFSET, OPTIONAL, VALUES, ['0'..='9']", "expected HAVING, OFFSET, OPTIONAL, VALUES or a digit"),
    ('expected one of "&&", ")", "*", "+", "-", "/", "<", [_]', "expected ')' or an operator"),
    ("expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' | '\\u{00B7}'], ['\\\\'], ['_']",
     "unknown prefix: declare it with PREFIX"),
    ("expected DISTINCT", "expected DISTINCT"),
    ("expected [_]", "unexpected text here"),
    ('expected one of ",", ".", ";", "{", "}", [\'A\' ..= \'Z\' | \'a\' ..= \'z\'], [_]',
     "expected '}', '.', ';', ',', '{' or a name"),
])
def test_the_parsers_alternatives_in_words(dump: str, words: str) -> None:
    assert readable_expectation(dump) == words


def test_an_unknown_prefix_and_an_open_bracket_are_named() -> None:
    unknown = QueryError("syntax error: unknown prefix: declare it with PREFIX", 2, 14)
    assert syntax_error_line(unknown, "SELECT * {\n  ?s a nosuch:Thing }") == (
        "Syntax error at line 2, column 14: unknown prefix nosuch: declare it with PREFIX nosuch: <…>")
    open_brace = QueryError("syntax error: expected '}', '.'", 1, 20)
    assert syntax_error_line(open_brace, "SELECT * { ?s ?p ?o") == (
        "Syntax error at line 1, column 20: the query ends before its closing '}'")


def test_other_errors_keep_their_message() -> None:
    assert syntax_error_line(QueryError("query took longer than 5 s"), "SELECT") == "query took longer than 5 s"
