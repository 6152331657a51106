"""Checks on a SPARQL text before the engine sees it: its shape, and whether it reaches the network.

Shape: the embedded engine parses and plans queries recursively, and a query nested a few
thousand levels deep (groups, subqueries, parentheses) or with thousands of elements in one
group (a UNION chain, a long property path, a sum of thousands of terms) overflows its stack
and takes the whole process down. :func:`check_shape` refuses such a text first, with one
line naming the limit. The count is deliberately simple so that no spelling can hide a
bracket from it: every ``{``, ``(`` and ``[`` counts, even inside strings and comments.

Network: ``SERVICE`` (federation) and ``LOAD`` of a remote document make the engine open
connections. :func:`network_reasons` decides from a parse of the text (rdflib's SPARQL
parser, the same grammar the engine implements), never from a pattern over the text, so
comments, escapes, case and whitespace cannot hide either. A text that mentions neither
word in any spelling cannot reach the network and is not parsed (most queries, cheaply);
a text the parser cannot read is refused rather than let through.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from typing import Any

from explorer.core.errors import QueryError

#: Longest SPARQL text accepted (a large ``INSERT DATA`` fits; anything longer is not typed).
MAX_SPARQL_CHARS = 64 * 1024 * 1024
#: Deepest nesting of ``{``, ``(`` and ``[``: real queries stay under 20; the engine
#: overflows its stack at a few thousand.
MAX_NESTING = 128
#: Most elements (words, terms, operators, nested groups) in one group outside data blocks:
#: the engine overflows its stack on a few thousand (a UNION chain, a long path, a BIND list).
MAX_GROUP_ELEMENTS = 2000
#: Most elements in the whole query outside ``VALUES`` and ``INSERT/DELETE DATA`` blocks.
MAX_QUERY_ELEMENTS = 20000


class QueryTooComplex(QueryError):
    """A query nested or sized beyond what the engine evaluates safely."""


class UncheckableQuery(QueryError):
    """A query that may reach the network but that the checker cannot read."""


_BRACKET = re.compile(r"[{}()\[\]]")
_OPENER_OF = {"}": "{", ")": "(", "]": "["}


def nesting_depth(sparql: str) -> int:
    """The deepest nesting of brackets, counting every bracket character of the text.

    A closing bracket closes the nearest open bracket of its kind and everything opened
    after it, so a stray bracket (in a string, an IRI or a comment) can only add depth,
    never hide any.

    >>> nesting_depth("SELECT * { { ?s ?p ?o FILTER((1)) } }")
    4
    >>> nesting_depth('SELECT * { ?s ?p ")))" { ?a ?b ?c } }')
    2
    """
    stack: list[str] = []
    deepest = 0
    for match in _BRACKET.finditer(sparql):
        char = match.group(0)
        if char in "{([":
            stack.append(char)
            if len(stack) > deepest:
                deepest = len(stack)
        else:
            opener = _OPENER_OF[char]
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] == opener:
                    del stack[index:]
                    break
    return deepest


# One token: a long or short string, an IRI, a comment (ended by \n or \r, as the grammar
# says), a word (keyword, variable, prefixed name, number), a bracket or another character.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*"
    r"|[?$]?[\w.:%\\-]+"
    r"|\S",
    re.DOTALL,
)


def _group_sizes(sparql: str) -> Iterator[int]:
    """The running element count of the current group, after each element outside data blocks.

    Data blocks (``VALUES … { … }``, ``INSERT DATA { … }``, ``DELETE DATA { … }``) hold
    terms, not operators, and are not counted.
    """
    groups: list[list[Any]] = [[False, 0]]  # per open bracket: [is a data block, elements so far]
    last_word = ""
    values_at = -1  # depth at which a VALUES keyword waits for its block
    for match in _TOKEN.finditer(sparql):
        token = match.group(0)
        if token[0] == "#":
            continue
        group = groups[-1]
        if token in ("{", "(", "["):
            data = group[0] or (token == "{" and (values_at == len(groups) or last_word == "DATA"))
            if token == "{" and values_at == len(groups):
                values_at = -1
            if not group[0]:
                group[1] += 1
                yield group[1]
            groups.append([data, 0])
            last_word = ""
            continue
        if token in ("}", ")", "]"):
            if len(groups) > 1:
                groups.pop()
            last_word = ""
            continue
        last_word = token.upper()
        if last_word == "VALUES":
            values_at = len(groups)
        if not group[0]:
            group[1] += 1
            yield group[1]


def check_shape(sparql: str) -> None:
    """Refuse, with one line, a text too large or too deeply nested for the engine.

    >>> check_shape("SELECT * WHERE " + "{" * 200 + "}" * 200)
    Traceback (most recent call last):
    ...
    explorer.core.query_checks.QueryTooComplex: the query is nested 200 levels deep; at most 128 are allowed
    """
    if len(sparql) > MAX_SPARQL_CHARS:
        raise QueryTooComplex(
            f"the query is {len(sparql):,} characters long; at most {MAX_SPARQL_CHARS:,} are allowed"
        )
    depth = nesting_depth(sparql)
    if depth > MAX_NESTING:
        raise QueryTooComplex(f"the query is nested {depth} levels deep; at most {MAX_NESTING} are allowed")
    for total, size in enumerate(_group_sizes(sparql), start=1):
        if size > MAX_GROUP_ELEMENTS:
            raise QueryTooComplex(
                f"a group of the query has more than {MAX_GROUP_ELEMENTS} elements (a long UNION, path or "
                "expression chain); split the query"
            )
        if total > MAX_QUERY_ELEMENTS:
            raise QueryTooComplex(
                f"the query has more than {MAX_QUERY_ELEMENTS} elements outside VALUES and DATA blocks; split it"
            )


# Any spelling of the two words after \u escapes and case folding: a text without them
# cannot name SERVICE or LOAD, so it needs no parse.
_NETWORK_WORD = re.compile(r"service|load", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def _unescaped(text: str) -> str:
    """``text`` with every ``\\uXXXX`` / ``\\UXXXXXXXX`` escape replaced, repeatedly."""
    for _ in range(8):
        expanded = _ESCAPE.sub(lambda m: _char(m.group(1) or m.group(2)), text)
        if expanded == text:
            break
        text = expanded
    return text


def _char(digits: str) -> str:
    code = int(digits, 16)
    return chr(code) if code <= 0x10FFFF else "\ufffd"


def may_reach_network(sparql: str) -> bool:
    """Whether ``sparql`` mentions SERVICE or LOAD in any spelling (if not, it cannot reach the network).

    >>> may_reach_network("SELECT * { ?s ?p ?o }")
    False
    >>> may_reach_network("SELECT * { \\\\u0053ervice <http://x> { } }")
    True
    """
    return bool(_NETWORK_WORD.search(sparql) or _NETWORK_WORD.search(_unescaped(sparql).casefold()))


def network_reasons(sparql: str, kind: str) -> list[str]:
    """What in ``sparql`` would make the engine open a connection, read from its parse.

    ``kind`` is "update" for SPARQL Update, anything else for a query. The reasons are
    short phrases ("SERVICE <http://x/sparql>", "LOAD <http://x/data.ttl>"); none means
    the text stays local. Raises :class:`UncheckableQuery` when the text may reach the
    network but cannot be parsed.

    >>> network_reasons("SELECT * { ?s ?p ?o }", "select")
    []
    >>> network_reasons("INSERT { ?s ?p ?o } WHERE { SERVICE ?e { ?s ?p ?o } }", "update")
    ['SERVICE ?e']
    """
    if not may_reach_network(sparql):
        return []
    if len(sparql) <= _REMEMBERED_CHARS:
        return list(_remembered_network_reasons(sparql, kind == "update"))
    return list(_parsed_network_reasons(sparql, kind == "update"))


#: Texts up to this length have their parse remembered (64 of them at most): the app's own
#: queries that name a class such as ``kg:RemoteHealthcareService`` come back again and again.
_REMEMBERED_CHARS = 16 * 1024


@functools.lru_cache(maxsize=64)
def _remembered_network_reasons(sparql: str, update: bool) -> tuple[str, ...]:
    return _parsed_network_reasons(sparql, update)


def _parsed_network_reasons(sparql: str, update: bool) -> tuple[str, ...]:
    """The parse behind :func:`network_reasons`."""
    # The engine ends a comment at \r as well as \n; rdflib only at \n. A bare \r is
    # whitespace everywhere else, so turning it into \n changes nothing but that.
    text = sparql.replace("\r", "\n")
    try:
        tree = _parse_on_own_stack(text, update)
    except UncheckableQuery:
        raise
    except (RecursionError, ValueError, TypeError, AttributeError, KeyError) as error:
        raise UncheckableQuery(
            f"the query mentions SERVICE or LOAD and cannot be checked for network access ({type(error).__name__})"
        ) from None
    reasons: list[str] = []
    try:
        _collect(tree, reasons)
    except RecursionError:
        raise UncheckableQuery("the query is nested too deeply to be checked for network access") from None
    return tuple(reasons)


_parser_lock = threading.Lock()


def _parse_on_own_stack(text: str, update: bool) -> Any:
    """rdflib's parse of ``text``, run on a thread of its own.

    The parser raises and catches thousands of exceptions internally; the garbage they leave
    are reference cycles through frames, and a frame keeps its callers' frames alive. Parsed
    on the caller's stack, that garbage pinned whatever the callers held (a whole replaced
    graph, when the query came from its class tree) until a full collection, and not even
    then once a graph build had frozen the collector's view. On a thread of its own the
    garbage reaches no frame of ours. The lock keeps one parse at a time: the grammar's
    parse actions are not known to be thread-safe.
    """
    outcome: list[Any] = []

    def parse() -> None:
        try:
            # Imported here too: importing pyparsing parses (and leaves the same garbage).
            from pyparsing import ParseException
            from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

            try:
                outcome.append(parseUpdate(text) if update else parseQuery(text))
            except ParseException as error:
                outcome.append(UncheckableQuery(
                    f"line {error.lineno}, column {error.col}: the query mentions SERVICE or LOAD and cannot be "
                    "checked for network access: " + " ".join(str(error.msg).split())))
        except BaseException as error:  # handed to the caller, who decides
            outcome.append(error)

    with _parser_lock:
        worker = threading.Thread(target=parse, name="sparql-network-check", daemon=True)
        worker.start()
        worker.join()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _collect(node: Any, reasons: list[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef, Variable

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            term = node.get("term")
            reasons.append(f"SERVICE ?{term}" if isinstance(term, Variable) else f"SERVICE {_show(term)}")
        elif node.name == "Load":
            iri = node.get("iri")
            if not (isinstance(iri, URIRef) and str(iri).lower().startswith("file:")):
                reasons.append(f"LOAD {_show(iri)}")
        for value in node.values():
            _collect(value, reasons)
    elif isinstance(node, dict):
        for value in node.values():
            _collect(value, reasons)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for value in node:
            _collect(value, reasons)


def _show(term: Any) -> str:
    from rdflib.term import URIRef

    if isinstance(term, URIRef):
        return f"<{term}>"
    # A prefixed name the parser has not resolved yet (a CompValue, whose own get() differs
    # from a dict's): its prefix and local part, either of which may be empty.
    if isinstance(term, dict):
        return f"{dict.get(term, 'prefix') or ''}:{dict.get(term, 'localname') or ''}"
    return str(term)
