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
from dataclasses import replace

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
    if bare is None or any(w in STOPWORDS and w not in ("and", "of") for w in bare.group(1).split()) \
            or bare.group(1).split()[0] == "of":
        return None
    end = bare.end()
    named = min((m.start for m in mentions if m.start < end and start < m.end), default=None)
    whom = next((m for m in mentions if m.start == named), None) if named is not None else None
    if whom is not None and re.search(r"[a-z]\s+of\s+$", text[start:named]):
        # "the theft of | design data": a harm named with what it befalls, a mention, is one harm
        end = whom.end
    elif named is not None:
        # "kiln shutdowns and chlorine leaks": the bare phrase ends where the list's next item, a mention, begins
        cut = re.match(r"(.*?[a-z][\w-]*)\s+and\s+$", text[start:named]) if named > start else None
        if cut is None:
            return None
        end = start + cut.end(1)
    words = text[start:end]
    return Mention(start, end, words, None, None, words, "phrase")


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
        if _GENERIC.fullmatch(threat.text) and _pointed_back(lexicon, mentions, text, threat):
            continue  # "warned of ransomware campaigns …, saying a successful attack could …": ``warned_harms`` reads it
        if re.search(r"(?<![\w-])such\s+(?:an?\s+)?$", text[:threat.start], re.IGNORECASE):
            # "warned of ransomware campaigns aimed at PLCs, saying such attacks could lead to …": the threat named before
            threat = next((m for m in reversed(mentions) if m.end <= threat.start and m.via != "pronoun"
                           and lexicon.is_a(m.cls, [THREAT]) is True), threat)
        verb = said.group(2).lower()
        harms = _acted_on(lexicon, mentions, text, verb, said.end(), threat)
        if not harms:
            continue
        predicate = LEADS_TO if verb in _CAUSING else THREATENS
        yield (threat, predicate, harms[0], said.group(1), said.start(1), said.end(1), 0.6)
        # "could lead to spoiled batches and product recalls": each harm of the list
        yield from ((threat, predicate, other, said.group(1), said.start(1), said.end(1), 0.55) for other in harms[1:])


def _acted_on(lexicon: Lexicon, mentions: list[Mention], text: str, verb: str, start: int, threat: Mention) -> list[Mention]:
    """What a threat's verb, its object starting at ``start``, acts on or (a verb of causing) brings about: after a verb
    of causing, each harm of a list ("could lead to spoiled batches and product recalls")."""
    obj = next((m for m in mentions if m.start == start and m.via != "pronoun"), None) or _bare_object(mentions, text, start)
    if obj is None and verb == "bring":  # "could bring the | whole mine | to a standstill"
        obj = next((m for m in mentions if m.start < start < m.end and m.via != "pronoun"), None)
    if obj is None or obj.key == threat.key:
        return []
    obj = _as_harm(obj, verb)
    if lexicon.is_a(obj.cls, [THREAT]):
        return []
    halt = re.match(r"\s+to\s+(?:a\s+)?(standstill|halt|stop)\b", text[obj.end:]) if verb == "bring" else None
    if halt is not None:  # "could bring the whole yard to a standstill": the standstill is what it leads to
        words = halt.group(1)
        obj = Mention(obj.end + halt.start(1), obj.end + halt.end(1), words, None, None, words, "phrase")
    if verb in _CAUSING:  # "could lead to the death of thousands of animals": the harm is named with whom it befalls
        obj = _with_whom(obj, text)
    tail = re.match(r"\s+([a-z][\w-]*s)(?=\s*[,.;:]|\s*$|\s+(?:and|or)\s)", text[obj.end:]) if verb in _CAUSING else None
    if tail is not None and obj.iri is None:
        # "could lead to toxic gas releases": after a verb of causing only a noun phrase stands, so a plural that
        # ends the clause is its head, cut off by a reading of "releases" as a verb
        words = text[obj.start:obj.end + tail.end()]
        obj = Mention(obj.start, obj.end + tail.end(), words, None, None, words, "phrase")
    predicate = LEADS_TO if verb in _CAUSING else THREATENS
    if lexicon.is_a(obj.cls, lexicon.ends(predicate)[1]) is False:
        return []
    if predicate != LEADS_TO:
        return [obj]
    listed = [_as_harm(other, verb) for other in _listed_after(mentions, text, obj)]
    return [obj, *(_with_whom(other, text) for other in listed if other.key != threat.key
                   and not lexicon.is_a(other.cls, [THREAT]) and lexicon.is_a(other.cls, lexicon.ends(predicate)[1]) is not False)]


def _as_harm(mention: Mention, verb: str) -> Mention:
    """"could lead to the theft of design data": an act of harm named with what it is done to (``risk_phrases``) is, after
    a verb of causing, the harm the threat brings about, no threat of its own."""
    done = verb in _CAUSING and mention.via == "phrase" and mention.cls == THREAT and " of " in mention.text
    return replace(mention, cls=None) if done else mention


#: What a harm befalls, after "of": up to a preposition, a list's "and", punctuation or the end ("the shutdown | of
#: ventilation control | and the evacuation of entire shifts").
_OF_WHOM = re.compile(r"(?:\s+of\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*){1,2}"
                      r"(?=\s+(?:within|in|for|at|across|over|and|or)\b|\s*[,.;:\"”]|\s*$)")


