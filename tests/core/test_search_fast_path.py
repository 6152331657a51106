"""A full page of hits as typed is answered without the wider searches, and the answer is the one the
wider search ranks (things in the world before ontology terms, words in any order, near spellings)."""

from __future__ import annotations

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.core.search import LabelIndex, split_words


def _full_ranking(kg: KnowledgeGraph, text: str, limit: int) -> list[tuple[str, str, int]]:
    """The ranking every query got before the fast path: three pages asked, then reordered."""
    index = kg._matching(text, max(200, limit * 10))
    wanted = max(limit * 3, 30)
    hits = index.search(text, limit=wanted)
    if len(hits) < limit:
        seen = {hit.entity for hit in hits}
        hits += [hit for hit in index.search_words(split_words(text), limit=wanted) if hit.entity not in seen]
    if not hits:
        hits = index.search_near(text, limit=wanted)
    order = {hit.entity: position for position, hit in enumerate(hits)}
    hits.sort(key=lambda hit: (hit.quality, kg.is_schema_term(hit.entity), order[hit.entity]))
    return [(hit.entity, hit.matched, hit.quality) for hit in hits[:limit]]


def _queries(kg: KnowledgeGraph) -> list[str]:
    """Beginnings and last words of the graph's labels, and a few words typed by hand."""
    labels = sorted({hit.matched for letter in "abcdefghijklmnopqrstuvwxyz" for hit in kg.search(letter, 50)})
    queries = {label[:n] for label in labels for n in (1, 2, 3, 5) if label[:n].strip()}
    queries |= {word for label in labels for word in label.split()[-1:]}
    return [*sorted(queries), "中", "中国", "zhejiang alliance", "zhejaing", "operator", "c"]


@pytest.mark.parametrize("limit", [1, 3, 5, 20])
def test_every_query_ranks_as_the_full_search_does(bundled_graph: KnowledgeGraph, limit: int) -> None:
    queries = _queries(bundled_graph)
    assert len(queries) > 100
    for text in queries:
        found = [(hit.entity, hit.matched, hit.quality) for hit in bundled_graph.search(text, limit)]
        assert found == _full_ranking(bundled_graph, text, limit), text


def test_a_full_page_without_ontology_terms_asks_the_index_once(bundled_graph: KnowledgeGraph, monkeypatch) -> None:
    asked: list[int] = []
    original = LabelIndex.search

    def counting(self, text, limit=20, scan_cap=20000):
        asked.append(limit)
        return original(self, text, limit, scan_cap)

    monkeypatch.setattr(LabelIndex, "search", counting)
    monkeypatch.setattr(LabelIndex, "search_words", lambda *a, **k: pytest.fail("words searched for a full page"))
    hits = bundled_graph.search("z", 2)
    assert len(hits) == 2 and not any(bundled_graph.is_schema_term(hit.entity) for hit in hits)
    assert asked == [2]
