"""Queries to start from and queries to come back to.

Three shelves:

- **built-in** example queries, shipped as ``.rq`` files in ``explorer/services/queries``
  (package data, found with :mod:`importlib.resources`). Each starts with comment lines
  ``# title: …``, ``# description: …`` and ``# category: …``;
- the user's **saved** queries (``saved-queries.json`` in the data folder);
- a persistent **history** of queries run (``query-history.json``), newest first, capped.

Both user files are JSON written atomically; a missing file is an empty shelf and a
damaged one is set aside (renamed ``*.damaged``) with a one-line warning rather than
lost or fatal.

>>> [q.title for q in builtin_queries()][:1]  # doctest: +ELLIPSIS
['...']
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from explorer.core.atomic import atomic_write

SAVED_FILE = "saved-queries.json"
HISTORY_FILE = "query-history.json"
HISTORY_LIMIT = 500
_HEADER = re.compile(r"^#\s*(title|description|category)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class LibraryQuery:
    """A query with a name people can read."""

    key: str
    title: str
    sparql: str
    description: str = ""
    category: str = "Saved"
    builtin: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    """One run of a query: when, how it went, how long it took and how much it returned."""

    sparql: str
    when: float
    status: str = "ok"  # ok, failed, cancelled, refused, timeout
    elapsed: float | None = None
    rows: int | None = None
    message: str = ""


def parse_header(text: str) -> dict[str, str]:
    """The ``# title:`` / ``# description:`` / ``# category:`` comment lines at the top of a query.

    >>> parse_header("# title: Risks\\n# category: Analyst questions\\nSELECT * {}")
    {'title': 'Risks', 'category': 'Analyst questions'}
    """
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def builtin_queries() -> list[LibraryQuery]:
    """The example queries shipped with the app, analyst questions first, then by title."""
    folder = resources.files("explorer.services") / "queries"
    queries = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        header = parse_header(text)
        key = entry.name[: -len(".rq")]
        queries.append(LibraryQuery(
            key=f"builtin:{key}",
            title=header.get("title", key.replace("-", " ")),
            sparql=text,
            description=header.get("description", ""),
            category=header.get("category", "Examples"),
            builtin=True,
        ))
    order = {"Analyst questions": 0, "Graphs": 1, "Generic": 2}
    return sorted(queries, key=lambda q: (order.get(q.category, 3), q.category, q.title.casefold()))


def _default_directory() -> Path:
    from explorer.services.settings import data_dir

    return data_dir()


@dataclass
class QueryLibrary:
    """The user's saved queries and history, plus the built-in examples.

    ``warnings`` collects one line per user file that could not be read.
    """

    directory: Path = field(default_factory=_default_directory)
    history_limit: int = HISTORY_LIMIT
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.directory = Path(self.directory)
        self._saved: list[LibraryQuery] = [q for q in map(self._saved_from, self._read(SAVED_FILE)) if q]
        self._history: list[HistoryEntry] = [h for h in map(self._history_from, self._read(HISTORY_FILE)) if h]

    # ------------------------------------------------------------------ built-in
    def builtin(self) -> list[LibraryQuery]:
        return builtin_queries()

    def all(self) -> list[LibraryQuery]:
        """Built-in examples, then the user's saved queries."""
        return [*self.builtin(), *self.saved()]

    def find(self, key: str) -> LibraryQuery | None:
        return next((q for q in self.all() if q.key == key), None)

    # ------------------------------------------------------------------ saved queries
    def saved(self) -> list[LibraryQuery]:
        return list(self._saved)

    def save(self, title: str, sparql: str, description: str = "", key: str | None = None) -> LibraryQuery:
        """Save a query under ``title``; saving with an existing key (or title) replaces it."""
        title = " ".join(title.split())
        if not title:
            raise ValueError("a saved query needs a title")
        existing = next((q for q in self._saved if q.key == key or (key is None and q.title == title)), None)
        query = LibraryQuery(key=existing.key if existing else f"saved:{uuid.uuid4().hex[:12]}", title=title,
                             sparql=sparql, description=description, category="Saved")
        self._saved = [query if q is existing else q for q in self._saved] if existing else [*self._saved, query]
        self._write(SAVED_FILE, [self._saved_to(q) for q in self._saved])
        return query

    def delete(self, key: str) -> bool:
        before = len(self._saved)
        self._saved = [q for q in self._saved if q.key != key]
        if len(self._saved) == before:
            return False
        self._write(SAVED_FILE, [self._saved_to(q) for q in self._saved])
        return True

    # ------------------------------------------------------------------ history
    def history(self) -> list[HistoryEntry]:
        """Queries run, newest first."""
        return list(self._history)

    def record(self, sparql: str, *, status: str = "ok", elapsed: float | None = None, rows: int | None = None,
               message: str = "", when: float | None = None) -> HistoryEntry:
        """Add a run to the history (the same text run again moves to the top) and save it."""
        entry = HistoryEntry(sparql=sparql, when=time.time() if when is None else when, status=status,
                             elapsed=elapsed, rows=rows, message=" ".join(message.split()))
        self._history = [entry, *(h for h in self._history if h.sparql.strip() != sparql.strip())][: self.history_limit]
        self._write(HISTORY_FILE, [asdict(h) for h in self._history])
        return entry

    def clear_history(self) -> None:
        self._history = []
        self._write(HISTORY_FILE, [])

    # ------------------------------------------------------------------ files
    def _read(self, name: str) -> list[Any]:
        path = self.directory / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            where = f"{path}:{error.lineno}:{error.colno}" if isinstance(error, json.JSONDecodeError) else str(path)
            reason = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
            self._set_aside(path)
            self.warnings.append(f"{where}: cannot be read ({reason}); it was set aside as {path.name}.damaged")
            return []
        if not isinstance(data, list):
            self._set_aside(path)
            self.warnings.append(f"{path}: expected a JSON list; it was set aside as {path.name}.damaged")
            return []
        return data

    @staticmethod
    def _set_aside(path: Path) -> None:
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(path.name + ".damaged"))

    def _write(self, name: str, data: list[Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        atomic_write(self.directory / name, json.dumps(data, indent=1, ensure_ascii=False) + "\n")

    @staticmethod
    def _saved_to(query: LibraryQuery) -> dict[str, str]:
        return {"key": query.key, "title": query.title, "description": query.description, "sparql": query.sparql}

    @staticmethod
    def _saved_from(item: Any) -> LibraryQuery | None:
        if not isinstance(item, dict) or not isinstance(item.get("sparql"), str) or not isinstance(item.get("title"), str):
            return None
        return LibraryQuery(key=str(item.get("key") or f"saved:{uuid.uuid4().hex[:12]}"), title=item["title"],
                            sparql=item["sparql"], description=str(item.get("description", "")), category="Saved")

    @staticmethod
    def _history_from(item: Any) -> HistoryEntry | None:
        if not isinstance(item, dict) or not isinstance(item.get("sparql"), str):
            return None
        try:
            return HistoryEntry(sparql=item["sparql"], when=float(item.get("when", 0)), status=str(item.get("status", "ok")),
                                elapsed=None if item.get("elapsed") is None else float(item["elapsed"]),
                                rows=None if item.get("rows") is None else int(item["rows"]),
                                message=str(item.get("message", "")))
        except (TypeError, ValueError):
            return None
