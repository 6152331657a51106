"""What holds a weakness and what a weakness leaves exposed: "routers that still use default passwords", "controllers
ship with hard-coded credentials", "a flaw in the firmware" (kg:hasVulnerability), and "has left cranes and robot arms
exposed to ransomware", "…, leaving them exposed to ransomware" (kg:exposedTo of what is left exposed).

Security reporting states a weakness with verbs of having and carrying ("ship with", "run", "use", "suffer from") or
places it "in" what has it; the words are English verbs of having, not an article's. A weakness is a mention of the
ontology's kg:Vulnerability (its name cues: "flaw", "backdoor", "default passwords" …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from explorer.core.extraction import modal_threats, wordclass
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention, Reading
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

VULNERABILITY, RISK = str(KG.Vulnerability), str(KG.CyberRisk)
AGENT, PLACE = str(KG.Agent), str(KG.Place)
HAS_VULNERABILITY, EXPOSED_TO = str(KG.hasVulnerability), str(KG.exposedTo)


#: Verbs of having a weakness: the thing is their subject, the weakness their object.
_HOLDING = (r"(?:ship|ships|shipped|shipping|come|comes|came|arrive|arrives|arrived)\s+with"
            r"|(?:suffer|suffers|suffered|suffering)\s+from|use|uses|used|using|run|runs|ran|running|contain|contains|contained|containing|carry|carries|carried|carrying"
            r"|rely\s+on|relies\s+on|relied\s+on|have|has|had|having"
            # "protected only by default passwords": what guards a thing is its weakness
            r"|(?:protected|secured|guarded)\s+(?:only\s+|just\s+|solely\s+)?by")
_HOLDING_BEFORE = re.compile(rf"(?<![\w-])((?:{_HOLDING})(?:\s+with)?|with)\s+(?:(?:the|a|an|its|their|some|many|known)\s+)?$",
                             re.IGNORECASE)
#: Words of finding or having that a weakness's name cue may have swallowed ("use default passwords").
_VERB_WORD = re.compile(rf"(?<![\w-])(?:{_HOLDING}|found|find|finds|discovered|discover|uncovered|planted|plant|plants|left|leave)\s+",
                        re.IGNORECASE)
#: Between a thing and its verb: adverbs and auxiliaries ("still", "often", "were").
_BETWEEN = re.compile(r"\s+(?:(?:still|often|also|usually|typically|routinely|commonly|all|even|now|reportedly|were|was|are|is"
                      r"|have|has|had|been|will|would|can|could|may|might|do|does|did|not|never|no\s+longer)\s+)*$", re.IGNORECASE)
#: A relative pronoun that stands for the thing before it ("routers, some of which run", "gateways that use").
_RELATIVE = re.compile(r"(?:,\s+(?:some|many|most|all|several|none|one|each|both)\s+of\s+which|,?\s+(?:that|which))$", re.IGNORECASE)
#: "in the firmware", "inside a tool": what holds the weakness follows it.
_IN = re.compile(r"\s+(?:in|inside|within)\s+(?:(?:the|a|an|its|their|some|many|several)\s+)?", re.IGNORECASE)
#: A short aside between a thing and its verb ("units at several oilfields, Daqing among them, were running").
_ASIDE = re.compile(r",\s+[^,;]{1,40},")
#: A relative clause set off by commas, of any length ("the controllers, which had been linked to a router for remote
#: maintenance, still ran …").
_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who)\s[^,;:\"“”]{1,120},")
#: A preposition before a thing makes it no verb's subject ("controllers on many lines"); a part of a whole is ("many of the machines").
_GOVERNED = re.compile(r"(?<![\w-])(?:in|at|on|of|for|from|by|across|among|inside|near|behind|with|along|around|throughout|outside)\s+"
                       r"(?:(?:the|a|an|its|their|many|some|several|most|all|other)\s+)*"
                       r"(?:[a-z][\w-]*['’]s?\s+)?$", re.IGNORECASE)  # ("in the province's | chemical parks")
_PARTITIVE = re.compile(r"(?<![\w-])(?:many|some|most|all|several|none|one|each|both|any|half|few|a\s+third|a\s+quarter|a\s+fifth"
                        r"|a\s+tenth|two-thirds|three-quarters|the\s+majority|\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent))\s+of\s+"
                        r"(?:the\s+|these\s+|those\s+)?$", re.IGNORECASE)
#: A participle and its preposition before a noun ("controllers | sold to Chinese | farms", "gateways | fitted on the |
#: cranes"): the noun only describes the thing before it, which is the verb's subject.
_DESCRIBING = re.compile(r"(?<![\w-])([a-z]+)\s+(?:to|by|on|in|at|into|onto|from|for|inside)\s+(?:(?:the|a|an|its|their|many|some)\s+)?"
                         r"(?:[A-Z][a-z]+\s+|[a-z]+(?:al|an|ese|ish)\s+)?$")
_AND = re.compile(r"\s*,?\s+(?:and|or)\s+(?:(?:a|an|the)\s+)?|\s*,\s+")


def name_start(lexicon: Lexicon, cls: str | None, text: str, start: int, head: int) -> int:
    """Where a weakness's name opens, past a verb its cue phrase ran back over ("run | unpatched firmware")."""
    if not lexicon.is_a(cls, [VULNERABILITY]):
        return start
    verbs = [m.end() for m in _VERB_WORD.finditer(text, start, head)]
    return verbs[-1] if verbs else start


