"""Analysis ▸ Risk Exposure: what a cyber risk reaches, each entity with its chains in words and evidence.

Which links carry exposure, which way and how much is read from the ontology
(``kg:exposureDirection``, ``kg:exposureWeight``). The ranking runs in a worker. Selecting an
entity shows its chains with the quote for every hop; "Why Not…" explains why an entity the
risk does not reach is safe (the nearest link that stops exposure). "Show Chain on Canvas"
draws the best chain, highlighted.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.core.analysis.exposure import ExposedEntity, ExposureReport, exposure, risks, warned_by, why_not
from explorer.core.errors import ExplorerError
from explorer.ui.analysis.common import ENTITY_ROLE, SORT_ROLE, TaskStripWidget, save_settings
from explorer.ui.workers import LatestTaskRunner

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

ALL_RISKS = "__all__"


class _Choices(QAbstractListModel):
    """The risk list of the combo box, read from a Python list as the view asks: adding 22,000
    risks of a ten-million-triple graph one ``addItem`` at a time held the window 0.1–0.2 s."""

    def __init__(self, choices: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._choices = choices  # (label, value)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._choices)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._choices):
            return None
        label, value = self._choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None


def chains_html(kg: KnowledgeGraph, item: ExposedEntity) -> str:
    """An exposed entity's chains as HTML: the chain in words, then each hop with its quotes."""
    parts = [f"<h3>{html.escape(kg.label(item.entity))}</h3>",
             f"<p>Exposure <b>{item.score:.3g}</b> over {item.hops} hop{'s' if item.hops != 1 else ''}.</p>"]
    risk = item.chains[0].source if item.chains else None
    for who, records in warned_by(kg, risk) if risk else []:
        quotes = "<br>".join(f"<i>{html.escape(record.describe())}</i>" for record in records)
        parts.append(f"<p>{html.escape(kg.label(who))} warns of {html.escape(kg.label(risk))}:<br>{quotes}</p>")
    for number, chain in enumerate(item.chains, 1):
        parts.append(f"<p><b>Chain {number}</b> (exposure {chain.score:.3g}): {html.escape(chain.words(kg))}</p><ol>")
        for hop, records in zip(chain.hops, chain.evidence(kg), strict=True):
            words = hop.words(kg)
            parts.append(f"<li>{html.escape(kg.label(hop.source))} —{html.escape(words)}→ "
                         f"{html.escape(kg.label(hop.target))} <small>(weight {hop.weight:g})</small><br>")
            if records:
                parts.append("<br>".join(f"<i>{html.escape(record.describe())}</i>" for record in records))
            else:
                parts.append("<i>no evidence record</i>")
            parts.append("</li>")
        parts.append("</ol>")
    return "".join(parts)


