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
import itertools
import logging
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

# Started tasks, by key, until their pool thread has let go of everything: only the GUI thread
# touches this, so the last reference to a task is always dropped there.
_LIVE_TASKS: dict[int, Task] = {}
_NEXT_KEY = itertools.count(1)


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


class _Relay(QObject):
    """The one QObject pool threads emit from; it lives on the GUI thread and hands each
    outcome to its task there. Emitted from a pool thread, the signals arrive queued."""

    progress = Signal(object, object, str)
    result = Signal(object, object)
    error = Signal(object, object)
    cancelled = Signal(object)
    returned = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.progress.connect(self.on_progress)
        self.result.connect(self.on_result)
        self.error.connect(self.on_error)
        self.cancelled.connect(self.on_cancelled)
        self.returned.connect(self.on_returned)

    @staticmethod
    def _task(key: int) -> Task | None:
        task = _LIVE_TASKS.get(key)
        return task if task is not None and shiboken6.isValid(task) else None

    @Slot(object, object, str)
    def on_progress(self, key: int, fraction: float | None, message: str) -> None:
        if (task := self._task(key)) is not None:
            task._on_runner_progress(fraction, message)

    @Slot(object, object)
    def on_result(self, key: int, result: object) -> None:
        if (task := self._task(key)) is not None:
            task._on_runner_result(result)

    @Slot(object, object)
    def on_error(self, key: int, error: BaseException) -> None:
        if (task := self._task(key)) is not None:
            task._on_runner_error(error)

    @Slot(object)
    def on_cancelled(self, key: int) -> None:
        if (task := self._task(key)) is not None:
            task._on_runner_cancelled()

    @Slot(object)
    def on_returned(self, key: int) -> None:
        # Queued after the outcome from the same thread, so it always comes last.
        _LIVE_TASKS.pop(key, None)


_RELAY: _Relay | None = None


def _relay() -> _Relay:
    """The relay, made on first use — by a Task, hence on the GUI thread."""
    global _RELAY
    if _RELAY is None:
        _RELAY = _Relay()
    return _RELAY


class _Job:
    """What a pool thread needs to run a task, and nothing that is a QObject.

    A Python-wrapped QObject must die on the thread it lives on. Destroyed on a pool thread,
    its C++ destructor takes Qt's connection lock and then waits for the GIL (to look for Python
    overrides) while the GUI thread, holding the GIL, may be waiting for that very lock to connect
    a signal: the app freezes. So a pool thread reaches its task only through this plain object
    and the module's relay, and the GUI thread keeps the task until the pool thread has let go
    of the job (``_Relay.on_returned``).
    """

    def __init__(self, key: int, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                 token: CancelToken) -> None:
        self.key = key
        self.function = function
        self.args = args
        self.kwargs = kwargs
        self.token = token
        self.last_report = 0.0
        self.orphaned = False

    def orphan(self) -> None:
        """The task was deleted (its window closed): nobody waits for progress any more."""
        self.orphaned = True

    def report_progress(self, fraction: float | None, message: str) -> None:  # runs in a pool thread
        if self.orphaned:  # stop the work at its next report; work that never reports still ends
            self.token.cancel()
        if self.token.cancelled:
            return
        now = time.monotonic()
        # The last report (fraction 1.0) always goes through so bars end full.
        if fraction is not None and fraction < 1.0 and now - self.last_report < _PROGRESS_INTERVAL:
            return
        self.last_report = now
        _deliver(_relay().progress, self.key, fraction, message)


def _execute(job: _Job) -> None:  # runs in a pool thread
    relay = _relay()
    try:
        if job.token.cancelled:
            _deliver(relay.cancelled, job.key)
            return
        kwargs = dict(job.kwargs)
        if _accepts(job.function, "progress"):
            kwargs.setdefault("progress", job.report_progress)
        if _accepts(job.function, "cancel"):
            kwargs.setdefault("cancel", job.token)
        result = job.function(*job.args, **kwargs)
    except Cancelled:
        _deliver(relay.cancelled, job.key)
    except BaseException as error:  # nothing may escape into Qt
        if not isinstance(error, ExplorerError):
            log.error("background task %s failed", getattr(job.function, "__qualname__", job.function),
                      exc_info=error)
        _deliver(relay.error, job.key, error)
    else:
        _deliver(relay.result, job.key, result)


class _TaskRunnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job: _Job | None = job

    def run(self) -> None:  # runs in a pool thread
        job, self._job = self._job, None
        if job is None:
            return
        key = job.key
        try:
            _execute(job)
        finally:
            del job  # before the GUI thread is told it may let go of the task
            _deliver(_relay().returned, key)


def _deliver(signal: Any, *args: Any) -> None:
    """Emit from the pool thread; quietly drop the answer if the relay is gone (the app quit
    while the work ran: there is nobody to tell, and a traceback at exit would only alarm)."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("a background task ended after the app closed; its answer is dropped")


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
        _relay()  # made here, on the GUI thread, before any pool thread needs it
        self.function = function
        self._pool = pool
        self.token = CancelToken()
        self._job = _Job(next(_NEXT_KEY), function, args, kwargs, self.token)
        self.error: BaseException | None = None
        self.result: Any = None
        self.started = False
        self.finished = False
        self.destroyed.connect(self._job.orphan)

    # ------------------------------------------------------------------ control (GUI thread)
    def start(self) -> Task:
        """Queue the work on the thread pool; returns ``self`` for chaining."""
        if self.started:
            raise RuntimeError("a task starts only once")
        self.started = True
        _LIVE_TASKS[self._job.key] = self
        (self._pool or QThreadPool.globalInstance()).start(_TaskRunnable(self._job))
        return self

    def cancel(self) -> None:
        """Ask the work to stop; from now on only ``sig_cancelled`` can be delivered."""
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    # ------------------------------------------------------------------ relays (GUI thread)
    def _on_runner_progress(self, fraction: float | None, message: str) -> None:
        if not self.finished and not self.token.cancelled:
            self.sig_progress.emit(fraction, message)

    def _on_runner_result(self, result: object) -> None:
        if self.token.cancelled:  # the user moved on while the result was on its way
            self._end(self.sig_cancelled.emit)
            return
        self.result = result
        self._end(lambda: self.sig_finished.emit(result))

    def _on_runner_error(self, error: BaseException) -> None:
        if self.token.cancelled:
            self._end(self.sig_cancelled.emit)
            return
        self.error = error
        self._end(lambda: self.sig_failed.emit(one_line_error(error)))

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
