"""Where mentions start and end (twelfth session): particles of phrasal verbs, places modifying a description in
apposition (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_particle_of_a_phrasal_verb_is_no_word_of_its_object(lexicon: Lexicon) -> None:
    found = labels("Sinopec has kitted out four 5G inspection trucks for the refinery.", lexicon)
    assert not any(label.startswith("out") for label in found)
    found = labels("The operator then switched off three edge servers at the depot.", lexicon)
    assert not any(label.startswith("off") for label in found)
    found = labels("The carrier has laid down 20 fibre links to the mine.", lexicon)
    assert not any(label.startswith("down") for label in found)


def test_a_place_in_a_description_apposed_to_a_name_says_where_the_name_is_based(lexicon: Lexicon) -> None:
    text = ("The robots were tested in Wenzhou. Ouhai Valve Works, a Wenzhou maker of pipeline valves, "
            "supplied the pumps.")
    assert ("Ouhai Valve Works", "basedIn", "Wenzhou") in facts(text, lexicon)
    text = ("The lab sits in Foshan. Nanhai Secure, the Foshan security firm hired by the plant, "
            "traced the intrusion to a contractor.")
    assert ("Nanhai Secure", "basedIn", "Foshan") in facts(text, lexicon)


def test_a_name_before_based_shows_a_place(lexicon: Lexicon) -> None:
    text = ("Kunshan-based Luxin Optics opened a line. Tongfu Cables, a Kunshan supplier of wiring, "
            "serves the plant.")
    assert ("Tongfu Cables", "basedIn", "Kunshan") in facts(text, lexicon)


def test_a_name_in_a_description_is_no_place_unless_the_text_shows_one(lexicon: Lexicon) -> None:
    # "Huawei" is never put after "in" or before "-based": a Huawei supplier is not based in Huawei
    text = "Shenghong Antennas, a Huawei supplier of masts, opened a plant."
    assert not any(p == "basedIn" for _s, p, _o in facts(text, lexicon))


def test_an_ing_word_after_a_plural_before_what_it_acts_on_ends_the_phrase(lexicon: Lexicon) -> None:
    found = labels("The operator counted a wave of probes hitting Modbus gateways at its pumping stations.", lexicon)
    assert "probes" in found and not any("hitting" in label for label in found)


def test_a_verb_in_s_after_a_plural_is_the_verb_of_a_subject_before(lexicon: Lexicon) -> None:
    found = labels("Analysts said weak passwords on smart meters leaves utilities open to fraud.", lexicon)
    assert "smart meters" in found and not any("leaves" in label for label in found)


def test_plural_compounds_still_hold_together(lexicon: Lexicon) -> None:
    # guards: a plural that modifies ("sales offices") and an -ing kind before a singular head stay one phrase
    assert "sales offices" in labels("The group has opened sales offices in Jinan.", lexicon)
    assert any(label.endswith("rolling mill") for label in labels("A hot rolling mill in Rizhao uses 5G.", lexicon))


def test_a_word_in_s_the_lexicon_knows_as_no_noun_is_no_plural(lexicon: Lexicon) -> None:
    text = "Investigators blamed the break-in on an overseas hacking crew."
    assert "overseas hacking crew" in labels(text, lexicon)


def test_own_after_a_possessive_is_no_word_of_the_thing(lexicon: Lexicon) -> None:
    found = labels("Each mine in the county now runs its own 5G private network.", lexicon)
    assert "5G private network" in found and not any(label.startswith("own") for label in found)


def test_a_standards_acronym_and_number_name_the_kind_with_the_nouns_after(lexicon: Lexicon) -> None:
    found = labels("Hackers were seen probing DNP3 links and sniffing IEC 61850 substation messages.", lexicon)
    assert "IEC 61850 substation messages" in found
    assert not any(label == "substation messages" for label in found)


def test_a_described_thing_before_of_and_its_owner_is_a_thing(lexicon: Lexicon) -> None:
    found = labels("Attackers tried to log into the vendor dashboard of the utility's billing system.", lexicon)
    assert "vendor dashboard" in found
    found = labels("Hackers broke into the maintenance laptop of Hengtong Optic, a cable maker.", lexicon)
    assert "maintenance laptop" in found


def test_a_part_or_a_measure_before_of_is_no_thing(lexicon: Lexicon) -> None:
    found = labels("Output rose in the second half of the year at the plant.", lexicon)
    assert "second half" not in found


def test_a_web_domain_is_a_word_of_a_companys_name(lexicon: Lexicon) -> None:
    found = facts("Dangdang Logistics, a subsidiary of Dangdang.com, opened a depot in Langfang.", lexicon)
    assert ("Dangdang.com", "hasSubsidiary", "Dangdang Logistics") in found
    # guard: a sentence's full stop after a name is no domain
    assert "Dangdang" in labels("The depot belongs to Dangdang. It opened in May.", lexicon)


def test_two_plural_nouns_joined_by_and_are_two_fields_of_one_name(lexicon: Lexicon) -> None:
    found = labels("The rules were drafted by the China Docks and Harbours Federation in 2019.", lexicon)
    assert "China Docks and Harbours Federation" in found
    # guard: two names each ending on a plural stay two
    found = labels("Hainan Airlines and Xiamen Airlines signed the deal.", lexicon)
    assert "Hainan Airlines" in found and "Xiamen Airlines" in found


def test_the_last_of_a_list_ending_the_sentence_is_a_thing(lexicon: Lexicon) -> None:
    text = "Wang Li, an engineer at the port, called for signed firmware on each crane and quarterly penetration tests."
    assert "quarterly penetration tests" in labels(text, lexicon)
    found = facts(text, lexicon)
    assert ("Wang Li", "callsFor", "quarterly penetration tests") in found
    # guard: a verb and its object after "and" are no measure called for
    found = facts("The bureau called for encryption on every meter and later dropped the plan.", lexicon)
    assert not any(p == "callsFor" and "dropped" in o for _s, p, o in found)
