"""What each export format promises, pinned on small scenes whose every value is known.

The scenes are drawn by hand (positions, colours, shapes, sizes chosen here), so each field of
the HTML page, the GraphML/GEXF files and the JSON-LD is asserted as the value a user sees.
"""

from __future__ import annotations

import errno
import json

import networkx as nx
import pytest
import rdflib

from explorer.core.graph import KnowledgeGraph
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.core.vocab import KG
from explorer.services import subgraph as sg
from explorer.services.exporters import (
    _REGISTRY,
    Exporter,
    ExportError,
    ExportJob,
    export,
    exporter_for_path,
)

EX = "https://example.org/"
ALPHA, BETA, GAMMA = EX + "alpha", EX + "beta", EX + "gamma"
SUPPLIES, OWNS = f"{KG}supplies", f"{KG}owns"
QUOTE = "Alpha supplies Beta with radios."

TURTLE = f"""
@prefix ex: <{EX}> . @prefix kg: <{KG}> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
ex:alpha a kg:Company ; rdfs:label "Alpha" ; skos:altLabel "Alpha Radio Works" ;
    rdfs:comment "Fabricant de radios"@fr , "Makes radios"@en ; kg:supplies ex:beta ; kg:owns ex:gamma .
ex:beta a kg:Company ; rdfs:label "Beta" ; rdfs:comment "Une usine"@fr .
ex:gamma a kg:Technology ; rdfs:label "Gamma" .
ex:ev a rdf:Statement ; rdf:subject ex:alpha ; rdf:predicate kg:supplies ; rdf:object ex:beta ;
    prov:wasDerivedFrom ex:src ; kg:quote "{QUOTE}" ; kg:sentenceIndex 2 .
ex:src rdfs:label "Trade note" .
kg:owns rdfs:label "owns" .
"""


@pytest.fixture(scope="module")
def kg():
    graph = KnowledgeGraph()
    graph.load_text(TURTLE, "turtle")
    return graph


def small_scene() -> Scene:
    """Alpha (an organisation box, in focus, pinned) supplies Beta and owns Gamma (a dot); "+3 more" hangs off Gamma.

    Nodes are 400 px apart or more, so the page keeps the canvas's positions as they are.
    """
    scene = Scene()
    scene.add_node(SceneNode(ALPHA, ALPHA, "Alpha", str(KG.Company), "Company", x=0.0, y=0.0, pinned=True,
                             color="#1F3A93", shape="round-rect", size=40.0))
    scene.add_node(SceneNode(BETA, BETA, "Beta", str(KG.Company), "Company", x=400.0, y=0.0,
                             color="#F4D03F", shape="round-rect", size=30.0))
    scene.add_node(SceneNode(GAMMA, GAMMA, "Gamma", str(KG.Technology), "Technology", x=0.0, y=400.0,
                             color="#117733", shape="ellipse", size=8.0))
    scene.add_node(SceneNode("more:gamma", GAMMA, "+3 more", "", "", x=400.0, y=400.0, kind="more", more_count=3,
                             color="#eeeeee", shape="round-rect", size=20.0))
    scene.add_edge(SceneEdge(edge_id(ALPHA, SUPPLIES, BETA), ALPHA, BETA, SUPPLIES, "supplies", evidence_count=1))
    scene.add_edge(SceneEdge(edge_id(ALPHA, OWNS, GAMMA), ALPHA, GAMMA, OWNS, "", evidence_count=0))
    scene.add_edge(SceneEdge("more-edge", GAMMA, "more:gamma", "", ""))
    scene.set_focus(ALPHA)
    return scene


@pytest.fixture()
def job(kg):
    scene = small_scene()
    return ExportJob(kg, sg.from_scene(kg, scene), scene, title="Small")


def _page_data(job):
    from explorer.services.exporters.html import page_data

    return page_data(job)


