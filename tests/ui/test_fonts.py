"""Chinese labels render with a Chinese font, in widgets and offscreen renders alike."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QTextLayout

from explorer.ui.resources import cjk_family, install_font_fallbacks

LABEL = "中国移动"


def test_ui_fonts_fall_back_to_a_chinese_font(qapp):
    family = cjk_family()
    if family is None:
        pytest.skip("no font with Chinese glyphs is installed (Debian: fonts-noto-cjk)")
    assert install_font_fallbacks() == family
    assert all(QFontMetrics(QFont(family)).inFontUcs4(ord(char)) for char in LABEL)
    assert family.casefold() in [name.casefold() for name in QFont.substitutes(QFont().family())]

    # The default UI font lays the label out in that family, with real glyphs (index 0 is "missing").
    font = QFont()
    font.setPixelSize(24)
    layout = QTextLayout(LABEL, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert [run.rawFont().familyName().casefold() for run in runs] == [family.casefold()]
    assert all(index != 0 for run in runs for index in run.glyphIndexes())

    # An offscreen render of the label draws ink.
    image = QImage(160, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(4, 30, LABEL)
    painter.end()
    dark = sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).lightness() < 128)
    assert dark > 100


def test_latin_text_keeps_its_own_font_and_a_pdf_text_layer_reads_back(qapp, tmp_path):
    """With the Chinese fallback in place, Latin letters and digits still come from the UI's own
    family: drawn with the Chinese font, Qt's PDF text layer turned digits into control characters."""
    from pypdf import PdfReader
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageSize, QPdfWriter

    family = cjk_family()
    if family is None:
        pytest.skip("no font with Chinese glyphs is installed (Debian: fonts-noto-cjk)")
    install_font_fallbacks()
    font = QFont()
    font.setPixelSize(40)
    layout = QTextLayout("5G 2019 Q1", font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    assert family.casefold() not in [run.rawFont().familyName().casefold() for run in layout.glyphRuns()]

    path = tmp_path / "labels.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QSizeF(200, 60), QPageSize.Unit.Millimeter))
    painter = QPainter(writer)
    painter.setFont(font)
    painter.drawText(100, 200, "5G 2019 Q1 61%")
    painter.drawText(100, 500, f"{LABEL} 2020年")
    painter.end()
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "2019" in text and "61%" in text and "2020" in text and LABEL in text
