"""Find path…: how are two entities connected?

Two entity pickers with search completion, a mode (shortest, k shortest, all up to N
hops), the links allowed or excluded, classes to pass through or avoid, and the
direction. The search runs :func:`explorer.core.paths.find_paths` in a worker (a new
search cancels the previous one); the result goes to the Paths panel via
``sig_paths_found``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph, Stats
from explorer.core.paths import GraphPath, find_paths
from explorer.core.vocab import SCHEMA_PREDICATES
from explorer.ui.browser.search_results import SearchRow, search_rows
from explorer.ui.workers import LatestTaskRunner, Task

MODES = (("shortest", "Shortest paths"), ("k", "k shortest paths"), ("all", "All paths up to the hop limit"))
DIRECTIONS = (("both", "Either direction"), ("forward", "Along the links' direction"),
              ("backward", "Against the links' direction"))


class EntityPickerWidget(QLineEdit):
    """A line edit that suggests entities as the user types and remembers the one picked."""

    sig_entity_changed = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kg: KnowledgeGraph | None = None
        self._entity: str | None = None
        self._choices: dict[str, str] = {}
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(self.completer_)
        self._runner = LatestTaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._refresh)
        self.textEdited.connect(self._on_text_edited)
        self.completer_.activated.connect(self._on_completer_activated)

    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        self._kg = kg
        self.clear_entity()

    def clear_entity(self) -> None:
        self._entity = None
        self.clear()

    def set_entity(self, entity: str) -> None:
        """Pick ``entity`` (its label goes in the box)."""
        self._entity = entity
        self.setText(self._kg.label(entity) if self._kg else entity)
        self.sig_entity_changed.emit(entity)

    def entity(self) -> str:
        """The picked entity; typed text is resolved as IRI, prefixed name or label.

        Raises:
            ExplorerError: nothing typed, no match, or an ambiguous label (listing candidates).
        """
        if self._entity is not None:
            return self._entity
        text = self.text().strip()
        if not text:
            raise ExplorerError(f"{self.placeholderText().rstrip('…')}: choose an entity")
        if text in self._choices:
            return self._choices[text]
        if self._kg is None:
            raise ExplorerError("no graph is open")
        return self._kg.resolve(text)

    def _on_text_edited(self, _text: str) -> None:
        self._entity = None
        self._timer.start()

    def _refresh(self) -> None:
        text = self.text().strip()
        if self._kg is None or not text:
            self._model.setStringList([])
            return
        # A server's round trip, or the label index still being read after a load: never on the GUI thread.
        if self._kg.is_remote or not self._kg.labels_ready():
            task = self._runner.start(search_rows, self._kg, text, 12)
            task.sig_finished.connect(lambda rows, asked=text: self._show_rows(asked, rows))
            return
        self._show_rows(text, search_rows(self._kg, text, 12))

    def _show_rows(self, asked: str, rows: list[SearchRow]) -> None:
        if asked != self.text().strip():
            return  # typed on since
        self._choices = {row.text: row.entity for row in rows}
        self._model.setStringList([row.text for row in rows])
        self.completer_.complete()

    def _on_completer_activated(self, text: str) -> None:
        entity = self._choices.get(text)
        if entity is not None:
            self.set_entity(entity)


@dataclass
class PathQuery:
    """Everything the dialog asks for, ready for :func:`find_paths`."""

    source: str
    target: str
    mode: str = "shortest"
    k: int = 5
    max_hops: int = 6
    direction: str = "both"
    allowed_predicates: list[str] = field(default_factory=list)
    excluded_predicates: list[str] = field(default_factory=list)
    via_classes: list[str] = field(default_factory=list)
    avoid_classes: list[str] = field(default_factory=list)

    def run(self, kg: KnowledgeGraph, progress: object = None, cancel: object = None) -> list[GraphPath]:
        return find_paths(
            kg, self.source, self.target, mode=self.mode,  # type: ignore[arg-type]
            k=self.k, max_hops=self.max_hops, direction=self.direction,  # type: ignore[arg-type]
            allowed_predicates=self.allowed_predicates or None,
            excluded_predicates=self.excluded_predicates or None,
            via_classes=self.via_classes or None, avoid_classes=self.avoid_classes or None,
            progress=progress, cancel=cancel,  # type: ignore[arg-type]
        )

    def summary(self, kg: KnowledgeGraph, count: int) -> str:
        kind = {"shortest": "shortest", "k": f"{self.k} shortest", "all": f"all up to {self.max_hops} hops"}[self.mode]
        found = f"{count} path{'s' if count != 1 else ''}" if count else "No path"
        return f"{found} from {kg.label(self.source)} to {kg.label(self.target)} ({kind})"


def _checkable_list(parent: QWidget) -> QListWidget:
    widget = QListWidget(parent)
    widget.setMinimumHeight(90)
    return widget


def _checkable_item(text: str, iri: str, tooltip: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, iri)
    item.setToolTip(tooltip)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    return item


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class PathFinderDialog(QDialog):
    """Non-modal dialog: pick two entities and constraints, then Find."""

    sig_paths_found = Signal(object, list)  # PathQuery, list[GraphPath]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find Path")
        self.setObjectName("PathFinderDialog")
        self._kg: KnowledgeGraph | None = None
        self._runner = LatestTaskRunner(self)
        self.task: Task | None = None
        self.last_query: PathQuery | None = None

        self.source = EntityPickerWidget("From…", self)
        self.target = EntityPickerWidget("To…", self)
        self.swap_button = QPushButton("⇅ Swap", self)
        self.mode = QComboBox(self)
        for value, text in MODES:
            self.mode.addItem(text, value)
        self.k = QSpinBox(self)
        self.k.setRange(1, 100)
        self.k.setValue(5)
        self.max_hops = QSpinBox(self)
        self.max_hops.setRange(1, 20)
        self.max_hops.setValue(6)
        self.direction = QComboBox(self)
        for value, text in DIRECTIONS:
            self.direction.addItem(text, value)

        self.allowed = _checkable_list(self)
        self.excluded = _checkable_list(self)
        self.via = _checkable_list(self)
        self.avoid = _checkable_list(self)
        constraints = QTabWidget(self)
        for widget, title in ((self.allowed, "Only through links"), (self.excluded, "Never through links"),
                              (self.via, "Pass through classes"), (self.avoid, "Avoid classes")):
            constraints.addTab(widget, title)
        group = QGroupBox("Constraints (tick what applies; nothing ticked means no constraint)", self)
        group_layout = QVBoxLayout(group)
        group_layout.addWidget(constraints)

        form = QFormLayout()
        ends = QHBoxLayout()
        ends.addWidget(self.source, 1)
        ends.addWidget(self.swap_button)
        form.addRow("From", ends)
        form.addRow("To", self.target)
        form.addRow("Find", self.mode)
        form.addRow("How many (k)", self.k)
        form.addRow("Hop limit", self.max_hops)
        form.addRow("Direction", self.direction)

        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.find_button = self.buttons.addButton("Find", QDialogButtonBox.ButtonRole.AcceptRole)
        self.find_button.setDefault(True)
        self.stop_button = self.buttons.addButton("Stop", QDialogButtonBox.ButtonRole.ActionRole)
        self.stop_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 520)

        self.find_button.clicked.connect(self.find)
        self.stop_button.clicked.connect(self._runner.cancel)
        self.buttons.rejected.connect(self.reject)
        self.swap_button.clicked.connect(self._on_swap_button_clicked)
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self._runner.sig_busy_changed.connect(self._on_runner_busy_changed)
        self._on_mode_changed()

    # ------------------------------------------------------------------ public
    def set_graph(self, kg: KnowledgeGraph | None, stats: Stats | None = None) -> None:
        """Use ``kg``. The link lists come from ``stats``; without them a small graph is counted
        here, and a large one's lists wait for :meth:`set_statistics` (the window counts it in
        a worker)."""
        self._runner.cancel()
        self._kg = kg
        self.source.set_graph(kg)
        self.target.set_graph(kg)
        for widget in (self.allowed, self.excluded, self.via, self.avoid):
            widget.clear()
        if kg is None:
            return
        if stats is None and kg.statistics_are_quick():
            stats = kg.stats()
        if stats is not None:
            self._fill_links(kg, stats)
        classes = sorted((c for c in kg.class_hierarchy().values() if c.total_count > 0),
                         key=lambda c: c.label.casefold())
        for info in classes:
            for widget in (self.via, self.avoid):
                widget.addItem(_checkable_item(f"{info.label}  ({info.total_count:,})", info.iri, kg.qname(info.iri)))

    def set_statistics(self, stats: Stats) -> None:
        """Fill the link lists from counts that arrived after :meth:`set_graph` (ticks are kept)."""
        if self._kg is None:
            return
        checked = {widget: _checked(widget) for widget in (self.allowed, self.excluded)}
        for widget in (self.allowed, self.excluded):
            widget.clear()
        self._fill_links(self._kg, stats)
        for widget, ticked in checked.items():
            for row in range(widget.count()):
                item = widget.item(row)
                if item.data(Qt.ItemDataRole.UserRole) in ticked:
                    item.setCheckState(Qt.CheckState.Checked)

    def _fill_links(self, kg: KnowledgeGraph, stats: Stats) -> None:
        for iri, _label, uses in stats.predicates:
            if iri in SCHEMA_PREDICATES or kg.predicate_words(iri, True).startswith(("rdfs:", "skos:", "rdf:")):
                continue
            words = kg.predicate_words(iri, True)
            for widget in (self.allowed, self.excluded):
                widget.addItem(_checkable_item(f"{words}  ({uses:,})", iri, kg.qname(iri)))

    def set_ends(self, source: str | None = None, target: str | None = None) -> None:
        if source:
            self.source.set_entity(source)
        if target:
            self.target.set_entity(target)

    def query(self) -> PathQuery:
        """The search the dialog describes (raises ExplorerError for a missing or unknown entity)."""
        source, target = self.source.entity(), self.target.entity()
        if source == target:
            raise ExplorerError("From and To are the same entity")
        return PathQuery(
            source=source, target=target, mode=str(self.mode.currentData()), k=self.k.value(),
            max_hops=self.max_hops.value(), direction=str(self.direction.currentData()),
            allowed_predicates=_checked(self.allowed), excluded_predicates=_checked(self.excluded),
            via_classes=_checked(self.via), avoid_classes=_checked(self.avoid),
        )

    def find(self) -> Task | None:
        """Start the search in a worker; errors go to the status line."""
        if self._kg is None:
            self.status.setText("No graph is open.")
            return None
        try:
            query = self.query()
        except ExplorerError as error:
            self.status.setText(str(error))
            return None
        kg = self._kg
        self.last_query = query
        self.status.setText(f"Searching paths from {kg.label(query.source)} to {kg.label(query.target)}…")
        task = self._runner.start(query.run, kg)
        task.sig_progress.connect(self._on_task_progress)
        task.sig_finished.connect(lambda paths: self._on_task_finished(query, paths))
        task.sig_failed.connect(self.status.setText)
        task.sig_cancelled.connect(lambda: self.status.setText("Search stopped."))
        self.task = task
        return task

    # ------------------------------------------------------------------ slots
    def _on_task_progress(self, _fraction: float | None, message: str) -> None:
        if message:
            self.status.setText(f"{message}…")

    def _on_task_finished(self, query: PathQuery, paths: list[GraphPath]) -> None:
        assert self._kg is not None
        summary = query.summary(self._kg, len(paths))
        self.status.setText(summary + (" — shown in the Paths panel." if paths else
                                       ". Try a higher hop limit or fewer constraints."))
        self.sig_paths_found.emit(query, paths)

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.stop_button.setEnabled(busy)

    def _on_swap_button_clicked(self) -> None:
        source_entity, target_entity = self.source._entity, self.target._entity
        source_text, target_text = self.source.text(), self.target.text()
        self.source.setText(target_text)
        self.target.setText(source_text)
        self.source._entity, self.target._entity = target_entity, source_entity

    def _on_mode_changed(self, *_args: object) -> None:
        self.k.setEnabled(self.mode.currentData() == "k")
