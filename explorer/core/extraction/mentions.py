"""Mentions of entities in a sentence: known ones by label or alias, likely new ones by cues.

Known entities are matched on folded text (case, accents, full/half width) so "ZHEJIANG" and
"Zhèjiang" meet "Zhejiang"; Chinese labels match inside running Chinese text. New names are
capitalised runs ("Ministry of Industry and Information Technology") and noun phrases headed by a
class cue from the ontology ("a 5G industry alliance", 联盟); "it", "she" and "the alliance" are
read as the entity they most likely refer to, so a fact stated about them reaches that entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from explorer.core.extraction.lexicon import Lexicon, _is_cjk
from explorer.core.search import normalize
from explorer.core.vocab import KG

ORGANIZATION, ORGANIZATION_GROUP = str(KG.Organization), str(KG.OrganizationGroup)
PLATFORM, PLATFORM_GROUP, GROUP = str(KG.IndustrialInternetPlatform), str(KG.PlatformGroup), str(KG.Group)

#: Words that never start or extend a name or a cue-headed phrase.
STOPWORDS = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my", "it", "he", "she",
        "they", "we", "i", "you", "who", "which", "what", "and", "or", "but", "nor", "with", "from", "of", "to", "for", "in", "on",
        "at", "by", "as", "into", "onto", "over", "under", "than", "more", "most", "less", "also", "alone", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might",
        "must", "shall", "should", "not", "no", "so", "such", "very", "far", "much", "many", "some", "any", "each", "every", "other",
        "another", "both", "all", "only", "just", "even", "still", "said", "says", "say", "added", "adds", "according", "aside",
        "despite", "during", "once", "if", "when", "while", "because", "since", "after", "before", "about", "above", "below",
        "between", "through", "via", "per", "thanks", "large", "part", "example", "for", "so", "far", "currently",
        # prepositions end a noun phrase ("coal mines | across the province")
        "across", "among", "amid", "within", "without", "throughout", "against", "toward", "towards", "around", "near",
        "beyond", "behind", "along", "upon", "including", "like", "plus", "except", "inside", "outside", "onto", "until"
    ]
)
#: Capitalised words that begin sentences or name nationalities rather than entities.
NOT_NAMES = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "she", "he", "they", "we", "i", "but", "and", "or", "so",
        "once", "for", "global", "aside", "despite", "according", "for", "example", "however", "meanwhile", "also", "chinese",
        "american", "european", "japanese", "korean",
        # words that open a sentence before its subject
        "besides", "apart", "beyond", "in", "on", "at", "with", "by", "after", "before", "while", "since", "as", "last",
        "next", "earlier", "later", "today", "yesterday", "separately", "meanwhile", "now",
        # days and months date a statement; they are not entities
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december"
    ]
)
#: People spoken of generically ("experts said", "security researchers warned"): no one an analyst
#: records, so they name no entity and fill no slot, alone or after one modifier.
GENERIC_PEOPLE = frozenset(
    [
        "expert", "analyst", "researcher", "official", "executive", "engineer", "observer", "insider", "source", "people",
        "critic", "scientist", "specialist", "manager", "employee", "worker", "user", "customer", "industry watcher"
    ]
)
_PRONOUNS = {"it": "thing", "its": "thing", "she": "person", "her": "person", "he": "person", "his": "person"}

_QUOTED = re.compile(r"[\"“]([a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,2})[\"”]")
_NEXT_WORD = re.compile(r"\s*([\w’'-]+)")
_TOKEN = re.compile(r"[A-Za-z0-9][\w'’&.-]*|[\u3400-\u9fff]+", re.UNICODE)
_CAPITALISED = re.compile(
    r"(?:[A-Z][\w&’'-]*|\d+G)(?:(?:\s+(?:of|and|for|&)\s+|\s+)(?:[A-Z][\w&’'-]*|\d+G))*"
    # a number that ends a name ("Qihoo 360 warned"): not a year, nor a count of something that follows
    r"(?:\s+(?!(?:19|20)\d\d\b)\d+(?!\d|[,.]\d|%)"
    r"(?=\s+(?:[a-z]+ed|said|says|has|have|is|was|will|also|and|plans)\b|[,.;:)]|$))?"
)


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names an entity."""

    start: int
    end: int
    text: str
    iri: str | None = None  # a known entity
    cls: str | None = None  # its class (known, or from a cue)
    label: str | None = None  # the name a new entity would get
    via: str = "label"  # label | name | cue | phrase | pronoun | definite | ner

    @property
    def key(self) -> str:
        return self.iri or f"new:{normalize(self.label or self.text)}"


