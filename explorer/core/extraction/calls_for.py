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

from explorer.core.extraction import speech, wordclass
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import ROLE_AFTER, Mention, Reading, singular
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
_EARLIER_VERB = re.compile(rf"(?<![\w-])(?:called|{speech.speaking(speech.PAST)})\s", re.IGNORECASE)


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
    speaker = next((m for m in mentions if m.end == position or (m.end < position and re.fullmatch(r"\s*", text[m.end:position]))), None)
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
_URGED = re.compile(rf"(?<![\w-])({_URGING}|called\s+on|calls\s+on|calling\s+on|told|tells|telling)\s+"
                    r"(?:(?:the|all|every|its|their|more|state|local)\s+)?(?:(?:[a-z][\w-]*|(?-i:[a-z0-9][\w'’-]*))\s+){0,3}?[a-z][\w-]*"
                    r"(?:\s+(?:in|across|at)\s+(?:the\s+)?(?:[\w-]+\s+)?[\w-]+)?"
                    # "urged manufacturers that run supplier platforms to audit …": a relative says which addressees
                    r"(?:\s+(?:that|who)\s+[a-z]+\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)?\s+to\s+(?=[a-z])",
                    re.IGNORECASE)
#: "… and on the provincial department to make …": the same call to another addressee.
_AND_ON = re.compile(r"\s+and\s+on\s+(?:(?:the|all|every|its|their)\s+)?(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*\s+to\s+(?=[a-z])",
                     re.IGNORECASE)
#: "… to change default passwords and to put cameras on …", "to wall off X, to scan Y and to keep Z": a next action asked of
#: the same addressees.
_AND_TO = re.compile(r"(?:\s+and|,(?:\s+and)?)\s+to\s+(?=[a-z])", re.IGNORECASE)
#: Verbs of bringing a measure in: what they govern is the measure ("to adopt network segmentation").
_BRING_IN = re.compile(r"(?:adopt|introduce|implement|deploy|install|use|roll\s+out|carry\s+out|conduct|set\s+up|fund|impose|enforce"
                       r"|mandate|require|run|perform|apply|add|build|create|establish|invest\s+in"
                       # verbs of carrying out a check: "to complete security audits", "to pass an annual audit"
                       r"|complete|pass|undergo|hold"
                       # verbs of keeping and of offering: "to keep offline backups", "to offer security audits to …"
                       r"|keep|maintain|offer|provide)\s+", re.IGNORECASE)
#: "to isolate production traffic with dedicated network slices": the means named after "with" is the measure.
_WITH_MEANS = re.compile(r"\s+(?:with|through|using|via|by\s+means\s+of)\s+(?:(?:a|an|the)\s+)?")
#: "to make security audits a condition of its subsidies": what is made a condition is the measure.
_MADE_CONDITION = re.compile(r"make\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+(?:a|the)\s+(?:condition|requirement|prerequisite)\b",
                             re.IGNORECASE)


def _asked(mentions: list[Mention], text: str, position: int) -> list[Mention]:
    """The measures one action asked for names, from ``position`` (its verb): what a verb of bringing in governs, the means
    after "with", what is made a condition."""
    kept = _whole_action(text, position) if re.match(r"keep\s", text[position:], re.IGNORECASE) else None
    if kept is not None:
        return [kept]  # "to keep maintenance ports closed": the state asked for, not the ports
    bring = _BRING_IN.match(text, position)
    if bring is not None:
        if re.match(r"(?:the|these|those|such)\s", text[bring.end():], re.IGNORECASE):
            return []  # "asked X to carry out the checks": checks named before, which the call does not name again
        listed = _measures_listed(mentions, text, bring.end())
        if listed:
            return listed
    condition = _MADE_CONDITION.match(text, position)
    if condition is not None:
        return [_measure(mentions, text, *condition.span(1))]
    action = _ACTION.match(text, position)
    # (a long action — "to pair every network they build with a slice and a firewall" — runs to its clause's end)
    stop = re.compile(r"[,;:.]").search(text, position)
    means = next((m for m in _WITH_MEANS.finditer(text, position, action.end(1) if action else stop.start() if stop else len(text))),
                 None)
    if means is not None:
        return _measures_listed(mentions, text, means.end())[:3]
    if action is None:  # a long action ("to audit every vendor's remote access by the end of the year") may be read whole
        whole = _whole_action(text, position)
        return [whole] if whole is not None else []
    acted = _action_on_thing(mentions, text, position)
    # an action on what the addressees own ("to segment their networks") is read by ``clauses.called_actions``
    return [acted] if acted is not None else []


