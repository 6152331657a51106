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

from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from explorer.core.graph import NON_ENTITY_TYPES, ClassInfo, KnowledgeGraph

PAGE_SIZE = 200

#: Item data role holding the entity or class IRI of a row.
IriRole = Qt.ItemDataRole.UserRole + 1
#: Item data role holding the row kind: "class" or "instance".
KindRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex

#: Classes every resource belongs to: never a row, their subclasses are the roots.
_UNIVERSAL_CLASSES = frozenset({
    "http://www.w3.org/2002/07/owl#Thing",
    "http://www.w3.org/2000/01/rdf-schema#Resource",
})
_OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_OWL = "http://www.w3.org/2002/07/owl#"
#: Evidence records point at the entities of their facts; that makes nobody a value.
_RECORD_TYPES = frozenset({"http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
                           "https://w3id.org/kg-explorer/ontology#Evidence"})


def is_value_class(kg: KnowledgeGraph, iri: str) -> bool:
    """Whether the instances of ``iri`` are values of the data's descriptions rather than things.

    True when some instance is the object of a triple whose subject describes the data (a
    property annotated with ``kg:exposureDirection kg:Forward``, a calendar description with
    ``time:unitType kg:unitQuarter``; evidence records do not count, they are about facts) and
    no instance is linked with an entity (OWL's own bookkeeping, such as ``owl:differentFrom``
    between the values, does not count). Two ASK queries; the first stops at the first linked
    instance, so a domain class answers at once.
    """
    describing = " ".join(f"<{t}>" for t in NON_ENTITY_TYPES if t not in _RECORD_TYPES)
    non_entity = " ".join(f"<{t}>" for t in NON_ENTITY_TYPES)
    linked = kg.query(
        f"ASK {{ ?x <{_RDF_TYPE}> <{iri}> . {{ ?s ?p ?x }} UNION {{ ?x ?p ?s }} "
        f"FILTER(?p != <{_RDF_TYPE}> && !isLiteral(?s) && !STRSTARTS(STR(?p), \"{_OWL}\")) "
        f"FILTER NOT EXISTS {{ VALUES ?t {{ {non_entity} }} ?s <{_RDF_TYPE}> ?t }} }}"
    )
    if linked.boolean:
        return False
    used = kg.query(
        f"ASK {{ ?x <{_RDF_TYPE}> <{iri}> . ?s ?p ?x FILTER(?p != <{_RDF_TYPE}>) "
        f"VALUES ?t {{ {describing} }} ?s <{_RDF_TYPE}> ?t }}"
    )
    return bool(used.boolean)


def display_label(label: str) -> str:
    """A class label as a tree row shows it: a lower-case label gets a capital ("Telecom operator")."""
    if label and label == label.lower() and label[0].isalpha():
        return label[0].upper() + label[1:]
    return label


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1] if cut >= 0 else iri


