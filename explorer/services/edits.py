"""The edits file: an analyst's named graph, saved to a TriG file of their choosing.

Edits live in the analyst's own named graph in the live store; the sources they opened are
never written. Saving writes that graph as TriG, atomically (a kill leaves the old file or
the new one). A fact the analyst retracts from a *source* cannot be written into the sources,
so the file keeps a record of it (``rdf:value`` the triple as N-Triples text) in a second
named graph, ``<edits graph>/retracted``: opening the sources plus the edits file removes those
triples again. The file alone is a plain RDF dataset any tool reads, and loading it as plain
data never brings a retracted fact back.

Until a save, every applied change also goes to a recovery copy in the recovery folder, so
a crash loses nothing; :func:`pending_recoveries` finds what a crashed session left.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core.atomic import atomic_write
from explorer.core.changes import ChangeSet, Quad
from explorer.core.curation.curator import EDITS_GRAPH_BASE
from explorer.core.errors import ExplorerError, LoadError
from explorer.core.input_files import regular_file_size
from explorer.core.vocab import PREFIXES

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

RETRACTED_SUFFIX = "/retracted"
RECOVERY_PREFIX = "edits-"
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
        for s, p, o, g in change.removed:
            if g != self.graph and not str(g or "").endswith(RETRACTED_SUFFIX):
                self.retracted[(s, p, o)] = None
        for s, p, o, g in change.added:
            if g != self.graph:
                self.retracted.pop((s, p, o), None)
        self.dirty = True
        if self.recovery_path is not None:
            self.write_recovery()

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
        """Keep a copy of unsaved edits in ``folder`` after every change, until saved."""
        folder.mkdir(parents=True, exist_ok=True)
        self.recovery_path = folder / f"{RECOVERY_PREFIX}{os.getpid()}-{abs(hash(str(self.graph))) % 10**8}.trig"
        self._recovery_sources = list(sources)

    def write_recovery(self) -> None:
        if self.recovery_path is None:
            return
        meta = {"target": str(self.path) if self.path else None, "graph": str(self.graph),
                "sources": getattr(self, "_recovery_sources", [])}
        atomic_write(self.recovery_path, f"# {json.dumps(meta)}\n" + self.text())

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
    """Parse an edits file; one clear error names the file if it is not an edits dataset."""
    file = Path(path)
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
    for path in sorted(folder.glob(f"{RECOVERY_PREFIX}*.trig"), key=lambda p: p.stat().st_mtime, reverse=True):
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