#: Verbs that say little without what follows: their object is no measure ("to keep", "to take").
_LIGHT_VERBS = frozenset(["be", "have", "get", "make", "take", "do", "go", "keep", "give", "let", "help", "ensure", "consider",
                          "study", "review", "stay", "remain", "become", "see", "look", "come", "put", "place"])
#: Verbs of keeping apart name their measure with what is kept from what ("isolate X from Y"): read whole by ``calls``, and
#: asked of addressees, of what they already own ("urged operators to separate their safety systems").
_KEEPING_APART = frozenset(["separate", "isolate", "segment", "segregate", "disconnect", "decouple"])
#: "to put cameras on separate network slices": where a verb of placing puts things is the measure.
_PLACED_ON = re.compile(r"(?:put|place)\s+[^,;:.]{1,40}?\s+(?:on|onto|in|into|behind)\s+(?:(?:a|an|the)\s+)?", re.IGNORECASE)
#: A plain object after an action's verb: one to four words, the last a plural or a thing named by a mention.
_OBJECT_WORDS = re.compile(r"(?:all\s+)?[a-z0-9][\w-]*(?:\s+[a-z0-9][\w-]*){0,3}?(?=\s*[,.;:]|\s*$|\s+(?:on|in|at|by|for|from|to|within"
                           r"|before|after|and|across|with)\b)", re.IGNORECASE)


#: An action named whole, its verb with its object: on what the addressees own or on each of what they deal with ("to audit
#: their remote-control systems", "to audit every vendor's remote access", "to scan contractors' devices"), what it keeps
#: apart from what ("to wall off operational networks from office systems") or in which state ("to keep maintenance ports
#: closed"). It ends before a deadline of a date or an event ("by the end of the year", "before they are connected"); a
#: time allowed ("within 30 days") is part of it.
_WHOLE_ACTION = re.compile(
    r"(?P<verb>[a-z]+)(?:\s+(?:off|up|out|down))?\s+"
    r"(?:(?P<own>(?:their|its|his|her|every|each)\s|[a-z][\w-]*(?:s'|'s|’s)\s)"
    r"|(?=(?:[\w'’-]+\s+){1,5}?(?P<state>(?:[a-z]+ly\s+)?(?:closed|shut|separate|apart|isolated|offline|disconnected|segregated))\b)"
    r"|(?=(?:[\w'’-]+\s+){1,5}?(?:from|within)\s))"
    r"(?:[\w'’-]+\s+){0,5}?[\w'’-]+"
    r"(?(state)|(?:\s+from\s+(?:(?:the|their|its)\s+)?[\w-]+(?:\s+(?!(?:within|by|before|after|in|at|on|and|for|until|when)\b)[\w-]+){0,3})?)"
    r"(?P<within>\s+within\s+[\w-]+\s+(?:days|weeks|months|hours)(?:\s+of\s+(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+){0,3}?)?)?"
    r"(?=\s*[,.;:]|\s*$|\s+(?:and|by|before|until|when|if|while|after|so|as|or|but)\b|(?(state)\s|(?!)))",
    re.IGNORECASE)
#: Verbs of keeping apart and of walling off: with "from" after their object the action is read whole.
_APART_VERBS = _KEEPING_APART | {"wall", "fence", "cut", "shield", "keep"}


