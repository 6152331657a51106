"""Odd inputs: special files, byte-order marks, empty documents, IRIs a JSON-LD processor drops.

A FIFO, a device, a socket or a folder given as a data or snapshot file gets one line naming
it, at once (a FIFO used to block the reader); a UTF-8 byte-order mark is skipped in every
text format; an empty document is an empty graph where the format allows it; a JSON-LD IRI
with a character no IRI may hold is reported with its place instead of being dropped.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.errors import LoadError
from explorer.core.graph import KnowledgeGraph
from explorer.services.snapshots import SnapshotError, open_snapshot

ROOT = Path(__file__).resolve().parents[2]
BOM = b"\xef\xbb\xbf"


def special(kind: str, folder: Path) -> Path:
    if kind == "fifo":
        path = folder / "pipe.ttl"
        os.mkfifo(path)
        return path
    if kind == "folder":
        path = folder / "folder.ttl"
        path.mkdir()
        return path
    if kind == "socket":
        path = folder / "sock.ttl"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return path
    return Path({"null": "/dev/null", "zero": "/dev/zero", "urandom": "/dev/urandom"}[kind])


SPECIAL = {"fifo": "named pipe", "folder": "folder", "socket": "socket", "null": "device", "zero": "device",
           "urandom": "device"}


@pytest.mark.skipif(os.name != "posix", reason="POSIX special files")
@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_special_files_are_refused_at_once(kind: str, tmp_path: Path) -> None:
    path = special(kind, tmp_path)
    with pytest.raises(LoadError, match=SPECIAL[kind]):
        KnowledgeGraph().load([path])
    with pytest.raises(SnapshotError, match=SPECIAL[kind]):
        open_snapshot(path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX special files")
@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
@pytest.mark.parametrize("command", [["stats", "--data"], ["snapshot", "show"]])
def test_the_cli_refuses_them_in_one_line(kind: str, command: list[str], tmp_path: Path) -> None:
    path = special(kind, tmp_path)
    done = subprocess.run([sys.executable, "-m", "explorer", *command, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)  # a FIFO opened for reading would block here
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ") and SPECIAL[kind] in lines[0]


# ----------------------------------------------------------------------------- BOM and empty
iri = st.integers(0, 50).map(lambda i: f"<http://example.org/n{i}>")
literal = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8).map(
    lambda text: json.dumps(text, ensure_ascii=False))
triples = st.lists(st.tuples(iri, iri, st.one_of(iri, literal)), min_size=1, max_size=20)


def _document(kind: str, rows: list[tuple[str, str, str]]) -> str:
    if kind == "nq":
        return "".join(f"{s} {p} {o} <http://example.org/g> .\n" for s, p, o in rows)
    if kind == "trig":
        return "<http://example.org/g> {\n" + "".join(f"{s} {p} {o} .\n" for s, p, o in rows) + "}\n"
    prefix = "@prefix ex: <http://example.org/> .\n" if kind in ("ttl", "n3") else ""
    return prefix + "".join(f"{s} {p} {o} .\n" for s, p, o in rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["nt", "nq", "ttl", "trig", "n3"]), rows=triples, gzipped=st.booleans())
def test_a_byte_order_mark_is_skipped(kind: str, rows: list[tuple[str, str, str]], gzipped: bool,
                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("bom")
    text = _document(kind, rows).encode("utf-8")
    plain, marked = folder / f"plain.{kind}", folder / f"marked.{kind}"
    for path, data in ((plain, text), (marked, BOM + text)):
        if gzipped:
            path = path.with_name(path.name + ".gz")
            data = gzip.compress(data)
        path.write_bytes(data)
    suffix = ".gz" if gzipped else ""
    expected, got = KnowledgeGraph(), KnowledgeGraph()
    expected.load([plain.with_name(plain.name + suffix)])
    got.load([marked.with_name(marked.name + suffix)])
    assert len(got) == len(expected) > 0
    assert set(got.quads()) == set(expected.quads())


def test_a_byte_order_mark_on_a_file_without_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.write_bytes(BOM + b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    kg = KnowledgeGraph()
    kg.load([path])
    assert len(kg) == 1


@pytest.mark.parametrize("kind", ["nt", "nq", "ttl", "trig", "n3"])
@pytest.mark.parametrize("content", [b"", BOM, b"\n\n", b"# only a comment\n", b"   \t\r\n"])
def test_an_empty_document_is_an_empty_graph(kind: str, content: bytes, tmp_path: Path) -> None:
    path = tmp_path / f"empty.{kind}"
    path.write_bytes(content)
    kg = KnowledgeGraph()
    loaded = kg.load([path])
    assert len(kg) == 0 and [item.quads for item in loaded] == [0]


@pytest.mark.parametrize("kind", ["rdf", "jsonld", "ttl.gz"])
def test_formats_that_need_a_root_say_the_file_is_empty(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"empty.{kind}"
    path.write_bytes(b"")
    with pytest.raises(LoadError, match="the file is empty"):
        KnowledgeGraph().load([path])


# ----------------------------------------------------------------------------- JSON-LD IRIs
BAD_CHARS = [" ", "\t", "<", ">", '"', "{", "}", "|", "^", "`", "\\"]


@st.composite
def jsonld_with_a_bad_iri(draw: st.DrawFn) -> tuple[dict, str]:
    good = "http://example.org/" + draw(st.sampled_from(["a", "thing", "x/y"]))
    position = draw(st.integers(len("http://e"), len(good)))
    char = draw(st.sampled_from(BAD_CHARS))
    bad = good[:position] + char + good[position:]
    where = draw(st.sampled_from(["id", "nested id", "type", "property", "compact id"]))
    node: dict = {"@id": "http://example.org/node", "http://example.org/p": "value"}
    if where == "id":
        node["@id"] = bad
    elif where == "nested id":
        node["http://example.org/q"] = {"@id": bad}
    elif where == "type":
        node["@type"] = [good, bad]
    elif where == "property":
        node[bad] = "value"
    else:
        bad = "ex:th" + char + "ing"
        node["@id"] = bad
    document = {"@context": {"ex": "http://example.org/"},
                "@graph": [{"@id": "http://example.org/ok", "http://example.org/p": "fine"}, node]}
    return document, bad


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=jsonld_with_a_bad_iri(), indent=st.sampled_from([None, 2]))
def test_jsonld_iris_that_would_be_dropped_are_reported_with_their_place(case, indent,
                                                                          tmp_path_factory: pytest.TempPathFactory):
    document, bad = case
    path = tmp_path_factory.mktemp("jsonld") / "data.jsonld"
    text = json.dumps(document, indent=indent)
    path.write_text(text, encoding="utf-8")
    kg = KnowledgeGraph()
    with pytest.raises(LoadError) as raised:
        kg.load([path])
    error = raised.value
    assert error.line is not None and error.column is not None
    assert "invalid IRI" in str(error) and json.dumps(bad) in str(error)
    line_text = text.splitlines()[error.line - 1]
    assert line_text[error.column - 1:].startswith(json.dumps(bad))
    assert len(kg) == 0  # nothing half-loaded


def test_valid_jsonld_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonld"
    path.write_text(json.dumps({"@context": {"ex": "http://example.org/", "my term": "http://example.org/t"},
                                "@id": "ex:a", "@type": "ex:T", "my term": "x", "http://example.org/p": {"@id": "ex:b"}}))
    kg = KnowledgeGraph()
    kg.load([path])
    assert len(kg) == 3
