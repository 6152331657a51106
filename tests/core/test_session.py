"""The Qt-free session: every canvas change and SPARQL update is one undoable step with a
name; the scene comes back exactly as it was; features find each other through it."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.core.session import Session
from explorer.core.sparql import QueryPolicy
from explorer.core.updates import run_update

D = "https://w3id.org/kg-explorer/data/"
HUB = D + "Zhejiang5GIndustryAlliance"


@pytest.fixture
def session(bundled_graph) -> Session:
    return Session(bundled_graph)


def test_every_canvas_change_is_a_named_step_that_undoes_exactly(session):
    scene = session.scene
    steps = []
    session.show(HUB)
    steps.append(scene.to_dict())
    added = session.expand(HUB)
    steps.append(scene.to_dict())
    session.pin(added[0])
    steps.append(scene.to_dict())
    session.hide(added[1])
    steps.append(scene.to_dict())
    session.remove(added[2])
    steps.append(scene.to_dict())
    session.layout("radial")
    steps.append(scene.to_dict())
    session.set_class_visible(scene.nodes[added[0]].class_iri, False)
    steps.append(scene.to_dict())
    session.show_all()
    steps.append(scene.to_dict())
    session.collapse(HUB)
    steps.append(scene.to_dict())
    texts = [c.text for c in session.history.done()]
    label = scene.nodes[HUB].label
    assert texts[:2] == [f"Show {label}", f"Expand {label}"]
    assert texts[2].startswith("Pin ") and texts[3].startswith("Hide ") and texts[4].startswith("Remove ")
    assert texts[4].endswith(" from Canvas") and texts[5] == "Radial Layout"
    assert texts[6].startswith("Hide Class ") and texts[7:] == ["Show Hidden Items", f"Collapse {label}"]
    for expected in reversed(steps[:-1]):
        session.undo()
        assert scene.to_dict() == expected
    session.undo()
    assert not scene.nodes
    for expected in steps:
        session.redo()
        assert scene.to_dict() == expected


def test_a_drag_is_recorded_as_it_happened(session):
    session.show(HUB)
    node = session.scene.nodes[HUB]
    start = (node.x, node.y)
    session.scene.move(HUB, 500.0, 20.0)  # the view moved it while the mouse moved
    session.moved({HUB: start})
    assert session.history.undo_text == f"Move {node.label}"
    session.undo()
    assert (session.scene.nodes[HUB].x, session.scene.nodes[HUB].y) == start
    session.redo()
    assert (session.scene.nodes[HUB].x, session.scene.nodes[HUB].y) == (500.0, 20.0)
    session.moved({HUB: (500.0, 20.0)})  # not moved: no step
    assert session.history.undo_text == f"Move {node.label}"


def test_nothing_changed_is_no_step(session):
    session.show(HUB)
    session.hide([])
    session.set_filters(set(), set())
    session.clear_canvas()
    session.clear_canvas()
    assert [c.text for c in session.history.done()][-1] == "Clear Canvas"
    assert len(session.history) == 2


def test_a_sparql_update_is_a_step_of_the_same_history():
    kg = KnowledgeGraph.bundled()
    kg.policy = QueryPolicy(allow_update=True)
    session = Session(kg)
    modified = []
    session.graph_modified.connect(lambda: modified.append(True))
    session.show(HUB)
    record = run_update(kg, f"INSERT DATA {{ <{D}z> <{D}p> <{D}y> }}")
    session.record_update(record)
    assert session.applied_updates() == [record] and kg.exists(D + "z")
    assert session.history.undo_text.startswith("SPARQL Update “INSERT DATA")
    session.undo()
    assert not kg.exists(D + "z") and session.applied_updates() == []
    assert list(session.scene.nodes) == [HUB]
    session.redo()
    assert kg.exists(D + "z") and len(modified) == 3


def test_a_new_graph_starts_a_fresh_session(session, bundled_graph):
    seen = []
    session.graph_changed.connect(seen.append)
    session.show(HUB)
    session.select([HUB])
    session.visit(HUB)
    session.set_graph(bundled_graph)
    assert not session.scene.nodes and not session.history.can_undo
    assert session.selection == [] and session.navigation.current is None and seen == [bundled_graph]


def test_parts_are_found_through_the_session(session):
    assert session.part("workbench") is None
    marker = object()
    session.provide("workbench", marker)
    assert session.part("workbench") is marker


def test_path_and_results_steps(session):
    paths = session.find_paths(HUB, D + "ChinaMobile", k=1)
    ids = session.add_paths(paths)
    assert session.scene.highlighted == set(ids)
    session.show_entities([D + "ChinaMobile", D + "ChinaMobile"])
    assert session.history.undo_text == "Show 1 Result(s) on Canvas"
    session.undo()
    session.undo()
    assert not session.scene.nodes


@pytest.mark.parametrize("fine_grained_up_to", [0, 10_000])
def test_restore_puts_back_the_same_scene_with_events_or_one_reset(session, monkeypatch, fine_grained_up_to):
    from explorer.core import scene_state

    monkeypatch.setattr(scene_state, "FINE_GRAINED_UP_TO", fine_grained_up_to)
    scene = session.scene
    seen: list[str] = []
    for name in ("node_added", "node_removed", "node_changed", "edge_added", "edge_removed", "reset",
                 "highlight_changed", "filters_changed", "focus_changed", "positions_changed"):
        scene.events.connect(name, lambda *_args, n=name: seen.append(n))
    session.show(HUB)
    before = scene.to_dict()
    added = session.expand(HUB)
    session.hide(added[0])
    session.layout("force")
    after = scene.to_dict()
    kept = scene.nodes[HUB]
    seen.clear()
    for _ in range(3):
        session.undo()
    assert scene.to_dict() == before
    if fine_grained_up_to:
        assert "reset" not in seen and "node_removed" in seen and "edge_removed" in seen
        assert scene.nodes[HUB] is kept  # views keep the objects they hold
    else:
        assert "reset" in seen
    for _ in range(3):
        session.redo()
    assert scene.to_dict() == after
    assert {e.id for e in scene.incident_edges(HUB)} == {e.id for e in scene.edges.values() if HUB in (e.source, e.target)}
