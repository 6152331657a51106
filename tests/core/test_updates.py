"""Undoable SPARQL Update: refused by default, exact undo, cancel leaves the graph untouched."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from explorer.core.errors import Cancelled, QueryError, RefusedQuery
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken
from explorer.core.updates import run_update, undo

UPDATE = """
PREFIX d: <https://w3id.org/kg-explorer/data/>
PREFIX kg: <https://w3id.org/kg-explorer/ontology#>
DELETE { d:Liu kg:warnsOf ?risk } INSERT { d:Liu kg:warnsOf d:BadGuys . _:n <urn:x:note> "edited" }
WHERE { d:Liu kg:warnsOf ?risk }
"""


def _quads(kg: KnowledgeGraph) -> set[ox.Quad]:
    return set(kg.backend.store.quads_for_pattern(None, None, None, None))


def test_update_is_refused_by_the_default_policy(bundled_graph):
    with pytest.raises(RefusedQuery, match="SPARQL Update is turned off"):
        run_update(bundled_graph, UPDATE)


def test_undo_restores_the_graph_exactly():
    kg = KnowledgeGraph.bundled()
    kg.policy = QueryPolicy(allow_update=True)
    before = _quads(kg)
    record = run_update(kg, UPDATE)
    assert len(record.removed) == 1 and len(record.added) == 2
    assert kg.query("ASK { <https://w3id.org/kg-explorer/data/Liu> ?p <https://w3id.org/kg-explorer/data/BadGuys> }").boolean
    assert _quads(kg) != before
    undo(kg, record)
    assert _quads(kg) == before


@pytest.mark.parametrize("stage", ["Running the update"])
def test_update_cancelled_while_under_way_leaves_the_graph_unchanged(stage):
    kg = KnowledgeGraph.bundled()
    before = _quads(kg)
    token = CancelToken()

    def progress(fraction, message):
        if message.startswith(stage):
            token.cancel()

    with pytest.raises(Cancelled):
        run_update(kg, UPDATE, policy=QueryPolicy(allow_update=True), progress=progress, cancel=token)
    assert _quads(kg) == before


def test_cancelled_update_leaves_the_graph_unchanged():
    kg = KnowledgeGraph.bundled()
    before = _quads(kg)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run_update(kg, UPDATE, policy=QueryPolicy(allow_update=True), cancel=token)
    assert _quads(kg) == before


def test_a_select_is_not_an_update_and_syntax_errors_have_a_position(bundled_graph):
    with pytest.raises(QueryError, match="not an update"):
        run_update(bundled_graph, "SELECT * { ?s ?p ?o }", policy=QueryPolicy(allow_update=True))
    kg = KnowledgeGraph()
    with pytest.raises(QueryError) as error:
        run_update(kg, "INSERT DATA { <http://e/a> <http://e/p> }", policy=QueryPolicy(allow_update=True))
    assert error.value.line == 1
