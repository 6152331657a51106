"""A label index read back from disk (packed columns, searched as UTF-8 bytes) answers exactly
as the index it was saved from."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.label_store import load_index, save_index
from explorer.core.packed import PackedStrings
from explorer.core.search import LabelIndex, split_words

LABELS = [
    ("urn:a", "China Mobile", "en", 0), ("urn:a", "中国移动", "zh", 0), ("urn:a", "CMCC", "", 2),
    ("urn:b", "Zhèjiang Mobile Branch", "en", 1), ("urn:c", "移动互联网", "zh", 1),
    ("urn:d", "Ärzte-mobile clinic", "de", 1), ("urn:e", "a label with a\nnewline and a \x00 NUL", "", 1),
    ("urn:f", "Mobile", "en", 0), ("urn:g", "automobile parts", "en", 1), ("urn:h", "中mobile", "", 1),
    ("_:b1", "blank mobile", "", 2), ("urn:i", "ΣΊΣΥΦΟΣ mobile", "el", 1),
]
QUERIES = ["mobile", "mob", "china", "中国", "移动", "zhejiang", "obi", "ärzte", "newline", "nul", "σίσυφος",
           "mobile china", "zhejaing", "cmcc", "x"]


@pytest.fixture
def indexes(tmp_path: Path) -> tuple[LabelIndex, LabelIndex]:
    built = LabelIndex.from_columns(*(list(column) for column in zip(*LABELS, strict=True)))
    path = tmp_path / "labels.npz"
    save_index(built, path, "store-1")
    loaded = load_index(path, "store-1")
    assert loaded is not None
    assert isinstance(loaded.raw_columns()[4], PackedStrings)  # read back packed, not rebuilt
    return built, loaded


@pytest.mark.parametrize("query", QUERIES)
def test_a_loaded_index_searches_as_the_built_one(indexes, query):
    built, loaded = indexes
    assert loaded.search(query, 20) == built.search(query, 20)
    assert loaded.search_words(split_words(query), 20) == built.search_words(split_words(query), 20)
    assert loaded.search_near(query, 20) == built.search_near(query, 20)
    assert loaded.exact(query) == built.exact(query)


def test_a_match_after_a_non_ascii_letter_is_no_word_start(indexes):
    _, loaded = indexes
    qualities = {hit.entity: hit.quality for hit in loaded.search("mobile", 20)}
    assert qualities["urn:h"] == 3  # "中mobile": inside a word
    assert qualities["urn:i"] == 2  # "ΣΊΣΥΦΟΣ mobile": a word of its own


def test_a_loaded_index_keeps_every_label_of_each_entity(indexes):
    built, loaded = indexes
    for entity in {row[0] for row in LABELS}:
        assert loaded.table().get(entity) == built.table().get(entity)
    assert "urn:nothing" not in loaded.table()
    assert loaded.columns() == built.columns()


def test_an_index_saved_in_the_older_layout_is_not_read(tmp_path: Path):
    import numpy as np

    path = tmp_path / "old.npz"
    np.savez(path, fingerprint=np.frombuffer(b"store-1", dtype=np.uint8), count=np.asarray([0]))
    assert load_index(path, "store-1") is None
    saved = tmp_path / "labels.bin"
    save_index(LabelIndex.from_columns(["urn:a"], ["Alpha"], ["en"], [1]), saved, "store-1")
    saved.write_bytes(saved.read_bytes()[:-200])  # cut short
    assert load_index(saved, "store-1") is None


def test_an_empty_index_round_trips(tmp_path: Path):
    path = tmp_path / "empty.npz"
    save_index(LabelIndex(), path, "f")
    loaded = load_index(path, "f")
    assert loaded is not None and len(loaded) == 0 and loaded.search("a") == [] and loaded.search_near("abc") == []


def test_an_index_read_back_saves_and_reads_back_the_same(indexes, tmp_path: Path):
    built, loaded = indexes
    path = tmp_path / "again.bin"
    save_index(loaded, path, "store-2")
    again = load_index(path, "store-2")
    assert again is not None and again.columns() == built.columns()
    for query in QUERIES:
        assert again.search(query, 20) == built.search(query, 20)
    for entity in {row[0] for row in LABELS}:
        assert again.table().get(entity) == built.table().get(entity)
