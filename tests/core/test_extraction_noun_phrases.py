"""Noun phrases as English news prose builds them (eighth session, second round on names): where a
described thing ends and where its verb begins (sentences written here, none from the articles the
benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _labels(text: str, lexicon: Lexicon) -> list[str]:
    return [(m.label or m.text) for m in MentionFinder(lexicon).find(text)]


def test_the_verb_of_a_relative_that_is_no_part_of_a_noun_phrase(lexicon: Lexicon) -> None:
    labels = _labels("Weichai tests welding robots that lift engine blocks onto the line.", lexicon)
    assert not any(label.startswith("lift") for label in labels)
    assert "engine blocks" in labels
    labels = _labels("The mill installed cameras that still miss hairline cracks.", lexicon)
    assert "hairline cracks" in labels
    assert not any("miss" in label for label in labels)


def test_a_clause_s_subject_after_a_reporting_that_keeps_its_first_word(lexicon: Lexicon) -> None:
    labels = _labels("Engineers said that signal boxes fail in winter.", lexicon)
    assert "signal boxes" in labels


def test_a_bare_verb_after_a_plural_subject_ends_its_phrase(lexicon: Lexicon) -> None:
    labels = _labels("At the depot in Xiangtan, where autonomous forklifts stack steel coils, output rose.", lexicon)
    assert "autonomous forklifts" in labels
    assert not any("stack" in label for label in labels)
    # a plural that modifies its head stays in the phrase
    labels = _labels("The contract covers sales offices in Wuxi.", lexicon)
    assert not any(label == "sales" for label in labels)


def test_an_acronym_opens_a_described_thing(lexicon: Lexicon) -> None:
    labels = _labels("Inspectors found that GPS jamming had grounded the survey drones.", lexicon)
    assert "GPS jamming" in labels
    labels = _labels("The yard is linked through 5G routers on every crane.", lexicon)
    assert "5G routers" in labels


def test_and_between_two_names_of_two_words_each(lexicon: Lexicon) -> None:
    labels = _labels("Weifang Steel and Huaneng Power have since signed up.", lexicon)
    assert "Weifang Steel" in labels and "Huaneng Power" in labels
    labels = _labels("Its members include Xiamen Tungsten and China Merchants Port.", lexicon)
    assert "Xiamen Tungsten" in labels and "China Merchants Port" in labels
    # fields joined inside one name stay one name
    assert "Ministry of Human Resources and Social Security" in _labels(
        "The Ministry of Human Resources and Social Security said so.", lexicon)
    assert "Zhuhai Port and Shipping Group" in _labels("Zhuhai Port and Shipping Group said so.", lexicon)
    assert "Wuxi Economic and Technological Development Zone" in _labels(
        "The lab sits in the Wuxi Economic and Technological Development Zone.", lexicon)


def test_a_definite_description_is_headed_by_its_last_noun(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    finder.find("Sany has installed two gantry cranes at the yard.")
    labels = [(m.label or m.text) for m in finder.find("Auditors said the crane control software is outdated.")]
    assert "gantry cranes" not in labels
    assert "crane control software" in labels
    finder.find("Sany has installed two gantry cranes at the yard.")
    labels = [(m.label or m.text) for m in finder.find("Auditors said the cranes went offline.")]
    assert "gantry cranes" in labels
    # a definite compound after a preposition sets the scene: no thing of its own
    labels = [(m.label or m.text) for m in MentionFinder(lexicon).find("The drive to put robots onto the shop floor is led by Wuxi.")]
    assert "shop floor" not in labels


def test_a_quantifier_is_no_part_of_what_it_counts(lexicon: Lexicon) -> None:
    labels = _labels("Hackers targeted several logistics companies in Ningbo.", lexicon)
    assert "logistics companies" in labels
    labels = _labels("It runs in conditions few rivals can match.", lexicon)
    assert "conditions" in labels and not any("rivals" in label for label in labels)


def test_a_participle_ending_a_phrase_after_its_noun_is_no_modifier(lexicon: Lexicon) -> None:
    labels = _labels("Police blamed a criminal gang based overseas.", lexicon)
    assert "criminal gang" in labels




def test_a_name_ending_in_a_field_before_and_one_more_name(lexicon: Lexicon) -> None:
    labels = _labels("Partners include Wuxi Chemicals, Nanjing Technology and Tencent.", lexicon)
    assert "Nanjing Technology" in labels and "Tencent" in labels
    assert "Ministry of Science and Technology" in _labels("The Ministry of Science and Technology agreed.", lexicon)


def test_a_two_word_described_owner_opens_what_it_has(lexicon: Lexicon) -> None:
    labels = _labels("Engineers said the steel mill's blast furnace controller needs patches.", lexicon)
    assert any(label.startswith("blast furnace controller") for label in labels)


def test_a_sentence_opening_plural_before_a_preposition_is_no_name(lexicon: Lexicon) -> None:
    mentions = MentionFinder(lexicon).find("Backers of the consortium include Weichai and Sany.")
    assert [m.via for m in mentions if m.text == "Backers"] == ["phrase"]
    assert "Siemens" in _labels("Siemens said the plant was ready.", lexicon)


def test_a_hyphened_modifier_before_a_listed_name_keeps_the_list(lexicon: Lexicon) -> None:
    found = facts("Acme set up the Qiantang 5G Alliance in 2021. Members of the alliance include Zhejiang University, "
                  "Hangzhou-based Hikvision and Geely.", lexicon)
    assert ("Hikvision", "memberOf", "Qiantang 5G Alliance") in found
    assert ("Geely", "memberOf", "Qiantang 5G Alliance") in found


def test_an_adjective_before_a_named_site(lexicon: Lexicon) -> None:
    found = facts("Kunlun Mining runs driverless trucks in its underground Tashan mine.", lexicon)
    assert ("Kunlun Mining", "operates", "Tashan mine") in found
    assert ("driverless trucks", "locatedIn", "Tashan mine") in found
    # a description with its own determiner after a noun is read from its own determiner
    labels = _labels("SMIC, the chipmaker whose Wuxi fabs stand in the zone, grew.", lexicon)
    assert "Wuxi fabs" in labels
