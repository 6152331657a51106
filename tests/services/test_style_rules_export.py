"""Styling rules with a measure (PageRank size, community colour) through a snapshot and every graph export."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from explorer.core.analysis import Scope, centrality, communities
from explorer.core.analysis.styling import COMMUNITY_PALETTE, SIZE_RANGE, RestyleCanvas, style_from_results
from explorer.core.scene import Scene
from explorer.core.style_resolution import ApplyStyleRules
from explorer.core.style_rules import StyleRule
from explorer.services import subgraph as subgraphs
from explorer.services.exporters import ExportJob, export
from explorer.services.snapshots import SnapshotError, open_snapshot, save_snapshot

D = "https://w3id.org/kg-explorer/data/"
ONT = "https://w3id.org/kg-explorer/ontology#"


@pytest.fixture
def styled(bundled_graph):
    kg = bundled_graph
    scene = Scene()
    for entity in ("ChinaMobile", "ChinaMobileZhejiang", "Zhejiang5GIndustryAlliance", "IndustrialInternet"):
        scene.add_entity(kg, D + entity)
        scene.expand(kg, D + entity)
    entities = [node.entity for node in scene.nodes.values() if node.kind == "entity"]
    rank = centrality(kg, Scope.of_entities(entities), "pagerank")
    groups = communities(kg, Scope.of_entities(entities))
    rules = [StyleRule("class", ONT + "Organization", shape="star", icon="organisation"),
             StyleRule("evidence", value="with-evidence", color="#CC6677", width=3.0),
             StyleRule("class", ONT + "TelecomOperator", label="name-class")]
    ApplyStyleRules(scene, rules, kg).redo()
    RestyleCanvas(scene, style_from_results(kg, rank, groups)).redo()
    return kg, scene, rank, groups


def _check_measure_looks(scene, rank, groups):
    top = rank.ranked(1)[0][0]
    assert scene.nodes[top].size == SIZE_RANGE[1]
    for node in scene.nodes.values():
        if node.kind == "entity":
            assert node.color == COMMUNITY_PALETTE[groups.membership[node.entity]]


def test_rules_and_measure_round_trip_through_a_snapshot(styled, tmp_path):
    kg, scene, rank, groups = styled
    _check_measure_looks(scene, rank, groups)
    path = tmp_path / "styled.kgsnap"
    save_snapshot(path, kg, scene, title="PageRank and communities")
    reopened = open_snapshot(path, kg).scene()
    assert reopened.style_rules == scene.style_rules
    assert [rule.kind for rule in reopened.style_rules] == ["class", "evidence", "class", "measure"]
    looks = lambda s: {n.id: (n.color, n.shape, n.size, n.icon, n.label_shown) for n in s.nodes.values()}  # noqa: E731
    assert looks(reopened) == looks(scene)
    assert {e.id: (e.line_color, e.width) for e in reopened.edges.values()} == {
        e.id: (e.line_color, e.width) for e in scene.edges.values()}
    _check_measure_looks(reopened, rank, groups)
    operator = reopened.nodes[D + "ChinaMobile"]
    assert operator.shape == "star" and operator.icon == "organisation" and operator.label_shown == "China Mobile (telecom operator)"


def test_rules_and_measure_are_carried_into_graphml_and_gexf(styled, tmp_path):
    kg, scene, rank, groups = styled
    job = ExportJob(kg, subgraphs.from_scene(kg, scene), scene, title="styled")
    graph = nx.read_graphml(export("graphml", job, tmp_path / "styled.graphml"))
    for entity, data in graph.nodes(data=True):
        assert data["pagerank"] == pytest.approx(rank.values[entity])
        assert data["community"] == groups.membership[entity]
        assert data["color"] == COMMUNITY_PALETTE[groups.membership[entity]].lower()
        assert data["size"] == pytest.approx(scene.nodes[entity].size)
    assert graph.nodes[D + "ChinaMobile"]["shape"] == "star" and graph.nodes[D + "ChinaMobile"]["icon"] == "organisation"
    assert graph.nodes[D + "ChinaMobile"]["display_label"] == "China Mobile (telecom operator)"
    proven = [data for *_, data in graph.edges(data=True) if data["evidence_count"] > 0]
    assert proven and all(data["color"] == "#cc6677" and data["width"] == 3.0 for data in proven)
    tree = ET.parse(export("gexf", job, tmp_path / "styled.gexf"))
    viz = "{http://www.gexf.net/1.2draft/viz}"
    shapes = {el.get("value") for el in tree.iter(f"{viz}shape")}
    assert "diamond" in shapes  # stars go to GEXF's diamond
    assert any(el.get("value") == "3.0" for el in tree.iter(f"{viz}thickness"))


def test_rules_are_carried_into_the_html_export(styled, tmp_path):
    kg, scene, _, _ = styled
    job = ExportJob(kg, subgraphs.from_scene(kg, scene), scene, title="styled")
    page = export("html", job, tmp_path / "styled.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    nodes = {node["id"]: node for node in data["nodes"]}
    operator = nodes[D + "ChinaMobile"]
    assert operator["color"]["background"] == scene.nodes[D + "ChinaMobile"].color
    assert operator["shape"] == "star" and operator["label"] == "China Mobile (telecom operator)"
    assert any(edge["color"]["color"] == "#CC6677" and edge["width"] == 3.0 for edge in data["edges"])
    legend = [entry["label"] for entry in data["legend"]]
    assert any(text.startswith("Community") for text in legend)
    assert any("with evidence" in text for text in legend)


def test_old_snapshot_with_measure_style_still_opens(styled, tmp_path):
    kg, scene, rank, groups = styled
    path = tmp_path / "old.kgsnap"
    save_snapshot(path, kg, scene, title="old")
    data = json.loads(path.read_text(encoding="utf-8"))
    saved = data["scene"]
    measure = saved["style_rules"][-1]["measure"]
    for node in saved["nodes"]:  # what a snapshot of the earlier version held: no rule fields
        node.pop("icon"), node.pop("label_shown")
    saved["measure_base"] = {key: [value[0], value[2]] for key, value in saved.pop("style_base").items()}
    saved.pop("style_rules")
    saved["measure_style"] = measure
    path.write_text(json.dumps(data), encoding="utf-8")
    reopened = open_snapshot(path, kg).scene()
    assert [rule.kind for rule in reopened.style_rules] == ["measure"]
    assert reopened.measure_style.to_dict() == scene.measure_style.to_dict()
    _check_measure_looks(reopened, rank, groups)
    RestyleCanvas(reopened, None).redo()  # clearing it brings the class colours back
    assert reopened.nodes[D + "ChinaMobile"].size == 28.0
    assert reopened.style_rules == [] and reopened.style_base == {}


def test_a_bad_rule_in_a_snapshot_is_one_line_naming_the_field(styled, tmp_path):
    kg, scene, _, _ = styled
    path = tmp_path / "bad.kgsnap"
    save_snapshot(path, kg, scene, title="bad")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scene"]["style_rules"][1]["color"] = "crimson"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SnapshotError) as caught:
        open_snapshot(path, kg)
    message = str(caught.value)
    assert "style_rules[1].color" in message and "\n" not in message
