"""Crash recovery in the window: the work is journaled, and a new window offers it back."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

from explorer.services.recovery import recovery_dir
from explorer.services.settings import Settings
from explorer.ui.app.main_window import MainWindow
from explorer.ui.recovery.recovery_prompt import QUESTION

D = "https://w3id.org/kg-explorer/data/"
TURTLE = textwrap.dedent(f"""
    @prefix d: <{D}> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    d:a rdfs:label "Alpha" ; d:knows d:b , d:c .
    d:b rdfs:label "Beta" ; d:partOf d:c .
    d:c rdfs:label "Gamma" .
""")
UPDATE = f'INSERT DATA {{ <{D}a> <{D}knows> <{D}z> . <{D}z> <http://www.w3.org/2000/01/rdf-schema#label> "Zeta" }}'


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


def new_window(qtbot) -> MainWindow:
    settings = Settings()
    settings.allow_update = True
    settings.include_inferred = False
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def load(qtbot, window: MainWindow, path: Path) -> None:
    task = window.open_files([path])
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert window.kg is not None and window.kg.exists(D + "a")


def quads(window: MainWindow) -> set[str]:
    assert window.kg is not None
    return {" ".join(str(t) for t in q) for q in window.kg.backend.store.quads_for_pattern(None, None, None, None)}


def journal_of(window: MainWindow) -> dict:
    path = window.recovery.session.journal_path
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def wait_for_journal(qtbot, window: MainWindow, condition) -> dict:
    """Wait until the journal the window writes by itself (throttled) satisfies ``condition``."""
    qtbot.waitUntil(lambda: bool(journal_of(window) and condition(journal_of(window))), timeout=10000)
    return journal_of(window)


def crashed_window_with_work(qtbot, data_file: Path) -> MainWindow:
    """A window with a canvas and an applied update, journaled, whose process then 'dies'."""
    window = new_window(qtbot)
    load(qtbot, window, data_file)
    window.scene.add_entity(window.kg, D + "a", x=5.0, y=7.0)
    window.scene.expand(window.kg, D + "a")
    window.scene.pin(D + "a")
    with qtbot.waitSignal(window.workbench.sig_query_finished, timeout=20000):
        window.workbench.run_query(UPDATE)
    window.scene.add_entity(window.kg, D + "z", x=-40.0, y=12.5)
    # Written by the throttle timer, within JOURNAL_DELAY_MS of the last change.
    wait_for_journal(qtbot, window, lambda j: D + "z" in {n["id"] for n in j["scene"]["nodes"]} and j["updates"])
    # What a kill leaves: the lock goes with the process, the journal stays.
    window.recovery.session.close(clean=False)
    return window


def test_window_journals_scene_source_and_updates(qtbot, data_file):
    window = new_window(qtbot)
    load(qtbot, window, data_file)
    window.scene.add_entity(window.kg, D + "b", x=1.0, y=2.0)
    with qtbot.waitSignal(window.workbench.sig_query_finished, timeout=20000):
        window.workbench.run_query(UPDATE)
    data = wait_for_journal(qtbot, window, lambda j: j["updates"] and j["scene"]["nodes"])
    assert data["format"] == "kg-explorer-journal"
    assert data["source"]["kind"] == "files" and data["source"]["files"][0]["path"] == str(data_file.absolute())
    assert [n["id"] for n in data["scene"]["nodes"]] == [D + "b"]
    assert data["updates"][0]["sparql"] == UPDATE and f"<{D}z>" in data["updates"][0]["added"]
    # Undo takes the update out of the journal.
    window.workbench.undo_update()
    wait_for_journal(qtbot, window, lambda j: j["updates"] == [])
    # A clean exit removes the journal.
    folder = window.recovery.session.folder
    window.close()
    assert not folder.exists()


def test_new_window_offers_and_restores_the_same_scene_and_triples(qtbot, data_file):
    crashed = crashed_window_with_work(qtbot, data_file)
    expected_quads = quads(crashed)
    expected_scene = crashed.scene.to_dict()
    assert D + "z" in crashed.scene.nodes

    window = new_window(qtbot)
    box = window.recovery.offer()
    assert box is not None and box.text() == QUESTION
    assert "team.ttl" in box.informativeText() and "1 SPARQL update" in box.informativeText()
    with qtbot.waitSignal(window.recovery.sig_restored, timeout=30000):
        box.findChild(type(box.defaultButton()), "restoreButton").click()
    assert quads(window) == expected_quads
    restored = window.scene.to_dict()
    assert {n["id"]: (n["x"], n["y"], n["pinned"]) for n in restored["nodes"]} == \
        {n["id"]: (n["x"], n["y"], n["pinned"]) for n in expected_scene["nodes"]}
    assert {e["id"] for e in restored["edges"]} == {e["id"] for e in expected_scene["edges"]}
    # The redone update can still be undone.
    assert len(window.workbench.undo_stack) == 1
    window.workbench.undo_update()
    assert not window.kg.exists(D + "z")
    # The old journal is gone; nothing is offered twice.
    assert not crashed.recovery.session.folder.exists()
    assert new_window(qtbot).recovery.offer() is None


def test_discard_throws_the_journal_away(qtbot, data_file):
    crashed = crashed_window_with_work(qtbot, data_file)
    window = new_window(qtbot)
    box = window.recovery.offer()
    assert box is not None
    box.findChild(type(box.defaultButton()), "discardButton").click()
    qtbot.waitUntil(lambda: not crashed.recovery.session.folder.exists(), timeout=5000)
    assert window.kg is None and not window.scene.nodes
    assert new_window(qtbot).recovery.offer() is None


def test_snapshot_being_written_is_reopened(qtbot, data_file):
    window = new_window(qtbot)
    load(qtbot, window, data_file)
    window.scene.add_entity(window.kg, D + "a")
    dialog = window.export_actions.save_snapshot()
    dialog.title_edit.setText("Alpha's circle")
    dialog.notes_edit.setPlainText("ask about Gamma")
    wait_for_journal(qtbot, window, lambda j: (j.get("draft") or {}).get("notes") == "ask about Gamma")
    window.recovery.session.close(clean=False)
    dialog.reject()

    second = new_window(qtbot)
    with qtbot.waitSignal(second.recovery.sig_restored, timeout=30000):
        second.recovery.restore(second.recovery.orphans[0])
    reopened = [d for d in second.findChildren(type(dialog)) if d.isVisible()]
    assert len(reopened) == 1
    assert reopened[0].title_edit.text() == "Alpha's circle"
    assert reopened[0].notes_edit.toPlainText() == "ask about Gamma"
    reopened[0].reject()


def test_damaged_journal_is_one_status_line_and_no_prompt(qtbot, data_file):
    crashed = crashed_window_with_work(qtbot, data_file)
    journal = crashed.recovery.session.journal_path
    journal.write_text('{"format": "kg-explorer-journal", "schema_version": 1, "source": {"kind": "files", "fi',
                       encoding="utf-8")
    window = new_window(qtbot)
    assert window.recovery.offer() is None
    message = window.statusBar().currentMessage()
    assert "journal.json:1:" in message and "moved aside" in message and "\n" not in message
    assert (recovery_dir() / f"{crashed.recovery.session.folder.name}-journal.json.damaged").exists()


def test_missing_data_file_keeps_the_journal_for_later(qtbot, data_file):
    crashed = crashed_window_with_work(qtbot, data_file)
    data_file.unlink()
    window = new_window(qtbot)
    with qtbot.waitSignal(window.recovery.sig_restore_failed, timeout=10000) as failed:
        window.recovery.restore(window.recovery.orphans[0])
    assert "team.ttl is gone" in failed.args[0]
    assert crashed.recovery.session.folder.exists()
    assert len(new_window(qtbot).recovery.orphans) == 1


def test_blank_nodes_survive_in_the_restored_graph(qtbot, tmp_path):
    path = tmp_path / "anon.ttl"
    path.write_text(f'@prefix d: <{D}> .\nd:a d:has [ d:name "inner" ] .\n', encoding="utf-8")
    window = new_window(qtbot)
    task = window.open_files([path])
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    with qtbot.waitSignal(window.workbench.sig_query_finished, timeout=20000):
        window.workbench.run_query(f'INSERT {{ ?x <{D}seen> "yes" }} WHERE {{ ?x <{D}name> "inner" }}')
    window.recovery.write_journal()
    window.recovery.session.close(clean=False)

    second = new_window(qtbot)
    with qtbot.waitSignal(second.recovery.sig_restored, timeout=30000):
        second.recovery.restore(second.recovery.orphans[0])
    answer = second.kg.query(f'ASK {{ ?x <{D}name> "inner" ; <{D}seen> "yes" }}')
    assert answer.boolean is True
    store = second.kg.backend.store
    assert sum(1 for q in store.quads_for_pattern(None, ox.NamedNode(D + "seen"), None, None)) == 1
