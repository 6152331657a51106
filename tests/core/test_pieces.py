"""Whole-column steps of the label index go a piece at a time (explorer.core.pieces): each C
call covers at most PIECE items, so a worker building or saving a ten-million-triple index lets
the GUI thread take the interpreter lock between pieces; the results equal the one-call forms."""

from __future__ import annotations

import random

import numpy as np
import pytest

from explorer.core import pieces
from explorer.core.label_store import load_index, save_index
from explorer.core.packed import PackedStrings
from explorer.core.search import LabelIndex


class Sliced(list):
    """A list that records the length of every slice taken from it."""

    def __init__(self, items, taken):
        super().__init__(items)
        self.taken = taken

    def __getitem__(self, index):
        if isinstance(index, slice):
            self.taken.append(len(range(*index.indices(len(self)))))
        return super().__getitem__(index)


def _words(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcxyz 中国浙江é\U0001f600"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9))) for _ in range(count)]


@pytest.mark.parametrize("piece", [1, 7, 64, 1000])
def test_each_step_equals_its_one_call_form_and_takes_at_most_a_piece(piece):
    words = _words(500)
    taken: list[int] = []
    column = Sliced(words, taken)
    assert pieces.joined("\n", column, piece=piece) == "\n".join(words)
    assert pieces.encoded_joined("\n", column, piece=piece) == "\n".join(words).encode("utf-8")
    assert pieces.lengths(column, piece=piece).tolist() == [len(w) for w in words]
    assert pieces.lengths(column, utf8=True, piece=piece).tolist() == [len(w.encode("utf-8")) for w in words]
    numbers = Sliced([len(w) * 1000 - 3 for w in words], taken)
    assert pieces.int_array(numbers, np.int64, piece=piece).tolist() == list(numbers)
    assert pieces.int_array(Sliced([1, 2, 3], taken), np.int8, piece=piece).dtype == np.int8
    if piece < 500:
        assert taken and max(taken) <= piece
    freed = list(words)
    pieces.release(freed, piece=piece)
    assert freed == []


def test_the_label_index_is_built_packed_and_saved_a_piece_at_a_time(tmp_path, monkeypatch):
    """With pieces of 50 items, no step of building, packing or saving an index of 1,000
    labels hands more than 50 items of a column to one C call of these helpers, and the index
    answers and reads back as before."""
    monkeypatch.setattr(pieces, "PIECE", 50)
    calls: list[tuple[str, int]] = []
    for name in ("joined", "encoded_joined", "int_array", "lengths", "release"):
        real = getattr(pieces, name)

        def recorded(*args, _real=real, _name=name, **kwargs):
            calls.append((_name, len(args[1] if _name in ("joined", "encoded_joined") else args[0])))
            return _real(*args, **kwargs)

        monkeypatch.setattr(pieces, name, recorded)
    count = 1000
    words = [f"{w} label {n}" for n, w in enumerate(_words(count))]
    entities = [f"urn:x:e{n % 300}" for n in range(count)]
    index = LabelIndex.from_columns(entities, words, ["en"] * count, [n % 3 for n in range(count)])
    built = {name for name, size in calls if size == count}
    assert {"joined", "lengths", "int_array", "release"} <= built
    calls.clear()
    packed = PackedStrings.pack(words, "\n")
    assert list(packed) == words
    assert {name for name, _ in calls} >= {"encoded_joined", "lengths"}
    save_index(index, tmp_path / "labels.bin", "fingerprint")
    again = load_index(tmp_path / "labels.bin", "fingerprint")
    assert again is not None and len(again) == count
    assert [hit.entity for hit in again.search("label 99")] == [hit.entity for hit in index.search("label 99")]
    assert index.search("label 999")[0].entity == "urn:x:e99"
