"""Other names of one entity: a shorter name, a description the text keeps for it, a name given "known as" or "called".

A company named in full once is often named by part of its name after: "Zhejiang Tongda Machinery Group" becomes
"Tongda", "Wuxi Boiler Company" becomes "Wuxi Boiler". The shorter name is the same entity (its label and class),
when one earlier name alone holds it as its core: the full name without a place it opens on (a province, a country) and
a word that only says what kind of body it is ("Group", "Company", "Co"). One word alone must be that whole core or
open it after a place ("Weiqiao" of "Shandong Weiqiao Pioneering Group"): a city's name opening a company's ("Qingdao"
of "Qingdao Port Group") is the city. A name the text gave an entity of its own, a person's or a place's, is left.

And once the text has called an entity by a description ("…, the group said"), that word goes on standing for it
("the group's software arm" two sentences later), over the last entity of that class named since. "X, better known
as Y" and "a gang calling itself Y" make the second name the first one's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from explorer.core.extraction.spans import Mention, singular
from explorer.core.extraction.words import CHINESE_PROVINCES
from explorer.core.search import normalize

#: Last words of a name that only say what kind of body it is.
_BODY_SUFFIXES = frozenset(["group", "company", "co", "co.", "corporation", "corp", "corp.", "ltd", "ltd.", "limited",
                            "holdings", "inc", "inc.", "plc"])
_PLACE_WORDS = frozenset(CHINESE_PROVINCES) | frozenset(["china", "chinese"])
_NOT_ENTITY = ("Person", "Place", "City", "Province", "Country", "District")


def _core(words: list[str]) -> tuple[list[str], bool]:
    """A name's words without the place it opens on and its body word; and whether a place was taken off its start."""
    core, placed = list(words), False
    while len(core) > 1 and core[0].lower() in _PLACE_WORDS:
        core, placed = core[1:], True
    while len(core) > 1 and core[-1].lower() in _BODY_SUFFIXES:
        core = core[:-1]
    return core, placed


def _holds(full: Mention, short: list[str]) -> bool:
    words = (full.label or full.text).split()
    if len(words) <= len(short) or any("'" in w or "’" in w for w in words):
        return False
    core, placed = _core(words)
    if len(short) == 1:
        return core == short or (placed and len(core) > 1 and core[0] == short[0])
    # several words: the whole core ("China Mobile" is not "China Mobile Anhui", the operator's provincial unit)
    return core == short


def part_of_name(mention: Mention, history: Sequence[Mention]) -> Mention:
    """The full name's entity where ``mention`` is a shorter name of one earlier name (see the module's docstring)."""
    if mention.via != "name" or mention.iri is not None or (mention.cls or "").endswith(_NOT_ENTITY) \
            or not mention.text[:1].isupper() or mention.text.lower() in _PLACE_WORDS:
        return mention
    short = mention.text.split()
    if any(m.key == mention.key and m.via in ("name", "label") for m in history):
        return mention  # the text named it as an entity of its own before
    holders = {m.key: m for m in history if m.via in ("name", "label") and m.iri is None
               and not (m.cls or "").endswith(_NOT_ENTITY) and _holds(m, short)}
    if len(holders) != 1:
        return mention
    full = next(iter(holders.values()))
    return replace(mention, label=full.label or full.text, cls=mention.cls or full.cls)


def called_heads(mentions: Sequence[Mention], is_class_word: Callable[[str], bool]) -> dict[str, str]:
    """For each class word a sentence used as a description of a named entity ("the group", "group said"), that
    entity's key."""
    out: dict[str, str] = {}
    for mention in mentions:
        words = re.sub(r"^(?:the|its|this)\s+", "", mention.text, flags=re.IGNORECASE).split()
        if mention.via == "definite" and words and all(w[:1].islower() for w in words) and len(words) <= 2 \
                and is_class_word(words[-1]) and (mention.iri is not None or mention.label is not None) \
                and normalize(mention.label or "") != normalize(mention.text):
            out[singular(words[-1].lower())] = mention.key
    return out


#: "X, better known as Y,": the second name is the first one's other name.
_KNOWN_AS = re.compile(r",\s+(?:(?:better|also|commonly|formerly|widely)\s+)?known\s+as\s+", re.IGNORECASE)


def known_as(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Beijing Automotive Group, better known as BAIC, has wired …": BAIC is the group itself (a reference to it), and
    the words between name nothing."""
    out: list[Mention] = []
    for match in _KNOWN_AS.finditer(text):
        first = next((m for m in reversed(mentions) if m.end == match.start() and m.via in ("name", "label")), None)
        second = next((m for m in mentions if m.start == match.end() and m.via in ("name", "label")), None)
        if first is None or second is None:
            continue
        out = [m for m in (out or mentions) if not (match.start() <= m.start and m.end <= match.end())]
        out = [replace(first, start=m.start, end=m.end, text=m.text, via="definite") if m is second else m for m in out]
    return _called(text, out or mentions)


_CALLED = re.compile(r"\s+(?:called|named|dubbed|(?:which\s+|that\s+)?call(?:s|ing)\s+itself"
                     # "a group it calls Sandfox", "a campaign researchers have dubbed Birch Frost"
                     r"|(?:it|they|researchers|investigators)\s+(?:calls?|has\s+dubbed|have\s+dubbed|dubs|dubbed|named|has\s+named))\s+",
                     re.IGNORECASE)


#: Heads of a description of who acts, which a name after "called" names ("a hacker group called X").
_ACTOR_HEADS = frozenset(["group", "gang", "team", "crew", "actor", "start-up", "startup", "company", "firm", "outfit",
                          "collective", "unit", "campaign"])


def _called(text: str, mentions: list[Mention]) -> list[Mention]:
    """"a hacker group calling itself Black Mekong", "a start-up called Waytous", "a campaign it calls Birch Frost": a
    description of who acts (or of a campaign) is the name after the words (with the description's kind where the name has none)."""
    out = list(mentions)
    for match in _CALLED.finditer(text):
        first = next((m for m in out if m.end == match.start() and m.via in ("phrase", "cue") and m.iri is None), None)
        second = next((m for m in out if m.start == match.end() and m.via in ("name", "label")), None)
        if first is None or second is None or first.text.split()[-1].lower() not in _ACTOR_HEADS:
            continue  # "a platform called Zhongyuan Cloud" stays the platform the text refers back to
        out[out.index(first)] = replace(second, start=first.start, end=first.end, text=first.text, cls=second.cls or first.cls,
                                        via="definite")
    return out


#: Who the text says runs something: "are run by X", "operated by X", "X, which operates …", "X runs …".
_RUN_BY = re.compile(r"(?<![\w-])(?:run|operated|managed)\s+by\s+(?:the\s+)?(?:[\w'’]+-based\s+)?([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)")
_RUNS = re.compile(r"([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*),?\s+(?:which\s+)?(?:operates|runs)\s+(?:the|a|an|its)\s")


def operators(text: str) -> list[str]:
    """Keys of the names ``text`` says run something, in reading order: "the operator" may stand for the last one."""
    found = sorted([*_RUN_BY.finditer(text), *_RUNS.finditer(text)], key=lambda m: m.start(1))
    return [f"new:{normalize(m.group(1))}" for m in found if " " in m.group(1) or m.group(1).isupper()]
