"""Python's cyclic garbage collector run on the GUI thread only.

Left to itself the collector runs in whichever thread happens to allocate when a threshold
is crossed: the label reader, the pump that feeds the parser, a background writer. A cycle
holding a Qt object, collected there, destroys that object off the GUI thread; its timers
stay registered with a receiver that is gone, and the event loop crashes when one fires (a
core dump showed ``QTimerInfoList::activateTimers`` → ``notifyInternal2`` on a deleted
object, at a window's teardown). So automatic collection is switched off and a timer on the
GUI thread collects by the same thresholds, about once a second — the scheme pyqtgraph
uses for the same reason. While a large graph's tables are built (``core.collector``) no
collection runs here either.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from explorer.core.collector import collection_paused

#: How often the GUI thread looks at the collector's counts.
CHECK_INTERVAL_MS = 1000

_installed: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    """Collects on the GUI thread what the automatic collector would have collected anywhere."""

    def __init__(self, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(None)
        self.thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; how many objects went."""
        if collection_paused():
            return 0
        young, middle, old = gc.get_count()
        if young <= self.thresholds[0]:
            return 0
        if old > self.thresholds[2]:
            return gc.collect(2)
        if middle > self.thresholds[1]:
            return gc.collect(1)
        return gc.collect(0)


def collect_garbage_on_gui_thread() -> GuiThreadCollector | None:
    """Install the GUI-thread collector once per process (needs a Qt application; None without one)."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return None
    if _installed is None:
        _installed = GuiThreadCollector()
        _installed.moveToThread(app.thread())
    return _installed


__all__ = ["CHECK_INTERVAL_MS", "GuiThreadCollector", "collect_garbage_on_gui_thread"]
