"""The embedded Oxigraph store in memory (the workspace on disk builds on it).

Every bulk operation of the protocol is answered from the store's indexes with pyoxigraph
terms, which never leave this package: the facade gets strings and rdflib terms.
"""

from __future__ import annotations

import functools
import gzip
import sys
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal
from rdflib.term import Node

from explorer.core.backends.base import (
    OWL,
    PROV_DERIVED,
    RDF,
    RDFS,
    Backend,
    EvidenceRow,
    Link,
    LoadedFile,
    checked_iri,
    counts_of_type_sets,
)
from explorer.core.backends.class_sets import ClassCounting, count_beside_classes
from explorer.core.backends.feeding import FileFeeding
from explorer.core.backends.isolation import isolation_available, run_isolated
from explorer.core.backends.label_reading import FileLabelReading, LabelIndexReading, read_label_index
from explorer.core.backends.loading import load_error, refuse_dropped_iris
from explorer.core.backends.store_changes import write_change
from explorer.core.backends.store_queries import answer_query
from explorer.core.backends.store_tools import MIN_BYTES_PER_QUAD, copy_quads, count_quads, quads_in, remove_tree
from explorer.core.backends.terms import (
    iri_or_bnode,
    node_id,
    quad_to_oxigraph,
    quad_to_rdflib,
    to_oxigraph,
    to_rdflib,
)
from explorer.core.changes import ChangeSet, Quad
from explorer.core.errors import Cancelled, ExplorerError, LoadError, QueryError
from explorer.core.formats import RdfFormatInfo, detect_format, format_for_suffix, is_gzipped
from explorer.core.graph_model import ClassInfo
from explorer.core.guards import check_bytes, guard_for
from explorer.core.input_files import BomSkippingReader, regular_file_size
from explorer.core.search import LabelIndex
from explorer.core.sparql import QueryPolicy, QueryResult, run_with_deadline, syntax_error
from explorer.core.store_disposal import disposal
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import KG, LABEL_PREDICATES, OA, SCHEMA, SCHEMA_CLASSES, SCHEMA_PREDICATES

Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple

#: Incoming links along one predicate checked one by one for evidence records (a lookup
#: each, ~15 µs on disk) before asking once whether records use the predicate at all (a
#: scan of every link along it: 0.8 s at ten million triples). A capped page of a hub
#: (100 links and 64 more before the store counts the rest) stays below it.
CHECK_EACH_LINK_UP_TO = 256

_RDF_TYPE = ox.NamedNode(RDF + "type")
_RDF_STATEMENT = ox.NamedNode(RDF + "Statement")
_RDF_SUBJECT = ox.NamedNode(RDF + "subject")
_RDF_PREDICATE = ox.NamedNode(RDF + "predicate")
_RDF_OBJECT = ox.NamedNode(RDF + "object")
_OWL_INVERSE = ox.NamedNode(OWL + "inverseOf")
_INVERSE_LABEL = ox.NamedNode(str(KG.inverseLabel))
_QUOTE = ox.NamedNode(str(KG.quote))
_SENTENCE = ox.NamedNode(str(KG.sentenceIndex))
_BACKGROUND = ox.NamedNode(str(KG.isBackground))
_DERIVED = ox.NamedNode(PROV_DERIVED)
_COMMENT = ox.NamedNode(RDFS + "comment")
_SUBCLASS = ox.NamedNode(RDFS + "subClassOf")
_LINE = ox.NamedNode(str(KG.lineNumber))
_PAGE = ox.NamedNode(str(SCHEMA.pagination))
_HAS_SELECTOR = ox.NamedNode(str(OA.hasSelector))
_POSITION_SELECTOR = ox.NamedNode(str(OA.TextPositionSelector))
_START, _END = ox.NamedNode(str(OA.start)), ox.NamedNode(str(OA.end))
_ENTITY = (ox.NamedNode, ox.BlankNode)


def oxigraph_format(info: RdfFormatInfo) -> ox.RdfFormat:
    """Oxigraph's parser and serializer for one of our formats."""
    found = ox.RdfFormat.from_media_type(info.media_type)
    if found is None:  # every format in core.formats has a media type Oxigraph knows
        raise ExplorerError(f"{info.name}: no Oxigraph format for {info.media_type}")
    return found


