"""The edits file: an analyst's named graph, saved to a TriG file of their choosing.

Edits live in the analyst's own named graph in the live store; the sources they opened are
never written. Saving writes that graph as TriG, atomically (a kill leaves the old file or
the new one). A fact the analyst retracts from a *source* cannot be written into the sources,
so the file keeps a record of it (``rdf:value`` the triple as N-Triples text) in a second
named graph, ``<edits graph>/retracted``: opening the sources plus the edits file removes those
triples again. The file alone is a plain RDF dataset any tool reads, and loading it as plain
data never brings a retracted fact back.

Until a save, every applied change also goes to a recovery copy in the recovery folder, so
a crash loses nothing; :func:`pending_recoveries` finds what a crashed session left. The copy
is a journal (:data:`JOURNAL_SUFFIX`): the edits file it started from (or nothing) and each
change appended as N-Quads, so keeping it costs what the change costs, not what all the
edits cost (a 100,000-row import holds 3.5 million statements). A change cut short by a
crash has no end line and is left out when the journal is read.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core.atomic import atomic_write
from explorer.core.backends.rdf_text import iter_turtle, nquads_spelled_once, parse_nquads
from explorer.core.changes import ChangeSet, Quad, TurtleQuads
from explorer.core.curation.curator import EDITS_GRAPH_BASE
from explorer.core.errors import ExplorerError, LoadError
from explorer.core.input_files import regular_file_size
from explorer.core.vocab import PREFIXES

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

RETRACTED_SUFFIX = "/retracted"
RECOVERY_PREFIX = "edits-"
#: The recovery copy's ending; older versions wrote a whole TriG copy (``.trig``), still read.
JOURNAL_SUFFIX = ".journal"
_JOURNAL_FORMAT = "kg-explorer edits journal 1"
_END_OF_CHANGE = ".\n"
_HEADER = (
    "# kg-explorer edits: the analyst's additions in their named graph; facts retracted from the\n"
    "# sources they were made against are recorded (rdf:value, as N-Triples) in the graph whose name ends in /retracted.\n"
)

Triple = tuple[Node, Node, Node]


class EditsFileError(ExplorerError):
    """An edits file that cannot be read or written; the message names the file."""


@dataclass
class EditsFile:
    """The analyst's edits to ``kg``: the named ``graph``, the retractions, the file they go to."""

    kg: KnowledgeGraph
    graph: URIRef
    path: Path | None = None
    retracted: dict[Triple, None] = field(default_factory=dict)
    dirty: bool = False
    recovery_path: Path | None = None

    # ------------------------------------------------------------------ following changes
    def record(self, change: ChangeSet) -> None:
        """Hear a change just applied (or undone): the file is dirty, retractions are tracked."""
        for s, p, o, g in _outside(change.removed, self.graph):
            if not str(g or "").endswith(RETRACTED_SUFFIX):
                self.retracted[(s, p, o)] = None
        for s, p, o, _g in _outside(change.added, self.graph):
            self.retracted.pop((s, p, o), None)
        self.dirty = True
        if self.recovery_path is not None:
            self._append_to_journal(change)

    @property
    def retracted_graph(self) -> URIRef:
        return URIRef(str(self.graph) + RETRACTED_SUFFIX)

    def quads(self) -> list[Quad]:
        """What the file holds: the analyst's graph, and a record of each retracted source fact."""
        mine = sorted(store_access.quads(self.kg, None, None, None, self.graph), key=_order)
        gone: list[Quad] = [(retraction_record(t), RDF.value, Literal(_ntriple(t)), self.retracted_graph)
                            for t in self.retracted]
        return mine + sorted(gone, key=_order)

    def is_empty(self) -> bool:
        return not self.retracted and not any(True for _ in store_access.quads(self.kg, None, None, None, self.graph))

    # ------------------------------------------------------------------ saving
    def text(self) -> str:
        return _HEADER + to_trig(self.quads())

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the edits to ``path`` (Save As) or the current file (Save), atomically."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditsFileError("edits: choose a file to save the edits to (Save Edits As…)")
        if any(target.resolve() == Path(loaded.path).resolve() for loaded in self.kg.files):
            raise EditsFileError(f"{target}: this is one of the opened sources; edits never overwrite a source")
        try:
            atomic_write(target, self.text())
        except OSError as error:
            raise EditsFileError(f"{target}: cannot save the edits: {error.strerror or error}") from None
        self.path = target
        self.dirty = False
        self.discard_recovery()
        return target

    # ------------------------------------------------------------------ crash recovery
    def start_recovery(self, folder: Path, sources: Iterable[str] = ()) -> None:
        """Keep a journal of unsaved edits in ``folder`` from now on, until saved.

        It starts from the edits file when the edits are that file's (just opened or saved);
        :meth:`write_recovery` starts it from a full copy when they are not.
        """
        folder.mkdir(parents=True, exist_ok=True)
        self.recovery_path = folder / f"{RECOVERY_PREFIX}{os.getpid()}-{abs(hash(str(self.graph))) % 10**8}{JOURNAL_SUFFIX}"
        self.recovery_path.unlink(missing_ok=True)  # a journal of this process's previous graph
        self._recovery_sources = list(sources)
        self._journal_base = self.path if self.path is not None and self.path.suffix != JOURNAL_SUFFIX else None
        self._journaled: dict[tuple[int, int], tuple[int, str, ChangeSet]] = {}
        self._journal_changes = 0

    def write_recovery(self) -> None:
        """Start the journal afresh from a full copy of the edits (after a recovery was restored)."""
        if self.recovery_path is None:
            return
        self.recovery_path.unlink(missing_ok=True)
        self._journal_base = None
        self._journaled = {}
        self._journal_changes = 0
        mine = tuple(store_access.quads(self.kg, None, None, None, self.graph))
        self._append_to_journal(ChangeSet(added=mine, removed=tuple((s, p, o, None) for s, p, o in self.retracted)))

    def _append_to_journal(self, change: ChangeSet) -> None:
        assert self.recovery_path is not None
        header = "" if self.recovery_path.exists() else self._journal_header()
        journaled = getattr(self, "_journaled", {})
        # Undo and Redo of a step apply the very quads it wrote (the same tuples, swapped):
        # the journal names that step again instead of writing millions of statements twice.
        again = journaled.get((id(change.removed), id(change.added)))
        with self.recovery_path.open("ab") as journal:  # bytes: an import's text goes in as it is
            if again is not None:
                journal.write(f"{header}= {again[0]} {again[1]}\n".encode())
            else:
                journal.write(header.encode())
                _write_section(journal, "R", change.removed)
                _write_section(journal, "A", change.added)
                journal.write(_END_OF_CHANGE.encode())
            journal.flush()
            os.fsync(journal.fileno())
        if again is None:
            index = self._journal_changes = getattr(self, "_journal_changes", 0) + 1
            if len(change.added) + len(change.removed) >= _NAMED_AGAIN_FROM:
                journaled[(id(change.removed), id(change.added))] = (index, "+", change)  # kept: the ids stay theirs
                journaled[(id(change.added), id(change.removed))] = (index, "-", change)
        self._journaled = journaled

    def _journal_header(self) -> str:
        base = getattr(self, "_journal_base", None)
        stamp = _stamp(base) if base is not None else None
        meta = {"format": _JOURNAL_FORMAT, "target": str(self.path) if self.path else None, "graph": str(self.graph),
                "sources": getattr(self, "_recovery_sources", []),
                "base": str(base) if stamp is not None else None, "base_stamp": stamp}
        return f"# {json.dumps(meta)}\n"

    def discard_recovery(self) -> None:
        if self.recovery_path is not None and self.recovery_path.exists():
            self.recovery_path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, kg: KnowledgeGraph, path: str | os.PathLike[str]) -> EditsFile:
        """Apply an edits file to ``kg`` (loaded with its sources) and follow it from now on."""
        edits = read_edits(path)
        change = ChangeSet.of(
            added=edits.added,
            removed=[q for triple in edits.retracted for q in store_access.quads(kg, *triple) if q[3] != edits.graph],
            description=f"Open edits {Path(path).name}",
        )
        store_access.apply(kg, change)
        return cls(kg, edits.graph, Path(path), dict.fromkeys(edits.retracted))


