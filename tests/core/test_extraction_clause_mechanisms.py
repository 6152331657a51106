"""Clause and verb mechanisms of the eighth session: inflected verbs, "where" clauses, passives and agents,
relative clauses and calls (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_declared_third_person_verb_holds_in_the_plural_and_the_past(lexicon: Lexicon) -> None:
    found = facts("Sany's welding robots rely on a cloud platform.", lexicon)
    assert ("sany's welding robots", "dependsOn", "cloud platform") in found
    found = facts("Last year Gree relied on Siemens controllers.", lexicon)
    assert ("Gree", "dependsOn", "Siemens controllers") in found or ("Gree", "dependsOn", "Siemens") in found
    assert not any(p == "dependsOn" for _s, p, _o in facts("Thanks to Huawei, the port runs on 5G.", lexicon))


def test_a_pronoun_subject_of_its_own_clause_is_no_name_before_it(lexicon: Lexicon) -> None:
    found = facts("Analysts said smart ports are exposed to malware because they run on legacy controllers.", lexicon)
    assert not any(s == "malware" for s, _p, _o in found)


def test_the_object_of_a_prepositional_verb_is_what_its_preposition_governs(lexicon: Lexicon) -> None:
    found = facts("Yitai's mining trucks run on a private network from China Telecom.", lexicon)
    assert ("Yitai's mining trucks", "runsOn", "private network") in found or \
        any(p == "runsOn" and o == "private network" for _s, p, o in found)
    assert not any(p == "runsOn" and o == "China Telecom" for _s, p, o in found)


def test_a_described_subject_before_a_preposition_is_not_the_name_after_it(lexicon: Lexicon) -> None:
    found = facts("The autonomous trucks at Baorixile run on a private network.", lexicon)
    assert not any(s == "Baorixile" for s, _p, _o in found)


def test_what_a_where_clause_speaks_of_stands_in_the_site_before_it(lexicon: Lexicon) -> None:
    found = facts("Yankuang Energy runs the Zhaolou mine in Heze, where autonomous drilling rigs run on a private network.",
                  lexicon)
    assert ("autonomous drilling rigs", "locatedIn", "Zhaolou mine") in found
    assert ("autonomous drilling rigs", "runsOn", "private network") in found
    assert not any(s.startswith("where") for s, _p, _o in found)
    # the clause's subject ends at its verb; a place after "at" is where the site is, not what "where" means
    found = facts("Weichai operates a foundry at Weifang, where 200 robots handle casting.", lexicon)
    assert ("200 robots", "locatedIn", "foundry") in found
    # who acts in the clause is not placed by it
    found = facts("Chery opened a paint shop in Wuhu, where Huawei installed the cameras.", lexicon)
    assert not any(s == "Huawei" and p == "locatedIn" for s, p, _o in found)


def test_a_thing_supplied_by_a_vendor_was_built_by_it(lexicon: Lexicon) -> None:
    found = facts("The cranes are steered over a private network supplied by Nokia.", lexicon)
    assert ("private network", "builtBy", "Nokia") in found
    # the active "supplied" of products sold states nothing built
    found = facts("Ericsson supplied 400 radio units to the port.", lexicon)
    assert not any(p in ("built", "builtBy") for _s, p, _o in found)


def test_requiring_someone_to_act_is_a_call_for_what_the_act_names(lexicon: Lexicon) -> None:
    found = facts("The Hebei Emergency Management Department requires every chemical plant to install gas detectors.", lexicon)
    assert ("Hebei Emergency Management Department", "callsFor", "gas detectors") in found
    assert not any(p == "needs" for _s, p, _o in found)
    # a thing that needs something to work calls for nothing
    found = facts("The Tangshan plant requires stable power supplies to run its kilns.", lexicon)
    assert not any(p == "callsFor" for _s, p, _o in found)


def test_a_verb_after_a_relative_clause_in_commas_has_the_name_before_it_as_subject(lexicon: Lexicon) -> None:
    text = ("Weichai set up the Shandong Engine Alliance in 2019. "
            "Bosch, which opened a fuel-injection plant in Wuxi in 2015, is also a member.")
    found = facts(text, lexicon)
    assert ("Bosch", "memberOf", "Shandong Engine Alliance") in found
    assert not any(s in ("Wuxi", "fuel-injection plant") and p == "memberOf" for s, p, _o in found)
    found = facts("The Jiangsu Robotics Alliance grew fast last year. Estun is now a member.", lexicon)
    assert ("Estun", "memberOf", "Jiangsu Robotics Alliance") in found
    # a person on a panel is no member of an alliance named before
    found = facts("The Jiangsu Robotics Alliance grew fast. Zhou Li, an engineer at Estun, is a member of its panel.", lexicon)
    assert not any(s == "Zhou Li" and p == "memberOf" and o == "Jiangsu Robotics Alliance" for s, p, o in found)


def test_one_described_thing_opening_a_passive_with_its_agent_is_its_subject(lexicon: Lexicon) -> None:
    text = "Jinchuan Group has fitted its smelter with sensors. The network was built by China Unicom's Gansu branch."
    assert ("network", "builtBy", "China Unicom's Gansu branch") in facts(text, lexicon)


def test_what_follows_a_preposition_after_an_unread_object_is_no_object_of_the_verb(lexicon: Lexicon) -> None:
    found = facts("China Unicom's Hubei branch carries video from the kilns to a control centre on the surface.", lexicon)
    assert not any(p == "hosts" for _s, p, _o in found)


def test_it_is_never_a_person(lexicon: Lexicon) -> None:
    text = "Sany built a private network. The network was built by Nokia, and it carries data from the Ningxiang Works."
    assert not any(p == "affiliatedWith" for _s, p, _o in facts(text, lexicon))
