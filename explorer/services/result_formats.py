"""SPARQL query results in the W3C formats: CSV, TSV, JSON and XML.

Specifications followed:

* CSV and TSV — https://www.w3.org/TR/sparql11-results-csv-tsv/
* JSON — https://www.w3.org/TR/sparql11-results-json/
* XML — https://www.w3.org/TR/rdf-sparql-XMLres/

SELECT and ASK results are written in these formats; CONSTRUCT and DESCRIBE results are
graphs and are written as RDF (:func:`write_graph`). Rows are converted one at a time, so
a large answer is streamed rather than built in memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from rdflib import BNode, Literal, URIRef

from explorer.core.errors import ExplorerError
from explorer.core.sparql import QueryResult
from explorer.core.vocab import PLAIN_LITERAL_DATATYPES, SPARQL_RESULTS

_PLAIN = PLAIN_LITERAL_DATATYPES
_RESULTS_NS = SPARQL_RESULTS

#: Result formats by name, with the media type and suffix a file of that format gets.
RESULT_FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv", ".csv"),
    "tsv": ("text/tab-separated-values", ".tsv"),
    "json": ("application/sparql-results+json", ".srj"),
    "xml": ("application/sparql-results+xml", ".srx"),
}

#: RDF formats a CONSTRUCT or DESCRIBE answer can be written in (rdflib serializer names).
GRAPH_FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}


# ---------------------------------------------------------------------------- term encodings

Term = Any  # an rdflib term, as QueryResult.row() gives it


def term_parts(term: Term) -> tuple[str, str, str | None, str | None]:
    """``(kind, value, language, datatype)`` of a term; kind is uri, bnode or literal.

    Literals keep their exact lexical form (the backends convert them without normalising
    ``"01"^^xsd:integer`` to ``1``). ``datatype`` is None for plain and language-tagged strings.

    >>> term_parts(Literal("5G", lang="en"))
    ('literal', '5G', 'en', None)
    """
    if isinstance(term, URIRef):
        return ("uri", str(term), None, None)
    if isinstance(term, BNode):
        return ("bnode", str(term), None, None)
    if isinstance(term, Literal):
        plain = term.language or term.datatype is None or str(term.datatype) in _PLAIN
        return ("literal", str(term), term.language or None, None if plain else str(term.datatype))
    raise ExplorerError(f"cannot write {term!r} as a SPARQL result term")


def csv_field(term: Term | None) -> str:
    """A term as a CSV field: IRIs and literals by their plain text, blank nodes as ``_:id``.

    >>> csv_field(Literal('say "hi", twice'))
    '"say ""hi"", twice"'
    >>> csv_field(URIRef("http://example.org/a"))
    'http://example.org/a'
    """
    if term is None:
        return ""
    kind, value, _, _ = term_parts(term)
    return _csv_quote(f"_:{value}" if kind == "bnode" else value)


def _csv_quote(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _escape_string(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def tsv_field(term: Term | None) -> str:
    r"""A term in the Turtle/N-Triples syntax the TSV format uses.

    >>> tsv_field(Literal("Zhejiang", lang="en"))
    '"Zhejiang"@en'
    >>> print(tsv_field(Literal("two\nlines")))
    "two\nlines"
    """
    if term is None:
        return ""
    kind, value, language, datatype = term_parts(term)
    if kind == "uri":
        return f"<{_escape_iri(value)}>"
    if kind == "bnode":
        return f"_:{value}"
    text = f'"{_escape_string(value)}"'
    if language:
        return f"{text}@{language}"
    return f"{text}^^<{_escape_iri(datatype)}>" if datatype else text


def _escape_iri(iri: str) -> str:
    # Characters an IRIREF may not contain are written as \u escapes, as N-Triples allows.
    return "".join(f"\\u{ord(ch):04X}" if ch in '<>"{}|^`\\' or ord(ch) <= 0x20 else ch for ch in iri)


def json_term(term: Term) -> dict[str, str]:
    """A term as a SPARQL JSON results binding value.

    >>> json_term(Literal("61", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))
    {'type': 'literal', 'value': '61', 'datatype': 'http://www.w3.org/2001/XMLSchema#decimal'}
    """
    kind, value, language, datatype = term_parts(term)
    found = {"type": kind, "value": value}
    if language:
        found["xml:lang"] = language
    elif datatype:
        found["datatype"] = datatype
    return found


def _xml_text(text: str) -> str:
    # Characters XML 1.0 cannot carry at all are dropped; the rest is escaped.
    cleaned = "".join(ch for ch in text if ch in "\t\n\r" or 0x20 <= ord(ch) <= 0xD7FF
                      or 0xE000 <= ord(ch) <= 0xFFFD or 0x10000 <= ord(ch) <= 0x10FFFF)
    return (cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;"))


def xml_term(term: Term) -> str:
    """A term as a SPARQL XML results ``<uri>``, ``<bnode>`` or ``<literal>`` element.

    >>> xml_term(Literal("中国移动", lang="zh"))
    '<literal xml:lang="zh">中国移动</literal>'
    """
    kind, value, language, datatype = term_parts(term)
    if kind != "literal":
        return f"<{kind}>{_xml_text(value)}</{kind}>"
    if language:
        return f'<literal xml:lang="{_xml_text(language)}">{_xml_text(value)}</literal>'
    if datatype:
        return f'<literal datatype="{_xml_text(datatype)}">{_xml_text(value)}</literal>'
    return f"<literal>{_xml_text(value)}</literal>"


# ---------------------------------------------------------------------------- writers

def _require_table(result: QueryResult, name: str) -> None:
    if result.kind not in ("select", "ask"):
        raise ExplorerError(f"a {result.kind.upper()} answer is a graph: write it as RDF, not as SPARQL {name} results")


def _write_csv(result: QueryResult, out: TextIO) -> None:
    _require_table(result, "CSV")
    if result.kind == "ask":
        # The CSV/TSV note defines no boolean form; the common practice (Oxigraph, Jena) is the bare word.
        out.write("true" if result.boolean else "false")
        return
    out.write(",".join(_csv_quote(v) for v in result.variables) + "\r\n")
    for row in _rows(result):
        out.write(",".join(csv_field(term) for term in row) + "\r\n")


def _write_tsv(result: QueryResult, out: TextIO) -> None:
    _require_table(result, "TSV")
    if result.kind == "ask":
        out.write("true" if result.boolean else "false")
        return
    out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
    for row in _rows(result):
        out.write("\t".join(tsv_field(term) for term in row) + "\n")


def _write_json(result: QueryResult, out: TextIO) -> None:
    _require_table(result, "JSON")
    if result.kind == "ask":
        out.write(json.dumps({"head": {}, "boolean": bool(result.boolean)}, separators=(",", ":")))
        return
    variables = json.dumps(result.variables, ensure_ascii=False, separators=(",", ":"))
    out.write('{"head":{"vars":' + variables + '},"results":{"bindings":[')
    for index, row in enumerate(_rows(result)):
        binding = {name: json_term(term) for name, term in zip(result.variables, row, strict=True) if term is not None}
        out.write(("," if index else "") + json.dumps(binding, ensure_ascii=False, separators=(",", ":")))
    out.write("]}}")


def _write_xml(result: QueryResult, out: TextIO) -> None:
    _require_table(result, "XML")
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{_RESULTS_NS}">\n')
    if result.kind == "ask":
        out.write("<head/>\n<boolean>" + ("true" if result.boolean else "false") + "</boolean>\n</sparql>\n")
        return
    out.write("<head>" + "".join(f'<variable name="{_xml_text(v)}"/>' for v in result.variables) + "</head>\n")
    out.write("<results>\n")
    for row in _rows(result):
        bindings = "".join(f'<binding name="{_xml_text(name)}">{xml_term(term)}</binding>'
                           for name, term in zip(result.variables, row, strict=True) if term is not None)
        out.write(f"<result>{bindings}</result>\n")
    out.write("</results>\n</sparql>\n")


def _rows(result: QueryResult) -> Iterator[tuple[Term | None, ...]]:
    for index in range(len(result.raw_rows)):
        yield result.row(index)


_WRITERS: dict[str, Callable[[QueryResult, TextIO], None]] = {
    "csv": _write_csv,
    "tsv": _write_tsv,
    "json": _write_json,
    "xml": _write_xml,
}


def write_results(result: QueryResult, format_name: str, out: TextIO) -> None:
    """Write a SELECT or ASK answer to ``out`` in a W3C results format (csv, tsv, json, xml).

    Raises:
        ExplorerError: For an unknown format, or a CONSTRUCT/DESCRIBE answer (a graph).
    """
    writer = _WRITERS.get(format_name.lower())
    if writer is None:
        raise ExplorerError(f"unknown results format {format_name!r} (use one of: {', '.join(_WRITERS)})")
    writer(result, out)


def serialize_results(result: QueryResult, format_name: str) -> str:
    r"""A SELECT or ASK answer as text in a W3C results format.

    >>> from explorer.core.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.load_text('<http://e/a> <http://e/name> "Ningbo"@en .', "ntriples")
    >>> serialize_results(kg.query("SELECT ?s ?n WHERE { ?s ?p ?n }"), "tsv").split("\t")
    ['?s', '?n\n<http://e/a>', '"Ningbo"@en\n']
    """
    buffer = io.StringIO(newline="")
    write_results(result, format_name, buffer)
    return buffer.getvalue()


def write_graph(result: QueryResult, format_name: str, out: TextIO, prefixes: dict[str, str] | None = None) -> None:
    """Write a CONSTRUCT or DESCRIBE answer as RDF (turtle, ntriples, jsonld or rdfxml)."""
    if result.kind not in ("construct", "describe"):
        raise ExplorerError(f"a {result.kind.upper()} answer is not a graph")
    rdflib_name = GRAPH_FORMATS.get(format_name)
    if rdflib_name is None:
        raise ExplorerError(f"unknown RDF format {format_name!r} (use one of: {', '.join(GRAPH_FORMATS)})")
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (prefixes or {}).items():
        graph.bind(prefix, namespace, override=True)
    for index in range(len(result.raw_triples)):
        graph.add(result.triple(index))
    text = graph.serialize(format=rdflib_name)
    out.write(text if text.endswith("\n") or not text else text + "\n")


__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "csv_field",
    "json_term",
    "serialize_results",
    "tsv_field",
    "write_graph",
    "write_results",
    "xml_term",
]
