"""The ontology under reasoning: SHACL with RDFS inference, OWL-RL consistency, disjointness, exposure walks.

Qt-free; reads the Turtle files directly. The exposure walk here is the rule the risk engine builds on:
follow only properties that carry kg:exposureDirection, each in its declared direction.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import owlrl
import pyshacl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD

from explorer.core.vocab import DATA, KG, ORG

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = ROOT / "ontology" / "explorer.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
DATA_FILE = ROOT / "data" / "5g-industrial-internet.ttl"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def data() -> Graph:
    return Graph().parse(DATA_FILE, format="turtle")


def closure(*graphs: Graph) -> Graph:
    merged = Graph()
    for g in graphs:
        merged += g
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(merged)
    return merged


def nothing_members(g: Graph) -> set:
    return set(g.subjects(RDF.type, OWL.Nothing))


def inconsistencies(g: Graph) -> list[str]:
    """The OWL-RL inconsistencies owlrl found (it reports them as error-message nodes, not as owl:Nothing types)."""
    return sorted(str(m) for e in g.subjects(RDF.type, ERRNS.ErrorMessage) for m in g.objects(e, None) if isinstance(m, Literal))


def test_shacl_conforms_with_rdfs_inference(data: Graph, ontology: Graph) -> None:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text


def test_asserting_an_inverse_property_is_refused(data: Graph, ontology: Graph) -> None:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    broken = Graph()
    broken += data
    broken.add((DATA.Zhejiang5GIndustryAlliance, KG.establishedBy, DATA.ChinaMobileZhejiang))
    broken.add((DATA.Zhejiang5GIndustryAlliance, KG.derivedExposedTo, DATA.SophisticatedCyberattacks))
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert not conforms
    paths = {str(p) for p in report.objects(None, URIRef("http://www.w3.org/ns/shacl#resultPath"))}
    assert str(KG.establishedBy) in paths and str(KG.derivedExposedTo) in paths


def test_owl_rl_closure_has_no_owl_nothing_member(data: Graph, ontology: Graph) -> None:
    closed = closure(ontology, data)
    assert not nothing_members(closed)
    assert inconsistencies(closed) == []
    # the transitive super-properties do their work in the closure
    assert (DATA.NingboSmartPort, KG.locatedWithin, DATA.China) in closed
    assert (DATA.ChinaMobileZhejiang, ORG.transitiveSubOrganizationOf, DATA.ChinaMobile) in closed


def test_a_wrong_triple_is_caught_by_disjointness(data: Graph, ontology: Graph) -> None:
    """A threat stated to be located in a place makes nothing inconsistent; stating that a place
    built something (kg:built's domain is kg:Agent, and places are not agents) does."""
    wrong = Graph()
    wrong += data
    wrong.add((DATA.Ningbo, KG.built, DATA.NingboSmartPort))
    closed = closure(ontology, wrong)
    found = inconsistencies(closed)
    assert any("disjoint" in m.lower() and str(DATA.Ningbo) in m for m in found), found


def test_exposure_annotations_are_well_formed(ontology: Graph) -> None:
    directions = dict(ontology.subject_objects(KG.exposureDirection))
    assert len(directions) >= 30
    for prop, direction in directions.items():
        assert direction in (KG.Forward, KG.Backward, KG.Both), prop
        weight = ontology.value(prop, KG.exposureWeight)
        assert isinstance(weight, Literal) and weight.datatype == XSD.decimal, prop
        assert 0 < float(weight) <= 1, prop
        inverse = ontology.value(prop, OWL.inverseOf)
        if inverse is not None and inverse != prop:
            flipped = {KG.Forward: KG.Backward, KG.Backward: KG.Forward, KG.Both: KG.Both}[direction]
            assert ontology.value(inverse, KG.exposureDirection) == flipped, (prop, inverse)
            assert ontology.value(inverse, KG.exposureWeight) == weight, (prop, inverse)
    for comparison in (KG.moreVulnerableThan, KG.lessVulnerableThan, KG.moreComplexThan, KG.locatedIn):
        assert comparison not in directions, comparison
    assert directions[KG.threatens] == KG.Forward and directions[KG.exposedTo] == KG.Backward
    assert directions[KG.dependsOn] == KG.Backward and directions[KG.hasBranch] == KG.Both


def test_lexical_patterns_are_language_tagged_on_object_properties(ontology: Graph) -> None:
    patterns = list(ontology.subject_objects(KG.lexicalPattern))
    assert len(patterns) > 100
    for prop, pattern in patterns:
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology, prop
        assert isinstance(pattern, Literal) and pattern.language in ("en", "zh") and str(pattern).strip(), prop
    established = {str(p) for p in ontology.objects(KG.established, KG.lexicalPattern)}
    assert {"established", "set up", "founded", "成立"} <= established
    partnered = {str(p) for p in ontology.objects(KG.partneredWith, KG.lexicalPattern)}
    assert {"partnered with", "teamed up with", "联合"} <= partnered


def test_lexical_patterns_mark_the_object_the_way_the_suggester_reads_them(ontology: Graph) -> None:
    """"{o}" marks where the object stands (explorer.core.extraction.lexicon); a pattern holds at most one."""
    from explorer.core.extraction.lexicon import Lexicon

    for prop, pattern in ontology.subject_objects(KG.lexicalPattern):
        assert "…" not in str(pattern) and str(pattern).count("{o}") <= 1, (prop, pattern)
    lexicon = Lexicon.from_ontology(ontology)
    [established_by] = [p for p in lexicon.patterns if p.predicate == str(KG.establishedBy) and p.closing is not None]
    assert established_by.regex.search("由") and established_by.closing and established_by.closing.search("成立")


def exposure_reach(data: Graph, ontology: Graph, start: URIRef) -> dict[URIRef, list[tuple]]:
    """Everything exposure reaches from ``start``, with one shortest chain of stored triples each,
    following only properties that carry kg:exposureDirection, in their declared direction."""
    direction = dict(ontology.subject_objects(KG.exposureDirection))
    chains: dict[URIRef, list[tuple]] = {start: []}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        steps = [(o, (node, p, o)) for p, o in data.predicate_objects(node)
                 if direction.get(p) in (KG.Forward, KG.Both) and isinstance(o, URIRef)]
        steps += [(s, (s, p, node)) for s, p in data.subject_predicates(node)
                  if direction.get(p) in (KG.Backward, KG.Both) and isinstance(s, URIRef)]
        for other, triple in steps:
            if other not in chains:
                chains[other] = [*chains[node], triple]
                queue.append(other)
    return chains


def test_industrial_internet_exposure_does_not_reach_consumer_internet_applications(
    data: Graph, ontology: Graph
) -> None:
    reached = exposure_reach(data, ontology, DATA.IndustrialInternet)
    assert DATA.ConsumerInternetApplications not in reached, reached.get(DATA.ConsumerInternetApplications)
    assert DATA.ECommerce not in reached
    # a plain walk that ignores directions does reach them, through "more vulnerable than"
    assert (DATA.IndustrialInternet, KG.moreVulnerableThan, DATA.ConsumerInternetApplications) in data


def test_sophisticated_cyberattacks_reach_china_mobile_through_the_alliance(data: Graph, ontology: Graph) -> None:
    reached = exposure_reach(data, ontology, DATA.SophisticatedCyberattacks)
    assert reached[DATA.ChinaMobile] == [
        (DATA.SophisticatedCyberattacks, KG.targets, DATA.IndustrialInternet),
        (DATA.Zhejiang5GIndustryAlliance, KG.promotes, DATA.IndustrialInternet),
        (DATA.ChinaMobileZhejiang, KG.established, DATA.Zhejiang5GIndustryAlliance),
        (DATA.ChinaMobile, KG.hasBranch, DATA.ChinaMobileZhejiang),
    ]
    for hop in reached[DATA.ChinaMobile]:
        assert any(data.subjects(RDF.subject, hop[0])), hop
    assert DATA.ConsumerInternetApplications not in reached
