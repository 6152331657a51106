"""A clause that goes on past its noun: a participle with an object ("a network linking 43 makers"), the verb after an
aside ("The network, which uses …, links …"), a second verb of a relative clause ("that Inspur built and operates"), "it"
after a verb of running ("connected over it") (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

import pytest
from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _texts(lexicon: Lexicon, sentence: str) -> list[str]:
    return [m.text for m in MentionFinder(lexicon).find(sentence)]


def test_a_participle_before_its_object_ends_the_noun_phrase(lexicon: Lexicon) -> None:
    found = _texts(lexicon, "China Mobile has rolled out a 5G private network linking 43 valve makers in Tieling.")
    assert "5G private network" in found
    assert not any("linking" in t for t in found)


def test_an_ing_word_before_a_plural_still_modifies_it(lexicon: Lexicon) -> None:
    assert "state-backed hacking groups" in _texts(lexicon, "The firm warned that state-backed hacking groups were busy.")


def test_the_verb_after_an_aside_opens_no_noun_phrase(lexicon: Lexicon) -> None:
    sentence = ("The network, which uses base stations supplied by ZTE, links vibration sensors and gearbox thermometers "
                "across the wind farm.")
    assert "links" not in _texts(lexicon, sentence)
    found = facts("China Mobile built a 5G private network at the wind farm. " + sentence, lexicon)
    assert ("vibration sensors", "runsOn", "5G private network") in found
    assert ("gearbox thermometers", "runsOn", "5G private network") in found


@pytest.mark.parametrize("sentence, actor, thing", [
    ("The line runs on Hecheng Cloud, a platform that Inspur built and operates.", "Inspur", "Hecheng Cloud"),
    ("The app runs on Nova, which Huawei developed and now manages.", "Huawei", "Nova"),
])
def test_a_second_verb_of_a_relative_clause_has_its_subject_and_object(lexicon: Lexicon, sentence: str, actor: str,
                                                                       thing: str) -> None:
    found = facts(sentence, lexicon)
    assert (actor, "built", thing) in found
    assert (actor, "operates", thing) in found


def test_a_second_verb_with_an_object_of_its_own_is_left_alone(lexicon: Lexicon) -> None:
    found = facts("The line runs on Hecheng Cloud, a platform that Inspur built and operates data centres for.", lexicon)
    assert ("Inspur", "operates", "Hecheng Cloud") not in found


def test_it_after_a_verb_of_running_is_the_network(lexicon: Lexicon) -> None:
    text = ("China Telecom has completed a 5G private network at the Wuda coke plant. The network, which the carrier "
            "will operate for ten years, covers the coke ovens. More than 900 gas detectors are connected over it.")
    found = facts(text, lexicon)
    assert ("gas detectors", "runsOn", "5G private network") in found
    assert not any(p == "runsOn" and o in ("China Telecom", "carrier") for _, p, o in found)


def test_it_that_hosts_is_the_platform_the_first_clause_named(lexicon: Lexicon) -> None:
    found = facts("Inspur developed Xinghe, the platform that Huaguang operates, and it hosts digital twins of the "
                  "coating lines.", lexicon)
    assert ("Xinghe", "hosts", "digital twins") in found
    assert ("Inspur", "hosts", "digital twins") not in found


def test_it_written_in_capitals_is_information_technology(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    finder.find("A ransomware attack hit a soda ash maker in January.")
    found = finder.find("The ministry ordered chemical parks to isolate control networks from office IT systems.")
    assert not any(m.text == "IT" and m.via == "pronoun" for m in found)
