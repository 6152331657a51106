"""What the facade answers with: links, neighbourhoods, evidence, classes, statistics.

Plain values (entities named by strings: an IRI, or ``_:id`` for a blank node), the same
whatever backend holds the triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal as RdfLiteral


@dataclass(frozen=True)
class Edge:
    """A link between two entities, read from ``entity`` towards ``other``.

    ``forward`` is True when the triple is ``entity predicate other`` and False when it is
    ``other predicate entity``; ``words`` names the link in the reading direction
    ("has branch" forward, "branch of" backward).
    """

    entity: str
    predicate: str
    other: str
    forward: bool
    words: str
    other_label: str

    @property
    def triple(self) -> tuple[str, str, str]:
        """The stored triple (subject, predicate, object), whatever the reading direction."""
        return (self.entity, self.predicate, self.other) if self.forward else (self.other, self.predicate, self.entity)


@dataclass
class Neighbourhood:
    """Neighbours of one entity, capped: ``omitted_*`` count what the cap left out."""

    entity: str
    outgoing: list[Edge] = field(default_factory=list)
    incoming: list[Edge] = field(default_factory=list)
    omitted_outgoing: int = 0
    omitted_incoming: int = 0

    @property
    def edges(self) -> list[Edge]:
        return self.outgoing + self.incoming

    @property
    def omitted(self) -> int:
        return self.omitted_outgoing + self.omitted_incoming


@dataclass(frozen=True)
class Evidence:
    """Why a fact is in the graph: a verbatim quote from a source, or background knowledge."""

    record: str
    background: bool
    quote: str | None = None
    source: str | None = None
    source_label: str | None = None
    sentence_index: int | None = None
    note: str | None = None

    def describe(self) -> str:
        if self.background:
            return f"background knowledge{': ' + self.note if self.note else ''}"
        where = self.source_label or self.source or "source"
        sentence = f", sentence {self.sentence_index}" if self.sentence_index is not None else ""
        return f'"{self.quote}" ({where}{sentence})'


@dataclass
class ClassInfo:
    """A class in the hierarchy with how many entities it has."""

    iri: str
    label: str
    direct_count: int = 0
    total_count: int = 0
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass
class Stats:
    quads: int
    triples: int
    entities: int  # resources that are not classes, properties, ontologies or evidence records
    classes: list[tuple[str, str, int]]  # iri, label, instances
    predicates: list[tuple[str, str, int]]  # iri, label, uses
    resources: int = 0  # every subject, schema and evidence records included


@dataclass
class Description:
    """Everything the Inspector and ``describe`` show about one entity."""

    entity: str
    label: str
    labels: list[tuple[str, str, str]]  # text, language, predicate
    classes: list[tuple[str, str]]  # iri, label
    literals: list[tuple[str, str, RdfLiteral]]  # predicate iri, predicate words, value
    outgoing: list[Edge]
    incoming: list[Edge]
    omitted_outgoing: int = 0
    omitted_incoming: int = 0
