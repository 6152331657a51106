"""What one view asks of a server within a moment, answered from one round trip.

Describing an entity asks for its classes, its literals, the labels of both, the words of
its predicates, its superclasses and its equivalent classes: six round trips, one after the
other. :class:`EntityProfile` is all of it in one query, read when the entity's literals are
asked for (only a view of the entity asks for them). Its statements answer the pattern reads of the same view only while they are
recent (:data:`RECENT_SECONDS`): another client may change the server, and a later question
reads afresh. A search keeps its last complete answer the same way, so the next keystroke that
only lengthens the text narrows it here instead of scanning the server's labels again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from explorer.core.backends.base import OWL, RDF, RDFS, LabelsByLanguage
from explorer.core.search import LabelEntry
from explorer.core.vocab import LABEL_PREDICATES

Term = Any  # a pyoxigraph term parsed from an answer

#: How long a profile's statements or a search's answer stand for the server's (seconds).
RECENT_SECONDS = 2.0
#: Entities with more statements than this are described with the usual queries.
PROFILE_ROWS = 2000
_TYPE = f"{RDF}type"
_SUBCLASS = f"{RDFS}subClassOf"
_EQUIVALENT = f"{OWL}equivalentClass"
_KINDS = {p: i for i, p in enumerate(LABEL_PREDICATES)}
_LABELS = ", ".join(f"<{p}>" for p in LABEL_PREDICATES)


def profile_query(node: str) -> str:
    """Statements of ``node`` (``?k`` "s"), its incoming equivalent classes ("q"), and ("l")
    the labels of its classes, superclasses, equivalents and of the predicates of its literals."""
    # One branch per predicate: a filter on the predicate makes Virtuoso scan every label.
    named = " UNION ".join([*(f"{{ {node} <{p}> ?o }}" for p in (_TYPE, _SUBCLASS, _EQUIVALENT)),
                            f"{{ ?o <{_EQUIVALENT}> {node} }}", f"{{ {node} ?o ?v FILTER(isLiteral(?v)) }}"])
    labels = f"SELECT DISTINCT ?o ?w ?wl WHERE {{ {named} ?o ?w ?wl FILTER(isLiteral(?wl) && ?w IN ({_LABELS})) }}"
    return (f"SELECT ?k ?p ?o ?w ?wl WHERE {{ {{ {node} ?p ?o BIND(\"s\" AS ?k) }} "
            f"UNION {{ ?o <{_EQUIVALENT}> {node} BIND(\"q\" AS ?k) }} "
            f"UNION {{ {{ {labels} }} BIND(\"l\" AS ?k) }} }} LIMIT {PROFILE_ROWS}")


@dataclass
class EntityProfile:
    """One entity's statements, read at ``read_at`` (``time.monotonic()``)."""

    outgoing: list[tuple[Term, Term]] = field(default_factory=list)
    equivalent_from: list[Term] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    #: Labels of the entity and of what its description names (empty: none), for labels_of.
    labels: dict[str, LabelsByLanguage] = field(default_factory=dict)
    read_at: float = field(default_factory=time.monotonic)

    @property
    def recent(self) -> bool:
        return time.monotonic() - self.read_at <= RECENT_SECONDS

    def statements(self, predicate: Term | None) -> list[tuple[Term, Term]]:
        return [(p, o) for p, o in self.outgoing if predicate is None or p == predicate]


def read_profile(entity: str, rows: Sequence[tuple[Term, ...]]) -> EntityProfile | None:
    """The profile in ``rows`` of :func:`profile_query`; ``None`` when the answer was cut."""
    if len(rows) >= PROFILE_ROWS:
        return None
    profile = EntityProfile()
    named: list[str] = []

    def add_label(owner: str, kind: int, literal: Term) -> None:
        listed = profile.labels.setdefault(owner, {}).setdefault(literal.language or "", [])
        if (kind, literal.value) not in listed:
            listed.append((kind, literal.value))

    for kind, predicate, obj, word_predicate, word in rows:
        if kind is None or obj is None:
            continue
        if kind.value == "s" and isinstance(predicate, ox.NamedNode):
            profile.outgoing.append((predicate, obj))
            if isinstance(obj, ox.Literal):
                named.append(predicate.value)
                if predicate.value in _KINDS:
                    add_label(entity, _KINDS[predicate.value], obj)
            elif isinstance(obj, ox.NamedNode) and predicate.value in (_TYPE, _SUBCLASS, _EQUIVALENT):
                named.append(obj.value)
                if predicate.value == _TYPE and obj.value not in profile.types:
                    profile.types.append(obj.value)
        elif kind.value == "q":
            profile.equivalent_from.append(obj)
            if isinstance(obj, ox.NamedNode):
                named.append(obj.value)
        elif kind.value == "l" and isinstance(obj, ox.NamedNode) and isinstance(word, ox.Literal):
            add_label(obj.value, _KINDS[word_predicate.value], word)
    for owner in (entity, *named):
        profile.labels.setdefault(owner, {})
    return profile


@dataclass
class SearchAnswer:
    """The labels containing ``typed`` or ``folded`` (all of them: the server's answer was not cut)."""

    typed: str
    folded: str
    entries: list[LabelEntry]
    read_at: float = field(default_factory=time.monotonic)

    def narrowed(self, typed: str, folded: str, cap: int) -> list[LabelEntry] | None:
        """The answer for a longer text, when every label it matches is among these."""
        if time.monotonic() - self.read_at > RECENT_SECONDS:
            return None
        if self.typed not in typed or self.folded not in folded:
            return None
        found = [entry for entry in self.entries
                 if typed in entry.text.lower() or (folded and folded in entry.text.lower())]
        # The server answers at most ``cap`` rows: a set that large would have been cut there.
        return found if len(found) < cap else None
