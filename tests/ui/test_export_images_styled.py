"""Pictures of a styled canvas: the rules' colours, shown labels and legend lines reach the SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from explorer.core.style_resolution import ApplyStyleRules
from explorer.core.style_rules import StyleRule
from explorer.core.vocab import DATA
from explorer.services import subgraph as sg
from explorer.services.exporters import ExportJob, export

ONT = "https://w3id.org/kg-explorer/ontology#"


def test_svg_carries_rule_colours_labels_and_legend(qapp, bundled_graph, tmp_path):
    import explorer.ui.export.export_render  # noqa: F401  installs the renderer

    kg = bundled_graph
    subgraph = sg.from_focus(kg, str(DATA.ChinaMobile), 3)
    scene = sg.to_scene(kg, subgraph)
    rules = [StyleRule("class", ONT + "TelecomOperator", color="#AA3377", icon="antenna", label="name-class"),
             StyleRule("predicate", next(e.predicate for e in scene.edges.values() if e.predicate), label="hidden")]
    ApplyStyleRules(scene, rules, kg).redo()
    svg = export("svg", ExportJob(kg, subgraph, scene, title="styled"), tmp_path / "styled.svg")
    text = svg.read_text(encoding="utf-8").lower()
    assert "#aa3377" in text  # the rule's colour, on the node and in the legend swatch
    words = " ".join(t.strip() for t in ET.parse(svg).getroot().itertext())
    assert "China Mobile (telecom operator)" in words
    assert "Class telecom operator" in words  # the rule's legend line
