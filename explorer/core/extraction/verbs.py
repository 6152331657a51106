"""How a word before or at a pattern's words stands to its verb: a possessive determiner belongs to the noun after it
("Its rival X … runs": no subject), and a word as often a noun as a verb ("hit", "need") is the verb right after a
subject of the property's domain ("ransomware hit the billing system of …")."""

from __future__ import annotations

from explorer.core.extraction.constructions import REPORTING
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon, PropertyPattern
from explorer.core.extraction.spans import Mention


def determiner(mention: Mention) -> bool:
    """Whether ``mention`` is a possessive determiner ("its", "their", "his"): what owns the noun after it."""
    return mention.via == "pronoun" and mention.text.lower() in ("its", "their", "his")


def verb_after_subject(lexicon: Lexicon, pattern: PropertyPattern, mentions: list[Mention], start: int, text: str) -> bool:
    """Whether the loose word of ``pattern`` at ``start`` is a verb: a subject known to be of the property's domain stands
    right before it ("ransomware hit", not "the hit on")."""
    words = pattern.words.lower()
    if not pattern.weak or not words.isalpha() or words in PREPOSITIONS or REPORTING.fullmatch(words):
        return False
    subject = next((m for m in mentions if m.end <= start and not text[m.end:start].strip()), None)
    return subject is not None and subject.via != "pronoun" and lexicon.is_a(subject.cls, pattern.domain) is True
