"""Suggested facts from an article: each with its sentence, the pattern that fired and a confidence.

A fact is proposed where a property's trigger words (``kg:lexicalPattern``) stand between two
mentions in one sentence: the nearest mention before the words is the subject, the nearest after
is the object (or the other way round for a pattern written ``{o} …``). The ontology's domain
and range decide between candidates and set the confidence; nothing here needs a model download.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from explorer.core.extraction import constructions
from explorer.core.extraction.lexicon import Lexicon, PropertyPattern
from explorer.core.extraction.mentions import KnownEntity, Mention, MentionFinder
from explorer.core.extraction.ner import NER_MARK, NER_PENALTY, NerPipeline, ner_mentions, rests_on_ner
from explorer.core.extraction.sentences import Sentence, fold_width, split_sentences
from explorer.core.tasks import CancelToken, Progress
from explorer.core.vocab import KG

AGENT, ENTITY, THREAT = str(KG.Agent), str(KG.Entity), str(KG.CyberRisk)
#: How far (in characters) a subject or object may stand from the trigger words.
MAX_GAP = 90


@dataclass(frozen=True)
class Suggestion:
    """One proposed fact between two mentions of one sentence."""

    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    pattern: str
    trigger_start: int
    trigger_end: int
    confidence: float

    def as_json(self) -> dict[str, Any]:
        """The shape ``kg-explorer suggest --format json`` prints."""
        return {
            "subject": _end(self.subject),
            "predicate": self.predicate,
            "object": _end(self.object),
            "quote": self.sentence.text,
            "sentence": self.sentence.number,
            "pattern": self.pattern,
            "confidence": round(self.confidence, 2),
        }


def _end(mention: Mention) -> dict[str, Any]:
    if mention.iri is not None:
        return {"iri": mention.iri}
    return {"label": mention.label or mention.text, "class": mention.cls}


def _fit(lexicon: Lexicon, mention: Mention, classes: frozenset[str]) -> float:
    verdict = lexicon.is_a(mention.cls, classes)
    return {True: 0.2, None: 0.0, False: -0.5}[verdict]


def _candidates(mentions: list[Mention], start: int, end: int, before: bool) -> list[Mention]:
    if before:
        found = [m for m in mentions if m.end <= start and start - m.end <= MAX_GAP]
        return sorted(found, key=lambda m: start - m.end)
    found = [m for m in mentions if m.start >= end and m.start - end <= MAX_GAP]
    return sorted(found, key=lambda m: m.start - end)


#: An aside inside a sentence: an apposition (", a subsidiary of Y,") or a relative clause
#: (", which operates the network,"), to the next comma or the end.
_ASIDE = re.compile(r",\s+(?:(a|an)\s[^,]*,|(which|who)\b[^,]*(?:,|$))", re.IGNORECASE)


#: What ends the clause a trigger stands in: a comma, or a subordinating conjunction ("… if it wants").
_CLAUSE_BREAK = re.compile(r"[,，;；]|\b(?:if|when|while|because|although|unless|once|whereas)\b", re.IGNORECASE)


def _asides(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, relative) of each aside; ``relative`` when it opens with which/who."""
    return [(m.start(), m.end(), m.group(2) is not None) for m in _ASIDE.finditer(text)]


def _left_of_trigger(left: list[Mention], mentions: list[Mention], start: int, text: str) -> list[Mention]:
    """Subjects as syntax has them: a relative clause's subject is what it follows ("B, which
    operates N": B operates N), and a verb outside an aside does not take its subject from inside
    it ("X, a unit of Y, built Z": X built Z, not Y)."""
    for aside_start, aside_end, relative in _asides(text):
        if aside_start <= start < aside_end:
            if relative:
                head = [m for m in mentions if m.end <= aside_start]
                if head:
                    # nothing named before the clause acts in it but what it follows
                    return [head[-1], *(m for m in left if m is not head[-1] and m.start >= aside_start)]
            return left
    inside = [(s, e) for s, e, _relative in _asides(text) if e <= start]
    return [m for m in left if not any(s <= m.start < e for s, e in inside)]


def _unnamed(mention: Mention) -> bool:
    return mention.via == "phrase" and mention.cls is None


def _agents_only(lexicon: Lexicon, classes: frozenset[str]) -> bool:
    return bool(classes) and all(lexicon.is_a(c, [AGENT]) for c in classes)


