"""SPARQL servers against the embedded store on the same questions (issue 17's server targets).

Starts private servers on loopback (as the endpoint tests do) — Virtuoso (with its free-text
index enabled, which the explorer detects when it connects) and Oxigraph's own server — loads
the chosen graphs into each, and times what an analyst does: label search (one word, and per
keystroke), a hub's capped neighbourhood, describing an entity, a 6-hop shortest path, and the
class hierarchy with counts. "cold" starts every run from empty caches (what the first question
costs after connecting); "warm" asks again in the same session. Prints a Markdown table.

Usage::

    .venv/bin/python benchmarks/bench_endpoint.py                         # bundled graph and 100k triples
    .venv/bin/python benchmarks/bench_endpoint.py --sizes 1m --keep /tmp/kg-bench --repeat 7

``--keep DIR`` keeps the servers' databases in DIR: a graph already loaded there is not loaded
again (the 1M load takes a while; load once, measure many times). ``--running NAME=URL``
measures a server already running with the graphs loaded (``urn:kg-explorer:bench:SIZE``), so
two versions of the explorer can be measured in turn against the same warm server.

Needs ``virtuoso-t`` and ``isql-vt`` (Debian package ``virtuoso-opensource``) and/or the
``oxigraph`` server (``pip install oxigraph``); a server that is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "endpoint"))

from oxigraph_server import OxigraphServer, oxigraph_missing  # noqa: E402
from virtuoso_server import VirtuosoServer, virtuoso_missing  # noqa: E402

from explorer.core import bundled  # noqa: E402
from explorer.core.graph import KnowledgeGraph  # noqa: E402
from explorer.core.paths import find_paths  # noqa: E402

D = "https://w3id.org/kg-explorer/data/"
# Issue 17's targets for a server holding the 1M graph (ms).
TARGETS = {"search": 50, "keystrokes": 50, "neighbours": 30, "describe": 50, "path": 300}

Task = tuple[str, Callable[[KnowledgeGraph], object]]


def tasks_for(size: str) -> dict[str, Task]:
    if size == "bundled":
        source, target, hub, entity = D + "ChinaMobile", D + "FiveGRemoteHealthcareServices", D + "China", D + "ChinaMobile"
        word, typed = "china", ["c", "ch", "chi", "chin", "china", "china m", "china mo", "china mob"]
    else:
        from benchmarks.generate import probes

        probe = probes()
        source, target, hub, entity = probe["path_source"], probe["path_target"], probe["hub"], probe["entity"]
        word, typed = "zhong", ["z", "zh", "zho", "zhon", "zhong", "zhongx", "zhongxi", "zhongxin"]

    def keystrokes(kg: KnowledgeGraph) -> list[float]:
        times = []
        for text in typed:
            started = time.perf_counter()
            kg.search(text, limit=20)
            times.append((time.perf_counter() - started) * 1000)
        return times

    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    return {
        "search": (f'search "{word}" (20 hits)', lambda kg: kg.search(word, limit=20)),
        "keystrokes": (f'search per keystroke ("{typed[0]}" … "{typed[-1]}", median; slowest in brackets)', keystrokes),
        "neighbours": (f"neighbours of {short(hub)} (25 per side, rest counted)", lambda kg: kg.neighbours(hub, limit=25)),
        "describe": (f"describe {short(entity)}", lambda kg: kg.describe(entity)),
        "path": (f"shortest path {short(source)} → {short(target)} (6 hops)" if size != "bundled"
                 else f"shortest path {short(source)} → {short(target)}", lambda kg: find_paths(kg, source, target)),
        "classes": ("class hierarchy with instance counts", lambda kg: kg.class_hierarchy()),
    }


def _requests(kg: KnowledgeGraph) -> int:
    backend = kg.backend
    return int(getattr(backend, "requests", 0))


Measured = tuple[float, float, int, str, float]


def measure(kg: KnowledgeGraph, work: Callable[[KnowledgeGraph], object], repeat: int) -> Measured:
    """Cold median, warm median, queries sent by one cold run, a note (the slowest keystroke),
    and the cold runs' median CPU time in this process (ms)."""
    cold: list[float] = []
    warm: list[float] = []
    cpu: list[float] = []
    queries = 0
    slowest: list[float] = []
    for _ in range(repeat):
        kg.invalidate_caches()
        if not kg.is_remote:
            kg.label(D + "ChinaMobile")  # the embedded label index is built when loading, not per question
        before = _requests(kg)
        started, processor = time.perf_counter(), time.process_time()
        answer = work(kg)
        elapsed = (time.perf_counter() - started) * 1000
        cpu.append((time.process_time() - processor) * 1000)
        queries = _requests(kg) - before
        if isinstance(answer, list) and answer and isinstance(answer[0], float):
            cold.append(statistics.median(answer))
            slowest.append(max(answer))
        else:
            cold.append(elapsed)
        started = time.perf_counter()
        answer = work(kg)
        elapsed = (time.perf_counter() - started) * 1000
        warm.append(statistics.median(answer) if isinstance(answer, list) and answer and isinstance(answer[0], float)
                    else elapsed)
    note = f" ({statistics.median(slowest):.0f})" if slowest else ""
    return statistics.median(cold), statistics.median(warm), queries, note, statistics.median(cpu)


