"""How long reading articles takes: the rules alone, with the bundled models, and with other model files.

    .venv/bin/python benchmarks/bench_suggestion_speed.py [--articles DIR] [--model FILE …] [--runs N]

Times ``suggest_facts`` over every article of ``DIR`` (``*.txt``; default: the bundled test articles) in one process,
``N`` runs of each reader taken in turn (default 3), and prints the median and the runs of each, with its ratio to the
rules alone. Reading a model file is timed apart (it happens once per process). The machine is shared, so compare the
readers of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import ARTICLES, folder, ontology_graph  # noqa: E402

from explorer.core.extraction.lexicon import Lexicon  # noqa: E402
from explorer.core.extraction.relation_model import BUNDLED_FILE, RelationModel  # noqa: E402
from explorer.core.extraction.suggest import suggest_facts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=folder, default=ARTICLES, metavar="DIR")
    parser.add_argument("--model", type=Path, nargs="*", default=[], metavar="FILE", help="other relation model files")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    lexicon = Lexicon.from_ontology(ontology_graph())
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.articles.glob("*.txt"))]
    loads = []
    for _ in range(args.runs):
        started = time.perf_counter()
        bundled = RelationModel.load(BUNDLED_FILE)
        loads.append(time.perf_counter() - started)
    readers: dict[str, bool | RelationModel] = {"rules alone": False, "bundled model": bundled}
    readers.update({path.name: RelationModel.load(path) for path in args.model})
    times: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(args.runs):
        for name, reader in readers.items():
            started = time.perf_counter()
            for text in texts:
                suggest_facts(text, lexicon, learned=reader)
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["rules alone"])
    print(f"{len(texts)} articles, {args.runs} runs each; reading the bundled model file: "
          f"median {statistics.median(loads):.2f} s")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<24} median {median:6.2f} s  ({median / base:.2f}× the rules)  runs: "
              + ", ".join(f"{t:.2f}" for t in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
