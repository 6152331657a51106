"""The Browser panel: a search box with as-you-type suggestions above the class tree.

While the box is empty the panel shows the class tree (with instance counts, instances
paged in as the user scrolls); typing switches to a ranked list of matching entities,
refreshed after a short pause. Enter or double-click activates an entity (the main
window shows it in the Inspector and on the canvas); a right-click asks the main window
for the entity's context menu.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.graph import KnowledgeGraph
from explorer.ui.browser.class_tree import ClassTreeModel, IriRole, KindRole
from explorer.ui.browser.search_results import SearchResultsModel, SearchRow, search_rows
from explorer.ui.workers import LatestTaskRunner

#: Pause after the last keystroke before searching, so fast typing does not search per letter.
SEARCH_DELAY_MS = 150


class BrowserWidget(QWidget):
    """Search and class tree; emits entity IRIs."""

    sig_entity_selected = Signal(str)
    sig_entity_activated = Signal(str)
    sig_class_activated = Signal(str)
    sig_context_menu_requested = Signal(str, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kg: KnowledgeGraph | None = None
        self.suggestion_limit = 15

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Search entities by name or alias…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)

        self.results_model = SearchResultsModel(self)
        self.results_view = QListView(self)
        self.results_view.setObjectName("searchResults")
        self.results_view.setModel(self.results_model)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setUniformItemSizes(True)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.no_results = QLabel("No entity matches.", self)
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.no_results.setEnabled(False)

        self.tree_model = ClassTreeModel(self)
        self.tree_view = QTreeView(self)
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setHeaderHidden(True)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.show_empty = QCheckBox("Show classes without instances", self)

        self.pages = QStackedWidget(self)
        tree_page = QWidget(self)
        tree_layout = QVBoxLayout(tree_page)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.tree_view)
        tree_layout.addWidget(self.show_empty)
        results_page = QWidget(self)
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results_view)
        results_layout.addWidget(self.no_results)
        self.pages.addWidget(tree_page)
        self.pages.addWidget(results_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_box)
        layout.addWidget(self.pages, 1)

        self._search_runner = LatestTaskRunner(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self._search_timer.timeout.connect(self.refresh_search)
        self.results_view.activated.connect(self._on_results_activated)
        self.results_view.doubleClicked.connect(self._on_results_activated)
        self.results_view.selectionModel().currentChanged.connect(self._on_results_current_changed)
        self.results_view.customContextMenuRequested.connect(self._on_results_context_menu)
        self.tree_view.activated.connect(self._on_tree_activated)
        self.tree_view.doubleClicked.connect(self._on_tree_activated)
        self.tree_view.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree_view.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.show_empty.toggled.connect(self.tree_model.set_show_empty)

    # ------------------------------------------------------------------ public
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self._kg = kg
        self.tree_model.set_graph(kg)
        # Open the upper levels so the tree reads as an overview of the domain's classes, not a
        # single root (the ontology's top class) hiding all of them.
        self._open_overview(QModelIndex(), depth=0)
        self.refresh_search()

    def _open_overview(self, parent: QModelIndex, depth: int) -> None:
        model = self.tree_model
        classes = [model.index(r, 0, parent) for r in range(model.rowCount(parent))
                   if model.index(r, 0, parent).data(KindRole) == "class"]
        if (depth > 0 and len(classes) > 1) or depth > 4:
            return
        for index in classes[:12]:
            self.tree_view.expand(index)
            self._open_overview(index, depth + 1)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Type ``text`` into the search box and show the suggestions at once."""
        self.search_box.setText(text)
        self.refresh_search()

    def refresh_search(self) -> None:
        """Recompute the suggestions for the text in the box."""
        self._search_timer.stop()
        text = self.search_box.text().strip()
        if not text or self._kg is None:
            self.results_model.set_rows([])
            self.pages.setCurrentIndex(0)
            return
        if self._kg.is_remote:  # a round trip per question: never on the GUI thread
            task = self._search_runner.start(search_rows, self._kg, text, self.suggestion_limit)
            task.sig_finished.connect(lambda rows, asked=text: self._show_rows(asked, rows))
            task.sig_failed.connect(lambda message, asked=text: self._show_rows(asked, [], message))
            return
        self._show_rows(text, search_rows(self._kg, text, self.suggestion_limit))

    def _show_rows(self, asked: str, rows: list[SearchRow], problem: str = "") -> None:
        if asked != self.search_box.text().strip():
            return  # typed on since
        self.no_results.setText(problem or "No entity matches.")
        self.results_model.set_rows(rows)
        self.no_results.setVisible(not rows)
        self.pages.setCurrentIndex(1)
        if rows:
            self.results_view.setCurrentIndex(self.results_model.index(0, 0))

    def suggestions(self) -> list[str]:
        """The entities currently suggested, best first."""
        return [row.entity for row in self.results_model.rows]

    # ------------------------------------------------------------------ keyboard
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.pages.currentIndex() == 1:
                self.results_view.setFocus()
                if not self.results_view.currentIndex().isValid() and self.results_model.rowCount():
                    self.results_view.setCurrentIndex(self.results_model.index(0, 0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ slots
    def _on_search_box_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_box_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self.refresh_search()
        index = self.results_view.currentIndex()
        if not index.isValid() and self.results_model.rowCount():
            index = self.results_model.index(0, 0)
        if index.isValid():
            self.sig_entity_activated.emit(index.data(IriRole))

    def _on_results_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_entity_activated.emit(index.data(IriRole))

    def _on_results_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.results_view.hasFocus():
            self.sig_entity_selected.emit(current.data(IriRole))

    def _on_results_context_menu(self, position: QPoint) -> None:
        index = self.results_view.indexAt(position)
        if index.isValid():
            self.sig_context_menu_requested.emit(index.data(IriRole), self.results_view.viewport().mapToGlobal(position))

    def _on_tree_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if index.data(KindRole) == "instance":
            self.sig_entity_activated.emit(index.data(IriRole))
        else:
            self.sig_class_activated.emit(index.data(IriRole))

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(KindRole) == "instance":
            self.sig_entity_selected.emit(current.data(IriRole))

    def _on_tree_context_menu(self, position: QPoint) -> None:
        index = self.tree_view.indexAt(position)
        if index.isValid():
            self.sig_context_menu_requested.emit(index.data(IriRole), self.tree_view.viewport().mapToGlobal(position))
