"""Suggested facts from articles: sentences, mentions, patterns from the ontology."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from explorer.core.errors import Cancelled
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import KnownEntity, MentionFinder
from explorer.core.extraction.sentences import split_sentences
from explorer.core.extraction.suggest import suggest_facts
from explorer.core.tasks import CancelToken
from explorer.core.vocab import ONTOLOGY_IRI

KG = ONTOLOGY_IRI


def facts(text: str, lexicon: Lexicon, known=()) -> set[tuple[str, str, str]]:
    """The rules' readings (see ``extraction_support.facts``)."""
    out = set()
    for s in suggest_facts(text, lexicon, known, learned=False):
        data = s.as_json()
        ends = [d.get("iri") or d.get("label") for d in (data["subject"], data["object"])]
        out.add((ends[0], s.predicate.rsplit("#", 1)[-1], ends[1]))
    return out


def test_sentences_keep_offsets_into_the_document() -> None:
    text = "First one here. Second one.\n第三句。第四句！"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First one here.", "Second one.", "第三句。", "第四句！"]
    for s in sentences:
        assert text[s.start:s.end] == s.text
    assert [s.line for s in sentences] == [1, 1, 2, 2]


@settings(deadline=None)
@given(st.text(alphabet="abc XYZ.!?。\n", max_size=120))
def test_every_sentence_is_a_verbatim_slice(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text


def test_the_seed_sentence_gives_its_chain(lexicon: Lexicon) -> None:
    text = ("China Mobile's Zhejiang branch established a 5G industry alliance to promote the development of "
            "the industrial internet. The alliance currently has 193 leading companies. For example, it has "
            "partnered with hospitals to support 5G-enabled remote healthcare services.")
    found = facts(text, lexicon)
    assert ("China Mobile Zhejiang", "established", "5G industry alliance") in found
    assert ("5G industry alliance", "promotes", "industrial internet") in found
    # "it" is the alliance of the sentence before.
    assert ("5G industry alliance", "partneredWith", "hospitals") in found
    assert ("hospitals", "supports", "5G-enabled remote healthcare services") in found


def test_known_entities_are_matched_by_label_and_alias_across_case_and_width(lexicon: Lexicon) -> None:
    known = [KnownEntity("urn:cm", "China Mobile", KG + "TelecomOperator"),
             KnownEntity("urn:hw", "Huawei", KG + "DeviceVendor"),
             KnownEntity("urn:hw", "华为", KG + "DeviceVendor")]
    found = facts("ＨＵＡＷＥＩ teamed up with china mobile.", lexicon, known)
    assert ("urn:hw", "partneredWith", "urn:cm") in found
    finder = MentionFinder(lexicon, known)
    assert [m.iri for m in finder.find("华为支持远程医疗服务。")][:1] == ["urn:hw"]


def test_object_first_and_object_between_patterns(lexicon: Lexicon) -> None:
    assert ("e-commerce", "exampleOf", "consumer internet applications") in facts(
        "Compared with consumer internet applications such as e-commerce, it is complex.", lexicon)
    assert ("5G产业联盟", "partneredWith", "浙江大学") in facts("中国移动成立了5G产业联盟。联盟与浙江大学合作。", lexicon)


def test_domain_and_range_keep_a_preposition_from_linking_anything(lexicon: Lexicon) -> None:
    found = facts("Strategy Analytics said in its latest report that sales rose.", lexicon)
    assert not any(p == "locatedIn" for _, p, _ in found)


def test_patterns_come_from_the_ontology_so_a_user_extends_them_without_code() -> None:
    graph = Graph().parse(data=f"""
        @prefix kg: <{KG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        kg:acquired rdfs:domain kg:Company ; rdfs:range kg:Company ; kg:lexicalPattern "snapped up"@en .
        kg:Company kg:nameCue "Holdings"@en .
    """, format="turtle")
    lexicon = Lexicon.from_ontology(graph)
    assert facts("Acme Holdings snapped up Widget Holdings.", lexicon) == {("Acme Holdings", "acquired", "Widget Holdings")}
    assert facts("Acme Holdings bought Widget Holdings.", lexicon) == set()


def test_json_shape_names_new_entities_with_their_class(lexicon: Lexicon) -> None:
    [first, *_] = suggest_facts("The Ministry of Industry and Information Technology set up an alliance.", lexicon)
    data = first.as_json()
    assert data["subject"] == {"label": "Ministry of Industry and Information Technology", "class": KG + "GovernmentAgency"}
    assert data["predicate"] == KG + "established"
    assert data["quote"] == "The Ministry of Industry and Information Technology set up an alliance."
    assert data["sentence"] == 1 and data["pattern"] == "set up" and 0 < data["confidence"] <= 1


def test_cancel_stops_between_sentences(lexicon: Lexicon) -> None:
    token = CancelToken()
    seen = []

    def progress(fraction, message):
        seen.append(fraction)
        token.cancel()

    with pytest.raises(Cancelled):
        suggest_facts("One sentence. Two sentence. Three sentence.", lexicon, progress=progress, cancel=token)
    assert len(seen) == 1
