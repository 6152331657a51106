"""What a view costs in round trips to a server, with answers equal to the embedded store's:
a neighbourhood (links, labels, words) in one query with the count of the rest beside it, a
description in two, and a keystroke that only lengthens a fully answered text in none."""

from __future__ import annotations

import time

import pytest

from conftest import BUNDLED_GRAPH
from explorer.core.backends import endpoint_recent
from explorer.core.graph import KnowledgeGraph

pytestmark = pytest.mark.endpoint

D = "https://w3id.org/kg-explorer/data/"
K = "https://w3id.org/kg-explorer/ontology#"
SERVERS = ["virtuoso", "oxigraph_server"]


def connect(request, server: str) -> tuple[KnowledgeGraph, list[str]]:
    """A fresh session (nothing kept) and the queries it sends."""
    graph = KnowledgeGraph.connect(request.getfixturevalue(server).url, default_graph=BUNDLED_GRAPH, timeout=30)
    sent: list[str] = []
    original = graph.backend.transport.send
    graph.backend.transport.send = lambda field, text, *a, **k: sent.append(text) or original(field, text, *a, **k)
    assert graph.backend.text_index in ("virtuoso", None)  # detected once per connection, not part of a view
    sent.clear()
    return graph, sent


def edges(around) -> list[tuple[str, str, bool, str, str]]:
    return sorted((e.predicate, e.other, e.forward, e.words, e.other_label) for e in [*around.outgoing, *around.incoming])


@pytest.mark.parametrize("server", SERVERS)
def test_a_neighbourhood_is_one_query_and_a_count_beside_it(request, server, bundled_graph):
    graph, sent = connect(request, server)
    around = graph.neighbours(D + "China", limit=5)
    expected = bundled_graph.neighbours(D + "China", limit=5)
    # The links' words (labels, inverse labels read backward) came with the links. (Which
    # five links fill a page is the server's choice: the words are checked link by link.)
    assert [e.words for e in around.edges] == \
           [bundled_graph.predicate_words(e.predicate, e.forward) for e in around.edges]
    assert [e.other_label for e in around.edges] == [bundled_graph.label(e.other) for e in around.edges]
    assert (around.omitted_outgoing, around.omitted_incoming) == (expected.omitted_outgoing, expected.omitted_incoming)
    assert around.omitted_incoming > 0
    assert len(sent) == 2 and sum("COUNT(*)" in query for query in sent) == 1
    # Every link on the page, in words and labels, is the embedded store's.
    whole = graph.neighbours(D + "China", limit=200)
    assert edges(whole) == edges(bundled_graph.neighbours(D + "China", limit=200))


@pytest.mark.parametrize("server", SERVERS)
def test_a_small_neighbourhood_does_not_wait_for_its_count(request, server, bundled_graph):
    graph, sent = connect(request, server)
    around = graph.neighbours(D + "ChinaMobileZhejiang", limit=100)
    assert edges(around) == edges(bundled_graph.neighbours(D + "ChinaMobileZhejiang", limit=100))
    assert (around.omitted_outgoing, around.omitted_incoming) == (0, 0)
    # Only the words of the links were asked, with the links: nothing after them.
    assert sum("?lp" in query for query in sent) == 1
    assert not any("VALUES ?e" in query for query in sent)


def description(graph: KnowledgeGraph, entity: str) -> tuple:
    found = graph.describe(entity)
    return (found.label, found.labels, found.classes, found.literals, edges(found), found.omitted_outgoing,
            found.omitted_incoming, found.superclasses, found.equivalent_classes)


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize("entity", [D + "ChinaMobile", K + "MobileNetworkOperator", D + "China"])
def test_a_description_is_three_round_trips(request, server, entity, bundled_graph):
    graph, sent = connect(request, server)
    assert description(graph, entity) == description(bundled_graph, entity)
    # Its classes; its statements and the labels they name; then the links with their words
    # (and the count of what a full page left out).
    assert len([query for query in sent if "COUNT(*)" not in query]) == 3


@pytest.mark.parametrize("server", SERVERS)
def test_a_description_counts_left_out_links_only_when_a_page_is_full(request, server, bundled_graph):
    graph, sent = connect(request, server)
    graph.describe(D + "ChinaMobile")
    assert not any("COUNT(*)" in query for query in sent)  # nothing was left out: nothing counted
    sent.clear()
    found, expected = graph.describe(D + "China", limit=3), bundled_graph.describe(D + "China", limit=3)
    assert (found.omitted_outgoing, found.omitted_incoming) == (expected.omitted_outgoing, expected.omitted_incoming)
    assert found.omitted_incoming > 0 and sum("COUNT(*)" in query for query in sent) == 1


@pytest.mark.parametrize("server", SERVERS)
def test_asking_only_for_classes_reads_only_classes(request, server, bundled_graph):
    """A canvas node asks for its entity's class: one small query, not the whole description."""
    graph, sent = connect(request, server)
    assert graph.main_class(D + "ChinaMobile") == bundled_graph.main_class(D + "ChinaMobile")
    assert not any("?k" in query for query in sent)  # no profile of the entity
    assert sum("ChinaMobile>" in query for query in sent) == 1  # its classes, and nothing else about it


