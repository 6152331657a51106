"""A table's change written as Turtle text: the same statements as the rdflib builder it replaced,
odd values included; applied, undone and redone exactly; a cancel or a bad term writes nothing."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

import explorer.core.curation.store_access as store_access
from explorer.core.changes import ChangeSet, Quad, TurtleQuads
from explorer.core.curation import CurationCommand, CurationError, NewSource, Provenance, edits_graph_for
from explorer.core.curation.evidence import QuotedRecords, agent_quads, new_source_quads, slug
from explorer.core.errors import Cancelled
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken
from explorer.core.vocab import DATA_IRI, KG
from explorer.services.importing.apply import plan_change
from explorer.services.importing.mapping import TableMapping
from explorer.services.importing.tables import EntityRef, ImportPlan, LiteralValue, context_from_graph, plan_import, read_table

D = DATA_IRI
MAPPING = {
    "subject": {"column": "Company", "class": "kg:Company"},
    "labels": [{"column": "Chinese", "language": "zh"}],
    "aliases": [{"column": "Alias", "language": "zh"}],
    "facts": [
        {"predicate": "org:memberOf", "object": {"column": "Alliance", "class": "kg:IndustryAlliance"}},
        {"predicate": {"column": "Relation"}, "object": {"column": "Partner"}},
        {"predicate": "rdfs:comment", "object": {"column": "Units", "datatype": "xsd:integer"}},
        {"predicate": "rdfs:comment", "object": {"column": "Ratio", "datatype": "xsd:decimal"}},
        {"predicate": "rdfs:comment", "object": {"column": "Score", "datatype": "xsd:double"}},
        {"predicate": "rdfs:comment", "object": {"column": "Active", "datatype": "xsd:boolean"}},
        {"predicate": "rdfs:comment", "object": {"column": "Founded", "datatype": "xsd:date"}},
        {"predicate": "rdfs:comment", "object": {"column": "Note", "language": "EN"}},
    ],
    "source": {"title": "Odd members", "date": "2020-06"},
}
TABLE = (
    'Company,Chinese,Alias,Alliance,Relation,Partner,Units,Ratio,Score,Active,Founded,Note\n'
    'Ｈｕａｗｅｉ,华为,HW,zhejiang 5g industry alliance,kg:partneredWith,CHINA MOBILE,007,1.50,1e3,TRUE,2020-01-05,'
    '"He said ""hi"" \\ then left"\n'
    'China Mobile,中国移动,,5G industry alliance,,,+5,,,1,,"line one\nline two\twith a tab\u2028and more"\n'
    'Twin,,,,,,"1,000",,,,,\n'
    'Huawei,华为,,zhejiang 5g industry alliance,,,-0,,,false,,\n'
    '成员公司,,成员,新的联盟,,,,,,,,中文 <b>&amp;</b>\n'
    ',,,,,,,,,,,\n'
    'Lone,,,,,,,,,,,\n'
)


def reference_change(kg: KnowledgeGraph, plan: ImportPlan, mapping: TableMapping, provenance: Provenance,
                     graph: URIRef) -> list[Quad]:
    """The statements the builder made before it wrote text: rdflib terms, one by one (shapes aside)."""
    source, quads = new_source_quads(NewSource(mapping.source_title or plan.table.path.name, kind=str(KG.Source),
                                               date=mapping.source_date), provenance, graph)
    shared = list(dict.fromkeys([*agent_quads(provenance, graph), *quads]))
    records = QuotedRecords(source, provenance, graph)
    taken: set[str] = set()
    minted: dict[str, URIRef] = {}
    labels_of: dict[URIRef, list[Quad]] = {}

    def mint(label: str) -> URIRef:
        base = D + (slug(label) or "entity")
        candidate, number = base, 2
        while candidate in taken or any(True for _ in store_access.quads(kg, URIRef(candidate), None, None)):
            candidate, number = f"{base}{number}", number + 1
        taken.add(candidate)
        return URIRef(candidate)

    def node(ref: EntityRef) -> URIRef:
        if ref.iri is not None:
            return URIRef(ref.iri)
        key = ref.label.casefold()
        if key not in minted:
            minted[key] = mint(ref.label)
            language = "zh" if any("\u3400" <= ch <= "\u9fff" for ch in ref.label) else "en"
            labels_of[minted[key]] = [(minted[key], RDFS.label, Literal(ref.label, lang=language), graph)]
        return minted[key]

    facts: dict[Quad, None] = {}
    record_quads: list[Quad] = []
    for fact in plan.facts:
        subject = node(fact.subject)
        if isinstance(fact.object, LiteralValue):
            value = fact.object
            obj = Literal(value.lexical, lang=value.language) if value.language else \
                Literal(value.lexical, datatype=URIRef(value.datatype)) if value.datatype else Literal(value.lexical)
        else:
            obj = node(fact.object)
        triple = (subject, URIRef(fact.predicate), obj)
        facts[(*triple, graph)] = None
        record_quads += records.record(triple, Literal(fact.quote.strip()), Literal(fact.row))
    for ref, text, language, alias in plan.labels:
        entity = node(ref)
        labels_of.setdefault(entity, []).append((entity, SKOS.altLabel if alias else RDFS.label,
                                                 Literal(text, lang=language), graph))
    labels = dict.fromkeys(q for group in labels_of.values() for q in group if q not in facts)
    new = set(minted.values())
    present = {q for q in [*shared, *facts, *labels] if q[0] not in new and store_access.contains(kg, q)}
    return [q for part in (shared, facts, labels) for q in part if q not in present] + record_quads


def canonical(quads: list[Quad]) -> tuple[set[Quad], Counter]:
    """The statements with the random parts named alike: the source node, and each record by what it says."""
    sources = {s for s, p, o, _ in quads if p == RDF.type and o == KG.Source}
    same = {s: URIRef("urn:test:source") for s in sources}
    quads = [tuple(same.get(t, t) for t in q) for q in quads]  # type: ignore[misc]
    records = {s for s, p, o, _ in quads if p == RDF.type and o == KG.Evidence}
    said: dict[object, set] = defaultdict(set)
    for s, p, o, g in quads:
        if s in records:
            said[s].add((p, o, g))
    return {q for q in quads if q[0] not in records}, Counter(frozenset(v) for v in said.values())


@pytest.fixture()
def odd_table(tmp_path: Path):
    kg = KnowledgeGraph.bundled()
    path = tmp_path / "odd.csv"
    path.write_text(TABLE, encoding="utf-8")
    mapping = TableMapping.from_json(MAPPING)
    context = context_from_graph(kg)
    context.matcher._by_name["twin"] = [D + "ChinaMobile", D + "ChinaUnicom"]  # an ambiguous name …
    mapping.choices["Twin"] = D + "ChinaUnicom"  # … and the analyst's choice
    plan = plan_import(read_table(path), mapping, context)
    return kg, mapping, plan


def test_the_text_holds_the_same_statements_as_the_rdflib_builder(odd_table) -> None:
    kg, mapping, plan = odd_table
    assert [str(p) for p in plan.problems] == ["row 7: column 'Company': no subject"] or not plan.problems
    provenance, graph = Provenance("Test Analyst"), edits_graph_for("Test Analyst")
    change = plan_change(kg, plan, mapping, provenance, graph, check_shapes=False)
    assert isinstance(change.added, TurtleQuads)
    written = list(change.added)
    expected = reference_change(kg, plan, mapping, provenance, graph)
    assert len(change.added) == len(written) == len(set(written)) == len(expected)
    assert canonical(written) == canonical(expected)
    objects = {o for _, _, o, _ in written}
    assert Literal("7", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")) in objects  # "007", as rdflib
    assert Literal("true", datatype=URIRef("http://www.w3.org/2001/XMLSchema#boolean")) in objects
    assert Literal("line one\nline two\twith a tab\u2028and more", lang="en") in objects
    assert Literal('He said "hi" \\ then left', lang="en") in objects
    assert (URIRef(D + "ChinaUnicom"), RDF.type, URIRef(str(KG) + "Company"), graph) not in written  # known: no class
    assert change.added.predicates == {str(q[1]) for q in written}


def test_the_shapes_pass_the_odd_table_and_a_cancel_half_way_writes_nothing(odd_table) -> None:
    kg, mapping, plan = odd_table
    before = set(store_access.quads(kg, None, None, None))
    change = plan_change(kg, plan, mapping, Provenance("Test Analyst"), edits_graph_for("Test Analyst"))
    assert len(change.added) > 100
    token = CancelToken()
    big = ImportPlan(plan.table, plan.facts * 4000, plan.new_entities, plan.labels, [], plan.rows_read)

    def progress(fraction: float | None, _message: str) -> None:
        if (fraction or 0) > 0.3:
            token.cancel()

    with pytest.raises(Cancelled):
        plan_change(kg, big, mapping, Provenance("Test Analyst"), edits_graph_for("Test Analyst"),
                    progress=progress, cancel=token)
    assert set(store_access.quads(kg, None, None, None)) == before


def test_apply_undo_redo_through_the_history_step(odd_table) -> None:
    kg, mapping, plan = odd_table
    graph = edits_graph_for("Test Analyst")
    before = set(store_access.quads(kg, None, None, None))
    named_before = kg.local.named_graphs()
    change = plan_change(kg, plan, mapping, Provenance("Test Analyst"), graph)
    command = CurationCommand(kg, change)
    command.redo()
    after = set(store_access.quads(kg, None, None, None))
    # (compared through the store: it spells a time "Z" that the text spells "+00:00")
    assert len(after) == len(before) + len(change.added) and all(store_access.contains(kg, q) for q in change.added)
    command.undo()
    assert set(store_access.quads(kg, None, None, None)) == before
    assert kg.local.named_graphs() == named_before  # the edits graph it made is gone again
    command.redo()
    assert set(store_access.quads(kg, None, None, None)) == after


def test_a_change_the_store_refuses_leaves_the_graph_as_it_was(odd_table) -> None:
    kg, mapping, plan = odd_table
    before = set(store_access.quads(kg, None, None, None))
    change = plan_change(kg, plan, mapping, Provenance("Test Analyst"), edits_graph_for("Test Analyst"))
    assert isinstance(change.added, TurtleQuads)
    damaged = TurtleQuads(change.added.text + b"<urn:a> <urn:b> ", change.added.graph, len(change.added),
                          change.added.predicates, lambda text: [])
    with pytest.raises(SyntaxError):
        store_access.apply(kg, ChangeSet(damaged))
    assert set(store_access.quads(kg, None, None, None)) == before


def test_a_term_the_store_could_not_hold_refuses_the_import_naming_the_row(odd_table) -> None:
    kg, mapping, plan = odd_table
    mapping.choices["Twin"] = "https://example.org/not an iri"
    context = context_from_graph(kg)
    context.matcher._by_name["twin"] = [D + "ChinaMobile", D + "ChinaUnicom"]
    bad = plan_import(plan.table, mapping, context)
    with pytest.raises(CurationError, match=r"row 5: 'https://example\.org/not an iri' is not an IRI"):
        plan_change(kg, bad, mapping, Provenance("Test Analyst"), edits_graph_for("Test Analyst"))


def _values(quads) -> set:
    """Quads by their terms' values (the store spells a time "Z" that came as "+00:00")."""
    return {tuple(t.toPython() if isinstance(t, Literal) else t for t in q) for q in quads}


