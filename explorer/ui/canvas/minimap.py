"""The canvas' mini-map: an overview of every visible node in a corner, with the part in view
outlined; a click or a drag there moves the view.

View ▸ Mini-Map (Ctrl+M) turns it on and off (remembered). The nodes are drawn once into a cached
picture (a pixel buffer filled with numpy, a dot per node), rebuilt a moment after the scene changes; a paint only
blits that picture and draws the view's rectangle, so a 50,000-node scene costs nothing per frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from explorer.services.settings import config_dir

MINIMAP_SIZE = (200, 140)
#: Gap between the mini-map and the canvas' edges, in pixels.
MARGIN = 10
#: Scene changes arrive in bursts (a layout, an expansion): the picture is rebuilt once they settle.
REBUILD_DELAY_MS = 150
_SCENE_EVENTS = ("node_added", "node_removed", "node_changed", "positions_changed", "reset", "filters_changed",
                 "nodes_restyled")


def _argb(colour: str) -> int:
    """An opaque ``#rrggbb`` as a 32-bit ARGB pixel.

    >>> hex(_argb("#102030"))
    '0xff102030'
    """
    rgb = QColor(colour).rgb() & 0xFFFFFF
    return 0xFF000000 | rgb


class MiniMap(QWidget):
    """An overview of the canvas ``view`` (a :class:`~explorer.ui.canvas.graph_canvas.GraphCanvasView`)."""

    def __init__(self, view: Any) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("MiniMap")
        self.setFixedSize(*MINIMAP_SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the view (View ▸ Mini-Map, Ctrl+M)")
        self.picture = QImage()
        #: The scene rectangle the picture covers, and the transform from scene to mini-map pixels.
        self.area = QRectF()
        #: The rectangle of the node centres (the mini-map is not needed while it is all in view).
        self.nodes_area = QRectF()
        self._scale = 1.0
        self._offset = QPointF()
        self.rebuilds = 0
        self._wanted = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self._scene: Any = None
        self._watch_scene()
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self._on_view_moved)
            bar.rangeChanged.connect(self._on_view_moved)
        view.installEventFilter(self)
        self._place()
        self.schedule()

    # ------------------------------------------------------------------ keeping up with the scene
    def _watch_scene(self) -> None:
        scene = self.view.scene_model
        if scene is self._scene:
            return
        if self._scene is not None:
            for name in _SCENE_EVENTS:
                self._scene.events.disconnect(name, self.schedule)
        self._scene = scene
        for name in _SCENE_EVENTS:
            scene.events.connect(name, self.schedule)

    def schedule(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def set_wanted(self, wanted: bool) -> None:
        """Show the mini-map (when the canvas has something to show) or keep it hidden."""
        self._wanted = wanted
        self._update_shown()

    def _update_shown(self) -> None:
        """Shown when wanted and part of the scene is out of view (with everything in view it adds nothing)."""
        needed = not self.area.isEmpty() and not self._seen().contains(self.nodes_area)
        shown = self._wanted and needed
        if shown != self.isVisible():
            self.setVisible(shown)
        if shown:
            self.raise_()

    def _seen(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def _on_view_moved(self, *_args: object) -> None:
        self._update_shown()
        self.update()

    def rebuild(self) -> None:
        """Draw every visible node into the cached picture (a dot each, one batch per colour)."""
        self._watch_scene()
        scene = self.view.scene_model
        nodes = scene.visible_nodes()
        self.rebuilds += 1
        if not nodes:
            self.area = QRectF()
            self.picture = QImage()
            self._update_shown()
            return
        xs = np.fromiter((n.x for n in nodes), dtype=float, count=len(nodes))
        ys = np.fromiter((n.y for n in nodes), dtype=float, count=len(nodes))
        area = self.nodes_area = QRectF(float(xs.min()), float(ys.min()), float(np.ptp(xs)), float(np.ptp(ys)))
        pad = max(area.width(), area.height(), 200.0) * 0.06
        self.area = area.adjusted(-pad, -pad, pad, pad)
        width, height = self.width() - 8, self.height() - 8
        self._scale = min(width / self.area.width(), height / self.area.height())
        used_w, used_h = self.area.width() * self._scale, self.area.height() * self._scale
        self._offset = QPointF(4 + (width - used_w) / 2, 4 + (height - used_h) / 2)
        # Dots are set straight into a pixel buffer: no Python call per node past reading its place and colour.
        ratio = self.devicePixelRatioF()
        columns, rows = round(self.width() * ratio), round(self.height() * ratio)
        px = ((self._offset.x() + (xs - self.area.left()) * self._scale) * ratio).astype(np.int64)
        py = ((self._offset.y() + (ys - self.area.top()) * self._scale) * ratio).astype(np.int64)
        lookup: dict[str, int] = {}
        codes = np.fromiter((lookup.get(n.color) or lookup.setdefault(n.color, _argb(n.color)) for n in nodes),
                            dtype=np.uint32, count=len(nodes))
        pixels = np.zeros((rows, columns), dtype=np.uint32)
        dot = max(2, round((3.0 if len(nodes) < 2000 else 2.0) * ratio))
        for dx in range(dot):
            for dy in range(dot):
                pixels[np.clip(py + dy - dot // 2, 0, rows - 1), np.clip(px + dx - dot // 2, 0, columns - 1)] = codes
        picture = QImage(pixels.data, columns, rows, columns * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()
        picture.setDevicePixelRatio(ratio)
        self.picture = picture
        self._update_shown()
        self.update()

    # ------------------------------------------------------------------ geometry
    def to_minimap(self, point: QPointF) -> QPointF:
        return QPointF(self._offset.x() + (point.x() - self.area.left()) * self._scale,
                       self._offset.y() + (point.y() - self.area.top()) * self._scale)

    def to_scene(self, point: QPointF) -> QPointF:
        return QPointF(self.area.left() + (point.x() - self._offset.x()) / self._scale,
                       self.area.top() + (point.y() - self._offset.y()) / self._scale)

    def view_rect(self) -> QRectF:
        """The part of the scene in the canvas' viewport, in mini-map pixels."""
        seen = self._seen()
        top_left, bottom_right = self.to_minimap(seen.topLeft()), self.to_minimap(seen.bottomRight())
        return QRectF(top_left, bottom_right).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def _place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.move(viewport.right() - self.width() - MARGIN, viewport.bottom() - self.height() - MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A mini-map in a reference cycle being collected has lost its attributes while its
        # widget still filters the view's events for a moment: it has nothing to do then.
        view = self.__dict__.get("view")
        if view is None:
            return False
        if watched is view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
            self._update_shown()
        elif watched is view and event.type() == QEvent.Type.PaletteChange:
            self.update()
        return False

    # ------------------------------------------------------------------ painting and input
    def paintEvent(self, event: QPaintEvent) -> None:
        colours = self.view.colours
        painter = QPainter(self)
        try:
            background = QColor(colours.background)
            background.setAlpha(235)
            painter.setBrush(background)
            painter.setPen(QPen(colours.outline if colours.dark else QColor(0, 0, 0, 90), 1.0))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
            if not self.picture.isNull():
                painter.drawImage(0, 0, self.picture)
            if not self.area.isEmpty():
                frame = colours.selection
                fill = QColor(frame)
                fill.setAlpha(60)
                seen = self.view_rect()
                painter.setBrush(Qt.BrushStyle.NoBrush)  # a halo keeps the frame visible over any dots
                painter.setPen(QPen(colours.background, 4.0))
                painter.drawRect(seen)
                painter.setBrush(fill)
                painter.setPen(QPen(frame, 2.0))
                painter.drawRect(seen)
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.move_view_to(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.move_view_to(event.position())
            event.accept()

    def move_view_to(self, point: QPointF) -> None:
        """Centre the canvas on the scene point under ``point`` (mini-map pixels)."""
        if self.area.isEmpty():
            return
        self.view.centerOn(self.to_scene(point))
        self.update()


class MiniMapToggle:
    """View ▸ Mini-Map (Ctrl+M): shows or hides the canvas' mini-map, remembered between sessions."""

    KEY = "canvas/minimap"

    def __init__(self, window: Any) -> None:
        self.window = window
        self.minimap = MiniMap(window.canvas)
        self.action = QAction("&Mini-Map", window, checkable=True)
        self.action.setObjectName("miniMapAction")
        self.action.setShortcut("Ctrl+M")
        self.action.setStatusTip("An overview of the whole canvas in its corner; click it to move the view")
        stored = self._stored().value(self.KEY, True)
        self.action.setChecked(stored not in (False, "false", "0", 0))
        self.action.toggled.connect(self.set_shown)
        view_menu = window.menu("View")
        before = next((a for a in view_menu.actions() if a.objectName() == "filterLinksAction"), None)
        view_menu.insertAction(before, self.action) if before is not None else view_menu.addAction(self.action)
        self.minimap.set_wanted(self.action.isChecked())

    @staticmethod
    def _stored() -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def set_shown(self, shown: bool) -> None:
        self.minimap.set_wanted(shown)
        stored = self._stored()
        stored.setValue(self.KEY, shown)
        stored.sync()


def install_minimap(window: Any) -> MiniMapToggle | None:
    """Add the mini-map to the window's canvas and View ▸ Mini-Map (Ctrl+M) to its menu."""
    if window.canvas is None:
        return None
    return MiniMapToggle(window)


__all__ = ["MINIMAP_SIZE", "MiniMap", "MiniMapToggle", "install_minimap"]