# ------------------------------------------------------------------------------------ HTML page data
def test_html_nodes_show_the_canvas_looks_at_the_opening_view(job):
    data = _page_data(job)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert set(nodes) == {ALPHA, BETA, GAMMA, "more:gamma"}
    alpha, beta, gamma, more = nodes[ALPHA], nodes[BETA], nodes[GAMMA], nodes["more:gamma"]
    # Labels, shapes (organisations: a box with the label inside; the rest keep the canvas's shape) and
    # the canvas's positions (far enough apart: not spread).
    assert [(n["label"], n["shape"], n["x"], n["y"]) for n in (alpha, beta, gamma, more)] == [
        ("Alpha", "box", 0.0, 0.0), ("Beta", "box", 400.0, 0.0), ("Gamma", "dot", 0.0, 400.0),
        ("+3 more", "box", 400.0, 400.0)]
    # Sizes: half the canvas's diameter, never under 6 px.
    assert [n["size"] for n in (alpha, beta, gamma)] == [20.0, 15.0, 6.0]
    # The class colour fills the node; a grey border, darker when selected or hovered; "+N more" lighter.
    assert alpha["color"] == {"background": "#1F3A93", "border": "#555555",
                              "highlight": {"background": "#1F3A93", "border": "#1b1b1b"},
                              "hover": {"background": "#1F3A93", "border": "#1b1b1b"}}
    assert more["color"]["border"] == "#9e9e9e"
    # The focus has a thick border; a pinned node stays where it is.
    assert [(n["borderWidth"], n["physics"]) for n in (alpha, beta, gamma)] == [(3, False), (1, True), (1, True)]
    # Text: white on a dark box, dark on a light box, dark with a white halo under a dot; 13 px, 12 for "+N more".
    face = "system-ui, sans-serif"
    assert alpha["font"] == {"color": "#ffffff", "size": 13, "face": face, "strokeWidth": 0, "strokeColor": "#ffffff",
                             "bold": False}
    assert beta["font"]["color"] == "#1b1b1b" and beta["font"]["strokeWidth"] == 0
    assert gamma["font"] == {"color": "#1b1b1b", "size": 13, "face": face, "strokeWidth": 3, "strokeColor": "#ffffff",
                             "bold": False}
    assert more["font"]["size"] == 12
    # Text inside a box keeps a margin; "+N more" has a dashed outline.
    assert (alpha["margin"], "margin" in gamma) == (6, False)
    assert more["shapeProperties"] == {"borderDashes": [4, 3]} and alpha["shapeProperties"] == {}


def test_html_node_details_name_the_entity_its_class_comment_and_aliases(job):
    nodes = {node["id"]: node for node in _page_data(job)["nodes"]}
    assert nodes[ALPHA]["info"] == {
        "kind": "entity", "label": "Alpha", "iri": ALPHA, "classLabel": "Company", "classIri": str(KG.Company),
        "comment": "Makes radios",  # the English comment before another language's
        "aliases": ["Alpha Radio Works"], "onPath": False}
    assert nodes[BETA]["info"]["comment"] == "Une usine"  # no English one: the one there is
    assert nodes[GAMMA]["info"]["comment"] == "" and nodes[GAMMA]["info"]["aliases"] == []
    assert nodes["more:gamma"]["info"] == {"kind": "more", "label": "+3 more", "more": 3, "onPath": False}


