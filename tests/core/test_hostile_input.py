"""Files and text from others: loading never reaches the network or other files, refuses entity
bombs and absurd nesting, survives huge values, and user text never changes a query's structure."""

from __future__ import annotations

import contextlib
import itertools
import socket
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.errors import ExplorerError, LoadError
from explorer.core.graph import KnowledgeGraph
from explorer.core.guards import MAX_JSON_DEPTH, MAX_XML_DEPTH, JsonNestingGuard, RdfXmlGuard

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a connection is recorded and fails."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))  # type: ignore[arg-type]
    return attempts


def rdfxml(doctype: str, body: str) -> str:
    return (
        f'<?xml version="1.0"?>\n{doctype}\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="http://example.org/">\n{body}\n</rdf:RDF>\n'
    )


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def quads_of(kg: KnowledgeGraph) -> set[str]:
    return {str(q) for q in kg.backend.store}


@pytest.fixture
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph()
    graph.load_text("<http://example.org/keep> <http://example.org/p> 'kept' .", "turtle")
    return graph


# --------------------------------------------------------------------------- XML entities
@pytest.mark.parametrize(
    ("declaration", "words"),
    [
        ('<!ENTITY xxe SYSTEM "file://{secret}">', "external XML entity 'xxe'"),
        ('<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">', "external XML entity 'xxe'"),
        ('<!ENTITY xxe PUBLIC "-//X//Y" "http://127.0.0.1:9/secret">', "external XML entity 'xxe'"),
        ('<!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd"> %dtd;', "parameter entity"),
        ('<!ENTITY xxe SYSTEM "file://{secret}" NDATA png>', "external XML entity 'xxe'"),
    ],
    ids=["file", "http", "public", "parameter", "unparsed"],
)
def test_external_xml_entities_are_refused(kg: KnowledgeGraph, tmp_path: Path, no_network: list[object],
                                           declaration: str, words: str) -> None:
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-CONTENT")
    doctype = f"<!DOCTYPE rdf:RDF [ {declaration.format(secret=secret)} ]>"
    path = write(tmp_path, "xxe.rdf", rdfxml(doctype, '<rdf:Description rdf:about="http://a"><ex:p>&xxe;</ex:p></rdf:Description>'))
    before = quads_of(kg)

    with pytest.raises(LoadError) as caught:
        kg.load([path])

    message = str(caught.value)
    assert words in message
    assert message.startswith(f"{path}:2:")
    assert "\n" not in message
    assert quads_of(kg) == before
    assert "TOP-SECRET" not in " ".join(quads_of(kg))
    assert no_network == []


@pytest.mark.parametrize("levels", [2, 3, 10])
def test_nested_entity_expansion_is_refused_without_expanding(kg: KnowledgeGraph, tmp_path: Path, levels: int) -> None:
    # The classic "billion laughs": each entity ten times the one before. With 10 levels the
    # expansion is 30 GB; the guard refuses at the first nested declaration, expanding nothing.
    declarations = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    doctype = "<!DOCTYPE rdf:RDF [\n" + "\n".join(declarations) + "\n]>"
    body = f'<rdf:Description rdf:about="http://a"><ex:p>&lol{levels - 1};</ex:p></rdf:Description>'
    path = write(tmp_path, "bomb.rdf", rdfxml(doctype, body))
    before = quads_of(kg)

    with pytest.raises(LoadError, match=r"XML entity 'lol1' refers to other entities: nested entity expansion is refused"):
        kg.load([path])
    assert quads_of(kg) == before


def test_flat_entity_expansion_is_capped(kg: KnowledgeGraph, tmp_path: Path) -> None:
    # No nesting, but one 1 KB entity used 70 000 times: 70 MB from a 0.5 MB file.
    doctype = f'<!DOCTYPE rdf:RDF [ <!ENTITY big "{"x" * 1024}"> ]>'
    body = "\n".join(f'<rdf:Description rdf:about="http://a/{i}"><ex:p>{"&big;" * 1000}</ex:p></rdf:Description>'
                     for i in range(70))
    path = write(tmp_path, "flat.rdf", rdfxml(doctype, body))
    before = quads_of(kg)
    with pytest.raises(LoadError, match=rf"^{path}:\d+:\d+: XML entity references expand more than 100-fold: refused$"):
        kg.load([path])
    assert quads_of(kg) == before


