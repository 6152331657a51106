"""Facts carried by syntax rather than by a trigger between two mentions.

Each reader here states, for any property the ontology gives words to, a construction English uses
to say it without putting the words between the two names:

- a possessive: "Haier's Qingdao branch" has the possessor before the thing it has, and the thing's
  head noun is the property's word ("'s branch"), with modifiers in between; a country's or a
  region's thing ("Korea's telecom operators") is based there;
- a nationality adjective: "Japanese handset makers" are based in Japan;
- a compound modifier: "AI-powered inspection" reads as the property whose pattern is "-powered";
- a comparison opened by "compared with A, B is more complex" for the property "more complex than";
- coordination: "Tencent and Alibaba set up …" states the fact of each of them, as does "… was
  developed by Baidu and China Unicom" of each object.

None of them quotes an article: they are read from the patterns the ontology declares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import pairwise
from typing import TypeVar

from explorer.core.extraction import antecedents, incidents, speech, warned, weaknesses
from explorer.core.extraction.calibration import ProposedFact
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import Mention
from explorer.core.extraction.spans import ROLE_AFTER, Reading, plural_noun
from explorer.core.extraction.words import BLAMED_BEFORE, CHINESE_PROVINCES, DEMONYM_COUNTRIES, DEMONYMS, in_quoted_title
from explorer.core.search import normalize
from explorer.core.vocab import KG

COUNTRIES = DEMONYM_COUNTRIES

#: Finds the mention of a name inside a sentence: a known entity, or a new one of the given class.
NameLookup = Callable[[str, int, "str | None"], Mention]


#: Words for a unit of an organization that a province may name: then it is a regional branch.
_REGIONAL_UNIT_HEADS = frozenset(["unit", "arm", "division", "office", "institute"])


def possessives(lexicon: Lexicon, mentions: list[Mention], named: NameLookup, text: str = "") -> Iterator[Reading]:
    """"X's … branch": X has the branch; "China's telecom companies": they are based in China (not in a quoted title:
    "Security in Shandong's Building Materials Sector" names a report)."""
    # (a head of two words too: "China Mobile's data centre")
    by_head = {" ".join(p.words.split()[1:]).lower(): p for p in lexicon.patterns
               if p.words.startswith(("'s ", "’s ")) and len(p.words.split()) in (2, 3) and not p.object_first}
    for mention in mentions:
        if mention.iri is not None or in_quoted_title(text, mention.start):
            continue
        # the text, not the label: a possessed site is labelled without its owner ("Yingkou yard")
        # a description in apposition keeps its words ("Cainiao, Alibaba's logistics arm": Alibaba has Cainiao)
        said = mention.via == "cue" or (mention.via == "definite" and re.search(r"['’]s\s", mention.text) is not None)
        match = re.match(r"(.+?)(?:['’]s|(?<=s)['’])\s+(.+)$", mention.text if said else mention.label or mention.text)
        if match is None or not match.group(1)[:1].isupper():
            continue
        owner_text, rest = match.group(1), match.group(2)
        head = rest.split()[-1].lower()
        pattern = by_head.get(" ".join(rest.lower().split()[-2:])) or by_head.get(head)
        country = normalize(owner_text) in COUNTRIES
        if head in _REGIONAL_UNIT_HEADS and not country and normalize(rest[:-len(head)].strip()) in CHINESE_PROVINCES:
            # "China Telecom's Anhui unit", "CAICT's Shanghai institute": a unit named by the province it serves is a
            # branch, whatever word names the unit (one named by what it does, "Alibaba's logistics unit", is not)
            owner = named(owner_text, mention.start, None)
            yield (owner, str(KG.hasBranch), mention, f"'s {head}", owner.end, mention.end, 0.85)
        elif pattern is not None and not country:
            owner = named(owner_text, mention.start, None)
            if lexicon.is_a(owner.cls, [str(KG.Place)]) is True or normalize(owner_text) in CHINESE_PROVINCES:
                # "Shanghai's Yangshan port", "Guangdong's biggest refinery": a city or a province has the site within
                # it and runs nothing
                yield (mention, str(KG.locatedIn), owner, "'s", owner.end, owner.end + 2, 0.75)
            else:
                yield (owner, pattern.predicate, mention, pattern.words, owner.end, mention.end, 0.85)
        elif pattern is None and normalize(owner_text) in CHINESE_PROVINCES \
                and lexicon.is_a(mention.cls, [str(KG.Organization)]) is True and not plural_noun(head):
            # "Shandong's Department of Industry and Information Technology": a body a province's possessive names is based
            # there (a unit of an organization, "China Telecom's Shandong branch", has the organization before its "'s")
            owner = named(owner_text, mention.start, None)
            yield (mention, str(KG.basedIn), owner, "'s", owner.end, owner.end + 2, 0.75)
        elif country and pattern is None:
            # "China's largest free trade port": a country ranks a site, no one runs it; "China's Huawei" is based there
            owner = named(owner_text, mention.start, str(KG.Country))
            yield (mention, str(KG.basedIn), owner, "'s", owner.end, owner.end + 2, 0.75)


def named_units(lexicon: Lexicon, mentions: list[Mention], named: NameLookup) -> Iterator[Reading]:
    """"the Harbin branch of China Unicom": the unit the words of a relation name ("branch of") stands in that
    relation to the organization named after them."""
    for mention in mentions:
        if mention.via != "unit":
            continue
        for pattern in lexicon.patterns:
            found = pattern.regex.search(mention.text) if pattern.words.lower().endswith(" of") else None
            if found is None or pattern.object_first or not re.fullmatch(r"(?:[A-Z][\w’'-]*\s+)+", mention.text[:found.start()]):
                continue
            owner_text = mention.text[found.end():].strip()
            owner = named(owner_text, mention.end - len(owner_text), None)
            yield (mention, pattern.predicate, owner, pattern.words, mention.start + found.start(),
                   mention.start + found.end(), 0.8)
            break


def nationalities(lexicon: Lexicon, mentions: list[Mention], named: NameLookup) -> Iterator[Reading]:
    """"Chinese smartphone vendors" are based in China; of an asset ("Chinese ports", "Chinese routers") the adjective
    says nothing of where it stands (routers may stand anywhere, made by Chinese firms)."""
    for mention in mentions:
        if mention.iri is not None or mention.via != "cue" or lexicon.is_a(mention.cls, [str(KG.Asset)]) is True:
            continue
        for adjective in sorted(DEMONYMS, key=len, reverse=True):
            if mention.text.lower().startswith(adjective + " "):
                country = replace(named(DEMONYMS[adjective], mention.start, str(KG.Country)),
                                  start=mention.start, end=mention.start + len(adjective),
                                  text=mention.text[:len(adjective)])
                yield (mention, str(KG.basedIn), country, adjective, country.start, country.end, 0.75)
                break


def compound_modifiers(lexicon: Lexicon, mentions: list[Mention], named: NameLookup, text: str = "") -> Iterator[Reading]:
    """"5G-enabled remote healthcare services": 5G enables them (a pattern written "-enabled");
    "Xi'an-based Sungrow", "a Xi'an-based maker": the word before is the object of a pattern
    written "{o}-based". The compound stands inside the mention or right before a name."""
    for pattern in lexicon.patterns:
        if not pattern.words.startswith("-"):
            continue
        compound = rf"([\w.'’]+){re.escape(pattern.words)}\s"
        for mention in mentions:
            if mention.iri is not None:
                continue
            found = re.search(compound, mention.text, re.IGNORECASE)
            offset, inside = mention.start, found is not None
            if found is None and pattern.object_first:
                found = re.search(compound + r"+$", text[:mention.start], re.IGNORECASE)
                offset = 0
            if found is None:
                continue
            other = named(found.group(1), offset + found.start(1), None)
            start = offset + found.end(1)
            described = mention
            # (the compound inside the mention, which may open the sentence: "Hangzhou-based firm Hikvision said")
            if pattern.object_first and inside and mention.via in ("phrase", "cue") and mention.text.split()[-1][:1].islower():
                # "iSoftStone, the Wuxi-based software company": the description is said of the name before it
                comma = re.search(r",\s+(?:the|a|an)\s+$", text[:mention.start], re.IGNORECASE)
                head = next((m for m in mentions if comma and m.end == comma.start() and m.via in ("name", "label")), None)
                described = head or _apposed_name(mentions, text, mention) or mention
            subject, obj = (described, other) if pattern.object_first else (other, mention)
            yield (subject, pattern.predicate, obj, pattern.words, start, start + len(pattern.words), 0.8)
        if not pattern.object_first:
            continue
        # "FiberHome, a Wuhan-based unit of CICT": a description no mention covers describes the name it follows
        for found in re.finditer(rf",\s+(?:the|a|an)\s+([\w.'’]+){re.escape(pattern.words)}\s", text):
            # (the place of the compound may be a mention of its own: "Wuhan" of "Wuhan-based")
            if any(m.start <= found.start(1) < m.end and not modifier_only(m) and m.end != found.end(1) for m in mentions):
                continue
            head = next((m for m in mentions if m.end == found.start() and m.via in ("name", "label")), None)
            if head is not None:
                start = found.end(1)
                yield (head, pattern.predicate, named(found.group(1), found.start(1), None), pattern.words, start,
                       start + len(pattern.words), 0.75)


def modifier_only(mention: Mention) -> bool:
    """A mention that is one hyphened modifier ("Wuhan-based", "state-owned"): it describes a name, it is none."""
    return mention.iri is None and mention.via != "pronoun" and re.fullmatch(
        r"[\w.'’]+-(?:based|headquartered|owned|listed|backed|run|made|controlled)", mention.text, re.IGNORECASE) is not None


#: A place's seat modifier opening a described thing's words ("Ningbo-based | supplier").
_SEAT_MODIFIER = re.compile(r"(?:[A-Z][\w.'’]*\s+)?[A-Z][\w.'’]*-(?:based|headquartered)\s+(?=[a-z])")


def plain_ends(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions that may end a fact, as the facts name them: no lone modifier ("a Wuhan-based unit of"), a described
    thing without its seat ("a Ningbo-based supplier"), "one" after a comma as what it stands for ("…, one built by")."""
    return [without_seat(antecedents.standing_for_one(lexicon, m, mentions, text)) for m in mentions if not modifier_only(m)]


