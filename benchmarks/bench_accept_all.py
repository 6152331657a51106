"""Whether every suggestion of each article can be accepted at once, as ``kg-explorer suggest --accept-all`` does.

    .venv/bin/python benchmarks/bench_accept_all.py [--articles DIR] [--min-confidence X]

For each article (``*.txt`` in DIR, default ``tests/data/articles`` and the seed article), suggests facts against the
bundled graph and builds the one change set accepting all of them (checked by the SHACL shapes step by step, then
taken back: nothing is written). Prints the number of articles accepted whole, then one line per refused article with
the refusal's first line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.curation import Curator, Provenance  # noqa: E402
from explorer.core.errors import ExplorerError  # noqa: E402
from explorer.core.graph import KnowledgeGraph  # noqa: E402
from explorer.services.importing.apply import ArticleSource, suggestions_change  # noqa: E402
from explorer.services.importing.articles import read_article  # noqa: E402
from explorer.services.importing.suggestions import suggest_for_graph  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"
SEED = ROOT.parent / "shared" / "sources" / "5g-industrial-internet-article.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, metavar="DIR", help="the articles (*.txt) to accept")
    parser.add_argument("--min-confidence", type=float, default=0.3, metavar="X",
                        help="accept the suggestions of this confidence and up (default 0.3, as the CLI)")
    args = parser.parse_args(argv)
    paths = sorted((args.articles or ARTICLES).glob("*.txt"))
    if args.articles is None and SEED.is_file():
        paths.append(SEED)
    kg = KnowledgeGraph.bundled()
    curator = Curator(kg, Provenance("Benchmark"))
    refused: list[str] = []
    facts = 0
    for path in paths:
        article = read_article(path)
        chosen = [s for s in suggest_for_graph(kg, article).suggestions if s.confidence >= args.min_confidence]
        try:
            suggestions_change(kg, curator, chosen, ArticleSource(article, path.stem, "2026-01-01"))
            facts += len(chosen)
        except ExplorerError as error:
            refused.append(f"{path.name}: {' '.join(str(error).split())[:240]}")
    print(f"{len(paths) - len(refused)} of {len(paths)} articles accepted whole ({facts} suggestions)")
    for line in refused:
        print(line)
    return 0 if not refused else 1


if __name__ == "__main__":
    sys.exit(main())
