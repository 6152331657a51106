"""Fixtures of the core tests."""

from __future__ import annotations

import pytest
from rdflib import Graph

from explorer.core import bundled
from explorer.core.extraction.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """The article suggester's words and patterns, read from the bundled ontology."""
    graph = Graph()
    for path in bundled.ontology_files():
        graph.parse(path, format="turtle")
    return Lexicon.from_ontology(graph)
