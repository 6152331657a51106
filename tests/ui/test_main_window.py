"""The main window: loading in a worker, the analyst's walk, errors, cancel, menus, rendering."""

from __future__ import annotations

import itertools
import threading

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QMenu

from explorer.services.settings import load_settings

D = "https://w3id.org/kg-explorer/data/"
CHAIN = ["ChinaMobile", "ChinaMobileZhejiang", "Zhejiang5GIndustryAlliance", "HospitalPartners",
         "FiveGRemoteHealthcareServices"]




def _link_to(inspector, entity):
    return entity in inspector.link_targets()


def test_window_loads_the_bundled_graph_in_a_worker(window):
    assert window.stats.triples == len(window.kg) > 1000
    assert f"{window.stats.triples:,} triples" in window.graph_label.text()
    # The things in the world, not classes or evidence: the article's entities, the periods and
    # observations of the re-modelled graph, and the ontology's named values (exposure directions,
    # the quarter as a temporal unit), which are individuals too.
    assert "· 45 entities" in window.graph_label.text()
    assert window.browser.tree_model.rowCount() > 0
    assert not window.progress_bar.isVisible()


def test_scripted_analyst_walk(window, qtbot):
    """Search China Mobile, expand, follow the alliance to the hospital partners and the
    remote-healthcare service, reading the evidence in the Inspector on the way."""
    window.browser.search("China Mobile")
    assert window.browser.suggestions()[0] == D + "ChinaMobile"
    qtbot.keyClick(window.browser.search_box, Qt.Key.Key_Return)
    assert window.inspector.current == D + "ChinaMobile"
    assert window.selection == [D + "ChinaMobile"]
    added = window.expand_on_canvas(D + "ChinaMobile")
    assert D + "ChinaMobileZhejiang" in added
    text = window.inspector.plain_text()
    assert "has branch" in text and "China Mobile's Zhejiang branch" in text and "sentence 5, line 4" in text

    # Follow the links in the Inspector, expanding each step on the canvas.
    for previous, step in itertools.pairwise(CHAIN):
        assert _link_to(window.inspector, D + step), f"{previous} does not link to {step}"
        index = window.inspector.link_targets().index(D + step)
        window.inspector._on_text_anchor_clicked(QUrl(f"entity:{index}"))
        assert window.inspector.current == D + step
        window.expand_on_canvas(D + step)
        assert D + step in window.scene.nodes
    text = window.inspector.plain_text()
    assert "remote healthcare" in text.lower()
    assert "“" in text and "sentence" in text  # the evidence is quoted with its place in the article
    for step in CHAIN:
        assert D + step in window.scene.nodes

    # Back and Forward retrace the walk.
    window.back_action.trigger()
    assert window.inspector.current == D + CHAIN[-2]
    window.forward_action.trigger()
    assert window.inspector.current == D + CHAIN[-1]


def test_find_path_in_one_step(window, qtbot):
    window.open_path_finder(source=D + "ChinaMobile")
    dialog = window.path_finder
    qtbot.addWidget(dialog)
    dialog.target.setText("remote healthcare")
    with qtbot.waitSignal(dialog.sig_paths_found, timeout=20000):
        dialog.find()
    chains = window.paths_panel.chains()
    assert chains and chains[0].startswith("China Mobile —has branch→ China Mobile Zhejiang")
    assert "hospital partners" in chains[0]
    # The first path is drawn on the canvas and highlighted, evidence shown per hop.
    for step in CHAIN:
        assert D + step in window.scene.nodes
        assert D + step in window.scene.highlighted
    assert "China Mobile's Zhejiang branch" in window.paths_panel.details.toPlainText()
    dialog.close()


def test_bad_file_shows_one_line_error_and_leaves_graph(window, qtbot, tmp_path):
    before = window.kg
    triples = len(before)
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \n")
    task = window.add_files([bad])
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert window.kg is before and len(window.kg) == triples
    assert window.last_error is not None and "\n" not in window.last_error
    assert "broken.ttl:" in window.last_error
    assert window._error_box is not None and window._error_box.isVisible()
    assert "broken.ttl" in window.statusBar().currentMessage()
    window._error_box.close()


def test_adding_a_good_file_keeps_the_old_graph(window, qtbot, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text('<http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "Extra thing" .\n')
    before = len(window.kg)
    task = window.add_files([extra])
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert len(window.kg) == before + 1
    assert window.kg.search("Extra thing")
    # Written by the settings writer's thread after a load (its fsync is kept off the GUI thread).
    qtbot.waitUntil(lambda: str(extra) in load_settings()[0].recent_files, timeout=10000)


def test_a_long_load_can_be_cancelled(window, qtbot, tmp_path, monkeypatch):
    big = tmp_path / "big.nt"
    big.write_text("".join(f"<http://example.org/s{i}> <http://example.org/p> <http://example.org/o{i}> .\n"
                           for i in range(50000)))
    before = window.kg
    started = threading.Event()
    release = threading.Event()
    import explorer.ui.app.window_loading as module

    real_build = module.build_graph

    def slow_build(*args, progress=None, cancel=None):
        started.set()
        release.wait(10)
        return real_build(*args, progress=progress, cancel=cancel)

    monkeypatch.setattr(module, "build_graph", slow_build)
    task = window.open_files([big])
    assert started.wait(10)
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(task.sig_cancelled, timeout=20000):
        window.cancel_button.click()
        release.set()
    assert window.kg is before
    assert not window.progress_bar.isVisible()
    assert "cancelled" in window.statusBar().currentMessage()


def test_menus_and_extension_points(window, qtbot):
    names = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert names[:7] == ["File", "Edit", "View", "Go", "Tools", "Analysis", "Help"]
    extra = window.menu("Query")
    assert [a.text().replace("&", "") for a in window.menuBar().actions()][-2:] == ["Query", "Help"]
    assert window.menu("Query") is extra
    from PySide6.QtWidgets import QLabel

    dock = window.add_panel("Extra", QLabel("x"), Qt.DockWidgetArea.RightDockWidgetArea, "ExtraDock")
    assert dock.toggleViewAction() in window.panels_menu.actions()
    shortcuts = dict(window.shortcut_rows())
    assert any("Find Path" in name for name in shortcuts)
    assert any("Open" in name for name in shortcuts)


def test_find_shortcut_focuses_search(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.inspector.text.setFocus()
    action = window.findChild(type(window.open_action), "findAction")
    assert action.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Find)) == QKeySequence.SequenceMatch.ExactMatch
    action.trigger()
    qtbot.waitUntil(window.browser.search_box.hasFocus, timeout=5000)


