"""Results in the SPARQL workbench: the paged table model, its view, and one query tab."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from rdflib import BNode, Literal, URIRef

from explorer.core.sparql import QueryResult
from explorer.ui.sparql.query_editor import SparqlEditor

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: Rows the table model adds per fetch: the view asks for more as it scrolls.
PAGE_SIZE = 500
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


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
        return self._term(self._raw[index], column)

    def _term(self, values: Sequence[Any], column: int) -> Any:
        """A cell as an rdflib term (the answer keeps the engine's terms until shown)."""
        value = values[column] if column < len(values) else None
        return None if value is None or self.result is None else self.result.convert(value)

    def entity(self, row: int, column: int) -> str | None:
        """The entity (IRI or ``_:id``) in a cell, or None for a literal or an empty cell."""
        return entity_of(self.raw(row, column))

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
            return None if term is None else term.n3()
        if role == ENTITY_ROLE:
            return entity_of(term)
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(term, URIRef):
            return self._link
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(term, Literal) and _is_number(term):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, term: Any) -> str:
        """A cell's text: label or prefixed name for IRIs, the value (and language) for literals."""
        if term is None:
            return ""
        if isinstance(term, URIRef):
            if self.kg is None:
                return f"<{term}>"
            return self.kg.label(str(term)) if self.show_labels else self.kg.qname(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, Literal):
            return str(term)  # the language tag and datatype are in the tooltip
        return str(term)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._raw or column >= len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        key = self._sort_key
        indices = sorted(range(len(self._raw)), key=lambda i: key(self._term(self._raw[i], column)),
                         reverse=order == Qt.SortOrder.DescendingOrder)
        self._order = indices
        self.layoutChanged.emit()

    def _sort_key(self, term: Any) -> tuple[int, float, str]:
        if term is None:
            return (3, 0.0, "")
        if isinstance(term, Literal):
            if _is_number(term):
                try:
                    return (0, float(str(term)), "")
                except ValueError:
                    pass
            return (1, 0.0, str(term).casefold())
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


def entity_of(term: Any) -> str | None:
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return None


_NUMERIC = ("integer", "decimal", "double", "float", "long", "int", "short", "nonNegativeInteger", "positiveInteger")


def _is_number(term: Literal) -> bool:
    datatype = str(term.datatype or "")
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
        # A long message (a parser's error, a server's reply) wraps here and never widens the window.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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


__all__ = ["ENTITY_ROLE", "PAGE_SIZE", "QueryTab", "ResultTableModel", "ResultTableView", "entity_of"]