def test_entity_expansion_is_counted_without_expanding() -> None:
    """Our own cap holds even where expat has no amplification limit of its own."""
    guard = RdfXmlGuard("x.rdf", max_expansion=10_000)
    doctype = f'<!DOCTYPE rdf:RDF [ <!ENTITY big "{"x" * 100}"> ]>'
    document = rdfxml(doctype, "<ex:a>" + "&big;" * 99 + "</ex:a>").encode()
    guard.feed(document)
    guard = RdfXmlGuard("x.rdf", max_expansion=10_000)
    document = rdfxml(doctype, "<ex:a>" + "&big;" * 101 + "</ex:a>").encode()
    with pytest.raises(LoadError, match="XML entity references expand to more than 0 MB"):
        for i in range(0, len(document), 3):  # references split across chunks are still counted
            guard.feed(document[i:i + 3])


def test_plain_internal_entities_still_work(tmp_path: Path) -> None:
    """Ontology editors abbreviate namespaces with entities: those files must keep loading."""
    doctype = '<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> <!ENTITY xsd "http://www.w3.org/2001/XMLSchema#"> ]>'
    body = ('<rdf:Description rdf:about="&ex;a"><ex:p rdf:datatype="&xsd;integer">7</ex:p>'
            "<ex:q>&ex;</ex:q></rdf:Description>")
    path = write(tmp_path, "entities.rdf", rdfxml(doctype, body))
    kg = KnowledgeGraph()
    kg.load([path])
    assert {str(q) for q in kg.backend.store} == {
        '<http://example.org/a> <http://example.org/p> "7"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '<http://example.org/a> <http://example.org/q> "http://example.org/"',
    }


def test_external_dtd_subset_is_not_fetched(tmp_path: Path, no_network: list[object]) -> None:
    doctype = '<!DOCTYPE rdf:RDF PUBLIC "-//DUBLIN CORE//DCMES DTD 2002/07/31//EN" "http://127.0.0.1:9/dcmes.dtd">'
    path = write(tmp_path, "dtd.rdf", rdfxml(doctype, '<rdf:Description rdf:about="http://a"><ex:p>v</ex:p></rdf:Description>'))
    kg = KnowledgeGraph()
    kg.load([path])
    assert len(kg) == 1
    assert no_network == []


def test_entity_tricks_are_refused_in_pasted_text_too(kg: KnowledgeGraph) -> None:
    doctype = '<!DOCTYPE rdf:RDF [ <!ENTITY a "ha"> <!ENTITY b "&a;&a;"> ]>'
    before = quads_of(kg)
    with pytest.raises(LoadError, match=r"^<text>:\d+:\d+: XML entity 'b' refers to other entities"):
        kg.load_text(rdfxml(doctype, '<rdf:Description rdf:about="http://a"><ex:p>&b;</ex:p></rdf:Description>'), "rdfxml")
    assert quads_of(kg) == before


# --------------------------------------------------------------------------- remote documents
def test_remote_jsonld_context_is_not_fetched_and_named(kg: KnowledgeGraph, tmp_path: Path, no_network: list[object]) -> None:
    path = write(tmp_path, "remote.jsonld", '{\n  "@context": "http://127.0.0.1:9/context.jsonld",\n  "@id": "http://a", "name": "x"\n}\n')
    before = quads_of(kg)
    with pytest.raises(LoadError) as caught:
        kg.load([path])
    assert str(caught.value) == (
        f'{path}:2:15: jsonld: the remote @context "http://127.0.0.1:9/context.jsonld" is not fetched: '
        "loading works offline; put the context inline in the file"
    )
    assert quads_of(kg) == before
    assert no_network == []


@pytest.mark.parametrize(
    "document",
    [
        '{"@context": ["http://127.0.0.1:9/c1", {"name": "http://schema.org/name"}], "@id": "http://a", "name": "x"}',
        '{"@context": {"@version": 1.1, "@import": "http://127.0.0.1:9/c2"}, "@id": "http://a", "name": "x"}',
        '{"@id": "http://a", "http://p": {"@context": "file:///etc/passwd", "@id": "http://b"}}',
    ],
    ids=["array", "import", "nested-file"],
)
def test_every_kind_of_remote_context_is_refused(kg: KnowledgeGraph, tmp_path: Path, no_network: list[object],
                                                  document: str) -> None:
    path = write(tmp_path, "remote.jsonld", document)
    with pytest.raises(LoadError, match=r"jsonld: the remote @context \"(http://127\.0\.0\.1:9/c\d|file:///etc/passwd)\" is not fetched"):
        kg.load([path])
    assert no_network == []


def test_owl_imports_are_never_followed(tmp_path: Path, no_network: list[object]) -> None:
    path = write(tmp_path, "imports.ttl", (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<http://example.org/onto> a owl:Ontology ; owl:imports <http://127.0.0.1:9/other.owl> , <file:///etc/passwd> .\n"
    ))
    kg = KnowledgeGraph()
    kg.load([path])
    assert len(kg) == 3
    kg.validate()  # SHACL over the graph does not follow owl:imports either
    assert no_network == []


