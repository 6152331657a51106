"""A hub's capped neighbours count what was left out exactly, however that count is made."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph

E = "http://example.org/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.fixture(scope="module")
def hub_graph() -> KnowledgeGraph:
    lines = [f"<{E}hub> <{E}label-free> <{E}out{i}> ." for i in range(30)]
    for i in range(1500):
        lines.append(f"<{E}n{i}> <{E}uses> <{E}hub> <{E}g1> .")
        if i % 3 == 0:  # the same link in a second graph counts once
            lines.append(f"<{E}n{i}> <{E}uses> <{E}hub> <{E}g2> .")
    for i in range(400):
        lines.append(f"<{E}m{i}> <{E}mentions> <{E}hub> .")
        lines.append(f"<{E}m{i}> <{RDF_NS}type> <{E}Thing> .")
    for i in range(300):  # evidence records point at the hub too: never neighbours
        lines.append(f"<{E}ev{i}> <{RDF_NS}type> <{RDF_NS}Statement> .")
        lines.append(f"<{E}ev{i}> <{E}mentions> <{E}hub> .")
        lines.append(f"<{E}ev{i}> <{RDF_NS}object> <{E}hub> .")
    lines.append(f"_:b <{E}uses> <{E}hub> .")
    kg = KnowledgeGraph()
    kg.load_text("\n".join(lines), "nquads")
    return kg


def walked(kg: KnowledgeGraph, **options) -> int:
    """The incoming links of the hub as adjacent() yields them, walked one by one."""
    wanted = options.get("predicates")
    keys = {(p, o) for p, o, forward in kg.adjacent(E + "hub", outgoing=False,
                                                   include_schema=options.get("include_schema", False))
            if not forward and (wanted is None or p in wanted)}
    return len(keys)


@pytest.mark.parametrize("options", [{}, {"predicates": [E + "uses"]}, {"include_schema": True}])
def test_omitted_incoming_equals_what_a_full_walk_finds(hub_graph, options):
    around = hub_graph.neighbours(E + "hub", limit=25, **options)
    assert len(around.incoming) == 25
    assert around.omitted_incoming == walked(hub_graph, **options) - 25
    assert around.omitted_incoming > 64  # the store did the counting


def test_outgoing_links_are_complete_before_the_store_counts_the_rest(hub_graph):
    around = hub_graph.neighbours(E + "hub", limit=25)
    assert len(around.outgoing) == 25 and around.omitted_outgoing == 5


def test_evidence_records_and_duplicates_are_not_counted(hub_graph):
    around = hub_graph.neighbours(E + "hub", limit=10)
    # 1,500 "uses" (a third of them also in a second graph), 1 blank node, 400 "mentions".
    assert around.omitted_incoming + len(around.incoming) == 1500 + 1 + 400


def _hub_lines(incoming: int) -> str:
    lines = [f"<{E}n{i}> <{E}uses> <{E}hub> ." for i in range(incoming)]
    lines += [f"<{E}ev{i}> <{RDF_NS}type> <{RDF_NS}Statement> .\n<{E}ev{i}> <{RDF_NS}object> <{E}hub> ."
              for i in range(50)]
    return "\n".join(lines)


def test_a_capped_hub_gives_the_cap_and_the_true_count_kept_until_the_store_changes(monkeypatch):
    from rdflib import URIRef

    from explorer.core.backends import OxigraphBackend
    from explorer.core.changes import ChangeSet

    kg = KnowledgeGraph()
    kg.load_text(_hub_lines(1000), "ntriples")
    first = kg.neighbours(E + "hub", limit=100)
    assert len(first.incoming) == 100 and first.omitted_incoming == 900

    def no_count(*args: object) -> int:
        raise AssertionError("the hub's links were counted again")

    with monkeypatch.context() as patch:
        patch.setattr(OxigraphBackend, "_count_incoming_links", no_count)
        again = kg.neighbours(E + "hub", limit=100)
    assert len(again.incoming) == 100 and again.omitted_incoming == 900
    kg.apply_changes(ChangeSet(added=((URIRef(E + "late"), URIRef(E + "uses"), URIRef(E + "hub"), None),)))
    assert kg.neighbours(E + "hub", limit=100).omitted_incoming == 901


def test_a_workspace_keeps_its_hub_counts_across_reopening(tmp_path, monkeypatch):
    import gc

    from explorer.core.backends import OxigraphBackend

    folder = tmp_path / "workspace"
    kg = KnowledgeGraph.open_workspace(folder)
    source = tmp_path / "hub.nt"
    source.write_text(_hub_lines(700), encoding="utf-8")
    kg.load([source])
    assert kg.neighbours(E + "hub", limit=100).omitted_incoming == 600
    kg.backend.close()
    del kg
    gc.collect()

    def no_scan(*args: object) -> object:
        raise AssertionError("the store was asked again")

    reopened = KnowledgeGraph.open_workspace(folder)
    with monkeypatch.context() as patch:
        patch.setattr(OxigraphBackend, "_count_incoming_links", no_scan)
        patch.setattr(OxigraphBackend, "_statements_use", no_scan)
        around = reopened.neighbours(E + "hub", limit=100)
    assert len(around.incoming) == 100 and around.omitted_incoming == 600
    reopened.backend.close()
