"""What the main window does on the canvas: show, expand, hide, lay out, paths, context menus.

Every change goes through the session (:class:`~explorer.core.session.Session`), so each
is a step of Edit ▸ Undo; the canvas view only mirrors the scene.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QWidget

from explorer.core.layout import LayoutInput
from explorer.core.layout_registry import LAYOUTS
from explorer.core.paths import GraphPath, connecting_network
from explorer.ui.workers import Task

#: Scenes with more visible nodes than this are laid out in a worker.
LAYOUT_IN_WORKER_FROM = 300


class CanvasMixin:
    """Canvas actions of :class:`~explorer.ui.app.main_window.MainWindow`."""

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
        self.session.show(entity)
        self.center_canvas_on(entity)

    def expand_on_canvas(self, entity: str) -> list[str]:
        """Show ``entity``'s neighbours (capped; the rest in a "+N more" node). Returns the added ids."""
        if self.kg is None:
            return []
        if entity in self.scene.groups:  # a group node: its members come back
            return self.session.expand_group(entity)
        added = self.session.expand(entity, limit=self.settings.expansion_cap)
        self.center_canvas_on(entity)
        return added

    def focus_on(self, entity: str) -> None:
        """Make ``entity`` the canvas' focus and arrange the rest around it."""
        if self.kg is None:
            return
        self.session.focus_on(entity, arrange=False)
        self.run_layout("radial")
        self.center_canvas_on(entity)

    def focus_current(self) -> None:
        entity = self.selection[0] if self.selection else self.inspector.current
        if entity:
            self.focus_on(entity)

    def draw_paths(self, paths: GraphPath | list[GraphPath]) -> list[str]:
        """Draw one or several paths on the canvas and highlight them."""
        if self.kg is None:
            return []
        chosen = [paths] if isinstance(paths, GraphPath) else list(paths)
        ids = self.session.add_paths(chosen)
        if chosen:
            self.center_canvas_on(chosen[0].source)
        return ids

    def clear_canvas(self) -> None:
        self.session.clear_canvas()

    def hide_on_canvas(self, entities: list[str]) -> None:
        """Hide nodes (they stay in the scene; Show Hidden Items brings them back)."""
        self.session.hide(entities)

    def remove_from_canvas(self, entities: list[str]) -> None:
        """Take nodes and their links off the canvas."""
        self.session.remove(entities)

    def canvas_selection(self) -> list[str]:
        """What Hide and Remove act on: the selected nodes and the selected links."""
        links = self.canvas.selected_links() if self.canvas is not None else []
        groups = [i for i in self.canvas.selected_node_ids() if i in self.scene.groups] if self.canvas is not None else []
        return list(self.selection) + groups + links

    def _on_canvas_links_selected(self, edge_ids: list[str]) -> None:
        """One link picked: its fact and every evidence record of it in the Inspector."""
        self._update_actions()  # Hide and Remove act on links too
        if len(edge_ids) != 1 or self.canvas is None:
            return
        scene = self.session.scene
        edge = scene.edges.get(edge_ids[0])
        if edge is None or not edge.predicate:
            return
        source, target = scene.nodes[edge.source], scene.nodes[edge.target]
        self.inspector.show_fact(edge.source, edge.predicate, edge.target, source.label, edge.label, target.label)
        self.inspector_dock.raise_()

    def _selected_or(self, entity: str) -> list[str]:
        """The selection when ``entity`` is part of it (the context menu acts on all), else ``entity``."""
        return list(self.selection) if entity in self.selection else [entity]

    def run_layout(self, name: str) -> Task | None:
        """Arrange the canvas; big scenes are laid out in a worker (the window stays responsive)."""
        layout = LAYOUTS[name]
        self.settings.last_layout = name
        if not self.scene.visible_nodes():
            return None
        data = LayoutInput.from_scene(self.scene)
        text = f"{layout.title} Layout"
        if len(data.ids) < LAYOUT_IN_WORKER_FROM:
            self.session.set_positions(layout(data, apply=False), text)
            self.fit_canvas()
            return None
        task = self._layout_runner.start(layout, data, apply=False)
        task.sig_finished.connect(lambda positions: (self.session.set_positions(positions, text), self.fit_canvas()))
        task.sig_failed.connect(lambda message: self.show_error(message, "Layout failed"))
        self.track_task(task, f"{layout.title} layout of {len(data.ids):,} nodes")
        return task

    def _canvas_call(self, name: str, *args: object) -> None:
        method = getattr(self.canvas, name, None) if self.canvas is not None else None
        if callable(method):
            method(*args)

    def center_canvas_on(self, entity: str) -> None:
        self._canvas_call("center_on", entity)

    def fit_canvas(self) -> None:
        self._canvas_call("fit_to_view")

    def _zoom(self, factor: float) -> None:
        self._canvas_call("zoom_by", factor)

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

    def _on_canvas_selection_changed(self, entities: list[str]) -> None:
        self.set_selection(list(entities))
        self._update_actions()  # a group node alone is not an entity, yet Hide and Remove act on it
        if len(entities) == 1 and entities[0] != self.inspector.current:
            self.inspector.show_entity(entities[0])

    def _on_canvas_nodes_dragged(self, origins: dict[str, tuple[float, float]]) -> None:
        self.session.moved(origins)

    def _on_canvas_context_menu(self, entity: str | None, position: QPoint) -> None:
        menu = QMenu(self)
        if entity is not None and entity in self.scene.groups:
            self.group_actions.populate_group_menu(menu, entity)
        elif entity is not None:
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
                menu.addAction("Show Hidden Items", self.session.show_all)
            menu.addAction("Clear Canvas", self.clear_canvas)
        link = getattr(self.canvas, "context_link", None) if entity is None else None
        for extend in self.canvas_menu_extensions:  # type: ignore[attr-defined]
            extend(menu, entity, link)  # a link's menu is made by its extensions (notes)
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
            self.session.expand(entity, only=chosen)


__all__ = ["LAYOUT_IN_WORKER_FROM", "CanvasMixin"]
