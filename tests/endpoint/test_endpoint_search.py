"""Search on a server through its own free-text index (Virtuoso's ``bif:contains``), detected
when connecting and never required: the same answers as the portable scan, fewer rows read."""

from __future__ import annotations

import re

import pytest

from conftest import BUNDLED_GRAPH, SCALE_GRAPH
from explorer.core.backends.endpoint_text import virtuoso_text_query
from explorer.core.graph import KnowledgeGraph
from explorer.core.search import fold

pytestmark = pytest.mark.endpoint

D = "https://w3id.org/kg-explorer/data/"


@pytest.fixture(scope="module")
def indexed(virtuoso) -> KnowledgeGraph:
    return KnowledgeGraph.connect(virtuoso.url, default_graph=BUNDLED_GRAPH, timeout=30)


def test_the_index_is_detected_where_there_is_one(indexed, oxigraph_bundled, oxigraph_http):
    assert indexed.backend.text_index == "virtuoso"
    assert oxigraph_bundled.backend.text_index is None
    portable = KnowledgeGraph.connect(oxigraph_http.url)
    assert portable.backend.text_index is None
    before = len(oxigraph_http.queries)
    assert portable.search("china mob")[0].entity == D + "ChinaMobile"
    assert not any("bif:" in query for query in oxigraph_http.queries[before:])


def _words(graph: KnowledgeGraph) -> list[str]:
    """Queries a user types: prefixes of label words, whole multi-word labels, runs of Chinese characters."""
    typed: set[str] = set()
    for entity in ("ChinaMobile", "ChinaMobileZhejiang", "Zhejiang", "FiveGRemoteHealthcareServices", "MIIT", "Ningbo"):
        for text, _language, _predicate in graph.all_labels(D + entity):
            lowered = text.lower()
            typed.add(lowered)
            for word in re.findall(r"[^\W_]+", lowered):
                for cut in range(4, len(word) + 1):
                    typed.add(word[:cut])
            typed.add(lowered[: max(4, len(lowered) // 2)])
    return sorted(typed)


def test_search_through_the_index_finds_what_the_scan_finds(indexed, bundled_graph):
    """Every word-level hit of the embedded index, in the same order; every hit contains the text."""
    for text in _words(bundled_graph):
        remote = indexed.search(text, limit=100)
        local = bundled_graph.search(text, limit=100)
        assert all(fold(text) in fold(hit.matched) for hit in remote), text
        # The index knows words: hits from inside a word (quality 3) may differ, all others agree.
        assert [(h.entity, h.quality) for h in remote if h.quality < 3] == \
               [(h.entity, h.quality) for h in local if h.quality < 3], text


def test_the_index_is_used_and_the_scan_is_not(virtuoso):
    graph = KnowledgeGraph.connect(virtuoso.url, default_graph=SCALE_GRAPH, timeout=30)
    assert graph.backend.text_index == "virtuoso"  # detected once per connection
    sent: list[str] = []
    original = graph.backend.transport.send

    def record(field_name, text, *args, **kwargs):
        sent.append(text)
        return original(field_name, text, *args, **kwargs)

    graph.backend.transport.send = record
    hits = graph.search("5g industry alli", limit=10)
    assert len(hits) == 10 and all("5g industry alli" in fold(hit.matched) for hit in hits)
    # The words as whole words, then label prefixes, then the rest of the labels holding the
    # words: all through the index, each with the classes of its entities (things in the world
    # rank above ontology terms), so nothing is asked after them.
    assert 1 <= len(sent) <= 3 and all("bif:contains" in query and "?e a ?t" in query for query in sent)


def test_a_fragment_from_inside_a_word_is_still_found(indexed):
    # "obile" starts no word: the index finds nothing, the portable scan does.
    assert D + "ChinaMobile" in [hit.entity for hit in indexed.search("obile", limit=50)]


@pytest.mark.parametrize("text", ['"} UNION { ?e ?p ?l } #', "zhej\\\" ) || true || (\"", "' AND \"x*", "中国\" OR \"x"])
def test_hostile_text_never_changes_the_query(indexed, text):
    assert indexed.search(text) == []


def test_free_text_expressions():
    assert virtuoso_text_query("China Mobile Zhej") == '"china" AND "mobile" AND "zhej*"'
    assert virtuoso_text_query("china mobile ") == '"china" AND "mobile"'
    assert virtuoso_text_query("zho") is None  # Virtuoso wants four letters before a wildcard
    assert virtuoso_text_query("中国 移动") == '"中国" AND "移动"'
    assert virtuoso_text_query("中") is None
    for hostile in ['"*', "' x", "a\\b", "x\" OR \"y"]:
        expression = virtuoso_text_query(hostile + " alliance")
        assert expression is not None and expression.count('"') % 2 == 0 and "'" not in expression
        assert "\\" not in expression


def test_words_the_index_refuses_fall_back_to_the_scan(indexed, monkeypatch):
    import explorer.core.backends.endpoint_label_search as strategies

    # Virtuoso refuses a wildcard after fewer than four letters (HTTP 500, error FT370).
    monkeypatch.setattr(strategies, "virtuoso_text_query", lambda text: '"ch*"')
    assert indexed.search("china mob")[0].entity == D + "ChinaMobile"


def test_a_word_typed_whole_is_looked_up_as_a_word_first(virtuoso):
    """A word begins thousands of longer words' labels at scale ("zhong" at 1M: "zhongxin" …,
    5,038 labels): read as a whole word it is a few postings, and when those fill the page
    its wildcard is never asked."""
    graph = KnowledgeGraph.connect(virtuoso.url, default_graph=SCALE_GRAPH, timeout=30)
    assert graph.backend.text_index == "virtuoso"
    sent: list[str] = []
    original = graph.backend.transport.send
    graph.backend.transport.send = lambda field, text, *a, **k: sent.append(text) or original(field, text, *a, **k)
    hits = graph.search("china", limit=20)
    assert len(hits) == 20 and all(fold(hit.matched).startswith("china") for hit in hits)
    assert len(sent) == 1 and "china*" not in sent[0]  # the hits' classes came with their labels
    # A prefix that is no word of any label still finds its labels, through the wildcard.
    sent.clear()
    assert graph.search("zhongx", limit=20)
    assert any("zhongx*" in query for query in sent)


@pytest.mark.parametrize("text", ["zh", "nin", "5g", "5g ", "(", "a.b", "[x", "5g+", "x|y", "^c", "c$"])
def test_a_short_text_is_scanned_with_regex_and_finds_what_the_scan_finds(indexed, bundled_graph, text):
    """Too short for the index, a text of ASCII characters is scanned with REGEX on Virtuoso (a
    third faster than LCASE there), its regular-expression characters taken literally."""
    sent: list[str] = []
    original = indexed.backend.transport.send
    indexed.backend.transport.send = lambda field, query, *a, **k: sent.append(query) or original(field, query, *a, **k)
    try:
        indexed.backend.forget_caches()
        remote = indexed.search(text, limit=100)
    finally:
        indexed.backend.transport.send = original
    local = bundled_graph.search(text, limit=100)
    # Word and prefix hits agree (near misses come from the candidates a server sends, not all labels).
    assert [(h.entity, h.quality) for h in remote if h.quality < 3] == \
           [(h.entity, h.quality) for h in local if h.quality < 3], text
    assert any("REGEX(STR(?l)" in query for query in sent)
    assert not any("STRSTARTS(LCASE" in query or "CONTAINS(LCASE" in query for query in sent)
