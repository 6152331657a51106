"""What the ontology says about words: trigger patterns per property, name cues per class.

Both live in the ontology as annotations, so an analyst extends them in Turtle without code:

- ``kg:lexicalPattern`` on a property: words an article uses to state it ("set up", "partnered
  with", 成立). ``{o}`` in a pattern marks where the object stands when it is not after the words:
  "{o} such as" reads the object first, "与{o}合作" has it between the words.
- ``kg:nameCue`` on a class: words that mark a name as one of its members ("Ministry", "alliance",
  "Co., Ltd", 公司). A cue ending in a space-less CJK character matches inside Chinese names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from explorer.core.extraction.words import LY_ADJECTIVES
from explorer.core.vocab import ONTOLOGY_IRI

LEXICAL_PATTERN = URIRef(ONTOLOGY_IRI + "lexicalPattern")
NAME_CUE = URIRef(ONTOLOGY_IRI + "nameCue")
EXPOSURE_DIRECTION = URIRef(ONTOLOGY_IRI + "exposureDirection")


PREPOSITIONS = frozenset(["in", "at", "on", "of", "from", "by", "to", "for", "with", "near", "like", "as", "into", "via", "inside"])
#: One-word patterns that link only what stands right beside them: prepositions, and words as loose as
#: one ("said" reports anything; "need" and "hit" are nouns as often as verbs).
_WEAK_WORDS = PREPOSITIONS | {"said", "says", "need", "hit"}


@dataclass(frozen=True)
class PropertyPattern:
    """One trigger of one property."""

    predicate: str
    words: str
    object_first: bool
    domain: frozenset[str]
    range: frozenset[str]
    regex: re.Pattern[str] = field(compare=False, hash=False, repr=False)
    #: For "与{o}合作": the words that must follow the object (the object stands between).
    closing: re.Pattern[str] | None = field(default=None, compare=False, hash=False, repr=False)
    #: A present tense derived from a declared past ("builds" from "built"): it may tell what is done habitually.
    habitual: bool = False
    #: A loose word ("hit") read as the verb it is after a subject of the property's domain ("ransomware hit …").
    as_verb: bool = False

    @property
    def weak(self) -> bool:
        """A bare preposition such as "in": it fires only between two named things of fitting classes.
        A short verb ("owns", "runs") is no preposition: it links what it governs."""
        if self.as_verb:
            return False
        if self.words.isascii():
            return len(self.words.split()) == 1 and (self.words.lower() in _WEAK_WORDS or not self.words.isalpha())
        return len(self.words) == 1  # one Chinese character: 在, 以, 据

    @property
    def punctuation(self) -> bool:
        """A pattern of punctuation only, such as the comma of "Ningbo, Zhejiang province"."""
        return not any(ch.isalnum() for ch in self.words)


@dataclass(frozen=True)
class ClassCue:
    cls: str
    words: str
    regex: re.Pattern[str] = field(compare=False, hash=False, repr=False)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


#: An adverb between a verb and the word it governs ("relies heavily on", "developed jointly by"), or the time of a
#: passive before its agent ("founded in 2020 by"): read as no part of the pattern's words.
_INSERTED = (r"(?:\s+(?!(?:" + "|".join(sorted(LY_ADJECTIVES)) + r")\b)[a-z]+ly"
             r"|\s+(?:in|on)\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October"
             r"|November|December)(?:\s+(?:19|20)\d\d)?)?")


def _words_regex(words: str) -> re.Pattern[str]:
    """A case-insensitive regex for a phrase: flexible spaces, word boundaries outside CJK. Between a verb and the
    preposition that ends a pattern ("relies on", "built by") an adverb or a time may stand."""
    parts = [re.escape(part) for part in words.split()]
    if len(parts) in (2, 3) and words.isascii() and parts[-1].lower() in PREPOSITIONS \
            and all(part.isalpha() and part.islower() for part in parts[:-1]) and parts[-2].lower() not in ("a", "an", "the"):
        verb = r"\s+".join(parts[:-1])
        return re.compile(rf"(?<![\w-]){verb}{_INSERTED}\s+{parts[-1]}(?![\w-])", re.IGNORECASE)
    body = r"\s+".join(parts)
    if not any(ch.isalnum() for ch in words):
        return re.compile(body)
    if _is_cjk(words):
        return re.compile(body)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


@dataclass
class Lexicon:
    """The patterns and cues of one ontology, with the class tree to check domains and ranges."""

    patterns: list[PropertyPattern]
    cues: list[ClassCue]
    superclasses: dict[str, frozenset[str]]
    labels: dict[str, str]
    #: Properties that carry cyber exposure (``kg:exposureDirection``): what a warning speaks of.
    exposure: frozenset[str] = frozenset()
    #: Each property declared the inverse of another (``owl:inverseOf``, both ways): one fact read either way.
    inverses: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_ontology(cls, ontology: Graph) -> Lexicon:
        parents: dict[str, set[str]] = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                parents.setdefault(str(sub), set()).add(str(sup))
        superclasses = {c: frozenset(_ancestors(c, parents)) for c in parents}
        labels = {str(s): str(o) for s, o in ontology.subject_objects(RDFS.label)
                  if isinstance(s, URIRef) and getattr(o, "language", None) in (None, "en")}
        patterns: list[PropertyPattern] = []
        for prop, literal in sorted(ontology.subject_objects(LEXICAL_PATTERN), key=lambda pair: (str(pair[0]), str(pair[1]))):
            text = str(literal).strip()
            if not text:
                continue
            object_first = text.startswith("{o}")
            words = text.removeprefix("{o}").strip()
            closing = None
            if "{o}" in words:
                words, after = (part.strip() for part in words.split("{o}", 1))
                closing = _words_regex(after) if after else None
            if not words:
                continue
            domain = frozenset(str(c) for c in ontology.objects(prop, RDFS.domain) if isinstance(c, URIRef))
            range_ = frozenset(str(c) for c in ontology.objects(prop, RDFS.range) if isinstance(c, URIRef))
            patterns.append(PropertyPattern(str(prop), text.strip() if closing else words, object_first, domain, range_,
                                            _words_regex(words), closing))
        patterns += _passives(ontology, patterns) + _present_forms(patterns) + _base_and_past_forms(patterns) \
            + _infinitives(patterns)
        cues = [ClassCue(str(c), str(w).strip(), _words_regex(str(w).strip()))
                for c, w in sorted(ontology.subject_objects(NAME_CUE), key=lambda pair: (str(pair[0]), str(pair[1])))
                if str(w).strip()]
        # Longer cues first: "research company" before "company".
        cues.sort(key=lambda cue: -len(cue.words))
        exposure = frozenset(str(p) for p in ontology.subjects(EXPOSURE_DIRECTION, None) if isinstance(p, URIRef))
        inverses: dict[str, str] = {}
        for a, b in ontology.subject_objects(OWL.inverseOf):
            inverses[str(a)], inverses[str(b)] = str(b), str(a)
        return cls(patterns, cues, superclasses, labels, exposure, inverses)

    def is_a(self, cls: str | None, wanted: Iterable[str]) -> bool | None:
        """Whether ``cls`` is one of ``wanted`` or below one; None when either side is unknown, or when
        ``cls`` is above one of them (what is known only as an agent may be an organization)."""
        wanted = set(wanted)
        if not wanted or cls is None:
            return None
        if cls in wanted or self.superclasses.get(cls, frozenset()) & wanted:
            return True
        if any(cls in self.superclasses.get(w, frozenset()) for w in wanted):
            return None  # a broader class ("an agent") may still be the one wanted ("an organization")
        return False

    def ends(self, predicate: str) -> tuple[frozenset[str], frozenset[str]]:
        """The domain and range a property's patterns carry (empty when it has none)."""
        pattern = next((p for p in self.patterns if p.predicate == predicate), None)
        return (pattern.domain, pattern.range) if pattern is not None else (frozenset(), frozenset())

    def object_properties(self, ontology: Graph) -> set[str]:
        return {str(p) for p in ontology.subjects(RDF.type, OWL.ObjectProperty)}


