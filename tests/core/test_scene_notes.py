"""Notes and path searches of a scene: undoable changes, saved with the scene, bounded on read."""

from __future__ import annotations

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.path_history import MAX_SEARCHES, PathSearch, RemoveSearches, add_search
from explorer.core.paths import GraphPath, Hop
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.core.scene_notes import CANVAS, MAX_NOTE_CHARS, SetNote
from explorer.core.session import Session

EDGE = edge_id("urn:a", "urn:p", "urn:b")


def _scene() -> Scene:
    scene = Scene()
    scene.add_node(SceneNode("urn:a", "urn:a", "A", "", ""))
    scene.add_node(SceneNode("urn:b", "urn:b", "B", "", ""))
    scene.add_edge(SceneEdge(EDGE, "urn:a", "urn:b", "urn:p", "knows"))
    return scene


def _search(summary: str) -> PathSearch:
    return PathSearch(summary, (GraphPath(["urn:a", "urn:b"], [Hop("urn:a", "urn:p", "urn:b", True)]),))


def test_notes_are_undoable_steps_with_events():
    session = Session(scene=_scene())
    seen = []
    session.scene.events.connect("notes_changed", seen.append)
    session.do(SetNote(session.scene, "urn:a", " check this ", "A"))
    session.do(SetNote(session.scene, EDGE, "says who?", "A — knows — B"))
    session.do(SetNote(session.scene, CANVAS, "open questions", "the canvas"))
    assert session.scene.notes == {"urn:a": "check this", EDGE: "says who?", CANVAS: "open questions"}
    assert session.history.undo_text.startswith("Add Note on the canvas")
    session.do(SetNote(session.scene, "urn:a", "checked", "A"))
    assert session.history.undo_text == "Edit Note on A"
    session.do(SetNote(session.scene, "urn:a", "", "A"))
    assert "urn:a" not in session.scene.notes and session.history.undo_text == "Remove Note on A"
    session.undo()
    assert session.scene.notes["urn:a"] == "checked"
    session.undo()
    assert session.scene.notes["urn:a"] == "check this"
    session.redo()
    assert session.scene.notes["urn:a"] == "checked"
    assert seen[:3] == ["urn:a", EDGE, CANVAS]


def test_note_too_long_is_refused():
    with pytest.raises(ExplorerError, match="at most 10,000"):
        SetNote(_scene(), "urn:a", "x" * (MAX_NOTE_CHARS + 1), "A")


def test_notes_and_searches_round_trip_and_survive_canvas_undo():
    session = Session(scene=_scene())
    session.do(SetNote(session.scene, EDGE, "link note", "link"))
    add_search(session.scene, _search("A → B: 1 path"))
    data = session.scene.to_dict()
    again = Scene.from_dict(data)
    assert again.notes == {EDGE: "link note"}
    assert [s.summary for s in again.path_history] == ["A → B: 1 path"]
    assert again.path_history[0].paths == session.scene.path_history[0].paths
    # Clear Canvas takes the notes (not the path searches); its undo brings them back with the nodes.
    session.clear_canvas()
    assert not session.scene.notes and len(session.scene.path_history) == 1
    session.undo()
    assert session.scene.notes == {EDGE: "link note"} and len(session.scene.path_history) == 1
    # An old scene without the fields still reads.
    del data["notes"], data["path_history"]
    assert Scene.from_dict(data).notes == {}


def test_path_history_is_bounded_and_removal_undoable():
    session = Session(scene=_scene())
    for number in range(MAX_SEARCHES + 5):
        add_search(session.scene, _search(f"search {number}"))
    history = session.scene.path_history
    assert len(history) == MAX_SEARCHES and history[0].summary == f"search {MAX_SEARCHES + 4}"
    second = history[1]
    session.do(RemoveSearches(session.scene, [second]))
    assert second not in session.scene.path_history
    session.undo()
    assert session.scene.path_history[1] is second
    session.do(RemoveSearches(session.scene, list(session.scene.path_history)))
    assert session.history.undo_text == "Clear Path History" and not session.scene.path_history
    session.undo()
    assert len(session.scene.path_history) == MAX_SEARCHES


@pytest.mark.parametrize(("field", "value", "message"), [
    ("notes", {"urn:a": "x" * (MAX_NOTE_CHARS + 1)}, "scene: notes['urn:a']: 10,001 characters"),
    ("notes", {"urn:a": 3}, "scene: notes['urn:a']: expected text, got int"),
    ("notes", ["a"], "scene: notes: expected an object"),
    ("path_history", [{"summary": "s", "paths": [{"nodes": ["urn:a"], "hops": [["urn:a", "urn:p", "urn:b", True]]}]}],
     "scene: path_history[0].paths[0]: a path has one more node than it has hops"),
    ("path_history", [{"summary": "s"}] * (MAX_SEARCHES + 1), "scene: path_history: 51 searches; at most 50"),
])
def test_bad_notes_or_history_in_a_saved_scene_give_one_line(field, value, message):
    data = _scene().to_dict()
    data[field] = value
    with pytest.raises(ExplorerError) as caught:
        Scene.from_dict(data)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_notes_appear_in_graphml_html_and_csv_exports(tmp_path):
    from explorer.core.graph import KnowledgeGraph
    from explorer.services import subgraph as subgraphs
    from explorer.services.exporters import ExportJob, export
    from explorer.services.exporters.html import page_data

    kg = KnowledgeGraph.bundled()
    china_mobile = "https://w3id.org/kg-explorer/data/ChinaMobile"
    scene = Scene()
    scene.expand(kg, china_mobile)
    link = next(e.id for e in scene.edges.values() if e.predicate and china_mobile in (e.source, e.target))
    scene.notes.update({china_mobile: "node note", link: "link note"})
    job = ExportJob(kg, subgraphs.from_scene(kg, scene), scene)
    export("graphml", job, tmp_path / "g.graphml")
    graphml = (tmp_path / "g.graphml").read_text(encoding="utf-8")
    assert "node note" in graphml and "link note" in graphml and 'attr.name="note"' in graphml
    data = page_data(job)
    assert any(n["info"].get("note") == "node note" for n in data["nodes"])
    assert any(e["info"].get("note") == "link note" for e in data["edges"])
    export("csv", job, tmp_path / "e.csv")
    table = (tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[0].endswith(",analyst_note") and "link note" in table


def test_another_graph_starts_without_notes_or_searches():
    session = Session(scene=_scene())
    session.do(SetNote(session.scene, CANVAS, "note", "the canvas"))
    add_search(session.scene, _search("A → B"))
    session.set_graph(None)
    assert not session.scene.notes and not session.scene.path_history
