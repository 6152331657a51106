"""File ▸ Connect to SPARQL Endpoint…: the dialog, the keyring, and the window on a real server."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from server_process import free_port  # tests/endpoint is on sys.path (conftest)

from explorer.core.graph import KnowledgeGraph
from explorer.services.endpoints import EndpointProfile, profiles_path
from explorer.services.settings import Settings
from explorer.ui.app.main_window import MainWindow
from explorer.ui.endpoints.endpoint_dialog import EndpointDialog, connect_window

BUNDLED_GRAPH = "urn:kg-explorer:test:bundled"
D = "https://w3id.org/kg-explorer/data/"
# What the server was loaded with: the bundled files, counted by the embedded store.
BUNDLED_TRIPLES = len(KnowledgeGraph.bundled())


@pytest.fixture
def dialog(qtbot):
    widget = EndpointDialog()
    qtbot.addWidget(widget)
    return widget


def click_connect(dialog: EndpointDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_file_menu_has_the_connect_action(qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    names = [action.objectName() for action in window.menu("File").actions()]
    assert "connectEndpointAction" in names
    assert names.index("connectEndpointAction") < names.index("quitAction")
    assert window.connect_endpoint_action.shortcut().toString() == "Ctrl+Shift+E"


def test_bad_url_is_one_line_and_the_dialog_stays(dialog):
    dialog.url_box.setEditText("ftp://example.org/sparql")
    click_connect(dialog)
    assert dialog.result() == 0
    assert "is not an http(s) URL" in dialog.status_label.text()
    dialog.url_box.setEditText("")
    click_connect(dialog)
    assert "endpoint URL" in dialog.status_label.text()


def test_password_is_asked_for(dialog):
    dialog.url_box.setEditText("http://127.0.0.1:9/sparql")
    dialog.auth_box.setCurrentIndex(dialog.auth_box.findData("basic"))
    dialog.user_edit.setText("ann")
    click_connect(dialog)
    assert dialog.result() == 0 and "password" in dialog.status_label.text()


def test_test_connection_reports_a_down_server(dialog, qtbot):
    url = f"http://127.0.0.1:{free_port()}/sparql"
    dialog.url_box.setEditText(url)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "connection refused" in dialog.status_label.text(), timeout=10000)
    assert dialog.test_button.isEnabled()


def test_secret_goes_to_the_keyring_and_comes_back(qtbot, memory_keyring):
    first = EndpointDialog()
    qtbot.addWidget(first)
    first.url_box.setEditText("https://kg.example.org/sparql")
    first.graph_edit.setText("urn:g")
    first.auth_box.setCurrentIndex(first.auth_box.findData("digest"))
    first.user_edit.setText("ann")
    first.secret_edit.setText("s3cret")
    click_connect(first)
    assert first.result() == 1
    assert memory_keyring == {("kg-explorer", "digest:ann@https://kg.example.org/sparql"): "s3cret"}
    saved = profiles_path().read_text(encoding="utf-8")
    assert "s3cret" not in saved
    assert json.loads(saved)["endpoints"][0]["default_graph"] == "urn:g"

    second = EndpointDialog()
    qtbot.addWidget(second)
    second.url_box.setCurrentIndex(0)
    second.url_box.activated.emit(0)
    assert second.profile() == EndpointProfile("https://kg.example.org/sparql", "urn:g", 30.0, "digest", "ann")
    assert second.secret_edit.placeholderText() == "stored in the system keyring"
    assert second.config().auth.secret == "s3cret"


@pytest.mark.endpoint
def test_test_connection_against_virtuoso(dialog, qtbot, virtuoso):
    dialog.url_box.setEditText(virtuoso.url)
    dialog.graph_edit.setText(BUNDLED_GRAPH)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith(f"Connected: {BUNDLED_TRIPLES:,} triples"), timeout=20000)


@pytest.mark.endpoint
def test_window_explores_the_server(qtbot, virtuoso):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    dialog = EndpointDialog(window)
    qtbot.addWidget(dialog)
    dialog.url_box.setEditText(virtuoso.url)
    dialog.graph_edit.setText(BUNDLED_GRAPH)
    task = connect_window(window, dialog.config())
    qtbot.waitUntil(lambda: task.finished, timeout=30000)
    assert window.kg is not None and window.kg.is_remote
    assert f"{BUNDLED_TRIPLES:,} triples" in window.graph_label.text()
    assert virtuoso.url in window.windowTitle()
    qtbot.waitUntil(lambda: window.browser.tree_model.rowCount() > 0, timeout=20000)  # planned in a worker
    window.show_entity(D + "ChinaMobile")
    qtbot.waitUntil(lambda: D + "ChinaMobileZhejiang" in window.inspector.link_targets(), timeout=20000)
