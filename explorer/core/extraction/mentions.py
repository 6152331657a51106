"""Mentions of entities in a sentence: known ones by label or alias, likely new ones by cues.

Known entities are matched on folded text (case, accents, full/half width) so "ZHEJIANG" and
"Zhèjiang" meet "Zhejiang"; Chinese labels match inside running Chinese text. New names are
capitalised runs ("Ministry of Industry and Information Technology") and noun phrases headed by a
class cue from the ontology ("a 5G industry alliance", 联盟); "it", "she" and "the alliance" are
read as the entity they most likely refer to, so a fact stated about them reaches that entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from explorer.core.extraction import weaknesses, wordclass
from explorer.core.extraction.counts import counted_kind, counted_phrases, unjudged
from explorer.core.extraction.definites import same_sentence_references
from explorer.core.extraction.lexicon import Lexicon, _is_cjk
from explorer.core.extraction.makers_gear import makers_gear
from explorer.core.extraction.owners import named_owners_things, own_units
from explorer.core.extraction.references import (
    ReferenceReader,
    class_word_after_the,
    counted,
    known_as,
    merge_cues,
    object_it,
    part_of_person,
    possessive_pronouns,
    seated_description,
    second_clause_it,
    sentence_descriptions,
)
from explorer.core.extraction.relatives import asides
from explorer.core.extraction.sites import (
    COUNTRIES,
    PLACE_PARTS,
    firms_of_towns,
    named_sites,
    national_opening,
    place_described,
    places_apart,
    possessed_sites,
    province_names,
    regions_apart,
    site_heads,
    site_nouns_after,
    sited_definites,
)
from explorer.core.extraction.spans import (
    CAPITALISED,
    DESCRIBED_BY_PARTICIPLE,
    LOWER_NEXT,
    MEASURE,
    PHRASE_OPENING,
    PLACE_ADVERBS,
    QUANTIFIER_AFTER,
    ROLE_AFTER,
    Mention,
    Run,
    adverb,
    coordinated_verb,
    extend_left,
    extend_left_cjk,
    extend_right,
    joined_fields,
    opening_plural,
    participle_after_noun,
    participle_before_object,
    passive_by,
    passive_opening,
    place_people,
    plural_head_at_end,
    present_verb,
    quoted,
    relative_that_verbs,
    reporting_verb,
    shared_head,
    singular,
    state_after_object,
    two_names,
    variant_after,
    verb_before_object,
    verb_in_phrase,
    verb_of_clause,
)
from explorer.core.extraction.standard_scopes import scoped_standards
from explorer.core.extraction.technology_phrases import technology_descriptions
from explorer.core.extraction.things import common_noun_things
from explorer.core.extraction.words import (
    COUNT_WORDS,
    GENERIC_PEOPLE,
    GENERIC_THINGS,
    NAME_FIELDS,
    NOT_NAMES,
    STOPWORDS,
    TITLES,
    region_place,
)
from explorer.core.search import normalize
from explorer.core.vocab import KG

ORGANIZATION, ORGANIZATION_GROUP = str(KG.Organization), str(KG.OrganizationGroup)
#: what shows a name of no known class to be a place's: "in"/"at" before it, or "-based" after it ("a Hangzhou-based unit")
_PLACE_BEFORE, _BASED = re.compile(r"(?<![\w-])(?:in|at|near)\s+$", re.IGNORECASE), re.compile(r"(?<![\w-])([A-Z][a-z]+)-based\b")
PLATFORM, PLATFORM_GROUP, GROUP = str(KG.IndustrialInternetPlatform), str(KG.PlatformGroup), str(KG.Group)

#: A word that opens a clause's verb after its subject ("Phishing crews | had targeted …").
_AUXILIARY = re.compile(r"had|have|has|were|are|was|is|could|can|will|would|may|might|must|should|also|now|still|said")
#: A year after a name, then the name's end: "… Threat Landscape | 2024,".
_TITLE_YEAR = re.compile(r"\s+(?:19|20)\d\d(?=[,.;:\"”)]|\s+(?:report|study|review|survey|warned|found|said)\b)")
#: What opens a report's title: "titled", "entitled", "called", or an opening quotation mark.
_TITLING = re.compile(r"(?:(?<![\w-])(?:titled|entitled|called)\s+|[\"“])$")
_TITLE_HEADS = frozenset(["report", "review", "outlook", "landscape", "assessment", "survey", "study", "index", "threats",
                          "security", "paper", "bulletin", "yearbook", "barometer", "monitor", "trends", "risks"])
_TITLE_BEFORE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(TITLES)) + r")\.?\s+$", re.IGNORECASE)
PERSON, RESEARCH = str(KG.Person), str(KG.ResearchInstitute)

#: A technology's name hyphened to a participle ("5G-guided", "AI-driven") opens a noun phrase.
_TECH_COMPOUND = re.compile(r"(?:\d+G|[A-Z]{2,})-[a-z]+$")
#: What follows a verb or participle opening a sentence ("Compared with", "Founded in 2010", "Looking ahead").
_VERB_FOLLOWS = re.compile(r"\s+(?:with|at|on|in|to|from|for|by|the|a|an|about|ahead|up|out|over|into|its|their)\b")
#: A verb right after a sentence's first word makes that word its subject ("Geely has …"), not an adverb ("Notably, …").
_SUBJECT_VERB = re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|can|could|said|says|also|[a-z]+ed)\b")
#: A body named by two fields joined with "and" after an article or a possessive ("the science and | technology commission").
_JOINED_FIELD = re.compile(r"(?<![\w-])(?:the|[a-z]+['’]s)\s+([a-z]+)\s+and\s+$", re.IGNORECASE)
_PLACE_KIND_AFTER = re.compile(r"\s+(?:county|district|prefecture|province|township|town|village)(?![\w'’-])")
#: Adjectives that judge or date a thing, no kind of it ("cheap 4G modems" are 4G modems).
_EVALUATIVE = frozenset(["cheap", "new", "old", "older", "newer", "existing", "several", "other", "more", "many", "some"])
_SUPPLIED_BY = re.compile(r"\s+(?:supplied|built|developed|made|provided|installed|deployed|designed|produced)\s+by\s")
_NEXT_WORD = re.compile(r"\s*(\d+(?:,\d{3})+-[\w’'-]+|[\w’'-]+)")  # a measure keeps its thousands ("2,000-megawatt")
_TOKEN = re.compile(r"[A-Za-z0-9][\w'’&.-]*|[\u3400-\u9fff]+", re.UNICODE)


@dataclass(frozen=True)
class KnownEntity:
    iri: str
    label: str
    cls: str | None


def counted_name(text: str, start: int, words: list[str]) -> bool:
    """"Forty Hikvision cameras …": a count opening a sentence counts the things a one-word name makes, and is no part of
    the name ("Three Gorges Renewables" is one)."""
    after = re.match(r"\s+([a-z]+)", text[start + len(" ".join(words)):]) if len(words) == 2 else None
    return start == 0 and words[0].lower() in COUNT_WORDS and after is not None and wordclass.plural(after.group(1)) is True


class MentionFinder:
    """Finds mentions in sentences of one document, remembering what came before for references."""

    def __init__(self, lexicon: Lexicon, known: Iterable[KnownEntity] = ()) -> None:
        self.lexicon = lexicon
        self._latin: dict[str, list[KnownEntity]] = {}
        self._cjk: dict[str, list[KnownEntity]] = {}
        self._longest, self._last_text = 1, ""
        for entity in known:
            folded = normalize(entity.label)
            if folded and _is_cjk(folded) and " " not in folded:
                self._cjk.setdefault(folded, []).append(entity)
            elif folded:
                self._latin.setdefault(folded, []).append(entity)
                self._longest = max(self._longest, len(folded.split()))
        self._history: list[Mention] = []
        self._last_sentence: list[Mention] = []
        #: Names of no known class the text put after "in"/"at" or before "-based" (places of no known kind).
        self._placed: set[str] = set()
        #: Classes a new name was given by the facts it took part in (see ``infer_class``).
        self._inferred: dict[str, str] = {}
        # Words that state a property never belong to a noun phrase ("established a …"). The first word of a pattern is
        # its verb or preposition ("set" up, "teamed" up with); later words may be names ("'s Zhejiang branch").
        self._triggers = frozenset(pattern.words.split()[0].lower() for pattern in lexicon.patterns if pattern.words.split())
        # a word that only opens longer patterns ("main" of "main driver for") is a trigger only where one follows
        self._opening_only = {word: [p.regex for p in lexicon.patterns if p.words.split()[0].lower() == word]
                              for word in self._triggers
                              if all(len(p.words.split()) > 1 for p in lexicon.patterns if p.words.split()[0].lower() == word)}
        self._phrases = tuple(sorted({p.words.lower() for p in lexicon.patterns if len(p.words.split()) > 1 and p.words.isascii()},
                                     key=len, reverse=True))
        # an -ing word that is a class word is a noun ("phishing attacks"), not a participle
        self._cue_words = frozenset(cue.words.lower() for cue in lexicon.cues if " " not in cue.words)
        # "-based", "-enabled": a hyphened word opening a capitalised run says something of the name after it
        self._compound_suffixes = tuple(p.words.lower() for p in lexicon.patterns if p.words.startswith("-"))
        # "Acme's Yingkou yard": heads of "'s …" patterns whose object is no organization name a thing of its own
        organization = str(KG.Organization)
        self._site_heads = frozenset(p.words.split()[1].lower() for p in lexicon.patterns
                                     if p.words.startswith(("'s ", "’s ")) and len(p.words.split()) == 2
                                     and not all(lexicon.is_a(c, [organization]) for c in p.range or [organization]))
        # "Alibaba's logistics arm": a unit a possessive names by a relation's word (its label keeps the owner)
        self._unit_heads = frozenset(p.words.split()[1].lower() for p in lexicon.patterns
                                     if p.words.startswith(("'s ", "’s ")) and len(p.words.split()) == 2) - self._site_heads
        self._sites = site_heads(lexicon)
        self._site_nouns_after = site_nouns_after(self._sites)
        self._references = ReferenceReader(lexicon, self._cue_class, self._triggers, self._unit_heads, self._sites | PLACE_PARTS)
        # "branch" of "branch of": a relation's noun that is also a class word names a unit ("the Harbin branch of X")
        self._unit_nouns = frozenset(p.words.split()[0].lower() for p in lexicon.patterns
                                     if len(p.words.split()) == 2 and p.words.lower().endswith(" of")
                                     and p.words.split()[0].lower() in self._cue_words)
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
                for candidate in (normalize(span), normalize(singular(span))):
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
        """The class of the cue nearest the end of the phrase, or of "of": a name's head decides ("Shanghai International
        Port Group" is a company, not a port; "Alliance of Industrial Internet" an alliance)."""
        best: tuple[bool, int, int, str] | None = None
        for cue in self.lexicon.cues:
            for match in cue.regex.finditer(phrase):
                rank = (match.end() <= phrase.find(" of ") % (len(phrase) + 1), match.end(), match.end() - match.start())
                if best is None or rank > best[:3]:
                    best = (*rank, cue.cls)
        return best[3] if best else None

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
            own = [word for word in before if word.lower() not in NOT_NAMES] or before
            # A class word after "and" ends a name of two joined parts ("Hubei Oil and Gas Group"), unless the part before
            # "and" is a name of its own: one word ("Tencent and Baosteel Group") or words holding a class word.
            # "Hainan Port and Shipping Holding": a place's word before "and" and an organization's word ending the run
            # name one organization of two fields
            one_body = self.lexicon.is_a(self._cue_class(right.split()[-1]) if right else None, [ORGANIZATION]) is True \
                and self.lexicon.is_a(self._cue_class(before[-1]), [ORGANIZATION]) is False
            fields = joined_fields(before, right, text[right_start + len(right):end])
            if fields:
                continue  # "Research and Development Centre", "Oil and Gas Group": two fields' words joined in one name
            if (len(before) == 1 and len(right.split()) == 1) or (self._cue_class(before[-1]) and not one_body) \
                    or (self._cue_class(right) and not one_body and (len(own) == 1 or self._cue_class(" ".join(own)))) \
                    or normalize(text[begin:left_end]) in self._latin or normalize(right) in self._latin \
                    or (len(right.split()) == 1 and right.lower() not in NAME_FIELDS and self._cue_class(" ".join(own))) \
                    or two_names(own, right.split(), self._cue_class(right) is not None):
                parts.append((begin, left_end))
                begin = right_start
        parts.append((begin, end))
        return parts

    def _names(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        runs = [part for match in CAPITALISED.finditer(text) for part in self._coordinated(text, *match.span())]
        for run_start, run_end in runs:
            match = Run(text, run_start, run_end)
            words, start = match.group().split(), match.start()
            # Drop leading sentence words ("The", "For") and nationality adjectives, not one naming a national academy
            while words and (words[0].lower() in NOT_NAMES or words[0].lower().rstrip("’'s") in NOT_NAMES
                             or counted_name(text, start, words)) and not (
                    national_opening(words) and self._cue_class(words[1]) == RESEARCH):
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
                words = words[1:]
            if len(words) > 1 and "-" in words[0] and words[0].lower().endswith(self._compound_suffixes):
                start = text.index(words[1], start + len(words[0]))  # "Xi'an-based | Sungrow Group"
                words = words[1:]
            titled = False
            while words and words[0].lower().rstrip(".") in TITLES:
                titled = True
                start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
                words = words[1:]
            titled = titled or bool(_TITLE_BEFORE.search(text[:start]))
            while words and words[-1].lower() in STOPWORDS:
                words = words[:-1]
            if len(words) == 1 and start == 0 and ((words[0].endswith("ly") and not _SUBJECT_VERB.match(text, len(words[0]))) or (
                    re.search(r"(?:ed|ing)$", words[0]) and _VERB_FOLLOWS.match(text, len(words[0]))) or opening_plural(text)):
                continue  # a sentence opening with a verb, an adverb or a plural noun ("Compared with …"), not "Chongqing, …"
            if not words or all(word.isdigit() for word in words):  # "October 14": a date, no name
                continue
            following = re.match(r"\s+([a-z]+)", text[start + len(words[0]):]) if start == 0 else None
            if len(words) == 1 and (singular(words[0].lower()) in GENERIC_PEOPLE
                                    or (following is not None and singular(following.group(1)) in GENERIC_PEOPLE)):
                continue  # "Experts warned", "Security researchers at …": people spoken of generically
            # the end of the last word kept, counted by words ("Dalian Container Terminal Co" ends on "Co", not in "Container")
            name = text[start:start + list(re.finditer(r"\S+", text[start:match.end()]))[len(words) - 1].end()]
            possessive = name.endswith(("'s", "’s"))
            if possessive:
                name = name[:-2]
            elif (kind := _PLACE_KIND_AFTER.match(text, start + len(name))) is not None:
                name = text[start:kind.end()]  # "in Gyaca county", "Minhang district": the kind of place is part of its name
            elif (year := _TITLE_YEAR.match(text, start + len(name))) is not None \
                    and (_TITLING.search(text[:start]) or name.split()[-1].lower() in _TITLE_HEADS):
                name = text[start:year.end()]  # "titled Energy ICS Threat Landscape 2024,": a report's year ends its title
            if len(words) == 1 and words[0].lower() in STOPWORDS:
                continue
            # "Zhang Lei, director of …", "Lin Hua, an associate professor at …": a role says it is a person
            cls = PERSON if titled or (ROLE_AFTER.match(text, start + len(name)) and " " in name) else self._cue_class(name)
            found.append(Mention(start, start + len(name), name, None, cls, region_place(name), "name"))
        return found

    def _named_units(self, text: str) -> list[Mention]:
        """"the Harbin branch of China Unicom": a unit the words of a relation ("branch of", "subsidiary of") name,
        with the place or name that tells it apart, is one organization (``constructions.named_units`` relates it)."""
        nouns = "|".join(sorted(re.escape(w) for w in self._unit_nouns))
        if not nouns:
            return []
        pattern = (rf"(?<![\w-])the\s+((?:[A-Z][\w’'-]*\s+){{1,2}}(?:{nouns})\s+of\s+"
                   rf"(?:the\s+)?[A-Z][\w&’'-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w&’'-]*)*)")
        return [Mention(m.start(1), m.end(1), m.group(1), None, ORGANIZATION, m.group(1), "unit")
                for m in re.finditer(pattern, text)]

    def infer_class(self, mention: Mention, cls: str) -> Mention:
        """A new name with no class of its own takes the one a fact's domain or range demands ("Liu,
        from the Academy" is a person): later mentions of it, and "she", then know it."""
        if mention.iri is not None or mention.cls is not None:
            return mention
        self._inferred[mention.key] = cls
        self._history = [replace(m, cls=cls) if m.key == mention.key and m.cls is None else m for m in self._history]
        return replace(mention, cls=cls)

    def infer_classes(self, predicate: str, subject: Mention, obj: Mention) -> tuple[Mention, Mention]:
        """A fact's new names with no class take the one class the property demands of each end (``infer_class``)."""
        domain, range_ = self.lexicon.ends(predicate)
        entity, location = str(KG.Entity), str(KG.Location)
        if len(domain) == 1 and entity not in domain:
            subject = self.infer_class(subject, next(iter(domain)))
        if len(range_) == 1 and entity not in range_:
            # what a thing is located in, named with no word of its kind, is a place ("Shahe"); a site has its head noun
            obj = self.infer_class(obj, str(KG.Place) if range_ == {location} else next(iter(range_)))
        return subject, obj

    def recall(self, label: str) -> Mention | None:
        """The new thing named earlier in the document as ``label``, in the singular or the plural ("5G phone"
        after "5G phones"), so that one thing keeps one name."""
        wanted = singular(normalize(label))
        return next((m for m in reversed(self._history) if m.iri is None and singular(normalize(m.label or m.text)) == wanted), None)

    def named_so_far(self) -> tuple[Mention, ...]:
        """What the document named before, in reading order (references are read as what they stand for)."""
        return tuple(self._history)

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
                    start = extend_left_cjk(text, match.start(), self._cjk_triggers)
                    found.append(Mention(start, match.end(), text[start:match.end()], None, cue.cls,
                                         text[start:match.end()], "cue"))
                    continue
                start = extend_left(text, match.start(), self._triggers - self._opening_only.keys(), self._phrases,
                                     capitalised=match.group()[:1].isupper() or match.group()[:1].isdigit(),
                                     nouns=self._cue_words)
                start = weaknesses.name_start(self.lexicon, cue.cls, text, start, match.start())  # "use | default passwords"
                joined = _JOINED_FIELD.search(text[:start])
                if joined is not None and not match.group()[:1].isupper() and self.lexicon.is_a(cue.cls, [ORGANIZATION]):
                    start = joined.start(1)  # "the city's economy and information technology commission": one body
                end = extend_right(text, match.end())
                opening = re.match(r"\S+\s+", text[start:match.start()])
                if match.group()[:1].isupper() and opening and opening.group().rstrip().lower().endswith(self._compound_suffixes):
                    start += opening.end()  # "Xi'an-based | Sungrow Group": the compound is said of the name
                phrase = text[start:end]
                # "CETC's cybersecurity institute": a unit described in common nouns after its owner is named by them
                # (the owner's relation, where a pattern names it, is read by ``constructions.possessives``)
                own = re.fullmatch(r"([A-Z][^,]*?)['’]s\s+([a-z][a-z\s-]*)", phrase)
                if own is not None and not self.lexicon.is_a(self._cue_class(own.group(1)), [ORGANIZATION]):
                    own = None  # "China's telecom companies": a place's keep its name
                found.append(Mention(start, end, phrase, None, cue.cls, own.group(2) if own else phrase, "cue"))
        return found

    def _joined_site(self, text: str, position: int) -> bool:
        """Whether the words at ``position`` (after "and") run on, with no article, to a site's head: "(a walnut and)
        olive-oil processing plant", "(a potash and) lithium carbonate plant" ("a graphite mine and | purification
        plant" are two sites: the caller checks the word before "and")."""
        for index, word in enumerate(re.findall(r"[\w-]+|[^\w\s]", text[position:])[:4]):
            if not word[:1].islower() or word in STOPWORDS:
                return False
            if index > 0 and singular(word) in self._sites | PLACE_PARTS:
                return True
        return False

    def _indefinite_phrases(self, text: str) -> list[Mention]:
        """"a 5G private network", "an innovation lab": a noun phrase after "a" or "an" introduces a
        thing, whatever its class (the cue of its head gives one when the ontology has it). It runs
        to the first function word, verb of a pattern or punctuation ("a coal mine | in Dazhou")."""
        found: list[Mention] = []
        # "signed a cooperation agreement with": an article inside a pattern's words introduces nothing
        inside = [m.span() for pattern in self.lexicon.patterns if pattern.words.isascii() and " " in pattern.words
                  for m in pattern.regex.finditer(text)]
        for match in re.finditer(r"(?<![\w-])(?:a|an)\s+", text, re.IGNORECASE):
            if any(s <= match.start() < e for s, e in inside):
                continue
            words: list[tuple[int, int]] = []
            # (a number keeps its thousands: "a 40,000-square-metre site")
            for word in re.finditer(r"(\d{1,3}(?:,\d{3})+(?:-[\w-]+)?|[\w’'-]+)(\s+|$|(?=[,.;:!?\"”)]))", text[match.end():]):
                token = word.group(1)
                lowered = token.lower()
                gerund = lowered.endswith("ing") and words == [] and not self._modifies(text, match.end() + word.end())
                if lowered == "and" and len(words) in (1, 2) and self._joined_site(text, match.end() + word.end()) \
                        and singular(text[slice(*words[-1])].lower()) not in self._sites | PLACE_PARTS:
                    continue  # "a walnut and olive-oil processing plant": two trades of one site
                if lowered in STOPWORDS or self._trigger_at(text, match.end() + word.start(1), lowered) \
                        or adverb(lowered) or gerund or (words and lowered in PLACE_ADVERBS) \
                        or (words and participle_after_noun(lowered, text, match.end() + word.end(1), self._cue_words)) \
                        or passive_by(lowered, text, match.end() + word.end(1)) \
                        or verb_in_phrase(text, match.end() + word.start(1), match.end() + word.end(1), after_noun=bool(words)):
                    break
                words.append((match.end() + word.start(1), match.end() + word.end(1)))
                if len(words) == 6 or not word.group(2) or text[match.end() + word.end(1):][:1] in ",.;:":
                    break
            if not words or not text[words[-1][0]].isalpha() or text[words[-1][0]].isupper():
                continue
            start, end = words[0][0], words[-1][1]
            phrase = text[start:end]
            if len(words) > 1 or phrase.lower() not in GENERIC_THINGS:
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
        # after "that", "its"/"their" ("at its | compressor plant"), a preposition ("for | steel mills"), "these"/"those"
        openings = sorted(ends | {m.end() for m in PHRASE_OPENING.finditer(text) if not any(s < m.end() < e for s, e in spans)}
                          # "is testing 5G-linked cameras": a technology hyphened to a participle opens a phrase anywhere
                          | {m.start() for m in re.finditer(r"(?<![\w-])(?:\d+G|[A-Z]{2,})-[a-z]+ed\s", text)}
                          # "wanted 5G sensors", "its own 5G network": a generation of mobile network before a noun opens one
                          | {m.start() for m in re.finditer(r"(?<![\w-])\d+G\s+(?=[a-z])", text)})
        found: list[Mention] = self._sentence_opening(text) + counted_phrases(
            text, self._bare_phrase_at, self._head_class, lambda cls: self.lexicon.is_a(cls, [ORGANIZATION]) is True,
            self._sites, self._triggers)
        relative = relative_that_verbs(text, self._triggers)
        for opening in openings:
            if opening in relative:  # "… that lift | engine blocks": the verb's object opens the phrase
                if (objects_at := relative[opening]) is None:
                    continue  # a pattern's verb reads its own object
                opening = objects_at
            # "… that many refineries run on": a quantifier opens the phrase, it is no part of it
            quantifier = QUANTIFIER_AFTER.match(text, opening)
            position = quantifier.end() if quantifier else opening
            while True:
                phrase = self._bare_phrase_at(text, position)
                if phrase is None:
                    break
                found.append(phrase)
                joint = re.match(r"\s+(?:and|or)\s+(?:other\s+)?", text[phrase.end:])
                if joint is None:
                    break
                position = phrase.end + joint.end()
                if (verb := coordinated_verb(text, phrase.start, position)) is not None:
                    # "encrypting its servers and | causing delays": a second verb like the first, then its own object
                    position = verb
                    continue
                following = self._bare_phrase_at(text, position)
                if following is not None and re.match(r"\s+to\s+(?!be\s|the\s|an?\s|its\s|their\s)[a-z]", text[following.end:]):
                    break  # "… standards and plans to set up": a verb goes on, not the list ("… and AGVs to BMW" goes on)
        return found

    def _sentence_opening(self, text: str) -> list[Mention]:
        """"Dyeing plants in Hebei were hit", "Many plant systems still run on …": a sentence may open
        with a bare noun phrase (after a quantifier), capitalised only because it opens the sentence."""
        described = re.match(r"(?:(?:In|Inside|At|On|Across|Along|After|During|Within|Near)\s[^,]{1,60},\s+)?[Tt]he\s+(?=[a-z])", text)
        if described is not None:
            # "The edge cloud behind the robots was deployed by …": a thing described at a sentence's opening that
            # nothing before named (a reference to one is read by the references) is the clause's subject
            phrase = self._bare_phrase_at(text, described.end())
            if phrase is None:
                return passive_opening(text, described.end(), self._triggers, self._cue_class)
            if self._cue_class(phrase.text.split()[0]) is not None:
                return []  # "The carmaker then …": a description, read as a reference
            words = phrase.text.split()
            if len(words) == 1 and DESCRIBED_BY_PARTICIPLE.match(text, phrase.end):
                return [phrase]  # "The trucks, supplied by XCMG, run on …": the aside says what they are
            # two or three words that end where a function word follows, none of them a verb in -s before the head
            if not 2 <= len(words) <= 3 or any((w.endswith(("s", "'", "’")) and not w.endswith(("ous", "ss", "us", "is")))
                                               or "'" in w or "’" in w for w in words[:-1]) \
                    or not (re.match(r"\s+(?:behind|in|at|of|for|on|from|with|was|were|is|are|has|have|had|will),?\s", text[phrase.end:])
                            or self._verb_follows(text, phrase.end)):
                return []
            return [phrase]
        opening = re.match(r"(?:(?:many|some|most|several|all|such|few|other)\s+)?(?=[A-Z][a-z])", text, re.IGNORECASE)
        if opening is None:
            return []
        first, following, after_that = [*text[opening.end():].lower().split(" ", 3), "", ""][:3]
        if first in NOT_NAMES:
            return []
        if not (wordclass.known(first) or opening.group()) and "VERB" in wordclass.parts(following.strip(",.;:")) \
                and not _AUXILIARY.fullmatch(after_that.strip(",.;:")):
            # "Midea makes air conditioners": a word English does not have, then one that may be a verb before its object,
            # is a name and its verb ("Lidar sensors watch …", "Phishing crews had …" open on a noun phrase)
            return []
        at = opening.end()
        phrase = self._bare_phrase_at(text[:at] + text[at].lower() + text[at + 1:], at)
        # "Drones and legged robots now patrol …": a plural joined to a lower-case phrase is a thing, and so is that phrase
        joint = re.match(r"\s+(?:and|or)\s+(?=[a-z])", text[phrase.end:]) if phrase is not None else None
        second = self._bare_phrase_at(text, phrase.end + joint.end()) if phrase is not None and joint is not None else None
        if phrase is None or (" " not in phrase.text and not opening.group() and not opening_plural(text) and second is None):
            return []  # one capitalised word alone is read as a name, a plural before a preposition as a thing
        shown = text[phrase.start:phrase.end]  # one word keeps its capital ("Sensors in mills …")
        return [replace(phrase, text=shown, label=shown if " " not in shown else phrase.label)] + ([second] if second else [])

    def _verb_follows(self, text: str, end: int) -> bool:
        """"The autonomous driving system | comes from X": a pattern's words right after a described opening."""
        word = re.match(r"\s+([a-z]+)", text[end:])
        return word is not None and self._trigger_at(text, end + word.start(1), word.group(1))

    def _bare_phrase_at(self, text: str, position: int) -> Mention | None:
        return shared_head(text, position, self._plain_phrase_at) or self._plain_phrase_at(text, position)

    def _plain_phrase_at(self, text: str, position: int) -> Mention | None:
        """The bare noun phrase at ``position``; it may open with an -ing word that modifies a noun ("dyeing plants")."""
        words: list[tuple[int, int]] = []
        while len(words) < 5:
            word = _NEXT_WORD.match(text, position)
            if word is None:
                break
            token, lowered = word.group(1), word.group(1).lower()
            # a technology's name ("5G coverage", "5G-guided forklifts") or an acronym ("PLC firmware") may open a phrase
            opens = token[:1].islower() or (not words and (_TECH_COMPOUND.match(token) is not None
                                                           or re.fullmatch(r"\d+G|[A-Z]{2,5}", token) is not None)) \
                or ((MEASURE.fullmatch(token) or (words and variant_after(text[slice(*words[-1])], token, len(words))))
                    and LOWER_NEXT.match(text, word.end()) is not None)  # "5G RedCap | modules", "2,000-megawatt | plant"
            if not opens or lowered in STOPWORDS or (self._trigger_at(text, word.start(1), lowered)
                                                     and not (words and plural_head_at_end(lowered, text, word.end()))) or adverb(lowered) \
                    or (words and lowered in PLACE_ADVERBS) or (words and state_after_object(lowered, text, word.end())) \
                    or (not words and lowered.endswith("ing") and not self._modifies(text, word.end())) \
                    or (words and participle_before_object(lowered, text, word.end())) \
                    or passive_by(lowered, text, word.end()) or verb_in_phrase(text, *word.span(1), after_noun=bool(words)):
                break
            if not words and (verb_before_object(token, text, word.end()) or verb_of_clause(text, word) or (
                    present_verb(lowered) and any(end == word.start(1) - 1 for _start, end, _r in asides(text)))):
                # "…, uses | explosion-proof handsets": a verb's present before its object opens no phrase; the object does
                # ("The network, which uses base stations, | links vibration sensors": the comma closing an aside stands
                # before the verb of the clause it sits in)
                position = word.end()
                continue
            if words and all(text[slice(*w)].lower() in _EVALUATIVE for w in words) and re.fullmatch(r"\d+G", token):
                words = []  # "cheap | 4G modems": what the writer thinks of them is no part of the kind
            words.append(word.span(1))
            position = word.end()
        if not words or (len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}", text[slice(*words[0])])):
            return None  # an acronym alone is a name
        start, end = words[0][0], words[-1][1]
        phrase = text[start:end]
        last = phrase.split()[-1].lower()
        if singular(last) in GENERIC_PEOPLE or (len(words) == 1 and singular(last) in GENERIC_THINGS):
            return None
        if len(words) == 1 and (last.endswith(("ing", "ss")) or not last.endswith("s")) and not _SUPPLIED_BY.match(text, end):
            return None  # one bare singular word is a quality or an activity ("boost efficiency"), not a thing ("encryption
            # supplied by X" is one)
        return Mention(start, end, phrase, None, self._head_class(phrase), phrase, "phrase")

    def _trigger_at(self, text: str, position: int, word: str) -> bool:
        """Whether ``word`` at ``position`` opens a pattern's words (and so ends a noun phrase)."""
        if word not in self._triggers:
            return False
        regexes = self._opening_only.get(word)
        return regexes is None or any(regex.match(text, position) for regex in regexes)

    def _modifies(self, text: str, end: int) -> bool:
        """"a weaving mill", "a dyeing workshop": an -ing word after an article modifies the noun that
        follows it (a word of no pattern, no function word)."""
        following = _NEXT_WORD.match(text, end)
        if following is None or not following.group(1)[:1].islower():
            return False
        word = following.group(1).lower()
        # ("a counterfeiting ring": a noun that only ends in -ing is no participle)
        return word not in STOPWORDS and word not in self._triggers and not adverb(word) and not word.endswith("ed") \
            and not (word.endswith("ing") and wordclass.inflected_verb(word))

    def named(self, name: str, start: int, cls: str | None = None) -> Mention:
        """The mention of ``name`` standing at ``start``: the known entity of that label, else a new one."""
        known = self._latin.get(normalize(name)) or self._cjk.get(normalize(name))
        if known:
            return Mention(start, start + len(name), name, known[0].iri, known[0].cls, known[0].label)
        return Mention(start, start + len(name), name, None, cls or self._cue_class(name), name, "name")

    def find(self, text: str, previous_subject: Mention | None = None, extra: Iterable[Mention] = ()) -> list[Mention]:
        """Mentions in one sentence, longest first where they overlap, in reading order. ``extra``
        candidates (an NER pipeline's) fill only spans that nothing of our own covers."""
        # a possessed site before the cue phrase of the same span: it keeps its own name
        candidates = self._known(text) + possessed_sites(text, self._site_heads, self._head_class)
        candidates += [replace(m, label=m.text, cls=ORGANIZATION) for m in possessed_sites(text, self._unit_heads, self._head_class)
                       if m.via == "cue" and m.cls is None]
        candidates += own_units(text) + self._named_units(text) + named_owners_things(
            text, self._bare_phrase_at, self._triggers, self.place_name)
        candidates += self._names(text) + makers_gear(text, self.place_name)
        candidates += self._cue_phrases(text)
        candidates += self._indefinite_phrases(text)
        candidates += self._bare_phrases(text) + quoted(text) + technology_descriptions(text, self._history, self._bare_phrase_at)
        candidates += common_noun_things(text, self._bare_phrase_at, self._head_class, self._sites, self._history, self.lexicon)
        candidates += place_described(text, self._site_heads, self._triggers, self._cue_class, self._head_class)
        candidates += sited_definites(self.lexicon, text, STOPWORDS | self._triggers)
        # "Hefei's Xinqiao area", "Hangzhou's Hikvision": the place and its part or its body, never one name spanning both
        candidates = places_apart(text, candidates, lambda name, at: self.place_name(name) or _PLACE_BEFORE.search(text[:at]) is not None,
                                  lambda name: self.lexicon.is_a(self._cue_class(name), [str(KG.GovernmentAgency), str(KG.Place)]) is True)
        openers = {(m.label or m.text).split()[0] for m in self._history if m.via in ("name", "label") and " " in m.text}
        candidates += [Mention(s, e, text[s:e], None, ORGANIZATION_GROUP, text[s:e], "name") for s, e in place_people(text, openers)]
        candidates += self._references.references(text, self._history, previous_subject, self._last_sentence, self._last_text)
        candidates = regions_apart(text, candidates)  # "the northern Henan city of Anyang": Henan, and Anyang
        # The longer span wins ("a 5G industry alliance", not the known "5G"); at equal length a known entity.
        rank = {"label": 0, "definite": 1, "pronoun": 1, "name": 2, "cue": 2, "unit": 2, "phrase": 3}
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
        # names the finder cut short or ran on: "the Dounan Flower market", "Dahua Technology of Hangzhou"
        chosen = province_names(firms_of_towns(named_sites(self.lexicon, text, chosen, self._site_nouns_after, self._head_class),
                                               self.place_name, self._head_class))
        chosen = [self._references.bare_cue_reference(m, self._history) for m in merge_cues(scoped_standards(chosen, text), text)]
        chosen = [replace(m, cls=self._inferred[m.key]) if m.cls is None and m.key in self._inferred else m
                  for m in chosen]
        chosen = [part_of_person(unjudged(counted_kind(self.lexicon, m)), self._history) for m in chosen]
        chosen = self._appositions(self._references.appositions(text, known_as(text, chosen)))
        chosen = possessive_pronouns(self.lexicon, text, [counted(self.lexicon, m) for m in same_sentence_references(text, chosen)],
                                     self._last_sentence)
        chosen = object_it(text, second_clause_it(text, sentence_descriptions(self.lexicon, text, chosen)),
                           self._last_text, self._last_sentence)
        chosen = [m for m in chosen if (m.iri is not None or m.label is not None or m.via != "pronoun") and not reporting_verb(text, m)]
        # a bare class word after "the" that found no antecedent ("in the province") introduces nothing to refer back to
        self._history.extend(m for m in chosen if (m.via in ("label", "name", "cue", "phrase", "ner", "unit") or seated_description(m))
                             and not class_word_after_the(m, text))
        self._last_sentence, self._last_text = chosen, text
        self._placed.update([m.key for m in chosen if m.via == "name" and m.cls is None and _PLACE_BEFORE.search(text[:m.start])]
                            + [f"new:{normalize(m.group(1))}" for m in _BASED.finditer(text)])
        return chosen

    def place_name(self, name: str) -> bool:
        """A country, a name with a place's class (by its class word or a fact), or one put after "in"/"at" or before "-based"."""
        folded = normalize(name)
        return folded in COUNTRIES or f"new:{folded}" in self._placed or any(self.lexicon.is_a(cls, [str(KG.Place)]) is True for cls in (
            self._cue_class(name), self._inferred.get(f"new:{folded}"), *(e.cls for e in self._latin.get(folded, ()))))

    def _appositions(self, mentions: list[Mention]) -> list[Mention]:
        """A name a description in apposition gave a class keeps it in later sentences ("the company" finds it)."""
        for mention in mentions:
            if mention.via == "name" and mention.cls is not None and mention.iri is None and mention.key not in self._inferred \
                    and self._cue_class(mention.text) is None:
                self._inferred[mention.key] = mention.cls
        return mentions