def _best_pair(lexicon: Lexicon, pattern: PropertyPattern, mentions: list[Mention], start: int, end: int,
               text: str) -> tuple[Mention, Mention, float] | None:
    left = _left_of_trigger(_candidates(mentions, start, end, before=True), mentions, start, text)
    same_clause = [m for m in left if not _CLAUSE_BREAK.search(text[m.end:start])]
    if same_clause and not pattern.punctuation:
        left = same_clause  # "…by A and B, and it supports X": the subject is in the verb's own clause
    right = _candidates(mentions, start, end, before=False)
    if not pattern.punctuation:
        # The object stands in the trigger's clause: not past a comma ("… to boost efficiency, the company said").
        right = [m for m in right if not _CLAUSE_BREAK.search(text[end:m.start])]
    if not left and pattern.words.split()[0].endswith("ing") and "," in text[end:]:
        # "Aside from pushing X, S …": an opening participle clause has the main clause's subject.
        comma = text.index(",", end)
        left = [m for m in mentions if m.start > comma][:1]
    if pattern.closing is not None:
        closing = pattern.closing
        right = [m for m in right if closing.match(text, m.end) or closing.match(text, m.end + 1)][:1]
    if text[:start].rstrip().endswith((",", "，")) and mentions and mentions[0].end <= start:
        # "…合作，推动工业互联网": a clause that opens with the verb shares the sentence's subject.
        left = [mentions[0], *(m for m in left if m is not mentions[0])]
    if pattern.weak:
        # A bare preposition or comma links only the two things right beside it.
        gap = 2 if pattern.punctuation else MAX_GAP
        left = [m for m in left[:1] if start - m.end <= gap]
        right = [m for m in right[:1] if m.start - end <= gap]
    best: tuple[Mention, Mention, float] | None = None
    for li, first in enumerate(left[:3]):
        for ri, second in enumerate(right[:3]):
            subject, obj = (second, first) if pattern.object_first else (first, second)
            if subject.key == obj.key:
                continue
            if pattern.weak and (obj.via in ("pronoun", "definite") or subject.via == "pronoun"
                                 or lexicon.is_a(obj.cls, pattern.range) is False):
                continue
            if pattern.punctuation and lexicon.is_a(obj.cls, pattern.range) is not True:
                continue  # "…, Liu added": a comma links a place only to a known kind of place
            if _unnamed(subject) and _agents_only(lexicon, pattern.domain):
                continue  # "a technology … said": a thing described, not named, is no one who acts
            if pattern.weak and _unnamed(obj):
                continue  # "services in rural counties": a bare preposition links only to a named or known kind
            if lexicon.is_a(subject.cls, pattern.domain) is False or lexicon.is_a(obj.cls, pattern.range) is False:
                continue  # the ontology says the pair cannot hold ("set up … in Wuhan": a city is founded by no one)
            score = 0.6 + _fit(lexicon, subject, pattern.domain) + _fit(lexicon, obj, pattern.range)
            score -= 0.12 * (li + ri)
            if subject.via in ("pronoun", "definite") or obj.via in ("pronoun", "definite"):
                score -= 0.05
            if subject.iri is None and subject.cls is None:
                score -= 0.1
            if obj.iri is None and obj.cls is None:
                score -= 0.1
            if best is None or score > best[2]:
                best = (subject, obj, score)
    return best


