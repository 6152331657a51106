"""The same feature tests against the embedded store and a real SPARQL server (Virtuoso)."""

from __future__ import annotations

import pytest

from explorer.core.errors import AmbiguousEntity, EntityNotFound
from explorer.core.graph import KnowledgeGraph
from explorer.core.paths import find_paths

pytestmark = pytest.mark.endpoint

D = "https://w3id.org/kg-explorer/data/"
K = "https://w3id.org/kg-explorer/ontology#"
ORG = "http://www.w3.org/ns/org#"
# What the server was loaded with: the bundled files, counted by the embedded store.
BUNDLED_TRIPLES = len(KnowledgeGraph.bundled())


def chain(path) -> list[str]:
    row = [path.nodes[0].rsplit("/", 1)[-1]]
    for hop in path.hops:
        name = hop.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        row += [f"{name}>" if hop.forward else f"<{name}", hop.target.rsplit("/", 1)[-1]]
    return row


# ------------------------------------------------------------------ counts, labels, search
def test_counts(kg):
    assert kg.quad_count() == BUNDLED_TRIPLES
    assert len(kg) == BUNDLED_TRIPLES


def test_labels_in_every_language(kg):
    assert kg.label(D + "ChinaMobile") == "China Mobile"
    assert ("中国移动", "zh", "http://www.w3.org/2000/01/rdf-schema#label") in kg.all_labels(D + "ChinaMobile")
    assert kg.label("https://w3id.org/kg-explorer/ontology#hasBranch") == "has branch"
    assert kg.predicate_words("https://w3id.org/kg-explorer/ontology#hasBranch", forward=False) == "branch of"


def test_search_ranks_prefix_before_substring(kg):
    hits = kg.search("china mob", limit=5)
    assert [h.entity for h in hits[:2]] == [D + "ChinaMobile", D + "ChinaMobileZhejiang"]
    assert hits[0].quality == 1


def test_search_cjk_and_case(kg):
    assert kg.search("移动")[0].entity == D + "ChinaMobile"
    assert kg.search("CHINA MOBILE ZHEJIANG")[0].entity == D + "ChinaMobileZhejiang"


def test_search_text_never_changes_the_query(kg):
    # Quotes, braces and a would-be injected clause are searched for as text, and match nothing.
    assert kg.search('"} UNION { ?e ?p ?l } #') == []
    assert kg.search("x\\\" ) || true || (\"") == []


def test_resolve(kg):
    assert kg.resolve("China Mobile") == D + "ChinaMobile"
    assert kg.resolve("d:ChinaMobile") == D + "ChinaMobile"
    with pytest.raises(EntityNotFound):
        kg.resolve("no such thing anywhere")
    with pytest.raises(AmbiguousEntity):
        kg.resolve("mobile")


def test_exists(kg):
    assert kg.exists(D + "ChinaMobile")
    assert kg.exists("https://w3id.org/kg-explorer/ontology#hasBranch")
    assert not kg.exists(D + "NoSuchEntity")


# ------------------------------------------------------------------ classes and statistics
def test_class_hierarchy(kg):
    hierarchy = kg.class_hierarchy()
    operator = hierarchy[K + "TelecomOperator"]
    assert operator.label == "telecom operator"
    assert operator.direct_count >= 1
    assert K + "Company" in operator.parents
    company = hierarchy[K + "Company"]
    assert K + "TelecomOperator" in company.children
    assert company.total_count >= operator.total_count + hierarchy[K + "DeviceVendor"].total_count - 1
    assert kg.main_class(D + "ChinaMobile") == K + "TelecomOperator"


def test_instances_include_subclasses(kg):
    companies = kg.instances(K + "Company", limit=500)
    assert D + "ChinaMobile" in companies
    assert companies == sorted(companies)
    assert kg.instances(K + "Company", limit=2, offset=1) == companies[1:3]


