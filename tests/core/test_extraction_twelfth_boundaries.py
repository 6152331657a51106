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
