"""The Qt-free scene: building from the graph, expansion with a cap, filters, events, persistence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.core.scene import (
    EVENT_NAMES,
    SCHEMA_VERSION,
    Scene,
    SceneEdge,
    SceneNode,
    class_style,
    edge_id,
    fallback_style,
    more_node_id,
)
from explorer.core.vocab import DATA, KG

EX = "http://example.org/"


def _hub_graph() -> KnowledgeGraph:
    """``ex:hub`` knows 30 people; ``ex:n00`` also knows ``ex:n01``; ``ex:club`` has the hub as member."""
    lines = [
        "@prefix ex: <http://example.org/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "ex:knows rdfs:label \"knows\"@en .",
        "ex:member rdfs:label \"has member\"@en .",
        "ex:Person a rdfs:Class ; rdfs:label \"person\"@en .",
        "ex:Club a rdfs:Class ; rdfs:label \"club\"@en .",
        "ex:hub a ex:Person ; rdfs:label \"Hub\"@en .",
        "ex:club a ex:Club ; rdfs:label \"Club\"@en ; ex:member ex:hub .",
        "ex:n00 ex:knows ex:n01 .",
    ]
    for i in range(30):
        lines.append(f"ex:hub ex:knows ex:n{i:02d} . ex:n{i:02d} a ex:Person ; rdfs:label \"Person {i:02d}\"@en .")
    kg = KnowledgeGraph()
    kg.load_text("\n".join(lines), "turtle")
    return kg


@pytest.fixture(scope="module")
def hub_graph() -> KnowledgeGraph:
    return _hub_graph()


class _Recorder:
    """Collects every event a scene emits as ``(name, payload)``."""

    def __init__(self, scene: Scene) -> None:
        self.seen: list[tuple[str, tuple[object, ...]]] = []
        for name in EVENT_NAMES:
            scene.events.connect(name, lambda *args, name=name: self.seen.append((name, args)))

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]


# ---------------------------------------------------------------------- styles
def test_bundled_entity_is_labelled_and_styled_by_its_class(bundled_graph):
    scene = Scene()
    node = scene.add_entity(bundled_graph, str(DATA.ChinaMobile))
    assert node.label == "China Mobile"
    assert node.class_iri == str(KG.TelecomOperator)
    assert node.class_label == "telecom operator"
    assert (node.color, node.shape) == class_style(None, str(KG.TelecomOperator))
    assert node.shape == "round-rect"


def test_domain_families_have_distinct_shapes():
    assert class_style(None, str(KG.City))[1] == "hexagon"
    assert class_style(None, str(KG.CyberRisk))[1] == "triangle"
    assert class_style(None, str(KG.Hospital))[1] == "round-rect"
    colours = {class_style(None, str(c))[0] for c in (KG.TelecomOperator, KG.DeviceVendor, KG.IndustryAlliance, KG.Hospital,
                                                      KG.GovernmentAgency, KG.CyberRisk, KG.Place, KG.Technology)}
    assert len(colours) == 8


def test_subclass_from_another_ontology_inherits_the_domain_style():
    kg = KnowledgeGraph()
    kg.load_text(
        "@prefix ex: <http://example.org/> . @prefix kg: <https://w3id.org/kg-explorer/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "ex:TeachingHospital rdfs:subClassOf kg:Hospital . ex:h a ex:TeachingHospital .",
        "turtle",
    )
    node = Scene().add_entity(kg, EX + "h")
    assert node.class_iri == EX + "TeachingHospital"
    assert (node.color, node.shape) == class_style(None, str(KG.Hospital))


def test_unknown_classes_get_a_stable_palette_colour():
    first = fallback_style(EX + "Ship")
    assert first == fallback_style(EX + "Ship")
    assert first[0].startswith("#") and len(first[0]) == 7
    colours = {fallback_style(f"{EX}Class{i}")[0] for i in range(40)}
    assert len(colours) > 5
    assert fallback_style("") == ("#9e9e9e", "ellipse")


# ---------------------------------------------------------------------- expansion
def test_expand_caps_and_adds_a_more_node(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    added = scene.expand(hub_graph, hub, limit=10)
    assert len(added) == 10
    more = scene.nodes[more_node_id(hub)]
    assert more.kind == "more" and more.entity == hub
    # 30 people + the club (incoming "has member") = 31 neighbours, 10 shown.
    assert more.more_count == 21
    assert more.label == "+21 more"
    assert any(e.source == hub and e.target == more.id for e in scene.edges.values())


def test_expanded_edges_keep_their_own_direction_and_forward_words(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    scene.expand(hub_graph, hub, limit=40)
    incoming = scene.edges[edge_id(EX + "club", EX + "member", hub)]
    assert (incoming.source, incoming.target, incoming.label) == (EX + "club", hub, "has member")
    outgoing = scene.edges[edge_id(hub, EX + "knows", EX + "n05")]
    assert (outgoing.source, outgoing.target, outgoing.label) == (hub, EX + "n05", "knows")
    # Neighbours linked to each other are linked on the canvas too.
    assert edge_id(EX + "n00", EX + "knows", EX + "n01") in scene.edges
    assert more_node_id(hub) not in scene.nodes


def test_expanding_again_brings_the_next_page_and_updates_the_more_node(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    first = {n.id for n in scene.expand(hub_graph, hub, limit=20)}
    second = {n.id for n in scene.expand(hub_graph, hub, limit=20)}
    assert len(first) == 20 and len(second) == 11
    assert not first & second
    assert more_node_id(hub) not in scene.nodes


def test_expand_only_the_chosen_neighbours(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    added = scene.expand(hub_graph, hub, only=[EX + "n07", EX + "club"])
    assert sorted(n.id for n in added) == [EX + "club", EX + "n07"]
    assert scene.nodes[more_node_id(hub)].more_count == 29


def test_new_neighbours_are_placed_apart_around_the_expanded_node(hub_graph):
    scene = Scene()
    added = scene.expand(hub_graph, EX + "hub", limit=31)
    points = {(round(n.x), round(n.y)) for n in added}
    assert len(points) == 31
    assert all((n.x, n.y) != (0.0, 0.0) for n in added)


def test_collapse_removes_only_leaves_that_are_not_pinned(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    scene.expand(hub_graph, hub, limit=40)
    scene.pin(EX + "n10")
    removed = scene.collapse(hub)
    assert hub in scene.nodes
    assert EX + "n10" in scene.nodes  # pinned
    assert EX + "n00" in scene.nodes and EX + "n01" in scene.nodes  # linked to each other
    assert EX + "n05" not in scene.nodes and EX + "n05" in removed
    assert set(scene.nodes) == {hub, EX + "n10", EX + "n00", EX + "n01"}
    assert all(e.source in scene.nodes and e.target in scene.nodes for e in scene.edges.values())


def test_collapse_removes_the_more_node(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    added = {n.id for n in scene.expand(hub_graph, hub, limit=3)}
    assert scene.collapse(hub)[-1] == more_node_id(hub)
    assert more_node_id(hub) not in scene.nodes
    # What stays is the hub and neighbours linked to something besides it (n00 knows n01).
    assert set(scene.nodes) == {hub} | (added & {EX + "n00", EX + "n01"})


def test_evidence_is_counted_on_expanded_edges(bundled_graph):
    scene = Scene()
    scene.expand(bundled_graph, str(DATA.ChinaMobile))
    edge = scene.edges[edge_id(str(DATA.ChinaMobile), next(iter(scene.edges.values())).predicate, str(DATA.ChinaMobileZhejiang))]
    assert edge.label == "has branch"
    assert edge.evidence_count == len(bundled_graph.evidence(edge.source, edge.predicate, edge.target)) >= 1


# ---------------------------------------------------------------------- paths
@dataclass
class _Hop:
    source: str
    predicate: str
    target: str
    forward: bool


@dataclass
class _Path:
    nodes: list[str]
    hops: list[_Hop] = field(default_factory=list)


def test_add_path_draws_and_highlights_each_hop_in_the_stored_direction(hub_graph):
    scene = Scene()
    path = _Path(
        [EX + "club", EX + "hub", EX + "n00", EX + "n01"],
        [_Hop(EX + "club", EX + "member", EX + "hub", True), _Hop(EX + "hub", EX + "knows", EX + "n00", True),
         _Hop(EX + "n00", EX + "knows", EX + "n01", True)],
    )
    reverse = _Path([EX + "n01", EX + "n00"], [_Hop(EX + "n01", EX + "knows", EX + "n00", False)])
    ids = scene.add_path(hub_graph, path)
    assert set(scene.nodes) == set(path.nodes)
    assert scene.highlighted == set(ids)
    assert edge_id(EX + "club", EX + "member", EX + "hub") in scene.highlighted
    xs = [scene.nodes[n].x for n in path.nodes]
    assert xs == sorted(xs)
    ids = scene.add_path(hub_graph, reverse)
    assert scene.highlighted == {EX + "n01", EX + "n00", edge_id(EX + "n00", EX + "knows", EX + "n01")}


# ---------------------------------------------------------------------- filters and visibility
def test_class_and_predicate_filters_hide_nodes_and_edges(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    scene.expand(hub_graph, hub, limit=40)
    recorder = _Recorder(scene)
    scene.set_class_filter({EX + "Club"})
    assert EX + "club" not in {n.id for n in scene.visible_nodes()}
    assert all(EX + "club" not in (e.source, e.target) for e in scene.visible_edges())
    scene.set_predicate_filter({EX + "knows"})
    assert scene.visible_edges() == []
    assert len(scene.visible_nodes()) == 31
    assert recorder.names() == ["filters_changed", "filters_changed"]
    scene.set_class_visible(EX + "Club", True)
    scene.set_predicate_visible(EX + "knows", True)
    assert len(scene.visible_nodes()) == 32 and len(scene.visible_edges()) == len(scene.edges)


def test_more_node_follows_its_parent_visibility(hub_graph):
    scene = Scene()
    scene.expand(hub_graph, EX + "hub", limit=2)
    scene.set_class_filter({EX + "Person"})
    assert [n.id for n in scene.visible_nodes()] == [] or all(n.kind == "entity" for n in scene.visible_nodes())
    assert more_node_id(EX + "hub") not in {n.id for n in scene.visible_nodes()}


def test_hide_and_show_all(hub_graph):
    scene = Scene()
    scene.expand(hub_graph, EX + "hub", limit=3)
    scene.hide(EX + "hub")
    assert EX + "hub" not in {n.id for n in scene.visible_nodes()}
    assert all(e.source != EX + "hub" for e in scene.visible_edges())
    scene.show_all()
    assert EX + "hub" in {n.id for n in scene.visible_nodes()}


def test_legend_lists_classes_most_frequent_first(hub_graph):
    scene = Scene()
    scene.expand(hub_graph, EX + "hub", limit=40)
    legend = scene.legend()
    assert [entry[1] for entry in legend] == ["person", "club"]
    assert scene.class_counts() == {EX + "Person": 31, EX + "Club": 1}
    assert all(len(entry) == 4 for entry in legend)
    assert scene.predicates()[0][:2] == (EX + "knows", "knows")


# ---------------------------------------------------------------------- events and editing
def test_events_report_every_change(hub_graph):
    scene = Scene()
    recorder = _Recorder(scene)
    scene.expand(hub_graph, EX + "hub", limit=2)
    assert recorder.names().count("node_added") == 4  # hub, 2 neighbours, "+N more"
    assert recorder.names().count("edge_added") == 3
    recorder.seen.clear()
    scene.move(EX + "hub", 10, 20)
    scene.pin(EX + "hub")
    scene.highlight([EX + "hub", "not-there"])
    scene.set_focus(EX + "hub")
    assert recorder.names() == ["node_changed", "node_changed", "highlight_changed", "focus_changed"]
    assert recorder.seen[2][1][0] == {EX + "hub"}
    recorder.seen.clear()
    scene.remove(EX + "hub")
    names = recorder.names()
    assert names.count("edge_removed") == 3 and names.count("node_removed") == 2
    assert "highlight_changed" in names and names[-1] == "focus_changed"
    assert scene.focus is None and scene.highlighted == set()
    scene.set_positions({})
    scene.clear()
    assert recorder.names()[-1] == "reset"


def test_set_positions_is_one_event(hub_graph):
    scene = Scene()
    scene.expand(hub_graph, EX + "hub", limit=5)
    recorder = _Recorder(scene)
    scene.set_positions({node_id: (1.0, 2.0) for node_id in scene.nodes})
    assert recorder.names() == ["positions_changed"]
    assert sorted(recorder.seen[0][1][0]) == sorted(scene.nodes)


def test_a_failing_subscriber_does_not_starve_the_others():
    scene = Scene()
    got = []

    def broken(node):
        raise RuntimeError("view bug")

    scene.events.connect("node_added", broken)
    scene.events.connect("node_added", got.append)
    with pytest.raises(RuntimeError):
        scene.add_node(SceneNode("urn:a", "urn:a", "A", "", ""))
    assert [n.id for n in got] == ["urn:a"]
    with pytest.raises(ValueError, match="unknown scene event"):
        scene.events.connect("node_moved", got.append)


def test_edges_need_both_ends():
    scene = Scene()
    scene.add_node(SceneNode("urn:a", "urn:a", "A", "", ""))
    with pytest.raises(ExplorerError, match="urn:b"):
        scene.add_edge(SceneEdge("e", "urn:a", "urn:b", "urn:p", "p"))


# ---------------------------------------------------------------------- persistence
def test_round_trip_through_json_keeps_everything(hub_graph):
    scene = Scene()
    hub = EX + "hub"
    scene.expand(hub_graph, hub, limit=5)
    scene.move(hub, 12.5, -3)
    scene.pin(hub)
    scene.hide(EX + "club")
    scene.set_focus(hub)
    scene.highlight([hub, edge_id(hub, EX + "knows", EX + "n00")])
    scene.set_class_filter({EX + "Club"})
    scene.set_predicate_filter({EX + "member"})
    data = json.loads(json.dumps(scene.to_dict()))
    assert data["schema_version"] == SCHEMA_VERSION
    copy = Scene.from_dict(data)
    assert copy.nodes == scene.nodes
    assert copy.edges == scene.edges
    assert (copy.focus, copy.highlighted, copy.hidden_classes, copy.hidden_predicates, copy.expanded) == (
        scene.focus, scene.highlighted, scene.hidden_classes, scene.hidden_predicates, scene.expanded)
    assert copy.to_dict() == scene.to_dict()
    # The restored scene is fully working: collapse uses the saved expansion record.
    copy.pin(hub, False)
    assert copy.collapse(hub)
    assert {e.id for e in copy.incident_edges(hub)} <= set(copy.edges)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("schema_version"), "schema_version"),
        (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "newer"),
        (lambda d: d.update(nodes="x"), "nodes: expected a list"),
        (lambda d: d["nodes"][1].update(x="left"), r"nodes\[1\]\.x"),
        (lambda d: d["nodes"][0].update(x=float("nan")), r"nodes\[0\]\.x: not a finite"),
        (lambda d: d["nodes"][0].pop("id"), r"nodes\[0\]\.id: missing"),
        (lambda d: d["nodes"][0].update(shape="spiral"), r"nodes\[0\]\.shape"),
        (lambda d: d["nodes"][0].update(color="red"), r"nodes\[0\]\.color"),
        (lambda d: d["nodes"][0].update(pinned=1), r"nodes\[0\]\.pinned"),
        (lambda d: d["edges"][0].update(target="urn:nowhere"), r"edges\[0\]\.target"),
        (lambda d: d.update(focus="urn:nowhere"), "focus"),
        (lambda d: d.update(hidden_classes=[3]), r"hidden_classes\[0\]"),
    ],
)
def test_from_dict_names_the_bad_field(hub_graph, mutate, message):
    scene = Scene()
    scene.expand(hub_graph, EX + "hub", limit=2)
    data = json.loads(json.dumps(scene.to_dict()))
    mutate(data)
    with pytest.raises(ExplorerError, match=message):
        Scene.from_dict(data)


def test_an_edge_colour_round_trips_and_a_bad_one_names_the_field():
    from explorer.core.errors import ExplorerError
    from explorer.core.scene import Scene, SceneEdge, SceneNode

    scene = Scene()
    scene.add_node(SceneNode("urn:a", "urn:a", "A", "", ""))
    scene.add_node(SceneNode("urn:b", "urn:b", "B", "", ""))
    scene.add_edge(SceneEdge("urn:a urn:p urn:b", "urn:a", "urn:b", "urn:p", "p", color="#2e7d32"))
    data = scene.to_dict()
    assert Scene.from_dict(data).edges["urn:a urn:p urn:b"].color == "#2e7d32"
    data["edges"][0]["color"] = "green"
    with pytest.raises(ExplorerError, match=r"edges\[0\]\.color"):
        Scene.from_dict(data)


def test_sibling_classes_of_the_bundled_ontology_look_different(bundled_graph):
    """Classes that share a parent never share a colour; the ones analysts confused differ in shape too."""
    from explorer.core.scene_styles import PALETTE

    assert len(set(PALETTE)) >= 16
    hierarchy = bundled_graph.class_hierarchy()
    for parent, info in hierarchy.items():
        styled = [c for c in info.children if c in hierarchy and c != str(KG.Statement)]  # the deprecated alias
        colours = [class_style(bundled_graph, c)[0] for c in styled]
        assert len(set(colours)) == len(colours), (parent, styled, colours)
    groups = [
        (KG.Application, KG.ConsumerApplication, KG.RemoteHealthcareService, KG.SmartPort, KG.IndustrialApplication),
        (KG.City, KG.Country),
        (KG.NewsArticle, KG.QuotedStatement),
    ]
    for group in groups:
        styles = [class_style(bundled_graph, str(c)) for c in group]
        assert len({colour for colour, _ in styles}) == len(group), group
        if KG.City not in group:  # places stay hexagons (blue country, yellow city: apart for every kind of colour vision)
            assert len({shape for _, shape in styles}) >= min(len(group), 2), group


def test_classes_of_another_ontology_differ_from_their_siblings():
    kg = KnowledgeGraph()
    kg.load_text(
        "@prefix ex: <http://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "ex:Bus rdfs:subClassOf ex:Vehicle . ex:Car rdfs:subClassOf ex:Vehicle . ex:Ship rdfs:subClassOf ex:Vehicle .\n"
        "ex:b a ex:Bus . ex:c a ex:Car . ex:s a ex:Ship .",
        "turtle",
    )
    styles = {class_style(kg, f"http://example.org/{name}") for name in ("Bus", "Car", "Ship")}
    assert len(styles) == 3 and len({colour for colour, _ in styles}) == 3
