"""The main window's menus and the dialogs they open: shortcuts, About, theme, Preferences,
Filter Links."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from explorer.core.graph import KnowledgeGraph
from explorer.core.layout_registry import LAYOUTS
from explorer.core.sparql import QueryPolicy
from explorer.services.settings import Settings
from explorer.ui.app.undo_actions import UndoActions

APP_TITLE = "KG Explorer"
MENU_ORDER = ("File", "Edit", "View", "Go", "Tools", "Help")


class MenusMixin:
    """Menus of :class:`~explorer.ui.app.main_window.MainWindow`."""

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
        for name in MENU_ORDER:
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
        self.undo_actions = UndoActions(self.session.history, self)
        edit_menu.addAction(self.undo_actions.undo_action)
        edit_menu.addAction(self.undo_actions.redo_action)
        edit_menu.addSeparator()
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
        for number, layout in enumerate(LAYOUTS.values(), 1):
            self.layout_actions[layout.name] = self._action(
                view_menu, f"{layout.title} &Layout", lambda _checked=False, n=layout.name: self.run_layout(n),
                f"Ctrl+{number}", f"Arrange the canvas: {layout.description}", f"layout_{layout.name}")
        view_menu.addSeparator()
        self.fit_action = self._action(view_menu, "&Fit to Window", self.fit_canvas, "Ctrl+0",
                                       "Show the whole graph on the canvas", "fitAction")
        self.hide_action = self._action(view_menu, "&Hide Selected", lambda: self.hide_on_canvas(self.canvas_selection()),
                                        "H", "Hide the selected nodes and links (Show Hidden Items brings them back)",
                                        "hideSelectedAction")
        self.remove_action = self._action(view_menu, "&Remove Selected from Canvas",
                                          lambda: self.remove_from_canvas(self.canvas_selection()),
                                          QKeySequence.StandardKey.Delete, "Take the selected nodes and links off the canvas",
                                          "removeSelectedAction")
        for action in (self.hide_action, self.remove_action):  # the canvas' keys, not a text field's
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if self.canvas is not None:
                self.canvas.addAction(action)
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

    def open_preferences(self) -> None:
        """Edit ▸ Preferences…: a non-modal dialog; OK / Apply apply at once."""
        from explorer.ui.settings.settings_dialog import SettingsDialog

        dialog = self.preferences_dialog
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
        workbench = self.session.part("workbench")
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

        dialog = self.link_filter_dialog
        if dialog is None:
            dialog = LinkFilterDialog(self.scene, self, edits=self.session)
            self.link_filter_dialog = dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()


__all__ = ["APP_TITLE", "MENU_ORDER", "MenusMixin"]
