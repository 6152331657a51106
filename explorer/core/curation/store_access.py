"""Reading quads and applying change sets, for curation.

The facade's ``kg.quads`` and ``kg.apply_changes`` (the backend refactor) are used when the
graph has them; until then this module reaches the embedded store, or sends ``INSERT DATA`` /
``DELETE DATA`` to an endpoint that allows updates. Curation asks for nothing else of the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from explorer.core.changes import ChangeSet, Quad
from explorer.core.errors import ExplorerError
from explorer.core.sparql import QueryPolicy
from explorer.core.terms import to_oxigraph, to_rdflib
from explorer.core.vocab import LABEL_PREDICATES

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


class ReadOnlyGraph(ExplorerError):
    """The graph cannot be written (an endpoint without Update allowed)."""


def _local_store(kg: KnowledgeGraph) -> Any | None:
    store = getattr(kg.backend, "store", None)
    return store if isinstance(store, ox.Store) else None


def quads(kg: KnowledgeGraph, s: Node | None, p: Node | None, o: Node | None,
          graph: URIRef | None = None) -> Iterator[Quad]:
    """Quads matching the pattern in every graph (or in ``graph``), in rdflib terms."""
    facade = getattr(kg, "quads", None)
    if callable(facade):
        yield from facade(s, p, o, graph)
        return
    store = _local_store(kg)
    if store is not None:
        pattern = [None if t is None else to_oxigraph(t) for t in (s, p, o)]
        graph_name = None if graph is None else ox.NamedNode(str(graph))
        for quad in store.quads_for_pattern(*pattern, graph_name):
            name = quad.graph_name
            yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object),
                   None if isinstance(name, ox.DefaultGraph) else URIRef(name.value))
        return
    terms = [("?s" if s is None else _sparql_term(s)), ("?p" if p is None else _sparql_term(p)),
             ("?o" if o is None else _sparql_term(o))]
    where = f"GRAPH {'?g' if graph is None else _sparql_term(graph)} {{ {' '.join(terms)} }}"
    result = kg.query(f"SELECT * WHERE {{ {where} }}", max_rows=100_000)
    names = result.variables
    for index in range(len(result)):
        row = dict(zip(names, result.row(index), strict=False))
        found = (row.get("s", s), row.get("p", p), row.get("o", o), row.get("g", graph))
        yield found  # type: ignore[misc]


def triples(kg: KnowledgeGraph, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
    """Triples matching the pattern in the union of all graphs, each once."""
    seen: set[tuple[Node, Node, Node]] = set()
    for quad in quads(kg, s, p, o):
        triple = quad[:3]
        if triple not in seen:
            seen.add(triple)
            yield triple


def contains(kg: KnowledgeGraph, quad: Quad) -> bool:
    s, p, o, g = quad
    return any(found[3] == g for found in quads(kg, s, p, o, g))


def can_write(kg: KnowledgeGraph) -> bool:
    facade = getattr(kg, "can_write", None)
    if isinstance(facade, bool):
        return facade
    return _local_store(kg) is not None or not getattr(kg.backend, "read_only", True)


def apply(kg: KnowledgeGraph, change: ChangeSet) -> None:
    """Write ``change`` (removals first) and let the graph forget what it cached."""
    if change.is_empty:
        return
    facade = getattr(kg, "apply_changes", None)
    if callable(facade):
        facade(change)
        return
    store = _local_store(kg)
    if store is not None:
        removed = [_ox_quad(q) for q in change.removed]
        added = [_ox_quad(q) for q in change.added]  # converted before anything is written
        for quad in removed:
            store.remove(quad)
        store.extend(added)
        _forget_caches(kg, change)
        return
    if not can_write(kg):
        raise ReadOnlyGraph("this graph is read-only: allow SPARQL Update for the endpoint to save edits to it")
    kg.query(update_text(change), policy=QueryPolicy(allow_update=True))
    _forget_caches(kg, change)


def _forget_caches(kg: KnowledgeGraph, change: ChangeSet) -> None:
    """Let the graph forget what the change made stale. The label index is rebuilt only when
    labels changed: at a million triples a rebuild takes seconds, and a fact changes none."""
    if any(str(q[1]) in LABEL_PREDICATES for q in (*change.added, *change.removed)):
        kg.invalidate_caches()
        return
    index, labels = kg._index, kg._labels
    kg.invalidate_caches()
    kg._index, kg._labels = index, labels


def update_text(change: ChangeSet) -> str:
    """``DELETE DATA`` then ``INSERT DATA`` for a change set (one request, applied in order)."""
    parts = []
    if change.removed:
        parts.append(f"DELETE DATA {{ {_quad_block(change.removed)} }}")
    if change.added:
        parts.append(f"INSERT DATA {{ {_quad_block(change.added)} }}")
    return " ;\n".join(parts)


def _quad_block(items: Iterable[Quad]) -> str:
    by_graph: dict[URIRef | None, list[str]] = {}
    for s, p, o, g in items:
        by_graph.setdefault(g, []).append(f"{_sparql_term(s)} {_sparql_term(p)} {_sparql_term(o)} .")
    blocks = []
    for graph, lines in by_graph.items():
        body = " ".join(lines)
        blocks.append(body if graph is None else f"GRAPH {_sparql_term(graph)} {{ {body} }}")
    return " ".join(blocks)


def _sparql_term(term: Node) -> str:
    return str(to_oxigraph(term))


def _ox_quad(quad: Quad) -> Any:
    s, p, o, g = quad
    subject, predicate, obj = to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)
    if isinstance(predicate, ox.Literal) or isinstance(subject, ox.Literal) or isinstance(predicate, ox.BlankNode):
        raise ExplorerError(f"not a statement: {s} {p} {o}")
    graph = ox.DefaultGraph() if g is None else ox.NamedNode(str(g))
    return ox.Quad(subject, predicate, obj, graph)