def test_service_in_a_query_does_not_reach_the_network(no_network: list[object]) -> None:
    from explorer.core.errors import RefusedQuery

    kg = KnowledgeGraph()
    with pytest.raises(RefusedQuery):
        kg.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert no_network == []


# --------------------------------------------------------------------------- size and nesting
def test_deeply_nested_rdfxml_is_refused_quickly(kg: KnowledgeGraph, tmp_path: Path) -> None:
    depth = 20_000  # unguarded, the parser takes seconds here and minutes at 100k
    body = '<rdf:Description><ex:p>' * depth + "</ex:p></rdf:Description>" * depth
    path = write(tmp_path, "deep.rdf", rdfxml("", body))
    before = quads_of(kg)
    with pytest.raises(LoadError, match=rf"elements nested more than {MAX_XML_DEPTH} levels deep"):
        kg.load([path])
    assert quads_of(kg) == before


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('{"http://example.org/p": ', "}"), ("[", "]"), ('{"@list": [', "]}")],
    ids=["objects", "arrays", "lists"],
)
def test_deeply_nested_jsonld_is_refused(kg: KnowledgeGraph, tmp_path: Path, opening: str, closing: str) -> None:
    # Unguarded, 3000 nested node objects crash the JSON-LD processor (stack overflow).
    depth = 3000
    nested = opening * depth + '"x"' + closing * depth
    path = write(tmp_path, "deep.jsonld", '{"@id": "http://a",\n "http://example.org/p": ' + nested + "}")
    before = quads_of(kg)
    with pytest.raises(LoadError, match=rf"^{path}:2:\d+: JSON nested more than {MAX_JSON_DEPTH} levels deep: refused$"):
        kg.load([path])
    assert quads_of(kg) == before


def test_brackets_inside_json_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    text = '"[{[{' * 2000 + '\\"' + '}]' * 100
    path = write(tmp_path, "strings.jsonld", '{"@id": "http://a", "http://example.org/p": ' + __import__("json").dumps(text) + "}")
    kg = KnowledgeGraph()
    kg.load([path])
    assert len(kg) == 1


def test_json_guard_follows_strings_across_chunks() -> None:
    guard = JsonNestingGuard("x.jsonld", max_depth=3)
    for chunk in (b'{"a": "[[[[\\', b'"[[[[", "b": [[', b"]]}"):
        guard.feed(chunk)
    guard = JsonNestingGuard("x.jsonld", max_depth=3)
    with pytest.raises(LoadError, match=r"^x.jsonld:2:8: JSON nested more than 3 levels deep"):
        for chunk in (b'{"a": "[[[[\\', b'"[[", \n"b": [', b"[[]]]}"):
            guard.feed(chunk)


def test_xml_guard_works_chunk_by_chunk() -> None:
    guard = RdfXmlGuard("x.rdf", max_depth=3)
    document = rdfxml('<!DOCTYPE rdf:RDF [ <!ENTITY e "x"> ]>', "<a><b/></a>").encode()
    for i in range(0, len(document), 7):
        guard.feed(document[i:i + 7])
    guard.close()
    guard = RdfXmlGuard("x.rdf", max_depth=3)
    with pytest.raises(LoadError, match="nested more than 3 levels"):
        guard.feed(rdfxml("", "<a><b><c/></b></a>").encode())


@pytest.mark.parametrize(
    ("suffix", "make"),
    [
        (".ttl", lambda n: "<http://a> <http://e/p> " + "( " * n + ") " * n + ".\n"),
        (".ttl", lambda n: "<http://a> <http://e/p> " + "[ <http://e/p> " * n + "1" + " ]" * n + " .\n"),
        (".trig", lambda n: "<http://g> { <http://a> <http://e/p> " + "[ <http://e/p> " * n + "1" + " ]" * n + " . }\n"),
        (".n3", lambda n: "<http://a> <http://e/p> " + "[ <http://e/p> " * n + "1" + " ]" * n + " .\n"),
    ],
    ids=["turtle-collections", "turtle-blank-nodes", "trig-blank-nodes", "n3-blank-nodes"],
)
def test_deeply_nested_turtle_family_loads(tmp_path: Path, suffix: str, make: object) -> None:
    depth = 100_000
    path = write(tmp_path, f"deep{suffix}", make(depth))  # type: ignore[operator]
    kg = KnowledgeGraph()
    kg.load([path])
    assert len(kg) >= depth


