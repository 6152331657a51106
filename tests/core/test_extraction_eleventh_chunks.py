"""Boundaries of noun phrases (eleventh session): names kept whole, heads kept, verbs and quantifiers left out
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_name_ending_on_a_word_that_opens_an_earlier_word_keeps_its_middle(lexicon: Lexicon) -> None:
    # "Co" opens "Container": the name still ends on its own last word
    assert "Xiamen Container Terminal Co" in labels("Xiamen Container Terminal Co runs the quay.", lexicon)
    assert "Tianjin Port Container Co" in labels("The berth is leased to Tianjin Port Container Co.", lexicon)


def test_a_singular_noun_in_s_is_no_plural_head(lexicon: Lexicon) -> None:
    # "gas" ends in -s but is singular: the phrase goes on to its head
    found = labels("The compressed natural gas filling station in Baotou opened in May.", lexicon)
    assert "compressed natural gas filling station" in found
    found = labels("Sensors in the mine watch for methane gas leaks, the operator said.", lexicon)
    assert any(label.endswith("gas leaks") for label in found)


def test_a_count_of_things_named_by_a_singular_in_s_counts_the_plural_after_it(lexicon: Lexicon) -> None:
    found = labels("The refinery installed about 400 gas analysers on its cracking units.", lexicon)
    assert "gas analysers" in found


def test_a_word_that_is_only_a_verb_ends_the_phrase_after_a_noun(lexicon: Lexicon) -> None:
    found = labels("The mill runs a control room that NARI supplied and commissioned in March.", lexicon)
    assert "NARI" in found and not any("supplied" in label for label in found)
    found = labels("Meters made by Holley send readings to the utility every hour.", lexicon)
    assert not any("send" in label for label in found)


def test_a_past_in_sed_after_a_noun_is_no_word_of_the_phrase(lexicon: Lexicon) -> None:
    found = labels("Investigators said a batch of smart meter used in three provinces leaked account data.", lexicon)
    assert "smart meter" in found


def test_participles_in_a_row_before_a_head_stay_in_the_phrase(lexicon: Lexicon) -> None:
    found = labels("The warehouse now runs 40 automated guided vehicles on a private network.", lexicon)
    assert any(label.endswith("automated guided vehicles") for label in found)


def test_a_verb_in_s_before_its_object_is_no_word_of_the_object(lexicon: Lexicon) -> None:
    text = "Jiangling Motors, a unit of Changan, uses weather-proof tablets and 5G-linked torque wrenches at its plant."
    found = labels(text, lexicon)
    assert "weather-proof tablets" in found and not any(label.startswith("uses") for label in found)
    found = labels("The new system, which Inspur set up last year, links about 900 smart meters.", lexicon)
    assert "links" not in found


def test_a_plural_that_may_be_a_verb_still_heads_a_subject(lexicon: Lexicon) -> None:
    found = labels("At the Yangshan terminal, where cranes are steered remotely, trucks wait less.", lexicon)
    assert "cranes" in found


def test_a_second_verb_after_and_is_no_noun_and_its_object_is_read(lexicon: Lexicon) -> None:
    text = "A worm hit the depot last week, wiping its dispatch servers and causing two-hour queues at the gate."
    found = labels(text, lexicon)
    assert "two-hour queues" in found and not any(label.startswith("causing") for label in found)
    text = "The attack crippled their billing systems and held up freight invoices for a week."
    found = labels(text, lexicon)
    assert "freight invoices" in found and not any(label.startswith("held") for label in found)


def test_a_list_of_nouns_after_a_verb_stays_a_list(lexicon: Lexicon) -> None:
    found = labels("The plant installed its welding robots and painting lines in 2022.", lexicon)
    assert "painting lines" in found


def test_counted_products_are_named_by_their_kind(lexicon: Lexicon) -> None:
    found = labels("The carrier has put up about 500 rooftop base stations across the harbour district.", lexicon)
    assert "rooftop base stations" in found
    # counted members keep their count: they are one group
    assert "37 new members" in labels("The alliance signed up 37 new members at its forum.", lexicon)


def test_a_quantifier_before_a_technology_name_opens_the_phrase(lexicon: Lexicon) -> None:
    found = labels("The auditor warned that many 5G gateways at the plant still run old firmware.", lexicon)
    assert "5G gateways" in found


def test_a_participle_after_an_article_modifies_a_technology_phrase(lexicon: Lexicon) -> None:
    found = labels("The cranes are steered from Ningbo over a dedicated 5G slice.", lexicon)
    assert "dedicated 5G slice" in found


def test_the_and_a_technology_name_before_a_noun_is_a_description(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    finder.find("China Unicom built a 5G network at the smelter.")
    found = finder.find("Furnace sensors use the 5G network, and the 5G modules inside them came from Fibocom.")
    network = next(m for m in found if m.text == "the 5G network")
    assert network.label == "5G network" and network.via == "definite"
    assert "5G modules" in [m.label for m in found]


def test_a_place_named_before_a_trade_is_where_the_agent_is_based(lexicon: Lexicon) -> None:
    text = "Several plants in Jiaxing run private networks. In May a worm hit a Jiaxing shoe maker and stopped its lines."
    assert ("Jiaxing shoe maker", "basedIn", "Jiaxing") in facts(text, lexicon)


def test_a_name_never_shown_to_be_a_place_places_nothing(lexicon: Lexicon) -> None:
    text = "Huawei sells routers to carmakers. In May a worm hit a Huawei parts supplier and stopped its lines."
    assert not any(p == "basedIn" and o == "Huawei" for _s, p, o in facts(text, lexicon))


def test_a_plural_that_opens_a_pattern_still_heads_a_phrase_at_the_clause_end(lexicon: Lexicon) -> None:
    # "releases" opens a pattern as a verb ("X releases a report"); with nothing after it, it is the phrase's head
    found = labels("Engineers warned that a cyberattack on the smelter could lead to sulphur dioxide releases.", lexicon)
    assert "sulphur dioxide releases" in found


def test_a_variant_named_after_a_technology_stays_in_the_phrase(lexicon: Lexicon) -> None:
    found = labels("The vendor said it had shipped 5G LAN switches to two hundred mills.", lexicon)
    assert "5G LAN switches" in found
