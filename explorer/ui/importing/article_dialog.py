"""File ▸ Import ▸ Facts from an Article…: open or paste an article, review the suggested facts.

Suggestions are computed in a worker (names and patterns come from the open graph). Each row
shows the sentence with the subject, the object and the trigger words marked; the analyst edits
a new entity's name or the link, ticks rows one by one or by confidence, and accepts or rejects
the ticked ones. Accepted facts are handed to ``accept`` (the curation layer turns them into the
analyst's edits, each with its sentence as the verbatim quote) and leave the list.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelection, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.core.curation.schema import OntologySchema
from explorer.core.extraction.span_model import names_itself
from explorer.core.extraction.suggest import Suggestion
from explorer.core.graph import KnowledgeGraph
from explorer.services.importing.articles import Article, ArticleError, article_from_text, read_article
from explorer.services.importing.suggestions import SuggestionRun, suggest_for_graph
from explorer.services.settings import config_dir
from explorer.ui.importing.suggestion_model import LINK, OBJECT, SUBJECT, SuggestionTableModel
from explorer.ui.workers import Task, run_task

_FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf);;All files (*)"
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_SUBJECT_COLOUR = "rgba(66, 133, 244, 0.30)"
_OBJECT_COLOUR = "rgba(52, 168, 83, 0.30)"


@dataclass(frozen=True)
class ArticleSource:
    """The document accepted facts cite: its text (quotes are checked against it), title and date."""

    article: Article
    title: str
    date: str | None


#: Called with the accepted suggestions and their source; returns an error line or None.
AcceptFacts = Callable[[list[Suggestion], ArticleSource], "str | None"]


def _settings() -> QSettings:
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


class _LinkDelegate(QStyledItemDelegate):
    """The link column edits with a list of the ontology's properties (in words)."""

    def __init__(self, words: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.words = words

    def createEditor(self, parent: QWidget, option: object, index: object) -> QWidget:  # type: ignore[override]
        editor = QComboBox(parent)
        editor.addItems(sorted(set(self.words.values()), key=str.casefold))
        return editor

    def setEditorData(self, editor: QWidget, index: object) -> None:  # type: ignore[override]
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data()))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: object, index: object) -> None:  # type: ignore[override]
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())  # type: ignore[attr-defined]