#: Past participles that do not end in -ed.
_IRREGULAR_PARTICIPLES = frozenset(["built", "set", "run", "made", "led", "held", "won", "begun", "sold", "bought"])


def _passives(ontology: Graph, patterns: list[PropertyPattern]) -> list[PropertyPattern]:
    """The passive of each participle pattern, read as the property's inverse: "deployed" states
    ``built``, so "deployed by" states ``builtBy``. A phrase some property declares already wins."""
    declared = {p.words.lower() for p in patterns}
    inverse: dict[str, str] = {}
    for a, b in ontology.subject_objects(OWL.inverseOf):
        inverse[str(a)], inverse[str(b)] = str(b), str(a)
    derived: dict[str, PropertyPattern] = {}
    for pattern in patterns:
        words = pattern.words.split()
        other = inverse.get(pattern.predicate)
        if (other is None or pattern.object_first or pattern.closing is not None or not pattern.words.isascii()
                or words[-1].lower() == "by" or not (words[0].lower().endswith("ed")
                                                     or words[0].lower() in _IRREGULAR_PARTICIPLES)):
            continue
        passive = f"{pattern.words} by"
        if passive.lower() in declared or passive.lower() in derived:
            continue
        domain = frozenset(str(c) for c in ontology.objects(URIRef(other), RDFS.domain) if isinstance(c, URIRef))
        range_ = frozenset(str(c) for c in ontology.objects(URIRef(other), RDFS.range) if isinstance(c, URIRef))
        derived[passive.lower()] = PropertyPattern(other, passive, False, domain, range_, _words_regex(passive))
    return list(derived.values())


