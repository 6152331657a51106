"""Where things are on the canvas: the tile grid the scene's items are placed in, the numpy
hit index that finds nodes under the mouse or in a rubber band, and the node items made
lazily for the region in view."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QPoint,
    QPointF,
    QRectF,
)

from explorer.core.scene import SceneEdge, SceneNode
from explorer.ui.canvas.canvas_drawing import (
    EDGES_PER_TILE,
    ITEM_MARGIN,
    LEVEL_FACTOR,
    MIN_TILE_SIZE,
    PARALLEL_EDGE_GAP,
    TILES_ACROSS,
    NodeItem,
    TileKey,
    pair_key,
)
from explorer.ui.canvas.canvas_tiles import EdgeTileItem, NodeTileItem, TileItem


class CanvasIndexMixin:
    """Tile placement, the hit index and lazy node items of :class:`GraphCanvasView`."""

    # ------------------------------------------------------------------ tiles
    def _release_tiles(self) -> None:
        """Every tile gives back the pixels it keeps (the tiles are dropped, or the canvas closes)."""
        for tile in [*self.edge_tiles.values(), *self.node_tiles.values()]:
            tile.release_kept_pixels()

    def _retile(self) -> None:
        """Drop every tile and bucket all nodes and edges again, on a grid sized to the scene."""
        self._release_tiles()
        for tile in [*self.edge_tiles.values(), *self.node_tiles.values()]:
            self.graphics_scene.removeItem(tile)
        self.edge_tiles.clear()
        self.node_tiles.clear()
        self._dirty_tiles.clear()
        self._edge_tile_of.clear()
        self._node_tile_of.clear()
        bounds = self.scene_model.bounds(visible_only=False)
        extent = 0.0 if bounds is None else max(bounds[2] - bounds[0], bounds[3] - bounds[1])
        fewest, most = TILES_ACROSS
        # Each cell holds one edge layer per link type in it: the grid is sized for EDGES_PER_TILE edges a layer.
        link_types = max(len({edge.predicate for edge in self.scene_model.edges.values()}), 1)
        across = min(max(math.sqrt(len(self.scene_model.edges) / (EDGES_PER_TILE * link_types)), fewest), most)
        self.tile_size = max(MIN_TILE_SIZE, extent / across)
        # Bucketing 100k edges one by one takes seconds: keys are computed for all of them at once.
        self._ensure_index()
        size = self.tile_size
        node_keys = np.floor(self._index_xy / size).astype(np.int64)
        for node_id, (column, row) in zip(self._index_ids, node_keys.tolist(), strict=True):
            self._add_to_tile(self.node_tiles, self._node_tile_of, NodeTileItem, node_id, (0, column, row))
        edges = list(self.scene_model.edges.values())
        if edges:
            where = self._index_pos
            start = self._index_xy[np.fromiter((where[e.source] for e in edges), dtype=np.intp, count=len(edges))]
            end = self._index_xy[np.fromiter((where[e.target] for e in edges), dtype=np.intp, count=len(edges))]
            reach = np.abs(start - end).max(axis=1)
            level = np.zeros(len(edges), dtype=np.int64)
            sizes = np.full(len(edges), size)
            while True:
                longer = reach > 2 * sizes
                if not longer.any():
                    break
                level[longer] += 1
                sizes[longer] *= LEVEL_FACTOR
            cells = np.floor((start + end) / 2 / sizes[:, None]).astype(np.int64)
            layer = self._edge_layer
            for edge, edge_level, (column, row) in zip(edges, level.tolist(), cells.tolist(), strict=True):
                self._add_to_tile(self.edge_tiles, self._edge_tile_of, EdgeTileItem, edge.id,
                                  (edge_level, column, row, layer(edge.predicate)))

    def _add_to_tile(self, tiles: dict[TileKey, Any], tile_of: dict[str, TileKey], kind: type[TileItem], item_id: str,
                     key: TileKey) -> None:
        tile = tiles.get(key)
        if tile is None:
            tile = tiles[key] = kind(self, key)
            self.graphics_scene.addItem(tile)
            self._dirty_tiles.add(tile)
        tile.add(item_id)
        tile_of[item_id] = key

    def _edge_layer(self, predicate: str) -> int:
        """The number of a link type's layer: the last part of its edge tiles' keys."""
        layer = self._layer_of.get(predicate)
        if layer is None:
            layer = self._layer_of[predicate] = len(self.layer_predicates)
            self.layer_predicates.append(predicate)
        return layer

    def _tile_key(self, x: float, y: float, level: int = 0) -> TileKey:
        size = self.tile_size * LEVEL_FACTOR**level
        return (level, math.floor(x / size), math.floor(y / size))

    def _tile(self, tiles: dict[TileKey, Any], key: TileKey, kind: type[TileItem]) -> Any:
        tile = tiles.get(key)
        if tile is None:
            tile = tiles[key] = kind(self, key)
            self.graphics_scene.addItem(tile)
        return tile

    def _mark(self, tile: TileItem | None, looks: bool = True) -> None:
        """Have ``tile`` rebuilt; ``looks=False``: only which members are shown, selected or lit changed."""
        if tile is None:
            return
        if self._overview_on and isinstance(tile, EdgeTileItem):
            self.overview.invalidate()  # it compares what it keeps with the canvas's arrays on its next paint
        if looks:
            tile.looks_changed()
        if tile.dirty and tile in self._dirty_tiles:  # already waiting: a filter marks thousands
            return
        self._dirty_tiles.add(tile)
        tile.invalidate()

    def _place_node(self, node: SceneNode) -> None:
        """Put the node in the tile under it (its old tile and its new one rebuild)."""
        key = self._tile_key(node.x, node.y)
        old = self._node_tile_of.get(node.id)
        if old is not None and old != key:
            tile = self.node_tiles.get(old)
            if tile is not None:
                tile.discard(node.id)
                self._mark(tile)
        tile = self._tile(self.node_tiles, key, NodeTileItem)
        if node.id not in tile.ids:
            tile.add(node.id)
        else:
            tile.member_changed(node)  # its square follows; the tile's other members' looks are kept
        self._node_tile_of[node.id] = key
        self._mark(tile, looks=False)

    def _unplace_node(self, node_id: str) -> None:
        key = self._node_tile_of.pop(node_id, None)
        tile = self.node_tiles.get(key) if key is not None else None
        if tile is not None:
            tile.discard(node_id)
            self._mark(tile)

    def _edge_key(self, edge: SceneEdge) -> TileKey:
        nodes = self.scene_model.nodes
        source, target = nodes[edge.source], nodes[edge.target]
        # A long edge would stretch a small tile's cache far beyond the tile: it goes to a coarser grid.
        reach = max(abs(source.x - target.x), abs(source.y - target.y))
        level, size = 0, self.tile_size
        while reach > 2 * size:
            level, size = level + 1, size * LEVEL_FACTOR
        return (*self._tile_key((source.x + target.x) / 2, (source.y + target.y) / 2, level), self._edge_layer(edge.predicate))

    def _place_edge(self, edge: SceneEdge) -> None:
        key = self._edge_key(edge)
        old = self._edge_tile_of.get(edge.id)
        if old is not None and old != key:
            tile = self.edge_tiles.get(old)
            if tile is not None:
                tile.discard(edge.id)
                self._mark(tile)
        tile = self._tile(self.edge_tiles, key, EdgeTileItem)
        if edge.id not in tile.ids:  # already there: its members (and their kept arrays) stay as they are
            tile.add(edge.id)
        self._edge_tile_of[edge.id] = key
        self._mark(tile, looks=False)  # ends moved: positions are read afresh; a link's own colour changes by restyle

    def _unplace_edge(self, edge_id_: str) -> None:
        key = self._edge_tile_of.pop(edge_id_, None)
        tile = self.edge_tiles.get(key) if key is not None else None
        if tile is not None:
            tile.discard(edge_id_)
            self._mark(tile)

    def _mark_edge(self, edge_id_: str) -> None:
        key = self._edge_tile_of.get(edge_id_)
        if key is not None:
            self._mark(self.edge_tiles.get(key))

    def _mark_node(self, node_id: str) -> None:
        key = self._node_tile_of.get(node_id)
        if key is not None:
            self._mark(self.node_tiles.get(key), looks=False)  # shown, selected or lit: the node's looks stay

    def _node_moved(self, node: SceneNode, *, with_edges: bool = True) -> None:
        """Follow one node to its new place: its tile, its edges' tiles, the hit index."""
        self._place_node(node)
        if with_edges:
            for edge in self.scene_model.incident_edges(node.id):
                if edge.id not in self.dragged_edges:
                    self._place_edge(edge)
        self._index_update(node)

    def _bend_group(self, group: list[str]) -> None:
        self.bends_epoch += 1
        edges = self.scene_model.edges
        for edge_id_ in group:
            edge = edges.get(edge_id_)
            bend = self.edge_bend(edge) if edge is not None else 0.0
            if bend:
                self._bent[edge_id_] = bend
            else:
                self._bent.pop(edge_id_, None)

    def edge_bend(self, edge: SceneEdge) -> float:
        """Sideways offset of an edge's middle: opposite and parallel edges between two nodes fan out."""
        group = self._pairs.get(pair_key(edge))
        if group is None or len(group) < 2 or edge.source == edge.target:
            return 0.0
        offset = (group.index(edge.id) - (len(group) - 1) / 2) * PARALLEL_EDGE_GAP
        # Offsets are counted in the pair's own direction; an edge running the other way sees them mirrored.
        return offset if edge.source < edge.target else -offset

    # ------------------------------------------------------------------ the hit index
    def _ensure_index(self) -> None:
        if self._index_dirty:
            self._index_dirty = False
            self._index_pending.clear()
            nodes = list(self.scene_model.nodes.values())
            self._index_ids = [n.id for n in nodes]
            self._index_pos = {node_id: i for i, node_id in enumerate(self._index_ids)}
            self._index_xy = np.array([(n.x, n.y) for n in nodes], dtype=float).reshape(-1, 2)
            self._index_half = np.array([n.size / 2 for n in nodes], dtype=float)
            self._index_visible = np.array([self._node_visible.get(n.id, True) for n in nodes], dtype=bool)
        elif self._index_pending:
            self._append_to_index()

    def _index_added(self, node: SceneNode) -> None:
        """A node was added: it gets the next row of the hit index when the index is next read.

        Rows are only ever appended here (an expansion adds a few nodes to thousands): the rows of
        the nodes already indexed stay, so what tiles, the label layer and the filter tables keep
        by row stays valid. A removal rebuilds the index (new lists: every keeper starts over).
        """
        if not self._index_dirty:
            self._index_pending.append(node)

    def _append_to_index(self) -> None:
        pending, self._index_pending = self._index_pending, []
        nodes = self.scene_model.nodes
        fresh = [node for node in pending if nodes.get(node.id) is node and node.id not in self._index_pos]
        if len(fresh) != len(pending) or len({node.id for node in fresh}) != len(fresh):
            self._index_dirty = True  # removed or replaced meanwhile: start over
            self._ensure_index()
            return
        ids, where = self._index_ids, self._index_pos
        for node in fresh:
            where[node.id] = len(ids)
            ids.append(node.id)
        self._index_xy = np.concatenate([self._index_xy, np.array([(n.x, n.y) for n in fresh], dtype=float)])
        self._index_half = np.concatenate([self._index_half, np.array([n.size / 2 for n in fresh], dtype=float)])
        self._index_visible = np.concatenate([self._index_visible, np.array(
            [self._node_visible.get(n.id, True) for n in fresh], dtype=bool)])

    def _index_update(self, node: SceneNode) -> None:
        if self._index_dirty:
            return
        if self._index_pending:
            self._append_to_index()
            if self._index_dirty:
                return
        i = self._index_pos.get(node.id)
        if i is None:
            self._index_dirty = True
            return
        self._index_xy[i] = (node.x, node.y)
        self._index_half[i] = node.size / 2
        self._index_visible[i] = self._node_visible.get(node.id, True)

    def nodes_in(self, rect: QRectF, visible_only: bool = True) -> list[str]:
        """Ids of the nodes whose centre lies in ``rect`` (scene coordinates)."""
        self._ensure_index()
        xy = self._index_xy
        inside = (xy[:, 0] >= rect.left()) & (xy[:, 0] <= rect.right()) & (xy[:, 1] >= rect.top()) & (xy[:, 1] <= rect.bottom())
        if visible_only:
            inside &= self._index_visible
        ids = self._index_ids
        return [ids[i] for i in np.flatnonzero(inside).tolist()]

    def node_at(self, view_point: QPoint) -> str | None:
        """Id of the node under a point of the viewport: its item zoomed in, the hit index zoomed out."""
        if self._detail:
            item = self.item_at(view_point)
            return item.node_id if item is not None else None
        self._ensure_index()
        if not len(self._index_ids):
            return None
        point = self.mapToScene(view_point)
        slack = 4.0 / max(self.zoom, 1e-9)  # a few screen pixels around tiny squares still count
        dx = np.abs(self._index_xy[:, 0] - point.x())
        dy = np.abs(self._index_xy[:, 1] - point.y())
        hit = self._index_visible & (dx <= self._index_half + slack) & (dy <= self._index_half + slack)
        found = np.flatnonzero(hit)
        if not len(found):
            return None
        nearest = found[np.argmin(dx[found] ** 2 + dy[found] ** 2)]
        return self._index_ids[int(nearest)]

    def visible_bounds(self) -> tuple[float, float, float, float] | None:
        """``(left, top, right, bottom)`` of the visible node centres (from the hit index: no Python loop)."""
        self._ensure_index()
        xy = self._index_xy[self._index_visible]
        if not len(xy):
            return None
        low, high = xy.min(axis=0), xy.max(axis=0)
        return float(low[0]), float(low[1]), float(high[0]), float(high[1])

    # ------------------------------------------------------------------ lazy node items
    def _sync_items(self, region: QRectF | None = None) -> None:
        """Make node items exist for the region in view (zoomed in) and nowhere else.

        Items are made for the view plus a margin, so small pans create nothing; zoomed out
        there are none at all and the node tiles draw every node.
        """
        if not self._detail and region is None:
            if self.node_items:
                self._drop_items(list(self.node_items))
            self._items_rect = QRectF()
            return
        view = region if region is not None else self.mapToScene(self.viewport().rect()).boundingRect()
        if region is None and not self._items_stale and self._items_rect.contains(view):
            return
        margin_x, margin_y = view.width() * ITEM_MARGIN, view.height() * ITEM_MARGIN
        wanted_rect = view.adjusted(-margin_x, -margin_y, margin_x, margin_y)
        wanted = set(self.nodes_in(wanted_rect, visible_only=False))
        keep = self._moved_during_drag | ({self._bulk_press[0]} if self._bulk_press else set())
        self._drop_items([node_id for node_id in self.node_items if node_id not in wanted and node_id not in keep])
        missing = [node_id for node_id in wanted if node_id not in self.node_items]
        if missing:
            blocked = self.graphics_scene.blockSignals(True)
            try:
                with self._guard:
                    nodes = self.scene_model.nodes
                    for node_id in missing:
                        self._add_item(nodes[node_id])
            finally:
                self.graphics_scene.blockSignals(blocked)
        self._items_rect = wanted_rect
        self._items_stale = False

    def _drop_items(self, ids: list[str]) -> None:
        if not ids:
            return
        blocked = self.graphics_scene.blockSignals(True)
        try:
            with self._guard:
                for node_id in ids:
                    item = self.node_items.pop(node_id, None)
                    if item is not None:
                        self.graphics_scene.removeItem(item)
        finally:
            self.graphics_scene.blockSignals(blocked)

    def _add_item(self, node: SceneNode) -> NodeItem:
        item = NodeItem(self, node)
        self.node_items[node.id] = item
        item.setVisible(self._node_visible.get(node.id, True))
        item.setSelected(node.id in self._selected)
        self.graphics_scene.addItem(item)
        return item

    def _wants_item(self, node: SceneNode) -> bool:
        return self._detail and self._items_rect.contains(QPointF(node.x, node.y))
