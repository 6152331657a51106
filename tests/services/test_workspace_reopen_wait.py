"""Reopening a workspace this process still holds (a worker still reading the graph just left)
waits for the folder to be let go of instead of failing with Oxigraph's lock error."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from explorer.core.errors import Cancelled
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken
from explorer.services.loading import open_workspace


@pytest.fixture
def held(tmp_path: Path):
    folder = tmp_path / "workspace"
    kg = KnowledgeGraph.open_workspace(folder)
    kg.load_text("<urn:test:a> <http://www.w3.org/2000/01/rdf-schema#label> \"a\" .", "turtle")
    yield folder, kg
    kg.backend.release()


def _reopen_in_a_thread(folder: Path, cancel: CancelToken | None = None):
    waiting, outcome = threading.Event(), {}

    def progress(_fraction, message: str) -> None:
        if message.startswith("Waiting for the last use"):
            waiting.set()

    def run() -> None:
        try:
            outcome["result"] = open_workspace(folder, QueryPolicy(), 30.0, progress=progress, cancel=cancel)
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, waiting, outcome


def test_a_reopen_waits_until_the_folder_is_let_go_of(held):
    folder, kg = held
    thread, waiting, outcome = _reopen_in_a_thread(folder)
    assert waiting.wait(30), "the reopen did not wait for the folder"
    kg.backend.release()  # the last reader is done
    thread.join(30)
    assert "error" not in outcome and len(outcome["result"].kg) == 1
    outcome["result"].kg.backend.release()


def test_waiting_for_the_folder_can_be_cancelled(held):
    folder, _kg = held
    cancel = CancelToken()
    thread, waiting, outcome = _reopen_in_a_thread(folder, cancel)
    assert waiting.wait(30)
    cancel.cancel()
    thread.join(30)
    assert isinstance(outcome.get("error"), Cancelled)
