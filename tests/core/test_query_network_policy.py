"""The network policy decides from the parsed query: no spelling of SERVICE or LOAD gets past it.

Every generated query is first run with the network allowed, against a listener on
127.0.0.1 that this test opens: the engine must connect to it (so the spelling really
reaches the network). Then the same text runs with the network turned off: it must be
refused, and the listener must receive no connection. Allowed queries still run.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from explorer.core.errors import NetworkRefused, QueryError, RefusedQuery
from explorer.core.graph import KnowledgeGraph
from explorer.core.query_checks import UncheckableQuery
from explorer.core.sparql import QueryPolicy


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections it gets and closes each at once."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            connection.close()

    def count(self) -> int:
        with self._lock:
            return self.connections

    def close(self) -> None:
        self.socket.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def one_triple() -> KnowledgeGraph:
    kg = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    kg.query("INSERT DATA { <urn:a> <urn:p> <urn:b> }")
    return kg


# ----------------------------------------------------------------------------- spellings
def _case(draw: st.DrawFn, word: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.lower() if flip else c.upper() for c, flip in zip(word, flips, strict=True))


# What may separate two tokens: whitespace, and comments ended by either line terminator the
# grammar allows (\n, \r). A comment may itself mention SERVICE or LOAD.
_COMMENT_TEXT = st.sampled_from(["", " x", " SERVICE <http://127.0.0.1:9/>", " } LOAD {", " \\u000A", " \" ' <"])


@st.composite
def separator(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(
        st.sampled_from([" ", "\t", "\n", "\r", "\r\n"]),
        st.builds(lambda text, end: "#" + text + end, _COMMENT_TEXT, st.sampled_from(["\n", "\r", "\r\n"])),
    ), min_size=1, max_size=3))
    return "".join(parts)


@st.composite
def endpoint(draw: st.DrawFn, port: int) -> tuple[str, str, str]:
    """(prologue, the SERVICE target, a pattern binding it): an IRI in several spellings or a variable."""
    how = draw(st.sampled_from(["iri", "escaped", "prefixed", "base", "variable", "bind"]))
    if how == "iri":
        return "", f"<http://127.0.0.1:{port}/sparql>", ""
    if how == "escaped":
        # \u escapes are legal inside an IRI: the engine reads them, a text check does not.
        return "", f"<http://127.0.0.1:{port}/\\u0073parql>", ""
    if how == "prefixed":
        name = draw(st.sampled_from(["", "e", "svc"]))
        return f"PREFIX {name}: <http://127.0.0.1:{port}/> ", f"{name}:sparql", ""
    if how == "base":
        return f"BASE <http://127.0.0.1:{port}/> ", "<sparql>", ""
    if how == "variable":
        return "", "?endpoint", f"VALUES ?endpoint {{ <http://127.0.0.1:{port}/sparql> }} "
    return "", "?endpoint", f"BIND(<http://127.0.0.1:{port}/sparql> AS ?endpoint) "


@st.composite
def service_query(draw: st.DrawFn, port: int) -> tuple[str, str]:
    """(kind, text) of a query or update whose evaluation calls SERVICE on the listener."""
    sep = draw(separator())
    prologue, target, binding = draw(endpoint(port))
    silent = _case(draw, "SILENT") + sep if draw(st.booleans()) else ""
    pattern = f"{_case(draw, 'SERVICE')}{sep}{silent}{target}{sep}{{ ?x ?y ?z }}"
    for _ in range(draw(st.integers(0, 3))):
        wrap = draw(st.sampled_from(["group", "subquery", "optional", "union", "exists", "minus_free"]))
        if wrap == "group":
            pattern = f"{{{sep}{pattern}{sep}}}"
        elif wrap == "subquery":
            pattern = f"{{ {_case(draw, 'SELECT')} * {_case(draw, 'WHERE')} {{ {pattern} }} }}"
        elif wrap == "optional":
            pattern = f"{_case(draw, 'OPTIONAL')}{sep}{{ {pattern} }}"
        elif wrap == "union":
            pattern = f"{{ {pattern} }} {_case(draw, 'UNION')} {{ ?s ?p ?o }}"
        elif wrap == "exists":
            pattern = f"{_case(draw, 'FILTER')} {_case(draw, 'EXISTS')} {{ {pattern} }}"
        else:
            pattern = f"{{ {pattern} }}"
    where = f"{{ {binding}?s ?p ?o .{sep}{pattern}{sep}}}"
    form = draw(st.sampled_from(["select", "ask", "construct", "insert"]))
    if form == "select":
        return "select", f"{prologue}{_case(draw, 'SELECT')}{sep}*{sep}{_case(draw, 'WHERE')}{sep}{where}"
    if form == "ask":
        return "ask", f"{prologue}{_case(draw, 'ASK')}{sep}{where}"
    if form == "construct":
        return "construct", f"{prologue}{_case(draw, 'CONSTRUCT')} {{ ?s ?p ?o }}{sep}{_case(draw, 'WHERE')} {where}"
    return "update", (f"{prologue}{_case(draw, 'INSERT')}{sep}{{ <urn:new> <urn:p> ?o }}{sep}"
                      f"{_case(draw, 'WHERE')}{sep}{where}")


@st.composite
def load_update(draw: st.DrawFn, port: int) -> str:
    sep = draw(separator())
    how = draw(st.sampled_from(["iri", "prefixed", "base", "escaped"]))
    prologue, iri = {
        "iri": ("", f"<http://127.0.0.1:{port}/data.ttl>"),
        "prefixed": (f"PREFIX src: <http://127.0.0.1:{port}/> ", "src:data.ttl"),
        "base": (f"BASE <http://127.0.0.1:{port}/> ", "<data.ttl>"),
        "escaped": ("", f"<http://127.0.0.1:{port}/\\u0064ata.ttl>"),
    }[how]
    silent = _case(draw, "SILENT") + sep if draw(st.booleans()) else ""
    into = f"{sep}{_case(draw, 'INTO')} {_case(draw, 'GRAPH')} <urn:g>" if draw(st.booleans()) else ""
    before = draw(st.sampled_from(["", "INSERT DATA { <urn:x> <urn:p> <urn:y> } ;" + sep]))
    return f"{prologue}{before}{_case(draw, 'LOAD')}{sep}{silent}{iri}{into}"


def _run(kg: KnowledgeGraph, text: str, policy: QueryPolicy) -> None:
    kg.query(text, policy=policy, timeout=20)


_EXAMPLES = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])


@_EXAMPLES
@given(data=st.data())
def test_no_spelling_of_service_reaches_the_network(listener: Listener, one_triple: KnowledgeGraph,
                                                   data: st.DataObject) -> None:
    kind, text = data.draw(service_query(listener.port))
    update = kind == "update"
    before = listener.count()
    with contextlib.suppress(QueryError):  # the listener hangs up: the SERVICE call fails
        _run(one_triple, text, QueryPolicy(allow_update=update, allow_network=True))
    assume(listener.count() > before)  # the engine did reach the network with this spelling
    reached = listener.count()
    with pytest.raises(RefusedQuery) as refusal:
        _run(one_triple, text, QueryPolicy(allow_update=update, allow_network=False))
    assert isinstance(refusal.value, NetworkRefused | UncheckableQuery) or "network" in str(refusal.value)
    assert listener.count() == reached, f"connection made by {text!r}"


@_EXAMPLES
@given(data=st.data())
def test_no_spelling_of_load_reaches_the_network(listener: Listener, data: st.DataObject) -> None:
    text = data.draw(load_update(listener.port))
    kg = KnowledgeGraph(policy=QueryPolicy(allow_update=True))
    before = listener.count()
    with contextlib.suppress(QueryError):
        _run(kg, text, QueryPolicy(allow_update=True, allow_network=True))
    assume(listener.count() > before)
    reached = listener.count()
    with pytest.raises(NetworkRefused):
        _run(kg, text, QueryPolicy(allow_update=True, allow_network=False))
    assert listener.count() == reached, f"connection made by {text!r}"


@st.composite
def local_query(draw: st.DrawFn) -> str:
    """Queries that mention the words only where they do not act: strings, IRIs, names, comments."""
    sep = draw(separator())
    mention = draw(st.sampled_from([
        '?s ?p "SERVICE <http://127.0.0.1:9/> { }"', "?s <http://x/service> ?o", "?service ?p ?load",
        "?s ?p ?o FILTER(?o != 'LOAD <http://127.0.0.1:9/>')", "?s <urn:load> ?o", "?s ?p ?o #SERVICE <x> { }\n",
    ]))
    return f"PREFIX service: <urn:> {_case(draw, 'SELECT')}{sep}*{sep}{{ {mention} OPTIONAL {{ ?s service:load ?x }} }}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=local_query())
def test_local_queries_that_mention_the_words_still_run(listener: Listener, one_triple: KnowledgeGraph,
                                                        text: str) -> None:
    before = listener.count()
    result = one_triple.query(text, policy=QueryPolicy())
    assert result.kind == "select"
    assert listener.count() == before


@pytest.mark.parametrize("text", [
    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o FILTER EXISTS { SERVICE ?e { ?s ?p ?o } } }",
    "WITH <urn:g> INSERT { ?s ?p ?o } WHERE { { SELECT * { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
])
def test_service_inside_an_allowed_update_is_refused(text: str) -> None:
    with pytest.raises(NetworkRefused, match="SERVICE"):
        QueryPolicy(allow_update=True).check(text)


def test_local_load_needs_no_network() -> None:
    assert QueryPolicy(allow_update=True).check("LOAD <file:///tmp/data.ttl>") == "update"


def test_an_unreadable_query_that_mentions_service_is_refused_with_its_place() -> None:
    # RDF-star syntax: the engine reads it, the checker's parser does not: refused, not let through.
    with pytest.raises(UncheckableQuery, match=r"line 1, column \d+: .*cannot be checked"):
        QueryPolicy().check("SELECT * { << ?s ?p ?o >> ?q ?r . SERVICE <http://127.0.0.1:9/> { } }")


# ----------------------------------------------------------------------------- what the refusal says
@pytest.mark.parametrize(("text", "kind", "reasons"), [
    ("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }", "select", ["SERVICE <http://x/sparql>"]),
    ("SELECT * { SERVICE ?where { ?s ?p ?o } }", "select", ["SERVICE ?where"]),
    ("PREFIX e: <http://x/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }", "select", ["SERVICE e:sparql"]),
    ("PREFIX : <http://x/> ASK { SERVICE : { ?s ?p ?o } }", "ask", ["SERVICE :"]),
    ("LOAD <http://x/a.ttl>", "update", ["LOAD <http://x/a.ttl>"]),
    ("PREFIX src: <http://x/> LOAD src:data.ttl", "update", ["LOAD src:data.ttl"]),
    ("LOAD <file:///a.ttl> ; LOAD <http://x/b.ttl>", "update", ["LOAD <http://x/b.ttl>"]),
    ("SELECT * { { SERVICE <http://a/> { } } UNION { SERVICE <http://b/> { } } }", "select",
     ["SERVICE <http://a/>", "SERVICE <http://b/>"]),
])
def test_the_refusal_names_what_reaches_the_network(text: str, kind: str, reasons: list[str]) -> None:
    from explorer.core.query_checks import network_reasons

    assert network_reasons(text, kind) == reasons
    with pytest.raises(NetworkRefused) as refused:
        QueryPolicy(allow_update=True).check(text)
    assert str(refused.value).startswith(", ".join(reasons) + " reaches the network")
    assert QueryPolicy(allow_update=True, allow_network=True).check(text) == kind


@pytest.mark.parametrize(("text", "reaches"), [
    ("SELECT * { SERVICE <http://x/> { } }", True),
    ("SELECT * { ?s ?p 'SERVICE' }", False),
    ("LOAD <http://x/a.ttl>", True),
    ("LOAD <file:///a.ttl>", False),
])
def test_uses_service(text: str, reaches: bool) -> None:
    from explorer.core.sparql import uses_service

    assert uses_service(text) is reaches


@pytest.mark.parametrize(("text", "mentions"), [
    ("SELECT * { ?s ?p ?o }", False),
    ("SELECT * { ?s <urn:\\u0073ervice> ?o }", True),            # \u escape
    ("SELECT * { ?s <urn:\\U00000073ervice> ?o }", True),        # \U escape, 8 digits
    ("SELECT * { ?s <urn:\\u005Cu0073ervice> ?o }", True),       # an escape that writes an escape
    ("SELECT * { ?s <urn:\\u004Coad> ?o }", True),               # L(oad)
    ("SELECT * { ?s <urn:\\UFFFFFFFF> ?o }", False),              # beyond Unicode: no crash
    ("SELECT * { ?s <urn:\\U00110000> ?o }", False),              # the first code point beyond
    ("SELECT * { ?s <urn:sErViCe> ?o }", True),
])
def test_any_spelling_of_the_words_is_noticed(text: str, mentions: bool) -> None:
    from explorer.core.query_checks import may_reach_network

    assert may_reach_network(text) is mentions
