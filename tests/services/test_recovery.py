"""Crash journal: round trip, damaged journals, lock liveness, redoing updates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.core.scene import Scene
from explorer.core.sparql import QueryPolicy
from explorer.core.updates import run_update
from explorer.services.recovery import (
    Journal,
    JournaledFile,
    JournaledUpdate,
    JournalError,
    JournalSource,
    RecoverySession,
    SnapshotDraft,
    orphaned_sessions,
    pid_alive,
    reapply_updates,
    recovery_dir,
    source_of,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = "https://w3id.org/kg-explorer/data/"
TURTLE = textwrap.dedent(f"""
    @prefix d: <{DATA}> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    d:a rdfs:label "Alpha" ; d:knows d:b .
    d:b rdfs:label "Beta" ; d:has [ rdfs:label "anonymous" ] .
""")


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


def small_graph(path: Path) -> KnowledgeGraph:
    kg = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    kg.load([path])
    return kg


def graph_triples(kg: KnowledgeGraph) -> set[str]:
    """The graph's quads as text, blank-node labels left out (they change per load)."""
    return {" ".join("_:" if isinstance(t, ox.BlankNode) else str(t) for t in quad)
            for quad in kg.backend.store.quads_for_pattern(None, None, None, None)}


def a_scene(kg: KnowledgeGraph) -> Scene:
    scene = Scene()
    scene.add_entity(kg, DATA + "a", x=10.0, y=20.0)
    scene.expand(kg, DATA + "a")
    scene.pin(DATA + "a")
    return scene


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def run_child(code: str, root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", textwrap.dedent(code), str(root)], check=True, env=env, timeout=60)


# ------------------------------------------------------------------------------ round trip
def test_journal_round_trip(tmp_path: Path, data_file: Path) -> None:
    kg = small_graph(data_file)
    record = run_update(kg, f'INSERT DATA {{ <{DATA}c> <{DATA}knows> <{DATA}a> . '
                            f'<{DATA}c> <http://www.w3.org/2000/01/rdf-schema#label> "Gamma"@en }}')
    journal = Journal(source_of(kg), a_scene(kg).to_dict(), [JournaledUpdate.from_record(record)],
                      SnapshotDraft("Alpha's links", "check Beta 中国移动"))
    session = RecoverySession.start(tmp_path)
    session.write(journal)
    back = Journal.read(session.journal_path)
    assert back.source == journal.source
    assert back.source.kind == "files" and back.source.files[0].path == str(data_file.absolute())
    assert back.source.files[0].size == data_file.stat().st_size
    assert back.scene == journal.scene
    assert Scene.from_dict(back.scene).nodes[DATA + "a"].pinned
    assert back.updates == journal.updates
    added, removed = back.updates[0].quads()
    assert set(added) == set(record.added) and removed == []
    assert back.draft == SnapshotDraft("Alpha's links", "check Beta 中国移动")
    assert back.pid == os.getpid() and back.saved_at
    assert back.worth_restoring()
    assert "small.ttl" in back.describe() and "1 SPARQL update" in back.describe()
    session.close(clean=True)
    assert not session.folder.exists()


def test_bundled_graph_with_an_empty_canvas_is_not_worth_restoring(bundled_graph: KnowledgeGraph) -> None:
    source = source_of(bundled_graph)
    assert source.kind == "bundled"
    assert not Journal(source, Scene().to_dict()).worth_restoring()
    assert Journal(source, Scene().to_dict(), draft=SnapshotDraft("x")).worth_restoring()
    assert not Journal(source, None, draft=SnapshotDraft(" ", "")).worth_restoring()


def test_source_of_an_endpoint_keeps_no_secret() -> None:
    from explorer.core.backends import EndpointAuth, EndpointConfig, SparqlEndpointBackend

    config = EndpointConfig("http://127.0.0.1:9/sparql", default_graph="http://g/", auth=EndpointAuth("basic", "ann", "hunter2"))
    kg = KnowledgeGraph(SparqlEndpointBackend(config))
    source = source_of(kg)
    assert source.kind == "endpoint"
    assert source.endpoint["url"] == "http://127.0.0.1:9/sparql" and source.endpoint["user"] == "ann"
    assert "hunter2" not in json.dumps(source.to_dict())


# ------------------------------------------------------------------------------ orphans and locks
def test_live_session_is_not_an_orphan(tmp_path: Path) -> None:
    session = RecoverySession.start(tmp_path)
    session.write(Journal(JournalSource("files", (JournaledFile("/data/x.ttl"),)), None, [JournaledUpdate("CLEAR ALL")]))
    assert orphaned_sessions(tmp_path) == []
    session.close(clean=False)  # the lock goes, as when the process dies
    found = orphaned_sessions(tmp_path)
    assert [o.folder for o in found] == [session.folder]
    # Claimed: a second look (another window starting now) does not offer it again.
    assert orphaned_sessions(tmp_path) == []
    found[0].release()
    assert len(orphaned_sessions(tmp_path)) == 1


def test_session_of_a_killed_process_is_an_orphan(tmp_path: Path) -> None:
    run_child("""
        import os, sys
        from pathlib import Path
        from explorer.services.recovery import Journal, JournalSource, RecoverySession, JournaledUpdate, JournaledFile
        session = RecoverySession.start(Path(sys.argv[1]))
        session.write(Journal(JournalSource("files", (JournaledFile("/data/x.ttl"),)), None, [JournaledUpdate("CLEAR ALL")]))
        os._exit(0)  # no cleanup, like a crash
    """, tmp_path)
    found = orphaned_sessions(tmp_path)
    assert len(found) == 1 and found[0].journal.updates[0].sparql == "CLEAR ALL"
    found[0].discard()
    assert list(tmp_path.iterdir()) == []


def test_session_held_by_another_live_process_is_not_an_orphan(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys
        from pathlib import Path
        from explorer.services.recovery import Journal, JournalSource, RecoverySession, JournaledUpdate, JournaledFile
        session = RecoverySession.start(Path(sys.argv[1]))
        session.write(Journal(JournalSource("files", (JournaledFile("/data/x.ttl"),)), None, [JournaledUpdate("CLEAR ALL")]))
        print("ready", flush=True)
        sys.stdin.readline()
    """), str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        assert orphaned_sessions(tmp_path) == []
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=60)
    assert len(orphaned_sessions(tmp_path)) == 1


def test_stale_lock_file_with_a_dead_pid_and_no_lock_held(tmp_path: Path) -> None:
    folder = tmp_path / "session-1-abcd"
    folder.mkdir()
    (folder / "lock").write_text(f"{dead_pid()}\n")
    Path(folder / "journal.json").write_text(
        Journal(JournalSource("files", (JournaledFile("/data/x.ttl"),)), None, [JournaledUpdate("CLEAR ALL")]).to_json())
    assert len(orphaned_sessions(tmp_path)) == 1


def test_pid_liveness() -> None:
    assert pid_alive(os.getpid())
    assert not pid_alive(dead_pid())
    assert not pid_alive(0)


def test_dead_session_with_nothing_to_restore_is_removed_silently(tmp_path: Path) -> None:
    session = RecoverySession.start(tmp_path)
    session.write(Journal(JournalSource("bundled", ()), Scene().to_dict()))
    session.close(clean=False)
    warnings: list[str] = []
    assert orphaned_sessions(tmp_path, warnings=warnings) == [] and warnings == []
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------ damaged journals
@pytest.mark.parametrize(("content", "expected"), [
    (b'{"format": "kg-explorer-journal", "schema_ver', "journal.json:1:"),  # torn (not our writer, but a disk)
    (b"\xff\xfe garbage", "not UTF-8"),
    (b"[1, 2]", "expected a JSON object"),
    (b'{"format": "something-else"}', "field 'format'"),
    (json.dumps({"format": "kg-explorer-journal", "schema_version": 99, "source": {"kind": "none"}}).encode(), "newer"),
    (json.dumps({"format": "kg-explorer-journal", "schema_version": 1, "source": {"kind": "ftp"}}).encode(),
     "field 'source.kind'"),
    (json.dumps({"format": "kg-explorer-journal", "schema_version": 1, "source": {"kind": "none"},
                 "scene": {"schema_version": 1, "nodes": "x"}}).encode(), "field 'scene'"),
    (json.dumps({"format": "kg-explorer-journal", "schema_version": 1, "source": {"kind": "none"},
                 "updates": [{"sparql": "x", "added": "<a> <b> ."}]}).encode(), "field 'updates[0]'"),
    (b"[" * 100_000, "journal.json"),
])
def test_damaged_journal_is_one_warning_and_moved_aside(tmp_path: Path, content: bytes, expected: str) -> None:
    session = RecoverySession.start(tmp_path)
    session.close(clean=False)
    (session.folder / "journal.json").write_bytes(content)
    warnings: list[str] = []
    assert orphaned_sessions(tmp_path, warnings=warnings) == []
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert expected in warnings[0] and "moved aside" in warnings[0]
    aside = tmp_path / f"{session.folder.name}-journal.json.damaged"
    assert aside.read_bytes() == content
    assert not session.folder.exists()
    with pytest.raises(JournalError):
        Journal.read(aside)


def test_no_recovery_folder_is_no_orphan(tmp_path: Path) -> None:
    assert orphaned_sessions(tmp_path / "nothing") == []
    assert recovery_dir().name == "recovery"


# ------------------------------------------------------------------------------ redoing updates
def test_reapply_updates_after_reloading_gives_the_same_graph(data_file: Path) -> None:
    kg = small_graph(data_file)
    records = [
        run_update(kg, f'INSERT DATA {{ <{DATA}c> <{DATA}knows> <{DATA}a> }}'),
        run_update(kg, f'DELETE DATA {{ <{DATA}a> <{DATA}knows> <{DATA}b> }}'),
        # Blank nodes of the file: the effect cannot be replayed by label, the text is rerun.
        run_update(kg, 'DELETE { ?x <http://www.w3.org/2000/01/rdf-schema#label> "anonymous" } '
                       'INSERT { ?x <http://www.w3.org/2000/01/rdf-schema#label> "named" } '
                       'WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> "anonymous" }'),
        # NOW() gives another time when rerun: the recorded effect is replayed instead.
        run_update(kg, f'INSERT {{ <{DATA}a> <{DATA}seen> ?t }} WHERE {{ BIND(NOW() AS ?t) }}'),
    ]
    expected = graph_triples(kg)
    journal = Journal(source_of(kg), None, [JournaledUpdate.from_record(r) for r in records])
    back = Journal.from_dict(json.loads(journal.to_json()))

    fresh = small_graph(data_file)
    assert graph_triples(fresh) != expected
    done = reapply_updates(fresh, back.updates)
    assert done.warnings == []
    assert graph_triples(fresh) == expected
    assert len(done.records) == 4
    # The redone updates can be undone, back to the file's graph.
    from explorer.core.updates import undo

    for record in reversed(done.records):
        undo(fresh, record)
    assert graph_triples(fresh) == graph_triples(small_graph(data_file))


def test_reapply_is_idempotent_on_a_graph_that_already_holds_the_updates(data_file: Path) -> None:
    kg = small_graph(data_file)
    record = run_update(kg, f'INSERT DATA {{ <{DATA}c> <{DATA}knows> <{DATA}a> }}')
    before = graph_triples(kg)
    done = reapply_updates(kg, [JournaledUpdate.from_record(record)], rerun_blank_nodes=False)
    assert graph_triples(kg) == before
    assert done.records[0].added == []  # nothing really changed, so Undo changes nothing either


def test_reapply_reports_an_update_that_fails_again(data_file: Path) -> None:
    kg = small_graph(data_file)
    broken = JournaledUpdate("INSERT DATA { _:x <http://e/p> ", added="_:x <http://e/p> <http://e/o> .\n")
    done = reapply_updates(kg, [broken])
    assert len(done.warnings) == 1 and "could not be redone" in done.warnings[0]
