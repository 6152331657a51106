"""The edits file: an analyst's named graph, saved to a TriG file of their choosing.

Edits live in the analyst's own named graph in the live store; the sources they opened are
never written. Saving writes that graph as TriG, atomically (a kill leaves the old file or
the new one). A fact the analyst retracts from a *source* cannot be written into the sources,
so the file keeps it in a second named graph, ``<edits graph>/retracted``: opening the sources
plus the edits file removes those triples again. The file alone is a plain RDF dataset any
tool reads.

Until a save, every applied change also goes to a recovery copy in the recovery folder, so
a crash loses nothing; :func:`pending_recoveries` finds what a crashed session left.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core.atomic import atomic_write
from explorer.core.changes import ChangeSet, Quad
from explorer.core.curation.curator import EDITS_GRAPH_BASE
from explorer.core.errors import ExplorerError
from explorer.core.vocab import PREFIXES

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

RETRACTED_SUFFIX = "/retracted"
RECOVERY_PREFIX = "edits-"
_HEADER = (
    "# kg-explorer edits: the analyst's additions in their named graph; facts retracted from the\n"
    "# sources they were made against are listed in the graph whose name ends in /retracted.\n"
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
        """What the file holds: the analyst's graph and the retracted triples."""
        mine = sorted(store_access.quads(self.kg, None, None, None, self.graph), key=_order)
        gone = [(s, p, o, self.retracted_graph) for s, p, o in self.retracted]
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
        dataset.parse(data=text, format="trig", publicID=file.as_uri())
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
    retracted = list(graphs.get(URIRef(str(graph) + RETRACTED_SUFFIX), []))
    return ReadEdits(graph, added, retracted, meta)


def to_trig(quads: Iterable[Quad]) -> str:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for s, p, o, g in quads:
        dataset.add((s, p, o, g))  # type: ignore[arg-type]  # rdflib takes a graph name here too
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
