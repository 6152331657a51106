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

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, overload, runtime_checkable

from rdflib.term import Node, URIRef

#: A quad in rdflib terms: subject, predicate, object, and the named graph (``None`` is the
#: default graph).
Quad = tuple[Node, Node, Node, "URIRef | None"]
Triple = tuple[Node, Node, Node]


class TurtleQuads(Sequence[Quad]):
    """Many statements of one named graph held as Turtle text: an imported table's additions.

    A table of 100,000 rows makes 3.5 million statements. Made as rdflib terms and spelled
    again for the store they cost about twice what the store takes to write them; as text the
    store's parser takes them in one transaction, and the recovery journal copies the text as
    it is. Read as a sequence they are rdflib quads (``read`` parses the text, lazily), so every
    consumer of a :class:`ChangeSet` keeps working; the store and the journal look for this type.
    The text holds each statement once, ``length`` of them, none already in the graph it was
    built for (so its inverse takes back exactly what it added).
    """

    __slots__ = ("_quads", "_read", "checked", "graph", "length", "predicates", "text")

    def __init__(self, text: bytes, graph: URIRef, length: int, predicates: Iterable[str],
                 read: Callable[[bytes], Iterable[Triple]], *, checked: bool = False) -> None:
        self.text = text
        self.graph = graph
        self.length = length
        #: The predicates' IRIs (which caches a change leaves valid is known without a parse).
        self.predicates = frozenset(predicates)
        #: Whether every distinct IRI and language tag of the text was checked by the store's
        #: rules when it was written: the store may then load it without checking each again.
        self.checked = checked
        self._read = read
        self._quads: tuple[Quad, ...] | None = None

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[Quad]:
        if self._quads is not None:
            yield from self._quads
            return
        graph = self.graph
        for s, p, o in self._read(self.text):
            yield s, p, o, graph

    @overload
    def __getitem__(self, index: int) -> Quad: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Quad]: ...

    def __getitem__(self, index: int | slice) -> Quad | Sequence[Quad]:
        if self._quads is None:  # rare (nothing in the app indexes a bulk change): parsed once
            self._quads = tuple(self)
        return self._quads[index]

    def __repr__(self) -> str:
        return f"<TurtleQuads {self.length:,} statements in {self.graph}>"


def predicates_of(quads: Sequence[Quad]) -> set[str]:
    """The predicates' IRIs of ``quads``, without parsing a :class:`TurtleQuads`."""
    if isinstance(quads, TurtleQuads):
        return set(quads.predicates)
    return {str(q[1]) for q in quads}


@dataclass(frozen=True)
class ChangeSet:
    """Quads to remove and quads to add, applied together (removals first)."""

    added: Sequence[Quad] = ()
    removed: Sequence[Quad] = ()
    description: str = ""

    @classmethod
    def of(cls, added: Iterable[Quad] = (), removed: Iterable[Quad] = (), description: str = "") -> ChangeSet:
        """A change set from any iterables; a quad both added and removed cancels out."""
        add, remove = list(dict.fromkeys(added)), list(dict.fromkeys(removed))
        both = set(add) & set(remove)
        return cls(tuple(q for q in add if q not in both), tuple(q for q in remove if q not in both), description)

    @property
    def is_empty(self) -> bool:
        return not len(self.added) and not len(self.removed)

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
