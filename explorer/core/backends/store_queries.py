"""Read queries of the embedded store: the answer kept in the store's terms, errors in our words."""

from __future__ import annotations

import time
from typing import Any

import pyoxigraph as ox

from explorer.core.backends.terms import to_rdflib
from explorer.core.errors import Cancelled, QueryError
from explorer.core.sparql import QueryResult, syntax_error
from explorer.core.tasks import CancelToken

Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple


def answer_query(store: ox.Store, sparql: str, kind: str, max_rows: int | None, cancel: CancelToken | None) -> QueryResult:
    """A read query of the embedded store, its answer held in the store's own terms (converted
    when read); ``max_rows`` caps the rows or triples kept, ``cancel`` is heard between rows."""
    started = time.perf_counter()
    try:
        answer = store.query(sparql, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(answer), convert=to_rdflib,
                               elapsed=time.perf_counter() - started)
        if isinstance(answer, ox.QuerySolutions):
            names = [variable.value for variable in answer.variables]
            rows: list[tuple[Term, ...]] = []
            truncated = False
            for solution in answer:
                if max_rows is not None and len(rows) >= max_rows:
                    truncated = True
                    break
                if cancel is not None and len(rows) % 4096 == 0 and cancel.cancelled:
                    raise Cancelled("query cancelled")
                rows.append(tuple(solution))
            return QueryResult(kind="select", variables=names, raw_rows=rows, convert=to_rdflib,
                               elapsed=time.perf_counter() - started, truncated=truncated)
        triples: list[tuple[Term, Term, Term]] = []
        truncated = False
        for triple in answer:
            if max_rows is not None and len(triples) >= max_rows:
                truncated = True
                break
            triples.append((triple.subject, triple.predicate, triple.object))
        return QueryResult(kind="describe" if kind == "describe" else "construct", raw_triples=triples,
                           convert=to_rdflib, elapsed=time.perf_counter() - started, truncated=truncated)
    except SyntaxError as error:
        raise syntax_error(error) from None
    except (OSError, RuntimeError) as error:
        # The engine reports evaluation errors (an unbound SERVICE name, a failed remote
        # call) as RuntimeError: the query's fault, not the program's.
        raise QueryError(str(error)) from None
    finally:
        # pyoxigraph's result iterators may only be dropped on the thread that made them;
        # a traceback (cancel) would otherwise carry them to another thread.
        answer = solution = None  # type: ignore[assignment]


__all__ = ["answer_query"]
