"""On-disk workspaces, the link filter, empty-state hints and load progress through the window."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt

from explorer.services.loading import is_workspace
from explorer.services.settings import Settings, workspaces_dir
from explorer.ui.app.main_window import MainWindow

D = "https://w3id.org/kg-explorer/data/"
TURTLE = """@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Plant a ex:Factory ; rdfs:label "Plant" ; ex:uses ex:Network .
ex:Network a ex:PrivateNetwork ; rdfs:label "Campus network" ; ex:runBy ex:Operator .
ex:Operator rdfs:label "Operator" .
"""


@pytest.fixture
def empty_window(qtbot):
    win = MainWindow(Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    win._load_runner.cancel()


def _wait(qtbot, task):
    qtbot.waitUntil(lambda: task.finished, timeout=30000)


def test_disk_storage_keeps_a_workspace_that_reopens_with_the_same_triples(empty_window, qtbot, tmp_path):
    window = empty_window
    window.settings.storage_mode = "disk"
    source = tmp_path / "plant.ttl"
    source.write_text(TURTLE)
    task = window.open_files([source])
    _wait(qtbot, task)
    assert task.error is None, task.error
    folder = window.kg.backend.workspace
    assert folder is not None and folder.parent == workspaces_dir() and folder.name == "plant"
    assert is_workspace(folder)
    triples = len(window.kg)
    assert triples == 7

    # The same file again goes to a second workspace (the first is open), then the first reopens.
    task = window.open_files([source])
    _wait(qtbot, task)
    assert window.kg.backend.workspace.name == "plant-2"
    assert window.open_workspace(window.kg.backend.workspace) is None  # already open: nothing to do
    gc.collect()  # the earlier graph object lets go of its store
    task = window.open_workspace(folder)
    _wait(qtbot, task)
    assert task.error is None, task.error
    assert window.kg.backend.workspace == folder
    assert len(window.kg) == triples
    assert window.stats.triples == triples
    assert window.kg.label("http://example.org/Network") == "Campus network"
    assert "plant.ttl" in window.windowTitle()  # the manifest remembers the files


def test_opening_a_folder_that_is_no_workspace_fails_with_one_line(empty_window, qtbot, tmp_path):
    window = empty_window
    task = window.open_workspace(tmp_path)
    _wait(qtbot, task)
    assert window.kg is None
    assert window.last_error == f"{tmp_path}: not a KG Explorer workspace (no graph store in this folder)"


def test_a_failed_disk_load_leaves_no_workspace_behind(empty_window, qtbot, tmp_path):
    window = empty_window
    window.settings.storage_mode = "disk"
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    task = window.open_files([bad])
    _wait(qtbot, task)
    assert window.kg is None and window.last_error and "broken.ttl" in window.last_error
    assert not (workspaces_dir() / "broken").exists()


def test_load_through_the_window_reports_progress_and_sets_the_graph(empty_window, qtbot, tmp_path):
    window = empty_window
    source = tmp_path / "many.nt"
    source.write_text("".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(20000)))
    reports: list[tuple[object, str]] = []
    task = window.open_files([source])
    task.sig_progress.connect(lambda fraction, message: reports.append((fraction, message)))
    with qtbot.waitSignal(task.sig_finished, timeout=30000):
        pass
    assert len(reports) >= 2
    assert any(message.startswith("Reading many.nt") for _fraction, message in reports)
    assert window.kg is not None and len(window.kg) == 20000
    assert window.stats.triples == 20000
    assert not window.progress_bar.isVisible()


def test_canvas_hint_shows_while_the_canvas_is_empty(empty_window, qtbot):
    window = empty_window
    hint = window.canvas_hint
    assert hint.isVisible()
    assert "Search for an entity (Ctrl+F)" in hint.text() and "Find Path" in hint.text()
    task = window.open_bundled()
    _wait(qtbot, task)
    window.show_on_canvas(D + "ChinaMobile")
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=5000)
    window.scene.hide(D + "ChinaMobile")
    qtbot.waitUntil(hint.isVisible, timeout=5000)
    assert "hidden" in hint.text()
    window.clear_canvas()
    qtbot.waitUntil(lambda: "Search for an entity" in hint.text(), timeout=5000)
    assert hint.isVisible()
    # The hint sits in the middle of the canvas and lets clicks through.
    centre = window.canvas.viewport().rect().center()
    assert hint.geometry().contains(centre)
    assert hint.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_paths_and_inspector_hints_when_empty(empty_window, qtbot):
    window = empty_window
    assert window.paths_panel.empty_hint.isVisible()
    assert "Find Path" in window.paths_panel.empty_hint.text()
    assert "Search for an entity" in window.inspector.text.toPlainText()


def test_browser_activation_puts_the_entity_on_the_canvas(empty_window, qtbot):
    window = empty_window
    _wait(qtbot, window.open_bundled())
    window.browser.search("China Mobile")
    qtbot.keyClick(window.browser.search_box, Qt.Key.Key_Return)
    assert window.inspector.current == D + "ChinaMobile"
    assert D + "ChinaMobile" in window.scene.nodes


def test_link_filter_hides_and_shows_links_by_predicate(empty_window, qtbot):
    window = empty_window
    _wait(qtbot, window.open_bundled())
    window.open_link_filter()
    dialog = window.link_filter_dialog
    assert dialog.empty_hint.isVisibleTo(dialog) and not dialog.items()
    for entity in ("ChinaMobile", "ChinaMobileZhejiang", "Zhejiang5GIndustryAlliance"):
        window.expand_on_canvas(D + entity)
    qtbot.waitUntil(lambda: len(dialog.items()) > 2, timeout=5000)
    items = dialog.items()
    assert all(item.checkState() == Qt.CheckState.Checked for item in items)
    words = [item.text() for item in items]
    assert any(text.startswith("has branch") for text in words), words
    [branch] = [item for item in items if item.text().startswith("has branch")]
    predicate = branch.toolTip()
    shown_before = len(window.scene.visible_edges())
    branch.setCheckState(Qt.CheckState.Unchecked)
    assert predicate in window.scene.hidden_predicates
    assert all(edge.predicate != predicate for edge in window.scene.visible_edges())
    assert len(window.scene.visible_edges()) < shown_before
    qtbot.waitUntil(lambda: dialog.summary.text().startswith(f"{len(items) - 1} of {len(items)}"), timeout=5000)
    dialog.show_all_button.click()
    assert not window.scene.hidden_predicates
    dialog.hide_all_button.click()
    assert not window.scene.visible_edges()
    dialog.filter_edit.setText("branch")
    assert [item.isHidden() for item in dialog.items()].count(False) >= 1
    assert any(item.isHidden() for item in dialog.items())


def test_legend_dock_ticks_drive_the_class_filter(empty_window, qtbot):
    window = empty_window
    assert window.legend_dock.toggleViewAction() in window.panels_menu.actions()
    assert window.legend_dock.toggleViewAction().text() == "Legend"
    _wait(qtbot, window.open_bundled())
    for entity in ("ChinaMobile", "ChinaMobileZhejiang"):
        window.expand_on_canvas(D + entity)
    node = window.scene.nodes[D + "ChinaMobileZhejiang"]
    qtbot.waitUntil(lambda: window.legend.row_for(node.class_iri) is not None, timeout=5000)
    row = window.legend.row_for(node.class_iri)
    row.setCheckState(0, Qt.CheckState.Unchecked)
    assert node.class_iri in window.scene.hidden_classes
    assert node not in window.scene.visible_nodes()
    row = window.legend.row_for(node.class_iri)
    row.setCheckState(0, Qt.CheckState.Checked)
    assert node.class_iri not in window.scene.hidden_classes


def test_the_status_bar_says_when_the_canvas_is_filtered(empty_window, qtbot):
    window = empty_window
    badge = window.filter_badge
    _wait(qtbot, window.open_bundled())
    window.show_on_canvas(D + "ChinaMobile")
    window.expand_on_canvas(D + "ChinaMobile")
    assert not badge.isVisible()
    window.session.hide(D + "ChinaMobileZhejiang")
    qtbot.waitUntil(badge.isVisible, timeout=5000)
    assert badge.text() == "Filtered: 1 node hidden — Show All"
    telecom = window.scene.nodes[D + "ChinaMobile"].class_iri
    window.session.set_class_visible(telecom, False)
    qtbot.waitUntil(lambda: badge.text().startswith("Filtered: 1 class, 1 node hidden"), timeout=5000)
    badge.click()  # shows everything, as one step
    qtbot.waitUntil(lambda: not badge.isVisible(), timeout=5000)
    assert not window.scene.hidden_classes
    window.session.undo()
    qtbot.waitUntil(badge.isVisible, timeout=5000)
