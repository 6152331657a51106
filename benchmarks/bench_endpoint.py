"""Embedded Oxigraph vs. a Virtuoso SPARQL endpoint on the same tasks.

Starts a private Virtuoso on loopback (as the endpoint tests do), loads the bundled graph
and a generated graph into it, opens the same files in the embedded store, and times what
an analyst does: label search, a capped neighbourhood of a hub, a shortest path, and the
class hierarchy with instance counts. Remote timings start from empty caches (labels,
classes): what the first question costs after connecting. Prints a Markdown table.

Usage::

    .venv/bin/python benchmarks/bench_endpoint.py              # bundled graph and 100k triples
    .venv/bin/python benchmarks/bench_endpoint.py --sizes bundled --repeat 3

Needs ``virtuoso-t`` and ``isql-vt`` (Debian/Ubuntu package ``virtuoso-opensource``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "endpoint"))

from virtuoso_server import VirtuosoServer, virtuoso_missing  # noqa: E402

from explorer.core import bundled  # noqa: E402
from explorer.core.graph import KnowledgeGraph  # noqa: E402
from explorer.core.paths import find_paths  # noqa: E402

D = "https://w3id.org/kg-explorer/data/"


def _median_ms(work: Callable[[], object], reset: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        reset()
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def tasks_for(size: str) -> dict[str, tuple[str, Callable[[KnowledgeGraph], object]]]:
    if size == "bundled":
        source, target, hub, text = D + "ChinaMobile", D + "FiveGRemoteHealthcareServices", D + "China", "china mob"
    else:
        from benchmarks.generate import probes

        probe = probes()
        source, target, hub, text = probe["path_source"], probe["path_target"], probe["hub"], "zhong"
    return {
        "search": (f'search "{text}" (20 hits)', lambda kg: kg.search(text, limit=20)),
        "neighbours": (f"neighbours of {hub.rsplit('/', 1)[-1]} (25 per side, rest counted)",
                       lambda kg: kg.neighbours(hub, limit=25)),
        "path": (f"shortest path {source.rsplit('/', 1)[-1]} → {target.rsplit('/', 1)[-1]}",
                 lambda kg: find_paths(kg, source, target)),
        "classes": ("class hierarchy with instance counts", lambda kg: kg.class_hierarchy()),
    }


def _reset(kg: KnowledgeGraph) -> None:
    kg.invalidate_caches()
    if not kg.is_remote:
        kg.label(D + "ChinaMobile")  # the embedded label index is built when loading, not per question


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="bundled,100k", help="comma-separated: bundled, 10k, 100k, 1m")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    reason = virtuoso_missing()
    if reason:
        print(f"error: {reason}", file=sys.stderr)
        return 2
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    rows: list[tuple[str, str, float, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="bench-endpoint-") as folder:
        server = VirtuosoServer(Path(folder))
        started = time.perf_counter()
        server.start()
        print(f"Virtuoso up in {time.perf_counter() - started:.1f} s at {server.url}", file=sys.stderr)
        try:
            for size in sizes:
                if size == "bundled":
                    files = list(bundled.bundled_graph_files())
                else:
                    from benchmarks.generate import SIZES, write

                    path = Path(folder) / f"generated-{size}.nt"
                    write(path, SIZES[size], "nt")
                    files = [path]
                graph_iri = f"urn:kg-explorer:bench:{size}"
                started = time.perf_counter()
                server.load(files, graph_iri)
                remote_load = time.perf_counter() - started
                started = time.perf_counter()
                embedded = KnowledgeGraph()
                embedded.load(files)
                embedded_load = time.perf_counter() - started
                remote = KnowledgeGraph.connect(server.url, default_graph=graph_iri, timeout=120)
                triples = len(embedded)
                print(f"{size}: {triples:,} triples; load embedded {embedded_load:.2f} s, Virtuoso {remote_load:.2f} s",
                      file=sys.stderr)
                for _key, (what, work) in tasks_for(size).items():
                    local_ms = _median_ms(lambda w=work, g=embedded: w(g), lambda g=embedded: _reset(g), args.repeat)
                    before = remote.backend.requests
                    remote_ms = _median_ms(lambda w=work, g=remote: w(g), lambda g=remote: _reset(g), args.repeat)
                    queries = (remote.backend.requests - before) // args.repeat
                    rows.append((f"{size} ({triples:,})", what, local_ms, remote_ms, queries))
        finally:
            server.stop()
    print("| graph | task | embedded (ms) | Virtuoso (ms) | queries sent |")
    print("|---|---|---:|---:|---:|")
    for graph, what, local_ms, remote_ms, queries in rows:
        print(f"| {graph} | {what} | {local_ms:.1f} | {remote_ms:.1f} | {queries} |")
    print(f"\nMedian of {args.repeat} runs; remote runs start with empty caches. Loopback, {sys.platform}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