@pytest.mark.parametrize("slice_bytes", [None, 7], ids=["one-slice", "many-slices"])
def test_the_recovery_journal_keeps_the_text_and_reads_back_the_edits(odd_table, tmp_path: Path, monkeypatch,
                                                                      slice_bytes) -> None:
    from explorer.services import edits as edits_module
    from explorer.services.edits import EditsFile, read_edits
    from explorer.services.recovery import nquads

    if slice_bytes is not None:  # the text written and its lines counted a few bytes at a time
        monkeypatch.setattr(edits_module, "_JOURNAL_SLICE", slice_bytes)

    kg, mapping, plan = odd_table
    graph = edits_graph_for("Test Analyst")
    edits = EditsFile(kg, graph)
    edits.start_recovery(tmp_path / "recovery", sources=["bundled"])
    first = CurationCommand(kg, plan_change(kg, plan, mapping, Provenance("Test Analyst"), graph), edits.record)
    first.redo()
    big = ImportPlan(plan.table, plan.facts * 40, plan.new_entities, plan.labels, [], plan.rows_read)
    bigger = plan_change(kg, big, mapping, Provenance("Test Analyst"), graph)  # named again by its undo and redo
    second = CurationCommand(kg, bigger, edits.record)
    second.redo()
    second.undo()
    second.redo()
    assert edits.recovery_path is not None
    journal = edits.recovery_path.read_text(encoding="utf-8")
    assert journal.count(" turtle ") == 2 and journal.count("= 2 ") == 2
    assert len(journal.encode()) < len(nquads(list(bigger.added)).encode())  # the text is shorter than N-Quads
    now = _values(store_access.quads(kg, None, None, None, graph))
    assert now and _values(read_edits(edits.recovery_path).added) == now
    # A change cut short by a crash, half its text written, is left out; the whole ones stay.
    assert isinstance(bigger.added, TurtleQuads)
    cut = bigger.added.text.decode()[: len(bigger.added.text) // 2]
    edits.recovery_path.write_text(journal + f"R 0\nA turtle 999 {cut.count(chr(10)) + 5} {graph}\n{cut}",
                                   encoding="utf-8")
    assert _values(read_edits(edits.recovery_path).added) == now
    edits.recovery_path.write_text(journal, encoding="utf-8")
    second.undo()
    first.undo()
    assert _values(read_edits(edits.recovery_path).added) == set()


def test_an_iri_the_store_refuses_is_refused_before_anything_is_written(odd_table) -> None:
    # The text is loaded without the store checking each occurrence: each distinct IRI was checked
    # by the store's rules while it was written, so a malformed one never gets in.
    kg, mapping, plan = odd_table
    mapping.choices["Twin"] = "https://example.org/%zz"
    context = context_from_graph(kg)
    context.matcher._by_name["twin"] = [D + "ChinaMobile", D + "ChinaUnicom"]
    with pytest.raises(CurationError, match=r"row 5: 'https://example\.org/%zz' is not an IRI \(.*percent"):
        plan_change(kg, plan_import(plan.table, mapping, context), mapping, Provenance("Test Analyst"),
                    edits_graph_for("Test Analyst"))
