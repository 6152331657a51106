"""Cyclic garbage holding Qt objects is collected on the GUI thread, never in a worker."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Qt, QTimer

from explorer.core.collector import collector_paused
from explorer.ui.app.gui_collector import collect_garbage_on_gui_thread


class _Cyclic(QObject):
    def __init__(self, deaths: list[bool]) -> None:
        super().__init__(None)
        self.me = self  # a reference cycle: only the cyclic collector frees it
        self.timer = QTimer(self)
        self.timer.start(10_000)
        self.destroyed.connect(lambda *_: deaths.append(threading.current_thread() is threading.main_thread()),
                               Qt.ConnectionType.DirectConnection)


def test_a_workers_cyclic_qt_garbage_dies_on_the_gui_thread(qtbot):
    collector = collect_garbage_on_gui_thread()
    assert collector is not None and not gc.isenabled()
    deaths: list[bool] = []

    _Cyclic(deaths)  # made on the GUI thread and dropped at once: garbage only a collection frees

    held: list[list[int]] = []

    def worker() -> None:
        for _ in range(3 * gc.get_threshold()[0]):  # enough new containers to set off an automatic collection
            held.append([])

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(10)
    assert deaths == []  # nothing collected it in the worker
    qtbot.waitUntil(lambda: collector.check() >= 0 and deaths != [], timeout=5000)
    assert deaths == [True]
    assert len(held) == 3 * gc.get_threshold()[0]


def test_nothing_is_collected_while_a_pause_holds(qtbot):
    collector = collect_garbage_on_gui_thread()
    assert collector is not None
    deaths: list[bool] = []
    with collector_paused():
        _Cyclic(deaths)
        held = [[] for _ in range(3 * gc.get_threshold()[0])]
        assert collector.check() == 0 and deaths == []
    qtbot.waitUntil(lambda: collector.check() >= 0 and deaths == [True], timeout=5000)
    assert len(held) == 3 * gc.get_threshold()[0]
