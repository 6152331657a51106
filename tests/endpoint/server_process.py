"""Starting and stopping a private SPARQL server process on loopback (Virtuoso, Oxigraph's server).

What both test servers share: a free port, a process in its own session with its output in a
log file, a wait until ``ASK {}`` answers (or the process dies, or time runs out, each with
the log's last lines in the error), and a stop that ends the whole process group if asking
politely does not.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def log_tail(log: Path, lines: int = 5) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def launch(command: list[str], *, name: str, url: str, log: Path, cwd: Path | None = None, timeout: float,
           poll_every: float) -> subprocess.Popen[bytes]:
    """Start ``command`` and return once ``url`` answers ``ASK {}`` (a RuntimeError naming
    ``name`` and the log's tail otherwise, the process stopped)."""
    with open(log, "wb") as output:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + timeout
    probe = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}: {log_tail(log)}")
        try:
            with probe.open(f"{url}?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(poll_every)  # a child process starting up: there is no signal to wait on
    stop(process)
    raise RuntimeError(f"{name} did not answer within {timeout:g} s: {log_tail(log)}")


def stop(process: subprocess.Popen[bytes] | None, *, ask: Callable[[], object] | None = None,
         wait: float = 20.0) -> None:
    """End ``process``: ``ask`` it to shut down (else SIGTERM), then kill its group after ``wait`` s."""
    if process is None or process.poll() is not None:
        return
    if ask is not None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired, OSError):
            ask()
    else:
        process.terminate()
    try:
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
