"""Which entities a cyber risk reaches, through which chains of links, with the evidence for each hop.

Which links carry exposure is declared in the ontology, so analysts can change it: a property
annotated with ``kg:exposureDirection`` (``kg:Forward``: from the subject to the object;
``kg:Backward``: from the object to the subject; ``kg:Both``) and optionally
``kg:exposureWeight`` (the share of exposure one hop passes on, in (0, 1]; 1 when absent)
carries exposure; any other property does not. A sub-property without annotations of its own
inherits its parent's; the declared inverse of an annotated property carries it the other way.

From a risk, exposure spreads along carrying links only, in their direction. An entity's
exposure is the best product of weights over the chains that reach it (Dijkstra on
−log(weight), at most ``max_hops`` hops); its chains are that best one and the best ones
arriving through its other carrying links. For an entity not reached, :func:`why_not` names the
nearest link that stops exposure and why (no annotation, or the direction).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from explorer.core.errors import ExplorerError
from explorer.core.tasks import CancelToken, Progress, check, no_progress
from explorer.core.vocab import KG

if TYPE_CHECKING:
    from explorer.core.graph import Evidence, KnowledgeGraph

Direction = Literal["forward", "backward", "both"]

_KG = str(KG)
EXPOSURE_DIRECTION = _KG + "exposureDirection"
EXPOSURE_WEIGHT = _KG + "exposureWeight"
_DIRECTIONS: dict[str, Direction] = {_KG + "Forward": "forward", _KG + "Backward": "backward", _KG + "Both": "both"}
_FLIPPED: dict[Direction, Direction] = {"forward": "backward", "backward": "forward", "both": "both"}
#: Classes whose instances are offered as risks (with their sub-classes), where the ontology has them.
RISK_CLASSES = (_KG + "CyberRisk", _KG + "Threat", _KG + "CyberThreat")
DEFAULT_MAX_HOPS = 6
#: How many chains are kept per exposed entity.
CHAINS_PER_ENTITY = 3


@dataclass(frozen=True)
class ExposureRule:
    """How one property carries exposure: ``inherited_from`` names the annotated property it comes from."""

    predicate: str
    direction: Direction
    weight: float
    inherited_from: str | None = None

    def carries(self, stored_forward: bool) -> bool:
        """Whether exposure passes when the walk follows the stored triple forwards (or backwards)."""
        return self.direction == "both" or (self.direction == "forward") == stored_forward


@dataclass(frozen=True)
class ExposureHop:
    """One hop of a chain from ``source`` (already exposed) to ``target``; ``forward``: along the stored triple."""

    source: str
    predicate: str
    target: str
    forward: bool
    weight: float
    #: Other carrying links between the same two entities, (predicate, forward): same hop, more evidence.
    also: tuple[tuple[str, bool], ...] = ()

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.source, self.predicate, self.target) if self.forward else (self.target, self.predicate, self.source)

    @property
    def triples(self) -> list[tuple[str, str, str]]:
        """The stored triples of the hop: its own, then those of the links that ride along."""
        found = [self.triple]
        for predicate, forward in self.also:
            found.append((self.source, predicate, self.target) if forward else (self.target, predicate, self.source))
        return found

    def words(self, kg: KnowledgeGraph) -> str:
        """The link in words in the reading direction, with the links that ride along ("targets; exposed to")."""
        parts = [kg.predicate_words(self.predicate, self.forward)]
        parts.extend(kg.predicate_words(predicate, forward) for predicate, forward in self.also)
        return "; ".join(parts)


@dataclass
class ExposureChain:
    """A chain of carrying links from the risk to an entity, with its exposure (product of weights)."""

    hops: tuple[ExposureHop, ...]
    score: float

    @property
    def nodes(self) -> list[str]:
        return [self.hops[0].source, *(hop.target for hop in self.hops)] if self.hops else []

    @property
    def source(self) -> str:
        return self.hops[0].source

    @property
    def target(self) -> str:
        return self.hops[-1].target

    def words(self, kg: KnowledgeGraph) -> str:
        """The chain as a sentence of links, e.g. ``attacks —threatens→ industrial internet —…→ China Mobile``."""
        if not self.hops:
            return ""
        parts = [kg.label(self.hops[0].source)]
        for hop in self.hops:
            parts.append(f"—{hop.words(kg)}→ {kg.label(hop.target)}")
        return " ".join(parts)

    def evidence(self, kg: KnowledgeGraph) -> list[list[Evidence]]:
        """The evidence records of each hop's stored facts (its links that ride along too), in chain order."""
        found = []
        for hop in self.hops:
            records: list[Evidence] = []
            for triple in hop.triples:
                records.extend(r for r in kg.evidence(*triple) if r.record not in {e.record for e in records})
            found.append(records)
        return found