@dataclass
class ReadEdits:
    graph: URIRef
    added: list[Quad]
    retracted: list[Triple]
    meta: dict[str, object] = field(default_factory=dict)


def read_edits(path: str | os.PathLike[str]) -> ReadEdits:
    """Parse an edits file (or a recovery journal); one clear error names the file if it is not one."""
    file = Path(path)
    if file.suffix == JOURNAL_SUFFIX:
        return read_journal(file)
    try:
        regular_file_size(file, "an edits file")  # a FIFO would block the reader for good
    except LoadError as error:
        raise EditsFileError(f"{file}: cannot read the edits file: {error.reason}") from None
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EditsFileError(f"{file}: cannot read the edits file: {error}") from None
    meta: dict[str, object] = {}
    first = text.split("\n", 1)[0]
    if first.startswith("# {"):
        try:
            meta = json.loads(first[2:])
        except ValueError:
            meta = {}
    dataset = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib's TriG parser uses its own deprecated ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(data=text, format="trig", publicID=file.resolve().as_uri())
    except Exception as error:  # rdflib's parsers raise many types
        message = " ".join(str(error).split())[:300]
        raise EditsFileError(f"{file}: not a TriG dataset: {message}") from None
    graphs: dict[URIRef, list[Triple]] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if not isinstance(name, URIRef) or name == URIRef("urn:x-rdflib:default"):
            raise EditsFileError(f"{file}: not an edits file: statements outside a named graph ({s} {p} {o})")
        graphs.setdefault(name, []).append((s, p, o))
    additions = [g for g in graphs if not str(g).endswith(RETRACTED_SUFFIX)]
    if len(additions) > 1:
        raise EditsFileError(f"{file}: not an edits file: {len(additions)} graphs of additions "
                             f"({', '.join(sorted(map(str, additions)))}); one is expected")
    if additions:
        graph = additions[0]
    elif graphs:
        graph = URIRef(str(next(iter(graphs)))[: -len(RETRACTED_SUFFIX)])
    else:
        graph = URIRef(str(meta.get("graph") or EDITS_GRAPH_BASE + "analyst"))
    added: list[Quad] = [(s, p, o, graph) for s, p, o in graphs.get(graph, [])]
    retracted = _retracted_triples(graphs.get(URIRef(str(graph) + RETRACTED_SUFFIX), []), file)
    return ReadEdits(graph, added, retracted, meta)


