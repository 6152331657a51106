"""Every export format, parsed back by the tool its users open it with."""

from __future__ import annotations

import csv
import html
import json
import re

import networkx as nx
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

from explorer.core.graph import KnowledgeGraph
from explorer.core.scene import Scene, SceneEdge, SceneNode, edge_id
from explorer.core.vocab import DATA, KG
from explorer.services import subgraph as sg
from explorer.services.exporters import ExportError, ExportJob, export, exporter_named, exporters

CHINA_MOBILE = str(DATA.ChinaMobile)
BRANCH = str(DATA.ChinaMobileZhejiang)
ALLIANCE = str(DATA.Zhejiang5GIndustryAlliance)
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def chain_job(bundled_graph):
    """The China Mobile chain, two hops out, drawn and laid out."""
    subgraph = sg.from_focus(bundled_graph, CHINA_MOBILE, 3)
    scene = sg.to_scene(bundled_graph, subgraph)
    return ExportJob(bundled_graph, subgraph, scene, title="China Mobile chain")


@pytest.fixture(scope="module")
def hostile_job():
    """A small graph whose labels, quote and IRIs try to break out of every context."""
    kg = KnowledgeGraph()
    kg.load_text(
        f"""
        @prefix ex: <https://example.org/x/> .
        @prefix kg: <{KG}> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        ex:a a kg:Company ; rdfs:label "{HOSTILE_IMG}" ; rdfs:comment "=HYPERLINK(\\"http://evil.example/\\")" .
        ex:b a kg:Company ; rdfs:label "{HOSTILE_SCRIPT}" .
        ex:a kg:partneredWith ex:b .
        ex:ev a rdf:Statement ; rdf:subject ex:a ; rdf:predicate kg:partneredWith ; rdf:object ex:b ;
            prov:wasDerivedFrom ex:src ; kg:quote "<b onmouseover=alert(2)>quote</b>" ; kg:sentenceIndex 3 .
        ex:src rdfs:label "Source <iframe src=https://evil.example>" .
        """,
        "turtle",
    )
    subgraph = sg.from_focus(kg, "https://example.org/x/a", 1)
    scene = sg.to_scene(kg, subgraph)
    return ExportJob(kg, subgraph, scene, title=f"Report {HOSTILE_SCRIPT}{HOSTILE_IMG}")


def test_registry_lists_every_format_the_cli_offers():
    assert {"html", "png", "svg", "pdf", "graphml", "gexf", "ttl", "nq", "jsonld", "csv"} <= set(exporters())
    assert exporter_named("turtle").name == "ttl"
    assert exporter_named(".GEXF").name == "gexf"
    with pytest.raises(ExportError, match="unknown export format 'xls'"):
        exporter_named("xls")


def test_subgraph_of_the_chain_has_facts_evidence_and_context(chain_job):
    subgraph = chain_job.subgraph
    assert subgraph.entities[0] == CHINA_MOBILE
    assert (BRANCH, str(KG.established), ALLIANCE) in subgraph.facts
    records = subgraph.evidence[(BRANCH, str(KG.established), ALLIANCE)]
    assert records and "established a 5G industry alliance" in records[0].quote
    assert records[0].sentence_index == 5


def test_turtle_nquads_and_jsonld_parse_back_with_rdflib(chain_job, tmp_path):
    established = (rdflib.URIRef(BRANCH), rdflib.URIRef(str(KG.established)), rdflib.URIRef(ALLIANCE))
    for name, rdflib_format in (("ttl", "turtle"), ("nq", "nquads"), ("jsonld", "json-ld")):
        path = export(name, chain_job, tmp_path / f"chain.{name}")
        graph = rdflib.Dataset() if name == "nq" else rdflib.Graph()
        graph.parse(path, format=rdflib_format)
        triples = set(graph.triples((None, None, None))) if name != "nq" else {q[:3] for q in graph.quads((None, None, None, None))}
        assert len(triples) == len(chain_job.subgraph.triples), name
        assert established in triples, name
        # The evidence record travels with the fact.
        statements = [s for s, _, _ in triples
                      if (s, RDF.predicate, established[1]) in triples and (s, RDF.subject, established[0]) in triples]
        assert statements, name
        assert any(t[0] in statements and t[1] == rdflib.URIRef(str(KG.quote)) for t in triples), name
        assert (rdflib.URIRef(CHINA_MOBILE), RDFS.label, rdflib.Literal("中国移动", lang="zh")) in triples
    turtle = (tmp_path / "chain.ttl").read_text(encoding="utf-8")
    assert "@prefix d: <https://w3id.org/kg-explorer/data/>" in turtle
    assert "@prefix sh:" not in turtle  # only prefixes the subgraph uses
    jsonld = json.loads((tmp_path / "chain.jsonld").read_text(encoding="utf-8"))
    assert jsonld["@context"]["d"] == "https://w3id.org/kg-explorer/data/"


