"""A checked spreadsheet plan as one change set: every fact with an evidence record quoting its row.

Built for tables of 100,000 rows and more (35 statements a row): the statements are spelled as
Turtle straight from the plan's strings (:mod:`explorer.core.turtle_text`) and handed over as a
:class:`~explorer.core.changes.TurtleQuads` the store parses in one transaction, instead of
3.5 million rdflib terms made one by one and spelled again for the store. Only what must be
asked of the graph is made as rdflib terms: statements about nodes that existed before (are
they there already?) and one row of each kind, parsed back from the very text that will be
written, for the SHACL shapes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core import turtle_text
from explorer.core.backends.rdf_text import iter_turtle, parse_turtle, store_refusal
from explorer.core.changes import ChangeSet, Quad, TurtleQuads
from explorer.core.curation import ChangeRefused, CurationError, NewSource, OntologySchema, Provenance, check_change
from explorer.core.curation.checking import schema_words
from explorer.core.curation.evidence import QuotedRecords, agent_quads, new_source_quads, slug
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken, Progress
from explorer.core.turtle_text import SpellingError
from explorer.core.vocab import DATA_IRI, KG
from explorer.services.importing.mapping import TableMapping
from explorer.services.importing.tables import EntityRef, ImportPlan, LiteralValue, PlannedFact

#: Statements of one evidence record written by QuotedRecords.turtle with a row number.
_RECORD_STATEMENTS = QuotedRecords.turtle_statements(1)
#: Facts built between progress reports and cancel checks.
_CHECK_EVERY = 5000
#: Records joined and encoded at a time (the text of 100,000 rows at once would be held twice).
_RECORDS_PER_CHUNK = 20_000

_LABEL, _ALT_LABEL = str(RDFS.label), str(SKOS.altLabel)
_RECORD_PREDICATES = tuple(str(p) for p in (RDF.type, RDF.subject, RDF.predicate, RDF.object, PROV.wasAttributedTo,
                                             PROV.generatedAtTime, PROV.wasDerivedFrom, KG.quote, KG.lineNumber))


_CJK = re.compile("[\u3400-\u9fff]")


def is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _mint(label: str, taken: set[str], kg: KnowledgeGraph) -> str:
    base = DATA_IRI + (slug(label) or "entity")
    candidate, number = base, 2
    while candidate in taken or any(True for _ in store_access.quads(kg, URIRef(candidate), None, None)):
        candidate, number = f"{base}{number}", number + 1
    taken.add(candidate)
    return candidate


class _Terms:
    """The plan's terms spelled once each: entities (minted when new), predicates and values.

    Every distinct IRI and language tag is checked here by the store's own rules, so the store
    may load the text without checking each of its millions of occurrences again.
    """

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.iris: dict[str, str] = {}
        self.minted: dict[str, str] = {}  # folded label → IRI of an entity this import creates
        self.new_nodes: set[str] = set()
        self.own_labels: dict[str, tuple[str, str, str]] = {}  # IRI → (spelled, label, language) of a new entity
        self.literals: dict[tuple[str, str | None, str | None], str] = {}
        self._checked: set[tuple[str | None, str | None]] = set()
        self._taken: set[str] = set()

    def iri(self, text: str) -> str:
        spelled = self.iris.get(text)
        if spelled is None:
            spelled = turtle_text.iri(text)  # refuses what Turtle cannot carry, with the text
            refusal = store_refusal(iri=text)
            if refusal is not None:
                raise SpellingError(f"'{text}' is not an IRI ({refusal})")
            self.iris[text] = spelled
        return spelled

    def entity(self, ref: EntityRef) -> tuple[str, str]:
        """(IRI, spelled) of the entity ``ref`` names, minting it on first sight when it is new."""
        if ref.iri is not None:
            return ref.iri, self.iri(ref.iri)
        key = ref.label.casefold()
        node = self.minted.get(key)
        if node is None:
            node = self.minted[key] = _mint(ref.label, self._taken, self.kg)
            self.new_nodes.add(node)
            # Our namespace and word characters (slug): an IRI the store takes, not asked again.
            spelled = self.iris[node] = turtle_text.iri(node)
            language = "zh" if is_cjk(ref.label) else "en"
            self.own_labels[node] = (spelled, ref.label, language)
        return node, self.iris[node]

    def literal(self, value: LiteralValue) -> str:
        key = (value.lexical, value.datatype, value.language)
        spelled = self.literals.get(key)
        if spelled is None:
            self.check(value.datatype, value.language)
            spelled = self.literals[key] = (
                turtle_text.string(value.lexical, value.language) if value.language else
                turtle_text.typed(value.lexical, value.datatype) if value.datatype else turtle_text.string(value.lexical))
        return spelled

    def string(self, text: str, language: str | None) -> str:
        self.check(None, language)
        return turtle_text.string(text, language)

    def check(self, datatype: str | None, language: str | None) -> None:
        if (datatype, language) not in self._checked:
            if datatype is not None:
                self.iri(datatype)
            refusal = store_refusal(language=language) if language is not None else None
            if refusal is not None:
                raise SpellingError(f"'{language}' is not a language tag ({refusal})")
            self._checked.add((datatype, language))

    def term(self, node: Node) -> str:
        """A term of the shared statements (the analyst, the source), checked like the rest."""
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            self.check(str(node.datatype) if node.datatype is not None else None, node.language)
        return turtle_text.term(node)


def _rdflib_object(fact: PlannedFact) -> Literal | URIRef:
    """The object as the graph is asked about it (only for facts about nodes that existed before)."""
    value = fact.object
    if isinstance(value, LiteralValue):
        return Literal(value.lexical, lang=value.language) if value.language else \
            Literal(value.lexical, datatype=URIRef(value.datatype)) if value.datatype else Literal(value.lexical)
    assert value.iri is not None
    return URIRef(value.iri)


def plan_change(kg: KnowledgeGraph, plan: ImportPlan, mapping: TableMapping, provenance: Provenance, graph: URIRef,
                *, check_shapes: bool = True, progress: Progress | None = None, cancel: CancelToken | None = None,
                ) -> ChangeSet:
    """One change set for a checked plan: each fact with an evidence record quoting its row.

    The source is the table (its title from the mapping, else the file name); each record
    quotes the row's text and gives its row number (``kg:lineNumber``). Every row was checked
    value by value when the plan was made (classes, links, typed values); the SHACL shapes then
    run on one row of each kind — rows whose statements have the same links, classes and value
    types — since the mapping gives every row of a kind the same structure. A violation refuses
    the whole change (:class:`ChangeRefused`); a term the store could not hold (an IRI with a
    space) refuses it naming the row. Nothing is written here: a cancel leaves the graph as it is.
    """
    title = mapping.source_title or plan.table.path.name
    # No dct:source file: a row's quote is the row's cells, not a passage of the file's text.
    source, source_quads = new_source_quads(NewSource(title, kind=str(KG.Source), date=mapping.source_date),
                                            provenance, graph)
    shared: list[Quad] = list(dict.fromkeys([*agent_quads(provenance, graph), *source_quads]))  # the kind may be kg:Source
    records = QuotedRecords(source, provenance, graph)
    terms = _Terms(kg)
    for term in (records.stem, provenance.agent, source):
        terms.iri(str(term))  # the record stem, the analyst and the source: checked like every IRI
    build = _Build(terms, records)
    total = max(1, len(plan.facts))
    for index, fact in enumerate(plan.facts):
        if index % _CHECK_EVERY == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(0.8 * index / total, f"building fact {index + 1:,} of {total:,}")
        build.add(fact)
    build.end_row()
    labels = build.labels(plan)
    if progress is not None:
        progress(0.85, "checking the change against the shapes…")
    present = _present(kg, shared, build.facts, labels, graph)
    lines = [f"{' '.join(terms.term(t) for t in q[:3])} .\n" for q in shared if q not in present]
    lines += [f"{s} {p} {o} .\n" for (s, p, o) in build.facts if (s, p, o) not in present]
    lines += [f"{s} {p} {o} .\n" for (s, p, o) in labels if (s, p, o) not in present and (s, p, o) not in build.facts]
    count = len(lines) + build.record_statements
    predicates = build.predicates | {str(q[1]) for q in shared} | (set(_RECORD_PREDICATES) if build.record_statements else set())
    text = b"".join([_encode("".join(lines)), *build.finish()])
    change = ChangeSet(TurtleQuads(text, graph, count, predicates, iter_turtle, checked=True),
                       description=f"Import {len(plan.facts):,} fact(s) from {Path(plan.table.path).name}")
    if check_shapes:
        _check_sample(kg, shared, present, build.kinds, labels, graph)
    if progress is not None:
        progress(1.0, f"{count:,} statements ready")
    return change


class _Build:
    """The facts and their records spelled row by row; the records' text kept in encoded chunks."""

    def __init__(self, terms: _Terms, records: QuotedRecords) -> None:
        self.terms = terms
        self.records = records
        #: Each fact once (two rows may state one); the plan's fact when it is about a node that
        #: existed before (the graph is asked whether it holds it), else None.
        self.facts: dict[tuple[str, str, str], PlannedFact | None] = {}
        #: A row of each kind: its facts and its records (the shapes run on them).
        self.kinds: dict[tuple[object, ...], tuple[list[tuple[str, str, str]], list[str]]] = {}
        self.predicates: set[str] = set()
        self.record_statements = 0
        self._chunks: list[bytes] = []
        self._pending: list[str] = []
        self._row = -1
        self._quote_text = self._quote = ""
        self._raw_quote: str | None = None
        self._by_ref: dict[int, tuple[EntityRef, str, str]] = {}
        self._row_facts: list[tuple[str, str, str]] = []
        self._row_records: list[str] = []
        self._row_kind: list[object] = []

    def add(self, fact: PlannedFact) -> None:
        if fact.row != self._row:
            self.end_row()
            self._row, self._row_facts, self._row_records, self._row_kind = fact.row, [], [], []
        if fact.quote is not self._raw_quote:  # a row's facts share its quote
            self._raw_quote, quote = fact.quote, fact.quote.strip()
            if quote != self._quote_text or not self._quote:
                self._quote_text, self._quote = quote, turtle_text.string(quote)
        subject_ref, value = fact.subject, fact.object
        subject_iri, subject = self._entity(subject_ref, fact.row)
        predicate = self.terms.iris.get(fact.predicate) or self._iri(fact.predicate, fact.row)
        if isinstance(value, LiteralValue):
            try:
                obj = self.terms.literal(value)
            except SpellingError as error:
                raise CurationError(f"row {fact.row}: {error}") from None
            shape: tuple[object, ...] = ("literal", value.datatype, value.language)
        else:
            obj = self._entity(value, fact.row)[1]
            shape = ("new" if value.iri is None else "known", value.cls)
        key = (subject, predicate, obj)
        if key not in self.facts:
            self.facts[key] = None if subject_iri in self.terms.new_nodes else fact
            self.predicates.add(fact.predicate)
        self._row_facts.append(key)
        self._row_records.append(self.records.turtle(subject, predicate, obj, self._quote, fact.row))
        self.record_statements += _RECORD_STATEMENTS
        self._row_kind.extend((fact.predicate, subject_ref.iri is None, subject_ref.cls, *shape))

    def _entity(self, ref: EntityRef, row: int | None) -> tuple[str, str]:
        """(IRI, spelled); a term Turtle cannot carry is refused naming the row (raised as is without one)."""
        # By the object: a plan hands the same one for an entity's every mention (the
        # object is held here too, so its id stays its own).
        if ref.iri is not None:
            return ref.iri, self.terms.iris.get(ref.iri) or self._iri(ref.iri, row)
        found = self._by_ref.get(id(ref))
        if found is None or found[0] is not ref:
            try:
                found = self._by_ref[id(ref)] = (ref, *self.terms.entity(ref))
            except SpellingError as error:
                if row is None:
                    raise
                raise CurationError(f"row {row}: {error}") from None
        return found[1], found[2]

    def _iri(self, text: str, row: int | None) -> str:
        try:
            return self.terms.iri(text)
        except SpellingError as error:
            if row is None:
                raise
            raise CurationError(f"row {row}: {error}") from None

    def end_row(self) -> None:
        if self._row < 0:
            return
        self.kinds.setdefault(tuple(self._row_kind), (self._row_facts, self._row_records))
        self._pending.extend(self._row_records)
        if len(self._pending) >= _RECORDS_PER_CHUNK:
            self._chunks.append(_encode("".join(self._pending)))
            self._pending = []

    def finish(self) -> list[bytes]:
        """The records' text, encoded."""
        self._chunks.append(_encode("".join(self._pending)))
        self._pending = []
        return self._chunks

    def labels(self, plan: ImportPlan) -> dict[tuple[str, str, str], tuple[str, str, str, str | None] | None]:
        """Each label once: a new entity's own, then the plan's; with what the graph is asked
        (node, predicate, text, language) when the entity existed before."""
        terms = self.terms
        found: dict[tuple[str, str, str], tuple[str, str, str, str | None] | None] = {}
        label = terms.iri(_LABEL)
        for spelled, text, language in terms.own_labels.values():
            found[(spelled, label, turtle_text.string(text, language))] = None
            self.predicates.add(_LABEL)
        for ref, text, tag, alias in plan.labels:
            predicate = _ALT_LABEL if alias else _LABEL
            try:
                node, spelled = self._entity(ref, None)
                value = terms.string(text, tag)
            except SpellingError as error:
                raise CurationError(f"label '{text}': {error}") from None
            known = None if node in terms.new_nodes else (node, predicate, text, tag)
            found.setdefault((spelled, terms.iri(predicate), value), known)
            self.predicates.add(predicate)
        return found