def read_journal(file: Path) -> ReadEdits:
    """The edits a recovery journal holds: its base edits file, then every change that was whole."""
    try:
        # Lines end at "\n" only: a quote may hold other line separators (U+2028, U+0085).
        lines = io.StringIO(file.read_text(encoding="utf-8"), newline="\n").readlines()
        meta = json.loads(lines[0][2:]) if lines and lines[0].startswith("# {") else None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise EditsFileError(f"{file}: cannot read the recovery journal: {error}") from None
    if not isinstance(meta, dict) or meta.get("format") != _JOURNAL_FORMAT:
        raise EditsFileError(f"{file}:1: not a recovery journal of edits")
    graph = URIRef(str(meta.get("graph") or EDITS_GRAPH_BASE + "analyst"))
    added: dict[Quad, None] = {}
    retracted: dict[Triple, None] = {}
    if meta.get("base"):
        base = Path(str(meta["base"]))
        if _stamp(base) != meta.get("base_stamp"):
            raise EditsFileError(f"{file}: the edits file it continues, {base}, has changed or is gone")
        continued = read_edits(base)
        added = dict.fromkeys(continued.added)
        retracted = dict.fromkeys(continued.retracted)
    written: list[tuple[list[Quad], list[Quad]]] = []
    line = 1
    while line < len(lines):
        start = line
        if lines[line].startswith("= "):  # an Undo or Redo of a change written above
            if not lines[line].endswith("\n"):
                break  # cut short by the crash
            try:
                _, number, direction = lines[line].split()
                removed, new = written[int(number) - 1]
            except (ValueError, IndexError):
                raise EditsFileError(f"{file}:{line + 1}: damaged recovery journal: {lines[line][:40]!r}") from None
            if direction == "-":
                removed, new = new, removed
            line += 1
        else:
            try:
                removed, line = _journal_section(lines, line, "R")
                new, line = _journal_section(lines, line, "A")
                if line >= len(lines) or lines[line] != _END_OF_CHANGE:
                    raise IndexError("no end line")
            except (IndexError, ValueError, SyntaxError) as error:
                if _END_OF_CHANGE not in lines[start:]:
                    break  # the last change, cut short by the crash: it was never whole, so it is left out
                raise EditsFileError(f"{file}:{start + 1}: damaged recovery journal: {error}") from None
            line += 1
            written.append((removed, new))
        for s, p, o, g in removed:  # the bookkeeping of EditsFile.record, replayed
            if g == graph:
                added.pop((s, p, o, g), None)
            elif not str(g or "").endswith(RETRACTED_SUFFIX):
                retracted[(s, p, o)] = None
        for s, p, o, g in new:
            if g == graph:
                added[(s, p, o, g)] = None
            else:
                retracted.pop((s, p, o), None)
    return ReadEdits(graph, list(added), list(retracted), meta)


def _journal_section(lines: list[str], line: int, mark: str) -> tuple[list[Quad], int]:
    """``R|A <count>`` and that many N-Quads lines, or ``R|A turtle <count> <lines> <graph>`` and
    that many lines of Turtle (an imported table's statements, as the store took them)."""
    head = lines[line].split(maxsplit=4)
    if len(head) == 5 and head[0] == mark and head[1] == "turtle":
        count, length, graph = int(head[2]), int(head[3]), URIRef(head[4].strip())
        body = lines[line + 1: line + 1 + length]
        if len(body) < length:
            raise IndexError("cut short")
        quads = [(s, p, o, graph) for s, p, o in iter_turtle("".join(body).encode("utf-8"))]
        if len(quads) != count:
            raise ValueError(f"{len(quads)} statements where {count} were written")
        return quads, line + 1 + length  # type: ignore[return-value]
    if len(head) != 2 or head[0] != mark:
        raise ValueError(f"expected '{mark} <count>', found {lines[line][:40]!r}")
    count = int(head[1])
    body = lines[line + 1: line + 1 + count]
    if len(body) < count:
        raise IndexError("cut short")
    return parse_nquads("".join(body)), line + 1 + count


