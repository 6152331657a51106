"""The main window: Browser, Canvas, Inspector and Paths panels, menus, status bar.

Extension points for other parts of the app (small edits in their own modules):

- ``window.menu(name) -> QMenu`` — a top-level menu by name ("File", "Edit", "View", "Go",
  "Tools", "Help", or a new one, created before Help).
- ``window.add_panel(title, widget, area, object_name) -> QDockWidget`` — a dock panel,
  listed in View ▸ Panels and kept in the saved window state.
- ``window.track_task(task, what)`` — show a :class:`~explorer.ui.workers.Task` in the
  status bar's progress bar with a Cancel button.
- ``window.sig_graph_changed(kg)`` — emitted when a new graph replaces the old one;
  ``window.kg`` is the graph, ``window.scene`` the canvas' :class:`~explorer.core.scene.Scene`.
"""

from __future__ import annotations

import contextlib
import gc
import json
import re
import shutil
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QWidget,
)

from explorer.core.backends import LoadedFile, OxigraphBackend, copy_quads
from explorer.core.bundled import bundled_graph_files
from explorer.core.collector import collector_paused
from explorer.core.errors import LoadError
from explorer.core.graph import KnowledgeGraph, Stats
from explorer.core.layout import LAYOUTS, LayoutInput, apply_positions
from explorer.core.paths import GraphPath, connecting_network
from explorer.core.scene import Scene
from explorer.core.sparql import QueryPolicy
from explorer.core.tasks import CancelToken, Progress, check
from explorer.services.atomic import atomic_write
from explorer.services.settings import Settings, config_dir, save_settings, workspaces_dir
from explorer.ui.browser.browser import BrowserWidget
from explorer.ui.endpoints.endpoint_dialog import install_endpoint_action
from explorer.ui.inspector.inspector import InspectorWidget
from explorer.ui.paths.paths_panel import PathsPanelWidget
from explorer.ui.workers import LatestTaskRunner, Task

APP_TITLE = "KG Explorer"
RDF_FILE_FILTER = (
    "RDF files (*.ttl *.nt *.nq *.trig *.rdf *.owl *.xml *.jsonld *.json *.n3 *.gz);;"
    "Turtle (*.ttl);;N-Triples (*.nt);;N-Quads (*.nq);;TriG (*.trig);;RDF/XML (*.rdf *.owl *.xml);;"
    "JSON-LD (*.jsonld *.json);;All files (*)"
)
_MENU_ORDER = ("File", "Edit", "View", "Go", "Tools", "Help")
#: Scenes with more visible nodes than this are laid out in a worker.
LAYOUT_IN_WORKER_FROM = 300
LAYOUT_NAMES = {"force": "Force-Directed", "hierarchical": "Hierarchical", "radial": "Radial"}
CANVAS_HINT = ("<p style='font-size:large'><b>Nothing on the canvas yet</b></p>"
               "<p>Search for an entity (Ctrl+F) or double-click a class instance in the Browser to start; "
               "Tools → Find Path… to connect two entities.</p>")
CANVAS_FILTERED_HINT = ("<p style='font-size:large'><b>Everything on the canvas is hidden</b></p>"
                        "<p>Right-click the background and choose Show Hidden Items, or tick classes in the Legend "
                        "and links in View → Filter Links….</p>")


@dataclass
class LoadOutcome:
    """What a load task hands back to the window."""

    kg: KnowledgeGraph
    loaded: list[LoadedFile]
    stats: Stats | None  # None for a large graph: the window counts in a worker of its own once it shows it
    seconds: float
    replaced: bool
    bundled: bool
    workspace: Path | None = None


