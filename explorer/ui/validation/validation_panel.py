"""The SHACL report: ``kg.validate()`` (pyshacl) as a table whose focus nodes open in the Inspector.

:class:`ValidationPanelWidget` runs validation in a background task (Validate button, or
:meth:`ValidationPanelWidget.validate`) and lists each result — severity, focus node
(label), path, value and message — sorted violations first. Clicking a row emits
``sig_entity_activated(focus_iri)``. The CLI ``validate`` prints the same report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.common.wrapping_label import WrappingLabel
from explorer.ui.workers import Task

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.validation import ValidationReport, Violation

_COLUMNS = ("Severity", "Focus node", "Path", "Value", "Message")
_SEVERITY_COLOURS = {"Violation": "#c62828", "Warning": "#ef6c00", "Info": "#1565c0"}
_FOCUS_ROLE = Qt.ItemDataRole.UserRole + 1


class ValidationReportModel(QAbstractTableModel):
    """The results of one SHACL run, one row each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kg: KnowledgeGraph | None = None
        self.violations: list[Violation] = []

    def set_report(self, report: ValidationReport | None, kg: KnowledgeGraph | None) -> None:
        self.beginResetModel()
        self.kg = kg
        self.violations = list(report.violations) if report is not None else []
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.violations)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _COLUMNS[section]
        return None

    def _name(self, iri: str | None) -> str:
        if not iri:
            return ""
        if self.kg is None:
            return iri
        return self.kg.label(iri)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        violation = self.violations[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (violation.severity, self._name(violation.focus), self._name(violation.path) if violation.path else "",
                    violation.value or "", violation.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (violation.shape or "", violation.focus, violation.path or "", violation.value or "", violation.message)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QBrush(QColor(_SEVERITY_COLOURS.get(violation.severity, "#555555")))
        if role == _FOCUS_ROLE:
            return violation.focus
        return None


class ValidationPanelWidget(QWidget):
    """SHACL validation of the open graph, on demand."""

    sig_entity_activated = Signal(str)
    sig_validated = Signal(object)  # ValidationReport
    sig_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kg: KnowledgeGraph | None = None
        self.report: ValidationReport | None = None
        self.task: Task | None = None
        self.model = ValidationReportModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.clicked.connect(self._on_table_clicked)
        self.validate_button = QPushButton("Validate", self)
        self.validate_button.setToolTip("Check the graph against its SHACL shapes")
        self.validate_button.clicked.connect(self.validate)
        self.summary = WrappingLabel("Validate checks the graph against the bundled SHACL shapes.", self)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.validate_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.validate_button.setEnabled(False)

    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self.kg = kg
        self.report = None
        self.model.set_report(None, kg)
        self.validate_button.setEnabled(kg is not None)
        self.summary.setText("Validate checks the graph against the bundled SHACL shapes." if kg is not None
                             else "Open a graph to validate it.")

    def validate(self) -> Task | None:
        """Run SHACL validation in the background; the table fills when it is done."""
        if self.kg is None:
            return None
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        self.validate_button.setEnabled(False)
        self.summary.setText("Validating…")
        task = Task(self.kg.validate)
        task.sig_finished.connect(lambda report, t=task: self._on_task_finished(t, report))
        task.sig_failed.connect(lambda message, t=task: self._on_task_failed(t, message))
        task.sig_done.connect(lambda: self.validate_button.setEnabled(self.kg is not None))
        self.task = task
        task.start()
        return task

    def _on_task_finished(self, task: Task, report: ValidationReport) -> None:
        if task is not self.task:
            return
        self.report = report
        self.model.set_report(report, self.kg)
        self.table.resizeColumnsToContents()
        for column in range(len(_COLUMNS) - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 280))
        counts: dict[str, int] = {}
        for violation in report.violations:
            counts[violation.severity] = counts.get(violation.severity, 0) + 1
        detail = ", ".join(f"{n} {severity.lower()}{'s' if n != 1 else ''}" for severity, n in sorted(counts.items()))
        self.summary.setText(report.summary() + (f" ({detail})" if detail else ""))
        self.summary.setStyleSheet("" if report.conforms else "color: #c62828;")
        self.sig_validated.emit(report)

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is not self.task:
            return
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #c62828;")
        self.sig_failed.emit(message)

    def _on_table_clicked(self, index: QModelIndex) -> None:
        focus = self.proxy.mapToSource(index).data(_FOCUS_ROLE)
        if focus:
            self.sig_entity_activated.emit(focus)
