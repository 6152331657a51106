"""How commands print: aligned plain-text tables that fit the terminal, and the JSON shapes they share."""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from explorer.core.graph import Edge, Evidence, KnowledgeGraph


# ---------------------------------------------------------------------------- plain-text tables

def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two, combining marks none.

    >>> display_width("中国移动"), display_width("China")
    (8, 5)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def cell(value: Any) -> str:
    """A value as one line of a table: whitespace runs (line breaks included) become one space."""
    return " ".join(str("" if value is None else value).split())


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int | None = None) -> str:
    """Aligned columns; the widest columns are clipped (with …) to fit ``max_width``.

    >>> print(render_table(["Label", "Class"], [["中国移动", "telecom operator"]]), end="")
    Label     Class
    --------  ----------------
    中国移动  telecom operator
    """
    cells = [[cell(h) for h in headers], *[[cell(v) for v in row] for row in rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    gap = 2
    if max_width is not None:
        while sum(widths) + gap * (len(widths) - 1) > max_width:
            widest = max(range(len(widths)), key=lambda i: widths[i])
            if widths[widest] <= 8:
                break
            widths[widest] -= 1
    lines = []
    for index, row in enumerate(cells):
        line = (" " * gap).join(_pad(_clip(value, widths[i]), widths[i]) for i, value in enumerate(row))
        lines.append(line.rstrip())
        if index == 0:
            lines.append((" " * gap).join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def terminal_width(out: TextIO) -> int | None:
    """Width to fit: the terminal's when writing to one, else ``$COLUMNS``, else unlimited."""
    try:
        if out.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 20 else None


# ---------------------------------------------------------------------------- terms and records

def term_text(kg: KnowledgeGraph, term: Any) -> str:
    """An rdflib term as a table cell: prefixed names, ``_:b`` blank nodes, ``text@lang`` literals."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return kg.qname(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.language:
        return f"{term}@{term.language}"
    return str(term)


def short_name(kg: KnowledgeGraph, iri: str) -> str:
    """A prefixed name, or the blank node as it is."""
    return iri if iri.startswith("_:") else kg.qname(iri)


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "background": evidence.background,
        "quote": evidence.quote,
        "source": evidence.source,
        "source_label": evidence.source_label,
        "sentence_index": evidence.sentence_index,
        "note": evidence.note,
    }


def entity_json(kg: KnowledgeGraph, iri: str) -> dict[str, Any]:
    cls = kg.main_class(iri)
    return {"iri": iri, "label": kg.label(iri), "class": cls, "class_label": kg.label(cls) if cls else None}


def edge_json(kg: KnowledgeGraph, edge: Edge, with_evidence: bool) -> dict[str, Any]:
    subject, predicate, obj = edge.triple
    found: dict[str, Any] = {
        "predicate": edge.predicate,
        "words": edge.words,
        "forward": edge.forward,
        "other": edge.other,
        "other_label": edge.other_label,
    }
    if with_evidence:
        found["evidence"] = [evidence_json(e) for e in kg.evidence(subject, predicate, obj)]
    return found


def evidence_lines(kg: KnowledgeGraph, triple: tuple[str, str, str], indent: str) -> list[str]:
    records = kg.evidence(*triple)
    if not records:
        return [f"{indent}(no evidence record)"]
    return [f"{indent}{record.describe()}" for record in records]
