"""A private Virtuoso (Debian's ``virtuoso-opensource``) on loopback, for tests and benchmarks.

The server runs from its own minimal ``virtuoso.ini`` with the database in a temporary
folder, both ports on free loopback ports, and the load folder in ``DirsAllowed``.
Graphs are bulk-loaded with ``ld_dir``/``rdf_loader_run`` through ``isql-vt``. A fresh database's ``dba`` password is ``dba``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from server_process import free_port, launch, log_tail, stop

DBA_PASSWORD = "dba"


def virtuoso_missing() -> str | None:
    """Why a server cannot be started here, or ``None`` when it can."""
    if shutil.which("virtuoso-t") is None:
        return "virtuoso-t not installed (apt-get install virtuoso-opensource; .ci/setup test does it)"
    if shutil.which("isql-vt") is None:
        return "isql-vt not installed (package virtuoso-opensource)"
    return None


class VirtuosoServer:
    """Start, load and stop one private Virtuoso instance under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.database = self.folder / "db"
        self.loads = self.folder / "load"
        self.sql_port = free_port()
        self.http_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def auth_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def _write_ini(self) -> Path:
        """A minimal configuration: nothing from /etc, so the package's own instance is untouched."""
        db = self.database
        ini = f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {self.loads}
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
ServerRoot = {db}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""
        path = self.folder / "virtuoso.ini"
        path.write_text(ini, encoding="utf-8")
        return path

    def start(self, timeout: float = 90.0) -> None:
        self.database.mkdir(parents=True, exist_ok=True)
        self.loads.mkdir(parents=True, exist_ok=True)
        ini = self._write_ini()
        self.process = launch(["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=self.database,
                              name="virtuoso-t", url=self.url, log=self.folder / "server.log", timeout=timeout,
                              poll_every=0.3)

    def log_tail(self) -> str:
        return log_tail(self.folder / "server.log")

    def isql(self, sql: str, timeout: float = 600.0) -> str:
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", DBA_PASSWORD, f"exec={sql}"],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {(done.stdout + done.stderr).strip()[:500]}")
        return done.stdout

    def load(self, files: list[Path], graph: str) -> None:
        """Bulk-load files into a named graph (all or nothing: an error stops the fixture)."""
        folder = self.loads / re.sub(r"[^A-Za-z0-9]+", "_", graph)
        folder.mkdir(parents=True, exist_ok=True)
        for index, path in enumerate(files):
            shutil.copy(path, folder / f"{index:02d}-{path.name}")
        # The free-text index (if enabled) is brought up to date before the graph is used.
        self.isql(f"ld_dir('{folder}', '*', '{graph}'); rdf_loader_run(); DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ(); checkpoint;")
        failed = self.isql(f"SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL "
                           f"AND ll_graph = '{graph}';")
        if "0 Rows" not in failed:
            raise RuntimeError(f"Virtuoso could not load {graph}: {failed.strip()[:500]}")

    def enable_text_index(self) -> None:
        """Index every literal in Virtuoso's free-text index (``bif:contains``) from now on.

        Call before loading: literals are indexed as they are loaded (and flushed by :meth:`load`).
        The explorer detects the index when it connects and searches through it.
        """
        self.isql("DB.DBA.RDF_OBJ_FT_RULE_ADD(null, null, 'index_all');")

    def grant_update(self, user: str = "dba") -> None:
        """Let ``user`` run SPARQL Update through ``/sparql-auth`` (digest authentication)."""
        self.isql(f"GRANT SPARQL_UPDATE TO \"{user}\";")

    def stop(self) -> None:
        stop(self.process, ask=lambda: self.isql("shutdown;", timeout=30), wait=30)
