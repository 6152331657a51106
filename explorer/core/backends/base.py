"""The backend protocol: where the triples live, and the only extension point for storage.

A backend plays the part of rdflib's ``Store``. It has a few **primitives** every backend
must provide — pattern matching (:meth:`Backend.quads`), SPARQL (:meth:`Backend.query`),
:meth:`Backend.quad_count`, :meth:`Backend.load_files` and :meth:`Backend.close` — and the
**bulk operations** the :class:`~explorer.core.graph.KnowledgeGraph` facade is built on
(labels of many terms, the links of many nodes, type counts, label candidates for a
search …). Each bulk operation has a default written over the primitives, so a new backend
works once its primitives do; a backend overrides one where it can answer faster (the
embedded store reads its indexes directly, a SPARQL endpoint sends one query per batch).

Entities cross this boundary as strings (an IRI, or ``_:id`` for a blank node); statements
as rdflib terms. Optional capabilities are small protocols: :class:`WritableBackend`
(apply a :class:`~explorer.core.changes.ChangeSet`) and :class:`LocalBackend` (the quads
are held here: copy them, release them, list named graphs, a workspace folder).
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rdflib import BNode, Literal, URIRef, namespace
from rdflib.term import Node

from explorer.core.changes import ChangeSet, Quad
from explorer.core.classes import ancestors
from explorer.core.errors import ExplorerError
from explorer.core.formats import RdfFormatInfo
from explorer.core.graph_model import ClassInfo
from explorer.core.search import LabelEntry, LabelIndex, normalize
from explorer.core.sparql import QueryPolicy, QueryResult
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import KG, LABEL_PREDICATES, NON_ENTITY_TYPES, OA, SCHEMA, SCHEMA_CLASSES, SCHEMA_PREDICATES

RDF = str(namespace.RDF)
RDFS = str(namespace.RDFS)
OWL = str(namespace.OWL)
PROV_DERIVED = str(namespace.PROV.wasDerivedFrom)
RDF_TYPE = URIRef(RDF + "type")
RDF_STATEMENT = URIRef(RDF + "Statement")
SUBCLASS_OF = URIRef(RDFS + "subClassOf")

#: A link as traversal sees it: (predicate, other entity, forward).
Link = tuple[str, str, bool]
#: Labels of one entity: language → [(kind, text)], kind 0 preferred, 1 rdfs:label, 2 alternative.
LabelsByLanguage = dict[str, list[tuple[int, str]]]

#: Past this many capped incoming links, the rest are counted by the store, not walked.
COUNT_IN_STORE_AFTER = 64


@dataclass(frozen=True)
class LoadedFile:
    """A file that went into the graph, with what it added."""

    path: Path
    format: str
    quads: int


@dataclass
class LinkPage:
    """The links of one entity, each direction capped; ``omitted_*`` count the rest.

    A server may stop counting a hub's rest at a cap: ``omitted_*_at_least`` then says the
    number is a lower bound ("1,000+ more"); :meth:`Backend.link_totals` counts exactly.
    """

    links: list[Link] = field(default_factory=list)
    omitted_outgoing: int = 0
    omitted_incoming: int = 0
    omitted_outgoing_at_least: bool = False
    omitted_incoming_at_least: bool = False


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence record of a fact, as stored (the facade adds labels)."""

    record: str
    background: bool
    quote: str | None
    source: str | None
    sentence_index: int | None
    note: str | None
    line_number: int | None = None
    page: str | None = None
    start: int | None = None  # character offsets of the record's oa:TextPositionSelector
    end: int | None = None


def entity_node(entity: str) -> URIRef | BNode:
    """The rdflib node for an entity identifier: ``_:x`` is a blank node, anything else an IRI."""
    return BNode(entity[2:]) if entity.startswith("_:") else URIRef(entity)


def entity_id(node: Node) -> str | None:
    """The identifier of an IRI or blank node; None for a literal."""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode):
        return "_:" + str(node)
    return None


