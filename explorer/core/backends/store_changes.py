"""Change sets written to an embedded store: removals then additions, all or nothing.

Many additions go to the store's loader as text, in one transaction: an imported table's
statements come as the Turtle they were built as (:class:`~explorer.core.changes.TurtleQuads`),
other bulk changes are spelled as N-Triples or N-Quads, each term object once. The removals of
an import's text (its Undo) are read from the text and removed one by one without asking first
whether each is there: the text holds only statements that were new when it was added, and
the history undoes a step only when the graph is as that step left it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox
from rdflib.term import Node

from explorer.core.backends.terms import quads_to_oxigraph, quads_to_text, to_oxigraph
from explorer.core.changes import ChangeSet, Quad, TurtleQuads

#: Additions from which the loader takes them as text (N-Triples or N-Quads).
LOAD_AS_TEXT = 1000


def graph_node(graph: Node | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else to_oxigraph(graph)  # type: ignore[return-value]


def write_change(store: ox.Store, change: ChangeSet) -> int:
    """Write ``change``; a failed addition puts back what was removed. Returns the statements gained."""
    # Spelled before anything is removed: a term the store refuses changes nothing.
    added = _prepared(change.added)
    gone, removed = _remove(store, change.removed, keep=len(change.added) > 0)
    try:
        if isinstance(added, TurtleQuads):
            store.load(added.text, ox.RdfFormat.TURTLE, to_graph=graph_node(added.graph), lenient=added.checked)
        elif isinstance(added, tuple):
            text, graph = added
            if graph is None:
                store.load(text, ox.RdfFormat.N_QUADS)  # one transaction, like extend
            else:
                store.load(text, ox.RdfFormat.N_TRIPLES, to_graph=graph)
        else:
            store.extend(added)
    except BaseException:
        store.extend(gone)
        raise
    # A change set speaks of quads only: a named graph it empties is gone with them.
    emptied = {graph_node(change.removed.graph)} if isinstance(change.removed, TurtleQuads) else \
        {quad.graph_name for quad in gone}
    for graph_name in emptied:
        if not isinstance(graph_name, ox.DefaultGraph) and _is_empty(store, graph_name):
            store.remove_graph(graph_name)
    return len(change.added) - removed


def _is_empty(store: ox.Store, graph_name: ox.NamedNode | ox.BlankNode) -> bool:
    """Whether ``graph_name`` holds no quad. After millions of removals the store walks their traces
    to tell: as a query it does so without the interpreter lock (the window keeps drawing); reading
    the quads' iterator held it for ~200 ms after undoing a 100,000-row import."""
    if isinstance(graph_name, ox.NamedNode):
        try:
            return not bool(store.query(f"ASK {{ GRAPH {graph_name} {{ ?s ?p ?o }} }}"))
        except (SyntaxError, ValueError):  # an IRI the store took that SPARQL cannot spell: ask the plain way
            pass
    return next(store.quads_for_pattern(None, None, None, graph_name), None) is None


def _prepared(quads: Sequence[Quad]) -> TurtleQuads | tuple[bytes, ox.NamedNode | ox.DefaultGraph | None] | list[ox.Quad]:
    if isinstance(quads, TurtleQuads):
        return quads
    text = quads_to_text(quads) if len(quads) >= LOAD_AS_TEXT else None  # much faster than objects
    return text if text is not None else quads_to_oxigraph(quads)


def _remove(store: ox.Store, quads: Sequence[Quad], *, keep: bool) -> tuple[list[ox.Quad], int]:
    """Remove ``quads``: (those removed, kept when ``keep`` to be put back; how many)."""
    if isinstance(quads, TurtleQuads):
        gone: list[ox.Quad] = []
        remove = store.remove
        for found in _parsed_quads(quads):
            remove(found)
            if keep:
                gone.append(found)
        return gone, len(quads)
    gone = [q for q in quads_to_oxigraph(quads) if q in store]
    for found in gone:
        store.remove(found)
    return gone, len(gone)


def _parsed_quads(quads: TurtleQuads) -> ox.QuadParser:
    """The store's quads of ``quads``' text: read as TriG inside its graph, so the parser makes
    each quad whole (no quad is put together again in Python, three million times)."""
    graph = graph_node(quads.graph)
    if isinstance(graph, ox.DefaultGraph):
        return ox.parse(quads.text, format=ox.RdfFormat.TURTLE, lenient=quads.checked)
    text = b"".join((f"{graph} {{\n".encode(), quads.text, b"\n}\n"))
    return ox.parse(text, format=ox.RdfFormat.TRIG, lenient=quads.checked)