#: Present forms of past tenses that do not end in -ed.
_IRREGULAR_PRESENT = {"built": "builds", "set": "sets", "ran": "runs", "made": "makes", "led": "leads", "held": "holds",
                      "won": "wins", "sold": "sells", "bought": "buys", "laid": "lays", "began": "begins"}


def _present_forms(patterns: list[PropertyPattern]) -> list[PropertyPattern]:
    """The present tense of each past-tense pattern, stating the same property: "deployed" gives "deploys",
    "launched" "launches", "teamed up with" "teams up with", "built" "builds". Regular verbs get both the -s and the
    -es spelling (one of them is no English word and never matches); a phrase some property declares already wins."""
    declared = {p.words.lower() for p in patterns}
    derived: dict[str, PropertyPattern] = {}
    for pattern in patterns:
        words = pattern.words.split()
        if pattern.object_first or pattern.closing is not None or not pattern.words.isascii() or words[-1].lower() == "by":
            continue
        verb = words[0].lower()
        if verb in _IRREGULAR_PRESENT:
            forms = [_IRREGULAR_PRESENT[verb]]
        elif verb.endswith("ied") and len(verb) > 4:
            forms = [verb[:-3] + "ies"]
        elif verb.endswith("ed") and len(verb) > 4:
            stem = verb[:-2]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
                stem = stem[:-1]  # "planned": plans
            forms = [stem + "es"] if stem.endswith(("ch", "sh", "ss", "x", "z", "s")) else [stem + "s", stem + "es"]
        else:
            continue
        for form in forms:
            present = " ".join([form, *words[1:]])
            if present.lower() in declared or present.lower() in derived:
                continue
            derived[present.lower()] = replace(pattern, words=present, regex=_words_regex(present), habitual=True)
    return list(derived.values())


#: Base forms of third-person verbs that do not follow the spelling rules.
_IRREGULAR_BASE: dict[str, tuple[str | None, str | None]] = {
    "has": ("have", "had"), "does": ("do", "did"), "leads": ("lead", "led"), "holds": ("hold", "held"),
    "builds": ("build", "built"), "runs": ("run", "ran"), "sits": ("sit", "sat"), "comes": ("come", "came"),
    "thanks": (None, None)}  # "thanks to" is a noun's


