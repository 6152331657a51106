"""Path finding: modes, constraints, ordering, cancel, and the chains the bundled graph must answer."""

from __future__ import annotations

import doctest
import itertools
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import explorer.core.paths as paths_module
from explorer.core.errors import Cancelled, EntityNotFound, ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.core.paths import GraphPath, Hop, class_closure, connecting_network, find_paths
from explorer.core.tasks import CancelToken

E = "http://example.org/"
D = "https://w3id.org/kg-explorer/data/"
K = "https://w3id.org/kg-explorer/ontology#"
ORG = "http://www.w3.org/ns/org#"

PREAMBLE = """
@prefix e: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix kg: <https://w3id.org/kg-explorer/ontology#> .
"""


def graph(turtle: str) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.load_text(PREAMBLE + turtle, "turtle")
    return kg


def chains(found: list[GraphPath]) -> list[list[str]]:
    """Each path as [node, predicate-with-arrow, node, …] in local names, for readable asserts."""
    out = []
    for path in found:
        row = [path.nodes[0].rsplit("/", 1)[-1]]
        for hop in path.hops:
            name = hop.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            row += [f"{name}>" if hop.forward else f"<{name}", hop.target.rsplit("/", 1)[-1]]
        out.append(row)
    return out


@pytest.fixture(scope="module")
def diamond() -> KnowledgeGraph:
    # a → b → d, a → c → d (two shortest), a → x → y → d (longer), plus a class hierarchy.
    return graph("""
    e:Place a owl:Class . e:City a owl:Class ; rdfs:subClassOf e:Place . e:Firm a owl:Class .
    e:a e:owns e:b ; e:owns e:c ; e:knows e:x .
    e:b e:in e:d . e:c e:near e:d .
    e:x e:knows e:y . e:y e:knows e:d .
    e:b a e:Firm . e:c a e:City . e:x a e:Place . e:y a e:Firm .
    e:b rdfs:label "Bravo" . e:c rdfs:label "Charlie" .
    """)


def test_shortest_returns_every_tie_sorted_by_words(diamond):
    found = find_paths(diamond, E + "a", E + "d")
    assert chains(found) == [["a", "owns>", "b", "in>", "d"], ["a", "owns>", "c", "near>", "d"]]
    assert [p.length for p in found] == [2, 2]
    assert found[0].words(diamond) == "a —owns→ Bravo —in→ d"


def test_k_shortest_orders_by_length_then_words(diamond):
    found = find_paths(diamond, E + "a", E + "d", mode="k", k=3)
    assert [p.length for p in found] == [2, 2, 3]
    assert chains(found)[2] == ["a", "knows>", "x", "knows>", "y", "knows>", "d"]
    assert len(find_paths(diamond, E + "a", E + "d", mode="k", k=1)) == 1


def test_all_paths_respects_max_hops_and_limit(diamond):
    assert len(find_paths(diamond, E + "a", E + "d", mode="all", max_hops=3)) == 3
    assert len(find_paths(diamond, E + "a", E + "d", mode="all", max_hops=2)) == 2
    assert len(find_paths(diamond, E + "a", E + "d", mode="all", limit=1)) == 1


def test_predicate_filters(diamond):
    only_owns_in = find_paths(diamond, E + "a", E + "d", mode="all", allowed_predicates=[E + "owns", E + "in"])
    assert chains(only_owns_in) == [["a", "owns>", "b", "in>", "d"]]
    without_owns = find_paths(diamond, E + "a", E + "d", mode="all", excluded_predicates=[E + "owns"])
    assert chains(without_owns) == [["a", "knows>", "x", "knows>", "y", "knows>", "d"]]


def test_predicate_filter_covers_the_named_inverse():
    kg = graph("e:has owl:inverseOf e:of . e:a e:has e:b . e:c e:of e:b .")
    # a → b is stored with e:has, b → c against e:of: allowing e:has alone allows both facts' kind.
    found = find_paths(kg, E + "a", E + "c", allowed_predicates=[E + "has"])
    assert chains(found) == [["a", "has>", "b", "<of", "c"]]
    assert find_paths(kg, E + "a", E + "c", excluded_predicates=[E + "of"]) == []


