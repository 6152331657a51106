"""The class tree of the Browser: classes with instance counts, instances paged in lazily.

Each class row shows its label and the number of entities of the class and its
subclasses; its children are its subclasses followed by its own (direct) instances,
fetched :data:`PAGE_SIZE` at a time through Qt's ``canFetchMore``/``fetchMore`` as the
user scrolls, so a class with a million members opens at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from explorer.core.graph import ClassInfo, KnowledgeGraph

PAGE_SIZE = 200

#: Item data role holding the entity or class IRI of a row.
IriRole = Qt.ItemDataRole.UserRole + 1
#: Item data role holding the row kind: "class" or "instance".
KindRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class _Node:
    __slots__ = ("children", "children_ready", "count", "direct_count", "fetched", "iri", "kind", "label", "parent")

    def __init__(self, kind: str, iri: str, label: str, parent: _Node | None,
                 count: int = 0, direct_count: int = 0) -> None:
        self.kind = kind
        self.iri = iri
        self.label = label
        self.parent = parent
        self.count = count
        self.direct_count = direct_count
        self.children: list[_Node] = []
        self.children_ready = kind != "class"
        self.fetched = 0

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


class ClassTreeModel(QAbstractItemModel):
    """Classes (with counts) and their instances, for a ``QTreeView``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kg: KnowledgeGraph | None = None
        self._classes: dict[str, ClassInfo] = {}
        self._root = _Node("root", "", "", None)
        self._show_empty = False

    # ------------------------------------------------------------------ content
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        """Show the classes of ``kg`` (``None`` empties the tree)."""
        self.beginResetModel()
        self._kg = kg
        self._classes = kg.class_hierarchy() if kg is not None else {}
        self._root = _Node("root", "", "", None)
        if kg is not None:
            roots = sorted((c for c in self._classes.values() if not (set(c.parents) & self._classes.keys())),
                           key=lambda c: (-c.total_count, c.label.casefold()))
            self._root.children = [self._class_node(info, self._root) for info in roots if self._visible(info)]
        self._root.children_ready = True
        self.endResetModel()

    def set_show_empty(self, show: bool) -> None:
        """Whether classes without any instance are listed (ontology browsing)."""
        if show != self._show_empty:
            self._show_empty = show
            self.set_graph(self._kg)

    def _visible(self, info: ClassInfo) -> bool:
        return self._show_empty or info.total_count > 0

    def _class_node(self, info: ClassInfo, parent: _Node) -> _Node:
        return _Node("class", info.iri, info.label, parent, info.total_count, info.direct_count)

    def _ensure_children(self, node: _Node) -> None:
        """Subclasses are created the first time a class is looked into (the hierarchy may have cycles)."""
        if node.children_ready:
            return
        node.children_ready = True
        info = self._classes.get(node.iri)
        if info is None:
            return
        subclasses = [self._classes[c] for c in info.children if c in self._classes]
        node.children = [self._class_node(c, node) for c in subclasses if self._visible(c)]

    def index_of_class(self, iri: str) -> QModelIndex:
        """The index of the first row showing class ``iri`` (searching breadth first), or invalid."""
        queue = [self._root]
        while queue:
            node = queue.pop(0)
            self._ensure_children(node)
            for child in node.children:
                if child.kind == "class":
                    if child.iri == iri:
                        return self.createIndex(child.row(), 0, child)
                    queue.append(child)
        return QModelIndex()

    # ------------------------------------------------------------------ QAbstractItemModel
    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        self._ensure_children(node)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        node = self._node(parent)
        self._ensure_children(node)
        return len(node.children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        node = self._node(parent)
        if node.kind == "root":
            return bool(node.children)
        if node.kind != "class":
            return False
        info = self._classes.get(node.iri)
        has_subclasses = info is not None and any(
            c in self._classes and self._visible(self._classes[c]) for c in info.children)
        return has_subclasses or node.direct_count > 0

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self._node(parent)
        return node.kind == "class" and self._kg is not None and node.fetched < node.direct_count

    def fetchMore(self, parent: AnyIndex) -> None:
        node = self._node(parent)
        if not self.canFetchMore(parent) or self._kg is None:
            return
        self._ensure_children(node)
        page = self._kg.instances(node.iri, limit=PAGE_SIZE, offset=node.fetched, include_subclasses=False)
        if not page:  # the count was stale; stop asking
            node.fetched = node.direct_count
            return
        first = len(node.children)
        self.beginInsertRows(parent if isinstance(parent, QModelIndex) else QModelIndex(parent),
                             first, first + len(page) - 1)
        node.children.extend(_Node("instance", iri, self._kg.label(iri), node) for iri in page)
        node.fetched += len(page)
        self.endInsertRows()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.label}  ({node.count:,})" if node.kind == "class" else node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            if node.kind == "class":
                own = f"{node.direct_count:,} directly, " if node.direct_count != node.count else ""
                return f"{node.label}\n{own}{node.count:,} in all\n{node.iri}"
            return f"{node.label}\n{node.iri}"
        if role == Qt.ItemDataRole.FontRole and node.kind == "class":
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == IriRole:
            return node.iri
        if role == KindRole:
            return node.kind
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
