"""The class tree of the Browser: classes with instance counts, instances paged in lazily.

Each class row shows its label and the number of entities of the class and its
subclasses; its children are its subclasses followed by its own (direct) instances,
fetched :data:`PAGE_SIZE` at a time.

The tree reads as one hierarchy of the domain: ``owl:Thing`` is not shown (its
subclasses are the roots), a class with several superclasses appears once, under the
superclass from the graph's own ontology namespace when it has one (else under the one
with most instances), and an external superclass (``prov:Agent``, ``org:Organization``)
is left out when its subclasses and instances are all shown elsewhere. Those alignment
superclasses without any instance (``schema:Event``, ``d3f:Vulnerability``) are listed
only when classes without instances are asked for, after the domain's roots. A class of
values (``kg:ExposureDirection``, ``time:TemporalUnit``: its instances are used only by the
descriptions of the data, such as annotations on properties or the calendar descriptions
of periods, and are linked with no entity) is not part of the domain and is not shown.
Instances are
paged in through Qt's ``canFetchMore``/``fetchMore`` as the
user scrolls, so a class with a million members opens at once.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from explorer.core.graph import ClassInfo, KnowledgeGraph
from explorer.ui.browser.class_tree_plan import (
    ClassTreePlan,
    display_label,
    home_namespace,
    is_value_class,
    plan_class_tree,
    plans_on_the_spot,
)
from explorer.ui.workers import LatestTaskRunner

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
    """Classes (with counts) and their instances, for a ``QTreeView``.

    A small graph's tree is worked out on the spot; a large one's (or a server's) in a worker
    (:func:`~.class_tree_plan.plan_class_tree` asks the store a few questions per class: seconds
    at millions of statements). Meanwhile the tree keeps showing the graph's previous classes
    after an edit, or nothing for a new graph. ``sig_planned(new_graph)`` follows each new tree.
    """

    sig_planned = Signal(bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._kg: KnowledgeGraph | None = None
        self._classes: dict[str, ClassInfo] = {}
        self._root = _Node("root", "", "", None)
        self._show_empty = False
        #: Subclasses shown under each class (each class under one parent only); "" keys the roots.
        self._tree: dict[str, list[str]] = {}
        self._planner = LatestTaskRunner(self)

    # ------------------------------------------------------------------ content
    @property
    def planning(self) -> bool:
        """Whether a worker is working out the tree."""
        return self._planner.busy

    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        """Show the classes of ``kg`` (``None`` empties the tree); again after ``kg`` changed."""
        new_graph = kg is not self._kg
        self._planner.cancel()
        if kg is None or plans_on_the_spot(kg):
            self._show(kg, plan_class_tree(kg, self._show_empty) if kg is not None else ClassTreePlan(), new_graph)
            return
        if new_graph:  # the old graph's rows would page in the old graph's instances
            self._show(kg, ClassTreePlan(), new_graph=False)
        task = self._planner.start(plan_class_tree, kg, self._show_empty)
        task.sig_finished.connect(lambda plan, kg=kg, new=new_graph: self._planned(kg, plan, new))

    def _planned(self, kg: KnowledgeGraph, plan: ClassTreePlan, new_graph: bool) -> None:
        if shiboken6.isValid(self) and kg is self._kg:
            self._show(kg, plan, new_graph)

    def _show(self, kg: KnowledgeGraph | None, plan: ClassTreePlan, new_graph: bool) -> None:
        self.beginResetModel()
        self._kg = kg
        self._classes = plan.classes
        self._tree = plan.tree
        self._root = _Node("root", "", "", None)
        self._root.children = [self._class_node(self._classes[iri], self._root) for iri in self._tree.get("", [])]
        self._root.children_ready = True
        self.endResetModel()
        if plan.tree or kg is None:
            self.sig_planned.emit(new_graph)

    def set_show_empty(self, show: bool) -> None:
        """Whether classes without any instance are listed (ontology browsing)."""
        if show != self._show_empty:
            self._show_empty = show
            self.set_graph(self._kg)

    def _class_node(self, info: ClassInfo, parent: _Node) -> _Node:
        return _Node("class", info.iri, display_label(info.label), parent, info.total_count, info.direct_count)

    def _ensure_children(self, node: _Node) -> None:
        """Subclasses are created the first time a class is looked into (the hierarchy may have cycles)."""
        if node.children_ready:
            return
        node.children_ready = True
        node.children = [self._class_node(self._classes[c], node) for c in self._tree.get(node.iri, [])]

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
        return bool(self._tree.get(node.iri)) or node.direct_count > 0

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


__all__ = ["PAGE_SIZE", "ClassTreeModel", "IriRole", "KindRole", "display_label", "home_namespace", "is_value_class"]