def test_csv_evidence_table_lists_every_fact_in_words(chain_job, tmp_path):
    path = export("csv", chain_job, tmp_path / "evidence.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    facts = {(row["subject_iri"], row["predicate_iri"], row["object_iri"]) for row in rows}
    assert facts == set(chain_job.subgraph.facts)
    row = next(r for r in rows if r["predicate_iri"] == str(KG.established))
    assert (row["subject"], row["predicate"], row["object"]) == ("China Mobile Zhejiang", "established", "Zhejiang 5G industry alliance")
    assert row["quote"] == "China Mobile's Zhejiang branch established a 5G industry alliance"
    assert row["source"] == "News article: 5G and the industrial internet in China"
    assert row["sentence_index"] == "5"
    assert {r["evidence"] for r in rows} <= {"quote", "background", "none"}


@pytest.fixture(scope="module")
def liu_job(bundled_graph):
    """Liu and her neighbours: "Liu warns of sophisticated cyberattacks" has two evidence records."""
    subgraph = sg.from_focus(bundled_graph, str(DATA.Liu), 1)
    return ExportJob(bundled_graph, subgraph, sg.to_scene(bundled_graph, subgraph), title="Liu")


WARNS = (str(DATA.Liu), str(KG.warnsOf), str(DATA.SophisticatedCyberattacks))
WARNS_PLACES = [("12", "9", "1700", "1874"), ("13", "10", "1875", "2014")]


def test_csv_lists_every_record_of_a_fact_with_its_place(liu_job, tmp_path):
    path = export("csv", liu_job, tmp_path / "evidence.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r["subject_iri"], r["predicate_iri"], r["object_iri"]) == WARNS]
    assert [(r["sentence_index"], r["line_number"], r["start"], r["end"]) for r in rows] == WARNS_PLACES
    assert len({r["evidence_record"] for r in rows}) == 2 and all(r["evidence"] == "quote" for r in rows)
    assert rows[1]["quote"].endswith("harms the whole enterprise, Liu said.")


def test_html_lists_every_record_of_a_fact_with_its_place(liu_job, tmp_path):
    page = _page(liu_job, tmp_path)
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))
    edge = next(e for e in data["edges"] if e["id"] == edge_id(*WARNS))
    assert [record["place"] for record in edge["info"]["evidence"]] == [
        "sentence 12, line 9, characters 1700–1874", "sentence 13, line 10, characters 1875–2014"]
    assert "record.place" in page  # the page script shows it


def test_exported_records_keep_their_text_selectors(liu_job, tmp_path):
    graph = rdflib.Graph().parse(export("ttl", liu_job, tmp_path / "liu.ttl"), format="turtle")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    records = [r for r in graph.subjects(RDF.predicate, rdflib.URIRef(WARNS[1]))]
    assert len(records) == 2
    for record in records:
        starts = {int(graph.value(sel, oa.start)) for sel in graph.objects(record, oa.hasSelector)
                  if (sel, RDF.type, oa.TextPositionSelector) in graph}
        assert starts and starts <= {1700, 1875}


