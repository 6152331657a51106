"""Risks named by an act and what it is done to: "theft of product designs", "tampering with controllers", "loss of
control over the cranes" (one risk, as security reporting names it).

An act of harm named by its noun ("theft", "loss", "leak") says little without its "of" phrase: the two are read as one
risk, unless the act is a risk on its own in the lexicon ("sabotage of pump controls": sabotage is the risk, the pump
controls what it would hit). A verb's gerund before "with" ("tampering with controllers") is incomplete without it and
is always read whole. The words read are English nouns of harm and the prepositions "of" and "with".
"""

from __future__ import annotations

import re

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

RISK = str(KG.CyberRisk)

#: Nouns of an act of harm that take what it harms after "of".
_ACT_OF = re.compile(r"(?<![\w-])((?:(?P<lead>[a-z][\w-]*)\s+)?(?:theft|thefts|stealing|loss|losses|leak|leaks|leakage|leakages"
                     r"|exfiltration|manipulation|disclosure|destruction|corruption|interception))\s+of\s+(?:(?:the|their|its|sensitive)\s+)?",
                     re.IGNORECASE)
#: Gerunds of verbs of harm that take their object after "with".
_ACT_WITH = re.compile(r"(?<![\w-])((?:(?P<lead>[a-z][\w-]*)\s+)?(?:tampering|meddling|interfering))\s+with\s+(?:(?:the|their|its)\s+)?",
                       re.IGNORECASE)
#: A bare noun phrase no mention covers: one to three lower-case words before a preposition, a verb or punctuation.
_BARE = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?(?=\s*[,.;:]|\s*$|\s+(?:at|in|on|by|from|for|to|and|or|could|can|may|might"
                   r"|would|will|is|are|was|were|that|which)\b)")


def _object_at(mentions: list[Mention], text: str, position: int) -> tuple[int, list[Mention]] | None:
    """Where the thing an act is done to ends (from ``position``), and the mentions it covers."""
    found = next((m for m in mentions if m.start == position and m.via != "pronoun"), None)
    if found is not None:
        return found.end, [found]
    bare = _BARE.match(text, position)
    if bare is None or any(w.lower() in STOPWORDS for w in bare.group().split()):
        return None
    covered = [m for m in mentions if position <= m.start and m.end <= bare.end()]
    if any(m.start < bare.end() and position < m.end and m not in covered for m in mentions):
        return None
    return bare.end(), covered


def acts_of_harm(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` with each act of harm and what it is done to read as one risk."""
    out = list(mentions)
    for pattern, whole in ((_ACT_OF, False), (_ACT_WITH, True)):
        for act in pattern.finditer(text):
            first = [m for m in out if act.start(1) <= m.start < act.end(1) and m.end <= act.end(1)]
            if not whole and any(lexicon.is_a(m.cls, [RISK]) for m in first):
                continue  # "sabotage of pump controls": the act is a risk of its own
            # "to theft of", "that tampering with": a function word before the act is no word of it
            lead = act.group("lead")
            start = act.end("lead") + 1 if lead is not None and lead.lower() in STOPWORDS else act.start(1)
            start += len(text[start:act.end(1)]) - len(text[start:act.end(1)].lstrip())
            thing = _object_at(out, text, act.end())
            if thing is None:
                continue
            end, covered = thing
            phrase = text[start:end]
            risk = Mention(start, end, phrase, None, RISK, phrase, "phrase")
            out = [m for m in out if m not in covered and m not in first
                   and not (start <= m.start and m.end <= end)]
            out.append(risk)
    return sorted(out, key=lambda m: (m.start, -m.end))
