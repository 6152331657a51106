"""The bundled ontology, shapes and knowledge graph of the 5G / industrial-internet article.

No Qt and no app code except ``explorer.core.vocab``: these tests read the Turtle files directly.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdflib_namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME

from explorer.core.curation.evidence import sentences as sentences_of_text
from explorer.core.vocab import DATA, DATA_IRI, KG, LABEL_PREDICATES, OA, ONTOLOGY_IRI, ORG, SCHEMA, SH, UNIT

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = ROOT / "ontology" / "explorer.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
DATA_FILE = ROOT / "data" / "5g-industrial-internet.ttl"
ARTICLE_FILE = ROOT / "data" / "sources" / "5g-industrial-internet-article.txt"

KGSH = Namespace("https://w3id.org/kg-explorer/shapes#")
EV = Namespace(DATA_IRI + "evidence/")
ARTICLE = DATA.Article5GIndustrialInternet
# rdflib's XSD namespace warns when pytest probes module attributes, so only its terms are kept here.
XSD_INTEGER = rdflib_namespace.XSD.integer
XSD_DECIMAL = rdflib_namespace.XSD.decimal

# Predicates that may link two entities without being a fact (same list as kgsh:FactEvidenceShape).
NON_FACT_PREDICATES = {OWL.sameAs, RDFS.seeAlso, PROV.wasDerivedFrom}
# Claims that are not edges between entities but still need evidence.
FIGURE_PREDICATES = {KG.count, KG.countMoreThan, KG.value, KG.memberKind, KG.unit, KG.scope, KG.valueDescription}
# Predicates from other vocabularies the data may use without declaring them in our ontology.
EXTERNAL_PREDICATES = {
    RDF.type,
    RDF.subject,
    RDF.predicate,
    RDF.object,
    RDFS.label,
    RDFS.comment,
    SKOS.altLabel,
    PROV.wasDerivedFrom,
    DCTERMS.language,
    TIME.hasDateTimeDescription,
    TIME.unitType,
    TIME.year,
    TIME.hasTRS,
    OA.hasSelector,
    OA.start,
    OA.end,
    OA.exact,
    OA.prefix,
    OA.suffix,
    SCHEMA.gender,
    SCHEMA.familyName,
}

# Classes of other vocabularies the data uses for what is not an entity: text selectors, calendar descriptions.
EXTERNAL_CLASSES = {OA.TextPositionSelector, OA.TextQuoteSelector, TIME.GeneralDateTimeDescription, RDF.Statement}

# The only facts the graph takes from general knowledge rather than the article. Adding one is a
# modelling decision: it must be genuine background knowledge, and this list is where it is reviewed.
EXPECTED_BACKGROUND = {
    (DATA.ChinaMobile, RDF.type, KG.TelecomOperator),
    (DATA.ChinaMobileZhejiang, RDF.type, KG.TelecomOperator),
    (DATA.MIIT, RDF.type, KG.GovernmentAgency),
    (DATA.CAICT, RDF.type, KG.ResearchInstitute),
    (DATA.China, RDF.type, KG.Country),
    (DATA.Ningbo, RDF.type, KG.City),
    (DATA.Zhejiang, KG.locatedIn, DATA.China),
    # The article states no date: its time of publication is a period without one (bounded by quoted facts).
    (DATA.Article5GIndustrialInternet, URIRef("http://www.w3.org/2006/time#hasTime"), DATA.ArticlePublication),
}

# The five chains of ONTOLOGY.md, as the triples (in their stored direction) that make them up, and the
# path they form from the first node to the last.
CHAINS: dict[str, tuple[list[tuple[URIRef, URIRef, URIRef]], list[URIRef]]] = {
    "China Mobile to remote healthcare": (
        [
            (DATA.ChinaMobile, KG.hasBranch, DATA.ChinaMobileZhejiang),
            (DATA.ChinaMobileZhejiang, KG.established, DATA.Zhejiang5GIndustryAlliance),
            (DATA.Zhejiang5GIndustryAlliance, KG.partneredWith, DATA.HospitalPartners),
            (DATA.HospitalPartners, KG.supports, DATA.FiveGRemoteHealthcareServices),
        ],
        [
            DATA.ChinaMobile,
            DATA.ChinaMobileZhejiang,
            DATA.Zhejiang5GIndustryAlliance,
            DATA.HospitalPartners,
            DATA.FiveGRemoteHealthcareServices,
        ],
    ),
    "China Mobile Zhejiang to smart port to China": (
        [
            (DATA.ChinaMobileZhejiang, KG.established, DATA.Zhejiang5GIndustryAlliance),
            (DATA.Zhejiang5GIndustryAlliance, KG.built, DATA.NingboSmartPort),
            (DATA.NingboSmartPort, KG.locatedIn, DATA.Ningbo),
            (DATA.Ningbo, KG.locatedIn, DATA.Zhejiang),
            (DATA.Zhejiang, KG.locatedIn, DATA.China),
        ],
        [
            DATA.ChinaMobileZhejiang,
            DATA.Zhejiang5GIndustryAlliance,
            DATA.NingboSmartPort,
            DATA.Ningbo,
            DATA.Zhejiang,
            DATA.China,
        ],
    ),
    "industrial internet cyber risk, said by Liu (CAICT)": (
        [
            (DATA.IndustrialInternet, KG.exposedTo, DATA.SophisticatedCyberattacks),
            (DATA.SophisticatedCyberattacks, KG.leadsTo, DATA.InformationCompromise),
            (DATA.SophisticatedCyberattacks, KG.leadsTo, DATA.EnterpriseWideHarm),
            (DATA.Liu, KG.warnsOf, DATA.SophisticatedCyberattacks),
            (DATA.Liu, KG.affiliatedWith, DATA.CAICT),
            (DATA.IndustrialInternet, KG.needs, DATA.MoreCybersecurityResources),
            (DATA.Liu, KG.callsFor, DATA.MoreCybersecurityResources),
        ],
        [DATA.CAICT, DATA.Liu, DATA.SophisticatedCyberattacks, DATA.InformationCompromise],
    ),
    "Strategy Analytics to Chinese vendors' share": (
        [
            (DATA.StrategyAnalyticsLatestReport, KG.publishedBy, DATA.StrategyAnalytics),
            (DATA.ChineseVendorsShareObservation, KG.reportedIn, DATA.StrategyAnalyticsLatestReport),
            (DATA.ChineseVendorsShareObservation, KG.about, DATA.ChineseSmartphoneVendors),
        ],
        [
            DATA.StrategyAnalytics,
            DATA.StrategyAnalyticsLatestReport,
            DATA.ChineseVendorsShareObservation,
            DATA.ChineseSmartphoneVendors,
        ],
    ),
    "MIIT to more than 70 platforms in China": (
        [
            (DATA.InfluentialIndustrialInternetPlatforms, KG.reportedBy, DATA.MIIT),
            (DATA.InfluentialIndustrialInternetPlatforms, KG.locatedIn, DATA.China),
        ],
        [DATA.MIIT, DATA.InfluentialIndustrialInternetPlatforms, DATA.China],
    ),
}

CHINESE_LABELS = {
    DATA.ChinaMobile: "中国移动",
    DATA.Zhejiang: "浙江",
    DATA.Ningbo: "宁波",
    DATA.MIIT: "工业和信息化部",
    DATA.CAICT: "中国信息通信研究院",
}


# ----------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def data() -> Graph:
    return Graph().parse(DATA_FILE, format="turtle")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return ARTICLE_FILE.read_text(encoding="utf-8").splitlines()


def entity_classes(ontology: Graph) -> set[URIRef]:
    return {c for c in ontology.transitive_subjects(RDFS.subClassOf, KG.Entity) if isinstance(c, URIRef)}


def entities(data: Graph, ontology: Graph) -> set[URIRef]:
    classes = entity_classes(ontology)
    return {s for s, c in data.subject_objects(RDF.type) if c in classes and isinstance(s, URIRef)}


def facts(data: Graph, ontology: Graph) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    """Every triple that needs an evidence record (the rule of kgsh:FactEvidenceShape and friends)."""
    ents = entities(data, ontology)
    kinds = set(ontology.transitive_subjects(RDFS.subClassOf, KG.Organization)) | set(
        ontology.transitive_subjects(RDFS.subClassOf, KG.Place)
    )
    kinds -= {KG.Organization, KG.Place}
    for s, p, o in data:
        if s not in ents:
            continue
        between_entities = o in ents and p not in NON_FACT_PREDICATES
        kind = p == RDF.type and o in kinds
        if between_entities or kind or p in FIGURE_PREDICATES:
            yield s, p, o


def record_of(data: Graph, s: URIRef, p: URIRef, o) -> URIRef:
    """The (first) evidence record of a fact: record IRIs come from source and position, not from the fact."""
    return sorted(r for r in data.subjects(RDF.subject, s) if (r, RDF.predicate, p) in data and (r, RDF.object, o) in data)[0]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of the text as (start, end) offsets, by the one rule the app counts them with (ontology/README.md)."""
    return [(start, end) for start, end, _line in sentences_of_text(text)]


