"""What the SPARQL workbench does with results: labels or prefixed names, the Inspector, the
canvas, export to files, and the query library and history menus."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
)
from rdflib import URIRef

from explorer.core.errors import ExplorerError
from explorer.ui.sparql.result_table import ENTITY_ROLE, QueryTab, entity_of

if TYPE_CHECKING:
    pass


#: Entities sent to the canvas at most in one go.
CANVAS_LIMIT = 300
#: (name, menu text, file filter) of the result export formats.
TABLE_EXPORTS = (
    ("csv", "CSV…", "CSV (*.csv)"),
    ("tsv", "TSV…", "Tab-separated values (*.tsv)"),
    ("json", "SPARQL-JSON…", "SPARQL results JSON (*.srj *.json)"),
    ("xml", "SPARQL-XML…", "SPARQL results XML (*.srx *.xml)"),
)
GRAPH_EXPORTS = (
    ("turtle", "Turtle…", "Turtle (*.ttl)"),
    ("ntriples", "N-Triples…", "N-Triples (*.nt)"),
    ("jsonld", "JSON-LD…", "JSON-LD (*.jsonld)"),
    ("rdfxml", "RDF/XML…", "RDF/XML (*.rdf)"),
)


class WorkbenchResultsMixin:
    """Result actions of :class:`~explorer.ui.sparql.query_workbench.QueryWorkbenchWidget`."""

    # ------------------------------------------------------------------ results: labels, canvas, inspector
    def _on_labels_box_toggled(self, checked: bool) -> None:
        for tab in self.all_tabs():
            tab.model.set_show_labels(checked)

    def _on_table_clicked(self, index: QModelIndex) -> None:
        entity = index.data(ENTITY_ROLE)
        if entity:
            self.sig_entity_activated.emit(entity)

    def result_entities(self, selected_only: bool = True) -> list[str]:
        """Entities in the selected rows (or in all rows), in order, without repeats, capped."""
        tab = self.current_tab()
        model = tab.model
        rows = sorted({i.row() for i in tab.table.selectedIndexes()}) if selected_only else []
        if not rows:
            rows = list(range(model.total_rows))
        found: dict[str, None] = {}
        for row in rows:
            for column in range(model.columnCount()):
                entity = model.entity(row, column)
                if entity is not None and (tab.result is None or tab.result.kind == "select" or column != 1):
                    found.setdefault(entity)
            if len(found) >= CANVAS_LIMIT:
                break
        return list(found)[:CANVAS_LIMIT]

    def result_triples(self) -> list[tuple[str, str, str]]:
        """The CONSTRUCT / DESCRIBE triples between entities, as (subject, predicate, object)."""
        result = self.current_tab().result
        if result is None or result.kind not in ("construct", "describe"):
            return []
        triples = []
        for s, p, o in result.triples:
            subject, obj = entity_of(s), entity_of(o)
            if subject is not None and obj is not None and isinstance(p, URIRef):
                triples.append((subject, str(p), obj))
        return triples

    def show_on_canvas(self) -> None:
        """Send the result to the canvas: triples for a graph result, entities for a table."""
        result = self.current_tab().result
        if result is None or result.kind == "ask":
            self._set_status("Run a SELECT, CONSTRUCT or DESCRIBE query first.", error=True)
            return
        if result.kind in ("construct", "describe"):
            triples = self.result_triples()
            if triples:
                self.sig_show_triples.emit(triples)
                self._set_status(f"Opened {len(triples)} triple(s) on the canvas.")
            else:
                self._set_status("The result has no links between entities to draw.", error=True)
            return
        entities = self.result_entities()
        if entities:
            self.sig_show_on_canvas.emit(entities)
            self._set_status(f"Sent {len(entities)} entit{'y' if len(entities) == 1 else 'ies'} to the canvas.")
        else:
            self._set_status("No IRIs in the result to show on the canvas.", error=True)

    def _on_table_context_menu(self, tab: QueryTab, position: Any) -> None:
        index = tab.table.indexAt(position)
        menu = QMenu(self)
        menu.addAction("Copy", tab.table.copy_selection)
        entity = index.data(ENTITY_ROLE) if index.isValid() else None
        if entity:
            menu.addAction("Copy IRI", lambda: QGuiApplication.clipboard().setText(entity))
            menu.addAction("Open in Inspector", lambda: self.sig_entity_activated.emit(entity))
        menu.addAction("Show on canvas", self.show_on_canvas)
        menu.exec(tab.table.viewport().mapToGlobal(position))

    # ------------------------------------------------------------------ export
    def export_results(self, path: str | Path, format_name: str) -> Path:
        """Write the current tab's result to ``path`` (atomically) in a W3C results or RDF format."""
        from explorer.core.atomic import atomic_open
        from explorer.services import result_formats

        result = self.current_tab().result
        if result is None:
            raise ExplorerError("nothing to export: run a query first")
        path = Path(path)
        try:
            with atomic_open(path, "w", newline="") as handle:
                if result.kind in ("construct", "describe"):
                    result_formats.write_graph(result, format_name, handle, prefixes=self.kg.prefixes if self.kg else None)
                else:
                    result_formats.write_results(result, format_name, handle)
        except OSError as error:
            raise ExplorerError(f"{path}: cannot be written ({error.strerror or error})") from None
        self._set_status(f"Exported to {path}")
        return path

    def _fill_export_menu(self) -> None:
        self.export_menu.clear()
        result = self.current_tab().result
        formats = GRAPH_EXPORTS if result is not None and result.kind in ("construct", "describe") else TABLE_EXPORTS
        for name, text, pattern in formats:
            action = self.export_menu.addAction(text)
            action.setEnabled(result is not None)
            action.triggered.connect(lambda _=False, n=name, p=pattern: self._on_export_triggered(n, p))

    def _on_export_triggered(self, format_name: str, pattern: str) -> None:
        suffix = pattern.split("*", 1)[1].split()[0].rstrip(")")
        default = str(Path.home() / f"{self.current_tab().title.replace('/', '-')}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Export results", default, pattern)
        if not path:
            return
        try:
            self.export_results(path, format_name)
        except ExplorerError as error:
            self._set_status(str(error), error=True)

    # ------------------------------------------------------------------ library and history
    def _fill_library_menu(self) -> None:
        self.library_menu.clear()
        category = None
        for query in self.library.all():
            if query.category != category:
                category = query.category
                self.library_menu.addSection(category)
            action = self.library_menu.addAction(query.title)
            action.setToolTip(query.description)
            action.setStatusTip(query.description)
            action.triggered.connect(lambda _=False, q=query: self.open_query(q))
        self.library_menu.setToolTipsVisible(True)
        if self.library.saved():
            self.library_menu.addSeparator()
            delete = self.library_menu.addMenu("Delete a saved query")
            for query in self.library.saved():
                action = delete.addAction(query.title)
                action.triggered.connect(lambda _=False, key=query.key: self.library.delete(key))

    def _on_save_triggered(self) -> None:
        tab = self.current_tab()
        title, ok = QInputDialog.getText(self, "Save query", "Title:", text=tab.title)
        if ok and title.strip():
            saved = self.library.save(title, tab.editor.toPlainText())
            self.rename_tab(self.tabs.currentIndex(), saved.title)
            self._set_status(f"Saved \u201c{saved.title}\u201d in your queries (Examples menu).")

    def _fill_history_menu(self) -> None:
        self.history_menu.clear()
        history = self.library.history()[:25]
        if not history:
            self.history_menu.addAction("No queries run yet").setEnabled(False)
            return
        for entry in history:
            first = " ".join(line.strip() for line in entry.sparql.splitlines()
                             if line.strip() and not line.lstrip().startswith(("#", "PREFIX", "prefix")))
            first = first[:70] + ("…" if len(first) > 70 else "")
            when = time.strftime("%d %b %H:%M", time.localtime(entry.when))
            outcome = f"{entry.rows} rows" if entry.status == "ok" and entry.rows is not None else entry.status
            action = self.history_menu.addAction(f"{when} · {outcome} · {first}")
            action.setToolTip(entry.message or entry.sparql[:500])
            action.triggered.connect(lambda _=False, text=entry.sparql: self.open_query(text))
        self.history_menu.addSeparator()
        self.history_menu.addAction("Clear history", self.library.clear_history)