def _base_and_past_forms(patterns: list[PropertyPattern]) -> list[PropertyPattern]:
    """A verb declared in the third person singular with its preposition ("depends on", "relies on") states the
    same property with a plural subject or in the past: "depend on", "rely on", "depended on", "relied on".
    Only verbs followed by a preposition are inflected (a bare -s word may be a noun: "needs", "counts")."""
    declared = {p.words.lower() for p in patterns}
    derived: dict[str, PropertyPattern] = {}
    for pattern in patterns:
        words = pattern.words.split()
        if pattern.object_first or pattern.closing is not None or not pattern.words.isascii() or len(words) != 2 \
                or words[1].lower() not in PREPOSITIONS or words[1].lower() == "by" or not words[0].islower():
            continue
        verb = words[0]
        base: str | None
        past: str | None
        if verb in _IRREGULAR_BASE:
            base, past = _IRREGULAR_BASE[verb]
        elif verb.endswith("ies") and len(verb) > 4:
            base, past = verb[:-3] + "y", verb[:-3] + "ied"
        elif verb.endswith(("ches", "shes", "sses", "xes")):
            base, past = verb[:-2], verb[:-2] + "ed"
        elif verb.endswith("s") and not verb.endswith(("ss", "us")) and len(verb) > 3:
            base = verb[:-1]
            past = base + "d" if base.endswith("e") else None if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base) else base + "ed"
        else:
            continue
        for form in (base, past):
            if form is None:
                continue
            phrase = f"{form} {words[1]}"
            if phrase.lower() in declared or phrase.lower() in derived:
                continue
            derived[phrase.lower()] = replace(pattern, words=phrase, regex=_words_regex(phrase), habitual=False)
    return list(derived.values())


def _ancestors(cls: str, parents: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(parents.get(cls, ()))
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return seen


#: Base forms of declared pasts that do not end in -ed.
_IRREGULAR_BASE_OF_PAST = {"built": "build", "set": "set", "ran": "run", "made": "make", "led": "lead", "held": "hold",
                           "won": "win", "sold": "sell", "bought": "buy", "laid": "lay", "began": "begin"}


def _infinitives(patterns: list[PropertyPattern]) -> list[PropertyPattern]:
    """"joined with X to form the consortium": the infinitive of each declared past of founding states the same property
    ("to form" from "formed", "to set up" from "set up"; the words of ``kg:established``, the property English so often
    states with a purpose: "teamed up to launch an alliance"). A regular past gives its stem with and without a final e
    ("to creat" is no English and never matches); a phrase some property declares already wins; a plan before it
    ("plans to form") still states nothing (``readings.unrealised``)."""
    declared = {p.words.lower() for p in patterns}
    derived: dict[str, PropertyPattern] = {}
    for pattern in patterns:
        words = pattern.words.split()
        if pattern.predicate != ONTOLOGY_IRI + "established" or pattern.object_first or pattern.closing is not None \
                or not pattern.words.isascii() or pattern.habitual or words[-1].lower() == "by" or words[0].lower() == "to":
            continue
        verb = words[0].lower()
        if verb in _IRREGULAR_BASE_OF_PAST:
            bases = [_IRREGULAR_BASE_OF_PAST[verb]]
        elif verb.endswith("ied") and len(verb) > 4:
            bases = [verb[:-3] + "y"]
        elif verb.endswith("ed") and len(verb) > 4:
            stem = verb[:-2]
            bases = [stem[:-1]] if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz" else [stem, stem + "e"]
        else:
            continue
        for base in bases:
            infinitive = " ".join(["to", base, *words[1:]])
            if infinitive.lower() in declared or infinitive.lower() in derived:
                continue
            derived[infinitive.lower()] = replace(pattern, words=infinitive, regex=_words_regex(infinitive))
    return list(derived.values())
