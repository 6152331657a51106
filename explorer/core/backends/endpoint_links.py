"""The text of link queries sent to a SPARQL endpoint: links of entities given as ``VALUES``,
their groups by predicate, their exact count, and a count capped per side.

Evidence records (``rdf:Statement``) and schema predicates are left out unless asked for,
the same rules as the embedded store's ``adjacent``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from explorer.core.backends.base import RDF
from explorer.core.vocab import SCHEMA_PREDICATES


def values(variable: str, terms: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"


def chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


_SCHEMA_FILTER = "FILTER(?p NOT IN ({}))".format(", ".join(f"<{p}>" for p in sorted(SCHEMA_PREDICATES)))
_NOT_STATEMENT = f"FILTER NOT EXISTS {{ ?o a <{RDF}Statement> }}"
_NODE_FILTER = "FILTER(isIRI(?o) || isBlank(?o))"


def adjacent_query(subject_values: str, *, outgoing: bool, incoming: bool, include_schema: bool,
                   predicates: str = "", limit: int | None = None, count: bool = False,
                   with_types: bool = False, groups: bool = False) -> str:
    """Links of the entities in ``VALUES ?n``; ``?d`` is "o" (forward) or "i" (backward).

    ``with_types`` adds the classes of each neighbour as ``?t`` (one row per class), so
    a path search learns which neighbours it may pass through without asking again.
    """
    branches = []
    extra = "" if include_schema else _SCHEMA_FILTER
    if outgoing:
        branches.append(f"{{ ?n ?p ?o {_NODE_FILTER} {extra} BIND(\"o\" AS ?d) }}")
    if incoming:
        statement = "" if include_schema else _NOT_STATEMENT
        # No node filter: a subject is an IRI or a blank node (RDF 1.2 puts triple terms in
        # object position only), and checking each of a hub's thousands of incoming links costs
        # Oxigraph's server tens of milliseconds.
        branches.append(f"{{ ?o ?p ?n {extra} {statement} BIND(\"i\" AS ?d) }}")
    body = f"{subject_values} {predicates} {' UNION '.join(branches)}"
    if groups:
        return f"SELECT DISTINCT ?p ?d WHERE {{ {body} }}"
    if count:
        return f"SELECT ?d (COUNT(*) AS ?c) WHERE {{ SELECT DISTINCT ?n ?p ?o ?d WHERE {{ {body} }} }} GROUP BY ?d"
    tail = f" LIMIT {int(limit)}" if limit is not None else ""
    if with_types:
        return f"SELECT DISTINCT ?n ?p ?o ?d ?t WHERE {{ {body} OPTIONAL {{ ?o a ?t }} }}{tail}"
    return f"SELECT DISTINCT ?n ?p ?o ?d WHERE {{ {body} }}{tail}"


def capped_count_query(node: str, sides: Iterable[str], include_schema: bool, predicates: str, reach: int) -> str:
    """The links of ``node`` on each of ``sides`` ("o", "i") counted up to ``reach`` a side:
    the server stops at the cap instead of counting all of a hub's links."""
    parts = []
    for side in sides:
        page = adjacent_query(values("n", [node]), outgoing=side == "o", incoming=side == "i",
                              include_schema=include_schema, predicates=predicates, limit=reach)
        parts.append(f"{{ {page} }}")
    return f"SELECT ?d (COUNT(*) AS ?c) WHERE {{ {' UNION '.join(parts)} }} GROUP BY ?d"
