"""Exports of a canvas or a subgraph: a registry of formats, name → :class:`Exporter`.

Every exporter takes an :class:`ExportJob` (the graph, the chosen :class:`Subgraph` and the
:class:`~explorer.core.scene.Scene` that draws it) and writes one file, atomically: a failed
export never leaves half a file behind. Formats register themselves when their module is
imported; :func:`exporters` imports them all.

>>> sorted(exporters())[:4]
['csv', 'gexf', 'graphml', 'html']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.atomic import atomic_path
from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.scene import Scene
    from explorer.services.subgraph import Subgraph

_MODULES = ("html", "image", "graph_formats", "rdf", "csv_evidence")


class ExportError(ExplorerError):
    """An export that cannot be written; the message names the file or the option."""


@dataclass
class ExportJob:
    """What to export and how.

    Attributes:
        kg: the graph the subgraph comes from (labels, predicate words, evidence).
        subgraph: the entities, facts, evidence and triples to export.
        scene: the drawing of the subgraph (positions, colours, shapes, legend).
        title: shown in the HTML heading and written into file metadata.
        width, height: image size in pixels before ``scale`` (``None``: fit the scene).
        scale: device-pixel scale of raster images (2 for a sharp PNG on a slide).
        background: image background, ``#rrggbb`` or ``"transparent"``.
    """

    kg: KnowledgeGraph
    subgraph: Subgraph
    scene: Scene
    title: str = "Knowledge graph"
    width: int | None = None
    height: int | None = None
    scale: float = 1.0
    background: str = "#ffffff"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exporter:
    """One export format.

    Attributes:
        name: the registry key and the CLI's ``--format`` value (``ttl``, ``html`` …).
        label: what the Export dialog lists.
        suffix: the file suffix, with its dot.
        write: writes the job to a path (not atomic itself: :func:`export` takes care of that).
        image: whether the format is a picture of the canvas (size and scale apply; needs Qt).
        aliases: other names accepted for the format (``turtle`` for ``ttl``).
    """

    name: str
    label: str
    suffix: str
    write: Callable[[ExportJob, Path], None]
    image: bool = False
    aliases: tuple[str, ...] = ()


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add a format to the registry (a later registration of the same name replaces it)."""
    _REGISTRY[exporter.name] = exporter
    return exporter


def exporters() -> dict[str, Exporter]:
    """Every registered format, by name (importing the bundled exporter modules first)."""
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return dict(_REGISTRY)


def exporter_named(name: str) -> Exporter:
    """The format called ``name`` (or one of its aliases, or its suffix), case-insensitively."""
    wanted = name.strip().lower().lstrip(".")
    for exporter in exporters().values():
        if wanted == exporter.name or wanted in exporter.aliases or "." + wanted == exporter.suffix:
            return exporter
    known = ", ".join(sorted(_REGISTRY))
    raise ExportError(f"unknown export format {name!r}: choose one of {known}")


def exporter_for_path(path: str | Path) -> Exporter | None:
    """The format a file name's suffix asks for, if any."""
    suffix = Path(path).suffix.lower()
    for exporter in exporters().values():
        if suffix == exporter.suffix:
            return exporter
    return None


def export(name: str, job: ExportJob, path: str | Path) -> Path:
    """Write ``job`` as format ``name`` to ``path``, atomically; returns the path written."""
    exporter = exporter_named(name)
    target = Path(path)
    if not target.parent.exists():
        raise ExportError(f"{target}: folder {target.parent} does not exist")
    if target.is_dir():
        raise ExportError(f"{target}: is a folder, not a file")
    try:
        # The exporter writes by name (image renderers open the file themselves); the
        # scratch file is fsynced and swapped in only when it is complete.
        with atomic_path(target) as scratch:
            exporter.write(job, scratch)
    except ExplorerError:
        raise
    except OSError as error:
        raise ExportError(f"{target}: {error.strerror or error}") from None
    return target


__all__ = ["ExportError", "ExportJob", "Exporter", "export", "exporter_for_path", "exporter_named", "exporters", "register"]
