"""What stands in a verb's slot when no mention covers it.

- one bare noun after the words of a property whose object the ontology types narrowly: "warned of sabotage",
  "vulnerable to tampering" — a thing of the property's range (a threat), though a bare singular word elsewhere
  names a quality or an activity and no thing;
- the agent of a threat: "sabotage by intruders", "attacks by hackers" — the threat is carried out by them.

None of them quotes an article; the words they read are the ontology's patterns and English function words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

THREAT, AGENT, ENTITY = str(KG.CyberRisk), str(KG.Agent), str(KG.Entity)
CARRIED_OUT_BY = str(KG.carriedOutBy)

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Fact = tuple[Mention, str, Mention, str, int, int, float]

#: One bare noun that ends where its clause or a preposition follows.
_ONE_NOUN = re.compile(r"\s+([a-z][a-z-]{3,})(?=\s+(?:by|and|or|from|in|at|on|to|of|against|through)\b|\s*[,.;:]|\s*$)")
#: A bare plural after "by": who carries a threat out.
_BY_PLURAL = re.compile(r"\s+by\s+((?:[a-z][a-z-]+\s+)?[a-z][a-z-]+s)\b(?!\s+(?:of|to)\b)")


#: A message or an order made to deceive: an adjective of forging, then what carries orders or code.
_DECEIVING = re.compile(r"(?:(?:a|an|the)\s+)?(?:spoofed|forged|false|fake|faked|malicious|rogue|tampered|tampered-with|bogus"
                        r"|counterfeit|poisoned)\s+(?:[\w-]+\s+){0,2}(?:commands?|signals?|updates?|instructions?|messages?"
                        r"|packets?|firmware|set\s*points?)", re.IGNORECASE)


def _free(mentions: list[Mention], start: int, end: int) -> bool:
    return not any(m.start < end and start < m.end for m in mentions)


def slot_nouns(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` with the bare nouns that fill a typed slot ("warned of sabotage") and the agents of threats
    ("sabotage by intruders") added, in reading order."""
    added: list[Mention] = []
    # "forged switching commands", "a tampered update", "spoofed signals": a message made to deceive is a threat
    mentions = [replace(m, cls=THREAT) if m.via == "phrase" and m.cls is None and m.iri is None and _DECEIVING.fullmatch(m.text)
                else m for m in mentions]
    for pattern in lexicon.patterns:
        words = pattern.words.split()
        if pattern.weak or pattern.object_first or not pattern.words.isascii() or words[-1].lower() not in PREPOSITIONS \
                or len(pattern.range) != 1 or next(iter(pattern.range)) in (AGENT, ENTITY):
            continue
        cls = next(iter(pattern.range))
        for match in pattern.regex.finditer(text):
            typed = next((m for m in mentions if m.start == match.end() + 1 and m.via == "phrase" and m.cls is None
                          and m.iri is None and not re.search(r"internet|networks?$", m.text, re.IGNORECASE)), None)
            if typed is not None and cls == THREAT:
                # "exposed to forged valve commands, which could …": the phrase in a threat's slot is a threat to what follows
                mentions = [replace(m, cls=cls) if m is typed else m for m in mentions]
                continue
            noun = _ONE_NOUN.match(text, match.end())
            if noun is None or noun.group(1) in STOPWORDS or noun.group(1).endswith("ly") \
                    or not _free(mentions + added, match.start(), noun.end(1)):
                continue
            added.append(Mention(noun.start(1), noun.end(1), noun.group(1), None, cls, noun.group(1), "phrase"))
    everything = sorted(mentions + added, key=lambda m: m.start)
    for threat in [m for m in everything if lexicon.is_a(m.cls, [THREAT])]:
        by = _BY_PLURAL.match(text, threat.end)
        if by is not None and by.group(1) not in STOPWORDS and _free(everything + added, by.start(1), by.end(1)):
            added.append(Mention(by.start(1), by.end(1), by.group(1), None, None, by.group(1), "phrase"))
    return sorted(mentions + added, key=lambda m: m.start)


def threat_agents(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Fact]:
    """"sabotage by intruders", "attacks by state hackers": the threat is carried out by who follows "by"."""
    for threat in mentions:
        if not lexicon.is_a(threat.cls, [THREAT]):
            continue
        by = re.match(r"\s+by\s+", text[threat.end:])
        agent = next((m for m in mentions if by is not None and m.start == threat.end + by.end()), None)
        if by is None or agent is None or agent.via == "pronoun" or lexicon.is_a(agent.cls, [THREAT]) \
                or lexicon.is_a(agent.cls, [AGENT]) is False:
            continue
        yield (threat, CARRIED_OUT_BY, agent, "by", threat.end, threat.end + by.end(), 0.6)


#: Nouns that count or group what follows "of": "a set of security guidelines" speaks of the guidelines.
_QUANTITY_NOUNS = frozenset(["set", "series", "range", "number", "pair", "batch", "suite", "package", "raft", "host", "slew",
                             "fleet"])


def quantity_heads(mentions: list[Mention], text: str) -> list[Mention]:
    """"published a set of security guidelines", "runs a fleet of driverless trucks": a noun of quantity before "of" is
    read with what it counts, which names the thing (its label); the two mentions become one."""
    out: list[Mention] = []
    skip: set[int] = set()
    for index, mention in enumerate(mentions):
        if index in skip:
            continue
        inner = mentions[index + 1] if index + 1 < len(mentions) else None
        if inner is not None and mention.via == "phrase" and mention.iri is None \
                and mention.text.lower().split()[-1] in _QUANTITY_NOUNS and len(mention.text.split()) <= 2 \
                and re.fullmatch(r"\s+of\s+", text[mention.end:inner.start]) and inner.via in ("phrase", "cue", "name"):
            out.append(replace(inner, start=mention.start, text=text[mention.start:inner.end]))
            skip.add(index + 1)
            continue
        out.append(mention)
    return out
