r"""How commands print: aligned plain-text tables that fit the terminal, and the JSON shapes they share.

Everything meant for a terminal passes :func:`terminal_safe`: a label or title holding control
characters (an escape sequence that clears the screen or retitles the window) is shown as
``\x1b[2J`` instead of being sent to the terminal raw. JSON and RDF answers escape them in
their own syntax (same data); CSV, TSV and XML answers stay byte-faithful (they are for files).
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

if TYPE_CHECKING:
    from explorer.core.graph import Edge, Evidence, KnowledgeGraph


# ---------------------------------------------------------------------------- terminal safety

#: C0 controls, DEL and C1 controls: what a terminal may act on instead of showing.
CONTROL_CHARACTERS = frozenset([*range(0x20), 0x7F, *range(0x80, 0xA0)])
# Lone surrogates stand for bytes of a command-line argument that were not UTF-8 (0xDC80–0xDCFF:
# the byte 0x80–0xFF): shown as that byte, never written out raw.
_SURROGATES = range(0xD800, 0xE000)
_SHOWN_ESCAPED = {
    **{code: f"\\x{code:02x}" for code in CONTROL_CHARACTERS},
    **{code: f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}" for code in _SURROGATES},
}
# In JSON and RDF syntaxes line breaks and tabs between tokens are layout, and inside strings the
# serialisers already escape them; every other control becomes a \\u escape (the same character).
_SYNTAX_ESCAPED = {code: f"\\u{code:04x}" for code in [*(CONTROL_CHARACTERS - {0x09, 0x0A}), *_SURROGATES]}


def terminal_safe(text: str) -> str:
    r"""``text`` with every control character written as ``\xNN``: nothing in it can steer the terminal.

    >>> print(terminal_safe("Acme\x1b]0;owned\x07 \x9b2J"))
    Acme\x1b]0;owned\x07 \x9b2J
    >>> print(terminal_safe("caf\udce9"))  # the byte 0xE9 of a Latin-1 file name
    caf\xe9
    >>> terminal_safe("宁波港 — Ningbo")
    '宁波港 — Ningbo'
    """
    return text.translate(_SHOWN_ESCAPED)


def json_text(value: Any) -> str:
    r"""``value`` as indented JSON with every control character escaped (``json`` leaves DEL and C1 raw).

    >>> print(json_text(["a\x9bb\x1b"]))
    [
      "a\u009bb\u001b"
    ]
    """
    return json.dumps(value, ensure_ascii=False, indent=2).translate(_SYNTAX_ESCAPED)


def escape_controls_in_rdf(text: str) -> str:
    r"""Turtle, N-Triples or JSON-LD text with control characters as ``\uXXXX`` escapes.

    The escapes mean the same characters in each of these syntaxes (controls occur only inside
    strings and IRIs there), so the data is unchanged and the terminal shows them as text.

    >>> print(escape_controls_in_rdf('<http://e/a> <http://e/p> "x\x9b2J" .'))
    <http://e/a> <http://e/p> "x\u009b2J" .
    """
    return text.translate(_SYNTAX_ESCAPED)


class _EscapedSyntaxWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(escape_controls_in_rdf(text))


def escaped_syntax_stream(out: TextIO) -> TextIO:
    """A stream for JSON or RDF text that writes it to ``out`` through :func:`escape_controls_in_rdf`."""
    return cast("TextIO", _EscapedSyntaxWriter(out))


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
    """A value as one line of a table: whitespace runs (line breaks included) become one space, and
    other control characters are shown escaped."""
    return terminal_safe(" ".join(str("" if value is None else value).split()))


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
        "line_number": evidence.line_number,
        "page": evidence.page,
        "start": evidence.start,
        "end": evidence.end,
        "note": evidence.note,
        "record": evidence.record,
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