def _with_whom(harm: Mention, text: str) -> Mention:
    """A harm of one or two words with what it befalls ("the theft | of bogie designs", "an uncontrolled release | of
    molten metal"): one harm, named whole."""
    if harm.cls is not None or harm.iri is not None or len(harm.text.split()) > 2:
        return harm
    whom = _OF_WHOM.match(text, harm.end)
    if whom is None:
        return harm
    words = text[harm.start:whom.end()]
    return Mention(harm.start, whom.end(), words, None, None, words, "phrase")


#: A warning's verb: what is warned of is named after it.
_WARNING = re.compile(r"\bwarn(?:ed|s|ing)?\b", re.IGNORECASE)
#: A modal and a verb of causing whose subject stands for the threat a warning named before, not a name of its own:
#: "…, saying a successful attack could trigger …", "…, threats it said could cause …", "…, attacks that could lead to …",
#: "… has been probing SCADA systems and could cause …", "…, which it said could lead to …", "…, saying they could …".
_WARNED_HARM = re.compile(
    r"(?:(?:,\s+(?:saying\s+)?(?:(?:a|an|any|such|these|those|the)\s+)?|(?<=\s)(?:a|an|any|such|these|those)\s+)"
    r"(?:successful\s+|such\s+)?(?P<generic>attacks?|threats?|intrusions?|breach(?:es)?)(?:\s+that)?(?:\s+(?:it|they)\s+said)?"
    r"|,\s+saying\s+(?:they|it)|,\s+which(?:\s+(?:it|they)\s+said)?|\s+and)"
    r"\s+((?:could|can|may|might|would|will)\s+(?:(?:also|easily|even|quickly|potentially|eventually)\s+)?"
    r"(cause|trigger|spark|lead|result|bring)(?:\s+(?:to|in))?)\s+(?:(?:the|a|an|its|their|whole|entire|all)\s+)*", re.IGNORECASE)
#: The head words of a threat named by a phrase the lexicon gives no class ("ransomware campaigns", "GPS spoofing").
_THREAT_WORDS = re.compile(r"\b(?:ransomware|malware|phishing|spoofing|campaigns?|attacks?|intrusions?|sabotage|hacking|"
                           r"breach(?:es)?|espionage|ddos|botnets?|worms?)$", re.IGNORECASE)


#: A threat named by its kind alone, which after a warning stands for the threat warned of.
_GENERIC = re.compile(r"(?:successful\s+|such\s+)?(?:attacks?|threats?|intrusions?|breach(?:es)?)", re.IGNORECASE)


def _pointed_back(lexicon: Lexicon, mentions: list[Mention], text: str, generic: Mention) -> bool:
    """Whether a threat named by its kind alone ("a successful attack") follows a warning of a threat named before it."""
    warning = _WARNING.search(text)
    return warning is not None and warning.end() <= generic.start and any(
        warning.end() <= m.start and m.end <= generic.start and _threat_like(lexicon, m) for m in mentions) \
        and re.search(r"(?:,\s+(?:saying\s+)?|\s(?:a|an|any|such|these|those)\s+)$", text[:generic.start], re.IGNORECASE) is not None


def _threat_like(lexicon: Lexicon, mention: Mention) -> bool:
    return mention.via != "pronoun" and (lexicon.is_a(mention.cls, [THREAT]) is True
                                         or (mention.cls is None and _THREAT_WORDS.search(mention.text) is not None))


def warned_harms(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """The harms a warned-of threat could cause, where the modal's subject points back to it: "warned of ransomware
    campaigns aimed at PLCs, saying a successful attack could trigger furnace shutdowns" (ransomware campaigns lead to
    furnace shutdowns); "warned that hubs are exposed to GPS spoofing and signalling attacks, threats it said could cause
    stranded fleets" (each threat of the list)."""
    warning = _WARNING.search(text)
    if warning is None:
        return
    for said in _WARNED_HARM.finditer(text, warning.end()):
        threats = [m for m in mentions if warning.end() <= m.start and m.end <= said.start() and _threat_like(lexicon, m)]
        if not threats:
            continue
        threat = threats[-1]
        # a plural that points back ("threats", "they") stands for each threat of a list named last ("A and B")
        plural = (said.group("generic") or "").lower().endswith("s") or re.match(r",\s+saying\s+they", said.group(0)) is not None
        listed = [m for m in threats[:-1] if plural and re.fullmatch(r"\s*(?:,\s*)?(?:and|or|,)\s*", text[m.end:threat.start])]
        verb = said.group(3).lower()
        harms = _acted_on(lexicon, mentions, text, verb, said.end(), threat)
        for one in [*listed, threat]:
            for number, harm in enumerate(harms):
                if harm.key != one.key:
                    yield (one, LEADS_TO, harm, said.group(2), said.start(2), said.end(2), 0.55 if number == 0 else 0.5)


#: What joins the items of a list: "A, B and C", "A or B".
_LIST_JOINT = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:the|a|an)\s+)?")


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