def evidence_records(data: Graph) -> dict[URIRef, tuple]:
    return {
        ev: (data.value(ev, RDF.subject), data.value(ev, RDF.predicate), data.value(ev, RDF.object))
        for ev in data.subjects(RDF.type, KG.Evidence)
    }


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", abort_on_first=False
    )
    return conforms, results, text


def results_of(report: Graph) -> list[dict]:
    return [
        {
            "focus": report.value(r, SH.focusNode),
            "shape": report.value(r, SH.sourceShape),
            "component": report.value(r, SH.sourceConstraintComponent),
            "path": report.value(r, SH.resultPath),
            "value": report.value(r, SH.value),
        }
        for r in report.objects(None, SH.result)
    ]


def undirected_neighbours(data: Graph, ents: set[URIRef]) -> dict[URIRef, set[URIRef]]:
    nbrs: dict[URIRef, set[URIRef]] = {e: set() for e in ents}
    for s, p, o in data:
        if s in ents and o in ents and p not in NON_FACT_PREDICATES:
            nbrs[s].add(o)
            nbrs[o].add(s)
    return nbrs


def all_shortest_paths(nbrs: dict[URIRef, set[URIRef]], start: URIRef, goal: URIRef) -> list[list[URIRef]]:
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for n in nbrs[node]:
            if n not in dist:
                dist[n] = dist[node] + 1
                queue.append(n)
    if goal not in dist:
        return []

    def back(node: URIRef) -> list[list[URIRef]]:
        if node == start:
            return [[start]]
        return [[*p, node] for n in nbrs[node] if dist.get(n) == dist[node] - 1 for p in back(n)]

    return back(goal)


