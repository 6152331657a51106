"""Paths between entities: shortest, k shortest and all simple paths, with constraints.

Paths are computed from the store's indexes through :meth:`KnowledgeGraph.adjacent`,
one entity at a time; the graph is never copied into another structure. The search has
two stages:

1. a bidirectional breadth-first search finds the length of the shortest path (or proves
   there is none within ``max_hops``) while expanding only the smaller frontier, and
   leaves behind the exact distance to the target of every entity the backward half
   reached;
2. a depth-first enumeration of simple paths, one length at a time (shortest first),
   prunes every branch that cannot reach the target in the hops left, using those
   distances as a lower bound.

Enumerating length by length gives the ordering analysts expect: shorter paths first,
and paths of the same length in the alphabetical order of their reading in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rdflib.namespace import OWL

from explorer.core.classes import descendants
from explorer.core.errors import EntityNotFound, ExplorerError
from explorer.core.tasks import CancelToken, Progress, check

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

PathMode = Literal["shortest", "k", "all"]
Direction = Literal["both", "forward", "backward"]

_MODES = ("shortest", "k", "all")
_SYMMETRIC = str(OWL.SymmetricProperty)
_DIRECTIONS = ("both", "forward", "backward")

#: The backward distance table grows one level at a time while the level to expand has at
#: most this many entities (a lower bound is still known for every entity it did not reach:
#: one more than the last complete level). Measured on the generated 1M-triple graph: past a
#: few thousand, building the table costs more than the pruning it buys.
_DISTANCE_FRONTIER_CAP = 500

#: How many paths of one length are collected before sorting, per path asked for.
_COLLECT_FACTOR = 4


@dataclass(frozen=True)
class Hop:
    """One step of a path, read from ``source`` to ``target``.

    ``forward`` is True when the stored triple is ``source predicate target`` and False when
    the path walks the triple against its stored direction (``target predicate source``).
    """

    source: str
    predicate: str
    target: str
    forward: bool

    @property
    def triple(self) -> tuple[str, str, str]:
        """The stored triple (subject, predicate, object)."""
        return (self.source, self.predicate, self.target) if self.forward else (self.target, self.predicate, self.source)

    def words(self, kg: KnowledgeGraph) -> str:
        """The link in words in the reading direction ("has branch" forward, "branch of" backward)."""
        return kg.predicate_words(self.predicate, self.forward)

    def reversed(self) -> Hop:
        """The same stored triple read the other way round."""
        return Hop(self.target, self.predicate, self.source, not self.forward)


@dataclass(frozen=True)
class GraphPath:
    """A simple path: ``nodes[0] —hops[0]→ nodes[1] —hops[1]→ … nodes[-1]``."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    def __init__(self, nodes: Sequence[str], hops: Sequence[Hop]) -> None:
        object.__setattr__(self, "nodes", tuple(nodes))
        object.__setattr__(self, "hops", tuple(hops))
        if len(self.nodes) != len(self.hops) + 1:
            raise ValueError("a path has one more node than it has hops")

    @property
    def length(self) -> int:
        """The number of hops."""
        return len(self.hops)

    @property
    def source(self) -> str:
        return self.nodes[0]

    @property
    def target(self) -> str:
        return self.nodes[-1]

    @property
    def triples(self) -> list[tuple[str, str, str]]:
        """The stored triples the path walks, in path order."""
        return [hop.triple for hop in self.hops]

    def words(self, kg: KnowledgeGraph) -> str:
        """The path as a chain in words.

        >>> from explorer.core.graph import KnowledgeGraph
        >>> kg = KnowledgeGraph()
        >>> kg.load_text('<http://e/a> <http://e/knows> <http://e/b> .', "ntriples")
        >>> GraphPath(["http://e/b", "http://e/a"], [Hop("http://e/b", "http://e/knows", "http://e/a", False)]).words(kg)
        'b —knows (inverse)→ a'
        """
        parts = [kg.label(self.nodes[0])]
        for hop in self.hops:
            parts.append(f"—{hop.words(kg)}→ {kg.label(hop.target)}")
        return " ".join(parts)

    def reversed(self) -> GraphPath:
        """The same path read from its target to its source."""
        return GraphPath(list(reversed(self.nodes)), [hop.reversed() for hop in reversed(self.hops)])

    def sort_key(self, kg: KnowledgeGraph) -> tuple[int, str, tuple[str, ...], tuple[str, ...]]:
        """Shorter first, then alphabetical by reading, then by IRIs (a total order)."""
        return (self.length, self.words(kg).casefold(), self.nodes, tuple(h.predicate for h in self.hops))


