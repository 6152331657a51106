"""Property-based tests (hypothesis): loaders and path inputs never fail in any other way than
with a one-line ExplorerError, and a failed load never changes the graph."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.errors import ExplorerError, LoadError
from explorer.core.graph import KnowledgeGraph

SUFFIXES = [".ttl", ".nt", ".nq", ".trig", ".rdf", ".jsonld", ".n3", ""]
FORMAT_NAMES = ["turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld", "n3"]

# Fragments of each syntax, so generated inputs get past the first character often.
FRAGMENTS = [
    "<http://e/a>", "<http://e/b>", "_:b", '"lit"', '"x"@en', "^^<http://www.w3.org/2001/XMLSchema#int>", ".", ";", ",",
    "[", "]", "(", ")", "{", "}", "@prefix e: <http://e/> .", "e:a", "a", "42", "\n", " ", "\\u00e9", '"""', "#",
    '<?xml version="1.0"?>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "</rdf:RDF>",
    '<rdf:Description rdf:about="http://e/a">', "</rdf:Description>", "<!DOCTYPE x [", '<!ENTITY e "v">', "]>", "&e;",
    '{"@id": "http://e/a"', '"http://e/p": ', '"@context": {}', "[", "]", ":", '"@list"', "GRAPH", "<<", ">>",
]
syntax_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=25).map("".join)

BASE = "<http://keep.example/s> <http://keep.example/p> \"kept\" .\n"


def quads_of(kg: KnowledgeGraph) -> set[str]:
    return {str(q) for q in kg.backend.store}


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | syntax_like.map(str.encode), suffix=st.sampled_from(SUFFIXES))
def test_loading_any_file_fails_only_with_load_error(folder: Path, content: bytes, suffix: str) -> None:
    kg = KnowledgeGraph()
    kg.load_text(BASE, "ntriples")
    before = quads_of(kg)
    path = folder / f"input{suffix}"
    path.write_bytes(content)
    try:
        kg.load([path])
    except LoadError as error:
        message = str(error)
        assert message.startswith(str(path)) and "\n" not in message
        assert quads_of(kg) == before
    else:
        assert before <= quads_of(kg)


@settings(max_examples=100, deadline=None)
@given(text=syntax_like | st.text(max_size=200), format_name=st.sampled_from(FORMAT_NAMES))
def test_loading_any_text_fails_only_with_load_error(text: str, format_name: str) -> None:
    kg = KnowledgeGraph()
    kg.load_text(BASE, "ntriples")
    before = quads_of(kg)
    try:
        kg.load_text(text, format_name)
    except LoadError as error:
        assert str(error).startswith("<text>") and "\n" not in str(error)
        assert quads_of(kg) == before


# --------------------------------------------------------------------------- path inputs
def _is_iri(text: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


# Entities as the app hands them over (resolved IRIs or blank node ids, existing or not).
entity_text = st.sampled_from([
    "https://w3id.org/kg-explorer/data/ChinaMobile", "https://w3id.org/kg-explorer/data/Zhejiang",
    "https://w3id.org/kg-explorer/data/ChinaMobileZhejiang", "_:nothing", "urn:unknown",
]) | st.text(max_size=30).map(lambda t: "urn:" + t).filter(_is_iri)
predicate_lists = st.none() | st.lists(st.sampled_from([
    "http://www.w3.org/ns/org#hasSubOrganization", "https://w3id.org/kg-explorer/ontology#established", "urn:x", "bad iri <>",
]) | st.text(max_size=10), max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=entity_text, target=entity_text,
    mode=st.sampled_from(["shortest", "k", "all", "bogus"]),
    k=st.integers(min_value=-2, max_value=4), max_hops=st.integers(min_value=-1, max_value=4),
    allowed=predicate_lists, excluded=predicate_lists,
    direction=st.sampled_from(["both", "forward", "backward", "sideways"]),
    limit=st.integers(min_value=-1, max_value=10),
)
def test_path_inputs_never_crash(bundled_graph: KnowledgeGraph, source: str, target: str, mode: str, k: int,
                                 max_hops: int, allowed, excluded, direction: str, limit: int) -> None:
    from explorer.core.paths import find_paths

    before = bundled_graph.quad_count()
    try:
        paths = find_paths(bundled_graph, source, target, mode=mode, k=k, max_hops=max_hops,  # type: ignore[arg-type]
                           allowed_predicates=allowed, excluded_predicates=excluded,
                           direction=direction, limit=limit)  # type: ignore[arg-type]
    except ExplorerError as error:
        assert "\n" not in str(error)
    else:
        assert len(paths) <= max(limit, 0) or limit < 0
        for path in paths:
            assert path.nodes[0] == source and path.nodes[-1] == target
            assert len(path.hops) <= max(max_hops, 0)
    assert bundled_graph.quad_count() == before


@pytest.mark.parametrize("source", ["", "> } DROP ALL #", "not an iri"])
def test_path_endpoint_that_is_no_iri_is_an_explorer_error(bundled_graph: KnowledgeGraph, source: str) -> None:
    from explorer.core.paths import find_paths

    with pytest.raises(ExplorerError):
        find_paths(bundled_graph, source, "https://w3id.org/kg-explorer/data/ChinaMobile")
