"""Search hits as a list model: label, what matched (alias, other language) and class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.core.graph import KnowledgeGraph
from explorer.ui.browser.class_tree import IriRole

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SearchRow:
    entity: str
    label: str
    matched: str
    class_label: str

    @property
    def text(self) -> str:
        """One line: "China Mobile — telecom operator", with the alias that matched when it differs."""
        alias = f"  “{self.matched}”" if self.matched and self.matched.casefold() != self.label.casefold() else ""
        kind = f" — {self.class_label}" if self.class_label else ""
        return f"{self.label}{alias}{kind}"


def search_rows(kg: KnowledgeGraph, text: str, limit: int) -> list[SearchRow]:
    """Ranked hits for ``text``; things in the world before classes and properties."""
    hits = kg.search(text, limit=limit)
    rows = []
    for hit in hits:
        cls = kg.main_class(hit.entity)
        rows.append(SearchRow(hit.entity, kg.label(hit.entity), hit.matched, kg.label(cls) if cls else ""))
    schema = {row.entity for row in rows if kg.is_schema_term(row.entity)}
    return [row for row in rows if row.entity not in schema] + [row for row in rows if row.entity in schema]


class SearchResultsModel(QAbstractListModel):
    """Rows of :class:`SearchRow`; ``IriRole`` gives the entity."""

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
            return row.entity
        if role == IriRole:
            return row.entity
        return None
