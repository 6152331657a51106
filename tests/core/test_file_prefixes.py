"""A file's own prefix declarations win over the app's built-in ones, everywhere a prefix acts.

The built-in ``d:`` and ``schema:`` name the app's own data and schema.org; a file that binds
them to other namespaces means its own: in queries, ``describe``, search and display, and in
a snapshot reopened without the data.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import PREFIXES
from explorer.services import snapshots as sn
from explorer.services import subgraph as sg

ROOT = Path(__file__).resolve().parents[2]
ACME = "http://acme.example/ns/"


def _document(kind: str, prefix: str, namespace: str) -> bytes:
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    if kind == "rdf":
        return (f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                f'xmlns:{prefix}="{namespace}" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
                f'<rdf:Description rdf:about="{namespace}widget"><{prefix}:madeBy rdf:resource="{namespace}acme"/>'
                f'<rdfs:label>Widget thing</rdfs:label></rdf:Description>\n'
                f'<rdf:Description rdf:about="{namespace}acme"><rdfs:label>Acme works</rdfs:label></rdf:Description>\n'
                f'</rdf:RDF>\n').encode()
    declaration = f"PREFIX {prefix}: <{namespace}>" if kind == "ttl-sparql" else f"@prefix {prefix}: <{namespace}> ."
    body = (f"{prefix}:widget {prefix}:madeBy {prefix}:acme ; <{label}> \"Widget thing\" .\n"
            f"{prefix}:acme <{label}> \"Acme works\" .\n")
    if kind == "trig":
        body = "{\n" + body + "}\n"
    return f"# a comment first\n{declaration}\n{body}".encode()


SUFFIX = {"ttl": ".ttl", "ttl-sparql": ".ttl", "trig": ".trig", "n3": ".n3", "rdf": ".rdf"}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(SUFFIX)), prefix=st.sampled_from(["d", "schema", "kg", "acme"]),
       gzipped=st.booleans())
def test_the_files_prefix_wins_in_names_queries_describe_and_search(kind, prefix, gzipped,
                                                                     tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("prefixes") / f"data{SUFFIX[kind]}{'.gz' if gzipped else ''}"
    data = _document(kind, prefix, ACME)
    path.write_bytes(gzip.compress(data) if gzipped else data)
    kg = KnowledgeGraph()
    kg.load([path])
    assert kg.prefixes[prefix] == ACME
    assert kg.expand(f"{prefix}:widget") == ACME + "widget"
    assert kg.qname(ACME + "widget") == f"{prefix}:widget"
    assert kg.resolve(f"{prefix}:widget") == ACME + "widget"
    assert f"PREFIX {prefix}: <{ACME}>" in kg.prefix_block()
    hit = kg.search("widget", limit=1)[0]
    assert kg.qname(hit.entity) == f"{prefix}:widget"
    description = kg.describe(ACME + "widget")
    assert [edge.other for edge in description.outgoing] == [ACME + "acme"]
    # The other built-in prefixes still work.
    other = next(p for p in ("rdfs", "owl") if p != prefix)
    assert kg.prefixes[other] == PREFIXES[other]


@pytest.mark.parametrize("prefix", ["d", "schema"])
def test_the_cli_query_and_describe_use_the_files_prefix(prefix, tmp_path):
    path = tmp_path / "data.ttl.gz"
    path.write_bytes(gzip.compress(_document("ttl", prefix, ACME)))
    done = subprocess.run([sys.executable, "-m", "explorer", "query", f"SELECT ?o WHERE {{ {prefix}:widget {prefix}:madeBy ?o }}",
                           "--data", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{prefix}:acme" in done.stdout and "(1 row)" in done.stdout
    done = subprocess.run([sys.executable, "-m", "explorer", "describe", f"{prefix}:widget", "--data", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"IRI: {ACME}widget" in done.stdout and f"({prefix}:acme)" in done.stdout


@pytest.mark.parametrize("prefix", ["d", "acme", "schema"])
def test_a_reopened_snapshot_keeps_the_files_prefixes(prefix, tmp_path):
    path = tmp_path / "data.ttl"
    path.write_bytes(_document("ttl", prefix, ACME))
    kg = KnowledgeGraph()
    kg.load([path])
    chosen = sg.from_focus(kg, ACME + "widget", 1)
    saved = sn.save_snapshot(tmp_path / "view", kg, sg.to_scene(kg, chosen), title="widgets", subgraph=chosen)
    reopened = sn.open_snapshot(saved.path)
    assert reopened.prefixes().get(prefix) == ACME
    own = reopened.own_graph()
    assert own.qname(ACME + "widget") == f"{prefix}:widget"
    assert own.expand(f"{prefix}:acme") == ACME + "acme"