def _encode(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise CurationError(f"the table holds a character that is not text ({error.object[error.start]!r})") from None


def _present(kg: KnowledgeGraph, shared: list[Quad], facts: dict[tuple[str, str, str], PlannedFact | None],
             labels: dict[tuple[str, str, str], tuple[str, str, str, str | None] | None], graph: URIRef) -> set[object]:
    """What the graph holds already: shared quads, and facts and labels about nodes that existed before.

    Statements about the entities this import mints cannot be there yet, so they are not looked up.
    """
    found: set[object] = {q for q in shared if store_access.contains(kg, q)}
    for key, fact in facts.items():
        if fact is not None and fact.subject.iri is not None and store_access.contains(
                kg, (URIRef(fact.subject.iri), URIRef(fact.predicate), _rdflib_object(fact), graph)):
            found.add(key)
    for key, known in labels.items():
        if known is not None:
            node, predicate, text, language = known
            if store_access.contains(kg, (URIRef(node), URIRef(predicate), Literal(text, lang=language), graph)):
                found.add(key)
    return found


def _check_sample(kg: KnowledgeGraph, shared: list[Quad], present: set[object],
                  kinds: dict[tuple[object, ...], tuple[list[tuple[str, str, str]], list[str]]],
                  labels: Mapping[tuple[str, str, str], object], graph: URIRef) -> None:
    """The shapes on one row of each kind, its statements parsed back from the text that is written."""
    facts = {key for row_facts, _ in kinds.values() for key in row_facts if key not in present}
    subjects = {s for s, _, _ in facts}
    text = "".join(f"{s} {p} {o} .\n" for (s, p, o) in facts)
    text += "".join(record for _, row_records in kinds.values() for record in row_records)
    text += "".join(f"{s} {p} {o} .\n" for (s, p, o) in labels if s in subjects and (s, p, o) not in present)
    sample: list[Quad] = [q for q in shared if q not in present]
    sample += [(s, p, o, graph) for s, p, o in parse_turtle(text)]
    violations = check_change(kg, ChangeSet.of(sample), label=schema_words(OntologySchema.bundled(), kg))
    if violations:
        raise ChangeRefused(violations)
