"""Analysis ▸ Measures: centrality and communities in a sortable table, and on the canvas as size and colour.

The computation runs in a worker with progress and Cancel. Clicking a row shows the entity in
the Inspector; double-clicking puts it on the canvas. "Style Canvas" sizes the canvas' nodes by
the measure and colours them by community (or another measure), with a legend; it is one
undoable step in the session's history, saved with snapshots and written into exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.core.analysis import MEASURE_TITLES, CommunityResult, MeasureResult, Scope
from explorer.core.analysis.styling import RestyleCanvas, style_from_results
from explorer.core.errors import ExplorerError
from explorer.ui.analysis.common import ENTITY_ROLE, SORT_ROLE, TaskStripWidget, run_command, save_settings
from explorer.ui.analysis.measure_legend import MeasureLegendWidget

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.tasks import CancelToken, Progress

SCOPES = (("canvas", "Canvas content"), ("focus", "Focus entity and hops"), ("graph", "Whole graph"))
COLOUR_CHOICES = (("community", "Community"), ("pagerank", "PageRank"), ("degree", "Degree"),
                  ("betweenness", "Betweenness"), ("none", "Class colours"))
#: Rows put in the table at most (the CLI and exports have all values).
TABLE_ROWS = 2000


@dataclass
class MeasuresOutcome:
    """What one run computed: the size measure, the colour measure (if another) and communities."""

    size: MeasureResult
    color: MeasureResult | None
    groups: CommunityResult | None


def compute_measures(kg: KnowledgeGraph, scope: Scope, measure: str, color_by: str, *,
                     progress: Progress | None = None, cancel: CancelToken | None = None) -> MeasuresOutcome:
    """The worker's job: one centrality, communities (always: the table shows them) and a colour measure."""
    from explorer.core.analysis.adjacency import build_link_graph
    from explorer.core.analysis.measures import community_links, measure_links

    def report(start: float, end: float) -> Progress:
        def inner(fraction: float | None, message: str) -> None:
            if progress is not None:
                progress(None if fraction is None else start + (end - start) * fraction, message)
        return inner

    links = build_link_graph(kg, scope, progress=report(0.0, 0.4), cancel=cancel)
    size = measure_links(links, scope, measure, progress=report(0.4, 0.7), cancel=cancel)  # type: ignore[arg-type]
    color = None
    if color_by not in ("community", "none", measure):
        color = measure_links(links, scope, color_by, progress=report(0.7, 0.8), cancel=cancel)  # type: ignore[arg-type]
    elif color_by == measure:
        color = size
    groups = community_links(links, scope, progress=report(0.8, 1.0), cancel=cancel)
    return MeasuresOutcome(size, color, groups)


