"""A private Oxigraph SPARQL server (the ``oxigraph`` wheel's binary) on loopback, for tests and benchmarks.

The second real server of the endpoint tests, beside Virtuoso: a different engine with a
different dialect (strict SPARQL 1.1, no free-text index). Graphs are bulk-loaded with
``oxigraph load`` into the database folder before the server starts (the database is locked
while it runs); the server answers queries at ``/query`` and updates at ``/update``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from server_process import free_port, launch, log_tail, stop


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
        self.process = launch(
            [self.binary, "serve", "--location", str(self.database), "--bind", f"127.0.0.1:{self.port}"],
            name="oxigraph", url=self.url, log=self.folder / "oxigraph.log", timeout=timeout, poll_every=0.1)

    def log_tail(self) -> str:
        return log_tail(self.folder / "oxigraph.log")

    def stop(self) -> None:
        stop(self.process)
