"""The undoable step a curation change becomes in the session's history.

A big step (an imported table: 100,000 rows make about 3.5 million statements, some 14 s of
writing) runs in the background: its :meth:`CurationCommand.work` is safe off the GUI thread
and its :meth:`CurationCommand.settle` tells the views afterwards (see
:meth:`explorer.core.history.History.push`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import explorer.core.curation.store_access as store_access
from explorer.core.changes import ChangeSet

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: Statements (added plus removed) from which a step is applied, undone and redone in the
#: background. The store writes about 250,000 statements a second and the recovery journal
#: about as many, so 20,000 keep the synchronous path (a fact from a dialog: tens of
#: statements) under a tenth of a second, the most a window may stall.
BACKGROUND_STATEMENTS = 20_000


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
                 on_applied: Callable[[ChangeSet], None] | None = None,
                 on_written: Callable[[ChangeSet], None] | None = None) -> None:
        self.kg = kg
        self.change = change
        self.on_applied = on_applied
        #: Hears each change right after it is written, on the thread that wrote it (the edits
        #: file's journal); ``on_applied`` hears it afterwards, on the thread that settles it.
        self.on_written = on_written

    @property
    def text(self) -> str:
        return self.change.description or "Edit the graph"

    @property
    def size(self) -> int:
        """Statements the step writes."""
        return len(self.change.added) + len(self.change.removed)

    @property
    def runs_in_background(self) -> bool:
        return self.size >= BACKGROUND_STATEMENTS

    def redo(self) -> None:
        self.settle(self.work(undo=False))

    def undo(self) -> None:
        self.settle(self.work(undo=True))

    def work(self, undo: bool, progress: Any = None) -> ChangeSet:
        """Write the change (or its inverse) to the store, all or nothing; safe off the GUI thread."""
        change = self.change.inverse() if undo else self.change
        if progress is not None:
            progress(None, f"{'Undoing' if undo else 'Writing'} {self.size:,} statements: {self.text}…")
        store_access.apply(self.kg, change)
        if self.on_written is not None:
            if progress is not None:
                progress(None, f"Keeping the recovery copy of {self.size:,} statements…")
            self.on_written(change)
        return change

    def settle(self, change: ChangeSet) -> None:
        """After :meth:`work`, on the thread the views live on."""
        if self.on_applied is not None:
            self.on_applied(change)
