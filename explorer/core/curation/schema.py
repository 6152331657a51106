"""What the ontology says an analyst may write: classes, properties, their domains and ranges.

Read once from the bundled ontology and shapes (rdflib, a few hundred triples). Properties
whose domain or range the ontology leaves open (the W3C ORG terms) take them from the
shapes, which state them as ``sh:targetSubjectsOf`` + ``sh:class``.

>>> schema = OntologySchema.bundled()
>>> schema.label(str(KG.TelecomOperator))
'telecom operator'
>>> suggested = [p.label for p in schema.suggest_predicates(str(KG.TelecomOperator), str(KG.IndustryAlliance))]
>>> "established" in suggested[:4], "member of" in suggested, "located in" in suggested
(True, True, False)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from explorer.core import bundled
from explorer.core.errors import ExplorerError
from explorer.core.vocab import KG, SH


class CurationError(ExplorerError):
    """An edit that cannot be made as asked; the message names the field and says why."""


@dataclass(frozen=True)
class PropertyInfo:
    """A property an analyst can state, with the classes it links (None: open)."""

    iri: str
    label: str
    domain: str | None
    range: str | None
    is_literal: bool
    comment: str = ""


@dataclass
class ClassNode:
    iri: str
    label: str
    children: list[ClassNode] = field(default_factory=list)


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    best: str | None = None
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal):
            if value.language in (None, "en"):
                return str(value)
            best = best or str(value)
    return best


class OntologySchema:
    """Classes and properties of an ontology, with the shapes' domains and ranges as fallback."""

    def __init__(self, ontology: Graph, shapes: Graph | None = None) -> None:
        self.graph = ontology
        self._labels: dict[str, str] = {}
        self._parents: dict[str, set[str]] = {}
        for cls in set(ontology.subjects(RDF.type, OWL.Class)) | set(ontology.subjects(RDFS.subClassOf, None)):
            if isinstance(cls, URIRef):
                self._parents[str(cls)] = {str(p) for p in ontology.objects(cls, RDFS.subClassOf)
                                           if isinstance(p, URIRef) and p != OWL.Thing}
        for subject in set(ontology.subjects(RDFS.label, None)):
            if isinstance(subject, URIRef):
                self._labels[str(subject)] = _english(ontology, subject, RDFS.label) or ""
        shape_domain, shape_range = _shape_domains_and_ranges(shapes) if shapes is not None else ({}, {})
        self.properties: dict[str, PropertyInfo] = {}
        for kind, literal in ((OWL.ObjectProperty, False), (OWL.DatatypeProperty, True)):
            for prop in ontology.subjects(RDF.type, kind):
                if not isinstance(prop, URIRef) or str(prop).startswith(str(RDF)):
                    continue
                domain = ontology.value(prop, RDFS.domain)
                range_ = ontology.value(prop, RDFS.range)
                name = str(prop)
                self.properties[name] = PropertyInfo(
                    iri=name, label=self.label(name),
                    domain=str(domain) if isinstance(domain, URIRef) else shape_domain.get(name),
                    range=str(range_) if isinstance(range_, URIRef) else shape_range.get(name),
                    is_literal=literal, comment=_english(ontology, prop, RDFS.comment) or "",
                )

    @classmethod
    def bundled(cls) -> OntologySchema:
        return _bundled_schema()

    # ------------------------------------------------------------------ classes
    def label(self, iri: str) -> str:
        text = self._labels.get(iri)
        if text:
            return text
        local = re.split(r"[#/]", iri)[-1]
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).lower() or iri

    def is_class(self, iri: str) -> bool:
        return iri in self._parents

    def ancestors(self, iri: str) -> set[str]:
        """The class and every super-class of it."""
        seen, todo = set(), [iri]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self._parents.get(current, ()))
        return seen

    def is_subclass(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(cls)

    def entity_classes(self) -> list[str]:
        """Classes an analyst can make an entity of: everything below kg:Entity."""
        return sorted((c for c in self._parents if c != str(KG.Entity) and self.is_subclass(c, str(KG.Entity))),
                      key=lambda c: self.label(c).casefold())

    def class_tree(self) -> list[ClassNode]:
        """The entity classes as a tree under kg:Entity's direct sub-classes, sorted by label."""
        nodes = {c: ClassNode(c, self.label(c)) for c in self.entity_classes()}
        roots: list[ClassNode] = []
        for iri, node in nodes.items():
            parents = [p for p in self._parents.get(iri, ()) if p in nodes]
            if parents:
                for parent in parents:
                    nodes[parent].children.append(node)
            else:
                roots.append(node)
        for node in nodes.values():
            node.children.sort(key=lambda n: n.label.casefold())
        return sorted(roots, key=lambda n: n.label.casefold())

    def resolve_class(self, text: str) -> str:
        """A class named by IRI, ``kg:Name``, local name or label (case-insensitive)."""
        wanted = text.strip()
        for candidate in self.entity_classes():
            local = re.split(r"[#/]", candidate)[-1]
            if wanted in (candidate, f"kg:{local}") or wanted.casefold() in (local.casefold(),
                                                                            self.label(candidate).casefold()):
                return candidate
        raise CurationError(f"class: unknown class {text!r} (not an entity class of the ontology)")

    # ------------------------------------------------------------------ properties
    def resolve_predicate(self, text: str) -> PropertyInfo:
        """A property named by IRI, prefixed name, local name or label (case-insensitive)."""
        wanted = text.strip()
        for info in self.properties.values():
            local = re.split(r"[#/]", info.iri)[-1]
            prefixed = {f"kg:{local}", f"org:{local}"}
            if wanted == info.iri or wanted in prefixed or wanted.casefold() in (local.casefold(),
                                                                                  info.label.casefold()):
                return info
        raise CurationError(f"predicate: unknown predicate {text!r} (not a property of the ontology)")

    def fits(self, cls: str | None, required: str | None) -> bool:
        return required is None or cls is None or self.is_subclass(cls, required)

    def suggest_predicates(self, subject_class: str | None, object_class: str | None = None,
                           *, literal: bool | None = None, usage: dict[str, int] | None = None) -> list[PropertyInfo]:
        """Properties that fit the classes, most likely first.

        A property whose domain and range are the closest super-classes of the chosen
        classes ranks first; an open domain or range ranks after a fitting one; among equally
        close ones, those the graph uses most (``usage``: predicate → statements) come first;
        a property that does not fit is not offered. ``literal`` keeps only datatype (True) or
        object (False) properties.
        """
        used = usage or {}
        def distance(cls: str | None, required: str | None) -> int:
            if required is None or cls is None:
                return 50
            return _depth_between(self, cls, required)

        ranked: list[tuple[int, int, str, PropertyInfo]] = []
        for info in self.properties.values():
            if literal is not None and info.is_literal != literal:
                continue
            if not self.fits(subject_class, info.domain):
                continue
            if not info.is_literal and not self.fits(object_class, info.range):
                continue
            if info.is_literal and object_class is not None:
                continue
            score = distance(subject_class, info.domain) + (0 if info.is_literal else distance(object_class, info.range))
            ranked.append((score, -used.get(info.iri, 0), info.label.casefold(), info))
        return [item[-1] for item in sorted(ranked, key=lambda item: item[:3])]

    # ------------------------------------------------------------------ literal values
    def literal_for(self, predicate: PropertyInfo, text: str, language: str | None = None) -> Literal:
        """``text`` typed by the property's range: numbers, dates, years, language-tagged text."""
        return typed_literal(text, predicate.range, language=language, field_name=predicate.label)


def _depth_between(schema: OntologySchema, cls: str, ancestor: str) -> int:
    """How many sub-class steps lead from ``cls`` up to ``ancestor`` (shortest)."""
    frontier, depth, seen = {cls}, 0, set()
    while frontier:
        if ancestor in frontier:
            return depth
        seen |= frontier
        frontier = {p for c in frontier for p in schema._parents.get(c, ()) if p not in seen}
        depth += 1
    return 99


def _shape_domains_and_ranges(shapes: Graph) -> tuple[dict[str, str], dict[str, str]]:
    domains: dict[str, str] = {}
    ranges: dict[str, str] = {}
    for shape, prop in shapes.subject_objects(SH.targetSubjectsOf):
        cls = shapes.value(shape, SH["class"])
        if isinstance(cls, URIRef):
            domains.setdefault(str(prop), str(cls))
        for property_shape in shapes.objects(shape, SH.property):
            if shapes.value(property_shape, SH.path) == prop:
                range_ = shapes.value(property_shape, SH["class"])
                if isinstance(range_, URIRef) and range_ != OWL.Class:
                    ranges.setdefault(str(prop), str(range_))
    return domains, ranges


_NUMERIC = {str(XSD.integer): int, str(XSD.decimal): Decimal, str(XSD.double): float, str(XSD.float): float,
            str(XSD.nonNegativeInteger): int, str(XSD.positiveInteger): int}


def typed_literal(text: str, datatype: str | None, *, language: str | None = None,
                  field_name: str = "value") -> Literal:
    """A literal of ``datatype`` parsed from ``text``; a clear error names the field if it does not fit.

    >>> typed_literal("193", str(XSD.integer))
    rdflib.term.Literal('193', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> typed_literal("2019", str(XSD.gYear)).datatype == XSD.gYear
    True
    >>> typed_literal("first quarter", str(RDF.langString), language="en").language
    'en'
    """
    value = text.strip()
    if not value:
        raise CurationError(f"{field_name}: a value is needed")
    if datatype in _NUMERIC:
        kind = _NUMERIC[datatype]
        try:
            number = kind(value.replace(",", "")) if kind is not Decimal else Decimal(value.replace(",", ""))
        except (ValueError, InvalidOperation):
            raise CurationError(f"{field_name}: {value!r} is not a number "
                                f"({'a whole number' if kind is int else 'a number'} is needed)") from None
        if kind is int and datatype in (str(XSD.nonNegativeInteger), str(XSD.positiveInteger)) and int(number) < 0:
            raise CurationError(f"{field_name}: {value!r} must not be negative")
        return Literal(str(number), datatype=URIRef(datatype))
    if datatype == str(XSD.date):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise CurationError(f"{field_name}: {value!r} is not a date (YYYY-MM-DD)") from None
        return Literal(value, datatype=XSD.date)
    if datatype == str(XSD.dateTime):
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            raise CurationError(f"{field_name}: {value!r} is not a date and time (YYYY-MM-DDThh:mm:ss)") from None
        return Literal(value, datatype=XSD.dateTime)
    if datatype == str(XSD.gYear):
        if not re.fullmatch(r"-?\d{4}", value):
            raise CurationError(f"{field_name}: {value!r} is not a year (YYYY)")
        return Literal(value, datatype=XSD.gYear)
    if datatype == str(XSD.gYearMonth):
        if not re.fullmatch(r"-?\d{4}-(0[1-9]|1[0-2])", value):
            raise CurationError(f"{field_name}: {value!r} is not a year and month (YYYY-MM)")
        return Literal(value, datatype=XSD.gYearMonth)
    if datatype == str(XSD.boolean):
        if value.lower() not in ("true", "false", "1", "0"):
            raise CurationError(f"{field_name}: {value!r} is not true or false")
        return Literal(value.lower() in ("true", "1"))
    if datatype == str(RDF.langString) or (datatype is None and language):
        return Literal(value, lang=language or "en")
    if datatype in (None, str(XSD.string), str(RDFS.Literal)):
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))


@lru_cache(maxsize=1)
def _bundled_schema() -> OntologySchema:
    return OntologySchema(_parse(bundled.ontology_file()), _parse(bundled.shapes_file()))


def _parse(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph
