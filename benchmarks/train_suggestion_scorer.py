"""Fit the learned scorer of facts no rule read on the annotated articles, and measure what it does.

    .venv/bin/python benchmarks/train_suggestion_scorer.py --evaluate --held-out /tmp/s14/u13   # figures only
    .venv/bin/python benchmarks/train_suggestion_scorer.py [--out FILE]   # write the weights (not shipped)

Every article of tests/data/articles (``*.txt`` beside ``*.key.tsv``) and the seed article (its key is the bundled
graph) is read by the rules (``suggest_facts``). Each pair of mentions of a sentence with a property a trigger of the
sentence names (``learned_pairs.candidates``, the pairs the rules linked too) is labelled right when the key holds it
(as ``bench_suggestions`` matches), and ``learned_scorer.fit`` weighs its features; ``learned_pairs.added`` would then
propose the pairs no rule linked that the model scores ``PAIR_ABOVE`` or over. The weights file records the articles,
the features, the settings and the date; ``suggest_facts`` does not read it (see ``learned_pairs``).

``--evaluate`` prints the rules' figures beside those with the scorer's additions: leave-one-group-out cross-validation
(``--folds`` groups of articles, each scored by a model fitted on the others) and, with ``--held-out DIR``, DIR's
articles scored by a model fitted without them (then cross-validation over the others). ``--drop-below P`` also
measures a judge of the rules' own facts (``fact_features``) that drops those it gives less than P.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_suggestions import ARTICLES, inverses, matches, ontology_graph, seed_key, tsv_key  # noqa: E402

from explorer.core import bundled  # noqa: E402
from explorer.core.extraction import learned_pairs, learned_scorer  # noqa: E402
from explorer.core.extraction.lexicon import Lexicon  # noqa: E402
from explorer.core.extraction.mentions import Mention  # noqa: E402
from explorer.core.extraction.sentences import Sentence  # noqa: E402
from explorer.core.extraction.suggest import Suggestion, suggest_facts  # noqa: E402

SEED = "seed"
#: The L2 penalty of the fit of the pairs no rule linked and the probability from which one is proposed (on the
#: thirteenth session's unseen eight, fitted without them, 0.6 / 0.7 / 0.8 added 3 of 7 / 3 of 4 / 2 of 2 right).
PAIR_L2, PAIR_ABOVE = 1.0, 0.8
#: The judge of the rules' own facts (``--drop-below`` 0 or over; off below 0) never helped on unseen text.
L2, DROP_BELOW = 2.0, -1.0
MIN_CONFIDENCE = 0.3


@dataclass
class ReadArticle:
    """One article as the rules read it: each suggestion's features, rule confidence and the key facts it states."""

    name: str
    rows: list[dict[str, float]]
    confidences: list[float]
    #: for each suggestion, the indices of the key facts it states (none: a false suggestion)
    states: list[frozenset[int]]
    key_size: int
    #: the pairs of mentions no rule linked (``learned_pairs``), their features and the key facts each states
    candidates: list[learned_pairs.Candidate]
    pair_rows: list[dict[str, float]]
    pair_states: list[frozenset[int]]
    #: whether a rule's fact links the candidate's two ends (then it is learned from, never suggested)
    pair_linked: list[bool]
    #: the (subject, property, object) keys the rules' facts state
    stated: list[tuple[str, str, str]]


