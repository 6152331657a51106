"""Measures called for, as security reporting words them: "called for mandatory firmware signing and a national register
of router vulnerabilities" (each measure listed), "called for operators to isolate their networks and for factories to
audit supplier access" (each action asked for), "said it would make network segmentation mandatory", "would ask the
ministry to add security checks" (kg:callsFor of what is made mandatory or asked to be added).

The words read are English verbs of calling, requiring and asking; the speaker is the name or pronoun right before the
verb, or, for "it" or "they" after "said", who said it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lemminflect import getLemma

from explorer.core.extraction import speech, wordclass
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import ROLE_AFTER, Mention, Reading
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

AGENT, CALLS_FOR, REQUIREMENT = str(KG.Agent), str(KG.callsFor), str(KG.Requirement)


_CALLED_FOR = re.compile(r"(?<![\w-])(?:called|calls|call|calling|pressed|presses|pressing|asked|asks|asking)\s+for\s+", re.IGNORECASE)
#: "called for operators to isolate …": whom the call addresses, then the action asked of them.
_ADDRESSEE_TO = re.compile(r"(?:(?:the|all|every|its|their|more|state|local)\s+)?(?:[a-z0-9][\w-]*\s+){0,2}[a-z][\w-]*"
                           # "every factory in the province to audit …": where the addressees are, then a verb
                           r"(?P<where>\s+(?:in|across|at)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?[\w-]+"
                           r"(?=\s+to\s+(?P<verb>[a-z]+)))?\s+to\s+(?=[a-z])")
#: Where one measure ends: punctuation, a clause's "and"/"while"/"but", or a preposition other than "of" after its head.
_MEASURE = re.compile(r"(?:(?:a|an|the)\s+)?((?:[a-z0-9][\w-]*)(?:\s+(?!(?:and|or|but|while|as|that|which|who|to|for|at|in|on|by|"
                      r"from|with|across|among|within|after|before|until|by|so|because|if|when|alongside|besides|through|via|into|under|between"
                      r"|against|without|throughout|over)\b)[a-z0-9][\w'’-]*){0,6})",
                      re.IGNORECASE)
#: An action asked for: a verb and what it governs, up to punctuation or "and for"/"and to" (another action).
_ACTION = re.compile(r"([a-z][\w-]*(?:\s+(?!and\s+(?:for|to|on)\s)[\w'’-]+){1,9}?)(?=\s*[,.;:]|\s*$|\s+and\s+(?:for\s+|to\s+|on\s+))")
_NEXT_ACTION = re.compile(r"\s+and\s+(?:for\s+(?:(?:the|all|every|its|their)\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+)?to\s+")
_NEXT_MEASURE = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?=(?:a|an|the)?\s*[a-z])")
#: "to be made mandatory", "to be applied within 30 days": a passive infinitive says what is to be done to the measure named
#: before it, which is then no addressee of the call.
PASSIVE_INFINITIVE = re.compile(r"\s*be\s+(?:made\s+[a-z]+|[a-z]+(?:ed|en)|put\s+in\s+place|set\s+up|carried\s+out|rolled\s+out"
                                r"|brought\s+in)(?![\w-])", re.IGNORECASE)
#: "to be encrypted", "to be audited yearly" with nothing after: an act done to what is named before (not its bringing in,
#: "to be introduced", after which the thing named is the measure).
_DONE_TO = re.compile(r"\s*(be\s+(?!(?:introduced|adopted|implemented|enforced|applied|deployed|installed|required|mandated|imposed"
                      r"|established|created|funded|expanded|strengthened|made|put|set|carried|rolled|brought)\b)[a-z]+(?:ed|en)"
                      r"(?:\s+[a-z]+ly)?)(?=\s*[,.;:]|\s*$|\s+and\s)", re.IGNORECASE)
_CARRIED_ON = re.compile(r"\s*be\s+(?:carried|run|moved|kept|placed|put|hosted|routed|sent|isolated|separated)\s+(?:on|onto|over"
                         r"|through|via|behind|in|into)\s+(?:(?:a|an|the)\s+)?", re.IGNORECASE)
#: "X said vendors should face a deadline": what the speaker says others should adopt or face is called for.
_SHOULD_ADOPT = re.compile(rf"(?<![\w-]){speech.saying()}\s+(?:that\s+)?(?:(?:all|every|the|its|their)\s+)?"
                           r"(?:[a-z][\w-]*\s+){1,2}(should|must|ought\s+to)\s+(?:be\s+made\s+to\s+)?"
                           r"(?:face|adopt|introduce|implement|undergo|carry\s+out|conduct|deploy|install|get|receive|accept)\s+",
                           re.IGNORECASE)
#: "would make X mandatory", "to make X compulsory": the speaker calls for X.
_MADE_MANDATORY = re.compile(r"(?<![\w-])(?:make|makes|making|made)\s+((?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+"
                             r"(mandatory|compulsory|obligatory)(?![\w-])", re.IGNORECASE)
#: "would ask the ministry to add X": asking another to bring a measure in calls for it.
_ASKED_TO_ADD = re.compile(r"(?<![\w-])(?:ask|asks|asked|asking)\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,4}?to\s+"
                           r"(?:add|introduce|adopt|impose|require|mandate|enforce|set\s+up|carry\s+out|conduct|offer|provide)\s+",
                           re.IGNORECASE)
_BEFORE_VERB = re.compile(r"(?:\s+(?:has|have|had|also|again|then|now|would|will|since|already|long|once|[a-z]+ly))*\s+$",
                          re.IGNORECASE)
_SAID_IT = re.compile(rf"(?<![\w-]){speech.saying()}(?:\s+(?:on|in|last)\s+\w+)?(?:\s+that)?\s+(?:it|they)\s+"
                      r"(?:would|will|plans\s+to|planned\s+to|intends\s+to)\s+(?:also\s+)?$", re.IGNORECASE)


#: An apposition between a speaker and the verb ("Wu Hao, an analyst at Venustech, called for").
_ASIDE_BEFORE = re.compile(r",\s+(?:(?:a|an|the|who|which|whose)\s|" + ROLE_AFTER.pattern.removeprefix(r",\s+") + r")[^,]*,\s*$",
                           re.IGNORECASE)


#: "…, who called for": a relative "who" before the verb stands for a person named before it.
_WHO_BEFORE = re.compile(r",\s+who\s+(?:(?:also|has|have|had|then|later)\s+)*$", re.IGNORECASE)
PERSON = str(KG.Person)


def person_before(lexicon: Lexicon, mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The person "who" at ``position`` stands for: the nearest person named before it in its clause, past an apposition
    that names where they work ("said Chen Li, a researcher at Venustech, the Beijing-based firm, who warned …")."""
    for mention in sorted((m for m in mentions if m.end <= position), key=lambda m: -m.end):
        if re.search(r"[;:]", text[mention.end:position]):
            return None
        if lexicon.is_a(mention.cls, [PERSON]) is True:
            return mention
    return None


