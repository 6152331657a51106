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
    """Neighbours of one entity, capped: ``omitted_*`` count what the cap left out (at least
    that many when ``omitted_*_at_least``: a server stopped counting a hub's rest at a cap)."""

    entity: str
    outgoing: list[Edge] = field(default_factory=list)
    incoming: list[Edge] = field(default_factory=list)
    omitted_outgoing: int = 0
    omitted_incoming: int = 0
    omitted_outgoing_at_least: bool = False
    omitted_incoming_at_least: bool = False

    @property
    def edges(self) -> list[Edge]:
        return self.outgoing + self.incoming

    @property
    def omitted(self) -> int:
        return self.omitted_outgoing + self.omitted_incoming

    @property
    def omitted_at_least(self) -> bool:
        """Whether :attr:`omitted` is a lower bound."""
        return self.omitted_outgoing_at_least or self.omitted_incoming_at_least


#: What a neighbourhood left out, as fields of LinkPage, Neighbourhood and Description alike.
OMITTED_FIELDS = ("omitted_outgoing", "omitted_incoming", "omitted_outgoing_at_least", "omitted_incoming_at_least")


def count_text(count: int, at_least: bool = False) -> str:
    """A count for people: "4,388", or "1,000+" when it is a lower bound."""
    return f"{count:,}+" if at_least else f"{count:,}"


def fill_in_totals(around: Neighbourhood | Description, totals: tuple[int, int]) -> None:
    """Replace what a capped count left as "1,000+ more" with the exact figures, given the
    entity's exact (outgoing, incoming) link totals (``KnowledgeGraph.link_totals``)."""
    outgoing, incoming = totals
    around.omitted_outgoing = max(outgoing - len(around.outgoing), 0)
    around.omitted_incoming = max(incoming - len(around.incoming), 0)
    around.omitted_outgoing_at_least = around.omitted_incoming_at_least = False


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
    #: Where the quote stands besides its sentence: the line of the source file (a table's row
    #: number for a record of a spreadsheet row), the page, and the character offsets of a Web
    #: Annotation position selector (0-based start, exclusive end).
    line_number: int | None = None
    page: str | None = None
    start: int | None = None
    end: int | None = None

    def place(self) -> str:
        """Where in its source the quote stands, in words: "sentence 5, line 4, characters 1448–1476"."""
        parts = []
        if self.sentence_index is not None:
            parts.append(f"sentence {self.sentence_index}")
        if self.line_number is not None:
            parts.append(f"line {self.line_number}")
        if self.page:
            parts.append(f"page {self.page}")
        if self.start is not None and self.end is not None:
            parts.append(f"characters {self.start}–{self.end}")
        return ", ".join(parts)

    def describe(self) -> str:
        if self.background:
            return f"background knowledge{': ' + self.note if self.note else ''}"
        where = self.source_label or self.source or "source"
        place = self.place()
        return f'"{self.quote}" ({where}{", " + place if place else ""})'


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
    #: ``omitted_*`` is a lower bound (see :class:`Neighbourhood`).
    omitted_outgoing_at_least: bool = False
    omitted_incoming_at_least: bool = False
    #: For a class: its direct superclasses and the classes declared equivalent (iri, label).
    superclasses: list[tuple[str, str]] = field(default_factory=list)
    equivalent_classes: list[tuple[str, str]] = field(default_factory=list)
