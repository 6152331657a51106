"""Does the window stay responsive while a large file loads?

Loads a generated N-Triples file through ``MainWindow.open_files`` (the same path as File ▸
Open…) while a 10 ms QTimer on the GUI thread records the gap between its ticks. A gap
much longer than 10 ms is a stall: the window could not repaint or react for that long.
Then a second load of the same file is cancelled half-way (by the status bar's Cancel
button once the progress bar passes 50 %) and the graph must be the one from before.

Usage::

    .venv/bin/python benchmarks/bench_ui_responsiveness.py [--triples 1m] [--file F.nt] [--runs 1]

Prints the largest stall, the median tick gap, the load time, how many distinct values
the progress bar showed, and whether Cancel left the graph unchanged. Target: max stall
≤ 100 ms. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from stall_trace import StallTracer  # noqa: E402


def data_file(triples: str, given: str | None) -> Path:
    """The N-Triples file to load: given, or generate.py's file for that size (made once)."""
    if given:
        return Path(given)
    out = HERE / "generated" / f"kg-{triples}-s5.nt"
    if not out.exists():
        print(f"generating {out.name}…", flush=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", triples, "--format", "nt",
                        "--out", str(out)], check=True)
    return out


def StallProbe() -> StallTracer:
    """A 10 ms timer on the GUI thread; the gaps between its ticks show how long the thread was
    busy, and each stall over 60 ms is traced to what every thread was doing (stall_trace)."""
    return StallTracer(threshold_ms=60)


