"""Builders that turn an analyst's intent into a checked :class:`ChangeSet`.

A :class:`Curator` reads the graph (never writes it) and answers each intent — add an
entity, add, edit or retract a fact, merge two entities — with the change set that does it,
evidence and provenance included, written to the analyst's own named graph. Every change is
checked before it is returned: the quote against its source's text when the graph has it,
then the SHACL shapes on the nodes the change touches; a refusal raises with the reason in
words and nothing is applied.

>>> from explorer.core.graph import KnowledgeGraph
>>> kg = KnowledgeGraph.bundled()
>>> curator = Curator(kg, Provenance("Ada"))
>>> iri, change = curator.add_entity("China Unicom", "kg:TelecomOperator", label_zh="中国联通",
...                                  evidence=Background("China Unicom is a Chinese telecom operator."))
>>> str(iri)
'https://w3id.org/kg-explorer/data/ChinaUnicom'
>>> change.description
'Add China Unicom'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core import bundled
from explorer.core.changes import ChangeSet, Quad
from explorer.core.curation.checking import ChangeRefused, check_change, schema_words
from explorer.core.curation.evidence import (
    ACTIVITY_BASE,
    Background,
    EvidenceSpec,
    NewSource,
    Provenance,
    Quoted,
    TextPlace,
    agent_quads,
    evidence_record,
    mint,
    new_source_quads,
    place_quote,
    read_text,
    resolve_text_file,
    slug,
)
from explorer.core.curation.schema import CurationError, OntologySchema, PropertyInfo
from explorer.core.errors import AmbiguousEntity, EntityNotFound
from explorer.core.timewords import calendar_description
from explorer.core.vocab import DATA_IRI, KG

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: The named graph an analyst's edits go to, unless the session names another.
EDITS_GRAPH_BASE = "https://w3id.org/kg-explorer/edits/"


def edits_graph_for(analyst: str) -> URIRef:
    """The analyst's own named graph."""
    return URIRef(EDITS_GRAPH_BASE + slug(analyst or "analyst"))


Fact = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Value:
    """The object of a fact: an entity (IRI) or a literal typed by the predicate's range."""

    entity: str | None = None
    text: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, text: str) -> Value:
        return cls(entity=text)


