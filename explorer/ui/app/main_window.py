"""The main window: a view of the :class:`~explorer.core.session.Session` — Browser, Canvas,
Inspector, Legend and Paths panels, menus, status bar.

The window is put together from parts, each in its own module: menus and their dialogs
(:mod:`.window_menus`), loading (:mod:`.window_loading`), the canvas actions
(:mod:`.window_canvas`), the status bar (:mod:`.window_status`) and Edit ▸ Undo / Redo
(:mod:`.undo_actions`). State lives in ``window.session``; ``window.kg``, ``window.scene``,
``window.stats`` and ``window.selection`` read it.

Extension points for other parts of the app (small edits in their own modules):

- ``window.menu(name) -> QMenu`` — a top-level menu by name ("File", "Edit", "View", "Go",
  "Tools", "Help", or a new one, created before Help).
- ``window.add_panel(title, widget, area, object_name) -> QDockWidget`` — a dock panel,
  listed in View ▸ Panels and kept in the saved window state.
- ``window.track_task(task, what)`` — show a :class:`~explorer.ui.workers.Task` in the
  status bar's progress bar with a Cancel button.
- ``window.sig_graph_changed(kg)`` — emitted when a new graph replaces the old one.
- ``window.session.part(name)`` — another feature ("workbench", "export", "recovery").
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu, QMessageBox, QWidget

from explorer.core.graph import KnowledgeGraph, Stats
from explorer.core.heap import merge_freed_blocks_at_once
from explorer.core.scene import Scene
from explorer.core.session import Session
from explorer.services.background_write import BackgroundFileWriter
from explorer.services.loading import release_workspace
from explorer.services.settings import Settings, config_dir, settings_path, settings_text
from explorer.ui.app.gui_collector import collect_garbage_on_gui_thread
from explorer.ui.app.window_canvas import LAYOUT_IN_WORKER_FROM, CanvasMixin
from explorer.ui.app.window_loading import RDF_FILE_FILTER, LoadingMixin
from explorer.ui.app.window_menus import APP_TITLE, MenusMixin
from explorer.ui.app.window_status import StatusMixin
from explorer.ui.browser.browser import BrowserWidget
from explorer.ui.common.thread_news import queued_news
from explorer.ui.endpoints.endpoint_dialog import install_endpoint_action
from explorer.ui.inspector.inspector import InspectorWidget
from explorer.ui.paths.paths_panel import PathsPanelWidget
from explorer.ui.workers import LatestTaskRunner, Task

if TYPE_CHECKING:
    from explorer.ui.export.export_actions import ExportActions
    from explorer.ui.recovery.recovery_prompt import RecoveryController
    from explorer.ui.sparql.query_workbench import QueryWorkbenchWidget

CANVAS_HINT = ("<p style='font-size:large'><b>Nothing on the canvas yet</b></p>"
               "<p>Search for an entity (Ctrl+F) or double-click a class instance in the Browser to start; "
               "Tools → Find Path… to connect two entities.</p>")
CANVAS_FILTERED_HINT = ("<p style='font-size:large'><b>Everything on the canvas is hidden</b></p>"
                        "<p>Right-click the background and choose Show Hidden Items, or tick classes in the Legend "
                        "and links in View → Filter Links….</p>")

#: How long a worker running Python may keep the interpreter lock while the GUI thread waits for
#: it (Python's default is 5 ms). The GUI thread takes the lock back at every return from Qt, many
#: times per event: with two busy workers, a timer handler making 20 Qt calls waited up to 175–228 ms
#: at the default and 69–84 ms at 1 ms (load 8, two cores).
GUI_SWITCH_INTERVAL = 0.001

# Side and bottom panels leave the canvas at least 60% of a 1280×800 window each way.
BROWSER_WIDTH = 210
INSPECTOR_WIDTH = 270
BOTTOM_PANEL_HEIGHT = 170


class MainWindow(MenusMixin, LoadingMixin, CanvasMixin, StatusMixin, QMainWindow):
    """The explorer's main window."""

    sig_graph_changed = Signal(object)
    sig_selection_changed = Signal(list)
    #: A settings write made by the writer thread failed (the reason), queued to the GUI thread.
    _sig_settings_not_saved = Signal(str)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), GUI_SWITCH_INTERVAL))
        merge_freed_blocks_at_once()  # the store's freed blocks merged by its own threads (core.heap)
        collect_garbage_on_gui_thread()  # never a Qt object destroyed by a worker's collection
        self.settings = settings or Settings()
        self._settings_writer: BackgroundFileWriter | None = None
        self._sig_settings_not_saved.connect(self._on_settings_not_saved, Qt.ConnectionType.QueuedConnection)
        #: The model this window shows: graph, scene, selection, navigation, undo history.
        self.session = Session()
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self._menus: dict[str, QMenu] = {}
        self._panels: dict[str, QDockWidget] = {}
        self._load_runner = LatestTaskRunner(self)
        self._statistics_runner = LatestTaskRunner(self)
        self._layout_runner = LatestTaskRunner(self)
        self._network_runner = LatestTaskRunner(self)
        self._tracked: Task | None = None
        self.path_finder = None
        self.workbench: QueryWorkbenchWidget | None = None
        self.export_actions: ExportActions | None = None
        self.recovery: RecoveryController | None = None
        self.panels_menu: QMenu | None = None  # View ▸ Panels, made with the menus
        self.preferences_dialog: QDialog | None = None
        self.link_filter_dialog: QDialog | None = None
        self.more_dialog: QDialog | None = None
        #: Functions ``(menu, entity)`` that add entries to every entity context menu (curation).
        self.entity_menu_extensions: list[object] = []
        #: Functions ``(menu, entity or None, link id or None)`` that add entries to the canvas context menu.
        self.canvas_menu_extensions: list[object] = []
        #: Functions ``(doing) -> bool`` asked before another graph replaces this one ("opening
        #: x.ttl"); any answering False keeps the current graph (unsaved edits, for one).
        self.graph_replacement_checks: list[Callable[[str], bool]] = []

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.browser = BrowserWidget(self)
        self.browser.suggestion_limit = self.settings.search_suggestions
        self.inspector = InspectorWidget(self)
        self.inspector.history = self.session.navigation  # Back/Forward belong to the session
        self.paths_panel = PathsPanelWidget(self)
        self.paths_panel.bind(self.session.scene, self.session.do)  # path searches kept with the scene
        self.canvas = self._create_canvas()
        self.browser_dock = self.add_panel("Browser", self.browser, Qt.DockWidgetArea.LeftDockWidgetArea, "BrowserDock")
        if self.canvas is not None:
            self.setCentralWidget(self.canvas)
            self.inspector_dock = self.add_panel("Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea,
                                                 "InspectorDock")
            self.resizeDocks([self.inspector_dock], [INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
        else:
            self.setCentralWidget(self.inspector)
        self.paths_dock = self.add_panel("Paths", self.paths_panel, Qt.DockWidgetArea.BottomDockWidgetArea, "PathsDock")
        from explorer.ui.legend.legend import LegendWidget

        self.legend = LegendWidget(self.scene, self, edits=self.session)  # classes/links on the canvas; ticks filter them
        self.legend_dock = self.add_panel("Legend", self.legend, Qt.DockWidgetArea.RightDockWidgetArea, "LegendDock")
        # Its button row would otherwise set the right column's width; the list inside scrolls instead.
        self.legend.sig_class_activated.connect(self.show_entity)  # double-click a class: read about it
        if self.canvas is not None:  # below the Inspector, a third of its height
            self.splitDockWidget(self.inspector_dock, self.legend_dock, Qt.Orientation.Vertical)
            self.resizeDocks([self.inspector_dock, self.legend_dock], [520, 200], Qt.Orientation.Vertical)
        self.resizeDocks([self.browser_dock], [BROWSER_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.paths_dock], [BOTTOM_PANEL_HEIGHT], Qt.Orientation.Vertical)

        self._build_status_bar()
        self._build_menus()
        self.connect_endpoint_action = install_endpoint_action(self)  # File ▸ Connect to SPARQL Endpoint…
        from explorer.ui.canvas.group_actions import install_group_actions

        self.group_actions = install_group_actions(self)  # Edit ▸ Group Selection…, Expand/Collapse Group, Ungroup
        from explorer.ui.canvas.minimap import install_minimap

        self.minimap_toggle = install_minimap(self)  # View ▸ Mini-Map (Ctrl+M): the canvas overview
        self._connect()
        self._build_empty_states()
        from explorer.ui.sparql.workbench_mount import mount_workbench

        parts = mount_workbench(self)  # SPARQL and Validation docks, Tools and View menu entries
        self.workbench, self.validation_panel = parts.workbench, parts.validation
        self.sparql_dock, self.validation_dock = parts.sparql_dock, parts.validation_dock
        self.session.provide("workbench", self.workbench)
        from explorer.ui.export.export_actions import install_export_actions

        self.export_actions = install_export_actions(self)  # File ▸ Export…, Save/Open Snapshot…, Compare
        self.session.provide("export", self.export_actions)
        from explorer.ui.export.canvas_print import install_print_action

        self.print_action = install_print_action(self)  # File ▸ Print… (Ctrl+P), with a preview
        from explorer.ui.analysis.mount import mount_analysis

        self.session.provide("analysis", mount_analysis(self))  # Analysis menu: Measures, Risk, Timeline panels
        from explorer.ui.style.mount import mount_style

        self.session.provide("style", mount_style(self))  # View ▸ Style Panel…; Legend ▸ Style this class…
        from explorer.ui.recovery.recovery_prompt import install_recovery

        self.recovery = install_recovery(self)  # crash journal of the work in progress; offers it back after a crash
        from explorer.ui.curation.controller import install_curation

        install_curation(self)  # Edit ▸ Add Entity/Fact…; File ▸ Save Edits; the dirty mark
        from explorer.ui.importing.mount import mount_importing

        self.session.provide("import", mount_importing(self))  # File ▸ Import ▸ Spreadsheet…, Facts from an Article…
        self.session.provide("recovery", self.recovery)
        from explorer.ui.notes.notes_controller import install_notes

        self.session.provide("notes", install_notes(self))  # notes on nodes, links, the canvas; Snapshot Properties
        if self.canvas is not None:  # panels mounted above (Style, beside the Legend) widened the right column
            self.resizeDocks([self.inspector_dock], [INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
            self.resizeDocks([self.inspector_dock, self.legend_dock], [520, 200], Qt.Orientation.Vertical)
        self._restore_window_state()
        self._update_actions()

    # ------------------------------------------------------------------ the session's state
    @property
    def kg(self) -> KnowledgeGraph | None:
        return self.session.kg

    @property
    def scene(self) -> Scene:
        return self.session.scene

    @property
    def stats(self) -> Stats | None:
        return self.session.stats

    @property
    def selection(self) -> list[str]:
        return self.session.selection

    # ------------------------------------------------------------------ extension points
    def menu(self, name: str) -> QMenu:
        """The top-level menu called ``name`` (created, before Help, if it does not exist)."""
        if name not in self._menus:
            menu = QMenu(f"&{name}", self)
            menu.setObjectName(f"{name}Menu")
            help_menu = self._menus.get("Help")
            if help_menu is not None:
                self.menuBar().insertMenu(help_menu.menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def add_panel(self, title: str, widget: QWidget, area: Qt.DockWidgetArea, object_name: str) -> QDockWidget:
        """Put ``widget`` in a dock panel; it appears in View ▸ Panels and its place is remembered."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self._panels[object_name] = dock
        if self.panels_menu is not None:
            self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    # ------------------------------------------------------------------ building
    def _connect(self) -> None:
        self.browser.sig_entity_activated.connect(self._on_browser_entity_activated)
        self.browser.sig_entity_selected.connect(self.show_entity)
        self.browser.sig_class_activated.connect(self.show_entity)
        self.browser.sig_context_menu_requested.connect(self._on_entity_context_menu_requested)
        self.inspector.sig_history_changed.connect(self._update_actions)
        self.inspector.sig_entity_shown.connect(self._on_inspector_entity_shown)
        self.inspector.sig_context_menu_requested.connect(self._on_entity_context_menu_requested)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.inspector.sig_show_on_canvas_requested.connect(self.show_on_canvas)
        self.inspector.sig_expand_requested.connect(self.expand_on_canvas)
        self.paths_panel.sig_path_selected.connect(self.draw_paths)
        self.paths_panel.sig_show_all_requested.connect(self.draw_paths)
        self.paths_panel.sig_entity_activated.connect(self.show_entity)
        if self.canvas is not None:
            self.canvas.sig_node_activated.connect(self.show_entity)
            self.canvas.sig_node_expand_requested.connect(self.expand_on_canvas)
            self.canvas.sig_more_requested.connect(self.show_more_neighbours)
            self.canvas.sig_selection_changed.connect(self._on_canvas_selection_changed)
            self.canvas.sig_context_menu.connect(self._on_canvas_context_menu)
            self.canvas.sig_nodes_dragged.connect(self._on_canvas_nodes_dragged)
            self.canvas.sig_links_selected.connect(self._on_canvas_links_selected)

    def _build_empty_states(self) -> None:
        """Centred hints while the canvas and the Paths list are empty."""
        from explorer.ui.common.empty_state import HintOverlay

        self.canvas_hint: HintOverlay | None = None
        if self.canvas is not None:
            self.canvas_hint = HintOverlay(self.canvas, CANVAS_HINT)
            self._canvas_hint_timer = QTimer(self)
            self._canvas_hint_timer.setSingleShot(True)
            self._canvas_hint_timer.timeout.connect(self._update_canvas_hint)
            for event in ("node_added", "node_removed", "node_changed", "reset", "filters_changed"):
                self.scene.events.connect(event, self._on_scene_content_changed)
            self._update_canvas_hint()

    def _on_scene_content_changed(self, *_args: object) -> None:
        # Events come in bursts (an expansion adds dozens of nodes): look once they settle.
        if not self._canvas_hint_timer.isActive():
            self._canvas_hint_timer.start(0)

    def _update_canvas_hint(self) -> None:
        if self.canvas_hint is not None:
            empty = not any(self.scene.is_node_visible(node) for node in self.scene.nodes.values())
            self.canvas_hint.setText(CANVAS_HINT if not self.scene.nodes else CANVAS_FILTERED_HINT)
            self.canvas_hint.set_shown(empty)
        self._update_filter_badge()

    def _update_filter_badge(self) -> None:
        """"Filtered: 2 classes, 1 kind of link, 3 nodes hidden" while any of the canvas is out of sight."""
        scene = self.scene
        parts = []
        if scene.hidden_classes:
            parts.append(f"{len(scene.hidden_classes)} class{'es' if len(scene.hidden_classes) != 1 else ''}")
        if scene.hidden_predicates:
            count = len(scene.hidden_predicates)
            parts.append(f"{count} kind{'s' if count != 1 else ''} of link")
        hidden_nodes = sum(1 for node in scene.nodes.values() if node.hidden)
        if hidden_nodes:
            parts.append(f"{hidden_nodes} node{'s' if hidden_nodes != 1 else ''} hidden")
        self.filter_badge.setText("Filtered: " + ", ".join(parts) + " — Show All" if parts else "")
        self.filter_badge.setVisible(bool(parts))

    def _on_browser_entity_activated(self, entity: str) -> None:
        """Enter or double-click in the Browser: read it in the Inspector and put it on the canvas."""
        self.show_entity(entity)
        self.show_on_canvas(entity)

    # ------------------------------------------------------------------ the graph
    def may_replace_graph(self, doing: str) -> bool:
        """Whether the current graph may give way to another (``doing``: "opening x.ttl")."""
        return self.kg is None or all(check(doing) for check in self.graph_replacement_checks)

    def set_graph(self, kg: KnowledgeGraph, stats: Stats | None = None) -> None:
        """Show ``kg`` in every panel (GUI thread only: the one writer of the window's state).

        Without ``stats`` a small graph is counted here; a large one in a worker, and the status
        bar and Find Path fill in when its counts arrive.
        """
        previous = self.kg
        if stats is None and kg.statistics_at_hand():
            stats = kg.stats()
        self.session.set_graph(kg, stats)  # an empty canvas, no selection, a fresh undo history
        if stats is None:
            self.refresh_statistics()
        else:
            self._statistics_runner.cancel()
        self._layout_runner.cancel()
        self._network_runner.cancel()
        self.browser.set_graph(kg)
        self.inspector.set_graph(kg)
        self.paths_panel.set_graph(kg)
        if self.path_finder is not None:
            self.path_finder.set_graph(kg, self.stats)
        self._update_graph_label()
        self._update_selection_label()
        self._update_actions()
        files = [item.path.name for item in kg.files]
        shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        self.setWindowTitle(f"{shown} — {APP_TITLE}" if shown else APP_TITLE)
        self.sig_graph_changed.emit(kg)
        if previous is not None and previous is not kg:
            release_workspace(previous)

    # ------------------------------------------------------------------ entities
    def show_entity(self, entity: str) -> None:
        """Show ``entity`` in the Inspector (navigation with history) and select it."""
        if self.kg is None:
            return
        if entity != self.inspector.current:
            self.inspector.show_entity(entity)

    def copy_current_iri(self) -> None:
        entity = self.selection[0] if self.selection else self.inspector.current
        if entity:
            QGuiApplication.clipboard().setText(entity)
            self.statusBar().showMessage(f"Copied {entity}", 4000)

    def set_selection(self, entities: list[str]) -> None:
        if entities != self.selection:
            self.session.select(entities)
            self._update_selection_label()
            self._update_actions()
            self.sig_selection_changed.emit(list(self.selection))

    def populate_entity_menu(self, menu: QMenu, entity: str) -> None:
        """The actions on one entity, shared by the canvas, Browser and Inspector context menus."""
        node = self.scene.nodes.get(entity)
        menu.addAction("Show in Inspector", lambda: self.show_entity(entity))
        menu.addAction("Show on Canvas", lambda: self.show_on_canvas(entity))
        menu.addAction("Expand Neighbours", lambda: self.expand_on_canvas(entity))
        if node is not None:
            if entity in self.scene.expanded:
                menu.addAction("Collapse", lambda: self.session.collapse(entity))
            menu.addAction("Hide", lambda: self.hide_on_canvas(self._selected_or(entity)))
            menu.addAction("Remove from Canvas", lambda: self.remove_from_canvas(self._selected_or(entity)))
            menu.addAction("Unpin" if node.pinned else "Pin in Place", lambda: self.session.pin(entity, not node.pinned))
            menu.addAction("Focus (Radial Layout Around It)", lambda: self.focus_on(entity))
        menu.addSeparator()
        menu.addAction("Find Path From Here…", lambda: self.open_path_finder(source=entity))
        menu.addAction("Find Path To Here…", lambda: self.open_path_finder(target=entity))
        menu.addSeparator()
        menu.addAction("Copy IRI", lambda: QGuiApplication.clipboard().setText(entity))
        for extend in self.entity_menu_extensions:
            extend(menu, entity)  # type: ignore[operator]

    def _on_entity_context_menu_requested(self, entity: str, position: QPoint) -> None:
        menu = QMenu(self)
        self.populate_entity_menu(menu, entity)
        menu.popup(position)

    def _on_inspector_entity_shown(self, entity: str) -> None:
        if entity not in self.selection:
            self.set_selection([entity])

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.inspector.history.can_go_back())
        self.forward_action.setEnabled(self.inspector.history.can_go_forward())
        self.copy_iri_action.setEnabled(bool(self.selection or self.inspector.current))
        self.add_files_action.setEnabled(self.kg is not None)
        self.network_action.setEnabled(self.kg is not None and len(self.selection) >= 2)
        self.find_path_action.setEnabled(self.kg is not None)
        on_canvas = any(entity in self.scene.nodes for entity in self.selection) or bool(
            self.canvas is not None and (self.canvas.selected_links() or self.canvas.selected_node_ids()))
        self.hide_action.setEnabled(on_canvas)
        self.remove_action.setEnabled(on_canvas)

    # ------------------------------------------------------------------ persistence
    def _qsettings(self) -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_window_state(self) -> None:
        stored = self._qsettings()
        geometry = stored.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = stored.value("state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_window_state(self) -> None:
        stored = self._qsettings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("state", self.saveState())
        stored.sync()

    def _save_settings(self, *, soon: bool = False) -> None:
        """Write the settings file; ``soon``: by a thread of its own (after a load the fsync waited
        0.1 s on the GUI thread under a busy disk). Both go through one writer, newest last."""
        path = settings_path()
        writer = self._settings_writer
        if writer is None or writer.path != path:
            if writer is not None:
                writer.wait()
            writer = self._settings_writer = BackgroundFileWriter(path)
            not_saved = queued_news(self._sig_settings_not_saved)  # the window may be going meanwhile
            writer.on_error = lambda error: not_saved(error.strerror or str(error))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if soon:
                writer.write_soon(settings_text(self.settings))
            else:
                writer.write_now(settings_text(self.settings))
        except OSError as error:
            self._on_settings_not_saved(error.strerror or str(error))

    def _on_settings_not_saved(self, reason: str) -> None:
        self.statusBar().showMessage(f"Settings not saved: {reason}", 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._load_runner.cancel()
        self._statistics_runner.cancel()
        if self.kg is not None:
            self.kg.backend.close()  # a workspace writes what it holds to disk
        self.save_window_state()
        self._save_settings()
        if self.recovery is not None:
            self.recovery.end_session()  # a clean exit: nothing to restore next time
        super().closeEvent(event)


__all__ = ["APP_TITLE", "CANVAS_FILTERED_HINT", "CANVAS_HINT", "LAYOUT_IN_WORKER_FROM", "RDF_FILE_FILTER", "MainWindow"]
