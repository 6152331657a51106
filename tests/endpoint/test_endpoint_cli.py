"""The command line against a SPARQL endpoint: ``--endpoint URL`` on every command."""

from __future__ import annotations

import json

import pytest
from server_process import free_port  # tests/endpoint is on sys.path (conftest)

from explorer.cli import main
from explorer.core.graph import KnowledgeGraph
from explorer.services.endpoints import EndpointProfile, store_secret

BUNDLED_GRAPH = "urn:kg-explorer:test:bundled"
# What the server was loaded with: the bundled files, counted by the embedded store.
BUNDLED_TRIPLES = len(KnowledgeGraph.bundled())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_down_endpoint_is_one_line_error(capsys):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    code, out, err = run(capsys, "search", "china", "--endpoint", url)
    assert code == 2 and out == ""
    assert err == f"error: cannot reach {url}: connection refused (is the server running?)\n"


def test_endpoint_and_data_do_not_mix(capsys):
    code, _, err = run(capsys, "stats", "--endpoint", "http://127.0.0.1:9/sparql", "--data", "x.ttl")
    assert code == 2 and "cannot be combined" in err


def test_missing_secret_says_where_to_put_it(capsys, memory_keyring):
    code, _, err = run(capsys, "stats", "--endpoint", "http://127.0.0.1:9/sparql", "--user", "ann")
    assert code == 2 and "no password or token for basic:ann@http://127.0.0.1:9/sparql" in err
    code, _, err = run(capsys, "stats", "--endpoint", "http://127.0.0.1:9/sparql", "--token-env", "NO_SUCH_VARIABLE_X")
    assert code == 2 and "NO_SUCH_VARIABLE_X is not set" in err


@pytest.mark.endpoint
def test_search_describe_path_stats_on_the_server(capsys, virtuoso):
    remote = ("--endpoint", virtuoso.url, "--default-graph", BUNDLED_GRAPH)
    code, out, _ = run(capsys, "search", "china mob", "--format", "json", *remote)
    assert code == 0
    assert json.loads(out)[0]["iri"].endswith("/ChinaMobile")
    code, out, _ = run(capsys, "describe", "China Mobile", *remote)
    assert code == 0 and "China Mobile Zhejiang" in out
    code, out, _ = run(capsys, "path", "China Mobile", "d:FiveGRemoteHealthcareServices", *remote)
    assert code == 0 and "China Mobile —has branch→ China Mobile Zhejiang" in out
    code, out, _ = run(capsys, "stats", "--format", "json", *remote)
    assert code == 0 and json.loads(out)["triples"] == BUNDLED_TRIPLES


@pytest.mark.endpoint
def test_query_refuses_service_and_updates_by_default(capsys, virtuoso):
    remote = ("--endpoint", virtuoso.url, "--default-graph", BUNDLED_GRAPH)
    code, _, err = run(capsys, "query", "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }", *remote)
    assert code == 2 and "SERVICE" in err
    code, _, err = run(capsys, "query", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", *remote)
    assert code == 2 and "Update is refused" in err


@pytest.mark.endpoint
def test_update_with_the_password_from_the_keyring(capsys, virtuoso, memory_keyring):
    store_secret(EndpointProfile(virtuoso.url, auth_kind="digest", user="dba"), "dba")
    insert = "INSERT DATA { GRAPH <urn:kg-explorer:test:cli> { <http://e/a> <http://e/b> <http://e/c> } }"
    code, _, err = run(capsys, "query", insert, "--allow-update", "--endpoint", virtuoso.url,
                       "--update-endpoint", virtuoso.auth_url, "--auth", "digest", "--user", "dba")
    assert code == 0, err
    code, out, _ = run(capsys, "query", "ASK { <http://e/a> <http://e/b> <http://e/c> }", "--format", "json",
                       "--endpoint", virtuoso.url, "--default-graph", "urn:kg-explorer:test:cli")
    assert code == 0 and json.loads(out)["boolean"] is True


@pytest.mark.endpoint
def test_wrong_password_is_refused(capsys, virtuoso, monkeypatch):
    monkeypatch.setenv("KGX_TEST_PASSWORD", "wrong")
    code, _, err = run(capsys, "query", "INSERT DATA { GRAPH <urn:x> { <http://e/a> <http://e/b> <http://e/c> } }",
                       "--allow-update", "--endpoint", virtuoso.url, "--update-endpoint", virtuoso.auth_url,
                       "--auth", "digest", "--user", "dba", "--password-env", "KGX_TEST_PASSWORD")
    assert code == 2 and "refused access (HTTP 401)" in err


def test_gui_opens_on_the_endpoint(capsys, monkeypatch):
    import explorer.ui.app.application as app

    opened = {}
    monkeypatch.setattr(app, "main", lambda files=None, argv=None, endpoint=None: opened.update(files=files, endpoint=endpoint))
    monkeypatch.setenv("KGX_TEST_TOKEN", "t0ken")
    code, _, err = run(capsys, "gui", "--endpoint", "https://kg.example.org/sparql", "--default-graph", "urn:g",
                       "--token-env", "KGX_TEST_TOKEN")
    assert code == 0, err
    config = opened["endpoint"]
    assert opened["files"] is None
    assert (config.url, config.default_graph, config.auth.kind, config.auth.secret) == (
        "https://kg.example.org/sparql", "urn:g", "bearer", "t0ken")


@pytest.mark.endpoint
def test_path_and_describe_list_every_record_on_the_server(capsys, virtuoso):
    remote = ("--endpoint", virtuoso.url, "--default-graph", BUNDLED_GRAPH)
    code, out, err = run(capsys, "path", "d:CAICT", "d:SophisticatedCyberattacks", "--evidence", "--format", "json", *remote)
    assert code == 0, err
    records = json.loads(out)["paths"][0]["hops"][-1]["evidence"]
    assert [(r["sentence_index"], r["line_number"], r["start"], r["end"]) for r in records] == [
        (12, 9, 1700, 1874), (13, 10, 1875, 2014)]
    code, out, err = run(capsys, "describe", "d:IndustrialInternet", *remote)
    assert code == 0, err
    assert "sentence 9, line 7, characters 1448–1476" in out and "sentence 10, line 7, characters 1557–1600" in out
