"""Groups: nodes collapsed into one node with merged links, expanded back where they were,
ungrouped; each an undoable step; saved with the scene and refused with one line when damaged."""

from __future__ import annotations

import json

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.scene import Scene
from explorer.core.scene_groups import is_group
from explorer.core.session import Session
from explorer.services import snapshots as sn

D = "https://w3id.org/kg-explorer/data/"
HUB = D + "Zhejiang5GIndustryAlliance"


@pytest.fixture
def session(bundled_graph) -> Session:
    session = Session(bundled_graph)
    session.show(HUB)
    session.expand(HUB)
    return session


def _members(session: Session, count: int = 4) -> list[str]:
    return [n for n in session.scene.expanded[HUB] if session.scene.nodes[n].kind == "entity"][:count]


def test_group_collapses_members_into_one_node_with_counted_links(session):
    scene = session.scene
    members = _members(session)
    before = scene.to_dict()
    positions = {m: (scene.nodes[m].x, scene.nodes[m].y) for m in members}
    gid = session.group(members, "Suppliers")
    assert is_group(gid) and all(m not in scene.nodes for m in members)
    group = scene.nodes[gid]
    assert group.kind == "group" and group.label == "Suppliers" and group.more_count == 4
    # Every member was linked to the hub: one merged link stands for the four.
    [merged] = [e for e in scene.incident_edges(gid) if HUB in (e.source, e.target)]
    assert "×4" in merged.label or merged.label == "4 links"
    assert scene.is_node_visible(group) and gid in [n.id for n in scene.visible_nodes()]
    assert session.history.undo_text == "Group 4 Nodes"

    session.expand_group(gid)
    assert gid not in scene.nodes
    assert {m: (scene.nodes[m].x, scene.nodes[m].y) for m in members} == positions
    assert session.history.undo_text == "Expand Group “Suppliers”"
    session.collapse_group(gid)
    assert gid in scene.nodes and all(m not in scene.nodes for m in members)
    session.ungroup(gid)
    assert gid not in scene.groups and all(m in scene.nodes for m in members)
    for _ in range(4):
        session.undo()
    assert scene.to_dict() == before
    session.redo()
    assert gid in scene.nodes and scene.nodes[gid].label == "Suppliers"


def test_moved_group_expands_its_members_moved_alike(session):
    scene = session.scene
    members = _members(session, 3)
    first = (scene.nodes[members[0]].x, scene.nodes[members[0]].y)
    gid = session.group(members)
    assert scene.nodes[gid].label.endswith("(3)")
    scene.move(gid, scene.nodes[gid].x + 500, scene.nodes[gid].y - 100)
    session.expand_group(gid)
    assert (scene.nodes[members[0]].x, scene.nodes[members[0]].y) == (first[0] + 500, first[1] - 100)


def test_a_highlighted_path_through_a_group_stays_highlighted(session):
    scene = session.scene
    members = _members(session, 2)
    link = next(e.id for e in scene.incident_edges(members[0]) if HUB in (e.source, e.target))
    scene.highlight([HUB, members[0], link])
    gid = session.group(members)
    assert gid in scene.highlighted and HUB in scene.highlighted
    assert any(e.id in scene.highlighted for e in scene.incident_edges(gid))
    session.expand_group(gid)
    assert {HUB, members[0], link} <= scene.highlighted


def test_grouping_fewer_than_two_nodes_is_refused_and_nothing_changes(session):
    before = session.scene.to_dict()
    steps = session.history.undo_text
    with pytest.raises(ExplorerError, match="two or more"):
        session.group(_members(session, 1))
    assert session.scene.to_dict() == before and session.history.undo_text == steps


def test_groups_of_groups_expand_level_by_level(session):
    scene = session.scene
    members = _members(session, 4)
    inner = session.group(members[:2], "Inner")
    outer = session.group([inner, *members[2:]], "Outer")
    assert inner not in scene.nodes and outer in scene.nodes
    data = scene.to_dict()
    assert {g["id"] for g in data["groups"]} == {inner, outer}  # the inner one is kept inside the outer
    session.expand_group(outer)
    assert inner in scene.nodes
    session.expand_group(inner)
    assert all(m in scene.nodes for m in members)


def test_groups_survive_a_snapshot(bundled_graph, session, tmp_path):
    scene = session.scene
    members = _members(session)
    gid = session.group(members, "Suppliers")
    saved = sn.save_snapshot(tmp_path / "grouped", bundled_graph, scene, title="grouped")
    reopened = sn.open_snapshot(saved.path, bundled_graph).scene()
    assert reopened.to_dict() == scene.to_dict()
    expanded = Session(bundled_graph, reopened)
    expanded.expand_group(gid)
    assert all(m in reopened.nodes for m in members)
    # Older snapshots have no groups field and still open.
    assert "groups" not in Scene().to_dict()


@pytest.mark.parametrize(
    ("change", "field_name"),
    [
        (lambda g: g.update(members="all"), "scene.groups[0].members"),
        (lambda g: g.update(id="urn:x"), "scene.groups[0].id"),
        (lambda g: g.update(name="x" * 1000), "scene.groups[0].name"),
        (lambda g: g["nodes"][0].update(x="left"), "scene.groups[0].nodes[0].x"),
        (lambda g: g.update(origin=[1]), "scene.groups[0].origin"),
    ],
)
def test_a_damaged_group_is_refused_with_one_line(bundled_graph, session, tmp_path, change, field_name):
    session.group(_members(session), "Suppliers")
    saved = sn.save_snapshot(tmp_path / "grouped", bundled_graph, session.scene, title="grouped")
    data = json.loads(saved.path.read_text(encoding="utf-8"))
    change(data["scene"]["groups"][0])
    saved.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(sn.SnapshotError) as caught:
        sn.open_snapshot(saved.path)
    message = str(caught.value)
    assert f"field '{field_name}'" in message and "\n" not in message


def test_the_group_node_never_covers_a_node_left_outside(session):
    scene = session.scene
    hub = scene.nodes[HUB]
    members = _members(session, 4)
    for index, member in enumerate(members):  # around the hub: their centre is the hub's place
        scene.move(member, hub.x + (150 if index % 2 else -150), hub.y + (150 if index < 2 else -150))
    gid = session.group(members)
    group = scene.nodes[gid]
    assert max(abs(group.x - hub.x), abs(group.y - hub.y)) >= (group.size + hub.size) / 2
    session.expand_group(gid)
    assert (scene.nodes[members[0]].x, scene.nodes[members[0]].y) == (hub.x - 150, hub.y + 150)


def test_a_snapshot_keeps_the_facts_of_collapsed_members(bundled_graph, session, tmp_path):
    members = _members(session)
    session.group(members, "Suppliers")
    saved = sn.save_snapshot(tmp_path / "grouped", bundled_graph, session.scene, title="grouped")
    own = sn.open_snapshot(saved.path).graph()  # the snapshot's own copy of the data, as on another machine
    for member in members:
        assert own.exists(member) and own.label(member) == bundled_graph.label(member)
