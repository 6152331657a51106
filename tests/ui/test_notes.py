"""Notes on nodes, links and the canvas; snapshot title and notes after reopening; the path history."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QMenu, QToolTip

from explorer.core.scene_notes import CANVAS, MAX_NOTE_CHARS
from explorer.core.vocab import DATA
from explorer.services import snapshots as sn

CHINA_MOBILE = str(DATA.ChinaMobile)
BRANCH = str(DATA.ChinaMobileZhejiang)


def _wait(qtbot, task):
    qtbot.waitUntil(lambda: task.finished, timeout=20000)


def _branch_link(window):
    return next(e.id for e in window.scene.edges.values() if {e.source, e.target} == {CHINA_MOBILE, BRANCH})


def _context_menu(window, entity, link=None):
    """The canvas context menu the window builds (node, link or empty canvas)."""
    window.canvas.context_link = link
    before = set(window.findChildren(QMenu))
    window._on_canvas_context_menu(entity, QPoint(0, 0))
    menu = next(m for m in window.findChildren(QMenu) if m not in before)
    menu.hide()
    return {a.text(): a for a in menu.actions()}


def _write(window, qtbot, text):
    dialog = window.session.part("notes").dialog
    dialog.editor.setPlainText(text)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_notes_from_context_menus_and_inspector_are_undoable(window, qtbot):
    notes = window.session.part("notes")
    window.expand_on_canvas(CHINA_MOBILE)
    link = _branch_link(window)
    # A node, from its context menu.
    _context_menu(window, CHINA_MOBILE)["Add Note on Entity…"].trigger()
    _write(window, qtbot, "Check the 2019 figures")
    assert window.scene.notes[CHINA_MOBILE] == "Check the 2019 figures"
    # A link, from its context menu.
    _context_menu(window, None, link)["Add Note on Link…"].trigger()
    _write(window, qtbot, "Branch or subsidiary?")
    assert window.scene.notes[link] == "Branch or subsidiary?"
    # The canvas, from the empty canvas's menu: it shows on the card in the corner.
    _context_menu(window, None)["Add Note on Canvas…"].trigger()
    _write(window, qtbot, "Open question: who funds the alliance?")
    assert notes.card.isVisible() and "who funds the alliance" in notes.card.text.text()
    notes.card.text.linkActivated.emit("fold")  # folded to one line, it hides nothing of the graph
    assert notes.card.folded and "who funds" not in notes.card.text.text() and notes.card.isVisible()
    notes.card.text.linkActivated.emit("unfold")
    assert "who funds the alliance" in notes.card.text.text()
    # The Inspector shows the note of what it shows and edits it.
    window.show_entity(CHINA_MOBILE)
    assert notes.box.isVisible() and "Check the 2019 figures" in notes.box.text.text()
    notes.box.edit_button.click()
    _write(window, qtbot, "2019 figures checked")
    assert window.scene.notes[CHINA_MOBILE] == "2019 figures checked"
    assert window.session.history.undo_text == "Edit Note on China Mobile"
    notes.box.remove_button.click()
    assert CHINA_MOBILE not in window.scene.notes and notes.box.edit_button.text() == "Add Note…"
    # Edit ▸ Undo / Redo walk the notes back and forth.
    window.undo_actions.undo_action.trigger()
    assert window.scene.notes[CHINA_MOBILE] == "2019 figures checked"
    window.undo_actions.undo_action.trigger()
    assert window.scene.notes[CHINA_MOBILE] == "Check the 2019 figures"
    assert "Check the 2019 figures" in notes.box.text.text()
    window.undo_actions.redo_action.trigger()
    assert window.scene.notes[CHINA_MOBILE] == "2019 figures checked"
    for _ in range(3):
        window.undo_actions.undo_action.trigger()
    assert CANVAS not in window.scene.notes and not notes.card.isVisible()


def test_note_dialog_refuses_an_oversized_note_and_menus_have_shortcuts(window, qtbot):
    notes = window.session.part("notes")
    assert notes.note_action.shortcut().toString() == "Ctrl+Alt+N"
    assert notes.canvas_note_action.shortcut().toString() == "Ctrl+Alt+Shift+N"
    assert notes.properties_action.shortcut().toString() == "Ctrl+Alt+P"
    dialog = notes.edit_canvas_note()
    dialog.editor.setPlainText("x" * (MAX_NOTE_CHARS + 1))
    assert "too long" in dialog.count.text()
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and CANVAS not in window.scene.notes
    dialog.reject()
    # With one link selected, Note on Selection writes on the link.
    window.expand_on_canvas(CHINA_MOBILE)
    link = _branch_link(window)
    window.canvas.select_links([link])
    window.set_selection([])
    notes.note_action.trigger()
    assert notes.dialog.windowTitle() == f"Note on {notes.describe(link)}" and " — has branch — " in notes.describe(link)
    _write(window, qtbot, "on the link")
    assert window.scene.notes[link] == "on the link"


def test_markers_on_noted_node_and_link_clear_of_labels_with_tooltip(window, qtbot):
    window.expand_on_canvas(CHINA_MOBILE)
    link = _branch_link(window)
    notes = window.session.part("notes")
    notes.set_note(CHINA_MOBILE, "node note")
    notes.set_note(link, "link note")
    window.resize(1280, 800)
    window.fit_canvas()
    window.canvas.viewport().repaint()
    layer = window.canvas.label_layer
    assert set(layer.note_markers) == {CHINA_MOBILE, link}
    for box in layer.note_markers.values():
        for kind, item, _label, _text, pieces, _angle in layer.drawn:
            for left, top, right, bottom in pieces:
                assert not box.intersects(type(box)(left, top, right - left, bottom - top)), (item, kind)
    centre = layer.note_markers[link].center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, window.canvas.viewport().mapToGlobal(centre))
    window.canvas.viewportEvent(event)
    assert "Note: link note" in QToolTip.text()


def test_notes_title_and_path_history_survive_save_and_reopen(window, qtbot, tmp_path, bundled_graph):
    notes = window.session.part("notes")
    window.expand_on_canvas(CHINA_MOBILE)
    link = _branch_link(window)
    notes.set_note(CHINA_MOBILE, "node note")
    notes.set_note(link, "link note")
    notes.set_note(CANVAS, "canvas note")
    paths = window.session.find_paths(CHINA_MOBILE, str(DATA.FiveGRemoteHealthcareServices))
    window.paths_panel.set_paths(paths, "China Mobile → remote healthcare: first search")
    window.paths_panel.set_paths(paths[:1], "China Mobile → remote healthcare: second search")
    path = tmp_path / "notes.kgsnap"
    _wait(qtbot, window.export_actions.start_save_snapshot(
        {"title": "Healthcare chain", "notes": "Ask the alliance", "date": "2024-05-01", "path": str(path)}))
    saved = json.loads(path.read_text(encoding="utf-8"))["scene"]
    assert saved["notes"][CANVAS] == "canvas note" and len(saved["path_history"]) == 2

    window.set_graph(bundled_graph)  # another start: nothing on the canvas, no snapshot open
    assert not window.scene.notes and window.paths_panel.history.count() == 0
    assert window.export_actions.snapshot is None and not notes.card.isVisible()
    _wait(qtbot, window.export_actions.open_snapshot(str(path)))
    assert window.scene.notes == {CHINA_MOBILE: "node note", link: "link note", CANVAS: "canvas note"}
    assert [window.paths_panel.history.item(i).text() for i in range(2)] == [
        "China Mobile → remote healthcare: second search", "China Mobile → remote healthcare: first search"]
    # Reopening lists the searches without drawing anything (the canvas is the snapshot's).
    assert window.session.history.undo_text.startswith("Open Snapshot")
    window.paths_panel.history.setCurrentRow(1)
    assert window.paths_panel.list.count() == len(paths)
    assert window.session.history.undo_text.startswith("Show Path")
    # The title and notes are shown and editable, and a re-save keeps the edit.
    card = notes.card.text.text()
    assert "Healthcare chain" in card and "Ask the alliance" in card and "canvas note" in card
    assert window.windowTitle().startswith("Healthcare chain")
    dialog = notes.edit_snapshot_properties()
    assert dialog.title_edit.text() == "Healthcare chain" and dialog.notes_edit.toPlainText() == "Ask the alliance"
    dialog.title_edit.setText("Healthcare chain, checked")
    dialog.notes_edit.setPlainText("Asked the alliance on Monday")
    dialog.accept()
    assert window.windowTitle().startswith("Healthcare chain, checked")
    window.undo_actions.undo_action.trigger()
    assert window.export_actions.snapshot.title == "Healthcare chain"
    window.undo_actions.redo_action.trigger()
    save = window.export_actions.save_snapshot()
    options = save.options()
    save.reject()
    assert (options["title"], options["notes"], options["date"]) == (
        "Healthcare chain, checked", "Asked the alliance on Monday", "2024-05-01")
    assert options["path"] == str(path)
    _wait(qtbot, window.export_actions.start_save_snapshot(options))
    again = sn.open_snapshot(path, bundled_graph)
    assert (again.title, again.notes) == ("Healthcare chain, checked", "Asked the alliance on Monday")
    assert again.scene().notes[link] == "link note" and len(again.scene().path_history) == 2


def test_path_history_remove_and_clear_are_undoable(window, qtbot):
    panel = window.paths_panel
    paths = window.session.find_paths(CHINA_MOBILE, BRANCH)
    for name in ("one", "two", "three"):
        panel.set_paths(paths, name)
    assert panel.history.count() == 3 and panel.history.currentRow() == 0
    panel.history.setCurrentRow(1)
    panel.remove_button.click()
    assert [s.summary for s in panel.searches()] == ["three", "one"]
    window.undo_actions.undo_action.trigger()
    assert [s.summary for s in panel.searches()] == ["three", "two", "one"]
    panel.clear_button.click()
    assert panel.history.count() == 0 and panel.list.count() == 0
    window.undo_actions.undo_action.trigger()
    assert panel.history.count() == 3


def test_oversized_note_in_a_snapshot_is_one_line_error(window, qtbot, tmp_path, bundled_graph):
    window.expand_on_canvas(CHINA_MOBILE)
    path = tmp_path / "big.kgsnap"
    sn.save_snapshot(path, bundled_graph, window.scene, title="t")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scene"]["notes"] = {CHINA_MOBILE: "x" * (MAX_NOTE_CHARS + 5)}
    path.write_text(json.dumps(data), encoding="utf-8")
    _wait(qtbot, window.export_actions.open_snapshot(str(path)))
    error = window.last_error
    assert error.startswith(f"{path}: field 'scene.notes['{CHINA_MOBILE}']': 10,005 characters")
    assert "\n" not in error
    data["scene"]["notes"] = ["not", "an", "object"]
    path.write_text(json.dumps(data), encoding="utf-8")
    _wait(qtbot, window.export_actions.open_snapshot(str(path)))
    assert window.last_error == f"{path}: field 'scene.notes': expected an object of item id → text"