def warned_of(lexicon: Lexicon, mention: Mention) -> bool:
    """Whether a warning that something is exposed speaks of ``mention``: a threat, not the weakness a thing has
    ("routers still use default passwords, leaving them exposed to ransomware" warns of ransomware)."""
    # (nor the internet a thing is exposed on: where the threats come from, no threat itself)
    # (nor those who attack: "hackers going after firmware updates" warns of what they do, no risk named by them)
    return bool(lexicon.is_a(mention.cls, [RISK])) and not lexicon.is_a(mention.cls, [VULNERABILITY]) \
        and re.fullmatch(r"(?:public\s+|open\s+)?internet", mention.text, re.IGNORECASE) is None \
        and _ATTACKERS.search(mention.text) is None


def warned_of_words(mention: Mention) -> bool:
    """Whether ``mention``'s words name no attackers ("hackers", "intruders", "gangs")."""
    return _ATTACKERS.search(mention.text) is None


_ATTACKERS = re.compile(r"(?<![\w-])(?:hackers?|attackers?|intruders?|criminals?|gangs?|crews?)$", re.IGNORECASE)


def _holder_kind(lexicon: Lexicon, mention: Mention) -> bool:
    """A thing that can have a weakness or be left exposed: no agent, place or risk, no pronoun for one."""
    return lexicon.is_a(mention.cls, [AGENT, PLACE, RISK]) is not True and mention.via != "pronoun" \
        and not (mention.via == "name" and mention.cls is None)


