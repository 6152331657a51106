"""Where the triples live.

``KnowledgeGraph`` talks to a backend: the embedded Oxigraph store (in memory, or an
on-disk workspace that reopens instantly), or — behind the same methods — a remote SPARQL
endpoint. Backends speak pyoxigraph terms; the facade turns them into the public API.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import os
import re
import sys
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from explorer.core.errors import Cancelled, LoadError, QueryError
from explorer.core.formats import RdfFormatInfo, detect_format, is_gzipped
from explorer.core.guards import StreamGuard, guard_for, locate, remote_context
from explorer.core.search import LabelIndex
from explorer.core.sparql import QueryPolicy, QueryResult, run_with_deadline, syntax_error
from explorer.core.store_disposal import disposal
from explorer.core.store_isolation import isolation_available, run_isolated
from explorer.core.tasks import CancelToken, Progress
from explorer.core.terms import to_rdflib

Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple


@dataclass(frozen=True)
class LoadedFile:
    """A file that went into the graph, with what it added."""

    path: Path
    format: str
    quads: int


class Backend(ABC):
    """The storage and query engine behind a KnowledgeGraph."""

    read_only: bool = False

    @abstractmethod
    def quad_count(self) -> int: ...

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        policy: QueryPolicy = QueryPolicy(),
        max_rows: int | None = None,
    ) -> QueryResult: ...

    @abstractmethod
    def triples(self, subject: Term | None, predicate: Term | None, obj: Term | None) -> Iterator[tuple[Term, Term, Term]]:
        """Triples matching a pattern (``None`` matches anything), across all graphs."""

    @abstractmethod
    def load_files(
        self,
        paths: Sequence[Path],
        *,
        formats: Sequence[RdfFormatInfo | None] | None = None,
        replace: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[LoadedFile]: ...

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files or connections."""


class _ProgressReader(io.RawIOBase):
    """A file reader that reports how far it got and stops when cancelled."""

    def __init__(self, raw: Any, total: int, report: Any, cancel: CancelToken | None,
                 guard: StreamGuard | None = None) -> None:
        self._raw = raw
        self._guard = guard
        self._total = max(total, 1)
        self._report = report
        self._cancel = cancel
        self._done = 0

    @property
    def bytes_read(self) -> int:
        return self._done

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._cancel is not None and self._cancel.cancelled:
            raise Cancelled("loading cancelled; the graph was left as it was")
        data = self._raw.read(len(buffer))
        if self._guard is not None:
            # The guard sees each chunk before the parser does, so it can refuse in time.
            if data:
                self._guard.feed(data)
            else:
                self._guard.close()
        count = len(data)
        buffer[:count] = data
        self._done += count
        self._report(min(self._done / self._total, 1.0))
        return count


def _position_of_xml_error(path: Path) -> tuple[int | None, int | None, str | None]:
    """The RDF/XML parser does not say where it failed; expat does for XML that is not well formed."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    # Never resolve external entities or DTDs while only looking for an error position.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.ExternalEntityRefHandler = lambda *args: 1
    opener = gzip.open if is_gzipped(path) else open
    try:
        with opener(path, "rb") as handle:
            parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as error:
        return error.lineno, error.offset + 1, xml.parsers.expat.ErrorString(error.code)
    except OSError:
        return None, None, None
    return None, None, None


def load_error(path: Path, error: BaseException, info: RdfFormatInfo) -> LoadError:
    """A one-line LoadError naming file, line and column from the parser's exception."""
    if isinstance(error, SyntaxError):
        message = str(error.msg or error)
        if info.name == "jsonld" and "LoadDocumentCallback" in message:
            return _remote_context_error(path, info)
        for prefix in ("Parser error at ", "Parser error between "):
            if message.startswith(prefix):
                _, _, message = message.partition(": ")
                break
        line, column = error.lineno, error.offset
        if line is None and info.name == "rdfxml":
            xml_line, xml_column, xml_message = _position_of_xml_error(path)
            if xml_line is not None:
                line, column = xml_line, xml_column
                message = f"{xml_message} ({message})" if xml_message else message
        if line is None:
            # Some errors quote the offending text without its place: find it in the file.
            quoted = re.search(r"'([^']+)'|`([^`]+)`", message)
            found = locate(path, quoted.group(1) or quoted.group(2), opener=_opener(path)) if quoted else None
            if found is not None:
                line, column = found
        return LoadError(str(path), f"{info.name} syntax error: {message}", line, column)
    if isinstance(error, UnicodeDecodeError):
        return LoadError(str(path), f"not UTF-8 text: {error.reason} at byte {error.start}")
    if isinstance(error, MemoryError):
        if "maximal size" in str(error):
            return LoadError(str(path), f"{info.name}: a single value (literal or IRI) is longer than the parser's "
                                        f"limit of {_PARSER_BUFFER_LIMIT // (1024 * 1024)} MB")
        return LoadError(str(path), "not enough memory to load this file")
    if isinstance(error, EOFError):
        return LoadError(str(path), f"the compressed file is cut short ({error})")
    if isinstance(error, zlib.error):
        return LoadError(str(path), f"the compressed file is damaged ({error})")
    if isinstance(error, OSError):
        return LoadError(str(path), error.strerror or str(error))
    return LoadError(str(path), str(error))


