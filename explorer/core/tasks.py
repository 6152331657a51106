"""Progress reporting and cancellation for long work.

Algorithms in ``core`` and ``services`` are synchronous and Qt-free: they take an
optional ``progress`` callback and an optional :class:`CancelToken`; ``ui.workers`` runs
them off the GUI thread and turns the callback into signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from explorer.core.errors import Cancelled

#: ``progress(fraction, message)``; ``fraction`` is 0..1, or ``None`` when unknown.
Progress = Callable[[float | None, str], None]


def no_progress(fraction: float | None, message: str) -> None:
    """A progress callback that ignores its reports."""


class CancelToken:
    """A flag shared between the thread doing the work and the one that may cancel it.

    >>> token = CancelToken()
    >>> token.cancelled
    False
    >>> token.cancel()
    >>> token.cancelled
    True
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`~explorer.core.errors.Cancelled` when cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled()


def check(cancel: CancelToken | None) -> None:
    """Raise ``Cancelled`` if ``cancel`` is set; a ``None`` token never cancels."""
    if cancel is not None:
        cancel.raise_if_cancelled()
