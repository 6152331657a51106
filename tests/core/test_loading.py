"""Loading files: every format round-trips, detection by suffix and content, all-or-nothing,
one-line ``file:line:col`` errors, progress and cancel."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from explorer.core import bundled
from explorer.core.backends.oxigraph import oxigraph_format
from explorer.core.errors import Cancelled, LoadError
from explorer.core.formats import FORMATS, detect_format, format_named, sniff_format
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken

# A small graph with what round trips tend to lose: blank nodes, languages, datatypes,
# escapes, long and non-ASCII text.
EDGE_CASES_TTL = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:knows [ ex:name "anonymous"@en ; ex:age 42 ] ;
    ex:label "line one\\nline \\"two\\"" , "中国移动"@zh , "Zhèjiang"@en-GB ;
    ex:when "2024-01-02"^^xsd:date ;
    ex:ratio 1.5e3 .
_:shared ex:p ex:a ; ex:q _:shared .
"""

DATASET_TRIG = """\
@prefix ex: <http://example.org/> .
ex:a ex:p ex:b .
ex:g1 { ex:a ex:p ex:b . ex:c ex:q "in g1" . }
ex:g2 { ex:a ex:p ex:b . _:x ex:r ex:c . }
"""


def quads_of(kg: KnowledgeGraph) -> set[str]:
    """Every quad of a graph as N-Quads text (blank node ids are stable inside one store)."""
    return {str(q) for q in kg.backend.store}


def ground_triples(kg: KnowledgeGraph) -> set[str]:
    """Triples without blank nodes, graph names dropped."""
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in kg.backend.store
        if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))
    }


@pytest.fixture(scope="module")
def reference() -> KnowledgeGraph:
    """The bundled graph plus the edge cases, in one store."""
    kg = KnowledgeGraph()
    kg.load(bundled.bundled_graph_files())
    kg.load_text(EDGE_CASES_TTL, "turtle")
    return kg


def serialize(kg: KnowledgeGraph, info_name: str) -> bytes:
    store = kg.backend.store
    fmt = oxigraph_format(FORMATS[info_name])
    if FORMATS[info_name].has_datasets:
        return store.dump(format=fmt)
    return store.dump(format=fmt, from_graph=ox.DefaultGraph())


# --------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("name", ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"])
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_every_format_round_trips(reference: KnowledgeGraph, tmp_path: Path, name: str, gz: bool) -> None:
    data = serialize(reference, name)
    path = tmp_path / f"graph{FORMATS[name].default_suffix}{'.gz' if gz else ''}"
    path.write_bytes(gzip.compress(data) if gz else data)

    kg = KnowledgeGraph()
    [loaded] = kg.load([path])

    assert loaded.format == name
    assert loaded.quads == reference.quad_count()
    assert len(kg) == len(reference)
    assert ground_triples(kg) == ground_triples(reference)
    assert isomorphic(kg.to_rdflib(), reference.to_rdflib())


@pytest.mark.parametrize("name", ["nquads", "trig", "jsonld"])
def test_dataset_formats_keep_named_graphs(tmp_path: Path, name: str) -> None:
    source = KnowledgeGraph()
    source.load_text(DATASET_TRIG, "trig")
    path = tmp_path / f"data{FORMATS[name].default_suffix}"
    path.write_bytes(source.backend.store.dump(format=oxigraph_format(FORMATS[name])))

    kg = KnowledgeGraph()
    kg.load([path])

    assert kg.quad_count() == source.quad_count() == 5
    assert {str(g) for g in kg.backend.store.named_graphs()} == {"<http://example.org/g1>", "<http://example.org/g2>"}
    # The same triple in the default graph and two named graphs counts once as a triple.
    assert len(kg) == 3


