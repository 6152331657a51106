"""The graph canvas: a ``QGraphicsView`` over a Qt-free :class:`~explorer.core.scene.Scene`.

The view subscribes to the scene's events and mirrors them; user gestures (drag, hide,
expand) go back to the scene, never straight to the items, so the scene stays the one
source of truth and snapshots see exactly what is on screen.

Drawing is organised for big scenes:

* The scene is cut into square tiles. Each :class:`EdgeTileItem` paints the edges whose
  midpoint falls in it from numpy arrays (one path of hair-lines zoomed out; curves,
  arrowheads and words zoomed in, only where exposed) and keeps its own device cache, so a
  change (a moved or hidden node, a filter, a highlight, a selection) rebuilds and repaints
  only the tiles it touches. ``tiles_rebuilt`` counts the rebuilds.
* Zoomed in past :data:`DETAIL_ZOOM`, nodes are :class:`NodeItem` s (glyph, label, drag),
  made lazily for the region in view only. Zoomed out there are no node items at all: each
  :class:`NodeTileItem` draws its nodes as coloured squares, one ``drawRects`` per colour,
  and clicks, drags and rubber bands find nodes through a numpy hit index.
* Opposite and parallel edges between two nodes are bent apart (:func:`edge_curve`) so
  both are visible and both labels readable.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import (
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmapCache,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from explorer.core.scene import Scene, SceneEdge, SceneNode, more_node_id
from explorer.ui.canvas.canvas_drawing import (
    DETAIL_ZOOM,
    LABEL_PIXEL_SIZE,
    LABEL_WIDTH,
    MAX_TILES,
    MIN_TILE_SIZE,
    CanvasPalette,
    DragLayerItem,
    MirrorGuard,
    NodeItem,
    TileKey,
    edge_curve,
    label_font,
    pair_key,
)
from explorer.ui.canvas.canvas_filters import FilterTables
from explorer.ui.canvas.canvas_index import CanvasIndexMixin
from explorer.ui.canvas.canvas_interaction import CanvasInteractionMixin
from explorer.ui.canvas.canvas_labels import LabelLayerItem
from explorer.ui.canvas.canvas_links import CanvasLinksMixin
from explorer.ui.canvas.canvas_overview import CanvasOverviewMixin
from explorer.ui.canvas.canvas_pictures import PictureFrame, picture_image, write_pdf, write_svg
from explorer.ui.canvas.canvas_tiles import EdgeTileItem, NodeTileItem, TileItem
from explorer.ui.canvas.canvas_visibility import EdgeVisibility


class GraphCanvasView(CanvasIndexMixin, CanvasInteractionMixin, CanvasLinksMixin, CanvasOverviewMixin, QGraphicsView):
    """The interactive canvas over a :class:`Scene`.

    Signals:
        sig_node_activated(str): an entity node was clicked (the entity IRI).
        sig_node_expand_requested(str): an entity node was double-clicked.
        sig_more_requested(str): a "+N more" node was double-clicked (the expanded entity).
        sig_selection_changed(list): the selected entities changed.
        sig_context_menu(object, QPoint): right-click on an entity (or None on the background), global position.
        sig_nodes_dragged(dict): the analyst dragged nodes; their places before the drag (id → (x, y)).
        sig_links_selected(list): the selected links changed (their edge ids).

    The canvas owns the selection (``selected_entities``, ``select``): node items exist only
    for the region in view when zoomed in, so they cannot hold it.
    """

    sig_node_activated = Signal(str)
    sig_node_expand_requested = Signal(str)
    sig_more_requested = Signal(str)
    sig_selection_changed = Signal(list)
    sig_context_menu = Signal(object, QPoint)
    sig_nodes_dragged = Signal(dict)
    sig_links_selected = Signal(list)

    def __init__(self, scene: Scene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics_scene = QGraphicsScene(self)
        # A BSP index finds the items in view without calling every item's boundingRect on each paint.
        self.graphics_scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 192 * 1024))
        self.setScene(self.graphics_scene)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.setAccessibleName("Graph canvas")
        self.label_font = label_font()
        self.edge_font = QFont(self.label_font)
        self.edge_font.setPixelSize(int(LABEL_PIXEL_SIZE) - 1)
        self.edge_metrics = QFontMetricsF(self.edge_font)
        self._elided: dict[tuple[str, int], str] = {}
        self._guard = MirrorGuard()
        self._dark_override: bool | None = None
        self.colours = CanvasPalette(self._palette_is_dark())
        self.pin_on_drag = False
        #: Node items that exist now: only zoomed in, and only around the region in view.
        self.node_items: dict[str, NodeItem] = {}
        self._items_rect = QRectF()
        self._items_stale = True
        self._detail = True
        self._selected: set[str] = set()
        self._selected_links: set[str] = set()
        #: How many tiles have been rebuilt since the canvas was made (a change should touch few).
        self.tiles_rebuilt = 0
        self.tile_size = MIN_TILE_SIZE
        self.edge_tiles: dict[TileKey, EdgeTileItem] = {}
        self.node_tiles: dict[TileKey, NodeTileItem] = {}
        self._edge_tile_of: dict[str, TileKey] = {}
        self._node_tile_of: dict[str, TileKey] = {}
        self._dirty_tiles: set[TileItem] = set()
        self._pairs: dict[tuple[str, str], list[str]] = {}
        #: Bends of the edges that have one (opposite or parallel edges); every other edge is straight.
        self._bent: dict[str, float] = {}
        #: Counts changes of ``_bent``: tiles keep their edges' bends until it moves on.
        self.bends_epoch = 0
        self._node_visible: dict[str, bool] = {}
        self._edge_visible = EdgeVisibility()
        self._filter_tables = FilterTables()
        #: The class and link-type filters last applied (a filter event without a change is a hide or "show all").
        self._applied_filters: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        #: Link types by the number of their edge-tile layers (the last part of an edge tile's key).
        self.layer_predicates: list[str] = []
        self._layer_of: dict[str, int] = {}
        self._highlighted: set[str] = set()
        self._index_dirty = True
        self._index_ids: list[str] = []
        self._index_pos: dict[str, int] = {}
        #: Nodes added since the hit index was last read: appended as new rows when it is (canvas_index).
        self._index_pending: list[SceneNode] = []
        self._index_xy = np.zeros((0, 2))
        self._index_half = np.zeros(0)
        self._index_visible = np.zeros(0, dtype=bool)
        self._moved_during_drag: set[str] = set()
        self._drag_origins: dict[str, tuple[float, float]] = {}
        self._bulk_press: tuple[str, QPointF, dict[str, tuple[float, float]]] | None = None
        self._band: QRectF | None = None
        self._band_adds = False
        self.dragged_edges: set[str] = set()
        self.drag_layer = DragLayerItem(self)
        self.graphics_scene.addItem(self.drag_layer)
        self.label_layer = LabelLayerItem(self)
        self.graphics_scene.addItem(self.label_layer)
        self._init_overview()
        #: The node under the pointer: its label is drawn whatever else crowds it.
        self.hovered_node: str | None = None
        self._degrees: dict[str, int] | None = None
        #: Counts scene changes: what the label layer worked out from the scene is kept until it moves on.
        self.label_epoch = 0
        #: Counts edges removed or restyled (and resets): what is kept by edge (the label layer's edge arrays and
        #: degrees, the filter tables) is built again when it moves on.
        self.edges_epoch = 0
        #: Edges added since ``edges_epoch`` last moved, in order: keepers append these instead of starting over.
        self.edges_added: list[SceneEdge] = []
        self._pan_from: QPoint | None = None
        self._bounds_check_pending = False
        self._space_held = False
        self._zooming = False
        self.graphics_scene.selectionChanged.connect(self._on_graphics_scene_selection_changed)
        self.rubberBandChanged.connect(self._on_view_rubber_band_changed)
        self._apply_background()
        self.scene_model = Scene()
        self._subscriptions: list[tuple[str, Any]] = []
        self.set_scene(scene if scene is not None else Scene())
        # Through a function, not the bound method: Qt calls no slot of the object being destroyed.
        self.destroyed.connect(lambda *_: self._on_destroyed())

    # ------------------------------------------------------------------ scene wiring
    def guard(self) -> MirrorGuard:
        """Context manager: changes made inside are the canvas mirroring the scene, not the user."""
        return self._guard

    def set_scene(self, scene: Scene) -> None:
        """Show another scene (a restored snapshot, say) and follow its events."""
        self.detach()
        self.scene_model = scene
        handlers = {
            "notes_changed": self._on_scene_notes_changed,
            "node_added": self._on_scene_node_added,
            "node_removed": self._on_scene_node_removed,
            "node_changed": self._on_scene_node_changed,
            "edge_added": self._on_scene_edge_added,
            "edge_removed": self._on_scene_edge_removed,
            "reset": self._on_scene_reset,
            "highlight_changed": self._on_scene_highlight_changed,
            "filters_changed": self._on_scene_filters_changed,
            "focus_changed": self._on_scene_focus_changed,
            "positions_changed": self._on_scene_positions_changed,
            "nodes_restyled": self._on_scene_nodes_restyled,
            "edges_restyled": self._on_scene_edges_restyled,
        }
        for name, handler in handlers.items():
            scene.events.connect(name, handler)
            self._subscriptions.append((name, handler))
            # Any change may free or take the room a label needs: the labels are placed again.
            scene.events.connect(name, self._labels_changed)
            self._subscriptions.append((name, self._labels_changed))
        self._on_scene_reset()

    def _labels_changed(self, *args: object) -> None:
        self.label_epoch += 1
        self.label_layer.update()

    def node_degrees(self) -> dict[str, int]:
        """How many links each node has on the canvas (busier nodes are labelled first)."""
        if self._degrees is None:
            degrees: dict[str, int] = {}
            for edge in self.scene_model.edges.values():
                degrees[edge.source] = degrees.get(edge.source, 0) + 1
                degrees[edge.target] = degrees.get(edge.target, 0) + 1
            self._degrees = degrees
        return self._degrees

    def _count_degree(self, edge: SceneEdge, step: int) -> None:
        """Keep the degrees in step with one added (+1) or removed (-1) edge: recounting 100k edges per change is slow."""
        if step > 0:
            self.edges_added.append(edge)
        else:
            self._edges_renewed()
        degrees = self._degrees
        if degrees is not None:
            for end in (edge.source, edge.target):
                degrees[end] = degrees.get(end, 0) + step

    def _edges_renewed(self) -> None:
        """What is kept by edge is built again on its next use (not just extended by the edges added)."""
        self.edges_epoch += 1
        self.edges_added = []

    def detach(self) -> None:
        """Stop following the scene's events (called when the canvas goes away)."""
        for name, handler in self._subscriptions:
            self.scene_model.events.disconnect(name, handler)
        self._subscriptions = []

    def _on_destroyed(self, *args: object) -> None:
        self.detach()
        self._release_tiles()

    def _on_scene_reset(self) -> None:
        scene = self.scene_model
        self._drop_items(list(self.node_items))
        self._selected &= set(scene.nodes)
        self._selected_links &= set(scene.edges)
        self._highlighted = set(scene.highlighted)
        self._pairs = {}
        for edge in scene.edges.values():
            self._pairs.setdefault(pair_key(edge), []).append(edge.id)
        self._bent = {}
        self.bends_epoch += 1
        for group in self._pairs.values():
            group.sort()
            if len(group) > 1:
                self._bend_group(group)
        self._node_visible = {node_id: scene.is_node_visible(node) for node_id, node in scene.nodes.items()}
        self._edge_visible = EdgeVisibility((edge_id_, *self._edge_flags_now(edge)) for edge_id_, edge in scene.edges.items())
        self._applied_filters = self._filters_now()
        self._degrees = None
        self._edges_renewed()
        self._index_dirty = True
        self._retile()
        self.overview.invalidate()
        self._items_stale = True
        self._sync_items()
        self._schedule_bounds_check()

    # ------------------------------------------------------------------ scene events
    def _on_scene_node_added(self, node: SceneNode) -> None:
        self._node_visible[node.id] = self.scene_model.is_node_visible(node)
        self._place_node(node)
        self._index_added(node)
        if self._wants_item(node):
            blocked = self.graphics_scene.blockSignals(True)
            try:
                with self._guard:
                    self._add_item(node)
            finally:
                self.graphics_scene.blockSignals(blocked)

    def _on_scene_node_removed(self, node: SceneNode) -> None:
        self._drop_items([node.id])
        self._unplace_node(node.id)
        self._node_visible.pop(node.id, None)
        self._index_dirty = True
        if node.id in self._selected:
            self._apply_selection(self._selected - {node.id})

    def _on_scene_node_changed(self, node: SceneNode) -> None:
        if node.id not in self.scene_model.nodes or self._guard.depth:  # the canvas's own drag: already followed
            return
        scene = self.scene_model
        affected = [node]
        more = scene.nodes.get(more_node_id(node.id))
        if more is not None and more is not node:
            affected.append(more)  # a hidden node's "+N more" node hides with it
        hidden: set[str] = set()
        for changed in affected:
            visible = scene.is_node_visible(changed)
            if not visible:
                hidden.add(changed.id)
            # Its class or own flag may have changed: the filter tables' row follows.
            self._filter_tables.node_changed(None if self._index_dirty else self._index_pos.get(changed.id), changed)
            if self._node_visible.get(changed.id) != visible:
                self._node_visible[changed.id] = visible
                for edge in scene.incident_edges(changed.id):
                    self._edge_visible.set(edge.id, *self._edge_flags_now(edge))
            item = self.node_items.get(changed.id)
            if item is not None:
                with self._guard:
                    item.refresh(changed)
                    item.setVisible(visible)
            self._node_moved(changed)
        if not self.node_items.get(node.id) and self._wants_item(node):
            self._items_stale = True
            self._sync_items()
        if hidden & self._selected:
            self._apply_selection(self._selected - hidden)

    def _on_scene_edge_added(self, edge: SceneEdge) -> None:
        self._edge_visible.set(edge.id, *self._edge_flags_now(edge))
        self._count_degree(edge, 1)
        group = self._pairs.setdefault(pair_key(edge), [])
        group.append(edge.id)
        group.sort()
        if len(group) > 1:
            self._bend_group(group)
        for other in group:  # the pair's bends change with its size
            if other != edge.id:
                self._mark_edge(other)
        self._place_edge(edge)

    def _on_scene_edge_removed(self, edge: SceneEdge) -> None:
        if edge.id in self._selected_links:
            self.select_links(self._selected_links - {edge.id})
        self._edge_visible.pop(edge.id, None)
        self._count_degree(edge, -1)
        self._unplace_edge(edge.id)
        group = self._pairs.get(pair_key(edge), [])
        if edge.id in group:
            group.remove(edge.id)
        self._bent.pop(edge.id, None)
        self._bend_group(group)
        for other in group:
            self._mark_edge(other)
        if not group:
            self._pairs.pop(pair_key(edge), None)

    def _on_scene_highlight_changed(self, ids: set[str]) -> None:
        changed = self._highlighted ^ set(ids)
        self._highlighted = set(ids)
        for item_id in changed:
            if item_id in self._edge_tile_of:
                self._mark_edge(item_id)
            else:
                self._mark_node(item_id)
                item = self.node_items.get(item_id)
                if item is not None:
                    item.update()

    def _on_scene_filters_changed(self) -> None:
        # Every node's and edge's visibility is worked out at once from arrays (canvas_filters); only
        # the rows that turned cost Python work. A link type's edges keep their drawable flag: its
        # layers are shown or hidden, and nothing is drawn again.
        scene = self.scene_model
        filters = self._filters_now()
        reread, self._applied_filters = filters == self._applied_filters, filters
        self._ensure_index()
        flags, ids = self._edge_visible, self._index_ids
        outcome = self._filter_tables.apply(scene, ids, self._index_pos, self._index_visible, flags,
                                            (ids, flags, self.edges_epoch), reread)
        node_visible = self._node_visible
        rows = outcome.node_rows
        if len(rows):
            changed = list(map(ids.__getitem__, rows.tolist()))
            values = outcome.node_visible[rows]
            node_visible.update(zip(changed, values.tolist(), strict=True))
            self._index_visible[rows] = values
            self._mark_changed_tiles(self.node_tiles.values(), rows, len(ids), lambda tile: tile.kept_index_rows(ids))
            items = self.node_items
            with self._guard:
                for node_id in changed if len(changed) < len(items) else list(items):
                    item = items.get(node_id)
                    if item is not None:
                        item.setVisible(node_visible[node_id])
        keys = flags.keys_by_row
        rows = outcome.drawable_rows
        if len(rows):
            flags.drawable[rows] = outcome.drawable[rows]
            if self._overview_on:  # the tiles are hidden: marked when shown again (or asked for what they draw)
                self._defer_edge_marks(rows)
            else:
                self._mark_changed_tiles(self.edge_tiles.values(), rows, len(keys), lambda tile: tile.kept_flag_rows(flags))
        rows = outcome.shown_rows
        if len(rows):
            flags.assign_shown(list(map(keys.__getitem__, rows.tolist())), rows, outcome.shown[rows])
        for tile in self.edge_tiles.values():
            tile.follow_filter(filters[1])
        if self._overview_on:
            self.overview.invalidate()
        hidden = {node_id for node_id in self._selected if not node_visible.get(node_id, True)}
        if hidden:
            self._apply_selection(self._selected - hidden)
        self._schedule_bounds_check()

    def _mark_changed_tiles(self, tiles: Any, rows: np.ndarray, count: int, members: Any) -> None:
        """Mark the tiles with a member among ``rows`` (of ``count``): one array test per tile, not a look-up per row."""
        changed = np.zeros(count, dtype=bool)
        changed[rows] = True
        for tile in tiles:
            kept = members(tile)
            if kept is None or changed[kept].any():
                moved = tile.places_stale  # only which members show changed: what is known of their places stays
                self._mark(tile, looks=False)
                tile.places_stale = moved

    def _filters_now(self) -> tuple[frozenset[str], frozenset[str]]:
        scene = self.scene_model
        return frozenset(scene.hidden_classes), frozenset(p for p in scene.hidden_predicates if p)

    def _edge_flags_now(self, edge: SceneEdge) -> tuple[bool, bool]:
        """(shown, drawable) of an edge, from the node visibilities already worked out (no recursion per edge)."""
        node_visible = self._node_visible
        drawable = not edge.hidden and node_visible.get(edge.source, False) and node_visible.get(edge.target, False)
        return drawable and not (edge.predicate and edge.predicate in self.scene_model.hidden_predicates), drawable

    def _on_scene_focus_changed(self, node_id: str | None) -> None:
        for item in self.node_items.values():
            if item.node_id == node_id or item.node_id == self._focus_drawn:
                item.update()
        self._focus_drawn = node_id

    _focus_drawn: str | None = None

    def _on_scene_positions_changed(self, ids: list[str]) -> None:
        nodes = self.scene_model.nodes
        edges: set[str] = set()
        with self._guard:
            for node_id in ids:
                node = nodes.get(node_id)
                if node is None:
                    continue
                self._place_node(node)
                self._index_update(node)
                edges.update(e.id for e in self.scene_model.incident_edges(node_id))
                item = self.node_items.get(node_id)
                if item is not None:
                    item.setPos(node.x, node.y)
        for edge_id_ in edges:
            self._place_edge(self.scene_model.edges[edge_id_])
        self._items_stale = True
        self._sync_items()

    def _on_scene_nodes_restyled(self, nodes: list[SceneNode]) -> None:
        """Many nodes changed colour or size at once (a measure-driven style): their tiles redraw once."""
        tile_of, items = self._node_tile_of, self.node_items
        ids = [node.id for node in nodes]
        for key in set(map(tile_of.get, ids)):
            if key is not None:
                self._mark(self.node_tiles.get(key))
        if not self._index_dirty:  # only sizes changed: one array update for the hit index
            where = self._index_pos.get
            rows = np.array([where(node_id, -1) for node_id in ids], dtype=np.int64)
            halves = np.array([node.size for node in nodes], dtype=float) / 2
            known = rows >= 0
            self._index_half[rows[known]] = halves[known]
        if items:  # zoomed out there are none
            with self._guard:
                for node in nodes:
                    item = items.get(node.id)
                    if item is not None:
                        item.refresh(node)
        self._schedule_bounds_check()

    def _on_scene_notes_changed(self, item_id: str | None) -> None:
        """A note was written or removed: its marker (drawn with the labels) and its node's tooltip follow."""
        for node_id, item in self.node_items.items():
            if item_id is None or node_id == item_id:
                item.refresh(item.node)
        self.label_layer.update()

    def _on_scene_edges_restyled(self, edges: list[SceneEdge]) -> None:
        """Links changed colour, width or words (styling rules): only their tiles redraw."""
        self._edges_renewed()  # a rule may hide or show a link's words: the label layer's edge arrays follow
        for edge in edges:
            self._mark_edge(edge.id)
        self._schedule_bounds_check()

    def _schedule_bounds_check(self) -> None:
        """Rebuild dirty tiles and refresh the scene rect once, after the current burst of events."""
        if not self._bounds_check_pending:
            self._bounds_check_pending = True
            QTimer.singleShot(0, self._check_bounds)

    def flush(self) -> None:
        """Bring tiles and scene rect up to date now (they otherwise catch up after the event burst)."""
        self._check_bounds(everything=True)

    def _check_bounds(self, everything: bool = False) -> None:
        """Rebuild the dirty tiles; hidden edge tiles (the overview image draws) wait unless ``everything``."""
        self._bounds_check_pending = False
        if len(self.edge_tiles) + len(self.node_tiles) > MAX_TILES:
            self._retile()  # the scene outgrew its grid: one full rebuild on a coarser one
        if everything:
            self._apply_pending_edge_marks()
        dirty, self._dirty_tiles = self._dirty_tiles, set()
        if self._overview_on and not everything:
            self._dirty_tiles = {tile for tile in dirty if isinstance(tile, EdgeTileItem)}
            dirty -= self._dirty_tiles
        for tile in dirty:
            tile.rebuild()
        self._update_scene_rect()

    def _update_scene_rect(self) -> None:
        current = self.graphics_scene.sceneRect()
        if self.scene_model.nodes:  # the rect only grows: when it holds every node, hidden or not, it stays
            self._ensure_index()
            low, high = self._index_xy.min(axis=0), self._index_xy.max(axis=0)
            if current.contains(QRectF(float(low[0]) - 200, float(low[1]) - 200, float(high[0] - low[0]) + 400,
                                       float(high[1] - low[1]) + 400)):
                self.overview.setRect(current)
                return
        bounds = self.visible_bounds()
        if bounds is None:
            rect = QRectF(-200, -200, 400, 400)
        else:
            left, top, right, bottom = bounds
            rect = QRectF(left, top, right - left, bottom - top).adjusted(-200, -200, 200, 200)
        # Leave room to pan around what is shown, and never shrink under the user's feet.
        self.graphics_scene.setSceneRect(self.graphics_scene.sceneRect().united(rect) if self.scene_model.nodes else rect)
        self.overview.setRect(self.graphics_scene.sceneRect())  # holds every node: the image is never cut off

    # ------------------------------------------------------------------ what is drawn (for tests and exports)
    def drawn_edges(self) -> dict[str, tuple[tuple[float, float], tuple[float, float], float, bool]]:
        """Edges the tiles draw now: id → (start, end, bend, highlighted); dragged edges are drawn live instead."""
        self.flush()
        drawn = {}
        for tile in self.edge_tiles.values():
            if not tile.shown:  # its link type is filtered out
                continue
            for i, edge in enumerate(tile.edges):
                drawn[edge.id] = ((float(tile.start[i][0]), float(tile.start[i][1])), (float(tile.end[i][0]), float(tile.end[i][1])),
                                  float(tile.bend[i]), bool(tile.is_highlighted[i]))
        return drawn

    def edge_path(self, edge_id_: str) -> QPainterPath | None:
        """The outline an edge is drawn with zoomed in (curved apart from its opposite and parallel edges)."""
        edge = self.scene_model.edges.get(edge_id_)
        if edge is None:
            return None
        nodes = self.scene_model.nodes
        source, target = nodes[edge.source], nodes[edge.target]
        path, _, _, _ = edge_curve(source.x, source.y, target.x, target.y, self.edge_bend(edge), target.size / 2 + 3)
        return path

    # ------------------------------------------------------------------ light and dark
    def _palette_is_dark(self) -> bool:
        window = self.palette().color(QPalette.ColorRole.Window)
        return window.lightness() < 128

    @property
    def is_dark(self) -> bool:
        return self.colours.dark

    def set_dark(self, dark: bool | None) -> None:
        """Use dark (True) or light (False) colours; None follows the widget palette again."""
        self._dark_override = dark
        self._set_colours(self._palette_is_dark() if dark is None else dark)

    def _set_colours(self, dark: bool) -> None:
        if dark == self.colours.dark and self.backgroundBrush().color() == self.colours.background:
            return
        self.colours = CanvasPalette(dark)
        self._apply_background()
        for tile in [*self.edge_tiles.values(), *self.node_tiles.values()]:
            self._mark(tile)
        for item in self.node_items.values():
            item.update()
        self.viewport().update()

    def _apply_background(self) -> None:
        self.setBackgroundBrush(QBrush(self.colours.background))

    # ------------------------------------------------------------------ rendering for exports
    def _content_rect(self, margin: float = 40.0) -> QRectF:
        bounds = self.visible_bounds()
        if bounds is None:
            return QRectF(0, 0, 1, 1)
        left, top, right, bottom = bounds
        extra = LABEL_WIDTH / 2
        return QRectF(left, top, right - left, bottom - top).adjusted(-margin - extra, -margin, margin + extra, margin + 24)

    def _render(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Paint ``source`` (scene) into ``target`` with the detail suited to that scale."""
        self.flush()
        scale = min(target.width() / max(source.width(), 1e-9), target.height() / max(source.height(), 1e-9))
        previous = self._detail
        self._set_detail(scale >= DETAIL_ZOOM)
        self._follow_overview(force_off=True)  # exports stroke every line as a vector (the tiles, uncached)
        if self._detail:
            self._sync_items(source)  # every node of the exported region needs its item
        # Selection is a screen state: exports show the graph, not the user's clicks.
        selected = set(self._selected)
        self._apply_selection(set(), emit=False)
        self.flush()
        # Cached pixels would end up as bitmaps in SVG and PDF, and blurred in big images: paint for real.
        cached = [item for item in self.graphics_scene.items() if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
        for item in cached:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            painter.fillRect(target, self.colours.background)
            self.graphics_scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            for item in cached:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self._apply_selection(selected, emit=False)
            self._set_detail(previous)
            self._follow_overview()
            self._items_stale = True
            self._sync_items()

    def render_to_image(self, width: int | None = None, height: int | None = None, scale: float = 1.0) -> QImage:
        """The whole visible graph as an image of ``width``×``height`` logical pixels times ``scale``.

        Without a size, the image is as large as the graph at zoom 1 (capped at 8000 px).
        """
        return picture_image(self, PictureFrame(""), width, height, scale)

    def render_to_svg(self, path: str, title: str = "Knowledge graph") -> None:
        """Write the whole visible graph as an SVG file (vector: text stays text)."""
        write_svg(self, PictureFrame(""), path, title)

    def render_to_pdf(self, path: str, title: str = "Knowledge graph") -> None:
        """Write the whole visible graph as a one-page vector PDF sized to the graph."""
        write_pdf(self, PictureFrame(""), path, title)


__all__ = ["GraphCanvasView"]
