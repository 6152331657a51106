"""Reading quads and applying change sets for curation, through the graph's facade.

``kg.quads`` (``None`` matches any graph), ``kg.contains``, ``kg.can_write`` and
``kg.apply_changes`` (one transaction on the embedded store, ``DELETE DATA``/``INSERT DATA``
on an endpoint that allows updates) are all curation asks of the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.term import Node

from explorer.core.changes import ChangeSet, Quad, predicates_of
from explorer.core.vocab import LABEL_PREDICATES

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


def quads(kg: KnowledgeGraph, s: Node | None, p: Node | None, o: Node | None,
          graph: URIRef | None = None) -> Iterator[Quad]:
    """Quads matching the pattern in every graph (or in ``graph``), in rdflib terms.

    An endpoint's backend reports its statements as default-graph quads; curation needs the
    named graph each lives in (an edit is removed from where it is), so it asks ``GRAPH ?g``.
    """
    if not kg.is_remote:
        return kg.quads(s, p, o, graph)
    return _remote_quads(kg, s, p, o, graph)


def _remote_quads(kg: KnowledgeGraph, s: Node | None, p: Node | None, o: Node | None,
                  graph: URIRef | None) -> Iterator[Quad]:
    names = ("s", "p", "o")
    terms = [f"?{name}" if term is None else term.n3() for name, term in zip(names, (s, p, o), strict=True)]
    where = f"GRAPH {'?g' if graph is None else graph.n3()} {{ {' '.join(terms)} }}"
    result = kg.query(f"SELECT * WHERE {{ {where} }}", max_rows=100_000)
    for index in range(len(result)):
        row = dict(zip(result.variables, result.row(index), strict=False))
        yield (row.get("s", s), row.get("p", p), row.get("o", o), row.get("g", graph))  # type: ignore[misc]


def triples(kg: KnowledgeGraph, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
    """Triples matching the pattern in the union of all graphs."""
    seen: set[tuple[Node, Node, Node]] = set()
    for triple in kg.triples(s, p, o):
        if triple not in seen:
            seen.add(triple)
            yield triple


def contains(kg: KnowledgeGraph, quad: Quad) -> bool:
    if kg.is_remote:
        return any(found[3] == quad[3] for found in quads(kg, *quad[:3], quad[3]))
    return kg.contains(quad)


def can_write(kg: KnowledgeGraph) -> bool:
    return kg.can_write


def apply(kg: KnowledgeGraph, change: ChangeSet) -> None:
    """Write ``change`` in one transaction (removals first).

    The label index survives a change that touches no label: at a million triples it takes
    a third of a second to rebuild, and a fact changes no name.
    """
    if change.is_empty:
        return
    keep_labels = not (predicates_of(change.added) | predicates_of(change.removed)) & set(LABEL_PREDICATES)
    index, labels = kg._index, kg._labels
    kg.apply_changes(change)
    if keep_labels and index is not None:
        kg._index, kg._labels = index, labels
