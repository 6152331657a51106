"""Facts carried by syntax rather than by a trigger between two mentions.

Each reader here states, for any property the ontology gives words to, a construction English uses
to say it without putting the words between the two names:

- a possessive: "Haier's Qingdao branch" has the possessor before the thing it has, and the thing's
  head noun is the property's word ("'s branch"), with modifiers in between; a country's or a
  region's thing ("Korea's telecom operators") is based there;
- a nationality adjective: "Japanese handset makers" are based in Japan;
- a compound modifier: "AI-powered inspection" reads as the property whose pattern is "-powered";
- a comparison opened by "compared with A, B is more complex" for the property "more complex than";
- coordination: "Tencent and Alibaba set up …" states the fact of each of them, as does "… was
  developed by Baidu and China Unicom" of each object.

None of them quotes an article: they are read from the patterns the ontology declares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.search import normalize
from explorer.core.vocab import KG

#: Nationality adjectives and the country each names (the common ones of the trade press).
DEMONYMS = {
    "chinese": "China", "american": "United States", "japanese": "Japan", "korean": "South Korea",
    "south korean": "South Korea", "german": "Germany", "french": "France", "british": "United Kingdom",
    "indian": "India", "taiwanese": "Taiwan", "swedish": "Sweden", "finnish": "Finland", "dutch": "Netherlands",
    "italian": "Italy", "spanish": "Spain", "russian": "Russia", "vietnamese": "Vietnam", "singaporean": "Singapore",
}
COUNTRIES = frozenset(normalize(name) for name in DEMONYMS.values())

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Reading = tuple[Mention, str, Mention, str, int, int, float]
#: Finds the mention of a name inside a sentence: a known entity, or a new one of the given class.
NameLookup = Callable[[str, int, "str | None"], Mention]


def possessives(lexicon: Lexicon, mentions: list[Mention], named: NameLookup) -> Iterator[Reading]:
    """"X's … branch": X has the branch; "China's telecom companies": they are based in China."""
    by_head = {p.words.split()[1].lower(): p for p in lexicon.patterns
               if p.words.startswith(("'s ", "’s ")) and len(p.words.split()) == 2 and not p.object_first}
    for mention in mentions:
        if mention.iri is not None:
            continue
        match = re.match(r"(.+?)(?:['’]s|(?<=s)['’])\s+(.+)$", mention.label or mention.text)
        if match is None or not match.group(1)[:1].isupper():
            continue
        owner_text, rest = match.group(1), match.group(2)
        head = rest.split()[-1].lower()
        pattern = by_head.get(head)
        if pattern is not None:
            owner = named(owner_text, mention.start, None)
            yield (owner, pattern.predicate, mention, pattern.words, owner.end, mention.end, 0.85)
        elif normalize(owner_text) in COUNTRIES:
            owner = named(owner_text, mention.start, str(KG.Country))
            yield (mention, str(KG.basedIn), owner, "'s", owner.end, owner.end + 2, 0.75)


def nationalities(mentions: list[Mention], named: NameLookup) -> Iterator[Reading]:
    """"Chinese smartphone vendors" are based in China."""
    for mention in mentions:
        if mention.iri is not None or mention.via != "cue":
            continue
        for adjective in sorted(DEMONYMS, key=len, reverse=True):
            if mention.text.lower().startswith(adjective + " "):
                country = replace(named(DEMONYMS[adjective], mention.start, str(KG.Country)),
                                  start=mention.start, end=mention.start + len(adjective),
                                  text=mention.text[:len(adjective)])
                yield (mention, str(KG.basedIn), country, adjective, country.start, country.end, 0.75)
                break


def compound_modifiers(lexicon: Lexicon, mentions: list[Mention], named: NameLookup) -> Iterator[Reading]:
    """"5G-enabled remote healthcare services": 5G enables them (a pattern written "-enabled")."""
    for pattern in lexicon.patterns:
        if not pattern.words.startswith("-") or pattern.object_first:
            continue
        for mention in mentions:
            found = re.search(rf"([\w.]+){re.escape(pattern.words)}\s", mention.text, re.IGNORECASE)
            if found is None or mention.iri is not None:
                continue
            subject = named(found.group(1), mention.start + found.start(1), None)
            start = mention.start + found.end(1)
            yield (subject, pattern.predicate, mention, pattern.words, start, start + len(pattern.words), 0.8)


def comparisons(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Compared with A, B is far more complex": B more complex than A, for each "more … than" pattern."""
    opened = re.search(r"\bcompared\s+(?:with|to)\s+", text, re.IGNORECASE)
    if opened is None:
        return
    comma = text.find(",", opened.end())
    if comma < 0:
        return
    base = next((m for m in mentions if m.start >= opened.end() and m.end <= comma), None)
    compared = next((m for m in mentions if m.start > comma), None)
    if base is None or compared is None:
        return
    for pattern in lexicon.patterns:
        words = re.fullmatch(r"more\s+(\w+)\s+than", pattern.words)
        if words is None:
            continue
        said = re.search(rf"\bmore\s+{re.escape(words.group(1))}\b", text[compared.end:], re.IGNORECASE)
        if said is not None:
            start = compared.end + said.start()
            yield (compared, pattern.predicate, base, pattern.words, start, compared.end + said.end(), 0.8)


