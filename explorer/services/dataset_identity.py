"""Dataset identity: which data a graph holds, cheaply, so a snapshot can tell whether the
loaded data is the data it was taken from.

The sha256 of each file the graph was loaded from (name, size, format and quad count are
kept for people), and a digest over the sorted file hashes: loading the same files in any
order, from any folder or under other names, matches; changing one byte does not. Hashing
files costs ~0.1 s per 125 MB (1M N-Triples) and is cached per (path, size, mtime); a
content hash of the loaded graph (its W3C RDFC-1.0 canonical N-Quads, so that blank nodes,
named anew at every load, compare by the shape of the data) would cost seconds at 1M
triples, so it is used only for graphs that did not come from files (text pasted in), and
an endpoint is identified by its URL. Which of these applies is the graph source's decision
(:mod:`explorer.services.sources`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.backends.canonical import canonicalize
from explorer.core.tasks import CancelToken, Progress, check

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


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
        note: for method "content", a sentence when the blank nodes were too alike to
            canonicalize within the work cap (they were compared by their neighbourhood).
    """

    digest: str
    method: str
    files: tuple[FileIdentity, ...] = ()
    quads: int = 0
    source: str = ""
    note: str = ""

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
            return f"graph content ({self.quads} quads, sha256 {short}…)" + (f"; {self.note}" if self.note else "")
        return "no data"

    def to_dict(self) -> dict[str, Any]:
        data = {
            "digest": self.digest, "method": self.method, "quads": self.quads, "source": self.source,
            "files": [{"name": f.name, "size": f.size, "sha256": f.sha256, "format": f.format, "quads": f.quads} for f in self.files],
        }  # fmt: skip
        if self.note:
            data["note"] = self.note
        return data


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



def files_identity(kg: KnowledgeGraph, *, progress: Progress | None = None,
                   cancel: CancelToken | None = None) -> DatasetIdentity:
    """The identity of a graph loaded from files: their hashes (its content when one is gone)."""
    quads = kg.quad_count()
    if not kg.files:
        return content_identity(kg, quads, cancel)
    files = []
    for index, loaded in enumerate(kg.files):
        if progress is not None:
            progress(index / len(kg.files), f"Hashing {loaded.path.name}")
        try:
            sha = file_sha256(Path(loaded.path), cancel)
            size = Path(loaded.path).stat().st_size
        except OSError:
            # The file went away since it was loaded: the graph is still what it held.
            return content_identity(kg, quads, cancel)
        files.append(FileIdentity(Path(loaded.path).name, size, sha, loaded.format, loaded.quads))
    combined = hashlib.sha256("\n".join(sorted(f.sha256 for f in files)).encode("ascii")).hexdigest()
    return DatasetIdentity("sha256:" + combined, "files", tuple(files), quads)


def content_identity(kg: KnowledgeGraph, quads: int | None = None, cancel: CancelToken | None = None) -> DatasetIdentity:
    """sha256 of the graph's RDFC-1.0 canonical N-Quads (blank nodes, named anew at every
    load, are named by the shape of the data); an empty graph is "none".

    Data whose blank nodes are too alike to name within the cap of
    :func:`~explorer.core.backends.canonical.canonicalize` still gets the same digest at
    every load; the identity's note says that they were compared by their neighbourhood.
    """
    quads = kg.quad_count() if quads is None else quads
    if quads == 0:
        return DatasetIdentity("sha256:" + hashlib.sha256(b"").hexdigest(), "none")
    form = canonicalize(kg.quads(), cancel=cancel)
    return DatasetIdentity("sha256:" + form.sha256, "content", (), quads, note=form.note)


def endpoint_identity(kg: KnowledgeGraph, url: str, default_graph: str | None) -> DatasetIdentity:
    """A SPARQL endpoint is identified by its URL and graph (its data is not downloaded)."""
    source = f"{url} {default_graph or ''}".strip()
    return DatasetIdentity("sha256:" + hashlib.sha256(source.encode("utf-8")).hexdigest(), "endpoint", (),
                           kg.quad_count(), url)


__all__ = ["DatasetIdentity", "FileIdentity", "content_identity", "endpoint_identity", "file_sha256", "files_identity"]
