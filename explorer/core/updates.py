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

import pyoxigraph as ox

from explorer.core.errors import Cancelled, ExplorerError, QueryError
from explorer.core.sparql import QueryPolicy, syntax_error
from explorer.core.tasks import CancelToken, Progress

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


@dataclass
class RecordedUpdate:
    """One applied update and what it changed."""

    sparql: str
    added: list[ox.Quad] = field(default_factory=list)
    removed: list[ox.Quad] = field(default_factory=list)
    elapsed: float = 0.0

    def summary(self) -> str:
        return f"update added {len(self.added)} and removed {len(self.removed)} triple(s)"


def _store(kg: KnowledgeGraph) -> ox.Store:
    from explorer.core.backends import OxigraphBackend

    if not isinstance(kg.backend, OxigraphBackend):
        raise ExplorerError("undoable updates need the embedded store")
    return kg.backend.store


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
    store = _store(kg)
    report = progress or (lambda fraction, message: None)
    started = time.perf_counter()
    report(None, "Recording the graph before the update")
    before = ox.Store()
    before.extend(store.quads_for_pattern(None, None, None, None))
    report(None, "Running the update")
    try:
        store.update(sparql)
    except SyntaxError as error:
        raise syntax_error(error) from None
    except OSError as error:
        raise QueryError(str(error)) from None
    report(None, "Recording what changed")
    record = RecordedUpdate(
        sparql,
        added=[quad for quad in store.quads_for_pattern(None, None, None, None) if quad not in before],
        removed=[quad for quad in before.quads_for_pattern(None, None, None, None) if quad not in store],
        elapsed=time.perf_counter() - started,
    )
    kg.invalidate_caches()
    if cancel is not None and cancel.cancelled:
        undo(kg, record)
        raise Cancelled("update cancelled; the graph was left as it was")
    return record


def undo(kg: KnowledgeGraph, record: RecordedUpdate) -> None:
    """Put the graph back exactly as it was before ``record``'s update."""
    store = _store(kg)
    for quad in record.added:
        store.remove(quad)
    for quad in record.removed:
        store.add(quad)
    kg.invalidate_caches()


def redo(kg: KnowledgeGraph, record: RecordedUpdate) -> None:
    """Apply ``record``'s change again after :func:`undo` (Edit ▸ Redo)."""
    store = _store(kg)
    for quad in record.removed:
        store.remove(quad)
    for quad in record.added:
        store.add(quad)
    kg.invalidate_caches()