def test_a_class_description_has_its_axioms(request, bundled_graph):
    graph, _ = connect(request, "oxigraph_server")
    classes = [c for c in bundled_graph.class_hierarchy() if bundled_graph.class_hierarchy()[c].parents]
    cls = next(c for c in classes if bundled_graph.describe(c).superclasses)
    found = graph.describe(cls)
    assert found.superclasses == bundled_graph.describe(cls).superclasses != []


@pytest.mark.parametrize("server", SERVERS)
def test_statements_read_for_a_view_are_read_again_a_moment_later(request, server, monkeypatch):
    graph, sent = connect(request, server)
    graph.describe(D + "ChinaMobile")
    literals = graph.backend.literals(D + "ChinaMobile")
    before = len(sent)
    assert graph.backend.literals(D + "ChinaMobile") == literals and len(sent) == before  # the same view
    profile = graph.backend._profiles[D + "ChinaMobile"]
    profile.read_at = time.monotonic() - endpoint_recent.RECENT_SECONDS - 1
    assert graph.backend.literals(D + "ChinaMobile") == literals
    assert len(sent) == before + 1  # another client may have changed them since


def test_a_change_made_here_is_seen_at_once(virtuoso):
    scratch = "urn:kg-explorer:test:round-trips"
    graph = KnowledgeGraph.connect(virtuoso.url, default_graph=scratch, allow_update=True, update_url=virtuoso.auth_url,
                                   auth=("digest", "dba", "dba"))
    try:
        graph.query(f'INSERT DATA {{ GRAPH <{scratch}> {{ <{D}a> <{K}note> "one" }} }}')
        assert [str(value) for _, _, value in graph.describe(D + "a").literals] == ["one"]
        graph.query(f'INSERT DATA {{ GRAPH <{scratch}> {{ <{D}a> <{K}note> "two" }} }}')
        assert sorted(str(value) for _, _, value in graph.describe(D + "a").literals) == ["one", "two"]
    finally:
        graph.query(f"CLEAR GRAPH <{scratch}>")


def hits(graph: KnowledgeGraph, text: str) -> list[tuple[str, str]]:
    return [(hit.entity, hit.matched, hit.quality) for hit in graph.search(text, limit=20)]


def test_a_lengthened_keystroke_narrows_a_complete_answer(request, bundled_graph):
    graph, sent = connect(request, "oxigraph_server")
    assert hits(graph, "zhej") == hits(bundled_graph, "zhej")
    scans = sum("CONTAINS" in query for query in sent)
    assert scans == 1  # every label containing "zhej" came back: the answer was not cut
    for typed in ("zheji", "zhejia", "zhejiang", "zhejiang "):
        assert hits(graph, typed) == hits(bundled_graph, typed), typed
    assert sum("CONTAINS" in query for query in sent) == scans
    # A text that is not a lengthening of it asks the server again.
    assert hits(graph, "ningbo") == hits(bundled_graph, "ningbo")
    assert sum("CONTAINS" in query for query in sent) == scans + 1


@pytest.mark.parametrize("server", SERVERS)
def test_a_search_asks_its_hits_classes_with_their_labels(request, server, bundled_graph):
    """Search ranks things in the world above ontology terms by the hits' classes: they come in
    the label query's answer, not in a round trip after it."""
    graph, sent = connect(request, server)
    assert hits(graph, "china mobile") == hits(bundled_graph, "china mobile")
    assert sent and all("?e a ?t" in query for query in sent)
    assert not any(query.startswith("SELECT DISTINCT ?e ?t") for query in sent)


def test_a_cut_answer_is_not_narrowed(request):
    graph, sent = connect(request, "oxigraph_server")
    fresh, _ = connect(request, "oxigraph_server")
    graph.backend.label_candidates("a", 5)  # far more than five labels contain "a"
    before = len(sent)
    assert {e.entity for e in graph.backend.label_candidates("an", 500)} == \
           {e.entity for e in fresh.backend.label_candidates("an", 500)}
    assert len(sent) > before


def test_a_keystroke_through_the_text_index_is_asked_again(request, bundled_graph):
    graph, sent = connect(request, "virtuoso")
    assert hits(graph, "zhe") == hits(bundled_graph, "zhe")  # scanned (too short for the index)
    before = len(sent)
    assert hits(graph, "zhej") == hits(bundled_graph, "zhej")
    assert any("bif:contains" in query for query in sent[before:])


def test_a_failed_count_is_an_error_only_when_it_is_needed(request, bundled_graph):
    from explorer.core.backends.endpoint_config import EndpointError

    graph, _ = connect(request, "oxigraph_server")
    original = graph.backend.transport.send

    def refuse_counts(field, text, *args, **kwargs):
        if "COUNT(*)" in text:
            raise EndpointError("http://server/ answered HTTP 503: counting refused")
        return original(field, text, *args, **kwargs)

    graph.backend.transport.send = refuse_counts
    small = graph.neighbours(D + "ChinaMobileZhejiang", limit=100)  # everything fitted: the count is not waited for
    assert edges(small) == edges(bundled_graph.neighbours(D + "ChinaMobileZhejiang", limit=100))
    with pytest.raises(EndpointError, match="counting refused"):
        graph.neighbours(D + "China", limit=3)