class ArticleImportDialog(QDialog):
    """Review of the facts an article suggests."""

    def __init__(self, kg: KnowledgeGraph, accept: AcceptFacts, parent: QWidget | None = None, *,
                 ner_model: str = "", learned: bool = True) -> None:
        super().__init__(parent)
        #: Preferences ▸ Articles: an installed NER pipeline adding name candidates ("" for none).
        self.ner_model = ner_model
        #: Preferences ▸ Articles: whether the bundled trained relation model adds facts no pattern fired for.
        self.learned = learned
        self.setObjectName("ArticleImportDialog")
        self.setWindowTitle("Import Facts from an Article")
        self.kg = kg
        self._accept_facts = accept
        self._article: Article | None = None
        self._task: Task | None = None

        words = {p: kg.predicate_words(p) for p in self._properties()}
        labels: dict[str, str] = {}
        self.model = SuggestionTableModel(words, labels, OntologySchema.bundled())
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)

        self.open_button = QPushButton("Open File…", self)
        self.paste_button = QPushButton("Paste Text…", self)
        self.source_label = QLabel("No article yet: open a file or paste text.", self)
        self.source_label.setWordWrap(True)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("Title of the article or report")
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText("YYYY-MM-DD (when it was published)")
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setVisible(False)

        self.table = QTableView(self)
        self.table.setObjectName("SuggestionTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(LINK, _LinkDelegate(words, self.table))
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.sentence_view = QTextBrowser(self)
        self.sentence_view.setObjectName("SuggestionSentence")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.sentence_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter

        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        # "Tick All at Least": on articles the rules were never tuned on, suggestions from 0.7 up are right about three
        # times in four and those of 0.5-0.7 about three in five (benchmarks/RESULTS.md), so only the first are ticked
        self.threshold.setValue(0.7)
        self.tick_button = QPushButton("Tick All at Least", self)
        self.untick_button = QPushButton("Untick All", self)
        self.accept_button = QPushButton("Accept Ticked", self)
        self.accept_button.setDefault(True)
        self.reject_button = QPushButton("Reject Ticked", self)
        self.close_button = QPushButton("Close", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        # two lines kept free: a wrapped message (or the NER pipeline's note) is never clipped
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing() + 4)

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.paste_button)
        top.addWidget(self.source_label, 1)
        form = QFormLayout()
        form.addRow("Title:", self.title_edit)
        form.addRow("Date:", self.date_edit)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        bulk = QHBoxLayout()
        bulk.addWidget(self.tick_button)
        bulk.addWidget(self.threshold)
        bulk.addWidget(self.untick_button)
        bulk.addStretch(1)
        bulk.addWidget(self.reject_button)
        bulk.addWidget(self.accept_button)
        bulk.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addLayout(busy)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(bulk)

        self.open_button.clicked.connect(self._on_open_clicked)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.tick_button.clicked.connect(self._on_tick_clicked)
        self.untick_button.clicked.connect(lambda: self.model.set_all_ticked(False))
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.reject_button.clicked.connect(self._on_reject_clicked)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # a tick or an edit can change what a new end is created as: the panel below follows
        self.model.dataChanged.connect(lambda *_: self._on_selection_changed(QItemSelection(), QItemSelection()))
        self._update_buttons()
        self.resize(980, 640)
        self._restore_state()

    # -- state ------------------------------------------------------------------------------
    def _properties(self) -> list[str]:
        result = self.kg.query("SELECT DISTINCT ?p WHERE { ?p a <http://www.w3.org/2002/07/owl#ObjectProperty> "
                               "FILTER(isIRI(?p)) }", timeout=10)
        return [str(result.row(i)[0]) for i in range(len(result))]

    def _restore_state(self) -> None:
        stored = _settings()
        stored.beginGroup("ArticleImport")
        geometry = stored.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = stored.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        threshold = stored.value("threshold")
        if threshold is not None:
            self.threshold.setValue(float(threshold))
        self._last_folder = str(stored.value("folder", ""))
        stored.endGroup()

    def _save_state(self) -> None:
        stored = _settings()
        stored.beginGroup("ArticleImport")
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("splitter", self.splitter.saveState())
        stored.setValue("threshold", self.threshold.value())
        stored.setValue("folder", self._last_folder)
        stored.endGroup()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
        self._save_state()
        super().done(result)

    def closeEvent(self, event: object) -> None:
        self._save_state()
        super().closeEvent(event)  # type: ignore[arg-type]

    def _update_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        for button in (self.tick_button, self.untick_button, self.accept_button, self.reject_button):
            button.setEnabled(has_rows and self._task is None)
        self.open_button.setEnabled(self._task is None)
        self.paste_button.setEnabled(self._task is None)

    # -- reading an article --------------------------------------------------------------------
    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open an Article", self._last_folder, _FILE_FILTER)
        if path:
            self._last_folder = str(Path(path).parent)
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        try:
            article = read_article(path)
        except ArticleError as error:
            self.status.setText(str(error))
            return
        self.start(article)

    def _on_paste_clicked(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Paste an Article", "Text of the article:")
        if not ok:
            return
        try:
            article = article_from_text(text, self.title_edit.text().strip() or None, self.date_edit.text().strip() or None)
        except ArticleError as error:
            self.status.setText(str(error))
            return
        self.start(article)

    def start(self, article: Article) -> None:
        """Suggest facts for ``article`` in a worker."""
        self._article = article
        where = str(article.path) if article.path is not None else "pasted text"
        self.source_label.setText(f"{where} — {len(article.text):,} characters")
        if article.title and not self.title_edit.text():
            self.title_edit.setText(article.title)
        if article.date and not self.date_edit.text():
            self.date_edit.setText(article.date)
        self.model.set_suggestions([])
        self.sentence_view.clear()
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status.setText("Reading the article…")
        self._task = run_task(suggest_for_graph, self.kg, article, ner_model=self.ner_model, learned=self.learned)
        self._task.sig_progress.connect(self._on_task_progress)
        self._task.sig_finished.connect(self._on_task_finished)
        self._task.sig_failed.connect(self._on_task_failed)
        self._task.sig_cancelled.connect(self._on_task_cancelled)
        self._update_buttons()

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _on_task_progress(self, fraction: float | None, message: str) -> None:
        if fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(int(fraction * 100))
        self.status.setText(message)

    def _end_task(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()

    def _on_task_finished(self, run: SuggestionRun) -> None:
        self._end_task()
        self.model.entity_labels = {m.iri: self.kg.label(m.iri) for s in run.suggestions
                                    for m in (s.subject, s.object) if m.iri is not None}
        self.model.set_suggestions(run.suggestions)
        self._update_buttons()
        self.table.resizeColumnsToContents()
        # a long name ("Yunnan Provincial Department of Industry and Information Technology  (new government agency)")
        # must not push the link and the other end out of sight: it is cut, and its tooltip holds it whole
        widest = max(240, self.table.viewport().width() // 3)
        for column in (SUBJECT, OBJECT):
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)
        self.status.setText(f"{len(run.suggestions)} suggested fact(s) from "
                            f"{run.suggestions[-1].sentence.number if run.suggestions else 0} sentence(s); "
                            f"{run.known:,} known names matched against. Tick the ones to accept."
                            + (f"\n{run.note}" if run.note else ""))

    def _on_task_failed(self, message: str) -> None:
        self._end_task()
        self.status.setText(message)

    def _on_task_cancelled(self) -> None:
        self._end_task()
        self.status.setText("Cancelled: nothing was suggested.")

    # -- review -------------------------------------------------------------------------------
    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        row = self._selected_row()
        if row is None:
            self.sentence_view.clear()
            return
        self.sentence_view.setHtml(self.sentence_html(self.model.suggestion(row), row))

    def sentence_html(self, suggestion: Suggestion, row: int | None = None) -> str:
        """The sentence with the subject, object and trigger words marked, and what fired; given its row, what each new
        end is created as."""
        text = suggestion.sentence.text
        marks = sorted([(suggestion.subject.start, suggestion.subject.end, f"background:{_SUBJECT_COLOUR}"),
                        (suggestion.object.start, suggestion.object.end, f"background:{_OBJECT_COLOUR}"),
                        (suggestion.trigger_start, suggestion.trigger_end, "font-weight:bold;text-decoration:underline")])
        out, position = [], 0
        for start, end, style in marks:
            if start < position:
                continue
            out.append(html.escape(text[position:start]))
            out.append(f'<span style="{style}">{html.escape(text[start:end])}</span>')
            position = end
        out.append(html.escape(text[position:]))
        notes = [self.model.new_end_note(row, is_subject) if row is not None else "" for is_subject in (True, False)]
        subject, obj = (f"<b>{html.escape(self.model.end_text(suggestion, end))}</b>" + (f" ({html.escape(note)})" if note else "")
                        for end, note in zip((True, False), notes, strict=True))
        link = html.escape(self.model.link_words.get(suggestion.predicate, suggestion.predicate))
        return (f"<p style='font-size:110%'>{''.join(out)}</p>"
                f"<p>{subject} — {link} → {obj}<br>"
                f"sentence {suggestion.sentence.number}, pattern “{html.escape(suggestion.pattern)}”, "
                f"confidence {suggestion.confidence:.2f}"
                + ("<br><i>announced, not yet done: the sentence says this will happen</i>"
                   if self.model.announced(suggestion) else "")
                + ("<br><i>suggested by the bundled trained model, not by a pattern of the ontology; "
                   "the confidence is how often its facts were right on articles it was not trained on</i>"
                   if self.model.from_model(suggestion) else "")
                + "".join(f"<br><i>“{html.escape(end.text)}” is a name the model found itself: check where it starts and ends</i>"
                          for end in (suggestion.subject, suggestion.object) if self.model.from_model(suggestion) and names_itself(end))
                + "</p>")

    def _on_tick_clicked(self) -> None:
        count = self.model.tick_at_least(self.threshold.value())
        self.status.setText(f"{count} suggestion(s) ticked.")

    def _on_reject_clicked(self) -> None:
        rows = self.model.ticked()
        if not rows:
            self.status.setText("Tick the suggestions to reject first.")
            return
        self.model.remove_rows(rows)
        self.status.setText(f"{len(rows)} suggestion(s) rejected.")
        self._update_buttons()

    def _on_accept_clicked(self) -> None:
        rows = self.model.ticked()
        if not rows or self._article is None:
            self.status.setText("Tick the suggestions to accept first.")
            return
        title = self.title_edit.text().strip()
        if not title:
            QMessageBox.information(self, "Import Facts", "Give the article a title: it names the source of the facts.")
            self.title_edit.setFocus()
            return
        date = self.date_edit.text().strip() or None
        if date is not None and not _ISO_DATE.fullmatch(date):
            self.status.setText(f"Date: '{date}' is not a date (YYYY-MM-DD, or YYYY-MM, or YYYY).")
            self.date_edit.setFocus()
            return
        chosen = [self.model.suggestion(row) for row in rows]
        error = self._accept_facts(chosen, ArticleSource(self._article, title, date))
        if error:
            self.status.setText(error)
            return
        self.model.remove_rows(rows)
        self.status.setText(f"{len(chosen)} fact(s) added to your edits, each with its sentence as the quote "
                            "(Edit ▸ Undo takes them back).")
        self._update_buttons()
