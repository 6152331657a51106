"""Counted noun phrases: "more than 2,000 knitting machines", "56 member companies", "dozens of 5G gateways".

A count opens a noun phrase (not a year, nor a quantity of a unit: "30 percent", "500 million yuan"). What the
new entity is called depends on what is counted: members, people and sites keep their count (a group of 56
member companies, "62 plants" in a zone, is that group and no other), while things of no class, equipment and
devices, are named by their kind ("1,200 machine-vision cameras" gives "machine-vision cameras"); the count stays
in the mention's text, so the quote keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import (
    COUNT,
    MEASURE,
    Mention,
    counted_noun_end,
    listed_plurals,
    plural_head_end,
    plural_noun,
    singular,
)
from explorer.core.extraction.words import GENERIC_PEOPLE, STOPWORDS, UNITS
from explorer.core.vocab import KG

_PRODUCT, _PLATFORM = str(KG.Product), str(KG.IndustrialInternetPlatform)

#: Heads of no class whose counted plural is a group of members ("37 new members", "200 engineers"), no kind of thing.
_GROUPED = GENERIC_PEOPLE | {"member", "participant", "exhibitor", "signatory", "shareholder", "partner"}

#: Nouns that only count what they stand for ("two 660-megawatt units"): with a measure alone before them they name no kind,
#: so the count stays in the name.
_COUNTING_NOUNS = frozenset(["unit", "item", "piece", "set"])

#: What a count counts where no phrase reader took it: up to three modifiers, then the first plural ("42 remotely piloted
#: mining boats"); a plural that opens a pattern's words going on after it is left to the pattern ("whose 120 members include A").
_COUNTED_HEAD = re.compile(r"((?:[a-z][\w-]*\s+){0,3}?)([a-z][\w-]*[^s\W]s)(?![\w'’-])")


def _counted_head_end(text: str, position: int, triggers: frozenset[str]) -> int | None:
    match = _COUNTED_HEAD.match(text, position)
    if match is None or not plural_noun(match.group(2)) or any(word in STOPWORDS for word in match.group(1).split()) \
            or (match.group(2) in triggers and re.match(r"\s+[a-z]", text[match.end(2):])
                and singular(match.group(2)) not in _GROUPED):
        return None
    return match.end(2)


#: Words that judge a thing's size, standing or fame, no kind of it: "its sprawling phone-assembly campus" is a
#: phone-assembly campus, "so-called lateral attacks" are lateral attacks.
_JUDGING = frozenset(["sprawling", "so-called", "bustling", "booming", "thriving", "struggling", "ageing", "aging", "huge",
                      "massive", "vast", "much-vaunted", "vaunted"])


def unjudged(mention: Mention) -> Mention:
    """A new thing named without the word that judges it (its text, and so its quote, keeps the word)."""
    words = (mention.label or "").split()
    if mention.iri is not None or mention.via not in ("phrase", "cue") or len(words) < 2 or words[0].lower() not in _JUDGING:
        return mention
    return replace(mention, label=" ".join(words[1:]))


def counted_kind(lexicon: Lexicon, mention: Mention) -> Mention:
    """"some 300 indoor base stations", "2,000 rugged handsets": counted products are named by their kind, as counted
    equipment of no class is (the text, and so the quote, keeps the count); counted platforms are a group of them."""
    count = COUNT.match(mention.label or "")
    if mention.iri is not None or mention.via not in ("phrase", "cue") or count is None or mention.label != mention.text \
            or lexicon.is_a(mention.cls, [_PRODUCT]) is not True or lexicon.is_a(mention.cls, [_PLATFORM]) is True:
        return mention
    return replace(mention, label=mention.label[count.end():])


def _measured_count(kind: str) -> bool:
    """"660-megawatt units": a counting noun after measures only, which name no kind of thing."""
    *modifiers, head = kind.lower().split()
    return bool(modifiers) and all(MEASURE.fullmatch(word) for word in modifiers) and singular(head) in _COUNTING_NOUNS


PhraseAt = Callable[[str, int], Mention | None]
ClassOf = Callable[[str], str | None]


_ACRONYM_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,5}\s+$")


def counted_phrases(text: str, phrase_at: PhraseAt, head_class: ClassOf, organization: Callable[[str | None], bool],
                    sites: frozenset[str], triggers: frozenset[str]) -> list[Mention]:
    """The counted noun phrases of ``text`` (and a second plural a count's "and" joins: "300 robots and cameras").

    ``phrase_at`` reads the bare noun phrase at a position, ``head_class`` the class its head noun names, and
    ``organization`` tells whether a class is one of organizations (whose counted plural is a group of members);
    ``sites`` are the head nouns of sites ("plant", "mine"), whose count keeps them apart; ``triggers`` the first words of
    the patterns."""
    found: list[Mention] = []
    for count in COUNT.finditer(text):
        if re.fullmatch(r"(?:19|20)\d\d", count.group(1)) or _ACRONYM_BEFORE.search(text[:count.start()]):
            continue  # a year, or a standard's number after its acronym ("IEC 104 traffic"), counts nothing
        phrase = phrase_at(text, count.end())
        end = phrase.end if phrase is not None else counted_noun_end(text, count.end()) \
            or _counted_head_end(text, count.end(), triggers)
        if end is None or text[count.end():end].split()[0].lower() in UNITS:
            continue
        end = plural_head_end(text, count.end(), end)
        cls, listed = head_class(text[count.end():end]), listed_plurals(text, end)
        kinds = [head_class(kind) for kind in listed[1]] + [cls]
        if listed[0] is not None and any(organization(kind) for kind in kinds):
            # "about 180 operators, manufacturers and universities": one group of members of several kinds
            cls, end = next(kind for kind in kinds if organization(kind)), listed[0]
        whole = text[count.start():end]
        # a thing of no class is named by its kind: the count says how many there are, not which entity it is;
        # counted members, people and sites are a group of them ("37 new members", "200 engineers", "62 plants")
        kind = text[count.end():end]
        label = whole if cls is not None or singular(kind.split()[-1].lower()) in _GROUPED | sites \
            or _measured_count(kind) else kind
        found.append(Mention(count.start(), end, whole, None, cls, label, "phrase"))
        joint = re.match(r"\s+(?:and|or)\s+", text[end:])
        following = phrase_at(text, end + joint.end()) if joint is not None else None
        if following is not None and plural_noun(following.text.split()[-1].lower()):
            found.append(following)
    return found
