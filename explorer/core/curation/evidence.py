"""Evidence and provenance of an analyst's change, as quads in the graph's reified-evidence model.

Every fact an analyst adds carries one evidence record: a verbatim quote from a source with
its place (sentence or page), or background knowledge with the reason. The record also says
who added it and when (PROV). :func:`evidence_record` is the one place that knows how a record
is spelled in RDF; the rest of curation builds on it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from explorer.core import turtle_text
from explorer.core.changes import Quad
from explorer.core.curation.schema import CurationError
from explorer.core.extraction.sentences import split_sentences
from explorer.core.vocab import DATA_IRI, KG, OA, SCHEMA

#: Where minted evidence records, analysts and activities live.
EVIDENCE_BASE = DATA_IRI + "evidence/"
ANALYST_BASE = DATA_IRI + "analyst/"
ACTIVITY_BASE = DATA_IRI + "curation/"


@dataclass(frozen=True)
class NewSource:
    """A document not yet in the graph: what an analyst knows of it."""

    title: str
    kind: str = str(KG.Report)
    publisher: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    url: str | None = None
    file: str | None = None  # a text file holding the document: quotes are checked against it


@dataclass(frozen=True)
class Quoted:
    """A verbatim quote from a source (an IRI in the graph, or a new one) and where it stands."""

    source: str | NewSource
    quote: str
    sentence: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class Background:
    """General knowledge no source states; the reason says why it may be assumed."""

    reason: str


EvidenceSpec = Quoted | Background


@dataclass(frozen=True)
class Provenance:
    """Who makes the change, and when (UTC)."""

    analyst: str
    when: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    # Cached: a spreadsheet import gives hundreds of thousands of records the same two terms.
    @cached_property
    def agent(self) -> URIRef:
        return URIRef(ANALYST_BASE + slug(self.analyst or "analyst"))

    @cached_property
    def timestamp(self) -> Literal:
        return Literal(self.when.isoformat(), datatype=XSD.dateTime)


def slug(text: str) -> str:
    """An IRI-safe name from words: ``"China Unicom"`` → ``"ChinaUnicom"``.

    >>> slug("China Unicom"), slug("中国联通"), slug("  ")
    ('ChinaUnicom', '中国联通', 'x')
    """
    words = re.findall(r"\w+", unicodedata.normalize("NFC", text))
    return "".join(w[:1].upper() + w[1:] for w in words) or "x"


def mint(base: str) -> URIRef:
    """A fresh IRI under ``base``, independent of any fact (many records per fact)."""
    return URIRef(base + uuid.uuid4().hex[:16])


def agent_quads(provenance: Provenance, graph: URIRef | None) -> Iterator[Quad]:
    """The analyst as a PROV agent (the same quads each time, so adding them twice is harmless)."""
    agent = provenance.agent
    yield agent, RDF.type, PROV.Agent, graph
    yield agent, RDFS.label, Literal(provenance.analyst or "analyst"), graph


# ---------------------------------------------------------------------- the record
def evidence_record(fact: tuple[Node, Node, Node], evidence: EvidenceSpec, source: URIRef | None,
                    provenance: Provenance, graph: URIRef | None, *, place: TextPlace | None = None) -> list[Quad]:
    """The quads of one evidence record for ``fact`` (the ontology's reified evidence model).

    ``source`` is the source's IRI for quoted evidence (already resolved or minted) and
    ``place`` where the quote stands when the source's text is known: the true sentence,
    the line, and Web Annotation selectors (character offsets, the exact words with their
    context). Without a text, the analyst's sentence number is recorded as given. The record
    is identified on its own, so a fact can have any number of them.
    """
    record = mint(EVIDENCE_BASE)
    subject, predicate, obj = fact
    quads: list[Quad] = [
        (record, RDF.type, RDF.Statement, graph),
        (record, RDF.type, KG.Evidence, graph),
        (record, RDF.subject, subject, graph),
        (record, RDF.predicate, predicate, graph),
        (record, RDF.object, obj, graph),
        (record, PROV.wasAttributedTo, provenance.agent, graph),
        (record, PROV.generatedAtTime, provenance.timestamp, graph),
    ]
    if isinstance(evidence, Background):
        quads += [(record, KG.isBackground, Literal(True), graph),
                  (record, RDFS.comment, Literal(evidence.reason.strip(), lang="en"), graph)]
    else:
        assert source is not None
        quads += [(record, PROV.wasDerivedFrom, source, graph),
                  (record, KG.quote, Literal(evidence.quote.strip()), graph)]
        sentence = place.sentence if place is not None else evidence.sentence
        if sentence is not None:
            quads.append((record, KG.sentenceIndex, Literal(sentence), graph))
        if place is not None:
            position, words = URIRef(f"{record}-position"), URIRef(f"{record}-quote")
            quads += [(record, KG.lineNumber, Literal(place.line), graph),
                      (record, OA.hasSelector, position, graph),
                      (position, RDF.type, OA.TextPositionSelector, graph),
                      (position, OA.start, Literal(place.start), graph),
                      (position, OA.end, Literal(place.end), graph),
                      (record, OA.hasSelector, words, graph),
                      (words, RDF.type, OA.TextQuoteSelector, graph),
                      (words, OA.exact, Literal(evidence.quote.strip()), graph),
                      (words, OA.prefix, Literal(place.prefix), graph),
                      (words, OA.suffix, Literal(place.suffix), graph)]
        if evidence.page is not None:
            quads.append((record, SCHEMA.pagination, Literal(str(evidence.page)), graph))
    return quads


def new_source_quads(source: NewSource, provenance: Provenance, graph: URIRef | None) -> tuple[URIRef, list[Quad]]:
    """A source node for a document the graph does not know yet."""
    title = source.title.strip()
    if not title:
        raise CurationError("source title: a new source needs a title")
    node = URIRef(DATA_IRI + "source/" + slug(title)[:60] + "-" + uuid.uuid4().hex[:6])
    quads: list[Quad] = [
        (node, RDF.type, URIRef(source.kind), graph),
        (node, RDF.type, KG.Source, graph),
        (node, RDF.type, PROV.Entity, graph),
        (node, RDFS.label, Literal(title, lang="en"), graph),
        (node, DCTERMS.title, Literal(title, lang="en"), graph),
        (node, PROV.wasAttributedTo, provenance.agent, graph),
        (node, PROV.generatedAtTime, provenance.timestamp, graph),
    ]
    if source.publisher and source.publisher.strip():
        quads.append((node, DCTERMS.publisher, Literal(source.publisher.strip()), graph))
    if source.date and source.date.strip():
        quads.append((node, DCTERMS.date, date_literal(source.date.strip()), graph))
    if source.url and source.url.strip():
        url = source.url.strip()
        if not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", url, re.IGNORECASE):
            raise CurationError(f"source URL: {url!r} is not a URL")
        quads.append((node, SCHEMA.url, URIRef(url), graph))
    if source.file and source.file.strip():
        quads.append((node, KG.localCopy, Literal(source.file.strip()), graph))
    return node, quads


def date_literal(text: str) -> Literal:
    """A date as precise as it is known: ``2024-05-01``, ``2024-05`` or ``2024``.

    >>> date_literal("2024").datatype == XSD.gYear, date_literal("2024-05-01").datatype == XSD.date
    (True, True)
    """
    from explorer.core.curation.schema import typed_literal

    if re.fullmatch(r"\d{4}", text):
        return typed_literal(text, str(XSD.gYear), field_name="source date")
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return typed_literal(text, str(XSD.gYearMonth), field_name="source date")
    return typed_literal(text, str(XSD.date), field_name="source date")


class QuotedRecords:
    """Evidence records for many facts quoting one source, spelled as :func:`evidence_record` spells them.

    A spreadsheet import makes one record per fact for hundreds of thousands of rows: the terms
    all its records share (the source, the analyst, the time) are made once, a row's quote and
    row number once per row, and record IRIs count up from one random stem instead of drawing a
    UUID each.
    """

    def __init__(self, source: URIRef, provenance: Provenance, graph: URIRef | None) -> None:
        self.graph = graph
        self._stem = EVIDENCE_BASE + os.urandom(5).hex() + "-"
        self._count = 0
        self._shared = ((PROV.wasAttributedTo, provenance.agent), (PROV.generatedAtTime, provenance.timestamp),
                        (PROV.wasDerivedFrom, source))
        # Namespace attributes are looked up in Python on every access: once here, not per record.
        self._terms = (RDF.type, RDF.Statement, KG.Evidence, RDF.subject, RDF.predicate, RDF.object, KG.quote,
                       KG.lineNumber)

    @property
    def stem(self) -> str:
        """Where this import's record IRIs start (each adds a count in hex)."""
        return self._stem

    def turtle(self, subject: str, predicate: str, obj: str, quote: str, line: int | None = None) -> str:
        """One record as Turtle, the same statements as :meth:`record`.

        The fact's terms and the quote come spelled as Turtle (:mod:`explorer.core.turtle_text`),
        made once per row or per entity by the caller. Every IRI is written whole: the store
        parses ``<…>`` faster than prefixed names, and this text is millions of them.
        """
        self._count += 1
        return (f"<{self._stem}{self._count:x}>{self._turtle_head}{subject} ; {self._rdf_predicate} {predicate} ; "
                f"{self._rdf_object} {obj} ; {self._turtle_shared} ; {self._kg_quote} {quote}"
                f"{'' if line is None else f' ; {self._kg_line} {line}'} .\n")

    @staticmethod
    def turtle_statements(line: int | None) -> int:
        """Statements one record written by :meth:`turtle` holds."""
        return 9 if line is None else 10

    @cached_property
    def _turtle_head(self) -> str:
        a, statement, evidence, subject = (turtle_text.term(t) for t in self._terms[:4])
        return f" {a} {statement}, {evidence} ; {subject} "

    @cached_property
    def _rdf_predicate(self) -> str:
        return turtle_text.term(RDF.predicate)

    @cached_property
    def _rdf_object(self) -> str:
        return turtle_text.term(RDF.object)

    @cached_property
    def _kg_quote(self) -> str:
        return turtle_text.term(KG.quote)

    @cached_property
    def _kg_line(self) -> str:
        return turtle_text.term(KG.lineNumber)

    @cached_property
    def _turtle_shared(self) -> str:
        return " ; ".join(f"{turtle_text.term(p)} {turtle_text.term(o)}" for p, o in self._shared)

    def record(self, fact: tuple[Node, Node, Node], quote: Literal, line: Literal | None = None) -> list[Quad]:
        """The quads of one record for ``fact``; ``quote`` and ``line`` as made once per row."""
        self._count += 1
        record = URIRef(f"{self._stem}{self._count:x}")
        graph = self.graph
        a, statement, evidence, subject, predicate, obj, quoted, line_number = self._terms
        quads: list[Quad] = [(record, a, statement, graph), (record, a, evidence, graph),
                             (record, subject, fact[0], graph), (record, predicate, fact[1], graph),
                             (record, obj, fact[2], graph)]
        quads += [(record, p, o, graph) for p, o in self._shared]
        quads.append((record, quoted, quote, graph))
        if line is not None:
            quads.append((record, line_number, line, graph))
        return quads


# ---------------------------------------------------------------------- quotes
@dataclass(frozen=True)
class TextPlace:
    """Where a quote stands in its source's text: true sentence, line, character offsets."""

    sentence: int
    line: int
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


def sentences(text: str) -> list[tuple[int, int, int]]:
    r"""The sentences of a text as (start, end, line), split as the article reader splits them, so a
    suggestion's sentence number is the number its quote is stored with ("No. 2", "Co., Ltd." and
    "。" read the same way by both); a line break always ends one.

    >>> [text[s:e] for text in ["One. Two!\nThree"] for s, e, _ in sentences(text)]
    ['One.', 'Two!', 'Three']
    """
    return [(sentence.start, sentence.end, sentence.line) for sentence in split_sentences(text)]


def place_quote(text: str, quote: str, sentence: int | None, *, source_name: str) -> TextPlace:
    r"""Where ``quote`` stands verbatim in ``text``; refused with a clear message if it does not.

    ``sentence`` (1-based, true sentences), when given, must be the sentence holding it.

    >>> place = place_quote("One line. The second.\nThird line", "second", None, source_name="doc")
    >>> place.sentence, place.line, place.start, place.end
    (2, 1, 14, 20)
    """
    wanted = quote.strip()
    if not wanted:
        raise CurationError("quote: the quote is empty")
    parts = sentences(text)
    if sentence is not None and not 1 <= sentence <= len(parts):
        raise CurationError(f"sentence: {source_name} has {len(parts)} sentence(s); there is no sentence {sentence}")
    at = text.find(wanted)
    candidates = []
    while at >= 0:
        index = next((i for i, (s, e, _) in enumerate(parts, 1) if s <= at < max(e, s + 1)), None)
        if index is not None:
            candidates.append((index, at))
        at = text.find(wanted, at + 1)
    if not candidates:
        raise CurationError(f"quote: not found verbatim in {source_name}")
    chosen = next(((i, a) for i, a in candidates if i == sentence), None) if sentence is not None else candidates[0]
    if chosen is None:
        raise CurationError(f"quote: not found verbatim in sentence {sentence} of {source_name} "
                            f"(it is in sentence {candidates[0][0]})")
    index, start = chosen
    end = start + len(wanted)
    return TextPlace(index, parts[index - 1][2], start, end, text[max(0, start - 32):start], text[end:end + 32])


def resolve_text_file(reference: str, roots: list[Path]) -> Path | None:
    """The file a source's ``dct:source`` names, looked for as given and under each root."""
    candidate = Path(reference).expanduser()
    if candidate.is_absolute():
        return candidate if candidate.is_file() else None
    for root in roots:
        if (root / candidate).is_file():
            return root / candidate
    return None


def read_text(path: Path, *, field_name: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CurationError(f"{field_name}: cannot read {path}: {error}") from None


TextLookup = Callable[[str], "tuple[str, str] | None"]
