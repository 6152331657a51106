"""News from a plain thread reaches the GUI thread, and nothing reaches a receiver deleted meanwhile."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from explorer.ui.common.thread_news import queued_news


class _Receiver(QObject):
    sig_heard = Signal(str)


def test_a_plain_threads_text_arrives_on_the_gui_thread(qtbot):
    receiver = _Receiver()
    heard: list[tuple[str, bool]] = []
    receiver.sig_heard.connect(lambda text: heard.append((text, threading.current_thread() is threading.main_thread())))
    tell = queued_news(receiver.sig_heard)
    thread = threading.Thread(target=tell, args=("written",))
    thread.start()
    thread.join(10)
    qtbot.waitUntil(lambda: heard == [("written", True)], timeout=5000)


def test_news_for_a_deleted_receiver_is_dropped(qtbot):
    receiver = _Receiver()
    heard: list[str] = []
    receiver.sig_heard.connect(heard.append)
    tell = queued_news(receiver.sig_heard)
    with qtbot.waitSignal(receiver.destroyed, timeout=5000):
        receiver.deleteLater()
    del receiver
    threads = [threading.Thread(target=tell, args=(f"late {n}",)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1], timeout=5000)  # the queued news had its turn
    assert heard == []


def test_the_crash_journal_writer_tells_the_window_through_news_of_its_own(window, qtbot):
    """The writer thread's callback holds no signal of the recovery controller (it may be deleted
    while a write ends), yet the controller still hears that the journal was written."""
    controller = window.recovery
    writer = controller.session.writer
    closure = writer.on_written.__closure__ or ()
    assert not any(cell.cell_contents is controller for cell in closure)
    with qtbot.waitSignal(controller.sig_journal_written, timeout=10000):
        writer.on_written(controller.session.journal_path)