def build_graph(
    paths: list[Path] | None,
    base: KnowledgeGraph | None,
    policy: QueryPolicy,
    query_timeout: float,
    workspace: Path | None = None,
    languages: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> LoadOutcome:
    """A new graph: ``base``'s triples (when adding) plus ``paths`` (the bundled graph when None).

    Runs in a worker thread; ``base`` is only read, so the window keeps showing it until
    the new graph is complete, and a failed or cancelled load leaves it untouched. With a
    ``workspace`` folder the graph is kept on disk there (storage mode "disk"); a failed
    load removes a workspace it created.
    """
    started = time.perf_counter()
    created = workspace is not None and not workspace.exists()
    kg: KnowledgeGraph | None = None
    try:
        with collector_paused(freeze=True):
            kg = KnowledgeGraph(OxigraphBackend(workspace), policy) if workspace is not None else KnowledgeGraph(policy=policy)
            outcome = _fill_graph(kg, paths, base, query_timeout, languages, progress, cancel)
    except BaseException as error:
        if created and workspace is not None:
            # Close the half-filled store (no frame may keep it) before its folder goes.
            traceback.clear_frames(error.__traceback__)
            kg = None
            gc.collect()
            shutil.rmtree(workspace, ignore_errors=True)
        raise
    if workspace is not None:
        write_workspace_manifest(workspace, kg.files)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _fill_graph(
    kg: KnowledgeGraph,
    paths: list[Path] | None,
    base: KnowledgeGraph | None,
    query_timeout: float,
    languages: Sequence[str] | None,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> LoadOutcome:
    kg.default_query_timeout = query_timeout
    if languages:
        kg.label_languages = tuple(languages)
    if base is not None:
        kg.prefixes = dict(base.prefixes)
        kg.files = list(base.files)
        if isinstance(base.backend, OxigraphBackend) and isinstance(kg.backend, OxigraphBackend):
            total = base.backend.quads_estimate

            def copying(copied: int) -> None:
                if progress is not None:
                    progress(min(copied / total, 1.0) if total else None, "Copying the current graph")

            copying(0)
            copy_quads(base.backend.store, kg.backend.store, cancel, bulk=kg.backend.workspace is not None,
                       progress=copying)
            kg.backend.quads_estimate = total
    check(cancel)
    files = list(paths) if paths else bundled_graph_files()
    loaded = kg.load(files, progress=progress, cancel=cancel)
    check(cancel)
    if progress is not None:
        progress(None, "Counting classes")
    kg.class_hierarchy()
    stats = statistics_if_quick(kg)
    check(cancel)
    return LoadOutcome(kg, loaded, stats, 0.0, replaced=base is None, bundled=not paths)


def statistics_if_quick(kg: KnowledgeGraph) -> Stats | None:
    """The statistics of a small graph; None for a large one, whose whole-graph scans the
    window runs in a worker of their own once it shows the graph."""
    return kg.stats() if kg.statistics_are_quick() else None


#: Beside a workspace's store: which files it was made from (for the title and recent files).
WORKSPACE_MANIFEST = "kg-explorer-workspace.json"


def write_workspace_manifest(workspace: Path, files: Sequence[LoadedFile]) -> None:
    data = {"files": [{"path": str(item.path), "format": item.format, "quads": item.quads} for item in files]}
    with contextlib.suppress(OSError):  # only the title would suffer
        atomic_write(workspace / WORKSPACE_MANIFEST, json.dumps(data, indent=1))


def release_workspace(kg: KnowledgeGraph) -> None:
    """Let go of a replaced graph's workspace folder, so it can be reopened at once.

    Oxigraph holds the folder (and its lock) while any reference to the store lives; the
    window no longer shows this graph, so its store gives way to an empty one.
    """
    backend = kg.backend
    if isinstance(backend, OxigraphBackend) and backend.workspace is not None:
        backend.close()
        backend.store = type(backend.store)()


def is_workspace(folder: Path) -> bool:
    """Whether ``folder`` holds an Oxigraph store (RocksDB keeps a CURRENT file there)."""
    return (folder / "CURRENT").is_file()


def open_workspace(
    folder: Path,
    policy: QueryPolicy,
    query_timeout: float,
    languages: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> LoadOutcome:
    """Reopen an on-disk workspace (in a worker): no RDF file is read."""
    started = time.perf_counter()
    if not folder.is_dir():
        raise LoadError(str(folder), "the workspace folder does not exist")
    if not is_workspace(folder):
        raise LoadError(str(folder), "not a KG Explorer workspace (no graph store in this folder)")
    if progress is not None:
        progress(None, f"Opening workspace {folder.name}")
    gc.collect()  # a graph the window let go of may still hold the folder through a reference cycle
    kg = KnowledgeGraph.open_workspace(folder, policy)
    kg.default_query_timeout = query_timeout
    if languages:
        kg.label_languages = tuple(languages)
    try:
        manifest = json.loads((folder / WORKSPACE_MANIFEST).read_text(encoding="utf-8"))
        kg.files = [LoadedFile(Path(item["path"]), str(item["format"]), int(item["quads"]))
                    for item in manifest.get("files", [])]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        kg.files = []
    check(cancel)
    if progress is not None:
        progress(None, "Counting classes")
    kg.class_hierarchy()
    stats = statistics_if_quick(kg)
    check(cancel)
    return LoadOutcome(kg, [], stats, time.perf_counter() - started, replaced=True, bundled=False,
                       workspace=folder)


def new_workspace_folder(paths: list[Path] | None, in_use: set[Path]) -> Path:
    """A fresh folder under the workspaces dir, named after the first file (``name``, ``name-2``…)."""
    stem = paths[0].name.split(".")[0] if paths else "bundled"
    stem = re.sub(r"[^\w.-]+", "-", stem).strip("-.") or "graph"
    root = workspaces_dir()
    for number in range(1, 10_000):
        folder = root / (stem if number == 1 else f"{stem}-{number}")
        if folder not in in_use and not folder.exists():
            return folder
    raise LoadError(str(root), "too many workspaces with the same name; remove some")


class MainWindow(QMainWindow):
    """The explorer's main window."""

    sig_graph_changed = Signal(object)
    sig_selection_changed = Signal(list)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.kg: KnowledgeGraph | None = None
        self.stats: Stats | None = None
        self.selection: list[str] = []
        self.last_error: str | None = None
        self._error_box: QMessageBox | None = None
        self._menus: dict[str, QMenu] = {}
        self._panels: dict[str, QDockWidget] = {}
        self._load_runner = LatestTaskRunner(self)
        self._statistics_runner = LatestTaskRunner(self)
        self._layout_runner = LatestTaskRunner(self)
        self._network_runner = LatestTaskRunner(self)
        self._tracked: Task | None = None
        self.scene = Scene()
        self.path_finder = None

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.browser = BrowserWidget(self)
        self.browser.suggestion_limit = self.settings.search_suggestions
        self.inspector = InspectorWidget(self)
        self.paths_panel = PathsPanelWidget(self)
        self.canvas = self._create_canvas()
        self.browser_dock = self.add_panel("Browser", self.browser, Qt.DockWidgetArea.LeftDockWidgetArea, "BrowserDock")
        if self.canvas is not None:
            self.setCentralWidget(self.canvas)
            self.inspector_dock = self.add_panel("Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea,
                                                 "InspectorDock")
            self.resizeDocks([self.inspector_dock], [380], Qt.Orientation.Horizontal)
        else:
            self.setCentralWidget(self.inspector)
        self.paths_dock = self.add_panel("Paths", self.paths_panel, Qt.DockWidgetArea.BottomDockWidgetArea, "PathsDock")
        from explorer.ui.legend.legend import LegendWidget

        self.legend = LegendWidget(self.scene, self)  # classes/links on the canvas; ticks filter them
        self.legend_dock = self.add_panel("Legend", self.legend, Qt.DockWidgetArea.RightDockWidgetArea, "LegendDock")
        self.legend.sig_class_activated.connect(self.show_entity)  # double-click a class: read about it
        if self.canvas is not None:  # below the Inspector, a third of its height
            self.splitDockWidget(self.inspector_dock, self.legend_dock, Qt.Orientation.Vertical)
            self.resizeDocks([self.inspector_dock, self.legend_dock], [520, 200], Qt.Orientation.Vertical)
        self.resizeDocks([self.browser_dock], [260], Qt.Orientation.Horizontal)
        self.resizeDocks([self.paths_dock], [200], Qt.Orientation.Vertical)

        self._build_status_bar()
        self._build_menus()
        install_endpoint_action(self)  # File ▸ Connect to SPARQL Endpoint…
        self._connect()
        self._build_empty_states()
        from explorer.ui.sparql.query_workbench import mount_workbench

        mount_workbench(self)  # SPARQL and Validation docks, Tools and View menu entries
        from explorer.ui.export.export_dialog import install_export_actions

        install_export_actions(self)  # File ▸ Export…, Save/Open Snapshot…; Tools ▸ Compare Snapshots…
        from explorer.ui.recovery.recovery_prompt import install_recovery

        install_recovery(self)  # crash journal of the work in progress; offers it back after a crash
        self._restore_window_state()
        self._update_actions()

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
        panels_menu = getattr(self, "panels_menu", None)
        if panels_menu is not None:
            panels_menu.addAction(dock.toggleViewAction())
        return dock

    def track_task(self, task: Task, what: str) -> None:
        """Show ``task``'s progress in the status bar; Cancel cancels it."""
        self._tracked = task
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat(what)
        self.progress_bar.setToolTip(what)
        self.progress_bar.show()
        self.cancel_button.show()
        self.statusBar().showMessage(f"{what}…")
        task.sig_progress.connect(lambda fraction, message: self._on_task_progress(task, fraction, message))
        task.sig_done.connect(lambda: self._on_task_done(task))

    # ------------------------------------------------------------------ building
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.graph_label = QLabel("No graph", self)
        self.selection_label = QLabel("", self)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the running task; nothing is changed")
        self.cancel_button.hide()
        bar.addPermanentWidget(self.selection_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.graph_label)

    def _action(self, menu: QMenu, text: str, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str | None = None, name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut) if not isinstance(shortcut, QKeySequence) else shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        for name in _MENU_ORDER:
            self.menu(name)
        file_menu = self.menu("File")
        self.open_action = self._action(file_menu, "&Open…", self._on_open_triggered, QKeySequence.StandardKey.Open,
                                        "Open RDF files in place of the current graph", "openAction")
        self.add_files_action = self._action(file_menu, "&Add Files…", self._on_add_files_triggered, "Ctrl+Shift+O",
                                             "Add RDF files to the current graph", "addFilesAction")
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        self._action(file_menu, "Open the &Bundled Graph", self.open_bundled, None,
                     "Open the bundled 5G industrial-internet graph", "openBundledAction")
        self.open_workspace_action = self._action(
            file_menu, "Open &Workspace…", self._on_open_workspace_triggered, None,
            "Reopen a graph kept on disk (Preferences ▸ Storage ▸ On-disk workspace)", "openWorkspaceAction")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit KG Explorer", "quitAction")

        edit_menu = self.menu("Edit")
        self._action(edit_menu, "&Find…", self.browser.focus_search, QKeySequence.StandardKey.Find,
                     "Search entities by name", "findAction")
        self.copy_iri_action = self._action(edit_menu, "Copy &IRI", self.copy_current_iri, "Ctrl+Shift+C",
                                            "Copy the IRI of the entity in the Inspector", "copyIriAction")
        edit_menu.addSeparator()
        self.preferences_action = self._action(edit_menu, "&Preferences…", self.open_preferences, None,
                                               "Theme, label languages, limits, permissions, storage",
                                               "preferencesAction")
        self.preferences_action.setShortcuts([QKeySequence("Ctrl+,")] + [
            key for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
            if key != QKeySequence("Ctrl+,")])
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        view_menu = self.menu("View")
        self.layout_actions: dict[str, QAction] = {}
        for number, (name, text) in enumerate(LAYOUT_NAMES.items(), 1):
            self.layout_actions[name] = self._action(
                view_menu, f"{text} &Layout", lambda _checked=False, n=name: self.run_layout(n), f"Ctrl+{number}",
                f"Arrange the canvas: {text.lower()}", f"layout_{name}")
        view_menu.addSeparator()
        self.fit_action = self._action(view_menu, "&Fit to Window", self.fit_canvas, "Ctrl+0",
                                       "Show the whole graph on the canvas", "fitAction")
        self.zoom_in_action = self._action(view_menu, "Zoom &In", lambda: self._zoom(1.25), QKeySequence.StandardKey.ZoomIn,
                                           "Zoom in on the canvas", "zoomInAction")
        self.zoom_out_action = self._action(view_menu, "Zoom &Out", lambda: self._zoom(0.8), QKeySequence.StandardKey.ZoomOut,
                                            "Zoom out of the canvas", "zoomOutAction")
        self._action(view_menu, "&Clear Canvas", self.clear_canvas, None, "Remove everything from the canvas", "clearCanvasAction")
        self.filter_links_action = self._action(view_menu, "Filter &Links…", self.open_link_filter, "Ctrl+Shift+L",
                                                "Choose which kinds of link the canvas shows", "filterLinksAction")
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu("&Panels")
        for dock in self._panels.values():
            self.panels_menu.addAction(dock.toggleViewAction())
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        for theme, text in (("system", "Follow the &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(text, self, checkable=True)
            action.setData(theme)
            action.setChecked(theme == self.settings.theme)
            action.setObjectName(f"theme_{theme}")
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
        self.theme_group.triggered.connect(self._on_theme_group_triggered)

        go_menu = self.menu("Go")
        self.back_action = self._action(go_menu, "&Back", self.inspector.back, QKeySequence.StandardKey.Back,
                                        "The entity shown before", "backAction")
        self.forward_action = self._action(go_menu, "&Forward", self.inspector.forward, QKeySequence.StandardKey.Forward,
                                           "The entity shown after", "forwardAction")

        self.focus_action = self._action(go_menu, "F&ocus on Entity", self.focus_current, "Ctrl+E",
                                         "Put the selected entity at the centre of the canvas", "focusAction")

        tools_menu = self.menu("Tools")
        self.find_path_action = self._action(tools_menu, "Find &Path…", self.open_path_finder, "Ctrl+Shift+P",
                                             "Explain how two entities are connected", "findPathAction")
        self.network_action = self._action(tools_menu, "&Connecting Network of Selection", self.connect_selection,
                                           "Ctrl+Shift+N", "Paths that tie the selected entities together",
                                           "connectingNetworkAction")

        help_menu = self.menu("Help")
        self._action(help_menu, "&Keyboard Shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents,
                     "List the keyboard shortcuts", "shortcutsAction")
        self._action(help_menu, "&About KG Explorer", self.show_about, None, "Version and licence", "aboutAction")

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

    def _on_browser_entity_activated(self, entity: str) -> None:
        """Enter or double-click in the Browser: read it in the Inspector and put it on the canvas."""
        self.show_entity(entity)
        self.show_on_canvas(entity)

    # ------------------------------------------------------------------ loading
    def open_bundled(self) -> Task:
        """Load the bundled graph (in a worker), replacing the current one."""
        return self._start_load(None, add=False)

    def open_files(self, paths: list[str | Path]) -> Task:
        """Load ``paths`` in place of the current graph (in a worker)."""
        return self._start_load([Path(p) for p in paths], add=False)

    def add_files(self, paths: list[str | Path]) -> Task:
        """Add ``paths`` to the current graph (in a worker); the graph changes only if all load."""
        return self._start_load([Path(p) for p in paths], add=True)

    def _start_load(self, paths: list[Path] | None, *, add: bool) -> Task:
        policy = QueryPolicy(allow_update=self.settings.allow_update, allow_network=self.settings.allow_network)
        base = self.kg if add else None
        workspace = None
        if self.settings.storage_mode == "disk":
            in_use = {self.kg.backend.workspace} if self.kg is not None and isinstance(
                self.kg.backend, OxigraphBackend) and self.kg.backend.workspace is not None else set()
            try:
                workspace = new_workspace_folder(paths, in_use)
            except LoadError as error:
                self.show_error(str(error), "Could not create a workspace")
                workspace = None
        task = self._load_runner.start(build_graph, paths, base, policy, self.settings.query_timeout, workspace,
                                       list(self.settings.label_languages))
        names = ", ".join(p.name for p in paths) if paths else "the bundled graph"
        task.sig_finished.connect(self._on_load_finished)
        task.sig_failed.connect(self._on_load_failed)
        task.sig_cancelled.connect(self._on_load_cancelled)
        self.track_task(task, f"{'Adding' if add else 'Opening'} {names}")
        return task

    def _on_load_finished(self, outcome: LoadOutcome) -> None:
        self.set_graph(outcome.kg, outcome.stats)
        if not outcome.bundled:
            for item in outcome.loaded:
                self.settings.add_recent_file(item.path)
            self._save_settings()
        if outcome.workspace is not None:
            quads = outcome.stats.triples if outcome.stats is not None else sum(f.quads for f in outcome.kg.files)
            self.statusBar().showMessage(f"Opened workspace {outcome.workspace.name}: {quads:,} "
                                         f"triples in {outcome.seconds:.1f} s", 8000)
            return
        added = sum(item.quads for item in outcome.loaded)
        what = "the bundled graph" if outcome.bundled else ", ".join(item.path.name for item in outcome.loaded)
        stored = self._workspace_of(outcome.kg)
        where = f" (kept on disk in workspace {stored.name})" if stored is not None else ""
        self.statusBar().showMessage(f"Loaded {what}: {added:,} statements in {outcome.seconds:.1f} s{where}", 8000)

    @staticmethod
    def _workspace_of(kg: KnowledgeGraph | None) -> Path | None:
        backend = kg.backend if kg is not None else None
        return backend.workspace if isinstance(backend, OxigraphBackend) else None

    def open_workspace(self, folder: str | Path) -> Task | None:
        """Reopen an on-disk workspace (in a worker), in place of the current graph."""
        folder = Path(folder).expanduser().absolute()
        if self._workspace_of(self.kg) == folder:
            self.statusBar().showMessage(f"Workspace {folder.name} is already open", 6000)
            return None
        policy = QueryPolicy(allow_update=self.settings.allow_update, allow_network=self.settings.allow_network)
        task = self._load_runner.start(open_workspace, folder, policy, self.settings.query_timeout,
                                       list(self.settings.label_languages))
        task.sig_finished.connect(self._on_load_finished)
        task.sig_failed.connect(lambda message: self.show_error(message, title="Could not open the workspace"))
        task.sig_cancelled.connect(self._on_load_cancelled)
        self.track_task(task, f"Opening workspace {folder.name}")
        return task

    def _on_open_workspace_triggered(self) -> None:
        start = workspaces_dir()
        folder = QFileDialog.getExistingDirectory(self, "Open Workspace", str(start if start.is_dir() else Path.home()))
        if folder:
            self.open_workspace(folder)

    def _on_load_failed(self, message: str) -> None:
        self.show_error(message, title="Could not load the files")

    def _on_load_cancelled(self) -> None:
        self.statusBar().showMessage("Loading cancelled; the graph was left as it was", 8000)

    def set_graph(self, kg: KnowledgeGraph, stats: Stats | None = None) -> None:
        """Show ``kg`` in every panel (GUI thread only: the one writer of the window's state).

        Without ``stats`` a small graph is counted here; a large one in a worker, and the status
        bar and Find Path fill in when its counts arrive.
        """
        previous = self.kg
        self.kg = kg
        if stats is None and kg.statistics_are_quick():
            stats = kg.stats()
        self.stats = stats
        if stats is None:
            self.refresh_statistics()
        else:
            self._statistics_runner.cancel()
        self._layout_runner.cancel()
        self._network_runner.cancel()
        self.scene.clear()
        self.browser.set_graph(kg)
        self.inspector.set_graph(kg)
        self.paths_panel.set_graph(kg)
        if self.path_finder is not None:
            self.path_finder.set_graph(kg, self.stats)
        self.selection = []
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
            self.selection = list(entities)
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
                menu.addAction("Collapse", lambda: self.scene.collapse(entity))
            menu.addAction("Hide", lambda: self.scene.hide(entity))
            menu.addAction("Unpin" if node.pinned else "Pin in Place", lambda: self.scene.pin(entity, not node.pinned))
            menu.addAction("Focus (Radial Layout Around It)", lambda: self.focus_on(entity))
        menu.addSeparator()
        menu.addAction("Find Path From Here…", lambda: self.open_path_finder(source=entity))
        menu.addAction("Find Path To Here…", lambda: self.open_path_finder(target=entity))
        menu.addSeparator()
        menu.addAction("Copy IRI", lambda: QGuiApplication.clipboard().setText(entity))

    # ------------------------------------------------------------------ canvas
    def _create_canvas(self) -> QWidget | None:
        """The graph canvas over ``self.scene``, when the canvas view is available."""
        try:
            from explorer.ui.canvas.graph_canvas import GraphCanvasView
        except ImportError:
            return None
        canvas = GraphCanvasView(self.scene, self)
        canvas.setObjectName("GraphCanvas")
        return canvas

    def show_on_canvas(self, entity: str) -> None:
        """Put ``entity`` on the canvas (linked to what is there) and centre on it."""
        if self.kg is None:
            return
        self.scene.add_entity(self.kg, entity)
        self._centre_on(entity)

    def expand_on_canvas(self, entity: str) -> list[str]:
        """Show ``entity``'s neighbours (capped; the rest in a "+N more" node). Returns the added ids."""
        if self.kg is None:
            return []
        added = self.scene.expand(self.kg, entity, limit=self.settings.expansion_cap)
        self._centre_on(entity)
        return [node.id for node in added]

    def focus_on(self, entity: str) -> None:
        """Make ``entity`` the canvas' focus and arrange the rest around it."""
        if self.kg is None:
            return
        self.scene.add_entity(self.kg, entity)
        self.scene.set_focus(entity)
        self.run_layout("radial")
        self._centre_on(entity)

    def focus_current(self) -> None:
        entity = self.selection[0] if self.selection else self.inspector.current
        if entity:
            self.focus_on(entity)

    def draw_paths(self, paths: GraphPath | list[GraphPath]) -> list[str]:
        """Draw one or several paths on the canvas and highlight them."""
        if self.kg is None:
            return []
        chosen = [paths] if isinstance(paths, GraphPath) else list(paths)
        ids = self.scene.add_paths(self.kg, chosen, highlight=True)
        if chosen:
            self._centre_on(chosen[0].source)
        return ids

    def clear_canvas(self) -> None:
        self.scene.clear()

    def run_layout(self, name: str) -> Task | None:
        """Arrange the canvas; big scenes are laid out in a worker (the window stays responsive)."""
        layout = LAYOUTS[name]
        self.settings.last_layout = name
        if not self.scene.visible_nodes():
            return None
        data = LayoutInput.from_scene(self.scene)
        if len(data.ids) < LAYOUT_IN_WORKER_FROM:
            apply_positions(self.scene, layout(data, apply=False))
            self.fit_canvas()
            return None
        task = self._layout_runner.start(layout, data, apply=False)
        task.sig_finished.connect(lambda positions: (apply_positions(self.scene, positions), self.fit_canvas()))
        task.sig_failed.connect(lambda message: self.show_error(message, "Layout failed"))
        self.track_task(task, f"{LAYOUT_NAMES[name]} layout of {len(data.ids):,} nodes")
        return task

    def _canvas_call(self, name: str, *args: object) -> None:
        method = getattr(self.canvas, name, None) if self.canvas is not None else None
        if callable(method):
            method(*args)

    def _centre_on(self, entity: str) -> None:
        self._canvas_call("center_on", entity)

    def fit_canvas(self) -> None:
        self._canvas_call("fit_to_view")

    def _zoom(self, factor: float) -> None:
        self._canvas_call("zoom_by", factor)

    # ------------------------------------------------------------------ paths
    def open_path_finder(self, source: str | None = None, target: str | None = None) -> None:
        """Show the Find Path dialog (non-modal), optionally with its ends filled in."""
        if self.kg is None:
            return
        if self.path_finder is None:
            from explorer.ui.paths.path_finder import PathFinderDialog

            self.path_finder = PathFinderDialog(self)
            self.path_finder.max_hops.setValue(self.settings.path_max_hops)
            self.path_finder.set_graph(self.kg, self.stats)
            self.path_finder.sig_paths_found.connect(self._on_path_finder_paths_found)
        if source is None and target is None and self.selection:
            source = self.selection[0]
            target = self.selection[1] if len(self.selection) > 1 else None
        self.path_finder.set_ends(source, target)
        self.path_finder.show()
        self.path_finder.raise_()
        self.path_finder.activateWindow()

    def _on_path_finder_paths_found(self, query: object, paths: list[GraphPath]) -> None:
        assert self.kg is not None
        self.paths_panel.set_paths(paths, query.summary(self.kg, len(paths)))  # type: ignore[attr-defined]
        self.paths_dock.show()
        self.paths_dock.raise_()

    def connect_selection(self) -> Task | None:
        """Find the paths that tie the selected entities (three or more) together, in a worker."""
        if self.kg is None:
            return None
        entities = list(dict.fromkeys(self.selection))
        if len(entities) < 2:
            self.show_error("Select two or more entities on the canvas (Ctrl+click) to connect them",
                            "Connecting network")
            return None
        kg = self.kg
        task = self._network_runner.start(connecting_network, kg, entities)
        labels = ", ".join(kg.label(e) for e in entities[:4]) + (" …" if len(entities) > 4 else "")

        def finished(paths: list[GraphPath]) -> None:
            found = f"{len(paths)} path{'s' if len(paths) != 1 else ''}" if paths else "No connection found"
            self.paths_panel.set_paths(paths, f"Connecting network of {labels}: {found}")
            self.paths_dock.show()
            if paths:
                self.draw_paths(paths)

        task.sig_finished.connect(finished)
        task.sig_failed.connect(lambda message: self.show_error(message, "Connecting network"))
        self.track_task(task, f"Connecting {len(entities)} entities")
        return task

    def _on_entity_context_menu_requested(self, entity: str, position: QPoint) -> None:
        menu = QMenu(self)
        self.populate_entity_menu(menu, entity)
        menu.popup(position)

    def _on_inspector_entity_shown(self, entity: str) -> None:
        if entity not in self.selection:
            self.set_selection([entity])

    def _on_canvas_selection_changed(self, entities: list[str]) -> None:
        self.set_selection(list(entities))
        if len(entities) == 1 and entities[0] != self.inspector.current:
            self.inspector.show_entity(entities[0])

    def _on_canvas_context_menu(self, entity: str | None, position: QPoint) -> None:
        menu = QMenu(self)
        if entity is not None:
            self.populate_entity_menu(menu, entity)
            if len(self.selection) >= 2:
                menu.addSeparator()
                menu.addAction(self.network_action)
        else:
            for action in self.layout_actions.values():
                menu.addAction(action)
            menu.addSeparator()
            menu.addAction(self.fit_action)
            if any(n.hidden for n in self.scene.nodes.values()) or self.scene.hidden_classes or self.scene.hidden_predicates:
                menu.addAction("Show Hidden Items", self.scene.show_all)
            menu.addAction("Clear Canvas", self.clear_canvas)
        menu.popup(position)

    def show_more_neighbours(self, entity: str) -> None:
        """The full list of ``entity``'s neighbours not yet shown, to pick from (the "+N more" node)."""
        if self.kg is None:
            return
        from explorer.ui.canvas.more_neighbours import MoreNeighboursDialog

        dialog = MoreNeighboursDialog(self.kg, self.scene, entity, self)
        dialog.sig_chosen.connect(lambda chosen: self._add_neighbours(entity, chosen))
        self.more_dialog = dialog
        dialog.open()

    def _add_neighbours(self, entity: str, chosen: list[str]) -> None:
        if self.kg is not None and chosen:
            self.scene.expand(self.kg, entity, only=chosen)

    # ------------------------------------------------------------------ messages
    def show_error(self, message: str, title: str = "Something went wrong") -> None:
        """One clear line in the status bar and in a (non-blocking) message box."""
        self.last_error = message
        self.statusBar().showMessage(message, 15000)
        if self._error_box is not None:
            self._error_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self._error_box = box
        box.open()

    def show_about(self) -> None:
        from explorer import __version__

        QMessageBox.about(
            self, f"About {APP_TITLE}",
            f"<h3>{APP_TITLE} {__version__}</h3>"
            "<p>A desktop explorer for knowledge graphs of the industrial side of 5G: every fact traceable "
            "to the sentence it comes from, paths that explain themselves, offline by default.</p>"
            "<p>Built on Qt (PySide6), Oxigraph and rdflib. MIT licence.</p>",
        )

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(action, shortcut) for every menu action that has a shortcut."""
        rows = []
        for name in self._menus:
            for action in self._menus[name].actions():
                sub = action.menu()
                actions = sub.actions() if isinstance(sub, QMenu) else [action]
                for item in actions:
                    if not item.shortcut().isEmpty():
                        text = item.text().replace("&", "").rstrip("…")
                        rows.append((f"{name} ▸ {text}", item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        rows.append(("Drop RDF files on the window", "add them to the graph (hold Shift to open instead)"))
        return rows

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{name}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>" for name, keys in self.shortcut_rows())
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard Shortcuts", f"<table>{rows}</table>",
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("shortcutsBox")
        box.open()

    # ------------------------------------------------------------------ status bar
    def refresh_statistics(self) -> Task | None:
        """Count triples, entities, classes and links again, in a worker (after a load of a large
        graph, an update or inference switched on or off)."""
        kg = self.kg
        if kg is None:
            return None
        task = self._statistics_runner.start(kg.stats)
        task.sig_finished.connect(lambda stats: self._on_statistics_counted(kg, stats))
        task.sig_failed.connect(lambda message: self.statusBar().showMessage(f"Could not count the graph: {message}", 8000))
        self._update_graph_label()
        return task

    def _on_statistics_counted(self, kg: KnowledgeGraph, stats: Stats) -> None:
        if kg is not self.kg:
            return  # counted for a graph the window no longer shows
        self.stats = stats
        self._update_graph_label()
        if self.path_finder is not None:
            self.path_finder.set_statistics(stats)

    def _update_graph_label(self) -> None:
        if self.stats is None:
            if self.kg is None:
                self.graph_label.setText("No graph")
            else:
                quads = sum(item.quads for item in self.kg.files)
                self.graph_label.setText(f"{quads:,} statements · counting entities…" if quads else "Counting…")
            return
        self.graph_label.setText(f"{self.stats.triples:,} triples · {self.stats.entities:,} entities")

    def _update_selection_label(self) -> None:
        if not self.selection or self.kg is None:
            self.selection_label.setText("")
        elif len(self.selection) == 1:
            self.selection_label.setText(f"Selected: {self.kg.label(self.selection[0])}")
        else:
            self.selection_label.setText(f"{len(self.selection)} selected")

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.inspector.history.can_go_back())
        self.forward_action.setEnabled(self.inspector.history.can_go_forward())
        self.copy_iri_action.setEnabled(bool(self.selection or self.inspector.current))
        self.add_files_action.setEnabled(self.kg is not None)
        self.network_action.setEnabled(self.kg is not None and len(self.selection) >= 2)
        self.find_path_action.setEnabled(self.kg is not None)

    def _on_task_progress(self, task: Task, fraction: float | None, message: str) -> None:
        if task is not self._tracked:
            return
        if fraction is None:
            self.progress_bar.setRange(0, 0)
        else:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(int(fraction * 1000))
        if message:
            self.progress_bar.setFormat(message)
            self.statusBar().showMessage(f"{message}…")

    def _on_task_done(self, task: Task) -> None:
        if task is self._tracked:
            self._tracked = None
            self.progress_bar.hide()
            self.cancel_button.hide()

    def _on_cancel_button_clicked(self) -> None:
        if self._tracked is not None:
            self._tracked.cancel()

    # ------------------------------------------------------------------ files: menus and drops
    def _on_open_triggered(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open RDF Files", self._last_folder(), RDF_FILE_FILTER)
        if paths:
            self.open_files(paths)

    def _on_add_files_triggered(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add RDF Files", self._last_folder(), RDF_FILE_FILTER)
        if paths:
            self.add_files(paths)

    def _last_folder(self) -> str:
        return str(Path(self.settings.recent_files[0]).parent) if self.settings.recent_files else str(Path.home())

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self._open_recent(p))
        if not self.settings.recent_files:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the List", self._clear_recent)

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.settings.forget_recent_file(path)
            self._save_settings()
            self.show_error(f"{path}: the file no longer exists; removed from the recent files", "File not found")
            return
        self.open_files([path])

    def _clear_recent(self) -> None:
        self.settings.recent_files = []
        self._save_settings()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event.mimeData().urls())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        replace = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier) or self.kg is None
        if replace:
            self.open_files(paths)
        else:
            self.add_files(paths)

    # ------------------------------------------------------------------ theme
    def _on_theme_group_triggered(self, action: QAction) -> None:
        self.set_theme(str(action.data()))

    def set_theme(self, theme: str) -> None:
        from explorer.ui.resources import apply_theme

        self.settings.theme = theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        for action in self.theme_group.actions():
            action.setChecked(action.data() == theme)
        if self.inspector.current:
            self.inspector._render(self.inspector.current)  # colours of the text follow the theme
        self._save_settings()

    # ------------------------------------------------------------------ preferences
    def open_preferences(self) -> None:
        """Edit ▸ Preferences…: a non-modal dialog; OK / Apply apply at once."""
        from explorer.ui.settings.settings_dialog import SettingsDialog

        dialog = getattr(self, "preferences_dialog", None)
        if dialog is None:
            dialog = SettingsDialog(self.settings, self)
            dialog.sig_settings_applied.connect(self.apply_settings)
            self.preferences_dialog = dialog
        else:
            dialog.settings = self.settings
            dialog.set_values(self.settings)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def apply_settings(self, settings: Settings) -> None:
        """Take ``settings`` at once (policy, timeout, theme, caps, labels, inference) and save them.

        The window's settings object is updated in place, so every panel holding it sees the change.
        """
        old = Settings(**self.settings.to_dict())
        for name, value in settings.to_dict().items():
            setattr(self.settings, name, value)
        current = self.settings
        kg = self.kg
        if kg is not None:
            kg.policy = QueryPolicy(allow_update=current.allow_update, allow_network=current.allow_network)
            kg.default_query_timeout = current.query_timeout
        self.browser.suggestion_limit = current.search_suggestions
        if self.path_finder is not None and old.path_max_hops != current.path_max_hops:
            self.path_finder.max_hops.setValue(current.path_max_hops)
        if old.label_languages != current.label_languages and kg is not None:
            self._relabel(kg)
        workbench = getattr(self, "workbench", None)
        if workbench is not None:
            workbench.apply_settings(current)
            index = workbench.profile_box.findData(current.inference_profile)
            if index >= 0 and index != workbench.profile_box.currentIndex():
                workbench.profile_box.setCurrentIndex(index)
            if kg is not None and old.include_inferred != current.include_inferred:
                workbench.set_include_inferred(current.include_inferred)
        if old.theme != current.theme:
            self.set_theme(current.theme)  # saves too
        else:
            self._save_settings()
        notes = []
        if old.storage_mode != current.storage_mode:
            notes.append("storage applies to the next file you open")
        self.statusBar().showMessage("Preferences applied" + (f" ({'; '.join(notes)})" if notes else ""), 6000)

    def _relabel(self, kg: KnowledgeGraph) -> None:
        """Labels in the newly preferred languages on the canvas and in the Inspector."""
        kg.label_languages = tuple(self.settings.label_languages)
        for node in list(self.scene.nodes.values()):
            if node.kind == "entity":
                label = kg.label(node.entity)
                if label != node.label:
                    node.label = label
                    self.scene.events.emit("node_changed", node)
        if self.inspector.current:
            self.inspector._render(self.inspector.current)

    def open_link_filter(self) -> None:
        """View ▸ Filter Links…: tick the kinds of link the canvas shows."""
        from explorer.ui.canvas.link_filter import LinkFilterDialog

        dialog = getattr(self, "link_filter_dialog", None)
        if dialog is None:
            dialog = LinkFilterDialog(self.scene, self)
            self.link_filter_dialog = dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

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

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as error:
            self.statusBar().showMessage(f"Settings not saved: {error.strerror or error}", 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._load_runner.cancel()
        if self.kg is not None:
            self.kg.backend.close()  # a workspace writes what it holds to disk
        self.save_window_state()
        self._save_settings()
        self.recovery.end_session()  # a clean exit: nothing to restore next time
        super().closeEvent(event)


def _local_files(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and Path(url.toLocalFile()).is_file()]
