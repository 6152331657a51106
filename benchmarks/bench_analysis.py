"""Analysis benchmark: PageRank and communities on a generated graph, and restyling a canvas by a measure.

Run with ``.venv/bin/python benchmarks/bench_analysis.py [--triples 1000000] [--canvas 5000]`` (offscreen;
prints a Markdown section). The graph comes from ``benchmarks/generate.py`` into the git-ignored
``benchmarks/generated/`` (made once, reused).

Figures:

* ``load_s`` — loading the N-Triples file (not part of the targets).
* ``pagerank_s`` / ``communities_s`` — :func:`explorer.core.analysis.centrality` (PageRank) and
  :func:`explorer.core.analysis.communities` over the whole graph, each from the store: reading the
  links between entities, building the adjacency and the computation (target: under 10 s each),
  with how many progress reports came and the longest gap between two of them.
* ``betweenness_s`` — sampled betweenness over the whole graph, with the sample size.
* ``restyle_ms`` — a canvas (GraphCanvasView, 1280×800, fitted) of N nodes restyled by a measure
  (``restyle_cpu_ms``: the same in this process's CPU time, which a busy machine inflates less)
  (size by PageRank, colour by community) through the undoable command, and the repaint that
  follows (target: under 33 ms at 5k nodes); ``unstyle_ms`` — undoing it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GENERATED = ROOT / "benchmarks" / "generated"


class ProgressProbe:
    """Counts progress reports and the longest silence between them (and before the first)."""

    def __init__(self) -> None:
        self.reports = 0
        self.longest_gap = 0.0
        self.last = time.perf_counter()

    def __call__(self, fraction: float | None, message: str) -> None:
        now = time.perf_counter()
        self.longest_gap = max(self.longest_gap, now - self.last)
        self.last = now
        self.reports += 1

    def finish(self) -> None:
        self.longest_gap = max(self.longest_gap, time.perf_counter() - self.last)


def graph_file(triples: int) -> Path:
    name = {10_000: "kg-10k.nt", 100_000: "kg-100k.nt", 1_000_000: "kg-1m.nt"}.get(triples, f"kg-{triples}.nt")
    path = GENERATED / name
    if not path.exists():
        GENERATED.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--triples", str(triples),
                        "--format", "nt", "--out", str(path)], check=True)
    return path


def measure_graph(triples: int) -> dict[str, Any]:
    from explorer.core.analysis import Scope, centrality, communities
    from explorer.core.graph import KnowledgeGraph

    path = graph_file(triples)
    kg = KnowledgeGraph()
    start = time.perf_counter()
    kg.load([path])
    row: dict[str, Any] = {"triples": kg.triple_count(), "load_s": time.perf_counter() - start}

    def timed(work: Callable[[ProgressProbe], Any]) -> tuple[Any, float, ProgressProbe]:
        probe = ProgressProbe()
        begun = time.perf_counter()
        result = work(probe)
        probe.finish()
        return result, time.perf_counter() - begun, probe

    rank, seconds, probe = timed(lambda p: centrality(kg, Scope.of_graph(), "pagerank", progress=p))
    row.update(entities=rank.node_count, links=rank.link_count, pagerank_s=seconds, pagerank_iterations=rank.iterations,
               pagerank_reports=probe.reports, pagerank_gap_s=probe.longest_gap)
    groups, seconds, probe = timed(lambda p: communities(kg, Scope.of_graph(), progress=p))
    row.update(communities=len(groups.communities), modularity=groups.modularity, communities_s=seconds,
               communities_reports=probe.reports, communities_gap_s=probe.longest_gap)
    between, seconds, probe = timed(lambda p: centrality(kg, Scope.of_graph(), "betweenness", progress=p))
    row.update(betweenness_s=seconds, betweenness_sample=between.sample_size)
    return row


def measure_restyle(nodes: int, repeats: int = 7) -> dict[str, Any]:
    from bench_canvas import VIEW_SIZE, synthetic_scene  # type: ignore[import-not-found]
    from PySide6.QtWidgets import QApplication

    from explorer.core.analysis import Scope
    from explorer.core.analysis.measures import community_links, measure_links
    from explorer.core.analysis.styling import MeasureStyle, RestyleCanvas
    from explorer.core.layout import force_directed
    from explorer.ui.canvas.graph_canvas import GraphCanvasView

    app = QApplication.instance() or QApplication([])
    scene = synthetic_scene(nodes)
    force_directed(scene, iterations=30, seed=1)
    # The measures of the scene's own links (as the Measures panel computes them for the canvas).
    from explorer.core.analysis.adjacency import LinkGraph

    links = LinkGraph()
    for node in scene.nodes.values():
        links.add_node(node.entity)
    for edge in scene.edges.values():
        links.add_link(edge.source, edge.predicate, edge.target)
    scope = Scope.of_entities(links.nodes)
    rank = measure_links(links, scope, "pagerank")
    groups = community_links(links, scope)
    style = MeasureStyle.build(size_by="pagerank", sizes=rank.values, color_by="community",
                               colors={e: float(c) for e, c in groups.membership.items()})
    view = GraphCanvasView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()
    view.fit_to_view()
    app.processEvents()
    viewport = view.viewport()
    viewport.repaint()
    styled, unstyled, rebuilt = [], [], []

    def settle() -> None:  # the tiles rebuild and the viewport paints, as after the event loop's turn
        view.flush()
        viewport.repaint()

    styled_cpu: list[float] = []
    phases: dict[str, list[float]] = {"rules": [], "tiles": [], "repaint": []}
    for _ in range(repeats):
        command = RestyleCanvas(scene, style)
        tiles_before = view.tiles_rebuilt
        start, start_cpu = time.perf_counter(), time.process_time()
        command.redo()
        restyled_cpu = time.process_time()
        view.flush()
        tiled_cpu = time.process_time()
        viewport.repaint()
        styled.append((time.perf_counter() - start) * 1000)
        end_cpu = time.process_time()
        styled_cpu.append((end_cpu - start_cpu) * 1000)
        for name, (begin, end) in (("rules", (start_cpu, restyled_cpu)), ("tiles", (restyled_cpu, tiled_cpu)),
                                   ("repaint", (tiled_cpu, end_cpu))):
            phases[name].append((end - begin) * 1000)
        rebuilt.append(view.tiles_rebuilt - tiles_before)
        start = time.perf_counter()
        command.undo()
        settle()
        unstyled.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    floor = []
    for _ in range(repeats):  # the canvas alone: every node tile rebuilt and repainted, no restyle
        for tile in view.node_tiles.values():
            view._mark(tile)
        start = time.perf_counter()
        settle()
        floor.append((time.perf_counter() - start) * 1000)
    view.close()
    return {"canvas_nodes": nodes, "canvas_edges": len(scene.edges), "restyle_ms": statistics.median(styled),
            "restyle_cpu_ms": statistics.median(styled_cpu), "load": os.getloadavg(),
            **{f"{name}_cpu_ms": statistics.median(values) for name, values in phases.items()},
            "unstyle_ms": statistics.median(unstyled), "communities_on_canvas": len(groups.communities),
            "tiles_rebuilt": statistics.median(rebuilt), "node_tiles": len(view.node_tiles),
            "repaint_all_tiles_ms": statistics.median(floor)}


def markdown(graph: dict[str, Any] | None, canvas: dict[str, Any] | None) -> str:
    lines = ["### Analysis (benchmarks/bench_analysis.py)", ""]
    if graph is not None:
        lines += [
            f"Whole graph of {graph['triples']:,} triples ({graph['entities']:,} entities, {graph['links']:,} links "
            f"between them), loaded in {graph['load_s']:.1f} s; each figure reads the links from the store:",
            "",
            "| measure | time | progress |",
            "|---|---:|---|",
            f"| PageRank ({graph['pagerank_iterations']} iterations) | {graph['pagerank_s']:.2f} s | "
            f"{graph['pagerank_reports']} reports, longest gap {graph['pagerank_gap_s']:.2f} s |",
            f"| Louvain communities ({graph['communities']:,}, modularity {graph['modularity']:.3f}) and brokers | "
            f"{graph['communities_s']:.2f} s | {graph['communities_reports']} reports, longest gap "
            f"{graph['communities_gap_s']:.2f} s |",
            f"| betweenness, sampled from {graph['betweenness_sample']} sources | {graph['betweenness_s']:.2f} s | |",
            "",
        ]
    if canvas is not None:
        lines += [
            f"Canvas of {canvas['canvas_nodes']:,} nodes and {canvas['canvas_edges']:,} edges (1280×800, fitted), "
            f"sized by PageRank and coloured by community ({canvas['communities_on_canvas']} communities), "
            f"median of 7: restyle, tile rebuild and repaint {canvas['restyle_ms']:.1f} ms "
            f"(of which {canvas['restyle_cpu_ms']:.1f} ms on this process's CPU: rules and scene {canvas['rules_cpu_ms']:.1f}, "
            f"tiles {canvas['tiles_cpu_ms']:.1f}, repaint {canvas['repaint_cpu_ms']:.1f}; load average "
            f"{canvas['load'][0]:.1f} at the end) "
            f"({canvas['tiles_rebuilt']:.0f} tiles rebuilt of {canvas['node_tiles']} node tiles); undo the same "
            f"{canvas['unstyle_ms']:.1f} ms. For comparison, rebuilding and repainting every node tile without any "
            f"restyle: {canvas['repaint_all_tiles_ms']:.1f} ms.",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the generated graph (0: skip)")
    parser.add_argument("--canvas", type=int, default=5000, help="nodes on the restyled canvas (0: skip)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    graph = measure_graph(args.triples) if args.triples else None
    canvas = measure_restyle(args.canvas) if args.canvas else None
    print(markdown(graph, canvas))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
