"""SIGKILL during saves: settings, snapshots and the crash journal are old or new, never torn,
and the journal a killed session leaves restores its work.

A child process runs the app's own save code in a loop (``save_settings``,
``write_snapshot`` with a few MB of notes, ``RecoverySession.write``) and announces each
step on stdout; the test kills it with SIGKILL right after a randomly chosen announcement,
20 times, and after each kill opens what is on disk with the app's own readers.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from explorer.core.graph import KnowledgeGraph
from explorer.core.scene import Scene
from explorer.services.recovery import orphaned_sessions, reapply_updates
from explorer.services.settings import load_settings
from explorer.services.snapshots import open_snapshot, save_snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
D = "https://w3id.org/kg-explorer/data/"
KILLS = 20
NOTES_BYTES = 1024 * 1024

SAVER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from explorer.core.scene import Scene, SceneNode
    from explorer.services.recovery import Journal, JournalSource, JournaledFile, JournaledUpdate, RecoverySession
    from explorer.services.settings import Settings, save_settings
    from explorer.services.snapshots import open_snapshot, write_snapshot

    folder, template, data_file, notes_bytes = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    D = "https://w3id.org/kg-explorer/data/"
    snapshot = open_snapshot(template)
    real_fsync = os.fsync
    if sys.argv[5:] == ["naive"]:
        # For the harness's own check: settings written in place, in two halves.
        import explorer.services.settings as settings_module

        def naive_write(path, text):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text[: len(text) // 2])
                handle.flush()
                os.fsync(handle.fileno())
                handle.write(text[len(text) // 2 :])

        settings_module.atomic_write = naive_write

    def say(*words):
        os.write(1, (" ".join(str(w) for w in words) + "\\n").encode())

    def read_line():
        data = b""
        while not data.endswith(b"\\n"):
            byte = os.read(0, 1)
            if not byte:
                os._exit(0)
            data += byte
        return data.decode()

    def save_loop(first):
        session = RecoverySession.start(folder / "recovery")
        settings, scene, updates = Settings(), Scene(), []
        generation = first

        def paused_fsync(descriptor):
            # Every fsync of the atomic writer (file, then folder after the rename) is a
            # point where the parent may kill us: the new data written, the rename not yet
            # made (or made and not yet durable).
            say("fsync", generation)
            read_line()
            real_fsync(descriptor)

        os.fsync = paused_fsync
        while True:
            say("start", generation)
            settings.recent_files = [f"/data/generation-{generation}.ttl"]
            save_settings(settings, folder / "settings.json")
            say("settings", generation)
            snapshot.title = f"generation {generation}"
            snapshot.notes = f"{generation:08d}" * (notes_bytes // 8)
            write_snapshot(folder / "work.kgsnap", snapshot)
            say("snapshot", generation)
            scene.add_node(SceneNode(id=f"{D}n{generation}", entity=f"{D}n{generation}", label=f"n{generation}",
                                     class_iri="", class_label="", x=float(generation), y=0.0))
            updates.append(JournaledUpdate(
                f'INSERT DATA {{ <{D}a> <{D}generation> {generation} }}',
                added=f'<{D}a> <{D}generation> "{generation}"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'))
            session.write(Journal(JournalSource("files", (JournaledFile(data_file),)), scene.to_dict(), updates))
            say("journal", generation)
            generation += 1

    # A fork server: imports once, then each round's saver is a fresh forked process.
    say("ready", 0)
    while True:
        first = int(read_line().split()[1])
        # The child waits until the parent has announced its pid: both write to one pipe,
        # and the harness reads "pid" before the child's first "start".
        announced, announce = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(announce)
                os.read(announced, 1)
                os.close(announced)
                save_loop(first)
            finally:
                os._exit(1)
        os.close(announced)
        say("pid", pid)
        os.close(announce)
        _, status = os.waitpid(pid, 0)
        say("dead", os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1)
    """
)


def generation_of_settings(path: Path) -> int:
    settings, warning = load_settings(path)
    assert warning is None, f"settings torn: {warning}"
    return int(settings.recent_files[0].rsplit("-", 1)[1].removesuffix(".ttl"))


