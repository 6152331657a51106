"""The desktop stays responsive while a large file loads: a timer probe on the event loop.

    .venv/bin/python benchmarks/bench_ui_loading.py benchmarks/generated/kg-1m-s5.nt

Loads the file the way the main window does (``explorer.services.loading.build_graph`` in a
``explorer.ui.workers`` task: parse, search index, class counts, statistics) while a 10 ms
QTimer on the GUI thread records how late each tick comes. Reports the longest stall of
the event loop, how many progress updates arrived (and how many distinct fractions), the
load time; in a second load, how long Cancel takes to be honoured; and in a third, the
stalls while the loaded graph is replaced by the file again, including the second after
the old graph is let go (the app defers freeing it, as ``kg-explorer`` does, until the
window is not in use); and in a fourth, while a small file is added to it.

    .venv/bin/python benchmarks/bench_ui_loading.py --workspace FOLDER [FILE]

measures an on-disk workspace instead: building it from FILE (when given) the way File ▸
Open does in disk mode, then reopening it (``explorer.services.loading.open_workspace``).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _load(path: Path, cancel_after: float | None, replacing: list[Any] | None = None,
          probe_after: float = 0.0, base: Any = None, workspace: Path | None = None,
          reopen: bool = False) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.core.sparql import QueryPolicy
    from explorer.services.loading import build_graph, open_workspace
    from explorer.ui.workers import run_task

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QCoreApplication)
    from stall_trace import StallTracer

    from explorer.core.heap import merge_freed_blocks_at_once
    from explorer.ui.app.main_window import GUI_SWITCH_INTERVAL

    sys.setswitchinterval(GUI_SWITCH_INTERVAL)  # as the main window sets them
    merge_freed_blocks_at_once()

    fractions: list[float | None] = []
    tracer = StallTracer(threshold_ms=60)
    gaps = tracer.gaps
    loop = QEventLoop()
    outcome: dict[str, Any] = {}
    started = time.perf_counter()
    if reopen:
        task = run_task(open_workspace, path, QueryPolicy(), 30.0)
    elif workspace is not None:
        task = run_task(build_graph, [path], base, QueryPolicy(), 30.0, workspace=workspace)
    else:
        task = run_task(build_graph, [path], base, QueryPolicy(), 30.0)
    def on_progress(fraction: float | None, message: str) -> None:
        fractions.append(fraction)
        tracer.phase = message

    task.sig_progress.connect(on_progress)
    def on_finished(result: Any) -> None:
        outcome.update(result="finished", graph=result.kg)
        if replacing is not None:
            replacing.clear()  # what MainWindow.set_graph does: the old graph is let go of

    task.sig_finished.connect(on_finished)
    task.sig_failed.connect(lambda message: outcome.update(result=f"failed: {message}"))
    task.sig_cancelled.connect(lambda: outcome.update(result="cancelled"))
    # Keep probing a while after the task: freeing what it left behind happens then.
    done_at: list[float] = []
    ticks_at_done: list[int] = []

    def on_done() -> None:
        done_at.append(time.perf_counter())
        ticks_at_done.append(len(gaps))
        QTimer.singleShot(int(probe_after * 1000), loop.quit)

    task.sig_done.connect(on_done)
    cancel_time: list[float] = []
    if cancel_after is not None:
        def cancel() -> None:
            cancel_time.append(time.perf_counter())
            task.cancel()

        QTimer.singleShot(int(cancel_after * 1000), cancel)
    tracer.start()
    loop.exec()
    tracer.stop()
    tracer.close()
    result = {
        "outcome": outcome.get("result"),
        "seconds": round(done_at[0] - started, 2),
        "max_stall_ms": round(max(gaps, default=0.01) * 1000 - 10),
        "median_tick_ms": round(statistics.median(gaps) * 1000, 1) if gaps else None,
        "progress_updates": len(fractions),
        "distinct_fractions": len({round(f, 3) for f in fractions if f is not None}),
        "ticks_over_100ms": tracer.over(110),  # a tick comes every 10 ms: over 110 ms is a stall over 100
        "stalls_over_60ms": tracer.report(limit=20),
    }
    if cancel_time:
        result["cancel_to_done_s"] = round(done_at[0] - cancel_time[0], 2)
    if probe_after:
        result["max_stall_after_done_ms"] = round(max(gaps[ticks_at_done[0]:], default=0.01) * 1000 - 10)
    if "graph" in outcome:
        result["graph"] = outcome["graph"]
    return result


def run(path: Path, cancel_after: float = 1.0) -> dict[str, Any]:
    """A full load, then a load cancelled after ``cancel_after`` seconds, then the loaded
    graph replaced by a new load of the file (the old one let go of when it is done), then
    a small file added to it (the window's add: a copy of the graph plus the file)."""
    from PySide6.QtWidgets import QApplication

    from explorer.core.store_disposal import disposal
    from explorer.ui.app.application import free_replaced_graphs_unseen

    app = QApplication.instance() or QApplication([])
    free_replaced_graphs_unseen(app)  # as kg-explorer's main() does
    full = _load(path, None)
    shown = [full.pop("graph")]
    cancelled = _load(path, cancel_after, probe_after=1.0)
    cancelled.pop("graph", None)  # a small file may finish before Cancel
    cancelled["stores_waiting_to_be_freed"] = disposal.waiting_stores
    replaced = _load(path, None, replacing=shown, probe_after=1.5)
    shown = [replaced.pop("graph")]
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "added.nt"
        small.write_text("".join(f'<urn:added:{i}> <http://www.w3.org/2000/01/rdf-schema#label> "Added {i}" .\n'
                                 for i in range(100)), encoding="utf-8")
        added = _load(small, None, replacing=shown, probe_after=1.5, base=shown[0])
    added.pop("graph", None)
    replaced["quads_waiting_to_be_freed"] = disposal.waiting_quads
    started = time.perf_counter()
    disposal.free_waiting()
    replaced["freeing_when_unseen_s"] = round(time.perf_counter() - started, 2)
    return {"load": full, "cancel": cancelled, "replace": replaced, "add": added}


def run_workspace(folder: Path, path: Path | None) -> dict[str, Any]:
    """Build ``folder`` from ``path`` (if given), then reopen it, each with the event-loop probe."""
    import gc

    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    result: dict[str, Any] = {}
    if path is not None:
        built = _load(path, None, workspace=folder)
        graph = built.pop("graph", None)
        if graph is not None:
            graph.backend.close()
        del graph
        gc.collect()
        result["build"] = built
    opened = _load(folder, None, reopen=True)
    opened.pop("graph", None)
    result["reopen"] = opened
    return result


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    sources = args[2:] if args and args[0] == "--workspace" else args[:1]
    missing = [name for name in sources if not Path(name).exists()]
    if missing:
        print(f"error: {missing[0]}: no such file", file=sys.stderr)
        return 2
    if args and args[0] == "--workspace" and len(args) in (2, 3):
        import json

        print(json.dumps(run_workspace(Path(args[1]), Path(args[2]) if len(args) == 3 else None), indent=1))
        return 0
    if not args:
        print("usage: bench_ui_loading.py FILE | --workspace FOLDER [FILE]  (--help for more)", file=sys.stderr)
        return 2
    import json

    print(json.dumps(run(Path(args[0])), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