def home_namespace(kg: KnowledgeGraph, classes: dict[str, ClassInfo]) -> str | None:
    """The namespace of the graph's own ontology: its declared ``owl:Ontology``, else the commonest one of its classes."""
    declared = [row[0] for row in kg.query(f"SELECT ?o WHERE {{ ?o a <{_OWL_ONTOLOGY}> }}").rows]
    for ontology in sorted(str(o) for o in declared):
        prefixes = (ontology, ontology + "#", ontology + "/") if not ontology.endswith(("#", "/")) else (ontology,)
        for prefix in prefixes[::-1]:
            if any(iri.startswith(prefix) for iri in classes):
                return prefix
    namespaces = Counter(_namespace(iri) for iri, info in classes.items() if info.total_count > 0)
    return namespaces.most_common(1)[0][0] if namespaces else None


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
        #: Subclasses shown under each class (each class under one parent only); "" keys the roots.
        self._tree: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ content
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        """Show the classes of ``kg`` (``None`` empties the tree)."""
        self.beginResetModel()
        self._kg = kg
        self._classes = kg.class_hierarchy() if kg is not None else {}
        self._root = _Node("root", "", "", None)
        self._tree = self._build_tree(kg) if kg is not None else {}
        self._root.children = [self._class_node(self._classes[iri], self._root) for iri in self._tree.get("", [])]
        self._root.children_ready = True
        self.endResetModel()

    def _build_tree(self, kg: KnowledgeGraph) -> dict[str, list[str]]:
        """Choose one parent per visible class and the roots, so each class is one row."""
        classes = self._classes
        visible = {iri for iri, info in classes.items() if self._visible(info)}
        home = home_namespace(kg, classes)

        def parent_rank(iri: str) -> tuple[bool, int, str]:
            return (home is not None and iri.startswith(home), classes[iri].total_count, iri)

        tree: dict[str, list[str]] = {}
        for iri in visible:
            parents = [p for p in classes[iri].parents if p in visible]
            if parents:
                tree.setdefault(max(parents, key=parent_rank), []).append(iri)
        roots = [iri for iri in visible if not any(p in visible for p in classes[iri].parents)]
        # Subclass cycles leave classes no root reaches: the biggest class of each cycle becomes a root.
        reached = self._reach(roots, tree)
        while unreached := visible - reached:
            cycle_root = max(unreached, key=lambda iri: (classes[iri].total_count, iri))
            roots.append(cycle_root)
            reached |= self._reach([cycle_root], tree)
        # Classes placed under another class: what a hidden root's instances may be found under.
        placed = {iri for iri in visible if any(p in visible for p in classes[iri].parents)}
        shown: list[str] = []
        alignments: list[str] = []  # empty external superclasses, listed after the domain when asked for
        for iri in roots:
            own_subtree = bool(tree.get(iri))
            if iri in _UNIVERSAL_CLASSES:
                if own_subtree and self._instances_shown(kg, iri, placed):
                    shown.extend(tree.pop(iri))
                    continue
            elif (home is not None and not iri.startswith(home) and classes[iri].children and not own_subtree
                  and self._instances_shown(kg, iri, placed)):
                # an external superclass whose subclasses and instances are all shown elsewhere
                if classes[iri].total_count == 0:
                    alignments.append(iri)
                continue
            shown.append(iri)
        shown = [iri for iri in shown if not (classes[iri].total_count and is_value_class(kg, iri))]
        for children in tree.values():
            children.sort(key=lambda iri: (-classes[iri].total_count, display_label(classes[iri].label).casefold()))
        shown.sort(key=lambda iri: (-classes[iri].total_count, display_label(classes[iri].label).casefold()))
        alignments.sort(key=lambda iri: (display_label(classes[iri].label).casefold(), iri))
        tree[""] = shown + alignments
        return tree

    @staticmethod
    def _reach(starts: list[str], tree: dict[str, list[str]]) -> set[str]:
        reached, stack = set(starts), list(starts)
        while stack:
            for child in tree.get(stack.pop(), []):
                if child not in reached:
                    reached.add(child)
                    stack.append(child)
        return reached

    def _instances_shown(self, kg: KnowledgeGraph, iri: str, placed: set[str]) -> bool:
        """Whether every direct instance of ``iri`` also belongs to one of the ``placed`` classes."""
        if not self._classes[iri].direct_count:
            return True
        others = placed - {iri}
        if not others:
            return False
        values = " ".join(f"<{c}>" for c in sorted(others))
        result = kg.query(f"ASK {{ ?s a <{iri}> FILTER NOT EXISTS {{ VALUES ?c {{ {values} }} ?s a ?c }} }}")
        return not result.boolean

    def set_show_empty(self, show: bool) -> None:
        """Whether classes without any instance are listed (ontology browsing)."""
        if show != self._show_empty:
            self._show_empty = show
            self.set_graph(self._kg)

    def _visible(self, info: ClassInfo) -> bool:
        return self._show_empty or info.total_count > 0

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
