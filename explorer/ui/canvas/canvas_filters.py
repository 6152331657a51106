"""Which nodes have each class and which edges each predicate: a filter change re-checks only those.

Toggling a class or a link type used to re-check every node and edge of the scene (a
second at 50,000 nodes). The canvas now asks :class:`FilterGroups` for the few that can
change: the members of the classes and predicates whose filter changed since the last
time, and whatever is hidden now (it may come back), found by cheap scans of flags.
"""

from __future__ import annotations

from explorer.core.scene import Scene, SceneEdge, SceneNode


class FilterGroups:
    """Nodes by class and edges by predicate, kept in step with the scene's events."""

    def __init__(self) -> None:
        self.by_class: dict[str, set[str]] = {}
        self.by_predicate: dict[str, set[str]] = {}
        self.class_of: dict[str, str] = {}
        self.applied_classes: frozenset[str] = frozenset()
        self.applied_predicates: frozenset[str] = frozenset()

    def reset(self, scene: Scene) -> None:
        self.by_class, self.by_predicate, self.class_of = {}, {}, {}
        for node in scene.nodes.values():
            self.add_node(node)
        for edge in scene.edges.values():
            self.add_edge(edge)
        self.applied_classes = frozenset(scene.hidden_classes)
        self.applied_predicates = frozenset(scene.hidden_predicates)

    def add_node(self, node: SceneNode) -> None:
        old = self.class_of.get(node.id)
        if old == node.class_iri:
            return
        if old is not None:
            self.by_class.get(old, set()).discard(node.id)
        self.class_of[node.id] = node.class_iri
        self.by_class.setdefault(node.class_iri, set()).add(node.id)

    def remove_node(self, node_id: str) -> None:
        old = self.class_of.pop(node_id, None)
        if old is not None:
            self.by_class.get(old, set()).discard(node_id)

    def add_edge(self, edge: SceneEdge) -> None:
        self.by_predicate.setdefault(edge.predicate, set()).add(edge.id)

    def remove_edge(self, edge: SceneEdge) -> None:
        self.by_predicate.get(edge.predicate, set()).discard(edge.id)

    def candidates(self, scene: Scene, node_visible: dict[str, bool],
                   edge_visible: dict[str, bool]) -> tuple[set[str], set[str]]:
        """(nodes, edges) whose visibility may have changed since the last call.

        A node changes only if it is hidden now (by its flag), was hidden before, or its
        class's filter changed; an edge likewise with its predicate — or through one of its
        ends, which the caller adds for the nodes that did change.
        """
        classes = frozenset(scene.hidden_classes)
        predicates = frozenset(scene.hidden_predicates)
        nodes = {node_id for node_id, visible in node_visible.items() if not visible}
        nodes.update(node_id for node_id, node in scene.nodes.items() if node.hidden)
        for class_iri in classes ^ self.applied_classes:
            nodes |= self.by_class.get(class_iri, set())
        edges = {edge_id for edge_id, visible in edge_visible.items() if not visible}
        edges.update(edge_id for edge_id, edge in scene.edges.items() if edge.hidden)
        for predicate in predicates ^ self.applied_predicates:
            edges |= self.by_predicate.get(predicate, set())
        self.applied_classes, self.applied_predicates = classes, predicates
        return nodes, edges


__all__ = ["FilterGroups"]
