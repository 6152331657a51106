"""Exit codes and the error of a wrong command line."""

from __future__ import annotations

from explorer.core.errors import ExplorerError

EXIT_OK, EXIT_EMPTY, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(ExplorerError):
    """The command line itself is wrong (unknown option, missing argument …)."""
