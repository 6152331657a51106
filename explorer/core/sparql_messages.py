"""SPARQL syntax errors in words: what the parser expected, without its grammar dump.

The embedded engine's parser reports what it expected as the alternatives of its grammar:
quoted tokens, keywords, and character classes such as ``['A' ..= 'Z' | 'a' ..= 'z' |
'\\u{00C0}'..='\\u{00D6}' | …]`` (a name), ``['0'..='9']`` (a digit) or ``[_]`` (any
character). :func:`readable_expectation` turns that list into a short phrase, and
:func:`syntax_error_line` into the one line the workbench shows.
"""

from __future__ import annotations

import re

from explorer.core.errors import QueryError

#: How many alternatives a message names before it says "…".
MOST_NAMED = 6
#: What the parser says when a prefixed name uses a prefix nobody declared.
_UNKNOWN_PREFIX = "Prefix not found"
#: When the parser expected "any character": the text at the position is what is wrong.
UNEXPECTED = "unexpected text here"
_KEYWORD = re.compile(r"[A-Za-z][A-Za-z_0-9]*")


def _alternatives(listed: str) -> list[str]:
    """The parser's alternatives, split at the commas outside quotes and brackets."""
    items, current, depth, quote = [], [], 0, ""
    index = 0
    while index < len(listed):
        char = listed[index]
        if quote:
            current.append(char)
            if char == "\\" and index + 1 < len(listed):
                current.append(listed[index + 1])
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            current.append(char)
        elif char == "[":
            depth += 1
            current.append(char)
        elif char == "]":
            depth = max(depth - 1, 0)
            current.append(char)
        elif char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    items.append("".join(current).strip())
    return [item for item in items if item]


#: Tokens that close or separate, named first: the one a reader most likely left out.
_CLOSERS = (")", "}", "]", ".", ";", ",")
#: Operator tokens, named together as "an operator" when several are possible.
_OPERATORS = frozenset({"&&", "||", "*", "+", "-", "/", "=", "!=", "<", ">", "<=", ">=", "!", "|", "^", "^^"})
#: Tokens that begin a kind of term, named by the kind.
_KINDS = {"?": "a variable", "$": "a variable", '"': "a string", "'": "a string", '"""': "a string",
          "\'\'\'": "a string"}
#: Escapes inside strings and RDF-star annotation syntax: true alternatives, but no help to a reader.
_UNSAID = frozenset({"\\", "\\U", "\\u", "{|", "~", "<<", "<<(", ">>", ")>>"})


