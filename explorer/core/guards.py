"""Defences against hostile files, applied to the bytes on their way to the parser.

Analysts open files others send them. Oxigraph's parsers never fetch anything, but its
RDF/XML parser expands internal XML entities without limit ("billion laughs"), and deeply
nested RDF/XML or JSON-LD makes it slow (quadratic) or, for JSON-LD, overflow its stack.
A guard sees every chunk before the parser does and refuses such a file with a one-line
:class:`~explorer.core.errors.LoadError`; nothing is ever expanded or fetched to decide.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from pathlib import Path
from typing import Any

from explorer.core.errors import LoadError

#: Deeper element nesting than legitimate RDF/XML ever needs; the parser slows down
#: quadratically with depth.
MAX_XML_DEPTH = 1000
#: Deeper JSON nesting than legitimate JSON-LD ever needs; past a few thousand levels the
#: JSON-LD processor overflows its stack.
MAX_JSON_DEPTH = 512
#: Text that XML entity references may add to a file, in total.
MAX_ENTITY_EXPANSION = 64 * 1024 * 1024


class StreamGuard:
    """Looks at the bytes of one file, chunk by chunk, before the parser does."""

    def __init__(self, source: str) -> None:
        self.source = source

    def feed(self, chunk: bytes) -> None:
        """Check the next chunk; raise :class:`LoadError` to refuse the file."""

    def close(self) -> None:
        """The file ended."""


class RdfXmlGuard(StreamGuard):
    """Refuses XML entity tricks and absurd nesting in RDF/XML.

    Allowed: internal entities whose value is plain text (``<!ENTITY xsd "http://…#">``,
    as ontology editors write). Refused: external entities (SYSTEM/PUBLIC), parameter
    entities, entities whose value refers to other entities (the "billion laughs"), more
    than :data:`MAX_ENTITY_EXPANSION` bytes of expanded entity text, and elements nested
    deeper than :data:`MAX_XML_DEPTH`. expat checks the markup; entity references are
    counted in the raw bytes, never expanded.
    """

    def __init__(self, source: str, *, max_depth: int = MAX_XML_DEPTH,
                 max_expansion: int = MAX_ENTITY_EXPANSION) -> None:
        super().__init__(source)
        self.max_depth = max_depth
        self.max_expansion = max_expansion
        self._depth = 0
        self._entities: dict[bytes, int] = {}  # name -> length of its value
        self._expanded = 0
        self._tail = b""
        self._refusal: LoadError | None = None
        parser = xml.parsers.expat.ParserCreate()
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.EntityDeclHandler = self._on_entity_declared
        parser.UnparsedEntityDeclHandler = self._on_unparsed_entity
        parser.ExternalEntityRefHandler = self._on_external_reference
        parser.StartElementHandler = self._on_element_start
        parser.EndElementHandler = self._on_element_end
        self._parser = parser

    # expat callbacks: they record the refusal and stop the parser; feed() raises it.
    def _refuse(self, message: str) -> None:
        if self._refusal is None:
            parser = self._parser
            self._refusal = LoadError(self.source, message, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        raise _Stop()

    def _on_entity_declared(self, name: str, is_parameter: int, value: str | None, base: Any,
                            system_id: str | None, public_id: str | None, notation: str | None) -> None:
        if is_parameter:
            self._refuse(f"XML parameter entity '%{name}' refused: DTD tricks are not read")
        if value is None:
            target = system_id or public_id or "?"
            self._refuse(f"external XML entity '{name}' ({target}) refused: loading never reads other files or the network")
        assert value is not None
        if re.search(r"&[^#\s;]+;", value):
            self._refuse(f"XML entity '{name}' refers to other entities: nested entity expansion is refused")
        self._entities[name.encode("utf-8")] = len(value.encode("utf-8"))

    def _on_unparsed_entity(self, name: str, *args: Any) -> None:
        self._refuse(f"external XML entity '{name}' refused: loading never reads other files or the network")

    def _on_external_reference(self, *args: Any) -> int:
        self._refuse("external XML entity refused: loading never reads other files or the network")
        return 0

    def _on_element_start(self, name: str, attributes: Any) -> None:
        self._depth += 1
        if self._depth > self.max_depth:
            self._refuse(f"elements nested more than {self.max_depth} levels deep: refused")

    def _on_element_end(self, name: str) -> None:
        self._depth -= 1

    def feed(self, chunk: bytes) -> None:
        try:
            self._parser.Parse(chunk, False)
        except _Stop:
            pass
        except xml.parsers.expat.ExpatError as error:
            if self._refusal is None:
                reason = xml.parsers.expat.ErrorString(error.code) or "not well-formed"
                message = ("XML entity references expand more than 100-fold: refused" if "amplification" in reason
                           else f"rdfxml syntax error: {reason}")
                self._refusal = LoadError(self.source, message, error.lineno, error.offset + 1)
        if self._refusal is not None:
            raise self._refusal
        self._count_references(chunk)

    def _count_references(self, chunk: bytes) -> None:
        if not self._entities:
            return
        longest = max(len(name) for name in self._entities) + 2
        # The tail is shorter than any reference: a reference inside it was counted before.
        window = self._tail + chunk
        for name, size in self._entities.items():
            self._expanded += window.count(b"&" + name + b";") * size
        self._tail = window[-(longest - 1):] if longest > 1 else b""
        if self._expanded > self.max_expansion:
            megabytes = self.max_expansion // (1024 * 1024)
            raise LoadError(self.source, f"XML entity references expand to more than {megabytes} MB: refused")

    def close(self) -> None:
        try:
            self._parser.Parse(b"", True)
        except _Stop:
            pass
        except xml.parsers.expat.ExpatError:
            return  # the RDF/XML parser reports a malformed end itself, with its own words
        if self._refusal is not None:
            raise self._refusal


class _Stop(Exception):
    """Unwinds expat after a refusal was recorded."""


class JsonNestingGuard(StreamGuard):
    """Refuses JSON nested deeper than :data:`MAX_JSON_DEPTH`, outside strings.

    Vectorised with numpy (a Python loop over tokens costs more than the parse): quotes
    not escaped by an odd run of backslashes toggle "inside a string"; brackets outside
    strings step the depth up or down; a running sum gives the depth at every byte.
    """

    def __init__(self, source: str, *, max_depth: int = MAX_JSON_DEPTH) -> None:
        super().__init__(source)
        self.max_depth = max_depth
        self._depth = 0
        self._in_string = False
        self._backslashes = 0  # backslashes ending the previous chunk
        self._line = 1
        self._column = 0  # bytes since the last line break, carried from chunk to chunk

    def feed(self, chunk: bytes) -> None:
        import numpy as np

        data = np.frombuffer(chunk, dtype=np.uint8)
        size = data.size
        if size == 0:
            return
        is_backslash = data == 0x5C
        if not self._backslashes and not is_backslash.any():
            quotes = data == 0x22  # the common case: no escapes in this chunk
            last_other_end = size - 1
        else:
            positions = np.arange(size, dtype=np.int64)
            # Index of the last byte that is not a backslash, at or before each position.
            last_other = np.maximum.accumulate(np.where(is_backslash, -1, positions))
            run_before = np.empty(size, dtype=np.int64)
            run_before[0] = self._backslashes
            previous = last_other[:-1]
            run_before[1:] = np.where(previous >= 0, positions[:-1] - previous, positions[:-1] + 1 + self._backslashes)
            quotes = (data == 0x22) & (run_before % 2 == 0)
            last_other_end = int(last_other[-1])
        quote_count = np.cumsum(quotes, dtype=np.int32)
        inside = ((quote_count - quotes + self._in_string) & 1).astype(bool)
        # Valid JSON has backslashes only inside strings. Refusing any other one also keeps the
        # quote parity above exact: until a stray backslash, escapes and strings are where a
        # parser sees them.
        stray = is_backslash & ~inside
        if stray.any():
            at = int(np.argmax(stray))
            raise LoadError(self.source, "a backslash outside a string: not JSON", *self._position(chunk, at))
        opening = ((data == 0x5B) | (data == 0x7B)) & ~inside
        closing = ((data == 0x5D) | (data == 0x7D)) & ~inside
        depths = self._depth + np.cumsum(opening.astype(np.int32) - closing.astype(np.int32), dtype=np.int32)
        too_deep = depths > self.max_depth
        if too_deep.any():
            at = int(np.argmax(too_deep))
            raise LoadError(self.source, f"JSON nested more than {self.max_depth} levels deep: refused",
                            *self._position(chunk, at))
        self._depth = int(depths[-1])
        self._in_string = bool((int(quote_count[-1]) + self._in_string) % 2)
        self._backslashes = size - 1 - last_other_end if last_other_end >= 0 else self._backslashes + size
        self._advance(chunk)

    def _position(self, chunk: bytes, at: int) -> tuple[int, int]:
        line = self._line + chunk.count(b"\n", 0, at)
        line_start = chunk.rfind(b"\n", 0, at) + 1
        column = at - line_start + (self._column if line_start == 0 else 0) + 1
        return line, column

    def _advance(self, chunk: bytes) -> None:
        breaks = chunk.count(b"\n")
        self._line += breaks
        self._column = len(chunk) - (chunk.rfind(b"\n") + 1) + (self._column if breaks == 0 else 0)


def guard_for(format_name: str, source: str) -> StreamGuard | None:
    """The guard a format needs, if any."""
    if format_name == "rdfxml":
        return RdfXmlGuard(source)
    if format_name == "jsonld":
        return JsonNestingGuard(source)
    return None


def check_bytes(format_name: str, source: str, data: bytes) -> None:
    """Run a format's guard over data held in memory (pasted text)."""
    guard = guard_for(format_name, source)
    if guard is not None:
        for start in range(0, len(data), 1 << 20):
            guard.feed(data[start:start + (1 << 20)])
        guard.close()


