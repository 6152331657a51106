"""Key facts whose two ends are both found as mentions but which no suggestion states: the sentence and what was said.

    .venv/bin/python benchmarks/relation_gaps.py [--articles DIR]

For each key fact of each article (``*.txt`` beside ``*.key.tsv``) not suggested while both its ends are among the
mentions of its sentence, prints the fact, the sentence, and the facts suggested in that sentence (marked "false" when
no key fact matches them), so the misses of attachment and of predicate choice can be sorted by cause. Ends with the
count of such misses per property.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import _both_mentioned, _name, articles_parser, matches, read_articles  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = articles_parser(__doc__).parse_args(argv)
    by_property: Counter[str] = Counter()
    for article in read_articles(args.articles):
        print(f"\n{article.path.name}")
        for fact in article.key:
            if article.found(fact) or not _both_mentioned(fact, article.per_sentence):
                continue
            by_property[fact.predicate.rsplit("#", 1)[-1]] += 1
            print(f"  {fact.sentence:>3} {fact.words()}")
            print(f"      {article.sentence(fact.sentence)}")
            for said in (s for s in article.suggestions if s.sentence.number == fact.sentence):
                data = said.as_json()
                mark = "" if any(matches(said, k, article.inverse) for k in article.key) else " false"
                print(f"      said{mark}: {_name(data['subject'])} —{said.predicate.rsplit('#', 1)[-1]}→ "
                      f"{_name(data['object'])} [{said.pattern}]")
    print("\n" + ", ".join(f"{name}: {count}" for name, count in by_property.most_common()))
    print(f"{sum(by_property.values())} key facts with both ends found and not suggested")
    return 0


if __name__ == "__main__":
    sys.exit(main())