@dataclass
class ExposedEntity:
    """An entity a risk reaches: its best exposure, the hops of the best chain, and its chains."""

    entity: str
    score: float
    hops: int
    chains: list[ExposureChain] = field(default_factory=list)


@dataclass
class ExposureReport:
    """What ``risks`` reach, most exposed first; ``rules`` are the properties that carried exposure."""

    risks: list[str]
    exposed: list[ExposedEntity]
    rules: dict[str, ExposureRule]
    max_hops: int

    def find(self, entity: str) -> ExposedEntity | None:
        for item in self.exposed:
            if item.entity == entity:
                return item
        return None


# ---------------------------------------------------------------------- rules
def exposure_rules(kg: KnowledgeGraph) -> dict[str, ExposureRule]:
    """The properties that carry exposure, read from the ontology's annotations in the graph."""
    declared: dict[str, ExposureRule] = {}
    rows = kg.query(
        f"SELECT ?p ?d ?w WHERE {{ ?p <{EXPOSURE_DIRECTION}> ?d OPTIONAL {{ ?p <{EXPOSURE_WEIGHT}> ?w }} }}"
    ).rows
    for predicate, direction, weight in rows:
        name = _DIRECTIONS.get(str(direction))
        if name is None:
            raise ExplorerError(f"{kg.qname(str(predicate))}: kg:exposureDirection: {direction} is not "
                                "kg:Forward, kg:Backward or kg:Both")
        value = 1.0
        if weight is not None:
            try:
                value = float(str(weight))
            except ValueError:
                value = math.nan
            if not 0.0 < value <= 1.0:
                raise ExplorerError(f"{kg.qname(str(predicate))}: kg:exposureWeight: {weight} is not a number in (0, 1]")
        declared[str(predicate)] = ExposureRule(str(predicate), name, value)
    rules = dict(declared)
    # Sub-properties inherit from their nearest annotated ancestor (nearest first: fewest steps).
    for sub, parent, _steps in kg.query(
        "SELECT ?sub ?parent (COUNT(?mid) AS ?steps) WHERE { "
        "?sub <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>+ ?mid . "
        "?mid <http://www.w3.org/2000/01/rdf-schema#subPropertyOf>* ?parent } GROUP BY ?sub ?parent ORDER BY ?steps"
    ).rows:
        rule = declared.get(str(parent))
        if rule is not None and str(sub) not in rules:
            rules[str(sub)] = ExposureRule(str(sub), rule.direction, rule.weight, rule.predicate)
    # The declared inverse of a carrying property carries exposure the other way round.
    for carrying, rule in list(rules.items()):
        inverse = kg.inverse_of(carrying)
        if inverse and inverse not in rules:
            rules[inverse] = ExposureRule(inverse, _FLIPPED[rule.direction], rule.weight, rule.inherited_from or carrying)
    return rules


def risks(kg: KnowledgeGraph) -> list[str]:
    """The graph's risks: instances of the risk classes and their sub-classes, by label."""
    values = " ".join(f"<{c}>" for c in RISK_CLASSES)
    rows = kg.query(
        f"SELECT DISTINCT ?r WHERE {{ VALUES ?top {{ {values} }} ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?top . "
        "?r a ?c FILTER(isIRI(?r)) }"
    ).rows
    found = {str(row[0]) for row in rows}
    return sorted((r for r in found if not kg.is_schema_term(r)), key=lambda r: kg.label(r).casefold())


