"""Relations of the eleventh session: facts whose two ends are found but whose words were not read — which noun a
relative clause, a participle or a list attaches to, and which predicate its verb states (sentences written here,
none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_which_clause_whose_subject_comes_before_its_verb_has_the_thing_for_its_object(lexicon: Lexicon) -> None:
    text = ("The private network, which China Unicom's Hunan branch and ZTE deployed at the mill in March, "
            "carries data from 300 sensors.")
    found = facts(text, lexicon)
    assert ("China Unicom's Hunan branch", "built", "private network") in found
    assert ("ZTE", "built", "private network") in found


def test_a_which_clause_with_the_before_its_subject(lexicon: Lexicon) -> None:
    found = facts("Members joined the Hunan Smart Mining Alliance, which the Changsha Municipal Bureau of Industry "
                  "founded in 2020.", lexicon)
    assert ("Changsha Municipal Bureau of Industry", "established", "Hunan Smart Mining Alliance") in found


def test_an_object_relative_on_a_passive_pattern_states_its_agent(lexicon: Lexicon) -> None:
    # "supplied" alone is no pattern (products sold), but "the cloud, which Inspur supplied" is "supplied by Inspur"
    found = facts("The edge cloud, which Inspur supplied, stores the inspection images.", lexicon)
    assert ("edge cloud", "builtBy", "Inspur") in found


def test_a_which_clause_with_an_object_of_its_own_states_nothing_of_the_thing(lexicon: Lexicon) -> None:
    found = facts("The alliance, which Huawei supplied the routers for, met in Xi'an.", lexicon)
    assert not any(p == "builtBy" for _s, p, _o in found)