Step = tuple[str, str, bool]  # predicate, other entity, forward (stored direction)


class _Walker:
    """The graph as the path search sees it: filtered, de-duplicated steps, cached per entity."""

    def __init__(
        self,
        kg: KnowledgeGraph,
        *,
        allowed_predicates: Iterable[str] | None,
        excluded_predicates: Iterable[str] | None,
        avoid_classes: Iterable[str] | None,
        direction: Direction,
        include_schema: bool,
        endpoints: Iterable[str],
        cancel: CancelToken | None,
    ) -> None:
        self.kg = kg
        self.include_schema = include_schema
        self.direction = direction
        self.cancel = cancel
        self.allowed = _with_inverses(kg, allowed_predicates) if allowed_predicates is not None else None
        self.excluded = _with_inverses(kg, excluded_predicates or ())
        self.avoid = class_closure(kg, avoid_classes or ())
        self.endpoints = set(endpoints)
        self._steps: dict[str, list[Step]] = {}
        self._passable: dict[str, bool] = {}
        self._inverse: dict[str, str | None] = {}

    def _canonical(self, predicate: str, forward: bool) -> tuple[str, bool]:
        """One name for a fact however it is stored: ``p`` forward is its inverse backward."""
        if predicate not in self._inverse:
            inverse = self.kg.inverse_of(predicate)
            if inverse is None and _SYMMETRIC in self.kg.types(predicate):
                inverse = predicate
            self._inverse[predicate] = inverse
        inverse = self._inverse[predicate]
        if inverse is None:
            return (predicate, forward)
        return min((predicate, forward), (inverse, not forward))

    def all_steps(self, entity: str) -> list[Step]:
        """Every usable link of an entity, whatever its direction, sorted for determinism."""
        cached = self._steps.get(entity)
        if cached is not None:
            return cached
        check(self.cancel)
        steps = self._keep(self.kg.adjacent(entity, include_schema=self.include_schema))
        self._steps[entity] = steps
        return steps

    def _keep(self, links: Iterable[Step]) -> list[Step]:
        kept: dict[tuple[str, tuple[str, bool]], Step] = {}
        for predicate, other, forward in links:
            if self.allowed is not None and predicate not in self.allowed:
                continue
            if predicate in self.excluded:
                continue
            # A fact stored both ways (p and its inverse, or a symmetric p twice) is one link.
            key = (other, self._canonical(predicate, forward))
            if key not in kept or (forward and not kept[key][2]):
                kept[key] = (predicate, other, forward)
        return sorted(kept.values(), key=lambda step: (step[1], step[0], not step[2]))

    def prefetch(self, entities: Iterable[str]) -> None:
        """Links of a whole frontier at once: one query per step against a remote endpoint."""
        missing = [entity for entity in entities if entity not in self._steps]
        if len(missing) < 2:
            return
        for entity, links in self.kg.adjacent_many(missing, include_schema=self.include_schema,
                                                   cancel=self.cancel).items():
            self._steps[entity] = self._keep(links)

    def steps_from(self, entity: str) -> list[Step]:
        """Links usable when walking away from ``entity`` towards the target."""
        if self.direction == "both":
            return self.all_steps(entity)
        wanted = self.direction == "forward"
        return [step for step in self.all_steps(entity) if step[2] is wanted]

    def steps_into(self, entity: str) -> list[Step]:
        """Links usable when walking *into* ``entity`` (for the search from the target)."""
        if self.direction == "both":
            return self.all_steps(entity)
        wanted = self.direction != "forward"
        return [step for step in self.all_steps(entity) if step[2] is wanted]

    def passable(self, entity: str) -> bool:
        """Whether a path may pass through ``entity`` (as an intermediate node)."""
        if entity in self.endpoints:
            return True
        known = self._passable.get(entity)
        if known is not None:
            return known
        hidden = not self.include_schema and (self.kg.is_schema_term(entity) or self.kg.is_evidence_record(entity))
        avoided = bool(self.avoid) and not self.avoid.isdisjoint(self.kg.types(entity))
        ok = not hidden and not avoided
        self._passable[entity] = ok
        return ok


