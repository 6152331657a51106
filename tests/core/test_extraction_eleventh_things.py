"""Things the reader never found as a mention before the eleventh session: counted member groups, common-noun things
with no class cue, possessed nouns and "the X" after a preposition (sentences written here, none from the articles
the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


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
