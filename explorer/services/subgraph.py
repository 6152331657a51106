"""Choosing the part of the graph to export or snapshot.

A :class:`Subgraph` is a set of entities, the facts between them, and every triple needed
to read those facts without the rest of the graph: the entities' labels, classes and
literal properties, the evidence records of each fact (``rdf:Statement`` reifications with
quote, sentence index and ``prov:wasDerivedFrom``), the source nodes they cite, and the
labels of the classes and predicates involved (so that a graph rebuilt from the subgraph
alone still reads "has branch" / "branch of" and colours entities by class).

Three ways to choose the entities:

* :func:`from_scene` — what a canvas shows (its visible nodes and edges);
* :func:`from_focus` — an entity and everything within N hops, capped;
* :func:`from_query` — the entities a SELECT returns, or the triples a CONSTRUCT/DESCRIBE builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Node

from explorer.core.backends import entity_id, entity_node
from explorer.core.errors import ExplorerError
from explorer.core.layout_registry import LAYOUT_NAMES
from explorer.core.layout_registry import LAYOUTS as LAYOUT_REGISTRY
from explorer.core.scene_groups import collapsed_content
from explorer.core.tasks import CancelToken, Progress, check
from explorer.core.vocab import KG, LABEL_PREDICATES, OA, SCHEMA_PREDICATES

if TYPE_CHECKING:
    from explorer.core.graph import Evidence, KnowledgeGraph
    from explorer.core.scene import Scene

Fact = tuple[str, str, str]
#: A statement in rdflib terms.
Triple = tuple[Node, Node, Node]

#: How many entities a focus or query selection may reach before it stops (and says so).
DEFAULT_MAX_ENTITIES = 500
#: How many new neighbours one entity may add during a hop expansion.
DEFAULT_PER_ENTITY = 60

_RDF_TYPE = RDF.type
_SUBCLASS = RDFS.subClassOf
_DERIVED = PROV.wasDerivedFrom
_SELECTOR = URIRef(str(OA.hasSelector))
_INVERSE = OWL.inverseOf
_INVERSE_LABEL = URIRef(str(KG.inverseLabel))
_COMMENT = RDFS.comment
_LABELS = tuple(URIRef(p) for p in LABEL_PREDICATES)
_ENTITY = (URIRef, BNode)
_DESCRIBING = (*_LABELS, _COMMENT)


class SubgraphError(ExplorerError):
    """A selection that cannot become a subgraph (unknown focus, ASK query, …)."""


@dataclass
class Subgraph:
    """Entities, the facts between them, and the triples that make them readable on their own.

    Attributes:
        entities: chosen entities in a stable order (focus first, then by discovery).
        facts: (subject, predicate, object) triples between chosen entities.
        evidence: the evidence records of each fact (may be empty for a fact without any).
        triples: every triple of the subgraph (facts, descriptions, evidence, sources, schema
            context), as rdflib triples, without duplicates.
        focus: the entity the selection started from, if any.
        hops: how far from ``focus`` the selection reaches, if chosen that way.
        query: the SPARQL text that produced the selection, if any.
        truncated: whether a cap stopped the selection before it reached everything asked for.
    """

    entities: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    evidence: dict[Fact, list[Evidence]] = field(default_factory=dict)
    triples: list[Triple] = field(default_factory=list)
    focus: str | None = None
    hops: int | None = None
    query: str | None = None
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.triples)

    @property
    def evidence_count(self) -> int:
        return sum(len(records) for records in self.evidence.values())


# ---------------------------------------------------------------------------------- selection
def from_scene(kg: KnowledgeGraph, scene: Any, *, cancel: CancelToken | None = None) -> Subgraph:
    """The subgraph a canvas shows: its visible entity nodes and the facts its visible edges draw.

    Edges are matched to stored triples in either direction (a canvas may draw an incoming
    edge from the entity it was expanded from).
    """
    nodes = {node.id: node for node in scene.visible_nodes() if getattr(node, "kind", "entity") == "entity"}
    grouped_nodes, grouped_edges = collapsed_content(scene) if hasattr(scene, "groups") else ([], [])
    nodes.update((node.id, node) for node in grouped_nodes if node.id not in nodes)  # collapsed, not gone
    entities = list(dict.fromkeys(node.entity for node in nodes.values()))
    facts: list[Fact] = []
    for edge in [*scene.visible_edges(), *grouped_edges]:
        check(cancel)
        source, target = nodes.get(edge.source), nodes.get(edge.target)
        if source is None or target is None or not edge.predicate:
            continue
        fact = _stored_fact(kg, source.entity, edge.predicate, target.entity)
        if fact is not None:
            facts.append(fact)
    focus = getattr(scene, "focus", None)
    focus_entity = nodes[focus].entity if focus in nodes else (focus if focus in entities else None)
    return collect(kg, entities, facts, focus=focus_entity, cancel=cancel)


def from_focus(
    kg: KnowledgeGraph,
    focus: str,
    hops: int = 1,
    *,
    max_entities: int = DEFAULT_MAX_ENTITIES,
    per_entity: int = DEFAULT_PER_ENTITY,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Subgraph:
    """An entity and everything within ``hops`` links of it (both directions), capped.

    Args:
        kg: the graph.
        focus: the entity to start from (an IRI or ``_:id``; resolve labels first).
        hops: how many links away to go (0 = the entity alone).
        max_entities: stop adding entities at this many (``truncated`` says so).
        per_entity: at most this many new neighbours from any one entity.
        progress: reports each hop.
        cancel: stops the walk.
    """
    if hops < 0:
        raise SubgraphError(f"hops must be 0 or more, not {hops}")
    if not kg.exists(focus):
        raise SubgraphError(f"no entity {focus} in the graph")
    chosen: dict[str, None] = {focus: None}
    frontier = [focus]
    truncated = False
    for hop in range(hops):
        if progress is not None:
            progress(hop / max(hops, 1), f"Hop {hop + 1} of {hops}: {len(chosen)} entities")
        reached: list[str] = []
        for entity in frontier:
            check(cancel)
            added = 0
            for _, other, _ in kg.adjacent(entity):
                if other in chosen:
                    continue
                if added >= per_entity or len(chosen) >= max_entities:
                    truncated = True
                    break
                if kg.is_evidence_record(other):
                    continue
                chosen[other] = None
                reached.append(other)
                added += 1
        frontier = reached
        if not frontier:
            break
    entities = list(chosen)
    facts = facts_between(kg, entities, cancel=cancel)
    if progress is not None:
        progress(1.0, f"{len(entities)} entities, {len(facts)} facts")
    subgraph = collect(kg, entities, facts, focus=focus, cancel=cancel)
    subgraph.hops = hops
    subgraph.truncated = truncated
    return subgraph


def from_query(
    kg: KnowledgeGraph,
    sparql: str,
    *,
    max_entities: int = DEFAULT_MAX_ENTITIES,
    timeout: float | None = None,
    cancel: CancelToken | None = None,
) -> Subgraph:
    """The subgraph a query names.

    SELECT: every entity in the answer (IRIs and blank nodes that are neither classes,
    properties nor evidence records) and the stored facts between them. CONSTRUCT and
    DESCRIBE: the triples the query builds, plus the descriptions and evidence of the
    entities they link.
    """
    result = kg.query(sparql, timeout=timeout if timeout is not None else kg.default_query_timeout, cancel=cancel)
    if result.kind == "ask":
        raise SubgraphError("an ASK query answers yes or no; use SELECT or CONSTRUCT to choose a subgraph")
    if result.kind not in ("select", "construct", "describe"):
        raise SubgraphError(f"a {result.kind.upper()} query does not choose a subgraph")
    candidates: dict[str, None] = {}
    built: list[Triple] = []
    if result.kind == "select":
        for row in result.rows:
            for value in row:
                if isinstance(value, _ENTITY):
                    candidates.setdefault(_id(value), None)
    else:
        for s, p, o in result.triples:
            if not isinstance(s, _ENTITY) or not isinstance(o, (URIRef, BNode, Literal)):
                continue  # an RDF-star quoted triple has no place in a subgraph
            built.append((s, p, o))
            candidates.setdefault(_id(s), None)
            if isinstance(o, _ENTITY) and str(p) not in SCHEMA_PREDICATES:
                candidates.setdefault(_id(o), None)
    entities: list[str] = []
    truncated = False
    for entity in candidates:
        check(cancel)
        if kg.is_schema_term(entity) or kg.is_evidence_record(entity):
            continue
        if len(entities) >= max_entities:
            truncated = True
            break
        entities.append(entity)
    if not entities:
        raise SubgraphError("the query names no entities (only literals, classes or properties)")
    chosen = set(entities)
    if result.kind == "select":
        facts = facts_between(kg, entities, cancel=cancel)
    else:
        facts = list(dict.fromkeys(
            (_id(s), str(p), _id(o)) for s, p, o in built
            if isinstance(o, _ENTITY) and str(p) not in SCHEMA_PREDICATES and _id(s) in chosen and _id(o) in chosen
        ))
    subgraph = collect(kg, entities, facts, extra=built, cancel=cancel)
    subgraph.query = sparql
    subgraph.truncated = truncated or result.truncated
    return subgraph


def facts_between(kg: KnowledgeGraph, entities: Sequence[str], *, cancel: CancelToken | None = None) -> list[Fact]:
    """Every stored fact (non-schema predicate) whose subject and object are both in ``entities``."""
    chosen = set(entities)
    facts: dict[Fact, None] = {}
    for entity in entities:
        check(cancel)
        for predicate, other, _ in kg.adjacent(entity, outgoing=True, incoming=False):
            if other in chosen:
                facts[(entity, predicate, other)] = None
    return list(facts)


def _stored_fact(kg: KnowledgeGraph, source: str, predicate: str, target: str) -> Fact | None:
    """The stored triple a canvas edge draws, whichever way round it is stored."""
    p = URIRef(predicate)
    for s, o in ((source, target), (target, source)):
        if any(True for _ in kg.triples(entity_node(s), p, entity_node(o))):
            return (s, predicate, o)
    inverse = kg.inverse_of(predicate)
    if inverse:
        q = URIRef(inverse)
        for s, o in ((target, source), (source, target)):
            if any(True for _ in kg.triples(entity_node(s), q, entity_node(o))):
                return (s, inverse, o)
    return None


def _id(node: Node) -> str:
    found = entity_id(node)
    assert found is not None  # callers pass IRIs and blank nodes only
    return found


# ---------------------------------------------------------------------------------- triples
def collect(
    kg: KnowledgeGraph,
    entities: Sequence[str],
    facts: Sequence[Fact],
    *,
    focus: str | None = None,
    extra: Iterable[Triple] = (),
    cancel: CancelToken | None = None,
) -> Subgraph:
    """Gather everything that makes ``entities`` and ``facts`` readable on their own."""
    triples: dict[Triple, None] = {}

    def add(s: Any, p: Any, o: Any) -> None:
        triples[(s, p, o)] = None

    for triple in extra:
        triples[triple] = None
    classes: set[str] = set()
    predicates: set[str] = set()
    sources: set[str] = set()
    for entity in entities:
        check(cancel)
        node = entity_node(entity)
        for _, p, o in kg.triples(node, None, None):
            if isinstance(o, Literal):
                add(node, p, o)
            elif p == _RDF_TYPE and isinstance(o, URIRef):
                add(node, p, o)
                classes.add(str(o))
    evidence: dict[Fact, list[Evidence]] = {}
    for fact in facts:
        check(cancel)
        subject, predicate, obj = fact
        add(entity_node(subject), URIRef(predicate), entity_node(obj))
        predicates.add(predicate)
        records = kg.evidence(subject, predicate, obj)
        evidence[fact] = records
        for record in records:
            record_node = entity_node(record.record)
            for _, rp, ro in kg.triples(record_node, None, None):
                add(record_node, rp, ro)
                if rp == _DERIVED and isinstance(ro, _ENTITY):
                    sources.add(_id(ro))
                if rp == _SELECTOR and isinstance(ro, _ENTITY):
                    # the Web Annotation selectors placing the quote travel with their record
                    for _, sp, so in kg.triples(ro, None, None):
                        add(ro, sp, so)
                if rp == _RDF_TYPE and isinstance(ro, URIRef):
                    classes.add(str(ro))
            predicates.add(predicate)
    for source in sources:
        node = entity_node(source)
        for _, p, o in kg.triples(node, None, None):
            if isinstance(o, Literal) or p == _RDF_TYPE:
                add(node, p, o)
                if p == _RDF_TYPE and isinstance(o, URIRef):
                    classes.add(str(o))
    _add_schema_context(kg, classes, predicates, add)
    ordered = list(dict.fromkeys(entities))
    if focus is not None and focus in ordered:
        ordered.remove(focus)
        ordered.insert(0, focus)
    return Subgraph(entities=ordered, facts=list(dict.fromkeys(facts)), evidence=evidence,
                    triples=list(triples), focus=focus)


def _add_schema_context(kg: KnowledgeGraph, classes: set[str], predicates: set[str], add: Any) -> None:
    """Labels of the classes (with their superclasses) and predicates (with their inverses)."""
    seen: set[str] = set()
    pending = list(classes)
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        node = URIRef(cls)
        for _, p, o in kg.triples(node, None, None):
            if p in _DESCRIBING or p == _RDF_TYPE:
                add(node, p, o)
            elif p == _SUBCLASS and isinstance(o, URIRef):
                add(node, p, o)
                pending.append(str(o))
    named: set[str] = set(predicates)
    for predicate in predicates:
        inverse = kg.inverse_of(predicate)
        if inverse:
            named.add(inverse)
    for predicate in named:
        node = URIRef(predicate)
        for _, p, o in kg.triples(node, None, None):
            if p in _DESCRIBING or p in (_INVERSE_LABEL, _RDF_TYPE, _INVERSE):
                add(node, p, o)
        for s, p, _ in kg.triples(None, _INVERSE, node):
            add(s, p, node)


# ---------------------------------------------------------------------------------- drawing
LAYOUTS = LAYOUT_NAMES


def to_scene(kg: KnowledgeGraph, subgraph: Subgraph, *, layout: str = "force", cancel: CancelToken | None = None) -> Scene:
    """A scene drawing the subgraph's entities and facts, laid out (for exports without a canvas).

    Args:
        kg: the graph (labels, classes, predicate words).
        subgraph: what to draw.
        layout: "force" (spring), "hierarchical" (chains left to right) or "radial" (rings around the focus).
        cancel: stops the layout.
    """
    from explorer.core.scene import Scene, SceneEdge, edge_id

    if layout not in LAYOUTS:
        raise SubgraphError(f"unknown layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    scene = Scene()
    for entity in subgraph.entities:
        scene.add_node(scene.make_node(kg, entity))
    for fact in subgraph.facts:
        s, p, o = fact
        if s in scene.nodes and o in scene.nodes:
            scene.add_edge(SceneEdge(edge_id(s, p, o), s, o, p, kg.predicate_words(p, True),
                                     evidence_count=len(subgraph.evidence.get(fact, []))))
    if subgraph.focus in scene.nodes:
        scene.set_focus(subgraph.focus)
    if scene.nodes:
        LAYOUT_REGISTRY[layout](scene, subgraph.focus if subgraph.focus in scene.nodes else None, cancel=cancel)
    return scene
