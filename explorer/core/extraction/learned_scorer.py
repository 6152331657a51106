"""A learned judge of suggested facts: logistic regression over named features, fitted on annotated articles.

``fit`` weighs features (``fact_features``, ``learned_pairs.features``) by what was right and wrong on the annotated
articles (``benchmarks/train_suggestion_scorer.py`` fits it and writes ``suggestion_scorer.json`` beside this module;
the file is not shipped, see ``learned_pairs``). A ``Scorer`` judges only facts whose property (and construction) it
saw in training: any other keeps its rule's reading and confidence.

The fit is deterministic: Newton's method on the L2-penalised log-likelihood from zero weights, in a fixed order.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from explorer.core.extraction import fact_features
from explorer.core.extraction.fact_features import Fact
from explorer.core.extraction.lexicon import Lexicon

WEIGHTS_FILE = Path(__file__).with_name("suggestion_scorer.json")
#: How many times a feature must occur in the training facts to get a weight of its own.
MIN_COUNT = 3


@dataclass(frozen=True)
class Scorer:
    """Weights over named features, and what the model judges (the properties and constructions it saw)."""

    weights: Mapping[str, float]
    #: the features a fact must have one of for the model to judge it ("property=…", "construction:…")
    known: frozenset[str]
    #: facts the model gives less than this are dropped
    drop_below: float = 0.0
    #: how the model's probability is shown as a confidence (see ``confidence``)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def judges(self, row: Mapping[str, float]) -> bool:
        """Whether the model saw the fact's property and (for a construction) the construction in training."""
        prop = next((name for name in row if name.startswith("property=")), None)
        construction = next((name for name in row if name.startswith("construction:")), None)
        return prop in self.known and (construction is None or construction in self.known)

    def probability(self, row: Mapping[str, float]) -> float:
        total = sum(self.weights.get(name, 0.0) * value for name, value in row.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def as_json(self) -> dict[str, Any]:
        return {**self.meta, "drop_below": self.drop_below, "known": sorted(self.known),
                "features": sorted(self.weights), "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Scorer:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        if sorted(weights) != list(data["features"]):
            raise ValueError("the weights do not match the feature list")
        meta = {k: v for k, v in data.items() if k not in ("drop_below", "known", "features", "weights")}
        return cls(weights, frozenset(data["known"]), float(data["drop_below"]), meta)


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[bool], l2: float = 1.0, min_count: int = MIN_COUNT,
        iterations: int = 50) -> dict[str, float]:
    """Weights of a logistic regression of ``labels`` on ``rows`` (features occurring ``min_count`` times or more),
    penalised by ``l2`` times their squares (the bias too, lightly)."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(name for name, count in counts.items() if count >= min_count or name == "bias")
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[r, index[name]] = value
    y = np.asarray(labels, dtype=float)
    penalty = np.full(len(names), l2)
    if "bias" in index:
        penalty[index["bias"]] = l2 * 0.01
    w = np.zeros(len(names))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    return {name: float(w[i]) for name, i in index.items() if abs(w[i]) > 1e-9}


def rows_of(lexicon: Lexicon, facts: Sequence[Fact]) -> list[dict[str, float]]:
    """The features of each of an article's facts."""
    return [fact_features.features(lexicon, fact, facts) for fact in facts]


@lru_cache(maxsize=4)
def shipped(part: str = "facts") -> Scorer | None:
    """The scorer trained on the repository's articles: of the rules' facts ("facts") or of the pairs no rule linked
    ("pairs", ``learned_pairs``); None where the weights file or its part is missing."""
    if not WEIGHTS_FILE.exists():
        return None
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return Scorer.from_json(data[part]) if data.get(part) else None
