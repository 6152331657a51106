"""File ▸ Import ▸ Spreadsheet…: a wizard from a CSV, TSV or XLSX file to facts with evidence.

1. Table — the file, the sheet, a preview of the first rows.
2. Mapping — which column names the subject, its class, labels and aliases, and one line per fact
   (the link fixed or read from a column; the object an entity or a typed value); the quote and the
   source. The mapping saves as JSON for ``kg-explorer import --mapping``.
3. Check — every row is checked in a worker (progress, Cancel); refused rows are listed with their
   number and reason, an ambiguous name gets a choice; the analyst imports the good rows or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from explorer.core.changes import ChangeSet
from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.services.importing.mapping import (
    ColumnOrValue,
    FactMapping,
    LabelMapping,
    MappingError,
    ObjectMapping,
    TableMapping,
)
from explorer.services.importing.tables import (
    ImportContext,
    ImportPlan,
    Table,
    TableError,
    context_from_graph,
    plan_import,
    read_table,
)
from explorer.services.settings import config_dir
from explorer.ui.workers import Task, run_task

#: Builds the change a plan makes (in a worker: progress, cancel); raises ExplorerError when refused.
BuildChange = Callable[..., ChangeSet]
#: Applies the built change as one undoable step (a big one in a worker); returns an error line or None.
ApplyChange = Callable[[ChangeSet], "str | None"]

_NONE = "(none)"
_ROW_TEXT = "(the row's own text)"
_FROM_COLUMN = "from column: "
_KINDS = {"entity": None, "text": "xsd:string", "whole number": "xsd:integer", "decimal": "xsd:decimal",
          "date": "xsd:date", "year": "xsd:gYear", "year and month": "xsd:gYearMonth", "true/false": "xsd:boolean"}
_FILE_FILTER = "Tables (*.csv *.tsv *.tab *.xlsx);;All files (*)"


def _settings() -> QSettings:
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def _combo(parent: QWidget, items: list[str], current: str | None = None) -> QComboBox:
    box = QComboBox(parent)
    box.addItems(items)
    if current is not None and current in items:
        box.setCurrentText(current)
    return box


class TablePage(QWizardPage):
    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Table")
        self.setSubTitle("A CSV, TSV or Excel (.xlsx) file whose first row names the columns.")
        self.owner = wizard
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("Path of the table")
        browse = QPushButton("Browse…", self)
        self.sheet = QComboBox(self)
        self.sheet.setEnabled(False)
        self.preview = QTableWidget(self)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("File:", row)
        form.addRow("Sheet:", self.sheet)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        browse.clicked.connect(self._on_browse_clicked)
        self.path.editingFinished.connect(self.load)
        self.sheet.currentTextChanged.connect(lambda _: self.load())

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a Table", self.owner.last_folder, _FILE_FILTER)
        if path:
            self.owner.last_folder = str(Path(path).parent)
            self.path.setText(path)
            self.load()

    def load(self) -> None:
        text = self.path.text().strip()
        if not text:
            return
        path = Path(text)
        if path.suffix.lower() == ".xlsx" and not self.sheet.count():
            self._fill_sheets(path)
        try:
            table = read_table(path, self.sheet.currentText() or None if self.sheet.isEnabled() else None)
        except TableError as error:
            self.owner.table = None
            self.message.setText(str(error))
            self.preview.clear()
            self.completeChanged.emit()
            return
        self.owner.table = table
        rows = table.preview(20)
        self.preview.setColumnCount(len(table.header))
        self.preview.setHorizontalHeaderLabels(table.header)
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(number) for number, _ in table.rows[:20]])
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()
        self.message.setText(f"{len(table.rows):,} rows, {len(table.header)} columns (the first 20 rows shown).")
        self.completeChanged.emit()

    def _fill_sheets(self, path: Path) -> None:
        try:
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True)
            names = list(workbook.sheetnames)
            workbook.close()
        except Exception:  # an unreadable workbook is reported by read_table's one line
            return
        self.sheet.blockSignals(True)
        self.sheet.addItems(names)
        self.sheet.setEnabled(True)
        self.sheet.blockSignals(False)

    def isComplete(self) -> bool:
        return self.owner.table is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Mapping")
        self.setSubTitle("Which column names the subject, and which facts each row states.")
        self.owner = wizard
        self.subject = QComboBox(self)
        self.match = _combo(self, ["label or alias", "IRI"])
        self.subject_class = QComboBox(self)
        self.labels = QTableWidget(0, 3, self)
        self.labels.setHorizontalHeaderLabels(["Column", "Kind", "Language"])
        self.facts = QTableWidget(0, 4, self)
        self.facts.setHorizontalHeaderLabels(["Link", "Object column", "Object is", "Class of a new object"])
        for table in (self.labels, self.facts):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
        self.quote = QComboBox(self)
        self.source_title = QLineEdit(self)
        self.source_title.setPlaceholderText("Title of the table's source (its file name if empty)")
        self.source_date = QLineEdit(self)
        self.source_date.setPlaceholderText("YYYY-MM-DD")
        add_label = QPushButton("Add Label Column", self)
        add_fact = QPushButton("Add Fact", self)
        remove = QPushButton("Remove Selected Lines", self)
        load = QPushButton("Load Mapping…", self)
        save = QPushButton("Save Mapping…", self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Subject column:", self.subject)
        form.addRow("Subject matched by:", self.match)
        form.addRow("Class of a new subject:", self.subject_class)
        form.addRow("Quote:", self.quote)
        form.addRow("Source title:", self.source_title)
        form.addRow("Source date:", self.source_date)
        buttons = QHBoxLayout()
        for button in (add_label, add_fact, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Labels and aliases:", self))
        layout.addWidget(self.labels, 1)
        layout.addWidget(QLabel("Facts (one line per link each row states):", self))
        layout.addWidget(self.facts, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        add_label.clicked.connect(lambda: self.add_label_line())
        add_fact.clicked.connect(lambda: self.add_fact_line())
        remove.clicked.connect(self._on_remove_clicked)
        load.clicked.connect(self._on_load_clicked)
        save.clicked.connect(self._on_save_clicked)

    def initializePage(self) -> None:
        table = self.owner.table
        assert table is not None
        columns = table.header
        self.subject.clear()
        self.subject.addItems(columns)
        self.subject_class.clear()
        self.subject_class.addItems([_NONE] + self.owner.class_names() + [_FROM_COLUMN + c for c in columns])
        self.quote.clear()
        self.quote.addItems([_ROW_TEXT, *columns])
        if self.owner.mapping is not None:
            self.show_mapping(self.owner.mapping)

    # -- lines ------------------------------------------------------------------------------
    def add_label_line(self, column: str | None = None, alias: bool = False, language: str | None = None) -> None:
        assert self.owner.table is not None
        row = self.labels.rowCount()
        self.labels.insertRow(row)
        self.labels.setCellWidget(row, 0, _combo(self.labels, self.owner.table.header, column))
        self.labels.setCellWidget(row, 1, _combo(self.labels, ["label", "alias"], "alias" if alias else "label"))
        self.labels.setItem(row, 2, QTableWidgetItem(language or ""))

    def add_fact_line(self, fact: FactMapping | None = None) -> None:
        table = self.owner.table
        assert table is not None
        links = self.owner.property_names() + [_FROM_COLUMN + c for c in table.header]
        row = self.facts.rowCount()
        self.facts.insertRow(row)
        link = None
        kind = "entity"
        cls = _NONE
        if fact is not None:
            link = (_FROM_COLUMN + fact.predicate.column if fact.predicate.column
                    else self.owner.name_of(fact.predicate.value or ""))
            kind = next((k for k, d in _KINDS.items() if d == fact.object.datatype), "text") if fact.object.is_literal else "entity"
            if fact.object.cls is not None:
                cls = (_FROM_COLUMN + fact.object.cls.column if fact.object.cls.column
                       else self.owner.name_of(fact.object.cls.value or ""))
        self.facts.setCellWidget(row, 0, _combo(self.facts, links, link))
        self.facts.setCellWidget(row, 1, _combo(self.facts, table.header, fact.object.column if fact else None))
        self.facts.setCellWidget(row, 2, _combo(self.facts, list(_KINDS), kind))
        self.facts.setCellWidget(row, 3, _combo(self.facts, [_NONE] + self.owner.class_names()
                                                + [_FROM_COLUMN + c for c in table.header], cls))

    def _on_remove_clicked(self) -> None:
        for table in (self.labels, self.facts):
            for row in sorted({index.row() for index in table.selectedIndexes()}, reverse=True):
                table.removeRow(row)

    # -- mapping ----------------------------------------------------------------------------
    def _choice(self, text: str) -> ColumnOrValue | None:
        if text == _NONE or not text:
            return None
        if text.startswith(_FROM_COLUMN):
            return ColumnOrValue(column=text.removeprefix(_FROM_COLUMN))
        return ColumnOrValue(value=self.owner.iri_of(text))

    def mapping(self) -> TableMapping:
        def widget(table: QTableWidget, row: int, column: int) -> QComboBox:
            box = table.cellWidget(row, column)
            assert isinstance(box, QComboBox)
            return box

        mapping = TableMapping(subject_column=self.subject.currentText(),
                               subject_match="iri" if self.match.currentText() == "IRI" else "label",
                               subject_class=self._choice(self.subject_class.currentText()))
        for row in range(self.labels.rowCount()):
            language = (self.labels.item(row, 2).text().strip() if self.labels.item(row, 2) else "") or None
            item = LabelMapping(widget(self.labels, row, 0).currentText(), language)
            (mapping.aliases if widget(self.labels, row, 1).currentText() == "alias" else mapping.labels).append(item)
        for row in range(self.facts.rowCount()):
            predicate = self._choice(widget(self.facts, row, 0).currentText())
            if predicate is None:
                continue
            kind = widget(self.facts, row, 2).currentText()
            mapping.facts.append(FactMapping(predicate, ObjectMapping(
                widget(self.facts, row, 1).currentText(), self._choice(widget(self.facts, row, 3).currentText()),
                _KINDS[kind])))
        quote = self.quote.currentText()
        mapping.quote_column = None if quote == _ROW_TEXT else quote
        mapping.source_title = self.source_title.text().strip() or None
        mapping.source_date = self.source_date.text().strip() or None
        if self.owner.mapping is not None:
            mapping.choices = dict(self.owner.mapping.choices)
        return mapping

    def show_mapping(self, mapping: TableMapping) -> None:
        self.subject.setCurrentText(mapping.subject_column)
        self.match.setCurrentText("IRI" if mapping.subject_match == "iri" else "label or alias")
        cls = mapping.subject_class
        self.subject_class.setCurrentText(_NONE if cls is None else _FROM_COLUMN + cls.column if cls.column
                                          else self.owner.name_of(cls.value or ""))
        self.labels.setRowCount(0)
        for item in mapping.labels:
            self.add_label_line(item.column, False, item.language)
        for item in mapping.aliases:
            self.add_label_line(item.column, True, item.language)
        self.facts.setRowCount(0)
        for fact in mapping.facts:
            self.add_fact_line(fact)
        self.quote.setCurrentText(mapping.quote_column or _ROW_TEXT)
        self.source_title.setText(mapping.source_title or "")
        self.source_date.setText(mapping.source_date or "")

    def _on_load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load a Mapping", self.owner.last_folder, "Mappings (*.json)")
        if not path:
            return
        try:
            self.owner.mapping = TableMapping.load(path)
        except MappingError as error:
            self.message.setText(str(error))
            return
        self.show_mapping(self.owner.mapping)
        self.message.setText(f"Mapping loaded from {path}.")

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the Mapping", self.owner.last_folder, "Mappings (*.json)")
        if path:
            try:
                self.mapping().save(path)
            except (OSError, ExplorerError) as error:
                self.message.setText(f"{path}: cannot save the mapping ({error})")
                return
            self.message.setText(f"Mapping saved to {path}; `kg-explorer import TABLE --mapping {Path(path).name}` reuses it.")

    def validatePage(self) -> bool:
        mapping = self.mapping()
        if not mapping.facts and not mapping.labels and not mapping.aliases and mapping.subject_class is None:
            self.message.setText("Map at least one fact, label or the subject's class.")
            return False
        self.owner.mapping = mapping
        return True


class CheckPage(QWizardPage):
    def __init__(self, wizard: TableImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Check")
        self.setSubTitle("Every row is checked before anything is added.")
        self.owner = wizard
        self.progress = QProgressBar(self)
        self.cancel = QPushButton("Cancel Check", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3, self)
        self.problems.setHorizontalHeaderLabels(["Row", "Why it is refused", "Choose"])
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems.verticalHeader().setVisible(False)
        self.recheck = QPushButton("Check Again with These Choices", self)
        self.good_rows = QRadioButton("Import the good rows, leave the refused ones out", self)
        self.nothing = QRadioButton("Import nothing while any row is refused", self)
        self.good_rows.setChecked(True)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.recheck)
        layout.addWidget(self.good_rows)
        layout.addWidget(self.nothing)
        self.cancel.clicked.connect(self._on_cancel_clicked)
        self.recheck.clicked.connect(self._on_recheck_clicked)
        self.nothing.toggled.connect(lambda _: self.completeChanged.emit())
        self._task: Task | None = None
        self._built: ChangeSet | None = None
        self.plan: ImportPlan | None = None

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        assert self.owner.table is not None and self.owner.mapping is not None
        self.plan = None
        self.problems.setRowCount(0)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel.setVisible(True)
        self.summary.setText("Checking the rows…")
        self._task = run_task(plan_import, self.owner.table, self.owner.mapping, self.owner.context())
        self._task.sig_progress.connect(self._on_task_progress)
        self._task.sig_finished.connect(self._on_task_finished)
        self._task.sig_failed.connect(self._on_task_failed)
        self._task.sig_cancelled.connect(self._on_task_cancelled)
        self.completeChanged.emit()

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _on_task_progress(self, fraction: float | None, message: str) -> None:
        if fraction is not None:
            self.progress.setValue(int(fraction * 100))
        self.summary.setText(message)

    def _done(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.cancel.setVisible(False)
        self.completeChanged.emit()

    def _on_task_failed(self, message: str) -> None:
        self._done()
        self.summary.setText(message)

    def _on_task_cancelled(self) -> None:
        self._done()
        self.summary.setText("Check cancelled: nothing will be imported (Back, then Next, checks again).")

    def _on_task_finished(self, plan: ImportPlan) -> None:
        self._done()
        self.plan = plan
        refused = len({p.row for p in plan.problems})
        good = plan.without_refused_rows()
        self.summary.setText(f"{plan.rows_read:,} rows: {len(good.facts):,} facts and {len(good.new_entities):,} new "
                             f"entities from the good rows; {refused:,} row(s) refused.")
        self.problems.setRowCount(len(plan.problems))
        for row, problem in enumerate(plan.problems):
            self.problems.setItem(row, 0, QTableWidgetItem(str(problem.row)))
            self.problems.setItem(row, 1, QTableWidgetItem(problem.reason))
            if problem.candidates:
                box = QComboBox(self.problems)
                box.addItem("(leave refused)", None)
                for iri in problem.candidates:
                    box.addItem(f"{self.owner.kg.label(iri)} — {self.owner.kg.qname(iri)}", iri)
                box.setProperty("name", problem.reason.split("'")[1] if "'" in problem.reason else "")
                self.problems.setCellWidget(row, 2, box)
        self.recheck.setVisible(any(p.candidates for p in plan.problems))
        self.completeChanged.emit()

    def _on_recheck_clicked(self) -> None:
        assert self.owner.mapping is not None
        for row in range(self.problems.rowCount()):
            box = self.problems.cellWidget(row, 2)
            if isinstance(box, QComboBox) and box.currentData() is not None:
                self.owner.mapping.choices[str(box.property("name"))] = str(box.currentData())
        self.start()

    def isComplete(self) -> bool:
        if self._task is not None or self.plan is None:
            return False
        return not (self.nothing.isChecked() and self.plan.problems)

    def validatePage(self) -> bool:
        """Finish: build the change in a worker (progress, Cancel), then apply it as one step."""
        if self._built is not None:
            change, self._built = self._built, None
            error = self.owner.apply(change)
            if error:
                self.summary.setText(error)
                return False
            return True
        if self._task is not None:
            return False
        assert self.plan is not None and self.owner.mapping is not None
        plan = self.plan.without_refused_rows() if self.plan.problems else self.plan
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel.setVisible(True)
        self.summary.setText("Building the facts and their evidence…")
        self._task = run_task(self.owner.build, plan, self.owner.mapping)
        self._task.sig_progress.connect(self._on_task_progress)
        self._task.sig_finished.connect(self._on_built)
        self._task.sig_failed.connect(self._on_task_failed)
        self._task.sig_cancelled.connect(self._on_build_cancelled)
        self.completeChanged.emit()
        return False

    def _on_built(self, change: ChangeSet) -> None:
        self._done()
        self._built = change
        self.owner.button(QWizard.WizardButton.FinishButton).click()  # now applies the built change

    def _on_build_cancelled(self) -> None:
        self._done()
        self.summary.setText("Import cancelled: the graph is unchanged.")


class TableImportWizard(QWizard):
    """From a spreadsheet to the analyst's edits, every fact with its row as evidence."""

    def __init__(self, kg: KnowledgeGraph, build: BuildChange, apply: ApplyChange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TableImportWizard")
        self.setWindowTitle("Import a Spreadsheet")
        self.kg = kg
        self.build = build
        self.apply = apply
        self.table: Table | None = None
        self.mapping: TableMapping | None = None
        self._context: ImportContext | None = None
        self._classes: dict[str, str] | None = None
        self._properties: dict[str, str] | None = None
        stored = _settings()
        self.last_folder = str(stored.value("TableImport/folder", ""))
        geometry = stored.value("TableImport/geometry")
        self.table_page = TablePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        for page in (self.table_page, self.mapping_page, self.check_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Import")
        self.resize(900, 640)
        if geometry is not None:
            self.restoreGeometry(geometry)

    def done(self, result: int) -> None:
        stored = _settings()
        stored.setValue("TableImport/folder", self.last_folder)
        stored.setValue("TableImport/geometry", self.saveGeometry())
        if self.check_page._task is not None:
            self.check_page._task.cancel()
        super().done(result)

    def context(self) -> ImportContext:
        if self._context is None:
            self._context = context_from_graph(self.kg)
        return self._context

    def _names(self, iris: set[str]) -> dict[str, str]:
        named: dict[str, str] = {}
        for iri in sorted(iris):
            label = self.kg.label(iri)
            if ":" not in label:  # capitalised like the Browser; a prefixed name stays as it is
                label = label[:1].upper() + label[1:]
            name = f"{label} ({self.kg.qname(iri)})"
            named[name] = iri
        return dict(sorted(named.items(), key=lambda item: item[0].casefold()))

    def class_names(self) -> list[str]:
        if self._classes is None:
            self._classes = self._names(self.context().classes)
        return list(self._classes)

    def property_names(self) -> list[str]:
        if self._properties is None:
            self._properties = self._names(self.context().properties)
        return list(self._properties)

    def iri_of(self, name: str) -> str:
        return {**(self._classes or {}), **(self._properties or {})}.get(name, name)

    def name_of(self, value: str) -> str:
        iri = self.kg.expand(value) or value
        for name, known in {**(self._classes or {}), **(self._properties or {})}.items():
            if known == iri:
                return name
        return value

    def open_path(self, path: str | Path) -> None:
        """Start on a given table (drag and drop, tests)."""
        self.table_page.path.setText(str(path))
        self.table_page.load()

