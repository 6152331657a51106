"""One attack that happened, with what it was aimed at and what it put out of action: "a ransomware attack on the booking
system of a terminal … shut its truck gates" (the attack targets the booking system and affected the gates), "an intrusion
at an electronics plant halted two of its lines", "a ransomware attack on an operator took its billing systems offline".

An incident is a threat named in the singular after "a" or "an" (one event, not the kind of threat); what follows "on",
"against" or "at" is its target, and the object of its verb of putting out of action, when that object is the target's
own ("its", "their"), is what it affected. The words read are English prepositions and verbs of stopping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

RISK, AGENT, PLACE = str(KG.CyberRisk), str(KG.Agent), str(KG.Place)
TARGETS, AFFECTED = str(KG.targets), str(KG.affected)

#: (subject, property IRI, object, the words read, where they start, where they end, confidence)
Reading = tuple[Mention, str, Mention, str, int, int, float]

_ONE = re.compile(r"(?<![\w-])(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_AIMED = re.compile(r"\s+(on|against|at)\s+(?:the|a|an)\s+", re.IGNORECASE)
#: A verb of putting out of action, then what it stopped: the target's own ("its truck gates", "two of its lines").
#: (verbs of getting in or disabling, "encrypted", "disabled", say what an attack targeted: the lexicon's kg:targets)
_STOPPED = re.compile(r"(?<![\w-])(shut(?:\s+down)?|halted|locked|disrupted|froze|stopped|took|knocked)\s+"
                      r"((?:(?:two|three|four|five|six|several|some|many|most|all|half|one)\s+of\s+)?(?:its|their)\s+)", re.IGNORECASE)
_BARE = re.compile(r"[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){0,3}?(?=\s*[,.;:]|\s+(?:of|in|at|on|for|from|offline|down|out|to)\b)")


def _thing_at(lexicon: Lexicon, mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The mention at ``position``, else the bare noun phrase there ("booking system | of a terminal")."""
    found = next((m for m in mentions if m.start == position and m.via != "pronoun"), None)
    if found is not None:
        return found if lexicon.is_a(found.cls, [RISK, AGENT, PLACE]) is not True else None
    bare = _BARE.match(text, position)
    if bare is None or any(w in STOPWORDS - {"and"} for w in bare.group().split()) \
            or any(m.start < bare.end() and position < m.end for m in mentions):
        return None
    return Mention(position, bare.end(), bare.group(), None, None, bare.group(), "phrase")


def incidents(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """The targets and the things put out of action of the attacks a sentence tells of."""
    for attack in mentions:
        if attack.via == "pronoun" or not lexicon.is_a(attack.cls, [RISK]) or attack.text.endswith("s") \
                or not _ONE.search(text[:attack.start]):
            continue
        aimed = _AIMED.match(text, attack.end)
        target = _thing_at(lexicon, mentions, text, aimed.end()) if aimed is not None else None
        if aimed is not None and target is not None:
            yield (attack, TARGETS, target, aimed.group(1), aimed.start(1), aimed.end(1), 0.65)
        # the attack's own verb: the first verb of stopping after it, before the sentence's next clause
        stopped = _STOPPED.search(text, attack.end)
        if stopped is None or re.search(r"(?<![\w-])(?:said|says|and|but|while)\s|[;:]", text[attack.end:stopped.start()]):
            continue
        harmed = _thing_at(lexicon, mentions, text, stopped.end())
        if harmed is None or (stopped.group(1).lower() in ("took", "knocked") and not re.match(r"\s+(?:offline|out)\b", text[harmed.end:])):
            continue
        yield (attack, AFFECTED, harmed, stopped.group(1), stopped.start(1), stopped.end(1), 0.65)
