"""Running a user's query in a forked child with a memory limit, so no query can exhaust the app.

The embedded engine cannot be stopped from outside, and a query such as a sorted cross
product allocates gigabytes before its first answer. On Linux the query runs in a child
made by ``fork``: the child sees the store as it is (copy-on-write, nothing is copied up
front), gets an address-space limit (``RLIMIT_AS``) of what the app already maps plus the
allowed amount, and streams its answer back through a pipe in a W3C format that the
engine's own parsers read. Past the limit the child's allocation fails and it dies alone;
on timeout or cancel it is killed, which also stops the CPU work (a query run in a thread
can only be abandoned). Updates never run in a child: their changes must land in the
app's store.

Measured: forking a process holding 200,000 triples and a running query thread takes a few
milliseconds; an ``ORDER BY`` over a cross product stopped at a 300 MB limit in about a
second, the app's own memory unchanged.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from explorer.core.errors import Cancelled, QueryError, QueryTimeout
from explorer.core.sparql import QueryResult
from explorer.core.tasks import CancelToken

_EXIT_MEMORY = 17
_EXIT_ERROR = 18
_RESULTS = ox.QueryResultsFormat.JSON


def isolation_available() -> bool:
    """Whether queries can run in a forked child here (Linux: fork, RLIMIT_AS and /proc)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and os.path.exists("/proc/self/statm")


def _mapped_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def run_isolated(
    store: ox.Store,
    sparql: str,
    kind: str,
    *,
    memory_mb: int,
    timeout: float | None,
    cancel: CancelToken | None,
    max_rows: int | None,
    convert: Callable[[Any], Any],
) -> QueryResult:
    """Run a read query on ``store`` in a child limited to ``memory_mb`` MB more than the app maps."""
    import resource

    limit = _mapped_bytes() + memory_mb * 1024 * 1024
    answer_read, answer_write = os.pipe()
    error_read, error_write = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        try:
            os.close(answer_read)
            os.close(error_read)
            os.dup2(error_write, 2)  # the engine's own messages ("memory allocation … failed")
            faulthandler.disable()  # the child's abort at the limit is expected: no dump on the app's stderr
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            _answer_in_child(store, sparql, kind, answer_write)
            os._exit(0)
        except MemoryError:
            os._exit(_EXIT_MEMORY)
        except BaseException as error:  # reported to the parent through the error pipe
            with contextlib.suppress(BaseException):
                os.write(error_write, f"{type(error).__name__}\t{error}".encode()[:4000])
            os._exit(_EXIT_ERROR)
    os.close(answer_write)
    os.close(error_write)
    outcome: dict[str, Any] = {}
    reader = threading.Thread(target=_read_answer, args=(answer_read, max_rows, outcome), name="query-answer",
                              daemon=True)
    reader.start()
    try:
        while reader.is_alive():
            reader.join(0.02)
            if cancel is not None and cancel.cancelled:
                raise Cancelled("query cancelled")
            if timeout is not None and time.perf_counter() - started > timeout:
                raise QueryTimeout(f"query took longer than {timeout:g} s and was stopped")
            if "stop" in outcome:  # enough rows: the rest is not needed
                break
    finally:
        with contextlib.suppress(ProcessLookupError):
            if reader.is_alive() or "stop" in outcome:
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        reader.join()
        with os.fdopen(error_read, "rb") as errors:
            message = errors.read(8000).decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if "stop" not in outcome and code != 0:
        if code == _EXIT_MEMORY or code == -signal.SIGABRT or "memory allocation" in message:
            raise QueryError(f"the query needed more than the {memory_mb:,} MB of memory it may use and was "
                             "stopped (raise the limit in the settings, or --max-memory)")
        if code == _EXIT_ERROR and "\t" in message:
            kind, text = message.split("\t", 1)
            if kind == "SyntaxError":
                raise SyntaxError(text)
            raise QueryError(text)
        raise QueryError(f"the query stopped unexpectedly (exit status {code})")
    if "error" in outcome:
        raise QueryError(f"the query's answer could not be read: {outcome['error']}")
    elapsed = time.perf_counter() - started
    truncated = bool(outcome.get("stop"))
    if outcome["kind"] == "ask":
        return QueryResult(kind="ask", boolean=outcome["boolean"], convert=convert, elapsed=elapsed)
    if outcome["kind"] == "select":
        return QueryResult(kind="select", variables=outcome["variables"], raw_rows=outcome["rows"], convert=convert,
                           elapsed=elapsed, truncated=truncated)
    return QueryResult(kind=outcome["kind"], raw_triples=outcome["rows"], convert=convert, elapsed=elapsed,
                       truncated=truncated)


def _answer_in_child(store: ox.Store, sparql: str, kind: str, answer_write: int) -> None:
    answer = store.query(sparql, use_default_graph_as_union=True)
    with os.fdopen(answer_write, "wb", buffering=1 << 16) as out:
        if isinstance(answer, ox.QueryBoolean):
            out.write(b"A" + (b"1" if bool(answer) else b"0"))
        elif isinstance(answer, ox.QuerySolutions):
            out.write(b"S")
            answer.serialize(out, _RESULTS)
        else:
            out.write(b"D" if kind == "describe" else b"C")
            answer.serialize(out, ox.RdfFormat.N_TRIPLES)


def _read_answer(descriptor: int, max_rows: int | None, outcome: dict[str, Any]) -> None:
    try:
        with os.fdopen(descriptor, "rb") as answer:
            tag = answer.read(1)
            if tag == b"A":
                outcome.update(kind="ask", boolean=answer.read(1) == b"1")
                return
            if tag not in (b"S", b"C", b"D"):
                return  # the child died before answering: its exit status says why
            rows: list[Any] = []
            if tag == b"S":
                solutions = ox.parse_query_results(answer, _RESULTS)
                if not isinstance(solutions, ox.QuerySolutions):
                    raise ValueError("expected rows, got a boolean")
                outcome.update(kind="select", variables=[v.value for v in solutions.variables], rows=rows)
                for solution in solutions:
                    if max_rows is not None and len(rows) >= max_rows:
                        outcome["stop"] = True
                        return
                    rows.append(tuple(solution))
            else:
                outcome.update(kind="describe" if tag == b"D" else "construct", rows=rows)
                for triple in ox.parse(answer, ox.RdfFormat.N_TRIPLES):
                    if max_rows is not None and len(rows) >= max_rows:
                        outcome["stop"] = True
                        return
                    rows.append((triple.subject, triple.predicate, triple.object))
    except (OSError, SyntaxError, ValueError) as error:
        outcome["error"] = str(error)