# ----------------------------------------------------------------------------------------- parsing


def test_files_parse_and_ontology_has_a_header(ontology: Graph, shapes: Graph, data: Graph) -> None:
    assert len(ontology) > 300 and len(shapes) > 100 and len(data) > 500
    header = URIRef(ONTOLOGY_IRI.rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, RDFS.comment) is not None


def test_article_is_the_copied_source_with_ten_sentences(sentences: list[str]) -> None:
    assert len(sentences) == 10
    assert all(line.strip() == line and line for line in sentences)


# ----------------------------------------------------------------------------------------- SHACL


def test_data_conforms_to_the_shapes(data: Graph, shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = validate(data, shapes, ontology)
    assert conforms, text


def _broken_copy(data: Graph) -> Graph:
    broken = Graph()
    broken += data
    # 1. a fact without evidence
    broken.add((DATA.ChinaMobile, KG.partneredWith, DATA.StrategyAnalytics))
    # 2. an entity without any label, and 3. one without an English label
    broken.remove((DATA.HospitalPartners, RDFS.label, None))
    broken.remove((DATA.China, RDFS.label, Literal("China", lang="en")))
    # 4. a range violated (a place that is not a kg:Place)
    broken.add((DATA.NingboSmartPort, KG.locatedIn, DATA.FiveG))
    # 5. an evidence record neither quoted nor background
    broken.remove((record_of(data, DATA.ChinaMobileZhejiang, KG.established, DATA.Zhejiang5GIndustryAlliance), KG.quote, None))
    # 6. an evidence record whose fact is gone
    broken.remove((DATA.Ningbo, KG.locatedIn, DATA.Zhejiang))
    # 7. the kind of a place without evidence
    broken.remove((record_of(data, DATA.Ningbo, RDF.type, KG.City), None, None))
    # 8. a count without evidence
    broken.remove((DATA.AllianceMemberCompanies, KG.count, None))
    broken.add((DATA.AllianceMemberCompanies, KG.count, Literal(194)))
    return broken


@pytest.fixture(scope="module")
def broken_results(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, list[dict]]:
    conforms, report, _ = validate(_broken_copy(data), shapes, ontology)
    return conforms, results_of(report)


def _record(name: str) -> URIRef:
    data = Graph().parse(DATA_FILE, format="turtle")
    facts_ = {
        "established": (DATA.ChinaMobileZhejiang, KG.established, DATA.Zhejiang5GIndustryAlliance),
        "ningbo": (DATA.Ningbo, KG.locatedIn, DATA.Zhejiang),
    }
    return record_of(data, *facts_[name])


BROKEN_EXPECTATIONS = {
    "fact without evidence": dict(
        focus=DATA.ChinaMobile, shape=KGSH.FactEvidenceShape, value=DATA.StrategyAnalytics
    ),
    "entity without label": dict(focus=DATA.HospitalPartners, shape=KGSH["EntityLabelShape-label"]),
    "entity without English label": dict(focus=DATA.China, shape=KGSH["EntityLabelShape-englishLabel"]),
    "range violated": dict(
        focus=DATA.NingboSmartPort, component=SH.ClassConstraintComponent, value=DATA.FiveG
    ),
    "evidence neither quoted nor background": dict(
        focus=_record("established"),
        component=SH.XoneConstraintComponent,
    ),
    "evidence of a missing fact": dict(
        focus=_record("ningbo"),
        shape=KGSH.EvidenceShape,
        component=SH.SPARQLConstraintComponent,
    ),
    "kind of place without evidence": dict(focus=DATA.Ningbo, shape=KGSH.KindEvidenceShape, value=KG.City),
    "count without evidence": dict(
        focus=DATA.AllianceMemberCompanies, shape=KGSH.FigureEvidenceShape, value=Literal(194)
    ),
}


def test_broken_copy_does_not_conform(broken_results: tuple[bool, list[dict]]) -> None:
    conforms, results = broken_results
    assert not conforms
    assert results


@pytest.mark.parametrize("breakage", sorted(BROKEN_EXPECTATIONS))
def test_broken_copy_reports_each_breakage(broken_results: tuple[bool, list[dict]], breakage: str) -> None:
    _, results = broken_results
    expected = BROKEN_EXPECTATIONS[breakage]
    matching = [r for r in results if all(r[k] == v for k, v in expected.items())]
    assert matching, f"no SHACL result for {breakage}: {expected}"


# ----------------------------------------------------------------------------------------- evidence


def test_the_article_has_thirteen_sentences_on_ten_lines() -> None:
    text = ARTICLE_FILE.read_text(encoding="utf-8")
    spans = sentence_spans(text)
    assert len(spans) == 13
    assert text[spans[3][0] : spans[3][1]].startswith("Aside from pushing consumer applications")
    assert text[spans[9][0] : spans[9][1]] == "The industrial internet has such potential."


def test_every_quote_is_verbatim_at_its_offsets_sentence_and_line(data: Graph, sentences: list[str]) -> None:
    text = ARTICLE_FILE.read_text(encoding="utf-8")
    spans = sentence_spans(text)
    quoted = list(data.subject_objects(KG.quote))
    assert len(quoted) > 80
    for ev, quote in quoted:
        index, line = data.value(ev, KG.sentenceIndex), data.value(ev, KG.lineNumber)
        assert isinstance(index, Literal) and index.datatype == XSD_INTEGER, ev
        assert quote.language is None and quote.datatype is None, ev
        selectors = list(data.objects(ev, OA.hasSelector))
        [position] = [x for x in selectors if (x, RDF.type, OA.TextPositionSelector) in data]
        [words] = [x for x in selectors if (x, RDF.type, OA.TextQuoteSelector) in data]
        start, end = int(data.value(position, OA.start)), int(data.value(position, OA.end))
        assert text[start:end] == str(quote) == str(data.value(words, OA.exact)), ev
        sentence_start, sentence_end = spans[int(index) - 1]
        assert sentence_start <= start and end <= sentence_end, f"{ev}: {quote!r} not in sentence {index}"
        assert str(quote) in sentences[int(line) - 1], ev
        prefix, suffix = data.value(words, OA.prefix), data.value(words, OA.suffix)
        assert prefix is None or text[:start].endswith(str(prefix)), ev
        assert suffix is None or text[end:].startswith(str(suffix)), ev


def test_sentence_indexes_are_not_line_numbers(data: Graph) -> None:
    """Line 7 holds sentences 9 and 10: records on it say which."""
    on_line_7 = {int(data.value(ev, KG.sentenceIndex)) for ev in data.subjects(KG.lineNumber, Literal(7))}
    assert on_line_7 == {9, 10}


def test_every_sentence_has_evidence(data: Graph) -> None:
    used = {int(i) for i in data.objects(None, KG.sentenceIndex)}
    assert used == set(range(1, 14))


def test_every_fact_has_evidence_and_some_have_several_records(data: Graph, ontology: Graph) -> None:
    per_triple = Counter(evidence_records(data).values())
    all_facts = list(facts(data, ontology))
    assert len(all_facts) > 60
    missing = [f for f in all_facts if per_triple[f] == 0]
    assert not missing, missing
    several = {f for f in all_facts if per_triple[f] > 1}
    assert (DATA.IndustrialInternet, KG.hasPotentialFor, DATA.HigherQuality) in several
    assert (DATA.Liu, KG.warnsOf, DATA.SophisticatedCyberattacks) in several


def test_evidence_iris_come_from_source_and_position_not_from_the_fact(data: Graph) -> None:
    for ev in evidence_records(data):
        name = str(ev)[len(str(EV)) :]
        assert re.fullmatch(r"a5g-\d{4}-\d{4}-\d+|background-\d+", name), ev
        if name.startswith("a5g-"):
            position = URIRef(str(ev).rsplit("-", 1)[0] + "-position")
            assert (ev, OA.hasSelector, position) in data, ev
            assert int(data.value(position, OA.start)) == int(name.split("-")[1]), ev


def test_every_evidence_record_points_to_an_existing_triple(data: Graph) -> None:
    records = evidence_records(data)
    assert records
    dangling = [ev for ev, triple in records.items() if None in triple or triple not in data]
    assert not dangling, dangling


def test_evidence_records_are_stable_iris_derived_from_the_article(data: Graph) -> None:
    for ev in data.subjects(RDF.type, KG.Evidence):
        assert isinstance(ev, URIRef) and str(ev).startswith(str(EV)), ev
        assert (ev, RDF.type, RDF.Statement) in data, ev
        if data.value(ev, KG.isBackground) != Literal(True):
            assert set(data.objects(ev, PROV.wasDerivedFrom)) == {ARTICLE}, ev
    assert (ARTICLE, RDF.type, KG.NewsArticle) in data


def test_background_records_have_a_comment_and_no_quote(data: Graph) -> None:
    background = {
        ev: triple
        for ev, triple in evidence_records(data).items()
        if data.value(ev, KG.isBackground) == Literal(True)
    }
    assert set(background.values()) == EXPECTED_BACKGROUND
    for ev in background:
        comment = data.value(ev, RDFS.comment)
        assert isinstance(comment, Literal) and comment.language == "en" and len(comment) > 20, ev
        for p in (KG.quote, KG.sentenceIndex, PROV.wasDerivedFrom, OA.hasSelector):
            assert data.value(ev, p) is None, (ev, p)


# ----------------------------------------------------------------------------------------- vocabulary


def _declared(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}


def test_every_term_used_in_the_data_is_declared(data: Graph, ontology: Graph) -> None:
    declared = _declared(ontology)
    typed_in_data = set(data.subjects(RDF.type, None))
    undeclared_kg, untyped_d, unknown_predicates = set(), set(), set()
    for triple in data:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_IRI) and term not in declared:
                undeclared_kg.add(term)
            if isinstance(term, URIRef) and str(term).startswith(DATA_IRI) and term not in typed_in_data:
                untyped_d.add(term)
        p = triple[1]
        if p not in declared and p not in EXTERNAL_PREDICATES:
            unknown_predicates.add(p)
    for cls in data.objects(None, RDF.type):
        if cls not in declared and cls not in EXTERNAL_CLASSES:
            unknown_predicates.add(cls)
    assert not undeclared_kg, undeclared_kg
    assert not untyped_d, untyped_d
    assert not unknown_predicates, unknown_predicates


