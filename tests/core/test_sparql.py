"""SPARQL on the embedded store: query kinds, syntax errors, timeout, cancel, what the policy allows."""

from __future__ import annotations

import random
import threading
import time

import pytest
from rdflib import Literal, URIRef

from explorer.core.errors import Cancelled, QueryError, QueryTimeout, RefusedQuery
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy, keywords, query_kind, uses_service
from explorer.core.tasks import CancelToken

D = "https://w3id.org/kg-explorer/data/"
ORG = "http://www.w3.org/ns/org#"
PREFIX = f"PREFIX d: <{D}> PREFIX org: <{ORG}> PREFIX kg: <https://w3id.org/kg-explorer/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def test_select(bundled_graph: KnowledgeGraph) -> None:
    result = bundled_graph.query(PREFIX + "SELECT ?b ?label WHERE { d:ChinaMobile kg:hasBranch ?b . "
                                          "?b rdfs:label ?label } ")
    assert result.kind == "select"
    assert result.variables == ["b", "label"]
    assert result.rows == [(URIRef(D + "ChinaMobileZhejiang"), Literal("China Mobile Zhejiang", lang="en"))]
    assert result.row(0)[0] == URIRef(D + "ChinaMobileZhejiang")
    assert not result.truncated and not result.is_empty


def test_select_unbound_values_are_none(bundled_graph: KnowledgeGraph) -> None:
    result = bundled_graph.query(PREFIX + "SELECT ?x ?missing WHERE { BIND(d:ChinaMobile AS ?x) OPTIONAL { ?x <urn:none> ?missing } }")
    assert result.rows == [(URIRef(D + "ChinaMobile"), None)]


def test_max_rows_truncates(bundled_graph: KnowledgeGraph) -> None:
    result = bundled_graph.query("SELECT * WHERE { ?s ?p ?o }", max_rows=10)
    assert len(result) == 10 and result.truncated


def test_ask(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.query(PREFIX + "ASK { d:ChinaMobile kg:hasBranch d:ChinaMobileZhejiang }").boolean is True
    answer = bundled_graph.query(PREFIX + "ASK { d:ChinaMobileZhejiang kg:hasBranch d:ChinaMobile }")
    assert answer.kind == "ask" and answer.boolean is False and answer.is_empty


def test_construct(bundled_graph: KnowledgeGraph) -> None:
    result = bundled_graph.query(PREFIX + "CONSTRUCT { ?b kg:branchOf ?a } WHERE { ?a kg:hasBranch ?b }")
    assert result.kind == "construct"
    branch_of = URIRef("https://w3id.org/kg-explorer/ontology#branchOf")
    assert (URIRef(D + "ChinaMobileZhejiang"), branch_of, URIRef(D + "ChinaMobile")) in result.triples


def test_describe(bundled_graph: KnowledgeGraph) -> None:
    result = bundled_graph.query(PREFIX + "DESCRIBE d:ChinaMobileZhejiang")
    assert result.kind == "describe"
    subjects = {s for s, _, _ in result.triples}
    assert URIRef(D + "ChinaMobileZhejiang") in subjects
    assert len(result) > 2


def test_named_graphs_are_queried_as_one_graph() -> None:
    kg = KnowledgeGraph()
    kg.load_text("<urn:g> { <urn:a> <urn:p> <urn:b> . }", "trig")
    assert kg.query("ASK { <urn:a> <urn:p> <urn:b> }").boolean


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("SELECT ?s WHERE { ?s ?p }", 1, None),
        ("PREFIX ex: <http://e/>\nSELECT * WHERE {\n  ?s ex:p ?o .\n  FILTER(?o = ) }", 4, None),
        ("SELECT * WHERE { ?s undefinedprefix:p ?o }", 1, None),
    ],
)
def test_syntax_error_has_line_and_column(bundled_graph: KnowledgeGraph, query: str, line: int, column: int | None) -> None:
    with pytest.raises(QueryError) as caught:
        bundled_graph.query(query)
    error = caught.value
    assert error.line == line, str(error)
    assert error.column is not None and error.column >= 1
    assert str(error).startswith(f"line {line}, column {error.column}: syntax error")
    assert "\n" not in str(error)


def test_not_a_query(bundled_graph: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="not a SPARQL query"):
        bundled_graph.query("hello world")


@pytest.fixture(scope="module")
def dense_graph() -> KnowledgeGraph:
    """3,000 random edges among 200 nodes: three hops give ~600k rows (seconds of work)."""
    rng = random.Random(1)
    kg = KnowledgeGraph()
    kg.load_text("".join(f"<urn:n{i}> <urn:p> <urn:n{rng.randrange(200)}> .\n" for i in range(200) for _ in range(15)),
                 "ntriples")
    return kg


EXPENSIVE = "SELECT ?a ?d WHERE { ?a ?p ?b . ?b ?q ?c . ?c ?r ?d }"


