"""How a word before or at a pattern's words stands to its verb: a possessive determiner belongs to the noun after it
("Its rival X … runs": no subject), and a word as often a noun as a verb ("hit", "need") is the verb right after a
subject of the property's domain ("ransomware hit the billing system of …")."""

from __future__ import annotations

import re

from explorer.core.extraction.appositions import ROLE
from explorer.core.extraction.constructions import REPORTING
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon, PropertyPattern
from explorer.core.extraction.sites import place_possessive
from explorer.core.extraction.spans import Mention

PARTICIPLE = re.compile(r"[a-z]+ed$|built|set|run|made|held|sold|bought", re.IGNORECASE)
#: The lower-case word a participle follows, unless it is a form of "be" or an adverb ("was built by", "jointly built by")
_NOUN_BEFORE = re.compile(r"(?<![\w-])(?!(?:is|are|was|were|be|been|being|has|have|had|and|or|but)\s)([a-z][\w-]*[a-z])\s+$")


def describes_unread_noun(pattern: PropertyPattern, mentions: list[Mention], start: int, text: str) -> bool:
    """Whether the participle of ``pattern`` describes the noun right before it, which no mention covers: "the time
    needed to …", "industrial routers made by X" — it then states nothing of the clause's subject."""
    words = pattern.words.split()
    if len(words) == 1 and PARTICIPLE.fullmatch(pattern.words):
        noun = re.search(r"(?<![\w-])(?:the|a|an)\s+[a-z]+\s+$", text[:start])
    elif len(words) == 2 and words[1] == "by" and PARTICIPLE.fullmatch(words[0]):
        noun = _NOUN_BEFORE.search(text[:start])
        if noun is not None and noun.group(1).endswith("ly"):
            return False
    else:
        return False
    return noun is not None and not any(m.end == noun.start() + len(noun.group().rstrip()) for m in mentions)


def modifies_noun_after(pattern: PropertyPattern, start: int, text: str) -> bool:
    """Whether the one-word participle of ``pattern`` stands after a preposition, so describes the noun after it: "a
    botnet of hijacked security cameras", "attacks from infected routers", "through compromised accounts" (no verb, no fact);
    or after a determiner or the verb "use", which no finite verb follows ("isolated the infected servers", "could use
    hijacked cameras")."""
    return " " not in pattern.words and PARTICIPLE.fullmatch(pattern.words) is not None \
        and re.search(r"(?<![\w-])(?:(?:of|with|from|by|for|against|among|through|via|using|into|onto|across)\s+(?:(?:the|its|their)\s+)?"
                      r"|(?:the|these|those|its|their|our|his|her|every|each|use|uses)\s+)$", text[:start], re.IGNORECASE) is not None


#: "the plant's deputy general manager": what owns a role only says whose the role is.
_ROLE_OWNED = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,3}" + ROLE + r"(?![\w-])")


def determiner(mention: Mention, text: str) -> bool:
    """Whether ``mention`` only modifies the noun after it: a possessive determiner ("its", "their", "his": what owns
    the noun) or a place in a compound ("a Nanjing-based unit": where the unit is)."""
    # (or a place's possessive before a name: "made by Shenyang's | Siasun", the maker is Siasun)
    return (mention.via == "pronoun" and mention.text.lower() in ("its", "their", "his")) \
        or re.match(r"-(?:based|headquartered)(?![\w-])", text[mention.end:]) is not None \
        or place_possessive(mention, text) or _ROLE_OWNED.match(text, mention.end) is not None


def verb_after_subject(lexicon: Lexicon, pattern: PropertyPattern, mentions: list[Mention], start: int, text: str) -> bool:
    """Whether the loose word of ``pattern`` at ``start`` is a verb: a subject known to be of the property's domain stands
    right before it ("ransomware hit", not "the hit on")."""
    words = pattern.words.lower()
    if not pattern.weak or not words.isalpha() or words in PREPOSITIONS or REPORTING.fullmatch(words):
        return False
    subject = next((m for m in mentions if m.end <= start and not text[m.end:start].strip()), None)
    return subject is not None and subject.via != "pronoun" and lexicon.is_a(subject.cls, pattern.domain) is True
