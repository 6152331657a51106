"""Turtle spelled straight from strings, for changes of millions of statements.

An imported table's statements are written as Turtle text the store parses in one go
(:class:`~explorer.core.changes.TurtleQuads`) instead of being made as rdflib terms one by one.
The spelling here must mean exactly what the rdflib terms would: an IRI the store would refuse
is refused here, with the offending text, before anything is written; a string is escaped as
Turtle requires; a typed value is spelled as rdflib normalises it (``"007"^^xsd:integer`` is
``"7"``), so a fact imported twice, or checked against the graph, is the same statement.

>>> iri("https://example.org/a"), string('say "hi"\\n', language="en")
('<https://example.org/a>', '"say \\\\"hi\\\\"\\\\n"@en')
>>> typed("007", XSD + "integer")
'"7"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = XSD + "integer"
_STRING = XSD + "string"

# What an IRIREF may not hold (Turtle 1.1), and the scheme every IRI in the store starts with.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
# A string needs escaping only when it holds a quote, a backslash or a control character; the
# other line separators are escaped too, so a statement is one line for any reader of lines.
_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\x85\u2028\u2029]')
_ESCAPES = {**{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F, 0x85, 0x2028, 0x2029]},
            ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


class SpellingError(ValueError):
    """A term Turtle cannot carry (an IRI with a space, a malformed language tag)."""


def iri(text: str) -> str:
    """``<text>``; a relative IRI or one holding a character IRIs may not hold is refused."""
    if _NOT_IN_IRI.search(text) or not _SCHEME.match(text):
        raise SpellingError(f"'{text}' is not an IRI")
    return f"<{text}>"


def string(text: str, language: str | None = None) -> str:
    """A string literal (with its language tag, if any)."""
    quoted = f'"{text.translate(_ESCAPES)}"' if _ESCAPE.search(text) else f'"{text}"'
    if language:
        if not _LANGUAGE.fullmatch(language):
            raise SpellingError(f"'{language}' is not a language tag")
        return f"{quoted}@{language}"
    return quoted


@lru_cache(maxsize=256)
def _datatype(datatype: str) -> str:
    return iri(datatype)


def typed(lexical: str, datatype: str) -> str:
    """A typed literal, its lexical form as rdflib normalises it (so the statement is the same)."""
    if datatype == _INTEGER and lexical.isascii():
        with contextlib.suppress(ValueError):  # ill-typed: kept as written, as rdflib keeps it
            lexical = str(int(lexical))  # what rdflib makes of a whole number, without its cost
        return f"{string(lexical)}^^{_datatype(datatype)}"
    if datatype == _STRING:
        return string(lexical)
    return f"{string(str(Literal(lexical, datatype=URIRef(datatype))))}^^{_datatype(datatype)}"


def term(node: Node) -> str:
    """Any rdflib IRI or literal, spelled (blank nodes have no place in an imported table)."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        if node.language:
            return string(str(node), node.language)
        if node.datatype is not None:
            return f"{string(str(node))}^^{_datatype(str(node.datatype))}" if str(node.datatype) != _STRING \
                else string(str(node))
        return string(str(node))
    if isinstance(node, BNode):
        raise SpellingError("a blank node cannot be spelled for a bulk change")
    raise SpellingError(f"not an RDF term: {node!r}")