def test_stats(kg):
    stats = kg.stats()
    assert stats.quads == BUNDLED_TRIPLES and stats.triples == BUNDLED_TRIPLES
    assert stats.entities == 45 and stats.resources > 150
    classes = {iri: count for iri, _, count in stats.classes}
    assert classes["http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"] == 99  # evidence records: one or more per fact
    assert stats.predicates[0][0] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# ------------------------------------------------------------------ neighbours, evidence, describe
def test_neighbours_in_words(kg):
    around = kg.neighbours(D + "ChinaMobileZhejiang")
    out = {(e.words, e.other_label) for e in around.outgoing}
    assert ("established", "Zhejiang 5G industry alliance") in out
    back = {(e.words, e.other_label) for e in around.incoming}
    assert ("branch of", "China Mobile") in back
    assert around.omitted == 0


def test_neighbours_cap_counts_the_rest(kg):
    everything = kg.neighbours(D + "China", limit=None)
    capped = kg.neighbours(D + "China", limit=2)
    assert len(capped.incoming) == 2
    assert capped.omitted_incoming == len(everything.incoming) - 2
    assert capped.omitted_incoming > 0


def test_neighbours_filtered_by_predicate(kg):
    only = kg.neighbours(D + "ChinaMobile", predicates=["https://w3id.org/kg-explorer/ontology#hasBranch"])
    assert [e.other for e in only.edges] == [D + "ChinaMobileZhejiang"]


def test_evidence(kg):
    found = kg.evidence(D + "ChinaMobile", "https://w3id.org/kg-explorer/ontology#hasBranch", D + "ChinaMobileZhejiang")
    assert len(found) == 1
    assert not found[0].background
    assert "Zhejiang branch" in found[0].quote
    assert found[0].source_label
    # Asked the other way round, through the inverse property, the same record answers.
    inverse = kg.inverse_of("https://w3id.org/kg-explorer/ontology#hasBranch")
    if inverse:
        assert kg.evidence(D + "ChinaMobileZhejiang", inverse, D + "ChinaMobile") == found


@pytest.mark.parametrize(("subject", "predicate", "obj", "places"), [
    (D + "IndustrialInternet", K + "hasPotentialFor", D + "HigherQuality",
     [(9, 7, 1448, 1476), (10, 7, 1557, 1600)]),
    (D + "Liu", K + "warnsOf", D + "SophisticatedCyberattacks", [(12, 9, 1700, 1874), (13, 10, 1875, 2014)]),
])
def test_every_record_of_a_fact_with_sentence_line_and_offsets(kg, subject, predicate, obj, places):
    records = kg.evidence(subject, predicate, obj)
    assert [(r.sentence_index, r.line_number, r.start, r.end) for r in records] == places
    assert all(r.source == D + "Article5GIndustrialInternet" and r.quote for r in records)
    sentence, line, start, end = places[-1]
    assert records[-1].place() == f"sentence {sentence}, line {line}, characters {start}–{end}"


def test_describe(kg):
    description = kg.describe(D + "ChinaMobile")
    assert description.label == "China Mobile"
    assert (K + "TelecomOperator", "telecom operator") in description.classes
    assert any(e.other == D + "ChinaMobileZhejiang" for e in description.outgoing)


# ------------------------------------------------------------------ paths: the five chains
def test_chain_1(kg):
    found = find_paths(kg, D + "ChinaMobile", D + "FiveGRemoteHealthcareServices")
    assert chain(found[0]) == [
        "ChinaMobile", "hasBranch>", "ChinaMobileZhejiang", "established>", "Zhejiang5GIndustryAlliance",
        "partneredWith>", "HospitalPartners", "supports>", "FiveGRemoteHealthcareServices",
    ]


def test_chain_2(kg):
    found = find_paths(kg, D + "ChinaMobileZhejiang", D + "China", mode="k", k=5)
    assert [
        "ChinaMobileZhejiang", "established>", "Zhejiang5GIndustryAlliance", "built>", "NingboSmartPort",
        "locatedIn>", "Ningbo", "locatedIn>", "Zhejiang", "locatedIn>", "China",
    ] in [chain(p) for p in found]


