"""SHACL on the nodes a change touches, before the change is applied.

Only the touched nodes' neighbourhood is copied out of the store (their own triples, the
types of what they link to, the evidence records about them and their sources' types), the
change is applied to that copy, and pyshacl validates the touched nodes as focus nodes with
the ontology mixed in. On a million-triple graph this costs what the neighbourhood costs,
not what the graph costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core import bundled
from explorer.core.changes import ChangeSet
from explorer.core.curation.schema import CurationError
from explorer.core.errors import ExplorerError
from explorer.core.vocab import SH

if TYPE_CHECKING:
    from explorer.core.curation.schema import OntologySchema
    from explorer.core.graph import KnowledgeGraph


@dataclass(frozen=True)
class ShapeViolation:
    """One broken constraint, in words."""

    focus: str
    message: str
    path: str | None = None
    value: str | None = None

    def describe(self) -> str:
        where = f" ({self.path}: {self.value})" if self.path and self.value else f" ({self.path})" if self.path else ""
        return f"{self.focus}: {self.message}{where}"


class ChangeRefused(CurationError):
    """SHACL refuses a change; ``violations`` say which constraints, in words."""

    def __init__(self, violations: list[ShapeViolation]) -> None:
        self.violations = violations
        first = violations[0].describe() if violations else "the change breaks a shape"
        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
        super().__init__(f"refused by the SHACL shapes: {first}{more}")


#: What the shapes read of the ontology: the class and property hierarchy, inverses, domains
#: and ranges, and what each term is. Labels and comments (most of the ontology) are left out.
_ONTOLOGY_STRUCTURE = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf, RDFS.domain, RDFS.range, RDF.type,
                       OWL.equivalentClass, OWL.disjointWith)


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, list[tuple[Node, Node, Node]]]:
    """The shapes, and the ontology's structure that a focused check adds to its data graph
    (added in place: pyshacl's own ``ont_graph`` copies the data and the whole ontology on
    every call, most of a focused check's time)."""
    shapes, ontology = Graph(), Graph()
    shapes.parse(bundled.shapes_file(), format="turtle")
    ontology.parse(bundled.ontology_file(), format="turtle")
    structure = [triple for predicate in _ONTOLOGY_STRUCTURE for triple in ontology.triples((None, predicate, None))]
    return shapes, structure


def touched_nodes(change: ChangeSet) -> list[URIRef]:
    """Subjects of what the change adds or removes: the nodes whose shapes can change."""
    seen: dict[URIRef, None] = {}
    for s, _, _, _ in (*change.added, *change.removed):
        if isinstance(s, URIRef):
            seen[s] = None
    return list(seen)


def neighbourhood(kg: KnowledgeGraph, nodes: list[URIRef]) -> Graph:
    """What SHACL needs to judge ``nodes``: their triples, the types of what they link to,
    the evidence records about them (with their sources' types)."""
    data = Graph()
    typed: set[Node] = set()

    def add_types(node: Node) -> None:
        if isinstance(node, URIRef) and node not in typed:
            typed.add(node)
            for triple in store_access.triples(kg, node, RDF.type, None):
                data.add(triple)

    for node in nodes:
        for triple in store_access.triples(kg, node, None, None):
            data.add(triple)
            add_types(triple[2])
        reified = [data.value(node, term) for term in (RDF.subject, RDF.predicate, RDF.object)]
        if all(term is not None for term in reified):  # a record: the fact it points to, if stored
            for triple in store_access.triples(kg, *reified):
                data.add(triple)
        for record, _, _ in store_access.triples(kg, None, RDF.subject, node):
            for triple in store_access.triples(kg, record, None, None):
                data.add(triple)
                if triple[1] in (PROV.wasDerivedFrom, RDF.object):
                    add_types(triple[2])
    return data


def check_change(kg: KnowledgeGraph, change: ChangeSet, *, label: object = None) -> list[ShapeViolation]:
    """The violations the change would bring on the nodes it touches (empty: it may be applied).

    Only what the change breaks counts: a touched node that already broke a shape before
    the change (a source graph's own gaps) does not block an analyst's edit.
    """
    nodes = touched_nodes(change)
    if not nodes:
        return []
    after = _violations(kg, change, nodes, label)
    if not after:
        return after
    before = set(_violations(kg, ChangeSet(), nodes, label))
    return [violation for violation in after if violation not in before]


_PREPARED: dict[tuple[str, object, tuple[tuple[str, str], ...]], object] = {}
_PREPARED_LIMIT = 512


@lru_cache(maxsize=1)
def _prepare_sparql_once() -> None:
    """Parse each SPARQL text once: pyshacl hands rdflib the same constraint query as text on
    every validation, and rdflib's parser is most of a focused check's time (3 of 4 parts).
    The prepared query is what rdflib would build from the text, so answers do not change."""
    import rdflib.plugins.sparql.processor as processor
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    original = processor.SPARQLProcessor.query

    def query(self: object, strOrQuery: object, initBindings: object = None, initNs: object = None,
              base: object = None, DEBUG: bool = False) -> object:
        if isinstance(strOrQuery, str):
            namespaces = tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items()))  # type: ignore[attr-defined]
            key = (strOrQuery, base, namespaces)
            prepared = _PREPARED.get(key)
            if prepared is None:
                prepared = translateQuery(parseQuery(strOrQuery), base, initNs)  # type: ignore[arg-type]
                if len(_PREPARED) < _PREPARED_LIMIT:
                    _PREPARED[key] = prepared
            strOrQuery = prepared
        return original(self, strOrQuery, initBindings or {}, initNs, base, DEBUG)  # type: ignore[arg-type]

    processor.SPARQLProcessor.query = query  # type: ignore[method-assign,assignment]


