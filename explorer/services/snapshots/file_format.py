"""The ``.kgsnap`` file: one JSON document, written atomically, read back with one-line
errors naming the file and the field (the layout is in the package docstring)."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.atomic import atomic_write
from explorer.core.backends.rdf_text import parse_turtle
from explorer.core.errors import ExplorerError, LoadError
from explorer.core.input_files import regular_file_size
from explorer.core.tasks import CancelToken, Progress
from explorer.services.dataset_identity import DatasetIdentity, FileIdentity
from explorer.services.snapshots.snapshot import (
    FORMAT_ID,
    MAX_FILE_BYTES,
    MAX_TEXT_FIELD_CHARS,
    MAX_TITLE_CHARS,
    MEDIA_TYPE,
    SCHEMA_VERSION,
    SUFFIX,
    Snapshot,
    SnapshotError,
    check_date,
    make_snapshot,
)

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene
    from explorer.services.subgraph import Subgraph


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
        size = regular_file_size(source, "a snapshot file")
    except LoadError as error:
        raise SnapshotError(source, error.reason) from None
    try:
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
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise SnapshotError(source, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise SnapshotError(source, "nested too deeply: not a kg-explorer snapshot") from None
    except ValueError as error:  # a number of thousands of digits, NaN, an infinite float
        raise SnapshotError(source, f"not a kg-explorer snapshot: {error}") from None
    _check_text_sizes(data, source)
    snapshot = snapshot_from_dict(data, source)
    snapshot.attach(live, identity)
    return snapshot


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _check_text_sizes(data: Any, source: Path) -> None:
    """Refuse text fields far beyond what the app writes, before anything works on them."""
    if not isinstance(data, Mapping):
        return
    limits = {"title": MAX_TITLE_CHARS, "notes": MAX_TEXT_FIELD_CHARS}
    selection = data.get("selection")
    fields: list[tuple[str, Any, int]] = [(name, data.get(name), limit) for name, limit in limits.items()]
    if isinstance(selection, Mapping):
        fields.append(("selection.query", selection.get("query"), MAX_TEXT_FIELD_CHARS))
    for name, value, limit in fields:
        if isinstance(value, str) and len(value) > limit:
            raise SnapshotError(source, f"{len(value):,} characters; at most {limit:,} are read", name)


def snapshot_from_dict(data: Any, path: str | Path = "<snapshot>") -> Snapshot:
    """Check and read the JSON of a snapshot (see the module docstring for its fields)."""
    where = Path(path)
    if not isinstance(data, Mapping) or data.get("format") != FORMAT_ID:
        raise SnapshotError(where, f"not a kg-explorer snapshot (expected \"format\": \"{FORMAT_ID}\")", "format")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SnapshotError(where, "missing or not an integer", "schema_version")
    if version < 1:
        raise SnapshotError(where, f"{version} is not a schema version (they start at 1)", "schema_version")
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

    found: dict[str, str] = {}
    for match in re.finditer(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", turtle,
                             re.MULTILINE | re.IGNORECASE):
        found.setdefault(match.group(1) or "", match.group(2))
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


#: The app writes a one-sentence note (blank nodes too alike to canonicalize); more is cut.
_MAX_NOTE_CHARS = 1000


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
                           _field(data, "source", str, path, where, ""),
                           _field(data, "note", str, path, where, "")[:_MAX_NOTE_CHARS])

