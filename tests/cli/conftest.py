"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph


@pytest.fixture(autouse=True)
def _width_of_no_terminal(monkeypatch):
    """Tables fit ``$COLUMNS`` when it is set (a shell's, a debugger's): the tests read them unclipped."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def shared_bundled_graph(bundled_graph, monkeypatch):
    """Read-only commands reuse the session's bundled graph instead of loading it every time.

    Only for modules whose commands never change the graph: the one graph is shared by the whole session.
    """
    monkeypatch.setattr(KnowledgeGraph, "bundled", classmethod(lambda cls, backend=None: bundled_graph))