@pytest.mark.parametrize("name", ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld"])
def test_format_is_detected_from_content_without_suffix(reference: KnowledgeGraph, tmp_path: Path, name: str) -> None:
    path = tmp_path / "no-suffix"
    path.write_bytes(serialize(reference, name))
    unknown = tmp_path / "download.dat"
    unknown.write_bytes(serialize(reference, name))

    for candidate in (path, unknown):
        detected = detect_format(candidate)
        assert detected is not None
        # N-Triples is N-Quads without graph names, and Turtle/TriG share their syntax:
        # what matters is that the detected parser reads the file.
        kg = KnowledgeGraph()
        kg.load([candidate])
        assert ground_triples(kg) == ground_triples(reference)
        assert len(kg) == len(reference)


def test_sniffing_recognises_each_format() -> None:
    assert sniff_format(b'<?xml version="1.0"?>\n<rdf:RDF/>').name == "rdfxml"
    assert sniff_format(b'  {"@context": {}}').name == "jsonld"
    assert sniff_format(b"[]").name == "jsonld"
    assert sniff_format(b"PREFIX ex: <http://e/>\nex:a ex:b ex:c .").name == "turtle"
    assert sniff_format(b"@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c . }").name == "trig"
    assert sniff_format(b'<http://a> <http://b> "x y . z" .\n').name == "ntriples"
    assert sniff_format(b'<http://a> <http://b> "x y" <http://g> .\n').name == "nquads"
    assert sniff_format(b"   \n\t") is None


def test_suffix_wins_over_content(tmp_path: Path) -> None:
    path = tmp_path / "looks-like-xml.ttl"
    path.write_text("<?xml ?>")  # not what the suffix says: the Turtle parser reports it
    with pytest.raises(LoadError, match=r"looks-like-xml\.ttl:1:\d+: turtle syntax error"):
        KnowledgeGraph().load([path])


def test_explicit_format_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("<http://a> <http://b> <http://c> .\n")
    kg = KnowledgeGraph()
    [loaded] = kg.load([path], formats=[format_named("nt")])
    assert loaded.format == "ntriples"
    assert len(kg) == 1


def test_format_aliases() -> None:
    assert format_named("ttl").name == "turtle"
    assert format_named("JSON-LD").name == "jsonld"
    with pytest.raises(KeyError, match="unknown RDF format 'yaml'"):
        format_named("yaml")


def test_many_files_load_together(tmp_path: Path) -> None:
    files = []
    for i in range(5):
        path = tmp_path / f"part{i}.nt"
        path.write_text(f"<http://e/s{i}> <http://e/p> <http://e/o{i}> .\n<http://e/s{i}> <http://e/p> <http://e/shared> .\n")
        files.append(path)
    kg = KnowledgeGraph()
    loaded = kg.load(files)
    assert [item.quads for item in loaded] == [2] * 5
    assert len(kg) == 10
    assert [item.path for item in kg.files] == files


def test_load_adds_to_the_graph_unless_replacing(tmp_path: Path) -> None:
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    first.write_text("<http://e/a> <http://e/p> <http://e/b> .\n")
    second.write_text("<http://e/c> <http://e/p> <http://e/d> .\n")
    kg = KnowledgeGraph()
    kg.load([first])
    kg.load([second])
    assert len(kg) == 2
    kg.load([second], replace=True)
    assert len(kg) == 1
    assert [item.path for item in kg.files] == [second]


def test_loaded_labels_are_searchable_at_once(tmp_path: Path) -> None:
    path = tmp_path / "labels.ttl"
    path.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<http://e/x> rdfs:label "Ningbo port"@en .\n')
    kg = KnowledgeGraph()
    kg.load([path])
    assert [hit.entity for hit in kg.search("ningbo")] == ["http://e/x"]
    assert kg.label("http://e/x") == "Ningbo port"


# --------------------------------------------------------------------------- broken files
# One broken file per format: (suffix, content, line, column or None when only the line is sure).
BROKEN = {
    "turtle-unterminated-literal": (".ttl", '@prefix ex: <http://e/> .\nex:a ex:b "no end .\n', 2, 11),
    "turtle-undefined-prefix": (".ttl", "<http://e/a> <http://e/b> <http://e/c> .\nex:a <http://e/b> <http://e/c> .\n", 2, 1),
    "turtle-missing-dot": (".ttl", "<http://e/a> <http://e/b> <http://e/c>\n<http://e/d> <http://e/b> <http://e/c> .\n", 2, None),
    "ntriples-bad-language": (".nt", '<http://a> <http://b> <http://c> .\n<http://a> <http://b> "x"@1bad .\n', 2, 27),
    "ntriples-relative-iri": (".nt", "<http://a> <http://b> <http://c> .\n<a> <http://b> <http://c> .\n", 2, None),
    "nquads-missing-dot": (".nq", "<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> <http://c> <http://g>\n", 3, None),
    "trig-unclosed-graph": (".trig", "<http://g> {\n<http://a> <http://b> <http://c> .\n", 3, None),
    "rdfxml-mismatched-tag": (
        ".rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://a">\n</rdf:RDF>\n',
        4, 3,
    ),
    "rdfxml-bad-iri": (
        ".rdf",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://a b"/>\n</rdf:RDF>\n',
        3, None,
    ),
    "jsonld-invalid-json": (".jsonld", '{"@id": "http://a",\n "http://b": [1, }\n', 2, 18),
    "jsonld-bad-keyword-value": (".jsonld", '{\n  "@id": 42,\n  "http://b": "x"\n}\n', None, None),
}


@pytest.fixture
def preloaded(tmp_path: Path) -> KnowledgeGraph:
    """A non-empty graph whose content must survive failed loads."""
    kg = KnowledgeGraph()
    kg.load_text(EDGE_CASES_TTL, "turtle")
    return kg


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_gives_one_line_error_and_leaves_graph_untouched(
    preloaded: KnowledgeGraph, tmp_path: Path, case: str
) -> None:
    suffix, content, line, column = BROKEN[case]
    path = tmp_path / f"broken{suffix}"
    path.write_text(content, encoding="utf-8")
    before = quads_of(preloaded)

    with pytest.raises(LoadError) as caught:
        preloaded.load([path])

    error = caught.value
    message = str(error)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert error.file == str(path)
    if line is not None:
        assert error.line == line, message
        assert message.startswith(f"{path}:{line}:")
    if column is not None:
        assert error.column == column, message
    assert "syntax error" in message
    assert quads_of(preloaded) == before
    assert preloaded.files == []


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".rdf", ".jsonld"])
def test_second_file_broken_adds_nothing_from_the_first(preloaded: KnowledgeGraph, tmp_path: Path, suffix: str) -> None:
    good = tmp_path / "good.nt"
    good.write_text("".join(f"<http://e/s{i}> <http://e/p> <http://e/o{i}> .\n" for i in range(100)))
    bad = tmp_path / f"bad{suffix}"
    bad.write_text("this is { not RDF in any format <<<\n")
    before = quads_of(preloaded)

    with pytest.raises(LoadError, match=rf"^{bad}"):
        preloaded.load([good, bad])

    assert quads_of(preloaded) == before

    empty = KnowledgeGraph()
    with pytest.raises(LoadError):
        empty.load([good, bad])
    assert len(empty) == 0
    assert empty.search("s1") == []


