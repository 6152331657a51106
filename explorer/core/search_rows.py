"""Search results as a reader needs them: restricted to classes, and duplicates told apart.

Two entities may share a label ("Bank of China" the company and its Zhejiang branch, two
"5G smart factory" projects in different cities). A row then says what each one is: its
class, a property that differs between them (where it is, the organisation it belongs to,
another name it goes by) and the last segment of its IRI. The Browser, the Find Path
pickers and ``kg-explorer search`` show the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib.namespace import SKOS

from explorer.core.search import SearchHit, fold
from explorer.core.vocab import KG, ORG, SCHEMA

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: Properties that tell two things of one name apart, best first, with the words that read them.
DISTINGUISHING: tuple[tuple[str, str], ...] = (
    (str(KG.locatedIn), "in"),
    (str(KG.basedIn), "based in"),
    (str(KG.branchOf), "branch of"),
    (str(KG.subsidiaryOf), "subsidiary of"),
    (str(ORG.subOrganizationOf), "part of"),
    (str(SCHEMA.containedInPlace), "in"),
    (str(KG.geographicScope), "scope"),
)
#: How many more hits than the page a class filter looks through (the rest are other classes).
FILTER_DEPTH = 10


@dataclass(frozen=True)
class SearchRow:
    """One result: the entity, its label, the label that matched, its class, and when the label is
    shared with another result, what tells it apart (``detail``) and its IRI's local name."""

    entity: str
    label: str
    matched: str
    class_label: str
    class_iri: str | None = None
    detail: str = ""
    local_name: str = ""
    shared_label: bool = False

    @property
    def text(self) -> str:
        """One line: "China Mobile — telecom operator", with the alias that matched when it differs;
        for a shared label also the telling property and the local name ("· in Ningbo · NingboPort")."""
        alias = f"  “{self.matched}”" if self.matched and self.matched.casefold() != self.label.casefold() else ""
        kind = f" — {self.class_label}" if self.class_label else ""
        extra = ""
        if self.shared_label:
            extra = "".join(f" · {part}" for part in (self.detail, self.local_name) if part)
        return f"{self.label}{alias}{kind}{extra}"

    @property
    def tooltip(self) -> str:
        """Everything about the row on separate lines, for a narrow list that elides the line."""
        lines = [self.label]
        if self.matched and self.matched.casefold() != self.label.casefold():
            lines.append(f"matched: {self.matched}")
        if self.class_label:
            lines.append(f"class: {self.class_label}")
        if self.detail:
            lines.append(self.detail)
        lines.append(self.entity)
        return "\n".join(lines)


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> local_name("https://w3id.org/kg-explorer/data/NingboPort")
    'NingboPort'
    >>> local_name("http://example.org/a#b")
    'b'
    """
    if iri.startswith("_:"):
        return iri
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return tail or iri


# ---------------------------------------------------------------------- class filter
def _ancestors(kg: KnowledgeGraph, cls: str, seen: dict[str, frozenset[str]]) -> frozenset[str]:
    """``cls`` and every class above it in the graph's hierarchy."""
    if cls in seen:
        return seen[cls]
    seen[cls] = frozenset({cls})  # a cycle in subClassOf stops here
    hierarchy = kg.class_hierarchy()
    found = {cls}
    info = hierarchy.get(cls)
    for parent in info.parents if info is not None else ():
        found |= _ancestors(kg, parent, seen)
    seen[cls] = frozenset(found)
    return seen[cls]


def in_classes(kg: KnowledgeGraph, entity: str, classes: Collection[str],
               cache: dict[str, frozenset[str]] | None = None) -> bool:
    """Whether ``entity`` is an instance of one of ``classes`` or of a subclass of one."""
    cache = {} if cache is None else cache
    wanted = set(classes)
    return any(_ancestors(kg, cls, cache) & wanted for cls in kg.types(entity))


def search_in_classes(kg: KnowledgeGraph, text: str, limit: int, classes: Collection[str] = ()) -> list[SearchHit]:
    """``kg.search`` restricted to instances of ``classes`` (and their subclasses); all when empty.

    The search looks :data:`FILTER_DEPTH` pages deep, so a class whose members rank below
    other classes' still fills the page.
    """
    if not classes:
        return kg.search(text, limit=limit)
    hits = kg.search(text, limit=limit * FILTER_DEPTH)
    kg.backend.prefetch_types(hit.entity for hit in hits)
    cache: dict[str, frozenset[str]] = {}
    return [hit for hit in hits if in_classes(kg, hit.entity, classes, cache)][:limit]


