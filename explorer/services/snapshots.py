"""Snapshots: what an analyst found, in one file that reopens anywhere, and the diff of two.

File format (``.kgsnap``)
-------------------------
One UTF-8 JSON document, chosen over a zip because a colleague without our app can read
it in any text editor or browser, search it, diff it in version control and pull the
graph out with one command (``jq -r .graph.data x.kgsnap > x.ttl``); and because a
snapshot is small (the subgraph of a canvas: kilobytes to a few megabytes), so nothing is
gained by compression. Top-level fields::

    format          "kg-explorer-snapshot" (what the file is)
    schema_version  1 (bumped when the layout of the file changes)
    title, notes    the analyst's words
    date            author-supplied ISO 8601 date (or date and time), or null
    app             {"name": "kg-explorer", "version": …} that wrote it
    dataset         identity of the data the snapshot was taken from (see below)
    selection       {"query": SPARQL text or null, "focus": IRI or null, "hops": int or null}
    counts          {"nodes", "edges", "triples", "facts", "evidence_records"} for a quick look
    scene           Scene.to_dict(): nodes, edges, positions, colours, shapes, pins, filters, focus
    graph           {"media_type": "text/turtle", "sha256": of data, "data": Turtle text}

``graph.data`` is the subgraph as Turtle with prefixes: the facts between the entities
shown, their labels, classes and literal properties, the evidence records of the facts
(``rdf:Statement`` reifications with quote, sentence index and ``prov:wasDerivedFrom``),
the sources cited, and the labels of the classes and predicates used. So a snapshot opened
on a machine without the original data still browses: :meth:`Snapshot.own_graph` is a
:class:`KnowledgeGraph` of those triples, with the same labels, classes and evidence.

Dataset identity
----------------
The sha256 of each file the graph was loaded from (name, size, format and quad count are
kept for people), and a digest over the sorted file hashes: loading the same files in any
order, from any folder or under other names, matches; changing one byte does not. Hashing
files costs ~0.1 s per 125 MB (1M N-Triples) and is cached per (path, size, mtime); a
content hash of the loaded graph (sorted canonical N-Quads) would cost ~4 s at 1M triples,
so it is used only for graphs that did not come from files (text pasted in), and an
endpoint is identified by its URL. When the identity matches, :meth:`Snapshot.attach`
re-attaches the scene to the live graph. Blank-node ids differ between loads, so a scene
node that is a blank node only resolves in the snapshot's own graph.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.atomic import atomic_write
from explorer.core.backends.rdf_text import Triple, canonical_line, parse_turtle
from explorer.core.backends.rdf_text import turtle as turtle_text
from explorer.core.errors import ExplorerError
from explorer.core.tasks import CancelToken, Progress, check

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene
    from explorer.services.subgraph import Subgraph

SUFFIX = ".kgsnap"
FORMAT_ID = "kg-explorer-snapshot"
SCHEMA_VERSION = 1
MEDIA_TYPE = "text/turtle"
#: Bigger files are refused before parsing: a snapshot is a canvas, not a dataset.
MAX_FILE_BYTES = 512 * 1024 * 1024

ADDED_COLOR = "#2e7d32"
REMOVED_COLOR = "#c62828"
CHANGED_COLOR = "#ef6c00"
UNCHANGED_COLOR = "#bdbdbd"


class SnapshotError(ExplorerError):
    """A snapshot that cannot be written or read; the message names the file and the field."""

    def __init__(self, path: str | Path, message: str, field_name: str | None = None) -> None:
        self.path = str(path)
        self.field = field_name
        where = f"{path}: field '{field_name}'" if field_name else str(path)
        super().__init__(f"{where}: {message}")


# ------------------------------------------------------------------------------ dataset identity
@dataclass(frozen=True)
class FileIdentity:
    """One file the graph was loaded from."""

    name: str
    size: int
    sha256: str
    format: str = ""
    quads: int = 0


@dataclass(frozen=True)
class DatasetIdentity:
    """Which data a snapshot was taken from.

    Attributes:
        digest: ``sha256:…`` that decides whether two datasets are the same.
        method: "files" (hashes of the loaded files), "content" (hash of the graph itself),
            "endpoint" (a SPARQL endpoint's URL) or "none" (an empty graph).
        files: the files, for people to read.
        quads: how many quads the graph held.
        source: the endpoint URL for method "endpoint".
    """

    digest: str
    method: str
    files: tuple[FileIdentity, ...] = ()
    quads: int = 0
    source: str = ""

    def matches(self, other: DatasetIdentity) -> bool:
        return self.digest == other.digest and self.method == other.method

    def describe(self) -> str:
        """One line: the files (or the endpoint) and the start of the digest."""
        short = self.digest.split(":", 1)[-1][:12]
        if self.method == "files":
            names = ", ".join(f.name for f in self.files[:4]) + (f" and {len(self.files) - 4} more" if len(self.files) > 4 else "")
            return f"{names} ({self.quads} quads, sha256 {short}…)"
        if self.method == "endpoint":
            return f"endpoint {self.source}"
        if self.method == "content":
            return f"graph content ({self.quads} quads, sha256 {short}…)"
        return "no data"

    def to_dict(self) -> dict[str, Any]:
        return {
            "digest": self.digest, "method": self.method, "quads": self.quads, "source": self.source,
            "files": [{"name": f.name, "size": f.size, "sha256": f.sha256, "format": f.format, "quads": f.quads} for f in self.files],
        }  # fmt: skip


_FILE_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path, cancel: CancelToken | None = None) -> str:
    """The sha256 of a file, cached while its size and modification time stay the same."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _FILE_HASHES:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                check(cancel)
                digest.update(block)
        _FILE_HASHES[key] = digest.hexdigest()
    return _FILE_HASHES[key]


def dataset_identity(kg: KnowledgeGraph, *, progress: Progress | None = None, cancel: CancelToken | None = None) -> DatasetIdentity:
    """The identity of the data loaded in ``kg`` (see the module docstring)."""
    quads = kg.quad_count()
    config = getattr(kg.backend, "config", None)
    if kg.is_remote and config is not None:
        source = f"{config.url} {getattr(config, 'default_graph', None) or ''}".strip()
        return DatasetIdentity("sha256:" + hashlib.sha256(source.encode("utf-8")).hexdigest(), "endpoint", (), quads, config.url)
    if kg.files:
        files = []
        for index, loaded in enumerate(kg.files):
            if progress is not None:
                progress(index / len(kg.files), f"Hashing {loaded.path.name}")
            try:
                sha = file_sha256(Path(loaded.path), cancel)
                size = Path(loaded.path).stat().st_size
            except OSError:
                # The file went away since it was loaded: the graph is still what it held.
                return _content_identity(kg, quads, cancel)
            files.append(FileIdentity(Path(loaded.path).name, size, sha, loaded.format, loaded.quads))
        combined = hashlib.sha256("\n".join(sorted(f.sha256 for f in files)).encode("ascii")).hexdigest()
        return DatasetIdentity("sha256:" + combined, "files", tuple(files), quads)
    if quads == 0:
        return DatasetIdentity("sha256:" + hashlib.sha256(b"").hexdigest(), "none")
    return _content_identity(kg, quads, cancel)


def _content_identity(kg: KnowledgeGraph, quads: int, cancel: CancelToken | None) -> DatasetIdentity:
    """sha256 over the sorted N-Quads of the whole graph, blank-node labels left out (they change per load)."""
    lines = []
    for count, triple in enumerate(kg.triples()):
        if count % 65536 == 0:
            check(cancel)
        lines.append(canonical_line(triple))
    lines.sort()
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return DatasetIdentity("sha256:" + digest, "content", (), quads)


def _identity_from(data: Any, path: Path) -> DatasetIdentity:
    where = "dataset"
    if not isinstance(data, Mapping):
        raise SnapshotError(path, "expected an object", where)
    digest = _field(data, "digest", str, path, where)
    method = _field(data, "method", str, path, where)
    if method not in ("files", "content", "endpoint", "none"):
        raise SnapshotError(path, f"unknown method {method!r}", f"{where}.method")
    files_raw = data.get("files", [])
    if not isinstance(files_raw, list):
        raise SnapshotError(path, "expected a list", f"{where}.files")
    files = []
    for index, raw in enumerate(files_raw):
        at = f"{where}.files[{index}]"
        if not isinstance(raw, Mapping):
            raise SnapshotError(path, "expected an object", at)
        files.append(FileIdentity(
            _field(raw, "name", str, path, at), _field(raw, "size", int, path, at), _field(raw, "sha256", str, path, at),
            _field(raw, "format", str, path, at, ""), _field(raw, "quads", int, path, at, 0),
        ))
    return DatasetIdentity(digest, method, tuple(files), _field(data, "quads", int, path, where, 0),
                           _field(data, "source", str, path, where, ""))


# ------------------------------------------------------------------------------ snapshots
@dataclass
class Snapshot:
    """A saved view: scene, subgraph triples, selection, dataset identity and the analyst's words.

    Attributes:
        title, notes, date: what the analyst wrote (date is ISO 8601 text or None).
        scene_data: the scene as :meth:`Scene.to_dict` wrote it (use :meth:`scene` for a Scene).
        triples: the subgraph's triples (facts, descriptions, evidence records, sources).
        dataset: the identity of the data the snapshot was taken from.
        query, focus, hops: how the subgraph was chosen, if it was.
        app_version: the kg-explorer version that wrote the snapshot.
        path: the file it was read from or written to.
        attached: whether :meth:`attach` found the live data to be the snapshot's data.
        attach_message: a sentence saying why it did or did not attach.
    """

    title: str
    scene_data: dict[str, Any]
    triples: list[Triple]
    dataset: DatasetIdentity
    notes: str = ""
    date: str | None = None
    query: str | None = None
    focus: str | None = None
    hops: int | None = None
    app_version: str = ""
    schema_version: int = SCHEMA_VERSION
    path: Path | None = None
    attached: bool = False
    attach_message: str = ""
    prefix_map: dict[str, str] = field(default_factory=dict)
    _own_graph: KnowledgeGraph | None = field(default=None, repr=False)
    _live_graph: KnowledgeGraph | None = field(default=None, repr=False)

    def scene(self) -> Scene:
        """A fresh Scene rebuilt from the snapshot (each call gives a new, independent one)."""
        from explorer.core.scene import Scene

        return Scene.from_dict(self.scene_data)

    def own_graph(self) -> KnowledgeGraph:
        """A graph of the snapshot's own triples: browse it without the original data."""
        if self._own_graph is None:
            from explorer.core.changes import ChangeSet
            from explorer.core.graph import KnowledgeGraph
            from explorer.core.vocab import PREFIXES

            graph = KnowledgeGraph()
            graph.apply_changes(ChangeSet(added=tuple((s, p, o, None) for s, p, o in self.triples)))
            graph.prefixes.update({k: v for k, v in self.prefixes().items() if v not in PREFIXES.values()})
            self._own_graph = graph
        return self._own_graph

    def graph(self) -> KnowledgeGraph:
        """The live graph when attached, else the snapshot's own graph."""
        if self.attached and self._live_graph is not None:
            return self._live_graph
        return self.own_graph()

    def prefixes(self) -> dict[str, str]:
        """The prefixes of the snapshot's Turtle (those the subgraph uses)."""
        return dict(self.prefix_map)

    def attach(self, kg: KnowledgeGraph | None, identity: DatasetIdentity | None = None) -> bool:
        """Re-attach to ``kg`` when it holds the data the snapshot was taken from.

        Returns:
            Whether it matched; :attr:`attach_message` says why in words.
        """
        if kg is None:
            self.attached, self._live_graph = False, None
            self.attach_message = "no data is loaded: showing the snapshot's own copy of the subgraph"
            return False
        current = identity or dataset_identity(kg)
        if current.matches(self.dataset):
            self.attached, self._live_graph = True, kg
            self.attach_message = f"the loaded data is the snapshot's data ({self.dataset.describe()})"
            return True
        self.attached, self._live_graph = False, None
        self.attach_message = (f"the loaded data differs from the snapshot's ({self.dataset.describe()}): "
                               f"showing the snapshot's own copy of the subgraph")
        return False

    @property
    def counts(self) -> dict[str, int]:
        nodes = self.scene_data.get("nodes", [])
        edges = self.scene_data.get("edges", [])
        evidence = {s for s, p, _ in self.triples if str(p) == _RDF_SUBJECT}
        return {
            "nodes": sum(1 for n in nodes if isinstance(n, Mapping) and n.get("kind", "entity") == "entity"),
            "edges": sum(1 for e in edges if isinstance(e, Mapping) and e.get("predicate")),
            "triples": len(self.triples),
            "evidence_records": len(evidence),
        }

    def to_dict(self) -> dict[str, Any]:
        from explorer import __version__

        data = _turtle(self.triples, self.prefixes())
        counts = self.counts
        return {
            "format": FORMAT_ID,
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "notes": self.notes,
            "date": self.date,
            "app": {"name": "kg-explorer", "version": self.app_version or __version__},
            "dataset": self.dataset.to_dict(),
            "selection": {"query": self.query, "focus": self.focus, "hops": self.hops},
            "counts": counts,
            "scene": self.scene_data,
            "graph": {"media_type": MEDIA_TYPE, "sha256": hashlib.sha256(data.encode("utf-8")).hexdigest(), "data": data},
        }


_RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"


def _turtle(triples: Sequence[Triple], prefixes: Mapping[str, str]) -> str:
    return turtle_text(triples, prefixes)


def check_date(date: str | None) -> str | None:
    """``date`` if it is ISO 8601 (``2024-05-01`` or ``2024-05-01T09:30``), else a clear error.

    >>> check_date("2024-05-01")
    '2024-05-01'
    """
    if date is None or date == "":
        return None
    text = date.strip()
    try:
        if len(text) == 10:
            _dt.date.fromisoformat(text)
        else:
            _dt.datetime.fromisoformat(text)
    except ValueError:
        raise ExplorerError(f"date {date!r} is not an ISO 8601 date: write it as YYYY-MM-DD (or YYYY-MM-DDTHH:MM)") from None
    return text


def make_snapshot(
    kg: KnowledgeGraph,
    scene: Scene,
    *,
    title: str,
    notes: str = "",
    date: str | None = None,
    subgraph: Subgraph | None = None,
    identity: DatasetIdentity | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Snapshot:
    """A snapshot of ``scene`` over ``kg``.

    Args:
        kg: the live graph.
        scene: what the canvas shows.
        title, notes, date: the analyst's words (date ISO 8601).
        subgraph: the subgraph, when it was chosen by focus + hops or by a query (its query,
            focus and hops are recorded); by default the scene's visible subgraph.
        identity: the dataset identity if already known (it is computed otherwise).
        progress, cancel: for long hashing and collection.
    """
    from explorer import __version__
    from explorer.services import subgraph as subgraphs
    from explorer.services.exporters import ExportJob
    from explorer.services.exporters.rdf import used_prefixes

    if not title.strip():
        raise ExplorerError("a snapshot needs a title")
    date = check_date(date)
    chosen = subgraph if subgraph is not None else subgraphs.from_scene(kg, scene, cancel=cancel)
    identity = identity or dataset_identity(kg, progress=progress, cancel=cancel)
    snapshot = Snapshot(
        title=title.strip(), scene_data=scene.to_dict(), triples=list(chosen.triples), dataset=identity,
        notes=notes, date=date, query=chosen.query, focus=chosen.focus, hops=chosen.hops, app_version=__version__,
    )

    snapshot.prefix_map = used_prefixes(ExportJob(kg, chosen, scene))
    snapshot.attached, snapshot._live_graph = True, kg
    snapshot.attach_message = "taken from the loaded data"
    return snapshot


def write_snapshot(path: str | Path, snapshot: Snapshot) -> Path:
    """Write ``snapshot`` to ``path`` atomically (a crash leaves the old file or none, never half of one)."""
    target = Path(path)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    text = json.dumps(snapshot.to_dict(), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    _atomic_write_text(target, text)
    snapshot.path = target
    return target


def save_snapshot(
    path: str | Path,
    kg: KnowledgeGraph,
    scene: Scene,
    *,
    title: str,
    notes: str = "",
    date: str | None = None,
    subgraph: Subgraph | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Snapshot:
    """Take a snapshot of ``scene`` over ``kg`` and write it to ``path`` (``.kgsnap`` is added if missing)."""
    snapshot = make_snapshot(kg, scene, title=title, notes=notes, date=date, subgraph=subgraph,
                             progress=progress, cancel=cancel)
    write_snapshot(path, snapshot)
    return snapshot


def _atomic_write_text(target: Path, text: str) -> None:
    if not target.parent.is_dir():
        raise SnapshotError(target, f"folder {target.parent} does not exist")
    try:
        atomic_write(target, text)
    except ExplorerError as error:
        raise SnapshotError(target, error.message) from None
    except OSError as error:
        raise SnapshotError(target, error.strerror or str(error)) from None


# ------------------------------------------------------------------------------ reading
def open_snapshot(path: str | Path, live: KnowledgeGraph | None = None, *, identity: DatasetIdentity | None = None) -> Snapshot:
    """Read a snapshot; re-attach it to ``live`` when that holds the snapshot's data.

    Raises:
        SnapshotError: naming the file and the field, for a missing, damaged or foreign file.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
        if source.is_dir():
            raise SnapshotError(source, "is a folder, not a snapshot file")
        if size > MAX_FILE_BYTES:
            raise SnapshotError(source, f"is {size // (1024 * 1024)} MiB: too big for a snapshot")
        raw = source.read_bytes()
    except OSError as error:
        raise SnapshotError(source, error.strerror or str(error)) from None
    if raw[:2] == b"PK":
        raise SnapshotError(source, "is a zip archive, not a kg-explorer snapshot (a JSON document)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SnapshotError(source, f"not UTF-8 text (byte {error.start}): not a kg-explorer snapshot") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SnapshotError(source, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    snapshot = snapshot_from_dict(data, source)
    snapshot.attach(live, identity)
    return snapshot


def snapshot_from_dict(data: Any, path: str | Path = "<snapshot>") -> Snapshot:
    """Check and read the JSON of a snapshot (see the module docstring for its fields)."""
    where = Path(path)
    if not isinstance(data, Mapping) or data.get("format") != FORMAT_ID:
        raise SnapshotError(where, f"not a kg-explorer snapshot (expected \"format\": \"{FORMAT_ID}\")", "format")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SnapshotError(where, "missing or not an integer", "schema_version")
    if version > SCHEMA_VERSION:
        raise SnapshotError(where, f"{version} is newer than this version of kg-explorer reads ({SCHEMA_VERSION}): update the app",
                            "schema_version")
    title = _field(data, "title", str, where, "")
    notes = _field(data, "notes", str, where, "", "")
    date = _field(data, "date", (str, type(None)), where, "", None)
    if date is not None:
        try:
            check_date(date)
        except ExplorerError as error:
            raise SnapshotError(where, error.message, "date") from None
    app = data.get("app", {})
    if not isinstance(app, Mapping):
        raise SnapshotError(where, "expected an object", "app")
    app_version = _field(app, "version", str, where, "app", "")
    selection = data.get("selection", {})
    if not isinstance(selection, Mapping):
        raise SnapshotError(where, "expected an object", "selection")
    query = _field(selection, "query", (str, type(None)), where, "selection", None)
    focus = _field(selection, "focus", (str, type(None)), where, "selection", None)
    hops = _field(selection, "hops", (int, type(None)), where, "selection", None)
    identity = _identity_from(data.get("dataset"), where)
    scene_data = data.get("scene")
    if not isinstance(scene_data, dict):
        raise SnapshotError(where, "missing or not an object", "scene")
    from explorer.core.scene import Scene

    try:
        Scene.from_dict(scene_data)
    except ExplorerError as error:
        detail = error.message.removeprefix("scene: ")
        field_name, _, message = detail.partition(": ")
        raise SnapshotError(where, message or detail, f"scene.{field_name}" if message else "scene") from None
    graph = data.get("graph")
    if not isinstance(graph, Mapping):
        raise SnapshotError(where, "missing or not an object", "graph")
    media_type = _field(graph, "media_type", str, where, "graph")
    if media_type != MEDIA_TYPE:
        raise SnapshotError(where, f"{media_type!r} is not supported (expected {MEDIA_TYPE})", "graph.media_type")
    turtle = _field(graph, "data", str, where, "graph")
    expected = _field(graph, "sha256", str, where, "graph", "")
    if expected and hashlib.sha256(turtle.encode("utf-8")).hexdigest() != expected:
        raise SnapshotError(where, "does not match graph.sha256: the file was altered or damaged", "graph.data")
    try:
        triples = parse_turtle(turtle)
    except SyntaxError as error:
        raise SnapshotError(where, f"Turtle syntax error: {' '.join(str(error.msg or error).split())}", "graph.data") from None
    snapshot = Snapshot(
        title=title, scene_data=scene_data, triples=triples, dataset=identity, notes=notes, date=date, query=query,
        focus=focus, hops=hops, app_version=app_version, schema_version=version, path=where,
    )
    snapshot.prefix_map = _turtle_prefixes(turtle)
    return snapshot


def _turtle_prefixes(turtle: str) -> dict[str, str]:
    import re

    found = {}
    for match in re.finditer(r"^@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.", turtle, re.MULTILINE):
        found[match.group(1) or ""] = match.group(2)
    return found


def _field(data: Mapping[str, Any], name: str, types: type | tuple[type, ...], path: Path, where: str, *default: Any) -> Any:
    full = f"{where}.{name}" if where else name
    if name not in data:
        if default:
            return default[0]
        raise SnapshotError(path, "missing", full)
    value = data[name]
    wanted = types if isinstance(types, tuple) else (types,)
    if (isinstance(value, bool) and bool not in wanted) or not isinstance(value, wanted):
        names = " or ".join("null" if t is type(None) else t.__name__ for t in wanted)
        raise SnapshotError(path, f"expected {names}, got {type(value).__name__}", full)
    return value


# ------------------------------------------------------------------------------ diff
@dataclass(frozen=True)
class NodeChange:
    """A node whose label, class, colour, shape, pin or visibility differs (``what`` lists them)."""

    entity: str
    label: str
    what: tuple[str, ...]
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class DiffRow:
    """One line of the diff table: change ("added", "removed", "changed"), kind ("entity", "link"), text."""

    change: str
    kind: str
    label: str
    detail: str
    item_id: str


@dataclass
class SnapshotDiff:
    """What changed from snapshot ``a`` to snapshot ``b``.

    Entities are matched by IRI and links by the stored triple, so the same graph drawn
    differently is "changed" (moved, recoloured), not removed and added.
    """

    a_title: str
    b_title: str
    nodes_added: list[dict[str, Any]] = field(default_factory=list)
    nodes_removed: list[dict[str, Any]] = field(default_factory=list)
    nodes_changed: list[NodeChange] = field(default_factory=list)
    nodes_moved: list[str] = field(default_factory=list)
    edges_added: list[dict[str, Any]] = field(default_factory=list)
    edges_removed: list[dict[str, Any]] = field(default_factory=list)
    edges_changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    triples_added: int = 0
    triples_removed: int = 0
    _a: dict[str, Any] = field(default_factory=dict, repr=False)
    _b: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.nodes_added or self.nodes_removed or self.nodes_changed or self.edges_added
                    or self.edges_removed or self.edges_changed)

    def summary(self) -> str:
        return (f"{len(self.nodes_added)} entities added, {len(self.nodes_removed)} removed, {len(self.nodes_changed)} changed; "
                f"{len(self.edges_added)} links added, {len(self.edges_removed)} removed; "
                f"{self.triples_added} triples added, {self.triples_removed} removed")

    def rows(self) -> list[DiffRow]:
        """The diff as table rows: added, then removed, then changed; entities before links."""
        labels = {n["entity"]: n.get("label", n["entity"]) for n in (*self._a.get("nodes", []), *self._b.get("nodes", []))}

        def link(edge: Mapping[str, Any]) -> str:
            source = labels.get(_node_entity(self._a, self._b, edge["source"]), edge["source"])
            target = labels.get(_node_entity(self._a, self._b, edge["target"]), edge["target"])
            return f"{source} — {edge.get('label') or edge.get('predicate', '')} → {target}"

        rows = [DiffRow("added", "entity", n["label"], n.get("class_label", ""), n["id"]) for n in self.nodes_added]
        rows += [DiffRow("added", "link", link(e), e.get("predicate", ""), e["id"]) for e in self.edges_added]
        rows += [DiffRow("removed", "entity", n["label"], n.get("class_label", ""), n["id"]) for n in self.nodes_removed]
        rows += [DiffRow("removed", "link", link(e), e.get("predicate", ""), e["id"]) for e in self.edges_removed]
        rows += [DiffRow("changed", "entity", c.label, _describe_change(c), c.entity) for c in self.nodes_changed]
        rows += [DiffRow("changed", "link", link(after), _describe_edge_change(before, after), after["id"])
                 for before, after in self.edges_changed]
        return rows

    def scene(self) -> Scene:
        """One scene with both snapshots: ``b``'s layout, added items green, removed red, changed orange, the rest grey.

        Added and removed links are drawn in green and red too, and their label says
        "added:" or "removed:" for readers who do not tell the colours apart.
        """
        from explorer.core.scene import Scene, SceneEdge, SceneNode

        scene = Scene()
        added = {n["id"] for n in self.nodes_added}
        changed = {c.entity for c in self.nodes_changed}
        for raw in self._b.get("nodes", []):
            node = SceneNode(**_node_fields(raw))
            node.color = ADDED_COLOR if node.id in added else CHANGED_COLOR if node.entity in changed else UNCHANGED_COLOR
            node.hidden = False
            scene.add_node(node)
        for raw in self.nodes_removed:
            node = SceneNode(**_node_fields(raw))
            node.color, node.hidden = REMOVED_COLOR, False
            scene.add_node(node)
        added_edges = {e["id"] for e in self.edges_added}
        for raw in self._b.get("edges", []):
            edge = SceneEdge(**_edge_fields(raw))
            edge.hidden = False
            if edge.id in added_edges:
                edge.label, edge.color = f"added: {edge.label}", ADDED_COLOR
            if edge.source in scene.nodes and edge.target in scene.nodes:
                scene.add_edge(edge)
        for raw in self.edges_removed:
            edge = SceneEdge(**_edge_fields(raw))
            edge.label, edge.hidden, edge.color = f"removed: {edge.label}", False, REMOVED_COLOR
            if edge.source in scene.nodes and edge.target in scene.nodes and edge.id not in scene.edges:
                scene.add_edge(edge)
        scene.highlight([*added, *(n["id"] for n in self.nodes_removed), *added_edges, *(e["id"] for e in self.edges_removed)])
        return scene


def _node_entity(a: Mapping[str, Any], b: Mapping[str, Any], node_id: str) -> str:
    for data in (b, a):
        for node in data.get("nodes", []):
            if node["id"] == node_id:
                return str(node["entity"])
    return node_id


def _node_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    from dataclasses import fields

    from explorer.core.scene import SceneNode

    names = {f.name for f in fields(SceneNode)}
    return {k: v for k, v in raw.items() if k in names}


def _edge_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    from dataclasses import fields

    from explorer.core.scene import SceneEdge

    names = {f.name for f in fields(SceneEdge)}
    return {k: v for k, v in raw.items() if k in names}


_COMPARED = ("label", "class_iri", "color", "shape", "pinned", "hidden")
#: Moving a node less than this (scene units) is not a change worth listing.
MOVE_TOLERANCE = 1.0


def _describe_change(change: NodeChange) -> str:
    parts = []
    for name in change.what:
        if name == "moved":
            parts.append("moved")
        else:
            parts.append(f"{name.replace('_', ' ')}: {change.before.get(name)!s} → {change.after.get(name)!s}")
    return "; ".join(parts)


def _describe_edge_change(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    parts = []
    for name in ("label", "hidden", "evidence_count"):
        if before.get(name) != after.get(name):
            parts.append(f"{name.replace('_', ' ')}: {before.get(name)!s} → {after.get(name)!s}")
    return "; ".join(parts)


def diff_snapshots(a: Snapshot, b: Snapshot) -> SnapshotDiff:
    """Entities and links added, removed and changed from ``a`` to ``b`` ("+N more" nodes are ignored)."""
    result = SnapshotDiff(a.title, b.title, _a=a.scene_data, _b=b.scene_data)

    def entity_nodes(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        return {n["entity"]: n for n in data.get("nodes", []) if n.get("kind", "entity") == "entity"}

    def link_edges(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in data.get("edges", []) if e.get("predicate")}

    before_nodes, after_nodes = entity_nodes(a.scene_data), entity_nodes(b.scene_data)
    for entity, node in after_nodes.items():
        if entity not in before_nodes:
            result.nodes_added.append(node)
            continue
        old = before_nodes[entity]
        what = [name for name in _COMPARED if old.get(name) != node.get(name)]
        moved = abs(float(old.get("x", 0)) - float(node.get("x", 0))) > MOVE_TOLERANCE or \
            abs(float(old.get("y", 0)) - float(node.get("y", 0))) > MOVE_TOLERANCE
        if moved:
            result.nodes_moved.append(entity)
        if what:
            result.nodes_changed.append(NodeChange(entity, str(node.get("label", entity)), tuple(what),
                                                   {k: old.get(k) for k in what}, {k: node.get(k) for k in what}))
    result.nodes_removed = [node for entity, node in before_nodes.items() if entity not in after_nodes]
    before_edges, after_edges = link_edges(a.scene_data), link_edges(b.scene_data)
    for edge_id, edge in after_edges.items():
        if edge_id not in before_edges:
            result.edges_added.append(edge)
        elif any(before_edges[edge_id].get(k) != edge.get(k) for k in ("label", "hidden", "evidence_count")):
            result.edges_changed.append((before_edges[edge_id], edge))
    result.edges_removed = [edge for edge_id, edge in before_edges.items() if edge_id not in after_edges]
    before_triples = {_triple_key(t) for t in a.triples}
    after_triples = {_triple_key(t) for t in b.triples}
    result.triples_added = len(after_triples - before_triples)
    result.triples_removed = len(before_triples - after_triples)
    return result


def _triple_key(triple: Triple) -> str:
    return canonical_line(triple)


__all__ = [
    "SUFFIX",
    "DatasetIdentity",
    "DiffRow",
    "FileIdentity",
    "Snapshot",
    "SnapshotDiff",
    "SnapshotError",
    "dataset_identity",
    "diff_snapshots",
    "make_snapshot",
    "open_snapshot",
    "save_snapshot",
    "snapshot_from_dict",
    "write_snapshot",
]
