"""What a path given as input must be before it is opened: a regular file.

A named pipe (FIFO) blocks the reader until something writes to it, a device such as
``/dev/zero`` never ends, and a folder cannot be read as a document; each gets a one-line
error naming the path, before anything is opened. A UTF-8 byte-order mark, which some
editors put at the start of text files, is skipped: it is not part of any RDF document.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import Any

from explorer.core.errors import LoadError

UTF8_BOM = b"\xef\xbb\xbf"


def regular_file_size(path: Path, what: str = "an RDF file") -> int:
    """The size of ``path``; raise :class:`LoadError` unless it is a regular file one can read.

    >>> regular_file_size(Path("/dev/null"))
    Traceback (most recent call last):
    ...
    explorer.core.errors.LoadError: /dev/null: is a device, not an RDF file
    """
    try:
        info = os.stat(path)
    except OSError as error:
        raise LoadError(str(path), error.strerror or "cannot be read") from None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return info.st_size
    if stat.S_ISDIR(mode):
        raise LoadError(str(path), f"is a folder, not {what}")
    if stat.S_ISFIFO(mode):
        raise LoadError(str(path), f"is a named pipe (FIFO), not {what}: reading it could wait forever")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise LoadError(str(path), f"is a device, not {what}")
    if stat.S_ISSOCK(mode):
        raise LoadError(str(path), f"is a socket, not {what}")
    raise LoadError(str(path), f"is not a regular file, not {what}")


class BomSkippingReader(io.RawIOBase):
    """A binary reader that drops a UTF-8 byte-order mark at the very start of a stream."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._pending = b""
        self._started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._started:
            self._started = True
            head = b""
            while len(head) < len(UTF8_BOM):
                chunk = self._raw.read(len(UTF8_BOM) - len(head))
                if not chunk:
                    break
                head += chunk
            self._pending = head[len(UTF8_BOM):] if head.startswith(UTF8_BOM) else head
        if self._pending:
            # A whole chunk, as the plain file would give: readers size their work by it.
            data = self._pending + self._raw.read(max(len(buffer) - len(self._pending), 0))
            count = min(len(buffer), len(data))
            buffer[:count] = data[:count]
            self._pending = data[count:]
            return count
        data = self._raw.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)
