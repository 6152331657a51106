"""A private Oxigraph SPARQL server (the ``oxigraph`` wheel's binary) on loopback, for tests and benchmarks.

The second real server of the endpoint tests, beside Virtuoso: a different engine with a
different dialect (strict SPARQL 1.1, no free-text index). Graphs are bulk-loaded with
``oxigraph load`` into the database folder before the server starts (the database is locked
while it runs); the server answers queries at ``/query`` and updates at ``/update``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from virtuoso_server import free_port


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"  # installed into the virtualenv by pip
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


def oxigraph_missing() -> str | None:
    """Why a server cannot be started here, or ``None`` when it can."""
    if oxigraph_binary() is None:
        return "the oxigraph server is not installed (pip install oxigraph; .ci/setup test does it)"
    return None


class OxigraphServer:
    """Load, start and stop one private Oxigraph server under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.database = self.folder / "oxigraph-db"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.binary = oxigraph_binary() or "oxigraph"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def update_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/update"

    def load(self, files: list[Path], graph: str) -> None:
        """Bulk-load files into a named graph; only while the server is stopped."""
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("stop the Oxigraph server before loading (its database is locked while it runs)")
        self.database.mkdir(parents=True, exist_ok=True)
        for path in files:
            done = subprocess.run([self.binary, "load", "--location", str(self.database), "--file", str(path),
                                   "--graph", graph], capture_output=True, text=True, timeout=3600, check=False)
            if done.returncode != 0:
                raise RuntimeError(f"oxigraph could not load {path.name}: {(done.stdout + done.stderr).strip()[:500]}")

    def clear(self, graph: str) -> None:
        """Empty a named graph; only while the server is stopped."""
        if not self.database.exists():
            return
        done = subprocess.run([self.binary, "update", "--location", str(self.database), "--update",
                               f"CLEAR SILENT GRAPH <{graph}>"], capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"oxigraph could not clear {graph}: {(done.stdout + done.stderr).strip()[:500]}")

    def start(self, timeout: float = 60.0) -> None:
        self.database.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "oxigraph.log", "wb") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--location", str(self.database), "--bind", f"127.0.0.1:{self.port}"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        probe = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}: {self.log_tail()}")
            try:
                with probe.open(f"{self.url}?query=ASK%7B%7D", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oxigraph did not answer within {timeout:g} s: {self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return " | ".join((self.folder / "oxigraph.log").read_text(errors="replace").splitlines()[-5:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
