"""A maker's name before its gear: "Hikvision cameras", "DJI drones", "Hikvision dust sensors at the polishing lines".

The words name one thing, the gear, which the maker built: English puts a maker's name before a piece of equipment as
it puts a brand. Only a one-word name of no dictionary word opens such a phrase ("Thermal cameras" opening a sentence,
"AI cameras" are kinds of camera), and only a concrete piece of gear ends it ("Huawei equipment", "a ZTE system" are
left to the verbs round them, which say more of the maker than the phrase does).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from explorer.core.extraction import wordclass
from explorer.core.extraction.spans import Mention, Reading, singular
from explorer.core.extraction.words import CARRIER_WORD, COUNT_WORDS, NOT_NAMES, STOPWORDS
from explorer.core.vocab import KG

BUILT = str(KG.built)

#: Gear a maker's name may open (singular): the pieces of equipment a brand names.
GEAR = frozenset(["camera", "sensor", "drone", "robot", "router", "gateway", "server", "module", "scanner", "detector",
                  "excavator", "loader", "forklift", "truck", "crane", "chip", "radar", "lidar", "headset", "modem",
                  "inverter", "switch", "controller"])
#: Capitalised words that open a kind of gear, no maker: technologies, standards and their acronyms, determiners.
_KINDS = frozenset(["every", "each", "vpn", "mec", "cpe", "sim", "esim", "ai", "iot", "rfid", "cnc", "agv", "agvs", "gps",
                    "uwb", "ip", "lte", "nb-iot", "beidou", "redcap", "lidar", "plc", "plcs", "scada", "hd", "led", "ot",
                    "it", "dcs", "cctv", "wi-fi", "wifi", "vr", "ar", "ptz", "mes", "erp", "ups", "ai-powered", "ai-enabled",
                    "x-ray", "infrared", "edge"])
#: A one-word name, then up to two modifiers and the gear: "Hikvision | dust | sensors".
_NAMED_GEAR = re.compile(r"(?<![\w'’-])([A-Z][A-Za-z-]*[A-Za-z])\s+((?:[a-z][a-z-]*\s+){0,2}?)"
                         r"((?:" + "|".join(sorted(GEAR)) + r")(?:s|es)?)(?![\w'’-])")


def _maker_of(text: str, match: re.Match[str], place: Callable[[str], bool]) -> bool:
    name, modifiers, head = match.group(1), match.group(2).split(), match.group(3)
    lowered = name.lower()
    if singular(head) not in GEAR or (head.endswith("s") and wordclass.plural(head) is False) or lowered in _KINDS \
            or lowered in NOT_NAMES or lowered in COUNT_WORDS or wordclass.known(lowered) or CARRIER_WORD.fullmatch(name) \
            or place(name):
        return False
    if any(word in STOPWORDS or wordclass.verb_only(word) or wordclass.inflected_verb(word) or wordclass.present_third(word)
           or wordclass.past(word) for word in modifiers):
        return False
    # the name is one word: a capitalised word before it makes it part of a longer name, unless it is a count that
    # opens the sentence ("Forty Hikvision cameras")
    before = re.search(r"([A-Za-z][\w'’-]*)\s+$", text[:match.start()])
    return before is None or not before.group(1)[0].isupper() or (before.start() == 0 and before.group(1).lower() in COUNT_WORDS)


_DETERMINED = re.compile(r"(?<![\w-])(?:the|its|their|these|those)\s+$", re.IGNORECASE)


def makers_gear(text: str, place: Callable[[str], bool]) -> list[Mention]:
    """"Hikvision cameras": the gear a maker's name opens, one thing named by the words."""
    return [Mention(match.start(), match.end(), match.group(), None, None, match.group(), "phrase")
            for match in _NAMED_GEAR.finditer(text) if _maker_of(text, match, place)]


def gear_makers(mentions: list[Mention], text: str, named: Callable[[str, int], Mention]) -> Iterator[Reading]:
    """(maker, kg:built, gear) for each mention ``makers_gear`` found with no determiner before it: "Hikvision" built
    "Hikvision cameras". ``named`` gives the maker's mention (a known entity of that label, else a new one)."""
    for gear in mentions:
        match = _NAMED_GEAR.fullmatch(text, gear.start, gear.end)
        if gear.via != "phrase" or match is None or (gear.label or gear.text) != gear.text or not _maker_of(text, match, lambda _: False) \
                or _DETERMINED.search(text, 0, gear.start):
            continue  # "the Pizhou cranes", "the Santanghu controllers": gear named by where it works
        maker = named(match.group(1), gear.start)
        yield (maker, BUILT, gear, match.group(1), match.start(1), match.end(1), 0.6)
