"""File ▸ Connect to SPARQL Endpoint…: explore a graph that lives on a server.

The dialog asks for the endpoint URL (recent ones offered), an optional default graph,
a timeout, the authentication (none, basic, digest or a bearer token; the password or
token can be remembered in the system keyring, never in a plain file), and whether
SPARQL Update is allowed (with an optional separate update URL, e.g. Virtuoso's
``/sparql-auth``). "Test Connection" asks the server once in a worker and says how
many triples it holds, or why it could not.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.backends import EndpointConfig
from explorer.core.errors import ExplorerError
from explorer.core.graph import KnowledgeGraph, Stats
from explorer.core.sparql import QueryPolicy
from explorer.services.endpoints import (
    EndpointProfile,
    forget_secret,
    load_profiles,
    load_secret,
    remember_profile,
    store_secret,
)
from explorer.ui.workers import LatestTaskRunner, Task

if TYPE_CHECKING:
    from explorer.ui.common.shell import Shell

AUTH_CHOICES = (("none", "None"), ("basic", "Basic (user and password)"), ("digest", "Digest (user and password)"),
                ("bearer", "Bearer token"))


@dataclass
class ConnectionReport:
    """What "Test Connection" found."""

    triples: int
    seconds: float

    def describe(self) -> str:
        return f"Connected: {self.triples:,} triples, answered in {self.seconds * 1000:.0f} ms"


def probe_endpoint(config: EndpointConfig) -> ConnectionReport:
    """Ask the endpoint once (in a worker): does it answer, and how big is the graph."""
    started = time.perf_counter()
    graph = KnowledgeGraph.over_endpoint(config)
    return ConnectionReport(graph.quad_count(), time.perf_counter() - started)


@dataclass
class OpenedEndpoint:
    kg: KnowledgeGraph
    stats: Stats


def open_endpoint(config: EndpointConfig, allow_network: bool = False) -> OpenedEndpoint:
    """Connect and compute what the window shows first (in a worker)."""
    graph = KnowledgeGraph.over_endpoint(config)
    graph.policy = QueryPolicy(allow_update=config.allow_update, allow_network=allow_network)
    return OpenedEndpoint(graph, graph.stats())


class EndpointDialog(QDialog):
    """Connect to a SPARQL endpoint: where, which graph, how to authenticate, read-only or not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to SPARQL Endpoint")
        self.setObjectName("endpointDialog")
        self.setMinimumWidth(520)
        self._profiles = load_profiles()
        self._stored_secret: str | None = None
        self._tester = LatestTaskRunner(self)

        self.url_box = QComboBox(self)
        self.url_box.setEditable(True)
        self.url_box.setObjectName("endpointUrl")
        self.url_box.lineEdit().setPlaceholderText("http://localhost:8890/sparql")
        for index, profile in enumerate(self._profiles):
            # The item keeps the index of its saved profile (a plain int survives Qt's item data as it is).
            self.url_box.addItem(profile.url + (f"  [{profile.user}]" if profile.user else ""), index)
        self.url_box.setCurrentIndex(-1)
        self.url_box.setEditText("")
        self.graph_edit = QLineEdit(self)
        self.graph_edit.setPlaceholderText("optional, e.g. https://example.org/graph (default-graph-uri)")
        self.timeout_box = QDoubleSpinBox(self)
        self.timeout_box.setRange(1, 3600)
        self.timeout_box.setValue(30)
        self.timeout_box.setSuffix(" s")

        self.auth_box = QComboBox(self)
        for key, text in AUTH_CHOICES:
            self.auth_box.addItem(text, key)
        self.user_edit = QLineEdit(self)
        self.secret_edit = QLineEdit(self)
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox("Remember in the system keyring", self)
        self.remember_box.setChecked(True)

        self.update_box = QCheckBox("Allow SPARQL Update (changes the data on the server)", self)
        self.update_url_edit = QLineEdit(self)
        self.update_url_edit.setPlaceholderText("optional, e.g. http://localhost:8890/sparql-auth")

        self.test_button = QPushButton("&Test Connection", self)
        self.status_label = QLabel("", self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Connect")

        where = QFormLayout()
        where.addRow("&Endpoint URL:", self.url_box)
        where.addRow("Default &graph:", self.graph_edit)
        where.addRow("T&imeout:", self.timeout_box)
        auth_group = QGroupBox("Authentication", self)
        auth = QFormLayout(auth_group)
        auth.addRow("&Kind:", self.auth_box)
        auth.addRow("&User:", self.user_edit)
        self.secret_label = QLabel("&Password:", self)
        self.secret_label.setBuddy(self.secret_edit)
        auth.addRow(self.secret_label, self.secret_edit)
        auth.addRow("", self.remember_box)
        update_group = QGroupBox("Changes", self)
        update = QFormLayout(update_group)
        update.addRow(self.update_box)
        update.addRow("Update &URL:", self.update_url_edit)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(where)
        layout.addWidget(auth_group)
        layout.addWidget(update_group)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)

        self.url_box.activated.connect(self._on_url_box_activated)
        self.auth_box.currentIndexChanged.connect(self._on_auth_box_changed)
        self.update_box.toggled.connect(self._on_update_box_toggled)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._on_auth_box_changed()
        self._on_update_box_toggled(False)

    # ------------------------------------------------------------------ reading the form
    def _saved_profile(self, data: object) -> EndpointProfile | None:
        """The saved profile an item of the address list stands for (typed text has none)."""
        if type(data) is int and 0 <= data < len(self._profiles):
            return self._profiles[data]
        return None

    def profile(self) -> EndpointProfile:
        saved = self._saved_profile(self.url_box.currentData())
        text = self.url_box.currentText().strip()
        url = saved.url if saved is not None and text.startswith(saved.url) else text
        return EndpointProfile(
            url=url,
            default_graph=self.graph_edit.text().strip(),
            timeout=float(self.timeout_box.value()),
            auth_kind=str(self.auth_box.currentData()),
            user=self.user_edit.text().strip() if self.auth_box.currentData() in ("basic", "digest") else "",
            allow_update=self.update_box.isChecked(),
            update_url=self.update_url_edit.text().strip() if self.update_box.isChecked() else "",
        )

    def secret(self) -> str:
        typed = self.secret_edit.text()
        if typed:
            return typed
        if self.auth_box.currentData() == "none":
            return ""
        return self._stored_secret or load_secret(self.profile()) or ""

    def config(self) -> EndpointConfig:
        """The validated configuration; raises a one-line ExplorerError naming the bad field."""
        profile = self.profile()
        if not profile.url:
            raise ExplorerError("endpoint URL: enter the address of the SPARQL endpoint")
        secret = self.secret()
        if profile.auth_kind != "none" and not secret:
            raise ExplorerError(f"{'token' if profile.auth_kind == 'bearer' else 'password'}: enter it, "
                                "or remember it in the keyring once")
        return profile.config(secret)

    def set_profile(self, profile: EndpointProfile) -> None:
        self.url_box.setEditText(profile.url)
        self.graph_edit.setText(profile.default_graph)
        self.timeout_box.setValue(profile.timeout)
        index = self.auth_box.findData(profile.auth_kind)
        self.auth_box.setCurrentIndex(max(index, 0))
        self.user_edit.setText(profile.user)
        self.update_box.setChecked(profile.allow_update)
        self.update_url_edit.setText(profile.update_url)
        self.secret_edit.clear()
        self._stored_secret = load_secret(profile) if profile.auth_kind != "none" else None
        self.secret_edit.setPlaceholderText("stored in the system keyring" if self._stored_secret else "")

    # ------------------------------------------------------------------ slots
    def _on_url_box_activated(self, index: int) -> None:
        saved = self._saved_profile(self.url_box.itemData(index))
        if saved is not None:
            self.set_profile(saved)

    def _on_auth_box_changed(self, _index: int = 0) -> None:
        kind = self.auth_box.currentData()
        self.user_edit.setEnabled(kind in ("basic", "digest"))
        self.secret_edit.setEnabled(kind != "none")
        self.remember_box.setEnabled(kind != "none")
        self.secret_label.setText("&Token:" if kind == "bearer" else "&Password:")

    def _on_update_box_toggled(self, checked: bool) -> None:
        self.update_url_edit.setEnabled(checked)

    def _on_test_button_clicked(self) -> None:
        try:
            config = self.config()
        except ExplorerError as error:
            self._show_status(str(error), ok=False)
            return
        self._show_status("Asking the endpoint…", ok=None)
        self.test_button.setEnabled(False)
        task = self._tester.start(probe_endpoint, config)
        task.sig_finished.connect(self._on_test_finished)
        task.sig_failed.connect(lambda message: self._show_status(message, ok=False))
        task.sig_done.connect(lambda: self.test_button.setEnabled(True))

    def _on_test_finished(self, report: ConnectionReport) -> None:
        self._show_status(report.describe(), ok=True)

    def _on_buttons_accepted(self) -> None:
        try:
            self.config()
        except ExplorerError as error:
            self._show_status(str(error), ok=False)
            return
        profile = self.profile()
        typed = self.secret_edit.text()
        try:
            if profile.auth_kind != "none" and typed:
                if self.remember_box.isChecked():
                    store_secret(profile, typed)
                else:
                    forget_secret(profile)
        except ExplorerError as error:  # no keyring: connect anyway, say the secret was not kept
            self._show_status(str(error), ok=False)
        remember_profile(profile)
        self._tester.cancel()
        self.accept()

    def _show_status(self, text: str, *, ok: bool | None) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("state", {True: "ok", False: "error", None: "busy"}[ok])
        self.status_label.setStyleSheet({True: "color: palette(link);", False: "color: #c0392b;", None: ""}[ok])


