"""Export and snapshot commands in the main window."""

from __future__ import annotations

import json

import pytest

from explorer.core.vocab import DATA
from explorer.services import snapshots as sn

CHINA_MOBILE = str(DATA.ChinaMobile)
BRANCH = str(DATA.ChinaMobileZhejiang)


@pytest.fixture
def window(qtbot, bundled_graph):
    from explorer.ui.app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.set_graph(bundled_graph)
    window.scene.expand(bundled_graph, CHINA_MOBILE)
    window.scene.expand(bundled_graph, BRANCH)
    return window


def _wait(qtbot, task):
    with qtbot.waitSignal(task.sig_done, timeout=20000):
        pass


def test_menus_offer_export_and_snapshots(window):
    names = {a.objectName(): a for a in window.menu("File").actions()}
    assert {"exportAction", "saveSnapshotAction", "openSnapshotAction"} <= set(names)
    assert names["saveSnapshotAction"].shortcut().toString() == "Ctrl+S"
    assert "compareSnapshotsAction" in {a.objectName() for a in window.menu("Tools").actions()}


def test_export_dialog_exports_the_canvas(qtbot, window, tmp_path):
    dialog = window.export_actions.export()
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("graphml"))
    assert not dialog.images.isEnabled()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("png"))
    assert dialog.images.isEnabled() and dialog.canvas_radio.isChecked()
    dialog.fit_check.setChecked(False)
    dialog.width_spin.setValue(400)
    dialog.height_spin.setValue(300)
    dialog.scale_spin.setValue(1.0)
    dialog.file_field.edit.setText(str(tmp_path / "canvas.png"))
    with qtbot.waitSignal(dialog.accepted):
        dialog._on_buttons_accepted()
    qtbot.waitUntil(lambda: (tmp_path / "canvas.png").exists(), timeout=20000)
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "canvas.png"))
    assert (image.width(), image.height()) == (400, 300)


def test_export_of_focus_and_hops_from_the_dialog_options(qtbot, window, tmp_path):
    target = tmp_path / "chain.html"
    task = window.export_actions.start_export({"format": "html", "path": str(target), "title": "Chain", "focus": "China Mobile",
                                               "hops": 2, "width": None, "height": None, "scale": 1.0})
    qtbot.waitUntil(lambda: target.exists(), timeout=20000)
    assert task is not None and "://" not in target.read_text(encoding="utf-8")


def test_save_open_and_compare_snapshots(qtbot, window, tmp_path, bundled_graph):
    first = tmp_path / "first.kgsnap"
    _wait(qtbot, window.export_actions.start_save_snapshot({"title": "First", "notes": "", "date": "2024-05-01", "path": str(first)}))
    assert json.loads(first.read_text(encoding="utf-8"))["title"] == "First"
    saved_scene = window.scene.to_dict()
    window.scene.expand(bundled_graph, str(DATA.Zhejiang5GIndustryAlliance))
    second = tmp_path / "second.kgsnap"
    _wait(qtbot, window.export_actions.start_save_snapshot({"title": "Second", "notes": "", "date": None, "path": str(second)}))
    # Reopen the first: same data is loaded, so it attaches and the canvas is as it was.
    _wait(qtbot, window.export_actions.open_snapshot(str(first)))
    assert window.export_actions.snapshot.attached and window.kg is bundled_graph
    assert window.scene.to_dict() == saved_scene
    # Compare: the panel lists the differences and the canvas draws them in colour.
    _wait(qtbot, window.export_actions.compare_snapshots(str(first), str(second)))
    model = window.export_actions.diff_widget.model
    assert model.rowCount() > 0 and {row.change for row in model.rows} == {"added"}
    added = [n for n in window.scene.nodes.values() if n.color == sn.ADDED_COLOR]
    assert added and not window.export_actions.diff_dock.isHidden()


def test_snapshot_of_other_data_opens_with_its_own_copy(qtbot, window, tmp_path, bundled_graph):
    from explorer.core.graph import KnowledgeGraph

    path = tmp_path / "s.kgsnap"
    snapshot = sn.save_snapshot(path, bundled_graph, window.scene, title="t")
    other = KnowledgeGraph()
    other.load_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .", "ntriples")
    window.set_graph(other)
    reopened = sn.open_snapshot(path, other)
    assert not reopened.attached
    assert window.export_actions.show_snapshot(reopened, ask=False)
    assert window.kg is not other and window.kg.label(CHINA_MOBILE) == "China Mobile"
    assert set(window.scene.nodes) == set(snapshot.scene().nodes)


def test_bad_snapshot_shows_one_line_error(qtbot, window, tmp_path):
    bad = tmp_path / "bad.kgsnap"
    bad.write_text("{}", encoding="utf-8")
    _wait(qtbot, window.export_actions.open_snapshot(str(bad)))
    assert window.last_error.startswith(f"{bad}: field 'format'")
