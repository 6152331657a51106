"""Atomic writes: the old file or the new one, never a torn one — even under SIGKILL."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from explorer.core.atomic import atomic_open, atomic_write


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_bytes_and_text(tmp_path: Path) -> None:
    target = tmp_path / "data.bin"
    atomic_write(target, b"\x00\x01binary")
    assert target.read_bytes() == b"\x00\x01binary"
    atomic_write(target, "中国移动 text")
    assert target.read_text(encoding="utf-8") == "中国移动 text"
    assert leftovers(tmp_path) == []


def test_atomic_open_text_and_binary(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    with atomic_open(target) as handle:
        handle.write("line 1\n")
        handle.write("line 2\n")
    assert target.read_text() == "line 1\nline 2\n"
    with atomic_open(target, "wb") as handle:
        handle.write(b"bytes")
    assert target.read_bytes() == b"bytes"


def test_failed_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text('{"old": true}')
    with pytest.raises(RuntimeError, match="disk on fire"), atomic_open(target) as handle:
        handle.write('{"new": ')
        raise RuntimeError("disk on fire")
    assert target.read_text() == '{"old": true}'
    assert leftovers(tmp_path) == []


def test_failed_block_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    with pytest.raises(KeyboardInterrupt), atomic_open(target) as handle:
        handle.write("partial")
        raise KeyboardInterrupt
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_permission_bits_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "secret.json"
    target.write_text("{}")
    target.chmod(0o600)
    atomic_write(target, "{\"a\": 1}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.chmod(0o644)
    atomic_write(target, "{}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_new_file_gets_default_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import explorer.core.atomic

    monkeypatch.setattr(explorer.core.atomic, "_UMASK", None)  # read again, under this test's umask
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "fresh.txt", "x")
    finally:
        os.umask(umask)
    # Not mkstemp's private 0600: a new file looks like one made by open().
    assert stat.S_IMODE((tmp_path / "fresh.txt").stat().st_mode) == 0o644


def test_only_whole_file_modes(tmp_path: Path) -> None:
    for mode in ("a", "r+", "w+", "ab"):
        with pytest.raises(ValueError, match="mode must be"), atomic_open(tmp_path / "x", mode):
            pass


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "no" / "such" / "file.txt", "x")


WRITER = textwrap.dedent(
    """
    import hashlib, sys
    from explorer.core.atomic import atomic_open

    target = sys.argv[1]
    size = int(sys.argv[2])
    generation = 0
    while True:
        generation += 1
        body = (b"%08d" % generation) * (size // 8)
        digest = hashlib.sha256(body).hexdigest().encode()
        with atomic_open(target, "wb") as handle:
            handle.write(b"HEAD %d\\n" % generation)
            handle.flush()
            print(generation, flush=True)  # the parent kills us after one of these lines
            # Many small flushed writes: a save takes long enough to be killed in the middle.
            for start in range(0, len(body), 16384):
                handle.write(body[start:start + 16384])
                handle.flush()
            handle.write(b"\\nSHA " + digest + b"\\n")
    """
)


def check_complete(path: Path) -> int:
    """The generation of a complete save; fails the test on a torn file."""
    data = path.read_bytes()
    head, _, rest = data.partition(b"\n")
    body, _, tail = rest.rpartition(b"\nSHA ")
    assert head.startswith(b"HEAD "), f"torn file: starts with {data[:40]!r}"
    assert tail.endswith(b"\n"), "torn file: no end marker"
    assert hashlib.sha256(body).hexdigest().encode() == tail.strip(), "torn file: checksum mismatch"
    generation = int(head.split()[1])
    assert body[:8] == b"%08d" % generation
    return generation


def test_sigkill_during_saves_never_leaves_a_torn_file(tmp_path: Path) -> None:
    target = tmp_path / "snapshot.kgx"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    rng = random.Random(7)
    seen: list[int] = []
    for _round in range(6):
        process = subprocess.Popen(
            [sys.executable, str(script), str(target), str(4 * 1024 * 1024)],
            stdout=subprocess.PIPE, env=env, text=True,
        )
        try:
            assert process.stdout is not None
            # Kill right after the writer announced a save: mid-write or mid-rename.
            for _ in range(rng.randint(2, 12)):
                if not process.stdout.readline():
                    break
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
        if target.exists():
            seen.append(check_complete(target))
    assert seen, "the writer never completed a save"
    # Killed temporaries may stay behind, but the target is never one of them.
    assert all(name.startswith(".snapshot.kgx.") for name in leftovers(tmp_path))
