"""The table of suggested facts in the article review: tick, sort, edit the ends and the link."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.core.curation.schema import OntologySchema
from explorer.core.extraction.ner import NER_MARK
from explorer.core.extraction.readings import ANNOUNCED_MARK
from explorer.core.extraction.span_model import names_itself
from explorer.core.extraction.suggest import Suggestion
from explorer.services.importing.new_entities import NewEntities
from explorer.services.importing.suggestions import from_model as _from_model
from explorer.services.importing.suggestions import is_announced as _is_announced

Index = QModelIndex | QPersistentModelIndex
#: The note a new end's name is shown with ("  (new company)"), taken off a name typed back
_NEW_NOTE = re.compile(r"\s+\(new(?: [^()]*)?\)$")

COLUMNS = ("", "Confidence", "Subject", "Link", "Object", "Sentence", "Pattern")
TICK, CONFIDENCE, SUBJECT, LINK, OBJECT, SENTENCE, PATTERN = range(len(COLUMNS))
#: The Pattern column's tooltip for a fact the bundled trained relation model suggested ("[model] supplied by").
MODEL_NOTE = ("Suggested by the bundled trained model: no pattern of the ontology fired; the words between the two "
              "names are shown. Confidence is how often the model's facts were right on articles it was not trained on.")
#: Said of a model's fact with an end the span model named itself (``names_itself``): no cue of the ontology named it.
SPAN_NOTE = "The model also found the name “{}” itself: no name cue of the ontology marks it, so check where it starts and ends."


class SuggestionTableModel(QAbstractTableModel):
    """Suggestions with a tick each; subject and object names and the link can be edited.

    A new end is shown with the class it will be created with: the one all its facts allow when the row is accepted with
    the rows ticked now (accepting decides it the same way), so ticking a row can change another's."""

    def __init__(self, link_words: dict[str, str] | None = None, entity_labels: dict[str, str] | None = None,
                 schema: OntologySchema | None = None) -> None:
        super().__init__()
        self._rows: list[Suggestion] = []
        self._ticked: list[bool] = []
        self.link_words = link_words or {}
        self.entity_labels = entity_labels or {}
        self._schema = schema
        #: per row, the classes of its new subject and object (None for a known end), as the ticked rows stand
        self._new_classes: dict[int, list[str | None]] = {}
        self._ticked_entities: NewEntities | None = None

    # -- content ----------------------------------------------------------------------------
    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self._ticked = [False] * len(self._rows)
        self._forget_classes()
        self.endResetModel()

    def suggestion(self, row: int) -> Suggestion:
        return self._rows[row]

    def ticked(self) -> list[int]:
        return [row for row, on in enumerate(self._ticked) if on]

    @staticmethod
    def announced(suggestion: Suggestion) -> bool:
        """Whether the fact is announced for the future ("will deploy"), not told as done."""
        return _is_announced(suggestion)

    @staticmethod
    def from_model(suggestion: Suggestion) -> bool:
        """Whether the bundled trained relation model suggested the fact (its pattern starts "[model]")."""
        return _from_model(suggestion)

    def tick_at_least(self, confidence: float) -> int:
        for row, suggestion in enumerate(self._rows):
            self._ticked[row] = suggestion.confidence >= confidence
        self._ticks_changed()
        return sum(self._ticked)

    def set_all_ticked(self, on: bool) -> None:
        self._ticked = [on] * len(self._rows)
        self._ticks_changed()

    def _ticks_changed(self) -> None:
        self._forget_classes()
        if self._rows:
            self.dataChanged.emit(self.index(0, TICK), self.index(len(self._rows) - 1, OBJECT))

    def _forget_classes(self) -> None:
        self._new_classes.clear()
        self._ticked_entities = None

    def new_classes(self, row: int) -> list[str | None]:
        """The classes the row's new subject and object are created with (None for a known end) were it accepted with
        the rows ticked now."""
        if self._schema is None:
            return [None, None]
        if row not in self._new_classes:
            suggestion = self._rows[row]
            if self._ticked[row]:
                if self._ticked_entities is None:
                    self._ticked_entities = NewEntities(self._schema, [self._rows[r] for r in self.ticked()])
                entities = self._ticked_entities
            else:
                entities = NewEntities(self._schema, [*(self._rows[r] for r in self.ticked()), suggestion])
            self._new_classes[row] = [new[1] if new is not None else None for new in entities.of(suggestion)]
        return self._new_classes[row]

    def new_end_note(self, row: int, subject: bool) -> str:
        """"new organization": what a new end is created as; "" for a known one."""
        suggestion = self._rows[row]
        if (suggestion.subject if subject else suggestion.object).iri is not None:
            return ""
        cls = self.new_classes(row)[0 if subject else 1]
        return f"new {self._schema.label(cls).lower()}" if cls and self._schema is not None else "new"

    def remove_rows(self, rows: list[int]) -> list[Suggestion]:
        removed = []
        for row in sorted(rows, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            removed.append(self._rows.pop(row))
            self._ticked.pop(row)
            self._forget_classes()
            self.endRemoveRows()
        return list(reversed(removed))

    def _changed_column(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def end_text(self, suggestion: Suggestion, subject: bool) -> str:
        mention = suggestion.subject if subject else suggestion.object
        if mention.iri is not None:
            return self.entity_labels.get(mention.iri, mention.label or mention.text)
        return mention.label or mention.text

    # -- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TICK:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (SUBJECT, OBJECT):
            suggestion = self._rows[index.row()]
            mention = suggestion.subject if index.column() == SUBJECT else suggestion.object
            if mention.iri is None:  # a new entity's name can be corrected; a known one is what it is
                return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == LINK:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        suggestion = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == TICK:
            return Qt.CheckState.Checked if self._ticked[index.row()] else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == CONFIDENCE:
                return f"{suggestion.confidence:.2f}" if role == Qt.ItemDataRole.DisplayRole else suggestion.confidence
            if column in (SUBJECT, OBJECT):
                subject = column == SUBJECT
                note = self.new_end_note(index.row(), subject) if role == Qt.ItemDataRole.DisplayRole else ""
                return self.end_text(suggestion, subject) + (f"  ({note})" if note else "")
            if column == LINK:
                return self.link_words.get(suggestion.predicate, suggestion.predicate.rsplit("#", 1)[-1])
            if column == SENTENCE:
                return suggestion.sentence.number
            if column == PATTERN:
                return suggestion.pattern + (f"  {ANNOUNCED_MARK}" if self.announced(suggestion) else "")
        if role == Qt.ItemDataRole.UserRole and column == LINK:
            return suggestion.predicate
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [self.data(index)] if column in (SUBJECT, OBJECT) else []  # a long name is cut in its column
            if column == PATTERN and NER_MARK in suggestion.pattern:
                notes.append("An end of this fact was found by the NER pipeline named in Preferences, not by the "
                             "ontology's names and cues: check it.")
            if column == PATTERN and self.from_model(suggestion):
                notes.append(MODEL_NOTE)
                notes += [SPAN_NOTE.format(end.text) for end in (suggestion.subject, suggestion.object) if names_itself(end)]
            if self.announced(suggestion):
                notes.append("Announced, not yet done: the sentence says this will happen. Accepted, it is recorded "
                             "as a fact with this sentence as its quote.")
            return "\n\n".join([*notes, suggestion.sentence.text])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CONFIDENCE, SENTENCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == TICK:
            self._ticked[row] = Qt.CheckState(value) == Qt.CheckState.Checked
            self._ticks_changed()
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        suggestion = self._rows[row]
        text = _NEW_NOTE.sub("", str(value)).strip()
        if column in (SUBJECT, OBJECT) and text:
            if column == SUBJECT:
                suggestion = replace(suggestion, subject=replace(suggestion.subject, label=text))
            else:
                suggestion = replace(suggestion, object=replace(suggestion.object, label=text))
        elif column == LINK and text:
            predicate = next((iri for iri, words in self.link_words.items() if words == text), text)
            suggestion = replace(suggestion, predicate=predicate)
        else:
            return False
        self._rows[row] = suggestion
        self._forget_classes()
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        return True