def graph_files(size: str, folder: Path) -> list[Path]:
    if size == "bundled":
        return list(bundled.bundled_graph_files())
    from benchmarks.generate import SIZES, write

    path = folder / f"generated-{size}.nt"
    if not path.exists():
        write(path, SIZES[size], "nt")
    return [path]


def _loaded(folder: Path) -> dict[str, str]:
    """Graphs in the kept database, with the signature of the files they were loaded from."""
    marker = folder / "loaded-graphs.txt"
    if not marker.exists():
        return {}
    found: dict[str, str] = {}
    for line in marker.read_text().splitlines():
        graph, _, signature = line.partition(" ")
        found[graph] = signature
    return found


def _signature(files: list[Path]) -> str:
    return "+".join(str(path.stat().st_size) for path in files)


def _mark_loaded(folder: Path, graph: str, files: list[Path]) -> None:
    loaded = _loaded(folder)
    loaded[graph] = _signature(files)
    (folder / "loaded-graphs.txt").write_text("".join(f"{g} {s}\n" for g, s in loaded.items()), encoding="utf-8")


@contextlib.contextmanager
def virtuoso(folder: Path, sizes: list[str], data: Path) -> Iterator[str]:
    folder.mkdir(parents=True, exist_ok=True)
    server = VirtuosoServer(folder)
    server.start()
    try:
        loaded = _loaded(folder)
        if not loaded:
            server.enable_text_index()
        for size in sizes:
            graph, files = f"urn:kg-explorer:bench:{size}", graph_files(size, data)
            if loaded.get(graph) != _signature(files):  # new, or the files changed since (the bundled graph grows)
                started = time.perf_counter()
                # Emptied, and forgotten by the bulk loader (which skips files it has loaded once).
                server.isql(f"SPARQL CLEAR GRAPH <{graph}>; DELETE FROM DB.DBA.LOAD_LIST WHERE ll_graph = '{graph}';")
                server.load(files, graph)
                _mark_loaded(folder, graph, files)
                print(f"Virtuoso: loaded {size} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        yield server.url
    finally:
        server.stop()


@contextlib.contextmanager
def oxigraph(folder: Path, sizes: list[str], data: Path) -> Iterator[str]:
    folder.mkdir(parents=True, exist_ok=True)
    server = OxigraphServer(folder)
    loaded = _loaded(folder)
    for size in sizes:
        graph, files = f"urn:kg-explorer:bench:{size}", graph_files(size, data)
        if loaded.get(graph) != _signature(files):
            started = time.perf_counter()
            server.clear(graph)
            server.load(files, graph)
            _mark_loaded(folder, graph, files)
            print(f"Oxigraph: loaded {size} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


SERVERS = {"virtuoso": (virtuoso, virtuoso_missing, "Virtuoso"), "oxigraph": (oxigraph, oxigraph_missing, "Oxigraph server")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="bundled,100k", help="comma-separated: bundled, 10k, 100k, 1m")
    parser.add_argument("--servers", default="virtuoso,oxigraph", help="comma-separated: virtuoso, oxigraph")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the servers' databases (and generated files) in this folder")
    parser.add_argument("--tasks", help="comma-separated subset: search, keystrokes, neighbours, describe, path, classes")
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded store's column")
    parser.add_argument("--running", action="append", default=[], metavar="NAME=URL",
                        help="measure this server already running (virtuoso=http://…/sparql) instead of starting one")
    args = parser.parse_args(argv)
    load_at_start = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    chosen = {t.strip() for t in args.tasks.split(",")} if args.tasks else None

    def tasks(size: str) -> dict[str, Task]:
        return {key: task for key, task in tasks_for(size).items() if chosen is None or key in chosen}

    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    unknown = [s for s in servers if s not in SERVERS]
    if unknown:
        print(f"error: unknown server {unknown[0]!r}: use {', '.join(SERVERS)}", file=sys.stderr)
        return 2
    running = dict(item.split("=", 1) for item in args.running if "=" in item)
    results: dict[tuple[str, str, str], Measured] = {}
    names: dict[tuple[str, str], str] = {}
    notes: list[str] = []
    round_trips: dict[str, float] = {}
    with contextlib.ExitStack() as stack:
        base = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-endpoint-")))
        base.mkdir(parents=True, exist_ok=True)
        triples: dict[str, int] = {}
        if not args.no_embedded:
            for size in sizes:
                embedded = KnowledgeGraph()
                embedded.load(graph_files(size, base))
                triples[size] = len(embedded)
                for key, (what, work) in tasks(size).items():
                    names[(size, key)] = what
                    results[("embedded", size, key)] = measure(embedded, work, args.repeat)
                del embedded
        for name in servers:
            start, missing, _title = SERVERS[name]
            reason = None if name in running else missing()
            if reason:
                notes.append(f"{name} skipped: {reason}")
                continue
            with (contextlib.nullcontext(running[name]) if name in running else start(base / name, sizes, base)) as url:
                for size in sizes:
                    remote = KnowledgeGraph.connect(url, default_graph=f"urn:kg-explorer:bench:{size}", timeout=120)
                    triples.setdefault(size, remote.quad_count())
                    round_trips[name] = statistics.median(remote.backend.ping() * 1000 for _ in range(21))
                    for key, (what, work) in tasks(size).items():
                        names[(size, key)] = what
                        results[(name, size, key)] = measure(remote, work, args.repeat)
                    print(f"{name} {size}: done", file=sys.stderr)
    columns = (["embedded"] if not args.no_embedded else []) + [s for s in servers if any(k[0] == s for k in results)]
    header = "| graph | task | " + " | ".join(
        f"{SERVERS[c][2] if c in SERVERS else 'embedded'} cold / warm (ms) [queries] (cold CPU)" for c in columns) + " | target |"
    print(header)
    print("|---|---|" + "---:|" * len(columns) + "---:|")
    for size in sizes:
        for key in tasks(size):
            cells = []
            for column in columns:
                cold, warm, queries, note, cpu = results[(column, size, key)]
                sent = f" [{queries}]" if column != "embedded" else ""
                cells.append(f"{cold:.1f}{note} / {warm:.1f}{sent} (CPU {cpu:.1f})")
            target = f"≤ {TARGETS[key]}" if key in TARGETS and size == "1m" else ""
            print(f"| {size} ({triples.get(size, 0):,}) | {names[(size, key)]} | " + " | ".join(cells) + f" | {target} |")
    trips = ", ".join(f"{SERVERS[name][2]} {ms:.1f} ms" for name, ms in round_trips.items())
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nLoad average at the start (1/5/15 min): {load_at_start}.")
    print(f"\nMedians of {args.repeat} runs; cold runs start from empty caches, warm ones ask again in the same session. "
          f"Loopback, {platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
          f"An empty query's round trip (ASK {{}}, median of 21): {trips or 'no server'}. "
          f"Load average at the end (1/5/15 min): {load}.")
    for note in notes:
        print(f"\n{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