def test_via_classes_counts_subclasses(diamond):
    through_place = find_paths(diamond, E + "a", E + "d", mode="all", via_classes=[E + "Place"])
    # c is a City (a subclass of Place), x is a Place.
    assert chains(through_place) == [["a", "owns>", "c", "near>", "d"], ["a", "knows>", "x", "knows>", "y", "knows>", "d"]]
    shortest_via_firm = find_paths(diamond, E + "a", E + "d", via_classes=[E + "Firm"])
    assert chains(shortest_via_firm) == [["a", "owns>", "b", "in>", "d"]]


def test_avoid_classes_counts_subclasses(diamond):
    avoiding_place = find_paths(diamond, E + "a", E + "d", mode="all", avoid_classes=[E + "Place"])
    assert chains(avoiding_place) == [["a", "owns>", "b", "in>", "d"]]
    assert find_paths(diamond, E + "a", E + "d", mode="all", avoid_classes=[E + "Place", E + "Firm"]) == []


def test_avoid_classes_never_excludes_the_endpoints(diamond):
    assert len(find_paths(diamond, E + "a", E + "c", avoid_classes=[E + "Place"])) == 1


def test_via_never_accepts_a_walk_that_revisits_a_node():
    # The only Place is a dead end hanging off b: a — b — p — b — t would be a walk, not a path.
    kg = graph("e:p a owl:Class . e:P a owl:Class . e:a e:r e:b . e:b e:r e:t . e:b e:r e:p . e:p a e:P .")
    assert find_paths(kg, E + "a", E + "t", mode="all", via_classes=[E + "P"], max_hops=6) == []


def test_direction(diamond):
    assert find_paths(diamond, E + "d", E + "a", direction="forward") == []
    backward = find_paths(diamond, E + "d", E + "a", direction="backward")
    assert chains(backward) == [["d", "<in", "b", "<owns", "a"], ["d", "<near", "c", "<owns", "a"]]
    assert all(not hop.forward for path in backward for hop in path.hops)
    assert len(find_paths(diamond, E + "a", E + "d", direction="forward")) == 2
    both = find_paths(diamond, E + "d", E + "a")
    assert [p.nodes for p in both] == [p.nodes for p in backward]


