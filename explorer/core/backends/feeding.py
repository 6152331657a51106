"""A file fed to the store's parser through an OS pipe, so the parser never needs the interpreter.

Given a Python reader, the parser calls back into it for every ~2 KB it parses — 850,000 times
for a ten-million-triple file, taking the interpreter lock and letting it go each time; every
large block Python allocates there can also merge what the store's threads freed meanwhile (see
:mod:`explorer.core.heap`). The window's stalls while a 10M file was read were traced to the
worker in these callbacks. A thread that takes the lock back within microseconds, again and again,
can also keep a waiting thread from it: the count of switches the waiter watches keeps moving, so
it never asks for the lock to be handed over (CPython's ``take_gil``).

Here the parser reads ``/dev/fd/N``, the read end of a pipe, in its own code without the lock;
a thread of ours reads the file 256 KB at a time (decompressing, skipping a byte-order mark,
running the format's guard), writes it into the pipe, reports progress and honours Cancel.
Measured (a 5 ms probe beside a bare load of a three-million-triple file, load 6–9): with glibc's
fast bins on, longest gap 402 ms through the reader, 37 ms through the pipe; with them off
(:mod:`explorer.core.heap`), 76–82 ms and 62–264 ms — at that load mostly the probe waiting for a
processor. In the window's ten-million-triple build, the stalls while reading went from 100–144 ms
(the worker traced in the reader's callbacks) to at most 106 ms, with no lock held by the loader.
Where pipes cannot be named (Windows), the reader is handed over as before.

A plain file that needs no guard goes into the pipe by ``splice``: the kernel hands the file's
cached pages to the pipe, so the bytes are copied once, by the parser's read, as when it reads
the file itself. Read into Python and written out they were copied four times (the file's
``read``, the byte-order-mark reader's buffer and its ``bytes``, the pipe's ``write``).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.core.backends.loading import ProgressReader
from explorer.core.errors import Cancelled
from explorer.core.guards import StreamGuard
from explorer.core.input_files import UTF8_BOM
from explorer.core.tasks import CancelToken

#: Bytes read from the file and written to the pipe at a time (progress is reported as often).
CHUNK = 1 << 18
#: Linux's fcntl to enlarge a pipe (fewer wake-ups of the parser); refused elsewhere.
_F_SETPIPE_SZ = 1031
#: What splice answers where a file system or the system does not offer it: the bytes are read instead.
_NO_SPLICE = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EBADF})
#: Written into the pipe on Cancel: no RDF syntax takes a NUL on a line of its own, so the
#: parser stops at once instead of finishing what it already has.
_STOP = b"\n\x00\n"


def pipes_can_be_named() -> bool:
    return os.name == "posix" and Path("/dev/fd").is_dir()


class FileFeeding:
    """Feeds ``raw`` (a binary reader of one file) to a parser; see the module docstring.

    ``report(fraction)`` is called as the file is read (from the feeding thread when a pipe is
    used); ``bytes_read`` says how far it got. ``plain``: the same file opened as it is (not
    decompressed) when it needs no guard, so the kernel may move its bytes into the pipe.
    """

    def __init__(self, raw: Any, total: int, report: Callable[[float], None], cancel: CancelToken | None,
                 guard: StreamGuard | None = None, plain: Any = None) -> None:
        self._raw = raw
        self._plain = plain if guard is None and hasattr(os, "splice") else None
        self._total = max(total, 1)
        self._report = report
        self._cancel = cancel
        self._guard = guard
        self._done = 0
        self._failure: BaseException | None = None
        self._reader: ProgressReader | None = None

    @property
    def bytes_read(self) -> int:
        return self._reader.bytes_read if self._reader is not None else self._done

    def feed(self, parse: Callable[..., None]) -> None:
        """Run ``parse(path=…)`` on the pipe's read end (or ``parse(input=…)`` on a reader where
        pipes cannot be named). The file's own problems (Cancel, a guard's refusal, a damaged
        compressed file) win over the parser's report of the input they cut short."""
        if not pipes_can_be_named():
            self._reader = ProgressReader(self._raw, self._total, self._report, self._cancel, self._guard)
            parse(input=io.BufferedReader(self._reader, 1 << 18))
            return
        read_end, write_end = os.pipe()
        with contextlib.suppress(OSError, ValueError):
            import fcntl

            fcntl.fcntl(write_end, _F_SETPIPE_SZ, 1 << 20)
        pump = threading.Thread(target=self._pump, args=(write_end,), name="feed the parser", daemon=True)
        pump.start()
        try:
            parse(path=f"/dev/fd/{read_end}")
        except BaseException:
            os.close(read_end)  # a parser that stopped early: the pump's next write fails and it ends
            read_end = -1
            pump.join()
            if self._failure is not None:
                raise self._failure from None
            raise
        finally:
            if read_end >= 0:
                os.close(read_end)
            pump.join()
        if self._failure is not None:
            raise self._failure

    def _pump(self, write_end: int) -> None:
        try:
            if self._plain is not None and self._splice(self._plain.fileno(), write_end):
                return
            while True:
                if self._cancel is not None and self._cancel.cancelled:
                    raise Cancelled("loading cancelled; the graph was left as it was")
                chunk = self._raw.read(CHUNK)
                if self._guard is not None:
                    # The guard sees each chunk before the parser does, so it can refuse in time.
                    if chunk:
                        self._guard.feed(chunk)
                    else:
                        self._guard.close()
                if not chunk:
                    return
                view = memoryview(chunk)
                while view:
                    view = view[os.write(write_end, view):]
                self._done += len(chunk)
                self._report(min(self._done / self._total, 1.0))
        except BrokenPipeError:
            pass  # the parser stopped reading: its own error says why
        except Exception as error:  # Cancel, a guard's refusal, a damaged file: raised by feed()
            self._failure = error
            with contextlib.suppress(OSError):
                os.write(write_end, _STOP)
        finally:
            os.close(write_end)

    def _splice(self, source: int, write_end: int) -> bool:
        """The file into the pipe by the kernel (a byte-order mark left out, as the reader does);
        False when splice is not offered here before anything moved: then the reader is used."""
        offset = start = len(UTF8_BOM) if os.pread(source, len(UTF8_BOM), 0) == UTF8_BOM else 0
        while True:
            if self._cancel is not None and self._cancel.cancelled:
                raise Cancelled("loading cancelled; the graph was left as it was")
            try:
                moved = os.splice(source, write_end, CHUNK, offset_src=offset)
            except OSError as error:
                if offset == start and error.errno in _NO_SPLICE:
                    return False
                raise
            if not moved:
                return True
            offset += moved
            self._done += moved
            self._report(min(self._done / self._total, 1.0))


__all__ = ["CHUNK", "FileFeeding", "pipes_can_be_named"]
