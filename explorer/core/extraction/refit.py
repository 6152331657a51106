"""The property a fact's ends fit, where one set of trigger words states two.

Some words serve two properties, and the kind of what stands at an end decides between them once both ends are
read: "X in P" is a seat (kg:basedIn) for an agent and a place (kg:locatedIn) for a thing (``seats``); "A, B and C
are members of X" makes each named A a member (org:memberOf), while "more than 600 companies are members of X" is
an unnamed group of members (kg:memberGroupOf).
"""

from __future__ import annotations

import re

from explorer.core.extraction import seats
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.vocab import KG

GROUP, MEMBER_GROUP_OF = str(KG.Group), str(KG.memberGroupOf)
MEMBER_OF = "http://www.w3.org/ns/org#memberOf"


def refit(lexicon: Lexicon, predicate: str, subject: Mention, pattern: str) -> str:
    """The property the fact of ``subject`` read from ``pattern`` states, given the kind of its subject."""
    if predicate == MEMBER_GROUP_OF and _named_one(lexicon, subject):
        return MEMBER_OF
    if predicate == MEMBER_OF and "members" in pattern and _counted_group(lexicon, subject):
        return MEMBER_GROUP_OF  # "more than 300 factories are members of X" (the words of org:memberOf)
    return seats.seat_predicate(lexicon, predicate, subject, pattern)


def _named_one(lexicon: Lexicon, mention: Mention) -> bool:
    """A name (not a counted or described group): "Fibocom", "the Industrial Internet Industry Alliance"."""
    return lexicon.is_a(mention.cls, [GROUP]) is not True and mention.via in ("name", "label", "ner") \
        and mention.text[:1].isupper() and not mention.text[:1].isdigit()


def _counted_group(lexicon: Lexicon, mention: Mention) -> bool:
    """A counted plural ("more than 300 factories", "46 members"): a group of members, not one member."""
    return lexicon.is_a(mention.cls, [GROUP]) is True or (
        mention.via in ("cue", "phrase") and mention.text.endswith("s")
        and re.match(r"(?:[a-z ]+\s)?\d[\d,]*\s", mention.text, re.IGNORECASE) is not None)

