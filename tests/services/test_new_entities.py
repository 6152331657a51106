"""The class each new entity of accepted suggestions is created with: one that all its facts allow."""

from __future__ import annotations

import pytest

from explorer.core.curation import Curator, Provenance
from explorer.core.extraction.sentences import split_sentences
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import Suggestion
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import KG
from explorer.services.importing.new_entities import NewEntities

SENTENCE = split_sentences("Words.")[0]


def _fact(subject: Mention, predicate: str, obj: Mention) -> Suggestion:
    return Suggestion(subject, predicate, obj, SENTENCE, "w", 0, 1, 0.9)


def _new(text: str, cls: str | None = None) -> Mention:
    return Mention(0, len(text), text, cls=cls, label=text)


@pytest.fixture(scope="module")
def schema():
    return Curator(KnowledgeGraph.bundled(), Provenance("Test Analyst")).schema


def _class(schema, facts: list[Suggestion], which: int, end: int) -> str:
    found = NewEntities(schema, facts).of(facts[which])[end]
    assert found is not None
    return found[1].rsplit("#", 1)[-1]


def test_an_end_with_no_cue_takes_its_kind_from_its_words_and_its_facts(schema) -> None:
    huawei = _new("Huawei", str(KG.Agent))
    facts = [_fact(huawei, str(KG.built), _new("5G private network")),
             _fact(huawei, str(KG.built), _new("edge servers")),
             _fact(_new("edge servers"), str(KG.locatedIn), _new("Linhe plant")),
             _fact(_new("cameras"), str(KG.locatedIn), _new("Wuyuan county"))]
    assert _class(schema, facts, 0, 1) == "PrivateNetwork"  # a class's name ends the phrase
    assert _class(schema, facts, 1, 1) == "Asset"  # a thing named by no word of its kind
    assert _class(schema, facts, 2, 1) == "Facility"  # a site's head noun, where things are located
    assert _class(schema, facts, 3, 1) == "Place"  # a location named by no site word
    # a brewery, a distillery or a foundry is a site too; the reader's "place" for where things are located gives way to
    # a site's noun
    for site in ("Lancang brewery", "Dali distillery", "Anshan foundry", "Yantai winery"):
        assert _class(schema, [_fact(_new("cameras"), str(KG.locatedIn), _new(site, str(KG.Place)))], 0, 1) == "Facility"
    assert _class(schema, [_fact(_new("cameras"), str(KG.locatedIn), _new("Jiantang town", str(KG.Place)))], 0, 1) == "Place"
    # an agent named by no word of its kind: an organization (kg:Agent only gathers organizations, people, attackers)
    assert _class(schema, facts, 0, 0) == "Organization"


def test_who_is_only_blamed_for_an_attack_is_a_threat_actor(schema) -> None:
    frostmoth = _new("Frostmoth", str(KG.Agent))
    blamed = [_fact(_new("the intrusion"), str(KG.attributedTo), frostmoth),
              _fact(_new("the campaign"), str(KG.carriedOutBy), frostmoth)]
    assert _class(schema, blamed, 0, 1) == "ThreatActor"
    assert _class(schema, blamed, 1, 1) == "ThreatActor"
    # a name that also partners or builds is an organization, blamed or not
    partner = [*blamed, _fact(frostmoth, str(KG.partneredWith), _new("Haier"))]
    assert _class(schema, partner, 0, 1) == "Organization"


def test_one_class_answers_every_fact_of_one_name(schema) -> None:
    # who set up an alliance is an organization, though the words only say it acts
    facts = [_fact(_new("Hetao Seed", str(KG.Agent)), str(KG.built), _new("sorting line")),
             _fact(_new("Hetao Seed", str(KG.Agent)), str(KG.established), _new("Hetao Alliance", str(KG.IndustryAlliance)))]
    assert _class(schema, facts, 0, 0) == _class(schema, facts, 1, 0) == "Organization"


def test_a_name_two_facts_ask_two_disjoint_kinds_of_is_two_entities(schema) -> None:
    attack = _new("ransomware attack", str(KG.CyberRisk))
    facts = [_fact(_new("CNCERT", str(KG.GovernmentAgency)), str(KG.warnsOf), attack),
             _fact(attack, str(KG.affected), _new("design servers"))]
    entities = NewEntities(schema, facts)
    risk, incident = entities.of(facts[0])[1], entities.of(facts[1])[0]
    assert risk is not None and incident is not None
    assert risk[0] != incident[0]
    assert schema.is_subclass(risk[1], str(KG.CyberRisk)) and schema.is_subclass(incident[1], str(KG.Incident))
