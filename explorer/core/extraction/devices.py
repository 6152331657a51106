"""Equipment: what a maker supplied ("supplied the rooftop antennas and the core"), and where it is put ("an edge server
installed at the mill", "the modules fitted in the substations", "modules are built into the vehicles").

What the active verb of a kg:built pattern takes after "the", "its" or "their" is a thing made, one or more of them,
though the phrase has no class word and its head is a plural ("supplied the protection relays and the communication
modules"): English puts "the" before equipment the reader can picture.

A past participle of placement with its preposition (a pattern of kg:locatedIn such as "installed at", "fitted to")
describes the noun right before it, as English puts a reduced relative clause: that noun stands in what follows, and
only that noun ("the relays and the modules fitted in the substations" places the modules). An agent right before the
words is who put the things there ("Huawei installed at the site …"), no thing placed.

None of it quotes an article: the words read are the ontology's patterns and the forms of "be".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from explorer.core.extraction import wordclass
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon, PropertyPattern
from explorer.core.extraction.readings import technology_placed
from explorer.core.extraction.sites import place_possessive
from explorer.core.extraction.spans import Mention, Reading, plural_noun, singular
from explorer.core.extraction.words import DEVICE_HEADS
from explorer.core.vocab import KG

LOCATED, AGENT, TECHNOLOGY, BUILT = str(KG.locatedIn), str(KG.Agent), str(KG.Technology), str(KG.built)
ORGANIZATION, BUILT_BY = str(KG.Organization), str(KG.builtBy)

#: What may stand between a thing and its participle: nothing, or a form of "be" ("modules are built into …").
_BETWEEN = re.compile(r"\s*(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?)?", re.IGNORECASE)


#: What may stand between the words and the site: a determiner, an owner's possessive ("fitted to the terminal's trucks").
_BEFORE_SITE = re.compile(r"\s*(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+['’]s\s+)?", re.IGNORECASE)


#: A determiner before what a verb of making takes.
_DETERMINER = re.compile(r"\s+(?:all\s+)?(?:the|its|their)\s+", re.IGNORECASE)
#: The next item of a list of things made: "and the", ", the", "and an".
_NEXT_ITEM = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the|an?|its|their)\s+", re.IGNORECASE)


def made_things(lexicon: Lexicon, text: str, phrase_at: Callable[[str, int], Mention | None]) -> list[Mention]:
    """The things the active verb of a kg:built pattern ("supplied", "installed", "built") takes after a determiner,
    each of a list: noun phrases read by ``phrase_at`` from where the determiner ends."""
    found: list[Mention] = []
    for pattern in lexicon.patterns:
        words = pattern.words.split()
        if pattern.predicate != BUILT or pattern.object_first or len(words) != 1 or wordclass.past(words[0]) is not True:
            continue
        for match in pattern.regex.finditer(text):
            opening = _DETERMINER.match(text, match.end())
            while opening is not None:
                phrase = phrase_at(text, opening.end())
                if phrase is None or phrase.start != opening.end() or re.search(r"['’]s?\s", phrase.text):
                    break  # "the plant's baseband units": an owner's things are the possessive readers' to read
                found.append(phrase)
                opening = _NEXT_ITEM.match(text, phrase.end)
    return found


#: A participle of making, supplying or placing with the word after it ("built by", "supplied by", "installed at").
_PARTICIPLE_AFTER = re.compile(r"(?<=\s)([a-z]+)\s+(?:by|at|in|on|inside|into|to)\s")
#: A list joint read leftwards: "A and | B supplied by".
_JOINT_BEFORE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)$")


def described_plurals(lexicon: Lexicon, text: str, phrase_at: Callable[[str, int], Mention | None]) -> list[Mention]:
    """Bare plurals a participle of making or placing describes: "inspection robots built by X patrol …", "the
    ambulances carry ultrasound units and patient monitors supplied by X". English puts the participle right after its
    noun; the noun phrase before it, and those listed with it, are things, whatever their head. The participle and its
    preposition are a pattern of kg:builtBy or kg:locatedIn."""
    found: list[Mention] = []
    wanted = {p.words.lower() for p in lexicon.patterns if p.predicate in (BUILT_BY, LOCATED)}
    for participle in _PARTICIPLE_AFTER.finditer(text):
        if wordclass.past(participle.group(1)) is not True or participle.group().strip().lower() not in wanted:
            continue
        end = participle.start() - 1
        while True:
            phrase = _plural_ending_at(text, end, phrase_at)
            if phrase is None:
                break
            found.append(phrase)
            joint = _JOINT_BEFORE.search(text[:phrase.start])
            if joint is None:
                break
            end = joint.start()
    return found


def _plural_ending_at(text: str, end: int, phrase_at: Callable[[str, int], Mention | None]) -> Mention | None:
    """The longest bare noun phrase ending at ``end`` and headed by a plural, up to four words back."""
    starts = [m.start() for m in re.finditer(r"(?<![\w'’-])[\w-]+", text[:end])][-4:]
    last = re.search(r"([\w-]+)$", text[:end])
    if last is None or not plural_noun(last.group(1).lower()):
        return None
    for start in starts:
        first = re.match(r"[\w-]+", text[start:end])
        if not text[start:end].replace("-", "").replace(" ", "").isalnum() or first is None or wordclass.verb_only(first.group()):
            continue  # "carry | portable ultrasound units": a verb before the phrase is no part of it
        phrase = phrase_at(text, start)
        if phrase is not None and phrase.start == start and phrase.end == end and phrase.text[:1].islower():
            return phrase
    return None


def placement_participle(lexicon: Lexicon, pattern: PropertyPattern) -> bool:
    """A pattern of kg:locatedIn made of a past participle and its preposition ("installed at", "fitted to") that no other
    property shares ("based in" says where an agent has its seat as well)."""
    words = pattern.words.split()
    return pattern.predicate == LOCATED and len(words) == 2 and words[1].lower() in PREPOSITIONS | {"inside"} \
        and wordclass.past(words[0]) is True \
        and not any(p.predicate != LOCATED and p.words.lower() == pattern.words.lower() for p in lexicon.patterns)


def described_thing(mentions: list[Mention], text: str, start: int) -> Mention | None:
    """The mention right before the participle at ``start`` (past a form of "be"), which the participle describes."""
    before = [m for m in mentions if m.end <= start and m.via != "pronoun"]
    if not before or _BETWEEN.fullmatch(text[before[-1].end:start]) is None:
        return None
    return max((m for m in before if m.end == before[-1].end), key=lambda m: m.end - m.start)


def unplaced(lexicon: Lexicon, pattern: PropertyPattern, subject: Mention, mentions: list[Mention], text: str, start: int) -> bool:
    """Whether the words at ``start`` place nothing between the nearest fitting mentions: a technology is placed nowhere
    (``readings.technology_placed``), and a participle of placement right after a mention is read here
    (``placed_equipment``)."""
    return technology_placed(lexicon, pattern, subject) \
        or (placement_participle(lexicon, pattern) and described_thing(mentions, text, start) is not None)


def equipment_facts(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """What this module reads of equipment: where it was put, and whose make it is."""
    yield from placed_equipment(lexicon, mentions, text)
    yield from made_by_source(lexicon, mentions, text)
    yield from carried_devices(lexicon, mentions, text)


def placed_equipment(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """(thing, kg:locatedIn, site) for each participle of placement right after a thing that is no agent."""
    for pattern in [p for p in lexicon.patterns if p.predicate == LOCATED and placement_participle(lexicon, p)]:
        for match in pattern.regex.finditer(text):
            thing = described_thing(mentions, text, match.start())
            # the possessed thing, not its owner ("fitted to the terminal's trucks": the trucks)
            site = next((m for m in sorted(mentions, key=lambda m: -m.start)
                         if m.start >= match.end() and _BEFORE_SITE.fullmatch(text[match.end():m.start])), None)
            if thing is None or site is None or _unsure_reference(site) or _agent_like(lexicon, thing) \
                    or lexicon.is_a(thing.cls, [TECHNOLOGY]) is True or lexicon.is_a(site.cls, [AGENT]) is True or thing.key == site.key:
                continue
            yield (thing, LOCATED, site, pattern.words, match.start(), match.end(), 0.65)


#: "from", then a description of the maker before its name ("from Shanghai-based start-up Jingce Vision").
_FROM_MAKER = re.compile(r"\s+from\s+(?:the\s+)?")


def made_by_source(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """(thing, kg:builtBy, maker) for a piece of equipment "from" an organisation: "Sensors from Hikvision track …", "a
    machine-vision system from Shanghai-based start-up Jingce Vision checks …". The thing is headed by a device noun
    (``DEVICE_HEADS``); the maker is the first organisation or name of no known kind after "from" and its description
    (a place before "-based" says where the maker is, no maker)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for thing in ordered:
        words = (thing.label or thing.text).lower().split()
        joint = _FROM_MAKER.match(text, thing.end)
        # "Sensors from …" opens the sentence: capitalised only there, a common noun
        opening = thing.start == 0 and thing.via == "name" and thing.cls is None
        # "base stations and a user-plane function from ZTE": a thing listed after a device is equipment too
        after_device = next((_device_phrase(lexicon, m) for m in reversed(ordered) if m.end <= thing.start
                             and _LIST_JOINT.fullmatch(text[m.end:thing.start])), False)
        if joint is None or not words or (singular(words[-1]) not in DEVICE_HEADS and not after_device) \
                or not (opening or (thing.via in ("phrase", "cue") and not _agent_like(lexicon, thing))):
            continue
        for maker in (m for m in ordered if m.start >= joint.end()):
            if re.fullmatch(r"(?:[\w'’]+-based\s+|[\w'’]+['’]s\s+)?(?:[a-z][\w-]*\s+){0,3}", text[joint.end():maker.start]) is None:
                break
            if text[maker.end:maker.end + 6] == "-based" or place_possessive(maker, text):
                continue  # "from Hangzhou-based | X", "from Hangzhou's | X": the place says where the maker is
            if lexicon.is_a(maker.cls, [ORGANIZATION]) is True or (maker.via in ("name", "label") and maker.cls is None):
                for made in _devices_listed_before(lexicon, ordered, text, thing):
                    for each_maker in _makers_listed(lexicon, ordered, text, maker):
                        yield (made, BUILT_BY, each_maker, "from", thing.end, joint.end(), 0.6)
            break