# ------------------------------------------------------------------ positions for errors
def locate(path: Path, needle: str, *, limit: int = 64 * 1024 * 1024, opener: Any = open) -> tuple[int, int] | None:
    """Line and column (1-based, in characters) of the first ``needle`` in a file, if any.

    Some parser errors quote the offending text without saying where it is; finding it
    gives the user a place to look. Files larger than ``limit`` are not searched.
    """
    if not needle:
        return None
    try:
        with opener(path, "rb") as handle:
            data = handle.read(limit)
    except (OSError, EOFError):
        return None
    at = data.find(needle.encode("utf-8"))
    if at < 0:
        return None
    line = data.count(b"\n", 0, at) + 1
    line_start = data.rfind(b"\n", 0, at) + 1
    column = len(data[line_start:at].decode("utf-8", errors="replace")) + 1
    return line, column


_CONTEXT_REFERENCE = re.compile(r'"@(?:context|import)"\s*:\s*\[?\s*"([^"]*)"')


def remote_context(path: Path, *, opener: Any = open) -> tuple[str, int, int] | None:
    """The first JSON-LD ``@context`` (or ``@import``) given by address: (url, line, column)."""
    try:
        with opener(path, "rb") as handle:
            text = handle.read(64 * 1024 * 1024).decode("utf-8", errors="replace")
    except (OSError, EOFError):
        return None
    match = _CONTEXT_REFERENCE.search(text)
    if match is None:
        return None
    at = match.start(1) - 1
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return match.group(1), line, column


