"""The bundled relation model: facts between two mentions of a sentence that no trigger pattern read.

The rules (``suggest``) read a fact where a property's trigger words stand between two mentions. Much of
what articles state is worded otherwise ("the Caofeidian Ore Terminal, the busy quay in the city's Binhai
district": the terminal lies in the district), so a small multinomial logistic model, trained on the answer
keys of the articles in ``tests/data/articles`` (``benchmarks/train_relation_model.py``), scores every pair
of mentions of a sentence (``pair_features``), with the names the mention finder missed that the span model
(``span_model``) adds, and proposes the property it finds likeliest where that is
likely enough and the rules did not read the same fact, either way round. Such a fact carries ``MODEL_MARK`` in its pattern, so the
analyst sees where it came from, and as its confidence the share of the model's facts that were right
on articles it was not trained on (``calibration``): on text it never saw the model is right far less
often than its probability says, so the probability alone would overstate it.

The weights ship inside the package (``relation_model.json.gz``, a few hundred kilobytes); nothing is
downloaded, and reading needs no numerical library.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.pair_features import Pair, pairs
from explorer.core.extraction.sentences import Sentence
from explorer.core.extraction.span_model import SpanModel
from explorer.core.extraction.spans import Mention, Reading

#: What a suggestion the model made carries before the words between its two names.
MODEL_MARK = "[model]"
#: The least probability at which the model proposes a fact (chosen on articles it was not trained on;
#: ``benchmarks/RESULTS.md``, "Sixteenth session").
THRESHOLD = 0.5
#: The class that means "these two are not linked by any property".
NONE = "none"
#: Punctuation the shown words do not open or end on ("'s" keeps its apostrophe, "-based" its hyphen).
_LOOSE = frozenset(",;:.()\"“”")
BUNDLED_FILE = Path(__file__).with_name("relation_model.json.gz")
FORMAT = 1


class RelationReader(Protocol):
    """What ``suggest_facts`` asks, once per sentence, for facts beyond the rules' readings."""

    def read(self, lexicon: Lexicon, sentence: Sentence, view: str, mentions: Sequence[Mention],
             facts: Sequence[tuple[Mention, str, Mention]]) -> list[Reading]: ...


class ModelUnreadable(Exception):
    """The model file is missing or not a model of this format; the message is one line."""