def test_failed_replace_keeps_the_old_graph(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> .\n")
    before = quads_of(preloaded)
    with pytest.raises(LoadError):
        preloaded.load([bad], replace=True)
    assert quads_of(preloaded) == before


def test_missing_file(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.ttl"
    with pytest.raises(LoadError) as caught:
        preloaded.load([path])
    assert str(caught.value) == f"{path}: No such file or directory"


def test_folder_instead_of_file(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        preloaded.load([tmp_path])
    assert str(caught.value) == f"{tmp_path}: is a folder, not an RDF file"


@pytest.mark.parametrize("name", ["empty", "empty.jsonld", "empty.rdf"])
def test_empty_file(preloaded: KnowledgeGraph, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    before = quads_of(preloaded)
    with pytest.raises(LoadError) as caught:
        preloaded.load([path])
    assert str(caught.value) == f"{path}: the file is empty"
    assert quads_of(preloaded) == before


def test_an_empty_turtle_file_is_an_empty_graph(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    # W3C positive syntax tests: an empty Turtle (or N-Triples, N-Quads, TriG) document is valid.
    path = tmp_path / "empty.ttl"
    path.write_bytes(b"")
    before = quads_of(preloaded)
    assert [item.quads for item in preloaded.load([path])] == [0]
    assert quads_of(preloaded) == before


@pytest.mark.parametrize(
    ("suffix", "template"),
    [
        (".ttl", '<http://a> <http://b> "{}" .\n'),
        (".nt", '<http://a> <http://b> "{}" .\n'),
        (".jsonld", '{{"@id": "http://a", "http://b": "{}"}}'),
        (".rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                 'xmlns:e="http://e/"><rdf:Description rdf:about="http://a"><e:p>{}</e:p></rdf:Description></rdf:RDF>'),
    ],
)
def test_non_utf8_bytes(preloaded: KnowledgeGraph, tmp_path: Path, suffix: str, template: str) -> None:
    path = tmp_path / f"latin1{suffix}"
    path.write_bytes(template.format("caf\xe9").encode("latin-1"))
    before = quads_of(preloaded)
    with pytest.raises(LoadError) as caught:
        preloaded.load([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert "UTF-8" in message or "not well-formed" in message
    assert caught.value.line is not None
    assert quads_of(preloaded) == before


def test_binary_file_with_unknown_suffix(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "picture.xyz"
    path.write_bytes(bytes(range(256)) * 16)
    with pytest.raises(LoadError, match=rf"^{path}:\d+:\d+: "):
        preloaded.load([path])


def test_whitespace_only_file_with_unknown_suffix_is_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "blank.data"
    path.write_text("\n   \n")
    with pytest.raises(LoadError) as caught:
        KnowledgeGraph().load([path])
    assert str(caught.value) == f"{path}: empty file or unknown RDF format"


def test_corrupt_gzip(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "dump.nt.gz"
    path.write_bytes(b"this is not gzip data")
    with pytest.raises(LoadError) as caught:
        preloaded.load([path])
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


def test_truncated_gzip(preloaded: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "dump.nt.gz"
    data = gzip.compress(b"".join(b"<http://e/s%d> <http://e/p> <http://e/o> .\n" % i for i in range(2000)))
    path.write_bytes(data[: len(data) // 2])
    before = quads_of(preloaded)
    with pytest.raises(LoadError, match=rf"^{path}: "):
        preloaded.load([path])
    assert quads_of(preloaded) == before


def test_load_text_errors_name_the_text(preloaded: KnowledgeGraph) -> None:
    before = quads_of(preloaded)
    with pytest.raises(LoadError, match=r"^<text>:2:\d+: ntriples syntax error"):
        preloaded.load_text("<http://x> <http://y> <http://z> .\n<http://x> <http://y> .\n", "ntriples")
    assert quads_of(preloaded) == before


# --------------------------------------------------------------------------- progress and cancel
@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~50k triples of N-Triples (~4 MB): several reads of the loader's buffer."""
    path = tmp_path_factory.mktemp("big") / "big.nt"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(50_000):
            handle.write(f'<http://example.org/e{i}> <http://example.org/label> "entity number {i} with some padding text" .\n')
    return path


def test_progress_is_monotonic_and_ends_at_one(big_file: Path) -> None:
    reports: list[tuple[float | None, str]] = []
    kg = KnowledgeGraph()
    kg.load([big_file], progress=lambda fraction, message: reports.append((fraction, message)))
    fractions = [f for f, _ in reports if f is not None]
    assert len(fractions) >= 3
    assert fractions == sorted(fractions)
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions[-1] == 1.0
    assert any("big.nt" in message for _, message in reports)
    assert len(kg) == 50_000


def test_progress_over_many_files_is_monotonic(tmp_path: Path, big_file: Path) -> None:
    small = tmp_path / "small.nt"
    small.write_text("<http://e/a> <http://e/p> <http://e/b> .\n")
    fractions: list[float] = []
    KnowledgeGraph().load([small, big_file, small], progress=lambda f, _m: fractions.append(f) if f is not None else None)
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0


def test_cancel_from_progress_stops_the_load_and_changes_nothing(big_file: Path, preloaded: KnowledgeGraph) -> None:
    token = CancelToken()
    seen: list[float] = []

    def progress(fraction: float | None, message: str) -> None:
        if fraction is not None:
            seen.append(fraction)
            if fraction > 0.1:
                token.cancel()

    before = quads_of(preloaded)
    with pytest.raises(Cancelled):
        preloaded.load([big_file], progress=progress, cancel=token)
    assert token.cancelled
    assert max(seen) < 1.0
    assert quads_of(preloaded) == before
    assert preloaded.files == []


def test_cancel_before_start(big_file: Path) -> None:
    token = CancelToken()
    token.cancel()
    kg = KnowledgeGraph()
    with pytest.raises(Cancelled):
        kg.load([big_file], cancel=token)
    assert len(kg) == 0
