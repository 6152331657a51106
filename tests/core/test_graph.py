"""KnowledgeGraph: labels, names, classes, statistics, neighbours, evidence, describe, resolve."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from explorer.core.errors import AmbiguousEntity, EntityNotFound
from explorer.core.graph import KnowledgeGraph

D = "https://w3id.org/kg-explorer/data/"
K = "https://w3id.org/kg-explorer/ontology#"
ORG = "http://www.w3.org/ns/org#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
EX = "http://example.org/"

PREFIXES = """\
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix kg: <https://w3id.org/kg-explorer/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""


def graph(turtle: str, fmt: str = "turtle") -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.load_text(PREFIXES + turtle, fmt)
    return kg


# --------------------------------------------------------------------------- labels and names
def test_label_prefers_pref_label_then_rdfs_label_then_alt_label() -> None:
    kg = graph("""
        ex:a skos:altLabel "alias"@en ; rdfs:label "plain"@en ; skos:prefLabel "preferred"@en .
        ex:b skos:altLabel "alias"@en ; rdfs:label "plain"@en .
        ex:c skos:altLabel "alias"@en .
    """)
    assert kg.label(EX + "a") == "preferred"
    assert kg.label(EX + "b") == "plain"
    assert kg.label(EX + "c") == "alias"


def test_label_language_preference() -> None:
    kg = graph("""
        ex:a rdfs:label "中文"@zh , "no language" , "English"@en .
        ex:b rdfs:label "中文"@zh , "no language" .
        ex:c rdfs:label "中文"@zh , "Deutsch"@de .
        ex:d rdfs:label "中文"@zh ; skos:altLabel "alias"@en .
    """)
    assert kg.label(EX + "a") == "English"
    assert kg.label(EX + "b") == "no language"
    assert kg.label(EX + "c") == "中文"
    assert kg.label(EX + "a", languages=("zh",)) == "中文"
    # The kind of label wins over its language: an rdfs:label in Chinese before an English alias.
    assert kg.label(EX + "d") == "中文"


def test_label_falls_back_to_a_prefixed_name_or_the_last_segment() -> None:
    kg = graph("ex:thing ex:p <http://other.example/path/Last> . _:b ex:p ex:thing . <https://w3id.org/kg-explorer/data/X> ex:p ex:thing .")
    assert kg.label(D + "X") == "d:X"  # a known prefix
    assert kg.label(EX + "thing") == "thing"  # prefixes of pasted text are not learnt
    assert kg.label("http://other.example/path/Last") == "Last"
    assert kg.label("http://other.example/path/") == "path"
    [blank] = [other for _, other, _ in kg.adjacent(EX + "thing", outgoing=False) if other.startswith("_:")]
    assert kg.label(blank) == blank and blank.startswith("_:")


