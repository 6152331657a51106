"""Conversions between pyoxigraph's terms (inside the backends) and rdflib's (everywhere else)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from explorer.core.vocab import PLAIN_LITERAL_DATATYPES


class _IllTypedLiteralFilter(logging.Filter):
    """rdflib logs a traceback for every ill-typed literal it converts ("abc"^^xsd:integer).

    Such literals are legal RDF and shown as they are; the traceback would only flood the
    log of an analyst who opened someone else's messy file.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to convert Literal lexical form" not in record.getMessage()


logging.getLogger("rdflib.term").addFilter(_IllTypedLiteralFilter())




def to_rdflib(term: object) -> Node:
    """Turn a pyoxigraph term into the equivalent rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in PLAIN_LITERAL_DATATYPES:
            return Literal(term.value)
        # normalize=False keeps the lexical form exactly as stored ("01" stays "01").
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Triple):  # RDF-star quoted triple: shown as its N-Triples text
        return Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Turn an rdflib term into the equivalent pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def iri_or_bnode(value: str) -> ox.NamedNode | ox.BlankNode:
    """The store node for an entity identifier: ``_:x`` is a blank node, anything else an IRI."""
    if value.startswith("_:"):
        return ox.BlankNode(value[2:])
    return ox.NamedNode(value)


def node_id(term: object) -> str:
    """A string identifier of a store node: the IRI, or ``_:id`` for a blank node."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    raise TypeError(f"not an entity: {term!r}")


def quad_to_rdflib(quad: ox.Quad) -> tuple[Node, Node, Node, URIRef | None]:
    """A store quad as an rdflib quad; the default graph is ``None``."""
    graph = quad.graph_name
    return (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object),
            None if isinstance(graph, ox.DefaultGraph) else URIRef(graph.value) if isinstance(graph, ox.NamedNode)
            else BNode(graph.value))  # type: ignore[return-value]


def quad_to_oxigraph(quad: tuple[Node, Node, Node, Node | None]) -> ox.Quad:
    """An rdflib quad (graph ``None`` = the default graph) as a store quad."""
    subject, predicate, obj, graph = quad
    return ox.Quad(to_oxigraph(subject), to_oxigraph(predicate), to_oxigraph(obj),  # type: ignore[arg-type]
                   ox.DefaultGraph() if graph is None else to_oxigraph(graph))  # type: ignore[arg-type]


def quads_to_oxigraph(quads: Sequence[tuple[Node, Node, Node, Node | None]]) -> list[ox.Quad]:
    """Many rdflib quads as store quads, each term object converted once (see :func:`quads_to_nquads`)."""
    made: dict[int, ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph] = {id(None): ox.DefaultGraph()}
    out = []
    for quad in quads:
        terms = []
        for term in quad:
            converted = made.get(id(term))
            if converted is None:
                converted = made[id(term)] = to_oxigraph(term)  # type: ignore[arg-type]
            terms.append(converted)
        out.append(ox.Quad(*terms))  # type: ignore[arg-type]
    return out


def quads_to_text(quads: Sequence[tuple[Node, Node, Node, Node | None]],
                  ) -> tuple[bytes, ox.NamedNode | ox.DefaultGraph | None] | None:
    """Many rdflib quads as text for the store's loader, each term object spelled once.

    A bulk change shares its term objects between quads (an evidence record's IRI stands in ten
    of them, a predicate in thousands), so spelling by object identity does a fraction of the
    work, and the store parses text faster than it takes quad objects one by one. The
    identities are stable because ``quads`` holds every term while this runs. Each term is
    spelled by pyoxigraph itself, so what the store refuses here it would refuse as an object.

    Returns the text and the graph every quad is in (N-Triples, a quarter shorter), or the text
    as N-Quads and None when the quads are in several graphs. None when a quad holds a blank
    node: the loader would give it a new identifier.
    """
    spelled: dict[int, str] = {}
    known = spelled.get

    def spell(term: Node) -> str:
        if isinstance(term, BNode):
            raise _BlankNode
        word = spelled[id(term)] = str(to_oxigraph(term))
        return word

    graphs = {id(quad[3]): quad[3] for quad in quads}
    try:
        if len({str(graph) if graph is not None else None for graph in graphs.values()}) == 1:
            graph = next(iter(graphs.values()))
            target = ox.DefaultGraph() if graph is None else spell(graph) and to_oxigraph(graph)
            text = "".join([f"{known(id(s)) or spell(s)} {known(id(p)) or spell(p)} {known(id(o)) or spell(o)} .\n"
                            for s, p, o, _g in quads])
            return text.encode("utf-8"), target  # type: ignore[return-value]
        text = "".join([f"{known(id(s)) or spell(s)} {known(id(p)) or spell(p)} {known(id(o)) or spell(o)} "
                        f"{'' if g is None else known(id(g)) or spell(g)} .\n" for s, p, o, g in quads])
        return text.encode("utf-8"), None
    except _BlankNode:
        return None


class _BlankNode(Exception):
    """A blank node met while spelling quads for the loader."""
