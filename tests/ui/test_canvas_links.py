"""Links on the canvas: picked with a click or a rubber band, shown with every evidence record in the
Inspector, hidden or removed with H / Delete, and brought back with Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from explorer.core.scene import edge_id

DATA = "https://w3id.org/kg-explorer/data/"
ONTOLOGY = "https://w3id.org/kg-explorer/ontology#"
LIU, WARNS, ATTACKS = DATA + "Liu", ONTOLOGY + "warnsOf", DATA + "SophisticatedCyberattacks"


def _click(canvas, point: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = canvas.viewport()
    for kind, buttons in ((QMouseEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QMouseEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        QApplication.sendEvent(viewport, QMouseEvent(kind, QPointF(point), QPointF(viewport.mapToGlobal(point)),
                                                     Qt.MouseButton.LeftButton, buttons, modifiers))


def _link_middle(canvas, link: str) -> QPoint:
    edge = canvas.scene_model.edges[link]
    source, target = canvas.scene_model.nodes[edge.source], canvas.scene_model.nodes[edge.target]
    bend = canvas.edge_bend(edge)
    dx, dy = target.x - source.x, target.y - source.y
    length = (dx * dx + dy * dy) ** 0.5
    middle = QPointF((source.x + target.x) / 2 - dy / length * bend, (source.y + target.y) / 2 + dx / length * bend)
    return canvas.mapFromScene(middle)


def test_a_clicked_link_shows_its_fact_and_all_its_evidence(qtbot, window):
    window.session.show_entities([LIU, ATTACKS])
    canvas = window.canvas
    canvas.fit_to_view()
    link = edge_id(LIU, WARNS, ATTACKS)
    assert link in canvas.scene_model.edges
    _click(canvas, _link_middle(canvas, link))
    assert canvas.selected_links() == [link]
    records = window.kg.evidence(LIU, WARNS, ATTACKS)
    assert len(records) >= 2
    assert [r.record for r in window.inspector.fact_evidence] == [r.record for r in records]
    text = window.inspector.text.toPlainText()
    assert "Evidence (2 records)" in text and "warns of" in window.inspector.title.text()
    for record in records:
        if record.quote:
            assert record.quote[:30] in text
    # A click on empty canvas drops the link selection.
    _click(canvas, QPoint(3, 3))
    assert canvas.selected_links() == []


def test_rubber_band_catches_links_and_delete_then_undo_brings_them_back(qtbot, window):
    window.session.show_entities([LIU, ATTACKS])
    canvas = window.canvas
    canvas.fit_to_view()
    link = edge_id(LIU, WARNS, ATTACKS)
    canvas._band, canvas._band_adds = canvas.sceneRect(), False
    canvas._on_view_rubber_band_changed(QRect(), QPointF(), QPointF())
    assert link in canvas.selected_links()
    canvas.select_links([link])
    window.remove_action.trigger()
    assert link not in window.session.scene.edges
    window.session.undo()
    assert link in window.session.scene.edges
    canvas.select_links([link])
    window.hide_action.trigger()
    assert window.session.scene.edges[link].hidden
    assert window.session.history.undo_text.startswith("Hide")
    window.session.undo()
    assert not window.session.scene.edges[link].hidden
