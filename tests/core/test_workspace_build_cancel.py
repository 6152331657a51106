"""Cancel while a file is built into a workspace: the workspace keeps what it held, and no staging folder stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.backends import WorkspaceBackend
from explorer.core.errors import Cancelled
from explorer.core.tasks import CancelToken


def _triples(count: int, name: str) -> bytes:
    return "".join(f'<http://example.org/{name}{i}> <http://www.w3.org/2000/01/rdf-schema#label> "{name} {i}" .\n'
                   for i in range(count)).encode()


@pytest.mark.parametrize("replace", [True, False])
def test_a_cancelled_build_leaves_the_workspace_as_it_was(tmp_path: Path, replace: bool) -> None:
    first, second = tmp_path / "first.nt", tmp_path / "second.nt"
    first.write_bytes(_triples(500, "a"))
    second.write_bytes(_triples(200_000, "b"))  # several chunks of the feeding pipe
    folder = tmp_path / "ws"
    backend = WorkspaceBackend(folder)
    backend.load_files([first])
    assert backend.quad_count() == 500
    token = CancelToken()
    fractions: list[float] = []

    def progress(fraction: float, _message: str = "") -> None:
        fractions.append(fraction)
        if fraction > 0:
            token.cancel()

    with pytest.raises(Cancelled):
        backend.load_files([second], replace=replace, progress=progress, cancel=token)
    assert fractions and backend.quad_count() == 500
    assert not Path(str(folder) + ".staging").exists()
    backend.release()  # lets go of the folder's lock
    reopened = WorkspaceBackend(folder)
    assert reopened.quad_count() == 500
    reopened.release()
