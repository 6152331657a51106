"""Argument types and readers several commands share: whole numbers, seconds, hops, ``QUERY|@FILE``."""

from __future__ import annotations

import argparse
import math
import os
import stat
import sys
from typing import TYPE_CHECKING

from explorer.cli.errors import UsageError
from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


def positive_int(text: str) -> int:
    """A whole number of at least 1 (``--limit``, ``--max-rows`` …)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def positive_float(text: str) -> float:
    """A finite number above 0 (a scale)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text}")
    return value


#: The longest wait a ``--timeout`` may ask for: a day.
MAX_SECONDS = 86_400.0


def seconds(text: str) -> float:
    """A time-out in seconds: more than 0, at most a day.

    >>> seconds("2.5")
    2.5
    >>> seconds("1e308")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: must be at most 86400 seconds (a day): 1e308
    """
    value = positive_float(text)
    if value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_SECONDS:.0f} seconds (a day): {text}")
    return value


def hops(text: str) -> int:
    """How many links out from a focus: 0 to 6."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 6:
        raise argparse.ArgumentTypeError(f"must be between 0 and 6: {text}")
    return value


def check_input_file(name: str, what: str = "file") -> None:
    """Refuse a FIFO, a device or a socket given as a file to read: reading one would wait for a
    writer or never end. Missing files and folders are left to the reader, which names them."""
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    raise UsageError(f"{name}: is {kind}, not a {what}")


def check_output_file(name: str) -> None:
    """Refuse to write over a FIFO, a device or a socket: files are written whole and then moved
    into place, which would replace the special file itself (``-o /dev/null`` run as root)."""
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise UsageError(f"{name}: is not a regular file: write the output to a file")


#: The largest query file ``@FILE`` reads (a query is text someone wrote, not data).
MAX_QUERY_FILE_BYTES = 16 * 1024 * 1024


def read_query(text: str) -> tuple[str, str | None]:
    """The query text and where it came from: ``@FILE`` reads a file, ``@-`` standard input."""
    if not text.startswith("@"):
        return text, None
    name = text[1:]
    if name == "-":
        return sys.stdin.read(MAX_QUERY_FILE_BYTES + 1)[:MAX_QUERY_FILE_BYTES], "<stdin>"
    check_input_file(name, "query file")
    try:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_QUERY_FILE_BYTES + 1)
    except OSError as error:
        raise ExplorerError(f"{name}: {error.strerror or error}") from None
    if len(raw) > MAX_QUERY_FILE_BYTES:
        raise ExplorerError(f"{name}: more than {MAX_QUERY_FILE_BYTES // (1024 * 1024)} MiB: too big for a query file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExplorerError(f"{name}: not UTF-8 text: {error.reason} at byte {error.start}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), name  # line numbers as a text editor counts them


def missing_prefixes(kg: KnowledgeGraph, sparql: str) -> str:
    """PREFIX lines for the graph's prefixes the query uses without declaring them."""
    from explorer.core.sparql import missing_prefixes as prelude

    return prelude(kg.prefixes, sparql)