def test_timeout(dense_graph: KnowledgeGraph) -> None:
    with pytest.raises(QueryTimeout, match=r"query took longer than 0\.05 s"):
        dense_graph.query(EXPENSIVE, timeout=0.05)


def test_cancel(dense_graph: KnowledgeGraph) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        dense_graph.query(EXPENSIVE, cancel=token)


def _cancel_once_running(token: CancelToken, thread_name: str) -> threading.Thread:
    """A thread that cancels ``token`` as soon as the query's worker thread is running."""

    def watch() -> None:
        while not any(thread.name == thread_name for thread in threading.enumerate()):
            if token.cancelled:
                return
        token.cancel()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    return watcher


def test_cancel_while_the_query_runs(dense_graph: KnowledgeGraph) -> None:
    token = CancelToken()
    watcher = _cancel_once_running(token, "sparql-query")
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        dense_graph.query(EXPENSIVE, timeout=600, cancel=token)
    watcher.join()
    assert token.cancelled and time.perf_counter() - started < 30


def test_generous_timeout_returns_the_answer(dense_graph: KnowledgeGraph) -> None:
    result = dense_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=60, cancel=CancelToken())
    assert int(result.rows[0][0]) == len(dense_graph)


# --------------------------------------------------------------------------- policy
@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://e/>\nDROP ALL",
        "CLEAR DEFAULT",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "# comment\ncreate graph <urn:g>",
    ],
)
def test_updates_are_refused_by_default(update: str) -> None:
    kg = KnowledgeGraph()
    kg.load_text("<urn:x> <urn:y> <urn:z> .", "ntriples")
    with pytest.raises(RefusedQuery, match="SPARQL Update is turned off"):
        kg.query(update)
    assert len(kg) == 1


def test_update_allowed_by_policy() -> None:
    kg = KnowledgeGraph()
    kg.load_text('<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> "old" .', "ntriples")
    assert kg.search("new") == []
    result = kg.query('INSERT DATA { <urn:y> <http://www.w3.org/2000/01/rdf-schema#label> "new label" }',
                      policy=QueryPolicy(allow_update=True))
    assert result.kind == "update"
    assert len(kg) == 2
    assert [h.entity for h in kg.search("new")] == ["urn:y"]  # caches were refreshed
    kg.policy = QueryPolicy(allow_update=True)
    kg.query("DELETE WHERE { <urn:x> ?p ?o }")
    assert len(kg) == 1


def test_service_is_refused_without_network_permission(bundled_graph: KnowledgeGraph) -> None:
    with pytest.raises(RefusedQuery, match="SERVICE"):
        bundled_graph.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(RefusedQuery, match="SERVICE"):
        bundled_graph.query("select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "INSERT DATA SERVICE" }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE/DELETE> ?o }",
        "SELECT * WHERE { ?s ?p ?o } # DROP ALL, SERVICE <http://x>",
        "SELECT ?service ?delete WHERE { ?service ?delete ?o }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ex:drop }",
        "SELECT * WHERE { ?s ?p '''multi\nline INSERT\n''' }",
        'SELECT * WHERE { ?s ?p "escaped \\" SERVICE <http://x> { } " }',
    ],
)
def test_keywords_in_strings_iris_comments_and_names_are_not_taken(bundled_graph: KnowledgeGraph, query: str) -> None:
    assert query_kind(query) == "select"
    assert not uses_service(query)
    bundled_graph.query(query)  # neither refused nor failing


def test_keywords() -> None:
    assert keywords('SELECT * { ?s <http://x/SERVICE> "DELETE" } # INSERT') == ["SELECT"]
    assert query_kind("PREFIX ex: <http://e/> ASK { ?s ?p ?o }") == "ask"
    assert query_kind("BASE <http://e/> CONSTRUCT WHERE { ?s ?p ?o }") == "construct"
    assert query_kind("describe <urn:x>") == "describe"


@pytest.mark.parametrize(("error", "line", "column", "message"), [
    (SyntaxError("error at 3:7: expected WHERE"), 3, 7, "syntax error: expected WHERE"),
    (SyntaxError("unexpected end", ("q", 2, 5, "")), 2, 5, "syntax error: unexpected end"),
    (SyntaxError("no position at all"), None, None, "syntax error: no position at all"),
])
def test_syntax_errors_keep_their_place(error: SyntaxError, line, column, message) -> None:
    from explorer.core.sparql import syntax_error

    converted = syntax_error(error)
    assert (converted.line, converted.column, converted.reason) == (line, column, message)


def test_result_lengths() -> None:
    from explorer.core.sparql import QueryResult

    assert len(QueryResult(kind="ask", boolean=False)) == 1
    assert len(QueryResult(kind="select", raw_rows=[(1,), (2,)])) == 2
    assert len(QueryResult(kind="construct", raw_triples=[(1, 2, 3)])) == 1
