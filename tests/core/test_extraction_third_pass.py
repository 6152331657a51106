"""Words several properties share, short verbs, quote attribution, passive attacks after a
preposition, gerund modifiers, harmed belongings, sentence-opening noun phrases, sites owned,
partners after an object, affiliations and calls (sentences written here, none from the articles
the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_opened_establishes_an_organization_and_builds_anything_else(lexicon: Lexicon) -> None:
    found = facts("Gree Group opened a data service centre in Zhuhai.", lexicon)
    assert ("Gree Group", "established", "data service centre") in found
    assert not any(p == "built" for _s, p, _o in found)
    found = facts("Midea Group opened a painting workshop last month.", lexicon)
    assert ("Midea Group", "built", "painting workshop") in found
    assert not any(p == "established" for _s, p, _o in found)


def test_who_owns_a_site_operates_it_and_owns_an_organization(lexicon: Lexicon) -> None:
    found = facts("Liu Bo owns a brick kiln near Handan.", lexicon)
    assert ("Liu Bo", "operates", "brick kiln") in found
    assert not any(p == "owns" for _s, p, _o in found)
    found = facts("Gree Group owns Zhuhai Kaibang Motor Company.", lexicon)
    assert ("Gree Group", "owns", "Zhuhai Kaibang Motor Company") in found
    assert not any(p == "operates" for _s, p, _o in found)


def test_a_bare_preposition_in_a_relative_clause_links_what_stands_beside_it(lexicon: Lexicon) -> None:
    found = facts("Chen Bo, who runs a printing plant in Wuxi, praised the network.", lexicon)
    assert ("Chen Bo", "operates", "printing plant") in found
    assert ("printing plant", "locatedIn", "Wuxi") in found
    assert ("Chen Bo", "locatedIn", "Wuxi") not in found


def test_said_reports_no_thing_referred_back_to_or_quoted(lexicon: Lexicon) -> None:
    found = facts("Midea Group set up a robotics alliance. The alliance will train welders, said Zhou Li.", lexicon)
    assert not any(p == "reportedBy" for _s, p, _o in found)
    found = facts('"One bad update can halt a whole smelter," said Ma Jun.', lexicon)
    assert not any(p == "reportedBy" for _s, p, _o in found)
    # what a sentence introduces is still reported
    found = facts("So far, more than 40 industrial internet platforms have gone live, said the Ministry of Emergency Management.",
                  lexicon)
    assert ("more than 40 industrial internet platforms", "reportedBy", "Ministry of Emergency Management") in found


def test_a_passive_attack_takes_its_victim_before_the_preposition(lexicon: Lexicon) -> None:
    found = facts("The bulletin said that dyeing plants in Zhejiang were hit by ransomware.", lexicon)
    assert ("ransomware", "targets", "dyeing plants") in found
    assert not any(o == "Zhejiang" and p in ("targets", "targetedBy") for _s, p, o in found)
    assert not any(s == "Zhejiang" and p in ("targets", "targetedBy") for s, p, _o in found)
    found = facts("Dyeing plants in Zhejiang were hit by ransomware.", lexicon)
    assert ("ransomware", "targets", "dyeing plants") in found


def test_an_ing_word_after_an_article_modifies_the_noun(lexicon: Lexicon) -> None:
    found = facts("Anhui Conch bought a grinding mill in Tongling.", lexicon)
    assert ("grinding mill", "locatedIn", "Tongling") in found


def test_belongings_harmed_by_a_threat_are_its_targets(lexicon: Lexicon) -> None:
    found = facts("Several smelters had their design files encrypted by ransomware.", lexicon)
    assert ("ransomware", "targets", "design files") in found


def test_a_sentence_may_open_with_a_bare_noun_phrase(lexicon: Lexicon) -> None:
    found = facts("Many kiln controllers, she said, still run on outdated firmware.", lexicon)
    assert ("kiln controllers", "runsOn", "outdated firmware") in found
    assert not any(s in ("she", "She") for s, _p, _o in found)
