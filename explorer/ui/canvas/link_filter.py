"""View ▸ Filter Links…: which kinds of link the canvas draws.

One checkable row per predicate on the canvas, in words ("has branch — 12 links"),
most frequent first; unticking hides those links at once (the scene's predicate filter),
ticking shows them again. The list follows the canvas while the dialog is open.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.scene import Scene

_PREDICATE_ROLE = Qt.ItemDataRole.UserRole + 1


class LinkFilterDialog(QDialog):
    """Tick the predicates whose links the canvas shows."""

    def __init__(self, scene: Scene, parent: QWidget | None = None, *, edits: Any = None) -> None:
        super().__init__(parent)
        #: Where the ticks go: the session (so each is a step of Edit ▸ Undo), else the scene itself.
        self._edits = edits if edits is not None else scene
        self.setWindowTitle("Filter Links")
        self.setObjectName("LinkFilterDialog")
        self.scene = scene
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter the list…")
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("linkFilterList")
        self.summary = QLabel(self)
        self.empty_hint = QLabel("No links on the canvas yet. Expand an entity (double-click it) to see its links "
                                 "here.", self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)
        self.show_all_button = QPushButton("Show All", self)
        self.hide_all_button = QPushButton("Hide All", self)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.show_all_button)
        row.addWidget(self.hide_all_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(420, 460)

        # Canvas changes arrive in bursts (an expansion adds dozens of edges): refresh once.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(100)
        self._refresh_timer.timeout.connect(self.refresh)
        for event in ("edge_added", "edge_removed", "reset", "filters_changed"):
            scene.events.connect(event, self._on_scene_changed)
        self.destroyed.connect(lambda *_: self._disconnect(scene))

        self.list.itemChanged.connect(self._on_list_item_changed)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.show_all_button.clicked.connect(lambda: self._edits.set_predicate_filter(()))
        self.hide_all_button.clicked.connect(
            lambda: self._edits.set_predicate_filter(p for p, _words, _n in self.scene.predicates()))
        self.refresh()

    def _disconnect(self, scene: Scene) -> None:
        for event in ("edge_added", "edge_removed", "reset", "filters_changed"):
            with contextlib.suppress(ValueError, RuntimeError):
                scene.events.disconnect(event, self._on_scene_changed)

    def _on_scene_changed(self, *_args: object) -> None:
        if self.isVisible():
            self._refresh_timer.start()

    def refresh(self) -> None:
        """List the predicates on the canvas, ticked when their links are shown."""
        self._refresh_timer.stop()
        predicates = self.scene.predicates()
        hidden = self.scene.hidden_predicates
        self.list.blockSignals(True)
        self.list.clear()
        for predicate, words, count in predicates:
            item = QListWidgetItem(f"{words}  —  {count:,} link{'s' if count != 1 else ''}")
            item.setData(_PREDICATE_ROLE, predicate)
            item.setToolTip(predicate)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if predicate in hidden else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._on_filter_edit_text_changed(self.filter_edit.text())
        shown = sum(1 for p, _w, _n in predicates if p not in hidden)
        self.summary.setText(f"{shown} of {len(predicates)} kinds of link shown" if predicates else "")
        self.empty_hint.setVisible(not predicates)
        self.list.setVisible(bool(predicates))
        for button in (self.show_all_button, self.hide_all_button):
            button.setEnabled(bool(predicates))

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        predicate = item.data(_PREDICATE_ROLE)
        if predicate:
            self._edits.set_predicate_visible(predicate, item.checkState() == Qt.CheckState.Checked)

    def _on_filter_edit_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self.items():
            item.setHidden(bool(needle) and needle not in item.text().casefold()
                           and needle not in str(item.data(_PREDICATE_ROLE)).casefold())