def test_backward_hops_read_with_the_inverse_words(bundled_graph):
    found = find_paths(bundled_graph, D + "ChinaMobileZhejiang", D + "ChinaMobile")
    assert found[0].hops == (Hop(D + "ChinaMobileZhejiang", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobile", False),)
    assert found[0].words(bundled_graph) == "China Mobile Zhejiang —branch of→ China Mobile"
    assert found[0].triples == [(D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobileZhejiang")]


def test_schema_links_are_not_hops_unless_asked():
    kg = graph("e:Firm a owl:Class . e:a a e:Firm . e:b a e:Firm . e:Sub rdfs:subClassOf e:Firm . e:c a e:Sub .")
    assert find_paths(kg, E + "a", E + "b") == []
    assert find_paths(kg, E + "a", E + "c") == []
    with_schema = find_paths(kg, E + "a", E + "b", include_schema=True)
    assert chains(with_schema) == [["a", "type>", "Firm", "<type", "b"]]


def test_a_link_to_a_class_is_not_a_shortcut_through_the_schema():
    kg = graph("e:Hospital a owl:Class . e:g1 kg:memberKind e:Hospital . e:g2 kg:memberKind e:Hospital .")
    assert find_paths(kg, E + "g1", E + "g2") == []
    assert len(find_paths(kg, E + "g1", E + "Hospital")) == 1  # an endpoint may be a class


def test_evidence_records_are_not_hops():
    kg = graph("""
    e:a e:r e:b .
    [] a rdf:Statement ; rdf:subject e:a ; rdf:predicate e:r ; rdf:object e:b ; kg:quote "a r b" ; e:mentions e:z .
    """)
    assert find_paths(kg, E + "a", E + "z") == []
    assert len(find_paths(kg, E + "a", E + "b", mode="all")) == 1


def test_a_fact_stored_both_ways_is_one_link():
    kg = graph("e:has owl:inverseOf e:of . e:a e:has e:b . e:b e:of e:a . e:s a owl:SymmetricProperty . e:b e:s e:c . e:c e:s e:b .")
    found = find_paths(kg, E + "a", E + "c", mode="all")
    assert chains(found) == [["a", "has>", "b", "s>", "c"]]


def test_no_path_and_trivial_cases(diamond):
    assert find_paths(diamond, E + "a", E + "Firm") == []  # only a schema link leads there
    with pytest.raises(EntityNotFound, match="not an entity of this graph"):
        find_paths(diamond, E + "a", E + "nowhere")
    assert find_paths(diamond, E + "a", E + "a") == []
    assert find_paths(diamond, E + "a", E + "d", max_hops=1) == []


def test_bad_arguments_raise_one_line_errors(diamond):
    with pytest.raises(ExplorerError, match="unknown path mode"):
        find_paths(diamond, E + "a", E + "d", mode="longest")  # type: ignore[arg-type]
    with pytest.raises(ExplorerError, match="unknown direction"):
        find_paths(diamond, E + "a", E + "d", direction="sideways")  # type: ignore[arg-type]
    with pytest.raises(ExplorerError, match="at least 1"):
        find_paths(diamond, E + "a", E + "d", max_hops=0)


def test_cancel_stops_the_search(diamond):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        find_paths(diamond, E + "a", E + "d", mode="all", cancel=token)


def test_cancel_midway_on_a_big_search():
    # A 30-node clique has far too many simple paths to list: cancelling from progress stops it.
    lines = [f"e:n{i} e:r e:n{j} ." for i in range(30) for j in range(i + 1, 30)]
    kg = graph("\n".join(lines))
    token = CancelToken()
    reports: list[str] = []

    def progress(fraction, message):
        reports.append(message)
        if "3 hops" in message:
            token.cancel()

    with pytest.raises(Cancelled):
        find_paths(kg, E + "n0", E + "n29", mode="all", max_hops=8, limit=10**9, progress=progress, cancel=token)
    assert any("3 hops" in message for message in reports)


def test_progress_reports_the_lengths_searched(diamond):
    seen: list[tuple[float | None, str]] = []
    find_paths(diamond, E + "a", E + "d", mode="k", k=3, progress=lambda f, m: seen.append((f, m)))
    messages = [m for _, m in seen]
    assert "Looking for paths of 2 hops" in messages and "Looking for paths of 3 hops" in messages
    assert seen[-1][0] == 1.0


@pytest.mark.parametrize("seed", range(6))
def test_all_paths_agree_with_a_brute_force_oracle(seed):
    """On small random graphs, every mode agrees with networkx's simple-path enumeration."""
    rng = random.Random(seed)
    nodes = 9
    edges = {(rng.randrange(nodes), rng.choice("pq"), rng.randrange(nodes)) for _ in range(16)}
    edges = {(s, p, o) for s, p, o in edges if s != o}
    kg = graph("\n".join(f"e:n{s} e:{p} e:n{o} ." for s, p, o in edges))
    undirected = nx.MultiGraph()
    undirected.add_nodes_from(range(nodes))
    for s, p, o in edges:
        undirected.add_edge(s, o, key=(s, p, o))
    for source, target in [(0, 1), (2, 7), (3, 8)]:
        expected = sorted(len(route) for route in nx.all_simple_edge_paths(undirected, source, target, cutoff=4))
        found = find_paths(kg, f"{E}n{source}", f"{E}n{target}", mode="all", max_hops=4, limit=10**6)
        assert [p.length for p in found] == expected
        assert len({(p.nodes, p.hops) for p in found}) == len(found)
        shortest = find_paths(kg, f"{E}n{source}", f"{E}n{target}", max_hops=4, limit=10**6)
        assert [p.length for p in shortest] == [x for x in expected if x == expected[0]] if expected else shortest == []
        k3 = find_paths(kg, f"{E}n{source}", f"{E}n{target}", mode="k", k=3, max_hops=4)
        assert k3 == found[:3]


# ------------------------------------------------------------------ the chains of ONTOLOGY.md

def test_chain_1_china_mobile_to_remote_healthcare(bundled_graph):
    found = find_paths(bundled_graph, D + "ChinaMobile", D + "FiveGRemoteHealthcareServices")
    assert chains(found)[0] == [
        "ChinaMobile", "hasBranch>", "ChinaMobileZhejiang", "established>", "Zhejiang5GIndustryAlliance",
        "partneredWith>", "HospitalPartners", "supports>", "FiveGRemoteHealthcareServices",
    ]
    assert found[0].hops[0].predicate == "https://w3id.org/kg-explorer/ontology#hasBranch"
    assert found[0].hops[1].predicate == K + "established"
    assert found[0].words(bundled_graph).startswith(
        "China Mobile —has branch→ China Mobile Zhejiang —established→ Zhejiang 5G industry alliance")


def test_chain_2_smart_port_to_china(bundled_graph):
    found = find_paths(bundled_graph, D + "ChinaMobileZhejiang", D + "China", mode="k", k=5)
    assert [
        "ChinaMobileZhejiang", "established>", "Zhejiang5GIndustryAlliance", "built>", "NingboSmartPort",
        "locatedIn>", "Ningbo", "locatedIn>", "Zhejiang", "locatedIn>", "China",
    ] in chains(found)


def test_chain_3_cyber_risks_who_warned_and_what_is_needed(bundled_graph):
    kg = bundled_graph
    for harm in ("InformationCompromise", "EnterpriseWideHarm"):
        found = find_paths(kg, D + "IndustrialInternet", D + harm)
        assert chains(found)[0] == ["IndustrialInternet", "exposedTo>", "SophisticatedCyberattacks", "leadsTo>", harm]
    assert chains(find_paths(kg, D + "Liu", D + "SophisticatedCyberattacks"))[0] == [
        "Liu", "warnsOf>", "SophisticatedCyberattacks"]
    assert chains(find_paths(kg, D + "Liu", D + "CAICT"))[0] == ["Liu", "affiliatedWith>", "CAICT"]
    needs = find_paths(kg, D + "IndustrialInternet", D + "Liu", allowed_predicates=[K + "needs", K + "callsFor"])
    assert chains(needs) == [["IndustrialInternet", "needs>", "MoreCybersecurityResources", "<callsFor", "Liu"]]
    assert needs[0].words(kg) == "industrial internet —needs→ more cybersecurity resources —called for by→ Liu"


def test_chain_4_strategy_analytics_to_the_vendors_share(bundled_graph):
    found = find_paths(bundled_graph, D + "StrategyAnalytics", D + "ChineseSmartphoneVendors")
    assert chains(found)[0] == [
        "StrategyAnalytics", "<publishedBy", "StrategyAnalyticsLatestReport", "<reportedIn",
        "ChineseVendorsShareObservation", "about>", "ChineseSmartphoneVendors",
    ]


def test_chain_5_miit_to_the_platforms_in_china(bundled_graph):
    found = find_paths(bundled_graph, D + "MIIT", D + "China")
    assert chains(found)[0] == ["MIIT", "<reportedBy", "InfluentialIndustrialInternetPlatforms", "locatedIn>", "China"]


def test_bundled_graph_constraints(bundled_graph):
    kg = bundled_graph
    start, end = D + "ChinaMobile", D + "FiveGRemoteHealthcareServices"
    assert find_paths(kg, start, end, excluded_predicates=[K + "partneredWith"], max_hops=4) == []
    via_alliance = find_paths(kg, start, end, via_classes=[K + "IndustryAlliance"])
    assert D + "Zhejiang5GIndustryAlliance" in via_alliance[0].nodes
    assert find_paths(kg, start, end, avoid_classes=[K + "IndustryAlliance"], max_hops=4) == []
    assert find_paths(kg, end, start, direction="forward") == []
    assert len(find_paths(kg, end, start, direction="backward")) == 1


# ------------------------------------------------------------------ connecting network, API details

def test_connecting_network_joins_three_entities(bundled_graph):
    entities = [D + "ChinaMobile", D + "HospitalPartners", D + "Ningbo"]
    network = connecting_network(bundled_graph, entities)
    assert len(network) == 2
    covered = {node for path in network for node in path.nodes}
    assert set(entities) <= covered
    # Each path starts inside the network built so far.
    assert network[0].nodes[0] == D + "ChinaMobile"
    assert network[1].nodes[0] in set(network[0].nodes)


def test_connecting_network_leaves_out_what_it_cannot_join(diamond):
    network = connecting_network(diamond, [E + "a", E + "d", E + "Firm"])
    assert [p.nodes[-1] for p in network] == [E + "d"]
    assert connecting_network(diamond, [E + "a"]) == []


def test_graph_path_helpers():
    hop = Hop("s", "p", "t", True)
    path = GraphPath(["s", "t"], [hop])
    assert path.length == 1 and path.source == "s" and path.target == "t"
    assert path.reversed() == GraphPath(["t", "s"], [Hop("t", "p", "s", False)])
    assert path.reversed().triples == [("s", "p", "t")]
    with pytest.raises(ValueError):
        GraphPath(["s"], [hop])


def test_class_closure_includes_subclasses(bundled_graph):
    closure = class_closure(bundled_graph, [K + "Organization"])
    assert {K + "Organization", K + "TelecomOperator", K + "IndustryAlliance"} <= closure
    assert K + "Place" not in closure


def test_docstring_examples():
    result = doctest.testmod(paths_module)
    assert result.attempted >= 4
    assert result.failed == 0


# ----------------------------------------------------------------------------- inverses
_PREDICATES = [f"p{i}" for i in range(5)]


@st.composite
def inverse_declarations(draw: st.DrawFn) -> list[tuple[str, str]]:
    pairs = draw(st.lists(st.tuples(st.sampled_from(_PREDICATES), st.sampled_from(_PREDICATES)), max_size=6))
    return [(a, b) for a, b in pairs if a != b]


def _tied(declarations: list[tuple[str, str]], start: str) -> set[str]:
    tied, pending = set(), [start]
    while pending:
        p = pending.pop()
        if p not in tied:
            tied.add(p)
            pending += [b for a, b in declarations if a == p] + [a for a, b in declarations if b == p]
    return tied


@settings(max_examples=60, deadline=None)
@given(declarations=inverse_declarations(), stored=st.sampled_from(_PREDICATES),
       excluded=st.sampled_from(_PREDICATES), forward=st.booleans())
def test_excluding_a_predicate_excludes_facts_stored_under_any_of_its_inverses(declarations, stored, excluded,
                                                                                forward):
    # The one fact between a and b is stored under ``stored``, either way round.
    fact = f"e:a e:{stored} e:b ." if forward else f"e:b e:{stored} e:a ."
    kg = graph(" ".join(f"e:{a} owl:inverseOf e:{b} ." for a, b in declarations) + fact)
    found = find_paths(kg, E + "a", E + "b", excluded_predicates=[E + excluded])
    if stored in _tied(declarations, excluded):
        assert found == []
    else:
        assert len(found) == 1
    allowed = find_paths(kg, E + "a", E + "b", allowed_predicates=[E + excluded])
    assert (len(allowed) == 1) == (stored in _tied(declarations, excluded))


def test_a_predicate_with_two_inverses():
    kg = graph("e:has owl:inverseOf e:of . e:partOf owl:inverseOf e:has . e:b e:partOf e:a .")
    assert find_paths(kg, E + "a", E + "b", excluded_predicates=[E + "has"]) == []
    assert find_paths(kg, E + "a", E + "b", excluded_predicates=[E + "of"]) == []


# ------------------------------------------------------------------ oracle over hops, modes, direction, classes
def _oracle_paths(edges, types, source, target, *, max_hops, direction, via, avoid):
    """Every simple path by networkx, as (length, node tuple), with the constraints applied by hand."""
    graph_ = nx.MultiDiGraph() if direction != "both" else nx.MultiGraph()
    graph_.add_nodes_from(range(9))
    for s, p, o in edges:
        if direction == "backward":
            graph_.add_edge(o, s, key=(s, p, o))
        else:
            graph_.add_edge(s, o, key=(s, p, o))
    found = []
    for route in nx.all_simple_edge_paths(graph_, source, target, cutoff=max_hops):
        nodes = [source] + [edge[1] for edge in route]
        middle = nodes[1:-1]
        if any(types.get(n) in avoid for n in middle):
            continue
        if via and not any(types.get(n) in via for n in middle):
            continue
        found.append(len(route))
    return sorted(found)


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 10**6), max_hops=st.integers(1, 5), direction=st.sampled_from(["both", "forward", "backward"]),
       constraint=st.sampled_from(["none", "via", "avoid"]), mode=st.sampled_from(["shortest", "k", "all"]),
       k=st.integers(1, 4), limit=st.integers(1, 6))
def test_every_mode_agrees_with_the_oracle_at_every_hop_bound(seed, max_hops, direction, constraint, mode, k, limit):
    rng = random.Random(seed)
    edges = {(rng.randrange(9), rng.choice("pq"), rng.randrange(9)) for _ in range(rng.randrange(8, 20))}
    edges = {(s, p, o) for s, p, o in edges if s != o}
    types = {n: rng.choice(["A", "B", None]) for n in range(9)}
    lines = [f"e:n{s} e:{p} e:n{o} ." for s, p, o in edges]
    lines += [f"e:n{n} a e:{c} ." for n, c in types.items() if c]
    kg = graph("e:A a owl:Class . e:B a owl:Class . " + "\n".join(lines))
    via = {"A"} if constraint == "via" else set()
    avoid = {"B"} if constraint == "avoid" else set()
    source, target = 0, rng.randrange(1, 9)
    if not kg.exists(f"{E}n{target}") or not kg.exists(f"{E}n{source}"):
        return
    expected = _oracle_paths(edges, types, source, target, max_hops=max_hops, direction=direction, via=via, avoid=avoid)
    found = find_paths(kg, f"{E}n{source}", f"{E}n{target}", mode=mode, k=k, limit=limit, max_hops=max_hops,
                       direction=direction, via_classes=[E + c for c in via], avoid_classes=[E + c for c in avoid])
    if mode == "shortest":
        wanted = [x for x in expected if expected and x == expected[0]][:limit]
    elif mode == "k":
        wanted = expected[:min(k, limit)]
    else:
        wanted = expected[:limit]
    assert [p.length for p in found] == wanted
    assert all(p.nodes[0] == f"{E}n{source}" and p.nodes[-1] == f"{E}n{target}" for p in found)
    assert len({p.nodes for p in found}) == len(found) or len({(p.nodes, p.hops) for p in found}) == len(found)


def test_a_path_with_a_node_too_many_is_refused_in_words():
    with pytest.raises(ValueError, match=r"^a path has one more node than it has hops$"):
        GraphPath(["s", "t", "u"], [Hop("s", "p", "t", True)])


def test_schema_paths_through_a_wide_frontier():
    # Several entities of one class: the frontier holds more than one entity when the class is reached.
    kg = graph("e:Firm a owl:Class . e:a a e:Firm . e:b a e:Firm . e:c a e:Firm . e:a e:r e:z . e:z e:r e:w .")
    found = find_paths(kg, E + "w", E + "b", include_schema=True)
    assert chains(found) == [["w", "<r", "z", "<r", "a", "type>", "Firm", "<type", "b"]]


def test_connecting_network_of_two_entities_is_their_shortest_path(diamond):
    [path] = connecting_network(diamond, [E + "a", E + "d"])
    assert path.nodes[0] == E + "a" and path.nodes[-1] == E + "d" and path.length == 2


def test_connecting_network_reaches_four_hops_by_default_and_no_further():
    chain = " ".join(f"e:n{i} e:r e:n{i + 1} ." for i in range(5))
    kg = graph(chain)
    [path] = connecting_network(kg, [E + "n0", E + "n4"])
    assert path.length == 4
    assert connecting_network(kg, [E + "n0", E + "n5"]) == []
    assert connecting_network(kg, [E + "n0", E + "n5"], max_hops=5)[0].length == 5


def test_connecting_network_joins_the_nearest_first_and_each_entity_once():
    kg = graph("e:a e:r e:b . e:b e:r e:c . e:c e:r e:d .")
    network = connecting_network(kg, [E + "a", E + "c", E + "b", E + "c"])
    assert [p.nodes for p in network] == [(E + "a", E + "b"), (E + "b", E + "c")]


def test_connecting_network_walks_past_a_hidden_neighbour():
    # The start's first neighbour in sorted order is a class (not passable): its others still count.
    kg = graph("e:Aclass a owl:Class . e:s e:r e:Aclass . e:s e:r e:m . e:m e:r e:t .")
    [path] = connecting_network(kg, [E + "t", E + "s"])
    assert path.length == 2


def test_cancel_reaches_a_connecting_network_under_way():
    lines = [f"e:n{i} e:r e:n{j} ." for i in range(12) for j in range(i + 1, 12)]
    kg = graph("\n".join(lines) + " e:far e:r e:n11 .")
    token = CancelToken()
    calls = 0
    real_adjacent = kg.adjacent

    def adjacent(entity, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 3:
            token.cancel()
        return real_adjacent(entity, **kwargs)

    kg.adjacent = adjacent  # type: ignore[method-assign]
    with pytest.raises(Cancelled):
        connecting_network(kg, [E + "n0", E + "far", E + "n5", E + "n7"], cancel=token)


def test_bad_arguments_are_named_with_the_choices():
    kg = graph("e:a e:r e:b .")
    with pytest.raises(ExplorerError) as mode:
        find_paths(kg, E + "a", E + "b", mode="longest")  # type: ignore[arg-type]
    assert str(mode.value) == "unknown path mode 'longest' (use one of: shortest, k, all)"
    with pytest.raises(ExplorerError) as direction:
        find_paths(kg, E + "a", E + "b", direction="up")  # type: ignore[arg-type]
    assert str(direction.value) == "unknown direction 'up' (use one of: both, forward, backward)"
    for bad in ({"k": 0}, {"limit": 0}, {"max_hops": 0}):
        with pytest.raises(ExplorerError) as caught:
            find_paths(kg, E + "a", E + "b", **bad)
        assert str(caught.value) == "max hops, k and limit must be at least 1"
    with pytest.raises(EntityNotFound) as start:
        find_paths(kg, E + "nowhere", E + "b")
    assert str(start.value) == "the path's start 'http://example.org/nowhere' is not an entity of this graph"
    with pytest.raises(EntityNotFound) as end:
        find_paths(kg, E + "a", "")
    assert str(end.value) == "the path's end '' is not an entity of this graph"


def test_progress_says_what_it_looks_for_and_when_there_is_no_path():
    kg = graph("e:a e:r e:b . e:c e:r e:d .")
    seen: list[tuple[float | None, str]] = []
    assert find_paths(kg, E + "a", E + "d", progress=lambda f, m: seen.append((f, m))) == []
    assert seen == [(None, "Looking for the shortest path"), (1.0, "No path")]


def test_defaults_five_paths_for_k_six_hops_a_hundred_paths():
    # 120 parallel two-hop routes a → mK → z, and a chain a → c0 → … → c6 (seven hops to c6).
    kg = graph(" ".join(f"e:a e:r e:m{i} . e:m{i} e:r e:z ." for i in range(120))
               + " " + " ".join(f"e:c{i} e:r e:c{i + 1} ." for i in range(7)) + " e:a e:r e:c0 .")
    assert len(find_paths(kg, E + "a", E + "z", mode="k")) == 5
    assert len(find_paths(kg, E + "a", E + "z", mode="all")) == 100
    assert [p.length for p in find_paths(kg, E + "a", E + "c5")] == [6]
    assert find_paths(kg, E + "a", E + "c6") == []
    assert [p.length for p in find_paths(kg, E + "a", E + "c6", max_hops=7)] == [7]


def test_cancel_during_the_last_length_is_honoured():
    lines = [f"e:n{i} e:r e:n{j} ." for i in range(14) for j in range(i + 1, 14)]
    kg = graph("\n".join(lines))
    token = CancelToken()

    def progress(fraction, message):
        if "5 hops" in message:  # the last length asked for: no later check between lengths
            token.cancel()

    with pytest.raises(Cancelled):
        find_paths(kg, E + "n0", E + "n13", mode="all", max_hops=5, limit=10**6, progress=progress, cancel=token)


@pytest.mark.parametrize("length", [2, 3, 4, 5])
@pytest.mark.parametrize("routes", [1, 2, 3])
@pytest.mark.parametrize("chord", [False, True])
def test_parallel_routes_agree_with_the_oracle(length, routes, chord):
    # Disjoint routes s → … → t meet the two searches in the same step: every meeting counts.
    edges = set()
    names = {"s": 0, "t": 1}
    for route in range(routes):
        chain = ["s", *(f"r{route}_{i}" for i in range(length - 1)), "t"]
        for node in chain:
            names.setdefault(node, len(names))
        edges |= {(names[a], "p", names[b]) for a, b in itertools.pairwise(chain)}
    if chord and routes > 1 and length > 2:
        edges.add((names["r0_0"], "q", names[f"r1_{length - 2}"]))
    kg = graph("\n".join(f"e:n{s} e:{p} e:n{o} ." for s, p, o in edges))
    graph_ = nx.MultiGraph()
    for s, p, o in edges:
        graph_.add_edge(s, o, key=(s, p, o))
    for max_hops in range(max(1, length - 1), length + 2):
        expected = sorted(len(r) for r in nx.all_simple_edge_paths(graph_, 0, 1, cutoff=max_hops))
        for mode in ("shortest", "k", "all"):
            found = [p.length for p in find_paths(kg, E + "n0", E + "n1", mode=mode, k=2, max_hops=max_hops)]
            wanted = {"shortest": [x for x in expected if x == expected[0]] if expected else [],
                      "k": expected[:2], "all": expected}[mode]
            assert found == wanted, (mode, max_hops)


def test_every_hop_of_a_long_path_names_its_own_ends(diamond):
    [path] = find_paths(diamond, E + "a", E + "d", mode="all", via_classes=[E + "Place"], max_hops=3)[1:]
    assert [(h.source, h.target) for h in path.hops] == [(E + "a", E + "x"), (E + "x", E + "y"), (E + "y", E + "d")]
    assert path.triples == [(E + "a", E + "knows", E + "x"), (E + "x", E + "knows", E + "y"), (E + "y", E + "knows", E + "d")]


@pytest.mark.parametrize("allowed", ["aa", "mm", "zz"])
def test_an_allowed_predicate_is_found_among_any_others(allowed):
    kg = graph(" ".join(f"e:s e:{p} e:x{p} . e:x{p} e:{p} e:t{p} ." for p in ("aa", "mm", "zz")))
    found = find_paths(kg, E + "s", E + f"t{allowed}", allowed_predicates=[E + allowed])
    assert chains(found) == [["s", f"{allowed}>", f"x{allowed}", f"{allowed}>", f"t{allowed}"]]


def test_a_fact_stored_both_ways_reads_as_stored_forward_whatever_order_the_store_gives(monkeypatch):
    kg = graph("e:has owl:inverseOf e:of . e:a e:has e:b . e:b e:of e:a .")
    real = kg.adjacent
    monkeypatch.setattr(kg, "adjacent", lambda entity, **kw: list(reversed(list(real(entity, **kw)))))
    assert chains(find_paths(kg, E + "a", E + "b")) == [["a", "has>", "b"]]
    assert chains(find_paths(kg, E + "b", E + "a")) == [["b", "of>", "a"]]


def test_progress_moves_evenly_over_the_lengths_left(diamond):
    seen: list[tuple[float | None, str]] = []
    find_paths(diamond, E + "a", E + "d", mode="all", max_hops=5, progress=lambda f, m: seen.append((f, m)))
    assert seen == [(None, "Looking for the shortest path"), (0.0, "Looking for paths of 2 hops"),
                    (0.25, "Looking for paths of 3 hops"), (0.5, "Looking for paths of 4 hops"),
                    (0.75, "Looking for paths of 5 hops"), (1.0, "3 path(s)")]
