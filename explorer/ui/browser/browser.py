"""The Browser panel: a search box with as-you-type suggestions above the class tree.

While the box is empty the panel shows the class tree (with instance counts, instances
paged in as the user scrolls); typing switches to a ranked list of matching entities,
refreshed after a short pause. The class button beside the box restricts the results to
the classes ticked in its menu (those of the current results; subclasses count), and shows
which are on. Results whose label is shared say what tells them apart (class, a property,
the IRI's local name); a row too long for the panel wraps, and its tooltip holds all of
it. Enter or double-click activates an entity (the main window shows it in
the Inspector and on the canvas); a right-click asks the main window for the entity's
context menu.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.graph import KnowledgeGraph
from explorer.core.search_rows import FILTER_DEPTH, classes_of
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
        #: Classes the results are restricted to (IRI → label); empty: every class.
        self.class_filter: dict[str, str] = {}
        self.class_menu = QMenu(self)
        self.class_menu.setObjectName("searchClassMenu")
        self.class_menu.aboutToShow.connect(self._fill_class_menu)
        self.class_button = QToolButton(self)
        self.class_button.setObjectName("searchClassFilter")
        self.class_button.setMenu(self.class_menu)
        self.class_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.class_button.setCheckable(True)
        self._show_class_filter()

        self.results_model = SearchResultsModel(self)
        self.results_view = QListView(self)
        self.results_view.setObjectName("searchResults")
        self.results_view.setModel(self.results_model)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows wrap in a narrow panel, so a label, its class and what tells it from its namesakes all show.
        self.results_view.setUniformItemSizes(False)
        self.results_view.setWordWrap(True)
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A word longer than the panel keeps both its ends; the tooltip has the whole row.
        self.results_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.results_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.no_results = QLabel("No entity matches.", self)
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.no_results.setEnabled(False)

        self.tree_model = ClassTreeModel(self)
        self._overview_pending = False  # set_graph opens the tree's upper levels once it is planned
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
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.setSpacing(4)
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.class_button)
        layout.addLayout(search_row)
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
        self.tree_model.sig_planned.connect(self._on_tree_planned)

    # ------------------------------------------------------------------ public
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        if kg is not self._kg and self.class_filter:  # another graph has other classes
            self.class_filter = {}
            self._show_class_filter()
        self._kg = kg
        self._overview_pending = True
        self.tree_model.set_graph(kg)  # on the spot for a small graph, else in a worker
        self.refresh_search()

    def _on_tree_planned(self, new_graph: bool) -> None:
        if new_graph or self._overview_pending:
            self._overview_pending = False
            # Open the upper levels so the tree reads as an overview of the domain's classes, not
            # a single root (the ontology's top class) hiding all of them.
            self._open_overview(QModelIndex(), depth=0)

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
        classes = list(self.class_filter)
        # A server's round trip, or the label index still being read after a load: never on the GUI thread.
        if self._kg.is_remote or not self._kg.labels_ready():
            task = self._search_runner.start(search_rows, self._kg, text, self.suggestion_limit, classes)
            task.sig_finished.connect(lambda rows, asked=text: self._show_rows(asked, rows))
            task.sig_failed.connect(lambda message, asked=text: self._show_rows(asked, [], message))
            return
        self._show_rows(text, search_rows(self._kg, text, self.suggestion_limit, classes))

    def _show_rows(self, asked: str, rows: list[SearchRow], problem: str = "") -> None:
        if asked != self.search_box.text().strip():
            return  # typed on since
        if not problem and self.class_filter:
            problem = f"No {' or '.join(self.class_filter.values())} matches."
        self.no_results.setText(problem or "No entity matches.")
        self.results_model.set_rows(rows)
        self.no_results.setVisible(not rows)
        self.pages.setCurrentIndex(1)
        if rows:
            self.results_view.setCurrentIndex(self.results_model.index(0, 0))

    def suggestions(self) -> list[str]:
        """The entities currently suggested, best first."""
        return [row.entity for row in self.results_model.rows]

    # ------------------------------------------------------------------ class filter
    def set_class_filter(self, classes: dict[str, str]) -> None:
        """Restrict the results to instances of ``classes`` (IRI → label; subclasses count); {} for all."""
        self.class_filter = dict(classes)
        self._show_class_filter()
        self.refresh_search()

    def toggle_class(self, cls: str, label: str) -> None:
        found = dict(self.class_filter)
        if cls in found:
            del found[cls]
        else:
            found[cls] = label
        self.set_class_filter(found)

    def class_choices(self) -> list[tuple[str, str, int]]:
        """(class, label, results) to filter by: the classes of what the text finds, and those ticked."""
        text = self.search_box.text().strip()
        rows = list(self.results_model.rows)
        if text and self._kg is not None and not self._kg.is_remote:  # a server's answer stays in its worker
            rows = search_rows(self._kg, text, self.suggestion_limit * FILTER_DEPTH)
        elif not text and self._kg is not None:
            rows = []
        choices = classes_of(self._kg, rows) if self._kg is not None else []
        listed = {cls for cls, _, _ in choices}
        choices += [(cls, label, 0) for cls, label in self.class_filter.items() if cls not in listed]
        return choices

    def _fill_class_menu(self) -> None:
        menu = self.class_menu
        menu.clear()
        every = menu.addAction("All classes")
        every.setCheckable(True)
        every.setChecked(not self.class_filter)
        every.triggered.connect(lambda _=False: self.set_class_filter({}))
        menu.addSeparator()
        choices = self.class_choices()
        if not choices:
            menu.addAction("Type in the search box to see the classes it finds").setEnabled(False)
        for cls, label, count in choices:
            action = menu.addAction(f"{label} ({count})" if count else label)
            action.setCheckable(True)
            action.setChecked(cls in self.class_filter)
            action.setData(cls)
            action.setToolTip(cls)
            action.triggered.connect(lambda _=False, c=cls, name=label: self.toggle_class(c, name))

    def _show_class_filter(self) -> None:
        """The button says which classes are on, so a filtered list never passes for the whole answer."""
        names = list(self.class_filter.values())
        text = "All classes" if not names else names[0] if len(names) == 1 else f"{names[0]} +{len(names) - 1}"
        self.class_button.setText(self.class_button.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 130))
        self.class_button.setChecked(bool(names))
        self.class_button.setToolTip("Search results of every class: choose classes to see only those"
                                     if not names else "Only results of: " + ", ".join(names) + " (and subclasses)")

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
