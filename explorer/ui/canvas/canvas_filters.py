"""What a filter change shows and hides, worked out for every node and edge at once from numpy tables.

Toggling a class or a link type used to re-check nodes and edges one by one in Python (half a
second at 50,000 nodes for a class: its nodes, then every edge touching them). The canvas now
keeps, by row, what decides visibility: for nodes (rows of the hit index) their class, their own
"hidden" flag and, for a "+N more" node, its parent; for edges (rows of the visibility flags)
their ends, their own flag and their link type. A filter change is then a few array operations,
and only the rows whose flags really changed go back to the canvas.

The tables are built again only when nodes or edges are added or removed (the hit index or
the edge set changed); a node's class or own flag changing is copied into its row as it happens.
An edge's own flag changes only through events that say so (a hide or "show all"), after which
those flags are read again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.core.scene import Scene, SceneNode
from explorer.ui.canvas.canvas_visibility import EdgeVisibility


@dataclass
class FilterOutcome:
    """Rows whose flags a filter change turned, and their new values."""

    #: Hit-index rows of the nodes whose visibility changed, and the new visibility of every row.
    node_rows: np.ndarray
    node_visible: np.ndarray
    #: Flag rows of the edges whose drawable flag changed (their tiles draw again), and of those whose shown flag did.
    drawable_rows: np.ndarray
    shown_rows: np.ndarray
    drawable: np.ndarray
    shown: np.ndarray


class FilterTables:
    """Per-row arrays of the canvas's nodes and edges that decide what a filter shows."""

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}
        self._nodes_of: list[str] | None = None
        self.node_class = np.zeros(0, dtype=np.intp)
        self.node_hidden = np.zeros(0, dtype=bool)
        self._more_rows = np.zeros(0, dtype=np.intp)
        self._more_parents = np.zeros(0, dtype=np.intp)
        self._edges_of: tuple[list[str], EdgeVisibility, int] | None = None
        self.edge_alive = np.zeros(0, dtype=bool)
        self.edge_hidden = np.zeros(0, dtype=bool)
        self.edge_source = np.zeros(0, dtype=np.intp)
        self.edge_target = np.zeros(0, dtype=np.intp)
        self.edge_kind = np.zeros(0, dtype=np.intp)

    def _code(self, name: str) -> int:
        code = self._codes.get(name)
        if code is None:
            code = self._codes[name] = len(self._codes)
        return code

    def _hidden_codes(self, names: set[str]) -> np.ndarray:
        """A mask by code: True for the codes of ``names`` (classes or link types filtered out)."""
        mask = np.zeros(len(self._codes) + 1, dtype=bool)
        for name in names:
            code = self._codes.get(name)
            if code is not None:
                mask[code] = True
        return mask

    def hidden_mask(self, names: set[str]) -> np.ndarray:
        """By code (of a class or link type, as in :attr:`node_class` and :attr:`edge_kind`): True for ``names``."""
        return self._hidden_codes(names)

    # ------------------------------------------------------------------ nodes (rows of the hit index)
    def _build_nodes(self, scene: Scene, ids: list[str], position: dict[str, int], first: int = 0) -> None:
        """Fill the rows of ``ids`` from ``first`` on (0: all of them; more: rows appended to the hit index)."""
        if first and (self._nodes_of is not ids or first != len(self.node_class)
                      or (self._more_parents < 0).any()):  # a "+N more" node without its parent may have got it
            first = 0
        nodes = [scene.nodes[node_id] for node_id in ids[first:]]
        code = self._code
        node_class = np.fromiter((code(node.class_iri) for node in nodes), dtype=np.intp, count=len(nodes))
        node_hidden = np.fromiter((node.hidden for node in nodes), dtype=bool, count=len(nodes))
        more = [(row, node.entity) for row, node in enumerate(nodes, start=first) if node.kind == "more"]
        parents = [position.get(entity, -1) for _, entity in more]
        # A "+N more" node shows with its parent, and only when the parent is an entity (else: never).
        parents = [row if row >= 0 and scene.nodes[ids[row]].kind == "entity" else -1 for row in parents]
        more_rows = np.array([row for row, _ in more], dtype=np.intp)
        more_parents = np.array(parents, dtype=np.intp)
        if first:
            node_class = np.concatenate([self.node_class, node_class])
            node_hidden = np.concatenate([self.node_hidden, node_hidden])
            more_rows = np.concatenate([self._more_rows, more_rows])
            more_parents = np.concatenate([self._more_parents, more_parents])
        self.node_class, self.node_hidden = node_class, node_hidden
        self._more_rows, self._more_parents = more_rows, more_parents
        self._nodes_of = ids

    def node_changed(self, row: int | None, node: SceneNode) -> None:
        """Copy one node's class and own flag into its row (when the tables are built)."""
        if self._nodes_of is not None and row is not None and row < len(self.node_class):
            self.node_class[row] = self._code(node.class_iri)
            self.node_hidden[row] = node.hidden

    def node_visibility(self, scene: Scene, ids: list[str], position: dict[str, int], reread: bool) -> np.ndarray:
        """``Scene.is_node_visible`` for every hit-index row."""
        if self._nodes_of is ids and len(self.node_class) < len(ids):  # nodes appended to the hit index (an expansion)
            self._build_nodes(scene, ids, position, len(self.node_class))
        if self._nodes_of is not ids or len(self.node_class) != len(ids):
            self._build_nodes(scene, ids, position)
        elif reread or self.node_hidden.any():  # "show all" clears flags without a node event
            nodes = scene.nodes
            self.node_hidden = np.fromiter((nodes[node_id].hidden for node_id in ids), dtype=bool, count=len(ids))
        visible = ~self.node_hidden & ~self._hidden_codes(scene.hidden_classes)[self.node_class]
        if len(self._more_rows):
            parents = self._more_parents
            parent_visible = np.where(parents >= 0, visible[np.maximum(parents, 0)], False)
            visible[self._more_rows] = ~self.node_hidden[self._more_rows] & parent_visible
        return visible

    # ------------------------------------------------------------------ edges (rows of the visibility flags)
    def _build_edges(self, scene: Scene, flags: EdgeVisibility, position: dict[str, int],
                     key: tuple[list[str], EdgeVisibility, int], first: int = 0) -> None:
        """Fill the flag rows from ``first`` on (0: all of them; more: rows of edges added since)."""
        keys = flags.keys_by_row[first:]
        count = len(keys)
        found = [scene.edges.get(edge_id) for edge_id in keys]
        edge_alive = np.fromiter((edge is not None for edge in found), dtype=bool, count=count)
        edges = [edge for edge in found if edge is not None]
        alive = np.flatnonzero(edge_alive)
        edge_hidden = np.zeros(count, dtype=bool)
        edge_hidden[alive] = np.fromiter((edge.hidden for edge in edges), dtype=bool, count=len(edges))
        edge_source = np.zeros(count, dtype=np.intp)
        edge_target = np.zeros(count, dtype=np.intp)
        edge_source[alive] = np.fromiter((position[edge.source] for edge in edges), dtype=np.intp, count=len(edges))
        edge_target[alive] = np.fromiter((position[edge.target] for edge in edges), dtype=np.intp, count=len(edges))
        edge_kind = np.zeros(count, dtype=np.intp)
        code = self._code
        # An edge without a link type is never filtered: it gets the code of "" (never in the filter).
        edge_kind[alive] = np.fromiter((code(edge.predicate) for edge in edges), dtype=np.intp, count=len(edges))
        if first:
            edge_alive = np.concatenate([self.edge_alive, edge_alive])
            edge_hidden = np.concatenate([self.edge_hidden, edge_hidden])
            edge_source = np.concatenate([self.edge_source, edge_source])
            edge_target = np.concatenate([self.edge_target, edge_target])
            edge_kind = np.concatenate([self.edge_kind, edge_kind])
        self.edge_alive, self.edge_hidden, self.edge_kind = edge_alive, edge_hidden, edge_kind
        self.edge_source, self.edge_target = edge_source, edge_target
        self._edges_of = key

    def edges_current(self, scene: Scene, flags: EdgeVisibility, position: dict[str, int],
                      key: tuple[list[str], EdgeVisibility, int]) -> bool:
        """Bring the edge rows up to date (``key`` as for :meth:`edge_flags`); True when all were built afresh."""
        old = self._edges_of
        same = old is not None and old[0] is key[0] and old[1] is key[1] and old[2] == key[2]
        if same and len(self.edge_alive) < len(flags.keys_by_row):  # edges added (new flag rows): theirs are appended
            self._build_edges(scene, flags, position, key, len(self.edge_alive))
        if not same or len(self.edge_alive) != len(flags.keys_by_row):
            self._build_edges(scene, flags, position, key)
            return True
        return False

    def edge_flags(self, scene: Scene, flags: EdgeVisibility, position: dict[str, int], node_visible: np.ndarray,
                   key: tuple[list[str], EdgeVisibility, int], reread: bool) -> tuple[np.ndarray, np.ndarray]:
        """(drawable, shown) for every flag row, from the nodes' visibility by hit-index row.

        ``key`` is (the hit index's ids, the flags, the canvas's edge epoch): the tables hold on
        to the first two, so "the same" is identity, never a reused ``id()``.
        """
        if not self.edges_current(scene, flags, position, key) and (reread or self.edge_hidden.any()):
            # A hide or "show all" changed edges' own flags.
            edges = scene.edges
            alive = np.flatnonzero(self.edge_alive)
            keys = flags.keys_by_row
            self.edge_hidden[alive] = np.fromiter((edges[keys[row]].hidden for row in alive.tolist()), dtype=bool,
                                                  count=len(alive))
        drawable = (self.edge_alive & ~self.edge_hidden & node_visible[self.edge_source]
                    & node_visible[self.edge_target])
        predicates = {predicate for predicate in scene.hidden_predicates if predicate}
        shown = drawable & ~self._hidden_codes(predicates)[self.edge_kind]
        return drawable, shown

    def apply(self, scene: Scene, ids: list[str], position: dict[str, int], index_visible: np.ndarray,
              flags: EdgeVisibility, edges_key: tuple[list[str], EdgeVisibility, int], reread: bool) -> FilterOutcome:
        """Everything a filter change turns, against the canvas's current flags."""
        visible = self.node_visibility(scene, ids, position, reread)
        drawable, shown = self.edge_flags(scene, flags, position, visible, edges_key, reread)
        return FilterOutcome(node_rows=np.flatnonzero(visible != index_visible), node_visible=visible,
                             drawable_rows=np.flatnonzero(drawable != flags.drawable),
                             shown_rows=np.flatnonzero(shown != flags.array), drawable=drawable, shown=shown)


__all__ = ["FilterOutcome", "FilterTables"]
