"""kg-explorer: a desktop knowledge-graph explorer with evidence-backed facts."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Read from the installed metadata when first asked for: importlib.metadata and the search
    # through the installed packages cost every command-line start-up ~0.05 s.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("kg-explorer")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        version = "0.0.0+unknown"
    globals()["__version__"] = version
    return version
