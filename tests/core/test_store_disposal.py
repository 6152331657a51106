"""Replaced, cancelled and failed in-memory stores wait to be freed when the app is not in use."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core import store_disposal
from explorer.core.errors import Cancelled, LoadError
from explorer.core.graph import KnowledgeGraph
from explorer.core.store_disposal import StoreDisposal, affordable_quads, disposal
from explorer.core.tasks import CancelToken


def _triples(count: int, name: str = "thing") -> str:
    return "".join(f'<urn:{name}:{i}> <http://www.w3.org/2000/01/rdf-schema#label> "{name} {i}" .\n'
                   for i in range(count))


@pytest.fixture
def deferring(monkeypatch: pytest.MonkeyPatch) -> Iterator[StoreDisposal]:
    monkeypatch.setattr(store_disposal, "SMALL_STORE_QUADS", 0)
    monkeypatch.setattr(disposal, "keep_quads", 1_000_000)
    disposal.free_waiting()
    disposal.deferring = True
    yield disposal
    disposal.deferring = False
    disposal.free_waiting()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "things.nt"
    path.write_text(_triples(30), encoding="utf-8")
    return path


def test_without_deferring_a_store_is_freed_as_soon_as_its_graph_goes(data_file: Path) -> None:
    assert not disposal.deferring
    kg = KnowledgeGraph()
    kg.load([data_file])
    del kg
    gc.collect()
    assert disposal.waiting_stores == 0


def test_a_graph_that_goes_leaves_its_store_waiting_until_freed(deferring: StoreDisposal, data_file: Path) -> None:
    kg = KnowledgeGraph()
    kg.load([data_file])
    del kg
    gc.collect()
    assert deferring.waiting_stores == 1 and deferring.waiting_quads == 30
    assert deferring.free_waiting(in_background=True) == 30
    deferring.wait_for_freeing(10)
    assert deferring.waiting_stores == 0


def test_a_store_still_held_elsewhere_is_not_taken(deferring: StoreDisposal, data_file: Path) -> None:
    kg = KnowledgeGraph()
    kg.load([data_file])
    kept = kg.backend.store  # type: ignore[attr-defined]
    del kg
    gc.collect()
    assert deferring.waiting_stores == 0
    assert len(kept) == 30


def test_replacing_a_graph_lets_the_previous_store_wait(deferring: StoreDisposal, data_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.nt"
    other.write_text(_triples(5, "other"), encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([data_file])
    kg.load([other], replace=True)
    assert len(kg) == 5
    assert deferring.waiting_quads == 30


def test_adding_files_lets_the_staging_store_wait(deferring: StoreDisposal, data_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.nt"
    other.write_text(_triples(5, "other"), encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([data_file])
    kg.load([other])
    assert len(kg) == 35
    assert deferring.waiting_quads == 5  # the staged copy of the added file
    assert kg.backend.estimated_quads == 35  # type: ignore[attr-defined]


def test_a_failed_load_lets_its_half_filled_store_wait(deferring: StoreDisposal, data_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.nt"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    kg = KnowledgeGraph()
    with pytest.raises(LoadError) as failed:
        kg.load([data_file, broken])
    assert len(kg) == 0
    # Whoever keeps the error (the window's task does) does not keep the store through its frames.
    frames = []
    traceback = failed.value.__traceback__
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    assert frames and not any("staging" in frame.f_locals for frame in frames)
    # The first file was staged before the second failed; the bytes read bound the estimate.
    assert deferring.waiting_stores == 1 and deferring.waiting_quads >= 30


def test_a_cancelled_load_lets_its_store_wait_sized_by_what_was_read(deferring: StoreDisposal, tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    big.write_text(_triples(20_000), encoding="utf-8")  # several read chunks
    token = CancelToken()
    kg = KnowledgeGraph()
    with pytest.raises(Cancelled):
        kg.load([big], cancel=token, progress=lambda fraction, _message: fraction and token.cancel())
    assert len(kg) == 0
    # The store counts nothing after the cancel, yet holds what was parsed until it is freed.
    assert deferring.waiting_stores == 1 and deferring.waiting_quads > 1000


def test_past_the_budget_the_oldest_stores_are_freed_at_once(deferring: StoreDisposal, data_file: Path) -> None:
    deferring.keep_quads = 70
    graphs = []
    for _ in range(3):
        kg = KnowledgeGraph()
        kg.load([data_file])
        graphs.append(kg)
    graphs.clear()
    gc.collect()
    assert deferring.waiting_stores == 2 and deferring.waiting_quads == 60


def test_the_budget_is_a_share_of_the_machines_memory() -> None:
    quads = affordable_quads(0.25)
    assert quads > 1_000_000  # any machine that runs the tests has more than 360 MB × 4
    assert affordable_quads(0.5) >= 2 * quads - 1
