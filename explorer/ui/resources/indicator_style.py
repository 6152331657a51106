"""Fusion with check boxes and radio buttons that show on a dark palette.

Fusion outlines an indicator with the window colour made darker; on a dark palette that outline
is as dark as the field it stands in, so an unticked box (a suggestion to accept, a class in the
legend, an option in a dialog) cannot be seen at all. This style draws Fusion's indicator and
then a light outline around it when the palette is dark; ticks, focus and light palettes are
Fusion's own.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget
from shiboken6 import Shiboken

#: The outline of an indicator on a dark palette: as light as muted text, so a box reads at a glance.
DARK_OUTLINE = QColor("#8a96a3")

_OUTLINED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)


class VisibleIndicatorStyle(QProxyStyle):
    """Fusion, with outlined indicators on dark palettes."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _OUTLINED or not is_dark_palette(option):
            return
        state = option.state  # type: ignore[attr-defined]
        if state & QStyle.StateFlag.State_HasFocus and state & QStyle.StateFlag.State_KeyboardFocusChange:
            return  # Fusion's focus outline says more than ours
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(DARK_OUTLINE, 1))
        painter.setBrush(QColor(0, 0, 0, 0))
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)  # type: ignore[attr-defined]
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()


def is_dark_palette(option: QStyleOption) -> bool:
    """Whether the indicator stands on a dark field (the palette's base)."""
    return option.palette.base().color().lightness() < 128  # type: ignore[attr-defined]


#: The style installed on the application: Python keeps its wrapper, the application owns it.
_installed: list[VisibleIndicatorStyle] = []


def install_indicator_style(app: QApplication) -> None:
    """Make :class:`VisibleIndicatorStyle` the application's style, once.

    Replacing an application's style re-polishes every widget it has, so it is done only when
    ours is not in place (at start, or after someone set another style, which deletes ours).
    ``app.style()`` cannot tell: with a stylesheet set it answers the stylesheet's own style."""
    if _installed and Shiboken.isValid(_installed[-1]):
        return
    style = VisibleIndicatorStyle()
    app.setStyle(style)
    _installed[:] = [style]
