"""The SPARQL workbench: query tabs, running in a worker, paged results, export, library, undo.

:class:`QueryWorkbenchWidget` holds several query tabs (Ctrl+T new, Ctrl+W close,
double-click a tab to rename it). Ctrl+Enter runs the current tab's query — the selection
when there is one — in a background task with the timeout and row cap from the settings;
Cancel stops it. Results:

- SELECT: a sortable table over :class:`ResultTableModel`, which pages rows in as the view
  scrolls (``fetchMore``), shows IRIs as labels or prefixed names, and copies cells with
  Ctrl+C. Clicking an IRI emits ``sig_entity_activated(iri)``; "Show on canvas" emits
  ``sig_show_on_canvas(list[str])`` with the entities of the selected rows (or all rows);
- ASK: a large yes / no;
- CONSTRUCT / DESCRIBE: a triple table and "Open on canvas" (``sig_show_triples(list[tuple])``).

Results export as CSV, TSV, SPARQL-JSON and SPARQL-XML (graphs as Turtle, N-Triples,
JSON-LD or RDF/XML), written atomically. Refused queries (Update turned off, SERVICE
without network permission) show their one-line reason. SPARQL Update, when allowed, runs
inside a recorded diff and "Undo update" restores the graph exactly. The "Include
inferred" switch materialises RDFS / OWL 2 RL inference into its own graph or drops it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.errors import ExplorerError, QueryError, RefusedQuery
from explorer.core.sparql import QueryPolicy, QueryResult
from explorer.services.query_library import LibraryQuery, QueryLibrary
from explorer.services.settings import Settings
from explorer.ui.sparql.query_editor import CompletionVocabulary, SparqlEditor, build_vocabulary
from explorer.ui.workers import Task

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.updates import RecordedUpdate

#: Rows the table model adds per fetch: the view asks for more as it scrolls.
PAGE_SIZE = 500
#: Entities sent to the canvas at most in one go.
CANVAS_LIMIT = 300
#: (name, menu text, file filter) of the result export formats.
TABLE_EXPORTS = (
    ("csv", "CSV…", "CSV (*.csv)"),
    ("tsv", "TSV…", "Tab-separated values (*.tsv)"),
    ("json", "SPARQL-JSON…", "SPARQL results JSON (*.srj *.json)"),
    ("xml", "SPARQL-XML…", "SPARQL results XML (*.srx *.xml)"),
)
GRAPH_EXPORTS = (
    ("turtle", "Turtle…", "Turtle (*.ttl)"),
    ("ntriples", "N-Triples…", "N-Triples (*.nt)"),
    ("jsonld", "JSON-LD…", "JSON-LD (*.jsonld)"),
    ("rdfxml", "RDF/XML…", "RDF/XML (*.rdf)"),
)
NEW_QUERY = "SELECT ?s ?p ?o\nWHERE {\n  ?s ?p ?o .\n}\nLIMIT 100\n"
_ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


# ---------------------------------------------------------------------- the result model
class ResultTableModel(QAbstractTableModel):
    """A table over a :class:`QueryResult` (SELECT rows or CONSTRUCT triples), paged.

    Only ``PAGE_SIZE`` rows are exposed at first; the view calls :meth:`fetchMore` as it
    scrolls. Sorting reorders an index over all rows (cheap keys from the raw terms) and
    starts paging again from the top.
    """

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.result: QueryResult | None = None
        self.kg: KnowledgeGraph | None = None
        self.columns: list[str] = []
        self.show_labels = True
        self._raw: Sequence[Sequence[Any]] = []
        self._order: list[int] | None = None
        self._loaded = 0
        self._link = QBrush(QColor("#1f5fbf"))

    def set_result(self, result: QueryResult | None, kg: KnowledgeGraph | None) -> None:
        self.beginResetModel()
        self.result, self.kg = result, kg
        self._order = None
        if result is None or result.kind == "ask":
            self.columns, self._raw = [], []
        elif result.kind == "select":
            self.columns, self._raw = list(result.variables), result.raw_rows
        else:
            self.columns, self._raw = ["subject", "predicate", "object"], result.raw_triples
        self._loaded = min(len(self._raw), self.page_size)
        self.endResetModel()

    def set_show_labels(self, show: bool) -> None:
        self.show_labels = show
        if self._loaded:
            self.dataChanged.emit(self.index(0, 0), self.index(self._loaded - 1, len(self.columns) - 1))

    @property
    def total_rows(self) -> int:
        return len(self._raw)

    # paging
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._loaded < len(self._raw)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid():
            return
        more = min(self.page_size, len(self._raw) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    # cells
    def raw(self, row: int, column: int) -> Any:
        index = self._order[row] if self._order is not None else row
        values = self._raw[index]
        return values[column] if column < len(values) else None

    def entity(self, row: int, column: int) -> str | None:
        """The entity (IRI or ``_:id``) in a cell, or None for a literal or an empty cell."""
        return _entity_of(self.raw(row, column))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and section < len(self.columns):
                name = self.columns[section]
                return f"?{name}" if self.result is not None and self.result.kind == "select" else name
            if orientation == Qt.Orientation.Vertical:
                return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        term = self.raw(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(term)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if term is None else str(term)
        if role == _ENTITY_ROLE:
            return _entity_of(term)
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(term, ox.NamedNode):
            return self._link
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(term, ox.Literal) and _is_number(term):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, term: Any) -> str:
        """A cell's text: label or prefixed name for IRIs, the value (and language) for literals."""
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            if self.kg is None:
                return f"<{term.value}>"
            return self.kg.label(term.value) if self.show_labels else self.kg.qname(term.value)
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Literal):
            return term.value  # the language tag and datatype are in the tooltip
        return str(term)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._raw or column >= len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        key = self._sort_key
        indices = sorted(range(len(self._raw)), key=lambda i: key(self._raw[i][column] if column < len(self._raw[i]) else None),
                         reverse=order == Qt.SortOrder.DescendingOrder)
        self._order = indices
        self.layoutChanged.emit()

    def _sort_key(self, term: Any) -> tuple[int, float, str]:
        if term is None:
            return (3, 0.0, "")
        if isinstance(term, ox.Literal):
            if _is_number(term):
                try:
                    return (0, float(term.value), "")
                except ValueError:
                    pass
            return (1, 0.0, term.value.casefold())
        return (2, 0.0, self.display(term).casefold())

    def copy_text(self, indexes: Sequence[QModelIndex]) -> str:
        """Tab-separated text of the given cells, row by row (what Ctrl+C puts on the clipboard)."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for row in rows:
            cells = [self.display(self.raw(row, c)) if (row, c) in chosen else "" for c in columns]
            lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
        return "\n".join(lines)


def _entity_of(term: Any) -> str | None:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return None


_NUMERIC = ("integer", "decimal", "double", "float", "long", "int", "short", "nonNegativeInteger", "positiveInteger")


def _is_number(term: ox.Literal) -> bool:
    datatype = term.datatype.value
    return datatype.startswith("http://www.w3.org/2001/XMLSchema#") and datatype.rsplit("#", 1)[1] in _NUMERIC


# ---------------------------------------------------------------------- results view
class ResultTableView(QTableView):
    """The results table: sortable, Ctrl+C copies the selected cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSortIndicatorShown(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        copy = QAction("Copy", self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.addAction(copy)

    def copy_selection(self) -> str:
        model = self.model()
        if not isinstance(model, ResultTableModel):
            return ""
        text = model.copy_text(self.selectedIndexes())
        QGuiApplication.clipboard().setText(text)
        return text


class QueryTab(QWidget):
    """One query: its editor above, its results below."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.result: QueryResult | None = None
        self.editor = SparqlEditor(self)
        self.editor.setPlainText(text)
        self.model = ResultTableModel(self)
        self.table = ResultTableView(self)
        self.table.setModel(self.model)
        self.answer = QLabel(self)
        self.answer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.answer.setObjectName("askAnswer")
        self.message = QLabel("Run the query with Ctrl+Enter to see its results here.", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("resultMessage")
        self.results = QStackedWidget(self)
        for page in (self.message, self.table, self.answer):
            self.results.addWidget(page)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.results)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.results.setCurrentWidget(self.message)

    def show_result(self, result: QueryResult, kg: KnowledgeGraph | None) -> None:
        self.result = result
        if result.kind == "ask":
            self.model.set_result(None, kg)
            yes = bool(result.boolean)
            font = QFont(self.font())
            font.setPointSize(max(self.font().pointSize() * 3, 28))
            font.setBold(True)
            self.answer.setFont(font)
            self.answer.setText("Yes" if yes else "No")
            self.answer.setStyleSheet(f"color: {'#2e7d32' if yes else '#c62828'};")
            self.answer.setToolTip("The ASK query found a match" if yes else "The ASK query found no match")
            self.results.setCurrentWidget(self.answer)
            return
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_result(result, kg)
        self.results.setCurrentWidget(self.table)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 420))


# ---------------------------------------------------------------------- the workbench
class QueryWorkbenchWidget(QWidget):
    """The SPARQL workbench; see the module docstring."""

    sig_entity_activated = Signal(str)
    sig_show_on_canvas = Signal(list)
    sig_show_triples = Signal(list)
    #: The graph changed (update, undo, inference on/off): views should refresh.
    sig_graph_modified = Signal()
    sig_inference_changed = Signal(bool)
    sig_query_started = Signal()
    sig_query_finished = Signal(object)  # QueryResult, or RecordedUpdate for an update
    sig_query_failed = Signal(str)
    sig_query_cancelled = Signal()
    sig_status_changed = Signal(str)

    def __init__(self, settings: Settings | None = None, library: QueryLibrary | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.library = library or QueryLibrary()
        self.kg: KnowledgeGraph | None = None
        self.vocabulary = CompletionVocabulary()
        self.undo_stack: list[RecordedUpdate] = []
        self.task: Task | None = None
        self._task_tab: QueryTab | None = None
        self._task_text = ""
        self._task_origin = 0
        self._started = 0.0
        self._vocabulary_task: Task | None = None
        self._inference_task: Task | None = None
        self._tab_counter = 0
        self._status_is_error = False
        #: Where run_query reads the settings from (the main window's live settings when mounted).
        self.settings_provider: Callable[[], Settings] | None = None

        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.tabBarDoubleClicked.connect(self._on_tabs_double_clicked)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.run_action = self._toolbar_action("Run", "Run the query, or the selected part (Ctrl+Enter)", self.run_query)
        self.cancel_action = self._toolbar_action("Cancel", "Stop the running query or inference", self.cancel)
        self.cancel_action.setEnabled(False)
        self.toolbar.addSeparator()
        self.new_tab_action = self._toolbar_action("New tab", "Open a new query tab (Ctrl+T)", lambda: self.new_tab())
        self.new_tab_action.setShortcut(QKeySequence("Ctrl+T"))
        self.close_tab_action = QAction("Close tab", self)
        self.close_tab_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_tab_action.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        for action in (self.new_tab_action, self.close_tab_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.library_menu = QMenu("Examples", self)
        self.library_menu.aboutToShow.connect(self._fill_library_menu)
        self._toolbar_menu_button("Examples", "Built-in example queries and your saved queries", self.library_menu)
        self.save_action = self._toolbar_action("Save…", "Save this query in your library", self._on_save_triggered)
        self.history_menu = QMenu("History", self)
        self.history_menu.aboutToShow.connect(self._fill_history_menu)
        self._toolbar_menu_button("History", "Queries you ran before", self.history_menu)
        self.toolbar.addSeparator()
        self.export_menu = QMenu("Export", self)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button = self._toolbar_menu_button("Export", "Save the results as CSV, TSV, SPARQL-JSON or SPARQL-XML",
                                                       self.export_menu)
        self.canvas_action = self._toolbar_action("Show on canvas", "Show the entities of the selected rows (or all) on "
                                                  "the canvas", self.show_on_canvas)
        self.undo_action = self._toolbar_action("Undo update", "Put the graph back as it was before the last update",
                                                self.undo_update)
        self.undo_action.setEnabled(False)
        self.toolbar.addSeparator()
        self.labels_box = QCheckBox("Labels", self)
        self.labels_box.setChecked(True)
        self.labels_box.setToolTip("Show IRIs as labels (checked) or as prefixed names")
        self.labels_box.toggled.connect(self._on_labels_box_toggled)
        self.toolbar.addWidget(self.labels_box)
        self.inferred_box = QCheckBox("Include inferred", self)
        self.inferred_box.setToolTip("Add RDFS / OWL 2 RL inferences (kept in their own graph, removed when unchecked)")
        self.inferred_box.toggled.connect(self._on_inferred_box_toggled)
        self.toolbar.addWidget(self.inferred_box)
        self.profile_box = QComboBox(self)
        from explorer.core.inference import PROFILES

        for key, name in PROFILES.items():
            self.profile_box.addItem(name, key)
        self.profile_box.setToolTip("Which inference rules to apply")
        self.profile_box.currentIndexChanged.connect(self._on_profile_box_changed)
        self.toolbar.addWidget(self.profile_box)

        self.status = QLabel("", self)
        self.status.setObjectName("workbenchStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.elapsed_label = QLabel("", self)
        self._clock = QTimer(self)
        self._clock.setInterval(100)
        self._clock.timeout.connect(self._on_clock_timeout)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(6, 2, 6, 2)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.elapsed_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(status_row)

        self.new_tab()
        self._update_actions()

    # ------------------------------------------------------------------ graph and settings
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        """Work on ``kg``: policy from the settings, completion vocabulary built in the background."""
        self.kg = kg
        self.undo_stack.clear()
        for tab in self.all_tabs():
            tab.model.set_result(None, kg)
            tab.result = None
            tab.show_message("Run the query with Ctrl+Enter to see its results here.")
        if kg is not None:
            self.apply_settings(self.settings)
            from explorer.core.inference import is_materialised

            with QSignalBlocker(self.inferred_box):
                self.inferred_box.setChecked(is_materialised(kg))
            self._vocabulary_task = Task(build_vocabulary, kg)
            self._vocabulary_task.sig_finished.connect(self._on_vocabulary_task_finished)
            self._vocabulary_task.start()
        self._update_actions()

    def apply_settings(self, settings: Settings) -> None:
        """Take the timeout, row cap, and the Update / network permissions from ``settings``."""
        self.settings = settings
        if self.kg is not None:
            self.kg.policy = self.policy()
            self.kg.default_query_timeout = settings.query_timeout

    def policy(self) -> QueryPolicy:
        return QueryPolicy(allow_update=self.settings.allow_update, allow_network=self.settings.allow_network)

    def _on_vocabulary_task_finished(self, vocabulary: CompletionVocabulary) -> None:
        self.vocabulary = vocabulary
        for tab in self.all_tabs():
            tab.editor.set_vocabulary(vocabulary)

    # ------------------------------------------------------------------ tabs
    def all_tabs(self) -> list[QueryTab]:
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if isinstance(w, QueryTab)]

    def current_tab(self) -> QueryTab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, QueryTab)
        return tab

    @property
    def editor(self) -> SparqlEditor:
        return self.current_tab().editor

    def new_tab(self, text: str = NEW_QUERY, title: str | None = None) -> QueryTab:
        self._tab_counter += 1
        tab = QueryTab(title or f"Query {self._tab_counter}", text, self)
        tab.editor.set_vocabulary(self.vocabulary)
        tab.editor.sig_run_requested.connect(self.run_query)
        tab.editor.sig_error_changed.connect(self._on_editor_error_changed)
        tab.table.clicked.connect(self._on_table_clicked)
        tab.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tab.table.customContextMenuRequested.connect(lambda position, t=tab: self._on_table_context_menu(t, position))
        index = self.tabs.addTab(tab, tab.title)
        self.tabs.setCurrentIndex(index)
        tab.editor.setFocus()
        return tab

    def close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is None:
            return
        if tab is self._task_tab:
            self.cancel()
        self.tabs.removeTab(index)
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.new_tab()

    def rename_tab(self, index: int, title: str) -> None:
        tab = self.tabs.widget(index)
        title = " ".join(title.split())
        if isinstance(tab, QueryTab) and title:
            tab.title = title
            self.tabs.setTabText(index, title)

    def open_query(self, query: LibraryQuery | str, title: str | None = None) -> QueryTab:
        """Open a library query (or text) in a new tab — or in the current one if it is untouched."""
        text = query if isinstance(query, str) else query.sparql
        name = title or (query.title if isinstance(query, LibraryQuery) else None)
        current = self.tabs.currentWidget()
        if isinstance(current, QueryTab) and current.editor.toPlainText() in (NEW_QUERY, "") and current.result is None:
            current.editor.setPlainText(text)
            if name:
                self.rename_tab(self.tabs.currentIndex(), name)
            if isinstance(query, LibraryQuery) and query.description:
                current.show_message(query.description)
            return current
        tab = self.new_tab(text, name)
        if isinstance(query, LibraryQuery) and query.description:
            tab.show_message(query.description)
        return tab

    def _on_tabs_double_clicked(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if not isinstance(tab, QueryTab):
            return
        title, ok = QInputDialog.getText(self, "Rename query tab", "Name:", text=tab.title)
        if ok:
            self.rename_tab(index, title)

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._update_actions()

    # ------------------------------------------------------------------ running
    def run_query(self, text: str | None = None) -> Task | None:
        """Run ``text``, or the current tab's selection or whole query, in a background task."""
        tab = self.current_tab()
        origin = 0
        if text is None:
            text, origin = tab.editor.query_to_run()
        tab.editor.clear_error()
        if not text.strip():
            self._set_status("Nothing to run: the query is empty.", error=True)
            return None
        if self.kg is None:
            self._set_status("No graph is open: open one before running queries.", error=True)
            return None
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        self.apply_settings(self.settings_provider() if self.settings_provider is not None else self.settings)
        try:
            kind = self.policy().check(text)
        except RefusedQuery as error:
            self._fail(tab, text, str(error), status="refused")
            return None
        except QueryError as error:
            self._fail(tab, text, str(error), status="failed", error=error, origin=origin)
            return None
        if kind == "update" and getattr(self.kg, "is_remote", False):
            # A server's graph cannot be copied to record the change: the update is sent as
            # it is and, unlike on the embedded store, cannot be undone from here.
            task = Task(self.kg.query, text, timeout=self.settings.query_timeout, policy=self.policy())
        elif kind == "update":
            from explorer.core.updates import run_update

            task = Task(run_update, self.kg, text, policy=self.policy())
        else:
            task = Task(self.kg.query, text, timeout=self.settings.query_timeout, max_rows=self.settings.max_result_rows,
                        policy=self.policy())
        self.task, self._task_tab, self._task_text, self._task_origin = task, tab, text, origin
        task.sig_finished.connect(lambda result, t=task: self._on_task_finished(t, result))
        task.sig_failed.connect(lambda message, t=task: self._on_task_failed(t, message))
        task.sig_cancelled.connect(lambda t=task: self._on_task_cancelled(t))
        self._started = time.perf_counter()
        self._clock.start()
        tab.show_message("Running…")
        self._set_status("Running…")
        task.start()
        self._update_actions()
        self.sig_query_started.emit()
        return task

    def cancel(self) -> None:
        """Stop the running query (or inference)."""
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        if self._inference_task is not None and not self._inference_task.finished:
            self._inference_task.cancel()

    @property
    def running(self) -> bool:
        return (self.task is not None and not self.task.finished) or (
            self._inference_task is not None and not self._inference_task.finished)

    def _on_task_finished(self, task: Task, result: Any) -> None:
        if task is not self.task:
            return
        tab, text = self._task_tab, self._task_text
        elapsed = time.perf_counter() - self._started
        self._clock.stop()
        self.elapsed_label.setText(_seconds(elapsed))
        if isinstance(result, QueryResult) and result.kind == "update":
            if tab is not None:
                tab.show_message("The update was applied on the server. Updates sent to a server cannot be undone here.")
            self._set_status(f"Update applied on the server · {_seconds(elapsed)}")
            self.library.record(text, status="ok", elapsed=elapsed)
            self.sig_graph_modified.emit()
        elif isinstance(result, QueryResult):
            if tab is not None:
                tab.show_result(result, self.kg)
            count = len(result)
            what = {"select": "row", "construct": "triple", "describe": "triple"}.get(result.kind)
            if result.kind == "ask":
                summary = f"ASK: {'yes' if result.boolean else 'no'}"
            else:
                summary = f"{count:,} {what}{'s' if count != 1 else ''}"
                if result.truncated:
                    summary += f" (stopped at the limit of {self.settings.max_result_rows:,} from the settings)"
            self._set_status(f"{summary} · {_seconds(elapsed)}")
            self.library.record(text, status="ok", elapsed=elapsed, rows=None if result.kind == "ask" else count)
        else:  # a recorded update
            self.undo_stack.append(result)
            if tab is not None:
                tab.show_message(f"The {result.summary()}. Undo update puts the graph back as it was.")
            self._set_status(f"{result.summary().capitalize()} · {_seconds(elapsed)}")
            self.library.record(text, status="ok", elapsed=elapsed, rows=len(result.added) + len(result.removed))
            self.sig_graph_modified.emit()
        self._update_actions()
        self.sig_query_finished.emit(result)

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is not self.task:
            return
        self._clock.stop()
        error = task.error if isinstance(task.error, QueryError) else None
        status = "timeout" if type(task.error).__name__ == "QueryTimeout" else "failed"
        self._fail(self._task_tab, self._task_text, message, status=status, error=error, origin=self._task_origin)
        self._update_actions()

    def _on_task_cancelled(self, task: Task) -> None:
        if task is not self.task:
            return
        self._clock.stop()
        if self._task_tab is not None:
            self._task_tab.show_message("The query was cancelled.")
        self._set_status("Cancelled.")
        self.library.record(self._task_text, status="cancelled", elapsed=time.perf_counter() - self._started)
        self._update_actions()
        self.sig_query_cancelled.emit()

    def _fail(self, tab: QueryTab | None, text: str, message: str, *, status: str, error: ExplorerError | None = None,
              origin: int = 0) -> None:
        if tab is not None:
            tab.show_message(message)
            if isinstance(error, QueryError) and error.line is not None:
                tab.editor.show_error(error.line, error.column, message, origin=origin)
        self._set_status(message, error=True)
        self.library.record(text, status=status, message=message)
        self.sig_query_failed.emit(message)

    def _on_clock_timeout(self) -> None:
        self.elapsed_label.setText(_seconds(time.perf_counter() - self._started))

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self._status_is_error = error
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.sig_status_changed.emit(text)

    def _on_editor_error_changed(self, message: str) -> None:
        if not message and self._status_is_error:
            self._set_status("")

    # ------------------------------------------------------------------ update undo
    def undo_update(self) -> bool:
        """Undo the last SPARQL Update; returns False when there is nothing to undo."""
        if not self.undo_stack or self.kg is None:
            return False
        from explorer.core.updates import undo

        record = self.undo_stack.pop()
        undo(self.kg, record)
        self._set_status(f"Undone: the {record.summary()} was reversed.")
        self._update_actions()
        self.sig_graph_modified.emit()
        return True

    def adopt_updates(self, records: list[RecordedUpdate]) -> None:
        """Put updates applied outside the workbench (redone by crash recovery) on the undo stack."""
        self.undo_stack.extend(records)
        self._update_actions()
        if records:
            self._set_status(f"{len(records)} update(s) from the last session redone; Undo update reverses them")
            self.sig_graph_modified.emit()

    # ------------------------------------------------------------------ inference switch
    def set_include_inferred(self, include: bool) -> Task | None:
        """Materialise inference (checked) or drop it (unchecked), in a background task."""
        with QSignalBlocker(self.inferred_box):
            self.inferred_box.setChecked(include)
        if self.kg is None:
            return None
        from explorer.core.inference import is_materialised, set_include_inferred

        if include == is_materialised(self.kg) and not include:
            return None
        if self._inference_task is not None and not self._inference_task.finished:
            self._inference_task.cancel()
        profile = self.profile_box.currentData()
        task = Task(set_include_inferred, self.kg, include, profile)
        task.sig_progress.connect(lambda fraction, message: self._set_status(message))
        task.sig_finished.connect(lambda result, t=task, on=include: self._on_inference_finished(t, on, result))
        task.sig_failed.connect(lambda message: self._on_inference_failed(message))
        task.sig_cancelled.connect(lambda: self._on_inference_failed("Inference cancelled; the graph was left as it was."))
        self._inference_task = task
        task.start()
        self._update_actions()
        return task

    def _on_inference_finished(self, task: Task, include: bool, result: Any) -> None:
        self._set_status(result.summary() + f" (in {_seconds(result.elapsed)})" if result is not None
                         else "Inferred triples removed: queries see the asserted facts only.")
        self._update_actions()
        self.sig_graph_modified.emit()
        self.sig_inference_changed.emit(include)

    def _on_inference_failed(self, message: str) -> None:
        from explorer.core.inference import is_materialised

        with QSignalBlocker(self.inferred_box):
            self.inferred_box.setChecked(self.kg is not None and is_materialised(self.kg))
        self._set_status(message, error=True)
        self._update_actions()

    def _on_inferred_box_toggled(self, checked: bool) -> None:
        self.set_include_inferred(checked)

    def _on_profile_box_changed(self, _index: int) -> None:
        if self.inferred_box.isChecked():
            self.set_include_inferred(True)

    # ------------------------------------------------------------------ results: labels, canvas, inspector
    def _on_labels_box_toggled(self, checked: bool) -> None:
        for tab in self.all_tabs():
            tab.model.set_show_labels(checked)

    def _on_table_clicked(self, index: QModelIndex) -> None:
        entity = index.data(_ENTITY_ROLE)
        if entity:
            self.sig_entity_activated.emit(entity)

    def result_entities(self, selected_only: bool = True) -> list[str]:
        """Entities in the selected rows (or in all rows), in order, without repeats, capped."""
        tab = self.current_tab()
        model = tab.model
        rows = sorted({i.row() for i in tab.table.selectedIndexes()}) if selected_only else []
        if not rows:
            rows = list(range(model.total_rows))
        found: dict[str, None] = {}
        for row in rows:
            for column in range(model.columnCount()):
                entity = model.entity(row, column)
                if entity is not None and (tab.result is None or tab.result.kind == "select" or column != 1):
                    found.setdefault(entity)
            if len(found) >= CANVAS_LIMIT:
                break
        return list(found)[:CANVAS_LIMIT]

    def result_triples(self) -> list[tuple[str, str, str]]:
        """The CONSTRUCT / DESCRIBE triples between entities, as (subject, predicate, object)."""
        result = self.current_tab().result
        if result is None or result.kind not in ("construct", "describe"):
            return []
        triples = []
        for s, p, o in result.raw_triples:
            subject, obj = _entity_of(s), _entity_of(o)
            if subject is not None and obj is not None and isinstance(p, ox.NamedNode):
                triples.append((subject, p.value, obj))
        return triples

    def show_on_canvas(self) -> None:
        """Send the result to the canvas: triples for a graph result, entities for a table."""
        result = self.current_tab().result
        if result is None or result.kind == "ask":
            self._set_status("Run a SELECT, CONSTRUCT or DESCRIBE query first.", error=True)
            return
        if result.kind in ("construct", "describe"):
            triples = self.result_triples()
            if triples:
                self.sig_show_triples.emit(triples)
                self._set_status(f"Opened {len(triples)} triple(s) on the canvas.")
            else:
                self._set_status("The result has no links between entities to draw.", error=True)
            return
        entities = self.result_entities()
        if entities:
            self.sig_show_on_canvas.emit(entities)
            self._set_status(f"Sent {len(entities)} entit{'y' if len(entities) == 1 else 'ies'} to the canvas.")
        else:
            self._set_status("No IRIs in the result to show on the canvas.", error=True)

    def _on_table_context_menu(self, tab: QueryTab, position: Any) -> None:
        index = tab.table.indexAt(position)
        menu = QMenu(self)
        menu.addAction("Copy", tab.table.copy_selection)
        entity = index.data(_ENTITY_ROLE) if index.isValid() else None
        if entity:
            menu.addAction("Copy IRI", lambda: QGuiApplication.clipboard().setText(entity))
            menu.addAction("Open in Inspector", lambda: self.sig_entity_activated.emit(entity))
        menu.addAction("Show on canvas", self.show_on_canvas)
        menu.exec(tab.table.viewport().mapToGlobal(position))

    # ------------------------------------------------------------------ export
    def export_results(self, path: str | Path, format_name: str) -> Path:
        """Write the current tab's result to ``path`` (atomically) in a W3C results or RDF format."""
        from explorer.services import result_formats
        from explorer.services.atomic import atomic_open

        result = self.current_tab().result
        if result is None:
            raise ExplorerError("nothing to export: run a query first")
        path = Path(path)
        try:
            with atomic_open(path, "w", newline="") as handle:
                if result.kind in ("construct", "describe"):
                    result_formats.write_graph(result, format_name, handle, prefixes=self.kg.prefixes if self.kg else None)
                else:
                    result_formats.write_results(result, format_name, handle)
        except OSError as error:
            raise ExplorerError(f"{path}: cannot be written ({error.strerror or error})") from None
        self._set_status(f"Exported to {path}")
        return path

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        result = self.current_tab().result
        formats = GRAPH_EXPORTS if result is not None and result.kind in ("construct", "describe") else TABLE_EXPORTS
        for name, text, pattern in formats:
            action = self.export_menu.addAction(text)
            action.setEnabled(result is not None)
            action.triggered.connect(lambda _=False, n=name, p=pattern: self._on_export_triggered(n, p))

    def _on_export_triggered(self, format_name: str, pattern: str) -> None:
        suffix = pattern.split("*", 1)[1].split()[0].rstrip(")")
        default = str(Path.home() / f"{self.current_tab().title.replace('/', '-')}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Export results", default, pattern)
        if not path:
            return
        try:
            self.export_results(path, format_name)
        except ExplorerError as error:
            self._set_status(str(error), error=True)

    # ------------------------------------------------------------------ library and history
    def _fill_library_menu(self) -> None:
        self.library_menu.clear()
        category = None
        for query in self.library.all():
            if query.category != category:
                category = query.category
                self.library_menu.addSection(category)
            action = self.library_menu.addAction(query.title)
            action.setToolTip(query.description)
            action.setStatusTip(query.description)
            action.triggered.connect(lambda _=False, q=query: self.open_query(q))
        self.library_menu.setToolTipsVisible(True)
        if self.library.saved():
            self.library_menu.addSeparator()
            delete = self.library_menu.addMenu("Delete a saved query")
            for query in self.library.saved():
                action = delete.addAction(query.title)
                action.triggered.connect(lambda _=False, key=query.key: self.library.delete(key))

    def _on_save_triggered(self) -> None:
        tab = self.current_tab()
        title, ok = QInputDialog.getText(self, "Save query", "Title:", text=tab.title)
        if ok and title.strip():
            saved = self.library.save(title, tab.editor.toPlainText())
            self.rename_tab(self.tabs.currentIndex(), saved.title)
            self._set_status(f"Saved \u201c{saved.title}\u201d in your queries (Examples menu).")

    def _fill_history_menu(self) -> None:
        self.history_menu.clear()
        history = self.library.history()[:25]
        if not history:
            self.history_menu.addAction("No queries run yet").setEnabled(False)
            return
        for entry in history:
            first = " ".join(line.strip() for line in entry.sparql.splitlines()
                             if line.strip() and not line.lstrip().startswith(("#", "PREFIX", "prefix")))
            first = first[:70] + ("…" if len(first) > 70 else "")
            when = time.strftime("%d %b %H:%M", time.localtime(entry.when))
            outcome = f"{entry.rows} rows" if entry.status == "ok" and entry.rows is not None else entry.status
            action = self.history_menu.addAction(f"{when} · {outcome} · {first}")
            action.setToolTip(entry.message or entry.sparql[:500])
            action.triggered.connect(lambda _=False, text=entry.sparql: self.open_query(text))
        self.history_menu.addSeparator()
        self.history_menu.addAction("Clear history", self.library.clear_history)

    # ------------------------------------------------------------------ helpers
    def _toolbar_action(self, text: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = self.toolbar.addAction(text)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _toolbar_menu_button(self, text: str, tip: str, menu: QMenu) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(button)
        return button

    def _update_actions(self) -> None:
        busy = self.running
        self.cancel_action.setEnabled(busy)
        self.run_action.setEnabled(self.kg is not None)
        tab = self.tabs.currentWidget()
        result = tab.result if isinstance(tab, QueryTab) else None
        self.export_button.setEnabled(result is not None)
        self.canvas_action.setEnabled(result is not None and result.kind != "ask")
        self.canvas_action.setText("Open on canvas" if result is not None and result.kind in ("construct", "describe")
                                   else "Show on canvas")
        self.undo_action.setEnabled(bool(self.undo_stack) and not busy)
        self.inferred_box.setEnabled(self.kg is not None)
        self.profile_box.setEnabled(self.kg is not None)


def _seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 60 else f"{int(value // 60)} min {value % 60:.0f} s"


# ---------------------------------------------------------------------- mounting in the main window
def mount_workbench(window: Any) -> tuple[QueryWorkbenchWidget, Any]:
    """Add the SPARQL workbench and the SHACL panel to the main window.

    Docks "SPARQL" and "Validation" (bottom, tabbed with the other bottom panels); Tools ▸
    SPARQL Workbench (Ctrl+Shift+Q) and Tools ▸ Validate (SHACL); View ▸ Include Inferred.
    Results open in the Inspector and on the canvas scene.
    """
    from explorer.core.scene import SceneEdge, edge_id
    from explorer.ui.validation.validation_panel import ValidationPanelWidget

    workbench = QueryWorkbenchWidget(window.settings, parent=window)
    workbench.settings_provider = lambda: window.settings
    validation = ValidationPanelWidget(window)
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    sparql_dock = window.add_panel("SPARQL", workbench, bottom, "SparqlDock")
    validation_dock = window.add_panel("Validation", validation, bottom, "ValidationDock")
    others = [d for d in window.findChildren(type(sparql_dock)) if window.dockWidgetArea(d) == bottom
              and d not in (sparql_dock, validation_dock)]
    if others:
        window.tabifyDockWidget(others[0], sparql_dock)
    window.tabifyDockWidget(sparql_dock, validation_dock)
    sparql_dock.hide()
    validation_dock.hide()

    def open_workbench() -> None:
        first_time = not sparql_dock.isVisible()
        sparql_dock.show()
        sparql_dock.raise_()
        if first_time:  # room for the editor and a screenful of results
            window.resizeDocks([sparql_dock], [max(360, int(window.height() * 0.55))], Qt.Orientation.Vertical)
        workbench.editor.setFocus()

    def open_validation() -> None:
        validation_dock.show()
        validation_dock.raise_()
        validation.validate()

    def show_entities(entities: list[str]) -> None:
        if window.kg is None:
            return
        for entity in entities:
            window.scene.add_entity(window.kg, entity)
        window.scene.highlight(entities)
        window.run_layout(window.settings.last_layout)

    def show_triples(triples: list[tuple[str, str, str]]) -> None:
        kg = window.kg
        if kg is None:
            return
        ids: list[str] = []
        for subject, predicate, obj in triples:
            for entity in (subject, obj):
                window.scene.add_entity(kg, entity, connect=False)
                ids.append(entity)
            eid = edge_id(subject, predicate, obj)
            if eid not in window.scene.edges:
                window.scene.add_edge(SceneEdge(id=eid, source=subject, target=obj, predicate=predicate,
                                                label=kg.predicate_words(predicate, True),
                                                evidence_count=len(kg.evidence(subject, predicate, obj))))
            ids.append(eid)
        window.scene.highlight(ids)
        window.run_layout("force")

    def on_graph_changed(kg: Any) -> None:
        workbench.set_graph(kg)
        validation.set_graph(kg)
        inferred_action.setEnabled(kg is not None)
        if kg is not None and window.settings.include_inferred:  # the switch remembers its state
            workbench.set_include_inferred(True)

    def remember_inference(include: bool) -> None:
        """The user turned the switch on or off: remember it for the next graph (settings.json)."""
        window.settings.include_inferred = bool(include)
        remember_profile()

    def remember_profile(_index: int = 0) -> None:
        profile = workbench.profile_box.currentData()
        if profile:
            window.settings.inference_profile = profile
        save = getattr(window, "_save_settings", None)
        if callable(save):
            save()

    def on_graph_modified() -> None:
        if window.kg is not None:
            window.browser.set_graph(window.kg)
            validation.set_graph(window.kg)
            refresh = getattr(window, "refresh_statistics", None)
            if callable(refresh):
                refresh()  # the status bar's counts and Find Path's links

    tools = window.menu("Tools")
    tools.addSeparator()
    workbench_action = tools.addAction("&SPARQL Workbench")
    workbench_action.setObjectName("sparqlWorkbenchAction")
    workbench_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
    workbench_action.setStatusTip("Write, run and export SPARQL queries; example queries to start from")
    workbench_action.triggered.connect(open_workbench)
    validate_action = tools.addAction("&Validate (SHACL)")
    validate_action.setObjectName("validateAction")
    validate_action.setStatusTip("Check the graph against its SHACL shapes")
    validate_action.triggered.connect(open_validation)
    inferred_action = window.menu("View").addAction("Include &Inferred Triples")
    inferred_action.setObjectName("includeInferredAction")
    inferred_action.setCheckable(True)
    inferred_action.setEnabled(window.kg is not None)
    inferred_action.setStatusTip("Add RDFS inferences to what queries, the Browser and the canvas see")
    inferred_action.triggered.connect(workbench.set_include_inferred)
    workbench.sig_inference_changed.connect(inferred_action.setChecked)
    workbench.inferred_box.toggled.connect(inferred_action.setChecked)
    remembered = workbench.profile_box.findData(window.settings.inference_profile)
    if remembered >= 0:
        workbench.profile_box.setCurrentIndex(remembered)
    # Only user actions reach these (programmatic changes block the box's signals).
    workbench.inferred_box.toggled.connect(remember_inference)
    inferred_action.triggered.connect(remember_inference)
    workbench.profile_box.currentIndexChanged.connect(remember_profile)

    workbench.sig_entity_activated.connect(window.show_entity)
    validation.sig_entity_activated.connect(window.show_entity)
    workbench.sig_show_on_canvas.connect(show_entities)
    workbench.sig_show_triples.connect(show_triples)
    workbench.sig_graph_modified.connect(on_graph_modified)
    window.sig_graph_changed.connect(on_graph_changed)
    if window.kg is not None:
        on_graph_changed(window.kg)
    window.sparql_dock, window.validation_dock = sparql_dock, validation_dock
    window.workbench, window.validation_panel = workbench, validation
    return workbench, validation
