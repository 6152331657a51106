"""News from a plain thread to the GUI thread, safe while the receiving window is deleted.

A signal of a window's own object emitted from another thread while that window is being
deleted posts an event to an object that is gone, and the event loop crashes on it later
(seen at window teardown while the crash journal's writer thread finished a write). A
``ThreadNews`` has no parent and lives as long as the thread's callback holds it; Qt drops
what it posts to a receiver that has been deleted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance


class ThreadNews(QObject):
    """One text at a time, queued to whatever it is connected to."""

    sig_text = Signal(str)


def queued_news(receiver: SignalInstance | Callable[[str], object]) -> Callable[[str], None]:
    """A callable for a plain thread that hands its text to ``receiver`` on the GUI thread."""
    news = ThreadNews()  # no parent: it lives as long as ``tell`` below
    news.sig_text.connect(receiver, Qt.ConnectionType.QueuedConnection)

    def tell(text: str) -> None:
        news.sig_text.emit(text)  # a bound ``emit`` would not keep ``news`` alive

    return tell


__all__ = ["ThreadNews", "queued_news"]
