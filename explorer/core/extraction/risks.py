"""The readings of the sentences about cyber risk that go before the patterns: weaknesses and exposures
(``weaknesses``), measures called for (``calls_for``), incidents (``incidents``) and who speaks (``speakers``). Each
reading takes its words, so no pattern reads them again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from explorer.core.extraction import calls_for, incident_frames, incidents, speakers, weaknesses
from explorer.core.extraction.incidents import one_attack
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.weaknesses import Reading, warned_of
from explorer.core.vocab import KG

__all__ = ["one_attack", "read_risks", "unwarned_weaknesses", "warned_of"]

WARNS_OF, HAS_VULNERABILITY, EXPOSED_TO = str(KG.warnsOf), str(KG.hasVulnerability), str(KG.exposedTo)
AGENT, PLACE, RISK = str(KG.Agent), str(KG.Place), str(KG.CyberRisk)


class _Fact(Protocol):
    @property
    def predicate(self) -> str: ...
    @property
    def object(self) -> Mention: ...
    @property
    def pattern(self) -> str: ...


FactT = TypeVar("FactT", bound=_Fact)


def unwarned_weaknesses(facts: Sequence[FactT]) -> list[FactT]:
    """One sentence's facts without a warning of a weakness a thing of the sentence holds: "warned that machines running
    outdated Windows builds are exposed to ransomware" warns of ransomware; the builds are what the machines run (a
    warning "of" a flaw names it as its object and stays)."""
    held = {f.object.key for f in facts if f.predicate == HAS_VULNERABILITY}
    return [f for f in facts if not (f.predicate == WARNS_OF and f.object.key in held and not f.pattern.endswith((" of", " about")))]


def read_risks(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Reading]:
    """Every reading of the risk modules for one sentence, in their order."""
    return [*weaknesses.read_weaknesses(lexicon, mentions, text), *calls_for.calls(lexicon, mentions, text),
            *calls_for.urged(lexicon, mentions, text), *calls_for.urged_actions(lexicon, mentions, text),
            *incidents.incidents(lexicon, mentions, text),
            *incidents.aimed_attacks(lexicon, mentions, text), *incidents.later_effects(lexicon, mentions, text),
            *incidents.reached_targets(lexicon, mentions, text),
            *incidents.suffered_attacks(lexicon, mentions, text), *incident_frames.incident_frames(lexicon, mentions, text),
            *speakers.described_names(lexicon, mentions, text), *speakers.reports(lexicon, mentions, text),
            *speakers.said_in_reports(lexicon, mentions, text),
            *speakers.published_by(lexicon, mentions, text)]


#: What stands between a thing and a noun that only describes it: a participle and its preposition ("gateways | fitted to
#: the | cranes", "systems | linked to | 5G") or "of" and an owner ("an interface | of the terminal's | operating system").
_DESCRIBED_BY = re.compile(r"\s+(?:(?:[a-z]+(?:ed|en)|made|built|run|used|sitting|running|installed|connected|attached)\s+"
                           r"(?:to|by|on|in|at|into|onto|with|from|inside)|of)\s+(?:(?:the|a|an|its|their)\s+)?"
                           r"(?:[\w-]+(?:\s+[\w-]+){0,2}['’]s\s+)?$", re.IGNORECASE)


#: Words naming a part of a whole, before "of": "a third", "half", "40%", "the majority".
_PART = re.compile(r"(?:(?:a|an|the)\s+)?(?:third|quarter|fifth|tenth|half|majority|minority|share|portion|proportion|fraction"
                   r"|number|rest|\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)?)s?", re.IGNORECASE)


def exposed_head(lexicon: Lexicon, predicate: str, subject: Mention, mentions: list[Mention], text: str) -> Mention:
    """What is exposed or has a weakness: the head of the noun phrase a description ends with ("industrial control systems
    linked to 5G … were exposed to": the systems, not 5G; "the gateways fitted to the cranes had a flaw": the gateways)."""
    if predicate not in (EXPOSED_TO, HAS_VULNERABILITY) or subject.via == "pronoun":
        return subject
    described = _DESCRIBED_BY.search(text[:subject.start])
    if described is None:
        return subject
    head = next((m for m in mentions if m.end == described.start() and m.via != "pronoun"), None)
    if head is not None and _PART.fullmatch(head.text):
        return subject  # "about a third of the meters": a part of the things, which are what holds the weakness
    if head is None or lexicon.is_a(head.cls, [AGENT, PLACE, RISK]) is True or not weaknesses.warned_of_words(head):
        return subject  # ("intruders logged into a gateway": a verb of the attackers, no participle describing them)
    return head
