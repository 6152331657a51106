"""RDFC-1.0 canonicalization: the recommendation's examples, agreement with pyoxigraph, the work cap."""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from explorer.core.backends.canonical import MAX_WORK, canonicalize
from explorer.core.backends.rdf_text import parse_nquads
from explorer.core.backends.terms import quad_to_oxigraph
from explorer.core.tasks import Cancelled, CancelToken

EX = "http://example.com/#"


def _turtle_like(lines: str) -> list:
    """The recommendation writes its examples with ``:`` for <http://example.com/#>."""
    text = "".join(
        " ".join(f"<{EX}{word[1:]}>" if word.startswith(":") else word for word in line.split()) + "\n"
        for line in lines.strip().splitlines()
    )
    return parse_nquads(text)


def test_the_recommendations_unique_hashes_example():
    form = canonicalize(_turtle_like("""
        :p :q _:e0 .
        :p :r _:e1 .
        _:e0 :s :u .
        _:e1 :t :u .
    """))
    assert form.exact and form.labels == {"e0": "c14n0", "e1": "c14n1"}
    assert form.nquads == (
        f"<{EX}p> <{EX}q> _:c14n0 .\n<{EX}p> <{EX}r> _:c14n1 .\n"
        f"_:c14n0 <{EX}s> <{EX}u> .\n_:c14n1 <{EX}t> <{EX}u> .\n"
    )


def test_the_recommendations_shared_hashes_example():
    # e0 and e1 look alike at first degree, so do e2 and e3: Hash N-Degree Quads tells them apart.
    form = canonicalize(_turtle_like("""
        :p :q _:e0 .
        :p :q _:e1 .
        _:e0 :p _:e2 .
        _:e1 :p _:e3 .
        _:e2 :r _:e3 .
    """))
    assert form.exact and form.labels == {"e2": "c14n0", "e3": "c14n1", "e1": "c14n2", "e0": "c14n3"}
    assert form.nquads == "".join(sorted([
        f"<{EX}p> <{EX}q> _:c14n2 .\n", f"<{EX}p> <{EX}q> _:c14n3 .\n", f"_:c14n0 <{EX}r> _:c14n1 .\n",
        f"_:c14n2 <{EX}p> _:c14n1 .\n", f"_:c14n3 <{EX}p> _:c14n0 .\n",
    ]))


_P = [URIRef(f"{EX}p{i}") for i in range(3)]
_OTHER = [URIRef(f"{EX}x"), Literal("v"), Literal("v", lang="en"), Literal("a\tb\x01\"\\\n")]
_GRAPHS = [None, URIRef(f"{EX}g")]


@st.composite
def datasets(draw):
    """Small datasets rich in blank nodes (including blank graph names and self links)."""
    nodes = [BNode(f"n{i}") for i in range(draw(st.integers(1, 7)))]
    subject = st.sampled_from([*nodes, URIRef(f"{EX}y")])
    obj = st.sampled_from([*nodes, *_OTHER])
    graph = st.sampled_from([*_GRAPHS, nodes[0]])
    return draw(st.lists(st.tuples(subject, st.sampled_from(_P), obj, graph), min_size=1, max_size=14))


def _pyoxigraph_form(quads) -> str:
    dataset = ox.Dataset([quad_to_oxigraph(q) for q in quads])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return "".join(sorted(f"{quad} .\n" for quad in dataset))


# Derandomized: pyoxigraph's RDFC-1.0 and pyld's URDNA2015 part ways on some chains of blank nodes inside a blank-node
# graph (pinned below, where ours agrees with pyld), so a random search could fail CI on a case that is not ours.
@settings(max_examples=150, deadline=None, derandomize=True)
@given(datasets())
def test_agrees_with_pyoxigraph(quads):
    assert canonicalize(quads).nquads == _pyoxigraph_form(quads)


def test_a_chain_of_blank_nodes_in_a_blank_graph_gets_the_form_pyld_gives():
    # Output of pyld 3.3's URDNA2015 (the same algorithm as RDFC-1.0) on this input; pyoxigraph 0.5 names
    # c14n2, c14n3 and c14n4 differently here.
    p = URIRef(f"{EX}p2")
    quads = [
        (BNode("n1"), p, BNode("n3"), BNode("n0")),
        (BNode("n2"), p, BNode("n1"), BNode("n0")),
        (BNode("n4"), p, BNode("n2"), BNode("n0")),
    ]
    assert canonicalize(quads).nquads == (
        f"_:c14n0 <{p}> _:c14n4 _:c14n1 .\n"
        f"_:c14n3 <{p}> _:c14n2 _:c14n1 .\n"
        f"_:c14n4 <{p}> _:c14n3 _:c14n1 .\n"
    )


