"""Ends the mention finder never found (fourteenth session): a name after a place's possessive, ... (sentences written
here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_a_name_after_a_places_possessive_is_a_body_based_there(lexicon: Lexicon) -> None:
    text = "The kilns were fitted with cameras from Wuhan's Gaode Sensing, and Sweden's Sandvik supplied the drills."
    found = labels(text, lexicon)
    assert "Gaode Sensing" in found and "Sandvik" in found and "Wuhan" in found
    read = facts(text, lexicon)
    assert ("Gaode Sensing", "basedIn", "Wuhan") in read and ("Sandvik", "basedIn", "Sweden") in read
    assert ("cameras", "builtBy", "Gaode Sensing") in read


def test_the_owner_after_of_is_the_name_a_places_possessive_goes_on_with(lexicon: Lexicon) -> None:
    read = facts("Dabo Logistics, a unit of Xiamen's Kingdom Holdings, runs the depot.", lexicon)
    assert ("Dabo Logistics", "subsidiaryOf", "Kingdom Holdings") in read
    assert not any(o == "Xiamen" and p in ("subsidiaryOf", "hasSubsidiary") for _s, p, o in read)
    assert not any(s == "Xiamen" and p in ("subsidiaryOf", "hasSubsidiary") for s, p, _o in read)


def test_a_name_that_modifies_a_noun_after_a_places_possessive_stays_whole(lexicon: Lexicon) -> None:
    # guards: "Ningbo's Beilun container port" is a site in the city, "Hunan's Department of …" the province's own body
    found = labels("Cosco moved its barges to Ningbo's Beilun container port last spring.", lexicon)
    assert "Beilun" not in found
    read = facts("Hunan's Department of Commerce said exports rose.", lexicon)
    assert not any(s == "Department of Commerce" for s, _p, _o in read)
