"""A file rewritten on a thread of its own (explorer.services.background_write): the caller does
not wait for the disk, the newest text is the one left, and nothing lands after stop()."""

from __future__ import annotations

import threading

import explorer.services.background_write as background_write
from explorer.services.background_write import BackgroundFileWriter


def _hold_writes(monkeypatch, only: str | None = None) -> tuple[threading.Event, threading.Event]:
    """Each write (or only the write of ``only``) signals ``started`` and waits for ``release``."""
    started, release = threading.Event(), threading.Event()
    real = background_write.atomic_write

    def slow(path, text):
        if only is None or text == only:
            started.set()
            assert release.wait(10)
        real(path, text)

    monkeypatch.setattr(background_write, "atomic_write", slow)
    return started, release


def test_texts_are_written_off_the_callers_thread_and_the_newest_is_left(tmp_path, monkeypatch):
    writers: list[str] = []
    real = background_write.atomic_write

    def recorded(path, text):
        writers.append(threading.current_thread().name)
        real(path, text)

    monkeypatch.setattr(background_write, "atomic_write", recorded)
    target = tmp_path / "journal.json"
    writer = BackgroundFileWriter(target)
    written: list[object] = []
    writer.on_written = written.append
    for number in range(20):
        writer.write_soon(f"text {number}")
    writer.wait()
    assert target.read_text(encoding="utf-8") == "text 19"
    assert writers and threading.current_thread().name not in writers
    assert written and written[-1] == target


def test_an_older_text_never_lands_after_a_newer_one_written_at_once(tmp_path, monkeypatch):
    """A slow background write of text 1 is under way when text 2 is written directly: 2 waits
    for it and stays; text 3 handed over meanwhile is dropped by write_now as older than 4."""
    started, release = _hold_writes(monkeypatch, only="1")
    target = tmp_path / "journal.json"
    writer = BackgroundFileWriter(target)
    writer.write_soon("1")
    assert started.wait(10)
    writer.write_soon("3")  # waits behind the write under way
    direct = threading.Thread(target=writer.write_now, args=("4",))
    direct.start()
    release.set()
    direct.join(10)
    writer.wait()
    assert target.read_text(encoding="utf-8") == "4"


def test_stop_waits_for_the_write_under_way_and_refuses_later_texts(tmp_path, monkeypatch):
    started, release = _hold_writes(monkeypatch)
    target = tmp_path / "journal.json"
    writer = BackgroundFileWriter(target)
    writer.write_soon("under way")
    assert started.wait(10)
    writer.write_soon("waiting")
    stopped = threading.Thread(target=writer.stop)
    stopped.start()
    stopped.join(0.2)
    assert stopped.is_alive()  # the write under way is waited for
    release.set()
    stopped.join(10)
    assert target.read_text(encoding="utf-8") == "under way"  # what waited was dropped
    target.unlink()  # what a clean exit does next
    writer.write_soon("late")
    writer.write_now("late")
    writer.wait()
    assert not target.exists()


def test_a_failed_write_is_reported_and_the_writer_keeps_working(tmp_path):
    missing = tmp_path / "gone" / "journal.json"
    writer = BackgroundFileWriter(missing)
    errors: list[object] = []
    writer.on_error = errors.append
    writer.on_written = lambda _path: 1 / 0  # a listener that fails does not stop the writer
    writer.write_soon("text")
    writer.wait()
    assert len(errors) == 1 and isinstance(errors[0], OSError)
    missing.parent.mkdir()
    writer.write_soon("again")
    writer.wait()
    assert missing.read_text(encoding="utf-8") == "again"