class MeasuresPanelWidget(QWidget):
    """Centrality and communities of the canvas, a focus neighbourhood or the whole graph."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.outcome: MeasuresOutcome | None = None
        self.shown_style: Any = None
        self._pending_style = False
        settings = window.settings

        self.measure_combo = QComboBox(self)
        for key in ("pagerank", "degree", "betweenness"):
            self.measure_combo.addItem(MEASURE_TITLES[key], key)
        self.measure_combo.setCurrentIndex(max(0, self.measure_combo.findData(settings.analysis_measure)))
        self.scope_combo = QComboBox(self)
        for key, text in SCOPES:
            self.scope_combo.addItem(text, key)
        self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(settings.analysis_scope)))
        self.hops_spin = QSpinBox(self)
        self.hops_spin.setRange(1, 6)
        self.hops_spin.setValue(settings.analysis_hops)
        self.hops_spin.setToolTip("Hops around the entity selected in the Inspector")
        self.colour_combo = QComboBox(self)
        for key, text in COLOUR_CHOICES:
            self.colour_combo.addItem(text, key)
        self.colour_combo.setCurrentIndex(max(0, self.colour_combo.findData(settings.analysis_color_by)))

        form = QFormLayout()
        form.addRow("Measure", self.measure_combo)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_combo, 1)
        scope_row.addWidget(QLabel("Hops", self))
        scope_row.addWidget(self.hops_spin)
        form.addRow("Scope", scope_row)
        form.addRow("Colour by", self.colour_combo)

        self.strip = TaskStripWidget("&Run", self)
        self.strip.run_button.setToolTip("Compute the measure and the communities (Analysis ▸ Measures)")
        self.note = QLabel("Run a measure to rank the entities.", self)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = QStandardItemModel(0, 5, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setAccessibleName("Measures table")

        self.style_button = QPushButton("&Style Canvas", self)
        self.style_button.setToolTip("Size the canvas' nodes by the measure and colour them (undoable)")
        self.clear_button = QPushButton("C&lear Styling", self)
        self.clear_button.setToolTip("Back to class colours and sizes (undoable)")
        self.legend = MeasureLegendWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.style_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)

        # Two columns (the panel sits below the canvas): choices, legend and styling on the left,
        # the ranking on the right where it has the width for its columns.
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.strip)
        left.addLayout(buttons)
        left.addWidget(self.legend)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.note)
        right.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self.strip.run_button.clicked.connect(self.run)
        self.strip.sig_finished.connect(self._on_strip_finished)
        self.strip.sig_failed.connect(lambda _message: setattr(self, "_pending_style", False))
        self.table.clicked.connect(self._on_table_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.style_button.clicked.connect(self.style_canvas)
        self.clear_button.clicked.connect(self.clear_styling)
        for combo in (self.measure_combo, self.scope_combo, self.colour_combo):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.hops_spin.valueChanged.connect(self._on_choice_changed)
        self._on_choice_changed()
        self._show_style()

    # ------------------------------------------------------------------ running
    @property
    def measure(self) -> str:
        return str(self.measure_combo.currentData())

    @property
    def color_by(self) -> str:
        return str(self.colour_combo.currentData())

    def scope(self) -> Scope:
        """The scope chosen: canvas entities, the Inspector's entity and hops, or the whole graph."""
        kind = self.scope_combo.currentData()
        if kind == "graph":
            return Scope.of_graph()
        if kind == "focus":
            focus = self._focus_entity()
            if focus is None:
                raise ExplorerError("choose a focus: show an entity in the Inspector first")
            return Scope.around(focus, self.hops_spin.value())
        entities = [node.entity for node in self.window_.scene.nodes.values() if node.kind == "entity"]
        if not entities:
            raise ExplorerError("the canvas is empty: put entities on it, or choose the whole graph")
        return Scope.of_entities(entities)

    def _focus_entity(self) -> str | None:
        current = getattr(self.window_.inspector, "current", None)
        if isinstance(current, str) and current:
            return current
        selection = getattr(self.window_, "selection", None) or []
        return selection[0] if selection else None

    def run(self) -> None:
        kg = self.window_.kg
        if kg is None:
            self.strip.show_message("Open a graph first.")
            return
        try:
            scope = self.scope()
        except ExplorerError as error:
            self.strip.show_message(str(error))
            return
        self.strip.start(compute_measures, kg, scope, self.measure, self.color_by)

    def _on_strip_finished(self, outcome: object) -> None:
        assert isinstance(outcome, MeasuresOutcome)
        self.outcome = outcome
        self._fill_table(outcome)
        if self._pending_style:
            self._pending_style = False
            self.style_canvas()

    def _fill_table(self, outcome: MeasuresOutcome) -> None:
        kg = self.window_.kg
        size = outcome.size
        groups = outcome.groups
        brokers = {b.entity: b for b in groups.brokers} if groups else {}
        title = MEASURE_TITLES[size.measure]
        self.model.clear()
        self.model.setHorizontalHeaderLabels(["#", "Entity", "Class", title, "Community", "Broker"])
        for rank, (entity, value) in enumerate(size.ranked(TABLE_ROWS), 1):
            cls = kg.main_class(entity) if kg is not None else None
            community = groups.membership.get(entity) if groups else None
            broker = brokers.get(entity)
            cells = [
                (str(rank), rank),
                (kg.label(entity) if kg is not None else entity, (kg.label(entity) if kg else entity).casefold()),
                (kg.label(cls) if kg is not None and cls else "", (kg.label(cls) if kg and cls else "").casefold()),
                (f"{value:.4g}", value),
                ("" if community is None else str(community + 1), -1 if community is None else community),
                ("" if broker is None else f"reaches {len(broker.reaches)}", 0 if broker is None else len(broker.reaches)),
            ]
            row = []
            for text, key in cells:
                item = QStandardItem(text)
                item.setData(key, SORT_ROLE)
                item.setData(entity, ENTITY_ROLE)
                item.setToolTip(entity)
                row.append(item)
            self.model.appendRow(row)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        parts = [size.note()]
        if groups is not None:
            parts.append(groups.note())
        shown = min(len(size.values), TABLE_ROWS)
        if shown < len(size.values):
            parts.append(f"the first {shown} of {len(size.values)} entities are listed")
        self.note.setText(" — ".join(parts))

    # ------------------------------------------------------------------ table
    def _entity_at(self, index: QModelIndex) -> str | None:
        value = self.proxy.data(index, ENTITY_ROLE)
        return str(value) if value else None

    def _on_table_clicked(self, index: QModelIndex) -> None:
        entity = self._entity_at(index)
        if entity:
            self.window_.show_entity(entity)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        entity = self._entity_at(index)
        if entity and hasattr(self.window_, "show_on_canvas"):
            self.window_.show_on_canvas(entity)

    # ------------------------------------------------------------------ styling
    def style_canvas(self) -> None:
        """Size and colour the canvas by the last results; runs the measure first if needed."""
        outcome = self.outcome
        needs_colour = self.color_by not in ("community", "none")
        if (outcome is None or outcome.size.measure != self.measure
                or (needs_colour and (outcome.color is None or outcome.color.measure != self.color_by))):
            self._pending_style = True
            self.run()
            return
        kg = self.window_.kg
        colour: Any = outcome.groups if self.color_by == "community" else outcome.color if needs_colour else None
        style = style_from_results(kg, outcome.size, colour)
        run_command(self.window_, RestyleCanvas(self.window_.scene, style))
        self._show_style()

    def clear_styling(self) -> None:
        if self.window_.scene.measure_style is None:
            return
        run_command(self.window_, RestyleCanvas(self.window_.scene, None))
        self._show_style()

    def _show_style(self) -> None:
        style = self.window_.scene.measure_style
        self.shown_style = style
        self.legend.set_style(style)
        self.clear_button.setEnabled(style is not None)

    def on_scene_reset(self) -> None:
        """A new scene (snapshot, clear, undo): show its legend."""
        self._show_style()

    # ------------------------------------------------------------------ state
    def _on_choice_changed(self, *_args: object) -> None:
        self.hops_spin.setEnabled(self.scope_combo.currentData() == "focus")
        settings = self.window_.settings
        settings.analysis_measure = self.measure
        settings.analysis_scope = str(self.scope_combo.currentData())
        settings.analysis_hops = self.hops_spin.value()
        settings.analysis_color_by = self.color_by

    def remember(self) -> None:
        save_settings(self.window_)
