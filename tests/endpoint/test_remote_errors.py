"""A remote endpoint that is down, slow, refuses or answers garbage gives one clear line;
what the user did not allow never leaves the machine."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from server_process import free_port  # tests/endpoint is on sys.path (conftest)

from explorer.core.backends import EndpointAuth, EndpointConfig, EndpointError, SparqlEndpointBackend
from explorer.core.backends.endpoint_config import sparql_string, sparql_term
from explorer.core.errors import EntityNotFound, ExplorerError, QueryError, QueryTimeout, RefusedQuery
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken

D = "https://w3id.org/kg-explorer/data/"
BUNDLED_GRAPH = "urn:kg-explorer:test:bundled"


class FakeEndpoint:
    """A loopback HTTP server whose answer each test chooses; it records what it was sent."""

    def __init__(self) -> None:
        self.status = 200
        self.content_type = "application/sparql-results+json"
        self.body = b'{"head":{},"boolean":true}'
        self.hang = threading.Event()
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else b""
                fake.requests.append((self.command, self.path, dict(self.headers), data))
                if fake.hang.is_set():
                    fake.release.wait(10)
                    return
                self.send_response(fake.status)
                self.send_header("Content-Type", fake.content_type)
                self.send_header("Content-Length", str(len(fake.body)))
                self.end_headers()
                self.wfile.write(fake.body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/sparql"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    endpoint = FakeEndpoint()
    yield endpoint
    endpoint.close()


def backend(url: str, **options) -> SparqlEndpointBackend:
    return SparqlEndpointBackend(EndpointConfig(url, **options))


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    return text


# ------------------------------------------------------------------ down, slow, refusing, garbage
def test_server_down_is_one_line():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(EndpointError) as caught:
        KnowledgeGraph.connect(url)
    assert "connection refused" in one_line(caught.value)
    assert url in str(caught.value)


def test_slow_server_times_out(fake):
    fake.hang.set()
    with pytest.raises(QueryTimeout) as caught:
        KnowledgeGraph.connect(fake.url, timeout=0.3)
    assert "did not answer within 0.3 s" in one_line(caught.value)


def test_cancel_stops_waiting_for_a_slow_server(fake):
    fake.hang.set()
    graph = KnowledgeGraph(backend(fake.url, timeout=5))
    token = CancelToken()
    token.cancel()
    with pytest.raises(ExplorerError, match="cancelled"):
        graph.query("SELECT * WHERE { ?s ?p ?o }", cancel=token)


@pytest.mark.parametrize("status, expected", [
    (400, "rejected the query (HTTP 400): Virtuoso 37000 Error SP030"),
    (401, "refused access (HTTP 401)"),
    (500, "answered HTTP 500: Virtuoso 37000 Error SP030"),
])
def test_refusals_give_the_servers_first_line(fake, status, expected):
    fake.status = status
    fake.content_type = "text/plain"
    fake.body = b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error\n\nSPARQL query:\nSELECT ..."
    with pytest.raises(QueryError) as caught:
        backend(fake.url).query("SELECT * WHERE { ?s ?p ?o }")
    assert expected in one_line(caught.value)
    assert "SPARQL query:" not in str(caught.value)


@pytest.mark.parametrize("content_type, body", [
    ("text/html", b"<html><body><h1>Welcome to nginx!</h1></body></html>"),
    ("application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [ {"s": '),
    ("application/n-triples", b"<http://a> <http://b> oops ."),
])
def test_garbage_is_one_line(fake, content_type, body):
    fake.content_type = content_type
    fake.body = body
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" if "triples" in content_type else "SELECT * WHERE { ?s ?p ?o }"
    with pytest.raises(EndpointError) as caught:
        backend(fake.url).query(query)
    assert "not SPARQL results" in one_line(caught.value)


# ------------------------------------------------------------------ nothing leaves unless allowed
@pytest.fixture
def no_network(monkeypatch):
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("a connection was opened")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_service_is_refused_before_any_connection(no_network):
    graph = KnowledgeGraph(backend("http://127.0.0.1:9/sparql"))
    with pytest.raises(RefusedQuery, match="SERVICE"):
        graph.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert no_network == []


def test_update_is_refused_when_read_only(no_network):
    graph = KnowledgeGraph(backend("http://127.0.0.1:9/sparql"), QueryPolicy(allow_update=True))
    with pytest.raises(RefusedQuery, match="read-only"):
        graph.query("INSERT DATA { <http://a> <http://b> <http://c> }")
    assert no_network == []


def test_whole_graph_is_never_downloaded(no_network):
    graph = KnowledgeGraph(backend("http://127.0.0.1:9/sparql"))
    with pytest.raises(ExplorerError, match="not downloaded"):
        graph.to_rdflib()
    with pytest.raises(ExplorerError, match="not downloaded"):
        list(graph.backend.triples(None, None, None))
    assert no_network == []


def test_bad_configuration_is_one_line():
    with pytest.raises(ExplorerError, match="not an http"):
        EndpointConfig("file:///etc/passwd")
    with pytest.raises(ExplorerError, match="default graph"):
        EndpointConfig("http://127.0.0.1/sparql", default_graph="not an iri")
    with pytest.raises(ExplorerError, match="timeout"):
        EndpointConfig("http://127.0.0.1/sparql", timeout=0)


# ------------------------------------------------------------------ what is sent
def test_auth_headers_and_default_graph(fake):
    backend(fake.url, auth=EndpointAuth("bearer", secret="t0ken"), default_graph="urn:g").ask("ASK { }")
    backend(fake.url, auth=EndpointAuth("basic", "ann", "pw")).ask("ASK { }")
    (_, path, headers, _), (_, _, basic, _) = fake.requests
    assert headers["Authorization"] == "Bearer t0ken"
    assert "default-graph-uri=urn%3Ag" in path
    assert headers["Accept"] == "application/sparql-results+json"
    assert basic["Authorization"] == "Basic YW5uOnB3"
    assert "t0ken" not in repr(EndpointAuth("bearer", secret="t0ken"))


def test_long_queries_go_by_post(fake):
    backend(fake.url).ask("ASK { " + " ".join(f"<http://e/{i}> ?p ?o ." for i in range(200)) + " }")
    method, _, headers, data = fake.requests[0]
    assert method == "POST"
    assert headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert data.startswith(b"query=ASK")


def test_user_text_is_escaped(no_network):
    assert sparql_string('a" } DROP ALL { "') == '"a\\" } DROP ALL { \\""'
    graph = KnowledgeGraph(backend("http://127.0.0.1:9/sparql"))
    hostile = "http://e/x> ?p ?o } #"
    with pytest.raises(ExplorerError, match="not a valid IRI"):
        graph.exists(hostile)
    with pytest.raises(ExplorerError, match="not a valid IRI"):
        graph.neighbours(hostile)
    assert graph.label(hostile)  # a fallback name, and nothing sent
    assert no_network == []


def test_virtuoso_blank_nodes_round_trip(fake):
    fake.body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"bnode","value":"nodeID://b10003"}}]}}'
    _, rows = backend(fake.url).select("SELECT ?s WHERE { ?s ?p ?o }")
    node = rows[0][0]
    assert isinstance(node, ox.BlankNode)
    assert sparql_term(node) == "<nodeID://b10003>"


# ------------------------------------------------------------------ against the real server
@pytest.mark.endpoint
def test_virtuoso_syntax_error_is_one_line(remote_bundled):
    with pytest.raises(QueryError) as caught:
        remote_bundled.query("SELECT * WHERE { ?s ?p }")
    assert "rejected the query" in one_line(caught.value)
    assert "Virtuoso" in str(caught.value)


@pytest.mark.endpoint
def test_virtuoso_update_needs_digest_auth(virtuoso):
    insert = "INSERT DATA { GRAPH <urn:kg-explorer:test:scratch> { <http://e/a> <http://e/p> \"x\" } }"
    anonymous = KnowledgeGraph.connect(virtuoso.url, allow_update=True, update_url=virtuoso.auth_url)
    with pytest.raises(EndpointError, match="refused access"):
        anonymous.query(insert)
    writer = KnowledgeGraph.connect(virtuoso.url, allow_update=True, update_url=virtuoso.auth_url,
                                    auth=("digest", "dba", "dba"))
    assert writer.query(insert).kind == "update"
    reader = KnowledgeGraph.connect(virtuoso.url, default_graph="urn:kg-explorer:test:scratch")
    assert reader.query('ASK { <http://e/a> <http://e/p> "x" }').boolean is True


@pytest.mark.endpoint
def test_one_query_per_frontier_step(remote_bundled):
    entities = [D + name for name in ("ChinaMobile", "ChinaMobileZhejiang", "China", "Ningbo", "MIIT", "Liu")]
    before = remote_bundled.backend.requests
    links = remote_bundled.adjacent_many(entities)
    assert remote_bundled.backend.requests - before == 1
    assert (  # the same links the one-entity call gives
        sorted(links[D + "ChinaMobile"]) == sorted(remote_bundled.adjacent(D + "ChinaMobile"))
    )
    # The neighbours' classes came with them: deciding whether a path may pass costs nothing.
    before = remote_bundled.backend.requests
    for _, other, _ in links[D + "China"]:
        remote_bundled.is_schema_term(other)
        remote_bundled.is_evidence_record(other)
    assert remote_bundled.backend.requests == before


@pytest.mark.endpoint
def test_labels_are_fetched_in_batches(virtuoso):
    graph = KnowledgeGraph.connect(virtuoso.url, default_graph=BUNDLED_GRAPH)
    around = graph.neighbours(D + "China", limit=None)
    before = graph.backend.requests
    labels = [graph.label(edge.other) for edge in around.edges]
    assert graph.backend.requests == before
    assert "Zhejiang" in labels


@pytest.mark.endpoint
def test_unknown_entity_on_the_server(remote_bundled):
    with pytest.raises(EntityNotFound):
        remote_bundled.resolve("d:NoSuchThing")


def test_no_question_downloads_the_graph(oxigraph_http):
    import re

    from explorer.core.paths import find_paths

    graph = KnowledgeGraph.connect(oxigraph_http.url)
    start = len(oxigraph_http.queries)
    graph.search("china")
    graph.describe(D + "ChinaMobile")
    graph.neighbours(D + "China", limit=3)
    find_paths(graph, D + "ChinaMobile", D + "FiveGRemoteHealthcareServices")
    graph.stats()
    graph.class_hierarchy()
    graph.evidence(D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobileZhejiang")
    sent = oxigraph_http.queries[start:]
    assert sent
    for query in sent:
        # A pattern open on all three positions is only ever counted, never fetched.
        if re.search(r"\{\s*\?s \?p \?o\s*[}F]", query):
            assert "COUNT(" in query, query
        # Open label scans are capped by LIMIT.
        if "?e ?p ?l" in query and "VALUES ?e" not in query:
            assert "LIMIT" in query, query


@pytest.mark.endpoint
def test_server_row_cap_never_cuts_links_silently(virtuoso, bundled_graph):
    # A tiny page stands in for Virtuoso's ResultSetMaxRows: full pages are split, a hub is
    # read one predicate and direction at a time, and the links come out complete.
    capped = KnowledgeGraph.over_endpoint(EndpointConfig(virtuoso.url, default_graph=BUNDLED_GRAPH, page_size=5))
    entities = [D + name for name in ("ChinaMobile", "ChinaMobileZhejiang", "China", "Zhejiang", "MIIT", "Liu")]
    links = capped.adjacent_many(entities)
    for entity in entities:
        assert sorted(set(links[entity])) == sorted(set(bundled_graph.adjacent(entity))), entity
    assert len(links[D + "China"]) > 5
