"""Whole-store chores for the embedded Oxigraph store: counting, copying in chunks, removing folders."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from explorer.core.errors import Cancelled
from explorer.core.tasks import CancelToken

#: Quads copied per call into the store: one call holds the interpreter lock throughout.
COPY_CHUNK = 8192


def copy_quads(source: ox.Store, target: ox.Store, cancel: CancelToken | None = None, *, bulk: bool = False,
               progress: Callable[[int], None] | None = None) -> None:
    """Every quad of ``source`` (all graphs, blank nodes as they are) into ``target``;
    ``bulk`` for an on-disk target that is not in use yet (no transaction per chunk);
    ``progress`` hears how many quads are copied so far.

    ``target.extend(source)`` pulls the quads one by one as Python objects inside one call
    that holds the interpreter lock: a million quads froze the window for a second at a
    time. In chunks the lock is let go every few milliseconds (about 30 % more time).
    Dumping and reloading would release it throughout but renames every blank node.
    """
    quads = source.quads_for_pattern(None, None, None, None)
    copied = 0
    while True:
        if cancel is not None and cancel.cancelled:
            raise Cancelled("loading cancelled; the graph was left as it was")
        chunk = list(itertools.islice(quads, COPY_CHUNK))
        if not chunk:
            return
        if bulk:
            target.bulk_extend(chunk)
        else:
            target.extend(chunk)
        copied += len(chunk)
        if progress is not None:
            progress(copied)


def count_quads(store: ox.Store) -> int:
    """The number of quads, by a SPARQL count: unlike ``len(store)``, which holds the GIL
    (the window froze for half a second at a million triples), a query lets the GUI
    thread run while it counts."""
    total = 0
    graphs = ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]
    if next(iter(store.named_graphs()), None) is not None:
        graphs.append("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for sparql in graphs:
        answer = store.query(sparql)
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            total += int(solution[0].value)
    return total


#: Fewer bytes than any RDF syntax takes for a quad on average (N-Triples ~130, Turtle ~60).
MIN_BYTES_PER_QUAD = 40


def quads_in(store: ox.Store) -> int:
    try:
        return count_quads(store)
    except (OSError, ValueError, RuntimeError):
        return 0


def remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