def without_seat(mention: Mention) -> Mention:
    """"a Ningbo-based supplier": the supplier, its seat a fact of its own (``compound_modifiers``), not a word of its
    name; the mention keeps its words, so the seat is still read from them."""
    label = mention.label or mention.text
    seat = _SEAT_MODIFIER.match(label)
    if mention.iri is not None or mention.via not in ("phrase", "cue") or seat is None:
        return mention
    return replace(mention, label=label[seat.end():])


def _apposed_name(mentions: list[Mention], text: str, description: Mention) -> Mention | None:
    """The name a description stands before: "a Wuxi-based start-up, Tianmu Robotics, supplies", "the Wuxi-based
    software company Tianmu Robotics" (the name, closed by a comma when a comma opens it, is what is described)."""
    for name in mentions:
        if name.start < description.end or name.via not in ("name", "label"):
            continue
        between = text[description.end:name.start]
        if between == " " or (re.fullmatch(r",\s+", between) and re.match(r"\s*,", text[name.end:])):
            return name
        return None
    return None


def applied_technologies(lexicon: Lexicon, mentions: list[Mention], named: NameLookup) -> Iterator[Reading]:
    """"industrial use of 5G", "industrial applications of 4G": an application named as the use of a
    technology is one the technology enables."""
    enables = str(KG.enables)
    domain, range_ = lexicon.ends(enables)
    for mention in mentions:
        used = re.search(r"\s+of\s+([A-Z0-9][\w’'-]*)$", mention.text)
        if mention.iri is not None or used is None or not lexicon.is_a(mention.cls, range_):
            continue
        technology = named(used.group(1), mention.start + used.start(1), None)
        if lexicon.is_a(technology.cls, domain):
            yield (technology, enables, mention, "of", mention.start + used.start(), mention.start + used.start(1), 0.7)