# Characters no IRI may hold (RFC 3987): JSON-LD processors drop a node or a property whose
# IRI has one, without an error; the Turtle, N-Triples and RDF/XML parsers refuse the file.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def invalid_jsonld_iri(text: str, source: str) -> LoadError | None:
    """The first IRI in a JSON-LD document that a processor would drop silently, as an error.

    Checked: ``@id``, ``@type``, ``@vocab`` and ``@base`` values, and property names that are
    IRIs or compact IRIs (they hold a colon). The error names the line and column of the
    value and the character at fault.

    >>> print(invalid_jsonld_iri('{"@id": "http://e/a b", "http://e/p": "x"}', "x.jsonld"))
    x.jsonld:1:9: invalid IRI "http://e/a b" in @id (a space is not allowed in an IRI): the node would be dropped
    """
    import json

    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None  # not JSON, or nested too deeply: the parser or the depth guard says so
    found = _first_bad_iri(document, 0)
    if found is None:
        return None
    value, where = found
    bad = _NOT_IN_IRI.search(value)
    assert bad is not None
    char = bad.group(0)
    named = "a space" if char == " " else f"the character {char!r}"
    encoded = json.dumps(value, ensure_ascii=False)
    offset = text.find(encoded)
    line = column = None
    if offset >= 0:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    dropped = "the property would be dropped" if where == "a property name" else "the node would be dropped"
    return LoadError(source, f"invalid IRI {encoded} in {where} ({named} is not allowed in an IRI): {dropped}",
                     line, column)


def _first_bad_iri(node: Any, depth: int) -> tuple[str, str] | None:
    if depth > MAX_JSON_DEPTH:
        return None
    if isinstance(node, list):
        for item in node:
            found = _first_bad_iri(item, depth + 1)
            if found is not None:
                return found
        return None
    if not isinstance(node, dict):
        return None
    for key, value in node.items():
        if key in ("@id", "@vocab", "@base") and isinstance(value, str) and _NOT_IN_IRI.search(value):
            return value, key
        if key == "@type":
            for kind in value if isinstance(value, list) else [value]:
                if isinstance(kind, str) and ":" in kind and _NOT_IN_IRI.search(kind):
                    return kind, key
        if not key.startswith("@") and ":" in key and _NOT_IN_IRI.search(key):
            return key, "a property name"
        found = _first_bad_iri(value, depth + 1)
        if found is not None:
            return found
    return None
