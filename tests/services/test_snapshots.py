"""Snapshots: round trip without the data, re-attaching to the same data, diff, damaged files."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from explorer.core.bundled import bundled_graph_files
from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import DATA, KG
from explorer.services import snapshots as sn
from explorer.services import subgraph as sg

CHINA_MOBILE = str(DATA.ChinaMobile)
BRANCH = str(DATA.ChinaMobileZhejiang)
ALLIANCE = str(DATA.Zhejiang5GIndustryAlliance)


@pytest.fixture(scope="module")
def chain(bundled_graph):
    subgraph = sg.from_focus(bundled_graph, CHINA_MOBILE, 4)
    scene = sg.to_scene(bundled_graph, subgraph)
    scene.pin(ALLIANCE)
    scene.set_class_filter([str(KG.Place)])
    return subgraph, scene


@pytest.fixture
def saved(bundled_graph, chain, tmp_path):
    subgraph, scene = chain
    snapshot = sn.save_snapshot(tmp_path / "chain", bundled_graph, scene, title="China Mobile chain",
                                notes="Zhejiang branch → alliance → hospitals", date="2024-05-01", subgraph=subgraph)
    return snapshot


def test_round_trip_reopens_identically_without_the_data(saved, chain, tmp_path):
    subgraph, scene = chain
    assert saved.path == tmp_path / "chain.kgsnap"
    reopened = sn.open_snapshot(saved.path)  # no live graph: a machine without the data
    assert not reopened.attached and "own copy" in reopened.attach_message
    assert reopened.scene().to_dict() == scene.to_dict()
    assert set(reopened.triples) == set(subgraph.triples)
    assert (reopened.title, reopened.notes, reopened.date) == ("China Mobile chain", "Zhejiang branch → alliance → hospitals", "2024-05-01")
    assert (reopened.focus, reopened.hops, reopened.query) == (CHINA_MOBILE, 4, None)
    assert reopened.app_version and reopened.dataset.matches(saved.dataset)
    # The snapshot's own graph reads like the original: labels, words, classes, evidence.
    own = reopened.graph()
    assert own.label(CHINA_MOBILE) == "China Mobile"
    assert own.predicate_words("https://w3id.org/kg-explorer/ontology#hasBranch", False) == "branch of"
    assert own.main_class(ALLIANCE) == str(KG.IndustryAlliance)
    [record] = own.evidence(BRANCH, str(KG.established), ALLIANCE)
    assert record.quote == "China Mobile's Zhejiang branch established a 5G industry alliance"
    assert record.sentence_index == 5 and record.source_label.startswith("News article")
    assert own.exists(str(DATA.Article5GIndustrialInternet))


def test_file_is_plain_json_with_turtle_a_colleague_can_read(saved):
    import rdflib

    data = json.loads(saved.path.read_text(encoding="utf-8"))
    assert data["format"] == "kg-explorer-snapshot" and data["schema_version"] == 1
    assert data["graph"]["media_type"] == "text/turtle"
    graph = rdflib.Graph().parse(data=data["graph"]["data"], format="turtle")
    assert len(graph) == len(saved.triples)
    assert data["counts"]["nodes"] == len([n for n in data["scene"]["nodes"] if n["kind"] == "entity"])
    assert data["dataset"]["method"] == "files"
    assert {f["name"] for f in data["dataset"]["files"]} == {p.name for p in bundled_graph_files()}


def test_reattaches_when_the_same_files_are_loaded_from_elsewhere(saved, tmp_path):
    copies = []
    for index, path in enumerate(reversed(bundled_graph_files())):  # other folder, other order, other names
        copy = tmp_path / f"copy{index}{path.suffix}"
        shutil.copy(path, copy)
        copies.append(copy)
    same = KnowledgeGraph()
    same.load(copies)
    reopened = sn.open_snapshot(saved.path, same)
    assert reopened.attached and reopened.graph() is same
    assert "is the snapshot's data" in reopened.attach_message


def test_does_not_reattach_to_different_data(saved, tmp_path):
    changed = tmp_path / "changed.ttl"
    files = bundled_graph_files()
    changed.write_text(files[-1].read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    other = KnowledgeGraph()
    other.load([*files[:-1], changed])
    reopened = sn.open_snapshot(saved.path, other)
    assert not reopened.attached and reopened.graph() is not other
    assert "differs" in reopened.attach_message


def test_graph_loaded_from_text_is_identified_by_content():
    text = "@prefix ex: <https://example.org/> . ex:a ex:p ex:b . [] ex:q ex:a ."
    one, two, three = KnowledgeGraph(), KnowledgeGraph(), KnowledgeGraph()
    one.load_text(text, "turtle")
    two.load_text(text, "turtle")  # blank nodes get new ids: still the same data
    three.load_text(text + " ex:a ex:p ex:c .", "turtle")
    first, second = sn.dataset_identity(one), sn.dataset_identity(two)
    assert first.method == "content" and first.matches(second)
    assert not first.matches(sn.dataset_identity(three))


_BLANK_DATA = """@prefix ex: <https://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:plant ex:operator ex:op ; rdfs:label "Plant" .
ex:plant ex:site [ ex:city "Hangzhou" ; ex:street [ ex:number "1" ] ] .
ex:plant ex:site [ ex:city "Ningbo" ] .
ex:plant ex:contact [ ex:role "engineer" ] , [ ex:role "engineer" ] .
"""
PLANT = "https://example.org/plant"


def _save_view(text, tmp_path, name):
    """Load ``text`` afresh (new blank node names), draw two hops around the plant, save."""
    kg = KnowledgeGraph()
    kg.load_text(text, "turtle")
    subgraph = sg.from_focus(kg, PLANT, 2)
    scene = sg.to_scene(kg, subgraph)
    saved = sn.save_snapshot(tmp_path / name, kg, scene, title=name, subgraph=subgraph)
    return kg, sn.open_snapshot(saved.path)


def test_two_saves_of_the_same_view_with_blank_nodes_are_the_same(tmp_path):
    kg_a, a = _save_view(_BLANK_DATA, tmp_path, "a")
    kg_b, b = _save_view(_BLANK_DATA, tmp_path, "b")
    blank_nodes = [n["entity"] for n in a.scene_data["nodes"] if n["entity"].startswith("_:")]
    assert len(blank_nodes) == 5 and not set(blank_nodes) & {n["entity"] for n in b.scene_data["nodes"]}
    assert a.dataset.method == "content" and a.dataset.matches(b.dataset) and not a.dataset.note
    assert a.canonical().sha256 == b.canonical().sha256
    diff = sn.diff_snapshots(a, b)
    assert diff.is_empty and (diff.triples_added, diff.triples_removed) == (0, 0)
    # Only the two look-alike contacts may trade places (nothing tells which is which).
    assert len(diff.nodes_moved) in (0, 2)
    # Each reattaches to the other load's data.
    assert sn.open_snapshot(a.path, kg_b).attached and sn.open_snapshot(b.path, kg_a).attached


def test_a_change_among_blank_nodes_is_a_diff(tmp_path):
    _, a = _save_view(_BLANK_DATA, tmp_path, "a")
    _, b = _save_view(_BLANK_DATA.replace('"Ningbo"', '"Shanghai"'), tmp_path, "b")
    assert not a.dataset.matches(b.dataset)
    diff = sn.diff_snapshots(a, b)
    # A blank node is what its statements say: the site with another city is another node,
    # and the plant's link to it changes with it; the other sites and contacts are unchanged.
    assert (diff.triples_added, diff.triples_removed) == (2, 2)
    [added], [removed] = diff.nodes_added, diff.nodes_removed
    assert added["entity"].startswith("_:") and removed["entity"].startswith("_:")
    assert len(diff.edges_added) == len(diff.edges_removed) == 1
    assert not diff.is_empty


def test_rewiring_blank_nodes_is_a_different_dataset_and_a_diff(tmp_path):
    # The same lines once blank node names are left out: only their wiring differs.
    first = "@prefix ex: <https://example.org/> . ex:plant ex:site _:a . _:a ex:near _:b . _:b ex:near _:b ."
    second = "@prefix ex: <https://example.org/> . ex:plant ex:site _:a . _:a ex:near _:b . _:b ex:near _:a ."
    _, a = _save_view(first, tmp_path, "a")
    _, b = _save_view(second, tmp_path, "b")
    assert not a.dataset.matches(b.dataset)
    diff = sn.diff_snapshots(a, b)
    # Every statement about the two rewired blank nodes changed; the lines alone were equal.
    assert (diff.triples_added, diff.triples_removed) == (3, 3) and not diff.is_empty


def test_a_restyled_blank_node_is_changed_not_removed_and_added(tmp_path):
    from rdflib import Literal, URIRef

    def recolour(kg):
        [ningbo] = [s for s, _, _ in kg.triples(None, URIRef("https://example.org/city"), Literal("Ningbo"))]

        def change(scene):
            scene.nodes[f"_:{ningbo}"].color = "#123456"
        return change

    _, a = _save_view(_BLANK_DATA, tmp_path, "a")
    kg = KnowledgeGraph()
    kg.load_text(_BLANK_DATA, "turtle")
    subgraph = sg.from_focus(kg, PLANT, 2)
    scene = sg.to_scene(kg, subgraph)
    recolour(kg)(scene)
    b = sn.open_snapshot(sn.save_snapshot(tmp_path / "b", kg, scene, title="b", subgraph=subgraph).path)
    diff = sn.diff_snapshots(a, b)
    assert not diff.nodes_added and not diff.nodes_removed
    [change] = diff.nodes_changed
    assert change.what == ("color",) and change.after == {"color": "#123456"}
    assert change.entity in {n["entity"] for n in b.scene_data["nodes"]}


def test_blank_nodes_too_alike_to_canonicalize_keep_a_stable_identity(tmp_path):
    # Eight blank nodes all linked to each other: canonical naming would take minutes.
    names = [f"_:n{i}" for i in range(8)]
    text = "@prefix ex: <https://example.org/> . ex:plant ex:site _:n0 . " + " ".join(
        f"{s} ex:near {o} ." for s in names for o in names if s != o)
    kg_a, a = _save_view(text, tmp_path, "a")
    _, b = _save_view(text, tmp_path, "b")
    assert a.dataset.matches(b.dataset)
    assert "too alike to name canonically" in a.dataset.note and a.dataset.note in a.dataset.describe()
    assert "too alike" in sn.dataset_identity(kg_a).note
    assert not a.canonical().exact and sn.diff_snapshots(a, b).triples_added == 0


def test_diff_lists_added_removed_and_changed(bundled_graph, tmp_path):
    small = sg.from_focus(bundled_graph, CHINA_MOBILE, 2)
    large = sg.from_focus(bundled_graph, CHINA_MOBILE, 3)
    scene_a = sg.to_scene(bundled_graph, small)
    scene_b = sg.to_scene(bundled_graph, large)
    scene_b.pin(BRANCH)
    a = sn.save_snapshot(tmp_path / "a.kgsnap", bundled_graph, scene_a, title="before", subgraph=small)
    b = sn.save_snapshot(tmp_path / "b.kgsnap", bundled_graph, scene_b, title="after", subgraph=large)
    diff = sn.diff_snapshots(sn.open_snapshot(a.path), sn.open_snapshot(b.path))
    added = {n["entity"] for n in diff.nodes_added}
    assert added == set(large.entities) - set(small.entities) and added
    assert not diff.nodes_removed
    assert {e["id"] for e in diff.edges_added} == {f"{s} {p} {o}" for s, p, o in set(large.facts) - set(small.facts)}
    assert [c.entity for c in diff.nodes_changed] == [BRANCH] and diff.nodes_changed[0].what == ("pinned",)
    assert diff.triples_added > 0 and diff.triples_removed == 0
    backwards = sn.diff_snapshots(sn.open_snapshot(b.path), sn.open_snapshot(a.path))
    assert {n["entity"] for n in backwards.nodes_removed} == added
    # The drawing: added green, removed red, unchanged grey; removed links labelled.
    scene = backwards.scene()
    for entity in added:
        assert scene.nodes[entity].color == sn.REMOVED_COLOR
    assert scene.nodes[CHINA_MOBILE].color == sn.UNCHANGED_COLOR
    assert any(e.label.startswith("removed: ") for e in scene.edges.values())
    removed_links = {e["id"] for e in backwards.edges_removed}
    assert removed_links and all(scene.edges[i].color == sn.REMOVED_COLOR for i in removed_links)
    forwards = sn.diff_snapshots(a, b).scene()
    assert all(forwards.edges[e["id"]].color == sn.ADDED_COLOR for e in diff.edges_added)
    assert all(edge.color is None for i, edge in forwards.edges.items() if i not in {e["id"] for e in diff.edges_added})
    assert set(scene.highlighted) >= added
    assert sn.diff_snapshots(a, b).scene().nodes[next(iter(added))].color == sn.ADDED_COLOR
    rows = backwards.rows()
    assert {r.change for r in rows} == {"removed", "changed"}
    assert any(r.kind == "link" and " — " in r.label and " → " in r.label for r in rows)
    assert sn.diff_snapshots(a, a).is_empty


# --------------------------------------------------------------------------------- bad files
def _write(path, data):
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def _damaged(saved, tmp_path, change):
    data = json.loads(saved.path.read_text(encoding="utf-8"))
    change(data)
    return _write(tmp_path / "damaged.kgsnap", data)


@pytest.mark.parametrize(
    ("change", "field_name", "words"),
    [
        (lambda d: d.pop("scene"), "scene", "missing"),
        (lambda d: d["scene"]["nodes"][0].update(x="left"), "scene.nodes[0].x", "expected"),
        (lambda d: d["scene"]["edges"][0].update(source="nowhere"), "scene.edges[0].source", "no node"),
        (lambda d: d.update(title=7), "title", "expected str"),
        (lambda d: d.update(date="May 1st"), "date", "ISO 8601"),
        (lambda d: d["dataset"].pop("digest"), "dataset.digest", "missing"),
        (lambda d: d["graph"].update(data=d["graph"]["data"] + " <x> ."), "graph.data", "altered or damaged"),
        (lambda d: d["graph"].update(data="this is not turtle", sha256=""), "graph.data", "Turtle syntax error"),
        (lambda d: d["graph"].update(media_type="application/zip"), "graph.media_type", "not supported"),
        (lambda d: d.update(schema_version=99), "schema_version", "newer"),
        (lambda d: d["dataset"].update(quads="many"), "dataset.quads", "expected int"),
        (lambda d: d["dataset"].update(source=5), "dataset.source", "expected str, got int"),
        (lambda d: d.pop("schema_version"), "schema_version", "missing or not an integer"),
        (lambda d: d.update(schema_version=-1), "schema_version", "-1 is not a schema version (they start at 1)"),
        (lambda d: d.update(app=5), "app", "expected an object"),
        (lambda d: d.update(app={"version": 5}), "app.version", "expected str, got int"),
        (lambda d: d.update(selection={"hops": "two"}), "selection.hops", "expected int or null, got str"),
        (lambda d: d.update(scene=5), "scene", "missing or not an object"),
        (lambda d: d["graph"].update(data="<a> <b>\n\n  <c", sha256=""), "graph.data",
         "Turtle syntax error: Parser error at line 1 between columns 1 and 4: No scheme found in an absolute IRI"),
        (lambda d: d["dataset"].update(method="guess"), "dataset.method", "unknown method 'guess'"),
        (lambda d: d.update(format="something-else"), "format", "not a kg-explorer snapshot"),
    ],
)
def test_damaged_snapshot_names_the_file_and_field(saved, tmp_path, change, field_name, words):
    path = _damaged(saved, tmp_path, change)
    with pytest.raises(sn.SnapshotError) as caught:
        sn.open_snapshot(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: field '{field_name}'"), message
    assert words in message and "\n" not in message
    assert caught.value.field == field_name


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"format": "kg-explorer-snapshot", "schema', "not valid JSON at line 1"),
        ("", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        ("[1, 2, 3]", "not a kg-explorer snapshot"),
    ],
)
def test_corrupt_or_foreign_files_give_one_line(tmp_path, content, words):
    path = tmp_path / "bad.kgsnap"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(sn.SnapshotError, match=words) as caught:
        sn.open_snapshot(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_zip_missing_file_and_folder_are_refused(tmp_path):
    archive = tmp_path / "x.kgsnap"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("manifest.json", "{}")
    with pytest.raises(sn.SnapshotError, match="zip archive"):
        sn.open_snapshot(archive)
    with pytest.raises(sn.SnapshotError, match="No such file"):
        sn.open_snapshot(tmp_path / "absent.kgsnap")
    with pytest.raises(sn.SnapshotError, match="folder"):
        sn.open_snapshot(tmp_path)


def test_saving_checks_title_date_and_folder_and_is_atomic(bundled_graph, chain, saved, tmp_path):
    _, scene = chain
    with pytest.raises(ExplorerError, match="title"):
        sn.save_snapshot(tmp_path / "x", bundled_graph, scene, title="  ")
    with pytest.raises(ExplorerError, match="YYYY-MM-DD"):
        sn.save_snapshot(tmp_path / "x", bundled_graph, scene, title="t", date="01/05/2024")
    with pytest.raises(sn.SnapshotError, match="does not exist"):
        sn.save_snapshot(tmp_path / "nowhere" / "x", bundled_graph, scene, title="t")
    before = saved.path.read_bytes()
    sn.save_snapshot(saved.path, bundled_graph, scene, title="second version", subgraph=chain[0])
    assert sn.open_snapshot(saved.path).title == "second version" and saved.path.read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chain.kgsnap"]  # no temporary files left


_SUPPLY = """@prefix ex: <https://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:Company a owl:Class ; rdfs:label "Company" . ex:op a ex:Company . ex:sup a ex:Company .
ex:plant rdfs:label "Plant" ; ex:operator ex:op ; ex:site ex:city .
ex:op rdfs:label "Operator" . ex:city rdfs:label "Ningbo" . ex:sup rdfs:label "Supplier" .
"""


def _supply_view(tmp_path, name, text, change=None):
    kg = KnowledgeGraph()
    kg.load_text(text, "turtle")
    subgraph = sg.from_focus(kg, PLANT, 1)
    scene = sg.to_scene(kg, subgraph)
    if change:
        change(scene)
    return sn.open_snapshot(sn.save_snapshot(tmp_path / name, kg, scene, title=name, subgraph=subgraph).path)


def test_diff_rows_read_as_sentences(tmp_path):
    ex = "https://example.org/"

    def restyle(scene):
        scene.nodes[ex + "city"].color = "#ff0000"
        scene.edges[f"{PLANT} {ex}site {ex}city"].hidden = True

    a = _supply_view(tmp_path, "a", _SUPPLY)
    b = _supply_view(tmp_path, "b", _SUPPLY.replace("ex:operator ex:op", "ex:supplier ex:sup"), restyle)
    old_colour = next(n["color"] for n in a.scene_data["nodes"] if n["entity"] == ex + "city")
    diff = sn.diff_snapshots(a, b)
    assert [tuple(vars(row).values()) for row in diff.rows()] == [
        ("added", "entity", "Supplier", "Company", ex + "sup"),
        ("added", "link", "Plant — supplier → Supplier", ex + "supplier", f"{PLANT} {ex}supplier {ex}sup"),
        ("removed", "entity", "Operator", "Company", ex + "op"),
        ("removed", "link", "Plant — operator → Operator", ex + "operator", f"{PLANT} {ex}operator {ex}op"),
        ("changed", "entity", "Ningbo", f"color: {old_colour} → #ff0000", ex + "city"),
        ("changed", "link", "Plant — site → Ningbo", "hidden: False → True", f"{PLANT} {ex}site {ex}city"),
    ]
    assert diff.summary() == ("1 entities added, 1 removed, 1 changed; 1 links added, 1 removed; "
                              "3 triples added, 3 removed")  # the link, the label and the type
    scene = diff.scene()
    assert scene.nodes[ex + "sup"].color == sn.ADDED_COLOR and scene.nodes[ex + "op"].color == sn.REMOVED_COLOR
    assert scene.nodes[ex + "city"].color == sn.CHANGED_COLOR and scene.nodes[PLANT].color == sn.UNCHANGED_COLOR
    assert not any(node.hidden for node in scene.nodes.values())
    assert not any(edge.hidden for edge in scene.edges.values())
    assert scene.edges[f"{PLANT} {ex}supplier {ex}sup"].label == "added: supplier"
    assert scene.edges[f"{PLANT} {ex}operator {ex}op"].label == "removed: operator"
    assert set(scene.highlighted) == {ex + "sup", ex + "op", f"{PLANT} {ex}supplier {ex}sup", f"{PLANT} {ex}operator {ex}op"}


def test_a_snapshot_of_an_empty_graph_reopens(tmp_path):
    from explorer.core.scene import Scene

    saved = sn.save_snapshot(tmp_path / "empty", KnowledgeGraph(), Scene(), title="nothing yet")
    assert saved.dataset.method == "none"
    reopened = sn.open_snapshot(saved.path, KnowledgeGraph())
    assert reopened.dataset.method == "none" and reopened.attached and reopened.triples == []


def test_a_file_too_big_for_a_snapshot_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.kgsnap"
    with open(path, "wb") as handle:  # sparse: no disk space used
        handle.truncate(600 * 1024 * 1024)
    with pytest.raises(sn.SnapshotError) as caught:
        sn.open_snapshot(path)
    assert str(caught.value) == f"{path}: is 600 MiB: too big for a snapshot"


def test_saving_reports_its_progress_and_says_where_the_snapshot_came_from(tmp_path):
    from explorer.core.scene import Scene

    data = tmp_path / "fresh.ttl"  # a file never hashed before: saving hashes it
    data.write_text("@prefix ex: <https://example.org/> . ex:a ex:p ex:b .", encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([data])
    seen: list[str] = []
    saved = sn.save_snapshot(tmp_path / "progress", kg, Scene(), title="with progress",
                             progress=lambda fraction, message: seen.append(message))
    assert "Hashing fresh.ttl" in seen
    assert saved.attached and saved.attach_message == "taken from the loaded data"
