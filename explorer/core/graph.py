"""KnowledgeGraph: the one object the rest of the app asks about the graph.

It is a facade over a backend (the embedded Oxigraph store by default): loading, labels,
classes, statistics, search, neighbours in words, evidence for a fact, SPARQL and SHACL.
Entities are named by plain strings: an IRI, or ``_:id`` for a blank node.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from explorer.core import bundled
from explorer.core.backends import Backend, LoadedFile, OxigraphBackend, Term
from explorer.core.collector import collector_paused
from explorer.core.errors import AmbiguousEntity, EntityNotFound, ExplorerError
from explorer.core.formats import RdfFormatInfo
from explorer.core.guards import check_bytes
from explorer.core.search import LabelIndex, LabelTable, SearchHit
from explorer.core.sparql import QueryPolicy, QueryResult
from explorer.core.tasks import CancelToken, Progress
from explorer.core.terms import iri_or_bnode, node_id, to_rdflib
from explorer.core.validation import ValidationReport
from explorer.core.vocab import KG, LABEL_PREDICATES, PREFIXES, SCHEMA_PREDICATES

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_RDF_STATEMENT = ox.NamedNode(str(RDF.Statement))
_RDF_SUBJECT = ox.NamedNode(str(RDF.subject))
_RDF_PREDICATE = ox.NamedNode(str(RDF.predicate))
_RDF_OBJECT = ox.NamedNode(str(RDF.object))
_OWL_INVERSE = ox.NamedNode(str(OWL.inverseOf))
_INVERSE_LABEL = ox.NamedNode(str(KG.inverseLabel))
_QUOTE = ox.NamedNode(str(KG.quote))
_SENTENCE = ox.NamedNode(str(KG.sentenceIndex))
_BACKGROUND = ox.NamedNode(str(KG.isBackground))
_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
_COMMENT = ox.NamedNode(str(RDFS.comment))
_LABEL_NODES = tuple(ox.NamedNode(p) for p in LABEL_PREDICATES)
_SCHEMA_CLASSES = frozenset(
    str(c) for c in (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     RDF.Property, OWL.Ontology, RDF.Statement, OWL.TransitiveProperty, OWL.SymmetricProperty,
                     OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.NamedIndividual,
                     OWL.Restriction, RDFS.Datatype, str(KG.Evidence))
)
#: Types of the resources that describe the data rather than the world: classes, properties,
#: ontologies and evidence records. What is left are the entities an analyst counts.
NON_ENTITY_TYPES = tuple(sorted(_SCHEMA_CLASSES - {str(OWL.NamedIndividual)}))
_SKOS_PREF = str(SKOS.prefLabel)

# Whole-graph scans behind the class tree and the status bar's counts: each reads every
# triple (0.2–0.6 s at a million), so they run in workers, never on the GUI thread.
_TYPE_COUNTS = "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
_PREDICATE_COUNTS = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p"
_SUBJECT_COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
# A subject with only labels or comments is an external term annotated for display
# (schema:Female), not an entity. Counting those apart (one lookup per labelled subject) is
# half the cost of a second COUNT DISTINCT over every triple.
_ANNOTATED_ONLY_COUNT = (
    f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{RDFS.label}>|<{RDFS.comment}> ?o "
    f"FILTER NOT EXISTS {{ ?s ?p ?x FILTER(?p NOT IN (<{RDFS.label}>, <{RDFS.comment}>)) }} }}"
)
_NOT_ENTITY_COUNT = (
    f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {{ VALUES ?t {{ {' '.join(f'<{t}>' for t in NON_ENTITY_TYPES)} }}"
    f" ?s a ?t }} UNION {{ ?s <{RDFS.subClassOf}> ?c }} UNION {{ ?s <{RDFS.subPropertyOf}> ?q }} }}"
)


def _type_sets_query(domain_classes: Sequence[str]) -> str:
    """Entities grouped by their set of domain types, counted inside the store: a million-triple
    graph has a few dozen such sets, so nothing per entity crosses into Python. Evidence
    records (rdf:Statement) hold most type triples of a large graph and are left out by
    naming the domain classes instead of filtering every type triple."""
    return (
        "SELECT ?types (COUNT(*) AS ?n) WHERE { SELECT ?s (GROUP_CONCAT(STR(?t); separator=\" \") AS ?types) "
        f"WHERE {{ VALUES ?t {{ {' '.join(f'<{_iri(c)}>' for c in domain_classes)} }} ?s a ?t "
        "FILTER(isIRI(?s) || isBlank(?s)) } GROUP BY ?s } GROUP BY ?types"
    )


#: Loaded quads below which the statistics are quick enough to count on the spot.
QUICK_STATISTICS_BELOW = 200_000
#: Past this many capped incoming links, the rest are counted by the store, not walked in Python.
_COUNT_IN_STORE_AFTER = 64


@dataclass(frozen=True)
class Edge:
    """A link between two entities, read from ``entity`` towards ``other``.

    ``forward`` is True when the triple is ``entity predicate other`` and False when it is
    ``other predicate entity``; ``words`` names the link in the reading direction
    ("has branch" forward, "branch of" backward).
    """

    entity: str
    predicate: str
    other: str
    forward: bool
    words: str
    other_label: str

    @property
    def triple(self) -> tuple[str, str, str]:
        """The stored triple (subject, predicate, object), whatever the reading direction."""
        return (self.entity, self.predicate, self.other) if self.forward else (self.other, self.predicate, self.entity)


@dataclass
class Neighbourhood:
    """Neighbours of one entity, capped: ``omitted_*`` count what the cap left out."""

    entity: str
    outgoing: list[Edge] = field(default_factory=list)
    incoming: list[Edge] = field(default_factory=list)
    omitted_outgoing: int = 0
    omitted_incoming: int = 0

    @property
    def edges(self) -> list[Edge]:
        return self.outgoing + self.incoming

    @property
    def omitted(self) -> int:
        return self.omitted_outgoing + self.omitted_incoming


@dataclass(frozen=True)
class Evidence:
    """Why a fact is in the graph: a verbatim quote from a source, or background knowledge."""

    record: str
    background: bool
    quote: str | None = None
    source: str | None = None
    source_label: str | None = None
    sentence_index: int | None = None
    note: str | None = None

    def describe(self) -> str:
        if self.background:
            return f"background knowledge{': ' + self.note if self.note else ''}"
        where = self.source_label or self.source or "source"
        sentence = f", sentence {self.sentence_index}" if self.sentence_index is not None else ""
        return f'"{self.quote}" ({where}{sentence})'


@dataclass
class ClassInfo:
    """A class in the hierarchy with how many entities it has."""

    iri: str
    label: str
    direct_count: int = 0
    total_count: int = 0
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass
class Stats:
    quads: int
    triples: int
    entities: int  # resources that are not classes, properties, ontologies or evidence records
    classes: list[tuple[str, str, int]]  # iri, label, instances
    predicates: list[tuple[str, str, int]]  # iri, label, uses
    resources: int = 0  # every subject, schema and evidence records included


@dataclass
class Description:
    """Everything the Inspector and ``describe`` show about one entity."""

    entity: str
    label: str
    labels: list[tuple[str, str, str]]  # text, language, predicate
    classes: list[tuple[str, str]]  # iri, label
    literals: list[tuple[str, str, RdfLiteral]]  # predicate iri, predicate words, value
    outgoing: list[Edge]
    incoming: list[Edge]
    omitted_outgoing: int = 0
    omitted_incoming: int = 0


class KnowledgeGraph:
    """The graph an analyst explores.

    >>> kg = KnowledgeGraph()
    >>> kg.load_text('@prefix ex: <http://example.org/> . ex:a ex:knows ex:b .', "turtle")
    >>> len(kg)
    1
    """

    def __init__(self, backend: Backend | None = None, policy: QueryPolicy | None = None) -> None:
        self.backend = backend or OxigraphBackend()
        self.policy = policy or QueryPolicy()
        self.prefixes: dict[str, str] = dict(PREFIXES)
        self.files: list[LoadedFile] = []
        self.default_query_timeout: float | None = 30.0
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
        graph = cls(OxigraphBackend(Path(path)), policy)
        graph._build_index(use_saved=True)
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
        from explorer.core.remote import EndpointAuth, EndpointConfig, RemoteKnowledgeGraph

        kind, user, secret = auth if auth is not None else ("none", "", "")
        config = EndpointConfig(url, default_graph=default_graph, timeout=timeout,
                                auth=EndpointAuth(kind, user, secret),  # type: ignore[arg-type]
                                allow_update=allow_update, update_url=update_url)
        return RemoteKnowledgeGraph.open(config, check=check)

    @property
    def is_remote(self) -> bool:
        """Whether the triples live on a SPARQL endpoint (nothing is held locally)."""
        return False

    def prefetch_labels(self, entities: Iterable[str]) -> None:
        """Make the labels of many entities cheap to ask for (one query on a remote endpoint)."""

    def _reset_caches(self) -> None:
        self._index: LabelIndex | None = None
        self._labels: LabelTable | dict[str, dict[str, list[tuple[int, str]]]] | None = None
        self._predicate_words: dict[tuple[str, bool], str] = {}
        self._inverse_of: dict[str, set[str]] | None = None
        self._class_cache: dict[str, ClassInfo] | None = None
        self._class_counts: dict[str, int] | None = None
        self._instance_lists: dict[tuple[str, bool], list[str]] = {}
        self._statement_predicates: dict[str, bool] = {}

    def invalidate_caches(self) -> None:
        """Forget labels, classes and the search index after the store changed outside
        :meth:`load` (inference switched on or off, an update undone)."""
        if isinstance(self.backend, OxigraphBackend):
            self.backend.forget_saved_label_index()
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
    ) -> list[LoadedFile]:
        """Load files (all or none). On any error the graph is exactly as it was."""
        loaded = self.backend.load_files(
            [Path(p) for p in paths], formats=formats, replace=replace, progress=progress, cancel=cancel
        )
        self.files = loaded if replace else [*self.files, *loaded]
        self._reset_caches()
        self._collect_prefixes(loaded)
        self._build_index()
        return loaded

    def load_text(self, text: str, format_name: str = "turtle", base_iri: str | None = None) -> None:
        """Parse RDF text straight into the graph (tests, pasted snippets)."""
        from explorer.core.formats import format_named

        info = format_named(format_name)
        if not isinstance(self.backend, OxigraphBackend):
            raise ExplorerError("text can only be loaded into the embedded store")
        data = text.encode("utf-8")
        try:
            check_bytes(info.name, "<text>", data)
            self.backend.store.load(data, info.oxigraph, base_iri=base_iri)
        except (SyntaxError, MemoryError, ValueError) as error:
            from explorer.core.backends import load_error

            raise load_error(Path("<text>"), error, info) from None
        self._reset_caches()
        self._build_index()

    def _collect_prefixes(self, loaded: Sequence[LoadedFile]) -> None:
        """Pick up @prefix / PREFIX declarations of Turtle-like files for prefixed names."""
        declaration = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
        for item in loaded:
            if item.format not in ("turtle", "trig", "n3"):
                continue
            try:
                with open(item.path, "rb") as handle:
                    head = handle.read(65536).decode("utf-8", errors="replace")
            except OSError:
                continue
            for line in head.splitlines():
                match = declaration.match(line)
                if match and match.group(2) and match.group(2) not in self.prefixes.values():
                    self.prefixes.setdefault(match.group(1) or "", match.group(2))

    def _build_index(self, use_saved: bool = False) -> None:
        """Labels and the search index, from one pass over the label triples.

        A workspace keeps the index beside its store, so reopening one (``use_saved``)
        skips the rebuild while the store is unchanged.
        """
        cache = self.backend if isinstance(self.backend, OxigraphBackend) else None
        with collector_paused():
            index = cache.cached_label_index() if cache is not None and use_saved else None
            if index is None:
                entities: list[str] = []
                texts: list[str] = []
                languages: list[str] = []
                kinds: list[int] = []
                for kind, predicate in enumerate(_LABEL_NODES):
                    for subject, _, value in self.backend.triples(None, predicate, None):
                        if not isinstance(value, ox.Literal) or isinstance(subject, ox.Triple):
                            continue
                        entities.append(node_id(subject))
                        texts.append(value.value)
                        languages.append(value.language or "")
                        kinds.append(kind)
                index = LabelIndex.from_columns(entities, texts, languages, kinds)
                if cache is not None:
                    cache.save_label_index(index)
            self._labels = LabelTable(index)
        self._index = index

    # ------------------------------------------------------------------ counts
    def __len__(self) -> int:
        """The number of distinct triples, across all graphs."""
        return self.triple_count()

    def quad_count(self) -> int:
        return self.backend.quad_count()

    def triple_count(self) -> int:
        # named_graphs() is an iterator (always truthy): ask for its first item. Without named
        # graphs quads are triples, and counting them is instant instead of a DISTINCT scan.
        if isinstance(self.backend, OxigraphBackend) and next(iter(self.backend.store.named_graphs()), None) is None:
            return self.backend.quad_count()
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return int(result.raw_rows[0][0].value)

    # ------------------------------------------------------------------ names and labels
    def qname(self, iri: str) -> str:
        """A prefixed name where a prefix fits, else the IRI in angle brackets."""
        best = ""
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(namespace) > len(best):
                local = iri[len(namespace):]
                if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                    best = namespace
                    name = f"{prefix}:{local}"
        return name if best else (iri if iri.startswith("_:") else f"<{iri}>")

    def expand(self, text: str) -> str | None:
        """The IRI of ``<iri>``, an absolute IRI, or a prefixed name; ``None`` if none of them."""
        text = text.strip()
        if text.startswith("<") and text.endswith(">"):
            return text[1:-1]
        if text.startswith("_:"):
            return text
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text) or text.startswith("urn:"):
            return text
        prefix, colon, local = text.partition(":")
        if colon and prefix in self.prefixes and " " not in local:
            return self.prefixes[prefix] + local
        return None

    def label(self, entity: str, languages: Sequence[str] | None = None) -> str:
        """The best label: skos:prefLabel, then rdfs:label, then skos:altLabel, in the
        preferred languages (default :attr:`label_languages`); else a prefixed name or the
        IRI's last segment."""
        if languages is None:
            languages = self.label_languages
        labels = self._label_table().get(entity)
        if labels:
            best: tuple[int, int, str] | None = None
            for language, values in labels.items():
                rank = languages.index(language) if language in languages else len(languages)
                for kind, text in values:
                    candidate = (kind, rank, text)
                    if best is None or candidate < best:
                        best = candidate
            if best is not None:
                return best[2]
        return self._fallback_label(entity)

    def _fallback_label(self, entity: str) -> str:
        if entity.startswith("_:"):
            return entity
        name = self.qname(entity)
        if not name.startswith("<"):
            return name
        tail = re.split(r"[#/]", entity.rstrip("/#"))[-1]
        return tail or entity

    def all_labels(self, entity: str) -> list[tuple[str, str, str]]:
        """Every label of an entity: (text, language, predicate IRI)."""
        found = []
        for language, values in self._label_table().get(entity, {}).items():
            for kind, text in values:
                found.append((text, language, LABEL_PREDICATES[kind]))
        return sorted(found, key=lambda item: (LABEL_PREDICATES.index(item[2]), item[1] != "en", item[1]))

    def _label_table(self) -> LabelTable | dict[str, dict[str, list[tuple[int, str]]]]:
        if self._labels is None:
            self._build_index()
        assert self._labels is not None
        return self._labels

    def predicate_words(self, predicate: str, forward: bool = True) -> str:
        """A predicate in words, read forward ("has branch") or backward ("branch of")."""
        key = (predicate, forward)
        if key not in self._predicate_words:
            self._predicate_words[key] = self._compute_predicate_words(predicate, forward)
        return self._predicate_words[key]

    def _compute_predicate_words(self, predicate: str, forward: bool) -> str:
        if forward:
            return self.label(predicate)
        node = ox.NamedNode(predicate)
        for _, _, value in self.backend.triples(node, _INVERSE_LABEL, None):
            if isinstance(value, ox.Literal) and value.language in ("en", ""):
                return value.value
        inverse = self.inverse_of(predicate)
        if inverse:
            return self.label(inverse)
        return f"{self.label(predicate)} (inverse)"

    def inverse_of(self, predicate: str) -> str | None:
        """The named inverse of a property (owl:inverseOf, either way round); the first if several."""
        inverses = self._inverse_table().get(predicate)
        return min(inverses) if inverses else None

    def inverses_of(self, predicate: str) -> frozenset[str]:
        """Every property declared inverse of ``predicate`` (owl:inverseOf, either way round)."""
        return frozenset(self._inverse_table().get(predicate, ()))

    def _inverse_table(self) -> dict[str, set[str]]:
        if self._inverse_of is None:
            table: dict[str, set[str]] = {}
            for subject, _, obj in self.backend.triples(None, _OWL_INVERSE, None):
                if isinstance(subject, ox.NamedNode) and isinstance(obj, ox.NamedNode):
                    table.setdefault(subject.value, set()).add(obj.value)
                    table.setdefault(obj.value, set()).add(subject.value)
            self._inverse_of = table
        return self._inverse_of

    # ------------------------------------------------------------------ classes
    def types(self, entity: str) -> list[str]:
        return [o.value for _, _, o in self.backend.triples(iri_or_bnode(entity), _RDF_TYPE, None)
                if isinstance(o, ox.NamedNode)]

    def main_class(self, entity: str) -> str | None:
        """The most specific domain class of an entity (for colour, shape and listings)."""
        classes = [c for c in self.types(entity) if c not in _SCHEMA_CLASSES]
        if not classes:
            return None
        hierarchy = self.class_hierarchy()

        def depth(iri: str) -> int:
            seen, frontier, level = set(), [iri], 0
            while frontier and level < 32:
                parents = [p for c in frontier for p in (hierarchy[c].parents if c in hierarchy else [])]
                frontier = [p for p in parents if p not in seen]
                seen.update(frontier)
                level += 1 if frontier else 0
            return level

        return max(classes, key=lambda c: (depth(c), c))

    def class_hierarchy(self) -> dict[str, ClassInfo]:
        """Every class that is declared or has instances, with parents, children and counts.

        ``total_count`` counts distinct entities typed with the class or any subclass.
        """
        if self._class_cache is not None:
            return self._class_cache
        classes: dict[str, ClassInfo] = {}

        def info(iri: str) -> ClassInfo:
            if iri not in classes:
                classes[iri] = ClassInfo(iri, self.label(iri))
            return classes[iri]

        type_sets: dict[frozenset[str], int] = defaultdict(int)
        domain_classes = [c for c in self._type_counts() if c not in _SCHEMA_CLASSES]
        for cls_iri in domain_classes:
            info(cls_iri)
        if domain_classes:
            for types, count in self.query(_type_sets_query(domain_classes)).raw_rows:
                type_set = frozenset(types.value.split(" "))
                type_sets[type_set] += int(count.value)
                for cls_iri in type_set:
                    classes[cls_iri].direct_count += int(count.value)
        declared = self.query(
            "SELECT DISTINCT ?c WHERE { { ?c a <http://www.w3.org/2002/07/owl#Class> } "
            "UNION { ?c a <http://www.w3.org/2000/01/rdf-schema#Class> } }"
        )
        for (cls,) in declared.raw_rows:
            if isinstance(cls, ox.NamedNode) and cls.value not in _SCHEMA_CLASSES:
                info(cls.value)
        for child, _, parent in self.backend.triples(None, ox.NamedNode(str(RDFS.subClassOf)), None):
            if isinstance(child, ox.NamedNode) and isinstance(parent, ox.NamedNode) and child != parent:
                if parent.value in _SCHEMA_CLASSES or child.value in _SCHEMA_CLASSES:
                    continue
                c, p = info(child.value), info(parent.value)
                if p.iri not in c.parents:
                    c.parents.append(p.iri)
                    p.children.append(c.iri)
        # Totals count each entity once per class, however many of its types are subclasses:
        # entities with the same set of types share one walk up the hierarchy.
        ancestry: dict[str, set[str]] = {}

        def ancestors(iri: str) -> set[str]:
            if iri not in ancestry:
                found, frontier = {iri}, [iri]
                while frontier:
                    frontier = [p for c in frontier for p in classes[c].parents if p not in found]
                    found.update(frontier)
                ancestry[iri] = found
            return ancestry[iri]

        for type_set, count in type_sets.items():
            for cls_iri in set().union(*(ancestors(t) for t in type_set)):
                classes[cls_iri].total_count += count
        for item in classes.values():
            item.total_count = max(item.total_count, item.direct_count)
            item.children.sort(key=lambda iri: classes[iri].label.casefold())
        self._class_cache = classes
        return classes

    def root_classes(self) -> list[ClassInfo]:
        hierarchy = self.class_hierarchy()
        roots = [c for c in hierarchy.values() if not any(p in hierarchy for p in c.parents)]
        return sorted(roots, key=lambda c: c.label.casefold())

    def instances(self, cls: str, *, limit: int = 200, offset: int = 0, include_subclasses: bool = True) -> list[str]:
        """Entities of a class, ordered by IRI, one page at a time.

        The first page sorts the whole class once (Oxigraph's ORDER BY is several times
        slower than fetching the members and sorting them here); later pages are slices.
        """
        key = (cls, include_subclasses)
        members = self._instance_lists.get(key)
        if members is None:
            wanted = [cls]
            if include_subclasses:
                hierarchy = self.class_hierarchy()
                seen, frontier = {cls}, [cls]
                while frontier:
                    frontier = [c for p in frontier for c in (hierarchy[p].children if p in hierarchy else [])
                                if c not in seen]
                    seen.update(frontier)
                wanted = sorted(seen)
            values = " ".join(f"<{_iri(c)}>" for c in wanted)
            result = self.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c }}")
            members = sorted(node_id(row[0]) for row in result.raw_rows
                             if isinstance(row[0], (ox.NamedNode, ox.BlankNode)))
            self._instance_lists[key] = members
        start = max(int(offset), 0)
        return members[start:start + max(int(limit), 0)]

    def _type_counts(self) -> dict[str, int]:
        """Type triples per class (every class, schema ones included), from one GROUP BY."""
        if self._class_counts is None:
            rows = self.query(_TYPE_COUNTS).raw_rows
            self._class_counts = {row[0].value: int(row[1].value) for row in rows if isinstance(row[0], ox.NamedNode)}
        return self._class_counts

    # ------------------------------------------------------------------ statistics
    def statistics_are_quick(self) -> bool:
        """Whether :meth:`stats` takes tens of milliseconds rather than up to seconds: it scans
        every triple several times (about a second at a million)."""
        return sum(item.quads for item in self.files) < QUICK_STATISTICS_BELOW

    def _count(self, sparql: str) -> int:
        return int(self.query(sparql).raw_rows[0][0].value)

    def stats(self) -> Stats:
        predicates = [
            (row[0].value, self.label(row[0].value), int(row[1].value)) for row in self.query(_PREDICATE_COUNTS).raw_rows
        ]
        if isinstance(self.backend, OxigraphBackend) and next(iter(self.backend.store.named_graphs()), None) is None:
            # One graph: every quad is a triple, and the predicate counts already add up to them
            # (two full counts saved: half a second at a million triples).
            quads = triples = sum(count for _, _, count in predicates)
        else:
            quads = self.quad_count()
            triples = self.triple_count()
        resources = self._count(_SUBJECT_COUNT)
        entities = resources - self._count(_ANNOTATED_ONLY_COUNT) - self._count(_NOT_ENTITY_COUNT)
        hierarchy = self.class_hierarchy()
        counts = {iri: (hierarchy[iri].direct_count if iri in hierarchy else count)
                  for iri, count in self._type_counts().items()}
        classes = [(iri, self.label(iri), count) for iri, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        return Stats(quads, triples, entities, classes, predicates, resources)

    # ------------------------------------------------------------------ search and resolution
    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Entities whose labels match ``text``, best first (prefix, substring, CJK)."""
        if self._index is None:
            self._build_index()
        assert self._index is not None
        return self._index.search(text, limit=limit)

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
        if self._index is None:
            self._build_index()
        assert self._index is not None
        # Analysts name things in the world: instances win over classes and properties
        # ("remote healthcare" is the service, not the class RemoteHealthcareService).
        exact = self._index.exact(text)
        exact = [e for e in exact if not self.is_schema_term(e)] or exact
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise AmbiguousEntity(text, [self._candidate(e) for e in exact])
        hits = self._index.search(text, limit=50)
        if not hits:
            raise EntityNotFound(f'no entity is labelled "{text}"')
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
        return any(t in _SCHEMA_CLASSES for t in self.types(entity))

    def exists(self, entity: str) -> bool:
        try:
            node = iri_or_bnode(entity)
        except ValueError:  # not even a valid IRI: nothing in the graph can be named so
            return False
        for _ in self.backend.triples(node, None, None):
            return True
        if isinstance(node, ox.NamedNode):
            for _ in self.backend.triples(None, None, node):
                return True
            for _ in self.backend.triples(None, node, None):
                return True
        return False

    # ------------------------------------------------------------------ neighbours
    def is_evidence_record(self, entity: str) -> bool:
        node = iri_or_bnode(entity)
        return any(True for _ in self.backend.triples(node, _RDF_TYPE, _RDF_STATEMENT))

    def adjacent(
        self, entity: str, *, outgoing: bool = True, incoming: bool = True, include_schema: bool = False
    ) -> Iterator[tuple[str, str, bool]]:
        """Raw links of an entity for traversal: (predicate, other entity, forward).

        Literals, schema predicates (rdf:type, rdfs:subClassOf …) and evidence records are
        left out unless ``include_schema``.
        """
        node = iri_or_bnode(entity)
        if outgoing:
            for _, predicate, obj in self.backend.triples(node, None, None):
                if not isinstance(obj, (ox.NamedNode, ox.BlankNode)):
                    continue
                if not include_schema and predicate.value in SCHEMA_PREDICATES:
                    continue
                yield predicate.value, node_id(obj), True
        if incoming and not isinstance(node, ox.Literal):
            # Evidence records are left out by a lookup per link; along a predicate seen many
            # times (a hub) one cached question says whether records ever use it at all.
            seen: dict[str, int] = defaultdict(int)
            for subject, predicate, _ in self.backend.triples(None, None, node):
                if not isinstance(subject, (ox.NamedNode, ox.BlankNode)):
                    continue
                if not include_schema:
                    name = predicate.value
                    if name in SCHEMA_PREDICATES:
                        continue
                    seen[name] += 1
                    if (seen[name] <= 64 or self._statements_use(name)) and self._is_statement_node(subject):
                        continue
                yield predicate.value, node_id(subject), False

    def _statements_use(self, predicate: str) -> bool:
        """Whether any evidence record has ``predicate``: if not, links along it need no
        per-link check (a hub's thousands of incoming links stay one index scan)."""
        if predicate not in self._statement_predicates:
            try:
                answer = self.backend.query(  # FILTER EXISTS: several times faster than a join here
                    f"ASK {{ ?s <{_iri(predicate)}> ?o . "
                    "FILTER EXISTS { ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> } }"
                )
                self._statement_predicates[predicate] = bool(answer.boolean)
            except ExplorerError:  # an IRI SPARQL cannot spell: check each link instead
                self._statement_predicates[predicate] = True
        return self._statement_predicates[predicate]

    def adjacent_many(
        self, entities: Iterable[str], *, outgoing: bool = True, incoming: bool = True, include_schema: bool = False,
        cancel: CancelToken | None = None,
    ) -> dict[str, list[tuple[str, str, bool]]]:
        """:meth:`adjacent` for a whole path-search frontier: one query per step on a remote endpoint."""
        found: dict[str, list[tuple[str, str, bool]]] = {}
        for entity in entities:
            if cancel is not None:
                cancel.raise_if_cancelled()
            found[entity] = list(self.adjacent(entity, outgoing=outgoing, incoming=incoming,
                                               include_schema=include_schema))
        return found

    def _is_statement_node(self, node: Term) -> bool:
        return any(True for _ in self.backend.triples(node, _RDF_TYPE, _RDF_STATEMENT))

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
        wanted = set(predicates) if predicates is not None else None
        result = Neighbourhood(entity)
        seen: set[tuple[str, str, bool]] = set()
        for predicate, other, forward in self.adjacent(
            entity, outgoing=direction in ("both", "out"), incoming=direction in ("both", "in"),
            include_schema=include_schema,
        ):
            if wanted is not None and predicate not in wanted:
                continue
            key = (predicate, other, forward)
            if key in seen:  # the same triple in several named graphs
                continue
            seen.add(key)
            bucket = result.outgoing if forward else result.incoming
            if limit is not None and len(bucket) >= limit:
                if forward:
                    result.omitted_outgoing += 1
                else:
                    result.omitted_incoming += 1
                    if result.omitted_incoming > _COUNT_IN_STORE_AFTER and isinstance(self.backend, OxigraphBackend):
                        # A hub: thousands more incoming links. The store counts the rest
                        # (outgoing links come first, so they are all done by now).
                        result.omitted_incoming = self._incoming_link_count(entity, wanted, include_schema) - len(bucket)
                        break
                continue
            bucket.append(Edge(entity, predicate, other, forward,
                               self.predicate_words(predicate, forward), self.label(other)))
        key_of = lambda edge: (edge.words.casefold(), edge.other_label.casefold())  # noqa: E731
        result.outgoing.sort(key=key_of)
        result.incoming.sort(key=key_of)
        return result

    def _incoming_link_count(self, entity: str, wanted: set[str] | None, include_schema: bool) -> int:
        """How many links ``adjacent`` yields into ``entity``, counted by the store.

        The same rules as :meth:`adjacent`: subjects that are entities, no schema predicates
        and no evidence records unless ``include_schema``, a triple in several graphs once.
        """
        target = _iri(entity) if not entity.startswith("_:") else None
        if target is None:  # blank nodes cannot be named in a query: count them one by one
            return sum(1 for _ in self.adjacent(entity, outgoing=False, include_schema=include_schema))
        # DISTINCT only matters when a triple can sit in several named graphs (3x slower).
        several_graphs = next(iter(self.backend.store.named_graphs()), None) is not None  # type: ignore[attr-defined]
        count = "COUNT(DISTINCT ?s)" if several_graphs else "COUNT(?s)"
        rows = self.query(
            f"SELECT ?p ({count} AS ?n) WHERE {{ ?s ?p <{target}> FILTER(isIRI(?s) || isBlank(?s)) }} GROUP BY ?p"
        ).raw_rows
        total = 0
        for predicate_term, number in rows:
            predicate = predicate_term.value
            if wanted is not None and predicate not in wanted:
                continue
            if include_schema:
                total += int(number.value)
                continue
            if predicate in SCHEMA_PREDICATES:
                continue
            total += int(number.value)
            if self._statements_use(predicate):
                # Evidence records along this predicate are not neighbours. FILTER EXISTS is
                # checked per link; a join would start from every record in the graph.
                records = self.query(
                    f"SELECT ({count} AS ?n) WHERE {{ ?s <{_iri(predicate)}> <{target}> "
                    f"FILTER EXISTS {{ ?s a <{RDF.Statement}> }} }}"
                )
                total -= int(records.raw_rows[0][0].value)
        return total

    # ------------------------------------------------------------------ evidence
    def evidence(self, subject: str, predicate: str, obj: str) -> list[Evidence]:
        """Evidence records for a fact; the fact stated with the inverse property counts too."""
        records = self._evidence_for(subject, predicate, obj)
        inverse = self.inverse_of(predicate)
        if not records and inverse:
            records = self._evidence_for(obj, inverse, subject)
        return records

    def _evidence_for(self, subject: str, predicate: str, obj: str) -> list[Evidence]:
        s_node, p_node = iri_or_bnode(subject), ox.NamedNode(predicate)
        o_node = iri_or_bnode(obj)
        found: list[Evidence] = []
        for record, _, _ in self.backend.triples(None, _RDF_SUBJECT, s_node):
            if not any(True for _ in self.backend.triples(record, _RDF_PREDICATE, p_node)):
                continue
            if not any(True for _ in self.backend.triples(record, _RDF_OBJECT, o_node)):
                continue
            found.append(self._evidence_record(record))
        return sorted(found, key=lambda e: (e.background, e.sentence_index or 0, e.record))

    def _evidence_record(self, record: Term) -> Evidence:
        def first(predicate: ox.NamedNode) -> Term | None:
            for _, _, value in self.backend.triples(record, predicate, None):
                return value
            return None

        background = first(_BACKGROUND)
        quote = first(_QUOTE)
        sentence = first(_SENTENCE)
        source = first(_DERIVED)
        comment = first(_COMMENT)
        source_id = node_id(source) if isinstance(source, (ox.NamedNode, ox.BlankNode)) else None
        return Evidence(
            record=node_id(record),
            background=isinstance(background, ox.Literal) and background.value in ("true", "1"),
            quote=quote.value if isinstance(quote, ox.Literal) else None,
            source=source_id,
            source_label=self.label(source_id) if source_id else None,
            sentence_index=int(sentence.value) if isinstance(sentence, ox.Literal) else None,
            note=comment.value if isinstance(comment, ox.Literal) else None,
        )

    # ------------------------------------------------------------------ describe
    def describe(self, entity: str, *, limit: int | None = 200) -> Description:
        node = iri_or_bnode(entity)
        classes = [(c, self.label(c)) for c in self.types(entity)]
        literals: list[tuple[str, str, RdfLiteral]] = []
        label_predicates = set(LABEL_PREDICATES)
        for _, predicate, value in self.backend.triples(node, None, None):
            if isinstance(value, ox.Literal) and predicate.value not in label_predicates:
                literal = to_rdflib(value)
                assert isinstance(literal, RdfLiteral)
                literals.append((predicate.value, self.predicate_words(predicate.value), literal))
        literals.sort(key=lambda item: (item[1].casefold(), str(item[2])))
        around = self.neighbours(entity, limit=limit)
        return Description(
            entity=entity,
            label=self.label(entity),
            labels=self.all_labels(entity),
            classes=classes,
            literals=literals,
            outgoing=around.outgoing,
            incoming=around.incoming,
            omitted_outgoing=around.omitted_outgoing,
            omitted_incoming=around.omitted_incoming,
        )

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
        run it apart (the embedded store on Linux; see :mod:`explorer.core.store_isolation`).
        """
        bound = {"memory_mb": memory_mb} if memory_mb is not None and getattr(self.backend, "isolates_queries", False) else {}
        result = self.backend.query(sparql, timeout=timeout, cancel=cancel, policy=policy or self.policy,
                                    max_rows=max_rows, **bound)
        if result.kind == "update":
            self._reset_caches()
        return result

    def prefix_block(self) -> str:
        """PREFIX lines for every known prefix, to put in front of a query."""
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))

    def to_rdflib(self, *, asserted_only: bool = False) -> Graph:
        """An in-memory rdflib Graph copy (small graphs: SHACL, inference, rdflib serializers).

        ``asserted_only`` leaves out what inference added: SHACL judges the facts as
        stated, and an inferred super-class type has no evidence record of its own.
        """
        graph = Graph()
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace, override=True)
        if asserted_only and isinstance(self.backend, OxigraphBackend):
            from explorer.core.inference import INFERRED_GRAPH

            inferred = ox.NamedNode(INFERRED_GRAPH)
            for quad in self.backend.store.quads_for_pattern(None, None, None, None):
                if quad.graph_name != inferred:
                    graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
            return graph
        for s, p, o in self.backend.triples(None, None, None):
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        return graph

    def validate(self, shapes: Path | None = None) -> ValidationReport:
        """SHACL validation of the graph against the bundled shapes (or ``shapes``)."""
        from explorer.core.validation import validate

        return validate(self, shapes)


def _iri(value: str) -> str:
    """``value`` checked for use inside a SPARQL ``<…>`` term.

    Characters that could end the term or be decoded into one (``\\u`` escapes) are
    refused rather than escaped: user text never changes a query's structure.
    """
    if not value or any(ch in '<>"{}|^`\\' or ord(ch) <= 0x20 for ch in value):
        raise ExplorerError(f"not a valid IRI: {value!r}")
    return value