def generation_of_snapshot(path: Path) -> int:
    snapshot = open_snapshot(path)  # raises SnapshotError on a torn file
    generation = int(snapshot.title.split()[1])
    assert snapshot.notes == f"{generation:08d}" * (NOTES_BYTES // 8), "snapshot notes torn"
    return generation


STEPS = ("start", "settings", "snapshot", "journal")


def allowed(step: str, started: int, first: int, file_step: str, before: int | None) -> set[int | None]:
    """What a file may hold after a kill: the generation being saved once the child announced
    that file saved; before that, that generation or the previous one (from an earlier round
    when this round had saved nothing yet) — whole, never a mix."""
    if STEPS.index(step) >= STEPS.index(file_step):
        return {started}
    return {started, started - 1 if started > first else before}


def test_sigkill_during_saves_leaves_old_or_new_and_the_journal_restores(tmp_path: Path) -> None:
    data_file = tmp_path / "small.ttl"
    data_file.write_text(f"<{D}a> <http://www.w3.org/2000/01/rdf-schema#label> \"Alpha\" .\n", encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([data_file])
    scene = Scene()
    scene.add_entity(kg, D + "a")
    template = tmp_path / "template.kgsnap"
    save_snapshot(template, kg, scene, title="template")
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    settings_path, snapshot_path = tmp_path / "settings.json", tmp_path / "work.kgsnap"
    rng = random.Random(20240607)
    interrupted = 0
    generation = 1
    on_disk: dict[str, int | None] = {"settings": None, "snapshot": None}
    server = subprocess.Popen([sys.executable, str(script), str(tmp_path), str(template), str(data_file), str(NOTES_BYTES)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1)
    assert server.stdin is not None and server.stdout is not None
    try:
        assert server.stdout.readline().split() == ["ready", "0"]
        for _round in range(KILLS):
            first = generation
            server.stdin.write(f"go {first}\n")
            server.stdin.flush()
            kind, pid = server.stdout.readline().split()
            assert kind == "pid"
            # Kill at a random announcement: paused inside an atomic write (at an fsync), or
            # just after a save, when the next one is under way.
            kill_at = rng.randint(1, 16)
            last_line = f"start {first - 1}"
            for count in itertools.count(1):
                line = server.stdout.readline()
                if line.split()[0] != "fsync":
                    last_line = line
                if count == kill_at:
                    os.kill(int(pid), signal.SIGKILL)
                    break
                if line.split()[0] == "fsync":
                    server.stdin.write("c\n")
                    server.stdin.flush()
            for line in iter(server.stdout.readline, ""):  # what it said before the kill landed
                if line.startswith("dead"):
                    assert line.split() == ["dead", str(int(signal.SIGKILL))]
                    break
                if line.split()[0] != "fsync":
                    last_line = line
            step, number = last_line.split()
            started = int(number)  # the generation being saved when the kill landed
            interrupted += any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))

            # Each file holds a whole generation: the one in progress or the one before.
            found_settings = generation_of_settings(settings_path) if settings_path.exists() else None
            assert found_settings in allowed(step, started, first, "settings", on_disk["settings"])
            found_snapshot = generation_of_snapshot(snapshot_path) if snapshot_path.exists() else None
            assert found_snapshot in allowed(step, started, first, "snapshot", on_disk["snapshot"])
            on_disk.update(settings=found_settings, snapshot=found_snapshot)
            orphans = orphaned_sessions(tmp_path / "recovery")
            assert len(orphans) <= 1
            if started > first or step == "journal":
                assert len(orphans) == 1, "the killed session's journal was not found"
            if orphans:
                journal = orphans[0].journal
                journaled = int(journal.updates[-1].sparql.split()[-2])
                assert journaled in allowed(step, started, first, "journal", None)
                assert [u.sparql for u in journal.updates] == [
                    f'INSERT DATA {{ <{D}a> <{D}generation> {g} }}' for g in range(first, journaled + 1)]
                # The journal restores the work: the graph gets the updates, the canvas its nodes.
                fresh = KnowledgeGraph()
                fresh.load([Path(journal.source.files[0].path)])
                assert reapply_updates(fresh, journal.updates).warnings == []
                got = {int(row[0].value) for row in fresh.query(f"SELECT ?g {{ <{D}a> <{D}generation> ?g }}").rows}
                assert got == set(range(first, journaled + 1))
                assert set(Scene.from_dict(journal.scene).nodes) == {f"{D}n{g}" for g in range(first, journaled + 1)}
                orphans[0].discard()
            for leftover in tmp_path.rglob("*.tmp"):
                leftover.unlink()
            generation = started + 1
    finally:
        server.kill()
        server.wait(timeout=60)
    # Some kills must have landed inside a save, or the test proved nothing.
    assert interrupted >= 3, f"only {interrupted} of {KILLS} kills interrupted a save"


def test_the_harness_catches_a_writer_that_is_not_atomic(tmp_path: Path) -> None:
    """The same kills against settings written in place do leave torn files: the check can fail."""
    template = tmp_path / "template.kgsnap"
    kg = KnowledgeGraph()
    scene = Scene()
    save_snapshot(template, kg, scene, title="template")
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, str(script), str(tmp_path), str(template), str(tmp_path / "x.ttl"),
                               "1024", "naive"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
                              bufsize=1)
    assert server.stdin is not None and server.stdout is not None
    warnings = []
    try:
        assert server.stdout.readline().split() == ["ready", "0"]
        for generation in (1, 2, 3):
            server.stdin.write(f"go {generation}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline().split()[1])
            assert server.stdout.readline().split() == ["start", str(generation)]
            assert server.stdout.readline().split()[0] == "fsync"  # half of the settings written
            os.kill(pid, signal.SIGKILL)
            assert server.stdout.readline().split()[0] == "dead"
            warnings.append(load_settings(tmp_path / "settings.json")[1])
    finally:
        server.kill()
        server.wait(timeout=60)
    assert all(warning is not None and "not valid JSON" in warning for warning in warnings)
