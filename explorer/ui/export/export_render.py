"""Drawing a scene into PNG, SVG and PDF files for the image exports.

The pictures are drawn by the canvas itself (:class:`GraphCanvasView` and its render
helpers) on a view that is never shown, so an exported image looks exactly like the
canvas, in its light colours whatever the desktop theme. The picture carries a title line
when the job has a title and, unless ``job.options["legend"]`` is false, a compact legend
(each class on the picture with its colour, shape and name) in the top-right corner, beside
the graph rather than over it. Importing this module installs :func:`render` as the
renderer of :mod:`explorer.services.exporters.image`.

Without a display (the command line on a server), call :func:`ensure_application` first:
it selects Qt's offscreen platform when no display is available, before Qt starts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from explorer.core.errors import ExplorerError
from explorer.services.exporters import ExportError, ExportJob
from explorer.services.exporters import image as image_exports
from explorer.ui.canvas.canvas_pictures import picture_frame, picture_image, write_pdf, write_svg


def ensure_application() -> None:
    """A QApplication for drawing; offscreen when there is no display to connect to."""
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(["kg-explorer-export"])
    # Without a desktop's font fallback, Chinese labels would be drawn as boxes.
    from explorer.ui.resources import install_font_fallbacks

    install_font_fallbacks()


def render(job: ExportJob, path: Path, kind: str) -> None:
    """Draw ``job.scene`` into ``path`` as ``kind`` ("png", "svg" or "pdf")."""
    ensure_application()
    from explorer.ui.canvas.graph_canvas import GraphCanvasView

    if not job.scene.visible_nodes():
        raise ExportError(f"{kind.upper()} export: the canvas is empty, there is nothing to draw")
    view = GraphCanvasView(job.scene)
    try:
        view.set_dark(False)
        frame = picture_frame(job.title or "", job.scene, legend=bool(job.options.get("legend", True)))
        if kind == "png":
            picture = picture_image(view, frame, job.width, job.height, job.scale)
            if picture.isNull():
                raise ExportError(f"{path}: the image of {job.width}×{job.height} at scale {job.scale:g} could not be made")
            if not picture.save(str(path), "PNG"):
                raise ExportError(f"{path}: the PNG image could not be written")
        elif kind == "svg":
            write_svg(view, frame, path, job.title)
        elif kind == "pdf":
            write_pdf(view, frame, path, job.title)
        else:
            raise ExplorerError(f"unknown image format {kind!r}")
    finally:
        view.detach()
        view.deleteLater()
    if not path.exists() or path.stat().st_size == 0:
        raise ExportError(f"{path}: nothing was written")


image_exports.set_renderer(render)

__all__ = ["ensure_application", "render"]
