"""The SPARQL workbench and the SHACL panel in the main window: docks, menu entries, wiring."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from explorer.ui.sparql.query_workbench import QueryWorkbenchWidget
from explorer.ui.validation.validation_panel import ValidationPanelWidget


class WorkbenchParts(NamedTuple):
    """What :func:`mount_workbench` adds to the window."""

    workbench: QueryWorkbenchWidget
    validation: ValidationPanelWidget
    sparql_dock: QDockWidget
    validation_dock: QDockWidget


def mount_workbench(window: Any) -> WorkbenchParts:
    """Add the SPARQL workbench and the SHACL panel to the main window.

    Docks "SPARQL" and "Validation" (bottom, tabbed with the other bottom panels); Tools ▸
    SPARQL Workbench (Ctrl+Shift+Q) and Tools ▸ Validate (SHACL); View ▸ Include Inferred.
    Results open in the Inspector and on the canvas scene.
    """
    workbench = QueryWorkbenchWidget(window.settings, parent=window, session=window.session)
    workbench.settings_provider = lambda: window.settings
    validation = ValidationPanelWidget(window)
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    sparql_dock = window.add_panel("SPARQL", workbench, bottom, "SparqlDock")
    validation_dock = window.add_panel("Validation", validation, bottom, "ValidationDock")
    others = [d for d in window.findChildren(type(sparql_dock)) if window.dockWidgetArea(d) == bottom
              and d not in (sparql_dock, validation_dock)]
    if others:
        window.tabifyDockWidget(others[0], sparql_dock)
    window.tabifyDockWidget(sparql_dock, validation_dock)
    sparql_dock.hide()
    validation_dock.hide()

    def open_workbench() -> None:
        first_time = not sparql_dock.isVisible()
        sparql_dock.show()
        sparql_dock.raise_()
        if first_time:  # room for the editor and a screenful of results
            window.resizeDocks([sparql_dock], [max(360, int(window.height() * 0.55))], Qt.Orientation.Vertical)
        workbench.editor.setFocus()

    def open_validation() -> None:
        validation_dock.show()
        validation_dock.raise_()
        validation.validate()

    def show_entities(entities: list[str]) -> None:
        if window.kg is None:
            return
        window.session.show_entities(entities)
        window.run_layout(window.settings.last_layout)

    def show_triples(triples: list[tuple[str, str, str]]) -> None:
        if window.kg is None:
            return
        window.session.show_triples(triples)
        window.run_layout("force")

    def on_graph_changed(kg: Any) -> None:
        workbench.set_graph(kg)
        validation.set_graph(kg)
        inferred_action.setEnabled(kg is not None)
        if kg is not None and window.settings.include_inferred:  # the switch remembers its state
            workbench.set_include_inferred(True)

    def remember_inference(include: bool) -> None:
        """The user turned the switch on or off: remember it for the next graph (settings.json)."""
        window.settings.include_inferred = bool(include)
        remember_profile()

    def remember_profile(_index: int = 0) -> None:
        profile = workbench.profile_box.currentData()
        if profile:
            window.settings.inference_profile = profile
        window._save_settings()

    def on_graph_modified() -> None:
        if window.kg is not None:
            window.browser.set_graph(window.kg)
            validation.set_graph(window.kg)
            window.refresh_statistics()  # the status bar's counts and Find Path's links

    tools = window.menu("Tools")
    tools.addSeparator()
    workbench_action = tools.addAction("&SPARQL Workbench")
    workbench_action.setObjectName("sparqlWorkbenchAction")
    workbench_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
    workbench_action.setStatusTip("Write, run and export SPARQL queries; example queries to start from")
    workbench_action.triggered.connect(open_workbench)
    validate_action = tools.addAction("&Validate (SHACL)")
    validate_action.setObjectName("validateAction")
    validate_action.setStatusTip("Check the graph against its SHACL shapes")
    validate_action.triggered.connect(open_validation)
    inferred_action = window.menu("View").addAction("Include &Inferred Triples")
    inferred_action.setObjectName("includeInferredAction")
    inferred_action.setCheckable(True)
    inferred_action.setEnabled(window.kg is not None)
    inferred_action.setStatusTip("Add RDFS inferences to what queries, the Browser and the canvas see")
    inferred_action.triggered.connect(workbench.set_include_inferred)
    workbench.sig_inference_changed.connect(inferred_action.setChecked)
    workbench.inferred_box.toggled.connect(inferred_action.setChecked)
    remembered = workbench.profile_box.findData(window.settings.inference_profile)
    if remembered >= 0:
        workbench.profile_box.setCurrentIndex(remembered)
    # Only user actions reach these (programmatic changes block the box's signals).
    workbench.inferred_box.toggled.connect(remember_inference)
    inferred_action.triggered.connect(remember_inference)
    workbench.profile_box.currentIndexChanged.connect(remember_profile)

    workbench.sig_entity_activated.connect(window.show_entity)
    validation.sig_entity_activated.connect(window.show_entity)
    workbench.sig_show_on_canvas.connect(show_entities)
    workbench.sig_show_triples.connect(show_triples)
    workbench.sig_graph_modified.connect(on_graph_modified)
    window.sig_graph_changed.connect(on_graph_changed)
    if window.kg is not None:
        on_graph_changed(window.kg)
    return WorkbenchParts(workbench, validation, sparql_dock, validation_dock)


__all__ = ["WorkbenchParts", "mount_workbench"]
