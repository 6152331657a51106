"""The entities and links an analysis looks at, read from the store: never literals, never a copy.

A :class:`Scope` names what to analyse: a set of entities (the canvas content), a focus entity
with a number of hops around it, or the whole graph. :func:`build_link_graph` reads the links
of that scope through the facade's bulk adjacency (:meth:`KnowledgeGraph.adjacent_many` for a
scope of entities, :meth:`KnowledgeGraph.entity_links` for the whole graph) into a
:class:`LinkGraph` of integer-numbered entities, from which networkx graphs are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from explorer.core.errors import ExplorerError
from explorer.core.tasks import CancelToken, Progress, check

if TYPE_CHECKING:
    import networkx as nx

    from explorer.core.graph import KnowledgeGraph

ScopeKind = Literal["nodes", "focus", "graph"]


@dataclass(frozen=True)
class Scope:
    """What an analysis covers.

    >>> Scope.of_graph().describe()
    'the whole graph'
    >>> Scope.around("http://e/a", 2).describe()
    'http://e/a and 2 hops around it'
    """

    kind: ScopeKind
    entities: tuple[str, ...] = ()
    focus: str | None = None
    hops: int = 1

    @classmethod
    def of_entities(cls, entities: Iterable[str]) -> Scope:
        return cls("nodes", entities=tuple(dict.fromkeys(entities)))

    @classmethod
    def around(cls, focus: str, hops: int) -> Scope:
        if hops < 0:
            raise ExplorerError(f"hops: must be 0 or more, not {hops}")
        return cls("focus", focus=focus, hops=hops)

    @classmethod
    def of_graph(cls) -> Scope:
        return cls("graph")

    def describe(self, label: object = None) -> str:
        """The scope in words; ``label`` (a function of an entity) names the focus."""
        if self.kind == "graph":
            return "the whole graph"
        if self.kind == "nodes":
            return f"{len(self.entities)} entities on the canvas"
        name = label(self.focus) if callable(label) else self.focus
        return f"{name} and {self.hops} hop{'s' if self.hops != 1 else ''} around it"


@dataclass
class LinkGraph:
    """Entities numbered 0..n-1 and the distinct links between them (stored direction kept)."""

    nodes: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    sources: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    predicates: list[str] = field(default_factory=list)

    def add_node(self, entity: str) -> int:
        number = self.index.get(entity)
        if number is None:
            number = self.index[entity] = len(self.nodes)
            self.nodes.append(entity)
        return number

    def add_link(self, subject: str, predicate: str, obj: str) -> None:
        self.sources.append(self.add_node(subject))
        self.targets.append(self.add_node(obj))
        self.predicates.append(predicate)

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    @property
    def link_count(self) -> int:
        return len(self.sources)

    def directed(self) -> nx.DiGraph:
        """Entities (by number) and links, parallel links summed into ``weight``; no self-loops kept apart."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(range(self.node_count))
        for source, target in zip(self.sources, self.targets, strict=False):
            if graph.has_edge(source, target):
                graph[source][target]["weight"] += 1
            else:
                graph.add_edge(source, target, weight=1)
        return graph

    def undirected(self, *, self_loops: bool = False) -> nx.Graph:
        """The links without direction, parallel links (either way) summed into ``weight``."""
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(range(self.node_count))
        for source, target in zip(self.sources, self.targets, strict=False):
            if source == target and not self_loops:
                continue
            if graph.has_edge(source, target):
                graph[source][target]["weight"] += 1
            else:
                graph.add_edge(source, target, weight=1)
        return graph


def build_link_graph(
    kg: KnowledgeGraph, scope: Scope, *, progress: Progress | None = None, cancel: CancelToken | None = None,
) -> LinkGraph:
    """The entities of ``scope`` and the distinct links between them.

    Raises:
        ExplorerError: the focus entity is not in the graph, or the whole graph of an endpoint
            was asked for.
    """
    if scope.kind == "graph":
        return _whole_graph(kg, progress, cancel)
    if scope.kind == "nodes":
        members = list(scope.entities)
    else:
        if scope.focus is None or not kg.exists(scope.focus):
            raise ExplorerError(f"focus: {scope.focus!r} is not in the graph")
        members = _around(kg, scope.focus, scope.hops, progress, cancel)
    return _links_among(kg, members, progress, cancel)


def _whole_graph(kg: KnowledgeGraph, progress: Progress | None, cancel: CancelToken | None) -> LinkGraph:
    links = LinkGraph()
    seen: set[tuple[str, str, str]] = set()
    for triple in kg.entity_links(progress=progress, cancel=cancel):
        if triple in seen:
            continue
        seen.add(triple)
        links.add_link(*triple)
    return links


def _around(kg: KnowledgeGraph, focus: str, hops: int, progress: Progress | None, cancel: CancelToken | None) -> list[str]:
    reached = {focus: 0}
    frontier = [focus]
    for depth in range(1, hops + 1):
        check(cancel)
        if progress is not None:
            progress(None, f"collecting {depth} hop{'s' if depth != 1 else ''} around the focus")
        following: list[str] = []
        for links in kg.adjacent_many(frontier, cancel=cancel).values():
            for _, other, _ in links:
                if other not in reached:
                    reached[other] = depth
                    following.append(other)
        frontier = following
        if not frontier:
            break
    return list(reached)


def _links_among(kg: KnowledgeGraph, members: Sequence[str], progress: Progress | None,
                 cancel: CancelToken | None) -> LinkGraph:
    wanted = set(members)
    links = LinkGraph()
    for entity in members:
        links.add_node(entity)
    seen: set[tuple[str, str, str]] = set()
    step = max(1, len(members) // 50)
    batch = 256
    for start in range(0, len(members), batch):
        check(cancel)
        if progress is not None and not (start // batch) % step:
            progress(start / max(1, len(members)), "reading the links between the entities")
        for entity, adjacent in kg.adjacent_many(members[start:start + batch], incoming=False, cancel=cancel).items():
            for predicate, other, _ in adjacent:
                triple = (entity, predicate, other)
                if other in wanted and triple not in seen:
                    seen.add(triple)
                    links.add_link(*triple)
    return links