def warned_by(kg: KnowledgeGraph, risk: str) -> list[tuple[str, list[Evidence]]]:
    """Who warns of ``risk`` (``kg:warnsOf``), each with the evidence of the warning."""
    if risk.startswith("_:"):
        return []
    rows = kg.query(f"SELECT DISTINCT ?who WHERE {{ ?who <{_KG}warnsOf> <{risk}> }}").rows
    return [(str(who), kg.evidence(str(who), _KG + "warnsOf", risk)) for (who,) in rows]


# ---------------------------------------------------------------------- the walk
def exposure(
    kg: KnowledgeGraph, risk_entities: Iterable[str] | None = None, *, max_hops: int = DEFAULT_MAX_HOPS,
    progress: Progress | None = None, cancel: CancelToken | None = None,
) -> ExposureReport:
    """Every entity the risks reach along carrying links, most exposed first.

    ``risk_entities`` defaults to :func:`risks`. The risks themselves are not listed.

    Raises:
        ExplorerError: no risk to start from, or an annotation the rules cannot read.
    """
    report = progress or no_progress
    rules = exposure_rules(kg)
    sources = list(dict.fromkeys(risk_entities)) if risk_entities is not None else risks(kg)
    if not sources:
        raise ExplorerError("no cyber risk in the graph to start from (instances of kg:CyberRisk)")
    # best[entity] = (cost, hops, incoming hop or None); several risks start together at cost 0.
    best: dict[str, tuple[float, int, ExposureHop | None]] = {}
    arrivals: dict[str, list[ExposureHop]] = {}
    queue: list[tuple[float, int, str]] = []
    for risk in sources:
        best[risk] = (0.0, 0, None)
        heapq.heappush(queue, (0.0, 0, risk))
    settled: set[str] = set()
    while queue:
        cost, hops, entity = heapq.heappop(queue)
        if entity in settled:
            continue
        settled.add(entity)
        check(cancel)
        if not len(settled) % 64:
            report(None, f"exposure: {len(settled)} entities reached")
        if hops >= max_hops:
            continue
        # Several carrying links between the same two entities are one hop: the strongest
        # carries it, the others ride along (their evidence is shown with it).
        by_other: dict[str, list[tuple[float, str, bool]]] = {}
        for predicate, other, forward in kg.adjacent(entity):
            rule = rules.get(predicate)
            if rule is None or not rule.carries(forward) or other in sources:
                continue
            links = by_other.setdefault(other, [])
            if (predicate, forward) not in {(p, f) for _, p, f in links}:
                links.append((rule.weight, predicate, forward))
        for other, links in by_other.items():
            links.sort(key=lambda link: (-link[0], link[1]))
            weight, predicate, forward = links[0]
            hop = ExposureHop(entity, predicate, other, forward, weight, tuple((p, f) for _, p, f in links[1:]))
            arrivals.setdefault(other, []).append(hop)
            step = cost - math.log(weight)
            known = best.get(other)
            if known is None or step < known[0] - 1e-12 or (abs(step - known[0]) <= 1e-12 and hops + 1 < known[1]):
                best[other] = (step, hops + 1, hop)
                heapq.heappush(queue, (step, hops + 1, other))
    exposed = []
    for entity, (cost, hops, _) in best.items():
        if entity in sources:
            continue
        chains = _chains(entity, best, arrivals, sources)
        exposed.append(ExposedEntity(entity, math.exp(-cost), hops, chains))
    exposed.sort(key=lambda item: (-item.score, item.hops, kg.label(item.entity).casefold()))
    report(1.0, f"exposure: {len(exposed)} entities reached")
    return ExposureReport(sources, exposed, rules, max_hops)


