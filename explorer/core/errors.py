"""Errors that reach the user.

Every error carries a one-line, user-facing message; the CLI prints it after
``error:`` and the desktop shows it in a message box. File errors name the file and,
where the parser knows it, the line and column: ``file:line:col: message``.
"""

from __future__ import annotations

from collections.abc import Sequence


class ExplorerError(Exception):
    """Base class: ``str(error)`` is the one-line message shown to the user."""

    def __init__(self, message: str) -> None:
        # Users see this in a status line: keep it to one line whatever the cause said.
        one_line = " ".join(str(message).split())
        super().__init__(one_line)
        self.message = one_line


class LoadError(ExplorerError):
    """A file could not be read or parsed; the graph is left as it was."""

    def __init__(
        self, file: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        where = file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")
        self.reason = " ".join(str(message).split())


class QueryError(ExplorerError):
    """A SPARQL query is malformed or failed while running."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        where = f"line {line}, column {column}: " if line is not None and column is not None else ""
        super().__init__(f"{where}{message}")
        self.reason = " ".join(str(message).split())


class QueryTimeout(QueryError):
    """A query ran longer than the time it was given."""


class RefusedQuery(QueryError):
    """A query the current settings do not allow (SPARQL Update, SERVICE federation)."""


class NetworkRefused(RefusedQuery):
    """A query that would open a connection (SERVICE, LOAD of a remote IRI) while the network is off."""


class Cancelled(ExplorerError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class EntityNotFound(ExplorerError):
    """No entity matches an IRI, prefixed name or label."""


class AmbiguousEntity(ExplorerError):
    """A label matches several entities; ``candidates`` lists (iri, label, class label)."""

    def __init__(self, text: str, candidates: Sequence[tuple[str, str, str]]) -> None:
        self.text = text
        self.candidates = list(candidates)
        listed = "; ".join(f"{label} <{iri}> ({cls})" if cls else f"{label} <{iri}>"
                           for iri, label, cls in self.candidates[:10])
        more = f"; and {len(self.candidates) - 10} more" if len(self.candidates) > 10 else ""
        super().__init__(f'"{text}" is ambiguous: {listed}{more}')


class ValidationFailed(ExplorerError):
    """SHACL validation could not run (bad shapes file), as opposed to reporting violations."""


class ReadOnlyGraph(ExplorerError):
    """A change was asked of a graph that cannot be written (a server connected read-only)."""
