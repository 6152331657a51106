"""Train the bundled relation model from the articles with answer keys.

    .venv/bin/python benchmarks/train_relation_model.py [--articles DIR] [--hold-out NAME …]
                                                        [--out FILE]

With no ``--hold-out``, the articles of ``HELD_OUT`` (the fifteenth session's sixteen) are left out and calibrated
on: that is how the bundled model is made. ``--hold-out`` alone leaves none out. The model reads what the mention
finder and the rules return, so retrain it after changing them (the test of the bundled model only sees articles and
keys change).

Reads each article (``*.txt`` beside ``*.key.tsv``) as the import does, rules and all, and records every pair of
mentions of each sentence with its features (``explorer.core.extraction.pair_features``). A pair is labelled with the
key's property where the key states a fact from its first to its second mention in that sentence (names compared as
``bench_suggestions`` compares them), else "none". A multinomial logistic model (L2-regularised, fitted with L-BFGS)
learns the labels; weights under 0.05 are dropped (the same suggestions, a third of the size), and the model is
written with the SHA-256 of every article it read, so ``tests/core/test_relation_model.py`` sees when a key changed
after training. The same input gives the same file. ``--hold-out`` leaves articles out by name (without ``.txt``) and
calibrates on them: on text it never saw the model is right less often than its probability says, so what a fact is
shown with, and which properties it does not propose, are measured there (``calibrated``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import ARTICLES, KeyFact, fold_name, inverses, matches, ontology_graph, tsv_key  # noqa: E402

from explorer.core.extraction.lexicon import Lexicon  # noqa: E402
from explorer.core.extraction.pair_features import Pair, pairs  # noqa: E402
from explorer.core.extraction.relation_model import BUNDLED_FILE, MODEL_MARK, NONE, THRESHOLD, RelationModel  # noqa: E402
from explorer.core.extraction.sentences import Sentence  # noqa: E402
from explorer.core.extraction.spans import Mention, Reading  # noqa: E402
from explorer.core.extraction.suggest import suggest_facts  # noqa: E402

#: Regularisation, the least number of pairs a feature must occur in, the least weight kept (chosen on the
#: fifteenth session's sixteen held-out articles, see benchmarks/RESULTS.md).
L2, MIN_COUNT, PRUNE = 1.0, 2, 0.05
#: Articles the bundled model is not trained on but calibrated on: written for the fifteenth session, no rule was
#: written from them, and their figures before the model are in benchmarks/RESULTS.md.
HELD_OUT = (
    "held-out-chongzuo-sugar-mills",
    "held-out-deyang-turbine-blade-plant",
    "held-out-hebei-gas-compressor-stations",
    "held-out-jinan-server-factory",
    "held-out-kunming-flower-auction-cold-chain",
    "held-out-nantong-subsea-cable-maker",
    "held-out-ningde-offshore-fish-farms",
    "held-out-puer-tea-processing",
    "held-out-shandong-paper-mill",
    "held-out-shandong-smart-expressway",
    "held-out-weihai-medical-device-factory",
    "held-out-wenchang-launch-site-network",
    "held-out-wuhan-5g-ambulances",
    "held-out-xian-rail-freight-hub",
    "held-out-yibin-liquor-distillery",
    "held-out-zhuhai-air-conditioner-plant",
)
#: The bands of probability calibrated apart, and when a property is left out (facts seen, share right).
BANDS = (THRESHOLD, 0.7)
LEFT_OUT_LEAST, LEFT_OUT_BELOW = 8, 0.35


class PairRecorder:
    """A relation reader that proposes nothing and keeps each sentence's pairs, as the model would see them."""

    def __init__(self) -> None:
        self.pairs: list[tuple[int, Pair]] = []

    def read(self, lexicon: Lexicon, sentence: Sentence, view: str, mentions: Sequence[Mention],
             facts: Sequence[tuple[Mention, str, Mention]]) -> list[Reading]:
        self.pairs += [(sentence.number, pair) for pair in pairs(lexicon, view, mentions, facts)]
        return []


def digest(text_file: Path) -> str:
    return hashlib.sha256(text_file.read_bytes() + b"\0" + text_file.with_suffix(".key.tsv").read_bytes()).hexdigest()


def label(pair: Pair, number: int, key: Sequence[KeyFact]) -> str:
    subject = {fold_name(pair.subject.label or pair.subject.text), fold_name(pair.subject.text)}
    obj = {fold_name(pair.object.label or pair.object.text), fold_name(pair.object.text)}
    return next((f.predicate for f in key if f.sentence == number and f.subject & subject and f.object & obj), NONE)


def examples(text_file: Path, lexicon: Lexicon) -> list[tuple[tuple[str, ...], str]]:
    """Each pair of mentions of the article: its features and its label."""
    recorder = PairRecorder()
    suggest_facts(text_file.read_text(encoding="utf-8"), lexicon, learned=recorder)
    key = tsv_key(text_file.with_suffix(".key.tsv"))
    return [(pair.features, label(pair, number, key)) for number, pair in recorder.pairs]


