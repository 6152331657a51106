"""One file rewritten atomically on a thread of its own, the newest text last.

Writing a file the safe way (:func:`explorer.core.atomic.atomic_write`: a scratch file, fsync,
rename, fsync of the folder) waits for the disk: 77–145 ms on the GUI thread under a busy disk
(the crash journal after a load, measured in the window), and the event loop waits with it.
Here the caller makes the text (it reads the window's state, so that stays on its thread) and
hands it over; a thread started for the purpose writes it and ends when nothing waits.

What may not be lost is not: the file is always whole (old or new, never a mix); a text handed
over later is never overwritten by an earlier one (each carries a number, and the thread skips
what is older than what was written); :meth:`BackgroundFileWriter.stop` waits for a write under
way, so removing the file afterwards cannot be undone by a late write; and the thread is not a
daemon, so an exiting interpreter lets it finish.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "journal.json"
>>> writer = BackgroundFileWriter(target)
>>> writer.write_soon("first"); writer.write_soon("second"); writer.wait()
>>> target.read_text(encoding="utf-8")
'second'
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.core.atomic import atomic_write

log = logging.getLogger(__name__)


class BackgroundFileWriter:
    """Writes the newest text handed to it to ``path`` (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Called on the writing thread after a background write, with the path or the error.
        self.on_written: Callable[[Any], None] | None = None
        self.on_error: Callable[[Any], None] | None = None
        self._state = threading.Condition()
        self._pending: tuple[int, str] | None = None
        self._thread: threading.Thread | None = None
        self._busy = False
        self._numbered = 0
        self._stopped = False
        #: Writes are made one at a time, in number order; the number of the text on disk.
        self._writing = threading.Lock()
        self._written = 0

    def write_soon(self, text: str) -> None:
        """Hand ``text`` over; it replaces any text still waiting (not one being written)."""
        with self._state:
            if self._stopped:
                return
            self._numbered += 1
            self._pending = (self._numbered, text)
            if self._thread is None:
                self._thread = threading.Thread(target=self._drain, name="background file writer")
                self._thread.start()

    def write_now(self, text: str) -> None:
        """Write ``text`` on this thread, after a write under way; what waits is dropped (older).

        Raises:
            OSError: when the file cannot be written.
        """
        with self._state:
            if self._stopped:
                return
            self._numbered += 1
            number = self._numbered
            self._pending = None
        self._write(number, text)

    def wait(self) -> None:
        """Until nothing waits and nothing is being written."""
        with self._state:
            self._state.wait_for(lambda: self._pending is None and not self._busy)

    def stop(self) -> None:
        """Drop what waits, wait for a write under way; later texts are refused."""
        with self._state:
            self._stopped = True
            self._pending = None
        self.wait()

    # ------------------------------------------------------------------ the writing thread
    def _drain(self) -> None:
        while True:
            with self._state:
                item, self._pending = self._pending, None
                if item is None:
                    self._thread = None
                    self._state.notify_all()
                    return
                self._busy = True
            try:
                self._write(*item)
            except OSError as error:
                self._tell(self.on_error, error)
            else:
                self._tell(self.on_written, self.path)
            finally:
                with self._state:
                    self._busy = False
                    self._state.notify_all()

    @staticmethod
    def _tell(listener: Callable[[Any], None] | None, what: Any) -> None:
        if listener is None:
            return
        try:
            listener(what)
        except Exception:  # a listener gone (its window closed) must not stop the writer
            log.debug("background file writer: listener failed", exc_info=True)

    def _write(self, number: int, text: str) -> None:
        with self._writing:
            if number <= self._written:
                return  # a newer text is on disk already
            with self._state:
                if self._stopped and threading.current_thread() is self._thread:
                    return
            atomic_write(self.path, text)
            self._written = number


__all__ = ["BackgroundFileWriter"]
