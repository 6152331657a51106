"""Search hits as a list model: label, what matched (alias, other language), class, and for a label two
results share, what tells them apart (rows from :mod:`explorer.core.search_rows`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.core.search_rows import SearchRow, search_rows
from explorer.ui.browser.class_tree import IriRole

AnyIndex = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Rows of :class:`SearchRow`; ``IriRole`` gives the entity, the tooltip the whole row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SearchRow] = []

    def set_rows(self, rows: list[SearchRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == IriRole:
            return row.entity
        return None


__all__ = ["SearchResultsModel", "SearchRow", "search_rows"]