def classes_of(kg: KnowledgeGraph, rows: Iterable[SearchRow]) -> list[tuple[str, str, int]]:
    """(class IRI, label, how many rows) of the rows' classes, most rows first: what to filter by."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for row in rows:
        if row.class_iri:
            counts[row.class_iri] = counts.get(row.class_iri, 0) + 1
            labels[row.class_iri] = row.class_label
    return sorted(((c, labels[c], n) for c, n in counts.items()), key=lambda item: (-item[2], item[1].casefold()))


def resolve_class(kg: KnowledgeGraph, text: str) -> str | None:
    """A class of the graph from its IRI, prefixed name or label (case-insensitive); None if none fits."""
    hierarchy = kg.class_hierarchy()
    iri = kg.expand(text)
    if iri is not None:
        return iri if iri in hierarchy else None
    wanted = fold(text)
    for cls, info in sorted(hierarchy.items()):
        if fold(info.label) == wanted or fold(local_name(cls)) == wanted:
            return cls
    return None


# ---------------------------------------------------------------------- duplicates
def _values(kg: KnowledgeGraph, entity: str, predicate: str) -> list[str]:
    from rdflib import URIRef

    from explorer.core.backends.base import entity_node

    return sorted(kg.label(str(o)) if isinstance(o, URIRef) else str(o)
                  for _, _, o in kg.triples(entity_node(entity), URIRef(predicate), None))


def _aliases(kg: KnowledgeGraph, entity: str, label: str) -> list[str]:
    return sorted({text for text, _, predicate in kg.all_labels(entity)
                   if predicate == str(SKOS.altLabel) and fold(text) != fold(label)})


def distinguishing_details(kg: KnowledgeGraph, entities: list[str]) -> dict[str, str]:
    """For entities that share a label (compared folded): the words that tell each apart.

    The first property of :data:`DISTINGUISHING` on which the group's members differ
    ("in Ningbo", "branch of China Mobile"), else an alias ("also “…”"); entities with a
    label of their own are left out.
    """
    groups: dict[str, list[str]] = {}
    for entity in dict.fromkeys(entities):
        groups.setdefault(fold(kg.label(entity)), []).append(entity)
    details: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for predicate, words in DISTINGUISHING:
            values = {entity: _values(kg, entity, predicate) for entity in members}
            if any(values.values()) and len({tuple(v) for v in values.values()}) > 1:
                for entity, found in values.items():
                    details[entity] = f"{words} {', '.join(found[:2])}" if found else ""
                break
        else:
            for entity in members:
                aliases = _aliases(kg, entity, kg.label(entity))
                details[entity] = f"also “{aliases[0]}”" if aliases else ""
    return details


def search_rows(kg: KnowledgeGraph, text: str, limit: int, classes: Collection[str] = ()) -> list[SearchRow]:
    """Ranked rows for ``text`` (in ``classes`` when given); things in the world before classes and
    properties; rows whose label another row shares carry what tells them apart."""
    rows = rows_for_hits(kg, search_in_classes(kg, text, limit, classes))
    schema = {row.entity for row in rows if kg.is_schema_term(row.entity)}
    return [row for row in rows if row.entity not in schema] + [row for row in rows if row.entity in schema]


def rows_for_hits(kg: KnowledgeGraph, hits: list[SearchHit]) -> list[SearchRow]:
    """A row per hit, in the hits' order; rows whose label another row shares say what tells them apart."""
    labels = {hit.entity: kg.label(hit.entity) for hit in hits}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[fold(label)] = counts.get(fold(label), 0) + 1
    shared = [entity for entity, label in labels.items() if counts[fold(label)] > 1]
    details = distinguishing_details(kg, shared) if shared else {}
    rows = []
    for hit in hits:
        cls = kg.main_class(hit.entity)
        label = labels[hit.entity]
        rows.append(SearchRow(hit.entity, label, hit.matched, kg.label(cls) if cls else "", cls,
                              details.get(hit.entity, ""), local_name(hit.entity), counts[fold(label)] > 1))
    return rows


__all__ = ["DISTINGUISHING", "SearchRow", "classes_of", "distinguishing_details", "in_classes", "local_name",
           "resolve_class", "rows_for_hits", "search_in_classes", "search_rows"]
