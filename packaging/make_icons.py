"""Render the application icon (icons/kg-explorer.svg) to the PNG sizes desktops want.

Run after changing the SVG: ``.venv/bin/python packaging/make_icons.py``. The PNGs are
small and committed, so a build never needs a display or this script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"error: could not write {out}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage painting needs one
    svg = HERE / "icons" / "kg-explorer.svg"
    for size in SIZES:
        render(svg, size, HERE / "icons" / f"kg-explorer-{size}.png")
    # Windows and macOS icon containers, when Pillow is available to write them.
    try:
        from PIL import Image
    except ImportError:
        print("Pillow not installed: .ico/.icns not written (needed only for Windows/macOS builds)")
        return 0
    biggest = Image.open(HERE / "icons" / "kg-explorer-256.png")
    biggest.save(HERE / "icons" / "kg-explorer.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    Image.open(HERE / "icons" / "kg-explorer-512.png").save(HERE / "icons" / "kg-explorer.icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
