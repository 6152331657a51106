"""A user's query cannot take the app's memory: it runs in a child with a limit, and is stopped there.

Without the limit, a sorted cross product of a few thousand triples allocates gigabytes
(under ``--timeout`` too: a query in a thread cannot be stopped, only abandoned).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from explorer.core.backends.isolation import isolation_available
from explorer.core.errors import Cancelled, QueryError, QueryTimeout
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken

pytestmark = pytest.mark.skipif(not isolation_available(), reason="queries run apart on Linux only")

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 200

# Each would take well over a gigabyte on 3,000 triples.
GREEDY = {
    "sorted cross product": "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b ?d",
    "distinct cross product": "SELECT DISTINCT ?a ?c ?b ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a",
    "concatenation": "SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?c))) AS ?all) WHERE { ?a ?p ?b . ?c ?q ?d }",
    "constructed cross product": "CONSTRUCT { ?a ?q ?c } WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?b",
}


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    graph.query("INSERT DATA { " + " ".join(f"<urn:s{i}> <urn:p> {i} ." for i in range(3000)) + " }")
    return graph


def _children() -> list[psutil.Process]:
    return psutil.Process().children()


@pytest.mark.parametrize("name", sorted(GREEDY))
def test_a_greedy_query_is_stopped_at_the_limit_and_the_app_keeps_its_memory(kg: KnowledgeGraph, name: str) -> None:
    before = psutil.Process().memory_info().rss
    with pytest.raises(QueryError, match=f"more than the {LIMIT_MB} MB"):
        kg.query(GREEDY[name], timeout=120, memory_mb=LIMIT_MB)
    assert psutil.Process().memory_info().rss - before < 100 * 1024 * 1024
    assert _children() == []
    assert kg.query("ASK { <urn:s1> ?p ?o }", memory_mb=LIMIT_MB).boolean is True


@pytest.mark.parametrize("query", [
    "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?s ?missing WHERE { ?s ?p 7 OPTIONAL { ?s <urn:none> ?missing } }",
    "ASK { <urn:s1> <urn:p> 1 }",
    "ASK { <urn:s1> <urn:p> 2 }",
    "CONSTRUCT { ?s <urn:q> [ <urn:r> ?o ] } WHERE { ?s ?p ?o FILTER(?o < 5) }",
    "DESCRIBE <urn:s3>",
    'SELECT ?l WHERE { VALUES ?l { "tab\\there" "new\\nline"@en "中文"@zh 1.5 true } }',
])
def test_answers_are_the_same_apart_as_in_process(kg: KnowledgeGraph, query: str) -> None:
    here = kg.query(query)
    apart = kg.query(query, memory_mb=LIMIT_MB)
    assert (apart.kind, apart.variables, apart.boolean) == (here.kind, here.variables, here.boolean)
    if here.kind == "select":
        assert apart.rows == here.rows
    else:
        assert len(apart.triples) == len(here.triples)
        assert {t for t in apart.triples if not any(x.n3().startswith("_:") for x in t)} == \
            {t for t in here.triples if not any(x.n3().startswith("_:") for x in t)}


def test_max_rows_apart(kg: KnowledgeGraph) -> None:
    result = kg.query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?o", memory_mb=LIMIT_MB, max_rows=7)
    assert len(result) == 7 and result.truncated
    assert _children() == []


def test_a_syntax_error_apart_keeps_its_place(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"line 1, column \d+: syntax error"):
        kg.query("SELECT * WHERE { ?s ?p }", memory_mb=LIMIT_MB)


def test_timeout_stops_the_work_itself(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryTimeout):
        kg.query(GREEDY["sorted cross product"], timeout=0.5, memory_mb=100_000)
    assert _children() == []  # killed, not left running in the background


def test_cancel_while_it_runs(kg: KnowledgeGraph) -> None:
    token = CancelToken()
    started = threading.Event()

    def cancel_once_running() -> None:
        started.wait()
        while not _children():
            pass
        token.cancel()

    canceller = threading.Thread(target=cancel_once_running)
    canceller.start()
    started.set()
    with pytest.raises(Cancelled):
        kg.query(GREEDY["sorted cross product"], timeout=60, cancel=token, memory_mb=100_000)
    canceller.join()
    assert _children() == []


def test_the_cli_reports_the_limit(tmp_path: Path) -> None:
    data = tmp_path / "many.nt"
    data.write_text("".join(f"<urn:s{i}> <urn:p> \"{i}\" .\n" for i in range(3000)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "explorer", "query", GREEDY["sorted cross product"], "--data", str(data),
                           "--max-memory", str(LIMIT_MB), "--timeout", "120"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and f"{LIMIT_MB} MB" in lines[0]
