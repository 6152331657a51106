"""The SPARQL workbench: query tabs, running in a worker, paged results, export, library, undo.

:class:`QueryWorkbenchWidget` holds several query tabs (Ctrl+T new, Ctrl+W close,
double-click a tab to rename it). Ctrl+Enter runs the current tab's query — the selection
when there is one — in a background task with the timeout and row cap from the settings;
Cancel stops it. Results:

- SELECT: a sortable table over :class:`ResultTableModel`, which pages rows in as the view
  scrolls (``fetchMore``), shows IRIs as labels or prefixed names, and copies cells with
  Ctrl+C. Clicking an IRI emits ``sig_entity_activated(iri)``; "Show on canvas" emits
  ``sig_show_on_canvas(list[str])`` with the entities of the selected rows (or all rows);
- ASK: a large yes / no;
- CONSTRUCT / DESCRIBE: a triple table and "Open on canvas" (``sig_show_triples(list[tuple])``).

Results export as CSV, TSV, SPARQL-JSON and SPARQL-XML (graphs as Turtle, N-Triples,
JSON-LD or RDF/XML), written atomically. Refused queries (Update turned off, SERVICE
without network permission) show their one-line reason. SPARQL Update, when allowed, runs
inside a recorded diff and is a step of the session's undo history (Edit ▸ Undo, or "Undo
update" here while it is the last step) that restores the graph exactly. The "Include
inferred" switch materialises RDFS / OWL 2 RL inference into its own graph or drops it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.errors import ExplorerError, QueryError, RefusedQuery
from explorer.core.session import Session
from explorer.core.session_commands import UpdateCommand
from explorer.core.sparql import QueryPolicy, QueryResult, missing_prefixes
from explorer.core.sparql_messages import syntax_error_line
from explorer.services.query_library import LibraryQuery, QueryLibrary
from explorer.services.settings import Settings
from explorer.ui.sparql.query_editor import CompletionVocabulary, SparqlEditor, build_vocabulary
from explorer.ui.sparql.result_table import QueryTab
from explorer.ui.sparql.workbench_results import WorkbenchResultsMixin
from explorer.ui.workers import Task

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph
    from explorer.core.updates import RecordedUpdate

NEW_QUERY = "SELECT ?s ?p ?o\nWHERE {\n  ?s ?p ?o .\n}\nLIMIT 100\n"


# ---------------------------------------------------------------------- the workbench
class QueryWorkbenchWidget(WorkbenchResultsMixin, QWidget):
    """The SPARQL workbench; see the module docstring."""

    sig_entity_activated = Signal(str)
    sig_show_on_canvas = Signal(list)
    sig_show_triples = Signal(list)
    #: The graph changed (update, undo, inference on/off): views should refresh.
    sig_graph_modified = Signal()
    sig_inference_changed = Signal(bool)
    sig_query_started = Signal()
    sig_query_finished = Signal(object)  # QueryResult, or RecordedUpdate for an update
    sig_query_failed = Signal(str)
    sig_query_cancelled = Signal()
    sig_status_changed = Signal(str)

    def __init__(self, settings: Settings | None = None, library: QueryLibrary | None = None,
                 parent: QWidget | None = None, session: Session | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.library = library or QueryLibrary()
        self.kg: KnowledgeGraph | None = None
        self.vocabulary = CompletionVocabulary()
        #: Updates go into the session's undo history (the window's; a session of its own standalone).
        self._owns_session = session is None
        self.session = session if session is not None else Session()
        self.session.graph_modified.connect(self._on_session_graph_modified)
        self.session.history.changed.connect(self._update_actions)
        # Bound methods kept here so the widget's end can unhook them from the longer-lived session.
        session, hooks = self.session, (self._on_session_graph_modified, self._update_actions)
        self.destroyed.connect(lambda *_: (session.graph_modified.disconnect(hooks[0]),
                                           session.history.changed.disconnect(hooks[1])))
        self.task: Task | None = None
        self._task_tab: QueryTab | None = None
        self._task_text = ""
        self._task_origin = 0
        self._task_prelude_lines = 0
        self._started = 0.0
        self._vocabulary_task: Task | None = None
        self._inference_task: Task | None = None
        self._tab_counter = 0
        self._status_is_error = False
        #: Where run_query reads the settings from (the main window's live settings when mounted).
        self.settings_provider: Callable[[], Settings] | None = None

        self.tabs = QTabWidget(self)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.tabBarDoubleClicked.connect(self._on_tabs_double_clicked)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.run_action = self._toolbar_action("Run", "Run the query, or the selected part (Ctrl+Enter)", self.run_query)
        self.cancel_action = self._toolbar_action("Cancel", "Stop the running query or inference", self.cancel)
        self.cancel_action.setEnabled(False)
        self.toolbar.addSeparator()
        self.new_tab_action = self._toolbar_action("New tab", "Open a new query tab (Ctrl+T)", lambda: self.new_tab())
        self.new_tab_action.setShortcut(QKeySequence("Ctrl+T"))
        self.close_tab_action = QAction("Close tab", self)
        self.close_tab_action.setShortcut(QKeySequence("Ctrl+W"))
        self.close_tab_action.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        for action in (self.new_tab_action, self.close_tab_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.library_menu = QMenu("Examples", self)
        self.library_menu.aboutToShow.connect(self._fill_library_menu)
        self._toolbar_menu_button("Examples", "Built-in example queries and your saved queries", self.library_menu)
        self.save_action = self._toolbar_action("Save…", "Save this query in your library", self._on_save_triggered)
        self.prefixes_menu = QMenu("Prefixes", self)
        self.prefixes_menu.setObjectName("prefixesMenu")
        self.prefixes_menu.aboutToShow.connect(self._fill_prefixes_menu)
        self.prefixes_button = self._toolbar_menu_button(
            "Prefixes", "Prefixes in scope: the graph's own and the built-in ones, usable without a PREFIX line "
            "(a PREFIX line in the query wins); choose one to write its PREFIX line", self.prefixes_menu)
        self.history_menu = QMenu("History", self)
        self.history_menu.aboutToShow.connect(self._fill_history_menu)
        self._toolbar_menu_button("History", "Queries you ran before", self.history_menu)
        self.toolbar.addSeparator()
        self.export_menu = QMenu("Export", self)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button = self._toolbar_menu_button("Export", "Save the results as CSV, TSV, SPARQL-JSON or SPARQL-XML",
                                                       self.export_menu)
        self.canvas_action = self._toolbar_action("Show on canvas", "Show the entities of the selected rows (or all) on "
                                                  "the canvas", self.show_on_canvas)
        self.undo_action = self._toolbar_action("Undo update", "Put the graph back as it was before the last update",
                                                self.undo_update)
        self.undo_action.setEnabled(False)
        self.toolbar.addSeparator()
        self.labels_box = QCheckBox("Labels", self)
        self.labels_box.setChecked(True)
        self.labels_box.setToolTip("Show IRIs as labels (checked) or as prefixed names")
        self.labels_box.toggled.connect(self._on_labels_box_toggled)
        self.toolbar.addWidget(self.labels_box)
        self.inferred_box = QCheckBox("Include inferred", self)
        self.inferred_box.setToolTip("Add RDFS / OWL 2 RL inferences (kept in their own graph, removed when unchecked)")
        self.inferred_box.toggled.connect(self._on_inferred_box_toggled)
        self.toolbar.addWidget(self.inferred_box)
        self.profile_box = QComboBox(self)
        from explorer.core.inference import PROFILES

        for key, name in PROFILES.items():
            self.profile_box.addItem(name, key)
        self.profile_box.setToolTip("Which inference rules to apply")
        self.profile_box.currentIndexChanged.connect(self._on_profile_box_changed)
        self.toolbar.addWidget(self.profile_box)

        self.status = QLabel("", self)
        self.status.setObjectName("workbenchStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long message (a parser's error) wraps inside the panel and never widens the window.
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setMinimumWidth(0)
        self.elapsed_label = QLabel("", self)
        self._clock = QTimer(self)
        self._clock.setInterval(100)
        self._clock.timeout.connect(self._on_clock_timeout)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(6, 2, 6, 2)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.elapsed_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(status_row)

        self.new_tab()
        self._update_actions()

    # ------------------------------------------------------------------ graph and settings
    def set_graph(self, kg: KnowledgeGraph | None) -> None:
        """Work on ``kg``: policy from the settings, completion vocabulary built in the background."""
        self.kg = kg
        if self._owns_session:
            self.session.set_graph(kg)
        for tab in self.all_tabs():
            tab.model.set_result(None, kg)
            tab.result = None
            tab.show_message("Run the query with Ctrl+Enter to see its results here.")
        if kg is not None:
            self.apply_settings(self.settings)
            from explorer.core.inference import is_materialised

            with QSignalBlocker(self.inferred_box):
                self.inferred_box.setChecked(is_materialised(kg))
            self._vocabulary_task = Task(build_vocabulary, kg)
            self._vocabulary_task.sig_finished.connect(self._on_vocabulary_task_finished)
            self._vocabulary_task.start()
        self._update_actions()

    def apply_settings(self, settings: Settings) -> None:
        """Take the timeout, row cap, and the Update / network permissions from ``settings``."""
        self.settings = settings
        if self.kg is not None:
            self.kg.policy = self.policy()
            self.kg.default_query_timeout = settings.query_timeout

    def policy(self) -> QueryPolicy:
        return QueryPolicy(allow_update=self.settings.allow_update, allow_network=self.settings.allow_network)

    def _on_vocabulary_task_finished(self, vocabulary: CompletionVocabulary) -> None:
        self.vocabulary = vocabulary
        for tab in self.all_tabs():
            tab.editor.set_vocabulary(vocabulary)

    # ------------------------------------------------------------------ tabs
    def all_tabs(self) -> list[QueryTab]:
        return [w for w in (self.tabs.widget(i) for i in range(self.tabs.count())) if isinstance(w, QueryTab)]

    def current_tab(self) -> QueryTab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, QueryTab)
        return tab

    @property
    def editor(self) -> SparqlEditor:
        return self.current_tab().editor

    def new_tab(self, text: str = NEW_QUERY, title: str | None = None) -> QueryTab:
        self._tab_counter += 1
        tab = QueryTab(title or f"Query {self._tab_counter}", text, self)
        tab.editor.set_vocabulary(self.vocabulary)
        tab.editor.sig_run_requested.connect(self.run_query)
        tab.editor.sig_error_changed.connect(self._on_editor_error_changed)
        tab.table.clicked.connect(self._on_table_clicked)
        tab.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tab.table.customContextMenuRequested.connect(lambda position, t=tab: self._on_table_context_menu(t, position))
        index = self.tabs.addTab(tab, tab.title)
        self.tabs.setCurrentIndex(index)
        tab.editor.setFocus()
        return tab

    def close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is None:
            return
        if tab is self._task_tab:
            self.cancel()
        self.tabs.removeTab(index)
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.new_tab()

    def rename_tab(self, index: int, title: str) -> None:
        tab = self.tabs.widget(index)
        title = " ".join(title.split())
        if isinstance(tab, QueryTab) and title:
            tab.title = title
            self.tabs.setTabText(index, title)

    def open_query(self, query: LibraryQuery | str, title: str | None = None) -> QueryTab:
        """Open a library query (or text) in a new tab — or in the current one if it is untouched."""
        text = query if isinstance(query, str) else query.sparql
        name = title or (query.title if isinstance(query, LibraryQuery) else None)
        current = self.tabs.currentWidget()
        if isinstance(current, QueryTab) and current.editor.toPlainText() in (NEW_QUERY, "") and current.result is None:
            current.editor.setPlainText(text)
            if name:
                self.rename_tab(self.tabs.currentIndex(), name)
            if isinstance(query, LibraryQuery) and query.description:
                current.show_message(query.description)
            return current
        tab = self.new_tab(text, name)
        if isinstance(query, LibraryQuery) and query.description:
            tab.show_message(query.description)
        return tab

    def _on_tabs_double_clicked(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if not isinstance(tab, QueryTab):
            return
        title, ok = QInputDialog.getText(self, "Rename query tab", "Name:", text=tab.title)
        if ok:
            self.rename_tab(index, title)

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._update_actions()

    # ------------------------------------------------------------------ running
    def run_query(self, text: str | None = None) -> Task | None:
        """Run ``text``, or the current tab's selection or whole query, in a background task."""
        tab = self.current_tab()
        origin = 0
        if text is None:
            text, origin = tab.editor.query_to_run()
        tab.editor.clear_error()
        if not text.strip():
            self._set_status("Nothing to run: the query is empty.", error=True)
            return None
        if self.kg is None:
            self._set_status("No graph is open: open one before running queries.", error=True)
            return None
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        self.apply_settings(self.settings_provider() if self.settings_provider is not None else self.settings)
        try:
            kind = self.policy().check(text)
        except RefusedQuery as error:
            self._fail(tab, text, str(error), status="refused")
            return None
        except QueryError as error:
            self._fail(tab, text, str(error), status="failed", error=error, origin=origin)
            return None
        if kind == "update" and self.session.history.working:
            # One writer at a time: the update would write beside the step being written, and
            # its record would not be what the store held before it ran.
            self._fail(tab, text, f"Not run: “{self.session.history.working}” is still being written to the graph. "
                                  "Run the update again once it is done.", status="refused")
            return None
        # The graph's prefixes (kg:, d:, a file's own) work without PREFIX lines, as in the CLI; the
        # query's own PREFIX lines win. Error positions are counted back past the added lines.
        prelude = missing_prefixes(self.kg.prefixes, text)
        text_to_run = prelude + text
        if kind == "update" and self.kg.is_remote:
            # A server's graph cannot be copied to record the change: the update is sent as
            # it is and, unlike on the embedded store, cannot be undone from here.
            task = Task(self.kg.query, text_to_run, timeout=self.settings.query_timeout, policy=self.policy())
        elif kind == "update":
            from explorer.core.updates import run_update

            task = Task(run_update, self.kg, text_to_run, policy=self.policy())
        else:
            # A typed query may ask for anything: it runs apart, within the memory limit.
            task = Task(self.kg.query, text_to_run, timeout=self.settings.query_timeout,
                        max_rows=self.settings.max_result_rows,
                        memory_mb=self.settings.query_memory_mb, policy=self.policy())
        self.task, self._task_tab, self._task_text, self._task_origin = task, tab, text, origin
        self._task_prelude_lines = prelude.count("\n")
        task.sig_finished.connect(lambda result, t=task: self._on_task_finished(t, result))
        task.sig_failed.connect(lambda message, t=task: self._on_task_failed(t, message))
        task.sig_cancelled.connect(lambda t=task: self._on_task_cancelled(t))
        self._started = time.perf_counter()
        self._clock.start()
        tab.show_message("Running…")
        self._set_status("Running…")
        task.start()
        self._update_actions()
        self.sig_query_started.emit()
        return task

    def cancel(self) -> None:
        """Stop the running query (or inference)."""
        if self.task is not None and not self.task.finished:
            self.task.cancel()
        if self._inference_task is not None and not self._inference_task.finished:
            self._inference_task.cancel()

    @property
    def running(self) -> bool:
        return (self.task is not None and not self.task.finished) or (
            self._inference_task is not None and not self._inference_task.finished)

    def _on_task_finished(self, task: Task, result: Any) -> None:
        if task is not self.task:
            return
        tab, text = self._task_tab, self._task_text
        elapsed = time.perf_counter() - self._started
        self._clock.stop()
        self.elapsed_label.setText(_seconds(elapsed))
        if isinstance(result, QueryResult) and result.kind == "update":
            if tab is not None:
                tab.show_message("The update was applied on the server. Updates sent to a server cannot be undone here.")
            self._set_status(f"Update applied on the server · {_seconds(elapsed)}")
            self.library.record(text, status="ok", elapsed=elapsed)
            self.sig_graph_modified.emit()
        elif isinstance(result, QueryResult):
            if tab is not None:
                tab.show_result(result, self.kg)
            count = len(result)
            what = {"select": "row", "construct": "triple", "describe": "triple"}.get(result.kind)
            if result.kind == "ask":
                summary = f"ASK: {'yes' if result.boolean else 'no'}"
            else:
                summary = f"{count:,} {what}{'s' if count != 1 else ''}"
                if result.truncated:
                    summary += f" (stopped at the limit of {self.settings.max_result_rows:,} from the settings)"
            self._set_status(f"{summary} · {_seconds(elapsed)}")
            self.library.record(text, status="ok", elapsed=elapsed, rows=None if result.kind == "ask" else count)
        else:  # a recorded update
            if tab is not None:
                tab.show_message(f"The {result.summary()}. Edit ▸ Undo puts the graph back as it was.")
            self._set_status(f"{result.summary().capitalize()} · {_seconds(elapsed)}")
            self.library.record(text, status="ok", elapsed=elapsed, rows=len(result.added) + len(result.removed))
            if self.kg is not None:
                self.session.record_update(result, self.kg)  # the views refresh on graph_modified
        self._update_actions()
        self.sig_query_finished.emit(result)

    def _on_task_failed(self, task: Task, message: str) -> None:
        if task is not self.task:
            return
        self._clock.stop()
        error = task.error if isinstance(task.error, QueryError) else None
        status = "timeout" if type(task.error).__name__ == "QueryTimeout" else "failed"
        if error is not None and error.line is not None and self._task_prelude_lines:
            lines = self._task_prelude_lines
            error = QueryError(error.reason, error.line - lines if error.line > lines else error.line, error.column)
        self._fail(self._task_tab, self._task_text, message, status=status, error=error, origin=self._task_origin)
        self._update_actions()

    def _on_task_cancelled(self, task: Task) -> None:
        if task is not self.task:
            return
        self._clock.stop()
        if self._task_tab is not None:
            self._task_tab.show_message("The query was cancelled.")
        self._set_status("Cancelled.")
        self.library.record(self._task_text, status="cancelled", elapsed=time.perf_counter() - self._started)
        self._update_actions()
        self.sig_query_cancelled.emit()

    def _fail(self, tab: QueryTab | None, text: str, message: str, *, status: str, error: ExplorerError | None = None,
              origin: int = 0) -> None:
        if isinstance(error, QueryError) and not isinstance(error, RefusedQuery):
            # One readable line ("Syntax error at line 3, column 12: expected “}”"), never the parser's dump.
            message = syntax_error_line(error, text)
        if tab is not None:
            tab.show_message(message)
            if isinstance(error, QueryError) and error.line is not None:
                tab.editor.show_error(error.line, error.column, message, origin=origin)
        self._set_status(message, error=True)
        self.library.record(text, status=status, message=message)
        self.sig_query_failed.emit(message)

    def _fill_prefixes_menu(self) -> None:
        self.prefixes_menu.clear()
        prefixes = self.prefixes_in_scope()
        if not prefixes:
            self.prefixes_menu.addAction("No graph is open").setEnabled(False)
            return
        for prefix, namespace in sorted(prefixes.items()):
            action = self.prefixes_menu.addAction(f"{prefix}:  <{namespace}>")
            action.setToolTip(f"Write PREFIX {prefix}: <{namespace}> at the top of the query")
            action.triggered.connect(lambda _=False, name=prefix: self.editor.ensure_prefix(name))

    def prefixes_in_scope(self) -> dict[str, str]:
        """The prefixes a query may use without declaring them: the graph's (a file's own win)."""
        return {p: ns for p, ns in self.kg.prefixes.items() if p} if self.kg is not None else {}

    def _on_clock_timeout(self) -> None:
        self.elapsed_label.setText(_seconds(time.perf_counter() - self._started))

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self._status_is_error = error
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.sig_status_changed.emit(text)

    def _on_editor_error_changed(self, message: str) -> None:
        if not message and self._status_is_error:
            self._set_status("")

    # ------------------------------------------------------------------ update undo
    @property
    def undo_stack(self) -> list[RecordedUpdate]:
        """The SPARQL updates in effect, oldest first (in the session's undo history)."""
        return self.session.applied_updates()

    def _last_step_is_update(self) -> bool:
        done = self.session.history.done()
        return bool(done) and isinstance(done[-1], UpdateCommand)

    def undo_update(self) -> bool:
        """Undo the last SPARQL Update while it is the session's last step; False otherwise."""
        if not self._last_step_is_update() or self.kg is None:
            return False
        command = self.session.undo()
        if isinstance(command, UpdateCommand):
            self._set_status(f"Undone: the {command.record.summary()} was reversed.")
        self._update_actions()
        return True

    def adopt_updates(self, records: list[RecordedUpdate]) -> None:
        """Put updates applied outside the workbench (redone by crash recovery) in the undo history."""
        if self.kg is None:
            return
        for record in records:
            self.session.record_update(record, self.kg)
        self._update_actions()
        if records:
            self._set_status(f"{len(records)} update(s) from the last session redone; Edit ▸ Undo reverses them")

    def _on_session_graph_modified(self) -> None:
        self._update_actions()
        self.sig_graph_modified.emit()


    # ------------------------------------------------------------------ inference switch
    def set_include_inferred(self, include: bool) -> Task | None:
        """Materialise inference (checked) or drop it (unchecked), in a background task."""
        with QSignalBlocker(self.inferred_box):
            self.inferred_box.setChecked(include)
        if self.kg is None:
            return None
        from explorer.core.inference import is_materialised, set_include_inferred

        if include == is_materialised(self.kg) and not include:
            return None
        if self._inference_task is not None and not self._inference_task.finished:
            self._inference_task.cancel()
        profile = self.profile_box.currentData()
        task = Task(set_include_inferred, self.kg, include, profile)
        task.sig_progress.connect(lambda fraction, message: self._set_status(message))
        task.sig_finished.connect(lambda result, t=task, on=include: self._on_inference_finished(t, on, result))
        task.sig_failed.connect(lambda message: self._on_inference_failed(message))
        task.sig_cancelled.connect(lambda: self._on_inference_failed("Inference cancelled; the graph was left as it was."))
        self._inference_task = task
        task.start()
        self._update_actions()
        return task

    def _on_inference_finished(self, task: Task, include: bool, result: Any) -> None:
        self._set_status(result.summary() + f" (in {_seconds(result.elapsed)})" if result is not None
                         else "Inferred triples removed: queries see the asserted facts only.")
        self._update_actions()
        self.sig_graph_modified.emit()
        self.sig_inference_changed.emit(include)

    def _on_inference_failed(self, message: str) -> None:
        from explorer.core.inference import is_materialised

        with QSignalBlocker(self.inferred_box):
            self.inferred_box.setChecked(self.kg is not None and is_materialised(self.kg))
        self._set_status(message, error=True)
        self._update_actions()

    def _on_inferred_box_toggled(self, checked: bool) -> None:
        self.set_include_inferred(checked)

    def _on_profile_box_changed(self, _index: int) -> None:
        if self.inferred_box.isChecked():
            self.set_include_inferred(True)

    # ------------------------------------------------------------------ helpers
    def _toolbar_action(self, text: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = self.toolbar.addAction(text)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _toolbar_menu_button(self, text: str, tip: str, menu: QMenu) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(button)
        return button

    def _update_actions(self) -> None:
        busy = self.running
        self.cancel_action.setEnabled(busy)
        self.run_action.setEnabled(self.kg is not None)
        tab = self.tabs.currentWidget()
        result = tab.result if isinstance(tab, QueryTab) else None
        self.export_button.setEnabled(result is not None)
        self.canvas_action.setEnabled(result is not None and result.kind != "ask")
        self.canvas_action.setText("Open on canvas" if result is not None and result.kind in ("construct", "describe")
                                   else "Show on canvas")
        self.undo_action.setEnabled(self._last_step_is_update() and not busy)
        self.inferred_box.setEnabled(self.kg is not None)
        self.profile_box.setEnabled(self.kg is not None)


def _seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 60 else f"{int(value // 60)} min {value % 60:.0f} s"
