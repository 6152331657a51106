"""Facts between agents and things carried by verbs and their nouns: who promotes, builds, runs, partners (sentences
written here, with names and wording of their own, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_an_agent_that_has_promoted_a_technology_promotes_it(lexicon: Lexicon) -> None:
    found = facts("The Anhui Economic Commission has promoted remote crane control since 2020.", lexicon)
    assert ("Anhui Economic Commission", "promotes", "remote crane control") in found
    found = facts("The Hunan Energy Bureau, which has promoted smart substations for years, signed the plan.", lexicon)
    assert ("Hunan Energy Bureau", "promotes", "smart substations") in found
    # a person promoted to a post promotes nothing
    found = facts("Li Hua was promoted to chief engineer at Zoomlion in 2019.", lexicon)
    assert not any(p == "promotes" for _s, p, _o in found)


def test_what_follows_as_after_a_verbs_object_is_no_object_of_the_verb(lexicon: Lexicon) -> None:
    found = facts("The Fujian Port Authority promotes the scheme as a model for Xiamen Port Group.", lexicon)
    assert not any(p == "promotes" for _s, p, _o in found)
    # "as well as" joins objects, and "such as" names examples
    found = facts("Nokia supplied the radio units as well as the core servers.", lexicon)
    assert ("Nokia", "built", "radio units") in found


def test_a_name_of_unknown_kind_developed_by_an_organization_is_built_by_it_not_a_standard(lexicon: Lexicon) -> None:
    found = facts("Harbor Mind was developed by Inspur Group for the port.", lexicon)
    assert ("Harbor Mind", "builtBy", "Inspur Group") in found
    assert not any(p == "developedBy" for _s, p, _o in found)
    # a name of unknown kind owned by an organization stays a company owned by it
    found = facts("Jinwei Chemicals is owned by Tongda Holding, a state investor.", lexicon)
    assert ("Jinwei Chemicals", "ownedBy", "Tongda Holding") in found or ("Jinwei Chemicals", "subsidiaryOf", "Tongda Holding") in found


def test_a_whose_clause_in_commas_is_an_aside_the_verb_after_it_does_not_take_its_subject_from(lexicon: Lexicon) -> None:
    found = facts("Liuzhou Bureau of Industry, whose industrial park is home to 30 parts makers, has promoted 5G welding.",
                  lexicon)
    assert ("Liuzhou Bureau of Industry", "promotes", "5G welding") in found
    assert not any(p == "promotes" and s != "Liuzhou Bureau of Industry" for s, p, _o in found)
