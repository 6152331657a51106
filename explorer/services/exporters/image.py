"""PNG, SVG and PDF pictures of the canvas.

Drawing needs Qt, and services never import Qt: the drawing lives in
``explorer.ui.export.export_render``, which registers itself here with :func:`set_renderer` when
it is imported (the desktop imports it at start-up; the CLI imports it, offscreen, for an
image export). Here are the formats, their options and the checks on them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from explorer.services.exporters import Exporter, ExportError, ExportJob, register

#: ``renderer(job, path, format)`` with format "png", "svg" or "pdf".
Renderer = Callable[[ExportJob, Path, str], None]

#: Largest picture (in pixels, after scaling) a raster export may ask for: 16k × 16k × 4 bytes is 1 GiB.
MAX_PIXELS = 16384

_renderer: Renderer | None = None


def set_renderer(renderer: Renderer | None) -> None:
    """Install the function that draws a scene into an image file (the UI's Qt renderer)."""
    global _renderer
    _renderer = renderer


def renderer_installed() -> bool:
    return _renderer is not None


def check_size(job: ExportJob) -> None:
    """Refuse sizes and scales that make no sense before anything is drawn."""
    if not 0.1 <= job.scale <= 10:
        raise ExportError(f"scale {job.scale:g} is out of range: choose between 0.1 and 10")
    for name, value in (("width", job.width), ("height", job.height)):
        if value is not None and not 16 <= value <= MAX_PIXELS:
            raise ExportError(f"{name} {value} is out of range: choose between 16 and {MAX_PIXELS} pixels")
        if value is not None and value * job.scale > MAX_PIXELS:
            raise ExportError(f"{name} {value} at scale {job.scale:g} makes more than {MAX_PIXELS} pixels")


def _writer(kind: str) -> Callable[[ExportJob, Path], None]:
    def write(job: ExportJob, path: Path) -> None:
        check_size(job)
        if _renderer is None:
            raise ExportError(f"{kind.upper()} export needs the drawing module explorer.ui.export.export_render (import it first)")
        _renderer(job, path, kind)

    return write


register(Exporter("png", "PNG image", ".png", _writer("png"), image=True))
register(Exporter("svg", "SVG drawing", ".svg", _writer("svg"), image=True))
register(Exporter("pdf", "PDF document", ".pdf", _writer("pdf"), image=True))
