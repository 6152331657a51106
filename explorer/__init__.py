"""kg-explorer: a desktop knowledge-graph explorer with evidence-backed facts."""

from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("kg-explorer")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+unknown"
