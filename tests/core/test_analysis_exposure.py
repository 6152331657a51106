"""Exposure along the links the ontology says carry it, with chains, evidence and "why not"."""

from __future__ import annotations

import pytest

from explorer.core.analysis.exposure import exposure, exposure_rules, risks, why_not
from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph

E = "http://e/"
TTL = """
@prefix kg: <https://w3id.org/kg-explorer/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix e: <http://e/> .

e:threatens a owl:ObjectProperty ; rdfs:label "threatens" ; kg:exposureDirection kg:Forward ; kg:exposureWeight 0.9 .
e:dependsOn a owl:ObjectProperty ; rdfs:label "depends on" ; kg:exposureDirection kg:Backward ; kg:exposureWeight 0.8 .
e:reliesOn a owl:ObjectProperty ; rdfs:label "relies on" ; rdfs:subPropertyOf e:dependsOn .
e:supports a owl:ObjectProperty ; rdfs:label "supports" ; owl:inverseOf e:dependsOn .
e:moreVulnerableThan a owl:ObjectProperty ; rdfs:label "more vulnerable than" .

e:attack a kg:CyberRisk ; rdfs:label "attack" .
e:attack e:threatens e:platform .
e:platform rdfs:label "platform" .
e:company e:dependsOn e:platform .
e:company rdfs:label "company" .
e:branch e:reliesOn e:company .
e:branch rdfs:label "branch" .
e:platform e:supports e:partner .
e:partner rdfs:label "partner" .
e:platform e:moreVulnerableThan e:consumer .
e:consumer rdfs:label "consumer apps" .
e:platform e:dependsOn e:cloud .
e:cloud rdfs:label "cloud" .

e:ev1 a rdf:Statement ; rdf:subject e:attack ; rdf:predicate e:threatens ; rdf:object e:platform ;
    kg:quote "the platform is more vulnerable to attacks" ; kg:sentenceIndex 9 .
"""


@pytest.fixture
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph()
    graph.load_text(TTL, "turtle")
    return graph


def test_rules_come_from_annotations_sub_properties_and_inverses(kg):
    rules = exposure_rules(kg)
    assert rules[E + "threatens"].direction == "forward" and rules[E + "threatens"].weight == 0.9
    assert rules[E + "reliesOn"].direction == "backward" and rules[E + "reliesOn"].inherited_from == E + "dependsOn"
    assert rules[E + "supports"].direction == "forward"
    assert E + "moreVulnerableThan" not in rules


def test_exposure_ranks_what_the_risk_reaches_with_chains_and_evidence(kg):
    assert risks(kg) == [E + "attack"]
    report = exposure(kg)
    ranked = [(item.entity, round(item.score, 3), item.hops) for item in report.exposed]
    assert ranked == [(E + "platform", 0.9, 1), (E + "company", 0.72, 2), (E + "partner", 0.72, 2),
                      (E + "branch", 0.576, 3)]
    branch = report.find(E + "branch")
    assert branch is not None
    chain = branch.chains[0]
    assert chain.words(kg) == "attack —threatens→ platform —supports→ company —relies on (inverse)→ branch"
    evidence = chain.evidence(kg)
    assert evidence[0][0].quote == "the platform is more vulnerable to attacks"
    assert evidence[1] == []


def test_why_not_names_the_link_that_stops_exposure(kg):
    report = exposure(kg)
    assert report.find(E + "consumer") is None and report.find(E + "cloud") is None
    blocked = why_not(kg, report, E + "consumer")
    assert blocked.reached_from == E + "platform"
    assert "more vulnerable than" in blocked.reason and "no kg:exposureDirection" in blocked.reason
    blocked = why_not(kg, report, E + "cloud")
    assert "only from object to subject" in blocked.reason
    with pytest.raises(ExplorerError, match="nothing blocks it"):
        why_not(kg, report, E + "company")


def test_max_hops_and_a_bad_weight(kg):
    assert [item.entity for item in exposure(kg, max_hops=1).exposed] == [E + "platform"]
    kg.load_text(f'<{E}threatens> <https://w3id.org/kg-explorer/ontology#exposureWeight> "2.5" .', "ntriples")
    with pytest.raises(ExplorerError, match="exposureWeight"):
        exposure_rules(kg)
