"""Things the reader never found as a mention before the eleventh session: counted member groups, common-noun things
with no class cue, possessed nouns and "the X" after a preposition (sentences written here, none from the articles
the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.extraction.sentences import split_sentences


def test_members_signed_up_during_an_event_are_a_member_group(lexicon: Lexicon) -> None:
    found = facts("The Hunan Robotics Alliance signed up 25 new members during its annual congress.", lexicon)
    assert ("Hunan Robotics Alliance", "hasMemberGroup", "25 new members") in found


def test_a_relative_counting_members_gives_the_group_and_the_members_listed(lexicon: Lexicon) -> None:
    text = "The Anhui Smart Mining Alliance, whose 95 members include the coal group, Huainan Mining and Hefei University, met in May."
    found = facts(text, lexicon)
    assert ("Anhui Smart Mining Alliance", "hasMemberGroup", "95 members") in found
    assert ("Huainan Mining", "memberOf", "Anhui Smart Mining Alliance") in found
    assert ("Hefei University", "memberOf", "Anhui Smart Mining Alliance") in found
    assert ("coal group", "memberOf", "Anhui Smart Mining Alliance") in found


def _labels(text: str, lexicon: Lexicon) -> set[str]:
    finder = MentionFinder(lexicon)
    return {m.label or m.text for sentence in split_sentences(text) for m in finder.find(sentence.text)}


def test_a_thing_described_after_a_preposition_and_the_is_a_mention(lexicon: Lexicon) -> None:
    assert "bonded warehouse" in _labels("The port has put 20 driverless tractors in the bonded warehouse.", lexicon)
    assert "lower ship lock" in _labels("Inspectors fitted cameras at the lower ship lock.", lexicon)


def test_a_described_site_places_what_stands_in_it(lexicon: Lexicon) -> None:
    found = facts("The port has put 20 driverless tractors in the bonded warehouse.", lexicon)
    assert ("driverless tractors", "locatedIn", "bonded warehouse") in found


def test_times_sides_plurals_and_subjects_own_words_are_no_things(lexicon: Lexicon) -> None:
    labels = _labels("Output at the plant rose in the first half, and on the other hand costs fell at the same time.", lexicon)
    assert not {"first half", "other hand", "same time"} & labels
    assert "rolling mills" not in _labels("The network supports remote crane control in the rolling mills.", lexicon)
    assert "shop floor" not in _labels("The push to bring robots onto the shop floor is concentrated in Wuxi.", lexicon)


def test_a_description_of_a_thing_named_before_is_no_new_thing(lexicon: Lexicon) -> None:
    text = "Sinopec built a 5G private network at the refinery. Sensors on the private network report leaks."
    finder = MentionFinder(lexicon)
    mentions = [m for sentence in split_sentences(text) for m in finder.find(sentence.text)]
    assert not any(m.via == "phrase" and m.text == "private network" for m in mentions)


def test_one_word_site_after_a_described_owner_is_a_thing(lexicon: Lexicon) -> None:
    found = facts("Investigators found a rogue access point in the shipper's depot.", lexicon)
    assert ("rogue access point", "locatedIn", "depot") in found


def test_the_object_of_a_perfect_is_found_past_an_adverb_of_time(lexicon: Lexicon) -> None:
    assert "zero-trust gateways" in _labels("The vendor said it had already added zero-trust gateways to the network.", lexicon)


def test_a_thing_a_sites_possessive_names_is_a_thing_in_that_site(lexicon: Lexicon) -> None:
    text = "Sany has opened a pile-driver plant in Changsha. The plant's network was built by China Unicom."
    found = facts(text, lexicon)
    assert ("plant's network", "builtBy", "China Unicom") in found or ("China Unicom", "built", "plant's network") in found
    assert ("plant's network", "locatedIn", "pile-driver plant") in found


def test_a_sites_operator_or_output_is_no_thing_in_it(lexicon: Lexicon) -> None:
    labels = _labels("The refinery's operator said the refinery's output rose.", lexicon)
    assert not {"refinery's operator", "refinery's output"} & labels


def test_to_before_a_word_that_is_never_a_verb_opens_its_object(lexicon: Lexicon) -> None:
    assert "remote operation" in _labels("The mine has moved its 40 loaders to remote operation over 5G.", lexicon)


def test_a_listed_thing_before_a_passive_infinitive_stays_in_the_list(lexicon: Lexicon) -> None:
    labels = _labels("The regulator called for signed updates and port-level segmentation to be made compulsory.", lexicon)
    assert {"signed updates", "port-level segmentation"} <= labels


def test_a_bare_plural_after_a_relative_and_its_verb_is_a_thing(lexicon: Lexicon) -> None:
    labels = _labels("Storms hit two ports, both of which keep flood-warning sensors on private networks.", lexicon)
    assert "flood-warning sensors" in labels
