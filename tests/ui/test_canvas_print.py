"""File ▸ Print… (Ctrl+P): a preview dialog; printing to a PDF gives a page with the graph, the legend
of the classes shown and the title/date footer, in light colours whatever the theme."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QComboBox

from explorer.ui.export.canvas_print import footer_text, print_canvas

D = "https://w3id.org/kg-explorer/data/"
HUB = D + "Zhejiang5GIndustryAlliance"


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize("region", ["whole", "view"])
def test_print_to_pdf_has_a_page_the_legend_and_the_footer(qtbot, window, tmp_path, region):
    window.show_on_canvas(HUB)
    window.expand_on_canvas(HUB)
    window.canvas.set_dark(True)  # paper stays white
    path = tmp_path / "print.pdf"
    print_canvas(window.canvas, _pdf_printer(path), "Alliance", region, today=date(2024, 5, 1))
    assert window.canvas.is_dark  # the theme comes back after printing
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())  # the PDF's words, spaced once
    legend = [entry for entry in window.scene.legend()]
    assert legend
    for _iri, label, _colour, _shape in legend:  # every class shown is named in the legend
        assert label[:1].upper() + label[1:] in text, (label, text)
    assert footer_text("Alliance", date(2024, 5, 1)) == "Alliance · 2024-05-01 · printed from KG Explorer"
    # Digits are left out: with the Chinese font fallback installed (as the app does), Qt's PDF text layer
    # maps them to the wrong characters, although the page shows them right.
    assert "Alliance ·" in text and "· printed from KG Explorer" in text
    # Node labels are printed at a size one can read (points on paper), not shrunk with the printer's resolution.
    sizes: dict[str, float] = {}

    def visit(piece, cm, tm, _font, size):
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
        sizes.setdefault(" ".join(piece.split()), size * scale)

    reader.pages[0].extract_text(visitor_text=visit)
    if region == "whole":
        label = next(n.label for n in window.scene.visible_nodes() if n.kind == "entity"
                     and not any(c.isdigit() for c in n.label) and n.label.isascii())
        assert sizes.get(label, 0) >= 6.0, (label, sizes)
    assert footer_text("", date(2024, 5, 1)) == "2024-05-01 · printed from KG Explorer"


def test_file_print_opens_a_preview_that_remembers_the_region(qtbot, window):
    action = window.print_action.action
    assert action in window.menu("File").actions()
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.print_action.open_preview()  # an empty canvas: nothing to print
    assert "Nothing to print" in window.last_error
    window.show_on_canvas(HUB)
    dialog = window.print_action.open_preview()
    assert isinstance(dialog, QPrintPreviewDialog)
    chooser = dialog.findChild(QComboBox, "printRegion")
    chooser.setCurrentIndex(1)
    assert window.print_action.region == "view"
    dialog.close()
    chooser.setCurrentIndex(0)
    assert window.print_action.region == "whole"