def comparisons(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Compared with A, B is far more complex": B more complex than A, for each "more … than" pattern."""
    opened = re.search(r"\bcompared\s+(?:with|to)\s+", text, re.IGNORECASE)
    if opened is None:
        return
    comma = text.find(",", opened.end())
    if comma < 0:
        return
    base = next((m for m in mentions if m.start >= opened.end() and m.end <= comma), None)
    compared = next((m for m in mentions if m.start > comma), None)
    if base is None or compared is None:
        return
    for pattern in lexicon.patterns:
        words = re.fullmatch(r"more\s+(\w+)\s+than", pattern.words)
        if words is None:
            continue
        said = re.search(rf"\bmore\s+{re.escape(words.group(1))}\b", text[compared.end:], re.IGNORECASE)
        if said is not None:
            start = compared.end + said.start()
            yield (compared, pattern.predicate, base, pattern.words, start, compared.end + said.end(), 0.8)


#: "A and B", "A, B and C", "A and the B", "to A and to B" (a preposition said again before the second); ", and the" opens
#: a clause of its own. A hyphened modifier may stand before a name in the list ("A, Haikou-based B and C").
_JOINT = re.compile(r"\s*(?:(,)\s*(?:and\s+)?|(?:and|as\s+well\s+as)\s+(?:(?:the|an?)\s+)?|(,?\s*(?:along|together)\s+with\s+))"
                    r"(?:(?:to|of|on|for|from|by|with|in|at)\s+(?:the\s+)?)?(?:other\s+)?(?:[\w.'’]+-[a-z]+\s+)?")


def _pairs(found: list[tuple[Mention, bool, bool]], end: Mention, step: int) -> list[tuple[Mention, Mention]]:
    """The neighbouring members of a chain read so far from ``end``, each pair in reading order."""
    chain = [end, *(m for m, _comma, _along in found)]
    return [(a, b) if step > 0 else (b, a) for a, b in pairwise(chain)]


def _chain(ordered: list[Mention], text: str, end: Mention, step: int) -> list[Mention]:
    """The mentions joined to ``end`` by "and" (or by commas in a list that ends with "and")."""
    found: list[tuple[Mention, bool, bool]] = []
    index = ordered.index(end)
    while 0 <= index + step < len(ordered):
        near, far = (ordered[index], ordered[index + step]) if step > 0 else (ordered[index + step], ordered[index])
        joint = _JOINT.fullmatch(text[near.end:far.start])
        if joint is None or (joint.group(2) and step > 0) or re.match(r"\s*,\s*with\s", joint.group()):
            break  # "built X along with Huawei": who acts along with the subject is no second object; nor ", with" a list
        # "A and B, along with C and D, …": "along with" joins two lists, each with its own "and"
        since = next((i for i in range(len(found) - 1, -1, -1) if found[i][2]), -1)
        if "and" in joint.group() and not joint.group(2) \
                and any("and" in text[a.end:b.start] for a, b in _pairs(found[since + 1:], end if since < 0 else found[since][0], step)):
            break  # "…, and A and B operate": a list has one "and"; a second one joins clauses
        found.append((ordered[index + step], joint.group(1) is not None and "and" not in joint.group(), joint.group(2) is not None))
        index += step
    # "Ningbo, Zhejiang province" is no list: a bare comma joins only when an "and" follows it
    # ("A, B and C"). Read backwards it is never trusted ("In Shenzhen, Tencent and Alibaba …").
    # A list of names that opens the sentence is one ("Quectel, Fibocom and MeiG are members of …"), as is one of plural
    # things ("Robot arms, conveyors and welding cells in the plant …").
    opening = bool(found) and not found[0][1] and re.fullmatch(r"\s*(?:The\s+)?", text[:found[-1][0].start]) is not None \
        and (all(m.via in ("name", "label") for m, _comma, _along in found)
             or all(m.via == "phrase" and re.search(r"[^suiy']s$", m.text) for m in (end, *(m for m, _c, _a in found))))
    if step < 0 and opening:
        return [mention for mention, _comma, _along in found]
    if step < 0:
        found = found[:next((i for i, (_m, comma, _along) in enumerate(found) if comma), len(found))]
        if len(found) == 1 and re.fullmatch(r"\s*,\s*and\s+(?:the\s+)?", text[found[0][0].end:end.start]):
            found = []  # "… the plant's networks, and the bureau will require …": ", and" opens a clause, not a list
    while found and found[-1][1]:
        found.pop()
    return [mention for mention, _comma, _along in found]


#: A verb right after a name: the name opens a clause of its own, it ends no list. A participle followed by "by" or by
#: a preposition of place describes the noun before it ("the modules fitted in the substations", "made by X").
_OPENS_CLAUSE = re.compile(r"\s+(?:(?:also|then|later|has|have|had|will|would)\s+)?(?:[a-z]+ed|built|made|ran|sold|won|is|are|was|were|"
                           r"says|said)(?![\w-])(?!\s+(?:by|in|at|on|inside|into|across|throughout)\b)")


def coordinated(mentions: list[Mention], text: str, subject: Mention, obj: Mention,
                ) -> Iterator[tuple[Mention, Mention]]:
    """The other pairs a coordination adds: "A and B set up X" (A too), "developed by A and B" (B too)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    if subject not in ordered or obj not in ordered or subject.start > obj.start:
        return
    under = governed(mentions, text)
    for step in (-1, 1):
        # "…by A and B, and it supports X": a pronoun opens its own clause, it is no list's member
        for other in ([] if subject.via == "pronoun" else _chain(ordered, text, subject, step)):
            if step < 0 and other in under and subject not in under:
                break  # "sensors inside the kilns, together with cameras mounted on X": the kilns are no member
            if other.via != "pronoun" and other.end <= obj.start:
                yield other, obj
        for other in _chain(ordered, text, obj, step):
            if step > 0 and _OPENS_CLAUSE.match(text, other.end):
                break  # "runs the network, and ZTE supplied the servers": the name is the next clause's subject
            if other.via != "pronoun" and other.start >= subject.end:
                yield subject, other


_PREPOSITION_BEFORE = re.compile(r"(?<![\w-])(?:in|at|of|on|for|from|by|across|among|inside|near)\s+(?:(?:the|a|an|its|their)\s+)?$",
                                 re.IGNORECASE)


def governed(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions that stand after a preposition (or in a list that does): objects of it, never a
    verb's subject."""
    out: list[Mention] = []
    for mention in mentions:
        listed = bool(out) and re.fullmatch(r",?\s+(?:and|or)\s+", text[out[-1].end:mention.start]) is not None
        if listed or _PREPOSITION_BEFORE.search(text[:mention.start]):
            out.append(mention)
    return out


_BE = r"(?:is|are|was|were|be|been|being|get|gets|got)"


def passive_attacks(lexicon: Lexicon, mentions: list[Mention], text: str,
                    earlier_threat: Mention | None) -> Iterator[Reading]:
    """"Once the plant is attacked by hackers": an attack on the plant, which is the threat this
    sentence names or else the one named last, carried out by the hackers. Read for every one-word
    participle the ontology gives ``kg:targets`` ("attacked", "targeted", "hit")."""
    threat, targets, carried_out_by = str(KG.CyberRisk), str(KG.targets), str(KG.carriedOutBy)
    for pattern in lexicon.patterns:
        if pattern.predicate != targets or " " in pattern.words or not pattern.words.isascii() \
                or not (pattern.words.endswith("ed") or pattern.words in ("hit", "hit by")):
            continue
        for said in re.finditer(rf"(?<![\w-]){_BE}\s+{re.escape(pattern.words)}(?![\w-])", text, re.IGNORECASE):
            # "plants in Fujian were hit": the victim is the subject, not the noun after a preposition
            under = governed(mentions, text)
            before = [m for m in mentions if m.end <= said.start() and not re.search(r"[,;]", text[m.end:said.start()])
                      and m not in under]
            if not before or lexicon.is_a(before[-1].cls, [threat]):
                continue
            victim = before[-1]
            named = [m for m in mentions if lexicon.is_a(m.cls, [threat]) and m.key != victim.key]
            attack = named[0] if named else earlier_threat
            if attack is None:
                continue
            by = re.match(r"\s+by\s+[\"“]?", text[said.end():])
            end = said.end() + (by.end() if by else 0)
            yield (attack, targets, victim, pattern.words, said.start(), end, 0.7)
            agent = next((m for m in mentions if m.start == end), None) if by else None
            if agent is not None and not lexicon.is_a(agent.cls, [threat]):
                yield (attack, carried_out_by, agent, f"{pattern.words} by", said.start(), end, 0.7)


REPORTING = re.compile(rf"(?<![\w-]){speech.saying()}(?![\w-])", re.IGNORECASE)


def reported_warnings(lexicon: Lexicon, mentions: list[Mention], text: str,
                      facts: list[tuple[Mention, str, Mention]]) -> Iterator[Reading]:
    """"She added that X is more vulnerable to Y", "once X is attacked …, Liu said": who reports an
    exposure to a threat warns of that threat. The speaker stands next to the reporting verb and is an
    agent; the exposure is any fact of the sentence on a property that carries it."""
    agent, warns = str(KG.Agent), str(KG.warnsOf)
    # "a gang, which it said had carried out similar attacks": who carried the attacks out does not warn of them
    done = {(s.key, o.key) for s, p, o in facts if p in (str(KG.carriedOutBy), str(KG.attributedTo))}
    for verb in REPORTING.finditer(text):
        # "The lab, however, has warned …": auxiliaries and a word of discourse stand between the speaker and the verb
        auxiliary = _AUXILIARIES_BEFORE.search(text[:verb.start()])
        before = auxiliary.start() if auxiliary is not None else verb.start()
        speaker = _beside(mentions, before, verb.end())
        aside = _APPOSITION_BEFORE.search(text[:before])
        if aside is not None:
            # "Liu Yang, a lecturer at the university, said …": who speaks is named before the apposition
            speaker = next((m for m in mentions if 0 <= aside.start() - m.end <= 1), speaker)
        # "A report published in May by X, the 2024 Y Review, warned …": the report speaks, by its title when the
        # sentence gives one (a report put out by X is no warning of X's)
        put_out = report_put_out(mentions, text, before)
        if put_out is not None and speaker is not None and speaker.start >= put_out[1]:
            if put_out[0] is None:
                continue
            speaker = put_out[0]
        # "Li Jing, who leads the lab, warned …": a name "who" describes is a person, one who speaks
        who = aside is not None and re.match(r",\s+who\b", aside.group(), re.IGNORECASE) is not None
        # (a name of no known kind right before the verb speaks too: "Wang Fei warned that …")
        named = speaker is not None and speaker.cls is None and speaker.via in ("name", "label") and speaker.end <= verb.start()
        named = named or (put_out is not None and speaker is put_out[0])
        if speaker is None or not (lexicon.is_a(speaker.cls, [agent]) or (who and speaker.cls is None) or named) \
                or any(doer == speaker.key for _done, doer in done):
            continue
        if re.search(r"(?<![\w-])by\s+(?:the\s+)?$", text[:speaker.start]) and speaker.end <= verb.start():
            continue  # "a report published by X, a security firm, said …": the report says it, no agent warns
        if re.fullmatch(r"said|says|found", verb.group(), re.IGNORECASE) and _IN_REPORT.search(text[:verb.start()]):
            continue  # "In a report published in March, X said …": findings of a report, no warning of the speaker's
        if _IN_A_REPORT.match(text) and verb.group().lower() in ("said", "says", "found", "finds"):
            continue  # "In a report published in May, X said the gateways were open to …": a finding, no warning
        # "X warned that espionage could lead to …": a verb of warning warns of every threat it names
        for threat in warned.warned_threats(lexicon, mentions, text, verb, speaker, REPORTING, facts):
            yield (speaker, warns, threat, verb.group(), verb.start(), verb.end(), 0.65)
        for subject, predicate, obj in facts:
            if predicate not in lexicon.exposure:
                continue
            for end in (subject, obj):
                if REPORTING.search(text, min(verb.end(), end.end), max(verb.start(), end.start)):
                    continue  # "warned of X, which they said are exposed to Y": another speaker's words
                # "a phishing campaign … targeted agents, X said": one attack that happened is reported, not warned of
                happened = predicate in (str(KG.targets), str(KG.affected)) and (
                    incidents.one_attack(lexicon, end, text)
                    # "a gang that it said had targeted drug makers": an aside on what the gang did, no warning
                    or (speaker.via == "pronoun" and re.search(r"(?:which|that)\s+$", text[:speaker.start]) is not None))
                if weaknesses.warned_of(lexicon, end) and end.key != speaker.key and not happened:
                    yield (speaker, warns, end, verb.group(), verb.start(), verb.end(), 0.7)


_IN_REPORT = re.compile(r"(?:^|[:;]\s+)(?:In|in)\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,3}?(?:report|study|survey|paper|assessment)\b"
                        r"[^;:]*$")
_AUXILIARIES_BEFORE = re.compile(r"(?:,\s+(?:however|meanwhile|too|also|in\s+turn)\s*,)?(?:\s+(?:has|have|had|also|again|repeatedly"
                                 r"|already|long|since|now))+\s*$|,\s+(?:however|meanwhile|too|also|in\s+turn)\s*,\s*$",
                                 re.IGNORECASE)
#: A sentence that opens on the report its speaker speaks through ("In a report released this month, …").
_IN_A_REPORT = re.compile(r"\s*(?:In|According\s+to)\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:report|study|survey|audit|analysis)\b", re.IGNORECASE)
#: An apposition before a reporting verb: opened by an article, or a role ("Sun Wei, deputy director of X, said").
_APPOSITION_BEFORE = re.compile(r",\s+(?:(?:a|an|the|who|which)\s|(?:also\s+)?known\s+as\s|[A-Z][\w-]*['’]s\s+[a-z]|"
                                + ROLE_AFTER.pattern.removeprefix(r",\s+") + r")[^,]*,\s*$",
                                re.IGNORECASE)


#: A sentence opening on a report ("A report", "The Industrial Cluster Security Report", "A study titled …").
_REPORT_OPENING = re.compile(r"(?:A|An|The)\s+(?:[\w'’-]+\s+){0,6}?(?:report|study|survey|review|paper|assessment|outlook"
                             r"|analysis)\b", re.IGNORECASE)
#: Who put the report out, in an aside after it: "published in March by", "released last month by".
_PUT_OUT_BY = re.compile(r",?\s+(?:titled\s+[^,]*,\s+)?(?:published|released|issued|compiled|produced)\b[^;]*?\bby\b", re.IGNORECASE)
#: What names a report's title: "titled", or its name in apposition before the verb ("…, the Grid Threat Review 2024,").
_TITLE_OPENS = re.compile(r"(?:(?<![\w-])(?:titled|entitled|called)\s+([\"“])?|,\s+(?:the\s+)?([\"“])?)$", re.IGNORECASE)


def report_put_out(mentions: list[Mention], text: str, before: int) -> tuple[Mention | None, int] | None:
    """Who speaks in "A report published in March by X, titled Y, warned …": the report, named by its title (a name of
    no class: the ontology lets no report as such warn) or None where it has none, and where "by" ends (what stands
    after it is who put the report out, no speaker). None where the sentence opens on no report put out by someone
    right before the verb."""
    opening = _REPORT_OPENING.match(text)
    put_out = _PUT_OUT_BY.match(text, opening.end(), before) if opening is not None else None
    if put_out is None or not re.search(r",\s*$", text[:before]):
        return None
    title = None
    for mention in (m for m in mentions if m.end <= before and m.cls is None and m.via in ("name", "label")):
        opens = _TITLE_OPENS.search(text[:mention.start])
        quoted = opens is not None and (opens.group(1) or opens.group(2))
        # a quoted title whole ("titled "Threats to Metallurgical Control Systems"" is no name "Threats")
        if opens is not None and " " in mention.text and (not quoted or re.match(r"[\"”]", text[mention.end:])) \
                and not re.search(r"\bby\s+(?:the\s+)?$", text[:mention.start]):
            title = mention
            break
    return title, put_out.end()


S = TypeVar("S", bound=ProposedFact)


def reports_warning(suggestions: list[S], mentions: list[Mention], text: str, warns: str) -> list[S]:
    """The warnings of a sentence that opens on a report someone put out ("A report published by X, titled Y, warned
    of …"): said by the report's title, or by nobody the ontology lets warn; never by X."""
    out: list[S] = []
    for suggestion in suggestions:
        put_out = report_put_out(mentions, text, suggestion.trigger_start) if suggestion.predicate == warns else None
        if put_out is None or suggestion.subject.start < put_out[1] \
                or (put_out[0] is not None and suggestion.subject.key == put_out[0].key):
            out.append(suggestion)
        elif put_out[0] is not None:
            out.append(replace(suggestion, subject=put_out[0]))  # type: ignore[type-var]  # (S is a dataclass)
    return out


def _beside(mentions: list[Mention], start: int, end: int) -> Mention | None:
    return next((m for m in mentions if 0 <= start - m.end <= 1 or 0 <= m.start - end <= 1), None)


def quote_speaker(lexicon: Lexicon, mentions: list[Mention], text: str, opened: bool = False) -> Mention | None:
    """Who a sentence's quotation is attributed to ("…," Wu said / said Wu, an engineer): a name or an
    agent beside a reporting verb outside the quotation marks (``opened``: the sentence opens inside one)."""
    for verb in REPORTING.finditer(text):
        if quotes_open_after(text[:verb.start()], opened):
            continue
        speaker = _beside(mentions, verb.start(), verb.end())
        if speaker is None or speaker.via == "phrase" or lexicon.is_a(speaker.cls, [str(KG.Agent)]) is False:
            continue
        return speaker
    return None


def quotes_open_after(text: str, opened: bool = False) -> bool:
    """Whether a quotation is still open at the end of ``text`` (``opened``: open at its start)."""
    for ch in text:
        if ch == '"':
            opened = not opened
        elif ch == "“":
            opened = True
        elif ch == "”":
            opened = False
    return opened


def quoted_at(text: str, position: int) -> bool:
    """Whether ``position`` stands inside a quotation opened in the same sentence."""
    return quotes_open_after(text[:position])


def has_quote(text: str) -> bool:
    """Whether the sentence quotes someone: a name or a title in quotation marks ("a gang it tracks as "Grey Tide"", "its
    "Smart Port Security Report"") quotes no one."""
    return any(ch in re.sub(r"[\"“](?:[A-Z0-9][\w'’&-]*\s*){1,6}[\"”]", "", text) for ch in '"“”')


#: The words ``attacks_on`` reads: a threat and its target inside one noun phrase.
NOMINAL_WORDS = frozenset(["on", "against"])


def attacks_on(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"ransomware attacks on ports", "phishing against banks": the threat targets what follows."""
    threat, targets = str(KG.CyberRisk), str(KG.targets)
    for mention in mentions:
        # "default passwords on the routers": a weakness on a thing is held by it, no attack on it
        if not lexicon.is_a(mention.cls, [threat]) or lexicon.is_a(mention.cls, [str(KG.Vulnerability)]):
            continue
        joint = re.match(r"\s+(on|against)\s+(?:the\s+)?", text[mention.end:], re.IGNORECASE)
        if joint is None or BLAMED_BEFORE.search(text[:mention.start]):
            continue  # "blamed the intrusions on gangs": "on" is the blaming verb's, the gangs are to blame
        at = mention.end + joint.end()
        target = next((m for m in mentions if m.start == at), None)
        # "attacks on the LNG terminal's safety systems": the systems are attacked, not their owner
        owner_end = target.end if target is not None and target.via != "pronoun" else at
        owned = next((m for m in mentions if m.start > owner_end
                      and re.fullmatch(r"(?:\s*[\w-]+){0,3}['’]s\s+", text[owner_end:m.start])), None)
        target = owned or target
        if target is not None and target.key != mention.key and not lexicon.is_a(target.cls, [threat]):
            start = mention.end + joint.start(1)
            yield (mention, targets, target, joint.group(1), start, start + len(joint.group(1)), 0.7)


def harmed_belongings(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"Mills had their production data encrypted by ransomware": the threat targets what was harmed."""
    threat, targets = str(KG.CyberRisk), str(KG.targets)
    for had in re.finditer(r"(?<![\w-])(?:had|have|has|having)\s+(?:its|their|his|her)\s+", text, re.IGNORECASE):
        harmed = next((m for m in mentions if m.start == had.end() and m.via != "pronoun"), None)
        if harmed is None or lexicon.is_a(harmed.cls, [threat]):
            continue
        verb = re.match(r"\s+((?:[a-z]+ed|stolen|taken|shut)\s+(?:down\s+)?by)\s+", text[harmed.end:])
        if verb is None:
            continue
        attack = next((m for m in mentions if m.start == harmed.end + verb.end()), None)
        if attack is not None and lexicon.is_a(attack.cls, [threat]):
            start = harmed.end + verb.start(1)
            yield (attack, targets, harmed, verb.group(1), start, start + len(verb.group(1)), 0.7)
