"""The Paths panel: paths found between entities, as chains in words with evidence per hop.

The list shows one chain per row ("China Mobile —has branch→ China Mobile Zhejiang
—established→ …"); selecting a row shows each hop below with the quoted sentence (or
"background knowledge") and asks the main window to draw the path on the canvas.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.core.graph import KnowledgeGraph
from explorer.core.paths import GraphPath
from explorer.ui.common.wrapping_label import WrappingLabel

_ANCHOR = "entity:"
PATHS_HINT = ("No paths yet. Tools → Find Path… (Ctrl+Shift+P) explains how two entities are connected; "
              "select several entities on the canvas for Tools → Connecting Network.")


class PathsPanelWidget(QWidget):
    """Results of Find path… and Connecting network."""

    sig_path_selected = Signal(object)
    sig_show_all_requested = Signal(list)
    sig_entity_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kg: KnowledgeGraph | None = None
        self.paths: list[GraphPath] = []
        self._anchors: list[str] = []

        self.summary = WrappingLabel("", self)  # a long summary wraps; it never widens the window
        self.list = QListWidget(self)
        self.list.setObjectName("pathResults")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.show_all_button = QPushButton("Show All on Canvas", self)
        self.show_all_button.setEnabled(False)
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.show_all_button)
        buttons.addWidget(self.clear_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        from explorer.ui.common.empty_state import HintOverlay

        self.empty_hint = HintOverlay(self.list, PATHS_HINT)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.show_all_button.clicked.connect(self._on_show_all_button_clicked)
        self.clear_button.clicked.connect(self.clear)
        self.details.anchorClicked.connect(self._on_details_anchor_clicked)

    # ------------------------------------------------------------------ public
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self._kg = kg
        self.clear()

    def clear(self) -> None:
        self.paths = []
        self.list.clear()
        self.details.clear()
        self.summary.setText("")
        self.show_all_button.setEnabled(False)
        self.clear_button.setEnabled(False)
        self.empty_hint.setText(PATHS_HINT)
        self.empty_hint.set_shown(True)

    def set_paths(self, paths: Sequence[GraphPath], summary: str) -> None:
        """Show ``paths`` (best first) under a one-line ``summary``; the first is selected."""
        assert self._kg is not None
        self.paths = list(paths)
        self.list.blockSignals(True)
        self.list.clear()
        for number, path in enumerate(self.paths, 1):
            item = QListWidgetItem(f"{number}. {path.words(self._kg)}")
            item.setToolTip(f"{path.length} hop{'s' if path.length != 1 else ''}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.summary.setText(summary)
        self.show_all_button.setEnabled(bool(self.paths))
        self.clear_button.setEnabled(True)
        self.details.clear()
        self.empty_hint.setText("No path within the limits. Allow more hops or fewer constraints in Find Path….")
        self.empty_hint.set_shown(not self.paths)
        if self.paths:
            self.list.setCurrentRow(0)

    def chains(self) -> list[str]:
        """Each listed path in words."""
        assert self._kg is not None or not self.paths
        return [path.words(self._kg) for path in self.paths] if self._kg else []

    # ------------------------------------------------------------------ rendering
    def _link(self, entity: str) -> str:
        assert self._kg is not None
        self._anchors.append(entity)
        return f"<a href='{_ANCHOR}{len(self._anchors) - 1}'>{html.escape(self._kg.label(entity))}</a>"

    def _details_html(self, path: GraphPath) -> str:
        kg = self._kg
        assert kg is not None
        app = QApplication.instance()
        dark = bool(app and app.property("kg_dark_theme"))
        muted = "#9aa5b1" if dark else "#616e7c"
        self._anchors = []
        parts = [f"<style>.muted{{color:{muted};}} .quote{{font-style:italic;}}</style>",
                 f"<p><b>{path.length} hop{'s' if path.length != 1 else ''}</b></p>"]
        for number, hop in enumerate(path.hops, 1):
            parts.append(f"<p style='margin-bottom:2px'>{number}. {self._link(hop.source)} "
                         f"<b>{html.escape(hop.words(kg))}</b> {self._link(hop.target)}</p>")
            evidence = kg.evidence(*hop.triple)
            for item in evidence:
                if item.background:
                    note = f": {html.escape(item.note)}" if item.note else ""
                    text = f"<span class='muted'>background knowledge{note}</span>"
                else:
                    source = html.escape(item.source_label or item.source or "source")
                    place = f", {html.escape(item.place())}" if item.place() else ""
                    text = (f"<span class='quote'>“{html.escape(item.quote or '')}”</span> "
                            f"<span class='muted'>— {source}{place}</span>")
                parts.append(f"<p style='margin-top:0; margin-left:18px'>{text}</p>")
            if not evidence:
                parts.append("<p class='muted' style='margin-top:0; margin-left:18px'>no evidence recorded</p>")
        return "".join(parts)

    # ------------------------------------------------------------------ slots
    def _on_list_current_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.paths) or self._kg is None:
            return
        path = self.paths[row]
        self.details.setHtml(self._details_html(path))
        self.sig_path_selected.emit(path)

    def _on_show_all_button_clicked(self) -> None:
        if self.paths:
            self.sig_show_all_requested.emit(list(self.paths))

    def _on_details_anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(_ANCHOR):
            try:
                self.sig_entity_activated.emit(self._anchors[int(text[len(_ANCHOR):])])
            except (ValueError, IndexError):
                return
