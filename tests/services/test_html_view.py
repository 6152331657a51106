"""The HTML export opens readable: labels at least 12 px on a 1280×800 screen at the opening zoom, the
highlighted path drawn as on the canvas, a legend of the styles in use, groups as one node."""

from __future__ import annotations

import json
import re

import pytest

from explorer.core.paths import find_paths
from explorer.core.scene_groups import collapse_nodes
from explorer.core.vocab import DATA
from explorer.services import subgraph as sg
from explorer.services.exporters import ExportJob, export
from explorer.services.exporters.graph_formats import to_networkx
from explorer.services.exporters.html import PATH_COLOUR, READABLE_LABEL_PX, opening_view

ALLIANCE = str(DATA.Zhejiang5GIndustryAlliance)
CHINA_MOBILE = str(DATA.ChinaMobile)


def _data(job, tmp_path) -> dict:
    page = export("html", job, tmp_path / "graph.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))


@pytest.fixture(scope="module")
def whole_job(bundled_graph):
    """Everything around the alliance: the large export that used to open with 3–6 px labels."""
    subgraph = sg.from_focus(bundled_graph, ALLIANCE, 9)
    scene = sg.to_scene(bundled_graph, subgraph)
    assert len(scene.visible_nodes()) >= 40
    return ExportJob(bundled_graph, subgraph, scene, title="Whole graph")


@pytest.mark.parametrize("hops", [1, 3, 9])
def test_labels_read_at_the_opening_zoom(bundled_graph, tmp_path, hops):
    subgraph = sg.from_focus(bundled_graph, ALLIANCE, hops)
    job = ExportJob(bundled_graph, subgraph, sg.to_scene(bundled_graph, subgraph), title="t")
    data = _data(job, tmp_path)
    view = data["view"]
    for node in data["nodes"]:
        if node["info"]["kind"] == "entity":
            assert node["font"]["size"] * view["scale"] >= READABLE_LABEL_PX - 1e-9, node["label"]
    if not view["fit"]:  # opened closer than fit: on a node, with every label drawn at a readable size
        assert view["fitScale"] < view["scale"] and set(view["center"]) == {"x", "y"}


def test_whole_graph_opens_close_on_its_best_linked_node_not_fitted_at_3_px(whole_job, tmp_path):
    view = opening_view(whole_job.scene)
    assert not view["fit"] and view["fitScale"] * 13 < 6  # fitted, its labels would be a few pixels tall
    data = _data(whole_job, tmp_path)
    xs = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    centre = (data["view"]["center"]["x"], data["view"]["center"]["y"])
    assert centre in xs.values()


def test_the_highlighted_path_is_emphasised_and_in_the_legend(bundled_graph, whole_job, tmp_path):
    scene = sg.to_scene(bundled_graph, whole_job.subgraph)
    path = find_paths(bundled_graph, CHINA_MOBILE, ALLIANCE, max_hops=3)[0]
    ids = scene.add_path(bundled_graph, path)
    data = _data(ExportJob(bundled_graph, whole_job.subgraph, scene, title="path"), tmp_path)
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {e["id"]: e for e in data["edges"]}
    lit_nodes = [i for i in ids if i in nodes]
    lit_edges = [i for i in ids if i in edges]
    assert lit_nodes and lit_edges
    for node_id in lit_nodes:
        assert nodes[node_id]["color"]["border"] == PATH_COLOUR and nodes[node_id]["borderWidth"] == 4
        assert nodes[node_id]["info"]["onPath"]
    for eid in lit_edges:
        assert edges[eid]["color"]["color"] == PATH_COLOUR and edges[eid]["width"] > 3
    others = [e for i, e in edges.items() if i not in ids]
    assert others and all(e["color"]["color"] != PATH_COLOUR and e["width"] < 2 for e in others)
    assert data["legend"][-1] == {"label": "highlighted path", "color": PATH_COLOUR, "shape": "path", "classIri": ""}
    # The page opens on the path.
    centre = data["view"]["center"]
    xs = [nodes[i]["x"] for i in lit_nodes]
    assert min(xs) <= centre["x"] <= max(xs)


def test_legend_lists_each_class_style_in_use(whole_job, tmp_path):
    data = _data(whole_job, tmp_path)
    shown = {(e["color"], e["shape"]) for e in data["legend"]}
    for node in whole_job.scene.visible_nodes():
        if node.kind == "entity":
            assert (node.color, node.shape) in shown, node.label
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    for shape in {node.shape for node in whole_job.scene.visible_nodes()}:
        assert f".swatch.{shape}" in page or (shape == "ellipse" and ".swatch.ellipse" in page)


def test_a_group_is_one_node_with_its_merged_links(bundled_graph, tmp_path):
    subgraph = sg.from_focus(bundled_graph, ALLIANCE, 1)
    scene = sg.to_scene(bundled_graph, subgraph)
    members = [n.id for n in scene.visible_nodes() if n.id != ALLIANCE][:3]
    group_id = collapse_nodes(scene, members, "Members")
    data = _data(ExportJob(bundled_graph, subgraph, scene, title="g"), tmp_path)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert group_id in nodes and not set(members) & set(nodes)
    assert nodes[group_id]["info"] == {"kind": "group", "label": "Members", "onPath": False, "members": 3,
                                       "classLabel": scene.nodes[group_id].class_label}
    merged = [e for e in data["edges"] if group_id in (e["from"], e["to"])]
    assert merged and all(e["info"]["kind"] == "group" and e["label"] for e in merged)
    assert any(entry["shape"] == "group" for entry in data["legend"])
    graph = to_networkx(ExportJob(bundled_graph, subgraph, scene, title="g"))  # GraphML and GEXF
    assert graph.nodes[group_id]["members"] == 3 and not set(members) & set(graph.nodes)
    assert {data["label"] for _, _, data in graph.edges(group_id, data=True)} | {
        data["label"] for _, _, data in graph.in_edges(group_id, data=True)} == {e["label"] for e in merged}
