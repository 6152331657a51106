"""Curation benchmark: adding a fact with its evidence on a large graph, SHACL check included.

Run with ``.venv/bin/python benchmarks/bench_curation.py [--size 1m] [--runs 15] [--write]``. The
graph is the generated benchmark graph (``benchmarks/generate.py``, made on first use) loaded
into the embedded store. Each run adds a different fact "operator — member of → alliance"
with background evidence through :class:`~explorer.core.curation.Curator` (resolving the
terms, building the evidence record, SHACL on the touched nodes) and applies it as the undo
history would (:class:`~explorer.core.curation.CurationCommand`). Figures are medians:

* ``add_fact_ms`` — build + check + apply (the figure with the 100 ms target), wall clock;
* ``add_fact_cpu_ms`` — the same in CPU time of the process (what it costs on a machine shared
  with other work, where the wall clock also counts waiting for a core);
* ``check_ms`` — of which the SHACL check of the touched nodes;
* ``undo_ms`` — undoing one such fact;
* ``add_entity_ms`` — adding an entity (labels, kind, its evidence), check and apply;
* ``label_rebuild_s`` — the first label lookup after an entity was added (the search index is
  rebuilt when labels change; a fact changes none and keeps it).

``--write`` puts the table in its own section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import SIZES, ensure
from explorer.core import bundled
from explorer.core.curation import (
    Background,
    CurationCommand,
    Curator,
    Provenance,
    Value,
    checking,
)
from explorer.core.graph import KnowledgeGraph

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Curation (benchmarks/bench_curation.py)"
KG_NS = "https://w3id.org/kg-explorer/ontology#"


def _instances(kg: KnowledgeGraph, cls: str, count: int) -> list[str]:
    rows = kg.query(f"SELECT ?s WHERE {{ ?s a <{KG_NS}{cls}> }} LIMIT {count}").rows
    return [str(row[0]) for row in rows]


def run(size: str = "1m", runs: int = 15) -> dict[str, float | int | str]:
    path = ensure(size, "nt")
    kg = KnowledgeGraph()
    started = time.perf_counter()
    kg.load([path, bundled.ontology_file()])
    load_s = time.perf_counter() - started
    operators = _instances(kg, "TelecomOperator", runs)
    alliances = _instances(kg, "IndustryAlliance", runs)
    curator = Curator(kg, Provenance("Benchmark"))
    checks: list[float] = []
    real_check = checking.check_change

    def timed_check(*args: object, **kwargs: object) -> object:
        begin = time.perf_counter()
        try:
            return real_check(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            checks.append(time.perf_counter() - begin)

    import explorer.core.curation.curator as curator_module

    curator_module.check_change = timed_check  # type: ignore[assignment]
    curator.add_fact(operators[0], "member of", Value(alliances[-1]), evidence=Background("warm-up"))
    checks.clear()
    adds, adds_cpu, undos, commands = [], [], [], []
    for index in range(runs):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        change = curator.add_fact(operators[index], "member of", Value(alliances[(index + 1) % len(alliances)]),
                                  evidence=Background(f"benchmark fact {index}"))
        command = CurationCommand(kg, change)
        command.redo()
        adds.append(time.perf_counter() - begin)
        adds_cpu.append(time.process_time() - begin_cpu)
        commands.append(command)
    for command in reversed(commands):
        begin = time.perf_counter()
        command.undo()
        undos.append(time.perf_counter() - begin)
    begin = time.perf_counter()
    _, change = curator.add_entity("Benchmark Operator", "TelecomOperator", evidence=Background("benchmark"))
    CurationCommand(kg, change).redo()
    add_entity = time.perf_counter() - begin
    begin = time.perf_counter()
    kg.label(operators[0])
    rebuild = time.perf_counter() - begin
    curator_module.check_change = real_check  # type: ignore[assignment]
    return {"size": size, "triples": SIZES.get(size, 0), "load_s": round(load_s, 1), "runs": runs,
            "add_fact_ms": round(statistics.median(adds) * 1000, 1),
            "add_fact_max_ms": round(max(adds) * 1000, 1),
            "add_fact_cpu_ms": round(statistics.median(adds_cpu) * 1000, 1),
            "check_ms": round(statistics.median(checks[:runs]) * 1000, 1),
            "undo_ms": round(statistics.median(undos) * 1000, 1),
            "add_entity_ms": round(add_entity * 1000, 1), "label_rebuild_s": round(rebuild, 2)}


def table(row: dict[str, float | int | str]) -> str:
    keys = list(row)
    return "| " + " | ".join(keys) + " |\n|" + "---|" * len(keys) + "\n| " + " | ".join(str(row[k]) for k in keys) + " |\n"


def write_section(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"\n{re.escape(SECTION)}\n.*?(?=\n## |\Z)", re.S)
    section = f"\n{SECTION}\n\n{text}"
    current = pattern.sub(lambda _m: section, current) if pattern.search(current) else current.rstrip("\n") + "\n" + section
    RESULTS.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1m", choices=sorted(SIZES))
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--write", action="store_true", help="store the table in benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    row = run(args.size, args.runs)
    command = f".venv/bin/python benchmarks/bench_curation.py --size {args.size} --runs {args.runs}"
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    text = (f"Command: `{command}`. Medians of {args.runs} runs on the generated {args.size} graph (N-Triples, "
            f"embedded store, in memory). Machine: {platform.processor() or platform.machine()}, "
            f"{os.cpu_count()} cores, load average at the end {load} (1/5/15 min), Python "
            f"{platform.python_version()}. Target: adding a fact (SHACL check included) under 100 ms.\n\n" + table(row))
    print(text)
    if args.write:
        write_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
