"""Curation against Virtuoso: the same edits become INSERT DATA / DELETE DATA into the analyst's graph."""

from __future__ import annotations

import json

import pytest

from explorer.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.endpoint
def test_curation_on_virtuoso_goes_to_the_analysts_graph(capsys, tmp_path, virtuoso, monkeypatch):
    monkeypatch.setenv("KGX_DBA", "dba")
    server = ("--endpoint", virtuoso.url, "--update-endpoint", virtuoso.auth_url, "--auth", "digest",
              "--user", "dba", "--password-env", "KGX_DBA")
    code, _, err = run(capsys, "entity", "add", "Acme Telecom", "--class", "telecom operator", "--analyst", "Remote",
                       *server)
    assert code == 2 and "pass --allow-update" in err
    code, out, err = run(capsys, "entity", "add", "Acme Telecom", "--class", "telecom operator", "--analyst", "Remote",
                         "--allow-update", *server)
    assert code == 0, err
    assert out.startswith("Add Acme Telecom on the endpoint")
    code, out, err = run(capsys, "fact", "add", "Acme Telecom", "member of", "Zhejiang 5G industry alliance",
                         "--background", "test", "--analyst", "Remote", "--allow-update", *server)
    assert code == 0, err
    code, out, _ = run(capsys, "query", "ASK { GRAPH <https://w3id.org/kg-explorer/edits/Remote> "
                       "{ ?s <http://www.w3.org/ns/org#memberOf> ?o } }", "--format", "json", "--endpoint", virtuoso.url)
    assert json.loads(out)["boolean"] is True
    code, out, _ = run(capsys, "fact", "add", "Acme Telecom", "located in", "China Mobile", "--background", "x",
                       "--analyst", "Remote", "--allow-update", *server)
    assert code == 1 and "needs a location" in out
    code, out, err = run(capsys, "fact", "retract", "Acme Telecom", "member of", "Zhejiang 5G industry alliance",
                         "--background", "test over", "--analyst", "Remote", "--allow-update", *server)
    assert code == 0, err
    code, out, _ = run(capsys, "query", "ASK { ?s <http://www.w3.org/ns/org#memberOf> ?o FILTER(CONTAINS(STR(?s), 'Acme')) }",
                       "--format", "json", "--endpoint", virtuoso.url)
    assert json.loads(out)["boolean"] is False
