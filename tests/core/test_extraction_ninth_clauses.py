"""Clause and verb mechanisms of the ninth session: possessive determiners, appositions of ownership, threats as verbs'
subjects, contact relative clauses (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_possessive_determiner_is_no_subject_of_the_verb_after_its_noun(lexicon: Lexicon) -> None:
    text = "Weichai Group makes engines in Shandong. Its competitor Yuchai Machinery runs a foundry in Yulin."
    found = facts(text, lexicon)
    assert ("Yuchai Machinery", "operates", "foundry") in found
    assert not any(p == "operates" and s == "Weichai Group" for s, p, _o in found)


def test_a_possessive_determiner_before_the_patterns_noun_still_has_what_follows(lexicon: Lexicon) -> None:
    text = "The Anhui Robotics Alliance was set up in 2021. Its members include Efort and Chery."
    found = facts(text, lexicon)
    assert ("Efort", "memberOf", "Anhui Robotics Alliance") in found or ("Anhui Robotics Alliance", "hasMember", "Efort") in found