def test_ontology_terms_and_vocab_kg_are_in_step(ontology: Graph) -> None:
    in_ontology = {
        str(t)[len(ONTOLOGY_IRI) :] for t in _declared(ontology) if str(t).startswith(ONTOLOGY_IRI)
    }
    in_vocab = set(KG.__annotations__)
    assert in_ontology == in_vocab, (in_ontology - in_vocab, in_vocab - in_ontology)
    for name in in_vocab:
        assert getattr(KG, name) == URIRef(ONTOLOGY_IRI + name)


def test_ontology_terms_are_labelled_commented_and_typed(ontology: Graph) -> None:
    terms = [t for t in _declared(ontology) if str(t).startswith(ONTOLOGY_IRI)]
    assert len(terms) > 100
    for term in terms:
        labels = [x for x in ontology.objects(term, RDFS.label) if x.language == "en"]
        comments = [x for x in ontology.objects(term, RDFS.comment) if x.language == "en"]
        assert len(labels) == 1 and comments, term
        if (term, RDF.type, OWL.Class) in ontology:
            assert ontology.value(term, RDFS.subClassOf) is not None, term
        elif (term, RDF.type, OWL.NamedIndividual) in ontology:
            assert ontology.value(term, RDF.type) is not None, term
        else:
            assert ontology.value(term, RDFS.domain) is not None, term
            assert ontology.value(term, RDFS.range) is not None, term