def checked_iri(value: str) -> str:
    """``value`` checked for use inside a SPARQL ``<…>`` term.

    Characters that could end the term or be decoded into one (``\\u`` escapes) are
    refused rather than escaped: user text never changes a query's structure.
    """
    if not value or any(ch in '<>"{}|^`\\' or ord(ch) <= 0x20 for ch in value):
        raise ExplorerError(f"not a valid IRI: {value!r}")
    return value


# The one definition of "entity", in SPARQL every backend runs: a subject that is not typed
# as schema or evidence, not a class or property by its links, and not only annotated for
# display (schema:Female with just a label is an external term, not an entity).
RESOURCE_COUNT = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
ANNOTATED_ONLY_COUNT = (
    f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{RDFS}label>|<{RDFS}comment> ?o "
    f"FILTER NOT EXISTS {{ ?s ?p ?x FILTER(?p NOT IN (<{RDFS}label>, <{RDFS}comment>)) }} }}"
)
NOT_ENTITY_COUNT = (
    f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {{ VALUES ?t {{ {' '.join(f'<{t}>' for t in NON_ENTITY_TYPES)} }}"
    f" ?s a ?t }} UNION {{ ?s <{RDFS}subClassOf> ?c }} UNION {{ ?s <{RDFS}subPropertyOf> ?q }} }}"
)
TYPE_COUNTS = "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
PREDICATE_COUNTS = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"


def type_sets_query(domain_classes: Sequence[str], *, filter_subjects: bool = True) -> str:
    """Entities grouped by their set of domain types, counted inside the store: a million-triple
    graph has a few dozen such sets, so nothing per entity crosses into Python. Evidence
    records (rdf:Statement) hold most type triples of a large graph and are left out by
    naming the domain classes instead of filtering every type triple. Without
    ``filter_subjects`` (a store whose subjects are always IRIs or blank nodes) the query
    leaves out the check of every subject: 9.6 s against 24.5 s at ten million triples."""
    check = " FILTER(isIRI(?s) || isBlank(?s))" if filter_subjects else ""
    return (
        "SELECT ?types (COUNT(*) AS ?n) WHERE { SELECT ?s (GROUP_CONCAT(STR(?t); separator=\" \") AS ?types) "
        f"WHERE {{ VALUES ?t {{ {' '.join(f'<{checked_iri(c)}>' for c in domain_classes)} }} ?s a ?t"
        f"{check} }} GROUP BY ?s }} GROUP BY ?types"
    )


#: Entities sharing one set of domain types, and how many they are.
TypeSet = tuple[tuple[str, ...], int]


def counts_of_type_sets(type_sets: Iterable[TypeSet],
                        hierarchy: Mapping[str, ClassInfo]) -> tuple[dict[str, int], dict[str, int]]:
    """(direct, total) entities per class from entities grouped by their types: ``total`` counts
    an entity once per class however many of its types are subclasses of it."""
    direct: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for type_set, number in type_sets:
        for cls in type_set:
            direct[cls] += number
        for cls in set().union(*(ancestors(hierarchy, t) for t in type_set)):
            total[cls] += number
    return direct, total


def _number(node: Node | None) -> int:
    return int(node) if isinstance(node, Literal) else 0


class Backend(ABC):
    """The storage and query engine behind a KnowledgeGraph (see the module docstring)."""

    #: Whether SPARQL Update and change sets are refused.
    read_only: bool = False
    #: Whether every question is a round trip to a server (nothing is held locally).
    remote: bool = False
    #: Seconds a query may take unless the caller says otherwise.
    query_timeout: float | None = 30.0
    #: How a server was reached (an EndpointConfig); None for a graph held here.
    endpoint_config: Any = None
    #: Whether every subject is an IRI or a blank node (no triple terms as subjects), so
    #: queries need not check.
    subjects_are_resources: bool = False

    # ------------------------------------------------------------------ primitives
    @abstractmethod
    def quad_count(self) -> int: ...

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        policy: QueryPolicy = QueryPolicy(),
        max_rows: int | None = None,
    ) -> QueryResult: ...

    @abstractmethod
    def quads(self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None,
              graph: Node | None = None) -> Iterator[Quad]:
        """Quads matching a pattern in rdflib terms (``None`` matches anything; the graph of a
        default-graph quad is ``None``)."""

    @abstractmethod
    def load_files(
        self,
        paths: Sequence[Path],
        *,
        formats: Sequence[RdfFormatInfo | None] | None = None,
        replace: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[LoadedFile]: ...

    def hold_label_reading(self) -> None:  # noqa: B027 - optional hook
        """A store that reads its label index on a thread of its own from the end of a load's parse:
        the next load's thread waits for :meth:`begin_label_reading` (or for the first question
        that needs the whole index)."""

    def read_labels_beside_parse(self) -> None:  # noqa: B027 - optional hook
        """A store that parses files itself: the next load of one file into an empty store reads
        the file's labels with a second parser meanwhile, on another processor core (for a
        process with no window to keep responsive: that parser holds the interpreter lock, and the
        store may count its quads the quicker way that holds it too)."""

    def begin_label_reading(self) -> None:  # noqa: B027 - optional hook
        """Start reading the label index a load left waiting (see :meth:`hold_label_reading`)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files or connections."""

    def triples(self, subject: Node | None = None, predicate: Node | None = None,
                obj: Node | None = None) -> Iterator[tuple[Node, Node, Node]]:
        """Triples matching a pattern across all graphs (a triple in two graphs comes twice)."""
        for s, p, o, _ in self.quads(subject, predicate, obj, None):
            yield s, p, o

    def contains(self, quad: Quad) -> bool:
        """Whether this exact quad is stored (graph ``None`` = the default graph)."""
        s, p, o, g = quad
        return any(found == g for _, _, _, found in self.quads(s, p, o, g))

    def load_data(self, data: bytes, format_info: RdfFormatInfo, base_iri: str | None = None) -> None:
        """Parse RDF bytes straight into the graph (tests, pasted snippets)."""
        raise ExplorerError(f"text is not loaded into {self.describe_target()}")

    def describe_target(self) -> str:
        """Where the triples are, in words (a workspace folder, an endpoint URL …)."""
        return "the graph"

    def forget_caches(self) -> None:  # noqa: B027 - optional hook
        """The store changed: drop whatever the backend remembered about it."""

    # ------------------------------------------------------------------ bulk: labels and search
    def label_index(self) -> LabelIndex | None:
        """Every label in one search index, or None when the labels are not all at hand
        (then :meth:`labels_of` and :meth:`label_candidates` answer per request)."""
        entries = []
        for kind, predicate in enumerate(LABEL_PREDICATES):
            for s, _, value in self.triples(None, URIRef(predicate), None):
                entity = entity_id(s)
                if entity is not None and isinstance(value, Literal):
                    entries.append(LabelEntry(entity, str(value), value.language or "", kind))
        return LabelIndex(entries)

    def reading_label_index(self) -> bool:
        """Whether the label index read in the background since the last load is kept
        (:meth:`label_index` returns it, waiting while it is still being read)."""
        return False

    def label_index_pending(self) -> bool:
        """Whether that reading is still under way: until it ends, labels are asked per entity
        (:meth:`labels_of`) and only search waits for the whole index."""
        return False

    def labels_of(self, entities: Iterable[str]) -> dict[str, LabelsByLanguage]:
        """The labels of many entities (those without any map to ``{}``)."""
        found: dict[str, LabelsByLanguage] = {}
        for entity in entities:
            labels: LabelsByLanguage = {}
            for kind, predicate in enumerate(LABEL_PREDICATES):
                for _, _, value in self.triples(entity_node(entity), URIRef(predicate), None):
                    if isinstance(value, Literal):
                        labels.setdefault(value.language or "", []).append((kind, str(value)))
            found[entity] = labels
        return found

    def label_candidates(self, text: str, cap: int) -> list[LabelEntry]:
        """Labels that contain ``text`` (case and accents folded), at most ``cap`` of them."""
        index = self.label_index()
        if index is None:
            return []
        folded = normalize(text)
        entities, texts, languages, kinds, normalised = index.columns()
        matching = (i for i, label in enumerate(normalised) if folded in label)
        return [LabelEntry(entities[i], texts[i], languages[i], kinds[i]) for i in itertools.islice(matching, cap)]

    def inverse_labels(self, predicates: Iterable[str]) -> dict[str, str]:
        """How links along each predicate read backwards (``kg:inverseLabel`` in English or untagged)."""
        found: dict[str, str] = {}
        for predicate in predicates:
            for _, _, value in self.triples(URIRef(predicate), URIRef(str(KG.inverseLabel)), None):
                if isinstance(value, Literal) and (value.language or "") in ("en", ""):
                    found[predicate] = str(value)
                    break
        return found

    def inverse_pairs(self) -> dict[str, set[str]]:
        """Named inverses of properties (``owl:inverseOf``, both ways round; a property may have several)."""
        table: dict[str, set[str]] = {}
        for s, _, o in self.triples(None, URIRef(OWL + "inverseOf"), None):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                table.setdefault(str(s), set()).add(str(o))
                table.setdefault(str(o), set()).add(str(s))
        return table

    # ------------------------------------------------------------------ bulk: entities
    def prefetch_types(self, entities: Iterable[str]) -> None:  # noqa: B027 - an optional speed-up
        """Ask for the types of many entities at once (a server answers them in one query)."""

    def types_of(self, entity: str) -> list[str]:
        return [str(o) for _, _, o in self.triples(entity_node(entity), RDF_TYPE, None) if isinstance(o, URIRef)]

    def exists(self, entity: str) -> bool:
        """Whether the graph mentions ``entity`` as subject, object or (an IRI) predicate."""
        node = entity_node(entity)
        patterns: list[tuple[Any, Any, Any]] = [(node, None, None), (None, None, node)]
        if isinstance(node, URIRef):
            patterns.append((None, node, None))
        return any(next(iter(self.triples(*pattern)), None) is not None for pattern in patterns)

    def literals(self, entity: str) -> list[tuple[str, Literal]]:
        """(predicate, value) of every literal of an entity but its labels."""
        labels = set(LABEL_PREDICATES)
        return [(str(p), o) for _, p, o in self.triples(entity_node(entity), None, None)
                if isinstance(o, Literal) and str(p) not in labels]

    def evidence_rows(self, subject: str, predicate: str, obj: str) -> list[EvidenceRow]:
        """The evidence records (``rdf:Statement``) of one stated triple."""
        found = []
        s_node, p_node, o_node = entity_node(subject), URIRef(predicate), entity_node(obj)
        for record, _, _ in self.triples(None, URIRef(RDF + "subject"), s_node):
            if next(iter(self.triples(record, URIRef(RDF + "predicate"), p_node)), None) is None:
                continue
            if next(iter(self.triples(record, URIRef(RDF + "object"), o_node)), None) is None:
                continue
            record_id = entity_id(record)
            if record_id is not None:
                found.append(self._evidence_row(record_id, record))
        return found

    def literal_evidence_rows(self, subject: str) -> list[tuple[str, Literal, EvidenceRow]]:
        """The evidence records of every stated fact of ``subject`` whose value is a literal (a
        count, a date, a share), as ``(predicate, value, record)``: read in one pass over the
        records about the subject."""
        found: list[tuple[str, Literal, EvidenceRow]] = []
        predicate_role, object_role = URIRef(RDF + "predicate"), URIRef(RDF + "object")
        for record, _, _ in self.triples(None, URIRef(RDF + "subject"), entity_node(subject)):
            value = next((o for _, _, o in self.triples(record, object_role, None) if isinstance(o, Literal)), None)
            predicate = next((p for _, _, p in self.triples(record, predicate_role, None) if isinstance(p, URIRef)),
                             None)
            record_id = entity_id(record)
            if value is not None and predicate is not None and record_id is not None:
                found.append((str(predicate), value, self._evidence_row(record_id, record)))
        return found

    def evidence_counts(self, entity: str) -> dict[tuple[str, str, str], int]:
        """Evidence records per stored triple for every fact about ``entity``, read in one
        pass (reading the records of a hub once is much cheaper than asking per link)."""
        node = entity_node(entity)
        roles = [URIRef(RDF + name) for name in ("subject", "predicate", "object")]
        counts: dict[tuple[str, str, str], int] = {}
        seen: set[Node] = set()

        def first(record: Node, predicate: URIRef) -> str | None:
            for _, _, value in self.triples(record, predicate, None):
                found = entity_id(value)
                if found is not None:
                    return found
            return None

        for role in (roles[0], roles[2]):
            for record, _, _ in self.triples(None, role, node):
                if record in seen:
                    continue
                seen.add(record)
                s, p, o = (first(record, r) for r in roles)
                if s and p and o:
                    counts[(s, p, o)] = counts.get((s, p, o), 0) + 1
        return counts

    def _evidence_row(self, record_id: str, record: Node) -> EvidenceRow:
        def first(predicate: str) -> Node | None:
            for _, _, value in self.triples(record, URIRef(predicate), None):
                return value
            return None

        background, quote, sentence = first(str(KG.isBackground)), first(str(KG.quote)), first(str(KG.sentenceIndex))
        source, note = first(PROV_DERIVED), first(RDFS + "comment")
        line, page = first(str(KG.lineNumber)), first(str(SCHEMA.pagination))
        start = end = None
        for _, _, selector in self.triples(record, URIRef(OA.hasSelector), None):
            if next(iter(self.triples(selector, URIRef(RDF + "type"), URIRef(OA.TextPositionSelector))), None):
                start = next((o for _, _, o in self.triples(selector, URIRef(OA.start), None)), None)
                end = next((o for _, _, o in self.triples(selector, URIRef(OA.end), None)), None)
                break
        return EvidenceRow(
            record=record_id,
            background=isinstance(background, Literal) and str(background) in ("true", "1"),
            quote=str(quote) if isinstance(quote, Literal) else None,
            source=entity_id(source) if source is not None else None,
            sentence_index=_number(sentence) if isinstance(sentence, Literal) else None,
            note=str(note) if isinstance(note, Literal) else None,
            line_number=_number(line) if isinstance(line, Literal) else None,
            page=str(page) if isinstance(page, Literal) else None,
            start=_number(start) if isinstance(start, Literal) else None,
            end=_number(end) if isinstance(end, Literal) else None,
        )

    # ------------------------------------------------------------------ bulk: links
    def adjacent(self, entity: str, *, outgoing: bool = True, incoming: bool = True,
                 include_schema: bool = False) -> Iterator[Link]:
        """Raw links of an entity for traversal. Literals, schema predicates (rdf:type,
        rdfs:subClassOf …) and evidence records are left out unless ``include_schema``."""
        node = entity_node(entity)
        if outgoing:
            for _, p, o in self.triples(node, None, None):
                other = entity_id(o)
                if other is not None and (include_schema or str(p) not in SCHEMA_PREDICATES):
                    yield str(p), other, True
        if incoming:
            for s, p, _ in self.triples(None, None, node):
                other = entity_id(s)
                if other is None:
                    continue
                if not include_schema and (str(p) in SCHEMA_PREDICATES or self.is_evidence_record(other)):
                    continue
                yield str(p), other, False

    def is_evidence_record(self, entity: str) -> bool:
        return next(iter(self.triples(entity_node(entity), RDF_TYPE, RDF_STATEMENT)), None) is not None

    def adjacency(self, entities: Iterable[str], *, outgoing: bool = True, incoming: bool = True,
                  include_schema: bool = False, cancel: CancelToken | None = None) -> dict[str, list[Link]]:
        """:meth:`adjacent` for a whole path-search frontier."""
        found: dict[str, list[Link]] = {}
        for entity in entities:
            if cancel is not None:
                cancel.raise_if_cancelled()
            found[entity] = list(self.adjacent(entity, outgoing=outgoing, incoming=incoming,
                                               include_schema=include_schema))
        return found

    def entity_links(self, *, progress: Progress | None = None,
                     cancel: CancelToken | None = None) -> Iterator[tuple[str, str, str]]:
        """Every link between two entities as (subject, predicate, object): the bulk form of
        :meth:`adjacent` for whole-graph analytics, in one pass over the triples.

        Literals, schema predicates, evidence records and schema terms (classes, properties,
        ontologies: :data:`~explorer.core.vocab.SCHEMA_CLASSES`, anything with a sub-class or
        sub-property link) are left out; a triple in several graphs may come more than once.
        """
        skipped = {entity_id(s) for class_iri in SCHEMA_CLASSES for s, _, _ in self.triples(None, RDF_TYPE,
                                                                                            URIRef(class_iri))}
        for schema_link in (SUBCLASS_OF, URIRef(RDFS + "subPropertyOf")):
            skipped.update(entity_id(s) for s, _, _ in self.triples(None, schema_link, None))
        total = max(1, self.quad_count())
        for index, (s, p, o) in enumerate(self.triples(None, None, None)):
            if not index % 65536:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                if progress is not None:
                    progress(min(1.0, index / total), "reading the links between entities")
            subject, obj, predicate = entity_id(s), entity_id(o), str(p)
            if subject is None or obj is None or predicate in SCHEMA_PREDICATES:
                continue
            if subject in skipped or obj in skipped:
                continue
            yield subject, predicate, obj

    def links(self, entity: str, *, direction: str = "both", limit: int | None = 100,
              predicates: Iterable[str] | None = None, include_schema: bool = False) -> LinkPage:
        """The links of one entity, each direction capped at ``limit``; the rest is counted
        (a triple in several named graphs once)."""
        wanted = set(predicates) if predicates is not None else None
        page = LinkPage()
        seen: set[Link] = set()
        kept = {True: 0, False: 0}
        for link in self.adjacent(entity, outgoing=direction in ("both", "out"), incoming=direction in ("both", "in"),
                                  include_schema=include_schema):
            predicate, _, forward = link
            if (wanted is not None and predicate not in wanted) or link in seen:
                continue
            seen.add(link)
            if limit is not None and kept[forward] >= limit:
                if forward:
                    page.omitted_outgoing += 1
                    continue
                page.omitted_incoming += 1
                if page.omitted_incoming > COUNT_IN_STORE_AFTER:
                    # A hub: outgoing links come first, so they are all done by now.
                    total = self.incoming_link_count(entity, wanted, include_schema)
                    if total is not None:
                        page.omitted_incoming = total - kept[False]
                        break
                continue
            kept[forward] += 1
            page.links.append(link)
        return page

    def link_totals(self, entity: str, *, direction: str = "both", predicates: Iterable[str] | None = None,
                    include_schema: bool = False) -> tuple[int, int]:
        """How many outgoing and incoming links :meth:`links` has for ``entity``, exactly
        (what a capped count left as "1,000+" filled in)."""
        page = self.links(entity, direction=direction, limit=0, predicates=predicates, include_schema=include_schema)
        return page.omitted_outgoing, page.omitted_incoming

    def incoming_link_count(self, entity: str, wanted: set[str] | None, include_schema: bool) -> int | None:
        """How many links :meth:`adjacent` yields into ``entity``, when the store can count
        them faster than they are walked; None to keep walking."""
        return None

    # ------------------------------------------------------------------ bulk: classes and counts
    def type_counts(self) -> dict[str, int]:
        """Type triples per class (every class, schema ones included)."""
        result = self.query(TYPE_COUNTS)
        return {str(c): _number(n) for c, n in result.rows if isinstance(c, URIRef)}

    def declared_classes(self) -> list[str]:
        result = self.query(f"SELECT DISTINCT ?c WHERE {{ {{ ?c a <{OWL}Class> }} UNION {{ ?c a <{RDFS}Class> }} }}")
        return [str(c) for (c,) in result.rows if isinstance(c, URIRef)]

    def subclass_edges(self) -> list[tuple[str, str]]:
        return [(str(c), str(p)) for c, _, p in self.triples(None, SUBCLASS_OF, None)
                if isinstance(c, URIRef) and isinstance(p, URIRef) and c != p]

    def class_counts(self, domain_classes: Sequence[str],
                     hierarchy: Mapping[str, ClassInfo]) -> tuple[dict[str, int], dict[str, int]]:
        """(direct, total) distinct entities per class; ``total`` counts an entity once per
        class however many of its types are subclasses of it."""
        if not domain_classes:
            return defaultdict(int), defaultdict(int)
        query = type_sets_query(domain_classes, filter_subjects=not self.subjects_are_resources)
        rows = self.query(query).rows
        return counts_of_type_sets(((tuple(str(types).split(" ")), _number(count)) for types, count in rows), hierarchy)

    def instances_of(self, classes: Sequence[str], *, limit: int, offset: int) -> list[str]:
        """Entities typed with any of ``classes``, ordered by identifier, one page."""
        values = " ".join(f"<{checked_iri(c)}>" for c in classes)
        result = self.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c }}")
        members = sorted(filter(None, (entity_id(row[0]) for row in result.rows if row[0] is not None)))
        return members[offset:offset + limit]

    def statistics_at_hand(self) -> bool:
        """Whether the counts behind the statistics (predicates, entities, quads) are kept
        already, so counting them again scans nothing (a workspace keeps them with its store)."""
        return False

    def predicate_counts(self) -> list[tuple[str, int]]:
        """Uses per predicate, most used first."""
        rows = [(str(p), _number(n)) for p, n in self.query(PREDICATE_COUNTS).rows if p is not None]
        return sorted(rows, key=lambda item: (-item[1], item[0]))

    def single_graph(self) -> bool:
        """Whether every quad is a triple of one graph (then quads and triples count the same)."""
        return all(g is None for _, _, _, g in self.quads())

    def triple_count(self) -> int:
        """Distinct triples across all graphs."""
        if self.single_graph():
            return self.quad_count()
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
        return _number(result.rows[0][0])

    def count(self, sparql: str) -> int:
        rows = self.query(sparql).rows
        return _number(rows[0][0]) if rows else 0

    def entity_counts(self) -> tuple[int, int]:
        """(resources, entities): every subject, and those that are entities (see above)."""
        resources = self.count(RESOURCE_COUNT)
        return resources, resources - self.count(ANNOTATED_ONLY_COUNT) - self.count(NOT_ENTITY_COUNT)


