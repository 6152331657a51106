"""Search, resolve and describe on graphs that carry their ontology next to their data.

An entity in the world ranks above an ontology term with the same words; a label that is
exactly that of a class and of an instance is ambiguous (the error lists both); ``describe``
of a class shows its superclasses and equivalent classes; CamelCase and reordered words find
their entity.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import cli
from explorer.core.errors import AmbiguousEntity
from explorer.core.graph import KnowledgeGraph

E = "http://example.org/"
PREAMBLE = """
@prefix e: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
WORDS = ["mobile", "china", "port", "smart", "network", "slice", "edge", "factory", "grid", "hospital", "alliance"]
SCHEMA_KINDS = ["owl:Class", "rdfs:Class", "owl:ObjectProperty", "owl:DatatypeProperty", "rdf:Property"]
LABELS = ["rdfs:label", "skos:prefLabel"]


def graph(turtle: str) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.load_text(PREAMBLE + turtle, "turtle")
    return kg


phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True).map(" ".join)


@settings(max_examples=50, deadline=None)
@given(words=phrase, schema=st.sampled_from(SCHEMA_KINDS), label=st.sampled_from(LABELS),
       schema_label=st.sampled_from(LABELS), case=st.sampled_from([str, str.title, str.upper]),
       query_words=st.integers(1, 3))
def test_an_entity_in_the_world_ranks_above_an_ontology_term_with_the_same_words(words, schema, label,
                                                                                schema_label, case, query_words):
    # Same words, so label quality cannot separate them (it put the term first on ties).
    kg = graph(f'e:Term a {schema} ; {schema_label} "{words}" . '
               f'e:thing a e:Kind ; {label} "{case(words)}" . e:Kind a owl:Class ; rdfs:label "kind" .')
    hits = kg.search(" ".join(words.split()[:query_words]), limit=10)
    entities = [hit.entity for hit in hits]
    assert E + "thing" in entities and E + "Term" in entities
    assert entities.index(E + "thing") < entities.index(E + "Term")


@settings(max_examples=30, deadline=None)
@given(words=phrase, schema=st.sampled_from(SCHEMA_KINDS), label=st.sampled_from(LABELS))
def test_a_label_naming_both_a_class_and_an_instance_is_ambiguous(words, schema, label):
    kg = graph(f'e:Term a {schema} ; {label} "{words}" . e:thing a e:Kind ; rdfs:label "{words.upper()}" .')
    with pytest.raises(AmbiguousEntity) as raised:
        kg.resolve(words)
    listed = {iri for iri, _, _ in raised.value.candidates}
    assert listed == {E + "Term", E + "thing"}
    assert E + "Term" in str(raised.value) and E + "thing" in str(raised.value)


@settings(max_examples=50, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3, unique=True), data=st.data())
def test_camel_case_and_reordered_words_find_their_entity(words, data):
    label = " ".join(word.capitalize() for word in words)
    # Another entity whose label has one word more: it must not make the query ambiguous.
    others = [w for w in WORDS if w not in words]
    longer = label + " " + data.draw(st.sampled_from(others)).capitalize()
    kg = graph(f'e:it a e:Kind ; rdfs:label "{label}" . e:bigger a e:Kind ; rdfs:label "{longer}" .')
    spelling = data.draw(st.sampled_from(["camel", "shuffled", "lower camel", "snake"]))
    if spelling == "camel":
        query = "".join(word.capitalize() for word in words)
    elif spelling == "lower camel":
        query = words[0] + "".join(word.capitalize() for word in words[1:])
    elif spelling == "snake":
        query = "_".join(reversed(words))
    else:
        shuffled = list(words)
        random.Random(data.draw(st.integers(0, 1000))).shuffle(shuffled)
        if shuffled == words:
            shuffled.reverse()
        query = " ".join(shuffled)
    assert kg.resolve(query) == E + "it"
    assert kg.search(query, limit=5)[0].entity == E + "it"


DESCRIBED = graph("""
e:Operator a owl:Class ; rdfs:label "operator" ; rdfs:subClassOf e:Organisation, e:Company ;
    owl:equivalentClass e:Carrier .
e:TelecomProvider a owl:Class ; rdfs:label "telecom provider" ; owl:equivalentClass e:Operator .
e:Organisation a owl:Class ; rdfs:label "organisation" .
e:Company a owl:Class ; rdfs:label "company" .
e:Carrier a owl:Class ; rdfs:label "carrier" .
e:cm a e:Operator ; rdfs:label "China Mobile" .
""")


def test_describe_of_a_class_shows_superclasses_and_equivalent_classes():
    description = DESCRIBED.describe(E + "Operator")
    assert description.superclasses == [(E + "Company", "company"), (E + "Organisation", "organisation")]
    # Declared either way round.
    assert description.equivalent_classes == [(E + "Carrier", "carrier"), (E + "TelecomProvider", "telecom provider")]
    instance = DESCRIBED.describe(E + "cm")
    assert instance.superclasses == [] and instance.equivalent_classes == []


def test_the_cli_describe_shows_them(monkeypatch, capsys, tmp_path):
    data = tmp_path / "onto.ttl"
    data.write_text(PREAMBLE + """
e:Operator a owl:Class ; rdfs:label "operator" ; rdfs:subClassOf e:Organisation ; owl:equivalentClass e:Carrier .
e:Organisation a owl:Class ; rdfs:label "organisation" . e:Carrier a owl:Class ; rdfs:label "carrier" .
""", encoding="utf-8")
    assert cli.main(["describe", "--data", str(data), E + "Operator"]) == 0
    out = capsys.readouterr().out
    assert "Subclass of: organisation" in out and "Equivalent to: carrier" in out
