"""Quality of the facts suggested from articles: precision and recall against answer keys.

    .venv/bin/python benchmarks/bench_suggestions.py [--articles DIR] [--rules-only | --model FILE]
                                                     [--details] [--confidence]

Each article is read against a graph holding only the ontology (no known entities), as an analyst
would import a first report. The seed article's answer key is the bundled graph's quoted facts
between entities; the other articles (tests/data/articles/) have keys written from their text
(``*.key.tsv``). Entities match by label or alias (folded case, width and accents, singular or
plural); a fact matches when its predicate is the key's or the key's inverse with the ends swapped.
Suggests as the app does, with the bundled relation model (``--rules-only``: without it; ``--model FILE``:
with another, e.g. one ``train_relation_model.py --hold-out`` wrote). Prints a Markdown table, then
(``--confidence``) how often each band of confidence is right and
(``--details``) the misses and the false suggestions.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rdflib import Graph, URIRef  # noqa: E402
from rdflib.namespace import OWL, RDF, RDFS, SKOS  # noqa: E402

from explorer.core import bundled  # noqa: E402
from explorer.core.extraction import suggest as suggest_module  # noqa: E402
from explorer.core.extraction.lexicon import Lexicon  # noqa: E402
from explorer.core.extraction.mentions import Mention, MentionFinder  # noqa: E402
from explorer.core.extraction.relation_model import RelationModel  # noqa: E402
from explorer.core.extraction.sentences import split_sentences  # noqa: E402
from explorer.core.extraction.suggest import Suggestion, suggest_facts  # noqa: E402
from explorer.core.search import normalize  # noqa: E402
from explorer.core.vocab import KG, ONTOLOGY_IRI  # noqa: E402

ARTICLES = REPO / "tests" / "data" / "articles"
#: What ``suggest_facts`` is given as ``learned``: the bundled model (True), none (``--rules-only``) or another
#: (``--model FILE``).
LEARNED: bool | RelationModel = True
PREFIXES = {"kg": ONTOLOGY_IRI, "org": "http://www.w3.org/ns/org#"}


@dataclass(frozen=True)
class KeyFact:
    subject: frozenset[str]
    predicate: str
    object: frozenset[str]
    sentence: int

    def words(self) -> str:
        return f"{sorted(self.subject)[0]} —{self.predicate.rsplit('#', 1)[-1].rsplit('/', 1)[-1]}→ {sorted(self.object)[0]}"


def fold_name(text: str) -> str:
    """A name as compared: folded, without a leading article, singular."""
    folded = normalize(text).strip(" .,'\"“”")
    for article in ("the ", "a ", "an "):
        folded = folded.removeprefix(article)
    if folded.endswith("s") and not folded.endswith("ss"):
        folded = folded[:-1]
    return folded


def ontology_graph() -> Graph:
    graph = Graph()
    for path in bundled.ontology_files():
        graph.parse(path, format="turtle")
    return graph


def inverses(ontology: Graph) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for a, b in ontology.subject_objects(OWL.inverseOf):
        pairs[str(a)], pairs[str(b)] = str(b), str(a)
    return pairs


def seed_key() -> list[KeyFact]:
    """The bundled graph's facts between entities that quote the article."""
    graph = Graph().parse(bundled.data_dir() / "5g-industrial-internet.ttl", format="turtle")

    def names(node: object) -> frozenset[str]:
        found = {fold_name(str(label)) for p in (RDFS.label, SKOS.altLabel) for label in graph.objects(node, p)}  # type: ignore[arg-type]
        return frozenset(found)

    facts = []
    for record in graph.subjects(RDF.type, RDF.Statement):
        s, p, o = (graph.value(record, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        quote = graph.value(record, KG.quote)
        if quote is None or p == RDF.type or not isinstance(o, URIRef) or not names(o):
            continue
        index = graph.value(record, KG.sentenceIndex)
        facts.append(KeyFact(names(s), str(p), names(o), int(index) if index is not None else 0))
    return facts


def tsv_key(path: Path) -> list[KeyFact]:
    facts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise SystemExit(f"{path}:{number}: expected 4 tab-separated cells, found {len(cells)}")
        prefix, _, local = cells[1].partition(":")
        facts.append(KeyFact(frozenset(fold_name(n) for n in cells[0].split("|")), PREFIXES[prefix] + local,
                             frozenset(fold_name(n) for n in cells[2].split("|")), int(cells[3])))
    return facts


def _name(end: dict[str, object]) -> str:
    return fold_name(str(end.get("label") or end.get("iri") or ""))


def _names(end: dict[str, object]) -> frozenset[str]:
    """An end's label and aliases, as compared."""
    aliases = end.get("aliases")
    return frozenset([_name(end), *(fold_name(str(a)) for a in (aliases if isinstance(aliases, list) else []))])


def matches(suggestion: Suggestion, fact: KeyFact, inverse: dict[str, str]) -> bool:
    data = suggestion.as_json()
    s, o = _names(data["subject"]), _names(data["object"])
    if suggestion.predicate == fact.predicate:
        return bool(s & fact.subject and o & fact.object)
    if inverse.get(suggestion.predicate) == fact.predicate:
        return bool(o & fact.subject and s & fact.object)
    return False


@dataclass
class Score:
    article: str
    suggested: int
    correct: int
    key: int
    found: int
    misses: list[KeyFact]
    false: list[Suggestion]
    #: key facts whose two ends are both named in the text (by a label or an alias): the most a
    #: suggester that names entities as the text does can find
    reachable: int = 0
    #: key facts whose two ends are both among the mentions ``MentionFinder.find`` returns for their
    #: sentence (as ``suggest_facts`` calls it): the most noun-phrase detection lets the verbs find
    mentioned: int = 0
    #: each suggestion's confidence, and whether the key holds it
    confidences: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.key if self.key else 0.0


class _RecordingFinder(MentionFinder):
    """A MentionFinder that keeps what ``find`` returned for each sentence, in reading order."""

    found: list[list[Mention]]

    def find(self, text: str, previous_subject: Mention | None = None, extra: Iterable[Mention] = ()) -> list[Mention]:
        mentions = super().find(text, previous_subject, extra)
        self.found.append(mentions)
        return mentions


def _suggest_recording(text: str, lexicon: Lexicon) -> tuple[list[Suggestion], list[list[Mention]]]:
    """The suggestions for ``text`` and the mentions found in each sentence on the way."""
    per_sentence: list[list[Mention]] = []

    class Finder(_RecordingFinder):
        found = per_sentence

    original = suggest_module.MentionFinder
    suggest_module.MentionFinder = Finder  # type: ignore[misc]
    try:
        return suggest_facts(text, lexicon, learned=LEARNED), per_sentence
    finally:
        suggest_module.MentionFinder = original  # type: ignore[misc]


def _both_mentioned(fact: KeyFact, per_sentence: list[list[Mention]]) -> bool:
    if not 1 <= fact.sentence <= len(per_sentence):
        return False
    names = {fold_name(m.label or m.text) for m in per_sentence[fact.sentence - 1]} | {
        fold_name(m.text) for m in per_sentence[fact.sentence - 1]}
    return bool(fact.subject & names) and bool(fact.object & names)


def score(article: str, text: str, key: Iterable[KeyFact], lexicon: Lexicon, inverse: dict[str, str]) -> Score:
    key = list(key)
    suggestions, per_sentence = _suggest_recording(text, lexicon)
    correct = [s for s in suggestions if any(matches(s, f, inverse) for f in key)]
    found = [f for f in key if any(matches(s, f, inverse) for s in suggestions)]
    folded_text = fold_name(text)
    reachable = [f for f in key if any(n in folded_text for n in f.subject) and any(n in folded_text for n in f.object)]
    return Score(article, len(suggestions), len(correct), len(key), len(found),
                 [f for f in key if f not in found], [s for s in suggestions if s not in correct], len(reachable),
                 sum(_both_mentioned(f, per_sentence) for f in key),
                 [(s.confidence, s in correct) for s in suggestions])


def run(articles: Path = ARTICLES, with_seed: bool = True) -> list[Score]:
    ontology = ontology_graph()
    lexicon = Lexicon.from_ontology(ontology)
    inverse = inverses(ontology)
    scores = []
    if with_seed:
        scores.append(score("seed article (bundled graph as key)", bundled.article_file().read_text(encoding="utf-8"),
                            seed_key(), lexicon, inverse))
    for path in sorted(articles.glob("*.txt")):
        scores.append(score(path.name, path.read_text(encoding="utf-8"), tsv_key(path.with_suffix(".key.tsv")),
                            lexicon, inverse))
    return scores


def folder(value: str) -> Path:
    """An ``--articles`` value: a folder that exists, or one line naming what it is not."""
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{path}: not a folder")
    return path


def articles_parser(doc: str) -> argparse.ArgumentParser:
    """The command line the diagnostics share: ``--articles DIR`` (default: the bundled test articles)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--articles", type=folder, default=ARTICLES, metavar="DIR")
    return parser


@dataclass
class ReadArticle:
    """One article as the suggester read it: its sentences, suggestions, the mentions of each sentence, and its key."""

    path: Path
    sentences: list[str]
    suggestions: list[Suggestion]
    per_sentence: list[list[Mention]]
    key: list[KeyFact]
    inverse: dict[str, str]

    def sentence(self, number: int) -> str:
        return self.sentences[number - 1] if 1 <= number <= len(self.sentences) else ""

    def mentions(self, number: int) -> list[Mention]:
        return self.per_sentence[number - 1] if 1 <= number <= len(self.per_sentence) else []

    def found(self, fact: KeyFact) -> bool:
        """Whether a suggestion states the key fact."""
        return any(matches(s, fact, self.inverse) for s in self.suggestions)


def read_articles(directory: Path) -> Iterator[ReadArticle]:
    """Each article of ``directory`` (``*.txt`` beside its ``*.key.tsv``), read against the ontology alone."""
    ontology = ontology_graph()
    lexicon, inverse = Lexicon.from_ontology(ontology), inverses(ontology)
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        suggestions, per_sentence = _suggest_recording(text, lexicon)
        yield ReadArticle(path, [s.text for s in split_sentences(text)], suggestions, per_sentence,
                          tsv_key(path.with_suffix(".key.tsv")), inverse)


def table(scores: list[Score]) -> str:
    lines = ["| article | suggested | correct | key facts | both ends named in the text | both ends found as mentions "
             "| found | precision | recall |",
             "|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {s.article} | {s.suggested} | {s.correct} | {s.key} | {s.reachable} | {s.mentioned} | {s.found} | "
                     f"{s.precision:.2f} | {s.recall:.2f} |")
    return "\n".join(lines)


#: the bands of confidence ``--confidence`` reports, as (lowest, highest) with the highest left out
CONFIDENCE_BANDS = ((0.7, 1.01), (0.5, 0.7), (0.0, 0.5))


def confidence_table(scores: list[Score]) -> str:
    """How often the suggestions of each band of confidence are right, over all the articles scored."""
    lines = ["| confidence | suggested | correct | precision |", "|---|---|---|---|"]
    for low, high in CONFIDENCE_BANDS:
        band = [right for s in scores for confidence, right in s.confidences if low <= confidence < high]
        label = f"{low:.1f} and up" if high > 1 else f"{low:.1f} to {high:.1f}"
        precision = f"{sum(band) / len(band):.2f}" if band else "–"
        lines.append(f"| {label} | {len(band)} | {sum(band)} | {precision} |")
    return "\n".join(lines)


def details(scores: list[Score]) -> str:
    out = []
    for s in scores:
        out.append(f"\n{s.article}")
        out.extend(f"  missed (sentence {f.sentence}): {f.words()}" for f in s.misses)
        for wrong in s.false:
            data = wrong.as_json()
            out.append(f"  false (sentence {wrong.sentence.number}): {_name(data['subject'])} "
                       f"—{wrong.predicate.rsplit('#', 1)[-1]}→ {_name(data['object'])} [{wrong.pattern}]")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--confidence", action="store_true",
                        help="also tell how often the suggestions of each band of confidence are right")
    parser.add_argument("--details", action="store_true", help="list the misses and the false suggestions")
    parser.add_argument("--articles", type=folder, metavar="DIR",
                        help="score the articles (*.txt beside *.key.tsv) in DIR instead of tests/data/articles "
                             "and the seed article")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--rules-only", action="store_true", help="suggest without the bundled relation model")
    which.add_argument("--model", type=Path, metavar="FILE", help="suggest with this relation model instead of the bundled one")
    args = parser.parse_args(argv)
    global LEARNED
    LEARNED = False if args.rules_only else RelationModel.load(args.model) if args.model else True
    scores = run(args.articles, with_seed=False) if args.articles is not None else run()
    print(table(scores))
    if args.confidence:
        print()
        print(confidence_table(scores))
    if args.details:
        print(details(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
