"""What a feature may ask of the main window it is mounted in (a typing protocol).

Features (the export and snapshot actions, the endpoint dialog, crash recovery, the SPARQL
workbench) are typed against :class:`Shell` rather than the window class, so none of them
imports the window and the window can import all of them. The state they work on lives in
``shell.session`` (:class:`~explorer.core.session.Session`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar, QWidget

    from explorer.core.graph import KnowledgeGraph, Stats
    from explorer.core.scene import Scene
    from explorer.core.session import Session
    from explorer.services.settings import Settings
    from explorer.ui.workers import Task


class Shell(Protocol):
    """The main window as its features see it."""

    session: Session
    settings: Settings
    sig_graph_changed: Any

    @property
    def kg(self) -> KnowledgeGraph | None: ...

    @property
    def scene(self) -> Scene: ...

    @property
    def stats(self) -> Stats | None: ...

    @property
    def selection(self) -> list[str]: ...

    def menu(self, name: str) -> QMenu: ...

    def add_panel(self, title: str, widget: QWidget, area: Qt.DockWidgetArea, object_name: str) -> QDockWidget: ...

    def track_task(self, task: Task, what: str) -> None: ...

    def show_error(self, message: str, title: str = ...) -> None: ...

    def statusBar(self) -> QStatusBar: ...

    def set_graph(self, kg: KnowledgeGraph, stats: Stats | None = None) -> None: ...

    def may_replace_graph(self, doing: str) -> bool: ...

    def fit_canvas(self) -> None: ...

    def center_canvas_on(self, entity: str) -> None: ...

    def show_entity(self, entity: str) -> None: ...

    def open_bundled(self) -> Task: ...

    def open_files(self, paths: list[str | Path]) -> Task: ...

    def open_workspace(self, folder: str | Path) -> Task | None: ...

    def setWindowTitle(self, title: str) -> None: ...


__all__ = ["Shell"]
