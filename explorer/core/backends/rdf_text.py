"""RDF text in and out for services that write files (exports, snapshots, the recovery
journal): rdflib statements serialized and parsed by Oxigraph, which is fast and writes
the same bytes every time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox
from rdflib.term import Node

from explorer.core.backends.terms import quad_to_oxigraph, quad_to_rdflib, to_oxigraph, to_rdflib
from explorer.core.changes import Quad

Triple = tuple[Node, Node, Node]


def ntriples_term(term: Node) -> str:
    """A term as N-Triples writes it (``<iri>``, ``"text"@en``, ``_:b1``)."""
    return str(to_oxigraph(term))


def _ox_triple(triple: Triple) -> ox.Triple:
    s, p, o = (to_oxigraph(t) for t in triple)
    return ox.Triple(s, p, o)  # type: ignore[arg-type]


def turtle(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> str:
    """Turtle text of ``triples`` in a stable order, with ``prefixes`` declared."""
    ordered = sorted((_ox_triple(t) for t in triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return (ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes)) or b"").decode("utf-8")


def nquads(quads: Sequence[Quad]) -> str:
    """N-Quads text of rdflib quads (graph ``None`` = default graph), in the order given."""
    return (ox.serialize([quad_to_oxigraph(q) for q in quads], format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def nquads_spelled_once(quads: Sequence[Quad], spelled: dict[int, str]) -> str:
    """N-Quads text of rdflib quads, each term object spelled once into ``spelled`` (by identity).

    A bulk change shares its term objects between quads (a predicate stands in thousands), so
    this does a fraction of :func:`nquads`'s work; pass the same ``spelled`` for the slices of
    one sequence, which must stay alive (and so keep its terms' identities) while it is used.
    """
    known = spelled.get

    def spell(term: Node) -> str:
        word = spelled[id(term)] = str(to_oxigraph(term))
        return word

    return "".join([f"{known(id(s)) or spell(s)} {known(id(p)) or spell(p)} {known(id(o)) or spell(o)}"
                    f"{'' if g is None else ' ' + (known(id(g)) or spell(g))} .\n" for s, p, o, g in quads])


def sorted_nquads(triples: Iterable[Triple]) -> str:
    """N-Quads text of triples in the default graph, in a stable order."""
    ordered = sorted((_ox_triple(t) for t in triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ordered]
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def parse_nquads(text: str) -> list[Quad]:
    """rdflib quads from N-Quads text (raises SyntaxError on damaged text)."""
    return [quad_to_rdflib(q) for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)]


def parse_turtle(text: str) -> list[Triple]:
    """rdflib triples from Turtle text (raises SyntaxError on damaged text)."""
    return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            for q in ox.parse(text.encode("utf-8") if isinstance(text, str) else text, format=ox.RdfFormat.TURTLE,
                              without_named_graphs=True)]


def iter_turtle(text: bytes) -> Iterator[Triple]:
    """rdflib triples from Turtle text, one at a time (a bulk change read as quads)."""
    for quad in ox.parse(text, format=ox.RdfFormat.TURTLE, without_named_graphs=True):
        yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def store_refusal(iri: str | None = None, language: str | None = None) -> str | None:
    """Why the store would refuse ``iri`` or ``language`` (None: it takes them).

    What is checked here once per distinct term may then be loaded without the store checking
    every occurrence again (``TurtleQuads.checked``).
    """
    try:
        if iri is not None:
            ox.NamedNode(iri)
        if language is not None:
            ox.Literal("", language=language)
    except ValueError as error:
        return str(error)
    return None


def sort_key(triple: Triple) -> tuple[str, str, str]:
    """The order exports and snapshots write triples in."""
    s, p, o = (ntriples_term(t) for t in triple)
    return s, p, o
