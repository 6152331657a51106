"""Facts no rule read, proposed by a learned scorer: two mentions of one sentence whose words hold a trigger of a
property their kinds fit.

The rules attach a trigger to the mentions its grammar points at; where they attach it to none, or the sentence is
built in a way no rule reads, the trigger still says the property is stated of something. Each pair of mentions of the
sentence that no rule linked, for each property a trigger of which stands in the sentence and whose domain and range
the two ends do not contradict, is a candidate, unless the rules' own vetoes say the words state no such fact
(``_vetoed``); its features (``fact_features``, and how it stands to the trigger and to the other mentions) are weighed
by a logistic regression fitted on the annotated articles (``benchmarks/train_suggestion_scorer.py``, which learns from
the pairs the rules linked too), and ``added`` proposes those it scores at its ``drop_below`` or over, one property per
pair, with the model's probability as their confidence and "(learned)" in their pattern.

``suggest_facts`` does not call it: on the thirteenth session's unseen eight, fitted without them, it added two or
three right facts for as many wrong ones at every threshold once the vetoes kept the rules' guards, and on the
articles the rules were written from it added mostly wrong ones (benchmarks/RESULTS.md, fourteenth session). To try
it, pass ``mentions_read`` to ``suggest_facts`` and give its facts and that list to ``added``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from explorer.core.extraction import fact_features, refit, wordclass
from explorer.core.extraction.devices import unplaced
from explorer.core.extraction.fact_features import Fact
from explorer.core.extraction.learned_scorer import Scorer, shipped
from explorer.core.extraction.lexicon import Lexicon, PropertyPattern
from explorer.core.extraction.readings import planned_place, products_made, technology_made, unrealised
from explorer.core.extraction.sentences import Sentence, fold_width
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.verbs import describes_unread_noun, determiner, modifies_noun_after

#: What a learned fact's pattern ends on, so the review panel and the JSON say where it came from.
MARK = "(learned)"
#: The most words a candidate's two ends may stand apart.
MAX_WORDS = 25
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")


@dataclass(frozen=True)
class Candidate:
    """A pair of mentions with a property a trigger of the sentence names (the ``Fact`` the features read)."""

    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    pattern: str
    trigger_start: int
    trigger_end: int
    object_first: bool
    confidence: float = 0.0


def _triggers(lexicon: Lexicon, text: str, mentions: Sequence[Mention]) -> dict[str, list[tuple[int, int, PropertyPattern]]]:
    """Each property's trigger occurrences in ``text`` outside the mentions (no bare preposition or punctuation), none
    the rules read as stating nothing: a plan or a negation (``readings.unrealised``, ``planned_place``), a participle
    describing a noun (``verbs``)."""
    found: dict[str, list[tuple[int, int, PropertyPattern]]] = {}
    for pattern in lexicon.patterns:
        if pattern.weak or pattern.punctuation:
            continue
        for match in pattern.regex.finditer(text):
            if any(match.start() < m.end and m.start < match.end() for m in mentions) \
                    or unrealised(text, match.start(), pattern) or planned_place(pattern, text, match.start()) \
                    or modifies_noun_after(pattern, match.start(), text) \
                    or describes_unread_noun(pattern, list(mentions), match.start(), text):
                continue
            found.setdefault(pattern.predicate, []).append((match.start(), match.end(), pattern))
    return found


def _apart(start: int, end: int, mention: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether words a rule read as a fact stand between the trigger and the mention: a clause of their own."""
    low, high = (mention.end, start) if mention.end <= start else (end, mention.start)
    return any(low <= s and e <= high for s, e in spans)