@dataclass(frozen=True)
class KnownEntity:
    iri: str
    label: str
    cls: str | None


class MentionFinder:
    """Finds mentions in sentences of one document, remembering what came before for references."""

    def __init__(self, lexicon: Lexicon, known: Iterable[KnownEntity] = ()) -> None:
        self.lexicon = lexicon
        self._latin: dict[str, list[KnownEntity]] = {}
        self._cjk: dict[str, list[KnownEntity]] = {}
        self._longest = 1
        for entity in known:
            folded = normalize(entity.label)
            if not folded:
                continue
            if _is_cjk(folded) and " " not in folded:
                self._cjk.setdefault(folded, []).append(entity)
            else:
                self._latin.setdefault(folded, []).append(entity)
                self._longest = max(self._longest, len(folded.split()))
        self._history: list[Mention] = []
        #: Classes a new name was given by the facts it took part in (see ``infer_class``).
        self._inferred: dict[str, str] = {}
        # Words that state a property never belong to a noun phrase ("established a …").
        # The first word of a pattern is its verb or preposition ("set" up, "teamed" up with); later
        # words may be names ("'s Zhejiang branch") and must not cut a phrase short.
        self._triggers = frozenset(pattern.words.split()[0].lower() for pattern in lexicon.patterns if pattern.words.split())
        self._phrases = tuple(sorted({p.words.lower() for p in lexicon.patterns if len(p.words.split()) > 1 and p.words.isascii()},
                                     key=len, reverse=True))
        self._cjk_triggers = tuple(sorted({p.words for p in lexicon.patterns if _is_cjk(p.words)}, key=len, reverse=True))

    # -- known entities -----------------------------------------------------------------
    def _known(self, text: str) -> list[Mention]:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            matched = False
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                span = text[start:end].rstrip(".,")
                end = start + len(span)
                for candidate in (normalize(span), normalize(_singular(span))):
                    entities = self._latin.get(candidate)
                    if entities:
                        best = entities[0]
                        found.append(Mention(start, end, text[start:end], best.iri, best.cls, best.label))
                        i += n
                        matched = True
                        break
                if matched:
                    break
            if not matched:
                i += 1
        for folded, entities in self._cjk.items():
            for match in re.finditer(re.escape(folded), normalize(text)):
                found.append(Mention(match.start(), match.end(), text[match.start():match.end()],
                                     entities[0].iri, entities[0].cls, entities[0].label))
        return found

    # -- new names ----------------------------------------------------------------------
    def _cue_class(self, phrase: str) -> str | None:
        """The class of the cue nearest the end of the phrase: a name's head decides
        ("Shanghai International Port Group" is a company, not a port)."""
        best: tuple[int, int, str] | None = None
        for cue in self.lexicon.cues:
            for match in cue.regex.finditer(phrase):
                rank = (match.end(), match.end() - match.start())
                if best is None or rank > best[:2]:
                    best = (*rank, cue.cls)
        return best[2] if best else None

    def _head_class(self, phrase: str) -> str | None:
        """The class of a described thing ("an industrial internet innovation centre"): only a cue
        that ends the phrase, its head noun, decides; a cue among the modifiers does not."""
        best: tuple[int, str] | None = None
        for cue in self.lexicon.cues:
            for match in cue.regex.finditer(phrase):
                if match.end() == len(phrase.rstrip()) and (best is None or match.end() - match.start() > best[0]):
                    best = (match.end() - match.start(), cue.cls)
        return best[1] if best else None

    def _coordinated(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A capitalised run cut where "and" joins two names ("China Mobile and Huawei"), not where
        it stands inside one ("Ministry of Industry and Information Technology", "Wuhan Iron and
        Steel"): the word before "and" or the words after it (up to "of") head a name of a class,
        or one side is a known name, or "and" joins two single words ("Tencent and Alibaba")."""
        parts: list[tuple[int, int]] = []
        begin = start
        for joint in re.finditer(r"\s+and\s+", text[start:end]):
            left_end, right_start = start + joint.start(), start + joint.end()
            follow = re.match(r"[^\s]+(?:\s+(?!of\b|and\b)[^\s]+)*", text[right_start:end])
            right = follow.group() if follow else ""
            before = text[begin:left_end].split()
            if (len(before) == 1 and len(right.split()) == 1) or self._cue_class(before[-1]) or self._cue_class(right) \
                    or normalize(text[begin:left_end]) in self._latin or normalize(right) in self._latin:
                parts.append((begin, left_end))
                begin = right_start
        parts.append((begin, end))
        return parts

    def _names(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        runs = [part for match in _CAPITALISED.finditer(text) for part in self._coordinated(text, *match.span())]
        for run_start, run_end in runs:
            match = _Run(text, run_start, run_end)
            words = match.group().split()
            start = match.start()
            # Drop leading sentence words ("The", "For") and nationality adjectives.
            while words and (words[0].lower() in NOT_NAMES or words[0].lower().rstrip("’'s") in NOT_NAMES):
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
                words = words[1:]
            while words and words[-1].lower() in STOPWORDS:
                words = words[:-1]
            if len(words) == 1 and start == 0 and re.search(r"(?:ed|ing|ly)$", words[0]):
                continue  # a sentence opening with a verb or an adverb ("Compared with …")
            if not words:
                continue
            following = re.match(r"\s+([a-z]+)", text[start + len(words[0]):]) if start == 0 else None
            if len(words) == 1 and (_singular(words[0].lower()) in GENERIC_PEOPLE
                                    or (following is not None and _singular(following.group(1)) in GENERIC_PEOPLE)):
                continue  # "Experts warned", "Security researchers at …": people spoken of generically
            name = text[start:start + len(" ".join(words))]
            name = text[start:text.index(words[-1], start) + len(words[-1])]
            possessive = name.endswith(("'s", "’s"))
            if possessive:
                name = name[:-2]
            if len(words) == 1 and words[0].lower() in STOPWORDS:
                continue
            found.append(Mention(start, start + len(name), name, None, self._cue_class(name), name, "name"))
        return found

    def _quoted(self, text: str) -> list[Mention]:
        """A short lower-case phrase in quotes names something in the writer's words ("bad guys")."""
        return [Mention(m.start(1), m.end(1), m.group(1), None, None, m.group(1), "name")
                for m in _QUOTED.finditer(text)]

    def infer_class(self, mention: Mention, cls: str) -> Mention:
        """A new name with no class of its own takes the one a fact's domain or range demands ("Liu,
        from the Academy" is a person): later mentions of it, and "she", then know it."""
        if mention.iri is not None or mention.cls is not None:
            return mention
        self._inferred[mention.key] = cls
        self._history = [replace(m, cls=cls) if m.key == mention.key and m.cls is None else m for m in self._history]
        return replace(mention, cls=cls)

    def last_of(self, wanted: str) -> Mention | None:
        """The thing of class ``wanted`` (or below) named last in the document so far."""
        return next((m for m in reversed(self._history) if self.lexicon.is_a(m.cls, [wanted])), None)

    def _cue_phrases(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        # "a subsidiary of", "a branch of": the cue word is then the relation, not a thing
        relations = [m.span() for pattern in self.lexicon.patterns
                     if pattern.words.isascii() and pattern.words.lower().endswith(" of") and len(pattern.words.split()) > 1
                     for m in pattern.regex.finditer(text)]
        for cue in self.lexicon.cues:
            for match in cue.regex.finditer(text):
                if any(s <= match.start() and match.end() <= e for s, e in relations):
                    continue
                if _is_cjk(cue.words):
                    start = _extend_left_cjk(text, match.start(), self._cjk_triggers)
                    found.append(Mention(start, match.end(), text[start:match.end()], None, cue.cls,
                                         text[start:match.end()], "cue"))
                    continue
                start = _extend_left(text, match.start(), self._triggers, self._phrases,
                                     capitalised=match.group()[:1].isupper())
                end = _extend_right(text, match.end())
                phrase = text[start:end]
                found.append(Mention(start, end, phrase, None, cue.cls, phrase, "cue"))
        return found

    def _indefinite_phrases(self, text: str) -> list[Mention]:
        """"a 5G private network", "an innovation lab": a noun phrase after "a" or "an" introduces a
        thing, whatever its class (the cue of its head gives one when the ontology has it). It runs
        to the first function word, verb of a pattern or punctuation ("a coal mine | in Dazhou")."""
        found: list[Mention] = []
        for match in re.finditer(r"(?<![\w-])(?:a|an)\s+", text, re.IGNORECASE):
            words: list[tuple[int, int]] = []
            for word in re.finditer(r"([\w’'-]+)(\s+|$|(?=[,.;:!?\"”)]))", text[match.end():]):
                token = word.group(1)
                lowered = token.lower()
                if lowered in STOPWORDS or lowered in self._triggers or lowered.endswith("ly") \
                        or (lowered.endswith("ing") and words == []):
                    break
                words.append((match.end() + word.start(1), match.end() + word.end(1)))
                if len(words) == 6 or not word.group(2) or text[match.end() + word.end(1):][:1] in ",.;:":
                    break
            if not words or not text[words[-1][0]].isalpha() or text[words[-1][0]].isupper():
                continue
            start, end = words[0][0], words[-1][1]
            phrase = text[start:end]
            found.append(Mention(start, end, phrase, None, self._head_class(phrase), phrase, "phrase"))
        return found

    def _bare_phrases(self, text: str) -> list[Mention]:
        """Noun phrases with no determiner ("smart factories", "remote crane control"): the kind of
        thing a clause speaks of. Read where English puts a clause's subject or a verb's object: after
        a pattern's words, after "that", and after "and"/"or" that follow such a phrase."""
        spans = {m.span() for pattern in self.lexicon.patterns if pattern.words.isascii()
                 for m in pattern.regex.finditer(text)}
        # after the whole of the longest pattern only: "joined | hands with" is inside "joined hands with"
        ends = {end for start, end in spans if not any(s <= start and end < e for s, e in spans)}
        openings = sorted(ends | {m.end() for m in re.finditer(r"(?<![\w-])that\s", text, re.IGNORECASE)})
        found: list[Mention] = []
        for opening in openings:
            position = opening
            while True:
                phrase = self._bare_phrase_at(text, position)
                if phrase is None:
                    break
                found.append(phrase)
                joint = re.match(r"\s+(?:and|or)\s+(?:other\s+)?", text[phrase.end:])
                if joint is None:
                    break
                position = phrase.end + joint.end()
        return found

    def _bare_phrase_at(self, text: str, position: int) -> Mention | None:
        words: list[tuple[int, int]] = []
        while len(words) < 5:
            word = _NEXT_WORD.match(text, position)
            if word is None:
                break
            token = word.group(1)
            lowered = token.lower()
            if not token[:1].islower() or lowered in STOPWORDS or lowered in self._triggers or lowered.endswith("ly") \
                    or (not words and lowered.endswith("ing")):
                break
            words.append(word.span(1))
            position = word.end()
        if not words:
            return None
        start, end = words[0][0], words[-1][1]
        phrase = text[start:end]
        last = phrase.split()[-1].lower()
        if _singular(last) in GENERIC_PEOPLE:
            return None
        if len(words) == 1 and (last.endswith(("ing", "ss")) or not last.endswith("s")):
            return None  # one bare singular word is a quality or an activity ("boost efficiency"), not a thing
        return Mention(start, end, phrase, None, self._head_class(phrase), phrase, "phrase")

    # -- references -----------------------------------------------------------------------
    def _references(self, text: str, previous_subject: Mention | None) -> list[Mention]:
        found: list[Mention] = []
        for match in re.finditer(r"(?<![\w-])(it|its|she|her|he|his)(?![\w-])", text, re.IGNORECASE):
            kind = _PRONOUNS[match.group(1).lower()]
            target = self._antecedent(kind, previous_subject)
            if target is not None:
                found.append(replace(target, start=match.start(), end=match.end(), text=match.group(), via="pronoun"))
            elif match.group(1).lower() == "its":  # may refer to a name earlier in this sentence (see _owned)
                found.append(Mention(match.start(), match.end(), match.group(), via="pronoun"))
        for match in re.finditer(r"(?<![\w-])the\s+([a-z][\w-]*)(?![\w-])", text, re.IGNORECASE):
            cls = self._cue_class(match.group(1))
            if cls is None:
                # "the network" after "a 5G private network": the last thing whose name ends in that noun
                head = _singular(match.group(1).lower())
                target = next((m for m in reversed(self._history) if m.via in ("phrase", "cue") and m.iri is None
                               and _singular((m.label or m.text).split()[-1].lower()) == head), None)
                if target is not None:
                    found.append(replace(target, start=match.start(), end=match.end(), text=match.group(),
                                         via="definite"))
                continue
            target = next((m for m in reversed(self._history) if m.cls == cls and m.via != "definite"), None)
            if target is not None:
                found.append(replace(target, start=match.start(), end=match.end(), text=match.group(), via="definite"))
        return found

    def _bare_cue_reference(self, mention: Mention) -> Mention:
        """A Chinese cue word standing alone (联盟) names the last one of its class, as "the alliance"
        does in English (English bare nouns such as "smart ports" speak of the kind, not of one)."""
        if mention.via != "cue" or not _is_cjk(mention.text) or not any(cue.words == mention.text for cue in self.lexicon.cues):
            return mention
        target = next((m for m in reversed(self._history) if m.cls == mention.cls), None)
        if target is None:
            return mention
        return replace(target, start=mention.start, end=mention.end, text=mention.text, via="definite")

    def _antecedent(self, kind: str, previous_subject: Mention | None) -> Mention | None:
        person = "Person"
        if kind == "person":
            return next((m for m in reversed(self._history) if m.cls and m.cls.endswith(person)), None)
        if previous_subject is not None and not (previous_subject.cls or "").endswith(person):
            return previous_subject
        return next((m for m in reversed(self._history) if not (m.cls or "").endswith(person)), None)

    def named(self, name: str, start: int, cls: str | None = None) -> Mention:
        """The mention of ``name`` standing at ``start``: the known entity of that label, else a new one."""
        known = self._latin.get(normalize(name)) or self._cjk.get(normalize(name))
        if known:
            return Mention(start, start + len(name), name, known[0].iri, known[0].cls, known[0].label)
        return Mention(start, start + len(name), name, None, cls or self._cue_class(name), name, "name")

    def find(self, text: str, previous_subject: Mention | None = None, extra: Iterable[Mention] = ()) -> list[Mention]:
        """Mentions in one sentence, longest first where they overlap, in reading order. ``extra``
        candidates (an NER pipeline's) fill only spans that nothing of our own covers."""
        candidates = self._known(text) + self._names(text) + self._cue_phrases(text) + self._indefinite_phrases(text)
        candidates += self._bare_phrases(text) + self._quoted(text)
        candidates += self._references(text, previous_subject)
        # The longer span wins ("a 5G industry alliance" is one mention, not the known "5G";
        # "Cyberspace Administration of China" is not "China"); at equal length a known entity.
        rank = {"label": 0, "definite": 1, "pronoun": 1, "name": 2, "cue": 2, "phrase": 3}
        candidates.sort(key=lambda m: (-(m.end - m.start), rank[m.via], m.start))
        chosen: list[Mention] = []
        for mention in candidates:
            if any(mention.start < other.end and other.start < mention.end for other in chosen):
                continue
            chosen.append(mention)
        for mention in sorted(extra, key=lambda m: (-(m.end - m.start), m.start)):
            if not any(mention.start < other.end and other.start < mention.end for other in chosen):
                chosen.append(mention)
        chosen.sort(key=lambda m: m.start)
        chosen = [self._bare_cue_reference(m) for m in _merge_cues(chosen)]
        chosen = [replace(m, cls=self._inferred[m.key]) if m.cls is None and m.key in self._inferred else m
                  for m in chosen]
        chosen = _second_clause_it(text, self._owned(text, [self._counted(m) for m in chosen]))
        self._history.extend(m for m in chosen if m.via in ("label", "name", "cue", "phrase", "ner"))
        return chosen

    def _counted(self, mention: Mention) -> Mention:
        """"193 leading companies", "more than 70 platforms": a counted plural names a group of
        them (the ontology's OrganizationGroup, PlatformGroup or Group), not one of them."""
        if mention.via != "cue" or mention.cls is None or not re.match(r"(?:[a-z ]+\s)?\d[\d,]*\s", mention.text) \
                or not mention.text.endswith("s"):
            return mention
        for member, group in ((ORGANIZATION, ORGANIZATION_GROUP), (PLATFORM, PLATFORM_GROUP)):
            if self.lexicon.is_a(mention.cls, [member]):
                return replace(mention, cls=group)
        return replace(mention, cls=GROUP)

    def _owned(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"Strategy Analytics said in its latest report": "its" is the thing named last in the
        sentence, and what it owns is named after it ("Strategy Analytics' latest report")."""
        out: list[Mention] = []
        for mention in mentions:
            previous = out[-1] if out else None
            if mention.via == "pronoun" and mention.text.lower() in ("its", "their"):
                near = next((m for m in reversed(out) if m.via != "pronoun" and not (m.cls or "").endswith("Person")), None)
                if near is not None:
                    mention = replace(near, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
            elif (mention.via == "cue" and mention.iri is None and previous is not None and previous.via == "pronoun"
                  and previous.text.lower() in ("its", "their") and 0 < mention.start - previous.end <= 1):
                owner = previous.label or previous.text
                mention = replace(mention, label=f"{owner}{'’' if owner.endswith('s') else '’s'} {mention.text}".replace("’", "'"))
            out.append(mention)
        return [m for m in out if m.iri is not None or m.label is not None or m.via != "pronoun"]


def _second_clause_it(text: str, mentions: list[Mention]) -> list[Mention]:
    """"The network was developed by A and B, and it supports …": "it" opening a second clause is
    the subject of the first, not the last thing named before it."""
    out: list[Mention] = []
    for mention in mentions:
        if (mention.via == "pronoun" and mention.text.lower() == "it" and out
                and re.search(r"(?:,|\band)\s*$", text[:mention.start])):
            first = next((m for m in out if not (m.cls or "").endswith("Person")), None)
            if first is not None and first.key != mention.key:
                mention = replace(first, start=mention.start, end=mention.end, text=mention.text, via="pronoun")
        out.append(mention)
    return out


@dataclass(frozen=True)
class _Run:
    """A span of text read like a regex match."""

    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text[self.begin:self.finish]

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish


def _merge_cues(mentions: Sequence[Mention]) -> list[Mention]:
    """A name right after its class cue ("research company Strategy Analytics") takes that class
    and the cue phrase goes: it describes the name, it is not a second entity."""
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (mention.via in ("name", "cue") and mention.text[:1].isupper() and previous is not None
                and previous.via == "cue" and not previous.text[:1].isupper() and 0 <= mention.start - previous.end <= 1):
            merged[-1] = replace(mention, cls=mention.cls or previous.cls)
            continue
        merged.append(mention)
    return merged


_QUANTIFIER = re.compile(r"(?:more than|over|about|nearly|almost|at least)\s+$", re.IGNORECASE)


def _extend_left(text: str, start: int, triggers: frozenset[str], phrases: tuple[str, ...] = (), *,
                 capitalised: bool = False) -> int:
    """Start of the noun phrase whose head begins at ``start``: modifiers, not determiners or verbs.

    A number keeps the quantifier before it ("more than 70 industrial internet platforms"), as the
    count is part of what the text says about the group.
    """
    position = start
    while True:
        before = text[:position].rstrip()
        if phrases and before.lower().endswith(phrases):
            return position  # "… snapped up Widget Holdings": the phrase before is a pattern's
        match = re.search(r"([\w’'-]+)$", before)
        if match is None or position - len(before) > 1:
            return position
        word = match.group(1)
        lowered = word.lower()
        if capitalised and not word[:1].isupper() and not word[:1].isdigit():
            return position  # a name's words are capitalised: "research company | Strategy Analytics"
        participle = lowered.endswith("ing") and not word[:1].isupper()
        if participle and re.search(r"\d\s+$", text[:match.start()]):
            participle = False  # after a number an -ing word describes ("193 leading companies")
        if lowered in STOPWORDS or lowered in triggers or participle:
            return position
        position = match.start()
        if word.isdigit():
            quantifier = _QUANTIFIER.search(text[:position])
            if quantifier is not None:
                return quantifier.start()


#: Chinese function characters that end a name when reading leftwards (了, 的, 与 …).
_CJK_FUNCTION = frozenset("了的与在是为及并向对从把被将于已也都就")
_CJK_NAME_MAX = 16


def _extend_left_cjk(text: str, start: int, triggers: tuple[str, ...]) -> int:
    """Start of a Chinese name ending in a cue: back over Han characters and Latin runs such as
    "5G", stopping at function characters and at the words of a pattern (成立, 合作 …)."""
    position = start
    while position > 0 and start - position < _CJK_NAME_MAX:
        ch = text[position - 1]
        if ch in _CJK_FUNCTION or not (_is_cjk(ch) or ch.isalnum()):
            break
        if any(text.endswith(trigger, 0, position) for trigger in triggers):
            break
        position -= 1
    return position


def _extend_right(text: str, end: int) -> int:
    """End of a phrase that goes on with "of" and a name or number ("industrial use of 5G")."""
    match = re.match(r"\s+of\s+(?:[A-Z][\w’'-]*|\d[\w-]*)", text[end:])
    return end + match.end() if match else end


def _singular(text: str) -> str:
    if text.endswith("ies"):
        return text[:-3] + "y"
    if text.endswith("s") and not text.endswith("ss"):
        return text[:-1]
    return text