class RiskPanelWidget(QWidget):
    """Ranks the entities a risk reaches; explains each one's exposure, or why an entity is not exposed."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.report: ExposureReport | None = None
        #: Lists a large graph's risks off the GUI thread (tens of thousands at ten million triples).
        self._risk_lister = LatestTaskRunner(self)
        self.risk_combo = QComboBox(self)
        self.risk_combo.setAccessibleName("Risk")
        self.hops_spin = QSpinBox(self)
        self.hops_spin.setRange(1, 12)
        self.hops_spin.setValue(window.settings.risk_max_hops)
        self.hops_spin.valueChanged.connect(self._on_hops_changed)
        self.strip = TaskStripWidget("&Rank Exposure", self)
        choices = QHBoxLayout()
        choices.addWidget(QLabel("Risk", self))
        choices.addWidget(self.risk_combo, 2)
        choices.addWidget(QLabel("Longest chain", self))
        choices.addWidget(self.hops_spin)
        choices.addWidget(self.strip, 3)

        self.model = QStandardItemModel(0, 3, self)
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
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName("Exposed entities")
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("Exposure chains and evidence")
        self.details.setPlaceholderText("Select an exposed entity to read its chains and their evidence.")

        self.why_edit = QLineEdit(self)
        self.why_edit.setPlaceholderText("Entity that is not exposed (label or IRI)")
        self.why_button = QPushButton("&Why Not?", self)
        self.why_button.setToolTip("Explain why the risk does not reach this entity")
        self.canvas_button = QPushButton("Show Chain on &Canvas", self)
        self.canvas_button.setEnabled(False)
        why_row = QHBoxLayout()
        why_row.addWidget(self.why_edit, 1)
        why_row.addWidget(self.why_button)
        why_row.addWidget(self.canvas_button)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([420, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(splitter, 1)
        layout.addLayout(why_row)

        self.strip.run_button.clicked.connect(self.run)
        self.strip.sig_finished.connect(self._on_strip_finished)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.why_button.clicked.connect(self._on_why_clicked)
        self.why_edit.returnPressed.connect(self._on_why_clicked)
        self.canvas_button.clicked.connect(self.show_chain_on_canvas)

    # ------------------------------------------------------------------ graph
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        """Fill the risk list from a new graph; old results go."""
        self.report = None
        self.model.clear()
        self.details.clear()
        self._set_risks([])
        self._risk_lister.cancel()
        if kg is None:
            return
        if not kg.statistics_are_quick():
            # A large graph: listing its risks took 15 s at ten million triples, on the GUI thread.
            task = self._risk_lister.start(_named_risks, kg)
            task.sig_finished.connect(lambda found, kg=kg: self._fill_risks(kg, found))
            task.sig_failed.connect(lambda message: shiboken6.isValid(self) and self.strip.show_message(message))
            return
        try:
            found = _named_risks(kg)
        except ExplorerError as error:
            self.strip.show_message(str(error))
            return
        self._fill_risks(kg, found)

    def _fill_risks(self, kg: KnowledgeGraph, found: list[tuple[str, str]]) -> None:
        if not shiboken6.isValid(self) or kg is not self.window_.kg:
            return  # listed for a graph the window no longer shows
        choices = [("All risks", ALL_RISKS)] if len(found) > 1 else []
        self._set_risks(choices + [(label, risk) for risk, label in found])

    def _set_risks(self, choices: list[tuple[str, str]]) -> None:
        self.risk_combo.setModel(_Choices(choices, self.risk_combo))  # the combo deletes the model it owned

    def run(self) -> None:
        kg = self.window_.kg
        if kg is None:
            self.strip.show_message("Open a graph first.")
            return
        if self.risk_combo.count() == 0 and not self._risk_lister.busy:
            self.set_graph(kg)
        if self._risk_lister.busy:
            self.strip.show_message("Still listing the graph's risks; try again in a moment.")
            return
        chosen = self.risk_combo.currentData()
        if chosen is None:
            self.strip.show_message("No cyber risk in this graph (instances of kg:CyberRisk).")
            return
        starts = None if chosen == ALL_RISKS else [str(chosen)]
        self.strip.start(exposure, kg, starts, max_hops=self.hops_spin.value())

    def _on_strip_finished(self, report: object) -> None:
        assert isinstance(report, ExposureReport)
        kg = self.window_.kg
        self.report = report
        self.model.clear()
        self.model.setHorizontalHeaderLabels(["Entity", "Exposure", "Hops", "Best chain"])
        for item in report.exposed:
            cells = [(kg.label(item.entity), kg.label(item.entity).casefold()), (f"{item.score:.3g}", item.score),
                     (str(item.hops), item.hops), (item.chains[0].words(kg) if item.chains else "", "")]
            row = []
            for text, key in cells:
                cell = QStandardItem(text)
                cell.setData(key, SORT_ROLE)
                cell.setData(item.entity, ENTITY_ROLE)
                cell.setToolTip(text)
                row.append(cell)
            self.model.appendRow(row)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        risk_names = ", ".join(kg.label(r) for r in report.risks)
        self.strip.show_message(f"{len(report.exposed)} entities exposed to {risk_names}; "
                                f"{len(report.rules)} properties carry exposure.")
        if report.exposed:
            self.table.selectRow(0)

    # ------------------------------------------------------------------ details
    def selected(self) -> ExposedEntity | None:
        index = self.table.currentIndex()
        if self.report is None or not index.isValid():
            return None
        entity = self.proxy.data(index, ENTITY_ROLE)
        return self.report.find(str(entity)) if entity else None

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.selected()
        self.canvas_button.setEnabled(item is not None and bool(item.chains))
        if item is None:
            return
        self.details.setHtml(chains_html(self.window_.kg, item))
        self.window_.show_entity(item.entity)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.show_chain_on_canvas()

    def show_chain_on_canvas(self) -> None:
        item = self.selected()
        kg = self.window_.kg
        if item is None or not item.chains or kg is None:
            return
        draw = getattr(self.window_, "draw_paths", None)
        if callable(draw):
            draw([item.chains[0]])
        else:
            self.window_.scene.add_path(kg, item.chains[0])

    def explain(self, text: str) -> str:
        """Why the entity named ``text`` is not exposed (or its exposure, if it is), as shown in the details."""
        kg = self.window_.kg
        if kg is None or self.report is None:
            raise ExplorerError("rank the exposure first")
        entity = kg.resolve(text)
        found = self.report.find(entity)
        if found is not None:
            self.details.setHtml(chains_html(kg, found))
            return f"{kg.label(entity)} is exposed"
        is_risk = entity in self.report.risks
        message = f"{kg.label(entity)} is the risk itself." if is_risk else why_not(kg, self.report, entity).reason
        self.details.setHtml(f"<h3>{html.escape(kg.label(entity))} is not exposed</h3><p>{html.escape(message)}</p>")
        return message

    def _on_why_clicked(self) -> None:
        text = self.why_edit.text().strip()
        if not text:
            return
        try:
            self.explain(text)
        except ExplorerError as error:
            self.details.setHtml(f"<p>{html.escape(str(error))}</p>")

    def _on_hops_changed(self, value: int) -> None:
        self.window_.settings.risk_max_hops = value

    def remember(self) -> None:
        save_settings(self.window_)


def _named_risks(kg: KnowledgeGraph) -> list[tuple[str, str]]:
    """The graph's risks with their labels (in a worker for a large graph)."""
    return [(risk, kg.label(risk)) for risk in risks(kg)]