def _vetoed(lexicon: Lexicon, pattern: PropertyPattern, subject: Mention, obj: Mention, mentions: Sequence[Mention],
            text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the rules say the words state no such fact of these ends, whatever a model weighs: a possessive
    determiner is no end, nor who is urged "to" act, nor a noun after an infinitive between the words and it ("urged
    X to segment their networks"), nor one past words a rule read as a fact of their own; a technology made or placed,
    products made, a negated verb, a subject that cannot hold the property (``readings``, ``devices``, ``refit``)."""
    return determiner(subject, text) or determiner(obj, text) or _addressee(obj, text) \
        or _TO_VERB.search(text[min(start, obj.start):obj.start]) is not None \
        or any(_apart(start, end, mention, spans) for mention in (subject, obj)) \
        or technology_made(lexicon, pattern, subject, obj) or products_made(lexicon, pattern, obj, text) \
        or unplaced(lexicon, pattern, subject, list(mentions), text, start) \
        or not refit.subject_fits(lexicon, pattern.predicate, subject) \
        or not refit.fits(lexicon, pattern.predicate, subject, obj, text[:start], pattern.words, text)


_TO_VERB = re.compile(r"\s+to\s+([a-z]+)")


def _addressee(obj: Mention, text: str) -> bool:
    """"urged operators to pair …", "called for regulators to set …": a noun followed by "to" and a verb is who is to
    act, the subject of the verb after it, not what the words before it state a fact of."""
    after = _TO_VERB.match(text, obj.end)
    return after is not None and "VERB" in wordclass.parts(after.group(1))


def _nearest(triggers: list[tuple[int, int, PropertyPattern]], first: Mention, second: Mention) -> tuple[int, int, PropertyPattern]:
    """The trigger standing between the two ends, else the nearest to them."""
    low, high = min(first.end, second.end), max(first.start, second.start)

    def distance(trigger: tuple[int, int, PropertyPattern]) -> int:
        start, end = trigger[0], trigger[1]
        return 0 if low <= start and end <= high else min(abs(start - high), abs(end - low), abs(start - low), abs(end - high))
    return min(triggers, key=lambda t: (distance(t), t[0]))


def candidates(lexicon: Lexicon, sentence: Sentence, mentions: Sequence[Mention], facts: Sequence[Fact],
               linked_too: bool = False) -> list[Candidate]:
    """The pairs of ``mentions`` no fact of ``facts`` (the rules', this sentence's) links (any pair, ``linked_too``),
    with each property a trigger of the sentence names and the ends' kinds do not contradict."""
    text = fold_width(sentence.text)
    triggers = _triggers(lexicon, text, mentions)
    pairs = {frozenset((f.subject.key, f.object.key)) for f in facts}
    linked = set() if linked_too else pairs
    # a trigger the rules read as a fact of its property has had its ends chosen by grammar: no other pair gets it
    read_triggers = {(f.predicate, f.trigger_start) for f in facts}
    spans = sorted({(f.trigger_start, f.trigger_end) for f in facts})
    out = []
    for subject in mentions:
        for obj in mentions:
            if subject.key == obj.key or frozenset((subject.key, obj.key)) in linked \
                    or (subject.start < obj.end and obj.start < subject.end):
                continue
            first, second = sorted((subject, obj), key=lambda m: m.start)
            if len(_WORD.findall(text[first.end:second.start])) > MAX_WORDS:
                continue
            for predicate, occurrences in sorted(triggers.items()):
                domain, range_ = lexicon.ends(predicate)
                fits = (lexicon.is_a(subject.cls, domain), lexicon.is_a(obj.cls, range_))
                if False in fits or True not in fits:
                    continue  # the kinds contradict the property, or say nothing of it
                start, end, pattern = _nearest(occurrences, subject, obj)
                if ((predicate, start) not in read_triggers or frozenset((subject.key, obj.key)) in pairs) \
                        and not _vetoed(lexicon, pattern, subject, obj, mentions, text, start, end, spans):
                    out.append(Candidate(subject, predicate, obj, sentence, pattern.words, start, end, pattern.object_first))
    return out


def _rank(mention: Mention, mentions: Sequence[Mention], start: int, end: int) -> tuple[str, int]:
    """Which side of the trigger the mention stands on, and how many mentions stand nearer the trigger on that side."""
    if mention.end <= start:
        side = [m for m in mentions if m.end <= start and m.start > mention.end]
        return "before", len(side)
    if mention.start >= end:
        side = [m for m in mentions if m.start >= end and m.end < mention.start]
        return "after", len(side)
    return "over", 0


def features(lexicon: Lexicon, candidate: Candidate, mentions: Sequence[Mention], mentioned: Counter[str]) -> dict[str, float]:
    """``fact_features`` of the candidate (none that rests on the rules' facts), and how it stands to its trigger and
    to the other mentions of its sentence."""
    text = fold_width(candidate.sentence.text)
    row = {k: v for k, v in fact_features.features(lexicon, candidate, [], mentioned).items()
           if not k.startswith(("construction:", "reading=", "sentence:same_words", "sentence:facts", "rule_confidence",
                                "doubts="))}
    domain, range_ = lexicon.ends(candidate.predicate)
    subject_side, subject_rank = _rank(candidate.subject, mentions, candidate.trigger_start, candidate.trigger_end)
    object_side, object_rank = _rank(candidate.object, mentions, candidate.trigger_start, candidate.trigger_end)
    nearer_fitting = 0
    for mention, classes in ((candidate.subject, domain), (candidate.object, range_)):
        side, _ = _rank(mention, mentions, candidate.trigger_start, candidate.trigger_end)
        nearer = [m for m in mentions if m.key != mention.key and _rank(m, mentions, candidate.trigger_start,
                                                                        candidate.trigger_end)[0] == side
                  and abs(_centre(m) - candidate.trigger_start) < abs(_centre(mention) - candidate.trigger_start)]
        nearer_fitting += any(lexicon.is_a(m.cls, classes) is True for m in nearer)
    first = min(candidate.subject.start, candidate.object.start)
    second_end = max(candidate.subject.end, candidate.object.end)
    row.update({
        "pair:domain_named": float(lexicon.is_a(candidate.subject.cls, domain) is True),
        "pair:range_named": float(lexicon.is_a(candidate.object.cls, range_) is True),
        "pair:object_first_trigger": float(candidate.object_first),
        "pair:reads_in_trigger_order": float((candidate.subject.start < candidate.object.start) != candidate.object_first),
        f"pair:subject_side={subject_side}": 1.0,
        f"pair:object_side={object_side}": 1.0,
        f"pair:subject_rank={min(subject_rank, 3)}": 1.0,
        f"pair:object_rank={min(object_rank, 3)}": 1.0,
        f"pair:nearer_fitting={nearer_fitting}": 1.0,
        f"pair:subject_to_trigger={fact_features._bin(_gap_words(text, candidate.subject, candidate), (1, 2, 4, 8, 15))}": 1.0,
        f"pair:object_to_trigger={fact_features._bin(_gap_words(text, candidate.object, candidate), (1, 2, 4, 8, 15))}": 1.0,
        "pair:first_opens_sentence": float(not text[:first].strip()),
        "pair:second_ends_sentence": float(not text[second_end:].strip(" .\"”'")),
        "pair:mentions_in_sentence": float(min(len(mentions), 12)) / 12,
    })
    return {k: v for k, v in row.items() if v}


def _centre(mention: Mention) -> float:
    return (mention.start + mention.end) / 2


def _gap_words(text: str, mention: Mention, candidate: Candidate) -> int:
    start, end = candidate.trigger_start, candidate.trigger_end
    between = text[mention.end:start] if mention.end <= start else text[end:mention.start] if mention.start >= end else ""
    return len(_WORD.findall(between))


def rows_of(lexicon: Lexicon, facts: Sequence[Fact], read: Sequence[tuple[Sentence, list[Mention]]],
            linked_too: bool = False) -> tuple[list[Candidate], list[dict[str, float]]]:
    """Every candidate of the article (``read``: each sentence with its mentions) and its features."""
    mentioned = Counter(key for _sentence, mentions in read for key in {m.key for m in mentions})
    found: list[Candidate] = []
    rows: list[dict[str, float]] = []
    for sentence, mentions in read:
        here = [f for f in facts if f.sentence.number == sentence.number]
        for candidate in candidates(lexicon, sentence, mentions, here, linked_too):
            found.append(candidate)
            rows.append(features(lexicon, candidate, mentions, mentioned))
    return found, rows


_F = TypeVar("_F", bound=Fact)


def chosen(scorer: Scorer, found: Sequence[Candidate], rows: Sequence[dict[str, float]],
           facts: Sequence[Fact]) -> list[tuple[Candidate, float]]:
    """The candidates the scorer proposes, one property per pair (its likeliest), none the facts already state."""
    stated = {(f.subject.key, f.predicate, f.object.key) for f in facts}
    best: dict[tuple[int, frozenset[str]], tuple[Candidate, float]] = {}
    for candidate, row in zip(found, rows, strict=True):
        if not scorer.judges(row):
            continue
        probability = scorer.probability(row)
        if probability < scorer.drop_below or (candidate.subject.key, candidate.predicate, candidate.object.key) in stated:
            continue
        pair = (candidate.sentence.number, frozenset((candidate.subject.key, candidate.object.key)))
        if pair not in best or probability > best[pair][1]:
            best[pair] = (candidate, probability)
    return sorted(best.values(), key=lambda item: (item[0].sentence.number, item[0].trigger_start))


def added(lexicon: Lexicon, facts: list[_F], read: Sequence[tuple[Sentence, list[Mention]]], make: Callable[..., _F],
          min_confidence: float = 0.0, enabled: bool = True, scorer: Scorer | None = None) -> list[_F]:
    """``facts`` with the candidates the pair scorer proposes at ``min_confidence`` or over, in reading order (``make``
    builds a suggestion of the caller's kind from a subject, predicate, object, sentence, pattern, trigger start and
    end, and confidence). Nothing is added when not ``enabled`` or with no scorer (no weights file)."""
    scorer = scorer if scorer is not None else shipped("pairs") if enabled else None
    if scorer is None:
        return facts
    found, rows = rows_of(lexicon, facts, read)
    new = [make(c.subject, c.predicate, c.object, c.sentence, f"{c.pattern} {MARK}", c.trigger_start, c.trigger_end,
                round(probability, 2)) for c, probability in chosen(scorer, found, rows, facts) if probability >= min_confidence]
    return sorted([*facts, *new], key=lambda f: f.sentence.number) if new else facts