def test_entity_context_menu_offers_canvas_and_path_actions(window):
    window.expand_on_canvas(D + "ChinaMobile")
    menu = QMenu()
    window.populate_entity_menu(menu, D + "ChinaMobile")
    texts = [a.text() for a in menu.actions() if a.text()]
    for wanted in ("Expand Neighbours", "Collapse", "Hide", "Pin in Place", "Find Path From Here…",
                   "Find Path To Here…", "Copy IRI"):
        assert wanted in texts
    [copy] = [a for a in menu.actions() if a.text() == "Copy IRI"]
    copy.trigger()
    assert QGuiApplication.clipboard().text() == D + "ChinaMobile"
    [pin] = [a for a in menu.actions() if a.text() == "Pin in Place"]
    pin.trigger()
    assert window.scene.nodes[D + "ChinaMobile"].pinned


def test_layouts_connecting_network_and_clear(window, qtbot):
    for step in CHAIN[:3]:
        window.expand_on_canvas(D + step)
    window.run_layout("hierarchical")
    window.run_layout("radial")
    xs = {round(node.x) for node in window.scene.visible_nodes()}
    assert len(xs) > 2
    window.set_selection([D + CHAIN[0], D + CHAIN[3], D + CHAIN[4]])
    assert window.network_action.isEnabled()
    task = window.connect_selection()
    qtbot.waitUntil(lambda: task.finished, timeout=20000)
    assert window.paths_panel.paths
    window.clear_canvas()
    assert not window.scene.nodes


def test_drop_adds_files(window, qtbot, tmp_path):
    extra = tmp_path / "dropped.nt"
    extra.write_text('<http://example.org/d> <http://www.w3.org/2000/01/rdf-schema#label> "Dropped" .\n')
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(extra))])
    before = len(window.kg)
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.kg is not None and len(window.kg) == before + 1, timeout=20000)


def test_window_state_and_theme_persist(qtbot, window):
    window.set_theme("dark")
    assert load_settings()[0].theme == "dark"
    window.close()
    from explorer.services.settings import config_dir

    assert (config_dir() / "window.ini").exists()
    window.set_theme("light")


def test_window_renders_to_a_non_blank_png(window, tmp_path):
    window.browser.search("China Mobile")
    window.show_entity(D + "ChinaMobile")
    window.expand_on_canvas(D + "ChinaMobile")
    window.resize(1280, 800)
    path = tmp_path / "window.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_about_shows_the_version(window, qtbot, monkeypatch):
    from explorer import __version__

    seen = {}
    monkeypatch.setattr("explorer.ui.app.main_window.QMessageBox.about", lambda parent, title, text: seen.update(text=text))
    window.show_about()
    assert __version__ in seen["text"]


def test_recent_file_that_vanished_is_forgotten(window, tmp_path):
    gone = str(tmp_path / "gone.ttl")
    window.settings.recent_files = [gone]
    window._open_recent(gone)
    assert gone not in window.settings.recent_files
    assert "no longer exists" in window.last_error
    window._error_box.close()




def test_canvas_gestures_reach_the_inspector_and_the_scene(window, qtbot):
    assert window.canvas is not None and window.centralWidget() is window.canvas
    window.canvas.sig_node_expand_requested.emit(D + "ChinaMobileZhejiang")
    assert D + "Zhejiang5GIndustryAlliance" in window.scene.nodes
    window.canvas.sig_node_activated.emit(D + "Zhejiang5GIndustryAlliance")
    assert window.inspector.current == D + "Zhejiang5GIndustryAlliance"
    window.canvas.sig_selection_changed.emit([D + "ChinaMobile", D + "HospitalPartners"])
    assert window.selection_label.text() == "2 selected"
    assert window.network_action.isEnabled()


def test_more_node_opens_the_full_list(window, qtbot):
    window.settings.expansion_cap = 1
    window.expand_on_canvas(D + "Zhejiang5GIndustryAlliance")
    assert "more:" + D + "Zhejiang5GIndustryAlliance" in window.scene.nodes
    window.canvas.sig_more_requested.emit(D + "Zhejiang5GIndustryAlliance")
    dialog = window.more_dialog
    qtbot.addWidget(dialog)
    listed = dialog.entities(checked_only=False)
    assert len(listed) >= 1 and all(e not in window.scene.nodes for e in listed)
    dialog.filter.setText("hospital")
    assert dialog.entities(checked_only=False) == [D + "HospitalPartners"]
    dialog.add_shown.click()
    assert D + "HospitalPartners" in window.scene.nodes
