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


def _free(mentions: list[Mention], start: int, end: int) -> bool:
    return not any(m.start < end and start < m.end for m in mentions)


def slot_nouns(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` with the bare nouns that fill a typed slot ("warned of sabotage") and the agents of threats
    ("sabotage by intruders") added, in reading order."""
    added: list[Mention] = []
    for pattern in lexicon.patterns:
        words = pattern.words.split()
        if pattern.weak or pattern.object_first or not pattern.words.isascii() or words[-1].lower() not in PREPOSITIONS \
                or len(pattern.range) != 1 or next(iter(pattern.range)) in (AGENT, ENTITY):
            continue
        cls = next(iter(pattern.range))
        for match in pattern.regex.finditer(text):
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
