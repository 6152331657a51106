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
:mod:`explorer.services.dataset_identity` (file hashes, content hash, endpoint URL; which
one is the graph source's choice, :mod:`explorer.services.sources`). When the identity
matches, :meth:`Snapshot.attach` re-attaches the scene to the live graph. Blank-node ids
differ between loads, so a scene node that is a blank node only resolves in the
snapshot's own graph.

The package's seams: :mod:`.snapshot` (what a snapshot is, taking one), :mod:`.file_format`
(writing and reading ``.kgsnap``), :mod:`.diff` (comparing two).
"""


from __future__ import annotations

from explorer.services.dataset_identity import DatasetIdentity, FileIdentity, file_sha256
from explorer.services.snapshots.diff import DiffRow, NodeChange, SnapshotDiff, diff_snapshots
from explorer.services.snapshots.file_format import open_snapshot, save_snapshot, snapshot_from_dict, write_snapshot
from explorer.services.snapshots.snapshot import (
    ADDED_COLOR,
    CHANGED_COLOR,
    FORMAT_ID,
    MAX_FILE_BYTES,
    MAX_TEXT_FIELD_CHARS,
    MEDIA_TYPE,
    REMOVED_COLOR,
    SCHEMA_VERSION,
    SUFFIX,
    UNCHANGED_COLOR,
    Snapshot,
    SnapshotError,
    check_date,
    make_snapshot,
)
from explorer.services.sources import dataset_identity

__all__ = [
    "ADDED_COLOR",
    "CHANGED_COLOR",
    "FORMAT_ID",
    "MAX_FILE_BYTES",
    "MAX_TEXT_FIELD_CHARS",
    "MEDIA_TYPE",
    "REMOVED_COLOR",
    "SCHEMA_VERSION",
    "SUFFIX",
    "UNCHANGED_COLOR",
    "DatasetIdentity",
    "DiffRow",
    "FileIdentity",
    "NodeChange",
    "Snapshot",
    "SnapshotDiff",
    "SnapshotError",
    "check_date",
    "dataset_identity",
    "diff_snapshots",
    "file_sha256",
    "make_snapshot",
    "open_snapshot",
    "save_snapshot",
    "snapshot_from_dict",
    "write_snapshot",
]
