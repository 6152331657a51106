"""The backend protocol: a backend that implements only the primitives gets every facade
answer right through the default bulk operations, and capabilities are asked, not guessed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from explorer.core.backends import Backend, LoadedFile, LocalBackend, WritableBackend
from explorer.core.changes import ChangeSet, Quad
from explorer.core.errors import ReadOnlyGraph
from explorer.core.formats import RdfFormatInfo, detect_format
from explorer.core.graph import KnowledgeGraph
from explorer.core.paths import find_paths
from explorer.core.sparql import QueryPolicy, QueryResult

D = "https://w3id.org/kg-explorer/data/"
_DEFAULT = URIRef("urn:x-rdflib:default")
_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "rdfxml": "xml",
                   "jsonld": "json-ld", "n3": "n3"}


class DatasetBackend(Backend):
    """The primitives over an rdflib Dataset, nothing more: every bulk operation is the default."""

    def __init__(self) -> None:
        self.dataset = Dataset(default_union=True)

    def quad_count(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def quads(self, subject: Node | None = None, predicate: Node | None = None, obj: Node | None = None,
              graph: Node | None = None) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((subject, predicate, obj, graph)):
            yield s, p, o, None if g == _DEFAULT else g  # type: ignore[misc]

    def query(self, sparql: str, *, timeout: float | None = None, cancel: object = None,
              policy: QueryPolicy = QueryPolicy(), max_rows: int | None = None) -> QueryResult:
        kind = policy.check(sparql)
        if kind == "update":
            self.dataset.update(sparql)
            return QueryResult(kind="update")
        answer = self.dataset.query(sparql)
        if kind == "ask":
            return QueryResult(kind="ask", boolean=bool(answer.askAnswer))
        if kind == "select":
            return QueryResult(kind="select", variables=[str(v) for v in answer.vars or []],
                               raw_rows=[tuple(row) for row in answer])
        return QueryResult(kind=kind, raw_triples=[tuple(t) for t in answer])  # type: ignore[arg-type]

    def load_files(self, paths: Sequence[Path], *, formats: Sequence[RdfFormatInfo | None] | None = None,
                   replace: bool = False, progress: object = None, cancel: object = None) -> list[LoadedFile]:
        loaded = []
        for path in paths:
            info = detect_format(Path(path))
            assert info is not None
            before = self.quad_count()
            self.dataset.default_graph.parse(path, format=_RDFLIB_FORMATS[info.name])
            loaded.append(LoadedFile(Path(path), info.name, self.quad_count() - before))
        return loaded


@pytest.fixture(scope="module")
def plain() -> KnowledgeGraph:
    return KnowledgeGraph.bundled(DatasetBackend())


@pytest.fixture(scope="module")
def embedded() -> KnowledgeGraph:
    return KnowledgeGraph.bundled()


def _edges(kg: KnowledgeGraph, entity: str) -> list[tuple[str, str, str, bool, str]]:
    around = kg.neighbours(entity)
    return [(e.predicate, e.other, e.words, e.forward, e.other_label) for e in around.edges]


def test_the_defaults_answer_like_the_embedded_store(plain: KnowledgeGraph, embedded: KnowledgeGraph) -> None:
    assert plain.quad_count() == embedded.quad_count() == len(plain)
    entity = plain.resolve("China Mobile")
    assert entity == embedded.resolve("China Mobile") == D + "ChinaMobile"
    assert [h.entity for h in plain.search("zhejiang", 10)] == [h.entity for h in embedded.search("zhejiang", 10)]
    for name in ("ChinaMobile", "China", "Ningbo"):
        assert _edges(plain, D + name) == _edges(embedded, D + name), name
    mine, theirs = plain.describe(entity), embedded.describe(entity)
    assert (mine.label, mine.labels, mine.classes, mine.literals) == (theirs.label, theirs.labels, theirs.classes, theirs.literals)
    fact = next(e for e in embedded.neighbours(entity).outgoing if embedded.evidence(*e.triple))
    assert plain.evidence(*fact.triple) == embedded.evidence(*fact.triple)
    assert plain.evidence_counts(entity) == embedded.evidence_counts(entity)


def test_classes_statistics_and_paths_by_default(plain: KnowledgeGraph, embedded: KnowledgeGraph) -> None:
    mine, theirs = plain.class_hierarchy(), embedded.class_hierarchy()
    assert mine.keys() == theirs.keys()
    assert {(c.iri, c.direct_count, c.total_count, tuple(sorted(c.parents))) for c in mine.values()} == {
        (c.iri, c.direct_count, c.total_count, tuple(sorted(c.parents))) for c in theirs.values()}
    assert plain.stats() == embedded.stats()
    organisation = "https://w3id.org/kg-explorer/ontology#Organization"
    assert plain.instances(organisation, limit=5) == embedded.instances(organisation, limit=5)
    ours = find_paths(plain, D + "ChinaMobile", D + "Ningbo", mode="shortest", max_hops=4)
    assert [p.hops for p in ours] == [p.hops for p in find_paths(embedded, D + "ChinaMobile", D + "Ningbo",
                                                                   mode="shortest", max_hops=4)]


def test_capabilities_are_asked_not_guessed(plain: KnowledgeGraph) -> None:
    assert not isinstance(plain.backend, WritableBackend) and not plain.can_write
    assert plain.local is None and not plain.is_remote
    with pytest.raises(ReadOnlyGraph, match="read-only"):
        plain.apply_changes(ChangeSet(added=((URIRef(D + "x"), URIRef(D + "p"), Literal("y"), None),)))
    embedded = KnowledgeGraph()
    assert embedded.can_write and isinstance(embedded.local, LocalBackend) and embedded.local.workspace is None


def test_a_change_set_is_applied_and_undone_exactly() -> None:
    kg = KnowledgeGraph()
    kg.load_text(f"<{D}a> <{D}knows> <{D}b> . <{D}a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .", "turtle")
    graph = URIRef("urn:g")
    change = ChangeSet(added=((URIRef(D + "a"), URIRef(D + "knows"), URIRef(D + "c"), graph),),
                       removed=((URIRef(D + "a"), URIRef(D + "knows"), URIRef(D + "b"), None),), description="edit")
    before = set(kg.quads())
    kg.apply_changes(change)
    assert set(kg.quads()) == (before - set(change.removed)) | set(change.added)
    assert [o for _, _, o in kg.triples(URIRef(D + "a"), URIRef(D + "knows"), None)] == [URIRef(D + "c")]
    assert kg.local is not None and "urn:g" in kg.local.named_graphs()
    assert kg.neighbours(D + "a").outgoing[0].other == D + "c"  # caches were dropped
    kg.apply_changes(change.inverse())
    assert set(kg.quads()) == before
    assert kg.local.named_graphs() == []  # the graph the change emptied went with its quads


@pytest.mark.parametrize("graphs", [("urn:g",), ("urn:g", None), (None,)])
def test_a_large_change_goes_through_the_loader_and_is_undone_exactly(graphs: tuple[str | None, ...]) -> None:
    """From a thousand additions the store takes them as text: the same quads, the same undo."""
    kg = KnowledgeGraph()
    kg.load_text(f"<{D}a> <{D}knows> <{D}b> .", "turtle")
    before = set(kg.quads())
    names = [None if g is None else URIRef(g) for g in graphs]
    odd = Literal('a "quoted"\\ word\nover two lines', lang="en")
    added = tuple((URIRef(f"{D}e{i}"), URIRef(D + "p"), Literal(i) if i % 3 else odd, names[i % len(names)])
                  for i in range(1500))
    change = ChangeSet(added=added, removed=((URIRef(D + "a"), URIRef(D + "knows"), URIRef(D + "b"), None),))
    kg.apply_changes(change)
    assert set(kg.quads()) == (before - set(change.removed)) | set(added)
    assert len(kg) == 1500
    kg.apply_changes(change.inverse())
    assert set(kg.quads()) == before


def test_a_large_change_with_blank_nodes_keeps_their_identifiers() -> None:
    kg = KnowledgeGraph()
    added = tuple((BNode(f"b{i}"), URIRef(D + "p"), Literal(i), None) for i in range(1200))
    kg.apply_changes(ChangeSet(added=added))
    assert set(kg.quads()) == set(added)


def test_a_named_graph_a_change_leaves_statements_in_stays() -> None:
    kg = KnowledgeGraph()
    graph = URIRef("urn:g")
    first = (URIRef(D + "a"), URIRef(D + "knows"), URIRef(D + "b"), graph)
    second = (URIRef(D + "a"), URIRef(D + "knows"), URIRef(D + "c"), graph)
    kg.apply_changes(ChangeSet(added=(first, second), description="two"))
    kg.apply_changes(ChangeSet(removed=(first,), description="one of them"))
    assert kg.local is not None and kg.local.named_graphs() == ["urn:g"]
    assert set(kg.quads()) == {second}
    kg.apply_changes(ChangeSet(removed=(second,), description="the other"))
    assert kg.local.named_graphs() == []
