"""A remote SPARQL endpoint behind the same API as the embedded store.

:class:`SparqlEndpointBackend` speaks the SPARQL 1.1 Protocol with the standard library
(GET for short queries, form POST for long ones) and hands back pyoxigraph terms, parsed
with pyoxigraph's own result and RDF parsers, exactly like the embedded backend.
:class:`RemoteKnowledgeGraph` is the :class:`~explorer.core.graph.KnowledgeGraph` for it:
every question becomes a bounded SPARQL query (labels fetched in batches and cached,
search as a ``CONTAINS`` filter ranked here, neighbours with ``LIMIT`` and a count of what
was left out, one query per frontier step for paths). Nothing downloads the whole graph.

The queries avoid constructs some servers reject: Virtuoso refuses property paths with
both ends unbound (``?t rdfs:subClassOf* ?c``), so transitive closures are computed here
from the (small) class hierarchy and sent back as ``VALUES``.
"""

from __future__ import annotations

import base64
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from explorer.core.backends import Backend, LoadedFile, Term
from explorer.core.errors import AmbiguousEntity, Cancelled, EntityNotFound, ExplorerError, QueryError, QueryTimeout, RefusedQuery
from explorer.core.formats import RdfFormatInfo
from explorer.core.graph import (
    _SCHEMA_CLASSES,
    NON_ENTITY_TYPES,
    ClassInfo,
    Description,
    Edge,
    Evidence,
    KnowledgeGraph,
    Neighbourhood,
    Stats,
)
from explorer.core.search import LabelEntry, LabelIndex, SearchHit, normalize
from explorer.core.sparql import QueryPolicy, QueryResult, run_with_deadline
from explorer.core.tasks import CancelToken, Progress
from explorer.core.terms import iri_or_bnode, node_id, to_rdflib
from explorer.core.vocab import KG, LABEL_PREDICATES, SCHEMA_PREDICATES

AuthKind = Literal["none", "basic", "digest", "bearer"]
AUTH_KINDS: tuple[AuthKind, ...] = ("none", "basic", "digest", "bearer")

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_JSON_RESULTS = "application/sparql-results+json"
_GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
# Longer queries go by POST: proxies and servers cut URLs at a few kilobytes.
_MAX_GET_LENGTH = 2000
# Virtuoso names its blank nodes "nodeID://b123", which is no valid blank node identifier;
# they come back as "vnode_b123" and are written back as <nodeID://b123> in queries.
_VIRTUOSO_BNODE = "nodeID://"
_BNODE_PREFIX = "vnode_"
_BNODE_IN_JSON = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')
_VALUES_CHUNK = 200


class EndpointError(QueryError):
    """The endpoint could not be reached, refused the request, or answered nonsense."""


@dataclass(frozen=True)
class EndpointAuth:
    """How to authenticate: ``basic`` or ``digest`` with a user and password, ``bearer`` with a token."""

    kind: AuthKind = "none"
    user: str = ""
    secret: str = ""

    def __post_init__(self) -> None:
        if self.kind not in AUTH_KINDS:
            raise ExplorerError(f"unknown authentication kind {self.kind!r}: use one of {', '.join(AUTH_KINDS)}")

    def __repr__(self) -> str:  # never show the secret in logs or tracebacks
        return f"EndpointAuth(kind={self.kind!r}, user={self.user!r}, secret={'***' if self.secret else ''!r})"


