"""How far a suggested fact can be trusted, from what its reading rests on: its confidence, made to tell.

The confidence a rule gives a fact says how well its two ends fit the property. It says nothing of how much the
reading itself guessed, and on text the rules were not written from, the guesses are where the false suggestions
are. Each of these is a doubt:

- the words are a bare preposition, a comma or a possessive ("in", "'s", "at its"): they link what stands beside them
  but name no relation, so the property is chosen from the ends' kinds alone;
- the subject is a thing described, not named ("a specialist", "the edge servers"): a description is often cut
  shorter or longer than the thing it stands for, or speaks of a kind rather than of things;
- the object is described and the subject is not (one doubt for the pair: the subject's counts first);
- the subject is a bare plural ("carmakers in East Asia"): a kind spoken of in general, no things that stand anywhere;
- the subject, the object and the words spread over 80 characters or more: the reading crossed phrases to join them;
- the subject is a pronoun, or the object a noun phrase that refers back ("the plant"): a guess at what they stand for.

A fact with no doubt or one is trusted a little more (+0.1; not one that rests on an NER candidate); one with two
stays under 0.7, the default of the review dialog's "Tick All at Least"; one with three or more stays under 0.5. The
doubts were chosen on the twelfth session's eight held-out articles, where facts with no doubt or one were right 0.82
of the time, with two 0.70, with three 0.38. On eight articles written afterwards and never read while tuning, the
bands (0.7 and up / 0.5-0.7 / under 0.5) were right 0.82 / 0.76 / 0.62 of the time: the order holds, the low band is
less often wrong than the tuning set promised (benchmarks/RESULTS.md, thirteenth session).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, TypeVar

from explorer.core.extraction import wordclass
from explorer.core.extraction.lexicon import PREPOSITIONS
from explorer.core.extraction.relation_model import MODEL_MARK
from explorer.core.extraction.spans import Mention

#: Ends read from a description (a noun phrase or a class cue), not a name.
_DESCRIBED = ("phrase", "cue")
#: How many characters the ends and the words may spread over before the reading counts as crossing phrases.
_FAR = 80
#: The most a fact with two doubts, and with three or more, is trusted.
_CAP_TWO, _CAP_MORE = 0.69, 0.45
_BONUS = 0.1


def _link_only(words: str) -> bool:
    """Words that link two things without naming their relation: a preposition, punctuation, a possessive."""
    words = words.strip().lower()
    return words in PREPOSITIONS or not any(ch.isalpha() for ch in words) or "'s" in words or "’s" in words \
        or words.startswith(("at its", "in its", "-based")) or words == "there"


def _bare_plural(mention: Mention) -> bool:
    words = (mention.label or mention.text).split()
    if not words or words[0][:1].isdigit():
        return False
    last = words[-1].lower()
    is_plural = wordclass.plural(last)
    return is_plural if is_plural is not None else (last.endswith("s") and not last.endswith("ss"))


def doubts(subject: Mention, obj: Mention, words: str, trigger_start: int, trigger_end: int) -> int:
    """How many guesses the reading of a fact rests on (see the module's list)."""
    described_subject = subject.via in _DESCRIBED
    spread = max(subject.end, obj.end, trigger_end) - min(subject.start, obj.start, trigger_start)
    return sum((_link_only(words), described_subject, obj.via in _DESCRIBED and not described_subject,
                described_subject and _bare_plural(subject), spread >= _FAR, subject.via == "pronoun",
                obj.via == "definite"))


def calibrated(confidence: float, subject: Mention, obj: Mention, words: str, trigger_start: int, trigger_end: int) -> float:
    """The confidence a fact is shown with: its rule's, raised a little with no doubt or one, held under 0.7 with two
    doubts and under 0.5 with three or more."""
    count = doubts(subject, obj, words, trigger_start, trigger_end)
    if count <= 1 and "ner" not in (subject.via, obj.via):  # (an NER candidate's fact keeps the penalty it took)
        return round(min(1.0, confidence + _BONUS), 2)
    return round(min(confidence, _CAP_TWO if count == 2 else _CAP_MORE), 2)


class ProposedFact(Protocol):
    """What the steps after the readers see of a suggested fact (``suggest.Suggestion`` is one)."""

    @property
    def subject(self) -> Mention: ...
    @property
    def predicate(self) -> str: ...
    @property
    def object(self) -> Mention: ...
    @property
    def pattern(self) -> str: ...
    @property
    def trigger_start(self) -> int: ...
    @property
    def trigger_end(self) -> int: ...
    @property
    def confidence(self) -> float: ...


_F = TypeVar("_F", bound=ProposedFact)


def recalibrated(facts: list[_F], min_confidence: float) -> list[_F]:
    """``facts`` with the confidence they are shown with, those still at ``min_confidence`` or over."""
    # the model's confidence was measured on articles it was not trained on (``relation_model``): it is shown as it is
    shown = [f if f.pattern.startswith(MODEL_MARK) else replace(f, confidence=calibrated(  # type: ignore[type-var]
        f.confidence, f.subject, f.object, f.pattern, f.trigger_start, f.trigger_end)) for f in facts]
    return [f for f in shown if f.confidence >= min_confidence]