def test_csv_cells_cannot_run_as_spreadsheet_formulas(hostile_job, tmp_path):
    from explorer.services.exporters.csv_evidence import defuse

    assert defuse("=1+1") == "'=1+1"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("-5.5%") == "-5.5%"
    assert defuse("-cmd") == "'-cmd"
    path = export("csv", hostile_job, tmp_path / "hostile.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["subject"] == HOSTILE_IMG  # text stays as it was: CSV is not markup


def test_graphml_and_gexf_keep_labels_classes_colours_and_positions(chain_job, tmp_path):
    scene = chain_job.scene
    alliance = scene.nodes[ALLIANCE]
    graphml = nx.read_graphml(export("graphml", chain_job, tmp_path / "chain.graphml"))
    gexf = nx.read_gexf(export("gexf", chain_job, tmp_path / "chain.gexf"))
    entities = {n.entity for n in scene.visible_nodes() if n.kind == "entity"}
    for graph in (graphml, gexf):
        assert set(graph.nodes) == entities
        assert graph.number_of_edges() == len([e for e in scene.visible_edges() if e.predicate])
    data = graphml.nodes[ALLIANCE]
    assert data["label"] == "Zhejiang 5G industry alliance"
    assert data["class_iri"] == str(KG.IndustryAlliance) and data["class_label"] == alliance.class_label
    assert data["color"] == alliance.color.lower()
    r, g, b = (int(alliance.color[i:i + 2], 16) for i in (1, 3, 5))
    assert (data["r"], data["g"], data["b"]) == (r, g, b)
    assert (data["x"], data["y"]) == pytest.approx((alliance.x, alliance.y))
    edge = next(d for _, _, d in graphml.edges(data=True) if d["predicate"] == str(KG.established))
    assert edge["label"] == "established" and "established a 5G industry alliance" in edge["evidence"]
    viz = gexf.nodes[ALLIANCE]["viz"]
    assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == (r, g, b)
    assert (viz["position"]["x"], viz["position"]["y"]) == pytest.approx((alliance.x, -alliance.y))
    assert gexf.nodes[ALLIANCE]["label"] == "Zhejiang 5G industry alliance"
    # Gephi reads the viz namespace from the raw file.
    raw = (tmp_path / "chain.gexf").read_text(encoding="utf-8")
    assert "viz:color" in raw and "viz:position" in raw


def test_graph_formats_leave_out_more_nodes(bundled_graph, tmp_path):
    scene = Scene()
    scene.expand(bundled_graph, str(DATA.IndustrialInternet) if bundled_graph.exists(str(DATA.IndustrialInternet)) else ALLIANCE, limit=2)
    assert any(n.kind == "more" for n in scene.nodes.values())
    job = ExportJob(bundled_graph, sg.from_scene(bundled_graph, scene), scene)
    graph = nx.read_graphml(export("graphml", job, tmp_path / "capped.graphml"))
    assert not any(node.startswith("more:") for node in graph.nodes)
    assert graph.number_of_nodes() == len([n for n in scene.nodes.values() if n.kind == "entity"])


# ------------------------------------------------------------------------------------ HTML
SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def _page(job, tmp_path, name="graph.html"):
    return export("html", job, tmp_path / name).read_text(encoding="utf-8")


def test_html_has_no_remote_reference_and_embeds_its_scripts(chain_job, tmp_path):
    page = _page(chain_job, tmp_path)
    # The rule: no URL scheme separator anywhere (so no http(s), ws, ftp, protocol-relative …) …
    assert "://" not in page
    assert not re.search(r"https?://", page, re.IGNORECASE)
    # … every src/href of the markup and url() of the styles stays inside the file …
    markup = SCRIPT_RE.sub("<script></script>", page)
    for tag in re.findall(r"<[a-z][^>]*>", markup, re.IGNORECASE):
        for match in re.finditer(r"""\s(?:src|href|action|srcset|poster)\s*=\s*["']?([^"'\s>]*)""", tag, re.IGNORECASE):
            assert match.group(1).startswith(("data:", "#")), tag
    for match in re.finditer(r"url\(\s*[\"']?([^\"')]*)", page):
        assert match.group(1).startswith("data:"), match.group(0)
    assert "@import" not in page
    # … the scripts are all inline: vis-network itself, the page script, and the data.
    scripts = SCRIPT_RE.findall(page)
    assert all("src" not in attributes for attributes, _ in scripts)
    assert any("new vis.Network" in body for _, body in scripts)  # the page script
    assert any(len(body) > 300_000 and "vis-network" in body for _, body in scripts)  # vis-network, embedded
    assert any('"nodes"' in body for _, body in scripts)
    # The browser refuses to fetch anything even if something slipped through.
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_html_carries_our_positions_legend_and_evidence(chain_job, tmp_path):
    from explorer.services.exporters.html import spacing

    page = _page(chain_job, tmp_path)
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))
    scale = spacing(chain_job.scene)
    nodes = {n["id"]: n for n in data["nodes"]}
    alliance = chain_job.scene.nodes[ALLIANCE]
    assert (nodes[ALLIANCE]["x"], nodes[ALLIANCE]["y"]) == pytest.approx((alliance.x * scale, alliance.y * scale))
    assert nodes[ALLIANCE]["label"] == "Zhejiang 5G industry alliance"
    edge = next(e for e in data["edges"] if e["id"] == edge_id(BRANCH, str(KG.established), ALLIANCE))
    evidence = edge["info"]["evidence"][0]
    assert evidence["quote"] == "China Mobile's Zhejiang branch established a 5G industry alliance"
    assert evidence["sentence"] == 5 and evidence["source"].startswith("News article")
    assert {entry["label"] for entry in data["legend"]} >= {"Telecom operator", "Industry alliance"}
    assert 'id="physics"' in page and "physics: { enabled: false" in page


