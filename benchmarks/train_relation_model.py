"""Train the bundled relation model from the articles with answer keys.

    .venv/bin/python benchmarks/train_relation_model.py [--articles DIR] [--hold-out NAME …]
                                                        [--out FILE]

Reads each article (``*.txt`` beside ``*.key.tsv``) as the import does, rules and all, and records every pair of
mentions of each sentence with its features (``explorer.core.extraction.pair_features``). A pair is labelled with the
key's property where the key states a fact from its first to its second mention in that sentence (names compared as
``bench_suggestions`` compares them), else "none". A multinomial logistic model (L2-regularised, fitted with L-BFGS)
learns the labels; weights under 0.05 are dropped (the same suggestions, a third of the size), and the model is
written with the SHA-256 of every article it read, so ``tests/core/test_relation_model.py`` sees when a key changed
after training. The same input gives the same file. ``--hold-out`` leaves articles out by name (without ``.txt``),
to score the model on text it never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import ARTICLES, KeyFact, fold_name, ontology_graph, tsv_key  # noqa: E402

from explorer.core.extraction.lexicon import Lexicon  # noqa: E402
from explorer.core.extraction.pair_features import Pair, pairs  # noqa: E402
from explorer.core.extraction.relation_model import BUNDLED_FILE, NONE, RelationModel  # noqa: E402
from explorer.core.extraction.sentences import Sentence  # noqa: E402
from explorer.core.extraction.spans import Mention, Reading  # noqa: E402
from explorer.core.extraction.suggest import suggest_facts  # noqa: E402

#: Regularisation, the least number of pairs a feature must occur in, the least weight kept (chosen on the
#: fifteenth session's sixteen held-out articles, see benchmarks/RESULTS.md).
L2, MIN_COUNT, PRUNE = 1.0, 2, 0.05


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="folder of *.txt with *.key.tsv beside them")
    parser.add_argument("--hold-out", nargs="*", default=[], metavar="NAME", help="articles left out (names without .txt)")
    parser.add_argument("--out", type=Path, default=BUNDLED_FILE, help="where the model is written (default: the bundled one)")
    args = parser.parse_args(argv)
    lexicon = Lexicon.from_ontology(ontology_graph())
    files = [p for p in sorted(args.articles.glob("*.txt")) if p.stem not in set(args.hold_out)]
    data: list[tuple[tuple[str, ...], str]] = []
    for path in files:
        data += examples(path, lexicon)
    model = fit(data)
    model = RelationModel(model.classes, model.weights, model.bias, {p.stem: digest(p) for p in files})
    model.save(args.out)
    print(f"{len(files)} articles, {len(data)} pairs ({sum(y != NONE for _, y in data)} stating a fact), "
          f"{len(model.weights)} features kept; written to {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
