"""``kg-explorer analyze`` and ``kg-explorer risk``: formats, exit codes, chains with their quotes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli_support import run

D = "https://w3id.org/kg-explorer/data/"


pytestmark = pytest.mark.usefixtures("shared_bundled_graph")


def test_centrality_table_json_and_csv(capsys):
    code, out, _ = run(capsys, "analyze", "centrality", "--top", "3")
    assert code == 0 and "PageRank over" in out and "5G smartphones" in out
    code, out, _ = run(capsys, "analyze", "centrality", "--measure", "degree", "--format", "json", "--top", "5")
    data = json.loads(out)
    assert data["measure"] == "degree" and len(data["ranking"]) == 5
    values = [row["value"] for row in data["ranking"]]
    assert values == sorted(values, reverse=True)
    code, out, _ = run(capsys, "analyze", "centrality", "--measure", "betweenness", "--focus", "China Mobile",
                       "--hops", "4", "--format", "csv", "--top", "2")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["rank", "iri", "label", "betweenness"]
    assert rows[1][1] == D + "Zhejiang5GIndustryAlliance"


def test_communities_with_brokers(capsys):
    code, out, _ = run(capsys, "analyze", "communities", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["modularity"] > 0.3
    assert sum(c["size"] for c in data["communities"]) == data["entities"]
    assert any(b["iri"] == D + "Zhejiang5GIndustryAlliance" for b in data["brokers"])
    assert [c["community"] for c in data["communities"]] == list(range(1, len(data["communities"]) + 1))
    assert all(b["community"] >= 1 and min(b["reaches"]) >= 1 for b in data["brokers"])
    code, out, _ = run(capsys, "analyze", "communities")
    assert "Brokers between communities:" in out


def test_bad_usage_is_one_line(capsys):
    code, _out, err = run(capsys, "analyze", "centrality", "--measure", "closeness")
    assert code == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "analyze", "centrality", "--focus", "no such thing at all")
    assert code == 2 and err.startswith("error:")


def test_risk_explains_china_mobile_with_quotes(capsys):
    code, out, _ = run(capsys, "risk", "China Mobile")
    assert code == 0
    assert "China Mobile is exposed to sophisticated cyberattacks" in out
    assert "industrial internet" in out and "Zhejiang 5G industry alliance" in out
    assert '"the industrial internet is far more complex and more vulnerable to sophisticated cyberattacks"' in out
    assert "Liu warns of sophisticated cyberattacks" in out


def test_risk_ranking_json_and_why_not(capsys):
    code, out, _ = run(capsys, "risk", "--risk", "sophisticated cyberattacks", "--format", "json")
    data = json.loads(out)
    assert code == 0
    scores = [item["score"] for item in data["exposed"]]
    assert scores == sorted(scores, reverse=True)
    cm = next(item for item in data["exposed"] if item["entity"]["iri"] == D + "ChinaMobile")
    assert all(hop["evidence"] for hop in cm["chains"][0]["hops"])
    code, out, _ = run(capsys, "risk", "consumer internet applications")
    assert code == 1 and "Why not:" in out and "more vulnerable than" in out
