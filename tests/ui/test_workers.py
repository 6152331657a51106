"""Background tasks: results, one-line errors, progress, cancel, latest-task-wins."""

from __future__ import annotations

import threading

import pytest

from explorer.core.errors import Cancelled, LoadError
from explorer.core.tasks import CancelToken
from explorer.ui.workers import LatestTaskRunner, Task, one_line_error, run_task


def test_result_arrives_on_finished(qtbot):
    task = Task(lambda a, b: a + b, 2, 3)
    with qtbot.waitSignal(task.sig_finished, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [5]
    assert task.result == 5


def test_explorer_error_becomes_its_one_line_message(qtbot):
    def fail():
        raise LoadError("/data/broken.ttl", "turtle syntax error: expected '.'", 3, 7)

    task = Task(fail)
    with qtbot.waitSignal(task.sig_failed, timeout=5000) as blocker:
        task.start()
    assert blocker.args == ["/data/broken.ttl:3:7: turtle syntax error: expected '.'"]
    assert isinstance(task.error, LoadError)


def test_unexpected_error_is_one_line_and_logged(qtbot, caplog):
    def fail():
        raise ValueError("bad\nvalue")

    task = Task(fail)
    with qtbot.waitSignal(task.sig_failed, timeout=5000) as blocker:
        task.start()
    assert blocker.args == ["ValueError: bad value"]
    assert "Traceback" in caplog.text or any(r.exc_info for r in caplog.records)


def test_progress_and_cancel_token_are_passed_to_functions_that_take_them(qtbot):
    seen = {}

    def work(*, progress, cancel):
        seen["cancel"] = cancel
        progress(0.5, "half way")
        progress(1.0, "done")
        return "ok"

    task = Task(work)
    reports = []
    task.sig_progress.connect(lambda fraction, message: reports.append((fraction, message)))
    with qtbot.waitSignal(task.sig_finished, timeout=5000):
        task.start()
    assert isinstance(seen["cancel"], CancelToken)
    assert seen["cancel"] is task.token
    assert reports[-1] == (1.0, "done")


def test_cancel_stops_work_and_drops_the_result(qtbot):
    release = threading.Event()
    entered = threading.Event()

    def slow(*, cancel):
        entered.set()
        release.wait(5)
        return "late result"

    task = Task(slow)
    finished = []
    task.sig_finished.connect(finished.append)
    task.start()
    assert entered.wait(5)
    with qtbot.waitSignal(task.sig_cancelled, timeout=5000):
        task.cancel()
        release.set()
    assert finished == []
    assert task.finished


def test_cancelled_exception_is_reported_as_cancelled_not_failed(qtbot):
    def stop():
        raise Cancelled()

    task = Task(stop)
    failed = []
    task.sig_failed.connect(failed.append)
    with qtbot.waitSignal(task.sig_cancelled, timeout=5000):
        task.start()
    assert failed == []


def test_done_follows_every_outcome(qtbot):
    task = run_task(lambda: 1)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    with pytest.raises(RuntimeError):
        task.start()


def test_latest_task_wins(qtbot):
    runner = LatestTaskRunner()
    gate = threading.Event()
    entered = threading.Event()

    def slow(*, cancel):
        entered.set()
        gate.wait(5)
        return "old"

    old = runner.start(slow)
    assert entered.wait(5)
    busy = []
    runner.sig_busy_changed.connect(busy.append)
    old_results = []
    old.sig_finished.connect(old_results.append)
    new = runner.start(lambda: "new")
    assert old.cancelled
    with qtbot.waitSignal(new.sig_finished, timeout=5000) as blocker:
        pass
    gate.set()
    qtbot.waitUntil(lambda: old.finished, timeout=5000)
    assert blocker.args == ["new"]
    assert old_results == []
    assert busy == [False]
    assert not runner.busy


def test_one_line_error_for_plain_exceptions():
    assert one_line_error(KeyError()) == "KeyError"
    assert one_line_error(RuntimeError("a\n  b")) == "RuntimeError: a b"


def test_a_finished_task_is_freed_with_its_result_although_its_receivers_held_it(qtbot):
    import weakref

    class Result:
        pass

    runner = LatestTaskRunner()
    task = runner.start(Result)
    seen = []
    task.sig_finished.connect(lambda result, task=task: seen.append((task, result)))  # a receiver holding the task
    qtbot.waitUntil(lambda task=task: task.finished, timeout=5000)
    result = weakref.ref(task.result)
    seen.clear()
    del task
    # No reference cycle through Qt's connections keeps the task (and result) alive; the worker
    # thread may still hold the result for a moment after delivering it.
    qtbot.waitUntil(lambda: result() is None, timeout=5000)


@pytest.mark.parametrize("ending", ["result", "progress"])
def test_work_that_outlives_its_window_ends_quietly(qtbot, ending):
    """Closing the window while a worker runs deletes the object it reports to: no traceback, and
    work still reporting progress stops."""
    import shiboken6
    from PySide6.QtCore import QThreadPool

    release, ended = threading.Event(), threading.Event()
    seen: list[bool] = []

    def work(progress, cancel):
        release.wait(5)
        try:
            if ending == "progress":
                progress(1.0, "still going")
                seen.append(cancel.cancelled)
            return 42
        finally:
            ended.set()

    pool = QThreadPool()
    task = Task(work, pool=pool)
    task.start()
    shiboken6.delete(task)  # what the window's teardown does to it
    release.set()
    assert pool.waitForDone(5000) and ended.is_set()
    if ending == "progress":
        assert seen == [True]


@pytest.mark.parametrize("outcome", ["result", "error", "cancelled"])
def test_a_task_dies_on_the_gui_thread_even_when_its_worker_thread_lags(qtbot, monkeypatch, outcome):
    """The pool thread must never drop the last reference to a task: a QObject destroyed there can
    deadlock against the GUI thread (its destructor holds Qt's connection lock and waits for the
    GIL). Here the pool thread is held back after delivering the outcome until the GUI thread has
    handled it, the worst order; the task must still die on the GUI thread, and without help from
    the cyclic garbage collector (no cycle through an error's traceback)."""
    import gc
    import weakref

    from explorer.ui import workers

    handled = threading.Event()
    original_deliver = workers._deliver

    def lagging_deliver(signal, *args):
        original_deliver(signal, *args)
        if args and not handled.is_set() and signal.__class__.__name__ == "SignalInstance":
            handled.wait(5)

    monkeypatch.setattr(workers, "_deliver", lagging_deliver)

    def work(*, cancel):
        if outcome == "error":
            raise ValueError("broken row")
        if outcome == "cancelled":
            raise Cancelled()
        return object()

    died_on: list[int] = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        task = Task(work)
        task.sig_done.connect(handled.set)
        weakref.finalize(task, lambda: died_on.append(threading.get_ident()))
        task.start()
        del task
        qtbot.waitUntil(lambda: bool(died_on), timeout=5000)
    finally:
        if collecting:
            gc.enable()
    assert died_on == [threading.get_ident()]


def test_many_short_tasks_all_die_on_the_gui_thread(qtbot):
    """New tasks connect signals on the GUI thread while earlier ones end: the pattern that froze
    the app when a pool thread destroyed a finished task."""
    import weakref

    runner = LatestTaskRunner()
    died_on: list[int] = []
    ended: list[int] = []
    for number in range(300):
        task = runner.start(lambda number=number: number)
        task.sig_done.connect(lambda number=number: ended.append(number))
        weakref.finalize(task, lambda: died_on.append(threading.get_ident()))
        if number % 10 == 0:
            qtbot.waitUntil(lambda number=number: number in ended, timeout=5000)
    del task
    qtbot.waitUntil(lambda: len(died_on) == 300, timeout=10000)
    assert set(died_on) == {threading.get_ident()}