def fit(data: Sequence[tuple[Sequence[str], str]], l2: float = L2, min_count: int = MIN_COUNT,
        prune: float = PRUNE) -> RelationModel:
    """A multinomial logistic model of the labels from the features."""
    counts = Counter(f for features, _ in data for f in set(features))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    classes = [NONE, *sorted({y for _, y in data} - {NONE})]
    rows, columns = [], []
    for row, (features, _) in enumerate(data):
        ids = sorted({vocabulary[f] for f in features if f in vocabulary})
        rows += [row] * len(ids)
        columns += ids
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(data), len(vocabulary)))
    y = np.array([classes.index(label) for _, label in data])
    n, d, k = len(data), len(vocabulary), len(classes)
    truth = np.zeros((n, k))
    truth[np.arange(n), y] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d * k].reshape(d, k), theta[d * k:]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -np.log(p[np.arange(n), y] + 1e-12).sum() + 0.5 * l2 * float((w * w).sum())
        gradient = p - truth
        return value, np.concatenate([np.asarray(x.T @ gradient + l2 * w).ravel(), gradient.sum(axis=0)])

    theta = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 300}).x
    w, b = theta[:d * k].reshape(d, k), theta[d * k:]
    weights = {}
    for feature, i in vocabulary.items():
        kept = tuple((j, float(w[i, j])) for j in range(k) if abs(w[i, j]) >= prune)
        if kept:
            weights[feature] = kept
    return RelationModel(tuple(classes), weights, tuple(float(v) for v in b))


def calibrated(model: RelationModel, held_out: Sequence[Path], lexicon: Lexicon, inverse: dict[str, str]) -> RelationModel:
    """``model`` with what its facts are shown as, measured on ``held_out`` (articles it was not trained on): a property
    with at least ``LEFT_OUT_LEAST`` facts of which under ``LEFT_OUT_BELOW`` were right is left out; the others' share
    right, per band of probability (``BANDS``), is the confidence the facts of that band are shown with."""
    raw = replace(model, calibration=(), left_out=frozenset())
    facts: list[tuple[str, float, bool]] = []
    for path in held_out:
        key = tsv_key(path.with_suffix(".key.tsv"))
        facts += [(s.predicate, s.confidence, any(matches(s, f, inverse) for f in key))
                  for s in suggest_facts(path.read_text(encoding="utf-8"), lexicon, learned=raw, min_confidence=0.0)
                  if s.pattern.startswith(MODEL_MARK)]
    counts = Counter(p for p, _, _ in facts)
    right = Counter(p for p, _, ok in facts if ok)
    left_out = frozenset(p for p, n in counts.items() if n >= LEFT_OUT_LEAST and right[p] / n < LEFT_OUT_BELOW)
    kept = [(c, ok) for p, c, ok in facts if p not in left_out]
    steps = []
    for low, high in zip(BANDS, [*BANDS[1:], 1.01], strict=True):
        band = [ok for c, ok in kept if low <= c < high]
        if band:
            steps.append((low, round(sum(band) / len(band), 2)))
    return replace(model, calibration=tuple(steps), left_out=left_out, calibrated_on={p.stem: digest(p) for p in held_out})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="folder of *.txt with *.key.tsv beside them")
    parser.add_argument("--hold-out", nargs="*", default=None, metavar="NAME",
                        help="articles left out and calibrated on (names without .txt; default: HELD_OUT)")
    parser.add_argument("--out", type=Path, default=BUNDLED_FILE, help="where the model is written (default: the bundled one)")
    args = parser.parse_args(argv)
    if args.hold_out is None:
        args.hold_out = list(HELD_OUT)
    lexicon = Lexicon.from_ontology(ontology_graph())
    files = [p for p in sorted(args.articles.glob("*.txt")) if p.stem not in set(args.hold_out)]
    data: list[tuple[tuple[str, ...], str]] = []
    for path in files:
        data += examples(path, lexicon)
    model = replace(fit(data), trained_on={p.stem: digest(p) for p in files})
    held_out = [p for p in sorted(args.articles.glob("*.txt")) if p.stem in set(args.hold_out)]
    if held_out:
        ontology = ontology_graph()
        model = calibrated(model, held_out, lexicon, inverses(ontology))
    model.save(args.out)
    print(f"{len(files)} articles, {len(data)} pairs ({sum(y != NONE for _, y in data)} stating a fact), "
          f"{len(model.weights)} features kept; written to {args.out} ({args.out.stat().st_size:,} bytes)")
    if held_out:
        print(f"calibrated on {len(held_out)} held-out articles: shown as {list(model.calibration)} "
              f"(least probability, confidence); left out: {sorted(p.rsplit('#', 1)[-1] for p in model.left_out) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