@runtime_checkable
class WritableBackend(Protocol):
    """A backend that takes change sets."""

    def apply_changes(self, change: ChangeSet) -> None:
        """Remove ``change.removed`` and add ``change.added``, all or nothing."""
        ...


@runtime_checkable
class LocalBackend(Protocol):
    """A backend that holds its quads here (in memory or in a workspace folder)."""

    @property
    def workspace(self) -> Path | None:
        """The folder of an on-disk store; None in memory."""
        ...

    def named_graphs(self) -> list[str]: ...

    def add_graph(self, name: str) -> None:
        """Make an empty named graph exist (it says something by existing, e.g. inference is on)."""
        ...

    def copy_into(self, target: LocalBackend, *, cancel: CancelToken | None = None,
                  progress: Callable[[int], None] | None = None) -> None:
        """Every quad, blank nodes as they are, into ``target``; ``progress`` hears the count."""
        ...

    def quads_estimate(self) -> int:
        """About how many quads are held (what copying or freeing them costs)."""
        ...

    def release(self) -> None:
        """Let go of the held quads (freed when nobody is looking: see store_disposal)."""
        ...

    def change_of_update(self, sparql: str) -> ChangeSet:
        """Run a SPARQL Update and return exactly what it changed, blank nodes included."""
        ...
