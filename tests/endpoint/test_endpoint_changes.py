"""Change sets on a SPARQL server: DELETE DATA / INSERT DATA into a named graph when updates
are allowed, refused in one line when the endpoint is connected read-only."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from explorer.core.changes import ChangeSet
from explorer.core.errors import ReadOnlyGraph
from explorer.core.graph import KnowledgeGraph

SCRATCH = "urn:kg-explorer:test:changes"
E = "http://e/"


@pytest.mark.endpoint
def test_a_change_set_is_written_into_the_configured_graph_and_undone(virtuoso):
    writer = KnowledgeGraph.connect(virtuoso.url, default_graph=SCRATCH, allow_update=True,
                                    update_url=virtuoso.auth_url, auth=("digest", "dba", "dba"))
    assert writer.can_write and writer.local is None
    first = (URIRef(E + "plant"), URIRef(E + "operates"), URIRef(E + "line1"), None)
    label = (URIRef(E + "plant"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Plant \"A\"", lang="en"), None)
    writer.apply_changes(ChangeSet(added=(first, label), description="add a plant"))
    reader = KnowledgeGraph.connect(virtuoso.url, default_graph=SCRATCH)
    assert reader.label(E + "plant") == 'Plant "A"'
    assert [e.other for e in reader.neighbours(E + "plant").outgoing] == [E + "line1"]
    moved = ChangeSet(added=((first[0], first[1], URIRef(E + "line2"), None),), removed=(first,), description="move")
    writer.apply_changes(moved)
    assert [e.other for e in reader.neighbours(E + "plant").outgoing] == [E + "line2"]
    writer.apply_changes(moved.inverse())
    writer.apply_changes(ChangeSet(removed=(first, label)))
    assert not reader.exists(E + "plant")


@pytest.mark.endpoint
def test_a_read_only_endpoint_refuses_a_change_set(virtuoso):
    reader = KnowledgeGraph.connect(virtuoso.url, default_graph=SCRATCH)
    assert not reader.can_write
    with pytest.raises(ReadOnlyGraph, match="read-only"):
        reader.apply_changes(ChangeSet(added=((URIRef(E + "x"), URIRef(E + "p"), Literal("y"), None),)))
