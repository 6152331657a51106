"""The class hierarchy: built once from what a backend counts, walked in one place.

Every question that climbs or descends ``rdfs:subClassOf`` (the most specific class of an
entity, a class with its subclasses, the style a subclass inherits, totals per class) goes
through :func:`ancestor_levels` or :func:`descendants`, which tolerate cycles.

>>> tree = {"A": ClassInfo("A", "A", children=["B"]), "B": ClassInfo("B", "B", parents=["A"])}
>>> descendants(tree, "A"), sorted(ancestors(tree, "B")), depth(tree, "B")
(['A', 'B'], ['A', 'B'], 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from explorer.core.graph_model import ClassInfo

#: Deeper than any real hierarchy: a guard against pathological input.
_MAX_LEVELS = 64


def ancestor_levels(hierarchy: Mapping[str, ClassInfo], iri: str) -> Iterator[list[str]]:
    """The ancestors of a class one generation at a time (parents, grandparents …), each
    generation sorted, each class once."""
    seen, frontier = {iri}, [iri]
    for _ in range(_MAX_LEVELS):
        parents = sorted({p for c in frontier for p in (hierarchy[c].parents if c in hierarchy else ())} - seen)
        if not parents:
            return
        seen.update(parents)
        yield parents
        frontier = parents


def ancestors(hierarchy: Mapping[str, ClassInfo], iri: str) -> set[str]:
    """A class and all its super-classes."""
    found = {iri}
    for level in ancestor_levels(hierarchy, iri):
        found.update(level)
    return found


def depth(hierarchy: Mapping[str, ClassInfo], iri: str) -> int:
    """How many generations of super-classes a class has (0 for a root)."""
    return sum(1 for _ in ancestor_levels(hierarchy, iri))


def descendants(hierarchy: Mapping[str, ClassInfo], iri: str) -> list[str]:
    """A class and all its subclasses, the class first."""
    found, stack, marked = [iri], [iri], {iri}
    while stack:
        current = stack.pop()
        for child in hierarchy[current].children if current in hierarchy else ():
            if child not in marked:
                marked.add(child)
                found.append(child)
                stack.append(child)
    return found


def build_hierarchy(
    names: Iterable[str],
    label: Mapping[str, str],
    subclass_edges: Iterable[tuple[str, str]],
    direct: Mapping[str, int],
) -> dict[str, ClassInfo]:
    """Classes with their parents and children (from ``rdfs:subClassOf`` pairs between known
    classes) and their direct counts; totals are filled in by the caller."""
    classes = {iri: ClassInfo(iri, label[iri], direct_count=direct.get(iri, 0)) for iri in names}
    for child, parent in subclass_edges:
        c, p = classes.get(child), classes.get(parent)
        if c is None or p is None or c is p or p.iri in c.parents:
            continue
        c.parents.append(p.iri)
        p.children.append(c.iri)
    for item in classes.values():
        item.children.sort(key=lambda iri: classes[iri].label.casefold())
    return classes
