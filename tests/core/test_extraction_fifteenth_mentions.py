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


def test_a_bare_plural_after_an_auxiliary_and_a_verb_is_the_verbs_object(lexicon: Lexicon) -> None:
    text = ("Jiangxi Copper is testing driverless loaders and remotely operated drilling rigs 400 metres below the surface "
            "at its Dexing mine.")
    found = labels(text, lexicon)
    assert "driverless loaders" in found and "drilling rigs" in found
    read = facts(text, lexicon)
    assert ("drilling rigs", "locatedIn", "Dexing mine") in read
    # and "the loaders" of a later sentence is the thing introduced there
    later = facts(text + " Both the loaders and the rigs run on a private 5G network built by ZTE.", lexicon)
    assert ("driverless loaders", "runsOn", "private 5G network") in later


def test_no_object_where_the_verb_takes_none_or_a_word_goes_on(lexicon: Lexicon) -> None:
    # guards: a plural subject of the next clause, a participle's own complement
    found = labels("Orders were falling, and exporters are worried.", lexicon)
    assert "exporters" not in found
    found = labels("The plant has installed sensors that measure dust.", lexicon)
    assert "sensors" in found


def test_a_description_closing_a_sentence_calls_the_name_it_opened_on(lexicon: Lexicon) -> None:
    text = ("Mengniu Group has linked the milking halls at its farm in Hohhot to a private 5G network, the dairy said on Friday. "
            "The dairy, in which Haier holds a stake, said it would open a cheese plant in Baotou.")
    finder = MentionFinder(lexicon)
    first, second = text.split(". ", 1)
    finder.find(first + ".")
    later = {m.text: m.label for m in finder.find(second)}
    assert later.get("The dairy") == "Mengniu Group"


def test_a_closing_description_after_a_sentence_on_no_name_calls_nothing(lexicon: Lexicon) -> None:
    # guard: the sentence opens on no name, so "the dairy" names nothing the next sentence could mean
    finder = MentionFinder(lexicon)
    finder.find("In Hohhot, milk output rose by a fifth last year, the dairy said.")
    later = {m.text: m.label for m in finder.find("The dairy, in which Haier holds a stake, plans a cheese plant.")}
    assert later.get("The dairy") in (None, "dairy")


def test_a_patterns_longer_words_after_the_verb_are_no_object(lexicon: Lexicon) -> None:
    # guard: "has joined hands with" is one pattern, "hands" no thing
    found = labels("Weichai has joined hands with Bosch to build engine lines.", lexicon)
    assert "hands" not in found


def test_a_side_before_a_province_is_no_word_of_its_name(lexicon: Lexicon) -> None:
    read = facts("Sinosteel runs a sinter plant in Handan in southern Hebei province.", lexicon)
    assert ("Handan", "locatedIn", "Hebei province") in read
    read = facts("The quarry lies near Lianyungang in eastern Jiangsu.", lexicon)
    assert ("Lianyungang", "locatedIn", "Jiangsu") in read
    # guard: a side of the country is a region named whole
    assert "central China" in labels("Floods hit factories in central China last week.", lexicon)


def test_a_nationality_opening_a_research_bodys_name_of_a_field_is_part_of_it(lexicon: Lexicon) -> None:
    found = labels("Liu Yang, a researcher at the Chinese Academy of Forestry, said the drones were tested in Yunnan.", lexicon)
    assert "Chinese Academy of Forestry" in found
    # guard: a nationality before a ministry's name describes it
    found = labels("Tariffs were raised by the Chinese Ministry of Commerce in May.", lexicon)
    assert "Ministry of Commerce" in found


def test_a_list_goes_on_where_to_opens_a_name_not_a_verb(lexicon: Lexicon) -> None:
    found = labels("Hikrobot already supplies sorting robots and automated guided vehicles to Haier Group.", lexicon)
    assert "sorting robots" in found and "automated guided vehicles" in found
    # guard: "and" before a verb with "to" and its infinitive ends the list
    found = labels("The alliance drafted safety standards and plans to open a test lab.", lexicon)
    assert "plans" not in found
