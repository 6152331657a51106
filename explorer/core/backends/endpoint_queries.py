"""Query strategies: the bulk operations of the backend protocol as bounded SPARQL.

Each answer is one query per batch (``VALUES`` of a few hundred terms), capped by the
server's row limit and never silently cut: a full page is split until it fits. The queries
avoid constructs some servers reject: Virtuoso refuses property paths with both ends
unbound (``?t rdfs:subClassOf* ?c``), so transitive closures are computed here from the
(small) class hierarchy and sent back as ``VALUES``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Literal

from explorer.core.backends.base import (
    OWL,
    PROV_DERIVED,
    RDF,
    RDFS,
    EvidenceRow,
    LabelsByLanguage,
    Link,
    LinkPage,
)
from explorer.core.backends.endpoint_config import (
    EndpointConfig,
    EndpointError,
    UnreachableBlankNode,
    sparql_iri,
    sparql_term,
)
from explorer.core.backends.endpoint_label_search import KINDS, LABEL_VALUES, label_candidates
from explorer.core.backends.endpoint_links import adjacent_query, capped_count_query, chunks, values
from explorer.core.backends.endpoint_recent import EntityProfile, SearchAnswer, profile_query, read_profile
from explorer.core.backends.endpoint_text import detect_virtuoso_text_index
from explorer.core.backends.terms import node_id, to_rdflib
from explorer.core.classes import descendants
from explorer.core.errors import Cancelled, ExplorerError, QueryError, QueryTimeout
from explorer.core.graph_model import ClassInfo
from explorer.core.search import LabelEntry, LabelIndex
from explorer.core.tasks import CancelToken
from explorer.core.vocab import KG, LABEL_PREDICATES, OA, SCHEMA

Term = Any  # a pyoxigraph term parsed from an answer

_VALUES_CHUNK = 200
# Labels are asked for in smaller batches: past a few dozen entities Virtuoso (at 1M triples)
# switches to scanning every label, ten times slower than two small batches.
_LABEL_CHUNK = 30
# Link pages up to this size come with their neighbours' labels in the same query.
_LABELLED_LINKS = 200
# Labels learnt from link answers, kept for labels_of until the graph changes.
_KNOWN_LABELS = 20000
# What a full page left out is counted up to this many links; past it the page says "1,000+
# more" (counting all of a hub's links costs a server far more than the page: 130–230 ms for
# 4,388 incoming links on Oxigraph's server against ~30 ms for 1,001). link_totals counts all.
COUNT_CAP = 1000
_ENTITY = (ox.NamedNode, ox.BlankNode)

# The same as a filter: Oxigraph joins a VALUES of predicates first (every label of the graph)
# but filters the few triples of the entities in hand.
_LABEL_FILTER = "?p IN ({})".format(", ".join(f"<{p}>" for p in LABEL_PREDICATES))
# Words of a predicate: its labels and its inverse label (read backward).
_INVERSE_LABEL = str(KG.inverseLabel)
_EQUIVALENT_CLASS = ox.NamedNode(f"{OWL}equivalentClass")
_WORD_FILTER = "?w IN ({})".format(", ".join(f"<{p}>" for p in (*LABEL_PREDICATES, _INVERSE_LABEL)))
class EndpointQueries:
    """The bulk operations of :class:`~explorer.core.backends.base.Backend` for a SPARQL
    endpoint; mixed into :class:`~explorer.core.backends.endpoint.SparqlEndpointBackend`."""

    config: EndpointConfig
    truncated_patterns: int

    def __init__(self) -> None:
        #: Classes of entities seen in link answers: a path search asks no more about them.
        self._types: dict[str, list[str]] = {}
        self._known_labels: dict[str, LabelsByLanguage] = {}
        #: Inverse labels learnt from link answers (None: the predicate has none), until the graph changes.
        self._known_inverse_labels: dict[str, str | None] = {}
        self._text_index: str | None = None
        self._text_index_known = False
        #: Entities described a moment ago (see endpoint_recent), the newest last.
        self._profiles: dict[str, EntityProfile] = {}
        self._last_search: SearchAnswer | None = None

    def select(self, sparql: str, *, timeout: float | None = None) -> tuple[list[str], list[tuple[Term, ...]]]:
        raise NotImplementedError  # provided by the backend

    def select_meanwhile(self, sparql: str, meanwhile: str) -> tuple[list[tuple[Term, ...]],
                                                                   Callable[[], list[tuple[Term, ...]]]]:
        raise NotImplementedError  # provided by the backend

    def ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        raise NotImplementedError  # provided by the backend

    def quad_count(self) -> int:
        raise NotImplementedError  # provided by the backend

    def _rows(self, sparql: str) -> list[tuple[Term, ...]]:
        return self.select(sparql)[1]

    def forget_caches(self) -> None:
        self._types.clear()
        self._known_labels.clear()
        self._known_inverse_labels.clear()
        self._profiles.clear()
        self._last_search = None

    def _remember_labels(self, labels: Mapping[str, LabelsByLanguage]) -> None:
        for entity, by_language in labels.items():
            while len(self._known_labels) >= _KNOWN_LABELS:
                del self._known_labels[next(iter(self._known_labels))]
            self._known_labels[entity] = by_language

    def _remember_inverse_labels(self, inverse: Mapping[str, str | None]) -> None:
        for predicate, words in inverse.items():
            while len(self._known_inverse_labels) >= _KNOWN_LABELS:
                del self._known_inverse_labels[next(iter(self._known_inverse_labels))]
            self._known_inverse_labels[predicate] = words

    @property
    def text_index(self) -> str | None:
        """The server's free-text index that search uses (``"virtuoso"``), or ``None``.

        Detected on first use (two small queries) and kept for the connection; a server that
        does not understand the question has none.
        """
        if not self._text_index_known:
            try:
                found = detect_virtuoso_text_index(self._rows, LABEL_VALUES)
            except (QueryTimeout, EndpointError):
                raise  # the server is slow or unreachable: no verdict, ask again next time
            except QueryError:
                found = False  # the query was refused: not Virtuoso, or no free-text support
            self._text_index = "virtuoso" if found else None
            self._text_index_known = True
        return self._text_index

    # ------------------------------------------------------------------ labels and search
    def label_index(self) -> LabelIndex | None:
        """None: labels are fetched on demand and search runs on the server."""
        return None

    def labels_of(self, entities: Iterable[str]) -> dict[str, LabelsByLanguage]:
        found: dict[str, LabelsByLanguage] = {}
        terms: list[str] = []
        for entity in dict.fromkeys(entities):
            known = self._known_labels.get(entity)
            if known is not None:  # came with a link answer
                found[entity] = {language: list(pairs) for language, pairs in known.items()}
                continue
            found[entity] = {}
            try:
                terms.append(sparql_iri(entity))
            except (UnreachableBlankNode, ExplorerError):
                continue
        for chunk in chunks(terms, _LABEL_CHUNK):
            rows = self._rows(f"SELECT ?e ?p ?l WHERE {{ {values('e', chunk)} ?e ?p ?l "
                              f"FILTER(isLiteral(?l) && {_LABEL_FILTER}) }}")
            for entity_term, predicate, value in rows:
                if not isinstance(value, ox.Literal) or not isinstance(entity_term, _ENTITY):
                    continue
                labels = found.setdefault(node_id(entity_term), {})
                labels.setdefault(value.language or "", []).append((KINDS[predicate.value], value.value))
        return found

    def label_candidates(self, text: str, cap: int) -> list[LabelEntry]:
        """Labels that may answer ``text`` (see :mod:`~explorer.core.backends.endpoint_label_search`)."""
        found = label_candidates(self._rows, text, cap, text_index=self.text_index, last=self._last_search)
        self._types.update(found.types)
        self._last_search = found.answer
        return found.entries

    def inverse_labels(self, predicates: Iterable[str]) -> dict[str, str]:
        """Every ``kg:inverseLabel`` of ``predicates`` in one query per batch."""
        found: dict[str, str] = {}
        unknown = []
        for predicate in dict.fromkeys(predicates):
            if predicate not in self._known_inverse_labels:
                unknown.append(predicate)
            elif (words := self._known_inverse_labels[predicate]) is not None:
                found[predicate] = words
        for chunk in chunks([sparql_iri(p) for p in unknown], _VALUES_CHUNK):
            rows = self._rows(f"SELECT ?e ?l WHERE {{ {values('e', chunk)} ?e <{KG.inverseLabel}> ?l "
                              "FILTER(isLiteral(?l) && (LANG(?l) = \"en\" || LANG(?l) = \"\")) }")
            for entity, value in rows:
                if isinstance(value, ox.Literal):
                    found.setdefault(entity.value, value.value)
        return found

    # ------------------------------------------------------------------ entities
    def types_of(self, entity: str) -> list[str]:
        cached = self._types.get(entity)
        if cached is None:
            try:
                term = sparql_iri(entity)
            except UnreachableBlankNode:
                return []
            rows = self._rows(f"SELECT DISTINCT ?t WHERE {{ {term} a ?t }} LIMIT {self.config.page_size}")
            cached = [row[0].value for row in rows if isinstance(row[0], ox.NamedNode)]
            self._types[entity] = cached
        return list(cached)

    def literals(self, entity: str) -> list[tuple[str, Literal]]:
        """(predicate, value) of every literal of an entity but its labels.

        Asked when an entity is viewed (described, inspected): its whole description comes in
        the same round trip (see :mod:`~explorer.core.backends.endpoint_recent`), so the rest
        of the view asks nothing more about the entity itself.
        """
        profile = self._profiles.get(entity)
        if profile is None or not profile.recent:
            try:
                term = sparql_iri(entity)
            except UnreachableBlankNode:
                return []
            profile = None if entity.startswith("_:") else read_profile(entity, self._rows(profile_query(term)))
            if profile is not None:
                self._keep_profile(entity, profile)
                self._types[entity] = profile.types
        if profile is None:  # a blank node, or too many statements for one answer: pattern by pattern
            return super().literals(entity)  # type: ignore[misc]
        labels = set(LABEL_PREDICATES)
        found = []
        for predicate, value in profile.outgoing:
            if isinstance(value, ox.Literal) and predicate.value not in labels:
                literal = to_rdflib(value)
                assert isinstance(literal, Literal)
                found.append((predicate.value, literal))
        return found

    def _keep_profile(self, entity: str, profile: EntityProfile) -> None:
        self._remember_labels(profile.labels)
        self._profiles.pop(entity, None)
        self._profiles[entity] = profile
        while len(self._profiles) > 8:
            del self._profiles[next(iter(self._profiles))]

    def recent_statements(self, subject: Term | None, predicate: Term | None,
                          obj: Term | None) -> list[tuple[Term, Term, Term]] | None:
        """A pattern's triples from an entity profile read a moment ago, or ``None`` (ask the server)."""
        if isinstance(subject, ox.NamedNode) and obj is None:
            profile = self._profiles.get(subject.value)
            if profile is not None and profile.recent:
                return [(subject, p, o) for p, o in profile.statements(predicate)]
        if subject is None and isinstance(obj, ox.NamedNode) and predicate == _EQUIVALENT_CLASS:
            profile = self._profiles.get(obj.value)
            if profile is not None and profile.recent:
                return [(s, predicate, obj) for s in profile.equivalent_from]
        return None

    def prefetch_types(self, entities: Iterable[str]) -> None:
        """The types of many entities in one query per batch (search ranks its hits by them)."""
        wanted: list[tuple[str, str]] = []
        for entity in dict.fromkeys(entities):
            if entity in self._types:
                continue
            try:
                wanted.append((entity, sparql_iri(entity)))
            except UnreachableBlankNode:
                continue
        for start in range(0, len(wanted), _VALUES_CHUNK):
            chunk = wanted[start:start + _VALUES_CHUNK]
            for entity, _term in chunk:
                self._types[entity] = []
            rows = self._rows(f"SELECT DISTINCT ?e ?t WHERE {{ {values('e', (term for _, term in chunk))} ?e a ?t }} "
                              f"LIMIT {self.config.page_size}")
            for subject, cls in rows:
                if isinstance(cls, ox.NamedNode):
                    self._types.setdefault(node_id(subject), []).append(cls.value)

    def is_evidence_record(self, entity: str) -> bool:
        return f"{RDF}Statement" in self.types_of(entity)

    def exists(self, entity: str) -> bool:
        try:
            term = sparql_iri(entity)
        except UnreachableBlankNode:
            return False
        if entity.startswith("_:"):
            return self.ask(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}")
        return self.ask(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} UNION {{ ?s {term} ?o }} }}")

    def evidence_rows(self, subject: str, predicate: str, obj: str) -> list[EvidenceRow]:
        try:
            s_term, p_term, o_term = sparql_iri(subject), sparql_iri(predicate), sparql_iri(obj)
        except UnreachableBlankNode:
            return []
        rows = self._rows(
            "SELECT ?r ?bg ?quote ?sentence ?source ?note ?line ?page ?start ?end WHERE { "
            f"?r <{RDF}subject> {s_term} ; <{RDF}predicate> {p_term} ; <{RDF}object> {o_term} . "
            f"OPTIONAL {{ ?r <{KG.isBackground}> ?bg }} OPTIONAL {{ ?r <{KG.quote}> ?quote }} "
            f"OPTIONAL {{ ?r <{KG.sentenceIndex}> ?sentence }} OPTIONAL {{ ?r <{PROV_DERIVED}> ?source }} "
            f"OPTIONAL {{ ?r <{RDFS}comment> ?note }} OPTIONAL {{ ?r <{KG.lineNumber}> ?line }} "
            f"OPTIONAL {{ ?r <{SCHEMA.pagination}> ?page }} "
            f"OPTIONAL {{ ?r <{OA.hasSelector}> ?position . ?position a <{OA.TextPositionSelector}> ; "
            f"<{OA.start}> ?start ; <{OA.end}> ?end }} }} LIMIT 1000"
        )

        def number(term: Term | None) -> int | None:
            return int(term.value) if isinstance(term, ox.Literal) else None

        records: dict[str, tuple[Term, ...]] = {}
        for row in rows:
            if isinstance(row[0], _ENTITY):
                records.setdefault(node_id(row[0]), row)
        return [EvidenceRow(
            record=record,
            background=isinstance(background, ox.Literal) and background.value in ("true", "1"),
            quote=quote.value if isinstance(quote, ox.Literal) else None,
            source=node_id(source) if isinstance(source, _ENTITY) else None,
            sentence_index=number(sentence),
            note=note.value if isinstance(note, ox.Literal) else None,
            line_number=number(line),
            page=page.value if isinstance(page, ox.Literal) else None,
            start=number(start),
            end=number(end),
        ) for record, (_, background, quote, sentence, source, note, line, page, start, end) in records.items()]

    # ------------------------------------------------------------------ links
    def adjacent(self, entity: str, *, outgoing: bool = True, incoming: bool = True,
                 include_schema: bool = False) -> Iterator[Link]:
        yield from self.adjacency((entity,), outgoing=outgoing, incoming=incoming,
                                  include_schema=include_schema).get(entity, [])

    def adjacency(self, entities: Iterable[str], *, outgoing: bool = True, incoming: bool = True,
                  include_schema: bool = False, cancel: CancelToken | None = None) -> dict[str, list[Link]]:
        """Links of many entities with one query per few hundred entities (a path-search frontier)."""
        found: dict[str, list[Link]] = {}
        terms: list[str] = []
        for entity in dict.fromkeys(entities):
            found[entity] = []
            try:
                terms.append(sparql_iri(entity))
            except UnreachableBlankNode:
                continue
        if not (outgoing or incoming):
            return found
        options = (outgoing, incoming, include_schema)
        for chunk in chunks(terms, _VALUES_CHUNK):
            if cancel is not None and cancel.cancelled:
                raise Cancelled("cancelled")
            for rows, complete in self._link_rows(list(chunk), options, cancel):
                seen: set[tuple[str, str, str, bool]] = set()
                types: dict[str, list[str]] = {}
                for node, predicate, other, direction, cls in rows:
                    if not isinstance(other, _ENTITY) or not isinstance(node, _ENTITY):
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
        page = self.config.page_size
        outgoing, incoming, include_schema = options
        nodes = values("n", chunk)
        rows = self._rows(adjacent_query(nodes, outgoing=outgoing, incoming=incoming, include_schema=include_schema,
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
        groups = self._rows(adjacent_query(nodes, outgoing=outgoing, incoming=incoming,
                                           include_schema=include_schema, groups=True))
        for predicate, direction in groups:
            if cancel is not None and cancel.cancelled:
                raise Cancelled("cancelled")
            part = self._rows(adjacent_query(
                nodes, outgoing=direction.value == "o", incoming=direction.value == "i", include_schema=include_schema,
                predicates=values("p", [sparql_term(predicate)]), limit=page, with_types=True))
            if len(part) >= page:
                self.truncated_patterns += 1
            yield part, len(part) < page

    def links(self, entity: str, *, direction: str = "both", limit: int | None = 100,
              predicates: Iterable[str] | None = None, include_schema: bool = False) -> LinkPage:
        """Each direction capped at ``limit`` by the server; one COUNT query tells what was
        left out. Without a limit the server's own row cap (``page_size``) applies, and is
        counted the same way."""
        if limit is None:
            limit = self.config.page_size
        # Links are read afresh every time: another client may have changed them on the server.
        page = LinkPage()
        try:
            node = sparql_iri(entity)
        except UnreachableBlankNode:
            return page
        wanted = ""
        if predicates is not None:
            wanted = values("p", (sparql_iri(p) for p in predicates)) if predicates else ""
            if not wanted:
                return page
        counts = {"o": 0, "i": 0}
        sides = [side for side, flag in (("o", direction in ("both", "out")), ("i", direction in ("both", "in"))) if flag]
        if not sides:
            return page
        pages = {side: adjacent_query(values("n", [node]), outgoing=side == "o", incoming=side == "i",
                                      include_schema=include_schema, predicates=wanted, limit=limit) for side in sides}
        # Each side is counted up to the page and COUNT_CAP more, and one link past that
        # (which tells "exactly 1,000 more" from "1,000+ more").
        reach = limit + COUNT_CAP + 1

        def total_query(counted_sides: Iterable[str]) -> str:
            return capped_count_query(node, counted_sides, include_schema, wanted, reach)

        # Asked afterwards, only the sides whose page came back full are counted.
        counted: Callable[[], list[tuple[Term, ...]]] = lambda: self._rows(  # noqa: E731
            total_query(side for side in sides if counts[side] >= limit))
        if limit <= _LABELLED_LINKS:
            # Both directions, the neighbours' labels and the words of the links in one round
            # trip; what was left out is counted at the same time on a second connection (the
            # count is most of a hub's time: waiting for both costs the slower one only), and
            # not waited for when every link fitted on the page.
            query = self._labelled_links_query(node, sides, pages, wanted)
            profile = self._profiles.get(entity)
            if profile is not None and profile.recent:
                # A view of an entity read a moment ago (describe): most have far fewer links than
                # a page, and a count beside every page would double the queries the server runs.
                rows = self._rows(query)
            else:
                rows, counted = self.select_meanwhile(query, total_query(sides))
            self._read_labelled_links(rows, page, counts)
        for side in sides if limit > _LABELLED_LINKS else ():
            rows = self._rows(pages[side])
            for _, predicate, other, _d in rows:
                if isinstance(other, _ENTITY):
                    page.links.append((predicate.value, node_id(other), side == "o"))
            counts[side] = len(rows)
        if counts["o"] < limit and counts["i"] < limit:
            return page
        for side, total in counted():
            if side.value not in counts or counts[side.value] < limit:
                continue
            found = int(total.value)
            omitted, at_least = (COUNT_CAP, True) if found >= reach else (max(found - counts[side.value], 0), False)
            if side.value == "o":
                page.omitted_outgoing, page.omitted_outgoing_at_least = omitted, at_least
            else:
                page.omitted_incoming, page.omitted_incoming_at_least = omitted, at_least
        return page

    def link_totals(self, entity: str, *, direction: str = "both", predicates: Iterable[str] | None = None,
                    include_schema: bool = False) -> tuple[int, int]:
        """Every outgoing and incoming link of ``entity`` counted on the server (one query): the
        exact figure behind a page's "1,000+ more"."""
        try:
            node = sparql_iri(entity)
        except UnreachableBlankNode:
            return 0, 0
        wanted = ""
        if predicates is not None:
            wanted = values("p", (sparql_iri(p) for p in predicates)) if predicates else ""
            if not wanted:
                return 0, 0
        outgoing, incoming = direction in ("both", "out"), direction in ("both", "in")
        if not (outgoing or incoming):
            return 0, 0
        totals = {"o": 0, "i": 0}
        for side, total in self._rows(adjacent_query(values("n", [node]), outgoing=outgoing, incoming=incoming,
                                                     include_schema=include_schema, predicates=wanted, count=True)):
            if side.value in totals:
                totals[side.value] = int(total.value)
        return totals["o"], totals["i"]

    def _labelled_links_query(self, node: str, sides: list[str], pages: Mapping[str, str], wanted: str) -> str:
        """The link pages with each neighbour's labels, and (``?w``, ``?wl``) the labels and
        inverse labels of every predicate the entity uses on those sides."""
        links = " UNION ".join(f"{{ {query} }}" for query in pages.values())
        if wanted:
            used = wanted
        else:
            patterns = {"o": f"{node} ?p ?x", "i": f"?x ?p {node}"}
            used = " UNION ".join(f"{{ SELECT DISTINCT ?p WHERE {{ {patterns[side]} }} }}" for side in sides)
        words = (f"SELECT DISTINCT ?p ?w ?wl WHERE {{ {used} ?p ?w ?wl "
                 f"FILTER(isLiteral(?wl) && {_WORD_FILTER}) }}")
        return (f"SELECT ?n ?p ?o ?d ?lp ?l ?w ?wl WHERE {{ {{ {links} "
                f"OPTIONAL {{ ?o ?lp ?l FILTER(isLiteral(?l) && {_LABEL_FILTER.replace('?p', '?lp')}) }} }} "
                f"UNION {{ {words} }} }}")

    def _read_labelled_links(self, rows: Sequence[tuple[Term, ...]], page: LinkPage, counts: dict[str, int]) -> None:
        """Links, neighbours' labels and predicates' words from :meth:`_labelled_links_query`;
        the labels and words are kept for ``labels_of`` and ``inverse_labels``."""
        seen: set[tuple[str, str, str]] = set()
        labels: dict[str, LabelsByLanguage] = {}
        inverse: dict[str, str | None] = {}

        def add_label(entity: str, kind: int, literal: Term) -> None:
            pair = (kind, literal.value)
            listed = labels.setdefault(entity, {}).setdefault(literal.language or "", [])
            if pair not in listed:
                listed.append(pair)

        for _, predicate, other, side_term, label_predicate, label, word_predicate, word in rows:
            if word_predicate is not None:
                if not isinstance(predicate, ox.NamedNode) or not isinstance(word, ox.Literal):
                    continue
                if word_predicate.value == _INVERSE_LABEL:
                    if word.language in ("en", "", None) and inverse.get(predicate.value) is None:
                        inverse[predicate.value] = word.value
                else:
                    add_label(predicate.value, KINDS[word_predicate.value], word)
                continue
            if not isinstance(other, _ENTITY):
                continue
            neighbour = node_id(other)
            labels.setdefault(neighbour, {})
            if isinstance(label, ox.Literal) and isinstance(label_predicate, ox.NamedNode):
                add_label(neighbour, KINDS[label_predicate.value], label)
            key = (predicate.value, neighbour, side_term.value)
            if key not in seen:
                seen.add(key)
                page.links.append((predicate.value, neighbour, side_term.value == "o"))
                counts[side_term.value] += 1
        for predicate, _, _ in page.links:  # the words query covered every predicate on the page
            labels.setdefault(predicate, {})
            inverse.setdefault(predicate, None)
        self._remember_labels(labels)
        self._remember_inverse_labels(inverse)

    # ------------------------------------------------------------------ classes and counts
    def declared_classes(self) -> list[str]:
        rows = self._rows(f"SELECT DISTINCT ?c WHERE {{ {{ ?c a <{OWL}Class> }} UNION {{ ?c a <{RDFS}Class> }} "
                          "FILTER(isIRI(?c)) }")
        return [row[0].value for row in rows if isinstance(row[0], ox.NamedNode)]

    def subclass_edges(self) -> list[tuple[str, str]]:
        rows = self._rows(f"SELECT DISTINCT ?c ?p WHERE {{ ?c <{RDFS}subClassOf> ?p FILTER(isIRI(?c) && isIRI(?p)) }}")
        return [(c.value, p.value) for c, p in rows if c != p]

    def class_counts(self, domain_classes: Sequence[str],
                     hierarchy: Mapping[str, ClassInfo]) -> tuple[dict[str, int], dict[str, int]]:
        """Direct counts from the type counts; totals from class–subclass pairs sent as
        ``VALUES`` (the closure is computed here)."""
        counts = self.type_counts()  # type: ignore[attr-defined]
        direct = {c: counts.get(c, 0) for c in domain_classes}
        pairs = [f"(<{iri}> <{sub}>)" for iri in hierarchy for sub in descendants(hierarchy, iri)]
        totals: dict[str, int] = {}
        for chunk in chunks(pairs, 500):
            rows = self._rows(f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES (?c ?t) {{ {' '.join(chunk)} }} "
                              "?s a ?t } GROUP BY ?c")
            for cls, count in rows:
                totals[cls.value] = totals.get(cls.value, 0) + int(count.value)
        return direct, totals

    def instances_of(self, classes: Sequence[str], *, limit: int, offset: int) -> list[str]:
        rows = self._rows(f"SELECT DISTINCT ?s WHERE {{ {values('t', (sparql_iri(c) for c in classes))} ?s a ?t }} "
                          f"ORDER BY ?s LIMIT {int(limit)} OFFSET {int(offset)}")
        return [node_id(row[0]) for row in rows if isinstance(row[0], _ENTITY)]

    def single_graph(self) -> bool:
        """Queries see one dataset (the default graph, or the configured one): every quad
        counted is a triple."""
        return True

    def triple_count(self) -> int:
        return self.quad_count()