#: The longest single token Oxigraph's parsers accept (it reports this as a MemoryError).
_PARSER_BUFFER_LIMIT = 16 * 1024 * 1024


def _opener(path: Path) -> Any:
    return gzip.open if is_gzipped(path) else open


def _remote_context_error(path: Path, info: RdfFormatInfo) -> LoadError:
    """JSON-LD that names its @context by address: say which one; nothing was fetched."""
    found = remote_context(path, opener=_opener(path))
    if found is None:
        return LoadError(str(path), "jsonld: a remote @context is not fetched: loading works offline; "
                                    "put the context inline in the file")
    url, line, column = found
    return LoadError(str(path), f"jsonld: the remote @context \"{url}\" is not fetched: loading works offline; "
                                "put the context inline in the file", line, column)


class OxigraphBackend(Backend):
    """The embedded Oxigraph store, in memory or in a workspace folder on disk."""

    LABEL_CACHE = "kg-explorer-labels.npz"
    #: Read queries can run in a forked child with a memory limit (``query(memory_mb=…)``).
    isolates_queries = True

    def __init__(self, workspace: Path | None = None) -> None:
        self.workspace = Path(workspace) if workspace is not None else None
        if self.workspace is not None:
            try:
                mid_swap = Path(str(self.workspace) + ".old")
                if not self.workspace.exists() and mid_swap.is_dir():
                    # A load was killed between the two renames of _swap_workspace: the old
                    # store is whole, the staged one may not be — reopen the old one.
                    os.replace(mid_swap, self.workspace)
                self.workspace.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.workspace))
            except OSError as error:
                raise LoadError(str(self.workspace), f"cannot open the workspace: {error}") from None
        else:
            self.store = ox.Store()
        #: About how many quads the store holds (what freeing it will cost; see store_disposal).
        self.quads_estimate = 0

    def __del__(self) -> None:
        # The graph is gone. Freeing its in-memory store holds the interpreter lock for about
        # a second per million quads, so the desktop app has it wait for a moment nobody is
        # looking — unless something else still holds the store (this attribute, the local
        # name and getrefcount's argument are three references).
        if not disposal.deferring or self.workspace is not None or sys.is_finalizing():
            return
        store = self.__dict__.get("store")
        if store is not None and sys.getrefcount(store) <= 3:
            disposal.let_go(store, self.quads_estimate)

    # ------------------------------------------------------------------ workspace label cache
    def fingerprint(self) -> str | None:
        """What the on-disk store holds, cheaply: its number of label triples and the names
        and sizes of its table files. None for an in-memory store."""
        tables = self._table_files()
        if tables is None:
            return None
        return f"labels={self._label_triple_count()}|{tables}"

    def _table_files(self) -> str | None:
        if self.workspace is None:
            return None
        tables = []
        try:
            with os.scandir(self.workspace) as entries:
                for entry in entries:
                    if not entry.name.endswith(".sst"):
                        continue
                    try:
                        tables.append((entry.name, entry.stat().st_size))
                    except FileNotFoundError:
                        # Deleted by a background compaction while we looked: no longer part of
                        # the store. (Failing the whole fingerprint here left a fresh workspace
                        # without its saved index about one time in a hundred.)
                        continue
        except OSError:
            return None
        return ";".join(f"{name}:{size}" for name, size in sorted(tables))

    def _label_triple_count(self) -> int:
        from explorer.core.vocab import LABEL_PREDICATES

        values = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
        answer = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}",
                                  use_default_graph_as_union=True)
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            return int(solution[0].value)
        return 0

    def _fingerprint_fits(self, saved: str) -> bool:
        """Whether the store still holds the labels a saved index was built from.

        RocksDB writes every change into *new* table files; opening and reading a workspace
        only deletes obsolete ones. So no new table file means no change. New table files
        may also come from a background compaction: then the number of label triples decides
        (a count query, a fraction of a second even at a million triples).
        """
        saved_count, _, saved_tables = saved.partition("|")
        current_tables = self._table_files()
        if current_tables is None:
            return False
        saved_set = set(filter(None, saved_tables.split(";")))
        current_set = set(filter(None, current_tables.split(";")))
        if current_set <= saved_set and (current_set or not saved_set):
            return True
        return saved_count == f"labels={self._label_triple_count()}"

    def cached_label_index(self) -> LabelIndex | None:
        """The label index saved with this workspace, if the store has not changed since."""
        if self.workspace is None:
            return None
        return LabelIndex.load(self.workspace / self.LABEL_CACHE, self._fingerprint_fits)

    def save_label_index(self, index: LabelIndex) -> None:
        """Keep the label index next to the workspace so reopening needs no rebuild."""
        if self.workspace is None:
            return
        self.store.flush()
        fingerprint = self.fingerprint()
        if fingerprint is not None:
            # A cache: without it the next opening rebuilds the index.
            with contextlib.suppress(OSError):
                index.save(self.workspace / self.LABEL_CACHE, fingerprint)

    def forget_saved_label_index(self) -> None:
        """Drop the saved label index: called before anything changes the store."""
        if self.workspace is not None:
            with contextlib.suppress(OSError):
                (self.workspace / self.LABEL_CACHE).unlink()

    # ------------------------------------------------------------------ counts and patterns
    def quad_count(self) -> int:
        return count_quads(self.store)

    def triples(self, subject: Term | None, predicate: Term | None, obj: Term | None) -> Iterator[tuple[Term, Term, Term]]:
        for quad in self.store.quads_for_pattern(subject, predicate, obj, None):
            yield quad.subject, quad.predicate, quad.object

    # ------------------------------------------------------------------ queries
    def query(
        self,
        sparql: str,
        *,
        timeout: float | None = None,
        cancel: CancelToken | None = None,
        policy: QueryPolicy = QueryPolicy(),
        max_rows: int | None = None,
        memory_mb: int | None = None,
    ) -> QueryResult:
        kind = policy.check(sparql)
        if kind == "update":
            return run_with_deadline(lambda: self._update(sparql), timeout, cancel)
        if memory_mb is not None and isolation_available():
            try:
                return run_isolated(self.store, sparql, kind, memory_mb=memory_mb, timeout=timeout, cancel=cancel,
                                    max_rows=max_rows, convert=to_rdflib)
            except SyntaxError as error:
                raise syntax_error(error) from None
        return run_with_deadline(lambda: self._query(sparql, kind, max_rows, cancel), timeout, cancel)

    def _update(self, sparql: str) -> QueryResult:
        self.forget_saved_label_index()
        try:
            self.store.update(sparql)
        except SyntaxError as error:
            raise syntax_error(error) from None
        except (OSError, RuntimeError) as error:
            raise QueryError(str(error)) from None
        return QueryResult(kind="update", convert=to_rdflib)

    def _query(self, sparql: str, kind: str, max_rows: int | None, cancel: CancelToken | None) -> QueryResult:
        import time

        started = time.perf_counter()
        try:
            answer = self.store.query(sparql, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(kind="ask", boolean=bool(answer), convert=to_rdflib,
                                   elapsed=time.perf_counter() - started)
            if isinstance(answer, ox.QuerySolutions):
                names = [variable.value for variable in answer.variables]
                rows: list[tuple[Term, ...]] = []
                truncated = False
                for solution in answer:
                    if max_rows is not None and len(rows) >= max_rows:
                        truncated = True
                        break
                    if cancel is not None and len(rows) % 4096 == 0 and cancel.cancelled:
                        raise Cancelled("query cancelled")
                    rows.append(tuple(solution))
                return QueryResult(kind="select", variables=names, raw_rows=rows, convert=to_rdflib,
                                   elapsed=time.perf_counter() - started, truncated=truncated)
            triples: list[tuple[Term, Term, Term]] = []
            truncated = False
            for triple in answer:
                if max_rows is not None and len(triples) >= max_rows:
                    truncated = True
                    break
                triples.append((triple.subject, triple.predicate, triple.object))
            return QueryResult(kind="describe" if kind == "describe" else "construct", raw_triples=triples,
                               convert=to_rdflib, elapsed=time.perf_counter() - started, truncated=truncated)
        except SyntaxError as error:
            raise syntax_error(error) from None
        except (OSError, RuntimeError) as error:
            # The engine reports evaluation errors (an unbound SERVICE name, a failed remote
            # call) as RuntimeError: the query's fault, not the program's.
            raise QueryError(str(error)) from None
        finally:
            # pyoxigraph's result iterators may only be dropped on the thread that made them;
            # a traceback (cancel) would otherwise carry them to another thread.
            answer = solution = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ loading
    def load_files(
        self,
        paths: Sequence[Path],
        *,
        formats: Sequence[RdfFormatInfo | None] | None = None,
        replace: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> list[LoadedFile]:
        """Load every file or none: files go into a staging store first.

        ``replace`` swaps the staging store in (no copy); otherwise the staged quads are
        added to the current store in one transaction.
        """
        paths = [Path(p) for p in paths]
        self.forget_saved_label_index()
        sizes = []
        for path in paths:
            try:
                sizes.append(path.stat().st_size)
            except OSError as error:
                raise LoadError(str(path), error.strerror or "cannot be read") from None
            if path.is_dir():
                raise LoadError(str(path), "is a folder, not an RDF file")
            if sizes[-1] == 0:
                raise LoadError(str(path), "the file is empty")
        total = sum(sizes) or 1
        # A workspace that is replaced (or still empty) gets a new folder, filled in bulk and
        # swapped in at the end: all or nothing, without a disk transaction per batch.
        swap = self.workspace is not None and (replace or next(iter(self.store), None) is None)
        if swap:
            _remove_tree(Path(str(self.workspace) + ".staging"))
        staging = ox.Store(str(self.workspace) + ".staging") if swap else ox.Store()
        loaded: list[LoadedFile] = []
        done_before = 0
        reading: _ProgressReader | None = None
        try:
            for index, path in enumerate(paths):
                info = formats[index] if formats and formats[index] is not None else None
                try:
                    info = info or detect_format(path)
                except OSError as error:
                    raise LoadError(str(path), error.strerror or str(error)) from None
                if info is None:
                    raise LoadError(str(path), "empty file or unknown RDF format")
                before = count_quads(staging) if index else 0

                def report(fraction: float, _base: int = done_before, _size: int = sizes[index],
                           _name: str = path.name) -> None:
                    if progress is not None:
                        progress((_base + fraction * _size) / total, f"Reading {_name}")

                opener = gzip.open if is_gzipped(path) else open
                try:
                    with opener(path, "rb") as raw:
                        guard = guard_for(info.name, str(path))
                        reading = _ProgressReader(raw, sizes[index], report, cancel, guard)
                        reader = io.BufferedReader(reading, 1 << 18)
                        if swap:
                            staging.bulk_load(reader, info.oxigraph, base_iri=path.resolve().as_uri())
                        else:
                            staging.load(reader, info.oxigraph, base_iri=path.resolve().as_uri())
                except (Cancelled, LoadError):
                    raise
                except (SyntaxError, OSError, ValueError, UnicodeDecodeError, EOFError, MemoryError, zlib.error) as error:
                    raise load_error(path, error, info) from None
                loaded.append(LoadedFile(path, info.name, count_quads(staging) - before))
                done_before += sizes[index]
            if progress is not None:
                progress(1.0, "Indexing")
            staged = sum(item.quads for item in loaded)
            if swap:
                # Hand over the only reference: the staged store must be closed before its folder
                # becomes the workspace, or two stores would write to one folder.
                handed_over = [staging]
                staging = ox.Store()
                self._swap_workspace(handed_over)
                self.quads_estimate = staged
            elif (replace or next(iter(self.store), None) is None) and self.workspace is None:
                previous, previous_quads = self.store, self.quads_estimate
                self.store, self.quads_estimate = staging, staged
                disposal.let_go(previous, previous_quads)
            else:
                if replace:
                    self.store.clear()
                if self.workspace is not None:
                    # The staged quads are complete and valid: write them in bulk (a RocksDB
                    # transaction per quad batch is ten times slower on disk).
                    self.store.bulk_extend(staging)
                else:
                    self.store.extend(staging)
                    disposal.let_go(staging, staged)
                self.quads_estimate = (0 if replace else self.quads_estimate) + staged
        except BaseException:
            if swap:
                del staging  # Oxigraph holds the folder until the store goes
                _remove_tree(Path(str(self.workspace) + ".staging"))
            else:
                # A cancelled or failed load: its half-filled store goes the same way. Quads read
                # before the failure stay in memory although the store no longer counts them, so
                # the bytes read say best what freeing it will cost.
                if disposal.deferring:
                    read = done_before + (reading.bytes_read if reading is not None else 0)
                    disposal.let_go(staging, max(_quads_in(staging), read // _MIN_BYTES_PER_QUAD))
                # The error's traceback keeps this frame, and a failed load's error is kept by the
                # window's task: without this the store would be freed whenever that goes.
                del staging
            raise
        return loaded

    def _swap_workspace(self, handed_over: list[ox.Store]) -> None:
        """Make the staged store's folder the workspace; ``handed_over`` holds the only
        reference to the staged store."""
        assert self.workspace is not None
        staging = handed_over.pop()
        staging.flush()
        # Oxigraph keeps the folder open until the store goes: close it, then swap folders.
        del staging
        old = Path(str(self.workspace) + ".old")
        _remove_tree(old)
        self.store = ox.Store()
        os.replace(self.workspace, old)
        os.replace(str(self.workspace) + ".staging", self.workspace)
        self.store = ox.Store(str(self.workspace))
        _remove_tree(old)

    def close(self) -> None:
        if self.workspace is not None:
            self.store.flush()


#: Quads copied per call into the store: one call holds the interpreter lock throughout.
COPY_CHUNK = 8192


def copy_quads(source: ox.Store, target: ox.Store, cancel: CancelToken | None = None, *, bulk: bool = False,
               progress: Callable[[int], None] | None = None) -> None:
    """Every quad of ``source`` (all graphs, blank nodes as they are) into ``target``;
    ``bulk`` for an on-disk target that is not in use yet (no transaction per chunk);
    ``progress`` hears how many quads are copied so far.

    ``target.extend(source)`` pulls the quads one by one as Python objects inside one call
    that holds the interpreter lock: a million quads froze the window for a second at a
    time. In chunks the lock is let go every few milliseconds (about 30 % more time).
    Dumping and reloading would release it throughout but renames every blank node.
    """
    quads = source.quads_for_pattern(None, None, None, None)
    copied = 0
    while True:
        if cancel is not None and cancel.cancelled:
            raise Cancelled("loading cancelled; the graph was left as it was")
        chunk = list(itertools.islice(quads, COPY_CHUNK))
        if not chunk:
            return
        if bulk:
            target.bulk_extend(chunk)
        else:
            target.extend(chunk)
        copied += len(chunk)
        if progress is not None:
            progress(copied)


def count_quads(store: ox.Store) -> int:
    """The number of quads, by a SPARQL count: unlike ``len(store)``, which holds the GIL
    (the window froze for half a second at a million triples), a query lets the GUI
    thread run while it counts."""
    total = 0
    graphs = ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]
    if next(iter(store.named_graphs()), None) is not None:
        graphs.append("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    for sparql in graphs:
        answer = store.query(sparql)
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            total += int(solution[0].value)
    return total


#: Fewer bytes than any RDF syntax takes for a quad on average (N-Triples ~130, Turtle ~60).
_MIN_BYTES_PER_QUAD = 40


def _quads_in(store: ox.Store) -> int:
    try:
        return count_quads(store)
    except (OSError, ValueError, RuntimeError):
        return 0


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
