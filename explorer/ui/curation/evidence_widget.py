"""The evidence part of every curation dialog: a quote from a source, or background knowledge."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.core.curation import Background, CurationError, EvidenceSpec, NewSource, Quoted
from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import KG

NEW_SOURCE = "__new__"
SOURCE_KINDS = (("Report", str(KG.Report)), ("News article", str(KG.NewsArticle)),
                ("Quoted statement", str(KG.Statement)), ("Other source", str(KG.Source)))


def sources_in(kg: KnowledgeGraph, limit: int = 500) -> list[tuple[str, str]]:
    """The graph's sources (kg:Source) as (label, IRI), by label."""
    try:
        rows = kg.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{KG.Source}> }} LIMIT {limit}").rows
    except ExplorerError:
        return []
    found = [(kg.label(str(row[0])), str(row[0])) for row in rows if row[0] is not None]
    return sorted(found, key=lambda item: item[0].casefold())


class EvidenceWidget(QGroupBox):
    """Where the fact comes from: a source and its verbatim words, or why it is background knowledge."""

    def __init__(self, title: str = "Evidence", parent: QWidget | None = None, *, background_reason: str = "") -> None:
        super().__init__(title, parent)
        self.setObjectName("EvidenceWidget")
        self.quoted_radio = QRadioButton("&Quoted from a source")
        self.background_radio = QRadioButton("&Background knowledge")
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.quoted_radio)
        self._modes.addButton(self.background_radio)
        modes = QHBoxLayout()
        modes.addWidget(self.quoted_radio)
        modes.addWidget(self.background_radio)
        modes.addStretch(1)

        self.source_combo = QComboBox()
        self.source_combo.setObjectName("SourceCombo")
        self.quote_edit = QPlainTextEdit()
        self.quote_edit.setObjectName("QuoteEdit")
        self.quote_edit.setPlaceholderText("The source's words, verbatim")
        self.quote_edit.setFixedHeight(64)
        self.sentence_spin = QSpinBox()
        self.sentence_spin.setRange(0, 1_000_000)
        self.sentence_spin.setSpecialValueText("not given")
        self.page_spin = QSpinBox()
        self.page_spin.setRange(0, 100_000)
        self.page_spin.setSpecialValueText("not given")
        place = QHBoxLayout()
        place.addWidget(self.sentence_spin)
        place.addWidget(self.page_spin)

        self.new_source = QWidget()
        self.new_source.setObjectName("NewSourceFields")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title of the document")
        self.kind_combo = QComboBox()
        for text, iri in SOURCE_KINDS:
            self.kind_combo.addItem(text, iri)
        self.publisher_edit = QLineEdit()
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("YYYY-MM-DD, YYYY-MM or YYYY")
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("A text file of the document: quotes are checked in it")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        new_form = QFormLayout(self.new_source)
        new_form.setContentsMargins(0, 0, 0, 0)
        new_form.addRow("Title:", self.title_edit)
        new_form.addRow("Kind:", self.kind_combo)
        new_form.addRow("Publisher:", self.publisher_edit)
        new_form.addRow("Date:", self.date_edit)
        new_form.addRow("URL:", self.url_edit)
        new_form.addRow("File:", file_row)

        self.quoted = QWidget()
        quoted_form = QFormLayout(self.quoted)
        quoted_form.setContentsMargins(0, 0, 0, 0)
        quoted_form.addRow("&Source:", self.source_combo)
        quoted_form.addRow(self.new_source)
        quoted_form.addRow("Q&uote:", self.quote_edit)
        quoted_form.addRow("Sentence / page:", place)

        self.reason_edit = QLineEdit(background_reason)
        self.reason_edit.setObjectName("ReasonEdit")
        self.reason_edit.setPlaceholderText("Why may this be assumed without a source?")
        self.background = QWidget()
        background_form = QFormLayout(self.background)
        background_form.setContentsMargins(0, 0, 0, 0)
        background_form.addRow("&Reason:", self.reason_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(modes)
        layout.addWidget(self.quoted)
        layout.addWidget(self.background)
        self.quoted_radio.toggled.connect(self._on_mode_toggled)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        self.background_radio.setChecked(True)
        self._on_mode_toggled()

    # ------------------------------------------------------------------ content
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        current = self.source_combo.currentData()
        self.source_combo.clear()
        for label, iri in sources_in(kg) if kg is not None else []:
            self.source_combo.addItem(label, iri)
        self.source_combo.addItem("New source…", NEW_SOURCE)
        index = self.source_combo.findData(current)
        self.source_combo.setCurrentIndex(index if index >= 0 else 0)
        self._on_source_changed()

    def spec(self) -> EvidenceSpec:
        """The evidence as entered; a clear error names the missing field."""
        if self.background_radio.isChecked():
            reason = self.reason_edit.text().strip()
            if not reason:
                raise CurationError("reason: say why this is background knowledge")
            return Background(reason)
        quote = self.quote_edit.toPlainText().strip()
        if not quote:
            raise CurationError("quote: enter the source's words, verbatim (or choose background knowledge)")
        data = self.source_combo.currentData()
        source: str | NewSource
        if data == NEW_SOURCE:
            source = NewSource(self.title_edit.text(), kind=self.kind_combo.currentData(),
                               publisher=self.publisher_edit.text() or None, date=self.date_edit.text() or None,
                               url=self.url_edit.text() or None, file=self.file_edit.text() or None)
        elif data:
            source = str(data)
        else:
            raise CurationError("source: choose a source")
        return Quoted(source, quote, sentence=self.sentence_spin.value() or None, page=self.page_spin.value() or None)

    # ------------------------------------------------------------------ state
    def save_state(self, settings: QSettings, key: str) -> None:
        settings.setValue(f"{key}/quoted", self.quoted_radio.isChecked())
        settings.setValue(f"{key}/source", self.source_combo.currentData() or "")

    def restore_state(self, settings: QSettings, key: str) -> None:
        quoted = settings.value(f"{key}/quoted", False)
        (self.quoted_radio if str(quoted).lower() == "true" else self.background_radio).setChecked(True)
        index = self.source_combo.findData(settings.value(f"{key}/source", ""))
        if index >= 0:
            self.source_combo.setCurrentIndex(index)

    # ------------------------------------------------------------------ slots
    def _on_mode_toggled(self, _checked: bool = False) -> None:
        self.quoted.setVisible(self.quoted_radio.isChecked())
        self.background.setVisible(self.background_radio.isChecked())

    def _on_source_changed(self, _index: int = 0) -> None:
        self.new_source.setVisible(self.source_combo.currentData() == NEW_SOURCE)

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Text of the source", "", "Text files (*.txt);;All files (*)")
        if path:
            self.file_edit.setText(path)