def test_object_properties_between_entities_read_both_ways(data: Graph, ontology: Graph) -> None:
    ents = entities(data, ontology)
    used = {p for s, p, o in data if s in ents and o in ents}
    assert KG.established in used and KG.hasBranch in used
    for p in used:
        inverse = ontology.value(p, OWL.inverseOf)
        assert inverse is not None, f"{p} has no owl:inverseOf"
    for p, inverse in ontology.subject_objects(OWL.inverseOf):
        assert (inverse, OWL.inverseOf, p) in ontology, p
        inverse_label = ontology.value(p, KG.inverseLabel)
        assert isinstance(inverse_label, Literal) and inverse_label.language == "en", p
        assert inverse_label == ontology.value(inverse, RDFS.label), p
    assert ontology.value(KG.hasBranch, RDFS.label) == Literal("has branch", lang="en")
    assert ontology.value(KG.hasBranch, KG.inverseLabel) == Literal("branch of", lang="en")
    assert ontology.value(KG.established, KG.inverseLabel) == Literal("established by", lang="en")


# ----------------------------------------------------------------------------------------- chains


@pytest.mark.parametrize("name", list(CHAINS))
def test_chain_exists(data: Graph, name: str) -> None:
    triples, _ = CHAINS[name]
    missing = [t for t in triples if t not in data]
    assert not missing, missing


