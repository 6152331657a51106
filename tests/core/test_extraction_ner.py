"""The optional NER hook: a pipeline with spaCy's interface adds name candidates, marked and trusted
less; a pipeline that is not installed is reported in one line and never downloaded."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import KnownEntity
from explorer.core.extraction.ner import NER_MARK, NerUnavailable, load_pipeline, ner_mentions
from explorer.core.extraction.suggest import suggest_facts


@dataclass
class FakeSpan:
    text: str
    label_: str
    start_char: int
    end_char: int


@dataclass
class FakeDoc:
    ents: list[FakeSpan]


@dataclass
class FakePipeline:
    """Finds the given names with the given labels, as spaCy's ``nlp(text)`` would."""

    names: dict[str, str]
    calls: list[str] = field(default_factory=list)

    def __call__(self, text: str) -> FakeDoc:
        self.calls.append(text)
        ents = []
        for name, label in self.names.items():
            at = text.find(name)
            if at >= 0:
                ents.append(FakeSpan(name, label, at, at + len(name)))
        return FakeDoc(ents)


def test_an_ner_entity_fills_a_place_no_cue_covers(lexicon: Lexicon) -> None:
    text = "华为支持远程医疗服务。"
    assert not any(s.subject.text == "华为" for s in suggest_facts(text, lexicon))
    found = suggest_facts(text, lexicon, ner=FakePipeline({"华为": "ORG"}))
    [fact] = [s for s in found if s.subject.text == "华为"]
    assert fact.predicate.endswith("#supports") and fact.pattern == f"支持 {NER_MARK}"
    assert fact.as_json()["pattern"].endswith(NER_MARK)
    assert fact.as_json()["subject"] == {"label": "华为", "class": "https://w3id.org/kg-explorer/ontology#Organization"}
    # the same fact with 华为 known to the graph is trusted more
    known = [KnownEntity("https://example.org/Huawei", "华为", "https://w3id.org/kg-explorer/ontology#Organization")]
    [same] = [s for s in suggest_facts(text, lexicon, known) if s.subject.iri is not None]
    assert fact.confidence < same.confidence and NER_MARK not in same.pattern


def test_our_own_mentions_win_over_the_pipeline(lexicon: Lexicon) -> None:
    text = "The Ministry of Commerce set up a trade alliance."
    pipeline = FakePipeline({"Commerce": "ORG", "trade": "PRODUCT", "The Ministry": "DATE"})
    found = suggest_facts(text, lexicon, ner=pipeline)
    assert pipeline.calls == [text]
    assert all(NER_MARK not in s.pattern for s in found)
    assert any(s.subject.text == "Ministry of Commerce" for s in found)


def test_labels_outside_the_graph_are_left_out() -> None:
    pipeline = FakePipeline({"2020": "DATE", "Huawei": "ORG", "Wang Wei": "PERSON"})
    mentions = ner_mentions(pipeline, "Wang Wei joined Huawei in 2020.")
    assert [(m.text, m.cls.rsplit("#", 1)[-1], m.via) for m in mentions] == [("Huawei", "Organization", "ner"),
                                                                              ("Wang Wei", "Person", "ner")]


def test_a_missing_spacy_is_one_line_and_nothing_is_fetched() -> None:
    def no_spacy(name: str) -> object:
        raise ImportError(f"No module named '{name}'")

    with pytest.raises(NerUnavailable) as raised:
        load_pipeline("en_core_web_sm", importer=no_spacy)
    assert "'en_core_web_sm'" in str(raised.value) and "spaCy is not installed" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_missing_model_is_one_line() -> None:
    class Spacy:
        def load(self, name: str) -> object:
            raise OSError(f"[E050] Can't find model '{name}'. It doesn't seem to be a Python package.\nmore")

    with pytest.raises(NerUnavailable) as raised:
        load_pipeline("xx_missing", importer=lambda _name: Spacy())
    assert "E050" in str(raised.value) and "\n" not in str(raised.value)


def test_an_installed_pipeline_is_loaded_by_name() -> None:
    pipeline = FakePipeline({})

    class Spacy:
        def load(self, name: str) -> object:
            assert name == "en_core_web_sm"
            return pipeline

    assert load_pipeline("en_core_web_sm", importer=lambda _name: Spacy()) is pipeline
