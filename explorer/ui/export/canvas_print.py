"""File ▸ Print… (Ctrl+P): the canvas on paper, with the legend of the classes shown and a title/date footer.

A print preview (``QPrintPreviewDialog``) opens first; its toolbar chooses between the part of the
canvas in view and the whole scene fitted to the page (remembered in the window's settings).
The page is always drawn in the light colours (paper is white), whatever the app's theme.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPageLayout, QPainter, QPicture
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QToolBar

from explorer.services.settings import config_dir
from explorer.ui.canvas.canvas_pictures import _draw, _layout, picture_frame

#: What a print shows: the canvas in view, or everything on it.
PRINT_REGIONS = {"whole": "Whole Scene Fitted to the Page", "view": "Canvas as Seen"}
_FOOTER_PX = 10.0
_SCREEN_DPI = 96.0


def footer_text(title: str, today: date | None = None) -> str:
    """The line at the bottom of each printed page.

    >>> footer_text("Chain", date(2024, 5, 1))
    'Chain · 2024-05-01 · printed from KG Explorer'
    """
    day = (today or date.today()).isoformat()
    return " · ".join(part for part in (title.strip(), day, "printed from KG Explorer") if part)


def print_canvas(view: Any, printer: QPrinter, title: str, region: str = "whole", today: date | None = None) -> None:
    """Paint the canvas ``view`` (its ``scene_model``) on ``printer``: graph, legend, title and footer.

    ``region`` is ``"whole"`` (every visible node, fitted to the page) or ``"view"`` (what the canvas shows now).
    """
    scene = view.scene_model
    source = view.mapToScene(view.viewport().rect()).boundingRect() if region == "view" else view._content_rect()
    was_override = view._dark_override
    view.set_dark(False)
    # The page is drawn at screen size (96 per inch) into a recording, then played scaled to the
    # printer's resolution: the canvas sizes its labels from the painter's scale, and at 1,200 dpi
    # they would come out a hundredth of an inch tall.
    device = printer.pageLayout().paintRectPixels(printer.resolution())
    ratio = printer.resolution() / _SCREEN_DPI
    width, height = device.width() / ratio, device.height() / ratio
    recording = QPicture()
    recorder = QPainter(recording)
    try:
        footer_height = _FOOTER_PX * 2.2
        frame = picture_frame(title, scene, legend=True)
        frame.fit_rows(height - footer_height)
        page, target = _layout(frame, source, width, height - footer_height)
        _draw(view, recorder, frame, page, target, source)
        font = QFont()
        font.setPixelSize(round(_FOOTER_PX))
        recorder.setFont(font)
        recorder.setPen(view.colours.edge_label)
        recorder.drawText(QRectF(0, height - footer_height, width, footer_height),
                          int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), footer_text(title, today))
    finally:
        recorder.end()
        view.set_dark(was_override)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {printer.outputFileName() or printer.printerName() or 'the printer'}")
    try:
        # Playing a recording already scales it from its device's dots per inch to the printer's.
        played = printer.logicalDpiX() / max(1, recording.logicalDpiX())
        painter.scale(ratio / played, ratio / played)
        painter.drawPicture(0, 0, recording)
    finally:
        painter.end()


def page_orientation(view: Any, region: str) -> QPageLayout.Orientation:
    """Landscape for a graph wider than tall (with the legend beside it), portrait otherwise."""
    source = view.mapToScene(view.viewport().rect()).boundingRect() if region == "view" else view._content_rect()
    wide = source.width() + 260 > source.height() * 1.1
    return QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait


class PrintAction:
    """File ▸ Print… with its preview dialog."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: QPrintPreviewDialog | None = None
        self.printer: QPrinter | None = None
        self.action = QAction("&Print…", window)
        self.action.setObjectName("printAction")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.action.setStatusTip("Print the canvas with its legend (a preview opens first)")
        self.action.triggered.connect(self.open_preview)
        file_menu = window.menu("File")
        before = next((a for a in file_menu.actions() if a.objectName() == "quitAction"), None)
        actions = file_menu.actions()
        if before is not None and actions.index(before) > 0 and actions[actions.index(before) - 1].isSeparator():
            before = actions[actions.index(before) - 1]
        file_menu.insertAction(before, self.action) if before is not None else file_menu.addAction(self.action)

    @staticmethod
    def _stored() -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    @property
    def region(self) -> str:
        value = self._stored().value("print/region", "whole")
        return value if value in PRINT_REGIONS else "whole"

    @region.setter
    def region(self, value: str) -> None:
        stored = self._stored()
        stored.setValue("print/region", value)
        stored.sync()

    def title(self) -> str:
        return self.window.windowTitle().split(" — ")[0] if self.window.kg is not None else "Knowledge graph"

    def open_preview(self) -> QPrintPreviewDialog | None:
        canvas = self.window.canvas
        if canvas is None or not self.window.scene.visible_nodes():
            self.window.show_error("Nothing to print: put entities on the canvas first", "Print")
            return None
        if self.dialog is not None:  # one preview at a time: the old one goes with its printer
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        # The dialog keeps a plain pointer to the printer: it must live as long as the dialog.
        self.printer = printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title())
        printer.setPageOrientation(page_orientation(canvas, self.region))
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle("Print Preview")
        dialog.paintRequested.connect(lambda target: print_canvas(canvas, target, self.title(), self.region))
        toolbar = dialog.findChild(QToolBar)
        preview = dialog.findChild(QPrintPreviewWidget)
        if toolbar is not None and preview is not None:
            chooser = QComboBox(dialog)
            chooser.setObjectName("printRegion")
            for key, text in PRINT_REGIONS.items():
                chooser.addItem(text, key)
            chooser.setCurrentIndex(list(PRINT_REGIONS).index(self.region))

            def chosen(index: int) -> None:
                self.region = chooser.itemData(index)
                printer.setPageOrientation(page_orientation(canvas, self.region))
                preview.updatePreview()

            chooser.currentIndexChanged.connect(chosen)
            toolbar.addSeparator()
            toolbar.addWidget(chooser)
        self.dialog = dialog
        dialog.open()
        return dialog


def install_print_action(window: Any) -> PrintAction:
    """Add File ▸ Print… (Ctrl+P) to the main window."""
    return PrintAction(window)


__all__ = ["PRINT_REGIONS", "PrintAction", "footer_text", "install_print_action", "print_canvas"]