def read_all(articles: Path, with_seed: bool = True) -> list[ReadArticle]:
    ontology = ontology_graph()
    lexicon, inverse = Lexicon.from_ontology(ontology), inverses(ontology)
    sources = [(SEED, bundled.article_file().read_text(encoding="utf-8"), seed_key())] if with_seed else []
    sources += [(path.stem, path.read_text(encoding="utf-8"), tsv_key(path.with_suffix(".key.tsv")))
                for path in sorted(articles.glob("*.txt"))]
    out = []
    for name, text, key in sources:
        sentences: list[tuple[Sentence, list[Mention]]] = []
        facts = suggest_facts(text, lexicon, min_confidence=MIN_CONFIDENCE, mentions_read=sentences)
        states = [frozenset(i for i, fact in enumerate(key) if matches(s, fact, inverse)) for s in facts]
        candidates, pair_rows = learned_pairs.rows_of(lexicon, facts, sentences, linked_too=True)
        linked = {(f.sentence.number, frozenset((f.subject.key, f.object.key))) for f in facts}
        pair_linked = [(c.sentence.number, frozenset((c.subject.key, c.object.key))) in linked for c in candidates]
        as_suggestions = [Suggestion(c.subject, c.predicate, c.object, c.sentence, c.pattern, c.trigger_start, c.trigger_end,
                                     0.0) for c in candidates]
        pair_states = [frozenset(i for i, fact in enumerate(key) if matches(s, fact, inverse)) for s in as_suggestions]
        out.append(ReadArticle(name, learned_scorer.rows_of(lexicon, facts), [s.confidence for s in facts], states,
                               len(key), candidates, pair_rows, pair_states, pair_linked,
                               [(f.subject.key, f.predicate, f.object.key) for f in facts]))
    return out


@dataclass(frozen=True)
class Settings:
    """The penalties of the two fits and their thresholds (see the module constants)."""

    l2: float = L2
    drop_below: float = DROP_BELOW
    pair_l2: float = PAIR_L2
    pair_above: float = PAIR_ABOVE
    #: whether the pair scorer also learns from the pairs the rules linked (the facts they found, and their errors)
    learn_from_linked: bool = True


@dataclass(frozen=True)
class Models:
    facts: learned_scorer.Scorer
    pairs: learned_scorer.Scorer


def train(read: Sequence[ReadArticle], settings: Settings) -> Models:
    """The scorer of the rules' facts and the scorer of the pairs no rule linked, fitted on ``read``."""
    weights = learned_scorer.fit([r for a in read for r in a.rows], [bool(s) for a in read for s in a.states], settings.l2)
    facts = learned_scorer.Scorer(weights, frozenset(n for n in weights if n.startswith(("property=", "construction:"))),
                                  settings.drop_below)
    pairs = [(row, bool(states)) for a in read for row, states, linked in zip(a.pair_rows, a.pair_states, a.pair_linked,
                                                                               strict=True)
             if settings.learn_from_linked or not linked]
    weights = learned_scorer.fit([row for row, _ in pairs], [right for _, right in pairs], settings.pair_l2)
    pairs = learned_scorer.Scorer(weights, frozenset(n for n in weights if n.startswith("property=")), settings.pair_above)
    return Models(facts, pairs)


def shown(article: ReadArticle, models: Models | None) -> list[tuple[frozenset[int], float]]:
    """What ``learned_pairs.judged`` shows of the article: each fact's key facts and confidence."""
    out = []
    for row, confidence, states in zip(article.rows, article.confidences, article.states, strict=True):
        if models is None or models.facts.drop_below < 0 or not models.facts.judges(row):
            out.append((states, confidence))
            continue
        probability = models.facts.probability(row)
        if probability >= models.facts.drop_below and round(probability, 2) >= MIN_CONFIDENCE:
            out.append((states, round(probability, 2)))
    if models is not None:
        open_pairs = [i for i, linked in enumerate(article.pair_linked) if not linked]
        index = {id(article.candidates[i]): i for i in open_pairs}
        for candidate, probability in learned_pairs.chosen(models.pairs, [article.candidates[i] for i in open_pairs],
                                                           [article.pair_rows[i] for i in open_pairs], []):
            out.append((article.pair_states[index[id(candidate)]], round(probability, 2)))
    return out


@dataclass
class Totals:
    suggested: int = 0
    correct: int = 0
    key: int = 0
    found: int = 0

    def add(self, article: ReadArticle, facts: list[tuple[frozenset[int], float]]) -> tuple[int, int, int, int]:
        found = set().union(*(states for states, _ in facts)) if facts else set()
        figures = (len(facts), sum(bool(states) for states, _ in facts), article.key_size, len(found))
        self.suggested += figures[0]
        self.correct += figures[1]
        self.key += figures[2]
        self.found += figures[3]
        return figures

    def __str__(self) -> str:
        precision = self.correct / self.suggested if self.suggested else 0.0
        recall = self.found / self.key if self.key else 0.0
        return f"{self.correct}/{self.suggested} = {precision:.3f}, {self.found}/{self.key} = {recall:.3f}"