def test_chain_3(kg):
    found = find_paths(kg, D + "IndustrialInternet", D + "Liu", allowed_predicates=[K + "needs", K + "callsFor"])
    assert [chain(p) for p in found] == [["IndustrialInternet", "needs>", "MoreCybersecurityResources", "<callsFor", "Liu"]]


def test_chain_4(kg):
    found = find_paths(kg, D + "StrategyAnalytics", D + "ChineseSmartphoneVendors")
    assert chain(found[0]) == [
        "StrategyAnalytics", "<publishedBy", "StrategyAnalyticsLatestReport", "<reportedIn",
        "ChineseVendorsShareObservation", "about>", "ChineseSmartphoneVendors",
    ]


def test_chain_5(kg):
    found = find_paths(kg, D + "MIIT", D + "China")
    assert chain(found[0]) == ["MIIT", "<reportedBy", "InfluentialIndustrialInternetPlatforms", "locatedIn>", "China"]


def test_path_constraints(kg):
    start, end = D + "ChinaMobile", D + "FiveGRemoteHealthcareServices"
    assert find_paths(kg, start, end, avoid_classes=[K + "IndustryAlliance"], max_hops=4) == []
    assert find_paths(kg, end, start, direction="forward") == []


# ------------------------------------------------------------------ SPARQL
def test_select(kg):
    result = kg.query(kg.prefix_block() + 'SELECT ?s WHERE { ?s rdfs:label "China Mobile"@en }')
    assert result.kind == "select"
    assert [str(row[0]) for row in result.rows] == [D + "ChinaMobile"]


def test_ask_construct_describe(kg):
    assert kg.query(f"ASK {{ <{D}ChinaMobile> ?p ?o }}").boolean is True
    built = kg.query(f"CONSTRUCT {{ <{D}ChinaMobile> ?p ?o }} WHERE {{ <{D}ChinaMobile> ?p ?o }}")
    assert built.kind == "construct"
    assert len(built) == len(list(kg.triples(*_subject(D + "ChinaMobile"))))
    assert kg.query(f"DESCRIBE <{D}ChinaMobile>").kind == "describe"


def test_max_rows_truncates(kg):
    result = kg.query("SELECT ?s WHERE { ?s ?p ?o }", max_rows=5)
    assert len(result) == 5 and result.truncated


def _subject(iri: str):
    from rdflib import URIRef

    return URIRef(iri), None, None


# ------------------------------------------------------------------ at 100k triples
def test_scale_search_neighbours_paths(kg_scale):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    try:
        from benchmarks.generate import probes
    except ImportError:
        pytest.skip("benchmarks/generate.py not available")
    finally:
        sys.path.pop(0)
    probe = probes()
    assert kg_scale.quad_count() >= 100_000
    hub = kg_scale.neighbours(probe["hub"], limit=25)
    assert len(hub.outgoing) <= 25 and len(hub.incoming) <= 25
    assert hub.omitted > 0
    label = kg_scale.label(probe["entity"])
    assert kg_scale.search(label, limit=5)[0].entity == probe["entity"]
    found = find_paths(kg_scale, probe["path_source"], probe["path_target"])
    assert found and len(found[0].hops) == 6


@pytest.mark.parametrize("text", ["zhejiang m", "mobile china", "alliance zhejiang 5g", "ChinaMobile"])
def test_words_in_another_order_find_on_a_server_what_they_find_locally(kg, bundled_graph, text):
    """"zhejiang m" names "China Mobile Zhejiang" on a server as in a local graph: the server also
    sends the labels holding every word, in any order."""
    found = [(hit.entity, hit.quality) for hit in kg.search(text, limit=5)]
    assert found == [(hit.entity, hit.quality) for hit in bundled_graph.search(text, limit=5)]
    assert found and found[0][1] >= 4  # found by its words, not as typed
