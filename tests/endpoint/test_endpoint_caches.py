"""A session asks the server as little as it can: a neighbourhood and its labels in one query,
labels kept until the graph changes; links always read afresh (another client may change them)."""

from __future__ import annotations

import pytest

from conftest import BUNDLED_GRAPH
from explorer.core.graph import KnowledgeGraph

pytestmark = pytest.mark.endpoint

D = "https://w3id.org/kg-explorer/data/"


def test_an_update_forgets_what_was_kept(virtuoso):
    scratch = "urn:kg-explorer:test:caches"
    graph = KnowledgeGraph.connect(virtuoso.url, default_graph=scratch, allow_update=True, update_url=virtuoso.auth_url,
                                   auth=("digest", "dba", "dba"))
    graph.query(f"INSERT DATA {{ GRAPH <{scratch}> {{ <{D}a> <{D}knows> <{D}b> }} }}")
    assert [e.other for e in graph.neighbours(D + "a").outgoing] == [D + "b"]
    graph.query(f"INSERT DATA {{ GRAPH <{scratch}> {{ <{D}a> <{D}knows> <{D}c> }} }}")
    assert sorted(e.other for e in graph.neighbours(D + "a").outgoing) == [D + "b", D + "c"]
    graph.query(f"CLEAR GRAPH <{scratch}>")
    assert graph.neighbours(D + "a").outgoing == []


@pytest.mark.parametrize("server", ["virtuoso", "oxigraph_server"])
def test_links_come_with_their_labels(request, server, bundled_graph):
    endpoint = request.getfixturevalue(server)
    graph = KnowledgeGraph.connect(endpoint.url, default_graph=BUNDLED_GRAPH)
    sent: list[str] = []
    original = graph.backend.transport.send
    graph.backend.transport.send = lambda field, text, *a, **k: sent.append(text) or original(field, text, *a, **k)
    around = graph.neighbours(D + "China", limit=100)
    expected = bundled_graph.neighbours(D + "China", limit=100)
    assert sorted((e.predicate, e.other, e.other_label) for e in around.edges) == \
           sorted((e.predicate, e.other, e.other_label) for e in expected.edges)
    assert (around.omitted_outgoing, around.omitted_incoming) == (expected.omitted_outgoing, expected.omitted_incoming)
    # Links of both directions and the neighbours' labels: one query; no label query for a neighbour.
    assert sum("UNION" in query and "?lp" in query for query in sent) == 1
    neighbours = {f"<{e.other}>" for e in around.edges}
    assert not any("VALUES ?e" in query and any(n in query for n in neighbours) for query in sent)
