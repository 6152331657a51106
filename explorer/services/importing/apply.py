"""Accepted suggestions and checked spreadsheet rows as the analyst's edits: one change set each.

Both follow the curation layer's evidence model (one record per fact, with the source, the
quote and who added it when). An article's facts go through the :class:`Curator` fact by fact
(each checked by the shapes); a spreadsheet's thousands of rows are built in bulk with the same
record builder and checked once, on the nodes they touch. Either way the result is a single
:class:`ChangeSet`: the caller applies it as one undoable step, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core.changes import ChangeSet, Quad
from explorer.core.curation import (
    ChangeRefused,
    Curator,
    NewSource,
    OntologySchema,
    Provenance,
    Quoted,
    Value,
    check_change,
)
from explorer.core.curation.checking import schema_words
from explorer.core.curation.evidence import QuotedRecords, agent_quads, new_source_quads, slug
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.suggest import Suggestion
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import DATA_IRI, KG
from explorer.services.importing.articles import Article
from explorer.services.importing.mapping import TableMapping
from explorer.services.importing.tables import EntityRef, ImportPlan, LiteralValue

_CHECK_EVERY = 5000


@dataclass(frozen=True)
class ArticleSource:
    """The document accepted facts cite: its text (quotes are checked against it), title and date."""

    article: Article
    title: str
    date: str | None = None
    kind: str = str(KG.NewsArticle)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _class_for(curator: Curator, mention: Mention, classes: frozenset[str] | set[str]) -> str:
    """A new entity's class: its cue's, else what the link's domain or range asks for."""
    if mention.cls is not None and curator.schema.is_class(mention.cls):
        return mention.cls
    known = [c for c in classes if curator.schema.is_class(c)]
    if known:
        return min(known)
    return str(KG.Entity)


def suggestions_change(kg: KnowledgeGraph, curator: Curator, suggestions: list[Suggestion], source: ArticleSource,
                       ) -> ChangeSet:
    """One change set for the accepted suggestions: new entities, the source, each fact quoted.

    Each step is applied to ``kg`` while the next is built (so the next finds what the last
    added), then everything is taken back: the graph is as before and the caller applies the
    returned change as one step. A refused or bad step takes back what came before it.
    """
    combined = ChangeSet(description=f"Import {len(suggestions)} fact(s) from {source.title}")
    path = source.article.path
    text_file = str(path) if path is not None and path.suffix.lower() == ".txt" else None
    source_ref: str | NewSource = NewSource(source.title, kind=source.kind, date=source.date, file=text_file)
    created: dict[str, str] = {}

    def step(change: ChangeSet) -> None:
        nonlocal combined
        store_access.apply(kg, change)
        combined = combined.then(change)

    try:
        for suggestion in suggestions:
            evidence = Quoted(source_ref, suggestion.sentence.text, sentence=suggestion.sentence.number)
            info = curator.schema.resolve_predicate(suggestion.predicate)
            ends = []
            for mention, classes in ((suggestion.subject, {info.domain} if info.domain else set()),
                                     (suggestion.object, {info.range} if info.range else set())):
                if mention.iri is not None:
                    ends.append(mention.iri)
                    continue
                label = (mention.label or mention.text).strip()
                if label not in created:
                    cls = _class_for(curator, mention, classes)
                    node, change = curator.add_entity(
                        label, cls, evidence=evidence,
                        label_zh=label if _is_cjk(label) else None)
                    step(change)
                    created[label] = str(node)
                    source_ref = _source_of(change) or source_ref
                    evidence = Quoted(source_ref, suggestion.sentence.text, sentence=suggestion.sentence.number)
                ends.append(created[label])
            change = curator.add_fact(ends[0], suggestion.predicate, Value(entity=ends[1]), evidence=evidence)
            step(change)
            source_ref = _source_of(change) or source_ref
    finally:
        store_access.apply(kg, combined.inverse())
    return combined


def _source_of(change: ChangeSet) -> str | None:
    """The IRI of a source node the change creates (so later facts cite the same node)."""
    for s, p, o, _g in change.added:
        if p == RDF.type and o == KG.Source:
            return str(s)
    return None


# -- spreadsheets -------------------------------------------------------------------------------
def _mint(label: str, taken: set[str], kg: KnowledgeGraph) -> URIRef:
    base = DATA_IRI + (slug(label) or "entity")
    candidate, number = base, 2
    while candidate in taken or any(True for _ in store_access.quads(kg, URIRef(candidate), None, None)):
        candidate, number = f"{base}{number}", number + 1
    taken.add(candidate)
    return URIRef(candidate)


