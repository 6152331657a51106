"""The Paths panel: paths found between entities, as chains in words with evidence per hop.

On the left, the searches made (newest first, kept with the scene and its snapshots; Remove
and Clear History are undoable); selecting one lists its paths again. The middle list shows
one chain per row ("China Mobile —has branch→ China Mobile Zhejiang —established→ …");
selecting a row shows each hop with the quoted sentence (or "background knowledge") and asks
the main window to draw the path on the canvas.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

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

from explorer.core import scene as scene_model
from explorer.core.changes import Command
from explorer.core.graph import KnowledgeGraph
from explorer.core.path_history import PathSearch, RemoveSearches, add_search
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
        self._scene = scene_model.Scene()
        self._do: Callable[[Command], object] = _run
        self._events_of: scene_model.Scene | None = None
        self.current_search: PathSearch | None = None

        self.history = QListWidget(self)
        self.history.setObjectName("pathHistory")
        self.history.setWordWrap(True)
        self.history.setAccessibleName("Path searches")
        self.history.setToolTip("Searches made, newest first: select one to list its paths again")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Take the selected search off the history (Edit ▸ Undo brings it back)")
        self.remove_button.setEnabled(False)

        self.summary = WrappingLabel("", self)  # a long summary wraps; it never widens the window
        self.list = QListWidget(self)
        self.list.setObjectName("pathResults")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.show_all_button = QPushButton("Show All on Canvas", self)
        self.show_all_button.setEnabled(False)
        self.clear_button = QPushButton("Clear History", self)
        self.clear_button.setToolTip("Take every search off the history (Edit ▸ Undo brings them back)")
        self.clear_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.show_all_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.history)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        from explorer.ui.common.empty_state import HintOverlay

        self.empty_hint = HintOverlay(self.list, PATHS_HINT)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.show_all_button.clicked.connect(self._on_show_all_button_clicked)
        self.clear_button.clicked.connect(self.clear)
        self.remove_button.clicked.connect(self.remove_current)
        self.history.currentRowChanged.connect(self._on_history_current_row_changed)
        self.bind(self._scene, _run)
        self.details.anchorClicked.connect(self._on_details_anchor_clicked)

    # ------------------------------------------------------------------ public
    def bind(self, scene: scene_model.Scene, do: Callable[[Command], object]) -> None:
        """Keep the history in ``scene`` (saved with it) and make Remove / Clear steps through ``do``."""
        if self._events_of is not None:
            for name in ("paths_changed", "reset"):
                self._events_of.events.disconnect(name, self._on_history_changed)
        self._scene, self._do, self._events_of = scene, do, scene
        for name in ("paths_changed", "reset"):
            scene.events.connect(name, self._on_history_changed)
        self._on_history_changed()

    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self._kg = kg
        self._on_history_changed()

    def searches(self) -> list[PathSearch]:
        """The searches listed, newest first."""
        return list(self._scene.path_history)

    def clear(self) -> None:
        """Clear History: every search off the list, as one undoable step."""
        if self._scene.path_history:
            self._do(RemoveSearches(self._scene, list(self._scene.path_history)))

    def remove_current(self) -> None:
        """Take the selected search off the history, as one undoable step."""
        if self.current_search is not None:
            self._do(RemoveSearches(self._scene, [self.current_search]))

    def set_paths(self, paths: Sequence[GraphPath], summary: str) -> None:
        """Add a search to the top of the history and show its ``paths`` (best first); the first is selected."""
        assert self._kg is not None
        search = add_search(self._scene, PathSearch(summary, tuple(paths)))
        self._show_search(search, select=True)

    def _on_history_changed(self, *args: object) -> None:
        """The history changed (a search, Remove, Undo, a reopened snapshot): list it again, drawing nothing."""
        history = self._scene.path_history
        keep = self.current_search if any(s is self.current_search for s in history) else (history[0] if history else None)
        self.history.blockSignals(True)
        self.history.clear()
        for search in history:
            item = QListWidgetItem(search.summary or "(no summary)")
            count = len(search.paths)
            item.setToolTip(f"{search.summary}\n{count} path{'s' if count != 1 else ''}")
            self.history.addItem(item)
        if keep is not None:
            self.history.setCurrentRow(next(i for i, s in enumerate(history) if s is keep))
        self.history.blockSignals(False)
        self.clear_button.setEnabled(bool(history))
        self.remove_button.setEnabled(keep is not None)
        if keep is not self.current_search or keep is None:
            self._show_search(keep, select=False)

    def _on_history_current_row_changed(self, row: int) -> None:
        history = self._scene.path_history
        if 0 <= row < len(history):
            self._show_search(history[row], select=True)

    def _show_search(self, search: PathSearch | None, *, select: bool) -> None:
        """List ``search``'s paths; with ``select`` the first is selected (and drawn)."""
        self.current_search = search
        if search is None or self._kg is None:
            self.paths = []
            self.list.clear()
            self.details.clear()
            self.summary.setText("")
            self.show_all_button.setEnabled(False)
            self.empty_hint.setText(PATHS_HINT)
            self.empty_hint.set_shown(True)
            return
        row = next((i for i, s in enumerate(self._scene.path_history) if s is search), -1)
        if row >= 0 and self.history.currentRow() != row:
            self.history.blockSignals(True)
            self.history.setCurrentRow(row)
            self.history.blockSignals(False)
        self.remove_button.setEnabled(True)
        self.clear_button.setEnabled(True)
        summary = search.summary
        self.paths = list(search.paths)
        self.list.blockSignals(True)
        self.list.clear()
        for number, path in enumerate(self.paths, 1):
            item = QListWidgetItem(f"{number}. {path.words(self._kg)}")
            item.setToolTip(f"{path.length} hop{'s' if path.length != 1 else ''}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.summary.setText(summary)
        self.show_all_button.setEnabled(bool(self.paths))
        self.details.clear()
        self.empty_hint.setText("No path within the limits. Allow more hops or fewer constraints in Find Path….")
        self.empty_hint.set_shown(not self.paths)
        if self.paths and select:
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


def _run(command: Command) -> object:
    """Without a session, a step is simply made (a panel on its own, in tests)."""
    command.redo()
    return command