def _whole_action(text: str, position: int) -> Mention | None:
    """The action at ``position`` read whole (see ``_WHOLE_ACTION``), or None."""
    action = _WHOLE_ACTION.match(text, position)
    if action is None:
        return None
    verb = action.group("verb").lower()
    light = verb in _LIGHT_VERBS - {"review"}  # "to review their servers" acts on them
    if verb in STOPWORDS or (light and not action.group("state")) or "VERB" not in wordclass.parts(verb):
        return None
    if not action.group("own") and not action.group("state") and not action.group("within") and verb not in _APART_VERBS:
        return None  # "to patch ageing controllers": read by what the verb acts on
    if action.group("state") and verb != "keep":
        return None
    if re.search(r"[;:]|\s(?:said|says|would|will)\s", action.group()):
        return None
    end = action.end("state") if action.group("state") else action.end()  # "keep X closed | when not in use"
    phrase = text[action.start():end]
    return Mention(action.start(), end, phrase, None, REQUIREMENT, phrase, "phrase")


def _action_on_thing(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """"urged owners to change default passwords": the action asked for, its verb with the thing it acts on ("change
    default passwords"), or where a verb of placing puts things ("to put cameras on separate slices": the slices)."""
    placed = _PLACED_ON.match(text, position)
    if placed is not None:
        found = _measures_listed(mentions, text, placed.end())
        return found[0] if found else None
    whole = _whole_action(text, position)
    if whole is not None:
        return whole
    verb = re.match(r"([a-z]+)\s+(?:(up|out|down|off)\s+)?", text[position:])
    if verb is None or verb.group(1).lower() in _LIGHT_VERBS | _KEEPING_APART or verb.group(1).lower() in STOPWORDS:
        return None
    after = position + verb.end()
    if verb.group(2):  # "to speed up common standards": a verb with a particle asks for the thing itself
        position = after
    glued = next((m for m in mentions if m.start <= position and m.end > after and m.via != "pronoun"), None)
    thing = glued or next((m for m in mentions if m.start == after and m.via != "pronoun"), None)
    if thing is None:
        words = _OBJECT_WORDS.match(text, after)
        if words is None or not words.group().endswith("s") or any(w.lower() in STOPWORDS - {"all"} for w in words.group().split()):
            return None
        end = words.end()
    elif thing.iri is not None or thing.text[:1].isupper():
        return None  # "to join the alliance", "to contact Huawei": a named partner or body, no measure
    else:
        end = thing.end
    position = max(position, thing.start) if thing is not None and verb.group(2) else position
    head = text[after:end].split()[-1] if text[after:end].split() else ""
    if _NOMINAL.search(singular(head.lower())) and not re.match(r"(?:the|its|their|these|those)\s", text[after:end], re.IGNORECASE):
        # "to offer security monitoring", "to complete security assessments": an act named by its noun is the measure
        position = after
    phrase = text[position:end]
    return Mention(position, end, phrase, None, REQUIREMENT, phrase, "phrase")


def urged(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"urged plant owners to adopt network segmentation and traffic monitoring", "called on operators to isolate traffic
    with network slices and on the ministry to make audits a condition of its subsidies": the speaker calls for each
    measure asked of each addressee."""
    for call in _URGED.finditer(text):
        speaker = _speaker(lexicon, mentions, text, call.start())
        if speaker is None or re.match(r"\s+(?:\d|(?:a|an)\s)", text[call.end(1):]):
            continue  # "ordered 40 new servers to replace …", "ordered a new fleet to …": goods ordered, no addressees
        position: int | None = call.end()
        while position is not None:
            for measure in _asked(mentions, text, position):
                yield (speaker, CALLS_FOR, measure, f"{call.group(1)} … to", call.start(1), call.end(1), 0.6)
            action = _ACTION.match(text, position) or _WHOLE_ACTION.match(text, position)
            again = (_AND_ON.match(text, action.end()) or _AND_TO.match(text, action.end())) if action is not None else None
            position = again.end() if again is not None else None


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
