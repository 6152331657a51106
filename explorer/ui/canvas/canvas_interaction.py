"""What the analyst does on the canvas: drag nodes, select (click, Ctrl+click, rubber band),
zoom and pan with mouse, wheel, pinch and keys; the results go to the scene, never to items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QPoint,
    QPointF,
    QRect,
    Qt,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QToolTip,
)

from explorer.ui.canvas.canvas_drawing import DETAIL_ZOOM, MAX_ZOOM, MIN_ZOOM, PAN_STEP, ZOOM_STEP, NodeItem
from explorer.ui.canvas.canvas_notes import note_at, note_tooltip


class CanvasInteractionMixin:
    """Dragging, selection, zoom, pan and input events of :class:`GraphCanvasView`."""

    # ------------------------------------------------------------------ items → scene
    def _on_item_dragged(self, item: NodeItem) -> None:
        """Mouse-drag step: write the new places of the moved items to the scene, redraw their edges live."""
        moving = [item, *(i for i in self.graphics_scene.selectedItems() if isinstance(i, NodeItem) and i is not item)]
        moved = [i for i in moving if (i.pos().x(), i.pos().y()) != (i.node.x, i.node.y)]
        if not moved:
            return
        if not self._moved_during_drag:
            self._start_drag({i.node_id for i in moving})
        with self._guard:
            for node_item in moved:
                position = node_item.pos()
                self._moved_during_drag.add(node_item.node_id)
                self.scene_model.move(node_item.node_id, position.x(), position.y())
                self._node_moved(node_item.node, with_edges=False)
        self.drag_layer.refresh()

    def _start_drag(self, moving: set[str]) -> None:
        """Lift the edges of the dragged nodes out of their cached tiles into the live drag layer."""
        nodes = self.scene_model.nodes
        self._drag_origins = {m: (nodes[m].x, nodes[m].y) for m in moving if m in nodes}
        self.dragged_edges = {e.id for node_id in moving for e in self.scene_model.incident_edges(node_id)}
        for edge_id_ in self.dragged_edges:
            self._mark_edge(edge_id_)

    def _end_drag(self) -> None:
        if self.dragged_edges:
            dragged, self.dragged_edges = self.dragged_edges, set()
            edges = self.scene_model.edges
            for edge_id_ in dragged:
                if edge_id_ in edges:
                    self._place_edge(edges[edge_id_])
            self.drag_layer.refresh()

    def _on_item_released(self, item: NodeItem) -> None:
        self._finish_press(item.node_id)

    def _finish_press(self, node_id: str) -> None:
        """End of a press on a node: a drag is written back (and pinned if asked), a click activates."""
        moved, self._moved_during_drag = self._moved_during_drag, set()
        if moved:
            self._end_drag()
            if self.pin_on_drag:
                for moved_id in moved:
                    self.scene_model.pin(moved_id, True)
            self._items_stale = True
            self._sync_items()
            origins, self._drag_origins = self._drag_origins, {}
            self.sig_nodes_dragged.emit(origins)
            return
        node = self.scene_model.nodes.get(node_id)
        if node is not None and node.kind == "entity":
            self.sig_node_activated.emit(node.entity)

    def _on_graphics_scene_selection_changed(self) -> None:
        if self._guard.depth:
            return
        chosen = {item.node_id for item in self.graphics_scene.selectedItems() if isinstance(item, NodeItem)}
        adding = bool(QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        # Nodes out of view keep their selection only when the gesture adds to it (Ctrl/Shift), as Qt does for items.
        wanted = ((self._selected - set(self.node_items)) | chosen) if adding else chosen
        self._apply_selection(wanted)

    def _apply_selection(self, wanted: set[str], *, emit: bool = True) -> None:
        """Make ``wanted`` the selected node ids: items, node tiles, and (if it changed) the signal."""
        changed = self._selected ^ wanted
        self._selected = set(wanted)
        blocked = self.graphics_scene.blockSignals(True)
        try:
            with self._guard:
                for node_id in changed:
                    item = self.node_items.get(node_id)
                    if item is not None:
                        item.setSelected(node_id in wanted)
                    self._mark_node(node_id)
        finally:
            self.graphics_scene.blockSignals(blocked)
        if changed:
            self.label_layer.update()  # selected nodes are labelled first
        if changed and emit:
            self.sig_selection_changed.emit(self.selected_entities())

    def _on_view_rubber_band_changed(self, rect: QRect, start: QPointF, end: QPointF) -> None:
        """Zoomed out there are no items for Qt's rubber band to catch: select from the hit index when it ends."""
        if not rect.isNull():
            self._band = self.mapToScene(rect).boundingRect()
            self._band_adds = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            return
        band, self._band = self._band, None
        if band is not None:  # links with both ends in the band are caught too
            caught_links = set(self.links_in(band))
            self.select_links((self._selected_links | caught_links) if self._band_adds else caught_links)
        if band is None or self._detail:
            return
        caught = set(self.nodes_in(band))
        self._apply_selection((self._selected | caught) if self._band_adds else caught)

    # ------------------------------------------------------------------ reading and selecting
    def selected_entities(self) -> list[str]:
        """Entities of the selected nodes ("+N more" nodes excluded), in scene order."""
        chosen = self._selected
        return [node_id for node_id, node in self.scene_model.nodes.items() if node_id in chosen and node.kind == "entity"]

    def selected_node_ids(self) -> list[str]:
        """Ids of the selected entity and group nodes ("+N more" nodes excluded), in scene order."""
        chosen = self._selected
        return [node_id for node_id, node in self.scene_model.nodes.items() if node_id in chosen and node.kind != "more"]

    def select(self, entities: Iterable[str]) -> None:
        """Select exactly these entities."""
        self._apply_selection({e for e in entities if e in self.scene_model.nodes})

    def item_at(self, view_point: QPoint) -> NodeItem | None:
        """The node item under a point of the viewport, if any (zoomed out there are none: see :meth:`node_at`)."""
        for item in self.items(view_point):
            if isinstance(item, NodeItem):
                return item
        return None

    def elided_edge_label(self, text: str, width: float) -> str:
        key = (text, int(width) // 10)
        if key not in self._elided:
            elided = self.edge_metrics.elidedText(text, Qt.TextElideMode.ElideRight, (int(width) // 10) * 10)
            self._elided[key] = "" if elided in ("…", "") else elided
        return self._elided[key]

    # ------------------------------------------------------------------ zoom and pan
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    @property
    def detail(self) -> bool:
        """True when zoomed in far enough for node items; False when nodes are drawn in bulk by the tiles."""
        return self._detail

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` around ``anchor`` (scene coordinates; default: the view's centre)."""
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        factor = target / self.zoom
        if abs(factor - 1.0) < 1e-9:
            return
        self._zooming = True
        try:
            if anchor is None:
                previous = self.transformationAnchor()
                self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
                self.scale(factor, factor)
                self.setTransformationAnchor(previous)
            else:
                before = self.mapFromScene(anchor)
                self.scale(factor, factor)
                after = self.mapFromScene(anchor)
                delta = after - before
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        finally:
            self._zooming = False
        self._update_detail()
        self._sync_items()

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        self.zoom_by(zoom / self.zoom)

    def fit_to_view(self) -> None:
        """Show every visible node."""
        self.flush()
        bounds = self.visible_bounds()
        if bounds is None:
            self.resetTransform()
            self._update_detail()
            self._sync_items()
            return
        # The same frame as exports: room for the widest label either side of the outer nodes.
        rect = self._content_rect()
        self._update_scene_rect()
        self._zooming = True
        try:
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        finally:
            self._zooming = False
        if self.zoom > 1.5:  # a handful of nodes: do not blow them up
            self.set_zoom(1.5)
            self.centerOn(rect.center())
        self._update_detail()
        self._sync_items()

    fit = fit_to_view

    def center_on(self, entity: str) -> None:
        """Scroll so that ``entity`` is in the middle of the view."""
        node = self.scene_model.nodes.get(entity)
        if node is not None:
            self._update_scene_rect()
            self.centerOn(node.x, node.y)
            self._sync_items()

    centre_on = center_on

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if not self._zooming:
            self._sync_items()

    def _update_detail(self) -> None:
        """Switch between node items (zoomed in) and bulk painting by the node tiles (zoomed out)."""
        detail = self.zoom >= DETAIL_ZOOM
        if detail != self._detail:
            self._set_detail(detail)
        self._follow_overview()

    def _set_detail(self, detail: bool) -> None:
        self._detail = detail
        for tile in self.node_tiles.values():
            tile.setVisible(not detail)
        self._items_stale = True
        self.viewport().update()

    # ------------------------------------------------------------------ events
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if not delta:
            event.ignore()
            return
        factor = ZOOM_STEP ** (delta / 120.0)
        self.zoom_by(factor, self.mapToScene(event.position().toPoint()))
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._note_tooltip(event):
            return True
        if event.type() == QEvent.Type.ToolTip and not self._detail:
            # Zoomed out there is no item to carry the tooltip: the hit index names the node under the pointer.
            point = event.pos()  # type: ignore[attr-defined]
            node_id = self.node_at(point)
            node = self.scene_model.nodes.get(node_id) if node_id is not None else None
            if node is None:
                QToolTip.hideText()
            else:
                kind = "more" if node.kind == "more" else (node.class_label or "no class")
                text = f"{node.label}\n{kind}" + ("" if node.kind == "more" else f"\n{node.entity}")
                note = self.scene_model.notes.get(node.id)
                text += f"\n\n{note_tooltip(note)}" if note else ""
                QToolTip.showText(event.globalPos(), text, self.viewport())  # type: ignore[attr-defined]
            return True
        if event.type() == QEvent.Type.NativeGesture:
            gesture = event  # QNativeGestureEvent (macOS/trackpad pinch)
            if gesture.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:  # type: ignore[attr-defined]
                self.zoom_by(1.0 + gesture.value(), self.mapToScene(gesture.position().toPoint()))  # type: ignore[attr-defined]
                return True
        return super().viewportEvent(event)

    def _note_tooltip(self, event: Any) -> bool:
        """A note marker, or a link away from every node, under the pointer: its words and note as the tooltip."""
        point = event.pos()
        item_id = note_at(self, point)
        if item_id is None and self.node_at(point) is None:
            item_id = self.link_at(point)  # type: ignore[attr-defined]
        if item_id is None:
            return False
        scene = self.scene_model
        note = scene.notes.get(item_id, "")
        edge = scene.edges.get(item_id)
        if edge is not None:
            head = f"{scene.nodes[edge.source].label} — {edge.label} — {scene.nodes[edge.target].label}"
        else:
            node = scene.nodes.get(item_id)
            head = node.label if node is not None else ""
        text = head + (f"\n\n{note_tooltip(note)}" if note else "")
        if not text:
            return False
        QToolTip.showText(event.globalPos(), text, self.viewport())
        return True

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if pinch is not None:
                self.zoom_by(pinch.scaleFactor(), self.mapToScene(self.mapFromGlobal(pinch.centerPoint().toPoint())))
                event.accept()
                return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._dark_override is None:
            self._set_colours(self._palette_is_dark())
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit_to_view()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down) and not ctrl:
            step = PAN_STEP * (4 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            bar = self.horizontalScrollBar() if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) else self.verticalScrollBar()
            bar.setValue(bar.value() + (step if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -step))
        elif key == Qt.Key.Key_Space:
            self._space_held = True
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            for entity in self.selected_entities()[:1]:
                self.sig_node_expand_requested.emit(entity)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Middle button (or Space held) drags the view; the left button selects and moves nodes.
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_held and self.item_at(event.position().toPoint()) is None
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self._press_on_link(
                event.position().toPoint(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)):
            event.accept()  # a link was picked: no rubber band, no node drag
            return
        if event.button() == Qt.MouseButton.LeftButton and not self._detail:
            self._bulk_mouse_press(event)
            if event.isAccepted():
                return
        super().mousePressEvent(event)

    def _bulk_mouse_press(self, event: QMouseEvent) -> None:
        """Zoomed out (no node items): find the node from the hit index, select it, get ready to drag it."""
        point = event.position().toPoint()
        node_id = self.node_at(point)
        toggling = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if node_id is None:
            if not toggling:
                self._apply_selection(set())
            event.ignore()  # the view's rubber band takes over
            return
        if toggling:
            self._apply_selection(self._selected ^ {node_id})
        elif node_id not in self._selected:
            self._apply_selection({node_id})
        nodes = self.scene_model.nodes
        moving = ({node_id} | self._selected) if node_id in self._selected else {node_id}
        self._bulk_press = (node_id, self.mapToScene(point), {m: (nodes[m].x, nodes[m].y) for m in moving if m in nodes})
        event.accept()

    def _bulk_mouse_move(self, event: QMouseEvent) -> None:
        assert self._bulk_press is not None
        _, pressed_at, origins = self._bulk_press
        here = self.mapToScene(event.position().toPoint())
        delta = here - pressed_at
        if not self._moved_during_drag:
            travelled = self.mapFromScene(here) - self.mapFromScene(pressed_at)
            if travelled.manhattanLength() < QApplication.startDragDistance():
                return
            self._start_drag(set(origins))
        nodes = self.scene_model.nodes
        with self._guard:
            for moving_id, (x, y) in origins.items():
                node = nodes.get(moving_id)
                if node is None:
                    continue
                self._moved_during_drag.add(moving_id)
                self.scene_model.move(moving_id, x + delta.x(), y + delta.y())
                self._node_moved(node, with_edges=False)
                item = self.node_items.get(moving_id)
                if item is not None:
                    item.setPos(node.x, node.y)
        self.drag_layer.refresh()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            point = event.position().toPoint()
            delta = point - self._pan_from
            self._pan_from = point
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._bulk_press is not None:
            self._bulk_mouse_move(event)
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            self.set_hovered(self.node_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def set_hovered(self, node_id: str | None) -> None:
        """The node under the pointer: its label is drawn even where others crowd it out."""
        if node_id != self.hovered_node:
            self.hovered_node = node_id
            self.label_layer.update()

    def leaveEvent(self, event: QEvent) -> None:
        self.set_hovered(None)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        if self._bulk_press is not None:
            node_id = self._bulk_press[0]
            self._bulk_press = None
            self._finish_press(node_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
        super().keyReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node_id = self.node_at(event.position().toPoint())
        node = self.scene_model.nodes.get(node_id) if node_id is not None else None
        if node is None:
            super().mouseDoubleClickEvent(event)
            return
        if node.kind == "more":
            self.sig_more_requested.emit(node.entity)
        else:
            self.sig_node_expand_requested.emit(node.entity)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        node_id = self.node_at(event.pos())
        node = self.scene_model.nodes.get(node_id) if node_id is not None else None
        entity = node.entity if node is not None else None
        #: The link right-clicked, away from every node (the window's menu offers its actions).
        self.context_link = self.link_at(event.pos()) if node is None else None  # type: ignore[attr-defined]
        if node is not None and node.id not in self._selected:
            self.select([node.id] if node.kind != "more" else [])
        self.sig_context_menu.emit(entity, event.globalPos())
        event.accept()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._update_detail()
        self._sync_items()
