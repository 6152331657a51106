"""Conversions between pyoxigraph's terms (inside the backends) and rdflib's (everywhere else)."""

from __future__ import annotations

import logging

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