@pytest.mark.parametrize("suffix", [".nt", ".ttl"])
def test_fifty_megabyte_literal_is_a_clear_error(kg: KnowledgeGraph, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as handle:
        handle.write(b'<http://example.org/a> <http://example.org/p> "')
        handle.write(b"x" * (50 * 1024 * 1024))
        handle.write(b'" .\n')
    before = quads_of(kg)
    with pytest.raises(LoadError) as caught:
        kg.load([path])
    format_name = "ntriples" if suffix == ".nt" else "turtle"
    assert str(caught.value) == (
        f"{path}: {format_name}: a single value (literal or IRI) is longer than the parser's limit of 16 MB"
    )
    assert quads_of(kg) == before


def test_ten_megabyte_literal_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_bytes(b'<http://example.org/a> <http://example.org/p> "' + "é".encode() * (5 * 1024 * 1024) + b'" .\n')
    kg = KnowledgeGraph()
    kg.load([path])
    [quad] = list(kg.backend.store)
    assert len(quad.object.value) == 5 * 1024 * 1024


def test_huge_literal_in_pasted_text(kg: KnowledgeGraph) -> None:
    before = quads_of(kg)
    with pytest.raises(LoadError, match=r"^<text>: ntriples: a single value"):
        kg.load_text('<http://a> <http://b> "' + "x" * (17 * 1024 * 1024) + '" .\n', "ntriples")
    assert quads_of(kg) == before


# --------------------------------------------------------------------------- W3C-style negative syntax
# Modelled on the negative syntax tests of the W3C RDF 1.1 test suites (turtle-syntax-bad-*,
# nt-syntax-bad-*, trig-syntax-bad-*, rdfxml "error" tests, JSON-LD expand error tests).
NEGATIVE = {
    ".ttl": [
        "<http://a> <http://b> <http://c> <http://d> .",      # too many terms
        "<http://a b> <http://b> <http://c> .",                 # space in IRI
        "<http://a> <http://b> \"unterminated .",               # unterminated string
        "<http://a> <http://b> \"\\q\" .",                      # bad string escape
        "<http://a> <http://b> <http://c\\u00ZZ> .",            # bad \\u escape in IRI
        "<http://a> <http://b> \"x\"@ .",                       # empty language tag
        "<http://a> <http://b> \"x\"@1en .",                    # language tag starting with a digit
        "<http://a> <http://b> <http://c>",                     # missing dot
        "ex:a <http://b> <http://c> .",                         # undefined prefix
        "@prefix ex <http://e/> .",                             # prefix without colon
        "<http://a> <http://b> \"x\"^^ .",                      # datatype missing
        "[ <http://b> <http://c> ",                             # unclosed blank node list
        "<http://a> <http://b> ( <http://c> .",                 # unclosed collection
        "<http://a> <http://b> 1.2.3 .",                        # bad number
        "_:a.b. <http://b> <http://c> .",                       # bad blank node label
    ],
    ".nt": [
        "<http://a> <http://b> <http://c>",
        "<a> <http://b> <http://c> .",                           # relative IRI
        "_:a <http://b> \"x\"@en-- .",
        "<http://a> <http://b> 'single' .",                      # single quotes are Turtle only
        "<http://a> <http://b> \"x\"^^<d> .",
        "<http://a> \"p\" <http://c> .",                         # literal predicate
        "<http://a> <http://b> \"\\u12\" .",
    ],
    ".nq": [
        "<http://a> <http://b> <http://c> \"g\" .",              # literal graph name
        "<http://a> <http://b> <http://c> <http://g> <http://h> .",
        "<http://a> <http://b> <http://c> <g> .",
    ],
    ".trig": [
        "<http://g> { <http://a> <http://b> <http://c> . ",
        "{ <http://a> <http://b> <http://c> . } }",
        "GRAPH { <http://a> <http://b> <http://c> . }",
        "\"g\" { <http://a> <http://b> <http://c> . }",
    ],
    ".rdf": [
        rdfxml("", '<rdf:Description rdf:about="http://a"><ex:p rdf:resource="http://b">text</ex:p></rdf:Description>'),
        rdfxml("", '<rdf:Description rdf:about="http://a" rdf:nodeID="x"/>'),
        rdfxml("", '<rdf:Description rdf:about="http://a"><rdf:li rdf:ID="1"/></rdf:Description>'),
        rdfxml("", "<rdf:Description><ex:p>unclosed</rdf:Description>"),
        rdfxml("", '<rdf:Description rdf:about="http://a"><ex:p>&undefined;</ex:p></rdf:Description>'),
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="' + RDF_NS + '"><rdf:Description rdf:about="http://a"',
    ],
    ".jsonld": [
        '{"@id": "http://a", "http://b": }',
        '{"@id": "http://a" "http://b": "x"}',
        '{"@id": "http://a", "http://b": "x",}',
        '{"@id": "http://a", "http://b": {"@value": "x", "@language": 5}}',
        '{"@id": "http://a", "http://b": {"@list": "x", "@set": "y"}}',
        '{"@id": "http://a", "http://b": tru}',
        "[",
        '{"@context": 5}',
    ],
}


@pytest.mark.parametrize(
    ("suffix", "content"),
    [(suffix, content) for suffix, items in NEGATIVE.items() for content in items],
)
def test_negative_syntax_gives_one_line_error(kg: KnowledgeGraph, tmp_path: Path, suffix: str, content: str) -> None:
    path = write(tmp_path, f"bad{suffix}", content)
    before = quads_of(kg)
    with pytest.raises(LoadError) as caught:
        kg.load([path])
    message = str(caught.value)
    assert message.startswith(f"{path}")
    assert "\n" not in message
    assert quads_of(kg) == before
    if suffix != ".jsonld" and suffix != ".rdf":
        # The line-oriented parsers always know where they stopped.
        assert caught.value.line == 1 and caught.value.column is not None, message


# --------------------------------------------------------------------------- user text in SPARQL
HOSTILE_VALUES = [
    "> } ; DROP ALL #",
    "http://example.org/x> } ; DROP ALL #",
    "http://example.org/x\\u003E } INSERT DATA { <a> <b> <c> } #",
    'http://example.org/x" } #',
    "http://example.org/x\n} DROP ALL",
    "http://example.org/x{}",
    "",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_instances_refuses_values_that_would_change_the_query(value: str) -> None:
    kg = KnowledgeGraph()
    kg.load_text("<http://example.org/i> a <http://example.org/C> .", "turtle")
    with pytest.raises(ExplorerError, match="not a valid IRI"):
        kg.instances(value)
    assert len(kg) == 1


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_entity_lookups_treat_hostile_text_as_plain_text(bundled_graph: KnowledgeGraph, value: str) -> None:
    before = bundled_graph.quad_count()
    assert isinstance(bundled_graph.search(value), list)
    with pytest.raises(ExplorerError):
        bundled_graph.resolve(value)
    for call in (bundled_graph.exists, bundled_graph.label, bundled_graph.types):
        # Refusing the value is fine; running it as SPARQL is not.
        with contextlib.suppress(ExplorerError, ValueError):
            call(value)
    assert bundled_graph.quad_count() == before


@pytest.mark.parametrize("value", ["a\" } DROP ALL #", "x\\u0022 } #", "line\nbreak } #", "it's", "\\", "\\u003E"])
def test_sparql_string_keeps_text_a_literal(value: str) -> None:
    from explorer.core.backends.endpoint_config import sparql_string

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal(value)))
    query = f"SELECT ?s ?o WHERE {{ ?s ?p ?o FILTER(STR(?o) = {sparql_string(value)}) }}"
    rows = list(store.query(query))
    assert [(row["s"].value, row["o"].value) for row in rows] == [("http://s", value)]


