"""The undoable step a curation change becomes in the session's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import explorer.core.curation.store_access as store_access
from explorer.core.changes import ChangeSet

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


class CurationCommand:
    """Applies a checked change set on ``redo`` and its inverse on ``undo`` (the ``Command`` protocol).

    ``on_applied`` hears every change actually written (the change on redo, its inverse on
    undo): the edits file keeps its dirty state and its record of retracted facts from it.

    >>> from rdflib import URIRef, Literal
    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> fact = (URIRef("urn:a"), URIRef("urn:p"), Literal("x"), URIRef("urn:g"))
    >>> command = CurationCommand(kg, ChangeSet(added=(fact,), description="Add x"))
    >>> command.redo(); len(kg)
    1
    >>> command.undo(); len(kg)
    0
    """

    def __init__(self, kg: KnowledgeGraph, change: ChangeSet,
                 on_applied: Callable[[ChangeSet], None] | None = None) -> None:
        self.kg = kg
        self.change = change
        self.on_applied = on_applied

    @property
    def text(self) -> str:
        return self.change.description or "Edit the graph"

    def redo(self) -> None:
        self._apply(self.change)

    def undo(self) -> None:
        self._apply(self.change.inverse())

    def _apply(self, change: ChangeSet) -> None:
        store_access.apply(self.kg, change)
        if self.on_applied is not None:
            self.on_applied(change)