def _token(alternative: str) -> str | None:
    """The token, keyword or kind of text an alternative stands for; None for "any character"."""
    if alternative.startswith('"') and alternative.endswith('"') and len(alternative) >= 2:
        return alternative[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if alternative.startswith("["):
        if alternative == "[_]":
            return None
        if "'A'" in alternative or "'a'" in alternative or "\\u{" in alternative:
            return "a name"
        if "'0'" in alternative:
            return "a digit"
        single = re.fullmatch(r"\[\s*'(\\\\|.)'\s*\]", alternative)
        if single and single.group(1) in ("_", "%", "\\\\"):  # characters of a name (and its escapes)
            return "a name"
        return single.group(1) if single else None
    if _KEYWORD.fullmatch(alternative):
        return alternative
    return None


def _phrases(tokens: list[str]) -> list[str]:
    """Tokens as a reader would name them: closers first, quoted; several operators as one phrase."""
    kinds = {_KINDS[t] for t in tokens if t in _KINDS}
    tokens = [t for t in tokens if t not in _KINDS and t not in _UNSAID]
    symbols = [t for t in tokens if t not in ("a name", "a digit") and not _KEYWORD.fullmatch(t)]
    operators = [t for t in symbols if t in _OPERATORS]
    closers = sorted((t for t in symbols if t in _CLOSERS), key=_CLOSERS.index)
    others = [t for t in symbols if t not in _OPERATORS and t not in _CLOSERS]
    words = [t for t in tokens if _KEYWORD.fullmatch(t) and t not in ("a name", "a digit")]
    found = [f"'{t}'" for t in closers]
    found += [f"'{t}'" for t in operators] if len(operators) <= 2 else ["an operator"]
    found += [f"'{t}'" for t in others] + words
    found += [t for t in ("a variable", "a string") if t in kinds]
    found += [t for t in ("a name", "a digit") if t in tokens]
    return found


def readable_expectation(expected: str) -> str:
    """A parser's "expected …" in a few words.

    >>> readable_expectation('expected one of ">", [_]')
    "expected '>'"
    >>> readable_expectation('expected one of "&&", ")", "*", "+", "-", "/", "<", [_]')
    "expected ')' or an operator"
    >>> readable_expectation("expected one of HAVING, OFFSET, ['0'..='9']")
    'expected HAVING, OFFSET or a digit'
    >>> readable_expectation("expected [_]")
    'unexpected text here'
    >>> readable_expectation("expected one of Prefix not found, ['_']")
    'unknown prefix: declare it with PREFIX'
    """
    text = " ".join(expected.split())
    if _UNKNOWN_PREFIX.casefold() in text.casefold():
        return "unknown prefix: declare it with PREFIX"
    match = re.match(r"expected (?:one of )?(.*)$", text)
    if not match:
        return text if len(text) <= 200 else text[:199] + "…"
    phrases = _phrases(list(dict.fromkeys(t for t in map(_token, _alternatives(match.group(1))) if t is not None)))
    if not phrases:
        return UNEXPECTED
    if len(phrases) > MOST_NAMED:
        return "expected " + ", ".join(phrases[:MOST_NAMED]) + ", …"
    if len(phrases) == 1:
        return f"expected {phrases[0]}"
    return "expected " + ", ".join(phrases[:-1]) + f" or {phrases[-1]}"


def _offset(query: str, line: int, column: int | None) -> int | None:
    """The character offset of a 1-based line and column in ``query``."""
    lines = query.split("\n")
    if not 1 <= line <= len(lines):
        return None
    return sum(len(text) + 1 for text in lines[: line - 1]) + max((column or 1) - 1, 0)


def _prefix_near(query: str, position: int) -> str | None:
    """The prefix of the prefixed name that ends at (or runs through) ``position``."""
    start = min(position, len(query))
    while start > 0 and re.match(r"[\w.:-]", query[start - 1]):
        start -= 1
    found = re.match(r"([A-Za-z][\w.-]*)?:", query[start:])
    return found.group(1) or "" if found else None


def _unclosed(query: str) -> str | None:
    """The closing bracket or quote the query lacks at its end, if any."""
    masked = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*',
                    "", query)
    for quote in ('"', "'"):
        if quote in masked:
            return f"quote {quote}"
    stack: list[str] = []
    pairs = {"{": "}", "(": ")", "[": "]"}
    for char in masked:
        if char in pairs:
            stack.append(pairs[char])
        elif char in pairs.values() and stack and stack[-1] == char:
            stack.pop()
    return f"'{stack[-1]}'" if stack else None


def syntax_error_line(error: QueryError, query: str) -> str:
    """One line for a syntax error: "Syntax error at line 3, column 12: expected “}”".

    ``query`` is the text the line and column count in; an unknown prefix is named from it.
    Errors other than syntax errors keep their message.
    """
    reason = error.reason
    if not reason.casefold().startswith("syntax error"):
        return str(error)
    detail = reason.split(":", 1)[1].strip() if ":" in reason else reason
    if detail.startswith("expected") and "[" in detail:  # still the parser's own list
        detail = readable_expectation(detail)
    position = _offset(query, error.line, error.column) if error.line is not None else None
    closer = _unclosed(query)
    if closer and position is not None and position >= len(query.rstrip()):
        detail = f"the query ends before its closing {closer}"
    if detail.startswith("unknown prefix") and error.line is not None:
        prefix = _prefix_near(query, position) if position is not None else None
        if prefix is not None:
            detail = f"unknown prefix {prefix}: declare it with PREFIX {prefix}: <…>"
    where = (f" at line {error.line}, column {error.column}" if error.line is not None and error.column is not None
             else f" at line {error.line}" if error.line is not None else "")
    return f"Syntax error{where}: {detail}"


__all__ = ["readable_expectation", "syntax_error_line"]
