"""Styling rules: selectors, per-property resolution in order, undo, new nodes, saving and bad data."""

from __future__ import annotations

import pytest

from explorer.core.analysis.styling import COMMUNITY_PALETTE, MeasureStyle, RestyleCanvas
from explorer.core.errors import ExplorerError
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.core.style_resolution import ApplyStyleRules, resolved_styles
from explorer.core.style_rules import StyleRule, rules_from_list, rules_to_list

ONT = "https://w3id.org/kg-explorer/ontology#"
DATA = "https://w3id.org/kg-explorer/data/"


def _scene() -> Scene:
    scene = Scene()
    for name, cls in (("a", "urn:City"), ("b", "urn:City"), ("c", "urn:Country")):
        scene.add_node(SceneNode(f"urn:{name}", f"urn:{name}", name.upper(), cls, cls[4:].lower(), color="#111111"))
    scene.add_edge(SceneEdge(edge_id("urn:a", "urn:in", "urn:c"), "urn:a", "urn:c", "urn:in", "in", evidence_count=2))
    scene.add_edge(SceneEdge(edge_id("urn:b", "urn:near", "urn:a"), "urn:b", "urn:a", "urn:near", "near"))
    return scene


def test_later_rules_override_earlier_ones_per_property_only():
    scene = _scene()
    rules = [StyleRule("class", "urn:City", color="#0072B2", shape="star", size=40.0),
             StyleRule("class", "urn:City", color="#D55E00", icon="flag", label="hidden")]
    ApplyStyleRules(scene, rules).redo()
    a = scene.nodes["urn:a"]
    assert (a.color, a.shape, a.size, a.icon, a.label_shown) == ("#D55E00", "star", 40.0, "flag", "")
    assert scene.nodes["urn:c"].color == "#111111"  # another class: untouched
    # Same rules, other order: the colour of the last one wins.
    ApplyStyleRules(scene, list(reversed(rules))).redo()
    assert scene.nodes["urn:a"].color == "#0072B2" and scene.nodes["urn:a"].shape == "star"


def test_undo_puts_back_looks_and_rules_and_only_changed_items_are_announced():
    scene = _scene()
    announced: list[list[str]] = []
    scene.events.connect("nodes_restyled", lambda nodes: announced.append([n.id for n in nodes]))
    command = ApplyStyleRules(scene, [StyleRule("class", "urn:Country", color="#009E73")])
    command.redo()
    assert announced[-1] == ["urn:c"] and scene.nodes["urn:c"].color == "#009E73"
    command.undo()
    assert scene.nodes["urn:c"].color == "#111111" and scene.style_rules == [] and scene.style_base == {}
    assert announced[-1] == ["urn:c"]


def test_link_rules_by_predicate_and_evidence_status():
    scene = _scene()
    rules = [StyleRule("evidence", value="without-evidence", color="#CC6677", width=3.0),
             StyleRule("predicate", "urn:in", label="hidden")]
    ApplyStyleRules(scene, rules).redo()
    near, located = scene.edges[edge_id("urn:b", "urn:near", "urn:a")], scene.edges[edge_id("urn:a", "urn:in", "urn:c")]
    assert (near.line_color, near.width, near.label_hidden) == ("#CC6677", 3.0, False)
    assert (located.line_color, located.label_hidden) == (None, True)
    styles = resolved_styles(scene)
    assert styles.edges[located.id].label == "" and styles.edges[near.id].color == "#CC6677"


def test_class_rule_reaches_subclasses_and_property_rule_matches_values(bundled_graph):
    kg = bundled_graph
    scene = Scene()
    scene.expand(kg, DATA + "ChinaMobile")
    operator = scene.nodes[DATA + "ChinaMobile"]
    assert operator.class_iri == ONT + "TelecomOperator"
    ApplyStyleRules(scene, [StyleRule("class", ONT + "Organization", color="#332288")], kg).redo()
    assert operator.color == "#332288"
    ApplyStyleRules(scene, [StyleRule("class", ONT + "Organization", subclasses=False, color="#332288")], kg).redo()
    assert operator.color != "#332288"
    rdfs_comment = "http://www.w3.org/2000/01/rdf-schema#comment"
    rules = [StyleRule("property", "http://www.w3.org/2000/01/rdf-schema#label", "中国移动", shape="star"),
             StyleRule("class", ONT + "TelecomOperator", label="property:" + rdfs_comment)]
    ApplyStyleRules(scene, rules, kg).redo()
    assert operator.shape == "star" and operator.label_shown.startswith("Chinese telecom operator")
    assert scene.nodes[DATA + "ChinaMobileZhejiang"].shape != "star"