class OxigraphBackend(Backend):
    """The embedded Oxigraph store in memory; writable and local."""

    #: Read queries can run in a forked child with a memory limit (``query(memory_mb=…)``).
    isolates_queries = True

    # pyoxigraph 0.5 keeps RDF 1.2 triple terms in object position only.
    subjects_are_resources = True

    def __init__(self) -> None:
        self.store = ox.Store()
        #: About how many quads the store holds (what freeing it will cost; see store_disposal).
        self.estimated_quads = 0
        self._statement_predicates: dict[str, bool] = {}
        self._instance_lists: dict[tuple[str, ...], list[str]] = {}
        #: Incoming links of hubs, counted once until the store changes (see incoming_link_count).
        self._incoming_counts: dict[tuple[str, tuple[str, ...] | None, bool], int] = {}
        self._class_counting: ClassCounting | None = None  # asked beside a load's count (see class_sets)
        #: The search index of the store as the last load left it, being read (see load_files).
        self._reading_index: LabelIndexReading | None = None
        self._hold_reading = False  # see hold_label_reading
        self._labels_beside_parse = False  # see read_labels_beside_parse

    @property
    def workspace(self) -> Path | None:
        return None

    def describe_target(self) -> str:
        return "the embedded store"

    def __del__(self) -> None:
        # The graph is gone. Freeing its in-memory store holds the interpreter lock for about
        # a second per million quads, so the desktop app has it wait for a moment nobody is
        # looking — unless something else still holds the store (this attribute, the local
        # name and getrefcount's argument are three references).
        reading = self.__dict__.get("_reading_index")
        if reading is not None and not reading.begun():
            reading.abandon()  # a reading left waiting for "ready" would hold the store for ever
        if not disposal.deferring or self.workspace is not None or sys.is_finalizing():
            return
        self._stop_reading_index()  # its thread holds the store too
        store = self.__dict__.get("store")
        if store is not None and sys.getrefcount(store) <= 3:
            disposal.let_go(store, self.estimated_quads)

    def forget_caches(self) -> None:
        self._stop_reading_index()
        self._statement_predicates.clear()
        self._instance_lists.clear()
        self._incoming_counts.clear()
        self._class_counting = None

    # ------------------------------------------------------------------ primitives
    def quad_count(self) -> int:
        return count_quads(self.store)

    def quads(self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None,
              graph: Node | None = None) -> Iterator[Quad]:
        pattern: list[Any] = [None if t is None else to_oxigraph(t) for t in (subject, predicate, obj, graph)]
        try:
            found = self.store.quads_for_pattern(*pattern)
        except TypeError:  # a literal where no literal can stand: nothing matches
            return
        for quad in found:
            if not isinstance(quad.subject, ox.Triple) and not isinstance(quad.object, ox.Triple):
                yield quad_to_rdflib(quad)

    def contains(self, quad: Quad) -> bool:
        try:
            return quad_to_oxigraph(quad) in self.store
        except (TypeError, ValueError):
            return False

    def load_data(self, data: bytes, format_info: RdfFormatInfo, base_iri: str | None = None) -> None:
        try:
            check_bytes(format_info.name, "<text>", data)
            self.store.load(data, oxigraph_format(format_info), base_iri=base_iri)
        except (SyntaxError, MemoryError, ValueError) as error:
            raise load_error(Path("<text>"), error, format_info) from None
        self.forget_caches()

    # ------------------------------------------------------------------ writable
    def apply_changes(self, change: ChangeSet) -> None:
        """Removals then additions; if adding fails the removed quads are put back."""
        self.forget_caches()
        self.estimated_quads = max(0, self.estimated_quads + write_change(self.store, change))

    # ------------------------------------------------------------------ local
    def named_graphs(self) -> list[str]:
        return [node_id(g) for g in self.store.named_graphs() if isinstance(g, _ENTITY)]

    def add_graph(self, name: str) -> None:
        self.store.add_graph(iri_or_bnode(name))

    def quads_estimate(self) -> int:
        return self.estimated_quads

    def copy_into(self, target: Any, *, cancel: CancelToken | None = None,
                  progress: Callable[[int], None] | None = None) -> None:
        store = getattr(target, "store", None)
        if not isinstance(store, ox.Store):
            raise ExplorerError("quads are copied between embedded stores only")
        copy_quads(self.store, store, cancel, bulk=target.workspace is not None, progress=progress)
        target.estimated_quads = self.estimated_quads
        target.forget_caches()

    def release(self) -> None:
        self.forget_caches()
        previous, self.store = self.store, ox.Store()
        disposal.let_go(previous, self.estimated_quads)
        self.estimated_quads = 0

    def change_of_update(self, sparql: str) -> ChangeSet:
        before = ox.Store()
        before.extend(self.store.quads_for_pattern(None, None, None, None))
        self._update(sparql)
        added = [quad_to_rdflib(q) for q in self.store.quads_for_pattern(None, None, None, None) if q not in before]
        removed = [quad_to_rdflib(q) for q in before.quads_for_pattern(None, None, None, None) if q not in self.store]
        return ChangeSet(tuple(added), tuple(removed), sparql)

    # ------------------------------------------------------------------ bulk: labels
    def label_index(self) -> LabelIndex:
        # The index the last load began to read, kept until the store changes (forget_caches):
        # a search on a worker and a view on the GUI thread may both ask for it as it ends.
        reading = self._reading_index
        return reading.result() if reading is not None else read_label_index(self.store)

    def reading_label_index(self) -> bool:
        return self._reading_index is not None

    def label_index_pending(self) -> bool:
        reading = self._reading_index
        return reading is not None and not reading.done()

    def _stop_reading_index(self) -> None:
        """Forget the index being read, once its thread lets go of the store (a moment at most:
        the store is about to change, or to go, and must not be freed on that thread)."""
        reading, self._reading_index = self.__dict__.get("_reading_index"), None
        if reading is not None:
            reading.abandon()

    def hold_label_reading(self) -> None:
        self._hold_reading = True

    def read_labels_beside_parse(self) -> None:
        self._labels_beside_parse = True

    def begin_label_reading(self) -> None:
        reading = self._reading_index
        if reading is not None:
            reading.begin()

    def inverse_labels(self, predicates: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for predicate in predicates:
            for quad in self.store.quads_for_pattern(ox.NamedNode(predicate), _INVERSE_LABEL, None, None):
                value = quad.object
                if isinstance(value, ox.Literal) and value.language in ("en", ""):
                    found[predicate] = value.value
                    break
        return found

    def inverse_pairs(self) -> dict[str, set[str]]:
        table: dict[str, set[str]] = {}
        for quad in self.store.quads_for_pattern(None, _OWL_INVERSE, None, None):
            subject, obj = quad.subject, quad.object
            if isinstance(subject, ox.NamedNode) and isinstance(obj, ox.NamedNode):
                table.setdefault(subject.value, set()).add(obj.value)
                table.setdefault(obj.value, set()).add(subject.value)
        return table

    # ------------------------------------------------------------------ bulk: entities
    def types_of(self, entity: str) -> list[str]:
        return [q.object.value for q in self.store.quads_for_pattern(iri_or_bnode(entity), _RDF_TYPE, None, None)
                if isinstance(q.object, ox.NamedNode)]

    def exists(self, entity: str) -> bool:
        try:
            node = iri_or_bnode(entity)
        except ValueError:  # not even a valid IRI: nothing in the graph can be named so
            return False
        patterns: list[tuple[Any, Any, Any]] = [(node, None, None)]
        if isinstance(node, ox.NamedNode):
            patterns += [(None, None, node), (None, node, None)]
        return any(next(self.store.quads_for_pattern(*pattern, None), None) is not None for pattern in patterns)

    def literals(self, entity: str) -> list[tuple[str, Literal]]:
        labels = set(LABEL_PREDICATES)
        found = []
        for quad in self.store.quads_for_pattern(iri_or_bnode(entity), None, None, None):
            if isinstance(quad.object, ox.Literal) and quad.predicate.value not in labels:
                value = to_rdflib(quad.object)
                assert isinstance(value, Literal)
                found.append((quad.predicate.value, value))
        return found

    def is_evidence_record(self, entity: str) -> bool:
        return self._is_statement_node(iri_or_bnode(entity))

    def _is_statement_node(self, node: Term) -> bool:
        return next(self.store.quads_for_pattern(node, _RDF_TYPE, _RDF_STATEMENT, None), None) is not None

    def evidence_rows(self, subject: str, predicate: str, obj: str) -> list[EvidenceRow]:
        s_node, p_node, o_node = iri_or_bnode(subject), ox.NamedNode(predicate), iri_or_bnode(obj)
        found: list[EvidenceRow] = []
        for quad in self.store.quads_for_pattern(None, _RDF_SUBJECT, s_node, None):
            record = quad.subject
            if next(self.store.quads_for_pattern(record, _RDF_PREDICATE, p_node, None), None) is None:
                continue
            if next(self.store.quads_for_pattern(record, _RDF_OBJECT, o_node, None), None) is None:
                continue
            if isinstance(record, _ENTITY):
                found.append(self._native_evidence_row(record))
        return found

    def evidence_counts(self, entity: str) -> dict[tuple[str, str, str], int]:
        node = iri_or_bnode(entity)
        counts: dict[tuple[str, str, str], int] = {}
        seen: set[Term] = set()

        def first(record: Term, predicate: ox.NamedNode) -> str | None:
            for quad in self.store.quads_for_pattern(record, predicate, None, None):
                if isinstance(quad.object, _ENTITY):
                    return node_id(quad.object)
            return None

        for role in (_RDF_SUBJECT, _RDF_OBJECT):
            for quad in self.store.quads_for_pattern(None, role, node, None):
                record = quad.subject
                if record in seen:
                    continue
                seen.add(record)
                s, p, o = first(record, _RDF_SUBJECT), first(record, _RDF_PREDICATE), first(record, _RDF_OBJECT)
                if s and p and o:
                    counts[(s, p, o)] = counts.get((s, p, o), 0) + 1
        return counts

    def _native_evidence_row(self, record: Term) -> EvidenceRow:
        def first(predicate: ox.NamedNode) -> Term | None:
            for quad in self.store.quads_for_pattern(record, predicate, None, None):
                return quad.object
            return None

        def number(term: Term | None) -> int | None:
            return int(term.value) if isinstance(term, ox.Literal) else None

        background, quote, sentence = first(_BACKGROUND), first(_QUOTE), first(_SENTENCE)
        source, comment, line, page = first(_DERIVED), first(_COMMENT), first(_LINE), first(_PAGE)
        start = end = None
        for quad in self.store.quads_for_pattern(record, _HAS_SELECTOR, None, None):
            selector = quad.object
            if not isinstance(selector, _ENTITY):
                continue
            if next(self.store.quads_for_pattern(selector, _RDF_TYPE, _POSITION_SELECTOR, None), None) is not None:
                start = next((q.object for q in self.store.quads_for_pattern(selector, _START, None, None)), None)
                end = next((q.object for q in self.store.quads_for_pattern(selector, _END, None, None)), None)
                break
        return EvidenceRow(
            record=node_id(record),
            background=isinstance(background, ox.Literal) and background.value in ("true", "1"),
            quote=quote.value if isinstance(quote, ox.Literal) else None,
            source=node_id(source) if isinstance(source, _ENTITY) else None,
            sentence_index=number(sentence),
            note=comment.value if isinstance(comment, ox.Literal) else None,
            line_number=number(line),
            page=page.value if isinstance(page, ox.Literal) else None,
            start=number(start),
            end=number(end),
        )

    # ------------------------------------------------------------------ bulk: links
    def adjacent(self, entity: str, *, outgoing: bool = True, incoming: bool = True,
                 include_schema: bool = False) -> Iterator[Link]:
        node = iri_or_bnode(entity)
        if outgoing:
            for quad in self.store.quads_for_pattern(node, None, None, None):
                obj, predicate = quad.object, quad.predicate
                if not isinstance(obj, _ENTITY):
                    continue
                if not include_schema and predicate.value in SCHEMA_PREDICATES:
                    continue
                yield predicate.value, node_id(obj), True
        if incoming:
            # Evidence records are left out by a lookup per link; along a predicate seen many
            # times one cached question says whether records ever use it at all.
            seen: dict[str, int] = defaultdict(int)
            for quad in self.store.quads_for_pattern(None, None, node, None):
                subject, predicate = quad.subject, quad.predicate
                if not isinstance(subject, _ENTITY):
                    continue
                if not include_schema:
                    name = predicate.value
                    if name in SCHEMA_PREDICATES:
                        continue
                    seen[name] += 1
                    if (seen[name] <= CHECK_EACH_LINK_UP_TO or self._statements_use(name)) \
                            and self._is_statement_node(subject):
                        continue
                yield predicate.value, node_id(subject), False

    def entity_links(self, *, progress: Progress | None = None,
                     cancel: CancelToken | None = None) -> Iterator[tuple[str, str, str]]:
        """The default's rules on the store's own terms (no rdflib term per triple: 1M in seconds)."""
        store = self.store
        skipped: set[Any] = set()
        for class_iri in SCHEMA_CLASSES:
            skipped.update(q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(class_iri), None))
        for schema_link in (_SUBCLASS, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")):
            skipped.update(q.subject for q in store.quads_for_pattern(None, schema_link, None, None))
        schema_predicates = {ox.NamedNode(p) for p in SCHEMA_PREDICATES}
        total = max(1, self.quad_count())
        for index, quad in enumerate(store.quads_for_pattern(None, None, None, None)):
            if not index % 65536:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                if progress is not None:
                    progress(min(1.0, index / total), "reading the links between entities")
            obj, predicate, subject = quad.object, quad.predicate, quad.subject
            if not isinstance(obj, _ENTITY) or predicate in schema_predicates:
                continue
            if subject in skipped or obj in skipped:
                continue
            yield node_id(subject), predicate.value, node_id(obj)

    def _statements_use(self, predicate: str) -> bool:
        """Whether any evidence record has ``predicate``: if not, links along it need no
        per-link check (a hub's thousands of incoming links stay one index scan)."""
        if predicate not in self._statement_predicates:
            try:
                answer = self.store.query(  # FILTER EXISTS: several times faster than a join here
                    f"ASK {{ ?s <{checked_iri(predicate)}> ?o . FILTER EXISTS {{ ?s a <{RDF}Statement> }} }}",
                    use_default_graph_as_union=True,
                )
                self._statement_predicates[predicate] = bool(answer)
            except (ExplorerError, SyntaxError):  # an IRI SPARQL cannot spell: check each link instead
                self._statement_predicates[predicate] = True
        return self._statement_predicates[predicate]

    def _count_rows(self, sparql: str) -> list[tuple[Term, ...]]:
        answer = self.store.query(sparql, use_default_graph_as_union=True)
        assert isinstance(answer, ox.QuerySolutions)
        return [tuple(solution) for solution in answer]

    def incoming_link_count(self, entity: str, wanted: set[str] | None, include_schema: bool) -> int | None:
        """The same rules as :meth:`adjacent`, counted by the store: subjects that are
        entities, no schema predicates and no evidence records unless ``include_schema``,
        a triple in several graphs once."""
        if entity.startswith("_:"):  # blank nodes cannot be named in a query: keep walking
            return None
        key = (entity, tuple(sorted(wanted)) if wanted is not None else None, include_schema)
        if key not in self._incoming_counts:
            self._incoming_counts[key] = self._count_incoming_links(entity, wanted, include_schema)
        return self._incoming_counts[key]

    def _count_incoming_links(self, entity: str, wanted: set[str] | None, include_schema: bool) -> int:
        target = checked_iri(entity)
        # DISTINCT only matters when a triple can sit in several named graphs (3x slower).
        count = "COUNT(?s)" if self.single_graph() else "COUNT(DISTINCT ?s)"
        # No FILTER on ?s: a subject is always an IRI or a blank node in this store (RDF 1.2
        # puts triple terms in object position only), and the filter made the count 14x
        # slower (0.92 s against 65 ms for the 10M graph's hub, 88k incoming links).
        rows = self._count_rows(f"SELECT ?p ({count} AS ?n) WHERE {{ ?s ?p <{target}> }} GROUP BY ?p")
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
                records = self._count_rows(f"SELECT ({count} AS ?n) WHERE {{ ?s <{checked_iri(predicate)}> <{target}> "
                                           f"FILTER EXISTS {{ ?s a <{RDF}Statement> }} }}")
                total -= int(records[0][0].value)
        return total

    # ------------------------------------------------------------------ bulk: classes and counts
    def subclass_edges(self) -> list[tuple[str, str]]:
        return [(q.subject.value, q.object.value) for q in self.store.quads_for_pattern(None, _SUBCLASS, None, None)
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode) and q.subject != q.object]

    def instances_of(self, classes: Sequence[str], *, limit: int, offset: int) -> list[str]:
        """The first page sorts the whole class once (Oxigraph's ORDER BY is several times
        slower than fetching the members and sorting them here); later pages are slices."""
        key = tuple(classes)
        members = self._instance_lists.get(key)
        if members is None:
            values = " ".join(f"<{checked_iri(c)}>" for c in classes)
            rows = self._count_rows(f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c }}")
            members = sorted(node_id(row[0]) for row in rows if isinstance(row[0], _ENTITY))
            self._instance_lists[key] = members
        return members[offset:offset + limit]

    def type_counts(self) -> dict[str, int]:
        counting = self._class_counting
        return dict(counting.type_counts) if counting is not None else super().type_counts()

    def class_counts(self, domain_classes: Sequence[str],
                     hierarchy: Mapping[str, ClassInfo]) -> tuple[dict[str, int], dict[str, int]]:
        counting, self._class_counting = self._class_counting, None  # asked once: the class tree keeps it
        if counting is not None and counting.domain == tuple(sorted(domain_classes)):
            return counts_of_type_sets(counting.type_sets, hierarchy)
        return super().class_counts(domain_classes, hierarchy)

    def single_graph(self) -> bool:
        # named_graphs() is an iterator (always truthy): ask for its first item.
        return next(iter(self.store.named_graphs()), None) is None

    # ------------------------------------------------------------------ queries
    def query(
        self,
        sparql: str,
        *,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        policy: QueryPolicy = QueryPolicy(),
        max_rows: int | None = None,
        memory_mb: int | None = None,
    ) -> QueryResult:
        kind = policy.check(sparql)
        if kind == "update":
            return run_with_deadline(lambda: self._update(sparql), timeout, cancel)
        if memory_mb is not None and isolation_available():
            try:
                return run_isolated(self.store, sparql, kind, memory_mb=memory_mb, timeout=timeout, cancel=cancel,
                                    max_rows=max_rows, convert=to_rdflib)
            except SyntaxError as error:
                raise syntax_error(error) from None
        return run_with_deadline(lambda: answer_query(self.store, sparql, kind, max_rows, cancel), timeout, cancel)

    def _update(self, sparql: str) -> QueryResult:
        self.forget_caches()
        try:
            self.store.update(sparql)
        except SyntaxError as error:
            raise syntax_error(error) from None
        except (OSError, RuntimeError) as error:
            raise QueryError(str(error)) from None
        return QueryResult(kind="update", convert=to_rdflib)

    # ------------------------------------------------------------------ loading
    def load_files(
        self,
        paths: Sequence[Path],
        *,
        formats: Sequence[RdfFormatInfo | None] | None = None,
        replace: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[LoadedFile]:
        """Load every file or none: files go into a staging store first.

        ``replace`` swaps the staging store in (no copy); otherwise the staged quads are
        added to the current store in one transaction.
        """
        paths = [Path(p) for p in paths]
        held, self._hold_reading = self._hold_reading, False
        beside_asked, self._labels_beside_parse = self._labels_beside_parse, False
        self.forget_caches()
        sizes = []
        for index, path in enumerate(paths):
            sizes.append(regular_file_size(path))
            if sizes[-1] == 0:
                # An empty document is a valid (empty) graph in the line and Turtle formats
                # (the W3C tests say so); RDF/XML and JSON-LD need at least a root.
                info = formats[index] if formats and formats[index] is not None else format_for_suffix(path)
                if info is None or info.name in ("rdfxml", "jsonld") or is_gzipped(path):
                    raise LoadError(str(path), "the file is empty")
        total = sum(sizes) or 1
        # A workspace that is replaced (or still empty) gets a new folder, filled in bulk and
        # swapped in at the end: all or nothing, without a disk transaction per batch.
        workspace = self.workspace
        swap = workspace is not None and (replace or next(iter(self.store), None) is None)
        if swap:
            remove_tree(Path(str(workspace) + ".staging"))
        staging = ox.Store(str(workspace) + ".staging") if swap else ox.Store()
        becomes_store = not swap and workspace is None and (replace or next(iter(self.store), None) is None)
        labels_read: LabelIndexReading | None = None
        classes: ClassCounting | None = None
        loaded: list[LoadedFile] = []
        done_before = 0
        reading: FileFeeding | None = None
        try:
            for index, path in enumerate(paths):
                info = formats[index] if formats and formats[index] is not None else None
                try:
                    info = info or detect_format(path)
                except OSError as error:
                    raise LoadError(str(path), error.strerror or str(error)) from None
                if info is None:
                    raise LoadError(str(path), "empty file or unknown RDF format")
                before = sum(item.quads for item in loaded)  # what the store counted after the last file
                if sizes[index] == 0:
                    loaded.append(LoadedFile(path, info.name, 0))
                    continue

                def report(fraction: float, _base: int = done_before, _size: int = sizes[index],
                           _name: str = path.name) -> None:
                    if progress is not None:
                        progress((_base + fraction * _size) / total, f"Reading {_name}")

                opener = gzip.open if is_gzipped(path) else open
                if info.name == "jsonld":
                    refuse_dropped_iris(path, opener)
                beside = None
                if beside_asked and len(paths) == 1 and becomes_store and opener is open:
                    beside = FileLabelReading(str(path), info.name, oxigraph_format(info), path.resolve().as_uri())
                try:
                    with opener(path, "rb") as raw:
                        guard = guard_for(info.name, str(path))
                        reading = FileFeeding(BomSkippingReader(raw), sizes[index], report, cancel, guard,
                                              plain=raw if opener is open else None)
                        # No name holds the bound method: the staged store must have one reference left.
                        reading.feed(functools.partial(staging.bulk_load if swap else staging.load,
                                                       format=oxigraph_format(info), base_iri=path.resolve().as_uri()))
                except (Cancelled, LoadError):
                    raise
                except (SyntaxError, OSError, ValueError, UnicodeDecodeError, EOFError, MemoryError, zlib.error) as error:
                    raise load_error(path, error, info) from None
                if index == len(paths) - 1 and becomes_store:
                    # The staged store will be this one: its labels are read while it counts, or
                    # once the caller has what it shows first (hold_label_reading).
                    if progress is not None:
                        progress(1.0, "Indexing")
                    labels_read = LabelIndexReading(staging, at_once=not held, beside=beside)
                if labels_read is not None and held:
                    # The caller asks for the class tree next: its query runs beside the count.
                    quads, classes = count_beside_classes(staging)
                elif beside_asked:
                    # No window waits on this process: len() holds the interpreter lock, and is quicker.
                    quads = len(staging)
                else:
                    quads = count_quads(staging)
                loaded.append(LoadedFile(path, info.name, quads - before))
                done_before += sizes[index]
            if progress is not None:
                progress(1.0, "Indexing")
            staged = sum(item.quads for item in loaded)
            if swap:
                # Hand over the only reference: the staged store must be closed before its folder
                # becomes the workspace, or two stores would write to one folder.
                handed_over = [staging]
                staging = ox.Store()
                self._swap_workspace(handed_over)
                self.estimated_quads = staged
            elif (replace or next(iter(self.store), None) is None) and self.workspace is None:
                previous, previous_quads = self.store, self.estimated_quads
                self.store, self.estimated_quads = staging, staged
                self._reading_index, labels_read = labels_read, None
                self._class_counting = classes
                disposal.let_go(previous, previous_quads)
            else:
                if replace:
                    self.store.clear()
                if self.workspace is not None:
                    # The staged quads are complete and valid: write them in bulk (a RocksDB
                    # transaction per quad batch is ten times slower on disk).
                    self.store.bulk_extend(staging)
                else:
                    self.store.extend(staging)
                    disposal.let_go(staging, staged)
                self.estimated_quads = (0 if replace else self.estimated_quads) + staged
        except BaseException:
            if labels_read is not None:
                labels_read.abandon()  # its thread holds the staged store too
            if swap:
                del staging  # Oxigraph holds the folder until the store goes
                remove_tree(Path(str(workspace) + ".staging"))
            else:
                # A cancelled or failed load: its half-filled store goes the same way. Quads read
                # before the failure stay in memory although the store no longer counts them, so
                # the bytes read say best what freeing it will cost.
                if disposal.deferring:
                    read = done_before + (reading.bytes_read if reading is not None else 0)
                    disposal.let_go(staging, max(quads_in(staging), read // MIN_BYTES_PER_QUAD))
                # The error's traceback keeps this frame, and a failed load's error is kept by the
                # window's task: without this the store would be freed whenever that goes.
                del staging
            raise
        return loaded

    def _swap_workspace(self, handed_over: list[ox.Store]) -> None:
        raise ExplorerError("an in-memory store has no workspace folder to swap")

    def close(self) -> None:
        """Nothing to write: an in-memory store goes with the graph."""
