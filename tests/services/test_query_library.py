"""The query library: every built-in example answers on the bundled graph; saved queries and history persist."""

from __future__ import annotations

import json

import pytest

from explorer.services.query_library import HISTORY_FILE, SAVED_FILE, QueryLibrary, builtin_queries

BUILTIN = builtin_queries()


def test_builtin_queries_have_titles_descriptions_and_categories():
    assert len(BUILTIN) >= 10
    for query in BUILTIN:
        assert query.title and not query.title.endswith(".rq")
        assert len(query.description) > 20, query.key
        assert query.category in ("Analyst questions", "Graphs", "Generic")
    assert BUILTIN[0].category == "Analyst questions"


@pytest.mark.parametrize("query", BUILTIN, ids=[q.key for q in BUILTIN])
def test_every_builtin_query_runs_and_answers(bundled_graph, query):
    result = bundled_graph.query(query.sparql)
    assert not result.is_empty, f"{query.key} returned nothing"


def _column(result, name):
    index = result.variables.index(name)
    return [str(row[index]) for row in result.rows if row[index] is not None]


def test_the_remote_healthcare_chain_has_four_quoted_links(bundled_graph):
    query = next(q for q in BUILTIN if q.key == "builtin:china-mobile-remote-healthcare-chain")
    result = bundled_graph.query(query.sparql)
    assert _column(result, "from")[0] == "China Mobile"
    assert _column(result, "to")[-1] == "5G-enabled remote healthcare services"
    assert len(_column(result, "quote")) == 4


def test_market_figures_include_the_share_and_the_counts_with_sources(bundled_graph):
    query = next(q for q in BUILTIN if q.key == "builtin:market-figures")
    result = bundled_graph.query(query.sparql)
    values = _column(result, "value")
    assert {"61", "193", "70"} <= set(values)
    assert "Strategy Analytics" in _column(result, "reportedBy")
    assert "Ministry of Industry and Information Technology" in _column(result, "reportedBy")


def test_risks_name_the_reporter_and_quote_the_text(bundled_graph):
    query = next(q for q in BUILTIN if q.key == "builtin:industrial-internet-risks")
    result = bundled_graph.query(query.sparql)
    assert set(_column(result, "reporterLabel")) == {"Liu"}
    assert all("vulnerable" in quote for quote in _column(result, "quote"))


def test_saved_queries_persist_and_replace_by_title(tmp_path):
    library = QueryLibrary(tmp_path)
    first = library.save("Hospitals", "SELECT * { ?s ?p ?o }", "all triples")
    library.save("Hospitals", "ASK { ?s ?p ?o }")
    again = QueryLibrary(tmp_path)
    assert [(q.key, q.title, q.sparql) for q in again.saved()] == [(first.key, "Hospitals", "ASK { ?s ?p ?o }")]
    assert again.find(first.key) is not None
    assert again.delete(first.key) and not QueryLibrary(tmp_path).saved()
    with pytest.raises(ValueError):
        library.save("   ", "ASK {}")


def test_history_is_newest_first_deduplicated_capped_and_persistent(tmp_path):
    library = QueryLibrary(tmp_path, history_limit=3)
    for index in range(5):
        library.record(f"SELECT {index}", rows=index, elapsed=0.1)
    library.record("SELECT 2", status="failed", message="line 1, column 8:\n syntax error")
    history = QueryLibrary(tmp_path, history_limit=3).history()
    assert [h.sparql for h in history] == ["SELECT 2", "SELECT 4", "SELECT 3"]
    assert history[0].status == "failed" and "\n" not in history[0].message
    library.clear_history()
    assert QueryLibrary(tmp_path).history() == []


def test_damaged_files_are_set_aside_with_a_warning(tmp_path):
    (tmp_path / SAVED_FILE).write_text("[{oops", encoding="utf-8")
    (tmp_path / HISTORY_FILE).write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    library = QueryLibrary(tmp_path)
    assert library.saved() == [] and library.history() == []
    assert len(library.warnings) == 2
    assert f"{SAVED_FILE}:1:3" in library.warnings[0]
    assert (tmp_path / (SAVED_FILE + ".damaged")).exists()


def test_default_directory_is_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_EXPLORER_DATA_DIR", str(tmp_path / "data"))
    QueryLibrary().record("ASK {}")
    assert (tmp_path / "data" / HISTORY_FILE).exists()
