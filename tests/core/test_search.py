"""Label search: prefix, substring, CJK, case and accents, ranking, one hit per entity, limit."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.core.graph import KnowledgeGraph
from explorer.core.search import LabelEntry, LabelIndex, normalize

D = "https://w3id.org/kg-explorer/data/"


def names(hits) -> list[str]:
    return [hit.entity.rsplit("/", 1)[-1] for hit in hits]


def test_prefix(bundled_graph: KnowledgeGraph) -> None:
    hits = bundled_graph.search("China Mob")
    assert names(hits)[:2] == ["ChinaMobile", "ChinaMobileZhejiang"]
    assert hits[0].quality == 1


def test_substring(bundled_graph: KnowledgeGraph) -> None:
    hits = bundled_graph.search("obile Zhe")
    assert names(hits) == ["ChinaMobileZhejiang"]
    assert hits[0].quality == 3


@pytest.mark.parametrize(("query", "entity"), [("中国移动", "ChinaMobile"), ("移动", "ChinaMobile"), ("浙江", "Zhejiang")])
def test_cjk(bundled_graph: KnowledgeGraph, query: str, entity: str) -> None:
    assert entity in names(bundled_graph.search(query))


@pytest.mark.parametrize("query", ["zhejiang", "ZHEJIANG", "ZHÈJIANG", "Zhéjiāng", "ｚｈｅｊｉａｎｇ", "  zhejiang  "])
def test_case_accents_and_width_are_ignored(bundled_graph: KnowledgeGraph, query: str) -> None:
    hits = bundled_graph.search(query)
    assert names(hits)[0] == "Zhejiang"
    assert hits[0].quality == 0


def test_ranking_exact_prefix_word_prefix_substring() -> None:
    index = LabelIndex([
        LabelEntry("urn:substring", "Xport", "en", 1),
        LabelEntry("urn:word", "Ningbo Port", "en", 1),
        LabelEntry("urn:prefix", "Portland", "en", 1),
        LabelEntry("urn:exact", "Port", "en", 1),
    ])
    hits = index.search("port")
    assert [h.entity for h in hits] == ["urn:exact", "urn:prefix", "urn:word", "urn:substring"]
    assert [h.quality for h in hits] == [0, 1, 2, 3]


def test_preferred_label_before_alias() -> None:
    index = LabelIndex([
        LabelEntry("urn:alias", "Harbour", "en", 2),
        LabelEntry("urn:label", "Harbour", "en", 1),
        LabelEntry("urn:pref", "Harbour", "en", 0),
    ])
    assert [h.entity for h in index.search("harbour")] == ["urn:pref", "urn:label", "urn:alias"]


def test_one_hit_per_entity_with_its_best_label() -> None:
    index = LabelIndex([
        LabelEntry("urn:a", "Zhejiang province", "en", 2),
        LabelEntry("urn:a", "Zhejiang", "en", 1),
        LabelEntry("urn:a", "浙江", "zh", 1),
        LabelEntry("urn:b", "Greater Zhejiang", "en", 1),
    ])
    hits = index.search("zhejiang")
    assert [h.entity for h in hits] == ["urn:a", "urn:b"]
    assert hits[0].matched == "Zhejiang"


def test_limit(bundled_graph: KnowledgeGraph) -> None:
    assert len(bundled_graph.search("a", limit=5)) == 5
    assert bundled_graph.search("a", limit=0) == []
    assert len(bundled_graph.search("a", limit=1000)) > 20


def test_empty_and_unmatched_queries(bundled_graph: KnowledgeGraph) -> None:
    assert bundled_graph.search("") == []
    assert bundled_graph.search("   ") == []
    assert bundled_graph.search("qqqqxxxx") == []


def test_normalize() -> None:
    assert normalize("ZHÈJIANG  Province") == "zhejiang province"
    assert normalize("Straße") == "strasse"
    assert normalize("中国移动") == "中国移动"


def test_newlines_in_labels_do_not_join_labels() -> None:
    index = LabelIndex([LabelEntry("urn:a", "first\nsecond", "en", 1), LabelEntry("urn:b", "third", "en", 1)])
    assert [h.entity for h in index.search("second")] == ["urn:a"]
    assert index.search("second third") == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40), limit=st.integers(min_value=-3, max_value=40))
def test_any_query_is_safe(bundled_graph: KnowledgeGraph, query: str, limit: int) -> None:
    hits = bundled_graph.search(query, limit=limit)
    assert len(hits) <= max(limit, 0)
    assert len({h.entity for h in hits}) == len(hits)
    for hit in hits:
        assert bundled_graph.exists(hit.entity)
        assert hit.quality in (0, 1, 2, 3, 4, 5, 6)  # 4, 5: every word, in any order; 6: a near spelling (see SearchHit)
    assert [h.quality for h in hits] == sorted(h.quality for h in hits)


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=15), pick=st.integers(min_value=0))
def test_every_label_finds_its_entity(labels: list[str], pick: int) -> None:
    index = LabelIndex([LabelEntry(f"urn:e{i}", text, "en", 1) for i, text in enumerate(labels)])
    i = pick % len(labels)
    if not normalize(labels[i]):
        return
    found = [h.entity for h in index.search(labels[i], limit=len(labels))]
    assert f"urn:e{i}" in found
    assert set(found) <= {f"urn:e{j}" for j in range(len(labels))}


def test_chunked_sort_orders_like_one_sort_and_keeps_ties_in_order(monkeypatch):
    from explorer.core import search

    monkeypatch.setattr(search, "SORT_CHUNK", 7)
    keys = [f"label {n % 13:02d}" for n in range(100)] + ["中国", "zhejiang", "", "a"]
    assert search._sorted_ids(keys) == sorted(range(len(keys)), key=keys.__getitem__)


def test_typos_find_labels_spelt_nearly_so_only_when_nothing_matches(bundled_graph):
    labels = lambda text: [bundled_graph.label(hit.entity) for hit in bundled_graph.search(text)]  # noqa: E731
    assert labels("zhejaing")[0] == "Zhejiang"
    assert labels("hospitl partners")[0] == "hospital partners"
    assert all(hit.quality == 6 for hit in bundled_graph.search("hospitl partners"))
    # Words in any order and word prefixes match as typed: no near spellings mixed in.
    assert labels("zhejiang alliance") == ["Zhejiang 5G industry alliance"]
    assert labels("alliance zhej")[0] == "Zhejiang 5G industry alliance"
    assert all(hit.quality < 6 for hit in bundled_graph.search("zhejiang"))
    assert labels("xqzvw") == []


# ------------------------------------------------------------------ ranking oracle
_WORDS = ["zhe", "jiang", "mobile", "china", "hz", "a", "ab", "b-c", "中国", "移动", "Ém", "5g"]


def _oracle(entries: list[LabelEntry], text: str, limit: int) -> list[tuple[str, str, int, float]]:
    """Every label checked by hand: quality (exact, label prefix, a word starting with the
    query anywhere in the label, substring), then preferred first, then short, then text."""
    query = normalize(text)
    best: dict[str, tuple] = {}
    for entry in entries:
        label = " ".join(normalize(entry.text).split())
        if not label or query not in label:
            continue
        if label == query:
            quality = 0
        elif label.startswith(query):
            quality = 1
        elif any(i == 0 or not label[i - 1].isalnum() for i in range(len(label)) if label.startswith(query, i)):
            quality = 2
        else:
            quality = 3
        rank = (quality, entry.kind, len(label), entry.text)
        if entry.entity not in best or rank < best[entry.entity][0]:
            score = round(1.0 - quality * 0.25 - min(len(label), 200) / 1000.0 - entry.kind * 0.01, 4)
            best[entry.entity] = (rank, (entry.entity, entry.text, quality, score))
    ranked = sorted(best.values(), key=lambda item: (item[0], item[1][0]))
    return [hit for _, hit in ranked[:limit]]


_labels = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)
_entries = st.lists(st.builds(LabelEntry, st.sampled_from([f"e{i}" for i in range(8)]), _labels,
                              st.sampled_from(["", "en"]), st.integers(0, 2)), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(entries=_entries, query=st.sampled_from([*_WORDS, "zhejiang", "g", "n", "hz a", "B-C", "国"]),
       limit=st.integers(1, 6))
@example(entries=[LabelEntry("e1", "jiang a", "", 1), LabelEntry("e2", "zhe ab", "", 0)], query="a", limit=3)
def test_search_ranks_as_documented(entries, query, limit):
    hits = LabelIndex(entries).search(query, limit=limit)
    assert [(h.entity, h.matched, h.quality, h.score) for h in hits] == _oracle(entries, query, limit)


@settings(max_examples=100, deadline=None)
@given(entries=_entries, query=st.sampled_from([*_WORDS, "zhe  jiang", "MOBILE"]))
def test_exact_lists_each_entity_once_in_index_order(entries, query):
    wanted = normalize(query)
    expected: list[str] = []
    for entry in entries:
        if normalize(entry.text) == wanted and entry.entity not in expected:
            expected.append(entry.entity)
    index = LabelIndex(entries)
    assert sorted(index.exact(query)) == sorted(expected)
    assert len(index.exact(query)) == len(set(index.exact(query)))


@settings(max_examples=100, deadline=None)
@given(entries=_entries, words=st.lists(st.sampled_from(["zhe", "jiang", "mobile", "china", "a", "中国"]),
                                        min_size=1, max_size=3, unique=True), limit=st.integers(1, 6))
def test_search_words_finds_every_word_at_a_word_start_in_any_order(entries, words, limit):
    hits = LabelIndex(entries).search_words(words, limit=limit)
    best: dict[str, tuple] = {}
    for entry in entries:
        label_words = normalize(entry.text).split()
        if not all(any(w.startswith(word) for w in label_words) for word in words):
            continue
        quality = 4 if sorted(label_words) == sorted(words) else 5
        label = " ".join(label_words)
        rank = (quality, entry.kind, len(label), entry.text)
        if entry.entity not in best or rank < best[entry.entity][0]:
            score = round(1.0 - quality * 0.25 - min(len(entry.text), 200) / 1000.0 - entry.kind * 0.01, 4)
            best[entry.entity] = (rank, (entry.entity, entry.text, quality, score))
    expected = [hit for _, hit in sorted(best.values(), key=lambda item: (item[0], item[1][0]))[:limit]]
    assert [(h.entity, h.matched, h.quality, h.score) for h in hits] == expected