# ---------------------------------------------------------------------- the main window's action
def install_endpoint_action(window: Shell) -> QAction:
    """Add File ▸ Connect to SPARQL Endpoint… (Ctrl+Shift+E) to the main window."""
    file_menu = window.menu("File")
    action = QAction("Connect to SPARQL &Endpoint…", window)
    action.setObjectName("connectEndpointAction")
    action.setShortcut("Ctrl+Shift+E")
    action.setStatusTip("Explore a graph on a SPARQL server (Virtuoso, GraphDB, Fuseki, …)")
    before = next((a for a in file_menu.actions() if a.objectName() == "quitAction"), None)
    actions = file_menu.actions()
    if before is not None:
        position = actions.index(before)
        # Above the separator that sets Quit apart.
        if position > 0 and actions[position - 1].isSeparator():
            before = actions[position - 1]
        file_menu.insertAction(before, action)
    else:
        file_menu.addAction(action)
    runner = LatestTaskRunner(window)

    def open_dialog() -> None:
        dialog = EndpointDialog(window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        config = dialog.config()
        if not window.may_replace_graph(f"connecting to {config.url}"):
            return
        task = runner.start(open_endpoint, config, window.settings.allow_network)
        task.sig_finished.connect(lambda opened: _on_endpoint_opened(window, opened, config))
        task.sig_failed.connect(lambda message: window.show_error(message, title="Could not connect"))
        window.track_task(task, f"Connecting to {config.url}")

    action.triggered.connect(open_dialog)
    return action


def connect_window(window: Shell, config: EndpointConfig) -> Task | None:
    """Open ``config`` in ``window`` (in a worker), as the dialog's Connect does; None when the
    current graph is kept (the analyst cancelled over unsaved edits)."""
    if not window.may_replace_graph(f"connecting to {config.url}"):
        return None
    task = Task(open_endpoint, config, window.settings.allow_network)
    task.sig_finished.connect(lambda opened: _on_endpoint_opened(window, opened, config))
    task.sig_failed.connect(lambda message: window.show_error(message, title="Could not connect"))
    window.track_task(task, f"Connecting to {config.url}")
    return task.start()


def _on_endpoint_opened(window: Shell, opened: OpenedEndpoint, config: EndpointConfig) -> None:
    window.set_graph(opened.kg, opened.stats)
    graph = f" · {config.default_graph}" if config.default_graph else ""
    window.setWindowTitle(f"{config.url}{graph} — KG Explorer")
    mode = "updates allowed" if config.allow_update else "read-only"
    window.statusBar().showMessage(f"Connected to {config.url}{graph} ({mode}): {opened.stats.triples:,} triples", 8000)
