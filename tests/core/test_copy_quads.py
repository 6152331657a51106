"""Copying a graph's store in chunks (adding files in the window starts from such a copy)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from explorer.core.backends import store_tools as oxigraph_backend
from explorer.core.backends.store_tools import copy_quads
from explorer.core.errors import Cancelled
from explorer.core.tasks import CancelToken

DATA = (b"_:a <urn:p> _:b .\n<urn:x> <urn:q> \"v\"@en <urn:g> .\n"
        + b"".join(b"<urn:s%d> <urn:p> <urn:o%d> .\n" % (i, i) for i in range(50)))


@pytest.fixture
def source() -> ox.Store:
    store = ox.Store()
    store.load(DATA, ox.RdfFormat.N_QUADS)
    return store


def test_every_quad_arrives_with_its_graph_and_blank_nodes_unchanged(source: ox.Store,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph_backend, "COPY_CHUNK", 7)  # several chunks
    target = ox.Store()
    copy_quads(source, target)
    assert set(target) == set(source) and len(target) == 52


def test_bulk_copy_into_an_on_disk_store(source: ox.Store, tmp_path: Path) -> None:
    target = ox.Store(str(tmp_path / "workspace"))
    copy_quads(source, target, bulk=True)
    assert set(target) == set(source)


def test_a_cancelled_copy_stops_between_chunks(source: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph_backend, "COPY_CHUNK", 10)
    token = CancelToken()
    target = ox.Store()
    real_extend = target.extend
    calls = []

    class CancellingStore:
        def extend(self, quads: list[ox.Quad]) -> None:
            calls.append(len(quads))
            real_extend(quads)
            token.cancel()

    with pytest.raises(Cancelled):
        copy_quads(source, CancellingStore(), token)  # type: ignore[arg-type]
    assert calls == [10] and len(target) == 10