#: How much of an import's text the journal counts or writes in one call.
_JOURNAL_SLICE = 1 << 22


def _write_section(journal: IO[bytes], mark: str, quads: Sequence[Quad]) -> None:
    if isinstance(quads, TurtleQuads):
        # The text as the store took it: about half its N-Quads (a record's subject written once).
        # An import's text is hundreds of megabytes: counted and written a slice at a time, since one
        # C call over all of it would hold the interpreter lock (and the window) for a few hundred ms.
        text = quads.text
        starts = range(0, len(text), _JOURNAL_SLICE)
        ends_with_newline = text.endswith(b"\n")
        lines = sum(text.count(b"\n", start, start + _JOURNAL_SLICE) for start in starts) + (not ends_with_newline)
        journal.write(f"{mark} turtle {len(quads)} {lines} {quads.graph}\n".encode())
        view = memoryview(text)
        for start in starts:
            journal.write(view[start:start + _JOURNAL_SLICE])
        if not ends_with_newline:
            journal.write(b"\n")
        return
    journal.write(f"{mark} {len(quads)}\n".encode())
    _write_nquads(journal, quads)


def _outside(quads: Sequence[Quad], graph: URIRef) -> Iterable[Quad]:
    """The quads not in ``graph`` (none, without reading them, for an import's text in it)."""
    if isinstance(quads, TurtleQuads) and quads.graph == graph:
        return ()
    return (q for q in quads if q[3] != graph)


#: Changes from this size on are named again by an Undo or Redo of them, not written again.
_NAMED_AGAIN_FROM = 1_000

#: Quads written at a time (the text of 3.5 million at once would be half a gigabyte).
_JOURNAL_CHUNK = 20_000


def _write_nquads(journal: IO[bytes], quads: Sequence[Quad]) -> None:
    spelled: dict[int, str] = {}
    for start in range(0, len(quads), _JOURNAL_CHUNK):
        journal.write(nquads_spelled_once(quads[start: start + _JOURNAL_CHUNK], spelled).encode("utf-8"))


def _stamp(path: Path) -> list[int] | None:
    """What tells a base edits file unchanged since the journal began (size, modification time)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def retraction_record(triple: Triple) -> URIRef:
    """The same IRI for the same retracted triple, so saving twice writes the same file."""
    digest = hashlib.sha256("\x00".join(t.n3() for t in triple).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"urn:kg-explorer:retracted:{digest}")


def _ntriple(triple: Triple) -> str:
    return " ".join(term.n3() for term in triple) + " ."


def _retracted_triples(records: list[Triple], file: Path) -> list[Triple]:
    found: list[Triple] = []
    for record, predicate, value in records:
        parsed = Graph()
        try:
            if predicate != RDF.value:
                raise ValueError(f"unexpected {predicate}")
            parsed.parse(data=str(value), format="nt")
        except Exception:  # rdflib's parsers raise many types
            raise EditsFileError(f"{file}: retraction record {record} does not hold one N-Triples statement") from None
        found += list(parsed)
    return found


def to_trig(quads: Iterable[Quad]) -> str:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for s, p, o, g in quads:
        dataset.add((s, p, o, g))  # type: ignore[arg-type]  # rdflib takes a graph name here too
    with warnings.catch_warnings():  # rdflib's TriG serializer calls its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        return dataset.serialize(format="trig")


def pending_recoveries(folder: Path) -> list[tuple[Path, ReadEdits]]:
    """Unsaved edits a crashed session left in ``folder``, newest first (unreadable ones skipped)."""
    found: list[tuple[Path, ReadEdits]] = []
    if not folder.is_dir():
        return found
    found_files = [*folder.glob(f"{RECOVERY_PREFIX}*{JOURNAL_SUFFIX}"), *folder.glob(f"{RECOVERY_PREFIX}*.trig")]
    for path in sorted(found_files, key=lambda p: p.stat().st_mtime, reverse=True):
        pid = path.name[len(RECOVERY_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) == os.getpid():
            continue
        try:
            found.append((path, read_edits(path)))
        except EditsFileError:
            continue
    return found


def _order(quad: Quad) -> tuple[str, str, str]:
    return str(quad[0]), str(quad[1]), str(quad[2])
