"""What a snapshot is: a scene, the subgraph it shows and the identity of its data; taking one."""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib.namespace import RDF

from explorer.core.backends.canonical import CanonicalForm, canonicalize
from explorer.core.backends.rdf_text import Triple
from explorer.core.backends.rdf_text import turtle as turtle_text
from explorer.core.errors import ExplorerError
from explorer.core.tasks import CancelToken, Progress
from explorer.services.dataset_identity import DatasetIdentity
from explorer.services.sources import dataset_identity

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
#: Longest notes or selection query read from a snapshot (the app writes far less; a 200 MB
#: notes field took a minute and gigabytes downstream).
MAX_TEXT_FIELD_CHARS = 4 * 1024 * 1024
#: Longest title read from a snapshot.
MAX_TITLE_CHARS = 10_000

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
    _canonical: CanonicalForm | None = field(default=None, repr=False)

    def canonical(self) -> CanonicalForm:
        """The subgraph's RDFC-1.0 canonical form: what identifies it whatever its blank nodes
        were named when it was saved (and how those names map to the canonical ones)."""
        if self._canonical is None:
            self._canonical = canonicalize((s, p, o, None) for s, p, o in self.triples)
        return self._canonical

    def scene(self) -> Scene:
        """A fresh Scene rebuilt from the snapshot (each call gives a new, independent one)."""
        from explorer.core.scene import Scene

        return Scene.from_dict(self.scene_data)

    def own_graph(self) -> KnowledgeGraph:
        """A graph of the snapshot's own triples: browse it without the original data."""
        if self._own_graph is None:
            from explorer.core.changes import ChangeSet
            from explorer.core.graph import KnowledgeGraph

            graph = KnowledgeGraph()
            graph.apply_changes(ChangeSet(added=tuple((s, p, o, None) for s, p, o in self.triples)))
            # The snapshot's own prefixes (those of the data it was taken from) win, as in that data.
            graph.adopt_prefixes(self.prefixes())
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


_RDF_SUBJECT = str(RDF.subject)


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