@settings(max_examples=100, deadline=None)
@given(datasets(), st.randoms(use_true_random=False))
def test_renamed_and_reordered_blank_nodes_give_the_same_form(quads, random):
    renamed = {}

    def rename(term):
        if isinstance(term, BNode):
            return renamed.setdefault(term, BNode(f"other{random.randrange(10**9)}x{len(renamed)}"))
        return term

    shuffled = [tuple(rename(t) for t in quad) for quad in quads]
    random.shuffle(shuffled)
    first, second = canonicalize(quads), canonicalize(shuffled)
    assert first.nquads == second.nquads and first.sha256 == second.sha256
    # The mapping says which input blank node became which canonical one: relabelling each input
    # with its own mapping gives the canonical statements. (Blank nodes nothing tells apart, such
    # as two with the same single statement, may swap labels between the two inputs: either way
    # the canonical form is the same.)
    assert {first.labels[str(b)] for b in renamed} == set(first.labels.values())
    for source, result in ((quads, first), (shuffled, second)):
        relabelled = [tuple(BNode(result.labels[str(t)]) if isinstance(t, BNode) else t for t in quad)
                      for quad in source]
        again = canonicalize(relabelled)
        assert again.nquads == result.nquads
        assert all(again.labels[label] == label for label in result.labels.values())


def test_a_blank_node_rewired_is_a_different_form():
    a, b, c = BNode("a"), BNode("b"), BNode("c")
    p = _P[0]
    same_node = canonicalize([(a, p, b, None), (c, p, b, None)])
    two_nodes = canonicalize([(a, p, b, None), (c, p, a, None)])
    assert same_node.nquads != two_nodes.nquads


def _clique(size: int, prefix: str = "k") -> list:
    nodes = [BNode(f"{prefix}{i}") for i in range(size)]
    return [(s, _P[0], o, None) for s in nodes for o in nodes if s is not o]


def test_a_clique_of_blank_nodes_stops_at_the_cap_with_a_stable_fallback():
    # pyoxigraph needs ~20 s for 8 such nodes and minutes for 9; the W3C suite's poison test has 10.
    started = time.perf_counter()
    form = canonicalize(_clique(10))
    elapsed = time.perf_counter() - started
    assert not form.exact and elapsed < 30
    assert form.note == (f"10 blank nodes are too alike to name canonically within {MAX_WORK} steps: "
                         "they are compared by their immediate neighbourhood only")
    # The fallback names them by their first-degree hash: the same for any naming and order.
    again = canonicalize(list(reversed(_clique(10, "other"))))
    assert again.nquads == form.nquads and not again.exact
    assert len(set(form.labels.values())) == 1 and all(v.startswith("h") for v in form.labels.values())
    # A different clique is still a different form.
    assert canonicalize(_clique(9)).nquads != form.nquads


def test_the_cap_keeps_the_names_of_blank_nodes_that_stand_out():
    lone = BNode("lone")
    quads = [*_clique(8), (lone, _P[1], Literal("only one"), None)]
    form = canonicalize(quads, max_work=500)
    assert not form.exact and form.labels["lone"] == "c14n0"
    assert form.note.startswith("8 blank nodes are too alike")


def test_small_cliques_are_canonicalized_exactly():
    form = canonicalize(_clique(5))
    assert form.exact and not form.note and sorted(form.labels.values()) == [f"c14n{i}" for i in range(5)]


def test_duplicates_count_once_and_labels_map_only_blank_nodes():
    x = BNode("x")
    form = canonicalize([(x, _P[0], Literal("v"), None)] * 3 + [(URIRef(f"{EX}s"), _P[0], x, _GRAPHS[1])])
    assert form.nquads.count("\n") == 2 and form.labels == {"x": "c14n0"}
    assert form.label("_:x") == "_:c14n0" and form.label(f"{EX}s") == f"{EX}s" and form.label("_:unknown") == "_:unknown"
    assert form.label(None) is None
    assert canonicalize([]).nquads == "" and canonicalize([]).exact


def test_cancel_stops_canonicalization_under_way():
    token = CancelToken()
    outcome: list[BaseException | None] = []
    started = threading.Event()

    def quads():
        yield from _clique(12)
        started.set()  # every quad read: the work left is naming the blank nodes

    def work():
        try:
            canonicalize(quads(), max_work=10**9, cancel=token)
            outcome.append(None)
        except Cancelled as error:
            outcome.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    assert started.wait(30)
    token.cancel()
    thread.join(60)
    assert not thread.is_alive() and outcome and isinstance(outcome[0], Cancelled)


@pytest.mark.parametrize("size", [2, 3, 4])
def test_cycles_of_look_alike_blank_nodes_agree_with_pyoxigraph(size):
    nodes = [BNode(f"c{i}") for i in range(size)]
    quads = [(nodes[i], _P[0], nodes[(i + 1) % size], None) for i in range(size)]
    quads += [(nodes[i], _P[1], nodes[(i + 2) % size], None) for i in range(size)]
    assert canonicalize(quads).nquads == _pyoxigraph_form(quads)
