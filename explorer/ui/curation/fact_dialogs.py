"""Add Fact, Edit Fact and Retract Fact dialogs.

Subject and object are chosen by search (or created on the spot with "New…"); the predicate
list offers what the ontology's domains and ranges allow for the chosen classes, most likely
first; a datatype property takes a value typed by its range (a number, a date, a year, text
in a language).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from rdflib import URIRef
from rdflib.term import Node

import explorer.core.curation.store_access as store_access
from explorer.core.changes import ChangeSet
from explorer.core.curation import CurationError, Curator, PropertyInfo, Value
from explorer.core.errors import ExplorerError
from explorer.core.vocab import SCHEMA_PREDICATES
from explorer.ui.curation.entity_dialogs import CurationDialog
from explorer.ui.curation.evidence_widget import EvidenceWidget
from explorer.ui.paths.path_finder import EntityPickerWidget

#: Asks the controller to create an entity on the spot (the label typed so far); returns its IRI.
CreateEntity = Callable[[str], "str | None"]
Fact = tuple[Node, Node, Node]


def _picker_row(picker: EntityPickerWidget, create: CreateEntity | None) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(picker, 1)
    if create is not None:
        button = QPushButton("New…")
        button.setToolTip("Create the entity now (Add Entity), then use it here")

        def on_new() -> None:
            created = create(picker.text().strip())
            if created:
                picker.set_entity(created)

        button.clicked.connect(on_new)
        row.addWidget(button)
    return row


class FactDialog(CurationDialog):
    """Add a fact, or (given ``fact``) edit one: subject, predicate, object or value, evidence."""

    state_key = "curation/fact"

    def __init__(self, curator: Curator, settings: QSettings, parent: QWidget | None = None, *,
                 subject: str | None = None, obj: str | None = None, fact: Fact | None = None,
                 create_entity: CreateEntity | None = None) -> None:
        super().__init__(curator, settings, "Edit Fact" if fact else "Add Fact", parent)
        self.setObjectName("EditFactDialog" if fact else "AddFactDialog")
        self.fact = fact
        self.subject_picker = EntityPickerWidget("Subject…")
        self.subject_picker.setObjectName("SubjectPicker")
        self.object_picker = EntityPickerWidget("Object…")
        self.object_picker.setObjectName("ObjectPicker")
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("ValueEdit")
        self.language_edit = QLineEdit("en")
        self.language_edit.setMaximumWidth(60)
        self.language_edit.setToolTip("Language of a text value")
        self.predicate_combo = QComboBox()
        self.predicate_combo.setObjectName("PredicateCombo")
        self.predicate_help = QLabel()
        self.predicate_help.setWordWrap(True)
        self.predicate_help.setObjectName("PredicateHelp")
        for picker in (self.subject_picker, self.object_picker):
            picker.set_graph(curator.kg)
            picker.sig_entity_changed.connect(self._on_ends_changed)
        if fact is not None:
            subject, obj = str(fact[0]), str(fact[2]) if isinstance(fact[2], URIRef) else None
            self.subject_picker.setEnabled(False)
            if not isinstance(fact[2], URIRef):
                self.value_edit.setText(str(fact[2]))
        if subject:
            self.subject_picker.set_entity(subject)
        if obj:
            self.object_picker.set_entity(obj)
        self.value_row = QWidget()
        value_layout = QHBoxLayout(self.value_row)
        value_layout.setContentsMargins(0, 0, 0, 0)
        value_layout.addWidget(self.value_edit, 1)
        value_layout.addWidget(self.language_edit)
        self.object_row = QWidget()
        self.object_row.setLayout(_picker_row(self.object_picker, create_entity))
        self.object_row.layout().setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        if fact is not None:
            form.addRow(QLabel(f"Replacing: {curator._words(fact)}"))
        form.addRow("Subject:", _picker_row(self.subject_picker, create_entity if fact is None else None))
        form.addRow("&Predicate:", self.predicate_combo)
        form.addRow("", self.predicate_help)
        form.addRow("&Object:", self.object_row)
        form.addRow("&Value:", self.value_row)
        self.form = form
        self.body.addLayout(form)
        self.evidence = EvidenceWidget("Evidence")
        self.evidence.set_graph(curator.kg)
        self.body.addWidget(self.evidence)
        self.finish_layout()
        self.evidence.restore_state(settings, self.state_key)
        self.predicate_combo.currentIndexChanged.connect(self._on_predicate_changed)
        self._on_ends_changed()
        if fact is not None:
            index = self.predicate_combo.findData(str(fact[1]))
            if index >= 0:
                self.predicate_combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ predicates
    def _entity_or_none(self, picker: EntityPickerWidget) -> str | None:
        try:
            return picker.entity()
        except ExplorerError:
            return None

    def _on_ends_changed(self, _entity: str = "") -> None:
        subject, obj = self._entity_or_none(self.subject_picker), self._entity_or_none(self.object_picker)
        chosen = self.predicate_combo.currentData()
        self.predicate_combo.blockSignals(True)
        self.predicate_combo.clear()
        options: list[PropertyInfo] = []
        if subject is not None:
            try:
                options = self.curator.suggest_predicates(subject, obj)
                if obj is None:
                    options += self.curator.suggest_predicates(subject, literal=True)
            except ExplorerError:
                options = []
        for info in options:
            kind = "value" if info.is_literal else "link"
            self.predicate_combo.addItem(f"{info.label}  ({kind})", info.iri)
        index = self.predicate_combo.findData(chosen)
        self.predicate_combo.setCurrentIndex(max(index, 0))
        self.predicate_combo.blockSignals(False)
        self._on_predicate_changed()

    def selected_predicate(self) -> PropertyInfo:
        iri = self.predicate_combo.currentData()
        if not iri:
            raise CurationError("predicate: choose the subject (and object) first, then a predicate")
        return self.curator.schema.properties[str(iri)]

    def _on_predicate_changed(self, _index: int = 0) -> None:
        try:
            info = self.selected_predicate()
        except CurationError:
            self.predicate_help.setText("")
            self._show_rows(literal=False)
            return
        shown = self.curator.schema.label
        domain = shown(info.domain) if info.domain else "anything"
        target = (shown(info.range) if info.range and not info.is_literal
                  else (info.range or "text").rsplit("#", 1)[-1]) if info.range else "anything"
        self.predicate_help.setText(f"{domain} → {target}. {info.comment}".strip())
        self._show_rows(literal=info.is_literal)

    def _show_rows(self, *, literal: bool) -> None:
        self.form.setRowVisible(self.object_row, not literal)
        self.form.setRowVisible(self.value_row, literal)

    # ------------------------------------------------------------------ the change
    def build(self) -> ChangeSet:
        info = self.selected_predicate()
        subject = self.subject_picker.entity()
        value = (Value(text=self.value_edit.text(), language=self.language_edit.text().strip() or None)
                 if info.is_literal else Value(entity=self.object_picker.entity()))
        evidence = self.evidence.spec()
        if self.fact is not None:
            return self.curator.edit_fact(self.fact, info.iri, value, evidence=evidence)
        return self.curator.add_fact(subject, info.iri, value, evidence=evidence)

    def save_state(self) -> None:
        super().save_state()
        self.evidence.save_state(self.settings, self.state_key)


def facts_of(curator: Curator, entity: str) -> list[tuple[str, Fact]]:
    """The facts an entity is the subject or object of, in words (for Edit and Retract)."""
    kg = curator.kg
    found: list[tuple[str, Fact]] = []
    node = URIRef(entity)
    for s, p, o in store_access.triples(kg, node, None, None):
        if str(p) in SCHEMA_PREDICATES or str(p).startswith("http://www.w3.org/2000/01/rdf-schema#label"):
            continue
        if str(p) not in curator.schema.properties:
            continue
        found.append((curator._words((s, p, o)), (s, p, o)))
    for s, p, o in store_access.triples(kg, None, None, node):
        if str(p) in curator.schema.properties and not kg.is_evidence_record(str(s)):
            found.append((curator._words((s, p, o)), (s, p, o)))
    return sorted(found, key=lambda item: item[0].casefold())


class RetractFactDialog(CurationDialog):
    """Retract a fact of an entity: the fact and its evidence go; who did it, when and why is recorded."""

    state_key = "curation/retract"

    def __init__(self, curator: Curator, settings: QSettings, parent: QWidget | None = None, *,
                 entity: str | None = None, choose_only: bool = False) -> None:
        super().__init__(curator, settings, "Choose the Fact to Edit" if choose_only else "Retract Fact", parent)
        self.setObjectName("ChooseFactDialog" if choose_only else "RetractFactDialog")
        self.choose_only = choose_only
        self.entity_picker = EntityPickerWidget("Entity…")
        self.entity_picker.set_graph(curator.kg)
        self.fact_combo = QComboBox()
        self.fact_combo.setObjectName("FactCombo")
        self.entity_picker.sig_entity_changed.connect(self._on_entity_changed)
        form = QFormLayout()
        form.addRow("&Entity:", self.entity_picker)
        form.addRow("&Fact:", self.fact_combo)
        self.body.addLayout(form)
        self.evidence = EvidenceWidget("Why it is retracted")
        self.evidence.set_graph(curator.kg)
        self.body.addWidget(self.evidence)
        self.evidence.setVisible(not choose_only)
        self.finish_layout()
        if entity:
            self.entity_picker.set_entity(entity)

    def _on_entity_changed(self, entity: str) -> None:
        self.fact_combo.clear()
        self._facts = facts_of(self.curator, entity)
        for words, _fact in self._facts:
            self.fact_combo.addItem(words)

    def chosen_fact(self) -> Fact:
        index = self.fact_combo.currentIndex()
        if index < 0 or not getattr(self, "_facts", None):
            raise CurationError("fact: choose an entity, then one of its facts")
        return self._facts[index][1]

    def build(self) -> ChangeSet:
        if self.choose_only:
            self.chosen_fact()
            return ChangeSet()
        return self.curator.retract_fact(self.chosen_fact(), reason=self.evidence.spec())
