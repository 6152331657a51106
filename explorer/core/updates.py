"""SPARQL Update that can be undone.

An update runs on the live store inside a recorded diff: the quads before are copied into
a scratch in-memory store, the update runs to completion (the engine applies it in one
transaction), and the difference — quads removed, quads added — is kept. Undo applies the
difference backwards, so the graph is exactly as before the update, blank nodes included.

A cancel request cannot stop the engine half-way; it is honoured by undoing the update as
soon as the engine returns, so a cancelled update never leaves the graph changed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from explorer.core.changes import ChangeSet, Quad
from explorer.core.errors import Cancelled, ExplorerError, QueryError
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken, Progress

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


@dataclass
class RecordedUpdate:
    """One applied update and what it changed (rdflib quads, blank nodes as stored)."""

    sparql: str
    added: list[Quad] = field(default_factory=list)
    removed: list[Quad] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def change(self) -> ChangeSet:
        """What the update did, as the change set that redoes it."""
        return ChangeSet(tuple(self.added), tuple(self.removed), self.sparql)

    def summary(self) -> str:
        return f"update added {len(self.added)} and removed {len(self.removed)} triple(s)"


def run_update(
    kg: KnowledgeGraph,
    sparql: str,
    *,
    policy: QueryPolicy | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> RecordedUpdate:
    """Apply a SPARQL Update and record its diff; refused unless the policy allows updates.

    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    >>> record = run_update(kg, "INSERT DATA { <http://e/a> <http://e/p> <http://e/b> }")
    >>> len(kg), record.summary()
    (1, 'update added 1 and removed 0 triple(s)')
    >>> undo(kg, record); len(kg)
    0
    """
    kind = (policy or kg.policy).check(sparql)
    if kind != "update":
        raise QueryError(f"not an update: this is a {kind.upper()} query")
    local = kg.local
    if local is None or not kg.can_write:
        raise ExplorerError("undoable updates need a graph held here (a file or a workspace)")
    report = progress or (lambda fraction, message: None)
    started = time.perf_counter()
    report(None, "Running the update and recording what it changes")
    change = local.change_of_update(sparql)
    record = RecordedUpdate(sparql, added=list(change.added), removed=list(change.removed),
                            elapsed=time.perf_counter() - started)
    kg.invalidate_caches()
    if cancel is not None and cancel.cancelled:
        undo(kg, record)
        raise Cancelled("update cancelled; the graph was left as it was")
    return record


def undo(kg: KnowledgeGraph, record: RecordedUpdate) -> None:
    """Put the graph back exactly as it was before ``record``'s update."""
    kg.apply_changes(record.change.inverse())


def redo(kg: KnowledgeGraph, record: RecordedUpdate) -> None:
    """Apply ``record``'s update again, exactly as it first changed the graph."""
    kg.apply_changes(record.change)