def suggest_facts(text: str, lexicon: Lexicon, known: Iterable[KnownEntity] = (), *, min_confidence: float = 0.3,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  ner: NerPipeline | None = None) -> list[Suggestion]:
    """Facts proposed for ``text``, in reading order, at most one per trigger occurrence.

    ``ner``, when given, adds its entities as name candidates (see ``extraction.ner``)."""
    sentences = split_sentences(text)
    finder = MentionFinder(lexicon, known)
    suggestions: list[Suggestion] = []
    previous_subject: Mention | None = None
    for index, sentence in enumerate(sentences):
        if cancel is not None:
            cancel.raise_if_cancelled()
        # Matching reads full-width text as ASCII ("ＨＵＡＷＥＩ"); the quote stays verbatim.
        view = fold_width(sentence.text)
        mentions = finder.find(view, previous_subject, ner_mentions(ner, view) if ner is not None else ())
        taken: list[tuple[int, int]] = []
        seen: set[tuple[str, str, str]] = set()
        first = len(suggestions)  # this sentence's suggestions start here
        earlier_threat = finder.last_of(THREAT)
        for subject, predicate, obj, words, start, end, confidence in constructions.passive_attacks(
                lexicon, mentions, view, earlier_threat):
            # "is attacked by …" is read here as a whole, so its words state nothing more below
            taken.append((start, end))
            if (subject.key, predicate, obj.key) not in seen:
                seen.add((subject.key, predicate, obj.key))
                suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        hits = []
        for pattern in lexicon.patterns:
            for match in pattern.regex.finditer(view):
                if any(match.start() < m.end and m.start < match.end() for m in mentions):
                    continue  # the words are part of a name or phrase ("5G-enabled remote healthcare services")
                hits.append((pattern, match.start(), match.end()))
        # Longer triggers first, so "teamed up with" wins over "with".
        hits.sort(key=lambda hit: (-(hit[2] - hit[1]), hit[1]))
        for pattern, start, end in hits:
            if any(start < e and s < end for s, e in taken):
                continue
            pair = _best_pair(lexicon, pattern, mentions, start, end, view)
            if pair is None:
                continue
            subject, obj, score = pair
            key = (subject.key, pattern.predicate, obj.key)
            if score < min_confidence or key in seen:
                continue
            seen.add(key)
            taken.append((start, end))
            suggestions.append(Suggestion(subject, pattern.predicate, obj, sentence, pattern.words, start, end,
                                          round(max(0.0, min(1.0, score)), 2)))
            if pattern.weak or pattern.object_first:
                continue
            for other_subject, other_object in constructions.coordinated(mentions, view, subject, obj):
                key = (other_subject.key, pattern.predicate, other_object.key)
                if key in seen or lexicon.is_a(other_subject.cls, pattern.domain) is False \
                        or lexicon.is_a(other_object.cls, pattern.range) is False:
                    continue
                seen.add(key)
                suggestions.append(Suggestion(other_subject, pattern.predicate, other_object, sentence,
                                              pattern.words, start, end, round(max(0.0, min(1.0, score - 0.05)), 2)))
        for subject, predicate, obj, words, start, end, confidence in _constructions(lexicon, finder, mentions, view):
            key = (subject.key, predicate, obj.key)
            if key in seen or subject.key == obj.key:
                continue
            seen.add(key)
            suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        suggestions[first:] = [_with_inferred_classes(lexicon, finder, s) for s in suggestions[first:]]
        if ner is not None:
            suggestions[first:] = _marked_ner(suggestions[first:], min_confidence)
        facts = [(s.subject, s.predicate, s.object) for s in suggestions[first:]]
        for subject, predicate, obj, words, start, end, confidence in constructions.reported_warnings(
                lexicon, mentions, view, facts):
            key = (subject.key, predicate, obj.key)
            if key not in seen:
                seen.add(key)
                suggestions.append(Suggestion(subject, predicate, obj, sentence, words, start, end, confidence))
        firsts = [m for m in mentions if m.via not in ("cue", "phrase") or m.cls is not None]
        if firsts:
            previous_subject = firsts[0]
        if progress is not None:
            progress((index + 1) / len(sentences), f"sentence {index + 1} of {len(sentences)}")
    return suggestions


def _marked_ner(suggestions: list[Suggestion], min_confidence: float) -> list[Suggestion]:
    """A fact resting on an NER candidate says so in its pattern and is trusted less."""
    out = []
    for suggestion in suggestions:
        if rests_on_ner(suggestion.subject, suggestion.object):
            confidence = round(max(0.0, suggestion.confidence - NER_PENALTY), 2)
            if confidence < min_confidence:
                continue
            suggestion = replace(suggestion, pattern=f"{suggestion.pattern} {NER_MARK}", confidence=confidence)
        out.append(suggestion)
    return out


def _with_inferred_classes(lexicon: Lexicon, finder: MentionFinder, suggestion: Suggestion) -> Suggestion:
    """A new name with no class takes the one class the property demands of its end."""
    domain, range_ = lexicon.ends(suggestion.predicate)
    subject, obj = suggestion.subject, suggestion.object
    if len(domain) == 1 and ENTITY not in domain:
        subject = finder.infer_class(subject, next(iter(domain)))
    if len(range_) == 1 and ENTITY not in range_:
        obj = finder.infer_class(obj, next(iter(range_)))
    if subject is suggestion.subject and obj is suggestion.object:
        return suggestion
    return replace(suggestion, subject=subject, object=obj)


def _constructions(lexicon: Lexicon, finder: MentionFinder, mentions: list[Mention],
                   text: str) -> list[constructions.Reading]:
    return [*constructions.possessives(lexicon, mentions, finder.named),
            *constructions.nationalities(mentions, finder.named),
            *constructions.compound_modifiers(lexicon, mentions, finder.named),
            *constructions.comparisons(lexicon, mentions, text)]
