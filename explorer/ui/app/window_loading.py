"""Opening graphs in the main window: files, the bundled graph, workspaces, recent files, drops.

The loading itself runs in a worker (:mod:`explorer.services.loading`); the window shows
the new graph only once it is complete.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from explorer.core.errors import LoadError
from explorer.core.graph import KnowledgeGraph
from explorer.core.sparql import QueryPolicy
from explorer.services.loading import LoadOutcome, build_graph, new_workspace_folder, open_workspace, workspace_of
from explorer.services.settings import workspaces_dir
from explorer.ui.workers import Task

RDF_FILE_FILTER = (
    "RDF files (*.ttl *.nt *.nq *.trig *.rdf *.owl *.xml *.jsonld *.json *.n3 *.gz);;"
    "Turtle (*.ttl);;N-Triples (*.nt);;N-Quads (*.nq);;TriG (*.trig);;RDF/XML (*.rdf *.owl *.xml);;"
    "JSON-LD (*.jsonld *.json);;All files (*)"
)


class LoadingMixin:
    """File ▸ Open, Add Files, Open Recent, Open Workspace and drops of :class:`MainWindow`."""

    def open_bundled(self) -> Task | None:
        """Load the bundled graph (in a worker), replacing the current one; None when the
        current graph is kept (the analyst cancelled over unsaved edits)."""
        if not self.may_replace_graph("opening the bundled graph"):
            return None
        return self._start_load(None, add=False)

    def open_files(self, paths: list[str | Path]) -> Task | None:
        """Load ``paths`` in place of the current graph (in a worker); None when it is kept."""
        files = [Path(p) for p in paths]
        if not self.may_replace_graph(f"opening {', '.join(p.name for p in files[:3])}"):
            return None
        return self._start_load(files, add=False)

    def add_files(self, paths: list[str | Path]) -> Task:
        """Add ``paths`` to the current graph (in a worker); the graph changes only if all load."""
        return self._start_load([Path(p) for p in paths], add=True)

    def _start_load(self, paths: list[Path] | None, *, add: bool) -> Task:
        policy = QueryPolicy(allow_update=self.settings.allow_update, allow_network=self.settings.allow_network)
        base = self.kg if add else None
        workspace = None
        if self.settings.storage_mode == "disk":
            current = workspace_of(self.kg)
            in_use = {current} if current is not None else set()
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
        if not outcome.bundled and outcome.loaded:  # a reopened workspace adds no recent file: nothing to save
            for item in outcome.loaded:
                self.settings.add_recent_file(item.path)
            self._save_settings(soon=True)  # its fsync waited 0.1 s on the GUI thread under a busy disk
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
        return workspace_of(kg)

    def open_workspace(self, folder: str | Path) -> Task | None:
        """Reopen an on-disk workspace (in a worker), in place of the current graph."""
        folder = Path(folder).expanduser().absolute()
        if self._workspace_of(self.kg) == folder:
            self.statusBar().showMessage(f"Workspace {folder.name} is already open", 6000)
            return None
        if not self.may_replace_graph(f"opening workspace {folder.name}"):
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


def _local_files(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and Path(url.toLocalFile()).is_file()]


__all__ = ["RDF_FILE_FILTER", "LoadOutcome", "LoadingMixin"]