BANDS = ((0.7, 1.01), (0.5, 0.7), (0.0, 0.5))


def bands(facts: Sequence[tuple[frozenset[int], float]]) -> str:
    parts = []
    for low, high in BANDS:
        band = [bool(states) for states, confidence in facts if low <= confidence < high]
        parts.append(f"{low:.1f}+: {sum(band)}/{len(band)}" + (f" = {sum(band) / len(band):.2f}" if band else ""))
    return "; ".join(parts)


def compare(read: Sequence[ReadArticle], models: Sequence[Models], label: str, verbose: bool) -> None:
    """The rules' figures on ``read`` beside those with each article's models, and every article the models lower."""
    rules, learned = Totals(), Totals()
    all_rules: list[tuple[frozenset[int], float]] = []
    all_learned: list[tuple[frozenset[int], float]] = []
    for article, model in zip(read, models, strict=True):
        facts_rules, facts_learned = shown(article, None), shown(article, model)
        all_rules += facts_rules
        all_learned += facts_learned
        before, after = rules.add(article, facts_rules), learned.add(article, facts_learned)
        if verbose and (after[1] * before[0] < before[1] * after[0] or after[3] < before[3]):
            print(f"  lower: {article.name}: {before[1]}/{before[0]}, {before[3]}/{before[2]} -> "
                  f"{after[1]}/{after[0]}, {after[3]}/{after[2]}")
    print(f"{label}: rules {rules}; learned {learned}")
    print(f"  bands rules   {bands(all_rules)}")
    print(f"  bands learned {bands(all_learned)}")


def cross_validate(read: Sequence[ReadArticle], folds: int, settings: Settings, verbose: bool) -> None:
    models = [train([a for i, a in enumerate(read) if i % folds != fold], settings) for fold in range(folds)]
    compare(read, [models[i % folds] for i in range(len(read))],
            f"cross-validation over {len(read)} articles ({folds} groups by article, {settings})", verbose)


def write(read: Sequence[ReadArticle], path: Path, settings: Settings) -> Models:
    models = train(read, settings)
    data = {"trained_on": {"articles": len(read), "names": [a.name for a in read],
                           "rule_facts": sum(len(a.rows) for a in read),
                           "rule_facts_right": sum(bool(s) for a in read for s in a.states),
                           "pairs": sum(len(a.pair_rows) for a in read),
                           "right_pairs": sum(bool(s) for a in read for s in a.pair_states)},
            "date": datetime.date.today().isoformat(), "settings": settings.__dict__,
            "command": "benchmarks/train_suggestion_scorer.py",
            "pairs": models.pairs.as_json()}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return models


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluate", action="store_true", help="print figures; write no weights")
    parser.add_argument("--held-out", type=Path, metavar="DIR",
                        help="with --evaluate: score DIR's articles by models fitted on the others (those of the same "
                             "names left out of training), and cross-validate on the others")
    parser.add_argument("--folds", type=int, default=8)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--drop-below", type=float, default=DROP_BELOW)
    parser.add_argument("--pair-l2", type=float, default=PAIR_L2)
    parser.add_argument("--pair-above", type=float, default=PAIR_ABOVE)
    parser.add_argument("--verbose", action="store_true", help="name every article the scorers lower")
    parser.add_argument("--out", type=Path, default=learned_scorer.WEIGHTS_FILE)
    args = parser.parse_args(argv)
    settings = Settings(args.l2, args.drop_below, args.pair_l2, args.pair_above)
    read = read_all(ARTICLES)
    if not args.evaluate:
        models = write(read, args.out, settings)
        print(f"{args.out}: {len(models.pairs.weights)} weights from {len(read)} articles")
        return 0
    if args.held_out is not None:
        held = read_all(args.held_out, with_seed=False)
        names = {a.name for a in held}
        rest = [a for a in read if a.name not in names]
        model = train(rest, settings)
        compare(held, [model] * len(held), f"held out {args.held_out} (fitted on the other {len(rest)})", args.verbose)
        cross_validate(rest, args.folds, settings, args.verbose)
    cross_validate(read, args.folds, settings, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