def _chain_to(entity: str, best: dict[str, tuple[float, int, ExposureHop | None]]) -> list[ExposureHop]:
    hops: list[ExposureHop] = []
    seen = {entity}
    while True:
        hop = best[entity][2]
        if hop is None:
            return list(reversed(hops))
        hops.append(hop)
        entity = hop.source
        if entity in seen:  # a tie could point back along the chain: stop rather than loop
            return list(reversed(hops))
        seen.add(entity)


def _chains(entity: str, best: dict[str, tuple[float, int, ExposureHop | None]],
            arrivals: dict[str, list[ExposureHop]], sources: Sequence[str]) -> list[ExposureChain]:
    """The best chain, then the best chain through each other carrying link that arrives here."""
    found: dict[tuple[ExposureHop, ...], float] = {}
    for hop in arrivals.get(entity, []):
        if hop.source not in best:
            continue
        before = _chain_to(hop.source, best)
        if entity in {h.source for h in before}:
            continue
        hops = (*before, hop)
        found[hops] = math.exp(-best[hop.source][0]) * hop.weight
    ordered = sorted(found.items(), key=lambda item: (-item[1], len(item[0])))
    return [ExposureChain(hops, score) for hops, score in ordered[:CHAINS_PER_ENTITY]]


# ---------------------------------------------------------------------- why not
@dataclass(frozen=True)
class Blocked:
    """Why ``entity`` is not exposed: the nearest link from an exposed entity, and the reason."""

    entity: str
    reason: str
    link: ExposureHop | None = None
    reached_from: str | None = None


def why_not(kg: KnowledgeGraph, report: ExposureReport, entity: str, *, max_hops: int = 6) -> Blocked:
    """Why the risks of ``report`` do not reach ``entity`` (which must not be among the exposed)."""
    if report.find(entity) is not None or entity in report.risks:
        raise ExplorerError(f"{kg.label(entity)} is exposed: nothing blocks it")
    reached = {item.entity for item in report.exposed} | set(report.risks)
    # Breadth-first from the entity over any link until an exposed entity is met.
    previous: dict[str, tuple[str, str, bool] | None] = {entity: None}
    frontier = deque([(entity, 0)])
    while frontier:
        current, depth = frontier.popleft()
        if depth >= max_hops:
            continue
        for predicate, other, forward in kg.adjacent(current):
            if other in previous:
                continue
            previous[other] = (current, predicate, forward)
            if other in reached:
                # The link read from the exposed entity ``other`` towards ``current``.
                link = ExposureHop(other, predicate, current, not forward, report.rules[predicate].weight
                                   if predicate in report.rules else 0.0)
                return Blocked(entity, _blocking_reason(kg, report, link, entity), link, other)
            frontier.append((other, depth + 1))
    return Blocked(entity, f"{kg.label(entity)} is not linked to anything the risk reaches within {max_hops} links")


def _blocking_reason(kg: KnowledgeGraph, report: ExposureReport, link: ExposureHop, entity: str) -> str:
    source, target = kg.label(link.source), kg.label(link.target)
    words = kg.predicate_words(link.predicate, link.forward)
    stored = kg.predicate_words(link.predicate, True)
    rule = report.rules.get(link.predicate)
    if rule is None:
        reason = (f'{source} is exposed, but the link "{source} —{words}→ {target}" does not carry exposure: '
                  f'"{stored}" ({kg.qname(link.predicate)}) has no kg:exposureDirection in the ontology')
    elif not rule.carries(link.forward):
        way = "from subject to object" if rule.direction == "forward" else "from object to subject"
        reason = (f'{source} is exposed, but "{stored}" carries exposure only {way}: '
                  f'along "{source} —{words}→ {target}" it would travel the other way')
    else:
        reason = (f"{source} is exposed and the link to {target} carries exposure, but {target} is more than "
                  f"{report.max_hops} hops from the risk")
    if link.target != entity:
        reason += f"; {kg.label(entity)} lies beyond {target}"
    return reason
