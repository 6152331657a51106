"""KnowledgeGraph: the one object the rest of the app asks about the graph.

It is a facade over a :class:`~explorer.core.backends.Backend` — the embedded Oxigraph
store in memory, an on-disk workspace or a SPARQL endpoint, the same code for each:
loading, labels, classes, statistics, search, neighbours in words, evidence for a fact,
SPARQL and SHACL. Entities are named by plain strings: an IRI, or ``_:id`` for a blank
node; statements come back as rdflib terms. What differs between backends is how fast a
bulk question is answered, and that is the backend's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import OWL, RDFS, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from explorer.core import bundled
from explorer.core.backends import (
    Backend,
    EvidenceRow,
    LabelsByLanguage,
    LoadedFile,
    LocalBackend,
    OxigraphBackend,
    WritableBackend,
)
from explorer.core.changes import ChangeSet, Quad
from explorer.core.classes import build_hierarchy, depth, descendants
from explorer.core.collector import collector_paused
from explorer.core.declared_prefixes import declared_prefixes
from explorer.core.errors import AmbiguousEntity, EntityNotFound, ExplorerError, ReadOnlyGraph
from explorer.core.formats import RdfFormatInfo
from explorer.core.graph_model import OMITTED_FIELDS, ClassInfo, Description, Edge, Evidence, Neighbourhood, Stats
from explorer.core.graph_names import GraphNames
from explorer.core.search import TYPO_QUALITY, LabelIndex, LabelTable, SearchHit, normalize, split_words
from explorer.core.sparql import QueryPolicy, QueryResult
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import INFERRED_GRAPH, NON_ENTITY_TYPES, PREFIXES, SCHEMA_CLASSES

if TYPE_CHECKING:
    from explorer.core.backends import EndpointConfig
    from explorer.core.validation import ValidationReport

__all__ = ["NON_ENTITY_TYPES", "QUICK_STATISTICS_BELOW", "ClassInfo", "Description", "Edge", "Evidence", "KnowledgeGraph",
           "Neighbourhood", "Stats"]

#: Loaded quads below which the statistics are quick enough to count on the spot.
QUICK_STATISTICS_BELOW = 200_000


class KnowledgeGraph(GraphNames):
    """The graph an analyst explores.

    >>> kg = KnowledgeGraph()
    >>> kg.load_text('@prefix ex: <http://example.org/> . ex:a ex:knows ex:b .', "turtle")
    >>> len(kg)
    1
    """

    def __init__(self, backend: Backend | None = None, policy: QueryPolicy | None = None) -> None:
        self.backend = backend or OxigraphBackend()
        if policy is None:
            policy = QueryPolicy(allow_update=not self.backend.read_only) if self.backend.remote else QueryPolicy()
        self.policy = policy
        self.prefixes: dict[str, str] = dict(PREFIXES)
        #: Prefixes the loaded data declares itself (they win over the built-in ones).
        self._declared_prefixes: dict[str, str] = {}
        self.files: list[LoadedFile] = []
        self._written = 0  # statements added or removed by change sets (see statistics_are_quick)
        self.default_query_timeout: float | None = self.backend.query_timeout
        #: Language tags tried in order by :meth:`label` ("" = no tag); the user's preference.
        self.label_languages: tuple[str, ...] = ("en", "", "zh")
        self._reset_caches()

    # ------------------------------------------------------------------ construction
    @classmethod
    def bundled(cls, backend: Backend | None = None) -> KnowledgeGraph:
        """The ontology and the knowledge graph of the article."""
        graph = cls(backend)
        graph.load(bundled.bundled_graph_files())
        return graph

    @classmethod
    def open_workspace(cls, path: str | Path, policy: QueryPolicy | None = None) -> KnowledgeGraph:
        """A graph kept on disk in a workspace folder (created when missing).

        Reopening a workspace reads no RDF file and, when the store is unchanged since the
        label index was saved beside it, rebuilds no index: it is ready in about a second
        even at a million triples. Loading into it with :meth:`load` keeps the triples there.
        """
        from explorer.core.backends import WorkspaceBackend

        graph = cls(WorkspaceBackend(Path(path)), policy)
        graph._build_index()
        return graph

    @classmethod
    def connect(
        cls,
        url: str,
        *,
        default_graph: str | None = None,
        timeout: float = 30.0,
        auth: tuple[str, str, str] | None = None,
        allow_update: bool = False,
        update_url: str | None = None,
        check: bool = True,
    ) -> KnowledgeGraph:
        """The graph of a remote SPARQL endpoint: every question becomes a bounded query.

        ``auth`` is ``(kind, user, secret)`` with kind ``basic``, ``digest`` or ``bearer``.
        With ``check`` the endpoint is asked once; if it is down, slow or refuses, a
        one-line :class:`~explorer.core.errors.ExplorerError` says which.
        """
        from explorer.core.backends import EndpointAuth, EndpointConfig

        kind, user, secret = auth if auth is not None else ("none", "", "")
        config = EndpointConfig(url, default_graph=default_graph, timeout=timeout,
                                auth=EndpointAuth(kind, user, secret),  # type: ignore[arg-type]
                                allow_update=allow_update, update_url=update_url)
        return cls.over_endpoint(config, check=check)

    @classmethod
    def over_endpoint(cls, config: EndpointConfig, *, check: bool = True) -> KnowledgeGraph:
        """The graph of the endpoint ``config`` describes; with ``check`` the endpoint is
        asked once and a one-line error says why it does not answer."""
        from explorer.core.backends import SparqlEndpointBackend

        backend = SparqlEndpointBackend(config)
        if check:
            backend.ping()
        return cls(backend)

    # ------------------------------------------------------------------ capabilities
    @property
    def is_remote(self) -> bool:
        """Whether the triples live on a server (every question is a round trip)."""
        return self.backend.remote

    @property
    def can_write(self) -> bool:
        """Whether :meth:`apply_changes` can change this graph."""
        return isinstance(self.backend, WritableBackend) and not self.backend.read_only

    @property
    def local(self) -> LocalBackend | None:
        """The backend when it holds the quads here (copy, release, named graphs), else None."""
        return self.backend if isinstance(self.backend, LocalBackend) else None

    @property
    def endpoint_config(self) -> EndpointConfig | None:
        """How the server was reached (never its secret in saved form); None for a local graph."""
        config: EndpointConfig | None = self.backend.endpoint_config
        return config

    @property
    def source_name(self) -> str:
        return self.backend.describe_target()

    def apply_changes(self, change: ChangeSet) -> None:
        """Write a change set in one go; a read-only graph refuses with :class:`ReadOnlyGraph`."""
        if not self.can_write:
            raise ReadOnlyGraph(f"{self.backend.describe_target()} is read-only: it cannot be changed here")
        assert isinstance(self.backend, WritableBackend)
        self.backend.apply_changes(change)
        self._written += len(change.added) + len(change.removed)
        self.invalidate_caches()

    # ------------------------------------------------------------------ caches
    def _reset_caches(self) -> None:
        self._generation = getattr(self, "_generation", 0) + 1  # no count made before a change is kept after it
        self._index: LabelIndex | None = None
        self._labels: LabelTable | None = None
        self._fetched_labels: dict[str, LabelsByLanguage] = {}
        self._predicate_words: dict[tuple[str, bool], str] = {}
        self._inverse_of: dict[str, set[str]] | None = None
        self._class_cache: dict[str, ClassInfo] | None = None
        self._parents_cache: dict[str, ClassInfo] | None = None
        self._class_counts: dict[str, int] | None = None
        self._stats: Stats | None = None

    def warm_caches(self) -> None:
        """Build the label index and the class hierarchy now, so the views that ask next find them
        ready (a worker calls it after a big change; the GUI thread then waits on neither)."""
        if self._index is None:
            self._build_index()
        self.class_hierarchy()

    def invalidate_caches(self) -> None:
        """Forget labels, classes and the search index after the store changed outside
        :meth:`load` (inference switched on or off, an update undone)."""
        self.backend.forget_caches()
        self._reset_caches()

    # ------------------------------------------------------------------ loading
    def load(
        self,
        paths: Iterable[str | Path],
        *,
        formats: Sequence[RdfFormatInfo | None] | None = None,
        replace: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
        labels_after_ready: bool = False,
        labels_beside_parse: bool = False,
    ) -> list[LoadedFile]:
        """Load files (all or none). On any error the graph is exactly as it was.

        A local graph reads its label index on a thread of its own from the end of the parse;
        with ``labels_after_ready`` that thread waits for :meth:`start_reading_labels` (the
        caller builds what the window shows first, without sharing the processor with it), or
        for the first search. ``labels_beside_parse`` (a process with no window) reads a single
        file's labels with a second parser while the store parses it.
        """
        if labels_after_ready:
            self.backend.hold_label_reading()
        if labels_beside_parse:
            self.backend.read_labels_beside_parse()
        loaded = self.backend.load_files(
            [Path(p) for p in paths], formats=formats, replace=replace, progress=progress, cancel=cancel
        )
        self.files = loaded if replace else [*self.files, *loaded]
        self._reset_caches()
        self._collect_prefixes(loaded)
        if not self.backend.reading_label_index():
            # Otherwise it is read on a thread of its own: the class tree and the first views look
            # their few labels up one by one meanwhile, and search waits for it (labels_ready).
            self._build_index()
        return loaded

    def start_reading_labels(self) -> None:
        """Begin reading the label index a load with ``labels_after_ready`` left waiting."""
        self.backend.begin_label_reading()

    def labels_ready(self) -> bool:
        """Whether search answers without waiting for the label index being read since a load."""
        return self._index is not None or not self.backend.label_index_pending()

    def wait_for_labels(self) -> None:
        """Until the label index read since the last load is at hand (search would wait for it)."""
        if self._index is None and self.backend.reading_label_index():
            self._build_index()

    def load_text(self, text: str, format_name: str = "turtle", base_iri: str | None = None) -> None:
        """Parse RDF text straight into the graph (tests, pasted snippets)."""
        from explorer.core.formats import format_named

        self.backend.load_data(text.encode("utf-8"), format_named(format_name), base_iri)
        self.invalidate_caches()
        self._build_index()

    def _collect_prefixes(self, loaded: Sequence[LoadedFile]) -> None:
        """Take the prefixes the files declare (Turtle family, RDF/XML), gzipped or not."""
        for item in loaded:
            self.adopt_prefixes(declared_prefixes(Path(item.path), item.format))

    def adopt_prefixes(self, declared: Mapping[str, str]) -> None:
        """Make the data's own prefixes win over the built-in ones.

        A file that binds ``d:`` or ``schema:`` to another namespace means its own in its
        queries and names: its binding replaces the built-in one (for prefixed names in
        queries, ``describe``, search and display), and among prefixes of one namespace the
        file's is the one shown. The first file to bind a prefix keeps it.
        """
        for prefix, namespace in declared.items():
            if namespace:
                self._declared_prefixes.setdefault(prefix, namespace)
        rest = {p: ns for p, ns in self.prefixes.items() if p not in self._declared_prefixes}
        self.prefixes = {**self._declared_prefixes, **rest}

    def _build_index(self) -> None:
        """Labels and the search index, from one pass over the label triples (a workspace
        keeps them beside its store; a server keeps its own and is asked per request)."""
        with collector_paused():
            index = self.backend.label_index()
            self._labels = index.table() if index is not None else None
        self._index = index

    # ------------------------------------------------------------------ statements
    def quads(self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None,
              graph: Node | None = None) -> Iterator[Quad]:
        """Stored quads matching a pattern, in rdflib terms (graph ``None`` = default graph)."""
        return self.backend.quads(subject, predicate, obj, graph)

    def triples(self, subject: Node | None = None, predicate: Node | None = None,
                obj: Node | None = None) -> Iterator[tuple[Node, Node, Node]]:
        """Stored triples matching a pattern across all graphs, in rdflib terms."""
        return self.backend.triples(subject, predicate, obj)

    def contains(self, quad: Quad) -> bool:
        """Whether this exact quad is stored (graph ``None`` = the default graph)."""
        return self.backend.contains(quad)

    # ------------------------------------------------------------------ counts
    def __len__(self) -> int:
        """The number of distinct triples, across all graphs."""
        return self.triple_count()

    def quad_count(self) -> int:
        return self.backend.quad_count()

    def triple_count(self) -> int:
        return self.backend.triple_count()

    # ------------------------------------------------------------------ classes
    def types(self, entity: str) -> list[str]:
        return self.backend.types_of(entity)

    def main_class(self, entity: str) -> str | None:
        """The most specific domain class of an entity (for colour, shape and listings)."""
        classes = [c for c in self.types(entity) if c not in SCHEMA_CLASSES]
        if not classes:
            return None
        hierarchy = self._class_cache if self._class_cache is not None else self._class_parents()
        return max(classes, key=lambda c: (depth(hierarchy, c), c))

    def _class_parents(self) -> dict[str, ClassInfo]:
        """The classes linked by ``rdfs:subClassOf``, with their parents only: what the most
        specific class of an entity needs, without counting every class's members (the
        command line's ``search`` counted them for its class column: a second at a million
        triples). Depths are those of :meth:`class_hierarchy`, which links the same pairs."""
        if self._parents_cache is None:
            edges = [(c, p) for c, p in self.backend.subclass_edges() if c not in SCHEMA_CLASSES and p not in SCHEMA_CLASSES]
            names = dict.fromkeys(name for edge in edges for name in edge)
            self._parents_cache = build_hierarchy(names, {name: name for name in names}, edges, {})
        return self._parents_cache

    def class_hierarchy(self) -> dict[str, ClassInfo]:
        """Every class that is declared or has instances, with parents, children and counts.

        ``total_count`` counts distinct entities typed with the class or any subclass.
        """
        if self._class_cache is not None:
            return self._class_cache
        generation = self._generation  # see _reset_caches
        domain = [c for c in self._type_counts() if c not in SCHEMA_CLASSES]
        names = dict.fromkeys(domain)
        names.update(dict.fromkeys(c for c in self.backend.declared_classes() if c not in SCHEMA_CLASSES))
        edges = [(c, p) for c, p in self.backend.subclass_edges() if c not in SCHEMA_CLASSES and p not in SCHEMA_CLASSES]
        for child, parent in edges:
            names.update(dict.fromkeys((child, parent)))
        self.prefetch_labels(names)
        classes = build_hierarchy(names, {iri: self.label(iri) for iri in names}, edges, {})
        direct, totals = self.backend.class_counts(domain, classes)
        for item in classes.values():
            item.direct_count = direct.get(item.iri, 0)
            # Never less than direct (a server's chunks may split one class's subclasses).
            item.total_count = max(totals.get(item.iri, 0), item.direct_count)
        self._class_cache = classes if generation == self._generation else None
        return classes

    def root_classes(self) -> list[ClassInfo]:
        hierarchy = self.class_hierarchy()
        roots = [c for c in hierarchy.values() if not any(p in hierarchy for p in c.parents)]
        return sorted(roots, key=lambda c: c.label.casefold())

    def instances(self, cls: str, *, limit: int = 200, offset: int = 0, include_subclasses: bool = True) -> list[str]:
        """Entities of a class, ordered by identifier, one page at a time."""
        wanted = [cls]
        if include_subclasses:
            wanted = sorted(descendants(self.class_hierarchy(), cls))
        return self.backend.instances_of(wanted, limit=max(int(limit), 0), offset=max(int(offset), 0))

    def _type_counts(self) -> dict[str, int]:
        """Type triples per class (every class, schema ones included), from one GROUP BY."""
        if self._class_counts is None:
            generation, counts = self._generation, self.backend.type_counts()
            self._class_counts = counts if generation == self._generation else None
            return counts
        return self._class_counts

    # ------------------------------------------------------------------ statistics
    def statistics_are_quick(self) -> bool:
        """Whether :meth:`stats` takes tens of milliseconds rather than up to seconds: it scans
        every triple several times (about a second at a million; every count a round trip
        on a server)."""
        local = self.local
        held = local.quads_estimate() if local is not None else 0  # the files plus what was written since
        # The store keeps removed quads marked and its scans walk them: counting the bundled graph
        # after a 3.5-million-statement import was undone took 0.9 s. What was written bounds them.
        held = max(held, self._written)
        return not self.backend.remote and max(held, sum(item.quads for item in self.files)) < QUICK_STATISTICS_BELOW

    def statistics_at_hand(self) -> bool:
        """Whether :meth:`stats` scans nothing: a small graph, or counts a workspace keeps."""
        return self.statistics_are_quick() or (self._class_cache is not None and self.backend.statistics_at_hand())

    def stats(self) -> Stats:
        if self._stats is not None:
            return self._stats
        counted = self.backend.predicate_counts()
        self.prefetch_labels(p for p, _ in counted)
        predicates = [(iri, self.label(iri), count) for iri, count in counted]
        if self.backend.single_graph():
            # One graph: every quad is a triple, and the predicate counts already add up to them
            # (two full counts saved: half a second at a million triples).
            quads = triples = sum(count for _, _, count in predicates)
        else:
            quads = self.quad_count()
            triples = self.triple_count()
        resources, entities = self.backend.entity_counts()
        hierarchy = self.class_hierarchy()
        counts = {iri: (hierarchy[iri].direct_count if iri in hierarchy else count)
                  for iri, count in self._type_counts().items()}
        self.prefetch_labels(counts)
        classes = [(iri, self.label(iri), count) for iri, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        stats = Stats(quads, triples, entities, classes, predicates, resources)
        if self.backend.remote:  # every count is a round trip: keep the answer until the graph changes
            self._stats = stats
        return stats

    # ------------------------------------------------------------------ search and resolution
    def _matching(self, text: str, cap: int) -> LabelIndex:
        """An index that answers ``text``: the whole graph's, or the server's candidates."""
        self.wait_for_labels()  # search needs every label
        if self._labels_at_hand():
            assert self._index is not None
            return self._index
        return LabelIndex(self.backend.label_candidates(text, cap))

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Entities whose labels match ``text``, best first (prefix, substring, CJK)."""
        if not normalize(text) or limit <= 0:
            return []
        index = self._matching(text, max(200, limit * 10))
        schema: dict[str, bool] = {}

        def is_schema(entity: str) -> bool:
            if entity not in schema:
                schema[entity] = self.is_schema_term(entity)
            return schema[entity]

        hits = index.search(text, limit=limit)
        if len(hits) >= limit:
            # A full page as typed: the usual keystroke, answered without the searches below. Its
            # order stands unless an ontology term is on it (things in the world ranked below may pass it).
            self.backend.prefetch_types(hit.entity for hit in hits)
            if not any(is_schema(hit.entity) for hit in hits):
                return hits
        wanted = max(limit * 3, 30)
        hits = index.search(text, limit=wanted)
        # "ChinaMobile" and "mobile china" name "China Mobile": words split at case changes,
        # in any order, when the text as typed finds too little.
        if len(hits) < limit:
            seen = {hit.entity for hit in hits}
            hits += [hit for hit in index.search_words(split_words(text), limit=wanted) if hit.entity not in seen]
        if not hits:  # nothing as typed: labels spelt nearly so (a typo)
            hits = index.search_near(text, limit=wanted)
        # Within one quality of match, things in the world before ontology terms with the
        # same words (an operator before the class "operator").
        order = {hit.entity: position for position, hit in enumerate(hits)}
        self.backend.prefetch_types(order)
        hits.sort(key=lambda hit: (hit.quality, is_schema(hit.entity), order[hit.entity]))
        return hits[:limit]

    def resolve(self, text: str) -> str:
        """An entity from an IRI, a prefixed name or a label.

        Raises :class:`EntityNotFound` when nothing matches and :class:`AmbiguousEntity`
        (listing the candidates) when a label fits several entities equally well.
        """
        iri = self.expand(text)
        if iri is not None:
            if self.exists(iri):
                return iri
            raise EntityNotFound(f"no entity {text} in the graph")
        index = self._matching(text, 500)
        # A label that is exactly that of several entities is ambiguous, even when one is a
        # class and the other a thing: the user chooses (the error lists them).
        exact = index.exact(text)
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AmbiguousEntity(text, [self._candidate(e) for e in exact])
        # Otherwise analysts name things in the world: instances win over classes and
        # properties ("remote healthcare" is the service, not RemoteHealthcareService).
        found = self.search(text, limit=50)
        # A near spelling is offered, never taken: a name typed to the CLI or a picker means what it says.
        hits = [hit for hit in found if hit.quality < TYPO_QUALITY]
        if not hits:
            near = list(dict.fromkeys(self.label(hit.entity) for hit in found))[:3]
            hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
            raise EntityNotFound(f'no entity is labelled "{text}"{hint}')
        hits = [hit for hit in hits if not self.is_schema_term(hit.entity)] or hits
        best = [hit for hit in hits if hit.quality == hits[0].quality]
        if len(best) == 1:
            return best[0].entity
        raise AmbiguousEntity(text, [self._candidate(hit.entity) for hit in best])

    def _candidate(self, entity: str) -> tuple[str, str, str]:
        cls = self.main_class(entity)
        return entity, self.label(entity), self.label(cls) if cls else ""

    def is_schema_term(self, entity: str) -> bool:
        """Whether an entity is a class, a property or an ontology rather than a thing."""
        return any(t in SCHEMA_CLASSES for t in self.types(entity))

    def exists(self, entity: str) -> bool:
        return self.backend.exists(entity)

    # ------------------------------------------------------------------ neighbours
    def is_evidence_record(self, entity: str) -> bool:
        return self.backend.is_evidence_record(entity)

    def adjacent(
        self, entity: str, *, outgoing: bool = True, incoming: bool = True, include_schema: bool = False
    ) -> Iterator[tuple[str, str, bool]]:
        """Raw links of an entity for traversal: (predicate, other entity, forward).

        Literals, schema predicates (rdf:type, rdfs:subClassOf …) and evidence records are
        left out unless ``include_schema``.
        """
        return self.backend.adjacent(entity, outgoing=outgoing, incoming=incoming, include_schema=include_schema)

    def adjacent_many(
        self, entities: Iterable[str], *, outgoing: bool = True, incoming: bool = True, include_schema: bool = False,
        cancel: CancelToken | None = None,
    ) -> dict[str, list[tuple[str, str, bool]]]:
        """:meth:`adjacent` for a whole path-search frontier (one query per batch on a server)."""
        return self.backend.adjacency(entities, outgoing=outgoing, incoming=incoming, include_schema=include_schema,
                                      cancel=cancel)

    def entity_links(
        self, *, progress: Progress | None = None, cancel: CancelToken | None = None,
    ) -> Iterator[tuple[str, str, str]]:
        """Every link between two entities, as (subject, predicate, object) identifiers: the bulk
        form of :meth:`adjacent` for whole-graph analytics (see ``Backend.entity_links``).

        Raises:
            ExplorerError: on a SPARQL endpoint, whose whole graph is never downloaded.
        """
        if self.is_remote:
            raise ExplorerError("the whole graph of a SPARQL endpoint is not read at once: "
                                "choose the canvas or a focus entity with a number of hops")
        return self.backend.entity_links(progress=progress, cancel=cancel)

    def neighbours(
        self,
        entity: str,
        *,
        direction: str = "both",
        limit: int | None = 100,
        predicates: Iterable[str] | None = None,
        include_schema: bool = False,
    ) -> Neighbourhood:
        """Links of an entity in words, each direction capped at ``limit``; the rest is counted."""
        page = self.backend.links(entity, direction=direction, limit=limit, predicates=predicates, include_schema=include_schema)
        result = Neighbourhood(entity, **{name: getattr(page, name) for name in OMITTED_FIELDS})
        self.prefetch_labels(other for _, other, _ in page.links)
        self._prefetch_words({p for p, _, forward in page.links if not forward},
                             {p for p, _, forward in page.links if forward})
        for predicate, other, forward in page.links:
            edge = Edge(entity, predicate, other, forward, self.predicate_words(predicate, forward), self.label(other))
            (result.outgoing if forward else result.incoming).append(edge)
        key_of = lambda edge: (edge.words.casefold(), edge.other_label.casefold())  # noqa: E731
        result.outgoing.sort(key=key_of)
        result.incoming.sort(key=key_of)
        return result

    def link_totals(self, entity: str, *, include_schema: bool = False) -> tuple[int, int]:
        """Exact (outgoing, incoming) link counts: what fills in a server's "1,000+ more"."""
        return self.backend.link_totals(entity, include_schema=include_schema)

    # ------------------------------------------------------------------ evidence
    def evidence(self, subject: str, predicate: str, obj: str) -> list[Evidence]:
        """Evidence records for a fact; the fact stated with the inverse property counts too."""
        records = self._evidence_for(subject, predicate, obj)
        inverse = self.inverse_of(predicate)
        if not records and inverse:
            records = self._evidence_for(obj, inverse, subject)
        return records

    def literal_evidence(self, entity: str) -> dict[tuple[str, RdfLiteral], list[Evidence]]:
        """Evidence of each fact of ``entity`` whose value is a literal, by ``(predicate, value)``."""
        rows = self.backend.literal_evidence_rows(entity)
        found: dict[tuple[str, RdfLiteral], list[Evidence]] = {}
        for predicate, value, row in rows:
            found.setdefault((predicate, value), []).append(self._evidence_of(row))
        for records in found.values():
            records.sort(key=_evidence_order)
        return found

    def evidence_counts(self, entity: str) -> dict[tuple[str, str, str], int]:
        """How many evidence records each stored triple about ``entity`` has."""
        return self.backend.evidence_counts(entity)

    def _evidence_for(self, subject: str, predicate: str, obj: str) -> list[Evidence]:
        rows = self.backend.evidence_rows(subject, predicate, obj)
        self.prefetch_labels(row.source for row in rows if row.source)
        return sorted((self._evidence_of(row) for row in rows), key=_evidence_order)

    def _evidence_of(self, row: EvidenceRow) -> Evidence:
        return Evidence(record=row.record, background=row.background, quote=row.quote, source=row.source,
                        source_label=self.label(row.source) if row.source else None,
                        sentence_index=row.sentence_index, note=row.note, line_number=row.line_number,
                        page=row.page, start=row.start, end=row.end)

    # ------------------------------------------------------------------ describe
    def describe(self, entity: str, *, limit: int | None = 200) -> Description:
        classes = self.types(entity)
        literal_rows = self.backend.literals(entity)
        self.prefetch_labels([entity, *classes])
        self._prefetch_words((), (p for p, _ in literal_rows))
        literals = [(p, self.predicate_words(p), value) for p, value in literal_rows]
        literals.sort(key=lambda item: (item[1].casefold(), str(item[2])))
        around = self.neighbours(entity, limit=limit)
        superclasses, equivalents = self._class_axioms(entity)
        return Description(
            entity=entity,
            label=self.label(entity),
            labels=self.all_labels(entity),
            classes=[(c, self.label(c)) for c in classes],
            literals=literals,
            **{name: getattr(around, name) for name in ("outgoing", "incoming", *OMITTED_FIELDS)},
            superclasses=superclasses,
            equivalent_classes=equivalents,
        )

    def _class_axioms(self, entity: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """A class's direct superclasses and equivalent classes (named ones), with labels.

        These are schema links, which the neighbourhood leaves out; for a class they are
        what an analyst asks first.
        """
        node = URIRef(entity) if not entity.startswith("_:") else None
        if node is None:
            return [], []
        parents = sorted({str(o) for _, _, o in self.triples(node, RDFS.subClassOf, None)
                          if isinstance(o, URIRef) and str(o) != entity})
        same = {str(o) for _, _, o in self.triples(node, OWL.equivalentClass, None) if isinstance(o, URIRef)}
        same |= {str(s) for s, _, _ in self.triples(None, OWL.equivalentClass, node) if isinstance(s, URIRef)}
        same.discard(entity)
        self.prefetch_labels([*parents, *same])
        return [(c, self.label(c)) for c in parents], [(c, self.label(c)) for c in sorted(same)]

    # ------------------------------------------------------------------ SPARQL and SHACL
    def query(
        self,
        sparql: str,
        *,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        max_rows: int | None = None,
        policy: QueryPolicy | None = None,
        memory_mb: int | None = None,
    ) -> QueryResult:
        """Run SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE; Update only when the policy allows).

        ``memory_mb`` bounds what a user's read query may allocate, where the backend can
        run it apart (the embedded store on Linux; see :mod:`explorer.core.backends.isolation`).
        """
        bound = {"memory_mb": memory_mb} if memory_mb is not None and getattr(self.backend, "isolates_queries", False) else {}
        result = self.backend.query(sparql, timeout=timeout, cancel=cancel, policy=policy or self.policy,
                                    max_rows=max_rows, **bound)
        if result.kind == "update":
            self.invalidate_caches()
        return result

    def prefix_block(self) -> str:
        """PREFIX lines for every known prefix, to put in front of a query."""
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))

    def to_rdflib(self, *, asserted_only: bool = False) -> Graph:
        """An in-memory rdflib Graph copy (small graphs: SHACL, inference, rdflib serializers).

        ``asserted_only`` leaves out what inference added: SHACL judges the facts as
        stated, and an inferred super-class type has no evidence record of its own.
        A server's graph is not downloaded: a one-line error says to CONSTRUCT the part needed.
        """
        graph = Graph()
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace, override=True)
        for s, p, o, g in self.backend.quads():
            if not (asserted_only and g is not None and str(g) == INFERRED_GRAPH):
                graph.add((s, p, o))
        return graph

    def validate(self, shapes: Path | None = None) -> ValidationReport:
        """SHACL validation of the graph against the bundled shapes (or ``shapes``)."""
        from explorer.core.validation import validate

        return validate(self, shapes)


def _evidence_order(record: Evidence) -> tuple[object, ...]:
    """Background last; quotes in the order they stand in their sources."""
    return (record.background, record.source or "", record.sentence_index or 0, record.line_number or 0,
            record.start or 0, record.record)
