"""The collector pause that large index builds run under."""

from __future__ import annotations

import gc
import threading

import pytest

from explorer.core.collector import collector_paused
from explorer.core.search import LabelIndex, LabelTable


@pytest.fixture(autouse=True)
def _collector_restored() -> object:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_nested_pauses_switch_the_collector_back_on_only_at_the_end() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_leaves_a_collector_that_was_off_switched_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_pauses_from_two_threads_overlap_without_switching_each_other_on() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with collector_paused():
        pass
    seen.append(gc.isenabled())  # the other thread's pause still holds
    release.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_freeze_moves_what_was_built_out_of_the_collectors_sight_only_on_success() -> None:
    gc.enable()
    gc.unfreeze()
    with pytest.raises(RuntimeError), collector_paused(freeze=True):
        raise RuntimeError("load failed")
    assert gc.get_freeze_count() == 0
    with collector_paused(freeze=True):
        built = [[index] for index in range(1000)]
    assert gc.get_freeze_count() >= len(built)
    assert gc.isenabled()


def test_label_table_gives_every_label_of_an_entity_by_language_in_index_order() -> None:
    index = LabelIndex.from_columns(
        ["urn:a", "urn:b", "urn:a", "urn:a"], ["China Mobile", "Huawei", "中国移动", "CMCC"],
        ["en", "en", "zh", "en"], [1, 1, 1, 2])
    table = LabelTable(index)
    assert table.get("urn:a") == {"en": [(1, "China Mobile"), (2, "CMCC")], "zh": [(1, "中国移动")]}
    assert table.get("urn:b") == {"en": [(1, "Huawei")]}
    assert table.get("urn:missing", {}) == {}
    assert "urn:a" in table and "urn:missing" not in table
