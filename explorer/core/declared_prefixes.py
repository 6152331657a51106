"""The prefixes an RDF file declares (Turtle family, RDF/XML), read from the start of the file."""

from __future__ import annotations

import re
from pathlib import Path

#: Declarations are read from the start of a file (decompressed): where they belong.
_PREFIX_SCAN_BYTES = 16 * 1024 * 1024
_TURTLE_PREFIX = re.compile(r"^[ \t]*(?:@prefix|PREFIX)[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^>\s]*)>", re.IGNORECASE | re.MULTILINE)
_XML_PREFIX = re.compile(r"\bxmlns:([A-Za-z_][\w.-]*)\s*=\s*[\"']([^\"'<>\s]*)[\"']")
#: The keyword as it can be spelt in a line the Turtle pattern matches, once the line's ASCII
#: letters are lower-cased: ignoring case, Python's patterns also take "İ" and "ı" for "i".
_TURTLE_KEYWORD = re.compile(b"pref(?:i|" + "İ".encode() + b"|" + "ı".encode() + b")x")


def declared_prefixes(path: Path, format_name: str) -> dict[str, str]:
    """The prefixes a Turtle, TriG, N3 or RDF/XML file declares, in order (first binding wins).

    >>> import tempfile, gzip
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.ttl.gz").write_bytes(gzip.compress(b"@prefix d: <http://acme/> .\\nPREFIX : <http://x/>"))
    >>> declared_prefixes(folder / "a.ttl.gz", "turtle")
    {'d': 'http://acme/', '': 'http://x/'}
    """
    import gzip

    if format_name not in ("turtle", "trig", "n3", "rdfxml"):
        return {}
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            head = handle.read(_PREFIX_SCAN_BYTES)
    except (OSError, EOFError):
        return {}
    found: dict[str, str] = {}
    if format_name == "rdfxml":
        matches = list(_XML_PREFIX.finditer(head.decode("utf-8-sig", errors="replace")))
    else:
        matches = _turtle_declarations(head)
    for match in matches:
        found.setdefault(match.group(1) or "", match.group(2))
    return found


def _turtle_declarations(head: bytes) -> list[re.Match[str]]:
    """The Turtle pattern's matches in ``head`` decoded, in order, found by running it only on
    the lines that spell its keyword (0.03 s for 16 MB of Turtle, against 0.11 s for the pattern
    over all of it).

    A match never spans lines (none of its parts takes a line feed), a line feed always ends a
    character in UTF-8 (also where bytes are invalid and replaced), and the byte-order mark can
    only open the first line: so each line decoded alone reads as it does in the whole text.
    """
    lowered = head.lower()  # ASCII letters only, as in the keyword
    matches = []
    keyword = _TURTLE_KEYWORD.search(lowered)
    while keyword is not None:
        start = head.rfind(b"\n", 0, keyword.start()) + 1
        end = head.find(b"\n", keyword.end())
        end = len(head) if end < 0 else end
        line = head[start:end].decode("utf-8-sig" if start == 0 else "utf-8", errors="replace")
        match = _TURTLE_PREFIX.match(line)
        if match is not None:
            matches.append(match)
        keyword = _TURTLE_KEYWORD.search(lowered, end)
    return matches
