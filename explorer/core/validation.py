"""SHACL validation (pyshacl) with a report the CLI and the desktop both show."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Graph
from rdflib.namespace import RDF

from explorer.core import bundled
from explorer.core.errors import ValidationFailed
from explorer.core.vocab import SH


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which constraint, and why."""

    focus: str
    path: str | None
    value: str | None
    severity: str
    message: str
    shape: str | None


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> str:
        if self.conforms:
            return "The graph conforms to its SHACL shapes."
        return f"{len(self.violations)} SHACL result(s): the graph does not conform."


class StatementSource(Protocol):
    """What validation reads: the asserted statements as an rdflib graph (a KnowledgeGraph)."""

    def to_rdflib(self, *, asserted_only: bool = False) -> Graph: ...


def validate(graph: StatementSource, shapes: Path | None = None) -> ValidationReport:
    """Check ``graph`` against SHACL shapes (the bundled ones unless ``shapes`` is given)."""
    import pyshacl

    shapes_path = shapes or bundled.shapes_file()
    shapes_graph = Graph()
    try:
        shapes_graph.parse(shapes_path, format="turtle")
    except Exception as error:  # rdflib raises many parser types
        raise ValidationFailed(f"{shapes_path}: cannot read the shapes: {error}") from None
    # The shapes rely on the class hierarchy (sh:targetClass, sh:class): the ontology
    # supplies it. No RDFS inference: inferred super-class types have no evidence
    # records of their own and would read as unsupported facts.
    ontology = Graph()
    ontology.parse(bundled.ontology_file(), format="turtle")
    data = graph.to_rdflib(asserted_only=True)
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none", abort_on_first=False, allow_warnings=True,
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def value(predicate: object, _result: object = result) -> str | None:
            found = results.value(_result, predicate)
            return None if found is None else str(found)

        severity = value(SH.resultSeverity) or str(SH.Violation)
        violations.append(Violation(
            focus=value(SH.focusNode) or "",
            path=value(SH.resultPath),
            value=value(SH.value),
            severity=severity.rsplit("#", 1)[-1],
            message=" ".join((value(SH.resultMessage) or "constraint not met").split()),
            shape=value(SH.sourceShape),
        ))
    violations.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), violations)