def test_html_links_show_words_evidence_and_how_they_are_drawn(job):
    data = _page_data(job)
    edges = {edge["id"]: edge for edge in data["edges"]}
    supplies, owns, more = edges[edge_id(ALPHA, SUPPLIES, BETA)], edges[edge_id(ALPHA, OWNS, GAMMA)], edges["more-edge"]
    assert (supplies["from"], supplies["to"], supplies["label"], supplies["arrows"]) == (ALPHA, BETA, "supplies", "to")
    # A link with evidence is grey and a little thicker; one without evidence is amber.
    assert (supplies["color"]["color"], supplies["width"]) == ("#8a8a8a", 1.2)
    assert (owns["color"]["color"], owns["width"]) == ("#c26b00", 1.0)
    assert supplies["color"] == {"color": "#8a8a8a", "highlight": "#1b1b1b", "hover": "#333333"}
    # Link words: 11 px, level, with a white halo so they read over the line.
    assert supplies["font"] == {"size": 11, "face": "system-ui, sans-serif", "color": "#444444", "strokeWidth": 3,
                                "strokeColor": "#ffffff", "align": "horizontal", "bold": False}
    assert supplies["smooth"] is False and supplies["dashes"] is False
    # A link without words of its own reads the predicate's words from the graph.
    assert owns["info"]["words"] == "owns"
    info = supplies["info"]
    assert (info["predicate"], info["words"], info["subject"], info["object"], info["subjectIri"], info["objectIri"]) == (
        SUPPLIES, "supplies", "Alpha", "Beta", ALPHA, BETA)
    [record] = info["evidence"]
    assert (record["quote"], record["source"], record["sentence"]) == (QUOTE, "Trade note", 2)
    # The "+N more" link is dashed, without words or arrow.
    assert (more["label"], more["arrows"], more["dashes"], more["info"]) == ("", "", True, {"kind": "more"})
    assert data["counts"] == {"entities": 3, "facts": 2, "evidence": 1}
    assert (data["focus"], data["title"]) == (ALPHA, "Small")


def test_html_highlighted_path_stands_out_in_the_accent_colour(job):
    supplies_id = edge_id(ALPHA, SUPPLIES, BETA)
    job.scene.highlight([ALPHA, BETA, supplies_id])
    data = _page_data(job)
    nodes = {node["id"]: node for node in data["nodes"]}
    edges = {edge["id"]: edge for edge in data["edges"]}
    accent = "#d81b60"
    for on_path in (nodes[ALPHA], nodes[BETA]):
        assert (on_path["color"]["border"], on_path["borderWidth"], on_path["font"]["bold"]) == (accent, 4, True)
        assert on_path["info"]["onPath"] is True
    assert (nodes[GAMMA]["color"]["border"], nodes[GAMMA]["borderWidth"], nodes[GAMMA]["font"]["bold"]) == (
        "#555555", 1, False)
    lit, other = edges[supplies_id], edges[edge_id(ALPHA, OWNS, GAMMA)]
    assert (lit["color"]["color"], lit["width"], lit["font"]["color"], lit["font"]["bold"]) == (accent, 3.5, accent, True)
    assert (other["color"]["color"], other["width"], other["font"]["bold"]) == ("#c26b00", 1.0, False)
    assert {"label": "highlighted path", "color": accent, "shape": "path", "classIri": ""} in data["legend"]


def test_html_opens_on_the_whole_graph_when_its_labels_read(job):
    view = _page_data(job)["view"]
    assert (view["fit"], view["font"], view["spread"], view["center"]) == (True, 13.0, 1.0, None)


def test_html_opens_closer_on_the_focus_when_the_whole_graph_would_make_labels_unreadable(kg):
    scene = small_scene()
    for node, (x, y) in zip(scene.nodes.values(), [(3000, 3000), (6000, 0), (0, 6000), (6000, 6000)], strict=True):
        node.x, node.y = float(x), float(y)
    data = _page_data(ExportJob(kg, sg.from_scene(kg, scene), scene))
    view = data["view"]
    # Labels drawn 15 graph px tall read at 12 px on screen at the opening zoom of 0.8, centred on the focus.
    assert (view["fit"], view["scale"], view["font"]) == (False, 0.8, 15.0)
    assert view["center"] == {"x": 3000.0 * view["spread"], "y": 3000.0 * view["spread"]}
    nodes = {node["id"]: node for node in data["nodes"]}
    assert nodes[ALPHA]["font"]["size"] == 15.0 and nodes["more:gamma"]["font"]["size"] == pytest.approx(15.0 * 12 / 13)
    assert data["edges"][0]["font"]["size"] == pytest.approx(15.0 * 11 / 13)


def test_html_legend_names_the_classes_with_a_capital(job):
    legend = _page_data(job)["legend"]
    assert {(entry["label"], entry["classIri"]) for entry in legend} == {
        ("Company", str(KG.Company)), ("Technology", str(KG.Technology))}