#: "NSFOCUS, for its part, urged": a word of discourse set off by commas stands between the speaker and the verb.
_DISCOURSE_ASIDE = re.compile(r",\s+(?:for\s+(?:its|their|his|her)\s+part|in\s+turn|meanwhile|too|also|however|in\s+response"
                              r"|for\s+now|separately)\s*,\s*$", re.IGNORECASE)
_EARLIER_VERB = re.compile(rf"(?<![\w-])(?:called|required|{speech.speaking(speech.PAST)})\s", re.IGNORECASE)


def _speaker(lexicon: Lexicon, mentions: list[Mention], text: str, verb_start: int) -> Mention | None:
    """Who calls: the agent right before the verb (a pronoun counts), or, for "X said it would …", X."""
    said = _SAID_IT.search(text[:verb_start])
    if said is not None:
        speaker = next((m for m in sorted(mentions, key=lambda m: -m.end) if m.end <= said.start()
                        and re.fullmatch(r"\s*", text[m.end:said.start()])), None)
        return speaker if speaker is not None and lexicon.is_a(speaker.cls, [AGENT]) else None
    who = _WHO_BEFORE.search(text[:verb_start])
    if who is not None:
        return person_before(lexicon, mentions, text, who.start())
    earlier = list(_EARLIER_VERB.finditer(text, 0, verb_start))
    if re.search(r"\s+and(?:\s+(?:has|have|had|also|then|later))*\s+$", text[:verb_start]) and earlier:
        # "Zhao called for X and urged Y": a second verb of the same subject
        return _speaker(lexicon, mentions, text, earlier[-1].start())
    gap = _BEFORE_VERB.search(text[:verb_start])
    position = gap.start() if gap else verb_start
    aside = _DISCOURSE_ASIDE.search(text[:position])
    position = aside.start() if aside is not None else position
    aside = _ASIDE_BEFORE.search(text[:position])
    position = aside.start() if aside is not None else position
    # "The Ministry of Industry and Information Technology (MIIT) has since ordered": a short name in brackets is the speaker's
    speaker = next((m for m in mentions if m.end == position or (m.end < position and re.fullmatch(r"\)?\s*", text[m.end:position]))),
                   None)
    if speaker is None or lexicon.is_a(speaker.cls, [AGENT]) is False:
        return None
    if speaker.cls is None and speaker.via != "name":
        return None
    return speaker


