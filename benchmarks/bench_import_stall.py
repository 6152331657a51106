"""How long the window stalls while a 100,000-row import is applied, undone and redone.

    .venv/bin/python benchmarks/bench_import_stall.py [--rows 100000] [--synchronous]

A main window (offscreen) with the bundled graph; the table of ``bench_import.py`` is checked and
built outside the measure, then applied through the window's curation (Edit ▸ Undo and Redo
after). A 10 ms timer on the GUI thread records the longest gap between its ticks while each
step runs: the longest stall a user would feel. ``--synchronous`` measures the path every change
took before big steps went to a worker (the whole step on the GUI thread). Prints a Markdown
table with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SCRATCH = tempfile.mkdtemp(prefix="kg-bench-stall-")
os.environ.setdefault("KG_EXPLORER_CONFIG_DIR", _SCRATCH)
os.environ.setdefault("KG_EXPLORER_DATA_DIR", _SCRATCH)

from bench_import import MAPPING, table_file  # noqa: E402
from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from stall_trace import StallTracer  # noqa: E402

from explorer.services.importing.apply import plan_change  # noqa: E402
from explorer.services.importing.mapping import TableMapping  # noqa: E402
from explorer.services.importing.tables import context_from_graph, plan_import, read_table  # noqa: E402
from explorer.services.settings import Settings  # noqa: E402
from explorer.ui.app.main_window import MainWindow  # noqa: E402


class StallMeter(StallTracer):
    """The longest gap between ticks of a 10 ms timer on the GUI thread, each stall over
    60 ms traced to what every thread was doing (see stall_trace)."""

    def __init__(self) -> None:
        super().__init__(threshold_ms=60)

    def stop(self) -> float:  # type: ignore[override]
        super().stop()
        return self.max_stall_ms / 1000


def wait_until(condition, timeout_s: float = 600) -> None:
    loop_end = time.monotonic() + timeout_s
    while not condition():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if time.monotonic() > loop_end:
            raise TimeoutError("the step did not finish")


def measure(window: MainWindow, start, meter: StallMeter) -> tuple[float, float, float, list[str]]:
    """Wall clock, the process's CPU time, the longest stall and the traced stalls of one step,
    until the step is written and the window has settled (the class tree and the statistics
    worked out in their workers, then half a second more)."""
    history = window.session.history
    began, cpu = time.perf_counter(), time.process_time()
    meter.start()
    meter.phase = "writing (worker)"
    start()
    wait_until(lambda: not history.working)
    meter.phase = "settling (class tree, statistics)"
    wait_until(lambda: not window.browser.tree_model.planning and not window._statistics_runner.busy)
    meter.phase = "idle"
    settled = time.perf_counter()
    wait_until(lambda: time.perf_counter() > settled + 0.5)
    wall, used = settled - began, time.process_time() - cpu
    return wall, used, meter.stop(), meter.report(limit=6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--synchronous", action="store_true", help="every step on the GUI thread (the old path)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    window = MainWindow(Settings())
    window.show()
    task = window.open_bundled()
    wait_until(lambda: task.finished)
    if args.synchronous:
        window.session.history.background = None
    curator = window.curation.curator()
    mapping = TableMapping.from_json(MAPPING)
    plan = plan_import(read_table(table_file(args.rows)), mapping, context_from_graph(window.kg))
    change = plan_change(window.kg, plan, mapping, curator.provenance, curator.graph)
    meter = StallMeter()
    rows = [("apply", *measure(window, lambda: window.curation.apply(change), meter)),
            ("undo", *measure(window, window.undo_actions.undo_action.trigger, meter)),
            ("redo", *measure(window, window.undo_actions.redo_action.trigger, meter))]
    journal = window.curation.edits.recovery_path
    load = os.getloadavg()[0]
    path = "every step on the GUI thread" if args.synchronous else "big steps in a worker"
    print(f"| {args.rows:,}-row import, {len(change.added):,} statements, {path} (load average {load:.1f} on "
          f"{os.cpu_count()} cores) | wall clock | CPU of the process | longest GUI-thread stall |")
    print("|---|---|---|---|")
    for name, wall, cpu, stall, _traced in rows:
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {stall * 1000:.0f} ms |")
    if journal is not None and journal.exists():
        print(f"| recovery journal after the three steps | {journal.stat().st_size / 1e6:.0f} MB | |")
    for name, *_figures, traced in rows:
        for line in traced:
            print(f"- {name}: {line}")
    window.curation.ask_unsaved = lambda *_: "discard"
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
