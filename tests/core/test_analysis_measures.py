"""Centrality and communities checked against networkx on small graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from explorer.core.analysis import Scope, build_link_graph, centrality, communities
from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken

E = "http://e/"


def _graph(edges: list[tuple[str, str]], predicate: str = "link", extra: str = "") -> KnowledgeGraph:
    lines = [f"<{E}{s}> <{E}{predicate}> <{E}{o}> ." for s, o in edges]
    kg = KnowledgeGraph()
    kg.load_text("\n".join(lines) + "\n" + extra, "ntriples")
    return kg


def _nx(edges: list[tuple[str, str]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_edges_from((E + s, E + o) for s, o in edges)
    return graph


# A star with a tail and a dangling node: PageRank's known answer has the hub first.
STAR = [("a", "hub"), ("b", "hub"), ("c", "hub"), ("hub", "d"), ("d", "e"), ("e", "a"), ("f", "a")]
# Two four-cliques joined by one bridge c—x: two communities, c and x broker between them.
CLIQUES = [(u, v) for group in ("abcd", "wxyz") for i, u in enumerate(group) for v in group[i + 1:]] + [("c", "x")]


def test_pagerank_matches_networkx():
    kg = _graph(STAR)
    result = centrality(kg, Scope.of_graph(), "pagerank")
    expected = _pagerank_python(_nx(STAR), alpha=0.85, tol=1e-10, max_iter=1000)
    assert set(result.values) == set(expected)
    for entity, value in expected.items():
        assert result.values[entity] == pytest.approx(value, abs=1e-5)
    assert result.ranked(1)[0][0] == E + "hub"
    assert sum(result.values.values()) == pytest.approx(1.0)
    assert result.iterations and result.iterations > 1


def test_degree_counts_distinct_links_both_ways():
    kg = _graph([*STAR, ("a", "hub")])  # a repeated triple is one link
    result = centrality(kg, Scope.of_graph(), "degree")
    assert result.values == {node: float(d) for node, d in _nx(STAR).degree()}
    assert result.values[E + "hub"] == 4.0


def test_exact_betweenness_matches_networkx():
    kg = _graph(CLIQUES)
    result = centrality(kg, Scope.of_graph(), "betweenness")
    expected = nx.betweenness_centrality(_nx(CLIQUES).to_undirected())
    assert result.sample_size is None
    for entity, value in expected.items():
        assert result.values[entity] == pytest.approx(value)
    top_two = {entity for entity, _ in result.ranked(2)}
    assert top_two == {E + "c", E + "x"}


def test_betweenness_is_sampled_with_the_sample_size_reported():
    path = [(f"n{i}", f"n{i + 1}") for i in range(40)]
    kg = _graph(path)
    result = centrality(kg, Scope.of_graph(), "betweenness", sample=10, seed=3)
    assert result.sample_size == 10
    assert "sampled from 10 of 41 sources" in result.note()
    # The middle of a path stays far more central than its ends, even from a sample.
    assert result.values[E + "n20"] > result.values[E + "n1"]


def test_communities_find_the_two_cliques_and_the_brokers():
    kg = _graph(CLIQUES)
    result = communities(kg, Scope.of_graph())
    assert sorted(sorted(group) for group in result.communities) == [
        [E + ch for ch in "abcd"], [E + ch for ch in "wxyz"]]
    graph = _nx(CLIQUES).to_undirected()
    assert result.modularity == pytest.approx(nx.community.modularity(graph, [set(g) for g in result.communities]))
    best = max(nx.community.modularity(graph, p) for p in [nx.community.louvain_communities(graph, seed=s) for s in range(5)])
    assert result.modularity >= best - 1e-9
    brokers = {b.entity for b in result.brokers}
    assert brokers == {E + "c", E + "x"}
    assert all(b.bridging_links == 1 and len(b.reaches) == 1 for b in result.brokers)


def test_scope_of_canvas_entities_keeps_only_links_among_them():
    kg = _graph(CLIQUES)
    result = centrality(kg, Scope.of_entities([E + "a", E + "b", E + "c", E + "x"]), "degree")
    assert result.node_count == 4 and result.link_count == 4  # a-b, a-c, b-c, c-x
    assert result.values[E + "x"] == 1.0


def test_scope_around_a_focus_follows_links_both_ways():
    kg = _graph(STAR)
    links = build_link_graph(kg, Scope.around(E + "hub", 1))
    assert set(links.nodes) == {E + n for n in ("hub", "a", "b", "c", "d")}
    links = build_link_graph(kg, Scope.around(E + "hub", 2))
    assert E + "e" in links.nodes and E + "f" in links.nodes
    with pytest.raises(ExplorerError, match="not in the graph"):
        build_link_graph(kg, Scope.around(E + "nowhere", 1))


def test_literals_schema_and_evidence_records_are_not_entities():
    extra = (
        f'<{E}a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n'
        f"<{E}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{E}Thing> .\n"
        f"<{E}r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .\n"
        f"<{E}r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{E}a> .\n"
        f"<{E}r> <http://www.w3.org/ns/prov#wasDerivedFrom> <{E}article> .\n"
    )
    kg = _graph([("a", "b")], extra=extra)
    links = build_link_graph(kg, Scope.of_graph())
    assert sorted(links.nodes) == [E + "a", E + "b"]
    assert links.link_count == 1


def test_progress_is_reported_and_cancel_stops_the_work():
    kg = _graph(STAR)
    reports: list[tuple[float | None, str]] = []
    centrality(kg, Scope.of_graph(), "pagerank", progress=lambda f, m: reports.append((f, m)))
    assert reports and any("PageRank" in m for _, m in reports)
    assert all(f is None or 0.0 <= f <= 1.0 for f, _ in reports)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        communities(kg, Scope.of_graph(), cancel=token)


def test_bundled_graph_measures(bundled_graph):
    result = centrality(bundled_graph, Scope.of_graph(), "degree")
    assert result.node_count > 30
    # The industrial internet and the alliance are among the best-connected entities of the article.
    top = dict(result.ranked(8))
    assert "https://w3id.org/kg-explorer/data/IndustrialInternet" in top
    assert "https://w3id.org/kg-explorer/data/Zhejiang5GIndustryAlliance" in top
    grouped = communities(bundled_graph, Scope.of_graph())
    assert len(grouped.communities) >= 3 and grouped.modularity > 0.3
    assert "https://w3id.org/kg-explorer/data/Zhejiang5GIndustryAlliance" in {b.entity for b in grouped.brokers}


def test_the_stores_bulk_links_match_the_protocol_default(bundled_graph):
    from explorer.core.backends.base import Backend

    native = set(bundled_graph.entity_links())
    default = set(Backend.entity_links(bundled_graph.backend))
    assert native == default and len(native) > 40
    # Evidence records, selectors, date-time descriptions and schema terms are not entities.
    ends = {s for s, _, _ in native} | {o for _, _, o in native}
    assert not any("/evidence/" in e for e in ends)
    assert "https://w3id.org/kg-explorer/ontology#exposedTo" not in ends


def test_betweenness_on_a_random_graph_with_parallel_and_self_links_matches_networkx():
    import random

    rng = random.Random(7)
    edges = [(f"n{rng.randrange(60)}", f"n{rng.randrange(60)}") for _ in range(170)]
    kg = _graph(edges, extra=f"<{E}n1> <{E}other> <{E}n2> .\n<{E}n3> <{E}link> <{E}n3> .")
    result = centrality(kg, Scope.of_graph(), "betweenness")
    graph = nx.Graph()
    graph.add_edges_from((E + s, E + o) for s, o in [*edges, ("n1", "n2")] if s != o)
    graph.add_nodes_from(result.values)
    expected = nx.betweenness_centrality(graph)
    assert result.sample_size is None
    for entity, value in expected.items():
        assert result.values[entity] == pytest.approx(value, abs=1e-12)
