"""RDF serialization formats: recognised by file suffix or, failing that, by content."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RdfFormatInfo:
    """One serialization format the app reads and writes."""

    name: str
    suffixes: tuple[str, ...]
    media_type: str
    has_datasets: bool  # can carry named graphs

    @property
    def default_suffix(self) -> str:
        return self.suffixes[0]


FORMATS: dict[str, RdfFormatInfo] = {
    info.name: info
    for info in (
        RdfFormatInfo("turtle", (".ttl", ".turtle"), "text/turtle", False),
        RdfFormatInfo("ntriples", (".nt", ".ntriples"), "application/n-triples", False),
        RdfFormatInfo("nquads", (".nq", ".nquads"), "application/n-quads", True),
        RdfFormatInfo("trig", (".trig",), "application/trig", True),
        RdfFormatInfo("rdfxml", (".rdf", ".owl", ".xml", ".rdfxml"), "application/rdf+xml", False),
        RdfFormatInfo("jsonld", (".jsonld", ".json"), "application/ld+json", True),
        RdfFormatInfo("n3", (".n3",), "text/n3", False),
    )
}

_BY_SUFFIX = {suffix: info for info in FORMATS.values() for suffix in info.suffixes}

#: Aliases users type on the command line.
ALIASES = {
    "ttl": "turtle", "nt": "ntriples", "nq": "nquads", "xml": "rdfxml", "rdf": "rdfxml",
    "owl": "rdfxml", "json-ld": "jsonld", "json": "jsonld", "n-triples": "ntriples", "n-quads": "nquads",
}


def format_named(name: str) -> RdfFormatInfo:
    """Look a format up by name or alias (``ttl``, ``turtle``, ``nq`` …)."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise KeyError(f"unknown RDF format '{name}' (known: {known})")
    return FORMATS[key]


def is_gzipped(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def format_for_suffix(path: Path) -> RdfFormatInfo | None:
    """The format a file name announces (``data.ttl``, ``dump.nt.gz``), or ``None``."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix
    return _BY_SUFFIX.get(suffix)


def sniff_format(head: bytes) -> RdfFormatInfo | None:
    """Guess the format from the first bytes of a file whose name says nothing.

    >>> sniff_format(b'<?xml version="1.0"?><rdf:RDF>').name
    'rdfxml'
    >>> sniff_format(b'@prefix ex: <http://example.org/> .').name
    'turtle'
    >>> sniff_format(b'<http://a> <http://b> <http://c> <http://g> .').name
    'nquads'
    """
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text:
        return None
    if text.startswith("<?xml") or text.startswith("<rdf:RDF") or text.startswith("<!DOCTYPE"):
        return FORMATS["rdfxml"]
    if text[0] in "{[":
        return FORMATS["jsonld"]
    lowered = text.lower()
    meaningful = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if "@prefix" in lowered or "prefix " in lowered or "@base" in lowered or "base " in lowered:
        return FORMATS["trig"] if "graph " in lowered or "{" in text else FORMATS["turtle"]
    if meaningful and all(ln.startswith(("<", "_:")) and ln.endswith(".") for ln in meaningful[:20]):
        return FORMATS["nquads"] if any(_term_count(ln) >= 4 for ln in meaningful[:20]) else FORMATS["ntriples"]
    return FORMATS["turtle"]


def _term_count(line: str) -> int:
    """Rough count of the terms on an N-Triples/N-Quads line (literals may hold spaces)."""
    count, i, n = 0, 0, len(line)
    while i < n:
        ch = line[i]
        if ch in " \t":
            i += 1
            continue
        if ch == ".":
            break
        count += 1
        if ch == "<":
            i = line.find(">", i) + 1 or n
        elif ch == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            while i < n and line[i] not in " \t":
                i += 1
        else:
            while i < n and line[i] not in " \t":
                i += 1
    return count


def detect_format(path: Path) -> RdfFormatInfo | None:
    """By suffix first, then by content."""
    info = format_for_suffix(path)
    if info is not None:
        return info
    opener = gzip.open if is_gzipped(path) else open
    with opener(path, "rb") as handle:
        head = handle.read(4096)
    # A UTF-8 byte-order mark is no part of the document (see explorer.core.input_files).
    return sniff_format(head[3:] if head.startswith(b"\xef\xbb\xbf") else head)