class Curator:
    """Builds checked change sets for one analyst against a read-only view of ``kg``."""

    def __init__(self, kg: KnowledgeGraph, provenance: Provenance, *, graph: URIRef | None = None,
                 schema: OntologySchema | None = None, text_roots: Sequence[Path] = (),
                 check_shapes: bool = True) -> None:
        self.kg = kg
        self.provenance = provenance
        self.graph = graph if graph is not None else edits_graph_for(provenance.analyst)
        self.schema = schema or OntologySchema.bundled()
        self.check_shapes = check_shapes
        self._usage: dict[str, int] | None = None
        roots = [*text_roots, *(Path(f.path).parent for f in kg.files), *(Path(f.path).parent.parent for f in kg.files),
                 bundled.article_file().parents[2], Path.cwd()]
        self._text_roots = list(dict.fromkeys(roots))

    # ------------------------------------------------------------------ names
    def entity(self, text: str, *, field_name: str = "entity") -> URIRef:
        """An entity named by IRI, prefixed name or label; a clear error names the field."""
        try:
            return URIRef(self.kg.resolve(text))
        except AmbiguousEntity as error:
            raise CurationError(f"{field_name}: {error}") from None
        except EntityNotFound as error:
            raise CurationError(f"{field_name}: {error}") from None

    def classes_of(self, entity: Node) -> list[str]:
        return [str(o) for _, _, o in store_access.triples(self.kg, entity, RDF.type, None) if isinstance(o, URIRef)]

    def main_class(self, entity: Node) -> str | None:
        known = [c for c in self.classes_of(entity) if self.schema.is_class(c)]
        return max(known, key=lambda c: len(self.schema.ancestors(c)), default=None)

    def suggest_predicates(self, subject: str, obj: str | None = None, *, literal: bool | None = None) -> list[PropertyInfo]:
        """Properties that fit the subject's and object's classes, most likely first."""
        subject_class = self.main_class(self.entity(subject, field_name="subject"))
        object_class = self.main_class(self.entity(obj, field_name="object")) if obj else None
        return self.schema.suggest_predicates(subject_class, object_class, literal=literal, usage=self.predicate_usage())

    def predicate_usage(self) -> dict[str, int]:
        """How many statements use each predicate (one query, kept for this curator)."""
        if self._usage is None:
            from explorer.core.errors import ExplorerError

            try:
                result = self.kg.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p", max_rows=100_000)
                self._usage = {str(row[0]): int(str(row[1])) for row in result.rows if row[0] is not None and row[1] is not None}
            except ExplorerError:
                self._usage = {}
        return self._usage

    def _mint_entity(self, label: str) -> URIRef:
        base = DATA_IRI + slug(label)
        candidate, number = URIRef(base), 2
        while any(True for _ in store_access.quads(self.kg, candidate, None, None)) or \
                any(True for _ in store_access.quads(self.kg, None, None, candidate)):
            candidate, number = URIRef(f"{base}{number}"), number + 1
        return candidate

    # ------------------------------------------------------------------ evidence
    def _source_text(self, source: URIRef) -> tuple[str, str] | None:
        """The text of a source in the graph, when its ``dct:source`` names a readable file."""
        from rdflib.namespace import DCTERMS

        references = [*store_access.triples(self.kg, source, KG.localCopy, None),
                      *store_access.triples(self.kg, source, DCTERMS.source, None)]
        for _, _, reference in references:
            path = resolve_text_file(str(reference), self._text_roots)
            if path is not None:
                return read_text(path, field_name="source"), str(reference)
        return None

    def evidence_quads(self, fact: Fact, evidence: EvidenceSpec) -> list[Quad]:
        """The evidence record for ``fact`` (and a new source's node), with the quote checked."""
        graph = self.graph
        quads: list[Quad] = list(agent_quads(self.provenance, graph))
        if isinstance(evidence, Background):
            if not evidence.reason.strip():
                raise CurationError("background: say why this is background knowledge")
            return quads + evidence_record(fact, evidence, None, self.provenance, graph)
        if not evidence.quote.strip():
            raise CurationError("quote: a quote is needed (or mark the fact as background knowledge)")
        if evidence.sentence is not None and evidence.sentence < 1:
            raise CurationError("sentence: sentences are numbered from 1")
        if evidence.page is not None and evidence.page < 1:
            raise CurationError("page: pages are numbered from 1")
        place: TextPlace | None = None
        if isinstance(evidence.source, NewSource):
            source, source_quads = new_source_quads(evidence.source, self.provenance, graph)
            quads += source_quads
            if evidence.source.file:
                path = resolve_text_file(evidence.source.file, self._text_roots)
                if path is None:
                    raise CurationError(f"source file: {evidence.source.file} does not exist")
                text = read_text(path, field_name="source file")
                place = place_quote(text, evidence.quote, evidence.sentence, source_name=str(path))
        else:
            source = self.entity(evidence.source, field_name="source")
            if not any(True for _ in store_access.triples(self.kg, source, RDF.type, KG.Source)):
                raise CurationError(f"source: {self.kg.label(str(source))} is not a source (kg:Source)")
            found = self._source_text(source)
            if found is not None:
                text, name = found
                place = place_quote(text, evidence.quote, evidence.sentence, source_name=name)
        return quads + evidence_record(fact, evidence, source, self.provenance, graph, place=place)

    # ------------------------------------------------------------------ intents
    def add_entity(self, label: str, cls: str, *, evidence: EvidenceSpec, label_zh: str | None = None,
                   aliases: Iterable[str] = (), comment: str | None = None, whole: bool = True) -> tuple[URIRef, ChangeSet]:
        """A new entity of an ontology class; its kind is a claim with its own evidence.

        ``whole=False`` when the caller completes the entity in a later step (a figure's report, a
        period's description): the shapes are checked on that step, not on this one."""
        if not label.strip():
            raise CurationError("label: an English label is needed")
        class_iri = URIRef(self.schema.resolve_class(self.kg.expand(cls) or cls))
        node = self._mint_entity(label)
        g = self.graph
        added: list[Quad] = [(node, RDF.type, class_iri, g), (node, RDFS.label, Literal(label.strip(), lang="en"), g)]
        if label_zh and label_zh.strip():
            added.append((node, RDFS.label, Literal(label_zh.strip(), lang="zh"), g))
        for alias in aliases:
            if alias.strip():
                added.append((node, SKOS.altLabel, Literal(alias.strip(), lang="en"), g))
        if comment and comment.strip():
            added.append((node, RDFS.comment, Literal(comment.strip(), lang="en"), g))
        added += self.evidence_quads((node, RDF.type, class_iri), evidence)
        return node, self._checked(ChangeSet.of(added, description=f"Add {label.strip()}"), check=whole)

    def add_period(self, label: str, *, evidence: EvidenceSpec) -> tuple[URIRef, ChangeSet]:
        """A new period named in words ("first quarter", "2019", "March 2020") with the OWL-Time description
        its words give (unit, quarter, month, year), as the shapes ask of every period."""
        description = calendar_description(label)
        if description is None:
            raise CurationError(f"period: {label.strip()!r} names no year, quarter or month (say which one)")
        node, change = self.add_entity(label, str(KG.Period), evidence=evidence, whole=False)  # its description follows
        described = URIRef(f"{node}-description")
        g = self.graph
        added: list[Quad] = [
            (node, TIME.hasDateTimeDescription, described, g), (described, RDF.type, TIME.GeneralDateTimeDescription, g),
            (described, RDFS.label, Literal(f"{label.strip()} (calendar description)", lang="en"), g),
            (described, TIME.hasTRS, URIRef("http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"), g),
            (described, TIME.unitType, URIRef(description.unit), g)]
        stated = [(KG.quarter, Literal(description.quarter)) if description.quarter is not None else None,
                  (TIME.month, Literal(f"--{description.month:02d}", datatype=XSD.gMonth)) if description.month is not None else None,
                  (TIME.year, Literal(str(description.year), datatype=XSD.gYear)) if description.year is not None else None]
        for predicate, value in (item for item in stated if item is not None):
            # the numbers are what the words state: each with the evidence the period has
            added += [(described, predicate, value, g), *self.evidence_quads((described, predicate, value), evidence)]
        whole = ChangeSet.of([*change.added, *added], description=change.description)
        return node, self._checked(whole)

    def fact_terms(self, subject: str, predicate: str, obj: Value) -> tuple[Fact, PropertyInfo]:
        """The fact's terms, the object typed by the predicate's range."""
        info = self.schema.resolve_predicate(self.kg.expand(predicate) or predicate)
        s = self.entity(subject, field_name="subject")
        o: Node
        if info.is_literal:
            if obj.text is None and obj.entity is None:
                raise CurationError(f"object: {info.label} needs a value")
            o = self.schema.literal_for(info, obj.text if obj.text is not None else obj.entity or "", obj.language)
        else:
            if obj.entity is None:
                raise CurationError(f"object: {info.label} links to an entity, not a value")
            o = self.entity(obj.entity, field_name="object")
        return (s, URIRef(info.iri), o), info

    def add_fact(self, subject: str, predicate: str, obj: Value, *, evidence: EvidenceSpec) -> ChangeSet:
        """A fact with its evidence record; a fact already in the graph gets one more record."""
        fact, _info = self.fact_terms(subject, predicate, obj)
        added: list[Quad] = [(*fact, self.graph)] if not any(True for _ in store_access.triples(self.kg, *fact)) else []
        added += self.evidence_quads(fact, evidence)
        return self._checked(ChangeSet.of(added, description=f"Add {self._words(fact)}"))

    def retract_fact(self, fact: Fact, *, reason: EvidenceSpec) -> ChangeSet:
        """The fact and its evidence records go from every graph; the retraction is recorded."""
        removed = self._fact_and_records(fact)
        if not removed:
            raise CurationError(f"fact: {self._words(fact)} is not in the graph")
        added = list(agent_quads(self.provenance, self.graph))
        added += self._activity(f"Retract {self._words(fact)}", reason, used=[fact[0]])
        return self._checked(ChangeSet.of(added, removed, description=f"Retract {self._words(fact)}"))

    def edit_fact(self, fact: Fact, predicate: str, obj: Value, *, evidence: EvidenceSpec) -> ChangeSet:
        """The fact replaced by one with another predicate or object, with new evidence."""
        removed = self._fact_and_records(fact)
        if not removed:
            raise CurationError(f"fact: {self._words(fact)} is not in the graph")
        new_fact, _ = self.fact_terms(str(fact[0]), predicate, obj)
        if new_fact == fact:
            raise CurationError("fact: the edited fact is the same as before")
        added = [(*new_fact, self.graph), *self.evidence_quads(new_fact, evidence)]
        added += self._activity(f"Edit {self._words(fact)}", evidence, used=[fact[0]])
        return self._checked(ChangeSet.of(added, removed, description=f"Edit {self._words(fact)}"))

    def merge_entities(self, keep: str, other: str, *, reason: EvidenceSpec | None = None) -> ChangeSet:
        """``other`` becomes ``keep``: every label, link and evidence record moves to the one kept.

        ``other``'s labels become aliases of ``keep`` (one English label each), its types move
        only where ``keep`` has none, and ``other owl:sameAs keep`` plus a PROV activity record
        the merge, so the edits file says what happened.
        """
        kept, gone = self.entity(keep, field_name="keep"), self.entity(other, field_name="other")
        if kept == gone:
            raise CurationError("other: an entity cannot be merged with itself")
        g = self.graph
        kept_types = set(self.classes_of(kept))
        removed: list[Quad] = []
        added: list[Quad] = []
        records_dropped: set[Node] = set()
        for quad in list(store_access.quads(self.kg, gone, None, None)):
            s, p, o, _graph = quad
            removed.append(quad)
            if p == RDF.type and kept_types and o not in (RDF.Statement, KG.Evidence):
                records_dropped.add(o)  # the kept entity's kind stands; the other's claim goes
                continue
            if p == RDFS.label:
                p = SKOS.altLabel
            added.append((kept, p, kept if o == gone else o, g))
        for quad in list(store_access.quads(self.kg, None, None, gone)):
            s, p, o, _graph = quad
            removed.append(quad)
            if p == RDF.subject and self._records_kind(s) in records_dropped:
                removed += list(store_access.quads(self.kg, s, None, None))
                continue
            added.append((kept if s == gone else s, p, kept, g))
        if not removed:
            raise CurationError(f"other: {other} has nothing to merge")
        added.append((gone, OWL.sameAs, kept, g))
        added += list(agent_quads(self.provenance, g))
        activity_reason = reason or Background(f"{self.kg.label(str(gone))} and {self.kg.label(str(kept))} are the same")
        added += self._activity(f"Merge {self.kg.label(str(gone))} into {self.kg.label(str(kept))}", activity_reason,
                                used=[kept, gone])
        change = ChangeSet.of(added, removed, description=f"Merge {self.kg.label(str(gone))} into "
                                                          f"{self.kg.label(str(kept))}")
        return self._checked(change)

    # ------------------------------------------------------------------ helpers
    def _fact_and_records(self, fact: Fact) -> list[Quad]:
        found = list(store_access.quads(self.kg, *fact))
        for record, _, _ in list(store_access.triples(self.kg, None, RDF.subject, fact[0])):
            if any(True for _ in store_access.triples(self.kg, record, RDF.predicate, fact[1])) and \
                    any(True for _ in store_access.triples(self.kg, record, RDF.object, fact[2])):
                found += list(store_access.quads(self.kg, record, None, None))
        return found

    def _records_kind(self, record: Node) -> Node | None:
        """The class an evidence record's fact gives, when the fact is an rdf:type claim."""
        if not any(True for _ in store_access.triples(self.kg, record, RDF.predicate, RDF.type)):
            return None
        return next((t for _, _, t in store_access.triples(self.kg, record, RDF.object, None)), None)

    def _activity(self, text: str, reason: EvidenceSpec, *, used: Sequence[Node]) -> list[Quad]:
        """A PROV activity saying who changed what, when, and why."""
        g = self.graph
        activity = mint(ACTIVITY_BASE)
        quads: list[Quad] = [
            (activity, RDF.type, PROV.Activity, g),
            (activity, RDFS.label, Literal(text, lang="en"), g),
            (activity, PROV.wasAssociatedWith, self.provenance.agent, g),
            (activity, PROV.endedAtTime, self.provenance.timestamp, g),
        ]
        quads += [(activity, PROV.used, node, g) for node in used]
        if isinstance(reason, Background):
            quads.append((activity, RDFS.comment, Literal(reason.reason.strip(), lang="en"), g))
        elif isinstance(reason, Quoted) and not isinstance(reason.source, NewSource):
            quads.append((activity, PROV.used, self.entity(reason.source, field_name="source"), g))
            quads.append((activity, RDFS.comment, Literal(reason.quote.strip(), lang="en"), g))
        return quads

    def _words(self, fact: Fact) -> str:
        s, p, o = fact
        name: Callable[[Node], str] = lambda n: self.kg.label(str(n)) if isinstance(n, URIRef) else str(n)  # noqa: E731
        return f"{name(s)} —{self.kg.predicate_words(str(p))}→ {name(o)}"

    def _checked(self, change: ChangeSet, *, check: bool = True) -> ChangeSet:
        """Drops what is already so, then refuses the change if a shape breaks (unless ``check`` is False)."""
        added = [q for q in change.added if not store_access.contains(self.kg, q)]
        removed = [q for q in change.removed if store_access.contains(self.kg, q)]
        result = ChangeSet.of(added, removed, description=change.description)
        if self.check_shapes and check:
            violations = check_change(self.kg, result, label=schema_words(self.schema, self.kg))
            if violations:
                raise ChangeRefused(violations)
        return result