@pytest.mark.parametrize("name", list(CHAINS))
def test_chain_is_the_only_shortest_path(data: Graph, ontology: Graph, name: str) -> None:
    """What `path` finds between the chain's ends (edges read either way) is the chain, and only it."""
    _, path = CHAINS[name]
    nbrs = undirected_neighbours(data, entities(data, ontology))
    assert all_shortest_paths(nbrs, path[0], path[-1]) == [path]


def test_chains_answer_with_sparql_property_paths(data: Graph) -> None:
    ask = """
        ASK {
            d:ChinaMobile kg:hasBranch/kg:established/kg:partneredWith/kg:supports ?healthcare .
            ?healthcare rdfs:label ?label . FILTER (CONTAINS(LCASE(STR(?label)), "remote healthcare"))
            d:ChinaMobileZhejiang kg:established/kg:built/kg:locatedIn+ d:Zhejiang .
            d:Ningbo kg:locatedIn+ d:China .
            d:IndustrialInternet kg:exposedTo/kg:leadsTo d:InformationCompromise , d:EnterpriseWideHarm .
            d:Liu kg:warnsOf d:SophisticatedCyberattacks ; kg:affiliatedWith d:CAICT ;
                kg:callsFor/^kg:needs d:IndustrialInternet .
            d:StrategyAnalytics ^kg:publishedBy/^kg:reportedIn/kg:about d:ChineseSmartphoneVendors .
            d:MIIT ^kg:reportedBy/kg:locatedIn d:China .
        }"""
    ns = {"d": DATA, "kg": Namespace(ONTOLOGY_IRI), "org": ORG, "rdfs": RDFS}
    assert data.query(ask, initNs=ns).askAnswer


# ----------------------------------------------------------------------------------------- content


def test_every_entity_has_one_english_label(data: Graph, ontology: Graph) -> None:
    ents = entities(data, ontology)
    assert len(ents) >= 40
    for e in ents:
        english = [x for x in data.objects(e, RDFS.label) if x.language == "en"]
        assert len(english) == 1, e
        assert len(english[0]) <= 60, e


