"""What the Browser's class tree shows, worked out without Qt (so a worker can do it).

:func:`plan_class_tree` reads the class hierarchy with its counts and chooses, for each visible
class, the one parent it is listed under and the roots (see :mod:`.class_tree` for the rules).
Choosing asks the store a few questions per class (two ASK queries to tell a class of values,
one to tell an external superclass whose instances are all shown elsewhere): 2.7 s at three and
a half million statements, so for a large graph the model has a worker do it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from explorer.core.graph import NON_ENTITY_TYPES, ClassInfo, KnowledgeGraph

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


@dataclass
class ClassTreePlan:
    """The classes (with counts) and the subclasses listed under each ("" keys the roots)."""

    classes: dict[str, ClassInfo] = field(default_factory=dict)
    tree: dict[str, list[str]] = field(default_factory=dict)


def plans_on_the_spot(kg: KnowledgeGraph) -> bool:
    """Whether the tree of ``kg`` is worked out in milliseconds (a small graph held here)."""
    return kg.statistics_are_quick()


def plan_class_tree(kg: KnowledgeGraph, show_empty: bool) -> ClassTreePlan:
    """The tree of ``kg``'s classes; ``show_empty`` lists classes without instances too."""
    classes = kg.class_hierarchy()
    return ClassTreePlan(classes, _build_tree(kg, classes, show_empty))


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


def _build_tree(kg: KnowledgeGraph, classes: dict[str, ClassInfo], show_empty: bool) -> dict[str, list[str]]:
    """Choose one parent per visible class and the roots, so each class is one row."""
    visible = {iri for iri, info in classes.items() if show_empty or info.total_count > 0}
    home = home_namespace(kg, classes)

    def parent_rank(iri: str) -> tuple[bool, int, str]:
        return (home is not None and iri.startswith(home), classes[iri].total_count, iri)

    tree: dict[str, list[str]] = {}
    candidates: dict[str, int] = {}  # for each class, how many visible classes it is a parent of
    for iri in visible:
        for parent in classes[iri].parents:
            candidates[parent] = candidates.get(parent, 0) + 1
    for iri in visible:
        parents = [p for p in classes[iri].parents if p in visible]
        if not parents:
            continue
        likeliest = max(parents, key=parent_rank)
        # a parent only this class fills takes it, so that no row counts instances and opens on nothing (a facility is
        # an asset and a location: where the assets are all facilities, the asset row holds them)
        only = [p for p in parents if parent_rank(p)[0] == parent_rank(likeliest)[0]
                and candidates.get(p) == 1 and not classes[p].direct_count]
        tree.setdefault(max(only or parents, key=parent_rank), []).append(iri)
    roots = [iri for iri in visible if not any(p in visible for p in classes[iri].parents)]
    # Subclass cycles leave classes no root reaches: the biggest class of each cycle becomes a root.
    reached = _reach(roots, tree)
    while unreached := visible - reached:
        cycle_root = max(unreached, key=lambda iri: (classes[iri].total_count, iri))
        roots.append(cycle_root)
        reached |= _reach([cycle_root], tree)
    # Classes placed under another class: what a hidden root's instances may be found under.
    placed = {iri for iri in visible if any(p in visible for p in classes[iri].parents)}
    shown: list[str] = []
    alignments: list[str] = []  # empty external superclasses, listed after the domain when asked for
    for iri in roots:
        own_subtree = bool(tree.get(iri))
        if iri in _UNIVERSAL_CLASSES:
            if own_subtree and _instances_shown(kg, classes, iri, placed):
                shown.extend(tree.pop(iri))
                continue
        elif (home is not None and not iri.startswith(home) and classes[iri].children and not own_subtree
              and _instances_shown(kg, classes, iri, placed)):
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


def _reach(starts: list[str], tree: dict[str, list[str]]) -> set[str]:
    reached, stack = set(starts), list(starts)
    while stack:
        for child in tree.get(stack.pop(), []):
            if child not in reached:
                reached.add(child)
                stack.append(child)
    return reached


def _instances_shown(kg: KnowledgeGraph, classes: dict[str, ClassInfo], iri: str, placed: set[str]) -> bool:
    """Whether every direct instance of ``iri`` also belongs to one of the ``placed`` classes."""
    if not classes[iri].direct_count:
        return True
    others = placed - {iri}
    if not others:
        return False
    values = " ".join(f"<{c}>" for c in sorted(others))
    result = kg.query(f"ASK {{ ?s a <{iri}> FILTER NOT EXISTS {{ VALUES ?c {{ {values} }} ?s a ?c }} }}")
    return not result.boolean


__all__ = ["ClassTreePlan", "display_label", "home_namespace", "is_value_class", "plan_class_tree", "plans_on_the_spot"]
