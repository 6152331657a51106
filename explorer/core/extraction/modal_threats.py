"""What a threat could do: "ransomware could reach the hoist systems", "GPS spoofing could send drones off course"
(the threat threatens what the verb acts on) and "sabotage of pump controls could cause oil spills", "a takeover could
trigger a toxic release" (the threat leads to what the verb brings about).

A threat named as the subject of a modal ("could", "can", "may", "might", "would", "will") and a verb is how reporters
and the experts they quote speak of risks; the verb's object, named right after it, is what is at risk, or, after
a verb of causing, the harm. What a change "has left exposed to" a threat ("leaving them vulnerable to …") is exposed to
it. None of it quotes an article; the words read are English modals, verbs of causing and "leave … exposed to".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

THREAT = str(KG.CyberRisk)
THREATENS, LEADS_TO, EXPOSED_TO = str(KG.threatens), str(KG.leadsTo), str(KG.exposedTo)


#: A modal, an adverb, the verb, a determiner ("could easily reach the …").
_MODAL_VERB = (r"\s+((?:could|can|may|might|would|will)\s+(?:(?:also|easily|even|quickly|potentially|eventually)\s+)?([a-z]+)(?:\s+to)?)\s+"
               r"(?:(?:the|a|an|its|their|whole|entire|all)\s+)*")
#: After a threat: what it acts on ("of pump controls") or "which", then the modal and its verb.
_MODAL = re.compile(r"(?:\s+of\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*|,\s+which"
                    # "spoofed commands aimed at the guided vehicles could …": a participle says what the threat is sent at
                    r"|\s+(?:aimed|directed|targeted|sent)\s+(?:at|to|against)\s+(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+){0,2}?"
                    r"[a-z][\w-]*"
                    # "an attack that shuts down ventilation in a pig house could …": a restrictive clause says which threat
                    r"|\s+that\s+[a-z]+s(?:\s+[\w'’-]+){1,8}?(?=\s+(?:could|can|may|might|would|will)\s))?"
                    # "tampering with controllers at a chemical park could …": where the threat would strike
                    r"(?:\s+(?:at|in|inside|on)\s+(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)?" + _MODAL_VERB)
#: "forged commands that could cause blackouts": a restrictive "that" (read for threats named in a list, see ``weaknesses``).
_MODAL_THAT = re.compile(r"\s+that" + _MODAL_VERB)
#: Verbs whose object is what the threat brings about, not what it harms.
_CAUSING = frozenset(["cause", "trigger", "spark", "lead", "result", "bring", "create", "produce"])
#: Verbs after a modal that say nothing of a target ("could be", "may have").
_EMPTY = frozenset(["be", "have", "become", "remain", "seem", "take", "make", "get", "go", "come", "say", "see"])


_STOP = r"(?:through|via|off|from|to|in|at|on|for|by|with|that|which|who|into|across|over|under|and|or|if|when|unless)"
#: A bare object no mention covers: up to four lower-case words ("hoist and ventilation systems"), to a preposition,
#: a relative pronoun or punctuation.
_BARE = re.compile(rf"([a-z][\w-]*(?:\s+(?:and\s+)?(?!{_STOP}\b)[a-z][\w-]*){{0,3}})(?=\s*[,.;:]|\s*$|\s+{_STOP}\b)")


def _bare_object(mentions: list[Mention], text: str, start: int) -> Mention | None:
    bare = _BARE.match(text, start)
    if bare is None or any(w in STOPWORDS and w != "and" for w in bare.group(1).split()) \
            or any(m.start < bare.end() and start < m.end for m in mentions):
        return None
    return Mention(start, bare.end(), bare.group(1), None, None, bare.group(1), "phrase")


def threatened(lexicon: Lexicon, mentions: list[Mention], text: str, restrictive: bool = False) -> Iterator[Reading]:
    """The threats named as a modal's subject, with what their verb acts on or brings about (``restrictive``: the
    modal after "that")."""
    for threat in mentions:
        if threat.via == "pronoun" or not lexicon.is_a(threat.cls, [THREAT]):
            continue
        said = (_MODAL_THAT if restrictive else _MODAL).match(text, threat.end)
        if said is None or said.group(2).lower() in _EMPTY:
            continue
        if re.search(r"(?<![\w-])(?:that|which|who)\s+(?:[a-z]+\s+){1,3}$", text[:threat.start]):
            continue  # "a crane that moves on a forged command can kill": the relative clause's head is the modal's subject
        if re.search(r"(?<![\w-])such\s+(?:an?\s+)?$", text[:threat.start], re.IGNORECASE):
            # "warned of ransomware campaigns aimed at PLCs, saying such attacks could lead to …": the threat named before
            threat = next((m for m in reversed(mentions) if m.end <= threat.start and m.via != "pronoun"
                           and lexicon.is_a(m.cls, [THREAT]) is True), threat)
        obj = next((m for m in mentions if m.start == said.end() and m.via != "pronoun"), None) \
            or _bare_object(mentions, text, said.end())
        if obj is None and said.group(2).lower() == "bring":  # "could bring the | whole mine | to a standstill"
            obj = next((m for m in mentions if m.start < said.end() < m.end and m.via != "pronoun"), None)
        if obj is None or obj.key == threat.key or lexicon.is_a(obj.cls, [THREAT]):
            continue
        verb = said.group(2).lower()
        halt = re.match(r"\s+to\s+(?:a\s+)?(standstill|halt|stop)\b", text[obj.end:]) if verb == "bring" else None
        if halt is not None:  # "could bring the whole yard to a standstill": the standstill is what it leads to
            words = halt.group(1)
            obj = Mention(obj.end + halt.start(1), obj.end + halt.end(1), words, None, None, words, "phrase")
        harm = re.match(r"(?:\s+of\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*){1,2}(?=\s+(?:within|in|for|at|across|over)\b|\s*[,.;:\"”]|\s*$)",
                        text[obj.end:]) if verb in _CAUSING and obj.cls is None and obj.iri is None and " " not in obj.text else None
        if harm is not None:  # "could lead to the death of thousands of animals": the harm is named with whom it befalls
            words = text[obj.start:obj.end + harm.end()]
            obj = Mention(obj.start, obj.end + harm.end(), words, None, None, words, "phrase")
        tail = re.match(r"\s+([a-z][\w-]*s)(?=\s*[,.;:]|\s*$)", text[obj.end:]) if verb in _CAUSING else None
        if tail is not None and obj.iri is None:
            # "could lead to toxic gas releases": after a verb of causing only a noun phrase stands, so a plural that
            # ends the clause is its head, cut off by a reading of "releases" as a verb
            words = text[obj.start:obj.end + tail.end()]
            obj = Mention(obj.start, obj.end + tail.end(), words, None, None, words, "phrase")
        predicate = LEADS_TO if verb in _CAUSING else THREATENS
        if lexicon.is_a(obj.cls, lexicon.ends(predicate)[1]) is False:
            continue
        yield (threat, predicate, obj, said.group(1), said.start(1), said.end(1), 0.6)
        if predicate == LEADS_TO:
            # "could lead to spoiled batches and product recalls": each harm of the list
            for other in _listed_after(mentions, text, obj):
                if other.key != threat.key and not lexicon.is_a(other.cls, [THREAT]) \
                        and lexicon.is_a(other.cls, lexicon.ends(predicate)[1]) is not False:
                    yield (threat, predicate, other, said.group(1), said.start(1), said.end(1), 0.55)


#: What joins the items of a list: "A, B and C", "A or B".
_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _listed_after(mentions: list[Mention], text: str, first: Mention) -> list[Mention]:
    """The things listed after ``first`` ("spoiled batches | and | product recalls"), each a mention or a bare noun phrase,
    up to the end of the list."""
    out: list[Mention] = []
    position = first.end
    while (joint := _LIST_JOINT.match(text, position)) is not None:
        other = next((m for m in mentions if m.start == joint.end() and m.via != "pronoun"), None) \
            or _bare_object(mentions, text, joint.end())
        if other is None:
            break
        out.append(other)
        if not re.match(r"\s*,", text[position:joint.end()]) or " and " in text[position:joint.end()] \
                or " or " in text[position:joint.end()]:
            break  # "and" or "or" closes the list
        position = other.end
    return out
