"""Running SPARQL: kinds of query, what is allowed, results that are cheap to page."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rdflib.term import Node

from explorer.core.errors import Cancelled, NetworkRefused, QueryError, QueryTimeout, RefusedQuery
from explorer.core.query_checks import check_shape, network_reasons
from explorer.core.sparql_messages import readable_expectation
from explorer.core.tasks import CancelToken

#: Memory a query typed by the user may use on top of what the app already holds (the
#: default of the CLI's ``--max-memory`` and of the app's setting).
DEFAULT_QUERY_MEMORY_MB = 2048

QueryKind = Literal["select", "ask", "construct", "describe", "update"]

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_QUERY_KEYWORDS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}

# Strings, IRIs and comments are skipped so a keyword inside them is not taken for one.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n\r]*"
    # Variables and prefixed names are not keywords: ?service and ex:service are no SERVICE.
    r"|[?$][A-Za-z_0-9\u00b7-\uffff]*"
    r"|(?:[A-Za-z][A-Za-z_0-9.-]*)?:[A-Za-z_0-9.%\u00b7-\uffff-]*"
    r"|[A-Za-z_][A-Za-z_0-9-]*"
    r"|\S",
    re.DOTALL,
)


def keywords(query: str) -> list[str]:
    """The bare words of a query, upper-cased, without those inside strings, IRIs or comments.

    >>> keywords('SELECT * { ?service <http://x/SERVICE> "DELETE" ; ex:service ?o } # INSERT')
    ['SELECT', 'EX:SERVICE']
    """
    words = []
    for match in _TOKEN.finditer(query):
        token = match.group(0)
        if token[0].isalpha() or token[0] == "_":
            words.append(token.upper())
    return words


def query_kind(query: str) -> QueryKind:
    """What a query does, from its first significant keyword.

    >>> query_kind("PREFIX ex: <http://e/> ASK { ?s ?p ?o }")
    'ask'
    >>> query_kind("DELETE WHERE { ?s ?p ?o }")
    'update'
    """
    words = keywords(query)
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("PREFIX", "BASE"):
            # PREFIX is followed by its name ("EX:"); an empty prefix (":") is not a word.
            i += 2 if word == "PREFIX" and i + 1 < len(words) and words[i + 1].endswith(":") else 1
            continue
        if word in _QUERY_KEYWORDS:
            return _QUERY_KEYWORDS[word]  # type: ignore[return-value]
        if word in _UPDATE_KEYWORDS:
            return "update"
        i += 1
    raise QueryError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")


def uses_service(query: str) -> bool:
    """Whether running ``query`` would reach the network (``SERVICE``, or ``LOAD`` of a remote IRI).

    Read from the parsed query, so no spelling hides it (see :mod:`explorer.core.query_checks`).

    >>> uses_service('SELECT * { SERVICE <http://x> { ?s ?p ?o } }')
    True
    >>> uses_service('SELECT * { ?s ?p "SERVICE" }')
    False
    """
    return bool(network_reasons(query, query_kind(query)))


@dataclass(frozen=True)
class QueryPolicy:
    """What the user allowed: updates and network access are off by default.

    Every query passes :meth:`check` before it reaches an engine (local or remote): its
    shape is bounded first (a deeply nested query would crash the engine), then its kind
    and its network access are read from the query itself.
    """

    allow_update: bool = False
    allow_network: bool = False

    def check(self, query: str) -> QueryKind:
        """Return the query's kind, or raise :class:`RefusedQuery` if it is not allowed.

        Raises :class:`~explorer.core.query_checks.QueryTooComplex` for a query too large or
        nested too deeply for the engine, and :class:`NetworkRefused` for one that would
        open a connection while the network is not allowed.
        """
        check_shape(query)
        kind = query_kind(query)
        if kind == "update" and not self.allow_update:
            raise RefusedQuery(
                "SPARQL Update is turned off: enable updates in the settings to change the graph"
            )
        if not self.allow_network:
            reasons = network_reasons(query, kind)
            if reasons:
                raise NetworkRefused(
                    f"{', '.join(dict.fromkeys(reasons))} reaches the network and is turned off: "
                    "allow network access in the settings to use it"
                )
        return kind


@dataclass
class QueryResult:
    """The answer of a query.

    SELECT rows are kept as the engine returned them and converted to rdflib terms one row
    at a time (``row(i)``), so a million-row answer is cheap to page through.
    """

    kind: QueryKind
    variables: list[str] = field(default_factory=list)
    raw_rows: Sequence[Sequence[Any]] = field(default_factory=list)
    boolean: bool | None = None
    raw_triples: Sequence[Sequence[Any]] = field(default_factory=list)
    convert: Callable[[Any], Node] = field(default=lambda term: term)
    elapsed: float = 0.0
    truncated: bool = False

    def __len__(self) -> int:
        if self.kind == "ask":
            return 1
        return len(self.raw_rows) if self.kind == "select" else len(self.raw_triples)

    def row(self, index: int) -> tuple[Node | None, ...]:
        raw = self.raw_rows[index]
        return tuple(None if value is None else self.convert(value) for value in raw)

    @property
    def rows(self) -> list[tuple[Node | None, ...]]:
        return [self.row(i) for i in range(len(self.raw_rows))]

    def triple(self, index: int) -> tuple[Node, Node, Node]:
        s, p, o = self.raw_triples[index]
        return self.convert(s), self.convert(p), self.convert(o)

    @property
    def triples(self) -> list[tuple[Node, Node, Node]]:
        return [self.triple(i) for i in range(len(self.raw_triples))]

    @property
    def is_empty(self) -> bool:
        if self.kind == "ask":
            return not self.boolean
        return len(self) == 0


def run_with_deadline(
    work: Callable[[], QueryResult], timeout: float | None, cancel: CancelToken | None = None
) -> QueryResult:
    """Run ``work`` in a helper thread; give up when ``timeout`` seconds pass or on cancel.

    The store releases the GIL while it evaluates, so waiting here keeps the caller
    responsive. A query that has been given up on finishes in the background and its
    answer is dropped: the embedded engine has no way to stop it from outside.
    """
    if timeout is None and cancel is None:
        return work()
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def runner() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed back to the caller's thread below
            outcome["error"] = error
        finally:
            done.set()

    thread = threading.Thread(target=runner, name="sparql-query", daemon=True)
    started = time.monotonic()
    thread.start()
    while not done.wait(0.02):
        if cancel is not None and cancel.cancelled:
            raise Cancelled("query cancelled")
        if timeout is not None and time.monotonic() - started > timeout:
            raise QueryTimeout(f"query took longer than {timeout:g} s and was stopped")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


_DECLARED_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def missing_prefixes(prefixes: Mapping[str, str], sparql: str) -> str:
    """PREFIX lines for the ``prefixes`` a query uses without declaring them.

    The graph's prefixes (the files' own declarations over the built-in ones) so that
    ``kg:Hospital`` works without a PREFIX line; a prefix the query declares itself wins.

    >>> missing_prefixes({"kg": "http://k/", "ex": "http://e/"}, "PREFIX ex: <http://x/> SELECT * { ?s a kg:C ; ex:p ?o }")
    'PREFIX kg: <http://k/>\\n'
    """
    declared = set(_DECLARED_PREFIX.findall(sparql))
    lines = []
    for prefix, namespace in sorted(prefixes.items()):
        if prefix and prefix not in declared and re.search(rf"(?<![\w<:/#?.-]){re.escape(prefix)}:", sparql):
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(lines)


_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def syntax_error(error: SyntaxError) -> QueryError:
    """Turn the engine's syntax error into a QueryError with line and column."""
    text = str(error.msg if error.msg else error)
    match = _POSITION.search(text)
    if match:
        # The parser lists its grammar's alternatives (character ranges and all): say it in words.
        detail = match.group(3)
        if detail.lstrip().startswith("expected"):
            detail = readable_expectation(detail)
        return QueryError(f"syntax error: {detail}", int(match.group(1)), int(match.group(2)))
    if error.lineno is not None:
        return QueryError(f"syntax error: {text}", error.lineno, error.offset)
    return QueryError(f"syntax error: {text}")
