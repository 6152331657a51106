"""Curation: analysts add, edit, retract and merge, every change with its evidence.

Qt-free. :class:`Curator` turns an intent into a checked :class:`~explorer.core.changes.ChangeSet`;
:class:`CurationCommand` applies it through the session's undo history.
"""

from explorer.core.curation.checking import ChangeRefused, ShapeViolation, check_change
from explorer.core.curation.command import CurationCommand
from explorer.core.curation.curator import EDITS_GRAPH_BASE, Curator, Value, edits_graph_for
from explorer.core.curation.evidence import Background, EvidenceSpec, NewSource, Provenance, Quoted
from explorer.core.curation.schema import CurationError, OntologySchema, PropertyInfo, typed_literal

__all__ = [
    "EDITS_GRAPH_BASE",
    "Background",
    "ChangeRefused",
    "CurationCommand",
    "CurationError",
    "Curator",
    "EvidenceSpec",
    "NewSource",
    "OntologySchema",
    "PropertyInfo",
    "Provenance",
    "Quoted",
    "ShapeViolation",
    "Value",
    "check_change",
    "edits_graph_for",
    "typed_literal",
]