@dataclass(frozen=True)
class EndpointConfig:
    """Where the endpoint is and how to talk to it (everything but the secret is safe to save)."""

    url: str
    default_graph: str | None = None
    timeout: float = 30.0
    auth: EndpointAuth = EndpointAuth()
    allow_update: bool = False
    update_url: str | None = None
    page_size: int = 10000

    def __post_init__(self) -> None:
        for name in ("url", "update_url"):
            value = getattr(self, name)
            if value is None:
                continue
            parts = urllib.parse.urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ExplorerError(f"endpoint {name.replace('_', ' ')}: {value!r} is not an http(s) URL")
        if self.default_graph is not None and not _valid_iri(self.default_graph):
            raise ExplorerError(f"default graph: {self.default_graph!r} is not an IRI")
        if not self.timeout or self.timeout <= 0:
            raise ExplorerError(f"endpoint timeout must be a positive number of seconds, not {self.timeout!r}")


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return ":" in value


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal: user text never changes the query's structure.

    >>> sparql_string('say "hi" \\\\ }')
    '"say \\\\"hi\\\\" \\\\\\\\ }"'
    """
    return str(ox.Literal(text))


def sparql_term(term: Term) -> str:
    """A store term written into a query; blank nodes only where the server can name them."""
    if isinstance(term, ox.BlankNode):
        if term.value.startswith(_BNODE_PREFIX):
            return f"<{_VIRTUOSO_BNODE}{term.value[len(_BNODE_PREFIX):]}>"
        raise _UnreachableBlankNode(term.value)
    return str(term)


def sparql_iri(value: str) -> str:
    """An entity identifier (IRI or ``_:id``) written into a query, validated."""
    try:
        return sparql_term(iri_or_bnode(value))
    except ValueError:
        raise ExplorerError(f"not a valid IRI: {value!r}") from None


class _UnreachableBlankNode(Exception):
    """A blank node the server gave us that no later query can refer to."""


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", " ", line).strip()
        if line:
            return line[:300]
    return ""


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SparqlEndpointBackend(Backend):
    """A SPARQL 1.1 Protocol endpoint (Virtuoso, GraphDB, Fuseki, Neptune, Stardog …).

    Read-only unless ``config.allow_update``; updates go to ``config.update_url`` (for
    Virtuoso, ``…/sparql-auth`` with digest authentication) or to the query URL.
    """

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self.read_only = not config.allow_update
        self.requests = 0  # queries sent, for tests and the status bar
        self.truncated_patterns = 0  # pattern reads that hit the page-size guard
        handlers: list[Any] = []
        if _is_loopback(config.url) and (config.update_url is None or _is_loopback(config.update_url)):
            # A proxy from the environment must never see loopback traffic.
            handlers.append(urllib.request.ProxyHandler({}))
        auth = config.auth
        if auth.kind in ("basic", "digest") and auth.user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {config.url, config.update_url or config.url}:
                manager.add_password(None, url, auth.user, auth.secret)
            handlers.append(urllib.request.HTTPDigestAuthHandler(manager) if auth.kind == "digest"
                            else urllib.request.HTTPBasicAuthHandler(manager))
        self._opener = urllib.request.build_opener(*handlers)
        self._headers: dict[str, str] = {"User-Agent": "kg-explorer"}
        if auth.kind == "basic" and auth.user:
            # Sent up front: many servers answer 403, not a 401 challenge, without it.
            token = base64.b64encode(f"{auth.user}:{auth.secret}".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {token}"
        elif auth.kind == "bearer" and auth.secret:
            self._headers["Authorization"] = f"Bearer {auth.secret}"

    @property
    def url(self) -> str:
        return self.config.url

    def describe_target(self) -> str:
        graph = f" (graph <{self.config.default_graph}>)" if self.config.default_graph else ""
        return f"{self.config.url}{graph}"

    # ------------------------------------------------------------------ HTTP
    def _send(self, field_name: str, text: str, accept: str, *, url: str | None = None,
              timeout: float | None = None) -> tuple[bytes, str]:
        """One request; returns the body and its media type, or raises a one-line error."""
        target = url or self.config.url
        params: list[tuple[str, str]] = [(field_name, text)]
        if self.config.default_graph and field_name == "query":
            params.append(("default-graph-uri", self.config.default_graph))
        encoded = urllib.parse.urlencode(params)
        headers = dict(self._headers, Accept=accept)
        if field_name == "query" and len(target) + len(encoded) < _MAX_GET_LENGTH:
            joiner = "&" if urllib.parse.urlsplit(target).query else "?"
            request = urllib.request.Request(f"{target}{joiner}{encoded}", headers=headers, method="GET")
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
            request = urllib.request.Request(target, data=encoded.encode("utf-8"), headers=headers, method="POST")
        seconds = timeout if timeout is not None else self.config.timeout
        self.requests += 1
        try:
            with self._opener.open(request, timeout=seconds) as response:
                body = response.read()
                media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                return body, media
        except urllib.error.HTTPError as error:
            try:
                detail = _first_line(error.read(4096).decode("utf-8", errors="replace"))
            except OSError:
                detail = ""
            detail = detail or error.reason or ""
            if error.code in (401, 403):
                raise EndpointError(f"{target} refused access (HTTP {error.code}): check the user name, "
                                    f"password or token{': ' + detail if detail else ''}") from None
            if error.code == 400:
                raise QueryError(f"the endpoint rejected the query (HTTP 400): {detail}") from None
            raise EndpointError(f"{target} answered HTTP {error.code}: {detail}") from None
        except TimeoutError:
            raise QueryTimeout(f"{target} did not answer within {seconds:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise QueryTimeout(f"{target} did not answer within {seconds:g} s") from None
            if isinstance(reason, ConnectionRefusedError):
                raise EndpointError(f"cannot reach {target}: connection refused (is the server running?)") from None
            if isinstance(reason, socket.gaierror):
                raise EndpointError(f"cannot reach {target}: unknown host") from None
            text = getattr(reason, "strerror", None) or str(reason)
            raise EndpointError(f"cannot reach {target}: {text}") from None
        except (ConnectionError, OSError) as error:
            text = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise EndpointError(f"connection to {target} failed: {text}") from None

    def _parse_results(self, body: bytes, media: str) -> ox.QuerySolutions | ox.QueryBoolean:
        try:
            if media in ("", _JSON_RESULTS, "application/json"):
                if b'"bnode"' in body:
                    body = _BNODE_IN_JSON.sub(rb"\1" + _BNODE_PREFIX.encode(), body)
                return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is None:
                raise SyntaxError(f"unexpected content type {media}")
            return ox.parse_query_results(body, results_format)
        except (SyntaxError, ValueError) as error:
            raise self._garbage(body, media, error) from None

    def _garbage(self, body: bytes, media: str, error: BaseException) -> EndpointError:
        preview = _first_line(body[:2000].decode("utf-8", errors="replace"))
        kind = f" ({media})" if media else ""
        return EndpointError(f"{self.config.url} answered with something that is not SPARQL results{kind}: "
                             f"{preview or error}")

    def select(self, sparql: str, *, timeout: float | None = None) -> tuple[list[str], list[tuple[Term, ...]]]:
        """Run a SELECT the app wrote itself: variable names and rows of pyoxigraph terms."""
        body, media = self._send("query", sparql, _JSON_RESULTS, timeout=timeout)
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

    # ------------------------------------------------------------------ Backend API
    def quad_count(self) -> int:
        _, rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    def triples(self, subject: Term | None, predicate: Term | None, obj: Term | None) -> Iterator[tuple[Term, Term, Term]]:
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
        except _UnreachableBlankNode:
            return
        if predicate is not None and not isinstance(predicate, ox.NamedNode):
            return
        names = ("?s", "?p", "?o")
        pattern = " ".join(t if t is not None else names[i] for i, t in enumerate(terms))
        wanted = [names[i] for i, t in enumerate(terms) if t is None]
        limit = self.config.page_size
        query = f"SELECT {' '.join(wanted)} WHERE {{ {pattern} }} LIMIT {limit}"
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


# ---------------------------------------------------------------------- the facade
def _values(variable: str, terms: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


_LABEL_VALUES = _values("p", (f"<{p}>" for p in LABEL_PREDICATES))
_SCHEMA_FILTER = "FILTER(?p NOT IN ({}))".format(", ".join(f"<{p}>" for p in sorted(SCHEMA_PREDICATES)))
_NOT_STATEMENT = f"FILTER NOT EXISTS {{ ?o a <{_RDF}Statement> }}"
_NODE_FILTER = "FILTER(isIRI(?o) || isBlank(?o))"


class RemoteKnowledgeGraph(KnowledgeGraph):
    """The knowledge graph of a SPARQL endpoint: same API, every answer a bounded query.

    Use :meth:`KnowledgeGraph.connect` to make one.
    """

    backend: SparqlEndpointBackend

    def __init__(self, backend: SparqlEndpointBackend, policy: QueryPolicy | None = None) -> None:
        if policy is None:
            policy = QueryPolicy(allow_update=backend.config.allow_update)
        super().__init__(backend, policy)
        self.default_query_timeout = backend.config.timeout

    @classmethod
    def open(cls, config: EndpointConfig, *, check: bool = True) -> RemoteKnowledgeGraph:
        """Connect and (by default) check that the endpoint answers: one-line error if not."""
        graph = cls(SparqlEndpointBackend(config))
        if check:
            graph.backend.ping()
        return graph

    @property
    def is_remote(self) -> bool:
        return True

    @property
    def source_name(self) -> str:
        return self.backend.describe_target()

    def _reset_caches(self) -> None:
        super()._reset_caches()
        self._labels = {}
        self._index = LabelIndex([])
        self._remote_stats: Stats | None = None
        self._types: dict[str, list[str]] = {}

    def _build_index(self, use_saved: bool = False) -> None:
        """Nothing to build: labels are fetched on demand and search runs on the server."""
        if self._labels is None:
            self._labels = {}
        if self._index is None:
            self._index = LabelIndex([])

    def _select(self, sparql: str) -> list[tuple[Term, ...]]:
        return self.backend.select(sparql)[1]

    # ------------------------------------------------------------------ counts
    def triple_count(self) -> int:
        return self.backend.quad_count()

    # ------------------------------------------------------------------ labels
    def prefetch_labels(self, entities: Iterable[str]) -> None:
        """Fetch the labels of many entities in a few ``VALUES`` queries and cache them."""
        table = self._label_table()
        assert isinstance(table, dict)  # a remote graph caches the labels it fetched, entity by entity
        missing: list[str] = []
        seen: set[str] = set()
        for entity in entities:
            if entity in table or entity in seen:
                continue
            seen.add(entity)
            try:
                missing.append(sparql_iri(entity))
            except (_UnreachableBlankNode, ExplorerError):
                table[entity] = {}
                continue
            table[entity] = {}
        kinds = {p: i for i, p in enumerate(LABEL_PREDICATES)}
        for chunk in _chunks(missing, _VALUES_CHUNK):
            rows = self._select(
                f"SELECT ?e ?p ?l WHERE {{ {_values('e', chunk)} {_LABEL_VALUES} ?e ?p ?l FILTER(isLiteral(?l)) }}"
            )
            for entity_term, predicate, value in rows:
                if not isinstance(value, ox.Literal) or not isinstance(entity_term, (ox.NamedNode, ox.BlankNode)):
                    continue
                labels = table.setdefault(node_id(entity_term), {})
                labels.setdefault(value.language or "", []).append((kinds[predicate.value], value.value))

    def label(self, entity: str, languages: Sequence[str] | None = None) -> str:
        self.prefetch_labels((entity,))
        return super().label(entity, languages)

    def all_labels(self, entity: str) -> list[tuple[str, str, str]]:
        self.prefetch_labels((entity,))
        return super().all_labels(entity)

    # ------------------------------------------------------------------ search and resolution
    def _label_candidates(self, text: str, cap: int) -> list[LabelEntry]:
        """Labels containing ``text`` (as typed, and accent-folded), prefix matches first."""
        typed = " ".join(text.lower().split())
        folded = normalize(text)
        needles = [sparql_string(n) for n in dict.fromkeys((typed, folded)) if n]
        if not needles:
            return []
        kinds = {p: i for i, p in enumerate(LABEL_PREDICATES)}
        entries: dict[tuple[str, str, str], LabelEntry] = {}

        def run(test: str) -> None:
            condition = " || ".join(test.format(needle) for needle in needles)
            rows = self._select(
                f"SELECT ?e ?p ?l WHERE {{ {_LABEL_VALUES} ?e ?p ?l "
                f"FILTER(isLiteral(?l) && ({condition})) }} LIMIT {int(cap)}"
            )
            for entity_term, predicate, value in rows:
                if not isinstance(entity_term, (ox.NamedNode, ox.BlankNode)) or not isinstance(value, ox.Literal):
                    continue
                entity = node_id(entity_term)
                key = (entity, value.value, value.language or "")
                entries.setdefault(key, LabelEntry(entity, value.value, value.language or "", kinds[predicate.value]))

        run("STRSTARTS(LCASE(STR(?l)), {})")
        if len(entries) < cap:
            run("CONTAINS(LCASE(STR(?l)), {})")
        return list(entries.values())

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Labels matched on the server (``CONTAINS``, portable), ranked here like the embedded index."""
        if not normalize(text) or limit <= 0:
            return []
        index = LabelIndex(self._label_candidates(text, max(200, limit * 10)))
        return index.search(text, limit=limit)

    def resolve(self, text: str) -> str:
        iri = self.expand(text)
        if iri is not None:
            if self.exists(iri):
                return iri
            raise EntityNotFound(f"no entity {text} in the graph")
        index = LabelIndex(self._label_candidates(text, 500))
        exact = index.exact(text)
        exact = [e for e in exact if not self.is_schema_term(e)] or exact
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AmbiguousEntity(text, [self._candidate(e) for e in exact])
        hits = index.search(text, limit=50)
        if not hits:
            raise EntityNotFound(f'no entity is labelled "{text}"')
        hits = [hit for hit in hits if not self.is_schema_term(hit.entity)] or hits
        best = [hit for hit in hits if hit.quality == hits[0].quality]
        if len(best) == 1:
            return best[0].entity
        raise AmbiguousEntity(text, [self._candidate(hit.entity) for hit in best])

    def exists(self, entity: str) -> bool:
        try:
            term = sparql_iri(entity)
        except _UnreachableBlankNode:
            return False
        if entity.startswith("_:"):
            return self.backend.ask(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}")
        return self.backend.ask(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} UNION {{ ?s {term} ?o }} }}")

    # ------------------------------------------------------------------ classes and statistics
    def class_hierarchy(self) -> dict[str, ClassInfo]:
        if self._class_cache is not None:
            return self._class_cache
        schema = _SCHEMA_CLASSES
        direct: dict[str, int] = {}
        for cls, count in self._select("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"):
            if isinstance(cls, ox.NamedNode) and cls.value not in schema:
                direct[cls.value] = int(count.value)
        declared = self._select(
            f"SELECT DISTINCT ?c WHERE {{ {{ ?c a <{_OWL}Class> }} UNION {{ ?c a <{_RDFS}Class> }} FILTER(isIRI(?c)) }}"
        )
        edges = self._select(f"SELECT DISTINCT ?c ?p WHERE {{ ?c <{_RDFS}subClassOf> ?p FILTER(isIRI(?c) && isIRI(?p)) }}")
        names = set(direct) | {row[0].value for row in declared if row[0].value not in schema}
        for child, parent in edges:
            if child != parent and child.value not in schema and parent.value not in schema:
                names.update((child.value, parent.value))
        self.prefetch_labels(names)
        classes = {iri: ClassInfo(iri, self.label(iri), direct_count=direct.get(iri, 0)) for iri in names}
        for child, parent in edges:
            c, p = classes.get(child.value), classes.get(parent.value)
            if c is None or p is None or c is p or p.iri in c.parents:
                continue
            c.parents.append(p.iri)
            p.children.append(c.iri)
        # Transitive closure here: Virtuoso refuses `?t rdfs:subClassOf* ?c` with both ends open.
        pairs: list[str] = []
        for iri in classes:
            for sub in _descendants(classes, iri):
                pairs.append(f"(<{iri}> <{sub}>)")
        totals: dict[str, int] = {}
        for chunk in _chunks(pairs, 500):
            rows = self._select(
                f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES (?c ?t) {{ {' '.join(chunk)} }} ?s a ?t }} GROUP BY ?c"
            )
            for cls, count in rows:
                totals[cls.value] = totals.get(cls.value, 0) + int(count.value)
        for item in classes.values():
            # Chunks can split one class's subclasses: never report more than the sum, never less than direct.
            item.total_count = max(totals.get(item.iri, 0), item.direct_count)
            item.children.sort(key=lambda iri: classes[iri].label.casefold())
        self._class_cache = classes
        return classes

    def instances(self, cls: str, *, limit: int = 200, offset: int = 0, include_subclasses: bool = True) -> list[str]:
        classes = [cls]
        if include_subclasses:
            hierarchy = self.class_hierarchy()
            if cls in hierarchy:
                classes = [cls, *(c for c in _descendants(hierarchy, cls) if c != cls)]
        values = _values("t", (sparql_iri(c) for c in classes))
        rows = self._select(
            f"SELECT DISTINCT ?s WHERE {{ {values} ?s a ?t }} ORDER BY ?s LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        return [node_id(row[0]) for row in rows if isinstance(row[0], (ox.NamedNode, ox.BlankNode))]

    def statistics_are_quick(self) -> bool:
        return False  # every count is a round trip to the server

    def stats(self) -> Stats:
        if self._remote_stats is not None:
            return self._remote_stats
        quads = self.backend.quad_count()
        resources = self._select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
        not_entities = " ".join(f"<{t}>" for t in NON_ENTITY_TYPES)
        entities = self._select(
            f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(?p NOT IN (<{_RDFS}label>, <{_RDFS}comment>)) "
            f"FILTER NOT EXISTS {{ VALUES ?t {{ {not_entities} }} ?s a ?t }} }}"
        )
        class_rows = [row for row in self._select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
                      if isinstance(row[0], ox.NamedNode)]
        predicate_rows = self._select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")
        self.prefetch_labels([row[0].value for row in class_rows] + [row[0].value for row in predicate_rows])
        # Sorted here: some servers sort GROUP BY aggregates slowly or refuse ORDER BY on them.
        classes = sorted(((r[0].value, self.label(r[0].value), int(r[1].value)) for r in class_rows),
                         key=lambda item: (-item[2], item[0]))
        predicates = sorted(((r[0].value, self.label(r[0].value), int(r[1].value)) for r in predicate_rows),
                            key=lambda item: (-item[2], item[0]))
        self._remote_stats = Stats(quads, quads, int(entities[0][0].value) if entities else 0, classes, predicates,
                                   int(resources[0][0].value) if resources else 0)
        return self._remote_stats

    # ------------------------------------------------------------------ neighbours
    def _adjacent_query(self, subject_values: str, *, outgoing: bool, incoming: bool, include_schema: bool,
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
            branches.append(f"{{ ?o ?p ?n {_NODE_FILTER} {extra} {statement} BIND(\"i\" AS ?d) }}")
        body = f"{subject_values} {predicates} {' UNION '.join(branches)}"
        if groups:
            return f"SELECT DISTINCT ?p ?d WHERE {{ {body} }}"
        if count:
            return f"SELECT ?d (COUNT(*) AS ?c) WHERE {{ SELECT DISTINCT ?n ?p ?o ?d WHERE {{ {body} }} }} GROUP BY ?d"
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        if with_types:
            return f"SELECT DISTINCT ?n ?p ?o ?d ?t WHERE {{ {body} OPTIONAL {{ ?o a ?t }} }}{tail}"
        return f"SELECT DISTINCT ?n ?p ?o ?d WHERE {{ {body} }}{tail}"

    def adjacent_many(
        self, entities: Iterable[str], *, outgoing: bool = True, incoming: bool = True, include_schema: bool = False,
        cancel: CancelToken | None = None,
    ) -> dict[str, list[tuple[str, str, bool]]]:
        """Links of many entities with one query per few hundred entities (a path-search frontier)."""
        found: dict[str, list[tuple[str, str, bool]]] = {}
        terms: list[str] = []
        for entity in dict.fromkeys(entities):
            found[entity] = []
            try:
                terms.append(sparql_iri(entity))
            except _UnreachableBlankNode:
                continue
        if not (outgoing or incoming):
            return found
        options = (outgoing, incoming, include_schema)
        for chunk in _chunks(terms, _VALUES_CHUNK):
            if cancel is not None and cancel.cancelled:
                raise Cancelled("cancelled")
            for rows, complete in self._link_rows(list(chunk), options, cancel):
                seen: set[tuple[str, str, str, bool]] = set()
                types: dict[str, list[str]] = {}
                for node, predicate, other, direction, cls in rows:
                    if not isinstance(other, (ox.NamedNode, ox.BlankNode)) or not isinstance(node, (ox.NamedNode, ox.BlankNode)):
                        continue
                    entity, neighbour, forward = node_id(node), node_id(other), direction.value == "o"
                    known = types.setdefault(neighbour, [])
                    if isinstance(cls, ox.NamedNode) and cls.value not in known:
                        known.append(cls.value)
                    key = (entity, predicate.value, neighbour, forward)
                    if key not in seen:
                        seen.add(key)
                        found.setdefault(entity, []).append((predicate.value, neighbour, forward))
                if complete:
                    self._types.update(types)
        return found

    def _link_rows(self, chunk: list[str], options: tuple[bool, bool, bool],
                   cancel: CancelToken | None) -> Iterator[tuple[list[tuple[Term, ...]], bool]]:
        """Rows of the links of ``chunk``, never silently cut by the server's row cap.

        A full page means the server may have cut it (Virtuoso returns at most
        ResultSetMaxRows and refuses to sort past it): the chunk is halved until it fits,
        and a single hub is read one predicate and direction at a time.
        """
        page = self.backend.config.page_size
        outgoing, incoming, include_schema = options
        nodes = _values("n", chunk)
        rows = self._select(self._adjacent_query(nodes, outgoing=outgoing, incoming=incoming, include_schema=include_schema,
                                                 limit=page, with_types=True))
        if len(rows) < page:
            yield rows, True
            return
        if cancel is not None and cancel.cancelled:
            raise Cancelled("cancelled")
        if len(chunk) > 1:
            middle = len(chunk) // 2
            yield from self._link_rows(chunk[:middle], options, cancel)
            yield from self._link_rows(chunk[middle:], options, cancel)
            return
        groups = self._select(self._adjacent_query(nodes, outgoing=outgoing, incoming=incoming,
                                                   include_schema=include_schema, groups=True))
        for predicate, direction in groups:
            if cancel is not None and cancel.cancelled:
                raise Cancelled("cancelled")
            part = self._select(self._adjacent_query(
                nodes, outgoing=direction.value == "o", incoming=direction.value == "i", include_schema=include_schema,
                predicates=_values("p", [sparql_term(predicate)]), limit=page, with_types=True))
            if len(part) >= page:
                self.backend.truncated_patterns += 1
            yield part, len(part) < page

    def types(self, entity: str) -> list[str]:
        cached = self._types.get(entity)
        if cached is None:
            cached = super().types(entity)
            self._types[entity] = cached
        return list(cached)

    def is_evidence_record(self, entity: str) -> bool:
        return f"{_RDF}Statement" in self.types(entity)

    def adjacent(
        self, entity: str, *, outgoing: bool = True, incoming: bool = True, include_schema: bool = False
    ) -> Iterator[tuple[str, str, bool]]:
        yield from self.adjacent_many((entity,), outgoing=outgoing, incoming=incoming,
                                      include_schema=include_schema).get(entity, [])

    def neighbours(
        self,
        entity: str,
        *,
        direction: str = "both",
        limit: int | None = 100,
        predicates: Iterable[str] | None = None,
        include_schema: bool = False,
    ) -> Neighbourhood:
        """Each direction capped at ``limit`` by the server; one COUNT query tells what was left out.

        Without a limit the server's own row cap (``page_size``) applies, and is counted the same way.
        """
        if limit is None:
            limit = self.backend.config.page_size
        result = Neighbourhood(entity)
        try:
            node = sparql_iri(entity)
        except _UnreachableBlankNode:
            return result
        wanted = ""
        if predicates is not None:
            wanted = _values("p", (sparql_iri(p) for p in predicates)) if predicates else ""
            if not wanted:
                return result
        edges: list[tuple[str, str, bool]] = []
        counts = {"o": 0, "i": 0}
        for side, flag in (("o", direction in ("both", "out")), ("i", direction in ("both", "in"))):
            if not flag:
                continue
            query = self._adjacent_query(_values("n", [node]), outgoing=side == "o", incoming=side == "i",
                                         include_schema=include_schema, predicates=wanted, limit=limit)
            rows = self._select(query)
            for _, predicate, other, _d in rows:
                if isinstance(other, (ox.NamedNode, ox.BlankNode)):
                    edges.append((predicate.value, node_id(other), side == "o"))
            counts[side] = len(rows)
        if counts["o"] >= limit or counts["i"] >= limit:
            totals = self._select(self._adjacent_query(
                _values("n", [node]), outgoing=counts["o"] >= limit, incoming=counts["i"] >= limit,
                include_schema=include_schema, predicates=wanted, count=True))
            for side, total in totals:
                if side.value == "o":
                    result.omitted_outgoing = max(int(total.value) - counts["o"], 0)
                else:
                    result.omitted_incoming = max(int(total.value) - counts["i"], 0)
        self.prefetch_labels([other for _, other, _ in edges] + [p for p, _, _ in edges])
        self._prefetch_backward_words({p for p, _, forward in edges if not forward})
        for predicate, other, forward in edges:
            edge = Edge(entity, predicate, other, forward, self.predicate_words(predicate, forward), self.label(other))
            (result.outgoing if forward else result.incoming).append(edge)
        key_of = lambda edge: (edge.words.casefold(), edge.other_label.casefold())  # noqa: E731
        result.outgoing.sort(key=key_of)
        result.incoming.sort(key=key_of)
        return result

    def _prefetch_backward_words(self, predicates: Iterable[str]) -> None:
        """How incoming links read ("branch of"): every kg:inverseLabel in one query."""
        missing = [p for p in predicates if (p, False) not in self._predicate_words]
        if not missing:
            return
        found: dict[str, str] = {}
        for chunk in _chunks([sparql_iri(p) for p in missing], _VALUES_CHUNK):
            rows = self._select(f"SELECT ?e ?l WHERE {{ {_values('e', chunk)} ?e <{KG.inverseLabel}> ?l "
                                "FILTER(isLiteral(?l) && (LANG(?l) = \"en\" || LANG(?l) = \"\")) }")
            for entity, value in rows:
                if isinstance(value, ox.Literal):
                    found.setdefault(entity.value, value.value)
        inverses = {p: self.inverse_of(p) for p in missing if p not in found}
        self.prefetch_labels([i for i in inverses.values() if i])
        for predicate in missing:
            inverse = inverses.get(predicate)
            # The same reading as the embedded graph: inverse label, else the named inverse.
            words = found.get(predicate) or (self.label(inverse) if inverse else f"{self.label(predicate)} (inverse)")
            self._predicate_words[(predicate, False)] = words

    def describe(self, entity: str, *, limit: int | None = 200) -> Description:
        try:
            node = sparql_iri(entity)
        except _UnreachableBlankNode:
            node = None
        if node is not None:
            rows = self._select(f"SELECT DISTINCT ?p WHERE {{ {node} ?p ?o }} LIMIT 1000")
            self.prefetch_labels([entity, *(row[0].value for row in rows), *self.types(entity)])
        return super().describe(entity, limit=limit)

    # ------------------------------------------------------------------ evidence
    def _evidence_for(self, subject: str, predicate: str, obj: str) -> list[Evidence]:
        try:
            s_term, p_term, o_term = sparql_iri(subject), sparql_iri(predicate), sparql_iri(obj)
        except _UnreachableBlankNode:
            return []
        rows = self._select(
            "SELECT ?r ?bg ?quote ?sentence ?source ?note WHERE { "
            f"?r <{_RDF}subject> {s_term} ; <{_RDF}predicate> {p_term} ; <{_RDF}object> {o_term} . "
            f"OPTIONAL {{ ?r <{KG.isBackground}> ?bg }} OPTIONAL {{ ?r <{KG.quote}> ?quote }} "
            f"OPTIONAL {{ ?r <{KG.sentenceIndex}> ?sentence }} OPTIONAL {{ ?r <{_PROV_DERIVED}> ?source }} "
            f"OPTIONAL {{ ?r <{_RDFS}comment> ?note }} }} LIMIT 1000"
        )
        records: dict[str, tuple[Term, ...]] = {}
        for row in rows:
            if isinstance(row[0], (ox.NamedNode, ox.BlankNode)):
                records.setdefault(node_id(row[0]), row)
        sources = [node_id(row[4]) for row in records.values() if isinstance(row[4], (ox.NamedNode, ox.BlankNode))]
        self.prefetch_labels(sources)
        found = []
        for record, (_, background, quote, sentence, source, note) in records.items():
            source_id = node_id(source) if isinstance(source, (ox.NamedNode, ox.BlankNode)) else None
            found.append(Evidence(
                record=record,
                background=isinstance(background, ox.Literal) and background.value in ("true", "1"),
                quote=quote.value if isinstance(quote, ox.Literal) else None,
                source=source_id,
                source_label=self.label(source_id) if source_id else None,
                sentence_index=int(sentence.value) if isinstance(sentence, ox.Literal) else None,
                note=note.value if isinstance(note, ox.Literal) else None,
            ))
        return sorted(found, key=lambda e: (e.background, e.sentence_index or 0, e.record))

    def to_rdflib(self, *, asserted_only: bool = False) -> Any:
        raise ExplorerError(f"the whole graph of {self.backend.config.url} is not downloaded: "
                            "use a CONSTRUCT query for the part you need")


def _descendants(classes: dict[str, ClassInfo], iri: str) -> list[str]:
    """A class and all its subclasses (cycles tolerated)."""
    seen = [iri]
    stack = [iri]
    marked = {iri}
    while stack:
        current = stack.pop()
        for child in classes[current].children if current in classes else []:
            if child not in marked:
                marked.add(child)
                seen.append(child)
                stack.append(child)
    return seen


def connect(config: EndpointConfig, *, check: bool = True) -> RemoteKnowledgeGraph:
    """A knowledge graph over a SPARQL endpoint (see :meth:`KnowledgeGraph.connect`)."""
    return RemoteKnowledgeGraph.open(config, check=check)


def with_secret(config: EndpointConfig, secret: str) -> EndpointConfig:
    """The same configuration with a password or token filled in."""
    return replace(config, auth=replace(config.auth, secret=secret))