def _device_phrase(lexicon: Lexicon, mention: Mention) -> bool:
    words = (mention.label or mention.text).lower().split()
    return bool(words) and singular(words[-1]) in DEVICE_HEADS and mention.via in ("phrase", "cue") \
        and not _agent_like(lexicon, mention)


def _devices_listed_before(lexicon: Lexicon, ordered: list[Mention], text: str, thing: Mention) -> list[Mention]:
    """``thing`` and the pieces of equipment listed right before it: "base stations and core equipment | from Huawei"."""
    out = [thing]
    while (before := next((m for m in reversed(ordered) if m.end <= out[-1].start
                           and _LIST_JOINT.fullmatch(text[m.end:out[-1].start])), None)) is not None \
            and _device_phrase(lexicon, before):
        out.append(before)
    return out


def _makers_listed(lexicon: Lexicon, ordered: list[Mention], text: str, maker: Mention) -> list[Mention]:
    """``maker`` and the organisations listed right after it: "from | Huawei and ZTE"."""
    out = [maker]
    while (after := next((m for m in ordered if m.start >= out[-1].end
                          and _LIST_JOINT.fullmatch(text[out[-1].end:m.start])), None)) is not None \
            and after.via in ("name", "label", "ner") and not text.startswith(("'s", "’s"), after.end) \
            and (lexicon.is_a(after.cls, [ORGANIZATION]) is True or after.cls is None):
        out.append(after)
    return out