def _with_inverses(kg: KnowledgeGraph, predicates: Iterable[str]) -> frozenset[str]:
    """A predicate filter matches the stored predicate and every property tied to it by owl:inverseOf.

    The tie is followed all the way: a property may have several declared inverses, and an
    inverse of an inverse states the same facts as the predicate itself.
    """
    found: set[str] = set()
    pending = list(predicates)
    while pending:
        predicate = pending.pop()
        if predicate in found:
            continue
        found.add(predicate)
        pending.extend(kg.inverses_of(predicate) - found)
    return frozenset(found)


def class_closure(kg: KnowledgeGraph, classes: Iterable[str]) -> frozenset[str]:
    """Classes together with all their subclasses (an instance of a subclass is an instance).

    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.load_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . '
    ...              '<http://e/City> rdfs:subClassOf <http://e/Place> .', "turtle")
    >>> sorted(class_closure(kg, ["http://e/Place"]))
    ['http://e/City', 'http://e/Place']
    """
    classes = list(classes)
    if not classes:
        return frozenset()
    hierarchy = kg.class_hierarchy()
    return frozenset(sub for cls in classes for sub in descendants(hierarchy, cls))


class _Search:
    """One path search between two entities (see the module docstring for the method)."""

    def __init__(
        self,
        walker: _Walker,
        source: str,
        target: str,
        max_hops: int,
        via: frozenset[str],
        progress: Progress | None,
    ) -> None:
        self.walker = walker
        self.kg = walker.kg
        self.source = source
        self.target = target
        self.max_hops = max_hops
        self.via = via
        self.progress = progress
        # Exact distance to the target of the entities the backward search settled; every
        # other entity is at least ``complete_depth + 1`` hops away.
        self.to_target: dict[str, int] = {target: 0}
        self.complete_depth = 0
        self._via_cache: dict[str, bool] = {}

    # ---------------------------------------------------------------- stage 1: distances
    def shortest_length(self) -> int | None:
        """Length of the shortest path within ``max_hops`` (ignoring ``via``), or None."""
        if self.source == self.target:
            return 0
        from_source: dict[str, int] = {self.source: 0}
        forward_frontier = [self.source]
        backward_frontier = [self.target]
        forward_depth = 0
        best: int | None = None
        while forward_frontier and backward_frontier:
            if forward_depth + self.complete_depth >= self.max_hops:
                break
            # Expand the smaller side: on hub-heavy graphs this is what keeps it fast.
            if len(forward_frontier) <= len(backward_frontier):
                forward_depth += 1
                next_frontier = []
                self.walker.prefetch(forward_frontier)
                for entity in forward_frontier:
                    for _, other, _ in self.walker.steps_from(entity):
                        if other in from_source or not self.walker.passable(other):
                            continue
                        from_source[other] = forward_depth
                        if other in self.to_target:
                            found = forward_depth + self.to_target[other]
                            best = found if best is None else min(best, found)
                        if other != self.target:
                            next_frontier.append(other)
                forward_frontier = next_frontier
            else:
                backward_frontier = self._grow_backward(backward_frontier)
                # The source itself is settled but never expanded, so it is checked apart.
                for entity in [*backward_frontier, self.source]:
                    if entity in from_source and self.to_target.get(entity) == self.complete_depth:
                        found = from_source[entity] + self.complete_depth
                        best = found if best is None else min(best, found)
            if best is not None:
                return best if best <= self.max_hops else None
        return None

    def _grow_backward(self, frontier: list[str]) -> list[str]:
        depth = self.complete_depth + 1
        next_frontier = []
        self.walker.prefetch(frontier)
        for entity in frontier:
            for _, other, _ in self.walker.steps_into(entity):
                if other in self.to_target or not self.walker.passable(other):
                    continue
                self.to_target[other] = depth
                if other != self.source:
                    next_frontier.append(other)
        self.complete_depth = depth
        return next_frontier

    def deepen_distances(self) -> None:
        """Grow the distance table towards ``max_hops`` (tighter pruning for longer paths)."""
        frontier = [entity for entity, depth in self.to_target.items()
                    if depth == self.complete_depth and entity != self.source]
        while frontier and self.complete_depth < self.max_hops - 1 and len(frontier) <= _DISTANCE_FRONTIER_CAP:
            frontier = self._grow_backward(frontier)
        if not frontier:
            # Everything that can reach the target was reached: the rest never will.
            self.complete_depth = self.max_hops

    def lower_bound(self, entity: str) -> int:
        known = self.to_target.get(entity)
        return known if known is not None else self.complete_depth + 1

    # ---------------------------------------------------------------- stage 2: enumeration
    def paths_of_length(self, length: int, cap: int) -> list[GraphPath]:
        """Simple paths of exactly ``length`` hops (at most ``cap``), in traversal order."""
        found: list[GraphPath] = []
        nodes = [self.source]
        hops: list[Hop] = []
        on_path = {self.source}
        cancel = self.walker.cancel

        def extend(entity: str, left: int) -> bool:
            """Depth-first; returns False once ``cap`` paths are found."""
            check(cancel)
            for predicate, other, forward in self.walker.steps_from(entity):
                if other in on_path:
                    continue
                if other == self.target:
                    if left == 1:
                        hop = Hop(entity, predicate, other, forward)
                        if self._passes_via(nodes[1:]):
                            found.append(GraphPath([*nodes, other], [*hops, hop]))
                            if len(found) >= cap:
                                return False
                    continue
                if left <= 1 or self.lower_bound(other) > left - 1 or not self.walker.passable(other):
                    continue
                nodes.append(other)
                hops.append(Hop(entity, predicate, other, forward))
                on_path.add(other)
                keep_going = extend(other, left - 1)
                on_path.discard(other)
                hops.pop()
                nodes.pop()
                if not keep_going:
                    return False
            return True

        if self.lower_bound(self.source) <= length:
            extend(self.source, length)
        return found

    def _passes_via(self, intermediates: Sequence[str]) -> bool:
        if not self.via:
            return True
        for entity in intermediates:
            hit = self._via_cache.get(entity)
            if hit is None:
                hit = not self.via.isdisjoint(self.kg.types(entity))
                self._via_cache[entity] = hit
            if hit:
                return True
        return False

    def report(self, fraction: float | None, message: str) -> None:
        if self.progress is not None:
            self.progress(fraction, message)


