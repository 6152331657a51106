"""Icons, stylesheets and the light/dark theme, loaded with importlib.resources.

``apply_theme(app, "system" | "light" | "dark") -> bool`` sets the Fusion style, a palette
and the matching stylesheet, and returns whether the dark variant is in effect. "system"
follows ``QStyleHints.colorScheme`` (light when the platform does not say).
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

_PACKAGE = "explorer.ui.resources"


def read_text(name: str) -> str:
    """A text resource of this package (stylesheets, SVG)."""
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def app_icon() -> QIcon:
    """The application icon (SVG, scales to every size)."""
    from PySide6.QtGui import QPixmap

    data = resources.files(_PACKAGE).joinpath("app.svg").read_bytes()
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap()
        # Qt's SVG image plugin renders at the requested size when given a format hint.
        if pixmap.loadFromData(data, "SVG"):
            icon.addPixmap(pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
    return icon


#: Fonts for Chinese labels, best first (the graph's CJK labels are Simplified Chinese).
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK TC", "Noto Sans CJK JP",
                "Droid Sans Fallback")


def cjk_family() -> str | None:
    """The installed family that draws Chinese labels best, or None when there is none."""
    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def install_font_fallbacks() -> str | None:
    """Make every UI font fall back to a Chinese-capable family; returns that family.

    Without it Qt picks any CJK font it finds (often a Japanese one, with Japanese glyph
    forms) or, on platforms without font fallback such as offscreen rendering for exports,
    draws boxes. Substitutions are process-wide, so canvas labels, exports and widgets all
    follow.
    """
    family = cjk_family()
    if family is None:
        return None
    default = QFont().family()
    bases = dict.fromkeys((default, QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family(),
                           "Sans Serif", "DejaVu Sans", "Helvetica", "Arial", "Monospace", "DejaVu Sans Mono"))
    # A generic name ("Sans Serif") resolves to a real family; that family must come before
    # the Chinese one, or every Latin letter and digit is drawn with the Chinese font, whose
    # PDF text layer Qt writes wrongly (digits extract as control characters).
    resolved = {base: QFontInfo(QFont(base)).family() for base in bases}
    for base in bases:
        wanted = [name for name in (resolved[base], family) if name.casefold() != base.casefold()]
        present = [name.casefold() for name in QFont.substitutes(base)]
        missing = [name for name in wanted if name.casefold() not in present]
        if missing:
            QFont.insertSubstitutions(base, missing)
    return family


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    """Whether ``theme`` ("system", "light", "dark") means the dark variant right now."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


def _dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor("#25292e"), QColor("#1f2428"), QColor("#e4e7eb")
    disabled = QColor("#7b8794")
    highlight = QColor("#3d7bd9")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#2a2f35"),
        QPalette.ColorRole.ToolTipBase: QColor("#323940"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9aa5b1"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2f353b"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Link: QColor("#7fb2ff"),
        QPalette.ColorRole.LinkVisited: QColor("#b39ddb"),
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Light: QColor("#3a4149"),
        QPalette.ColorRole.Midlight: QColor("#333a41"),
        QPalette.ColorRole.Mid: QColor("#2a3036"),
        QPalette.ColorRole.Dark: QColor("#16191c"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def _light_palette() -> QPalette:
    palette = QApplication.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f80ed"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return palette


def apply_theme(app: QApplication, theme: str) -> bool:
    """Fusion style (its indicators outlined on a dark palette), palette and stylesheet for
    ``theme``; returns True when dark."""
    dark = is_dark(theme)
    install_font_fallbacks()
    from explorer.ui.resources.indicator_style import install_indicator_style

    install_indicator_style(app)
    app.setPalette(_dark_palette() if dark else _light_palette())
    app.setStyleSheet(read_text("dark.qss" if dark else "light.qss"))
    app.setProperty("kg_dark_theme", dark)
    return dark
