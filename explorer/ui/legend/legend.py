"""The canvas legend: each class on the canvas with its colour, shape and count, and each kind of link.

Unticking a class hides its nodes (``Scene.set_class_visible``); unticking a link hides
those edges (``Scene.set_predicate_visible``). The legend follows the scene's events and
refreshes once per burst of changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer.core.scene import Scene
from explorer.ui.browser.class_tree import display_label
from explorer.ui.canvas.canvas_drawing import glyph_path

_CLASS_ROLE = Qt.ItemDataRole.UserRole
_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ICON_SIZE = 22


def class_icon(color: str, shape: str, size: int = ICON_SIZE) -> QIcon:
    """An icon drawing a node glyph of ``shape`` filled with ``color``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.translate(size / 2, size / 2)
    fill = QColor(color)
    painter.setPen(QPen(fill.darker(160), 1.0))
    painter.setBrush(fill)
    painter.drawPath(glyph_path(shape, size * 0.62))
    painter.end()
    return QIcon(pixmap)


def _size_icon(size: float) -> QIcon:
    """A grey disc as wide, relative to the largest node (64), as a node of ``size``."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor("#555555"), 1.0))
    painter.setBrush(QColor("#bbbbbb"))
    diameter = max(3.0, min(1.0, size / 64.0) * (ICON_SIZE - 2))
    painter.drawEllipse(int((ICON_SIZE - diameter) / 2), int((ICON_SIZE - diameter) / 2), int(diameter), int(diameter))
    painter.end()
    return QIcon(pixmap)


class LegendWidget(QWidget):
    """Classes and links shown on the canvas, each with a checkbox that filters it.

    Signals:
        sig_class_activated(str): a class row was double-clicked (the class IRI), e.g. to list its members.
    """

    sig_class_activated = Signal(str)
    #: "Style this class…" was chosen on a class row (the class IRI): the Style panel takes it.
    sig_style_class = Signal(str)

    def __init__(self, scene: Scene | None = None, parent: QWidget | None = None, *, edits: Any = None) -> None:
        super().__init__(parent)
        #: Where the ticks go: the session (so each is a step of Edit ▸ Undo), else the scene itself.
        self._edits = edits
        self.setObjectName("LegendWidget")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Legend: classes and links on the canvas")
        #: The styling rules and a measure's scale (what the looks on the canvas mean beyond class),
        #: first: when a measure colours the nodes, its scale is what the colours mean.
        self.styles_root = QTreeWidgetItem(self.tree, ["Styles"])
        self.classes_root = QTreeWidgetItem(self.tree, ["Classes"])
        self.links_root = QTreeWidgetItem(self.tree, ["Links"])
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu_requested)
        for root in (self.classes_root, self.links_root, self.styles_root):
            root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            root.setExpanded(True)
        self.show_all_button = QPushButton("Show All", self)
        self.show_all_button.setToolTip("Tick every class and link, and un-hide hidden nodes")
        self.show_all_button.clicked.connect(self._on_show_all_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        self._refresh_pending = False
        self._icons: dict[tuple[str, str], QIcon] = {}
        self.scene: Scene = Scene()
        self._subscribed = False
        self.set_scene(scene if scene is not None else Scene())
        # Through a function, not the bound method: Qt calls no slot of the object being destroyed.
        self.destroyed.connect(lambda *_: self._on_destroyed())

    # ------------------------------------------------------------------ scene wiring
    _EVENTS = ("node_added", "node_removed", "node_changed", "edge_added", "edge_removed", "reset", "filters_changed",
               "nodes_restyled", "edges_restyled")

    def set_scene(self, scene: Scene) -> None:
        """Describe another scene (and stop following the previous one)."""
        self.detach()
        self.scene = scene
        for name in self._EVENTS:
            scene.events.connect(name, self._on_scene_changed)
        self._subscribed = True
        self.refresh()

    def detach(self) -> None:
        if self._subscribed:
            for name in self._EVENTS:
                self.scene.events.disconnect(name, self._on_scene_changed)
            self._subscribed = False

    def _on_destroyed(self, *args: object) -> None:
        self.detach()

    def _on_scene_changed(self, *args: object) -> None:
        # Expanding a hub fires hundreds of events: rebuild the rows once, after the burst.
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self.refresh)

    # ------------------------------------------------------------------ rows
    def _icon(self, color: str, shape: str) -> QIcon:
        key = (color, shape)
        if key not in self._icons:
            self._icons[key] = class_icon(color, shape)
        return self._icons[key]

    def refresh(self) -> None:
        """Rebuild the rows from the scene."""
        self._refresh_pending = False
        counts = self.scene.class_counts()
        blocker = QSignalBlocker(self.tree)
        try:
            self.classes_root.takeChildren()
            measure = self.scene.measure_style
            # A measure's colours say nothing about class: the class rows then show the shape alone.
            by_measure = measure is not None and measure.color_by is not None
            for class_iri, label, color, shape in self.scene.legend():
                item = QTreeWidgetItem(self.classes_root, [f"{display_label(label)}  ({counts.get(class_iri, 0):,})"])
                item.setIcon(0, self._icon("#ffffff" if by_measure else color, shape))
                item.setToolTip(0, class_iri or "entities without a class")
                item.setData(0, _CLASS_ROLE, class_iri)
                item.setData(0, _KIND_ROLE, "class")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                hidden = class_iri in self.scene.hidden_classes
                item.setCheckState(0, Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
            self.links_root.takeChildren()
            for predicate, words, count in self.scene.predicates():
                item = QTreeWidgetItem(self.links_root, [f"{words or predicate}  ({count:,})"])
                item.setToolTip(0, predicate)
                item.setData(0, _CLASS_ROLE, predicate)
                item.setData(0, _KIND_ROLE, "predicate")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                hidden = predicate in self.scene.hidden_predicates
                item.setCheckState(0, Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked)
            self._fill_styles()
            self.classes_root.setText(0, f"Classes ({self.classes_root.childCount()})")
            self.links_root.setText(0, f"Links ({self.links_root.childCount()})")
        finally:
            del blocker

    def _fill_styles(self) -> None:
        from explorer.core.style_legend import rule_lines, scene_names

        self.styles_root.takeChildren()
        for line in rule_lines(list(self.scene.style_rules), scene_names(self.scene)):
            shape = "ellipse" if line.shape == "line" else line.shape
            text = f"{line.text}  (node size)" if line.group == "measure" and line.size else line.text
            item = QTreeWidgetItem(self.styles_root, [text])
            item.setIcon(0, _size_icon(line.size) if line.group == "measure" and line.size else self._icon(line.color, shape))
            item.setToolTip(0, line.text)
            item.setData(0, _KIND_ROLE, "style")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.styles_root.setHidden(self.styles_root.childCount() == 0)
        self.styles_root.setText(0, f"Styles ({self.styles_root.childCount()})")

    def _on_tree_context_menu_requested(self, point: Any) -> None:
        from PySide6.QtWidgets import QMenu

        item = self.tree.itemAt(point)
        if item is None or item.data(0, _KIND_ROLE) != "class" or not item.data(0, _CLASS_ROLE):
            return
        menu = QMenu(self.tree)
        action = menu.addAction("Style this class…")
        action.setObjectName("styleThisClassAction")
        class_iri = str(item.data(0, _CLASS_ROLE))
        action.triggered.connect(lambda: self.sig_style_class.emit(class_iri))
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def rows(self) -> list[tuple[str, str, bool]]:
        """What the legend shows: ``(kind, iri, ticked)`` for each class and link row."""
        found = []
        for root in (self.classes_root, self.links_root):
            for index in range(root.childCount()):
                item = root.child(index)
                found.append((item.data(0, _KIND_ROLE), item.data(0, _CLASS_ROLE), item.checkState(0) == Qt.CheckState.Checked))
        return found

    def row_for(self, iri: str) -> QTreeWidgetItem | None:
        for root in (self.classes_root, self.links_root):
            for index in range(root.childCount()):
                if root.child(index).data(0, _CLASS_ROLE) == iri:
                    return root.child(index)
        return None

    # ------------------------------------------------------------------ user actions
    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        iri = item.data(0, _CLASS_ROLE)
        if iri is None:
            return
        visible = item.checkState(0) == Qt.CheckState.Checked
        if item.data(0, _KIND_ROLE) == "class":
            (self._edits or self.scene).set_class_visible(iri, visible)
        else:
            (self._edits or self.scene).set_predicate_visible(iri, visible)

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if item.data(0, _KIND_ROLE) == "class" and item.data(0, _CLASS_ROLE):
            self.sig_class_activated.emit(item.data(0, _CLASS_ROLE))

    def _on_show_all_clicked(self) -> None:
        (self._edits or self.scene).show_all()


__all__ = ["LegendWidget", "class_icon"]
