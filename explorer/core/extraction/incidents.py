"""One attack that happened, with what it was aimed at and what it put out of action: "a ransomware attack on the booking
system of a terminal … shut its truck gates" (the attack targets the booking system and affected the gates), "an intrusion
at an electronics plant halted two of its lines", "a ransomware attack on an operator took its billing systems offline".

An incident is a threat named in the singular after "a" or "an" (one event, not the kind of threat); what follows "on",
"against" or "at" is its target, and the object of its verb of putting out of action, when that object is the target's
own ("its", "their"), is what it affected. The words read are English prepositions and verbs of stopping. Where the
sentence tells the attack or breach as done, what it was on or hit was affected too (``harmed``): writers key "a ransomware
attack on Hengtai Magnetics" as the attack having affected Hengtai, and keep "targets" for threats and attacks to come.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading, singular
from explorer.core.extraction.words import BLAMED_BEFORE, GENERIC_PEOPLE, STOPWORDS, TRADE_HEADS
from explorer.core.vocab import KG

RISK, AGENT, PLACE, VULNERABILITY = str(KG.CyberRisk), str(KG.Agent), str(KG.Place), str(KG.Vulnerability)
PERSON = str(KG.Person)
TARGETS, AFFECTED, ATTRIBUTED = str(KG.targets), str(KG.affected), str(KG.attributedTo)
LEADS_TO = str(KG.leadsTo)


_ONE = re.compile(r"(?<![\w-])(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_AIMED = re.compile(r"\s+(on|against|at)\s+(?:the|a|an)\s+", re.IGNORECASE)
#: A verb of putting out of action, then what it stopped: the target's own ("its truck gates", "two of its lines").
#: (verbs of getting in or disabling, "encrypted", "disabled", say what an attack targeted: the lexicon's kg:targets)
_STOPPED = re.compile(r"(?<![\w-])(shut(?:\s+down)?|halted|locked|disrupted|froze|stopped|took|knocked|held\s+up)\s+"
                      r"((?:(?:two|three|four|five|six|several|some|many|most|all|half|one)\s+of\s+)?(?:its|their|the)\s+)"
                      # "encrypted its servers", "wiped the supplier's servers": what the target owns was harmed ("encrypted
                      # the servers of a firm" names the target itself: the lexicon's kg:targets)
                      r"|(?<![\w-])(encrypted|encrypting|wiped|corrupted)\s+((?:its|their|the\s+[\w-]+(?:\s+[\w-]+)?['’]s)\s+)",
                      re.IGNORECASE)
_BARE = re.compile(r"[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){0,3}?"
                   r"(?=\s*[,.;:]|\s+(?:of|in|at|on|for|from|offline|down|out|to|could|can|may|might|would|will)\b)")


def _thing_at(lexicon: Lexicon, mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The mention at ``position``, else the bare noun phrase there ("booking system | of a terminal")."""
    found = next((m for m in mentions if m.start == position and m.via != "pronoun"), None)
    count = _COUNTED_KIND.match(text, position)
    if found is None and count is not None:  # "hit two chemical parks": what is counted
        found = next((m for m in mentions if m.start == count.end() and m.via != "pronoun"), None)
    owner = re.match(r"[\w-]+['’]s\s+", text[position:]) if found is None else None
    if owner is not None:  # "disrupted the | terminal's gate system": the owner read as a reference with its "the"
        found = next((m for m in mentions if m.start == position + owner.end() and m.via != "pronoun"), None)
    if found is not None and found.text.endswith(" offline"):
        words = found.text.removesuffix(" offline")  # "knocked the platform offline": the adverb is no part of the name
        found = Mention(found.start, found.start + len(words), words, None, found.cls, words, found.via)
    if found is not None:
        found = _possessed(mentions, text, found)
        # an organization may be attacked ("an attack on a hospital"); a person or a town is no target read here
        return found if lexicon.is_a(found.cls, [RISK, PERSON, PLACE]) is not True else None
    bare = _BARE.match(text, position)
    if bare is None or any(w in STOPWORDS - {"and"} for w in bare.group().split()) \
            or any(m.start < bare.end() and position < m.end for m in mentions):
        return None
    return Mention(position, bare.end(), bare.group(), None, None, bare.group(), "phrase")


