"""Where the GUI thread was when the event loop stalled: a probe the window benchmarks share.

A 10 ms ``QTimer`` on the GUI thread records how late each tick comes. Each tick also re-arms
:func:`faulthandler.dump_traceback_later`: when the next tick is more than ``threshold_ms``
late, faulthandler's own watchdog thread (plain C, it needs no interpreter lock, so it runs
even while a C call holds the lock) writes every thread's Python stack into a scratch file.
The tick that ends the stall takes what was written meanwhile: the GUI thread's stack says
what it was doing (or, if it sits in the event loop, that it was waiting for the interpreter
lock), the other threads' stacks who held the lock. ``gc.callbacks`` times every cyclic
collection over 10 ms, with its generation and thread.

    tracer = StallTracer(threshold_ms=60)
    tracer.start(); ...run the event loop...; tracer.stop()
    print(tracer.report())
"""

from __future__ import annotations

import faulthandler
import gc
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

_THREAD_HEADER = re.compile(r"^(Current thread|Thread) (0x[0-9a-f]+)")


@dataclass
class Stall:
    """One gap between two ticks longer than the threshold."""

    gap_ms: float
    phase: str
    #: Of the gap, how long the GUI thread was ready to run but had no processor (Linux's
    #: schedstat): the machine's load, not a lock; None where it cannot be read.
    runqueue_ms: float | None = None
    #: Thread name → its innermost frames ("file:line in function"), innermost first.
    stacks: dict[str, list[str]] = field(default_factory=dict)
    #: Cyclic collections that ran inside the gap: (thread, generation, milliseconds).
    collections: list[tuple[str, int, float]] = field(default_factory=list)

    def cause(self, depth: int = 3) -> str:
        parts = [] if self.runqueue_ms is None else [f"GUI thread waiting for a processor {self.runqueue_ms:.0f} ms"]
        for thread, generation, ms in self.collections:
            parts.append(f"gc gen {generation} on {thread} {ms:.0f} ms")
        for thread, frames in self.stacks.items():
            if frames:
                # The GUI thread's stack in full up to the benchmark: what handler was running.
                shown = frames[:depth] if thread != "GUI thread" else frames[:max(depth, 8)]
                if thread == "GUI thread":
                    shown = [f for f in shown if not f.startswith("benchmarks/")][:depth + 3] or shown[:1]
                parts.append(f"{thread}: " + " < ".join(shown))
        return "; ".join(parts) or "no trace (the stall ended before the watchdog fired)"


class StallTracer:
    """Probe the GUI thread's event loop; trace every stall over ``threshold_ms``."""

    def __init__(self, threshold_ms: float = 60.0, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.threshold_ms = threshold_ms
        self.gaps: list[float] = []
        self.stalls: list[Stall] = []
        self.phase = ""
        self.worst_at = ""
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        handle, self._dump_path = tempfile.mkstemp(prefix="kg-stall-", suffix=".txt")
        os.close(handle)
        self._dump = open(self._dump_path, "w+", encoding="utf-8")  # noqa: SIM115 - faulthandler writes to it
        self._collections: list[tuple[float, float, str, int]] = []
        self._gc_started: dict[int, float] = {}
        self._running = False
        self._waited: int | None = None

    # ------------------------------------------------------------------ probing
    def start(self) -> None:
        self.gaps.clear()
        self.stalls.clear()
        self._collections.clear()
        self._last = time.perf_counter()
        self._waited = _runqueue_ns()
        self._running = True
        if self._on_gc not in gc.callbacks:
            gc.callbacks.append(self._on_gc)
        self._arm()
        self._timer.start()

    def stop(self) -> None:
        self._tick()  # a stall that lasted until now counts
        self._running = False
        self._timer.stop()
        faulthandler.cancel_dump_traceback_later()
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)

    def close(self) -> None:
        self._dump.close()
        os.unlink(self._dump_path)

    def _arm(self) -> None:
        faulthandler.dump_traceback_later(self.threshold_ms / 1000, repeat=False, file=self._dump, exit=False)

    def _tick(self) -> None:
        if not self._running:
            return
        now = time.perf_counter()
        waited, self._waited = self._waited, _runqueue_ns()
        gap = now - self._last
        if not self.gaps or gap > max(self.gaps):
            self.worst_at = self.phase
        self.gaps.append(gap)
        if gap * 1000 > self.threshold_ms:
            stall = self._stall(gap, self._last, now)
            if waited is not None and self._waited is not None:
                stall.runqueue_ms = (self._waited - waited) / 1e6
            self.stalls.append(stall)
        self._last = now
        self._arm()

    def _stall(self, gap: float, began: float, ended: float) -> Stall:
        self._dump.flush()
        self._dump.seek(0)
        text = self._dump.read()
        self._dump.seek(0)
        self._dump.truncate()
        stall = Stall(gap * 1000, self.phase, _stacks(text))
        stall.collections = [(thread, generation, (stop - start) * 1000)
                             for start, stop, thread, generation in self._collections
                             if stop >= began and start <= ended]
        return stall

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_started[ident] = time.perf_counter()
            return
        started = self._gc_started.pop(ident, None)
        if started is None:
            return
        stopped = time.perf_counter()
        if stopped - started > 0.01:
            name = "GUI thread" if ident == threading.main_thread().ident else threading.current_thread().name
            self._collections.append((started, stopped, name, int(info.get("generation", -1))))

    # ------------------------------------------------------------------ reading
    @property
    def max_stall_ms(self) -> float:
        return max(self.gaps, default=0.0) * 1000

    def over(self, ms: float) -> int:
        return sum(gap * 1000 > ms for gap in self.gaps)

    def report(self, limit: int = 12) -> list[str]:
        """One line per stall, longest first: its length, the phase and what was running."""
        worst = sorted(self.stalls, key=lambda stall: -stall.gap_ms)[:limit]
        return [f"{stall.gap_ms:.0f} ms during '{stall.phase}': {stall.cause()}" for stall in worst]


def _runqueue_ns() -> int | None:
    """Nanoseconds the calling thread has spent ready to run but waiting for a processor."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as handle:
            return int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _stacks(text: str) -> dict[str, list[str]]:
    """faulthandler's dump (the first one in ``text``) as thread → innermost frames; the GUI
    thread is named so; threads that only wait (in the thread pool's or Qt's idle loop) are left out."""
    main = f"0x{threading.main_thread().ident:016x}"
    names = {f"0x{thread.ident:016x}": thread.name for thread in threading.enumerate() if thread.ident}
    stacks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("Timeout (") and stacks:
            break  # only the first dump of the stall: later ones repeat it
        header = _THREAD_HEADER.match(line)
        if header:
            ident = header.group(2)
            name = "GUI thread" if ident == main else names.get(ident, f"worker {ident[-6:]}")
            current = stacks.setdefault(name, [])
            continue
        frame = re.match(r'\s+File "(.+)", line (\d+) in (.+)', line)
        if frame and current is not None:
            path = frame.group(1)
            short = "/".join(path.split("/")[-2:])
            current.append(f"{short}:{frame.group(2)} {frame.group(3)}")
    return {name: frames for name, frames in stacks.items() if frames and not _idle(frames)}


def _idle(frames: list[str]) -> bool:
    return frames[0].endswith((" wait", " _wait_for_tstate_lock", " select", " poll"))


__all__ = ["Stall", "StallTracer"]
