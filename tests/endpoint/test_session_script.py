"""One scripted session, the same on the embedded store and on a SPARQL server (Virtuoso):
search → show → expand → hide → undo ×3 → redo → path, through the Qt-free Session."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.core.session import Session

pytestmark = pytest.mark.endpoint

D = "https://w3id.org/kg-explorer/data/"


@pytest.fixture(params=["embedded", "virtuoso"])
def graph(request, bundled_graph) -> KnowledgeGraph:
    return bundled_graph if request.param == "embedded" else request.getfixturevalue("remote_bundled")


def test_scripted_session(graph):
    session = Session(graph)
    scene = session.scene

    hit = session.search("Zhejiang 5G industry alliance", limit=5)[0]
    assert hit.entity == D + "Zhejiang5GIndustryAlliance"

    session.show(hit.entity)
    assert list(scene.nodes) == [hit.entity]
    assert session.history.undo_text == "Show Zhejiang 5G industry alliance"

    added = session.expand(hit.entity)
    assert len(added) >= 3
    expanded = set(scene.nodes)
    assert session.history.undo_text == "Expand Zhejiang 5G industry alliance"

    hidden = added[0]
    session.hide(hidden)
    assert scene.nodes[hidden].hidden
    assert hidden not in {n.id for n in scene.visible_nodes()}
    assert session.history.undo_text == f"Hide {scene.nodes[hidden].label}"

    assert session.undo().text.startswith("Hide ")
    assert not scene.nodes[hidden].hidden
    assert session.undo().text == "Expand Zhejiang 5G industry alliance"
    assert list(scene.nodes) == [hit.entity]
    assert session.undo().text == "Show Zhejiang 5G industry alliance"
    assert not scene.nodes and not session.history.can_undo
    assert session.history.redo_text == "Show Zhejiang 5G industry alliance"

    assert session.redo().text == "Show Zhejiang 5G industry alliance"
    assert list(scene.nodes) == [hit.entity]
    assert session.history.redo_text == "Expand Zhejiang 5G industry alliance"

    target = session.search("China Mobile", limit=5)[0].entity
    assert target == D + "ChinaMobile"
    paths = session.find_paths(hit.entity, target, k=1)
    assert paths and paths[0].nodes[0] == hit.entity and paths[0].nodes[-1] == target
    ids = session.add_paths(paths)
    assert set(paths[0].nodes) <= set(scene.nodes)
    assert scene.highlighted == set(ids)
    assert session.history.undo_text == "Show Path Zhejiang 5G industry alliance → China Mobile"
    assert len(paths[0].nodes) == 3  # through China Mobile Zhejiang
    # The path replaced what could have been redone (the expansion).
    assert not session.history.can_redo
    assert expanded - set(scene.nodes)  # the undone expansion stays undone