def test_html_legend_of_a_measure_style_says_which_lines_are_sizes(kg, tmp_path):
    from explorer.core.analysis import Scope, centrality, communities
    from explorer.core.analysis.styling import RestyleCanvas, style_from_results

    scene = small_scene()
    entities = [ALPHA, BETA, GAMMA]
    RestyleCanvas(scene, style_from_results(kg, centrality(kg, Scope.of_entities(entities), "pagerank"),
                                            communities(kg, Scope.of_entities(entities)))).redo()
    job = ExportJob(kg, sg.from_scene(kg, scene), scene)
    legend = _page_data(job)["legend"]
    sizes = [entry for entry in legend if entry["label"].endswith(" (size)")]
    colours = [entry for entry in legend if not entry["label"].endswith(" (size)")]
    assert len(sizes) == 3 and all(entry["label"].startswith("PageRank") for entry in sizes)
    assert all(entry["color"] == "#ffffff" for entry in sizes)  # a size sample has no colour of its own
    assert colours and all(entry["label"].startswith("Community") for entry in colours)
    assert {entry["color"] for entry in colours} <= {scene.nodes[e].color for e in entities}
    # The measures go into the graph files too, as columns: communities as whole numbers.
    graph = nx.read_graphml(export("graphml", job, tmp_path / "measured.graphml"))
    assert {type(graph.nodes[e]["community"]) for e in entities} == {int}
    assert all(0 < graph.nodes[e]["pagerank"] < 1 for e in entities)


# ------------------------------------------------------------------------------------ HTML spacing
def _two(first: SceneNode, second: SceneNode, label: str | None = None) -> Scene:
    scene = Scene()
    scene.add_node(first)
    scene.add_node(second)
    if label is not None:
        scene.add_edge(SceneEdge("e", first.id, second.id, EX + "p", label))
    return scene


def _dot(name, x, y, size=20.0):
    return SceneNode(EX + name, EX + name, name, "", "", x=x, y=y, shape="ellipse", size=size)


def _box(name, x, y):
    return SceneNode(EX + name, EX + name, name, "", "", x=x, y=y, shape="round-rect", size=28.0)


def test_html_spreads_a_short_typical_link_to_170_px():
    from explorer.services.exporters.html import spacing

    assert spacing(_two(_dot("a", 0, 0), _dot("b", 85, 0), "x")) == pytest.approx(2.0)
    assert spacing(_two(_dot("a", 0, 0), _dot("b", 500, 0), "x")) == 1.0  # never shrunk
    assert spacing(_two(_dot("a", 0, 0), _dot("b", 2, 0), "x")) == 4.0  # at most four times


def test_html_spreads_a_link_until_its_words_fit_between_the_outlines():
    """Words at 11 px (about 0.554 em a character) with 10 px clear on each side, between the node outlines."""
    from explorer.services.exporters.html import spacing

    words = "is the long-standing supplier of"
    words_width = 0.554 * 11 * len(words)
    # Side by side: a dot of 20 px (label "a" underneath, narrower) reaches 10 px to each side.
    beside = spacing(_two(_dot("a", 0, 0), _dot("b", 200, 0), words))
    assert beside * 200 - 10 - 10 == pytest.approx(words_width + 20)
    # One above the other: the label underneath makes a dot (20 + 22) / 2 px tall each way.
    above = spacing(_two(_dot("a", 0, 0), _dot("b", 0, 200), words))
    assert above * 200 - 21 - 21 == pytest.approx(words_width + 20)
    # Diagonal: the link leaves through the outline's side or top, whichever comes first.
    diagonal = spacing(_two(_dot("a", 0, 0), _dot("b", 120, 160), words))
    assert diagonal * 200 - 2 * min(10 / 0.6, 21 / 0.8) == pytest.approx(words_width + 20)


