"""A place's name before a common noun: "a Dongguan toy maker", "a Hefei battery-pack supplier".

The capitalised word is no part of the kind but says where the agent (a maker, a supplier) is based. Only a word the
document shows to be a place (a place's class, or a name put after "in" or "at") counts, so that "a Huawei supplier" says
nothing of a place; in a description apposed to a name a province's or a larger city's name counts as well. Words may
describe the agent before the place ("the privately held Zouping conglomerate"), and an agent "of" a town ("X, of
Changyuan in Henan province,") is based there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from explorer.core.extraction.appositions import apposed_name
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.sites import known_place
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.extraction.words import PLACE_NAMES
from explorer.core.search import normalize
from explorer.core.vocab import KG

AGENT, BASED_IN = str(KG.Agent), str(KG.basedIn)
_APPOSED = re.compile(r",\s+(?:a|an|the)\s+$", re.IGNORECASE)
_INTRODUCED = re.compile(r"(?<![\w-])(?:a|an|its|their|his|her)\s+$", re.IGNORECASE)
#: One or two capitalised words, then one to three lower-case words ending the phrase.
#: (after a hyphened modifier of age or size: "a five-year-old | Hangzhou start-up")
_PLACED_KIND = re.compile(r"(?:[a-z0-9][\w]*-[\w-]+\s+)?((?:[A-Z][a-z’'-]+\s+){1,2})([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})")
#: ", the privately held Zouping conglomerate", ", a five-year-old Hangzhou start-up": words describing the agent
#: before the place's name, then its kind.
_DESCRIBED_PLACED_KIND = re.compile(r",\s+(?:a|an|the)\s+(?:(?!(?:in|at|of|on|near|from|with|for|by|and|or)\s)[a-z][\w-]*\s+){1,3}?"
                                    r"((?:[A-Z][a-z-]+\s+){1,2})"
                                    r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?(?=\s*[,;.]|\s+(?:of|that|which|who|whose|founded|"
                                    r"set|with|for)\s|$)")
#: ", China's largest diesel-engine producer,", ", Jinan's biggest controller supplier,": a place's possessive opening an
#: apposition of common nouns
_PLACE_POSSESSIVE = re.compile(r",\s+((?:[A-Z][a-z’'-]+\s+)?[A-Z][a-z’'-]+)['’]s\s+(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*(?=\s*[,;.]|$)")
#: ", of Changyuan in Henan province,": the town an agent is "of".
_OF_PLACE = re.compile(r",\s+of\s+([A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?)(?=\s*,|\s+in\s+[A-Z])")


def placed_kinds(lexicon: Lexicon, mentions: list[Mention], text: str, named: Callable[[str, int, str | None], Mention],
                 is_place: Callable[[str], bool]) -> Iterator[Reading]:
    """(agent, basedIn, place) for each new agent whose name opens on a place's name after "a" or a possessive
    ("the Dongguan government", "the Qingdao attack" are an institution's and an event's names); ``named`` gives the mention
    of a name at a position, ``is_place`` whether the document shows a name to be a place's. A description in apposition
    to a name ("X, a Changsha maker of cables", "X, the Hangzhou security firm") says where the named agent is based."""
    for mention in mentions:
        if mention.iri is not None or mention.via not in ("phrase", "cue", "definite"):
            continue
        # a description read as the name it is apposed to ("X, the Hangzhou security firm") is that name's mention
        name = mention if mention.via == "definite" else apposed_name(mentions, text, mention)
        if (name is None and not _INTRODUCED.search(text[:mention.start])) \
                or (mention.via == "definite" and not _APPOSED.search(text[:mention.start])):
            continue
        found = _PLACED_KIND.fullmatch(mention.text)
        # in a description apposed to a name, a province's or a larger city's name is a place's without the text showing it
        # ("Ruike, a Jinan supplier"; a Huawei supplier is still based nowhere)
        if found is None or not (is_place(found.group(1).strip())
                                 or (name is not None and normalize(found.group(1).strip()) in PLACE_NAMES)):
            continue
        place = named(found.group(1).strip(), mention.start + found.start(1), None)
        end = mention.start + found.start(1) + len(found.group(1).rstrip())
        if name is not None and name.key != place.key and lexicon.is_a(name.cls, [AGENT]) is not False \
                and not _a_place(name, is_place):
            yield (name, BASED_IN, place, found.group(1).strip(), place.start, end, 0.7)
        elif name is None and lexicon.is_a(mention.cls, [AGENT]) is True:
            yield (mention, BASED_IN, place, found.group(1).strip(), place.start, end, 0.7)
    yield from _described_seats(lexicon, mentions, text, named, is_place)


def _a_place(mention: Mention, is_place: Callable[[str], bool]) -> bool:
    """Whether the name is a place's: "Kunming, the capital of south-western Yunnan province" is in it, not based there."""
    return known_place(mention.label or mention.text, is_place)


def _described_seats(lexicon: Lexicon, mentions: list[Mention], text: str, named: Callable[[str, int, str | None], Mention],
                     is_place: Callable[[str], bool]) -> Iterator[Reading]:
    """"X, the privately held Zouping conglomerate," and "X, of Changyuan in Henan province,": the named agent before
    the comma is based in the place (a place the document shows to be one, or one a province follows)."""
    for found in [*_DESCRIBED_PLACED_KIND.finditer(text), *_OF_PLACE.finditer(text), *_PLACE_POSSESSIVE.finditer(text)]:
        words = found.group(1).strip()
        placed_after = found.re is _OF_PLACE or (found.re is _PLACE_POSSESSIVE and normalize(words) in PLACE_NAMES)
        if not (is_place(words) or placed_after) or any(m.start <= found.start(1) < m.end and m.via in ("name", "label")
                                                        and m.text != words for m in mentions):
            continue
        name = next((m for m in mentions if m.end == found.start() and m.via in ("name", "label", "ner")), None)
        if name is None or (lexicon.is_a(name.cls, [AGENT]) is not True and name.cls is not None) or _a_place(name, is_place):
            continue  # "Kunming, the capital of south-western Yunnan province,": a place lies in another, no agent is based there
        place = named(words, found.start(1), None)
        if place.key != name.key and lexicon.is_a(place.cls, [AGENT]) is not True:
            yield (name, BASED_IN, place, words, found.start(1), found.start(1) + len(words), 0.65)