def find_paths(
    kg: KnowledgeGraph,
    source: str,
    target: str,
    *,
    mode: PathMode = "shortest",
    k: int = 5,
    max_hops: int = 6,
    allowed_predicates: Iterable[str] | None = None,
    excluded_predicates: Iterable[str] | None = None,
    via_classes: Iterable[str] | None = None,
    avoid_classes: Iterable[str] | None = None,
    direction: Direction = "both",
    include_schema: bool = False,
    limit: int = 100,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[GraphPath]:
    """Simple paths from ``source`` to ``target``, shorter first, then alphabetically in words.

    Args:
        kg: The graph.
        source: Entity the paths start from (IRI or ``_:id``).
        target: Entity the paths end at.
        mode: ``"shortest"`` — every path of the shortest length that meets the
            constraints; ``"k"`` — the ``k`` shortest; ``"all"`` — every simple path
            up to ``max_hops``. Each mode returns at most ``limit`` paths.
        k: How many paths ``mode="k"`` returns.
        max_hops: Longest path considered.
        allowed_predicates: Only these predicates are hops (a predicate's named inverse
            counts as the predicate: it states the same fact).
        excluded_predicates: These predicates (and their inverses) are never hops.
        via_classes: The path passes through at least one intermediate entity of one of
            these classes or their subclasses.
        avoid_classes: No intermediate entity is of these classes or their subclasses.
        direction: ``"forward"`` follows triples only in their stored direction,
            ``"backward"`` only against it, ``"both"`` either way.
        include_schema: Let schema links (rdf:type, rdfs:subClassOf …), classes,
            properties and evidence records be part of paths.
        limit: Most paths returned.
        progress: Called with (fraction, message) as lengths are searched.
        cancel: Raises :class:`~explorer.core.errors.Cancelled` when set.

    Returns:
        The paths, each a :class:`GraphPath`; an empty list when there is none. When one
        length has many more paths than asked for, a fixed subset of them (the first found
        in the sorted traversal) is ordered and kept, so the answer is still deterministic.

    Raises:
        ExplorerError: For an unknown mode or direction, or a negative limit.
        EntityNotFound: When ``source`` or ``target`` is not an entity of the graph.

    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.load_text('@prefix e: <http://e/> . e:a e:knows e:b . e:b e:knows e:c . e:a e:likes e:c .', "turtle")
    >>> [p.words(kg) for p in find_paths(kg, "http://e/a", "http://e/c", mode="all")]
    ['a —likes→ c', 'a —knows→ b —knows→ c']
    >>> [p.words(kg) for p in find_paths(kg, "http://e/c", "http://e/a", direction="forward")]
    []
    """
    if mode not in _MODES:
        raise ExplorerError(f"unknown path mode {mode!r} (use one of: {', '.join(_MODES)})")
    if direction not in _DIRECTIONS:
        raise ExplorerError(f"unknown direction {direction!r} (use one of: {', '.join(_DIRECTIONS)})")
    if max_hops < 1 or limit < 1 or k < 1:
        raise ExplorerError("max hops, k and limit must be at least 1")
    for role, entity in (("start", source), ("end", target)):
        # Endpoints come from pickers, the CLI or snapshots: text that is no entity of this
        # graph is the user's mistake, said in one line, and never reaches the store.
        try:
            known = bool(entity) and kg.exists(entity)
        except (ValueError, TypeError):
            known = False
        if not known:
            raise EntityNotFound(f"the path's {role} {entity!r} is not an entity of this graph")
    wanted = min(k, limit) if mode == "k" else limit
    if source == target:
        return []
    walker = _Walker(
        kg,
        allowed_predicates=allowed_predicates,
        excluded_predicates=excluded_predicates,
        avoid_classes=avoid_classes,
        direction=direction,
        include_schema=include_schema,
        endpoints=(source, target),
        cancel=cancel,
    )
    search = _Search(walker, source, target, max_hops, class_closure(kg, via_classes or ()), progress)
    search.report(None, "Looking for the shortest path")
    shortest = search.shortest_length()
    if shortest is None:
        search.report(1.0, "No path")
        return []
    if mode != "shortest" or search.via:
        search.deepen_distances()
    results: list[GraphPath] = []
    for length in range(shortest, max_hops + 1):
        check(cancel)
        search.report((length - shortest) / (max_hops - shortest + 1), f"Looking for paths of {length} hops")
        if search.lower_bound(source) > length:
            continue
        batch = search.paths_of_length(length, cap=max(wanted * _COLLECT_FACTOR, 20))
        # Sorting reads every path in words: one batched label query on a remote endpoint.
        kg.prefetch_labels({item for path in batch for item in (*path.nodes, *(h.predicate for h in path.hops))})
        batch.sort(key=lambda path: path.sort_key(kg))
        results.extend(batch[: wanted - len(results)])
        if len(results) >= wanted or (mode == "shortest" and results):
            break
    search.report(1.0, f"{len(results)} path(s)")
    return results


def connecting_network(
    kg: KnowledgeGraph,
    entities: Sequence[str],
    max_hops: int = 4,
    cancel: CancelToken | None = None,
    *,
    include_schema: bool = False,
) -> list[GraphPath]:
    """Paths that join several entities into one network (a Steiner-tree approximation).

    Starting from the first entity, the entity closest to the network built so far is
    joined by its shortest path to any entity already in it, until every entity is joined.
    An entity more than ``max_hops`` away from the network is left out: the entities that
    appear in no returned path are the ones that could not be joined.

    Args:
        kg: The graph.
        entities: Two or more entities (duplicates are ignored).
        max_hops: Longest path used to join one entity.
        cancel: Raises :class:`~explorer.core.errors.Cancelled` when set.
        include_schema: Let schema links, classes and evidence records be part of paths.

    Returns:
        One path per joined entity, each from the network to that entity.

    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.load_text('@prefix e: <http://e/> . e:hub e:links e:a, e:b, e:c .', "turtle")
    >>> [p.words(kg) for p in connecting_network(kg, ["http://e/a", "http://e/b", "http://e/c"])]
    ['a —links (inverse)→ hub —links→ b', 'hub —links→ c']
    """
    ordered = list(dict.fromkeys(entities))
    if len(ordered) < 2:
        return []
    walker = _Walker(
        kg, allowed_predicates=None, excluded_predicates=None, avoid_classes=None, direction="both",
        include_schema=include_schema, endpoints=ordered, cancel=cancel,
    )
    in_network: set[str] = {ordered[0]}
    waiting = ordered[1:]
    paths: list[GraphPath] = []
    while waiting:
        best: GraphPath | None = None
        for entity in waiting:
            check(cancel)
            found = _path_to_any(walker, entity, in_network, max_hops if best is None else min(max_hops, best.length))
            if found is not None and (best is None or found.length < best.length):
                best = found
        if best is None:
            break
        joined = best.reversed()  # read from the network towards the new entity
        paths.append(joined)
        in_network.update(joined.nodes)
        waiting = [entity for entity in waiting if entity not in in_network]
    return paths


def _path_to_any(walker: _Walker, start: str, goals: set[str], max_hops: int) -> GraphPath | None:
    """Breadth-first from ``start`` to the nearest of ``goals`` (first found in sorted order)."""
    if start in goals:
        return GraphPath([start], [])
    parents: dict[str, tuple[str, Hop] | None] = {start: None}
    frontier = [start]
    for _ in range(max_hops):
        next_frontier = []
        for entity in frontier:
            for predicate, other, forward in walker.steps_from(entity):
                if other in parents:
                    continue
                hop = Hop(entity, predicate, other, forward)
                if other in goals:
                    hops = [hop]
                    node = entity
                    while (link := parents[node]) is not None:
                        node, previous = link
                        hops.append(previous)
                    hops.reverse()
                    return GraphPath([start, *(h.target for h in hops)], hops)
                if not walker.passable(other):
                    continue
                parents[other] = (entity, hop)
                next_frontier.append(other)
        frontier = next_frontier
    return None


__all__ = ["GraphPath", "Hop", "class_closure", "connecting_network", "find_paths"]