def test_html_spreads_nodes_so_none_covers_another():
    from explorer.services.exporters.html import spacing

    # Two organisation boxes (label inside, 0.554 em a character at 13 px + 14 px) side by side, 50 px apart: 8 px between.
    half_box = (0.554 * 13 * len("Organisation") + 14) / 2
    assert spacing(_two(_box("Organisation", 0, 0), _box("Organization", 50, 0))) * 50 == pytest.approx(2 * half_box + 8)
    # Two dots one above the other, 30 px apart: each label under its dot, 4 px between.
    assert spacing(_two(_dot("a", 0, 0), _dot("b", 0, 30))) * 30 == pytest.approx(21 + 21 + 4)
    # A small dot counts as 12 px across (its label "a" is narrower still); 8 px between them.
    assert spacing(_two(_dot("a", 0, 0, size=2.0), _dot("b", 5, 0, size=2.0))) * 5 == pytest.approx(6 + 6 + 8)
    # Diagonal neighbours: apart along either axis is enough, the cheaper one counts.
    assert spacing(_two(_dot("a", 0, 0), _dot("b", 10, 40))) * 40 == pytest.approx(21 + 21 + 4)


def test_html_text_is_safe_in_elements_and_attributes():
    from explorer.services.exporters.html import html_text

    assert html_text("""A & "B" 'C' <d/>""") == "A &amp; &quot;B&quot; &#x27;C&#x27; &lt;d&#47;&gt;"


def test_html_page_names_its_title_and_data(job, tmp_path):
    page = export("html", job, tmp_path / "small.html").read_bytes().decode("utf-8")
    assert "<title>Small" in page
    assert '"label":"Alpha"' in page


# ------------------------------------------------------------------------------------ GraphML and GEXF
def test_graphml_reads_back_with_every_attribute(job, tmp_path):
    path = export("graphml", job, tmp_path / "small.graphml")
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == {ALPHA, BETA, GAMMA}  # "+N more" is canvas furniture
    assert graph.nodes[ALPHA] == {
        "label": "Alpha", "name": "Alpha", "iri": ALPHA, "class_iri": str(KG.Company), "class_label": "Company",
        "color": "#1f3a93", "r": 31, "g": 58, "b": 147, "shape": "round-rect", "size": 40.0,
        "x": 0.0, "y": 0.0, "pinned": True}
    assert graph.nodes[GAMMA]["y"] == 400.0 and graph.nodes[GAMMA]["pinned"] is False
    edges = {data["predicate"]: (source, target, data) for source, target, data in graph.edges(data=True)}
    assert set(edges) == {SUPPLIES, OWNS}
    source, target, supplies = edges[SUPPLIES]
    assert (source, target, supplies["label"], supplies["evidence_count"]) == (ALPHA, BETA, "supplies", 1)
    assert QUOTE in supplies["evidence"] and "Trade note" in supplies["evidence"]
    assert edges[OWNS][2]["label"] == "owns" and edges[OWNS][2]["evidence"] == ""
    # Keys are named after the attribute, so the file reads without a lookup table.
    assert '<key id="label"' in path.read_text(encoding="utf-8")


def test_graphml_keeps_a_canvas_link_the_subgraph_has_no_record_of(kg, job, tmp_path):
    """A link drawn after the subgraph was taken is exported as drawn, with no evidence rather than a failure."""
    job.scene.add_edge(SceneEdge(edge_id(BETA, OWNS, GAMMA), BETA, GAMMA, OWNS, "owns"))
    assert (BETA, OWNS, GAMMA) not in job.subgraph.evidence
    graph = nx.read_graphml(export("graphml", job, tmp_path / "drawn.graphml"))
    [link] = [data for source, target, data in graph.edges(data=True) if (source, target) == (BETA, GAMMA)]
    assert (link["label"], link["predicate"], link["evidence"]) == ("owns", OWNS, "")


