"""The "+N more" list: every neighbour of an entity that the canvas does not show yet.

Opened by double-clicking a "+N more" node. The analyst filters the list by typing,
ticks what matters (or takes the next batch, or everything) and the choice is added to
the canvas with :meth:`Scene.expand` ``(only=…)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.graph import KnowledgeGraph
from explorer.core.graph_model import count_text
from explorer.core.scene import Scene

#: Neighbours listed at most (a hub's millionth neighbour is reached by typing a filter).
LIST_LIMIT = 5000


class MoreNeighboursDialog(QDialog):
    """Pick neighbours of one entity to add to the canvas."""

    sig_chosen = Signal(list)

    def __init__(self, kg: KnowledgeGraph, scene: Scene, entity: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Neighbours of {kg.label(entity)}")
        self.setObjectName("MoreNeighboursDialog")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by name or link…")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.summary = QLabel(self)
        around = kg.neighbours(entity, limit=LIST_LIMIT)
        seen: set[str] = set()
        for edge in around.edges:
            if edge.other in seen or (edge.other in scene.nodes and scene.nodes[edge.other].kind == "entity"):
                continue
            seen.add(edge.other)
            item = QListWidgetItem(f"{edge.words} — {edge.other_label}")
            item.setData(Qt.ItemDataRole.UserRole, edge.other)
            item.setToolTip(edge.other)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        omitted = count_text(around.omitted, around.omitted_at_least)
        self.summary.setText(f"{self.list.count():,} neighbours not on the canvas"
                             + (f" (and {omitted} more beyond this list)" if around.omitted else ""))
        buttons = QDialogButtonBox(self)
        self.add_checked = buttons.addButton("Add Ticked", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_shown = buttons.addButton("Add All Listed", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(480, 520)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.add_checked.clicked.connect(self._on_add_checked_clicked)
        self.add_shown.clicked.connect(self._on_add_shown_clicked)
        buttons.rejected.connect(self.reject)

    def entities(self, *, checked_only: bool) -> list[str]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if not item.isHidden()
                and (not checked_only or item.checkState() == Qt.CheckState.Checked)]

    def _on_filter_text_changed(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _on_add_checked_clicked(self) -> None:
        self.sig_chosen.emit(self.entities(checked_only=True))
        self.accept()

    def _on_add_shown_clicked(self) -> None:
        self.sig_chosen.emit(self.entities(checked_only=False))
        self.accept()
