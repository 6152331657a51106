"""An incident a sentence opens on, told by what its attackers did: "In a 2022 intrusion, attackers entered the camera
network of a toy maker through a similar backdoor and stole designs for its Christmas range", "In the most serious
incident, in August, intruders logged into a gateway at the plant with its factory-default password and altered set
points on the dosing system".

What the attackers got into is what the incident targeted; the weakness they got in by ("through a backdoor", "with its
default password") is the target's; what their next verb harmed ("stole designs", "altered set points on the system") is
what the incident affected. The words read are English prepositions, words for attackers and verbs of getting in and of
harm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.vocab import KG

RISK, VULNERABILITY = str(KG.CyberRisk), str(KG.Vulnerability)
TARGETS, AFFECTED, HAS_VULNERABILITY = str(KG.targets), str(KG.affected), str(KG.hasVulnerability)

#: "In a 2022 intrusion, attackers", "In the most serious incident, in August, intruders": the incident, then who acted.
_FRAME = re.compile(r"(?:^|[:;,]\s+)(?:in|during)\s+(?:a|an|the)\s+(?P<incident>(?:[\w-]+\s+){0,3}?(?:attack|intrusion|breach|incident"
                    r"|hack|compromise))\s*,\s+(?:(?:in|on|last)\s+[\w\s]{1,20}?,\s+)?(?:the\s+)?(?:hackers|attackers|intruders"
                    r"|criminals|attacker|intruder)\s+", re.IGNORECASE)
#: A verb of getting in, then what was got into.
_GOT_IN = re.compile(r"(entered|broke\s+into|logged\s+(?:in\s*to|on\s+to)|accessed|got\s+into|breached|hijacked|compromised"
                     r"|infiltrated|took\s+over)\s+(?:(?:the|a|an|its|their)\s+)?", re.IGNORECASE)
#: What they got in by: "through a similar backdoor", "with its factory-default password".
_BY_MEANS = re.compile(r"\s+(?:(?:at|in|of)\s+(?:the|a|an)\s+[\w\s'’-]{1,40}?\s+)?(?:through|via|using|with)\s+"
                       r"(?:(?:the|a|an|its|their)\s+)?", re.IGNORECASE)
#: Their next verb of harm: "and stole designs", "and altered set points on the dosing system".
_HARMED = re.compile(r"[^;:.]{0,80}?\s+and\s+(stole|encrypted|wiped|deleted|altered|changed|tampered\s+with|manipulated|disabled"
                     r"|shut\s+down|halted)\s+(?:(?:the|a|an|its|their)\s+)?", re.IGNORECASE)


def _mention_at(mentions: list[Mention], position: int) -> Mention | None:
    return next((m for m in mentions if m.start == position and m.via != "pronoun"), None)


#: A bare plural no mention covers, before a preposition or punctuation ("stole | designs | for its range").
_BARE_PLURAL = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?s(?=\s+(?:for|of|from|on|in|at|and)\b|\s*[,.;:]|\s*$)")


def _bare_at(mentions: list[Mention], text: str, position: int) -> Mention | None:
    bare = _BARE_PLURAL.match(text, position)
    if bare is None or any(m.start < bare.end() and position < m.end for m in mentions):
        return None
    return Mention(position, bare.end(), bare.group(), None, None, bare.group(), "phrase")


def incident_frames(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """The target, the weakness used and what was harmed of an incident a sentence opens on."""
    for frame in _FRAME.finditer(text):
        got_in = _GOT_IN.match(text, frame.end())
        target = _mention_at(mentions, got_in.end()) if got_in is not None else None
        if got_in is None or target is None or lexicon.is_a(target.cls, [RISK]) is True:
            continue
        words = frame.group("incident")
        found = next((m for m in mentions if (m.start, m.end) == frame.span("incident") and m.iri is None), None)
        incident = Mention(frame.start("incident"), frame.end("incident"), words, None, RISK, words, "phrase") \
            if found is None or found.cls is None else found  # (a word for one event names a risk that happened)
        yield (incident, TARGETS, target, got_in.group(1), got_in.start(1), got_in.end(1), 0.6)
        means = _BY_MEANS.match(text, target.end)
        weakness = _mention_at(mentions, means.end()) if means is not None else None
        if means is not None and weakness is not None \
                and re.search(r"(?:password|backdoor|flaw|vulnerabilit(?:y|ie)|bug|credential)s?$", weakness.text, re.IGNORECASE):
            # "through a similar backdoor": the backdoor, whatever it resembles
            words = re.sub(r"^(?:similar|same|such|another|other)\s+", "", weakness.text, flags=re.IGNORECASE)
            weakness = Mention(weakness.end - len(words), weakness.end, words, None, VULNERABILITY, words, "phrase")
            preposition = re.search(r"(?:through|via|using|with)(?=\s+\S*\s*$)", means.group(), re.IGNORECASE)
            yield (target, HAS_VULNERABILITY, weakness, preposition.group() if preposition else "with",
                   means.start(), means.end(), 0.55)
        harmed = _HARMED.match(text, target.end)
        if harmed is None:
            continue
        glued = next((m for m in mentions if m.start == harmed.start(1) and m.end > harmed.end()), None)
        thing = Mention(harmed.end(), glued.end, text[harmed.end():glued.end], None, None, text[harmed.end():glued.end], "phrase") \
            if glued is not None else _mention_at(mentions, harmed.end()) or _bare_at(mentions, text, harmed.end())
        # "altered set points on the dosing system": what the changed values belong to was harmed
        on = re.match(r"\s+(?:on|in|of)\s+(?:(?:the|a|an|its|their)\s+)?", text[thing.end:]) if thing is not None else None
        if on is not None and thing is not None and re.match(r"(?:altered|changed|manipulated|tampered)", harmed.group(1)):
            thing = _mention_at(mentions, thing.end + on.end()) or thing
        if thing is not None and lexicon.is_a(thing.cls, [RISK]) is not True:
            yield (incident, AFFECTED, thing, harmed.group(1), harmed.start(1), harmed.end(1), 0.55)