def test_gexf_reads_back_with_gephi_positions_colours_sizes_and_shapes(job, tmp_path):
    path = export("gexf", job, tmp_path / "small.gexf")
    graph = nx.read_gexf(path)
    assert set(graph.nodes) == {ALPHA, BETA, GAMMA}
    alpha, gamma = graph.nodes[ALPHA]["viz"], graph.nodes[GAMMA]["viz"]
    assert alpha["color"] == {"r": 31, "g": 58, "b": 147, "a": 1.0}
    assert (alpha["size"], gamma["size"]) == (20.0, 4.0)  # Gephi's size is a radius
    # GEXF knows four shapes: an organisation's rounded box is a square, a dot a disc.
    raw = path.read_text(encoding="utf-8")
    assert raw.count('<viz:shape value="square"') == 2 and raw.count('<viz:shape value="disc"') == 1
    assert (gamma["position"]["x"], gamma["position"]["y"]) == (0.0, -400.0)  # Gephi's y axis points up
    assert graph.number_of_edges() == 2


# ------------------------------------------------------------------------------------ JSON-LD
def test_jsonld_reads_back_with_rdflib_and_uses_the_prefixes(kg, job, tmp_path):
    path = export("jsonld", job, tmp_path / "small.jsonld")
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["@context"]["kg"] == str(KG)
    assert "rdfs:label" in text and "http://www.w3.org/2000/01/rdf-schema#label" not in text  # compact keys
    graph = rdflib.Graph().parse(path, format="json-ld")
    assert len(graph) == len(job.subgraph.triples)
    assert (rdflib.URIRef(ALPHA), rdflib.URIRef(SUPPLIES), rdflib.URIRef(BETA)) in graph
    assert (None, rdflib.URIRef(str(KG.quote)), rdflib.Literal(QUOTE)) in graph


# ------------------------------------------------------------------------------------ images and the registry
@pytest.mark.parametrize(("options", "message"), [
    ({"scale": 0.05}, "scale 0.05 is out of range: choose between 0.1 and 10"),
    ({"scale": 10.5}, "scale 10.5 is out of range: choose between 0.1 and 10"),
    ({"width": 15}, "width 15 is out of range: choose between 16 and 16384 pixels"),
    ({"height": 16385}, "height 16385 is out of range: choose between 16 and 16384 pixels"),
    ({"width": 9000, "scale": 2}, "width 9000 at scale 2 makes more than 16384 pixels"),
    ({"height": 8193, "scale": 2}, "height 8193 at scale 2 makes more than 16384 pixels"),
])
def test_image_sizes_out_of_range_are_refused_with_the_reason(job, options, message):
    from explorer.services.exporters.image import check_size

    for name, value in options.items():
        setattr(job, name, value)
    with pytest.raises(ExportError) as refused:
        check_size(job)
    assert str(refused.value) == message


@pytest.mark.parametrize("options", [
    {"scale": 0.1}, {"scale": 10}, {"width": 16, "height": 16384}, {"width": 8192, "height": 8192, "scale": 2},
    {"width": None, "height": None, "scale": 3},
])
def test_image_sizes_at_the_limits_are_accepted(job, options):
    from explorer.services.exporters.image import check_size

    for name, value in options.items():
        setattr(job, name, value)
    assert check_size(job) is None


@pytest.mark.parametrize(("name", "format_name"), [
    ("graph.html", "html"), ("graph.PNG", "png"), ("graph.svg", "svg"), ("a.b.pdf", "pdf"), ("g.graphml", "graphml"),
    ("g.gexf", "gexf"), ("g.ttl", "ttl"), ("g.nq", "nq"), ("g.jsonld", "jsonld"), ("evidence.csv", "csv"),
])
def test_a_file_name_suffix_picks_its_format(name, format_name):
    assert exporter_for_path(name).name == format_name


@pytest.mark.parametrize("name", ["notes.txt", "graph", "graph.html.bak", "ttl"])
def test_a_file_name_without_a_known_suffix_picks_no_format(name):
    assert exporter_for_path(name) is None


def test_a_disk_error_names_the_file_and_the_reason(job, tmp_path, monkeypatch):
    def full_disk(job, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(_REGISTRY, "full", Exporter("full", "Full disk", ".full", full_disk))
    target = tmp_path / "graph.full"
    with pytest.raises(ExportError) as refused:
        export("full", job, target)
    assert str(refused.value) == f"{target}: No space left on device"
    assert not target.exists()
