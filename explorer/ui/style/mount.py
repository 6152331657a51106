"""View ▸ Style Panel… (Ctrl+Shift+K) and the Legend's "Style this class…" on the main window.

The panel is a dock on the right, tabbed with the Legend, kept in the saved window state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QScrollArea

from explorer.ui.style.style_panel import StylePanelWidget

SHORTCUT = "Ctrl+Shift+K"
_EVENTS = ("nodes_restyled", "edges_restyled", "reset", "node_added", "edge_added")


class StylePanel:
    """The Style panel, its dock and its menu entry, as mounted on one window."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.panel = StylePanelWidget(window, window)
        # Scrolled rather than squeezed: the rule form is taller than the right column leaves
        # on a laptop, and a dock that cannot shrink would make the window grow instead.
        scroller = QScrollArea(window)
        scroller.setWidget(self.panel)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.dock = window.add_panel("Style", scroller, Qt.DockWidgetArea.RightDockWidgetArea, "StyleDock")
        legend_dock = getattr(window, "legend_dock", None)
        if legend_dock is not None:
            window.tabifyDockWidget(legend_dock, self.dock)
            legend_dock.raise_()
        self.dock.hide()
        self.action = QAction("&Style Panel…", window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setObjectName("stylePanelAction")
        tip = "Colour, shape, size, icon and label by class, property, link or evidence; rules in order"
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(self.open)
        window.menu("View").addAction(self.action)
        self._scene = window.scene
        for name in _EVENTS:
            self._scene.events.connect(name, self.panel.schedule_refresh)
        self.panel.destroyed.connect(self._on_panel_destroyed)
        legend = getattr(window, "legend", None)
        if legend is not None and hasattr(legend, "sig_style_class"):
            legend.sig_style_class.connect(self.style_class)

    def _on_panel_destroyed(self, *_args: object) -> None:
        for name in _EVENTS:  # a scene that outlives the window must not call into a deleted panel
            self._scene.events.disconnect(name, self.panel.schedule_refresh)

    def open(self) -> None:
        self.panel.refresh()
        self.dock.show()
        self.dock.raise_()
        # The rules and their form want more than the Legend's share of the right column.
        self.window.resizeDocks([self.dock], [int(self.window.height() * 0.6)], Qt.Orientation.Vertical)
        self.panel.rules_list.setFocus()

    def style_class(self, class_iri: str) -> None:
        """Legend ▸ Style this class…: the panel opens with a rule for the class ready to add."""
        self.open()
        self.panel.style_class(class_iri)


def mount_style(window: Any) -> StylePanel:
    """Add View ▸ Style Panel… and the Style dock to ``window``."""
    mounted = StylePanel(window)
    window.style_panel = mounted
    return mounted