def test_chinese_labels(data: Graph) -> None:
    for entity, label in CHINESE_LABELS.items():
        assert Literal(label, lang="zh") in set(data.objects(entity, RDFS.label)), entity
    assert Literal("MIIT", lang="en") in set(data.objects(DATA.MIIT, SKOS.altLabel))
    assert Literal("CAICT", lang="en") in set(data.objects(DATA.CAICT, SKOS.altLabel))


def test_label_predicates_used_are_the_ones_the_app_reads(data: Graph) -> None:
    used = {str(p) for p in data.predicates() if p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)}
    assert used <= set(LABEL_PREDICATES)
    assert not set(data.subjects(SKOS.prefLabel, None)), "convention: rdfs:label, not skos:prefLabel"


def test_counts_and_figures_are_as_stated(data: Graph) -> None:
    platforms = DATA.InfluentialIndustrialInternetPlatforms
    assert data.value(platforms, KG.countMoreThan) == Literal(70)
    assert data.value(platforms, KG.count) is None, "'more than 70' is a lower bound, not a count"
    assert data.value(DATA.AllianceMemberCompanies, KG.count) == Literal(193)
    share = DATA.ChineseVendorsShareObservation
    assert data.value(share, KG.value) == Literal("61", datatype=XSD_DECIMAL)
    assert data.value(share, KG.unit) == UNIT.PERCENT
    assert data.value(share, KG.measures) == DATA.FiveGSmartphones
    assert data.value(share, TIME.hasTime) == DATA.FirstQuarter
    assert data.value(share, KG.measuredAmong) == DATA.TopFiveGlobalPlayers
    assert not list(data.subject_objects(KG.period)), "periods are OWL-Time intervals, not strings"


def test_periods_are_owl_time_and_a_quarter_keeps_no_year(data: Graph) -> None:
    quarter = data.value(DATA.FirstQuarter, TIME.hasDateTimeDescription)
    assert data.value(quarter, TIME.unitType) == KG.unitQuarter and data.value(quarter, KG.quarter) == Literal(1)
    assert data.value(quarter, TIME.year) is None, "the article states no year for the first quarter"
    year = data.value(DATA.Year2019, TIME.hasDateTimeDescription)
    assert data.value(year, TIME.unitType) == TIME.unitYear
    assert data.value(year, TIME.year) == Literal("2019", datatype=rdflib_namespace.XSD.gYear)
    assert (DATA.Q1ShipmentsObservation, KG.exceeds, DATA.ShipmentsIn2019Observation) in data
    assert data.value(DATA.ShipmentsIn2019Observation, TIME.hasTime) == DATA.Year2019


def test_nothing_invented_about_the_sources(data: Graph) -> None:
    for source in (ARTICLE, DATA.StrategyAnalyticsLatestReport):
        for p in (DCTERMS.title, DCTERMS.date, DCTERMS.issued, DCTERMS.created):
            assert data.value(source, p) is None, (source, p)
    source_file = data.value(ARTICLE, KG.localCopy)
    assert source_file is not None and (ROOT / str(source_file)).is_file()
    assert data.value(ARTICLE, DCTERMS.source) is None
    assert data.value(ARTICLE, DCTERMS.language) == URIRef("http://id.loc.gov/vocabulary/iso639-1/en")
    for p in (SCHEMA.givenName, SCHEMA.name):
        assert data.value(DATA.Liu, p) is None, "only Liu's surname is known"
    assert data.value(DATA.Liu, SCHEMA.familyName) == Literal("Liu")


def test_no_guessed_catalogue_identifiers(data: Graph) -> None:
    assert not list(data.subject_objects(SKOS.closeMatch)), "add closeMatch only with verified identifiers"


def test_every_iri_a_fact_points_to_has_an_english_label(data: Graph, ontology: Graph) -> None:
    """The canvas and the Inspector show the label of a value, never a prefixed name like schema:Female."""
    both = data + ontology
    ents = entities(data, ontology)
    values = {o for s, p, o in data if s in ents and isinstance(o, URIRef)}
    assert SCHEMA.Female in values
    unlabelled = sorted(v for v in values if not any(x.language == "en" for x in both.objects(v, RDFS.label)))
    assert unlabelled == []