def _possessed(mentions: list[Mention], text: str, found: Mention) -> Mention:
    """"disrupted the port's customs system", "an attack on a contractor's billing server": what an attack reached is
    the thing owned, named after the owner's "'s" (a name stays whole: "Tongda's", an owner's name, opens no phrase)."""
    owned = next((m for m in mentions if re.fullmatch(r"['’]s\s+", text[found.end:m.start]) and m.via != "pronoun"), None)
    if owned is not None and found.via not in ("name", "label"):
        return owned
    inner = re.match(r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?['’]s\s+", found.text)
    if inner is None or found.via != "phrase" or found.iri is not None:
        return found
    words = found.text[inner.end():]
    return Mention(found.start + inner.end(), found.end, words, None, found.cls, words, "phrase")


#: A sentence's opening before its subject: a time or a place ("In January, ", "Last August ").
_OPENING = re.compile(r"(?:(?:In|On|At|Last|Earlier|Late|Early)\s+[\w\s]{1,25}?,?\s+)?$")
#: The same opening at a sentence's start.
_OPENING_START = re.compile(r"(?:(?:In|On|At|Last|Earlier|Late|Early)\s+[\w\s]{1,25}?,\s+)?"
                            r"(?:(?:[Tt]he|[Aa]n?|[Mm]any|[Ss]ome|[Ss]everal|[Mm]ost|[Tt]wo|[Tt]hree)\s+)?")
#: A verb of attack after an attack and what describes it ("a campaign attributed to X hit the billing systems …").
_HIT = re.compile(r"(?<![\w-])(hit|struck|hijacked|disabled|infected|breached|crippled|paralysed|paralyzed)\s+(?:(?:the|a|an)\s+"
                  r"|(?=[A-Z])|(?=(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s))")
# ("hit Tongda Supply Chain": a name needs no determiner, nor a count: "hit two chemical parks")


_WAVE = re.compile(r"(?<![\w-])(?:wave|series|spate|string|barrage|flurry|rash)\s+of\s+$", re.IGNORECASE)
#: Words for one event: "the attack", "a ransomware attack", "the breach" name one attack whatever stands before them.
_EVENT = re.compile(r"(?:attack|intrusion|breach|incident|campaign|outbreak)$", re.IGNORECASE)


#: The words by which one attack reached what follows: "an attack on X", "the intrusion hit X", "encrypted X".
_REACHED_BY = frozenset(["on", "against", "at", "hit", "struck", "hijacked", "disabled", "infected", "breached", "crippled",
                         "paralysed", "paralyzed", "encrypted", "knocked out", "broke into"])
#: Words for an incident, one event that happened (a botnet, ransomware or a campaign is a threat that goes on: it targets).
_INCIDENT = re.compile(r"(?:attack|intrusion|breach|incident|hack|outage|compromise)$", re.IGNORECASE)
#: What makes a sentence speak of an attack that may come: a warning, a modal, a risk.
#: ("may" in lower case: "In May" is a month)
_MAY_COME = re.compile(r"(?<![\w-])(?:could|would|may|might|can|[Ww]arn\w*|risks?|threat\w*|[Ii]f|[Uu]nless)(?![\w-])")


def harmed(lexicon: Lexicon, predicate: str, subject: Mention, words: str, text: str) -> str:
    """The property a fact read as "targets" states when its subject is one incident (an attack, a breach) that happened,
    in a sentence that tells it as done: what the attack was on, hit or encrypted was affected by it ("a ransomware attack
    on Hengtai Magnetics encrypted its servers"). An attack warned of, or one that could come, targets what it is aimed
    at."""
    if predicate != TARGETS or words.lower() not in _REACHED_BY or not one_attack(lexicon, subject, text) \
            or _INCIDENT.search(subject.label or subject.text) is None or _MAY_COME.search(text) is not None:
        return predicate
    return AFFECTED


#: What may stand between an attack and its verb: where and when it struck ("on a tubing maker in neighbouring Linyi",
#: "last November into a glass plant in Shahe"), with no clause of its own.
_STRUCK_AT = re.compile(r",?\s+(?:(?:last|this|in)\s+[A-Za-z]+\s+)?(?:on|into|at|against)\s")
_CLAUSE_BETWEEN = re.compile(r";|\s(?:and|which|that|who|whose|but|while)\s")


def attack_of_clause(lexicon: Lexicon, predicate: str, subject: Mention, mentions: list[Mention], text: str,
                     verb_start: int) -> Mention | None:
    """"a ransomware attack on a tubing maker in neighbouring Linyi halted a furnace": the attack the clause opens on is
    the subject of its verb of harm, not the place or the victim named in its "on" phrase (None where no such attack)."""
    if predicate not in (AFFECTED, TARGETS) or lexicon.is_a(subject.cls, [RISK]) is True:
        return None
    attack = next((m for m in reversed(mentions) if m.end <= subject.start and lexicon.is_a(m.cls, [RISK]) is True), None)
    if attack is None or not one_attack(lexicon, attack, text) or verb_start < subject.end:
        return None
    # the subject stands in the attack's phrase; after it, no clause but the verb's own "and" ("altered settings and halted")
    before, after = text[attack.end:subject.start], re.sub(r",?\s+and\s+$", " ", text[subject.end:verb_start])
    return attack if _STRUCK_AT.match(before) and not _CLAUSE_BETWEEN.search(before + after) else None


def one_attack(lexicon: Lexicon, attack: Mention, text: str) -> bool:
    """One attack that happened, not the kind of threat: a threat in the singular (no flaw, no pronoun) named by a word
    for one event ("the breach", "a ransomware attack"), after "a"/"an" ("a botnet"), or opening the sentence and told of
    with a relative clause ("In January, malware that exploited …"). A mass noun alone names the kind ("ransomware hit
    X": the threat, no incident)."""
    if attack.via == "pronoun" or not lexicon.is_a(attack.cls, [RISK]) or lexicon.is_a(attack.cls, [VULNERABILITY]):
        return False  # (a flaw is no attack)
    if _WAVE.search(text[:attack.start]):
        return True  # "a second wave of attacks": one event made of many
    if attack.text.endswith("s"):
        return False
    return _EVENT.search(attack.text) is not None or _ONE.search(text[:attack.start]) is not None \
        or (_OPENING.fullmatch(text[:attack.start]) is not None
            and re.match(r"\s+(?:that|which)\s+[a-z]+ed\b", text[attack.end:]) is not None)


#: The attack's own verb of exploiting right after it (not in a relative clause: "malware that exploited a flaw … locked").
_EXPLOITED = re.compile(r"\s+(exploited)\s+(?:(?:a|an|the|its|their)\s+)?", re.IGNORECASE)
_IN = re.compile(r"\s+(?:in|inside|on)\s+(?:(?:a|an|the|its|their|some|many|several)\s+)?", re.IGNORECASE)
#: A count before a plural: "two chemical parks", "three ports".
_COUNTED_KIND = re.compile(r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s", re.IGNORECASE)


def _named_in_apposition(mentions: list[Mention], text: str, kind: Mention) -> list[Mention]:
    """The names a counted kind is spelled out with after a comma ("two chemical parks, the Daya Bay park in Huizhou and the
    Gaoming park in Foshan"): each is one of them."""
    if not _COUNTED_KIND.match(kind.text) and not _COUNTED_KIND.search(text[max(0, kind.start - 8):kind.start]):
        return []
    out: list[Mention] = []
    position = kind.end
    joint = re.compile(r",\s+(?:the\s+)?" if not out else r"(?:,\s+|,?\s+and\s+)(?:the\s+)?")
    while True:
        opened = joint.match(text, position)
        name = next((m for m in mentions if opened is not None and m.start == opened.end() and m.via in ("name", "label")), None)
        if name is None:
            return out if len(out) >= 2 else []
        out.append(name)
        # "… in Huizhou": where each named one is stands after it and is no name of the list
        place = re.match(r"\s+in\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?", text[name.end:])
        position = name.end + (place.end() if place is not None else 0)
        joint = re.compile(r"(?:,\s+|,?\s+and\s+)(?:the\s+)?")


#: "halted production at X", "has spread to at least six of its suppliers": where an attack stopped work, or what it spread
#: to, it harmed.
_SPREAD = re.compile(r"(?<![\w-])((?:halted|stopped|disrupted|suspended|interrupted)\s+(?:production|operations|output|work)\s+at"
                     r"|(?:spread|spreads|spreading)\s+to)\s+(?:(?:at\s+least|more\s+than)\s+)?"
                     r"(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|some|many)\s+of\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?",
                     re.IGNORECASE)


def _own_verb(text: str, attack: Mention, verb: re.Match[str]) -> bool:
    """Whether ``verb`` is the attack's own: what stands between describes the attack (a relative clause or a participle
    with its complements, an aside), no clause of its own."""
    between = text[attack.end:verb.start()]
    if re.search(r"(?<![\w-])(?:said|says|and|but|while|although)\s|[;:]", between):
        return False
    return not between.strip() or re.match(r"\s+(?:that|which|on|at|against|in|from|attributed|traced|linked|blamed|"
                                           r"aimed|launched|carried|claimed)\b|\s*,", between) is not None


def incidents(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """The targets and the things put out of action of the attacks a sentence tells of."""
    for attack in mentions:
        if not one_attack(lexicon, attack, text):
            continue
        hit = _HIT.search(text, attack.end)
        target = _thing_at(lexicon, mentions, text, hit.end()) if hit is not None and _own_verb(text, attack, hit) else None
        named = _named_in_apposition(mentions, text, target) if target is not None else []
        if hit is not None:  # "hit two chemical parks, the A in Huizhou and the B in Foshan": the parks named
            yield from ((attack, TARGETS, each, hit.group(1), hit.start(1), hit.end(1), 0.65) for each in named)
        if hit is not None and target is not None and not named:
            yield (attack, TARGETS, target, hit.group(1), hit.start(1), hit.end(1), 0.65)
            # "hijacked the gateways of a cement plant": the attack targets the plant through its gateways
            owned = re.match(r"\s+of\s+(?:a|an|the)\s+", text[target.end:])
            owner = _thing_at(lexicon, mentions, text, target.end + owned.end()) if owned is not None else None
            if owner is not None:
                yield (attack, TARGETS, owner, hit.group(1), hit.start(1), hit.end(1), 0.6)
        exploited = _EXPLOITED.match(text, attack.end)
        weakness = next((m for m in mentions if exploited is not None and m.start == exploited.end()
                         and lexicon.is_a(m.cls, [VULNERABILITY])), None)
        inside = _IN.match(text, weakness.end) if weakness is not None else None
        holder = _thing_at(lexicon, mentions, text, inside.end()) if inside is not None else None
        if exploited is not None and holder is not None:
            # "the attack exploited unpatched firmware in the controllers": the controllers were its target
            yield (attack, TARGETS, holder, exploited.group(1), exploited.start(1), exploited.end(1), 0.65)
        aimed = _AIMED.match(text, attack.end) if not BLAMED_BEFORE.search(text[:attack.start]) else None
        target = _thing_at(lexicon, mentions, text, aimed.end()) if aimed is not None else None
        if aimed is not None and target is not None:
            yield (attack, TARGETS, target, aimed.group(1), aimed.start(1), aimed.end(1), 0.65)
        for spread in _SPREAD.finditer(text, attack.end):
            # "an attack that halted production at X's plant … has spread to four of its contractors": both harmed
            reached = _thing_at(lexicon, mentions, text, spread.end()) if _own_verb(text, attack, spread) else None
            if reached is not None:
                yield (attack, AFFECTED, reached, spread.group(1), spread.start(1), spread.end(1), 0.6)
        # the attack's own verb: the first verb of stopping after it, before the sentence's next clause
        stopped = _STOPPED.search(text, attack.end)
        verb = 1 if stopped is not None and stopped.group(1) else 3
        if stopped is None or not _own_verb(text, attack, stopped) \
                or (stopped.group(verb + 1).lower().startswith("the ") and stopped.group(verb).lower() in ("took", "knocked")):
            continue
        harmed = _thing_at(lexicon, mentions, text, stopped.end())
        if harmed is None or (stopped.group(verb).lower() in ("took", "knocked")
                              and not re.match(r"\s+(?:offline|out)\b", text[harmed.end:])):
            continue
        yield (attack, AFFECTED, harmed, stopped.group(verb), stopped.start(verb), stopped.end(verb), 0.65)


#: "a campaign from overseas servers aimed at the gateways": what a threat is aimed at is its target.
_AIMED_AT = re.compile(r"\s+(?:from\s+[^,;]{1,40}?\s+)?((?:aimed|directed|targeted)\s+at)\s+(?:(?:the|a|an|its|their)\s+)?",
                       re.IGNORECASE)
#: "knocked the platform offline": an attack that put a thing named for itself out of action targeted it.
_OFFLINE = re.compile(r"\s+((?:knocked|took|pushed|forced))\s+(?:the|a|an)\s+", re.IGNORECASE)
#: "traced the attack to", "attributed it to": whom an attack the sentence told of is put down to.
_TRACED = re.compile(r"(?<![\w-])(traced|traces|attributed|attributes|linked|links|blamed|blames)\s+(?:(?P<what>"
                     r"(?:the|this|these|most|many|some|all|it|them|\d+\s+of\s+the)(?:\s+[\w-]+){0,4}?"
                     # "attributed a phishing campaign that targeted engineers at X in April to": the attack and its clause
                     r"|(?:a|an)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:that|which)(?:\s+[\w'’-]+){1,12}?)\s+)?(?:to|on)\s+(?:(?:a|an|the)\s+)?",
                     re.IGNORECASE)
#: Words that name those who attack as a group, whatever the class of the phrase ("a criminal gang", "a state-backed crew").
_GROUP = re.compile(r"(?<![\w-])(?:group|gang|crew|actor|actors|team|hackers|attackers|criminals|syndicate|unit|ring|network)$",
                    re.IGNORECASE)
_EVENTS = re.compile(r"(?:attack|intrusion|breach|incident|campaign|outbreak)s?$", re.IGNORECASE)
#: "19 of the 27 incidents": a counted part of what was named before is named with its count (the count alone, "27
#: incidents", names the whole).
_PART_OF = re.compile(r"\d+\s+of\s+the\s+", re.IGNORECASE)
#: "a group it tracks as X", "a group calling itself X": the name the group goes by.
_GOES_BY = re.compile(r"(?:[\w-]+\s+){0,2}?(?i:group|gang|crew|outfit|actor|team)\s+(?:calling\s+itself|known\s+as|dubbed|called"
                      # (who tracks it may be any subject: "a group that security firms track as X")
                      r"|named|(?:(?:that|which)\s+)?(?:it|they|(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+"
                      r"(?:tracks?|calls?|names?|refers?\s+to)(?:\s+as)?)\s+[\"“‘']?")


def _people(mention: Mention) -> bool:
    """"a rival farm operator", "a haulage contractor", "a former employee": a phrase whose head names who works a
    trade or holds a job is someone an attack can be put down to, not a thing it came in through."""
    words = (mention.label or mention.text).lower().split()
    return bool(words) and singular(words[-1]) in TRADE_HEADS | GENERIC_PEOPLE


_COULD = re.compile(r"\s+(?:could|can|may|might|would|will)\s", re.IGNORECASE)


def aimed_attacks(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """What a threat was aimed at or knocked offline, and the group an attack was traced to by the name it goes by."""
    threats = [m for m in mentions if m.via not in ("pronoun", "definite") and lexicon.is_a(m.cls, [RISK])]
    # one attack that happened ("a scanning campaign … aimed at"), not a kind warned of ("warned of malware aimed at …")
    for threat in threats:
        aimed = _AIMED_AT.match(text, threat.end)
        target = _thing_at(lexicon, mentions, text, aimed.end()) if aimed is not None else None
        # a kind of threat aimed at something is its target only as the subject of what it could do ("spoofed commands
        # aimed at the vehicles could …"), not as what is warned of ("warned of malware aimed at utilities")
        if not _ONE.search(text[:threat.start]) and (target is None or not _COULD.match(text, target.end)):
            continue
        if aimed is not None and target is not None:
            yield (threat, TARGETS, target, aimed.group(1), aimed.start(1), aimed.end(1), 0.65)
        offline = _OFFLINE.match(text, threat.end)
        target = _thing_at(lexicon, mentions, text, offline.end()) if offline is not None else None
        if offline is not None and target is not None and re.match(r"\s+offline\b", text[target.end:]):
            yield (threat, TARGETS, target, offline.group(1), offline.start(1), offline.end(1), 0.65)
    for traced in _TRACED.finditer(text):
        passive = re.search(r"(?<![\w-])(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", text[:traced.start()])
        opening = [b.end() for b in re.finditer(r"[,;:]|(?<![\w-])(?:because|since|as|while|and)\s", text[:traced.start()])]
        if passive is not None and not traced.group("what") and not any(
                lexicon.is_a(m.cls, [RISK]) and (opening[-1] if opening else 0) <= m.start < passive.start() for m in mentions):
            continue  # "because both were linked to the portal": a passive of no attack says what is joined to what
        goes_by = _GOES_BY.match(text, traced.end())
        if goes_by is not None:
            culprit = next((m for m in mentions if m.start == goes_by.end() and m.via in ("name", "label")), None)
        else:
            # (a thing described, of no known kind, is where an attack came in, not who made it: "traced the
            # intrusion to an AGV controller" is read below as the attack's target)
            culprit = next((m for m in mentions if m.start == traced.end() and m.via != "pronoun"
                            and lexicon.is_a(m.cls, [AGENT]) is not False and lexicon.is_a(m.cls, [RISK]) is not True), None)
        # the attack traced is the one the verb names ("blamed most of the intrusions on"), else the one the sentence
        # named before ("traced it to", a reduced relative: the one right before)
        named = [m for m in mentions if traced.group("what") and traced.start("what") <= m.start and m.end <= traced.end("what")
                 and (lexicon.is_a(m.cls, [RISK]) or _EVENTS.search(m.text))]
        # (a reference counts: "blamed the intrusions on", "attributed it to"; so does a word for events, "27 incidents")
        # (in "a campaign that targeted engineers", the attack is the first threat, before its clause)
        attack = (named[0] if named and traced.group("what")[:2].lower() in ("a ", "an") else named[-1]) if named \
            else next((m for m in reversed(threats) if m.end <= traced.start()), None)
        event = re.fullmatch(r"(?:the|this)\s+((?:[\w-]+\s+){0,2}[\w-]+)", traced.group("what") or "", re.IGNORECASE)
        if not named and event is not None and _EVENTS.search(event.group(1)):
            # "attributed the campaign to": a word for one event, which no mention holds, names the attack itself
            start = traced.start("what") + event.start(1)
            attack = Mention(start, start + len(event.group(1)), event.group(1), None, RISK, event.group(1), "phrase")
        part = _PART_OF.match(text, traced.start("what")) if named and traced.group("what") else None
        if part is not None and attack is not None and attack.end == traced.end("what"):
            words = text[traced.start("what"):attack.end]
            attack = Mention(traced.start("what"), attack.end, words, None, attack.cls, words, "phrase")
        if attack is not None and attack.via == "pronoun" and attack.iri is None and attack.label is None:
            # "described a campaign …, and attributed it to X": an "it" no reader resolved is the attack named before it
            attack = next((m for m in reversed(threats) if m.end <= traced.start()), attack)
        if attack is not None and attack.via == "definite":
            # "blamed most of the intrusions on": the words as written, not an earlier count or kind they may recall
            attack = replace(attack, iri=None, label=attack.text)
        if culprit is not None and attack is not None and traced.group(1).lower().startswith("trace") \
                and lexicon.is_a(culprit.cls, [AGENT]) is not True and culprit.via not in ("name", "label") \
                and not _GROUP.search(culprit.text) and not _people(culprit):
            # "traced the intrusion to a PLC gateway": a thing the attack was traced to is where it got in, no culprit
            yield (attack, TARGETS, culprit, traced.group(1), traced.start(1), traced.end(), 0.6)
        elif culprit is not None and attack is not None:
            yield (attack, ATTRIBUTED, culprit, traced.group(1), traced.start(1), traced.end(), 0.65)
    yield from _blamed_groups(lexicon, mentions, text, threats)


#: "investigators blamed a criminal group known as X": blamed with the group as the object, no "on" or "for".
_BLAMED_GROUP = re.compile(r"(?<![\w-])(blamed|blames|blame)\s+(?:a|an|the)\s+", re.IGNORECASE)


def _blamed_groups(lexicon: Lexicon, mentions: list[Mention], text: str, threats: list[Mention]) -> Iterator[Reading]:
    """"a ransomware attack … shut its lines, and investigators blamed a criminal group known as Cobalt Lynx": the group
    a verb of blame names by the name it goes by is who the attack told of before is put down to."""
    for blamed in _BLAMED_GROUP.finditer(text):
        goes_by = _GOES_BY.match(text, blamed.end())
        if goes_by is None:
            continue
        culprit = next((m for m in mentions if m.start == goes_by.end() and m.via in ("name", "label")), None)
        # (a weakness named before is no attack: "… still ran unpatched firmware; police blamed a gang known as X")
        attack = next((m for m in reversed(threats) if m.end <= blamed.start()
                       and lexicon.is_a(m.cls, [VULNERABILITY]) is not True), None)
        if culprit is None or attack is None or lexicon.is_a(culprit.cls, [RISK]) is True:
            continue
        yield (attack, ATTRIBUTED, culprit, blamed.group(1), blamed.start(1), goes_by.end(), 0.65)


#: The verb one attack acts with, first in its clause ("hit the booking system", "encrypted the servers").
_ACTS = re.compile(r"(?<![\w-])(?:hit|struck|targeted|attacked|reached|encrypted|infected|breached|compromised|hijacked|disabled"
                   r"|crippled|paralysed|paralyzed|knocked\s+out|took\s+down|shut(?:\s+down)?|halted|froze|disrupted|stopped"
                   r"|locked|pushed|forced|corrupted|wiped|stole|cut|exploited)(?![\w-])", re.IGNORECASE)
#: A later verb of the same clause that stops or damages, coordinated ("… and halted") or a participle ("…, halting").
_THEN_STOPPED = re.compile(r"(?:,?\s+and\s+(?P<verb>shut(?:\s+down)?|halted|froze|disrupted|stopped|locked|damaged|destroyed"
                           r"|cracked|ruined|spoiled|crippled|paralysed|paralyzed|knocked\s+out|took\s+down|held\s+up"
                           r"|caused|led\s+to|resulted\s+in)"
                           r"|(?:,|,?\s+and)\s+(?P<participle>halting|shutting(?:\s+down)?|freezing|disrupting|stopping|locking"
                           r"|damaging|destroying|crippling|paralysing|paralyzing|knocking\s+out|taking\s+down|leaving|holding\s+up"
                           r"|encrypting|causing|leading\s+to|resulting\s+in))\s+",
                           re.IGNORECASE)
def _present_relative(text: str, start: int, end: int) -> bool:
    """Whether the only clause between ``start`` and ``end`` is a relative in the present ("a mould maker that supplies
    Schaeffler"): a past verb after it ("and halted its lines") is coordinated with the attack's past verb, not with it."""
    return re.fullmatch(r"[^,;:\"“”]*?\s(?:that|which|who)\s+[a-z]+s\s[^,;:\"“”]*", text[start:end], re.IGNORECASE) is not None \
        and len(_OTHER_CLAUSE.findall(text, start, end)) == 1


def _apposed_relative(text: str, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` are a name's apposition with its relative clause, closed by a comma
    (", a logistics firm that handles trucking for the terminal,"): a participle after it is the main clause's."""
    return re.fullmatch(r"\s+[^,;:]{1,60},\s+(?:a|an|the)\s+[^,;:\"“”]{1,120}", text[start:end]) is not None \
        and re.search(r"(?<![\w-])(?:said|says)(?![\w-])", text[start:end]) is None


#: Words that open a clause of its own between the attack's verb and the later one: its subject is another.
_OTHER_CLAUSE = re.compile(r"(?<![\w-])(?:said|says|but|while|whereas|although|which|who|that|when|after|before|because|as)"
                           r"(?![\w-])|[;:\"“”]", re.IGNORECASE)
_DETERMINER = re.compile(r"(?:the|a|an|its|their)\s+", re.IGNORECASE)
#: "the company's warehouse system": whose the thing is stands before it and is no part of what was stopped.
_POSSESSOR = re.compile(r"(?:[\w-]+\s+){0,3}?[\w-]+['’]s\s+")
_QUANTITY_WORDS = frozenset({"batch", "batches", "shipment", "shipments", "consignment", "load", "loads", "lot", "lots", "stock"})
_COUNTED = re.compile(r"\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?(?=\s*[,.;:]|\s+(?:for|in|at|on|from|to|and)\b)")


def _stopped_thing(lexicon: Lexicon, mentions: list[Mention], text: str, verb_start: int, after: int) -> Mention | None:
    """What a later verb of an attack's clause stopped: the thing after it (from ``after``), past a determiner or a
    possessor."""
    glued = next((m for m in mentions if m.start == verb_start and m.end > after), None)
    if glued is not None:  # "halting container pickups" read as one phrase: the verb is no part of the name
        words = text[after:glued.end]
        thing: Mention | None = Mention(after, glued.end, words, None, None, words, "phrase")
    else:
        position = after
        determiner = _DETERMINER.match(text, position)
        position = determiner.end() if determiner is not None else position
        thing = _thing_at(lexicon, mentions, text, position)
        possessor = _POSSESSOR.match(text, position)
        if possessor is not None and (thing is None or thing.end <= possessor.end()):
            thing = _thing_at(lexicon, mentions, text, possessor.end())
    if thing is None:
        return None
    if thing.start == after and thing.cls is None and not thing.text.endswith("s") and not thing.text[:1].isupper():
        return None  # "halting output", "disrupting tanker dispatch": a bare singular noun names an activity, no thing
    # "a full day's batch of tiles": a word of quantity is nothing without what it counts
    counted = _COUNTED.match(text, thing.end) if thing.text.split()[-1].lower() in _QUANTITY_WORDS else None
    if counted is not None:
        words = text[thing.start:counted.end()]
        thing = Mention(thing.start, counted.end(), words, None, thing.cls, words, thing.via)
    return thing


def later_effects(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """What one attack put out of action with a later verb of its clause: "a ransomware attack targeted the network of a
    mill … and halted two blast furnaces", "an attack hit the booking system of a contractor, halting container pickups".
    The later verb shares the attack's subject only when nothing between opens a clause of its own."""
    for attack in mentions:
        if not one_attack(lexicon, attack, text):
            continue
        acts = _ACTS.search(text, attack.end)
        if acts is None or not _own_verb(text, attack, acts):
            continue
        previous = acts.end()
        for then in _THEN_STOPPED.finditer(text, acts.end()):
            between = _OTHER_CLAUSE.search(text, previous, then.start())
            group = "verb" if then.group("verb") else "participle"
            if between is not None and not (group == "participle" and _apposed_relative(text, previous, then.start())) \
                    and not (group == "verb" and _present_relative(text, previous, then.start())):
                break
            harmed = _stopped_thing(lexicon, mentions, text, then.start(group), then.end())
            if harmed is None or harmed.key == attack.key:
                break
            caused = re.fullmatch(r"caus\w+|le[da]\w*\s+to|result\w*\s+in", then.group(group), re.IGNORECASE)
            yield (attack, LEADS_TO if caused else AFFECTED, harmed, then.group(group), then.start(group), then.end(group), 0.65)
            previous = harmed.end


#: "Other attacks reached the crane control system …": a threat that reached a system got into it (only right after the
#: threat, so "could be reached from the internet" is none of this).
_REACHED = re.compile(r"\s+(reached|penetrated|got\s+into)\s+(?:the|a|an|its|their)\s+", re.IGNORECASE)
#: "… and the industrial internet platform of …": a second object of the same verb.
_AND_THE = re.compile(r"[^,;:]{0,80}?\s+and\s+(?:the|a|an|its|their)\s+")
_OWN_CLAUSE = re.compile(r"\s+(?:said|says|has|have|had|is|are|was|were|will|would|can|could)\b", re.IGNORECASE)


def reached_targets(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """What attacks reached, one or many: "Other attacks reached the crane control system at a terminal and the platform of
    a parts maker" (both targeted)."""
    for threat in mentions:
        if threat.via == "pronoun" or not lexicon.is_a(threat.cls, [RISK]) or lexicon.is_a(threat.cls, [VULNERABILITY]):
            continue
        reached = _REACHED.match(text, threat.end)
        target = _thing_at(lexicon, mentions, text, reached.end()) if reached is not None else None
        if reached is None or target is None:
            continue
        yield (threat, TARGETS, target, reached.group(1), reached.start(1), reached.end(1), 0.65)
        joined = _AND_THE.match(text, target.end)
        second = _thing_at(lexicon, mentions, text, joined.end()) if joined is not None else None
        if second is not None and not _OWN_CLAUSE.match(text, second.end):
            yield (threat, TARGETS, second, reached.group(1), reached.start(1), reached.end(1), 0.6)


#: "X and Y … suffered at least 27 intrusions": who or what suffered attacks was their target.
_SUFFERED = re.compile(r"(?<![\w-])(suffered|experienced|endured|sustained)\s+", re.IGNORECASE)
_QUANTIFIER = re.compile(r"(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|dozens\s+of|hundreds\s+of)\s+", re.IGNORECASE)
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def suffered_attacks(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Water utilities and chemical parks in Guangdong that have moved onto 5G suffered at least 27 intrusions": the
    attacks targeted each thing the sentence's subject lists (a place, a relative clause or a preposition's object after
    it is no part of the list)."""
    for verb in _SUFFERED.finditer(text):
        attack = next((m for m in mentions if m.start == verb.end() and m.via != "pronoun"), None)
        if attack is None or (not _EVENTS.search(attack.text) and not lexicon.is_a(attack.cls, [RISK])) \
                or lexicon.is_a(attack.cls, [VULNERABILITY]):
            continue
        quantity = _QUANTIFIER.match(attack.text)
        if quantity is not None:  # "at least 27 intrusions": the count stays, the hedge is no part of the name
            words = attack.text[quantity.end():]
            attack = Mention(attack.start + quantity.end(), attack.end, words, None, attack.cls, words, attack.via)
        opening = _OPENING_START.match(text)
        subjects = [m for m in mentions if m.start == (opening.end() if opening else 0) and m.via != "pronoun"]
        while subjects:
            listed = _LISTED.match(text, subjects[-1].end)
            after = next((m for m in mentions if listed is not None and m.start == listed.end() and m.end <= verb.start()
                          and m.via != "pronoun"), None)
            if after is None:
                break
            subjects.append(after)
        for subject in subjects:
            if lexicon.is_a(subject.cls, [RISK, PERSON]) is not True:
                yield (attack, TARGETS, subject, verb.group(1), verb.start(1), verb.end(1), 0.6)