def test_html_nodes_do_not_cover_each_other_or_their_links_words(chain_job, tmp_path):
    """Organisations are boxes with the label inside on the page, wider than on the canvas: spread apart."""
    page = _page(chain_job, tmp_path)
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))
    nodes = {n["id"]: n for n in data["nodes"]}

    def half_width(node):  # 13 px text: about 7 px a character, plus the box's margins
        return (7.0 * len(node["label"]) + 12) / 2 if node["shape"] == "box" else 14.0

    boxes = list(nodes.values())
    for i, first in enumerate(boxes):
        for second in boxes[i + 1:]:
            apart_x = abs(first["x"] - second["x"]) >= half_width(first) + half_width(second)
            apart_y = abs(first["y"] - second["y"]) >= 28
            assert apart_x or apart_y, (first["label"], second["label"])
    # "established" (alliance ← branch) links two wide boxes: its words (level, 13 px) fit in the gap between them,
    # beside each other the width of the words, one over the other a line of text.
    alliance, branch = nodes[ALLIANCE], nodes[BRANCH]
    dx, dy = abs(alliance["x"] - branch["x"]), abs(alliance["y"] - branch["y"])
    if dx >= dy:
        assert dx - half_width(alliance) - half_width(branch) >= 6.0 * len("established")
    else:
        assert dy - 28 >= 16


def chain_safe_job():
    """The hostile graph's twin with harmless labels: its page has the same markup."""
    kg = KnowledgeGraph()
    kg.load_text(
        f"""
        @prefix ex: <https://example.org/x/> .
        @prefix kg: <{KG}> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:a a kg:Company ; rdfs:label "A" ; rdfs:comment "plain" .
        ex:b a kg:Company ; rdfs:label "B" .
        ex:a kg:partneredWith ex:b .
        """,
        "turtle",
    )
    subgraph = sg.from_focus(kg, "https://example.org/x/a", 1)
    return ExportJob(kg, subgraph, sg.to_scene(kg, subgraph), title="Report")


def test_html_escapes_hostile_labels_everywhere(hostile_job, tmp_path):
    page = _page(hostile_job, tmp_path)
    for hostile in (HOSTILE_IMG, HOSTILE_SCRIPT, "<img", "<iframe", "<b onmouseover", "alert(1)</script>"):
        assert hostile not in page
    # Exactly the three scripts we wrote: the data, vis-network and the page script.
    assert len(SCRIPT_RE.findall(page)) == 3
    assert SCRIPT_RE.sub("", page).count("<") == SCRIPT_RE.sub("", _page(chain_safe_job(), tmp_path, "plain.html")).count("<")
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt;" in title
    assert "://" not in page  # data IRIs too are escaped text, never links
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL).group(1))
    labels = {n["label"] for n in data["nodes"]}
    assert labels == {HOSTILE_IMG, HOSTILE_SCRIPT}  # the data itself is intact once decoded
    quote = data["edges"][0]["info"]["evidence"][0]["quote"]
    assert quote == "<b onmouseover=alert(2)>quote</b>"
    # Tooltips are DOM elements filled with textContent, never HTML strings.
    assert "innerHTML" not in SCRIPT_RE.findall(page)[-1][1]


