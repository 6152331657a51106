"""Progress of a long load on the terminal: one line on stderr, redrawn in place, erased when done.

Shown only when stderr is a terminal (``sys.stderr.isatty()``), so pipes, files and JSON output
never see it, and only once a load has taken :data:`DELAY_S`, so small files do not flicker.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from explorer.cli.output import display_width, terminal_safe

#: Seconds a load runs before its progress line appears.
DELAY_S = 0.5
#: Seconds between two redraws of the line (the last state is always drawn).
REDRAW_S = 0.1

_ERASE_LINE = "\r\x1b[K"


class TerminalProgress:
    """A ``progress(fraction, message)`` callback that draws on a terminal stream."""

    def __init__(self, stream: TextIO, *, delay: float = DELAY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.delay = delay
        self.last_drawn: float | None = None
        self.last_text = ""
        self.shown = False

    def __call__(self, fraction: float | None, message: str) -> None:
        now = self.clock()
        if now - self.started < self.delay:
            return
        text = terminal_safe(message) + (f"  {min(max(fraction, 0.0), 1.0) * 100:3.0f} %" if fraction is not None else " …")
        if text == self.last_text or (self.last_drawn is not None and now - self.last_drawn < REDRAW_S
                                      and not (fraction is not None and fraction >= 1.0)):
            return
        width = shutil.get_terminal_size().columns - 1
        while display_width(text) > width > 1:
            text = text[1:]
        self.stream.write(_ERASE_LINE + text)
        self.stream.flush()
        self.last_drawn, self.last_text, self.shown = now, text, True

    def finish(self) -> None:
        """Erase the line, so what the command prints next starts on a clean line."""
        if self.shown:
            self.stream.write(_ERASE_LINE)
            self.stream.flush()
            self.shown = False


@contextlib.contextmanager
def load_progress(stream: TextIO | None = None) -> Iterator[TerminalProgress | None]:
    """The progress callback for a load when ``stream`` (default stderr) is a terminal, else ``None``."""
    stream = stream if stream is not None else sys.stderr
    try:
        on_terminal = stream.isatty()
    except (AttributeError, ValueError, OSError):
        on_terminal = False
    if not on_terminal:
        yield None
        return
    progress = TerminalProgress(stream, delay=DELAY_S)
    try:
        yield progress
    finally:
        progress.finish()