def run(path: Path, runs: int) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as home:
        os.environ["KG_EXPLORER_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["KG_EXPLORER_DATA_DIR"] = str(Path(home) / "data")
        _app = QApplication.instance() or QApplication([])
        from explorer.services.settings import Settings
        from explorer.ui.app.main_window import MainWindow

        window = MainWindow(Settings())
        window.show()
        probe = StallProbe()

        def wait(task: object) -> None:
            """Run the event loop (as the app does) until the task ends."""
            if task.finished:  # type: ignore[attr-defined]
                return
            loop = QEventLoop()
            task.sig_done.connect(loop.quit)  # type: ignore[attr-defined]
            loop.exec()

        def settle(milliseconds: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(milliseconds, loop.quit)
            loop.exec()

        settle(300)

        worst_overall = 0.0
        for number in range(1, runs + 1):
            progress_values: set[int] = set()
            messages: list[str] = []
            probe.start()
            started = time.perf_counter()
            task = window.open_files([path])

            def on_progress(fraction: object, message: str, messages: list[str] = messages,
                            values: set[int] = progress_values) -> None:
                probe.phase = message
                messages.append(message)
                values.add(window.progress_bar.value() if window.progress_bar.maximum() else -1)

            task.sig_progress.connect(on_progress)
            task.sig_finished.connect(lambda _outcome: setattr(probe, "phase", "showing the graph (set_graph)"))
            wait(task)
            # Let the window settle (queued repaints, panels filling) before reading the probe.
            settle(1000)
            probe.stop()
            seconds = time.perf_counter() - started - 1.0
            if task.error is not None:  # type: ignore[attr-defined]
                print(f"load failed: {task.error}")  # type: ignore[attr-defined]
                return 1
            gaps_ms = [gap * 1000 for gap in probe.gaps]
            worst = max(gaps_ms)
            worst_overall = max(worst_overall, worst)
            print(f"run {number}: {len(window.kg):,} triples loaded in {seconds:.2f} s")
            print(f"  max stall       {worst:7.1f} ms  (during: {probe.worst_at or 'idle'})")
            print(f"  median tick gap {statistics.median(gaps_ms):7.1f} ms  over {len(gaps_ms):,} ticks")
            print(f"  ticks > 50 ms   {sum(g > 50 for g in gaps_ms):7d}   > 100 ms {sum(g > 100 for g in gaps_ms):d}")
            for line in probe.report():
                print(f"    stall {line}")
            print(f"  progress bar    {len({v for v in progress_values if v >= 0}):7d} distinct values "
                  f"({len(messages)} reports)")

        # Cancel half-way: the graph must be the one from before.
        before = window.kg
        triples_before = len(before)
        task = window.open_files([path])
        cancelled_at: list[int] = []

        def cancel_half_way(fraction: object, _message: str) -> None:
            if isinstance(fraction, float) and fraction >= 0.5 and not cancelled_at:
                cancelled_at.append(int(fraction * 100))
                window.cancel_button.click()

        task.sig_progress.connect(cancel_half_way)
        probe.start()
        wait(task)
        settle(200)
        probe.stop()
        unchanged = window.kg is before and len(window.kg) == triples_before
        print(f"cancel at {cancelled_at[0] if cancelled_at else '?'} %: "
              f"{'graph unchanged' if unchanged else 'GRAPH CHANGED'}, cancelled={task.cancelled}, "  # type: ignore[attr-defined]
              f"max stall {max(probe.gaps) * 1000:.1f} ms")
        verdict = "OK" if worst_overall <= 100 and unchanged else "OVER TARGET"
        print(f"target max stall <= 100 ms: {verdict} ({worst_overall:.1f} ms)")
        window.close()
        return 0 if verdict == "OK" else 2


def run_workspace(folder: Path, runs: int) -> int:
    """Reopen an on-disk workspace through ``MainWindow.open_workspace`` (File ▸ Open Workspace),
    ``runs`` times (the bundled graph in between, so the folder is let go of): the time until
    the window shows it, until its statistics are counted, and the event loop's longest stall
    over all of it (the worker, ``set_graph`` on the GUI thread, the statistics worker)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as home:
        os.environ["KG_EXPLORER_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["KG_EXPLORER_DATA_DIR"] = str(Path(home) / "data")
        _app = QApplication.instance() or QApplication([])
        from explorer.services.settings import Settings
        from explorer.ui.app.main_window import MainWindow

        window = MainWindow(Settings())
        window.show()
        probe = StallProbe()

        def run_until(done: object, limit_s: float = 600.0) -> None:
            loop = QEventLoop()
            timer = QTimer()
            timer.timeout.connect(lambda: done() and loop.quit())  # type: ignore[operator]
            timer.start(5)
            QTimer.singleShot(int(limit_s * 1000), loop.quit)
            loop.exec()
            timer.stop()

        worst_overall = 0.0
        for number in range(1, runs + 1):
            bundled = window.open_bundled()
            run_until(lambda task=bundled: task is None or task.finished)  # type: ignore[attr-defined]
            run_until(lambda: window.stats is not None, 60)
            probe.phase = "opening"
            probe.start()
            started = time.perf_counter()
            task = window.open_workspace(folder)
            assert task is not None
            task.sig_progress.connect(lambda _f, message: setattr(probe, "phase", message))
            shown: list[float] = []

            def on_finished(_outcome: object, shown: list[float] = shown, started: float = started) -> None:
                probe.phase = "showing the graph (set_graph)"
                shown.append(time.perf_counter() - started)

            task.sig_finished.connect(on_finished)
            run_until(lambda task=task: task.finished)  # type: ignore[misc]
            ready = time.perf_counter() - started
            probe.phase = "counting statistics (worker)"
            run_until(lambda: window.stats is not None)
            counted = time.perf_counter() - started
            probe.phase = "idle"
            run_until(lambda until=started + counted + 0.5: time.perf_counter() > until)  # type: ignore[misc]
            probe.stop()
            if task.error is not None:  # type: ignore[attr-defined]
                print(f"reopen failed: {task.error}")  # type: ignore[attr-defined]
                return 1
            gaps_ms = [gap * 1000 for gap in probe.gaps]
            worst = max(gaps_ms)
            worst_overall = max(worst_overall, worst)
            print(f"run {number}: shown after {ready:.2f} s (worker done {shown[0] if shown else float('nan'):.2f} s), "
                  f"statistics after {counted:.2f} s")
            print(f"  max stall       {worst:7.1f} ms  (during: {probe.worst_at or 'idle'})")
            print(f"  ticks > 50 ms   {sum(g > 50 for g in gaps_ms):7d}   > 100 ms {sum(g > 100 for g in gaps_ms):d}")
            for line in probe.report():
                print(f"    stall {line}")
        verdict = "OK" if worst_overall <= 100 else "OVER TARGET"
        print(f"target max stall <= 100 ms: {verdict} ({worst_overall:.1f} ms)")
        window.close()
        return 0 if verdict == "OK" else 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", default="1m", help="size of the generated file (e.g. 100k, 1m)")
    parser.add_argument("--file", help="load this N-Triples file instead")
    parser.add_argument("--workspace", type=Path, help="reopen this on-disk workspace instead (File ▸ Open Workspace)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if args.workspace is not None:
        return run_workspace(args.workspace.absolute(), args.runs)
    return run(data_file(args.triples, args.file), args.runs)


if __name__ == "__main__":
    raise SystemExit(main())
