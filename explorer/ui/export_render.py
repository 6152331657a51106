"""Drawing a scene into PNG, SVG and PDF files for the image exports.

The pictures are drawn by the canvas itself (:class:`GraphCanvasView` and its render
helpers) on a view that is never shown, so an exported image looks exactly like the
canvas, in its light colours whatever the desktop theme. Importing this module installs
:func:`render` as the renderer of :mod:`explorer.services.exporters.image`.

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


def ensure_application() -> None:
    """A QApplication for drawing; offscreen when there is no display to connect to."""
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(["kg-explorer-export"])


def render(job: ExportJob, path: Path, kind: str) -> None:
    """Draw ``job.scene`` into ``path`` as ``kind`` ("png", "svg" or "pdf")."""
    ensure_application()
    from explorer.ui.views.graph_canvas import GraphCanvasView

    if not job.scene.visible_nodes():
        raise ExportError(f"{kind.upper()} export: the canvas is empty, there is nothing to draw")
    view = GraphCanvasView(job.scene)
    try:
        view.set_dark(False)
        if kind == "png":
            picture = _centred_image(view, job)
            if picture.isNull():
                raise ExportError(f"{path}: the image of {job.width}×{job.height} at scale {job.scale:g} could not be made")
            if not picture.save(str(path), "PNG"):
                raise ExportError(f"{path}: the PNG image could not be written")
        elif kind == "svg":
            view.render_to_svg(str(path), job.title)
        elif kind == "pdf":
            view.render_to_pdf(str(path), job.title)
        else:
            raise ExplorerError(f"unknown image format {kind!r}")
    finally:
        view.detach()
        view.deleteLater()
    if not path.exists() or path.stat().st_size == 0:
        raise ExportError(f"{path}: nothing was written")


def _centred_image(view: object, job: ExportJob) -> object:
    """The canvas drawn at the chosen size, the graph centred (the canvas render keeps to the top left)."""
    from PySide6.QtCore import QPointF, QSize
    from PySide6.QtGui import QImage, QPainter

    render_to_image = view.render_to_image  # type: ignore[attr-defined]
    if job.width is None or job.height is None:
        return render_to_image(None, None, job.scale)
    content = getattr(view, "_content_rect", None)
    if content is None:
        return render_to_image(job.width, job.height, job.scale)
    source = content()
    ratio = min(job.width / max(source.width(), 1e-9), job.height / max(source.height(), 1e-9))
    inner_width = max(1, min(job.width, round(source.width() * ratio)))
    inner_height = max(1, min(job.height, round(source.height() * ratio)))
    inner = render_to_image(inner_width, inner_height, job.scale)
    picture = QImage(QSize(round(job.width * job.scale), round(job.height * job.scale)), QImage.Format.Format_ARGB32_Premultiplied)
    picture.setDevicePixelRatio(job.scale)
    picture.fill(view.colours.background)  # type: ignore[attr-defined]
    painter = QPainter(picture)
    try:
        painter.drawImage(QPointF((job.width - inner_width) / 2, (job.height - inner_height) / 2), inner)
    finally:
        painter.end()
    return picture


image_exports.set_renderer(render)

__all__ = ["ensure_application", "render"]
