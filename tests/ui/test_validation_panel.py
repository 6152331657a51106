"""The SHACL panel: a report table whose focus nodes open in the Inspector."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.core.graph import KnowledgeGraph
from explorer.ui.validation.validation_panel import ValidationPanelWidget

D = "https://w3id.org/kg-explorer/data/"


def test_bundled_graph_conforms(qtbot, bundled_graph):
    panel = ValidationPanelWidget()
    qtbot.addWidget(panel)
    panel.set_graph(bundled_graph)
    with qtbot.waitSignal(panel.sig_validated, timeout=60000) as done:
        panel.validate_button.click()
    assert done.args[0].conforms
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "The graph conforms to its SHACL shapes."


def test_violations_are_listed_and_focus_nodes_open_in_the_inspector(qtbot):
    kg = KnowledgeGraph.bundled()
    # A fact without an evidence record: the shapes flag it.
    kg.load_text(f"<{D}Liu> <https://w3id.org/kg-explorer/ontology#warnsOf> <{D}BadGuys> .", "ntriples")
    panel = ValidationPanelWidget()
    qtbot.addWidget(panel)
    panel.resize(800, 300)
    panel.show()
    panel.set_graph(kg)
    with qtbot.waitSignal(panel.sig_validated, timeout=60000) as done:
        panel.validate()
    report = done.args[0]
    assert not report.conforms and panel.model.rowCount() == len(report.violations) >= 1
    row = next(r for r in range(panel.model.rowCount()) if report.violations[r].focus == f"{D}Liu")
    assert panel.model.index(row, 1).data() == "Liu"
    assert panel.model.index(row, 0).data() in ("Violation", "Warning", "Info")
    assert panel.model.index(row, 4).data()
    assert "does not conform" in panel.summary.text()
    index = panel.proxy.mapFromSource(panel.model.index(row, 1))
    with qtbot.waitSignal(panel.sig_entity_activated) as activated:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())
    assert activated.args == [f"{D}Liu"]


def test_without_a_graph_nothing_runs(qtbot):
    panel = ValidationPanelWidget()
    qtbot.addWidget(panel)
    assert panel.validate() is None and not panel.validate_button.isEnabled()
