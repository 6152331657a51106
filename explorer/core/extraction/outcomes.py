"""Aims, potentials and needs: outcomes named as an analyst names them.

English states an outcome as a verb of change and what changes ("boost efficiency", "reduce costs"); the
graph names the outcome itself, an impact ("higher efficiency", "lower costs"). Three constructions carry one:

- a purpose after a thing made: "S built a smart port in Ningbo to boost efficiency": the port aims at
  higher efficiency (``kg:aimsAt``);
- what something can help do: "X can help plants cut costs" (``kg:hasPotentialFor``), and "Y has such
  potential", where "such" refers back to the outcomes the sentence before named;
- a need in the passive: '"More resources are needed to safeguard data for the grid," Liu said': the grid
  needs more resources (``kg:needs``), the speaker calls for them (``kg:callsFor``) and, when the purpose
  is one of ``kg:protects``' verbs, they protect the grid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from explorer.core.extraction.constructions import Reading, quote_speaker, quotes_open_after
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import STOPWORDS
from explorer.core.vocab import KG

IMPACT, REQUIREMENT, AGENT = str(KG.Impact), str(KG.Requirement), str(KG.Agent)
AIMS_AT, POTENTIAL, NEEDS, CALLS_FOR, PROTECTS = (str(KG.aimsAt), str(KG.hasPotentialFor), str(KG.needs), str(KG.callsFor),
                                                  str(KG.protects))
#: What a thing was made for is read after facts of making.
MADE = frozenset([str(KG.built), str(KG.established)])

#: Verbs of change and the comparative that names their outcome.
_DIRECTION = {**dict.fromkeys(["boost", "raise", "increase", "lift", "expand"], "higher"),
              **dict.fromkeys(["improve", "enhance", "strengthen"], "better"),
              **dict.fromkeys(["reduce", "cut", "lower", "slash", "curb", "decrease", "lessen", "trim"], "lower")}
_VERB = re.compile(r"(?<![\w-])(" + "|".join(_DIRECTION) + r")(?:s|es|ed|ing)?(?![\w-])", re.IGNORECASE)
_NOUN = re.compile(r"[a-z][\w-]*")
_JOINT = re.compile(r"\s+(?:and|as\s+well\s+as)\s+")
_PURPOSE = re.compile(r"(?:,\s*|\s+)(?:in\s+order\s+|so\s+as\s+)?to\s+$", re.IGNORECASE)
_HELP = re.compile(r"(?<![\w-])(?:can|could|will|would|may|might)\s+help\s+(?:(?:[a-z][\w-]*\s+){1,3}(?=(?:"
                   + "|".join(_DIRECTION) + r")\b))?", re.IGNORECASE)
_SUCH_POTENTIAL = re.compile(r"(?<![\w-])(?:has|have|had|holds|hold|shows|show|offers|offer)\s+(?:such|that|this|the\s+same)"
                             r"\s+potential(?![\w-])", re.IGNORECASE)
_NEEDED = re.compile(r"\s+(?:is|are|was|were|will\s+be)\s+(?:(?:still|urgently|also|badly|now|therefore)\s+)?needed(?![\w-])",
                     re.IGNORECASE)
_REQUIREMENT_OPENERS = frozenset(["more", "additional", "extra", "further", "greater", "better", "stronger", "new", "dedicated"])


Named = Callable[[str, int, "str | None"], Mention]


def _thing(named: Named | None, label: str, start: int, end: int, text: str, cls: str) -> Mention:
    """What the outcome's name names: a known entity of that label or alias, else a new thing of ``cls``."""
    known = named(label, start, cls) if named is not None else None
    if known is not None and known.iri is not None:
        return replace(known, start=start, end=end, text=text[start:end])
    return Mention(start, end, text[start:end], None, cls, label, "phrase")