def test_export_failure_leaves_no_partial_file(chain_job, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export("ttl", chain_job, tmp_path / "missing" / "x.ttl")
    target = tmp_path / "x.ttl"
    target.write_text("old", encoding="utf-8")
    broken = ExportJob(chain_job.kg, chain_job.subgraph, None, title="x")  # a scene-less job cannot draw
    with pytest.raises(AttributeError):
        export("graphml", broken, tmp_path / "x.graphml")
    assert not (tmp_path / "x.graphml").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]
    assert target.read_text(encoding="utf-8") == "old"


def test_from_scene_reads_visible_nodes_and_edges_only(bundled_graph):
    scene = Scene()
    for entity in (CHINA_MOBILE, BRANCH, ALLIANCE):
        scene.add_entity(bundled_graph, entity)
    scene.hide(ALLIANCE)
    subgraph = sg.from_scene(bundled_graph, scene)
    assert subgraph.entities == [CHINA_MOBILE, BRANCH] or set(subgraph.entities) == {CHINA_MOBILE, BRANCH}
    assert [f[1] for f in subgraph.facts] == ["https://w3id.org/kg-explorer/ontology#hasBranch"]
    # A hand-drawn edge with no stored triple behind it is not a fact.
    scene.add_node(SceneNode("urn:x", "urn:x", "X", "", ""))
    scene.add_edge(SceneEdge("made-up", CHINA_MOBILE, "urn:x", "urn:p", "p"))
    assert len(sg.from_scene(bundled_graph, scene).facts) == 1


def test_from_query_select_construct_and_ask(bundled_graph):
    prefix = "PREFIX d: <https://w3id.org/kg-explorer/data/> PREFIX kg: <https://w3id.org/kg-explorer/ontology#>\n"
    selected = sg.from_query(bundled_graph, prefix + "SELECT ?a ?b WHERE { ?a kg:established ?b }")
    assert (BRANCH, str(KG.established), ALLIANCE) in selected.facts
    assert selected.query.endswith("?a kg:established ?b }")
    built = sg.from_query(bundled_graph, prefix + "CONSTRUCT { ?a kg:established ?b } WHERE { ?a kg:established ?b }")
    assert built.facts == [(BRANCH, str(KG.established), ALLIANCE)]
    with pytest.raises(sg.SubgraphError, match="ASK"):
        sg.from_query(bundled_graph, "ASK { ?s ?p ?o }")
    with pytest.raises(sg.SubgraphError, match="no entity"):
        sg.from_focus(bundled_graph, "https://example.org/nothing", 1)


def test_from_focus_stops_at_the_cap_and_says_so(bundled_graph):
    capped = sg.from_focus(bundled_graph, ALLIANCE, 3, max_entities=4)
    assert len(capped.entities) == 4 and capped.truncated
    whole = sg.from_focus(bundled_graph, ALLIANCE, 1)
    assert not whole.truncated and len(whole.entities) > 4


def test_html_page_data_keeps_aliases_link_words_and_curves_parallel_links_apart():
    from explorer.services.exporters.html import page_data

    kg = KnowledgeGraph()
    kg.load_text("""@prefix ex: <https://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ex:a rdfs:label "Alpha" ; skos:altLabel "Alpha" , "The first" ; ex:owns ex:b ; ex:supplies ex:b ; ex:hosts ex:b .
    ex:b rdfs:label "Beta" .""", "turtle")
    subgraph = sg.from_focus(kg, "https://example.org/a", 1)
    data = page_data(ExportJob(kg, subgraph, sg.to_scene(kg, subgraph), title="Parallel"))
    [alpha] = [n for n in data["nodes"] if n["info"].get("iri") == "https://example.org/a"]
    assert alpha["info"]["aliases"] == ["The first"]  # the label shown is not repeated as an alias
    edges = sorted(data["edges"], key=lambda e: e["info"]["predicate"])
    assert [e["label"] for e in edges] == ["hosts", "owns", "supplies"]
    curves = sorted((e["smooth"] or {}).get("type", "straight") for e in edges)
    assert curves == ["curvedCCW", "curvedCW", "straight"]
    assert sorted((e["smooth"] or {}).get("roundness", 0) for e in edges) == [0, 0.2, 0.2]
