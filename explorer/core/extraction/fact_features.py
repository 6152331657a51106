"""What a learned scorer knows of a suggested fact: features that carry from one article's prose to another's.

Each feature is a name with a value (a missing name is 0). None names a word of the text or a trigger: a user extends
the lexicon without code, so what is learned must hold for words the model never saw. The features say

- which property, and how it was read: from a lexicon trigger (its shape: a bare preposition or punctuation, several
  words, ending on a preposition, object written first, a participle) or by a construction (its pattern's name);
- how each end was found (``Mention.via``: label, name, cue, phrase, pronoun, definite …), its class (or none), whether
  it is a capitalised name, a bare plural, and how often the article's facts name it;
- the calibration's doubts (``calibration.doubts``) and the rule's own confidence;
- what stands between the ends: how many words, whether a trigger of the same property or of another one, a comma or
  a clause boundary, a quotation mark or a bracket, a word the lexicon holds only as a verb (``wordclass``), a modal
  or a negation; and which end comes first;
- the sentence: its length, how many facts it gave, how many share this fact's words (a coordination).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from explorer.core.extraction import calibration, wordclass
from explorer.core.extraction.lexicon import PREPOSITIONS, Lexicon
from explorer.core.extraction.readings import CLAUSE_BREAK
from explorer.core.extraction.sentences import Sentence, fold_width
from explorer.core.extraction.spans import Mention

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")
_MODAL = re.compile(r"(?<![\w-])(?:could|would|may|might|can|should|must|plans?|planned|aims?|intends?|hopes?|will|if)(?![\w-])",
                    re.IGNORECASE)
_NEGATION = re.compile(r"(?<![\w-])(?:not|no|never|nor|without|denied|n't)(?![\w-])", re.IGNORECASE)


class Fact(Protocol):
    """What a suggestion holds that the features read (``suggest.Suggestion`` is one)."""

    @property
    def subject(self) -> Mention: ...
    @property
    def predicate(self) -> str: ...
    @property
    def object(self) -> Mention: ...
    @property
    def sentence(self) -> Sentence: ...
    @property
    def pattern(self) -> str: ...
    @property
    def trigger_start(self) -> int: ...
    @property
    def trigger_end(self) -> int: ...
    @property
    def confidence(self) -> float: ...


def local_name(iri: str | None) -> str:
    """The last part of an IRI ("locatedIn" of "…#locatedIn"), "none" for no IRI."""
    if not iri:
        return "none"
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _bin(value: int, edges: Sequence[int]) -> str:
    """The band ``value`` falls in: "0", "1-2", "3-5" … for edges (1, 3, 6 …); the last is "N+"."""
    low = 0
    for edge in edges:
        if value < edge:
            return str(low) if edge - low == 1 else f"{low}-{edge - 1}"
        low = edge
    return f"{low}+"


def reading(lexicon: Lexicon, fact: Fact) -> str:
    """How the fact was read: "trigger" for a lexicon trigger of any property, else the construction's pattern
    (a reader's own words, "'s", "said" …) with an NER mark dropped."""
    words = fact.pattern.replace("(NER)", "").strip()
    return "trigger" if words.lower() in lexicon_words(lexicon) else f"construction:{words.lower()}"


_WORDS_CACHE: dict[int, frozenset[str]] = {}


def lexicon_words(lexicon: Lexicon) -> frozenset[str]:
    """Every trigger's words, lower case."""
    found = _WORDS_CACHE.get(id(lexicon))
    if found is None:
        found = frozenset(p.words.lower() for p in lexicon.patterns)
        _WORDS_CACHE[id(lexicon)] = found
    return found


def _trigger_shape(words: str) -> dict[str, float]:
    words = words.replace("(NER)", "").strip().lower()
    parts = words.split()
    last = parts[-1] if parts else ""
    return {
        "trigger:link_only": float(calibration._link_only(words)),
        "trigger:several_words": float(len(parts) > 1),
        "trigger:ends_on_preposition": float(len(parts) > 1 and last in PREPOSITIONS),
        "trigger:by": float(last == "by"),
        "trigger:participle": float(bool(parts) and bool(wordclass.past(parts[0])) and parts[0].endswith(("ed", "en", "t"))),
        "trigger:ing": float(bool(parts) and parts[0].endswith("ing")),
        "trigger:not_ascii": float(not words.isascii()),
    }


def _end_features(role: str, mention: Mention, mentioned: Counter[str]) -> dict[str, float]:
    words = (mention.label or mention.text).split()
    return {
        f"{role}_via={mention.via}": 1.0,
        f"{role}_class={local_name(mention.cls)}": 1.0,
        f"{role}:known": float(mention.iri is not None),
        f"{role}:capitalised": float(bool(words) and words[0][:1].isupper()),
        f"{role}:bare_plural": float(mention.via in ("phrase", "cue") and calibration._bare_plural(mention)),
        f"{role}:words={_bin(len(words), (1, 2, 3, 5))}": 1.0,
        f"{role}:facts={_bin(mentioned[mention.key], (1, 2, 3, 5, 9))}": 1.0,
    }


def _between_features(lexicon: Lexicon, fact: Fact, text: str) -> dict[str, float]:
    first, second = sorted((fact.subject, fact.object), key=lambda m: m.start)
    between = text[first.end:second.start] if first.end <= second.start else ""
    words = _WORD.findall(between)
    trigger_words = set(_WORD.findall(text[fact.trigger_start:fact.trigger_end]))
    others = [w for w in words if w not in trigger_words]
    same = [p for p in lexicon.patterns if p.predicate == fact.predicate and not p.weak]
    other = [p for p in lexicon.patterns if p.predicate != fact.predicate and not p.weak]
    trigger_inside = first.end <= fact.trigger_start and fact.trigger_end <= second.start
    return {
        f"between:words={_bin(len(words), (1, 2, 4, 7, 12, 20))}": 1.0,
        "between:log_words": float(min(len(words), 40)) ** 0.5,
        "between:overlap": float(first.end > second.start),
        "between:trigger_inside": float(trigger_inside),
        "between:same_property_trigger": float(any(p.regex.search(between) for p in same)),
        "between:other_property_trigger": float(any(p.regex.search(between) for p in other)),
        "between:comma": float("," in between or "，" in between),
        "between:clause_break": float(bool(CLAUSE_BREAK.search(between))),
        "between:quote": float(any(q in between for q in "\"“”")),
        "between:bracket": float("(" in between or ")" in between),
        "between:verb_only_word": float(any(wordclass.verb_only(w) for w in others if w.isalpha())),
        "between:modal": float(bool(_MODAL.search(between))),
        "between:negation": float(bool(_NEGATION.search(between))),
        "subject_first": float(fact.subject.start <= fact.object.start),
        "trigger_before_both": float(fact.trigger_end <= first.start),
        "trigger_after_both": float(fact.trigger_start >= second.end),
    }


def features(lexicon: Lexicon, fact: Fact, facts: Sequence[Fact], mentioned: Counter[str] | None = None) -> dict[str, float]:
    """The features of ``fact``, one of the article's ``facts`` (which tell how often its ends recur, unless
    ``mentioned`` counts that: how many sentences name each entity)."""
    text = fold_width(fact.sentence.text)
    mentioned = mentioned if mentioned is not None else Counter(m.key for f in facts for m in (f.subject, f.object))
    in_sentence = [f for f in facts if f.sentence.number == fact.sentence.number]
    doubt_count = calibration.doubts(fact.subject, fact.object, fact.pattern, fact.trigger_start, fact.trigger_end)
    kind = reading(lexicon, fact)
    out: dict[str, float] = {
        "bias": 1.0,
        "rule_confidence": fact.confidence,
        f"doubts={min(doubt_count, 3)}": 1.0,
        f"property={local_name(fact.predicate)}": 1.0,
        f"reading={kind if kind == 'trigger' else 'construction'}": 1.0,
        f"sentence:words={_bin(len(_WORD.findall(text)), (15, 25, 35, 50))}": 1.0,
        f"sentence:facts={_bin(len(in_sentence), (2, 3, 5, 8))}": 1.0,
        "sentence:same_words": float(sum(f.trigger_start == fact.trigger_start and f.pattern == fact.pattern
                                         for f in in_sentence) > 1),
        "sentence:modal": float(bool(_MODAL.search(text))),
        "sentence:negation": float(bool(_NEGATION.search(text))),
        "ner": float("(NER)" in fact.pattern),
    }
    if kind != "trigger":
        out[kind] = 1.0
    out.update(_trigger_shape(fact.pattern))
    out.update(_end_features("subject", fact.subject, mentioned))
    out.update(_end_features("object", fact.object, mentioned))
    out.update(_between_features(lexicon, fact, text))
    return {name: value for name, value in out.items() if value}