@dataclass
class OutcomeReader:
    """Reads the sentences of one document in order; remembers the outcomes the sentence before named.
    ``named`` finds a known entity by its label or alias (a graph's "higher efficiency")."""

    lexicon: Lexicon
    named: Named | None = None
    _previous: list[Mention] = field(default_factory=list)

    def read(self, mentions: list[Mention], text: str, facts: list[Reading], quote_open: bool = False) -> list[Reading]:
        out: list[Reading] = []
        named: list[Mention] = []
        for verb in _VERB.finditer(text):
            outcomes = _outcomes(text, verb, self.named)
            if not outcomes:
                continue
            named += outcomes
            purpose = _PURPOSE.search(text[:verb.start()])
            if purpose is not None:
                made = [f for f in facts if f[1] in MADE and f[2].end <= purpose.start()]
                if made:
                    out += [(made[-1][2], AIMS_AT, o, f"to {verb.group()}", verb.start(), verb.end(), 0.7) for o in outcomes]
            helper = _helped_by(mentions, text, verb.start())
            if helper is not None:
                out += [(helper, POTENTIAL, o, "can help", verb.start(), verb.end(), 0.7) for o in outcomes]
        for such in _SUCH_POTENTIAL.finditer(text):
            holder = next((m for m in reversed(mentions) if m.end <= such.start() and not text[m.end:such.start()].strip()), None)
            if holder is not None and holder.via != "pronoun":
                out += [(holder, POTENTIAL, o, such.group(), such.start(), such.end(), 0.65) for o in self._previous]
        out += self._needs(mentions, text, quote_open)
        # "help V X" and purposes chain over several verbs: the outcomes of the whole sentence are what
        # "such potential" in the next one refers back to
        self._previous = named
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The words the outcomes of ``text`` are read from ("can help", "to boost", "are needed"): no pattern
        reads them again (an outcome is named here, never by the words that state it)."""
        out: list[tuple[int, int]] = []
        for verb in _VERB.finditer(text):
            if _outcomes(text, verb):
                out += [h.span() for h in _HELP.finditer(text) if h.end() == verb.start()]
                purpose = _PURPOSE.search(text[:verb.start()])
                out += [(purpose.end() - 3, verb.end())] if purpose is not None else []
        for needed in _NEEDED.finditer(text):
            purpose = re.match(r"\s+to\s+[a-z]+", text[needed.end():])
            out.append((needed.start(), needed.end() + (purpose.end() if purpose else 0)))
        return out

    def _needs(self, mentions: list[Mention], text: str, quote_open: bool) -> list[Reading]:
        out: list[Reading] = []
        for needed in _NEEDED.finditer(text):
            words: list[str] = []
            for word in reversed(text[:needed.start()].split()[-3:]):
                if not _NOUN.fullmatch(word) or (word in STOPWORDS and word not in _REQUIREMENT_OPENERS):
                    break
                words.insert(0, word)
                if word in _REQUIREMENT_OPENERS:
                    break  # "more resources": the quantity opens the phrase
            if not words or (len(words) == 1 and not words[0].endswith("s")):
                continue  # one bare singular word is no thing needed ("time is needed")
            phrase = " ".join(words)
            start = needed.start() - len(phrase)
            if text[start:needed.start()] != phrase:
                continue
            requirement = _thing(self.named, phrase, start, needed.start(), text, REQUIREMENT)
            clause_end = re.search(r"[,;.\"”]|$", text[needed.end():])
            clause = (needed.end(), needed.end() + (clause_end.start() if clause_end else 0))
            inside = [m for m in mentions if clause[0] <= m.start < clause[1]]
            after_for = [m for m in inside if re.search(r"(?<![\w-])for\s+(?:the\s+|its\s+|their\s+)?$", text[:m.start])]
            protected = [p for p in self.lexicon.patterns if p.predicate == PROTECTS
                         and re.match(rf"\s+to\s+{re.escape(p.words)}(?![\w-])", text[needed.end():], re.IGNORECASE)]
            needer = after_for[-1] if after_for else inside[0] if protected and inside else None
            if needer is not None and needer.via != "pronoun":
                out.append((needer, NEEDS, requirement, "needed", needed.start(), needed.end(), 0.7))
                if protected:
                    out.append((requirement, PROTECTS, needer, protected[0].words, needed.end(), clause[1], 0.65))
            speaker = quote_speaker(self.lexicon, mentions, text, quote_open) \
                if quotes_open_after(text[:start], quote_open) else None
            if speaker is not None:
                out.append((speaker, CALLS_FOR, requirement, "needed", needed.start(), needed.end(), 0.7))
        return out


def _outcomes(text: str, verb: re.Match[str], named: Named | None = None) -> list[Mention]:
    """"boost quality and efficiency as well as reduce costs": higher quality, higher efficiency, lower costs."""
    out: list[Mention] = []
    direction = _DIRECTION[verb.group(1).lower()]
    position = verb.end()
    while True:
        phrase = _noun_phrase(text, position)
        if phrase is None:
            return out
        start, end = phrase
        out.append(_thing(named, f"{direction} {text[start:end]}", start, end, text, IMPACT))
        joint = _JOINT.match(text, end)
        if joint is None:
            return out
        other = _VERB.match(text, joint.end())
        if other is not None:  # "… as well as reduce costs": a second verb of change
            direction = _DIRECTION[other.group(1).lower()]
            position = other.end()
        else:
            position = joint.end() - 1


def _noun_phrase(text: str, position: int) -> tuple[int, int] | None:
    """The bare noun phrase right after ``position`` (one to three lower-case words, no function word)."""
    words: list[tuple[int, int]] = []
    for word in re.finditer(r"\s+([a-z][\w-]*)", text[position:]):
        if word.start() != (words[-1][1] - position if words else 0):
            break
        token = word.group(1)
        if token in STOPWORDS or token.endswith("ly") or _VERB.fullmatch(token):
            break
        words.append((position + word.start(1), position + word.end(1)))
        if len(words) == 3:
            break
    if not words or (len(words) == 1 and text[words[0][0]:words[0][1]].endswith(("ing", "ed"))):
        return None  # "boost spending", "cut staffing": an activity, no outcome; "operating costs" is one
    return words[0][0], words[-1][1]


def _helped_by(mentions: list[Mention], text: str, verb_start: int) -> Mention | None:
    """"COSMOPlat can help suppliers cut costs": what can help, named right before "can help" (not a pronoun,
    whose antecedent is only a guess)."""
    help_ = next((h for h in _HELP.finditer(text) if h.end() == verb_start), None)
    if help_ is None:
        return None
    holder = next((m for m in reversed(mentions) if m.end <= help_.start() and not text[m.end:help_.start()].strip()), None)
    return holder if holder is not None and holder.via != "pronoun" else None


#: Verbs of damage whose noun is the verb itself: "harms the firm" is harm to the firm.
_NOUN_VERBS = frozenset(["harm", "damage", "hurt"])
#: Verbs whose object is already the outcome ("causes outages").
_OUTCOME_VERBS = frozenset(["cause", "causes", "caused", "lead to", "leads to", "led to", "result in", "results in", "resulted in"])
_CONDITION = re.compile(r"\s*(?:once|if|when|whenever|should|after)\s", re.IGNORECASE)


def consequences(lexicon: Lexicon, facts: list[Reading], text: str, named: Named | None = None) -> list[Reading]:
    """"Once the plant is attacked by hackers, it not only compromises data, but also harms the whole firm": what
    follows in the main clause from an attack the sentence opens on as a condition is what the attack leads to,
    named as an outcome ("compromised data", "harm to the whole firm")."""
    attack = next((f for f in facts if f[1] == str(KG.targets) and _CONDITION.match(text[:f[4]])), None)
    comma = text.find(",", attack[5]) if attack is not None else -1
    if attack is None or comma < 0:
        return []
    out: list[Reading] = []
    for pattern in lexicon.patterns:
        if pattern.predicate != str(KG.leadsTo) or pattern.object_first or not pattern.words.isascii():
            continue
        for verb in pattern.regex.finditer(text, comma):
            phrase = _object_phrase(text, verb.end())
            if phrase is None:
                continue
            start, end = phrase
            words = pattern.words.lower()
            stem = words[:-1] if words.endswith("s") else words
            label = text[start:end] if words in _OUTCOME_VERBS else f"{stem} to {text[start:end]}" if stem in _NOUN_VERBS \
                else f"{stem}d {text[start:end]}" if stem.endswith("e") else f"{stem}ed {text[start:end]}"
            impact = _thing(named, label, start, end, text, IMPACT)
            out.append((attack[0], str(KG.leadsTo), impact, pattern.words, verb.start(), verb.end(), 0.65))
    return out


def _object_phrase(text: str, position: int) -> tuple[int, int] | None:
    """A verb's object: a determiner, then up to four lower-case words, to a function word or punctuation."""
    determiner = re.match(r"\s+(?:the|its|their|a|an)(?=\s)", text[position:])
    phrase = _noun_phrase(text, position + (determiner.end() if determiner else 0))
    if phrase is None:
        return None
    return (position + len(text[position:]) - len(text[position:].lstrip()), phrase[1])