_JOINT = re.compile(r"\s*(?:(,)\s*(?:and\s+)?|and\s+|as well as\s+)(?:other\s+)?")


def _chain(ordered: list[Mention], text: str, end: Mention, step: int) -> list[Mention]:
    """The mentions joined to ``end`` by "and" (or by commas in a list that ends with "and")."""
    found: list[tuple[Mention, bool]] = []
    index = ordered.index(end)
    while 0 <= index + step < len(ordered):
        near, far = (ordered[index], ordered[index + step]) if step > 0 else (ordered[index + step], ordered[index])
        joint = _JOINT.fullmatch(text[near.end:far.start])
        if joint is None:
            break
        found.append((ordered[index + step], joint.group(1) is not None and "and" not in joint.group()))
        index += step
    # "Ningbo, Zhejiang province" is no list: a bare comma joins only when an "and" follows it
    # ("A, B and C"). Read backwards it is never trusted ("In Shenzhen, Tencent and Alibaba …").
    if step < 0:
        found = found[:next((i for i, (_m, comma) in enumerate(found) if comma), len(found))]
    while found and found[-1][1]:
        found.pop()
    return [mention for mention, _comma in found]


def coordinated(mentions: list[Mention], text: str, subject: Mention, obj: Mention,
                ) -> Iterator[tuple[Mention, Mention]]:
    """The other pairs a coordination adds: "A and B set up X" (A too), "developed by A and B" (B too)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    if subject not in ordered or obj not in ordered or subject.start > obj.start:
        return
    for step in (-1, 1):
        # "…by A and B, and it supports X": a pronoun opens its own clause, it is no list's member
        for other in ([] if subject.via == "pronoun" else _chain(ordered, text, subject, step)):
            if other.via != "pronoun" and other.end <= obj.start:
                yield other, obj
        for other in _chain(ordered, text, obj, step):
            if other.via != "pronoun" and other.start >= subject.end:
                yield subject, other


_BE = r"(?:is|are|was|were|be|been|being|get|gets|got)"


def passive_attacks(lexicon: Lexicon, mentions: list[Mention], text: str,
                    earlier_threat: Mention | None) -> Iterator[Reading]:
    """"Once the plant is attacked by hackers": an attack on the plant, which is the threat this
    sentence names or else the one named last, carried out by the hackers. Read for every one-word
    participle the ontology gives ``kg:targets`` ("attacked", "targeted", "hit")."""
    threat, targets, carried_out_by = str(KG.CyberRisk), str(KG.targets), str(KG.carriedOutBy)
    for pattern in lexicon.patterns:
        if pattern.predicate != targets or " " in pattern.words or not pattern.words.isascii() \
                or not (pattern.words.endswith("ed") or pattern.words in ("hit", "hit by")):
            continue
        for said in re.finditer(rf"(?<![\w-]){_BE}\s+{re.escape(pattern.words)}(?![\w-])", text, re.IGNORECASE):
            before = [m for m in mentions if m.end <= said.start() and not re.search(r"[,;]", text[m.end:said.start()])]
            if not before or lexicon.is_a(before[-1].cls, [threat]):
                continue
            victim = before[-1]
            named = [m for m in mentions if lexicon.is_a(m.cls, [threat]) and m.key != victim.key]
            attack = named[0] if named else earlier_threat
            if attack is None:
                continue
            by = re.match(r"\s+by\s+[\"“]?", text[said.end():])
            end = said.end() + (by.end() if by else 0)
            yield (attack, targets, victim, pattern.words, said.start(), end, 0.7)
            agent = next((m for m in mentions if m.start == end), None) if by else None
            if agent is not None and not lexicon.is_a(agent.cls, [threat]):
                yield (attack, carried_out_by, agent, f"{pattern.words} by", said.start(), end, 0.7)


_REPORTING = re.compile(r"(?<![\w-])(?:said|says|added|adds|warned|warns|noted|notes|cautioned|stressed|told)(?![\w-])",
                        re.IGNORECASE)


def reported_warnings(lexicon: Lexicon, mentions: list[Mention], text: str,
                      facts: list[tuple[Mention, str, Mention]]) -> Iterator[Reading]:
    """"She added that X is more vulnerable to Y", "once X is attacked …, Liu said": who reports an
    exposure to a threat warns of that threat. The speaker stands next to the reporting verb and is an
    agent; the exposure is any fact of the sentence on a property that carries it."""
    threat, agent, warns = str(KG.CyberRisk), str(KG.Agent), str(KG.warnsOf)
    for verb in _REPORTING.finditer(text):
        speaker = next((m for m in mentions if 0 <= verb.start() - m.end <= 1 or 0 <= m.start - verb.end() <= 1), None)
        if speaker is None or not lexicon.is_a(speaker.cls, [agent]):
            continue
        for subject, predicate, obj in facts:
            if predicate not in lexicon.exposure:
                continue
            for end in (subject, obj):
                if lexicon.is_a(end.cls, [threat]) and end.key != speaker.key:
                    yield (speaker, warns, end, verb.group(), verb.start(), verb.end(), 0.7)