def _violations(kg: KnowledgeGraph, change: ChangeSet, nodes: list[URIRef], label: object) -> list[ShapeViolation]:
    import pyshacl

    _prepare_sparql_once()

    data = neighbourhood(kg, nodes)
    for _s, p, o, _ in change.added:  # what the new links point to, with its types as stored
        if isinstance(o, URIRef) and (p in (PROV.wasDerivedFrom, RDF.object) or not str(p).startswith(str(RDF))):
            for triple in store_access.triples(kg, o, RDF.type, None):
                data.add(triple)
    for s, p, o, _ in change.removed:
        data.remove((s, p, o))
    for s, p, o, _ in change.added:
        data.add((s, p, o))
    for record in {s for s, p, _, _ in change.added if p == RDF.subject}:  # a new record's fact, as stored
        reified = [data.value(record, term) for term in (RDF.subject, RDF.predicate, RDF.object)]
        if all(term is not None for term in reified) and (reified[0], reified[1], reified[2]) not in data:
            for triple in store_access.triples(kg, *reified):
                data.add(triple)
    shapes, structure = _shapes_and_ontology()
    focus: list[str | URIRef] = [n for n in nodes if any(True for _ in data.triples((n, None, None)))]
    if not focus:
        return []
    for triple in structure:
        data.add(triple)
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", inplace=True,
                                     focus_nodes=focus, allow_warnings=True, abort_on_first=False)
    words = label if callable(label) else (lambda iri: iri)
    violations = []
    focus_set = {str(n) for n in focus}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        node = results.value(result, SH.focusNode)
        if str(node) not in focus_set:
            continue
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        if component == SH.ClassConstraintComponent:
            required = shapes.value(results.value(result, SH.sourceShape), SH["class"])
            if required is not None and value is not None:
                what = "it" if value == node else words(str(value))
                needs = f"“{words(str(path))}” needs" if path is not None else "its properties need"
                kind = words(str(required))
                message = f"{needs} {'an' if kind[:1] in 'aeiou' else 'a'} {kind}: {what} is not one"
        violations.append(ShapeViolation(
            focus=words(str(node)),
            message=" ".join(str(message or "a constraint is not met").split()),
            path=words(str(path)) if isinstance(path, URIRef) else None,
            value=(str(value) if isinstance(value, Literal) else words(str(value))) if value is not None else None,
        ))
    return sorted(set(violations), key=lambda v: (v.focus, v.message))


def schema_words(schema: OntologySchema, kg: KnowledgeGraph) -> object:
    """A namer for violation messages: labels from the graph, else from the ontology."""
    def name(iri: str) -> str:
        try:
            text = kg.label(iri)
        except ExplorerError:
            text = ""
        fallback = not text or text == iri or text == kg.qname(iri)  # no label in the graph
        return schema.label(iri) if fallback and (schema.is_class(iri) or iri in schema.properties) else text or iri
    return name
