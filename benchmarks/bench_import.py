"""Importing a spreadsheet of 100,000 rows: read, check every row, build the facts with their
evidence, check the shapes, apply as one step — and a cancel half-way leaves the graph unchanged.

    .venv/bin/python benchmarks/bench_import.py [--rows 100000] [--runs 3]

The table is generated (git-ignored benchmarks/generated/): company name, Chinese name, the
alliance it belongs to (a known entity) and a shipment count (a typed value). Prints a Markdown
table of medians with the machine's load.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from explorer.core.curation import Provenance, edits_graph_for  # noqa: E402
from explorer.core.errors import Cancelled  # noqa: E402
from explorer.core.graph import KnowledgeGraph  # noqa: E402
from explorer.core.tasks import CancelToken  # noqa: E402
from explorer.services.importing.apply import plan_change  # noqa: E402
from explorer.services.importing.mapping import TableMapping  # noqa: E402
from explorer.services.importing.tables import context_from_graph, plan_import, read_table  # noqa: E402

GENERATED = HERE / "generated"
MAPPING = {"subject": {"column": "Company", "class": "kg:Company"},
           "labels": [{"column": "Chinese", "language": "zh"}],
           "facts": [{"predicate": "org:memberOf", "object": {"column": "Alliance"}},
                     {"predicate": "rdfs:comment", "object": {"column": "Units", "datatype": "xsd:integer"}}],
           "source": {"title": "Alliance members and shipments", "date": "2020-06-01"}}


def table_file(rows: int) -> Path:
    path = GENERATED / f"members-{rows}.csv"
    if not path.exists():
        GENERATED.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            handle.write("Company,Chinese,Alliance,Units\n")
            for i in range(rows):
                handle.write(f"Member company {i},成员公司{i},5G industry alliance,{(i * 37) % 100000}\n")
    return path


def one_run(path: Path) -> dict[str, float]:
    kg = KnowledgeGraph.bundled()
    mapping = TableMapping.from_json(MAPPING)
    reports: list[float] = []
    clocks = [(time.perf_counter(), time.process_time())]
    table = read_table(path)
    plan = plan_import(table, mapping, context_from_graph(kg), progress=lambda f, m: reports.append(f or 0.0))
    clocks.append((time.perf_counter(), time.process_time()))
    change = plan_change(kg, plan, mapping, Provenance("Benchmark"), edits_graph_for("Benchmark"),
                         progress=lambda f, m: reports.append(f or 0.0))
    clocks.append((time.perf_counter(), time.process_time()))
    kg.apply_changes(change)
    clocks.append((time.perf_counter(), time.process_time()))
    figures = {"statements": float(len(change.added)), "progress_reports": float(len(reports))}
    for name, (before, after) in zip(("read_and_check", "build_and_shapes", "apply"), itertools.pairwise(clocks), strict=True):
        figures[f"{name}_s"] = after[0] - before[0]
        figures[f"{name}_cpu_s"] = after[1] - before[1]
    figures["total_s"] = clocks[-1][0] - clocks[0][0]
    figures["total_cpu_s"] = clocks[-1][1] - clocks[0][1]
    return figures


def cancel_run(path: Path) -> bool:
    """Cancel when the build is half-way: nothing may have reached the graph."""
    kg = KnowledgeGraph.bundled()
    before = len(kg)
    mapping = TableMapping.from_json(MAPPING)
    plan = plan_import(read_table(path), mapping, context_from_graph(kg))
    token = CancelToken()

    def progress(fraction: float | None, message: str) -> None:
        if (fraction or 0.0) > 0.4:
            token.cancel()

    try:
        plan_change(kg, plan, mapping, Provenance("Benchmark"), edits_graph_for("Benchmark"), progress=progress,
                    cancel=token)
    except Cancelled:
        return len(kg) == before
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    path = table_file(args.rows)
    runs = [one_run(path) for _ in range(args.runs)]
    unchanged = cancel_run(path)
    medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    load = os.getloadavg()[0]
    print(f"| spreadsheet import, {args.rows:,} rows (median of {args.runs}; load average {load:.1f} on "
          f"{os.cpu_count()} cores) | wall clock | CPU of the process |")
    print("|---|---|---|")
    for key, words in (("read_and_check", "read the table and check every row"),
                       ("build_and_shapes", "build facts with evidence records, shapes on one row of each kind"),
                       ("apply", f"apply as one change ({int(medians['statements']):,} statements)"),
                       ("total", "total (target under 30 s)")):
        print(f"| {words} | {medians[key + '_s']:.2f} s | {medians[key + '_cpu_s']:.2f} s |")
    print(f"| progress reports | {int(medians['progress_reports'])} | |")
    print(f"| cancel half-way leaves the graph unchanged | {'yes' if unchanged else 'NO'} | |")
    print(json.dumps(medians), file=sys.stderr)
    return 0 if unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