@dataclass(frozen=True)
class RelationModel:
    """Weights per feature and class; class 0 is ``NONE``, the others are property IRIs."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[tuple[int, float], ...]]
    bias: tuple[float, ...]
    #: The articles the model was trained on, each with the SHA-256 of its text and key.
    trained_on: Mapping[str, str] = field(default_factory=dict)
    threshold: float = THRESHOLD
    #: What a probability is shown as: (least probability, confidence) in ascending order, the share of the model's
    #: facts that were right on articles it was not trained on (a probability below the first is shown as it is).
    calibration: tuple[tuple[float, float], ...] = ()
    #: Properties the model does not propose: on those articles, too few of its facts of them were right.
    left_out: frozenset[str] = frozenset()
    #: The articles the calibration was measured on, with their SHA-256 as ``trained_on``.
    calibrated_on: Mapping[str, str] = field(default_factory=dict)
    #: What finds the names the mention finder misses, as further ends of pairs (none: the mentions alone).
    spans: SpanModel | None = None

    def shown(self, probability: float) -> float:
        """The confidence a fact of this probability is shown with."""
        confidence = probability
        for least, measured in self.calibration:
            if probability >= least:
                confidence = measured
        return confidence

    def probabilities(self, features: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        for feature in set(features):
            for index, weight in self.weights.get(feature, ()):
                scores[index] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, features: Iterable[str]) -> tuple[str, float]:
        """The likeliest class and its probability."""
        probabilities = self.probabilities(features)
        index = max(range(len(probabilities)), key=probabilities.__getitem__)
        return self.classes[index], probabilities[index]

    def read(self, lexicon: Lexicon, sentence: Sentence, view: str, mentions: Sequence[Mention],
             facts: Sequence[tuple[Mention, str, Mention]]) -> list[Reading]:
        """Facts of one sentence the rules did not read: for each pair of mentions the likeliest property, where
        its probability reaches the threshold and its ends do not clash with the property's domain and range."""
        # a second reading of two things the rules linked is offered ("based in" where they read "located in"),
        # the same fact either way round or by its inverse ("built" for "built by") is not
        read = {(s.key, p, o.key) for s, p, o in facts} | {(o.key, p, s.key) for s, p, o in facts} \
            | {(o.key, lexicon.inverses[p], s.key) for s, p, o in facts if p in lexicon.inverses}
        readings: list[Reading] = []
        for pair in pairs(lexicon, view, self.ends(lexicon, view, mentions), facts):
            if pair.subject.key == pair.object.key:
                continue
            predicate, probability = self.best(pair.features)
            if predicate == NONE or predicate in self.left_out or probability < self.threshold or not _fits(lexicon, predicate, pair) \
                    or (pair.subject.key, predicate, pair.object.key) in read or _restates(lexicon, pair, predicate, facts):
                continue
            read |= {(pair.subject.key, predicate, pair.object.key), (pair.object.key, predicate, pair.subject.key)}
            if predicate in lexicon.inverses:
                read.add((pair.object.key, lexicon.inverses[predicate], pair.subject.key))
            readings.append(_reading(view, pair, predicate, self.shown(probability)))
        return readings

    def ends(self, lexicon: Lexicon, view: str, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions with the names the span model adds."""
        return [*mentions, *self.spans.find(lexicon, view, mentions)] if self.spans is not None else list(mentions)

    def as_json(self) -> dict[str, Any]:
        spans = {"spans": self.spans.as_json()} if self.spans is not None else {}
        return {**spans, "format": FORMAT, "classes": list(self.classes), "bias": [round(b, 3) for b in self.bias],
                "threshold": self.threshold, "trained_on": dict(sorted(self.trained_on.items())),
                "calibration": [list(step) for step in self.calibration], "left_out": sorted(self.left_out),
                "calibrated_on": dict(sorted(self.calibrated_on.items())),
                "weights": {f: [[i, round(w, 3)] for i, w in ws] for f, ws in sorted(self.weights.items())}}

    def save(self, path: Path) -> None:
        # mtime=0: the same weights give the same bytes, so a retrained model shows in git only when it changed
        data = json.dumps(self.as_json(), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        path.write_bytes(gzip.compress(data, mtime=0))

    @classmethod
    def load(cls, path: Path) -> RelationModel:
        try:
            data = json.loads(gzip.decompress(path.read_bytes()))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
            return cls(tuple(data["classes"]), {f: tuple((int(i), float(w)) for i, w in ws) for f, ws in data["weights"].items()},
                       tuple(float(b) for b in data["bias"]), dict(data.get("trained_on", {})),
                       float(data.get("threshold", THRESHOLD)),
                       tuple((float(least), float(shown)) for least, shown in data.get("calibration", [])),
                       frozenset(str(p) for p in data.get("left_out", [])), dict(data.get("calibrated_on", {})),
                       SpanModel.from_json(data["spans"]) if "spans" in data else None)
        except (OSError, ValueError, KeyError, TypeError, EOFError, gzip.BadGzipFile) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ModelUnreadable(f"{path}: not a relation model ({reason})") from None


@lru_cache(maxsize=1)
def bundled() -> RelationModel:
    """The model shipped with the app (read once)."""
    return RelationModel.load(BUNDLED_FILE)


def _fits(lexicon: Lexicon, predicate: str, pair: Pair) -> bool:
    domain, range_ = lexicon.ends(predicate)
    return lexicon.is_a(pair.subject.cls, domain) is not False and lexicon.is_a(pair.object.cls, range_) is not False


def _restates(lexicon: Lexicon, pair: Pair, predicate: str, facts: Sequence[tuple[Mention, str, Mention]]) -> bool:
    """Whether the rules read the fact with a longer name for one end: "Supcon basedIn Hangzhou" where they read
    "Supcon Technology basedIn Hangzhou" from "Hangzhou-based Supcon Technology"."""
    inverse = lexicon.inverses.get(predicate)
    for subject, read, obj in facts:
        # a property that is its own inverse ("partnered with") is read both ways round
        ways = ([(subject, obj)] if read == predicate else []) + ([(obj, subject)] if read == inverse else [])
        if any((o.key == pair.object.key and _within(pair.subject, s)) or (s.key == pair.subject.key and _within(pair.object, o))
               for s, o in ways):
            return True
    return False


def _within(part: Mention, whole: Mention) -> bool:
    return whole.start <= part.start and part.end <= whole.end


def _reading(view: str, pair: Pair, predicate: str, confidence: float) -> Reading:
    """The fact with the words between its two names as its pattern (at most six, so the review column stays short)."""
    start, end = pair.first.end, pair.second.start
    while start < end and (view[start].isspace() or view[start] in _LOOSE):
        start += 1
    while end > start and (view[end - 1].isspace() or view[end - 1] in _LOOSE):
        end -= 1
    words = view[start:end].split()
    shown = " ".join(words) if len(words) <= 6 else " ".join([*words[:3], "…", *words[-2:]])
    pattern = f"{MODEL_MARK} {shown}".rstrip()
    return pair.subject, predicate, pair.object, pattern, start, max(start, end), round(confidence, 2)
