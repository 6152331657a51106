"""View ▸ Style Panel: a class rule recolours the canvas, Edit ▸ Undo takes it back; the Legend leads there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from explorer.ui.style.mount import SHORTCUT

D = "https://w3id.org/kg-explorer/data/"
ONT = "https://w3id.org/kg-explorer/ontology#"


def _drawn_colours(canvas) -> set[str]:
    canvas.flush()
    for tile in canvas.node_tiles.values():
        tile.rebuild()
    return {colour.name().upper() for tile in canvas.node_tiles.values() for colour, _ in tile.groups}


def test_class_rule_recolours_the_canvas_and_undo_restores(window, qtbot):
    window.show_on_canvas(D + "ChinaMobile")
    window.expand_on_canvas(D + "ChinaMobile")
    action = window.findChild(QAction, "stylePanelAction")
    assert action.shortcut() == QKeySequence(SHORTCUT)
    action.trigger()
    mounted = window.style_panel
    panel = mounted.panel
    assert mounted.dock.isVisible()
    operator = window.scene.nodes[D + "ChinaMobile"]
    before = operator.color
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("class"))
    panel.target_combo.setCurrentIndex(panel.target_combo.findData(ONT + "TelecomOperator"))
    panel.set_colour("#D55E00")
    panel.shape_combo.setCurrentIndex(panel.shape_combo.findData("star"))
    panel.icon_combo.setCurrentIndex(panel.icon_combo.findData("antenna"))
    assert not panel.preview.pixmap().isNull()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert operator.color == "#D55E00" and operator.shape == "star" and operator.icon == "antenna"
    assert panel.rules_list.count() == 1 and "TelecomOperator" not in panel.rules_list.item(0).text()
    assert "#D55E00" in _drawn_colours(window.canvas)
    item = window.canvas.node_items.get(operator.id)
    if item is not None:
        assert item.fill.name().upper() == "#D55E00"
    # The legend shows the rule.
    qtbot.waitUntil(lambda: window.legend.styles_root.childCount() == 1)
    # Edit ▸ Undo: the class colour comes back, and the rule goes.
    window.session.undo()
    assert operator.color == before and operator.shape != "star" and operator.icon == ""
    assert "#D55E00" not in _drawn_colours(window.canvas)
    qtbot.waitUntil(lambda: panel.rules_list.count() == 0)
    window.session.redo()
    assert operator.color == "#D55E00"
    qtbot.waitUntil(lambda: panel.rules_list.count() == 1)
    # Turning the rule off is a step of its own; remove, reorder likewise.
    panel.rules_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert operator.color == before
    window.session.undo()
    assert operator.color == "#D55E00"
    panel.rules_list.setCurrentRow(0)
    panel.remove_selected()
    assert operator.color == before and window.scene.style_rules == []


def test_link_rule_and_bad_input_message(window, qtbot):
    window.show_on_canvas(D + "ChinaMobile")
    window.expand_on_canvas(D + "ChinaMobile")
    window.style_panel.open()
    panel = window.style_panel.panel
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("evidence"))
    panel.evidence_combo.setCurrentIndex(panel.evidence_combo.findData("with-evidence"))
    panel.set_colour("not a colour")
    assert not panel.add_from_form()
    assert "Colour" in panel.message.text() and window.scene.style_rules == []
    panel.set_colour("#009E73")
    panel.width_spin.setValue(3.0)
    assert panel.add_from_form()
    assert all(edge.line_color == "#009E73" and edge.width == 3.0
               for edge in window.scene.edges.values() if edge.evidence_count)
    assert window.settings.style_rule_kind == "evidence"


def test_legend_style_this_class_opens_the_panel_ready(window, qtbot):
    window.show_on_canvas(D + "ChinaMobile")
    window.expand_on_canvas(D + "ChinaMobile")
    window.legend.refresh()
    window.legend.sig_style_class.emit(ONT + "TelecomOperator")
    panel = window.style_panel.panel
    assert window.style_panel.dock.isVisible()
    assert panel.kind == "class" and panel.target() == ONT + "TelecomOperator"


def test_panel_preview_follows_the_theme(window, qtbot):
    window.style_panel.open()
    panel = window.style_panel.panel
    for theme in ("dark", "light"):
        window.set_theme(theme)
        qtbot.waitUntil(lambda: panel.preview.pixmap().toImage().pixelColor(2, 2) == window.canvas.colours.background)
    window.set_theme("dark")
    assert window.canvas.is_dark
    qtbot.waitUntil(lambda: panel.preview.pixmap().toImage().pixelColor(2, 2).lightness() < 80)
