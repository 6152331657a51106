"""The prefixes an RDF file declares (Turtle family, RDF/XML), read from the start of the file."""

from __future__ import annotations

import re
from pathlib import Path

#: Declarations are read from the start of a file (decompressed): where they belong.
_PREFIX_SCAN_BYTES = 16 * 1024 * 1024
_TURTLE_PREFIX = re.compile(r"^[ \t]*(?:@prefix|PREFIX)[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^>\s]*)>", re.IGNORECASE | re.MULTILINE)
_XML_PREFIX = re.compile(r"\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*[\"']([^\"'<>\s]*)[\"']")


def declared_prefixes(path: Path, format_name: str) -> dict[str, str]:
    """The prefixes a Turtle, TriG, N3 or RDF/XML file declares, in order (first binding wins).

    >>> import tempfile, gzip
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.ttl.gz").write_bytes(gzip.compress(b"@prefix d: <http://acme/> .\\nPREFIX : <http://x/>"))
    >>> declared_prefixes(folder / "a.ttl.gz", "turtle")
    {'d': 'http://acme/', '': 'http://x/'}
    """
    import gzip

    if format_name in ("turtle", "trig", "n3"):
        pattern = _TURTLE_PREFIX
    elif format_name == "rdfxml":
        pattern = _XML_PREFIX
    else:
        return {}
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            head = handle.read(_PREFIX_SCAN_BYTES).decode("utf-8-sig", errors="replace")
    except (OSError, EOFError):
        return {}
    found: dict[str, str] = {}
    for match in pattern.finditer(head):
        found.setdefault(match.group(1) or "", match.group(2))
    return found
