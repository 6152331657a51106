"""File ▸ Import ▸ Spreadsheet… (Ctrl+Shift+I) and Facts from an Article… (Ctrl+Alt+I).

Both end in the curation layer: what the analyst accepts becomes one undoable step in the
session's history (Edit ▸ Undo takes a whole import back) and goes to the analyst's edits file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from explorer.core.changes import ChangeSet
from explorer.core.curation import ChangeRefused
from explorer.core.errors import ExplorerError
from explorer.core.extraction.suggest import Suggestion
from explorer.core.tasks import CancelToken, Progress
from explorer.services.importing.apply import ArticleSource, plan_change, suggestions_change
from explorer.services.importing.mapping import TableMapping
from explorer.services.importing.tables import ImportPlan

if TYPE_CHECKING:
    from explorer.ui.common.shell import Shell as MainWindow


def _refusal(error: ExplorerError) -> str:
    if isinstance(error, ChangeRefused) and error.violations:
        first = error.violations[0].describe()
        more = len(error.violations) - 1
        return f"Refused by the shapes: {first}" + (f" (and {more} more)" if more else "")
    return str(error)


class ImportActions:
    """The two import entries of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        menu = window.menu("File").addMenu("&Import")
        menu.setObjectName("ImportMenu")
        self.table_action = QAction("&Spreadsheet…", window)
        self.table_action.setObjectName("importTableAction")
        self.table_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.table_action.setStatusTip("Facts from a CSV, TSV or Excel file, each quoting its row")
        self.table_action.triggered.connect(self.open_table_wizard)
        self.article_action = QAction("Facts from an &Article…", window)
        self.article_action.setObjectName("importArticleAction")
        self.article_action.setShortcut(QKeySequence("Ctrl+Alt+I"))
        self.article_action.setStatusTip("Suggested facts from a .txt, .md, .html or .pdf article, each with its sentence")
        self.article_action.triggered.connect(self.open_article_dialog)
        menu.addAction(self.table_action)
        menu.addAction(self.article_action)
        self.menu = menu
        self.dialog: object | None = None
        history = window.session.history
        history.changed.connect(self._follow_history)  # a big import being written: no second one meanwhile

    def _follow_history(self) -> None:
        working = bool(self.window.session.history.working)
        self.table_action.setEnabled(not working)
        self.article_action.setEnabled(not working)

    @property
    def curation(self) -> object:
        return self.window.curation  # type: ignore[attr-defined]

    def _ready(self) -> bool:
        if self.window.kg is None:
            QMessageBox.information(self.window, "Import", "Open a graph first: imported facts are added to it.")
            return False
        if not self.window.kg.can_write:
            QMessageBox.information(self.window, "Import", "This graph cannot be written (a server without updates allowed).")
            return False
        return True

    # -- articles -------------------------------------------------------------------------------
    def open_article_dialog(self) -> None:
        from explorer.ui.importing.article_dialog import ArticleImportDialog

        if not self._ready():
            return
        dialog = ArticleImportDialog(self.window.kg, self.accept_suggestions, self.window,  # type: ignore[arg-type]
                                     ner_model=getattr(self.window.settings, "ner_model", ""),
                                     learned=getattr(self.window.settings, "learned_relations", True))
        self.dialog = dialog
        dialog.show()

    def accept_suggestions(self, suggestions: list[Suggestion], source: ArticleSource) -> str | None:
        kg = self.window.kg
        assert kg is not None
        try:
            change = suggestions_change(kg, self.curation.curator(), suggestions,  # type: ignore[attr-defined]
                                        ArticleSource(source.article, source.title, source.date))
        except ExplorerError as error:
            return _refusal(error)
        try:
            self.curation.apply(change)  # type: ignore[attr-defined]
        except ExplorerError as error:
            return str(error)
        return None

    # -- spreadsheets ---------------------------------------------------------------------------
    def open_table_wizard(self) -> None:
        from explorer.ui.importing.table_wizard import TableImportWizard

        if not self._ready():
            return
        wizard = TableImportWizard(self.window.kg, self.build_table_change, self.apply_change, self.window)  # type: ignore[arg-type]
        self.dialog = wizard
        wizard.show()

    def build_table_change(self, plan: ImportPlan, mapping: TableMapping, *, progress: Progress | None = None,
                           cancel: CancelToken | None = None) -> ChangeSet:
        curator = self.curation.curator()  # type: ignore[attr-defined]
        return plan_change(self.window.kg, plan, mapping, curator.provenance, curator.graph,  # type: ignore[arg-type]
                           progress=progress, cancel=cancel)

    def apply_change(self, change: ChangeSet) -> str | None:
        """One undoable step; a big one is written in a worker (the window shows it, Undo waits)."""
        try:
            self.curation.apply(change)  # type: ignore[attr-defined]
        except ExplorerError as error:
            return _refusal(error)
        return None


def mount_importing(window: MainWindow) -> ImportActions:
    """File ▸ Import ▸ … for ``window`` (after curation is installed)."""
    return ImportActions(window)