def test_new_nodes_get_the_rules_looks(bundled_graph):
    kg = bundled_graph
    scene = Scene()
    scene.add_entity(kg, DATA + "ChinaMobile")
    ApplyStyleRules(scene, [StyleRule("class", ONT + "Organization", color="#332288", icon="organisation")], kg).redo()
    scene.expand(kg, DATA + "ChinaMobile")
    branch = scene.nodes[DATA + "ChinaMobileZhejiang"]
    assert (branch.color, branch.icon) == ("#332288", "organisation")
    assert branch.id in scene.style_base


def test_measure_style_is_a_rule_and_user_rules_apply_around_it():
    scene = _scene()
    ApplyStyleRules(scene, [StyleRule("class", "urn:City", shape="star")]).redo()
    style = MeasureStyle.build(size_by="pagerank", sizes={"urn:a": 1.0, "urn:b": 3.0}, color_by="community",
                               colors={"urn:a": 0.0, "urn:b": 1.0})
    command = RestyleCanvas(scene, style)
    command.redo()
    assert [rule.kind for rule in scene.style_rules] == ["class", "measure"] and scene.measure_style is style
    assert scene.nodes["urn:a"].color == COMMUNITY_PALETTE[0] and scene.nodes["urn:a"].shape == "star"
    assert scene.nodes["urn:a"].size < scene.nodes["urn:b"].size
    clear = RestyleCanvas(scene, None)
    clear.redo()
    assert scene.nodes["urn:a"].color == "#111111" and scene.nodes["urn:a"].shape == "star"
    clear.undo()
    assert scene.measure_style is style and scene.nodes["urn:a"].color == COMMUNITY_PALETTE[0]
    command.undo()
    assert [rule.kind for rule in scene.style_rules] == ["class"] and scene.nodes["urn:a"].size == 28.0


def test_rules_round_trip_through_scene_data():
    scene = _scene()
    style = MeasureStyle.build(size_by="degree", sizes={"urn:a": 1.0, "urn:c": 2.0})
    rules = [StyleRule("class", "urn:City", color="#0072B2", label="name-class"),
             StyleRule("evidence", value="with-evidence", width=2.5, enabled=False),
             StyleRule("measure", "degree", measure=style)]
    ApplyStyleRules(scene, rules).redo()
    reopened = Scene.from_dict(scene.to_dict())
    assert reopened.style_rules == rules
    assert reopened.nodes["urn:a"].label_shown == "A (city)" and reopened.style_base == scene.style_base
    ApplyStyleRules(reopened, []).redo()  # the class looks come back after reopening
    assert reopened.nodes["urn:a"].color == "#111111" and reopened.nodes["urn:a"].label_shown is None


def test_old_snapshot_measure_style_opens_as_a_measure_rule():
    scene = _scene()
    data = scene.to_dict()
    del data["style_rules"], data["style_base"]
    data["measure_style"] = MeasureStyle.build(size_by="pagerank", sizes={"urn:a": 1.0}).to_dict()
    data["measure_base"] = {"urn:a": ["#222222", 28.0]}
    reopened = Scene.from_dict(data)
    assert [rule.kind for rule in reopened.style_rules] == ["measure"]
    assert reopened.measure_style is not None and reopened.measure_style.size_by == "pagerank"
    assert reopened.style_base["urn:a"] == ("#222222", "ellipse", 28.0)


@pytest.mark.parametrize(("raw", "field"), [
    ({"kind": "class"}, r"style_rules\[0\]\.target"),
    ({"kind": "class", "target": "urn:x", "color": "red"}, r"style_rules\[0\]\.color"),
    ({"kind": "class", "target": "urn:x", "size": 1e9}, r"style_rules\[0\]\.size"),
    ({"kind": "class", "target": "urn:x", "shape": "blob"}, r"style_rules\[0\]\.shape"),
    ({"kind": "class", "target": "urn:x", "icon": "cat"}, r"style_rules\[0\]\.icon"),
    ({"kind": "class", "target": "urn:x", "label": "bold"}, r"style_rules\[0\]\.label"),
    ({"kind": "evidence", "value": "maybe"}, r"style_rules\[0\]\.value"),
    ({"kind": "measure"}, r"style_rules\[0\]\.measure"),
    ({"kind": "paint"}, r"style_rules\[0\]\.kind"),
])
def test_bad_rule_names_the_field(raw, field):
    with pytest.raises(ExplorerError, match=field):
        rules_from_list([raw], read_measure=MeasureStyle.from_dict)


def test_rules_are_bounded():
    with pytest.raises(ExplorerError, match="at most 200"):
        rules_from_list([{"kind": "class", "target": "urn:x"}] * 201)
    assert rules_to_list(rules_from_list([{"kind": "class", "target": "urn:x"}])) == [
        {"kind": "class", "target": "urn:x", "subclasses": True}]