def plan_change(kg: KnowledgeGraph, plan: ImportPlan, mapping: TableMapping, provenance: Provenance, graph: URIRef,
                *, check_shapes: bool = True, progress: Progress | None = None, cancel: CancelToken | None = None,
                ) -> ChangeSet:
    """One change set for a checked plan: each fact with an evidence record quoting its row.

    The source is the table (its title from the mapping, else the file name); each record
    quotes the row's text and gives its row number (``kg:lineNumber``). Every row was checked
    value by value when the plan was made (classes, links, typed values); the SHACL shapes then
    run on one row of each kind — rows whose statements have the same links, classes and value
    types — since the mapping gives every row of a kind the same structure. A violation refuses
    the whole change (:class:`ChangeRefused`).

    Built for tables of 100,000 rows and more: a row's terms are made once and shared by its
    statements (which also lets the store convert each term once), and only statements about
    nodes that existed before are looked up in the graph.
    """
    table = plan.table
    title = mapping.source_title or table.path.name
    # No dct:source file: a row's quote is the row's cells, not a passage of the file's text.
    source, quads = new_source_quads(NewSource(title, kind=str(KG.Source), date=mapping.source_date), provenance, graph)
    shared: list[Quad] = list(dict.fromkeys([*agent_quads(provenance, graph), *quads]))  # the kind may be kg:Source
    records = QuotedRecords(source, provenance, graph)
    row_facts: dict[int, list[Quad]] = {}
    row_records: dict[int, list[Quad]] = {}
    row_kinds: dict[int, tuple[object, ...]] = {}
    row_terms: dict[int, tuple[Literal, Literal]] = {}
    taken: set[str] = set()
    minted: dict[str, URIRef] = {}
    labels_of: dict[URIRef, list[Quad]] = {}
    terms: dict[str, URIRef] = {}

    def iri(text: str) -> URIRef:
        term = terms.get(text)
        if term is None:
            term = terms[text] = URIRef(text)
        return term

    def node(ref: EntityRef) -> URIRef:
        if ref.iri is not None:
            return iri(ref.iri)
        key = ref.label.casefold()
        if key not in minted:
            minted[key] = _mint(ref.label, taken, kg)
            language = "zh" if _is_cjk(ref.label) else "en"
            labels_of[minted[key]] = [(minted[key], RDFS.label, Literal(ref.label, lang=language), graph)]
        return minted[key]

    total = max(1, len(plan.facts))
    for index, fact in enumerate(plan.facts):
        if index % _CHECK_EVERY == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(0.8 * index / total, f"building fact {index + 1:,} of {total:,}")
        subject = node(fact.subject)
        obj: Node
        shape: tuple[object, ...]
        if isinstance(fact.object, LiteralValue):
            value = fact.object
            obj = Literal(value.lexical, lang=value.language) if value.language else \
                Literal(value.lexical, datatype=iri(value.datatype)) if value.datatype else Literal(value.lexical)
            shape = ("literal", value.datatype, value.language)
        else:
            obj = node(fact.object)
            shape = ("new" if fact.object.iri is None else "known", fact.object.cls)
        triple = (subject, iri(fact.predicate), obj)
        quote_and_line = row_terms.get(fact.row)
        if quote_and_line is None or str(quote_and_line[0]) != fact.quote.strip():
            quote_and_line = row_terms[fact.row] = (Literal(fact.quote.strip()), Literal(fact.row))
        row_facts.setdefault(fact.row, []).append((*triple, graph))
        row_records.setdefault(fact.row, []).extend(records.record(triple, *quote_and_line))
        row_kinds[fact.row] = (*row_kinds.get(fact.row, ()), fact.predicate, fact.subject.iri is None,
                               fact.subject.cls, *shape)
    for ref, text, language, alias in plan.labels:
        entity = node(ref)
        labels_of.setdefault(entity, []).append((entity, SKOS.altLabel if alias else RDFS.label,
                                                 Literal(text, lang=language), graph))
    if progress is not None:
        progress(0.85, "checking the change against the shapes…")
    new_nodes = set(minted.values())
    facts = dict.fromkeys(q for row in row_facts.values() for q in row)  # two rows may state one fact
    labels = dict.fromkeys(q for group in labels_of.values() for q in group if q not in facts)
    present = _present(kg, [*shared, *facts, *labels], new_nodes)
    # Records are minted here, one per row and fact: they are new and never repeat.
    added = [q for part in (shared, facts, labels) for q in part if q not in present]
    added += [q for row in row_records.values() for q in row]
    change = ChangeSet(tuple(added), description=f"Import {len(plan.facts):,} fact(s) from {Path(table.path).name}")
    if check_shapes:
        first_of_kind: dict[tuple[object, ...], int] = {}
        for row_number, kind in row_kinds.items():
            first_of_kind.setdefault(kind, row_number)
        sample: list[Quad] = list(shared)
        for row_number in first_of_kind.values():
            sample += row_facts[row_number] + row_records[row_number]
            for quad in row_facts[row_number]:
                if isinstance(quad[0], URIRef):
                    sample += labels_of.get(quad[0], [])
        checked = ChangeSet.of(q for q in sample if q not in present)
        violations = check_change(kg, checked, label=schema_words(_schema(), kg))
        if violations:
            raise ChangeRefused(violations)
    if progress is not None:
        progress(1.0, f"{len(change.added):,} statements ready")
    return change


def _present(kg: KnowledgeGraph, quads: list[Quad], new_nodes: set[URIRef]) -> set[Quad]:
    """Quads already in the graph (a label the entity has already, a fact already known).

    Statements about the entities this import mints cannot be there yet, so they are not looked up.
    """
    return {q for q in quads if q[0] not in new_nodes and store_access.contains(kg, q)}


def _schema() -> OntologySchema:
    return OntologySchema.bundled()
