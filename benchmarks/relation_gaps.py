"""Key facts whose two ends are both found as mentions but which no suggestion states: the sentence and what was said.

    .venv/bin/python benchmarks/relation_gaps.py [--articles DIR]

For each key fact of each article (``*.txt`` beside ``*.key.tsv``) not suggested while both its ends are among the
mentions of its sentence, prints the fact, the sentence, and the facts suggested in that sentence (marked "false" when
no key fact matches them), so the misses of attachment and of predicate choice can be sorted by cause. Ends with the
count of such misses per property.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import ARTICLES, _both_mentioned, _name, _suggest_recording, inverses, matches, ontology_graph, tsv_key  # noqa: E402

from explorer.core.extraction.lexicon import Lexicon  # noqa: E402
from explorer.core.extraction.sentences import split_sentences  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, metavar="DIR")
    args = parser.parse_args(argv)
    if not args.articles.is_dir():
        parser.error(f"{args.articles}: not a folder")
    ontology = ontology_graph()
    lexicon, inverse = Lexicon.from_ontology(ontology), inverses(ontology)
    by_property: Counter[str] = Counter()
    for path in sorted(args.articles.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = [s.text for s in split_sentences(text)]
        suggestions, per_sentence = _suggest_recording(text, lexicon)
        key = tsv_key(path.with_suffix(".key.tsv"))
        print(f"\n{path.name}")
        for fact in key:
            if any(matches(s, fact, inverse) for s in suggestions) or not _both_mentioned(fact, per_sentence):
                continue
            by_property[fact.predicate.rsplit("#", 1)[-1]] += 1
            print(f"  {fact.sentence:>3} {fact.words()}")
            print(f"      {sentences[fact.sentence - 1]}")
            for said in (s for s in suggestions if s.sentence.number == fact.sentence):
                data = said.as_json()
                mark = "" if any(matches(said, k, inverse) for k in key) else " false"
                print(f"      said{mark}: {_name(data['subject'])} —{said.predicate.rsplit('#', 1)[-1]}→ "
                      f"{_name(data['object'])} [{said.pattern}]")
    print("\n" + ", ".join(f"{name}: {count}" for name, count in by_property.most_common()))
    print(f"{sum(by_property.values())} key facts with both ends found and not suggested")
    return 0


if __name__ == "__main__":
    sys.exit(main())
