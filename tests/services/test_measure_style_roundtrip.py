"""A measure-driven style survives a snapshot and the GraphML export; restyling is undoable."""

from __future__ import annotations

import networkx as nx
import pytest

from explorer.core.analysis import Scope, centrality, communities
from explorer.core.analysis.styling import COMMUNITY_PALETTE, SIZE_RANGE, MeasureStyle, RestyleCanvas, style_from_results
from explorer.core.errors import ExplorerError
from explorer.core.scene import NODE_SIZE, Scene
from explorer.services import subgraph as subgraphs
from explorer.services.exporters import ExportJob, export
from explorer.services.snapshots import open_snapshot, save_snapshot

D = "https://w3id.org/kg-explorer/data/"


@pytest.fixture
def styled(bundled_graph):
    kg = bundled_graph
    scene = Scene()
    scene.add_entity(kg, D + "ChinaMobile")
    scene.expand(kg, D + "ChinaMobile")
    for entity in (D + "ChinaMobileZhejiang", D + "Zhejiang5GIndustryAlliance", D + "IndustrialInternet"):
        scene.add_entity(kg, entity)
        scene.expand(kg, entity)
    entities = [node.entity for node in scene.nodes.values() if node.kind == "entity"]
    rank = centrality(kg, Scope.of_entities(entities), "pagerank")
    groups = communities(kg, Scope.of_entities(entities))
    style = style_from_results(kg, rank, groups)
    before = {node.id: (node.color, node.size) for node in scene.nodes.values()}
    command = RestyleCanvas(scene, style)
    command.redo()
    return kg, scene, style, before, command, rank, groups


def test_restyle_sizes_by_pagerank_and_colours_by_community_and_undoes(styled):
    _, scene, style, before, command, rank, groups = styled
    top = rank.ranked(1)[0][0]
    assert scene.nodes[top].size == SIZE_RANGE[1]
    for node in scene.nodes.values():
        if node.kind == "entity":
            assert node.color == COMMUNITY_PALETTE[groups.membership[node.entity]]
    assert scene.measure_style is style and style.legend()[0].kind == "colour"
    command.undo()
    assert {node.id: (node.color, node.size) for node in scene.nodes.values()} == before
    assert scene.measure_style is None
    command.redo()
    clear = RestyleCanvas(scene, None)
    clear.redo()
    assert {node.id: (node.color, node.size) for node in scene.nodes.values()} == before
    assert all(node.size == NODE_SIZE for node in scene.nodes.values() if node.kind == "entity")


def test_style_round_trips_through_a_snapshot(styled, tmp_path):
    kg, scene, style, before, _, _, _ = styled
    path = tmp_path / "styled.kgsnap"
    save_snapshot(path, kg, scene, title="PageRank and communities")
    reopened = open_snapshot(path, kg).scene()
    assert reopened.measure_style is not None
    assert reopened.measure_style.to_dict() == style.to_dict()
    assert {n.id: (n.color, n.size) for n in reopened.nodes.values()} == {
        n.id: (n.color, n.size) for n in scene.nodes.values()}
    # Clearing the reopened scene brings the class looks back.
    RestyleCanvas(reopened, None).redo()
    assert {n.id: (n.color, n.size) for n in reopened.nodes.values()} == before


def test_style_is_carried_into_graphml(styled, tmp_path):
    kg, scene, style, _, _, rank, groups = styled
    job = ExportJob(kg, subgraphs.from_scene(kg, scene), scene, title="styled")
    path = export("graphml", job, tmp_path / "styled.graphml")
    graph = nx.read_graphml(path)
    for entity, data in graph.nodes(data=True):
        assert data["pagerank"] == pytest.approx(rank.values[entity])
        assert data["community"] == groups.membership[entity]
        assert data["color"] == COMMUNITY_PALETTE[groups.membership[entity]].lower()
        assert data["size"] == pytest.approx(style.node_size(entity))


def test_bad_style_data_names_the_field():
    with pytest.raises(ExplorerError, match=r"measure_style.sizes"):
        MeasureStyle.from_dict({"size_by": "pagerank", "sizes": {"a": "big"}})
    data = Scene().to_dict()
    data["measure_base"] = {"x": "red"}
    with pytest.raises(ExplorerError, match=r"measure_base"):
        Scene.from_dict(data)


def test_colour_by_a_measure_uses_a_sequential_scale_with_bands_in_the_legend():
    style = MeasureStyle.build(size_by="degree", sizes={"a": 1, "b": 9}, color_by="betweenness",
                               colors={"a": 0.0, "b": 1.0})
    assert style.node_color("a") != style.node_color("b")
    legend = style.legend()
    assert [e.kind for e in legend] == ["colour"] * 5 + ["size"] * 3
    assert legend[0].text.startswith("Betweenness 0–")


def test_the_html_export_shows_the_measure_legend(styled, tmp_path):
    kg, scene, style, _, _, _, _ = styled
    job = ExportJob(kg, subgraphs.from_scene(kg, scene), scene, title="styled")
    page = export("html", job, tmp_path / "styled.html").read_text(encoding="utf-8")
    first = style.legend()[0]
    assert first.text in page and first.color in page
    assert "PageRank" in page
