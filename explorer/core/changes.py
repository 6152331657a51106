"""Change sets: the one currency in which the graph is written.

Every write the app makes (a SPARQL update, inference switched on, a fact an analyst adds, an
import, a crash recovery) is expressed as a :class:`ChangeSet` of rdflib quads and handed to a
writable backend, which applies it in one transaction. Undo applies :meth:`ChangeSet.inverse`.
Keeping writes in this one form is what lets one undo history serve a file, a workspace and a
SPARQL server alike.

>>> from rdflib import URIRef, Literal
>>> s, p = URIRef("urn:s"), URIRef("urn:p")
>>> change = ChangeSet(added=((s, p, Literal("x"), None),))
>>> change.inverse().removed == change.added
True
>>> ChangeSet().is_empty
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from rdflib.term import Node, URIRef

#: A quad in rdflib terms: subject, predicate, object, and the named graph (``None`` is the
#: default graph).
Quad = tuple[Node, Node, Node, "URIRef | None"]


@dataclass(frozen=True)
class ChangeSet:
    """Quads to remove and quads to add, applied together (removals first)."""

    added: tuple[Quad, ...] = ()
    removed: tuple[Quad, ...] = ()
    description: str = ""

    @classmethod
    def of(cls, added: Iterable[Quad] = (), removed: Iterable[Quad] = (), description: str = "") -> ChangeSet:
        """A change set from any iterables; a quad both added and removed cancels out."""
        add, remove = list(dict.fromkeys(added)), list(dict.fromkeys(removed))
        both = set(add) & set(remove)
        return cls(tuple(q for q in add if q not in both), tuple(q for q in remove if q not in both), description)

    @property
    def is_empty(self) -> bool:
        return not self.added and not self.removed

    def inverse(self) -> ChangeSet:
        """The change set that undoes this one."""
        return ChangeSet(added=self.removed, removed=self.added, description=self.description)

    def then(self, other: ChangeSet) -> ChangeSet:
        """This change followed by ``other``, as one change set."""
        added = dict.fromkeys(self.added)
        removed = dict.fromkeys(self.removed)
        for quad in other.removed:
            if quad in added:
                del added[quad]
            else:
                removed[quad] = None
        for quad in other.added:
            if quad in removed:
                del removed[quad]
            else:
                added[quad] = None
        return ChangeSet(tuple(added), tuple(removed), self.description or other.description)

    def summary(self) -> str:
        return f"{len(self.added)} statement(s) added, {len(self.removed)} removed"


@runtime_checkable
class Command(Protocol):
    """One undoable step in the session's history (a canvas change, an update, a fact edit)."""

    @property
    def text(self) -> str:
        """What Edit ▸ Undo names, e.g. "Hide China Mobile"."""
        ...

    def redo(self) -> None: ...

    def undo(self) -> None: ...