@pytest.mark.parametrize("value", HOSTILE_VALUES[:-1])
def test_sparql_iri_refuses_hostile_values(value: str) -> None:
    from explorer.core.backends.endpoint_config import sparql_iri

    with pytest.raises(ExplorerError, match="not a valid IRI"):
        sparql_iri(value)


def _reference_scan(data: bytes) -> tuple[int, bool]:
    """Plain byte-by-byte JSON depth outside strings, and whether a backslash stands outside
    a string (never valid JSON), to check the vectorised guard against."""
    depth = deepest = 0
    in_string = escaped = stray_backslash = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte == 0x5C:
            stray_backslash = True
        elif byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        elif byte in b"]}":
            depth -= 1
    return deepest, stray_backslash


@settings(max_examples=100, deadline=None)
@given(
    data=st.lists(st.sampled_from([b"[", b"]", b"{", b"}", b'"', b"\\", b"a", b"\n", b'\\"', b"\\\\"]), max_size=60).map(b"".join),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=4),
)
def test_json_guard_agrees_with_a_plain_scan(data: bytes, cuts: list[int]) -> None:
    limit = 4
    guard = JsonNestingGuard("x.json", max_depth=limit)
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    try:
        for start, end in itertools.pairwise(bounds):
            guard.feed(data[start:end])
    except LoadError:
        depth, stray_backslash = _reference_scan(data)
        assert depth > limit or stray_backslash
    else:
        depth, stray_backslash = _reference_scan(data)
        assert depth <= limit and not stray_backslash
