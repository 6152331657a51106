"""The prefixes a Turtle file declares are found on the lines that spell the keyword: the same
answer as the pattern run over the whole decoded start of the file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import explorer.core.declared_prefixes as declared
from explorer.core.declared_prefixes import declared_prefixes


def _over_everything(path: Path) -> dict[str, str]:
    """The pattern over the whole decoded start of the file (how they were read before)."""
    head = path.read_bytes()[:declared._PREFIX_SCAN_BYTES].decode("utf-8-sig", errors="replace")
    found: dict[str, str] = {}
    for match in declared._TURTLE_PREFIX.finditer(head):
        found.setdefault(match.group(1) or "", match.group(2))
    return found


CASES = {
    "plain": b"@prefix d: <http://acme/> .\nPREFIX : <http://x/>\n<http://a> <http://b> <http://c> .\n",
    "byte-order mark": b"\xef\xbb\xbf@prefix bom: <http://bom/> .\n",
    "mixed case and indent": b"  \t@PrEfIx  a: <http://a/> .\n\tprefix b:<http://b/>\n",
    "not at a line start": b"<http://s> <http://p> \"@prefix no: <http://no/>\" .\n@prefix yes: <http://yes/> .\n",
    "first binding wins": b"@prefix a: <http://one/> .\n@prefix a: <http://two/> .\n",
    "dotless and dotted i": "PREFıX t: <http://dotless/>\nPREFİX u: <http://dotted/>\n".encode(),
    "carriage returns": b"@prefix cr: <http://cr/> .\r\n@prefix cr2: <http://cr2/> .\r\n",
    "invalid bytes beside": b"\xff\xfe@prefix bad: <http://bad/> .\n\xe4\n@prefix after: <http://after/> .\n",
    "prefLabel lines": b"<http://a> skos:prefLabel \"x\" .\n@prefix skos: <http://skos/> .\n" * 3,
    "keyword twice on a line": b"@prefix prefix: <http://prefix/> . @prefix z: <http://z/> .\n",
    "no line feed at the end": b"<http://a> <http://b> <http://c> .\n@prefix end: <http://end/>",
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_prefixes_are_those_of_the_pattern_over_the_whole_text(tmp_path, name):
    path = tmp_path / "data.ttl"
    path.write_bytes(CASES[name])
    assert declared_prefixes(path, "turtle") == _over_everything(path)


def test_the_dotless_i_spells_the_keyword_as_the_pattern_reads_it(tmp_path):
    path = tmp_path / "data.ttl"
    path.write_bytes(CASES["dotless and dotted i"])
    assert declared_prefixes(path, "turtle") == {"t": "http://dotless/", "u": "http://dotted/"}


def test_a_cut_through_a_character_or_a_line_reads_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(declared, "_PREFIX_SCAN_BYTES", 64)
    path = tmp_path / "data.ttl"
    line = "@prefix 中: <http://中文/> .\n".encode()
    for cut in range(len(line) * 2 + 1):
        path.write_bytes((line * 3)[:cut] + b"@prefix late: <http://late/> .\n" * 3)
        monkeypatch.setattr(declared, "_PREFIX_SCAN_BYTES", cut)
        assert declared_prefixes(path, "turtle") == _over_everything(path), cut


def test_random_lines_read_the_same(tmp_path):
    pieces = [b"@prefix", b"PREFIX", b"prefix", b"PreFix", "PREFıX".encode(), b" ", b"\t", b"a", b"b1", b":", b"<http://x/>",
              b"<http://y/#>", b"<bad iri>", b".", b"\n", b"\r\n", b"\xef\xbb\xbf", b"\xff", "中".encode(), b"\"", b"#"]
    chooser = random.Random(17)
    path = tmp_path / "data.ttl"
    for _ in range(300):
        path.write_bytes(b"".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 60))))
        assert declared_prefixes(path, "turtle") == _over_everything(path), path.read_bytes()


def test_rdfxml_and_gzip_are_read_as_before(tmp_path):
    import gzip

    xml = tmp_path / "data.rdf"
    xml.write_bytes(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/"/>')
    assert declared_prefixes(xml, "rdfxml") == {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "ex": "http://ex/"}
    packed = tmp_path / "data.ttl.gz"
    packed.write_bytes(gzip.compress(CASES["plain"]))
    assert declared_prefixes(packed, "turtle") == {"d": "http://acme/", "": "http://x/"}
    assert declared_prefixes(tmp_path / "data.nt", "ntriples") == {}