def _measure(mentions: list[Mention], text: str, start: int, end: int) -> Mention:
    """The mention covering exactly ``start``–``end``, else a new requirement named by those words."""
    found = next((m for m in mentions if (m.start, m.end) == (start, end) and m.via != "pronoun"), None)
    return found or Mention(start, end, text[start:end], None, REQUIREMENT, text[start:end], "phrase")


def _measures_listed(mentions: list[Mention], text: str, position: int) -> list[Mention]:
    """The measures a call lists from ``position`` ("mandatory firmware signing and a national register of …")."""
    out: list[Mention] = []
    while True:
        measure = _MEASURE.match(text, position)
        # "5G factory networks of their own": whose the measure is to be ends it
        own = re.search(r"\s+of\s+(?:its|their|his|her|our)\s+own$", measure.group(1), re.IGNORECASE) if measure else None
        words = measure.group(1)[:own.start()] if measure is not None and own is not None else measure.group(1) if measure else ""
        if measure is None or any(w.lower() in STOPWORDS and w.lower() != "of" for w in words.split()):
            break
        if words.split()[-1].lower() == "of":
            break
        end = measure.start(1) + len(words)
        counted = re.search(r"(?<=[a-z])(?<!s)s\s+of\s", words)
        if counted is not None and not _NOMINAL.search(words[:counted.start() + 1].split()[-1]):
            # "offline backups of control configurations", "audits of every network": a plural thing's "of" phrase says
            # what it covers; an act named by its noun keeps its object ("replacement of default passwords")
            end = measure.start(1) + counted.start() + 1
        kept_from = _KEPT_FROM_NOUN.match(text, end) if _SEPARATION_OF.search(text[measure.start(1):end]) else None
        end = kept_from.end() if kept_from is not None else end  # "separation of control networks from office systems"
        out.append(_measure(mentions, text, measure.start(1), end))
        # "network segmentation, which keeps slices apart, and traffic monitoring": a relative aside stands between, as
        # does where a measure applies ("encryption on every device and regular audits")
        aside = re.match(r",\s+(?:which|that)\s[^,;]{1,80}(?=,\s+and\s)|\s+(?:on|for|in|at|across)\s+(?:every|each|all)\s+"
                         r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?(?=,?\s+and\s)", text[end:])
        joint = _NEXT_MEASURE.match(text, end + (aside.end() if aside is not None else 0))
        if joint is None or re.match(r"\s*(?:the|a|an)?\s*[a-z][\w-]*\s+(?:said|says|would|will|has|have|is|are)\b",
                                     text[joint.end():], re.IGNORECASE):
            break  # ", and the association said …": a clause of its own follows
        if re.match(r"[a-z]+(?:ed\b|\s+to\s)", text[joint.end():]):
            break  # "… and plans to set up", "… and urged": the subject's next verb, no measure
        position = joint.end()
    return out


#: An act of keeping apart named by its noun, and what it is kept from: the measure is named with both ("strict separation of
#: operational technology from office IT systems").
_SEPARATION_OF = re.compile(r"(?:separation|isolation|segregation|segmentation|decoupling|disconnection)\s+of\s", re.IGNORECASE)
_KEPT_FROM_NOUN = re.compile(r"\s+from\s+(?:(?:the|their|its)\s+)?[\w-]+(?:\s+(?!(?:and|or|on|for|in|at|by|before|within|with|to"
                             r"|as|which|that|while|but)\b)[\w-]+){0,3}", re.IGNORECASE)
_KEPT_FROM = re.compile(r"(?:separate|isolate|segregate|disconnect|decouple)\s+(?:[\w'’-]+\s+){1,5}?from\s+(?:(?:the|their|its)\s+)?"
                        r"[\w-]+(?:\s+(?!(?:within|by|before|after|in|at|on|and|for|until)\b)[\w-]+){0,3}(?=\s+(?:within|by|before|after"
                        r"|until)\s)", re.IGNORECASE)


def _actions_listed(text: str, position: int) -> list[tuple[int, int]]:
    """The actions a call asks for from ``position`` ("isolate … traffic and for factories to audit …")."""
    out = []
    while True:
        action = _ACTION.match(text, position)
        if action is None:
            break
        apart = _KEPT_FROM.match(text, action.start(1), action.end(1))
        # "to separate production networks from office systems | within 30 days": what is kept from what names it whole
        out.append((action.start(1), apart.end()) if apart is not None else action.span(1))
        joint = _NEXT_ACTION.match(text, action.end())
        if joint is None:
            break
        position = joint.end()
    return out


def calls(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """The measures and actions the sentence's speakers call for."""
    for called in _CALLED_FOR.finditer(text):
        speaker = _speaker(lexicon, mentions, text, called.start())
        if speaker is None:
            continue
        words = called.group().strip()
        addressee = _ADDRESSEE_TO.match(text, called.end())
        carried = _CARRIED_ON.match(text, addressee.end()) if addressee is not None else None
        if addressee is not None and carried is not None and not _NOMINAL.search(addressee.group().split()[-2]):
            # "called for crane traffic to be carried on a dedicated slice": where the traffic is to go is the measure
            for measure in _measures_listed(mentions, text, carried.end())[:1]:
                yield (speaker, CALLS_FOR, measure, words, called.start(), called.end(), 0.6)
            continue
        done_to = _DONE_TO.match(text, addressee.end()) if addressee is not None else None
        if addressee is not None and done_to is not None and not _NOMINAL.search(addressee.group().split()[-2]):
            # "called for germplasm records to be encrypted": what is to be done to the records is the measure, named whole
            measure = Mention(addressee.start(), done_to.end(1), text[addressee.start():done_to.end(1)], None, REQUIREMENT,
                              text[addressee.start():done_to.end(1)], "phrase")
            yield (speaker, CALLS_FOR, measure, words, called.start(), called.end(), 0.6)
            addressee = None
            then = _AND_FOR.match(text, called.end())
            if then is not None:
                for measure in _measures_listed(mentions, text, then.end()):
                    yield (speaker, CALLS_FOR, measure, words, then.start(1), then.end(1), 0.6)
            continue
        if addressee is not None and PASSIVE_INFINITIVE.match(text, addressee.end()):
            addressee = None  # "called for security audits to be made mandatory": the audits are the measure, no addressee
        if addressee is not None and addressee.group("where") and "VERB" not in wordclass.parts(addressee.group("verb")):
            addressee = None  # "called for limits on access to public networks": no verb after "to", no addressee
        whom = text[addressee.start():addressee.start("where")] + " to" if addressee is not None and addressee.group("where") \
            else addressee.group() if addressee is not None else ""
        if addressee is not None and not any(w in STOPWORDS - {"the", "all", "every", "its", "their", "more"}
                                             for w in whom.split()[:-1]) \
                and not _NOMINAL.search(whom.split()[-2]):
            for start, end in _actions_listed(text, addressee.end()):
                action = Mention(start, end, text[start:end], None, REQUIREMENT, text[start:end], "phrase")
                yield (speaker, CALLS_FOR, action, words, called.start(), called.end(), 0.6)
            continue
        for measure in _measures_listed(mentions, text, called.end()):
            yield (speaker, CALLS_FOR, measure, words, called.start(), called.end(), 0.65)
        # "called for strict isolation of the slices from public traffic and for mandatory audits": "for" said again
        again = _AND_FOR.match(text, called.end())
        if again is None:
            continue
        # "… and for supplier traffic to be isolated in separate slices": where the traffic is to go, as after the first "for"
        second = _ADDRESSEE_TO.match(text, again.end())
        carried = _CARRIED_ON.match(text, second.end()) if second is not None else None
        for measure in _measures_listed(mentions, text, carried.end() if carried else again.end())[:1 if carried else None]:
            yield (speaker, CALLS_FOR, measure, words, again.start(1), again.end(1), 0.6)
    for should in _SHOULD_ADOPT.finditer(text):
        speaker = _speaker(lexicon, mentions, text, should.start())
        if speaker is None:
            continue
        for measure in _measures_listed(mentions, text, should.end())[:2]:
            yield (speaker, CALLS_FOR, measure, should.group(1), should.start(1), should.end(1), 0.55)
    for made in _MADE_MANDATORY.finditer(text):
        speaker = _speaker(lexicon, mentions, text, made.start())
        words = made.group(1)
        if speaker is None or any(w.lower() in STOPWORDS for w in words.split()):
            continue
        measure = _measure(mentions, text, made.start(1), made.end(1))
        yield (speaker, CALLS_FOR, measure, f"make {made.group(2)}", made.start(), made.end(), 0.6)
    for asked in _ASKED_TO_ADD.finditer(text):
        speaker = _speaker(lexicon, mentions, text, asked.start())
        if speaker is None or re.match(r"(?:the|these|those|such)\s", text[asked.end():], re.IGNORECASE):
            continue  # "asked X to carry out the checks": checks named before, which the call does not name again
        for measure in _measures_listed(mentions, text, asked.end())[:3]:
            yield (speaker, CALLS_FOR, measure, asked.group().strip(), asked.start(), asked.end(), 0.6)


#: A first measure with what completes it ("strict isolation of the slices from public traffic"), then "and for" and the
#: next measure.
_AND_FOR = re.compile(r"[^,;:.\"“”]{3,90}?(,?\s+and\s+(?:also\s+)?for|,?\s+as\s+well\s+as(?:\s+for)?)\s+(?:(?:a|an|the)\s+)?")
#: "network slicing to separate traffic": a word naming an act or a practice is the measure, no one the call addresses.
_NOMINAL = re.compile(r"(?:ing|tion|sion|ment|ance|ence|ity)$", re.IGNORECASE)
#: "urged plant owners to adopt …", "called on operators to isolate …": whom a call addresses, then the action asked.
#: The verbs of urging are the lexicon's (kg:callsFor's kg:speechVerb): "ordered clinics across the province to change …",
#: an order to act, is a call for the action as "urged" is.
_URGING = speech.alternation(speech.lemmas(speech.URGES), ("VBD", "VBZ", "VBG"))
_URGED = re.compile(rf"(?<![\w-])({_URGING}|called\s+on|calls\s+on|calling\s+on|told|tells|telling|required|requires|requiring)\s+"
                    r"(?:(?:the|all|every|its|their|more|state|local)\s+)?(?:(?:[a-z][\w-]*|(?-i:[a-z0-9][\w'’-]*))\s+){0,5}?[a-z][\w-]*"
                    # "operators of 5G factory networks", "hospitals offering remote surgery", "factories on 5G networks"
                    r"(?:\s+(?:in|across|at|of|on|with|offering|running|using)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w-]+)?"
                    # "urged manufacturers that run supplier platforms to audit …": a relative says which addressees
                    r"(?:\s+(?:that|who)\s+[a-z]+\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)?\s+to\s+(?=[a-z])",
                    re.IGNORECASE)
#: "… and on the provincial department to make …": the same call to another addressee.
_AND_ON = re.compile(r"\s+and\s+on\s+(?:(?:the|all|every|its|their)\s+)?(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*\s+to\s+(?=[a-z])",
                     re.IGNORECASE)
#: "to isolate production traffic with dedicated network slices": the means named after "with" is the measure.
_WITH_MEANS = re.compile(r"\s+(?:with|through|using|via|by\s+means\s+of)\s+(?:(?:a|an|the)\s+)?")
#: "to make security audits a condition of its subsidies": what is made a condition is the measure.
_MADE_CONDITION = re.compile(r"make\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+(?:a|the)\s+(?:condition|requirement|prerequisite)\b",
                             re.IGNORECASE)


def urged(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"ordered operators to replace default credentials on all gateways within 90 days and to report incidents within
    24 hours", "urged makers to change default passwords, keep cameras on isolated slices and patch firmware promptly",
    "called on operators to isolate traffic and on the ministry to fund audits": the speaker calls for each action asked
    of each addressee, named whole — its verb with all that completes it, up to the next action or clause."""
    for call in _URGED.finditer(text):
        speaker = _speaker(lexicon, mentions, text, call.start())
        if speaker is None or re.match(r"\s+(?:\d[\d,.]*\s|(?:a|an)\s)", text[call.end(1):]):
            continue  # "ordered 40 new servers to replace …", "ordered a new fleet to …": goods ordered, no addressees
        position: int | None = call.end()
        while position is not None:
            actions = whole_actions(text, position)
            for start, end in actions:
                for action in _called_measures(mentions, text, start, end):
                    yield (speaker, CALLS_FOR, action, f"{call.group(1)} … to", call.start(1), call.end(1), 0.6)
            again = _AND_ON.match(text, actions[-1][1]) if actions else None
            position = again.end() if again is not None else None


#: Verbs whose object is the measure asked for rather than part of an action named whole ("to offer security audits to
#: every factory": the audits; "to keep cameras on isolated slices" stays whole).
_BRINGS_MEASURE = re.compile(r"(?:offer|provide|pass|undergo|fund|add|build|invest\s+in|use|require|mandate|impose|install"
                             r"|(?:speed|step|draw|set)\s+up|roll\s+out)\s+"
                             r"(?:(?:a|an|the)\s+)?(?=[a-z0-9])", re.IGNORECASE)
#: Verbs that do what they ask with a means named after "with" ("to split office and plant traffic with virtual LANs",
#: "to replace shared passwords with multi-factor authentication"): the means is the measure.
_BY_MEANS = re.compile(r"(?:pair|isolate|split|replace|protect|secure|segment|segregate|fit|equip)\s", re.IGNORECASE)


def _called_measures(mentions: list[Mention], text: str, start: int, end: int) -> list[Mention]:
    """What one action asked for (``start``–``end``) calls for: the measure a verb of bringing in governs, the means after
    "with", what is made a condition ("to make penetration tests a condition of its grants"), else the action whole."""
    brought = _BRINGS_MEASURE.match(text, start, end)
    if brought is not None:
        return _measures_listed(mentions, text, brought.end())
    condition = _MADE_CONDITION.match(text, start, end)
    if condition is not None:
        return [_measure(mentions, text, *condition.span(1))]
    means = next(_WITH_MEANS.finditer(text, start, end), None) if _BY_MEANS.match(text, start, end) else None
    if means is not None:
        return _measures_listed(mentions, text, means.end())[:3]
    return [_measure(mentions, text, start, end)]


#: What ends an action asked for: punctuation, or a word that opens a clause of its own ("before they are connected").
_ACTION_ENDS = re.compile(r"[;:.!?\"“”()\[\]]|(?<![\w-])(?:before|after|when|whenever|if|unless|because|while|which|who|whose|where"
                          r"|but|so|that|saying|adding|amid|since|although|though|rather)(?![\w-])", re.IGNORECASE)
#: The words after "and" or a comma that end an action: the subject's next verb ("and urged", "and has since required").
_NEXT_CLAUSE = re.compile(r"(?:(?:has|have|had|also|since|later|then|now|would|will|it|they|the|a|an)\s+)*[a-z]+ed\b"
                          r"|(?:has|have|had|would|will|it|they|he|she|the|a|an|its|their)\b|(?-i:[A-Z][a-z])", re.IGNORECASE)


def whole_actions(text: str, position: int) -> list[tuple[int, int]]:
    """The actions asked for from ``position`` (a verb after "to"), each named whole: "replace default credentials on all
    industrial gateways within 90 days | and to report incidents within 24 hours", "change default passwords, | keep
    cameras on isolated network slices | and patch firmware promptly". An action runs to punctuation or to a word that opens
    a clause; a comma or "and" before another verb ("and to report", ", keep", "and patch") starts the next action, while
    "and" between nouns ("AGV and sensor traffic") stays inside one."""
    out: list[tuple[int, int]] = []
    while _action_verb(text, position):
        stop = _ACTION_ENDS.search(text, position)
        limit = stop.start() if stop is not None else len(text)
        end, following = limit, None
        for joint in re.finditer(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+|\s+as\s+well\s+as\s+", text[position:limit]):
            at = position + joint.end()
            if re.match(r"on\s", text[at:]) and joint.group().strip() != "or":
                end = position + joint.start()  # "… and on the ministry to fund audits": the next addressee's action
                break
            to = re.compile(r"to\s+").match(text, at)
            if to is not None:
                end, following = position + joint.start(), to.end()
                break
            if joint.group().strip() == "or":
                continue  # "patch or replace such gateways": one action
            if _action_verb(text, at, strict=True):
                end, following = position + joint.start(), at
                break
            if "," in joint.group() or _NEXT_CLAUSE.match(text, at):
                end = position + joint.start()  # ", and the bureau said …", "and urged …": the clause goes on without the call
                break
        phrase = text[position:end].rstrip()
        if len(phrase.split()) < 2:
            break
        out.append((position, position + len(phrase)))
        if following is None and stop is not None and stop.group()[:1].isalpha():
            # "to inspect vendors' laptops before they are plugged in and to keep offline backups": the clause ends, the
            # actions go on
            later = re.compile(r"[^,;:.]*?\s+and\s+to\s+").match(text, stop.end())
            following = later.end() if later is not None else None
        if following is None:
            break
        position = following
    return out


def _action_verb(text: str, position: int, strict: bool = False) -> bool:
    """Whether a verb's base form opens ``position`` ("replace", "patch"), and, when ``strict``, one no reading as a noun
    makes part of a list of things ("patch firmware", not "sensor traffic")."""
    word = re.match(r"([a-z]+)(?:\s+(\S+))?", text[position:])
    if word is None or word.group(1).lower() in STOPWORDS or "VERB" not in wordclass.parts(word.group(1)):
        return False
    if word.group(1).lower() not in getLemma(word.group(1).lower(), "VERB"):
        return False  # "and urged", "and shipping": a tense or a participle, no verb of an action asked for
    if not strict:
        return True
    after = (word.group(2) or "").lower().strip(",.;:")
    # "and report attacks", "and patch firmware", "and turn on …": a verb with its object; "and control systems": a noun
    # before the head of the things listed
    return "NOUN" not in wordclass.parts(word.group(1)) or (bool(after) and _SHARED_HEAD.fullmatch(after) is None)


#: Heads that nouns before them describe ("office and control systems"): a word able to be a verb before one is no verb.
_SHARED_HEAD = re.compile(r"networks?|systems?|traffic|lines?|data|controls?|equipment|devices?|servers?|accounts?")


#: "urged the replacement of default passwords", "recommended the adoption of zero-trust controls": a verb of urging whose
#: object is an action named by its noun (then "of") calls for that action.
_URGED_ACTION = re.compile(rf"(?<![\w-])({_URGING})\s+"
                           r"(?:the\s+|a\s+|an\s+)?(?=(?:[a-z][\w-]*\s+)?[a-z]+(?:tion|sion|ment|ance|ence|al|ing)\s+of\s)",
                           re.IGNORECASE)


def urged_actions(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"the alliance urged the replacement of default passwords on all connected equipment": a call for the replacement."""
    for call in _URGED_ACTION.finditer(text):
        speaker = _speaker(lexicon, mentions, text, call.start())
        if speaker is None:
            continue
        for measure in _measures_listed(mentions, text, call.end())[:3]:
            yield (speaker, CALLS_FOR, measure, call.group(1), call.start(1), call.end(1), 0.6)


#: The words of the readings above that no lexical pattern shares: their measures are read whole.
_OWN_WORDS = re.compile(r"(?:should|must|ought\s+to|make\s+\w+|(?:ask|asks|asked|asking)\b.*|.+\s…\s+to)", re.IGNORECASE)


def names_a_measure(mention: Mention) -> bool:
    """"called for network slicing to separate traffic": a word naming an act or a practice is what is called for, not
    whom the call addresses (the infinitive after it is its purpose)."""
    return _NOMINAL.search(mention.text) is not None and mention.via != "pronoun"


def read_whole(words: str) -> bool:
    """Whether ``words`` are a reading of this module's whose measure needs no further reading ("should", "make mandatory")."""
    return _OWN_WORDS.fullmatch(words) is not None
