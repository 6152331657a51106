"""Argument types and readers several commands share: whole numbers, seconds, hops, ``QUERY|@FILE``."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

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
    """A number above 0 (seconds, a scale)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text}")
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


def read_query(text: str) -> tuple[str, str | None]:
    """The query text and where it came from: ``@FILE`` reads a file, ``@-`` standard input."""
    if not text.startswith("@"):
        return text, None
    name = text[1:]
    if name == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        with open(name, encoding="utf-8") as handle:
            return handle.read(), name
    except UnicodeDecodeError as error:
        raise ExplorerError(f"{name}: not UTF-8 text: {error.reason} at byte {error.start}") from None
    except OSError as error:
        raise ExplorerError(f"{name}: {error.strerror or error}") from None


_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def missing_prefixes(kg: KnowledgeGraph, sparql: str) -> str:
    """PREFIX lines for the graph's prefixes the query uses without declaring them."""
    declared = set(_DECLARED_PREFIX.findall(sparql))
    lines = []
    for prefix, namespace in sorted(kg.prefixes.items()):
        if prefix and prefix not in declared and re.search(rf"(?<![\w<:/#?.-]){re.escape(prefix)}:", sparql):
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)
