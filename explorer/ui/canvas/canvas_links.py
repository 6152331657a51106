"""Links as things an analyst can pick: a click on a link (or a rubber band round both its ends)
selects it, the selected links are drawn in the selection colour, and the window shows the
fact with all its evidence in the Inspector."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

#: How near (screen pixels) a click must fall to a link to pick it.
LINK_PICK_PIXELS = 5.0


class CanvasLinksMixin:
    """Link selection of :class:`GraphCanvasView` (which provides the scene, the hit index and signals)."""

    _selected_links: set[str]

    def selected_links(self) -> list[str]:
        """Ids of the selected links, in scene order."""
        chosen = self._selected_links
        return [edge_id for edge_id in self.scene_model.edges if edge_id in chosen]  # type: ignore[attr-defined]

    def select_links(self, edge_ids: Iterable[str], *, emit: bool = True) -> None:
        """Select exactly these links (the node selection is left alone)."""
        wanted = {e for e in edge_ids if e in self.scene_model.edges}  # type: ignore[attr-defined]
        if wanted == self._selected_links:
            return
        self._selected_links = wanted
        self.label_layer.update()  # type: ignore[attr-defined]
        self.viewport().update()  # type: ignore[attr-defined]
        if emit:
            self.sig_links_selected.emit(self.selected_links())  # type: ignore[attr-defined]

    def link_at(self, view_point: QPoint) -> str | None:
        """Id of the visible link nearest to a point of the viewport, within a few pixels."""
        scene = self.scene_model  # type: ignore[attr-defined]
        visible = self._edge_visible  # type: ignore[attr-defined]
        edges = [edge for edge in scene.edges.values() if visible.get(edge.id, False)]
        if not edges:
            return None
        self._ensure_index()  # type: ignore[attr-defined]
        where, xy = self._index_pos, self._index_xy  # type: ignore[attr-defined]
        start = xy[np.fromiter((where[e.source] for e in edges), dtype=np.intp, count=len(edges))]
        end = xy[np.fromiter((where[e.target] for e in edges), dtype=np.intp, count=len(edges))]
        bends = self._bent  # type: ignore[attr-defined]
        if bends:  # a bent link is picked along its bend: its chord moved out by the bend
            for row, edge in enumerate(edges):
                bend = bends.get(edge.id)
                if bend:
                    delta = end[row] - start[row]
                    normal = np.array([-delta[1], delta[0]]) / (float(np.hypot(*delta)) or 1e-9) * bend
                    start[row] = start[row] + normal
                    end[row] = end[row] + normal
        point = self.mapToScene(view_point)  # type: ignore[attr-defined]
        p = np.array([point.x(), point.y()])
        delta = end - start
        lengths = (delta**2).sum(axis=1)
        t = np.clip(((p - start) * delta).sum(axis=1) / np.where(lengths > 0, lengths, 1.0), 0.0, 1.0)
        nearest = start + delta * t[:, None]
        distance = np.sqrt(((nearest - p) ** 2).sum(axis=1))
        best = int(np.argmin(distance))
        zoom = max(self.zoom, 1e-9)  # type: ignore[attr-defined]
        return edges[best].id if distance[best] * zoom <= LINK_PICK_PIXELS else None

    def links_in(self, rect: QRectF) -> list[str]:
        """Visible links with both ends inside ``rect`` (scene coordinates): what a rubber band catches."""
        inside = set(self.nodes_in(rect))  # type: ignore[attr-defined]
        visible = self._edge_visible  # type: ignore[attr-defined]
        return [edge.id for edge in self.scene_model.edges.values()  # type: ignore[attr-defined]
                if visible.get(edge.id, False) and edge.source in inside and edge.target in inside]

    def _press_on_link(self, view_point: QPoint, adding: bool) -> bool:
        """A left press away from every node: pick the link under it, if any (True when one was)."""
        if self.node_at(view_point) is not None:  # type: ignore[attr-defined]
            return False
        link = self.link_at(view_point)
        if link is None:
            if not adding:
                self.select_links(set())
            return False
        if not adding:
            self._apply_selection(set())  # type: ignore[attr-defined]
        self.select_links((self._selected_links ^ {link}) if adding else {link})
        return True

    def _paint_selected_links(self, painter: QPainter, transform: object) -> None:
        """The selected links over everything else, in the selection colour (device pixels)."""
        if not self._selected_links:
            return
        scene = self.scene_model  # type: ignore[attr-defined]
        pen = QPen(self.colours.selection, 4.0)  # type: ignore[attr-defined]
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for edge_id in self._selected_links:
            edge = scene.edges.get(edge_id)
            if edge is None or not self._edge_visible.get(edge_id, False):  # type: ignore[attr-defined]
                continue
            source, target = scene.nodes[edge.source], scene.nodes[edge.target]
            a = transform.map(QPointF(source.x, source.y))  # type: ignore[attr-defined]
            b = transform.map(QPointF(target.x, target.y))  # type: ignore[attr-defined]
            bend = self._bent.get(edge_id, 0.0)  # type: ignore[attr-defined]
            if bend:
                zoom = math.sqrt(abs(transform.determinant()))  # type: ignore[attr-defined]
                dx, dy = b.x() - a.x(), b.y() - a.y()
                length = math.hypot(dx, dy) or 1e-9
                offset = QPointF(-dy / length * bend * zoom, dx / length * bend * zoom)
                a, b = a + offset, b + offset
            painter.drawLine(a, b)


__all__ = ["LINK_PICK_PIXELS", "CanvasLinksMixin"]
