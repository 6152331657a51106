"""Key facts whose two ends are not both found as mentions: the end missed and the nearest mention.

    .venv/bin/python benchmarks/mention_gaps.py [--articles DIR]

For each key fact of each article (``*.txt`` beside ``*.key.tsv``) not suggested whose subject or object is among no
mention of its sentence, prints the missed end's names and what the mention finder returned there:
a mention holding the name ("longer"), one the name holds ("shorter"), one overlapping it, or none.
Ends with a count of those kinds, so a change to the noun phrases can be aimed at the largest.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import articles_parser, fold_name, read_articles  # noqa: E402


def nearest(names: frozenset[str], found: list[str]) -> tuple[str, str]:
    """How the closest mention stands to a missed name: longer (holds it), shorter (held by it), overlap, none."""
    for kind, test in (("longer", lambda n, m: n in m), ("shorter", lambda n, m: m in n)):
        hits = [m for m in found for n in names if m and test(n, m)]
        if hits:
            return kind, min(hits, key=len) if kind == "longer" else max(hits, key=len)
    words = {w for n in names for w in n.split()}
    shared = [m for m in found if words & set(m.split())]
    return ("overlap", shared[0]) if shared else ("none", "")


def main(argv: list[str] | None = None) -> int:
    args = articles_parser(__doc__).parse_args(argv)
    kinds: Counter[str] = Counter()
    for article in read_articles(args.articles):
        print(f"\n{article.path.name}")
        for fact in article.key:
            if article.found(fact):
                continue  # found all the same (a reader that names its own ends)
            mentions = article.mentions(fact.sentence)
            found = sorted({fold_name(m.label or m.text) for m in mentions} | {fold_name(m.text) for m in mentions})
            for end, names in (("subject", fact.subject), ("object", fact.object)):
                if names & set(found):
                    continue
                kind, near = nearest(names, found)
                kinds[kind] += 1
                print(f"  {fact.sentence:>3} {end:<7} {' | '.join(sorted(names))!r:<40} {kind:<8} {near!r}")
                print(f"      {article.sentence(fact.sentence)[:200]}")
    print("\n" + ", ".join(f"{kind}: {count}" for kind, count in kinds.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
