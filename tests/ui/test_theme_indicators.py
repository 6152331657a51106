"""Check boxes and radio buttons can be seen in the dark theme (unticked ones too)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QListWidget, QListWidgetItem, QRadioButton, QStyle, QStyleFactory, QStyleOptionButton


@pytest.fixture
def restore_theme():
    """The palette and stylesheet as they were (the style stays: the app sets it once)."""
    app = QApplication.instance()
    palette, sheet = app.palette(), app.styleSheet()
    yield app
    app.setPalette(palette)
    app.setStyleSheet(sheet)


def _luminance(colour: QColor) -> float:
    channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _best_contrast(image: QImage, left: int, top: int, width: int, height: int, against: QColor) -> float:
    return max(_contrast(image.pixelColor(x, y), against)
               for x in range(left, min(left + width, image.width())) for y in range(top, min(top + height, image.height())))


def _indicator_contrast(qtbot, button: QCheckBox | QRadioButton, element: QStyle.SubElement) -> float:
    qtbot.addWidget(button)
    button.resize(160, 30)
    button.show()
    qtbot.waitExposed(button)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(element, option, button)
    image = button.grab().toImage()
    return _best_contrast(image, rect.left(), rect.top(), rect.width(), rect.height(),
                          button.palette().color(QPalette.ColorRole.Window))


def test_an_unticked_box_and_radio_button_stand_out_in_the_dark_theme(qtbot, restore_theme):
    from explorer.ui.resources import apply_theme

    apply_theme(restore_theme, "dark")
    # WCAG asks 3:1 of a control's boundary against what surrounds it.
    assert _indicator_contrast(qtbot, QCheckBox("Accept"), QStyle.SubElement.SE_CheckBoxIndicator) >= 3
    assert _indicator_contrast(qtbot, QRadioButton("Rows"), QStyle.SubElement.SE_RadioButtonIndicator) >= 3


def test_an_unticked_item_in_a_list_stands_out_in_the_dark_theme(qtbot, restore_theme):
    from explorer.ui.resources import apply_theme

    apply_theme(restore_theme, "dark")
    view = QListWidget()
    qtbot.addWidget(view)
    item = QListWidgetItem("a suggested fact")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    view.addItem(item)
    view.resize(240, 80)
    view.show()
    qtbot.waitExposed(view)
    rect = view.visualItemRect(item)
    image = view.viewport().grab().toImage()
    # the box stands at the row's start, before the text
    assert _best_contrast(image, rect.left(), rect.top(), rect.height(), rect.height(),
                          view.palette().color(QPalette.ColorRole.Base)) >= 3


def _indicator(style: QStyle, palette: QPalette, element: QStyle.PrimitiveElement) -> QImage:
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    image.fill(palette.color(QPalette.ColorRole.Window))
    option = QStyleOptionButton()
    option.rect = QRect(2, 2, 16, 16)
    option.palette = palette
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    painter = QPainter(image)
    style.drawPrimitive(element, option, painter, None)
    painter.end()
    return image


def test_the_light_theme_draws_indicators_as_fusion_does_and_the_dark_one_outlines_them(restore_theme):
    from explorer.ui.resources import apply_theme
    from explorer.ui.resources.indicator_style import VisibleIndicatorStyle

    ours, fusion = VisibleIndicatorStyle(), QStyleFactory.create("Fusion")
    for element in (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton):
        apply_theme(restore_theme, "light")
        light = restore_theme.palette()
        assert _indicator(ours, light, element) == _indicator(fusion, light, element)
        apply_theme(restore_theme, "dark")
        dark = restore_theme.palette()
        assert _indicator(ours, dark, element) != _indicator(fusion, dark, element)
