"""Real SPARQL servers for the endpoint tests: Virtuoso and Oxigraph's server on loopback,
each started once per session.

Each server is loaded with the bundled graph and with a generated 100k-triple graph, each
in its own named graph; the ``kg`` fixture gives the same graph embedded and remote so
one test body checks all. Tests marked ``endpoint`` skip, saying why, when a server is
not installed (``.ci/setup test`` installs both, so CI always runs them).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.core import bundled
from explorer.core.graph import KnowledgeGraph

sys.path.insert(0, str(Path(__file__).parent))
from oxigraph_server import OxigraphServer, oxigraph_missing
from virtuoso_server import VirtuosoServer, virtuoso_missing

BUNDLED_GRAPH = "urn:kg-explorer:test:bundled"
SCALE_GRAPH = "urn:kg-explorer:test:100k"
SCALE_TRIPLES = 100_000
REPO = Path(__file__).resolve().parents[2]


def generated_graph(path: Path, triples: int = SCALE_TRIPLES) -> Path:
    """The scale benchmark's generated graph, or a plain one shaped like ours if it is not there."""
    try:
        sys.path.insert(0, str(REPO))
        from benchmarks.generate import write
    except ImportError:
        write = None
    finally:
        sys.path.remove(str(REPO))
    if write is not None:
        write(path, triples, "nt")
        return path
    d, k = "https://w3id.org/kg-explorer/data/", "https://w3id.org/kg-explorer/ontology#"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    kind = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    with open(path, "w", encoding="utf-8") as out:
        count, i = 0, 0
        while count < triples:
            out.write(f'<{d}n{i}> <{label}> "node {i}"@en .\n<{d}n{i}> <{kind}> <{k}Company> .\n'
                      f"<{d}n{i}> <{k}partneredWith> <{d}n{(i * 7 + 1) % (triples // 3)}> .\n")
            count, i = count + 3, i + 1
    return path



@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A started Virtuoso with the bundled and the 100k graphs loaded; stopped at the end."""
    reason = virtuoso_missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    server = VirtuosoServer(folder)
    server.start()
    try:
        server.enable_text_index()  # search goes through it; Oxigraph's server checks the scan
        server.load(list(bundled.bundled_graph_files()), BUNDLED_GRAPH)
        server.load([generated_graph(folder / "generated-100k.nt")], SCALE_GRAPH)
        server.grant_update()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Oxigraph's own SPARQL server with the bundled and the 100k graphs loaded; stopped at the end."""
    reason = oxigraph_missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("oxigraph")
    server = OxigraphServer(folder)
    server.load(list(bundled.bundled_graph_files()), BUNDLED_GRAPH)
    server.load([generated_graph(folder / "generated-100k.nt")], SCALE_GRAPH)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def remote_bundled(virtuoso) -> KnowledgeGraph:
    return KnowledgeGraph.connect(virtuoso.url, default_graph=BUNDLED_GRAPH, timeout=30)


@pytest.fixture(scope="session")
def embedded_scale(tmp_path_factory) -> KnowledgeGraph:
    folder = tmp_path_factory.mktemp("scale")
    graph = KnowledgeGraph()
    graph.load([generated_graph(folder / "generated-100k.nt")])
    return graph


@pytest.fixture(scope="session")
def remote_scale(virtuoso) -> KnowledgeGraph:
    return KnowledgeGraph.connect(virtuoso.url, default_graph=SCALE_GRAPH, timeout=60)


class OxigraphHttpEndpoint:
    """A second SPARQL engine behind the protocol: Oxigraph (strict SPARQL 1.1) served over
    loopback HTTP, so the remote code is checked against more than one server's dialect."""

    def __init__(self, files: list[Path]) -> None:
        import threading
        import urllib.parse
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        import pyoxigraph as ox

        store = ox.Store()
        for path in files:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        self.queries: list[str] = []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = self.rfile.read(length).decode("utf-8") if length else urllib.parse.urlsplit(self.path).query
                query = urllib.parse.parse_qs(form).get("query", [""])[0]
                endpoint.queries.append(query)
                try:
                    answer = store.query(query, use_default_graph_as_union=True)
                    if isinstance(answer, ox.QueryTriples):
                        body, media = answer.serialize(format=ox.RdfFormat.N_TRIPLES), "application/n-triples"
                    else:
                        body, media = answer.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json"
                    # Query answers must die on the thread that made them (pyoxigraph objects are unsendable).
                    del answer
                    status = 200
                except SyntaxError as error:
                    body, media, status = f"Parse error: {error}".encode(), "text/plain", 400
                self.send_response(status)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def oxigraph_http():
    endpoint = OxigraphHttpEndpoint(list(bundled.bundled_graph_files()))
    yield endpoint
    endpoint.close()


@pytest.fixture(scope="session")
def oxigraph_bundled(oxigraph_server) -> KnowledgeGraph:
    return KnowledgeGraph.connect(oxigraph_server.url, default_graph=BUNDLED_GRAPH, timeout=30)


@pytest.fixture(scope="session")
def oxigraph_scale(oxigraph_server) -> KnowledgeGraph:
    return KnowledgeGraph.connect(oxigraph_server.url, default_graph=SCALE_GRAPH, timeout=60)


@pytest.fixture(params=["embedded", "virtuoso", "oxigraph-server", "oxigraph-http"])
def kg(request, bundled_graph) -> KnowledgeGraph:
    """The bundled graph in the embedded store, on Virtuoso, on Oxigraph's server, and on a
    pyoxigraph store behind Python's HTTP server (strict SPARQL 1.1, every query recorded)."""
    if request.param == "embedded":
        return bundled_graph
    if request.param == "oxigraph-http":
        return KnowledgeGraph.connect(request.getfixturevalue("oxigraph_http").url, timeout=30)
    if request.param == "oxigraph-server":
        return request.getfixturevalue("oxigraph_bundled")
    return request.getfixturevalue("remote_bundled")


@pytest.fixture(params=["embedded", "virtuoso", "oxigraph-server"])
def kg_scale(request) -> KnowledgeGraph:
    """The generated 100k-triple graph, embedded and on each server."""
    name = {"embedded": "embedded_scale", "virtuoso": "remote_scale", "oxigraph-server": "oxigraph_scale"}
    return request.getfixturevalue(name[request.param])