def _thing_before(lexicon: Lexicon, mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The subject of a verb at ``position``: what a relative pronoun before it stands for, else the nearest
    thing before it that no preposition governs, in its clause (a short aside may stand between)."""
    before = text[:position]
    between = _BETWEEN.search(before)
    head_end = between.start() if between else len(before)
    if between is not None and re.search(r"\b(?:not|never|no\s+longer)\b", between.group(), re.IGNORECASE):
        return None  # "the routers do not use default passwords": a weakness denied
    relative = _RELATIVE.search(before[:head_end])
    if relative is not None:
        return _before_place(lexicon, mentions, text, relative.start()) \
            or next((m for m in mentions if 0 <= relative.start() - m.end <= 1 and _holder_kind(lexicon, m)), None) \
            or _bare_thing_before(mentions, text, relative.start())
    partitive = _MANY_OF_THEM.search(before[:head_end])
    if partitive is not None:
        return _clause_things(lexicon, mentions, text, partitive.start())
    for mention in sorted((m for m in mentions if m.end <= head_end), key=lambda m: -m.end):
        gap = _ASIDE.sub(" ", _RELATIVE_ASIDE.sub(" ", text[mention.end:head_end]))
        if re.search(r"[;:\"“”]|\b(?:that|said|says|warned|but)\b", gap):
            return None
        if re.search(r",|\band\b", gap):
            continue  # (inside an aside, "Daqing among them,": a mention before it may still be the subject)
        governed = _GOVERNED.search(text[:mention.start]) and not _PARTITIVE.search(text[:mention.start])
        if _described_by(text, mention):
            continue
        if not governed and _holder_kind(lexicon, mention):
            # "modems that link the scales … were running": the relative clause's object is no subject of the main verb
            object_of = _RELATIVE_VERB.search(text[:mention.start])
            if object_of is not None and object_of.group(1).split()[0].lower() not in STOPWORDS:
                return next((m for m in mentions if 0 <= object_of.start() - m.end <= 1 and _holder_kind(lexicon, m)), None) \
                    or _bare_thing_before(mentions, text, object_of.start())
            return mention
    return None


def _described_by(text: str, mention: Mention) -> bool:
    """Whether a participle and its preposition stand right before ``mention`` ("sold to Chinese | farms"): a noun that
    describes what is named before it, no subject of a verb after it (an irregular participle too: "sold", "built")."""
    described = _DESCRIBING.search(text[:mention.start])
    return described is not None and wordclass.past(described.group(1)) is True \
        and re.search(r"(?<![\w-])(?:is|are|was|were|be|been|being)\s+$", text[:described.start()]) is None


def coordinated(lexicon: Lexicon, mentions: list[Mention], text: str, holder: Mention) -> list[Mention]:
    """``holder`` and the things listed before it ("feeding controllers and | ventilation systems"), each a holder too."""
    out = [holder]
    for mention in sorted((m for m in mentions if m.end <= holder.start), key=lambda m: -m.end):
        if not _AND.fullmatch(text[mention.end:out[-1].start]) or not _holder_kind(lexicon, mention) \
                or (_GOVERNED.search(text[:mention.start]) and not _PARTITIVE.search(text[:mention.start])):
            break
        out.append(mention)
    if len(out) > 1 and _COUNT.match(out[-1].text):
        return [holder]  # "1,200 gateways and routers": a count before a list counts one group, named as a whole
    return out[::-1]


#: ", about a third of them | with": a part of the things named before holds what follows "with".
_PART_OF_THEM = re.compile(r",\s+(?:(?:about|nearly|roughly|almost|more\s+than|at\s+least)\s+)?(?:a\s+third|a\s+quarter|half|many|most"
                           r"|some|several|all|\d+%?|one|two|three)\s+of\s+(?:them|these|those)\s*$", re.IGNORECASE)
#: A participle of being somewhere between a thing and "with": " sitting in the desert ", " installed at the plant ".
_PLACED_PARTICIPLE = re.compile(r"\s+(?:sitting|standing|running|operating|working|installed|located|placed|deployed)\s+(?:in|at|on"
                                r"|inside|near|across)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,2}?[\w-]+\s*$", re.IGNORECASE)
#: "routers, many of them running", "since many still ran": a part of what the clause before named is the subject.
_MANY_OF_THEM = re.compile(r"(?:,\s+|(?<![\w-])(?:since|as|because|and|while|with)\s+)(?:many|most|some|all|several|half|dozens|hundreds"
                           r"|thousands)(?:\s+of\s+(?:them|these|those))?\s*$", re.IGNORECASE)
#: A relative pronoun and its clause's verb before a noun: "that link the | scales".
_RELATIVE_VERB = re.compile(r"\s+(?:that|which)\s+((?:[a-z][\w-]*\s+){1,2}?)(?:(?:the|a|an|its|their)\s+)?$")
#: A place phrase a relative clause may follow: "a router in the contractor's warehouse | that …".
_PLACE_PHRASE = re.compile(r"\s+(?:in|at|on|inside)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+){0,2}?[\w-]+$")


def _before_place(lexicon: Lexicon, mentions: list[Mention], text: str, position: int) -> Mention | None:
    """What a relative clause of having at ``position`` is said of when a place phrase stands before it ("a router in the
    contractor's warehouse that still used a default password": a router, not the warehouse, uses passwords)."""
    place = _PLACE_PHRASE.search(text[:position])
    if place is None:
        return None
    return next((m for m in mentions if m.end == place.start() and _holder_kind(lexicon, m)
                 and not _GOVERNED.search(text[:m.start])), None)


def _clause_things(lexicon: Lexicon, mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The plural thing the clause before ``position`` named and no preposition governs ("the controllers were exposed
    to ransomware, | since many …")."""
    for mention in sorted((m for m in mentions if m.end <= position), key=lambda m: -m.end):
        if re.search(r"[;:]|\b(?:said|says)\b", text[mention.end:position]):
            return None
        if _holder_kind(lexicon, mention) and mention.text.endswith("s") and mention.via != "pronoun" \
                and (not _GOVERNED.search(text[:mention.start]) or _PARTITIVE.search(text[:mention.start])):
            return mention
    return None


def _listed(lexicon: Lexicon, mentions: list[Mention], text: str, first: Mention, kind: str) -> list[Mention]:
    """``first`` and the mentions of ``kind`` listed after it ("hard-coded credentials and an unpatched flaw")."""
    out = [first]
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start >= out[-1].end and _AND.fullmatch(text[out[-1].end:mention.start]) \
                and lexicon.is_a(mention.cls, [kind]):
            out.append(mention)
    return out


#: A count before what holds a weakness: "hundreds of", "dozens of", "more than 21,000", "43".
_COUNT = re.compile(r"(?:(?:more\s+than|over|about|around|nearly|almost|at\s+least|some)\s+)?(?:\d[\d,.]*|dozens|hundreds|thousands"
                    r"|scores|tens\s+of\s+thousands)\s+(?:of\s+)?(?=[\w-]+\s+[\w-])", re.IGNORECASE)


def _uncounted(holder: Mention) -> Mention:
    """"hundreds of solar gateways … many of them running": what holds a weakness is the kind of thing, not its count (a
    count of a phrase, never of a name; one word after the count stays: "43 gateways")."""
    count = _COUNT.match(holder.text)
    if count is None or holder.via != "phrase" or holder.iri is not None:
        return holder
    words = holder.text[count.end():]
    return replace(holder, start=holder.start + count.end(), text=words, label=words)


def _own_words(weakness: Mention) -> Mention:
    """"still used its factory default password": a weakness is named by its words, not by whose "its" stands for."""
    label = weakness.label or weakness.text
    if label != weakness.text and re.search(r"['’]s\s+" + re.escape(weakness.text) + "$", label):
        return replace(weakness, label=weakness.text, iri=None)
    return weakness


def held_weaknesses(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """Things that have a weakness, from a verb of having before it or "in" after it."""
    weaknesses = [m for m in mentions if lexicon.is_a(m.cls, [VULNERABILITY]) and m.via != "pronoun"]
    listed_after = {m.key for w in weaknesses for m in _listed(lexicon, mentions, text, w, VULNERABILITY)[1:]}
    for weakness in weaknesses:
        if weakness.key in listed_after:
            continue
        group = _listed(lexicon, mentions, text, weakness, VULNERABILITY)
        holding = _HOLDING_BEFORE.search(text[:weakness.start])
        holder = None
        if holding is not None and holding.group(1).lower() == "with":
            # "routers with hard-coded passwords", "gateways that could be reached from the internet with default passwords"
            holder = next((m for m in mentions if 0 <= holding.start() - m.end <= 1 and _holder_kind(lexicon, m)), None)
            part = _PART_OF_THEM.search(text[:holding.start()])
            if holder is None and part is not None:
                # "412 routers exposed to the internet, about a third of them with unpatched firmware": the routers
                holder = _clause_things(lexicon, mentions, text, part.start())
            placed = _PLACED_PARTICIPLE.search(text[:holding.start()]) if holder is None else None
            if placed is not None:
                # "a dredger controller sitting in the desert with a default password": the controller, not the desert
                holder = next((m for m in mentions if m.end == placed.start() and _holder_kind(lexicon, m)), None)
            thing = _bare_thing_before(mentions, text, holding.start() - 1) if holder is None else None
            # "were running firmware with known flaws": what runs the firmware has its flaws
            verb = re.search(rf"(?<![\w-])(?:{_HOLDING})\s+$", text[:thing.start]) if thing is not None else None
            holder = (_thing_before(lexicon, mentions, text, verb.start()) if verb is not None else thing) or holder
            if holder is None:
                clause = re.search(r"[^,;]*$", text[:holding.start()])
                opening = clause.start() if clause else 0
                that = re.search(r"\s+(?:that|which)\s", text[opening:holding.start()])
                holder = (_before_place(lexicon, mentions, text, opening + that.start()) if that else None) \
                    or next((m for m in mentions if that and 0 <= opening + that.start() - m.end <= 1
                             and _holder_kind(lexicon, m)), None) \
                    or (_bare_thing_before(mentions, text, opening + that.start()) if that else None)
        elif holding is not None:
            holder = _thing_before(lexicon, mentions, text, holding.start())
        if holder is not None and holding is not None:
            holders = coordinated(lexicon, mentions, text, holder) if holding.group(1).lower() != "with" else [holder]
            for each in map(_own_words, group):
                for one in holders:
                    yield (_uncounted(one), HAS_VULNERABILITY, each, holding.group(1), holding.start(1), holding.end(1), 0.65)
            continue
        last = group[-1]
        place = _IN.match(text, last.end)
        if place is None:
            continue
        holder = next((m for m in mentions if m.start == place.end() and _holder_kind(lexicon, m)), None) \
            or _bare_thing_at(mentions, text, place.end())
        if holder is not None:
            for each in group:
                yield (holder, HAS_VULNERABILITY, each, place.group().strip(), last.end, place.end(), 0.6)


#: "left X exposed to", "leaving them vulnerable to": a verb that leaves its object in the state the adjective names.
_LEFT_EXPOSED = re.compile(r"(?<![\w-])(?:left|leave|leaves|leaving|make|makes|made|making|render|renders|rendered|rendering)\s+"
                           r"([^,;:.\"“”]{2,80}?)\s+((?:exposed|vulnerable|open|susceptible)\s+to|at\s+risk\s+of)\s+(?:the\s+)?",
                           re.IGNORECASE)
_PRONOUN = re.compile(r"(?:them|it|these|those)", re.IGNORECASE)


def _bare_things(text: str, start: int, end: int) -> list[Mention]:
    """The things a list of bare nouns names ("crane controllers and robot arms")."""
    out = []
    for part in re.finditer(r"[^,]+?(?=\s*(?:,\s*(?:and\s+)?|\s+and\s+|$))", text[start:end]):
        words = part.group().strip()
        words = re.sub(r"^(?:and|or)\s+", "", words)
        if not re.fullmatch(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}", words) or any(w in STOPWORDS for w in words.split()):
            return []
        at = start + part.start() + part.group().index(words)
        out.append(Mention(at, at + len(words), words, None, None, words, "phrase"))
    return out


#: A bare noun phrase a preposition, a relative pronoun, a verb or punctuation ends ("the firmware | of routers").
_BARE = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?(?=\s*[,.;:]|\s+(?:of|in|at|on|from|for|that|which|is|are|was|were)\b)")


def _bare_thing_at(mentions: list[Mention], text: str, position: int) -> Mention | None:
    bare = _BARE.match(text, position)
    if bare is None or any(w in STOPWORDS for w in bare.group().split()) \
            or any(m.start < bare.end() and position < m.end for m in mentions):
        return None
    return Mention(position, bare.end(), bare.group(), None, None, bare.group(), "phrase")


def _bare_thing_before(mentions: list[Mention], text: str, position: int) -> Mention | None:
    """The bare plural noun phrase ending at ``position`` ("pump controllers | that …"), after a verb or a preposition."""
    # "5G routers", "PLC modules": a technology's name or an acronym may open the phrase
    bare = re.search(r"(?<![\w-])(?:(?:\d+G|[A-Z]{2,5})\s+)?(?:[a-z][\w-]*\s+){0,2}(?:[a-z][\w-]*s|firmware|software)$",
                     text[:position])
    if bare is None:
        return None
    words = bare.group().split()
    while words and (words[0] in STOPWORDS or _VERB_WORD.fullmatch(words[0] + " ") or words[0].endswith("ed")):
        words = words[1:]
    opening = position - len(" ".join(words))
    if not words or any(w in STOPWORDS for w in words) \
            or any(m.start < position and opening < m.end and not (opening <= m.start and m.end <= position) for m in mentions):
        return None
    phrase = " ".join(words)
    return Mention(position - len(phrase), position, phrase, None, None, phrase, "phrase")


#: "every robot behind it is exposed to": a quantified thing no mention covers, as the subject of an exposure.
_EVERY_EXPOSED = re.compile(r"(?<![\w-])(?:every|each|any|all|many|most|some|such|these|those)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
                            r"(?:\s+(?:behind|in|on|at|inside|across|connected\s+to|linked\s+to)\s+[\w\s'’-]{1,40}?)?"
                            r"\s+(?:is|are|was|were|remains?|becomes?|would\s+be|will\s+be|could\s+be)\s+"
                            r"((?:exposed|vulnerable|open|susceptible)\s+to)\s+(?:the\s+)?", re.IGNORECASE)


def quantified_exposed(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"every robot behind it is exposed to remote takeover": the quantified thing is what is exposed."""
    for said in _EVERY_EXPOSED.finditer(text):
        words = said.group(1)
        if any(w in STOPWORDS for w in words.split()) or any(m.start < said.end(1) and said.start(1) < m.end for m in mentions
                                                             if m.via != "phrase"):
            continue
        risk = next((m for m in mentions if m.start == said.end() and m.via != "pronoun"
                     and lexicon.is_a(m.cls, [RISK]) is not False), None)
        if risk is None:
            continue
        thing = next((m for m in mentions if (m.start, m.end) == said.span(1)), None) \
            or Mention(said.start(1), said.end(1), words, None, None, words, "phrase")
        for each in _risks_listed(lexicon, mentions, text, risk):
            yield (thing, EXPOSED_TO, each, said.group(2), said.start(2), said.end(2), 0.6)
        yield from _outcomes(lexicon, mentions, text, risk)


#: "exposed to ransomware and to forged commands": "to" said again before the second risk.
_AND_TO = re.compile(r"\s+and\s+to\s+(?:the\s+)?")
_RISK_WORDS = re.compile(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?(?=\s+(?:that|which|who|by|from|in|at|on)\b|\s*[,.;:]|\s*$)")


def _risks_listed(lexicon: Lexicon, mentions: list[Mention], text: str, risk: Mention) -> list[Mention]:
    """The risks listed from ``risk`` on; after "and to" the words are a risk whatever their kind ("exposed to ransomware and
    to forged switching commands")."""
    risks = _listed(lexicon, mentions, text, risk, RISK)
    again = _AND_TO.match(text, risks[-1].end)
    words = _RISK_WORDS.match(text, again.end()) if again is not None else None
    if words is not None and not any(w in STOPWORDS for w in words.group().split()):
        found = next((m for m in mentions if (m.start, m.end) == words.span()), None)
        if found is None or lexicon.is_a(found.cls, [RISK]) is not False:
            risks.append(found if found is not None and lexicon.is_a(found.cls, [RISK])
                         else Mention(words.start(), words.end(), words.group(), None, RISK, words.group(), "phrase"))
    return risks


def _outcomes(lexicon: Lexicon, mentions: list[Mention], text: str, risk: Mention) -> Iterator[Reading]:
    """What the risks listed from ``risk`` could cause, for those no mention names (``modal_threats`` reads the others)."""
    for listed in _risks_listed(lexicon, mentions, text, risk):
        # ("forged commands that could cause blackouts": a named threat too, read with its restrictive "that")
        yield from (r for r in modal_threats.threatened(lexicon, [*mentions, listed] if listed not in mentions else mentions, text,
                                                        restrictive=True) if r[0] is listed)


def left_exposed(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """What a verb of leaving left exposed to the risks named after "exposed to"."""
    for said in _LEFT_EXPOSED.finditer(text):
        # "which leaves them open to botnet takeovers": what follows is a risk unless its class says otherwise
        risk = next((m for m in mentions if m.start == said.end() and m.via != "pronoun"
                     and lexicon.is_a(m.cls, [RISK]) is not False), None)
        if risk is None:
            continue
        risks = _risks_listed(lexicon, mentions, text, risk)
        inside = [m for m in mentions if said.start(1) <= m.start and m.end <= said.end(1)]
        if _PRONOUN.fullmatch(said.group(1)) or (len(inside) == 1 and inside[0].via == "pronoun"
                                                 and inside[0].start == said.start(1)):
            # "…, leaving them exposed": the pronoun stands for the subject of the clause it follows
            things = [t for t in [_thing_before(lexicon, [m for m in mentions if m.end <= said.start()], text,
                                                _clause_verb(mentions, text, said.start()))] if t is not None]
        elif inside:
            things = [m for m in inside if _holder_kind(lexicon, m)]
        else:
            things = _bare_things(text, said.start(1), said.end(1))
        for thing in things:
            for each in risks:
                yield (thing, EXPOSED_TO, each, said.group(2), said.start(2), said.end(2), 0.65)


def _clause_verb(mentions: list[Mention], text: str, position: int) -> int:
    """Where the verb of the clause before ``position`` (", leaving …") stands: its last verb of having, a past or "is"
    (no word of a name: "unpatched firmware")."""
    verbs = [m.start() for m in re.finditer(rf"(?<![\w-])(?:{_HOLDING}|[a-z]+ed|are|is|were|was)\b", text[:position], re.IGNORECASE)
             if not any(n.start <= m.start() < n.end for n in mentions)]
    return verbs[-1] if verbs else position


#: "routers exposed on the public internet", "gateways were exposed to the internet": open to anyone online.
_ONLINE = re.compile(r"(?<![\w-])((?:exposed|open)\s+(?:to|on)|reachable\s+(?:from|on|over))\s+the\s+((?:public\s+|open\s+)?internet)\b"
                     # "workstations were reachable from office networks": open to whoever is on those networks
                     r"|(?<![\w-])((?:reachable|accessible)\s+from)\s+(?:the\s+)?((?:office|corporate|business|enterprise|public|IT)"
                     r"\s+networks?)\b", re.IGNORECASE)


def exposed_online(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """What is said to be exposed on the internet, by a participle after it or a verb of being: it is exposed to the
    internet (what a verb of leaving leaves so is read with the risks, by ``left_exposed``)."""
    for online in _ONLINE.finditer(text):
        verb, where = (1, 2) if online.group(1) else (3, 4)
        if re.search(r"(?<![\w-])(?:left|leave|leaves|leaving|make|makes|made|making)\s+[^,;]{1,60}$", text[:online.start()]):
            continue
        # "files sat on a server exposed to the internet": a participle right after a noun describes that noun
        thing = next((m for m in mentions if re.fullmatch(r"\s+", text[m.end:online.start()]) and _holder_kind(lexicon, m)), None) \
            or _thing_before(lexicon, mentions, text, online.start())
        if thing is None:
            continue
        words = online.group(where)
        internet = next((m for m in mentions if (m.start, m.end) == online.span(where)), None) \
            or Mention(online.start(where), online.end(where), words, None, None, words, "phrase")
        yield (_uncounted(thing), EXPOSED_TO, internet, online.group(verb), online.start(verb), online.end(verb), 0.6)


#: "lateral movement, an attack technique to which 5G networks … are especially exposed": the threat named before.
_TO_WHICH = re.compile(r"(?:,\s+(?:a|an|the)\s+[^,;:]{1,40}?)?,?\s+to\s+which\s+", re.IGNORECASE)
_ARE_EXPOSED = re.compile(r"(?:,[^,;:]{1,60},)?\s+(?:is|are|was|were|remains?|became|become)\s+(?:[a-z]+ly\s+)?"
                          r"((?:exposed|vulnerable|open|susceptible))\b", re.IGNORECASE)


def exposed_to_which(lexicon: Lexicon, mentions: list[Mention], text: str) -> Iterator[Reading]:
    """"She warned of lateral movement, an attack technique to which private networks are especially exposed": what is
    exposed, after "to which", is exposed to the threat the relative clause follows."""
    for which in _TO_WHICH.finditer(text):
        risk = next((m for m in mentions if m.end == which.start() and m.via != "pronoun" and lexicon.is_a(m.cls, [RISK])), None)
        thing = next((m for m in mentions if m.start == which.end() and _holder_kind(lexicon, m)), None)
        exposed = _ARE_EXPOSED.match(text, thing.end) if thing is not None else None
        if risk is not None and thing is not None and exposed is not None:
            yield (thing, EXPOSED_TO, risk, exposed.group(1), exposed.start(1), exposed.end(1), 0.6)


def read_weaknesses(lexicon: Lexicon, mentions: list[Mention], text: str) -> list[Reading]:
    """The weaknesses held and the exposures left."""
    return [*held_weaknesses(lexicon, mentions, text), *left_exposed(lexicon, mentions, text),
            *quantified_exposed(lexicon, mentions, text), *exposed_online(lexicon, mentions, text),
            *exposed_to_which(lexicon, mentions, text)]
