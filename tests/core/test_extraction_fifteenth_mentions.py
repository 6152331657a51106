"""Ends the mention finder never found or read as the wrong thing (fifteenth session): a date's day read as a name, "it"
standing for a plural, ... (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def labels(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon).find(text)]


def test_the_day_of_a_date_is_no_name(lexicon: Lexicon) -> None:
    found = labels('In a study released on March 9, the lab said kilns were exposed.', lexicon)
    assert "9" not in found
    text = ("Antiy Labs published its audit on June 21. In its audit, released on June 21, the firm warned of worms. "
            "It called for signed firmware.")
    read = facts(text, lexicon)
    assert not any(s == "21" or o == "21" for s, _p, o in read)
    assert ("Antiy Labs", "callsFor", "signed firmware") in read


def test_it_never_stands_for_a_plural_the_speaker_closing_the_sentence_before_does(lexicon: Lexicon) -> None:
    text = ("The Tianjin Institute of Network Security published a survey of smelters on Friday. "
            "Such breaches could halt furnaces and leak alloy recipes, the institute said. "
            "It called for signed firmware and for plant traffic to be carried in separate network slices.")
    read = facts(text, lexicon)
    assert ("Tianjin Institute of Network Security", "callsFor", "signed firmware") in read
    assert ("Tianjin Institute of Network Security", "callsFor", "separate network slices") in read
    assert not any(p == "callsFor" and s in ("breaches", "Such breaches", "alloy recipes") for s, p, _o in read)
    assert not any(p == "callsFor" and o == "plant traffic" for _s, p, o in read)


def test_a_singular_subject_before_still_stands_for_it(lexicon: Lexicon) -> None:
    # guard: "it" after a sentence whose subject is one thing is that thing, whoever closes the sentence
    text = "Sinopec Engineering built the pipeline network, the ministry said. It runs on a private 5G network."
    read = facts(text, lexicon)
    assert not any(s.startswith("Ministry") or s == "ministry" for s, p, _o in read if p == "runsOn")