_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+(?:an?\s+)?")  # (", and a …" may open a clause)
#: "X carry Y": a vehicle that carries equipment.
_CARRY = re.compile(r"\s+(carry|carries|carried)\s+")


def carried_devices(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """(equipment, kg:locatedIn, holder): "The ambulances carry portable ultrasound units and patient monitors": each
    device listed (a head of ``DEVICE_HEADS``) is in what carries it, when that is no agent (a network carries data, a
    rollout carries risks: no devices). "on" alone is left unread: "sensors on cracking units" is said as often of a
    network slice ("cameras on a separate slice") or a floor as of what holds them."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for index, holder in enumerate(ordered):
        joint = _CARRY.match(text, holder.end)
        if joint is None or holder.via == "pronoun" or _agent_like(lexicon, holder):
            continue
        listed = [m for m in ordered[index + 1:] if m.start == joint.end() and m.via != "pronoun"][:1]
        while listed and (more := next((m for m in ordered if m.start > listed[-1].end
                                        and _LIST_JOINT.fullmatch(text[listed[-1].end:m.start])), None)) is not None:
            listed.append(more)
        for device in listed:
            if _device(device) and not _agent_like(lexicon, device):
                yield (device, LOCATED, holder, joint.group(1), joint.start(1), joint.end(1), 0.55)


def _device(mention: Mention) -> bool:
    words = (mention.label or mention.text).lower().split()
    return bool(words) and singular(words[-1]) in DEVICE_HEADS


def _agent_like(lexicon: Lexicon, mention: Mention) -> bool:
    """An agent, or a name of no known class: who installs things ("which the branch and Huawei installed at the site")
    is named far more often than a piece of equipment is."""
    return lexicon.is_a(mention.cls, [AGENT]) is True or (mention.via in ("name", "label") and mention.cls is None)


def _unsure_reference(site: Mention) -> bool:
    """"installed at the plant" where the text named a plant of another kind before: a bare kind word read as a longer
    name ("lithium carbonate plant") may stand for any site of that kind the text spoke of, and a placement resting on
    the wrong one is a false fact; one that keeps its words ("the substations") is safe."""
    words = re.sub(r"^(?:the|its|their)\s+", "", site.text, flags=re.IGNORECASE).lower()
    return site.via == "definite" and " " not in words and (site.label or "").lower() != words
