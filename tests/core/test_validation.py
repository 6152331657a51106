"""SHACL validation of the graph against the bundled shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core import bundled
from explorer.core.errors import ValidationFailed
from explorer.core.graph import KnowledgeGraph

D = "https://w3id.org/kg-explorer/data/"


def test_bundled_graph_conforms(bundled_graph: KnowledgeGraph) -> None:
    report = bundled_graph.validate()
    assert report.conforms, [v.message for v in report.violations[:5]]
    assert report.violations == []
    assert report.summary() == "The graph conforms to its SHACL shapes."


def test_broken_copy_reports_violations_with_focus_nodes(tmp_path: Path) -> None:
    data = (bundled.data_dir() / "5g-industrial-internet.ttl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.ttl"
    # An operator without a label, and an evidence record without quote or background flag.
    broken.write_text(data + f"""
<{D}NamelessOperator> a <https://w3id.org/kg-explorer/ontology#TelecomOperator> .
<{D}evidence/Orphan> a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>, <https://w3id.org/kg-explorer/ontology#Evidence> ;
    <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{D}ChinaMobile> ;
    <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://www.w3.org/ns/org#hasSubOrganization> ;
    <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{D}NamelessOperator> .
""", encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load([bundled.ontology_file(), broken])
    report = kg.validate()
    assert not report.conforms
    focus = {v.focus for v in report.violations}
    assert D + "NamelessOperator" in focus
    assert D + "evidence/Orphan" in focus
    assert all(v.message and "\n" not in v.message for v in report.violations)
    assert report.summary().endswith("the graph does not conform.")
    # Violations come first, sorted by focus node.
    severities = [v.severity for v in report.violations]
    assert severities == sorted(severities, key=lambda s: s != "Violation")


def test_unreadable_shapes_file_is_a_one_line_error(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("this is not turtle {")
    kg = KnowledgeGraph()
    kg.load_text("<urn:a> <urn:b> <urn:c> .", "ntriples")
    with pytest.raises(ValidationFailed, match=rf"^{shapes}: cannot read the shapes"):
        kg.validate(shapes)