def test_all_labels_lists_every_label_in_order(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.all_labels(D + "ChinaMobileZhejiang") == [
        ("China Mobile Zhejiang", "en", RDFS_LABEL),
        ("China Mobile's Zhejiang branch", "en", SKOS_ALT),
    ]
    assert ("中国移动", "zh", RDFS_LABEL) in bundled_graph.all_labels(D + "ChinaMobile")
    assert bundled_graph.all_labels(D + "NoSuchThing") == []


def test_bundled_labels(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.label(D + "ChinaMobile") == "China Mobile"
    assert bundled_graph.label(D + "ChinaMobile", languages=("zh", "en")) == "中国移动"


def test_qname_and_expand(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.qname(D + "ChinaMobile") == "d:ChinaMobile"
    assert bundled_graph.qname(K + "TelecomOperator") == "kg:TelecomOperator"
    assert bundled_graph.qname("http://nowhere.example/x/y") == "<http://nowhere.example/x/y>"
    assert bundled_graph.qname(D + "has space") == f"<{D}has space>"
    assert bundled_graph.expand("d:ChinaMobile") == D + "ChinaMobile"
    assert bundled_graph.expand(f"<{D}ChinaMobile>") == D + "ChinaMobile"
    assert bundled_graph.expand("https://example.org/x") == "https://example.org/x"
    assert bundled_graph.expand("urn:isbn:123") == "urn:isbn:123"
    assert bundled_graph.expand("_:b0") == "_:b0"
    assert bundled_graph.expand("China Mobile") is None
    assert bundled_graph.expand("unknownprefix:x") is None


def test_prefixes_of_loaded_files_are_learnt(tmp_path) -> None:
    path = tmp_path / "p.ttl"
    path.write_text("@prefix acme: <http://acme.example/ns#> .\nacme:widget acme:p acme:gadget .\n")
    kg = KnowledgeGraph()
    kg.load([path])
    assert kg.qname("http://acme.example/ns#widget") == "acme:widget"
    assert "PREFIX acme: <http://acme.example/ns#>" in kg.prefix_block()


def test_predicate_words_in_both_directions(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.predicate_words("https://w3id.org/kg-explorer/ontology#hasBranch", True) == "has branch"
    assert bundled_graph.predicate_words("https://w3id.org/kg-explorer/ontology#hasBranch", False) == "branch of"
    assert bundled_graph.predicate_words(K + "established", False) == "established by"
    assert bundled_graph.inverse_of("https://w3id.org/kg-explorer/ontology#hasBranch") == "https://w3id.org/kg-explorer/ontology#branchOf"
    assert bundled_graph.inverse_of("https://w3id.org/kg-explorer/ontology#branchOf") == "https://w3id.org/kg-explorer/ontology#hasBranch"


def test_predicate_words_without_inverse_label() -> None:
    kg = graph("""
        ex:likes rdfs:label "likes"@en . ex:a ex:likes ex:b .
        ex:owns rdfs:label "owns"@en ; owl:inverseOf ex:ownedBy . ex:ownedBy rdfs:label "owned by"@en .
    """)
    assert kg.predicate_words(EX + "likes", False) == "likes (inverse)"
    assert kg.predicate_words(EX + "owns", False) == "owned by"
    assert kg.predicate_words(EX + "ownedBy", False) == "owns"


# --------------------------------------------------------------------------- classes
HIERARCHY = """
    ex:Animal a owl:Class . ex:Dog a owl:Class ; rdfs:subClassOf ex:Animal .
    ex:Cat a owl:Class ; rdfs:subClassOf ex:Animal . ex:Empty a owl:Class ; rdfs:subClassOf ex:Animal .
    ex:rex a ex:Dog . ex:tom a ex:Cat . ex:odd a ex:Dog , ex:Cat . ex:generic a ex:Animal .
"""


def test_class_hierarchy_counts() -> None:
    kg = graph(HIERARCHY)
    classes = kg.class_hierarchy()
    animal, dog, cat, empty = (classes[EX + n] for n in ("Animal", "Dog", "Cat", "Empty"))
    assert (dog.direct_count, dog.total_count) == (2, 2)
    assert (cat.direct_count, cat.total_count) == (2, 2)
    assert (empty.direct_count, empty.total_count) == (0, 0)
    # ex:odd is a Dog and a Cat: it counts once for Animal.
    assert (animal.direct_count, animal.total_count) == (1, 4)
    assert dog.parents == [EX + "Animal"]
    assert animal.children == [EX + "Cat", EX + "Dog", EX + "Empty"]
    assert [c.iri for c in kg.root_classes()] == [EX + "Animal"]


def test_instances_with_and_without_subclasses() -> None:
    kg = graph(HIERARCHY)
    assert kg.instances(EX + "Animal") == [EX + n for n in ("generic", "odd", "rex", "tom")]
    assert kg.instances(EX + "Animal", include_subclasses=False) == [EX + "generic"]
    assert kg.instances(EX + "Animal", limit=2, offset=1) == [EX + "odd", EX + "rex"]


def test_types_and_main_class(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.types(D + "ChinaMobile") == [K + "TelecomOperator"]
    assert bundled_graph.main_class(D + "ChinaMobile") == K + "TelecomOperator"
    assert bundled_graph.main_class(D + "NoSuchThing") is None
    kg = graph(HIERARCHY + "ex:deep a ex:Animal , ex:Dog .")
    assert kg.main_class(EX + "deep") == EX + "Dog"  # the most specific class


def test_bundled_hierarchy(bundled_graph: KnowledgeGraph) -> None:
    classes = bundled_graph.class_hierarchy()
    operator = classes[K + "TelecomOperator"]
    assert operator.direct_count == 2
    assert K + "Company" in operator.parents
    assert classes[K + "Entity"].total_count >= classes[K + "Agent"].total_count >= classes[K + "Organization"].total_count
    assert classes[K + "Organization"].total_count >= operator.total_count


# --------------------------------------------------------------------------- statistics
def test_stats_count_quads_and_distinct_triples() -> None:
    kg = graph("""
        ex:a ex:p ex:b .
        ex:g1 { ex:a ex:p ex:b . ex:a a ex:C . }
        ex:g2 { ex:a ex:p ex:b . ex:c ex:q "x" . }
    """, "trig")
    stats = kg.stats()
    assert stats.quads == 5
    assert stats.triples == 3 == len(kg)
    assert stats.entities == 2  # subjects: ex:a and ex:c
    assert stats.classes == [(EX + "C", kg.label(EX + "C"), 1)]
    assert (EX + "p", kg.label(EX + "p"), 3) in stats.predicates


def test_stats_of_the_bundled_graph(bundled_graph: KnowledgeGraph) -> None:
    stats = bundled_graph.stats()
    assert stats.quads == stats.triples == len(bundled_graph) == bundled_graph.backend.quad_count()
    assert stats.entities == 45 < stats.resources  # things in the world; classes, properties and evidence apart
    assert any(iri == K + "TelecomOperator" and count == 2 for iri, _, count in stats.classes)


# --------------------------------------------------------------------------- neighbours
def test_neighbours_in_both_directions_with_words(bundled_graph: KnowledgeGraph) -> None:
    around = bundled_graph.neighbours(D + "ChinaMobileZhejiang")
    assert [(e.words, e.other, e.forward) for e in around.outgoing] == [
        ("established", D + "Zhejiang5GIndustryAlliance", True)
    ]
    assert [(e.words, e.other_label, e.forward) for e in around.incoming] == [("branch of", "China Mobile", False)]
    assert around.incoming[0].triple == (D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobileZhejiang")
    assert around.omitted == 0
    # No rdf:type edge, no evidence record among the neighbours.
    assert all(not e.other.startswith(D + "evidence/") for e in around.edges)
    assert all(e.other != K + "TelecomOperator" for e in around.edges)


def test_neighbours_directions_and_predicates(bundled_graph: KnowledgeGraph) -> None:
    out = bundled_graph.neighbours(D + "ChinaMobileZhejiang", direction="out")
    assert out.incoming == [] and len(out.outgoing) == 1
    incoming = bundled_graph.neighbours(D + "ChinaMobileZhejiang", direction="in")
    assert incoming.outgoing == [] and len(incoming.incoming) == 1
    only = bundled_graph.neighbours(D + "ChinaMobileZhejiang", predicates=["https://w3id.org/kg-explorer/ontology#hasBranch"])
    assert [e.forward for e in only.edges] == [False]


def test_neighbours_include_schema_on_request(bundled_graph: KnowledgeGraph) -> None:
    around = bundled_graph.neighbours(D + "ChinaMobileZhejiang", include_schema=True)
    others = {e.other for e in around.edges}
    assert K + "TelecomOperator" in others
    assert any(o.startswith(D + "evidence/") for o in others)


def test_neighbours_cap_counts_the_rest() -> None:
    kg = graph("\n".join(f"ex:hub ex:p ex:o{i} . ex:s{i} ex:q ex:hub ." for i in range(30)))
    around = kg.neighbours(EX + "hub", limit=10)
    assert len(around.outgoing) == 10 and around.omitted_outgoing == 20
    assert len(around.incoming) == 10 and around.omitted_incoming == 20
    assert around.omitted == 40
    everything = kg.neighbours(EX + "hub", limit=None)
    assert len(everything.edges) == 60


def test_neighbours_count_a_triple_once_across_named_graphs() -> None:
    kg = graph("ex:g1 { ex:a ex:p ex:b . } ex:g2 { ex:a ex:p ex:b . }", "trig")
    assert len(kg.neighbours(EX + "a").outgoing) == 1


def test_neighbours_skip_literals_and_evidence_records() -> None:
    kg = graph("""
        ex:a ex:p ex:b ; ex:name "A" .
        ex:r a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:p ; rdf:object ex:b ; kg:quote "a p b" .
    """)
    around = kg.neighbours(EX + "b")
    assert [(e.other, e.forward) for e in around.edges] == [(EX + "a", False)]
    assert [e.other for e in kg.neighbours(EX + "a").edges] == [EX + "b"]


# --------------------------------------------------------------------------- evidence
def test_evidence_with_quote_source_and_sentence(bundled_graph: KnowledgeGraph) -> None:
    [evidence] = bundled_graph.evidence(D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobileZhejiang")
    assert not evidence.background
    assert evidence.quote == "China Mobile's Zhejiang branch"
    assert evidence.sentence_index == 5  # sentence 5 of the article, on line 4
    assert evidence.source == D + "Article5GIndustrialInternet"
    assert evidence.source_label
    assert (evidence.line_number, evidence.start, evidence.end) == (4, 702, 732)  # its text position selector
    assert evidence.describe() == (f'"China Mobile\'s Zhejiang branch" ({evidence.source_label}, '
                                   "sentence 5, line 4, characters 702–732)")


@pytest.mark.parametrize(("subject", "predicate", "obj", "places"), [
    (D + "IndustrialInternet", K + "hasPotentialFor", D + "HigherQuality",
     [(9, 7, 1448, 1476), (10, 7, 1557, 1600)]),
    (D + "Liu", K + "warnsOf", D + "SophisticatedCyberattacks", [(12, 9, 1700, 1874), (13, 10, 1875, 2014)]),
])
def test_every_record_of_a_fact_with_its_place(bundled_graph: KnowledgeGraph, subject, predicate, obj, places) -> None:
    records = bundled_graph.evidence(subject, predicate, obj)
    assert [(r.sentence_index, r.line_number, r.start, r.end) for r in records] == places
    assert len({r.record for r in records}) == len(places)


def test_evidence_of_a_table_row_and_of_a_page() -> None:
    """A spreadsheet row's record has a line (the row number) and no sentence or selectors; an
    analyst's record of a paged report has a page."""
    kg = KnowledgeGraph()
    kg.load_text(f"""
        @prefix kg: <{K}> . @prefix d: <{D}> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
        d:Alliance kg:partneredWith d:Huawei .
        d:row12 a rdf:Statement, kg:Evidence ; rdf:subject d:Alliance ; rdf:predicate kg:partneredWith ;
            rdf:object d:Huawei ; prov:wasDerivedFrom d:Table ; kg:quote "Alliance: A; Partner: Huawei" ;
            kg:lineNumber 12 .
        d:page3 a rdf:Statement, kg:Evidence ; rdf:subject d:Alliance ; rdf:predicate kg:partneredWith ;
            rdf:object d:Huawei ; prov:wasDerivedFrom d:Report ; kg:quote "partnered with Huawei" ;
            schema:pagination "3" .
    """, "turtle")
    records = {r.record: r for r in kg.evidence(D + "Alliance", K + "partneredWith", D + "Huawei")}
    row, page = records[D + "row12"], records[D + "page3"]
    assert (row.line_number, row.sentence_index, row.start, row.page) == (12, None, None, None)
    assert (page.page, page.line_number, page.sentence_index) == ("3", None, None)
    assert row.place() == "line 12" and page.place() == "page 3"
    assert row.describe() == '"Alliance: A; Partner: Huawei" (d:Table, line 12)'


def test_evidence_found_through_the_inverse_property(bundled_graph: KnowledgeGraph) -> None:
    direct = bundled_graph.evidence(D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobileZhejiang")
    inverse = bundled_graph.evidence(D + "ChinaMobileZhejiang", "https://w3id.org/kg-explorer/ontology#branchOf", D + "ChinaMobile")
    assert inverse == direct != []


def test_background_evidence(bundled_graph: KnowledgeGraph) -> None:
    [evidence] = bundled_graph.evidence(D + "ChinaMobile", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", K + "TelecomOperator")
    assert evidence.background and evidence.quote is None
    assert evidence.note and evidence.note.startswith("General knowledge")
    assert evidence.describe().startswith("background knowledge: General knowledge")


def test_no_evidence_for_an_unknown_fact(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.evidence(D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "MIIT") == []


# --------------------------------------------------------------------------- describe
def test_describe(bundled_graph: KnowledgeGraph) -> None:
    description = bundled_graph.describe(D + "ChinaMobileZhejiang")
    assert description.label == "China Mobile Zhejiang"
    assert description.classes == [(K + "TelecomOperator", bundled_graph.label(K + "TelecomOperator"))]
    assert [words for _, words, _ in description.literals] == ["comment"] or description.literals
    assert all(predicate not in (RDFS_LABEL, SKOS_ALT, SKOS_PREF) for predicate, _, _ in description.literals)
    assert [e.words for e in description.outgoing] == ["established"]
    assert [e.words for e in description.incoming] == ["branch of"]
    assert description.labels == bundled_graph.all_labels(D + "ChinaMobileZhejiang")


# --------------------------------------------------------------------------- resolve
@pytest.mark.parametrize(
    ("text", "entity"),
    [
        (D + "ChinaMobile", "ChinaMobile"),
        (f"<{D}ChinaMobile>", "ChinaMobile"),
        ("d:ChinaMobile", "ChinaMobile"),
        ("China Mobile", "ChinaMobile"),
        ("china mobile", "ChinaMobile"),
        ("中国移动", "ChinaMobile"),
        ("浙江", "Zhejiang"),
        ("ZHÈJIANG", "Zhejiang"),
        ("  Zhejiang ", "Zhejiang"),
        ("China Mobile's Zhejiang branch", "ChinaMobileZhejiang"),
        ("Ministry of Ind", "MIIT"),
        ("MIIT", "MIIT"),
        ("remote healthcare", "FiveGRemoteHealthcareServices"),
    ],
)
def test_resolve(bundled_graph: KnowledgeGraph, text: str, entity: str) -> None:
    assert bundled_graph.resolve(text) == D + entity


def test_resolve_a_label_of_both_a_class_and_an_instance_is_ambiguous() -> None:
    # The README promises an error listing the candidates: the user chooses.
    kg = graph("""
        ex:Port a owl:Class ; rdfs:label "port"@en .
        ex:ningbo a ex:Port ; rdfs:label "Port"@en .
    """)
    with pytest.raises(AmbiguousEntity) as raised:
        kg.resolve("port")
    assert {iri for iri, _, _ in raised.value.candidates} == {EX + "Port", EX + "ningbo"}


def test_resolve_prefers_instances_over_classes_on_partial_labels() -> None:
    kg = graph("""
        ex:Port a owl:Class ; rdfs:label "port facility"@en .
        ex:ningbo a ex:Port ; rdfs:label "Ningbo port"@en .
    """)
    assert kg.resolve("port") == EX + "ningbo"


def test_resolve_ambiguous_partial_label(bundled_graph: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousEntity, match="Strategy Analytics"):
        bundled_graph.resolve("Strategy Analy")


def test_resolve_ambiguous_lists_candidates(bundled_graph: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousEntity) as caught:
        bundled_graph.resolve("mob")
    candidates = {iri for iri, _, _ in caught.value.candidates}
    assert {D + "ChinaMobile", D + "ChinaMobileZhejiang"} <= candidates
    assert "China Mobile" in str(caught.value) and "\n" not in str(caught.value)


def test_resolve_exact_label_shared_by_two_entities() -> None:
    kg = graph('ex:a rdfs:label "Twin"@en . ex:b rdfs:label "Twin"@en .')
    with pytest.raises(AmbiguousEntity) as caught:
        kg.resolve("twin")
    assert sorted(iri for iri, _, _ in caught.value.candidates) == [EX + "a", EX + "b"]


@pytest.mark.parametrize("text", ["no such thing anywhere", "d:NoSuchEntity", "https://example.org/missing", "zzzz"])
def test_resolve_unknown(bundled_graph: KnowledgeGraph, text: str) -> None:
    with pytest.raises(EntityNotFound):
        bundled_graph.resolve(text)


def test_exists(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.exists(D + "ChinaMobile")
    assert bundled_graph.exists("https://w3id.org/kg-explorer/ontology#hasBranch")  # used as a predicate
    assert not bundled_graph.exists(D + "Nobody")
    assert not bundled_graph.exists("not an iri at all > {")


def test_literal_evidence_by_predicate_and_value() -> None:
    from rdflib import XSD, Literal

    from explorer.core.vocab import KG

    kg = KnowledgeGraph.bundled()
    found = kg.literal_evidence(D + "ChineseVendorsShareObservation")
    value = found[(str(KG.value), Literal("61", datatype=XSD.decimal))]
    assert [r.quote for r in value] == ["Chinese smartphone vendors accounted for 61 percent"]
    assert {predicate for predicate, _ in found} == {str(KG.value), str(KG.scope)}
    assert kg.literal_evidence(D + "ChinaMobile") == {}  # its names carry no record of their own


def test_a_dropped_graph_is_freed_without_the_cycle_collector() -> None:
    """Browsing a graph leaves no reference cycle holding it: once dropped it goes at once, even
    while a large build has the cycle collector paused (a replaced graph once stayed for good)."""
    import gc
    import weakref

    from explorer.core import query_checks

    query_checks._remembered_network_reasons.cache_clear()  # the class tree's query is parsed afresh

    def browse() -> weakref.ref[KnowledgeGraph]:
        kg = KnowledgeGraph.bundled()
        kg.class_hierarchy()  # its counting query names kg:RemoteHealthcareService: the network check parses it
        kg.stats()
        hit = kg.search("zhejiang alliance")[0].entity
        kg.neighbours(hit)
        kg.describe(hit)
        return weakref.ref(kg)

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        graph = browse()
        assert graph() is None
    finally:
        if was_enabled:
            gc.enable()


def test_the_most_specific_class_needs_no_class_counts_and_agrees_with_the_class_tree(monkeypatch):
    from explorer.core.backends import OxigraphBackend

    kg = KnowledgeGraph.bundled()
    entities = sorted({str(s) for s, _, _ in kg.triples(None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)})

    def no_count(*args: object) -> object:
        raise AssertionError("the classes were counted")

    with monkeypatch.context() as patch:
        patch.setattr(OxigraphBackend, "class_counts", no_count)
        patch.setattr(OxigraphBackend, "type_counts", no_count)
        light = {entity: kg.main_class(entity) for entity in entities}
    kg.class_hierarchy()
    assert light == {entity: kg.main_class(entity) for entity in entities}
    assert len({cls for cls in light.values() if cls}) > 10
