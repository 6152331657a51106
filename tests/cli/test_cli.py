"""The kg-explorer command line: every command, its formats, exit codes and one-line errors.

Commands run in-process through ``explorer.cli.main`` (fast); one test runs the installed
console script to prove the entry point and that errors never show a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import types
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import run

from explorer import cli
from explorer.core.graph import KnowledgeGraph

D = "https://w3id.org/kg-explorer/data/"
K = "https://w3id.org/kg-explorer/ontology#"

CHAIN_1 = ("China Mobile —has branch→ China Mobile Zhejiang —established→ Zhejiang 5G industry alliance "
           "—partnered with→ hospital partners —")


pytestmark = pytest.mark.usefixtures("shared_bundled_graph")


def assert_one_error_line(err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def acme_file(tmp_path: Path) -> Path:
    path = tmp_path / "acme.ttl"
    path.write_text(
        "@prefix e: <http://example.org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'e:acme1 rdfs:label "Acme" ; e:supplies e:port .\n'
        'e:acme2 rdfs:label "Acme" .\n'
        'e:port rdfs:label "Port of Ningbo"@en, "宁波港"@zh .\n',
        encoding="utf-8",
    )
    return path


# ------------------------------------------------------------------ path

def test_path_prints_chain_1_with_quotes(capsys):
    code, out, err = run(capsys, "path", "China Mobile", "remote healthcare", "--evidence")
    assert code == 0 and err == ""
    assert out.startswith(CHAIN_1)
    assert "5G-enabled remote healthcare services" in out.splitlines()[0]
    assert "\"China Mobile's Zhejiang branch established a 5G industry alliance\"" in out
    assert out.count("sentence ") >= 4  # one quote (with its sentence index) per hop


def test_path_json_has_the_exact_iris(capsys):
    code, out, _ = run(capsys, "path", "d:ChinaMobile", "d:FiveGRemoteHealthcareServices", "--format", "json", "--evidence")
    assert code == 0
    document = json.loads(out)
    path = document["paths"][0]
    assert [n["iri"] for n in path["nodes"]] == [D + x for x in (
        "ChinaMobile", "ChinaMobileZhejiang", "Zhejiang5GIndustryAlliance", "HospitalPartners",
        "FiveGRemoteHealthcareServices")]
    assert path["hops"][1]["predicate"] == K + "established"
    assert path["hops"][1]["evidence"][0]["sentence_index"] is not None
    assert document["mode"] == "shortest" and path["length"] == 4


def test_path_evidence_lists_every_record_with_its_place(capsys):
    code, out, _ = run(capsys, "path", "d:CAICT", "d:SophisticatedCyberattacks", "--evidence")
    assert code == 0
    assert "(News article: 5G and the industrial internet in China, sentence 12, line 9, characters 1700–1874)" in out
    assert "Liu said.\" (News article: 5G and the industrial internet in China, sentence 13, line 10, characters 1875–2014)" in out
    code, out, _ = run(capsys, "path", "d:CAICT", "d:SophisticatedCyberattacks", "--evidence", "--format", "json")
    records = json.loads(out)["paths"][0]["hops"][-1]["evidence"]
    assert [(r["sentence_index"], r["line_number"], r["start"], r["end"]) for r in records] == [
        (12, 9, 1700, 1874), (13, 10, 1875, 2014)]
    assert all(r["record"].startswith(D + "evidence/") for r in records)


def test_describe_lists_every_record_of_a_fact(capsys):
    code, out, _ = run(capsys, "describe", "d:IndustrialInternet")
    assert code == 0
    block = out.split("—has potential for→ higher quality")[1].split("—has potential for→")[0]
    article = "News article: 5G and the industrial internet in China"
    assert f'"help companies boost quality" ({article}, sentence 9, line 7, characters 1448–1476)' in block
    assert f'"The industrial internet has such potential." ({article}, sentence 10, line 7, characters 1557–1600)' in block


def test_path_background_evidence_is_named(capsys):
    code, out, _ = run(capsys, "path", "Ningbo", "d:China", "--evidence")
    assert code == 0
    assert "background knowledge" in out


def test_path_options(capsys):
    code, out, _ = run(capsys, "path", "d:Liu", "d:MoreCybersecurityResources", "--k", "3")
    assert code == 0 and out.splitlines()[0].startswith("1. Liu —calls for→ more cybersecurity resources")
    assert len([line for line in out.splitlines() if line[:2] in ("1.", "2.", "3.")]) == 3
    code, out, _ = run(capsys, "path", "d:IndustrialInternet", "d:Liu", "--via", "kg:needs", "--via", "calls for")
    assert code == 0
    assert out.splitlines() == ["industrial internet —needs→ more cybersecurity resources —called for by→ Liu  (2 hops)"]
    code, out, _ = run(capsys, "path", "d:ChinaMobile", "remote healthcare", "--avoid", "partnered with", "--max-hops", "4")
    assert code == 1 and out.startswith("No path from China Mobile to 5G-enabled remote healthcare services within 4 hops")
    code, out, _ = run(capsys, "path", "d:ChinaMobile", "remote healthcare", "--avoid-class", "industry alliance",
                       "--max-hops", "4")
    assert code == 1
    code, out, _ = run(capsys, "path", "d:ChinaMobile", "remote healthcare", "--via-class", "kg:IndustryAlliance")
    assert code == 0 and "Zhejiang 5G industry alliance" in out
    code, out, _ = run(capsys, "path", "d:Liu", "d:MoreCybersecurityResources", "--all", "--format", "json")
    assert code == 0 and len(json.loads(out)["paths"]) >= 4


def test_path_direction_and_no_path_exit_1(capsys):
    code, out, err = run(capsys, "path", "remote healthcare", "China Mobile", "--direction", "forward")
    assert code == 1 and err == "" and out.startswith("No path")
    code, out, _ = run(capsys, "path", "remote healthcare", "China Mobile", "--direction", "backward")
    assert code == 0 and "—supported by→ hospital partners" in out
    code, out, _ = run(capsys, "path", "remote healthcare", "China Mobile", "--direction", "forward", "--format", "json")
    assert code == 1 and json.loads(out)["paths"] == []


def test_path_usage_errors(capsys):
    code, _, err = run(capsys, "path", "China Mobile", "China Mobile")
    assert code == 2
    assert_one_error_line(err, "same entity")
    code, _, err = run(capsys, "path", "China Mobile", "Ningbo", "--k", "2", "--all")
    assert code == 2
    assert_one_error_line(err, "not allowed with")
    code, _, err = run(capsys, "path", "China Mobile", "Ningbo", "--via-class", "no such class at all")
    assert code == 2
    assert_one_error_line(err, 'no class is labelled "no such class at all"')


# ------------------------------------------------------------------ stats

def _dataset_files(tmp_path: Path) -> list[Path]:
    """The same small dataset (with named graphs where the format has them) in every format."""
    ex = "http://example.org/"
    quads = [
        ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "p"), ox.NamedNode(ex + "b")),
        ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "name"), ox.Literal("Ningbo", language="en")),
        ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "name"), ox.Literal("宁波", language="zh")),
        ox.Quad(ox.BlankNode("x"), ox.NamedNode(ex + "p"), ox.Literal("7", datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    named = [
        ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "p"), ox.NamedNode(ex + "b"), ox.NamedNode(ex + "g1")),
        ox.Quad(ox.NamedNode(ex + "c"), ox.NamedNode(ex + "p"), ox.NamedNode(ex + "d"), ox.NamedNode(ex + "g2")),
    ]
    files = []
    for suffix, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".nt", ox.RdfFormat.N_TRIPLES), (".rdf", ox.RdfFormat.RDF_XML),
                        (".jsonld", ox.RdfFormat.JSON_LD)):
        path = tmp_path / f"data{suffix}"
        ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], str(path), fmt)
        files.append(path)
    for suffix, fmt in ((".nq", ox.RdfFormat.N_QUADS), (".trig", ox.RdfFormat.TRIG)):
        path = tmp_path / f"data{suffix}"
        ox.serialize(quads + named, str(path), fmt)
        files.append(path)
    return files


def test_stats_agrees_with_oxigraph_on_every_format(capsys, tmp_path):
    from explorer.core import bundled

    for path in [*_dataset_files(tmp_path), bundled.bundled_graph_files()[-1]]:
        store = ox.Store()
        store.load(path=str(path))
        code, out, err = run(capsys, "stats", "--data", str(path), "--format", "json")
        assert code == 0 and err == "", (path, err)
        document = json.loads(out)
        assert document["quads"] == len(store), path
        assert document["files"][0]["path"] == str(path)
    code, out, _ = run(capsys, "stats", "--data", str(tmp_path / "data.nq"), "--format", "json")
    document = json.loads(out)
    assert (document["quads"], document["triples"]) == (6, 5)  # a → b is in the default graph and in g1


#: Things in the world in the bundled graph and ontology (named individuals such as kg:Forward count).
BUNDLED_ENTITIES = 45


def test_stats_counts_things_in_the_world_as_entities(capsys, bundled_graph):
    """Entities leave out classes, properties, the ontology and evidence records; resources count everything."""
    in_the_world = bundled_graph.query(
        "PREFIX kg: <https://w3id.org/kg-explorer/ontology#> SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { "
        "{ ?s a ?c FILTER(STRSTARTS(STR(?c), STR(kg:)) && ?c != kg:Evidence) } "
        "UNION { ?s a <http://www.w3.org/2002/07/owl#NamedIndividual> } "
        # the ontology's named values (exposure directions, the quarter as a calendar unit) are not things
        "FILTER NOT EXISTS { ?s a ?value FILTER(?value IN (kg:ExposureDirection, <http://www.w3.org/2006/time#TemporalUnit>)) } }"
    ).rows[0][0].toPython()
    every_subject = bundled_graph.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython()
    code, out, _ = run(capsys, "stats", "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["entities"] == in_the_world == BUNDLED_ENTITIES
    assert document["resources"] == every_subject > 150
    code, out, _ = run(capsys, "stats")
    assert f"Entities    {BUNDLED_ENTITIES}" in out


def test_stats_with_several_files_and_table(capsys, tmp_path):
    files = _dataset_files(tmp_path)
    code, out, _ = run(capsys, "stats", "--data", str(files[0]), "--data", str(files[4]))
    assert code == 0
    store = ox.Store()
    for path in (files[0], files[4]):
        store.load(path=str(path))
    assert f"Quads       {len(store)}" in out
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert "Classes" in out and "Predicates" in out and "kg:TelecomOperator" in out


# ------------------------------------------------------------------ search, describe, neighbors

def test_search_table_json_and_no_match(capsys):
    code, out, _ = run(capsys, "search", "中国")
    assert code == 0 and "China Mobile (中国移动)" in out and "d:ChinaMobile" in out
    code, out, _ = run(capsys, "search", "zhejiang", "--limit", "2", "--format", "json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2
    assert set(hits[0]) == {"iri", "label", "class", "class_label", "matched", "score"}
    assert hits[0]["iri"] == D + "Zhejiang"
    code, out, _ = run(capsys, "search", "qqqzzzx")
    assert code == 1 and "No entity matches" in out


def test_describe_by_label_prefixed_name_and_iri(capsys):
    outputs = [run(capsys, "describe", text) for text in ("China Mobile Zhejiang", "d:ChinaMobileZhejiang",
                                                          D + "ChinaMobileZhejiang", f"<{D}ChinaMobileZhejiang>")]
    assert all(code == 0 for code, _, _ in outputs)
    assert len({out for _, out, _ in outputs}) == 1
    out = outputs[0][1]
    assert "—established→ Zhejiang 5G industry alliance" in out
    assert "—branch of→ China Mobile" in out
    assert '"China Mobile\'s Zhejiang branch established a 5G industry alliance"' in out


def test_describe_json(capsys):
    code, out, _ = run(capsys, "describe", "China Mobile", "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert list(document) == ["iri", "qname", "label", "labels", "classes", "superclasses", "equivalent_classes",
                              "properties", "outgoing", "incoming", "omitted_outgoing", "omitted_incoming",
                              "omitted_outgoing_at_least", "omitted_incoming_at_least"]
    assert document["omitted_incoming_at_least"] is False  # the embedded store counts exactly
    assert {"text": "中国移动", "language": "zh", "predicate": "http://www.w3.org/2000/01/rdf-schema#label"} in document["labels"]
    branch = next(e for e in document["outgoing"] if e["other"] == D + "ChinaMobileZhejiang")
    assert branch["words"] == "has branch" and branch["evidence"][0]["quote"]


def test_neighbors(capsys):
    code, out, _ = run(capsys, "neighbors", "Ningbo")
    assert code == 0
    assert "—located in→" in out and "Zhejiang" in out and "China " not in out
    code, out, _ = run(capsys, "neighbors", "Ningbo", "--hops", "2", "--format", "json")
    document = json.loads(out)
    assert {link["distance"] for link in document["links"]} == {1, 2}
    assert any(link["to"] == D + "China" and link["distance"] == 2 for link in document["links"])
    code, out, _ = run(capsys, "neighbors", "China", "--limit", "1", "--direction", "in")
    assert code == 0 and "more link(s) left out" in out
    code, out, _ = run(capsys, "neighbors", "China", "--hops", "3", "--max-links", "4", "--format", "json")
    document = json.loads(out)
    assert len(document["links"]) == 4 and document["stopped_at_max_links"] is True


def test_cjk_table_columns_line_up_and_fit(capsys, acme_file, monkeypatch):
    code, out, _ = run(capsys, "describe", "Port of Ningbo", "--data", str(acme_file))
    assert code == 0 and "宁波港 @zh" in out
    monkeypatch.setenv("COLUMNS", "50")
    code, out, _ = run(capsys, "search", "Ningbo")
    assert code == 0
    assert all(cli.display_width(line) <= 50 for line in out.splitlines())
    assert "…" in out


# ------------------------------------------------------------------ query

SELECT_CITIES = "SELECT ?city ?label WHERE { ?city a kg:City ; rdfs:label ?label } ORDER BY ?label"


def test_query_table_uses_known_prefixes(capsys):
    code, out, _ = run(capsys, "query", SELECT_CITIES)
    assert code == 0
    assert out.splitlines()[0].split() == ["city", "label"]
    assert "d:Ningbo" in out and "宁波@zh" in out and out.rstrip().endswith("(2 rows)")


@pytest.mark.parametrize("fmt,parser", [
    ("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML), ("tsv", ox.QueryResultsFormat.TSV),
])
def test_query_w3c_formats_round_trip(capsys, fmt, parser):
    code, out, _ = run(capsys, "query", SELECT_CITIES, "--format", fmt)
    assert code == 0
    rows = [tuple(s) for s in ox.parse_query_results(out.encode("utf-8"), parser)]
    assert rows == [
        (ox.NamedNode(D + "Ningbo"), ox.Literal("Ningbo", language="en")),
        (ox.NamedNode(D + "Ningbo"), ox.Literal("宁波", language="zh")),
    ]


def test_query_csv_ask_construct_and_empty(capsys, tmp_path):
    code, out, _ = run(capsys, "query", SELECT_CITIES, "--format", "csv")
    assert code == 0 and out == f"city,label\r\n{D}Ningbo,Ningbo\r\n{D}Ningbo,宁波\r\n"
    assert run(capsys, "query", "ASK { d:ChinaMobile ?p ?o }")[:2] == (0, "true\n")
    assert run(capsys, "query", "ASK { d:Nobody ?p ?o }")[:2] == (1, "false\n")
    code, out, _ = run(capsys, "query", "SELECT ?x WHERE { ?x d:nothing ?y }")
    assert code == 1 and "(0 rows)" in out
    code, out, _ = run(capsys, "query", "CONSTRUCT { d:Ningbo ?p ?o } WHERE { d:Ningbo ?p ?o }")
    assert code == 0
    back = list(ox.parse(out.encode("utf-8"), ox.RdfFormat.TURTLE))
    assert back and all(t.subject == ox.NamedNode(D + "Ningbo") for t in back)
    code, out, _ = run(capsys, "query", "DESCRIBE d:Ningbo", "--format", "tsv")
    assert code == 0 and list(ox.parse(out.encode("utf-8"), ox.RdfFormat.N_TRIPLES))
    query_file = tmp_path / "cities.rq"
    query_file.write_text(SELECT_CITIES, encoding="utf-8")
    assert run(capsys, "query", f"@{query_file}", "--format", "csv")[1].startswith("city,label\r\n")


def test_query_update_only_when_allowed(capsys, acme_file):
    code, out, _ = run(capsys, "query", "INSERT DATA { <http://e/x> <http://e/y> <http://e/z> }", "--allow-update",
                       "--data", str(acme_file))
    assert code == 0 and "5 quads before, 6 after" in out
    assert acme_file.read_text(encoding="utf-8").count("http://e/x") == 0


@pytest.mark.parametrize("query,fragment", [
    ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "--allow-network"),
    ("DELETE WHERE { ?s ?p ?o }", "--allow-update"),
    ("INSERT DATA { <http://e/x> <http://e/y> <http://e/z> }", "--allow-update"),
])
def test_refused_queries_load_nothing_and_connect_nowhere(capsys, monkeypatch, query, fragment):
    def forbidden(*args, **kwargs):
        raise AssertionError("nothing may be loaded or connected for a refused query")

    monkeypatch.setattr(KnowledgeGraph, "bundled", classmethod(forbidden))
    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    code, out, err = run(capsys, "query", query)
    assert code == 2 and out == ""
    assert_one_error_line(err, "refused", fragment)


def test_bad_sparql_names_line_and_column(capsys, tmp_path):
    code, _, err = run(capsys, "query", "SELECT ?s WHERE {\n  ?s ?p \n}")
    assert code == 2
    assert_one_error_line(err, "line 3, column ", "syntax error")
    query_file = tmp_path / "broken.rq"
    query_file.write_text("SELECT ?s\nWHERE { ?s a kg:City ;\n  rdfs:label }\n", encoding="utf-8")
    code, _, err = run(capsys, "query", f"@{query_file}")
    assert code == 2
    assert_one_error_line(err, f"{query_file}:3:", ": syntax error")
    code, _, err = run(capsys, "query", "@" + str(tmp_path / "missing.rq"))
    assert code == 2
    assert_one_error_line(err, "missing.rq", "No such file")


# ------------------------------------------------------------------ validate

def test_validate_bundled_graph_conforms(capsys):
    code, out, _ = run(capsys, "validate", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"conforms": True, "results": []}


def test_validate_reports_violations_with_exit_1(capsys, acme_file, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<http://example.org/SupplierShape> a sh:NodeShape ;\n"
        "  sh:targetSubjectsOf <http://example.org/supplies> ;\n"
        "  sh:property [ sh:path <http://example.org/since> ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", "--data", str(acme_file), "--shapes", str(shapes))
    assert code == 1
    assert "does not conform" in out and "e:acme1" in out and "e:since" in out
    code, out, _ = run(capsys, "validate", "--data", str(acme_file), "--shapes", str(shapes), "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["conforms"] is False
    assert document["results"][0]["focus"] == "http://example.org/acme1"


# ------------------------------------------------------------------ errors, usage, gui

def test_each_bad_input_is_one_error_line_and_exit_2(capsys, tmp_path, acme_file):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix e: <http://e/> .\ne:a e:b e:c .\ne:d e:e \"open\n", encoding="utf-8")
    cases = [
        (["stats", "--data", str(tmp_path / "missing.ttl")], ["missing.ttl", "No such file"]),
        (["stats", "--data", str(broken)], [f"{broken}:3:", "syntax error"]),
        (["describe", "Acme", "--data", str(acme_file)],
         ['"Acme" is ambiguous', "<http://example.org/acme1>", "<http://example.org/acme2>"]),
        (["describe", "d:NoSuchThing"], ["no entity d:NoSuchThing"]),
        (["describe", "a label nobody uses"], ['no entity is labelled "a label nobody uses"']),
        (["neighbors", "Acme", "--data", str(acme_file)], ["ambiguous"]),
        (["path", "Acme", "Port of Ningbo", "--data", str(acme_file)], ["ambiguous"]),
        (["stats", "--data", str(tmp_path)], ["is a folder"]),
        (["frobnicate"], ["invalid choice"]),
        (["search"], ["required: TEXT"]),
        (["stats", "--format", "xml"], ["invalid choice: 'xml'"]),
        (["neighbors", "Ningbo", "--hops", "zero"], ["not a whole number"]),
        (["query", ""], ["empty"]),
    ]
    for argv, fragments in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2, (argv, code, out, err)
        assert_one_error_line(err, *fragments)


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "path" in out and "query" in out
    code, out, _ = run(capsys, "path", "--help")
    assert code == 0 and "--via-class" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("kg-explorer ")


def test_no_arguments_opens_the_gui(capsys, monkeypatch):
    opened = []
    fake = types.ModuleType("explorer.ui.app.application")
    fake.main = lambda files=None, argv=None: opened.append(files) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "explorer.ui.app.application", fake)
    assert cli.main([]) == 0
    assert cli.main(["gui", "a.ttl", "--data", "b.ttl"]) == 0
    assert opened == [None, ["b.ttl", "a.ttl"]]


def test_gui_that_cannot_start_is_one_error_line(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "explorer.ui.app.application", None)  # the import fails
    code, _, err = run(capsys, "gui")
    assert code == 2
    assert_one_error_line(err, "the desktop app cannot start")


def test_a_new_command_is_one_registration(capsys, monkeypatch):
    monkeypatch.setitem(cli.COMMANDS, "hello", cli.Command("hello", "say hello", lambda args, ctx: ctx.write("hi") or 0))
    assert run(capsys, "hello") == (0, "hi\n", "")


def test_installed_console_script(tmp_path):
    """The entry point works, and a bad input gives one error line and no traceback."""
    script = shutil.which("kg-explorer", path=os.path.dirname(sys.executable))
    assert script is not None, "kg-explorer is not installed next to the test interpreter"
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # output must still be UTF-8
    ok = subprocess.run([script, "path", "China Mobile", "remote healthcare", "--evidence"],
                        capture_output=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.decode("utf-8").startswith(CHAIN_1)
    bad = subprocess.run([script, "describe", "no such entity anywhere"], capture_output=True, env=env, timeout=120)
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert bad.stderr.decode("utf-8") == 'error: no entity is labelled "no such entity anywhere"\n'


def test_docstring_examples():
    import doctest

    from explorer.cli import output

    result = doctest.testmod(output)
    assert result.attempted >= 2 and result.failed == 0


def test_describe_shows_the_evidence_of_literal_values(capsys):
    """A count or a share stated in the article carries its quote, as links do."""
    code, out, _ = run(capsys, "describe", "d:ChineseVendorsShareObservation")
    assert code == 0
    value_line = out.index("  value: 61")
    assert out.index('"Chinese smartphone vendors accounted for 61 percent"') > value_line
    code, out, _ = run(capsys, "describe", "d:ChineseVendorsShareObservation", "--format", "json")
    value = next(p for p in json.loads(out)["properties"] if p["value"] == "61")
    assert [e["quote"] for e in value["evidence"]] == ["Chinese smartphone vendors accounted for 61 percent"]
    code, out, _ = run(capsys, "describe", "d:ChineseVendorsShareObservation", "--no-evidence")
    assert "accounted for 61 percent\"" not in out
