"""A SPARQL endpoint as a backend: the primitives as SPARQL 1.1 Protocol requests.

Answers are parsed with pyoxigraph's own result and RDF parsers; the bulk operations the
facade needs are answered by the query strategies in
:mod:`explorer.core.backends.endpoint_queries` (labels fetched in batches, search as a
``CONTAINS`` filter, links with ``LIMIT`` and a count of what was left out, one query per
frontier step for paths). Nothing downloads the whole graph. HTTP itself is
:mod:`explorer.core.backends.endpoint_http`'s job.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.term import Node

from explorer.core.backends.base import Backend, LoadedFile
from explorer.core.backends.endpoint_config import (
    BNODE_PREFIX,
    EndpointConfig,
    EndpointError,
    UnreachableBlankNode,
    sparql_term,
)
from explorer.core.backends.endpoint_http import HttpTransport, first_line
from explorer.core.backends.endpoint_queries import EndpointQueries
from explorer.core.backends.terms import to_oxigraph, to_rdflib
from explorer.core.changes import ChangeSet, Quad
from explorer.core.errors import ExplorerError, RefusedQuery
from explorer.core.formats import RdfFormatInfo
from explorer.core.sparql import QueryPolicy, QueryResult, run_with_deadline
from explorer.core.tasks import CancelToken, Progress

Term = Any  # a pyoxigraph term parsed from an answer

_JSON_RESULTS = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
_BNODE_IN_JSON = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')


class SparqlEndpointBackend(EndpointQueries, Backend):
    """A SPARQL 1.1 Protocol endpoint (Virtuoso, GraphDB, Fuseki, Neptune, Stardog …).

    Read-only unless ``config.allow_update``; updates and change sets go to
    ``config.update_url`` (for Virtuoso, ``…/sparql-auth`` with digest authentication) or
    to the query URL.
    """

    remote = True

    def __init__(self, config: EndpointConfig, transport: HttpTransport | None = None) -> None:
        self.config = config
        self.read_only = not config.allow_update
        self.query_timeout = config.timeout
        self.transport = transport or HttpTransport(config)
        self.truncated_patterns = 0  # pattern reads that hit the page-size guard
        super().__init__()

    @property
    def requests(self) -> int:
        """Requests sent so far (tests and the status bar)."""
        return self.transport.requests

    @property
    def endpoint_config(self) -> EndpointConfig:
        return self.config

    @property
    def url(self) -> str:
        return self.config.url

    def describe_target(self) -> str:
        graph = f" (graph <{self.config.default_graph}>)" if self.config.default_graph else ""
        return f"{self.config.url}{graph}"

    def _send(self, field_name: str, text: str, accept: str, *, url: str | None = None,
              timeout: float | None = None) -> tuple[bytes, str]:
        return self.transport.send(field_name, text, accept, url=url, timeout=timeout)

    def close(self) -> None:
        """Close the connections kept open to the endpoint."""
        self.transport.close()

    # ------------------------------------------------------------------ answers
    def _parse_results(self, body: bytes, media: str) -> ox.QuerySolutions | ox.QueryBoolean:
        try:
            if media in ("", _JSON_RESULTS, "application/json"):
                if b'"bnode"' in body:
                    body = _BNODE_IN_JSON.sub(rb"\1" + BNODE_PREFIX.encode(), body)
                return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is None:
                raise SyntaxError(f"unexpected content type {media}")
            return ox.parse_query_results(body, results_format)
        except (SyntaxError, ValueError) as error:
            raise self._garbage(body, media, error) from None

    def _garbage(self, body: bytes, media: str, error: BaseException) -> EndpointError:
        preview = first_line(body[:2000].decode("utf-8", errors="replace"))
        kind = f" ({media})" if media else ""
        return EndpointError(f"{self.config.url} answered with something that is not SPARQL results{kind}: "
                             f"{preview or error}")

    def select(self, sparql: str, *, timeout: float | None = None) -> tuple[list[str], list[tuple[Term, ...]]]:
        """Run a SELECT the app wrote itself: variable names and rows of pyoxigraph terms."""
        body, media = self._send("query", sparql, _JSON_RESULTS, timeout=timeout)
        return self._solutions(body, media)

    def select_meanwhile(self, sparql: str, meanwhile: str) -> tuple[list[tuple[Term, ...]],
                                                                   Callable[[], list[tuple[Term, ...]]]]:
        """Rows of ``sparql``, with ``meanwhile`` sent at the same time on another kept-open
        connection; its rows come from the returned function (which waits for them).

        Asking both at once costs the slower answer, not the sum. A ``meanwhile`` answer
        nobody asks for is dropped when it comes. Only the sending happens on the helper
        thread: answers are parsed here (pyoxigraph objects stay on the thread that asked).
        """
        pending: Future[tuple[bytes, str]] = Future()

        def send() -> None:
            try:
                pending.set_result(self._send("query", meanwhile, _JSON_RESULTS))
            except BaseException as error:  # handed to whoever waits for it
                pending.set_exception(error)

        # A daemon thread: an answer nobody waits for never holds the program open at exit.
        threading.Thread(target=send, name="endpoint-query", daemon=True).start()
        # Should this fail, the other query ends by itself, within the query timeout.
        rows = self.select(sparql)[1]
        return rows, lambda: self._solutions(*pending.result())[1]

    def _solutions(self, body: bytes, media: str) -> tuple[list[str], list[tuple[Term, ...]]]:
        answer = self._parse_results(body, media)
        if not isinstance(answer, ox.QuerySolutions):
            raise self._garbage(body, media, ValueError("expected solutions"))
        names = [variable.value for variable in answer.variables]
        try:
            return names, [tuple(solution) for solution in answer]
        except (SyntaxError, ValueError) as error:
            del answer  # see _query: never keep a half-read answer in a traceback
            raise self._garbage(body, media, error) from None

    def ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        body, media = self._send("query", sparql, _JSON_RESULTS, timeout=timeout)
        answer = self._parse_results(body, media)
        if not isinstance(answer, ox.QueryBoolean):
            raise self._garbage(body, media, ValueError("expected a boolean"))
        return bool(answer)

    def ping(self) -> float:
        """Check that the endpoint answers SPARQL; returns the round trip in seconds."""
        started = time.perf_counter()
        self.ask("ASK { }")
        return time.perf_counter() - started

    # ------------------------------------------------------------------ primitives
    def quad_count(self) -> int:
        _, rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    def native_triples(self, subject: Term | None, predicate: Term | None,
                       obj: Term | None) -> Iterator[tuple[Term, Term, Term]]:
        """One SELECT per pattern, capped at ``config.page_size`` rows.

        The fully open pattern is refused: it would download the whole graph.
        """
        if subject is None and predicate is None and obj is None:
            raise ExplorerError(
                f"this needs every triple of the graph, which is not downloaded from {self.config.url}: "
                "use a CONSTRUCT query for the part you need"
            )
        try:
            terms = [sparql_term(t) if t is not None else None for t in (subject, predicate, obj)]
        except UnreachableBlankNode:
            return
        if predicate is not None and not isinstance(predicate, ox.NamedNode):
            return
        recent = self.recent_statements(subject, predicate, obj)
        if recent is not None:
            yield from recent
            return
        names = ("?s", "?p", "?o")
        pattern = " ".join(t if t is not None else names[i] for i, t in enumerate(terms))
        wanted = [names[i] for i, t in enumerate(terms) if t is None]
        limit = self.config.page_size
        # A fully given triple asks whether it is there: SELECT needs something to project.
        query = f"SELECT {' '.join(wanted) or '(1 AS ?found)'} WHERE {{ {pattern} }} LIMIT {limit}"
        _, rows = self.select(query)
        if len(rows) >= limit:
            self.truncated_patterns += 1
        given = (subject, predicate, obj)
        for row in rows:
            values = iter(row)
            triple = tuple(given[i] if given[i] is not None else next(values) for i in range(3))
            if any(term is None for term in triple):
                continue
            yield triple  # type: ignore[misc]

    def quads(self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None,
              graph: Node | None = None) -> Iterator[Quad]:
        """Statements of the endpoint's dataset, as default-graph quads (``graph`` must be None)."""
        if graph is not None:
            return
        try:
            pattern = [None if t is None else to_oxigraph(t) for t in (subject, predicate, obj)]
        except (TypeError, ValueError):
            return
        for s, p, o in self.native_triples(*pattern):
            yield to_rdflib(s), to_rdflib(p), to_rdflib(o), None

    # ------------------------------------------------------------------ writable
    def apply_changes(self, change: ChangeSet) -> None:
        """DELETE DATA then INSERT DATA in one update request (the server applies it as one
        operation); default-graph quads go to the configured graph. Refused when the
        endpoint is connected read-only."""
        if self.read_only:
            raise RefusedQuery(f"{self.config.url} is connected read-only: reconnect with updates enabled to change it")
        parts = []
        for keyword, quads in (("DELETE DATA", change.removed), ("INSERT DATA", change.added)):
            if quads:
                parts.append(f"{keyword} {{ {self._quad_block(quads)} }}")
        if parts:
            self._update(" ;\n".join(parts), self.config.timeout)
        self.forget_caches()

    def _quad_block(self, quads: Sequence[Quad]) -> str:
        by_graph: dict[str | None, list[str]] = {}
        for s, p, o, g in quads:
            try:
                text = " ".join(sparql_term(to_oxigraph(t)) for t in (s, p, o))
            except UnreachableBlankNode:
                raise ExplorerError("a blank node of this change cannot be named on the server") from None
            graph = str(g) if g is not None else self.config.default_graph
            by_graph.setdefault(graph, []).append(text + " .")
        blocks = []
        for graph, statements in by_graph.items():
            body = " ".join(statements)
            blocks.append(f"GRAPH <{graph}> {{ {body} }}" if graph else body)
        return " ".join(blocks)

    def query(
        self,
        sparql: str,
        *,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        policy: QueryPolicy = QueryPolicy(),
        max_rows: int | None = None,
    ) -> QueryResult:
        # The policy is checked before anything is sent: a refused query opens no connection.
        kind = policy.check(sparql)
        if kind == "update" and self.read_only:
            raise RefusedQuery(f"{self.config.url} is connected read-only: reconnect with updates enabled to change it")
        seconds = timeout if timeout is not None else self.config.timeout
        def work() -> QueryResult:
            if kind == "update":
                return self._update(sparql, seconds)
            return self._query(sparql, kind, seconds, max_rows)

        if cancel is None:
            return work()
        # The socket timeout bounds the helper thread; the deadline here answers the user at once.
        return run_with_deadline(work, seconds + 1.0, cancel)

    def _update(self, sparql: str, timeout: float) -> QueryResult:
        started = time.perf_counter()
        self._send("update", sparql, "*/*", url=self.config.update_url or self.config.url, timeout=timeout)
        return QueryResult(kind="update", convert=to_rdflib, elapsed=time.perf_counter() - started)

    def _query(self, sparql: str, kind: str, timeout: float, max_rows: int | None) -> QueryResult:
        started = time.perf_counter()
        if kind in ("construct", "describe"):
            body, media = self._send("query", sparql, _GRAPH_ACCEPT, timeout=timeout)
            rdf_format = ox.RdfFormat.from_media_type(media) if media else ox.RdfFormat.N_TRIPLES
            if media == "text/plain":
                rdf_format = ox.RdfFormat.N_TRIPLES
            if rdf_format is None:
                raise self._garbage(body, media, ValueError("not RDF"))
            triples: list[tuple[Term, Term, Term]] = []
            truncated = False
            try:
                for triple in ox.parse(body, rdf_format):
                    if max_rows is not None and len(triples) >= max_rows:
                        truncated = True
                        break
                    triples.append((triple.subject, triple.predicate, triple.object))
            except (SyntaxError, ValueError) as error:
                raise self._garbage(body, media, error) from None
            return QueryResult(kind="describe" if kind == "describe" else "construct", raw_triples=triples,
                               convert=to_rdflib, elapsed=time.perf_counter() - started, truncated=truncated)
        body, media = self._send("query", sparql, _JSON_RESULTS, timeout=timeout)
        answer = self._parse_results(body, media)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(answer), convert=to_rdflib, elapsed=time.perf_counter() - started)
        names = [variable.value for variable in answer.variables]
        rows: list[tuple[Term, ...]] = []
        truncated = False
        try:
            for solution in answer:
                if max_rows is not None and len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(tuple(solution))
        except (SyntaxError, ValueError) as error:
            # The half-read answer must not live on in the traceback: pyoxigraph objects
            # may only be freed on the thread that made them.
            del answer
            raise self._garbage(body, media, error) from None
        # A server-side cap (Virtuoso's ResultSetMaxRows) cuts answers silently: say so.
        if max_rows is None and len(rows) == self.config.page_size:
            truncated = True
        return QueryResult(kind="select", variables=names, raw_rows=rows, convert=to_rdflib,
                           elapsed=time.perf_counter() - started, truncated=truncated)

    def load_files(
        self,
        paths: Sequence[Path],
        *,
        formats: Sequence[RdfFormatInfo | None] | None = None,
        replace: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[LoadedFile]:
        raise ExplorerError(f"files are not loaded into the remote endpoint {self.config.url}: "
                            "load them on the server, or open them in a local graph")

