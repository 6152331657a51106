"""Queries nested or chained beyond what the engine survives are refused before it sees them.

The engine overflows its stack (the process dies with a segmentation fault) at a few
thousand levels of nesting or elements in one group. The guard refuses such a query with
one line; the CLI exits 2; the process stays up; real queries still run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.graph import KnowledgeGraph
from explorer.core.query_checks import MAX_GROUP_ELEMENTS, MAX_NESTING, QueryTooComplex, check_shape, nesting_depth
from explorer.core.sparql import QueryPolicy

ROOT = Path(__file__).resolve().parents[2]


def nested(kind: str, n: int) -> str:
    """A query with ``n`` levels (or ``n`` chained elements) of one construct."""
    if kind == "groups":
        return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n
    if kind == "subqueries":
        return "SELECT * WHERE { " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n + " }"
    if kind == "parentheses":
        return "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * n + "1" + ")" * n + ") }"
    if kind == "optional":
        return "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * n + "}" * n + " }"
    if kind == "union":
        return "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }"
    if kind == "path":
        return "SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * n) + " ?o }"
    if kind == "alternatives":
        return "SELECT * WHERE { ?s " + "|".join(["<urn:p>"] * n) + " ?o }"
    if kind == "sum":
        return "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["1"] * n) + " > 0) }"
    if kind == "negations":
        return "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * n + "true) }"
    if kind == "binds":
        return "SELECT * WHERE { ?s ?p ?o " + "".join(f"BIND({i} AS ?v{i}) " for i in range(n)) + "}"
    if kind == "path_parentheses":
        return "SELECT * WHERE { ?s " + "(" * n + "<urn:p>" + ")" * n + " ?o }"
    if kind == "update":
        return "INSERT { <urn:a> <urn:b> ?o } WHERE " + "{" * n + " ?s ?p ?o " + "}" * n
    raise AssertionError(kind)


KINDS = ["groups", "subqueries", "parentheses", "optional", "union", "path", "alternatives", "sum", "negations",
         "binds", "path_parentheses", "update"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_cli_refuses_what_would_crash_the_engine(kind: str, tmp_path: Path) -> None:
    # 12 000 levels/elements crash the engine in every one of these constructs (measured).
    query = tmp_path / "deep.rq"
    query.write_text(nested(kind, 12000), encoding="utf-8")
    data = tmp_path / "one.nt"
    data.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "explorer", "query", f"@{query}", "--data", str(data),
                           "--allow-update"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2, done.stderr[-500:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "at most" in lines[0] or "split" in lines[0]


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(KINDS), n=st.integers(MAX_NESTING + 1, 6000))
def test_beyond_the_limits_is_refused_in_the_app_which_stays_up(kind: str, n: int) -> None:
    if kind in ("union", "path", "alternatives", "sum", "binds", "negations"):
        n = max(n, MAX_GROUP_ELEMENTS + 1)
    kg = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    with pytest.raises(QueryTooComplex, match=r"at most|split"):
        kg.query(nested(kind, n))
    assert kg.query("ASK { }").boolean is True  # still up, still answering


@settings(max_examples=40, deadline=None)
@given(kind=st.sampled_from(KINDS), n=st.integers(1, 40))
def test_ordinary_queries_run(kind: str, n: int) -> None:
    kg = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    kg.query("INSERT DATA { <urn:a> <urn:p> <urn:b> }")
    if kind in ("path", "subqueries", "optional") and n > 12:
        n = 12  # the engine is slow (not unsafe) on long paths and deep OPTIONAL chains
    kg.query(nested(kind, n), timeout=60)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("{}()[]\"'#<>\n\r x")), max_size=300))
def test_no_character_can_hide_a_bracket(text: str) -> None:
    # Every bracket character counts: depth is never less than that of the brackets alone.
    only_openers = sum(1 for char in text if char in "{([")
    hidden = text + "{" * (MAX_NESTING + 1)
    assert nesting_depth(hidden) >= MAX_NESTING + 1
    assert nesting_depth(text) <= only_openers


def test_data_blocks_are_not_counted_as_elements() -> None:
    triples = " ".join(f"<urn:s{i}> <urn:p> {-i} ." for i in range(20000))
    check_shape(f"INSERT DATA {{ GRAPH <urn:g> {{ {triples} }} }}")
    values = " ".join(f"<urn:s{i}>" for i in range(20000))
    check_shape(f"SELECT * WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
    with pytest.raises(QueryTooComplex):
        check_shape(f"SELECT * WHERE {{ FILTER(?s IN ({', '.join(f'<urn:s{i}>' for i in range(20000))})) }}")


def test_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import explorer.core.query_checks as checks

    monkeypatch.setattr(checks, "MAX_SPARQL_CHARS", 1000)
    with pytest.raises(QueryTooComplex, match="characters long"):
        QueryPolicy().check("SELECT * WHERE { ?s ?p ?o } #" + "x" * 1000)
