"""Run Qt-free core work off the GUI thread, with progress, cancel and one-line errors.

Public API
==========

``Task(function, *args, **kwargs)`` — a QObject living on the GUI thread that runs
``function(*args, **kwargs)`` on a ``QThreadPool`` once :meth:`Task.start` is called.
If ``function`` accepts a ``progress`` and/or ``cancel`` keyword (the core convention,
see :mod:`explorer.core.tasks`), the task passes its own progress callback and
:class:`~explorer.core.tasks.CancelToken`.

Signals (always delivered on the GUI thread, exactly one of the last three per task):

- ``sig_progress(fraction: float | None, message: str)`` — throttled to a few per second;
  ``None`` means "working, amount unknown".
- ``sig_finished(result: object)`` — the function's return value.
- ``sig_failed(message: str)`` — one line. ``ExplorerError`` gives its own message; any
  other exception gives ``"<Type>: <text>"`` and its traceback goes to the log
  (``logging.getLogger("explorer")``). The exception object is kept in ``Task.error``.
- ``sig_cancelled()`` — the task was cancelled (by :meth:`Task.cancel`, or the function
  raised :class:`~explorer.core.errors.Cancelled`); a result computed after the cancel
  request is dropped, never delivered.
- ``sig_done()`` — after any of the three above (handy to hide a progress bar).

Workers never raise into Qt and never touch widgets: the function runs in a pool thread
and only its outcome crosses back, through queued signals.

``LatestTaskRunner(parent)`` — one per view: :meth:`LatestTaskRunner.start` cancels the
task it started before, so only the latest task of that view ever delivers a result
(typing in a search box, re-running a path search, …). ``sig_busy_changed(bool)`` tells
when it has work in flight; ``current`` is the running task or ``None``.

``run_task(function, *args, **kwargs) -> Task`` — create and start a task in one call.

Example::

    task = run_task(kg.load, paths, replace=True)        # kg.load takes progress= and cancel=
    task.sig_progress.connect(self._on_load_progress)
    task.sig_finished.connect(self._on_load_finished)
    task.sig_failed.connect(self._on_load_failed)
    ...
    task.cancel()
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.tasks import CancelToken

log = logging.getLogger("explorer")

#: Progress reports closer together than this are merged (the GUI needs a few per second).
_PROGRESS_INTERVAL = 0.05

# Tasks whose runnable is queued or running: Python must keep them alive until they end.
_LIVE_TASKS: set[Task] = set()
_LIVE_LOCK = threading.Lock()


def one_line_error(error: BaseException) -> str:
    """The message a user sees for an exception: the ExplorerError text, else type and text."""
    if isinstance(error, ExplorerError):
        return str(error)
    text = " ".join(str(error).split())
    name = type(error).__name__
    return f"{name}: {text}" if text else name


def _accepts(function: Callable[..., Any], name: str) -> bool:
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):  # builtins without a signature
        return False
    return name in parameters or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


class _RunnerSignals(QObject):
    """Signals emitted from the pool thread; the Task relays them on the GUI thread."""

    progress = Signal(object, str)
    result = Signal(object)
    error = Signal(object)
    cancelled = Signal()


class _TaskRunnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._signals = task._runner_signals

    def run(self) -> None:  # runs in a pool thread
        task, signals = self._task, self._signals
        # The pool may keep this wrapper for a while after the run: it must not keep the task
        # (and its result, a whole graph for a load) alive with it.
        del self._task, self._signals
        try:
            if task.token.cancelled:
                _deliver(signals.cancelled)
                return
            kwargs = dict(task._kwargs)
            if _accepts(task.function, "progress"):
                kwargs.setdefault("progress", task._report_progress)
            if _accepts(task.function, "cancel"):
                kwargs.setdefault("cancel", task.token)
            result = task.function(*task._args, **kwargs)
        except Cancelled:
            _deliver(signals.cancelled)
        except BaseException as error:  # nothing may escape into Qt
            if not isinstance(error, ExplorerError):
                log.error("background task %s failed", getattr(task.function, "__qualname__", task.function),
                          exc_info=error)
            _deliver(signals.error, error)
        else:
            _deliver(signals.result, result)


def _deliver(signal: Any, *args: Any) -> None:
    """Emit from the pool thread unless whoever asked is gone (the window closed while the work ran).

    Qt then raises RuntimeError ("Signal source has been deleted"): there is nobody to tell, and a
    traceback printed at exit would only alarm the user.
    """
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("a background task ended after its window was closed; its answer is dropped")


class Task(QObject):
    """One piece of background work; see the module docstring for the signals."""

    sig_progress = Signal(object, str)
    sig_finished = Signal(object)
    sig_failed = Signal(str)
    sig_cancelled = Signal()
    sig_done = Signal()

    def __init__(self, function: Callable[..., Any], *args: Any, pool: QThreadPool | None = None,
                 **kwargs: Any) -> None:
        super().__init__()
        self.function = function
        self._args = args
        self._kwargs = kwargs
        self._pool = pool
        self.token = CancelToken()
        self.error: BaseException | None = None
        self.result: Any = None
        self.started = False
        self.finished = False
        self._last_report = 0.0
        self._runner_signals = _RunnerSignals()
        self._runner_signals.progress.connect(self._on_runner_progress)
        self._runner_signals.result.connect(self._on_runner_result)
        self._runner_signals.error.connect(self._on_runner_error)
        self._runner_signals.cancelled.connect(self._on_runner_cancelled)

    # ------------------------------------------------------------------ control (GUI thread)
    def start(self) -> Task:
        """Queue the work on the thread pool; returns ``self`` for chaining."""
        if self.started:
            raise RuntimeError("a task starts only once")
        self.started = True
        with _LIVE_LOCK:
            _LIVE_TASKS.add(self)
        (self._pool or QThreadPool.globalInstance()).start(_TaskRunnable(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop; from now on only ``sig_cancelled`` can be delivered."""
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    # ------------------------------------------------------------------ pool thread side
    def _report_progress(self, fraction: float | None, message: str) -> None:
        now = time.monotonic()
        # The last report (fraction 1.0) always goes through so bars end full.
        if fraction is not None and fraction < 1.0 and now - self._last_report < _PROGRESS_INTERVAL:
            return
        self._last_report = now
        try:
            self._runner_signals.progress.emit(fraction, message)
        except RuntimeError:  # the window that asked is gone: stop the work, nobody waits for it
            self.token.cancel()

    # ------------------------------------------------------------------ relays (GUI thread)
    @Slot(object, str)
    def _on_runner_progress(self, fraction: float | None, message: str) -> None:
        if not self.finished and not self.token.cancelled:
            self.sig_progress.emit(fraction, message)

    @Slot(object)
    def _on_runner_result(self, result: object) -> None:
        if self.token.cancelled:  # the user moved on while the result was on its way
            self._end(self.sig_cancelled.emit)
            return
        self.result = result
        self._end(lambda: self.sig_finished.emit(result))

    @Slot(object)
    def _on_runner_error(self, error: BaseException) -> None:
        if self.token.cancelled:
            self._end(self.sig_cancelled.emit)
            return
        self.error = error
        self._end(lambda: self.sig_failed.emit(one_line_error(error)))

    @Slot()
    def _on_runner_cancelled(self) -> None:
        self._end(self.sig_cancelled.emit)

    def _end(self, emit: Callable[[], None]) -> None:
        if self.finished:
            return
        self.finished = True
        try:
            emit()
            self.sig_done.emit()
        finally:
            with _LIVE_LOCK:
                _LIVE_TASKS.discard(self)
            self._let_go_of_receivers()

    def _let_go_of_receivers(self) -> None:
        """Disconnect everything: nothing more will be emitted.

        Receivers are often closures that hold the task itself (``lambda: done(task)``);
        the connection lives in Qt, out of sight of Python's collector, so the task — and a
        result such as a whole replaced graph — would otherwise never be freed.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # "failed to disconnect": nothing was connected
            for signal in (self.sig_progress, self.sig_finished, self.sig_failed, self.sig_cancelled, self.sig_done):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect()


def run_task(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
    """Create a :class:`Task` and start it."""
    return Task(function, *args, **kwargs).start()


class LatestTaskRunner(QObject):
    """Runs one task at a time for a view: a new task cancels the previous one."""

    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self.current: Task | None = None

    def start(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """Cancel the running task (if any) and start ``function`` in its place.

        Connect to the returned task's signals before control returns to the event loop;
        signals are queued, so nothing is missed.
        """
        previous = self.current
        if previous is not None:
            previous.cancel()
        task = Task(function, *args, pool=self._pool, **kwargs)
        self.current = task
        task.sig_done.connect(lambda: self._on_task_done(task))
        task.start()
        if previous is None or previous.finished:
            self.sig_busy_changed.emit(True)
        return task

    def cancel(self) -> None:
        """Cancel the running task, if any."""
        if self.current is not None:
            self.current.cancel()

    @property
    def busy(self) -> bool:
        return self.current is not None and not self.current.finished

    def _on_task_done(self, task: Task) -> None:
        if not shiboken6.isValid(self):
            return  # the view that ran it is gone (a window closed while its task finished)
        if task is self.current:
            self.current = None
            self.sig_busy_changed.emit(False)
