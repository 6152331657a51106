"""Label search through a SPARQL server's own free-text index, where it has one.

Virtuoso indexes literals by word (``bif:contains``) when its administrator enables the
free-text index; a search through it reads a handful of postings instead of every label,
which matters from about a hundred thousand labels on. The index is detected when the
explorer connects and never required: without it (or when a query through it fails) search
falls back to the portable ``CONTAINS`` scan every SPARQL 1.1 server answers.

The index knows words, not substrings: the words the user finished typing must be words of
the label, the word being typed a prefix of one (Virtuoso needs four letters before a
wildcard), and a run of Chinese characters a run in the label. The typed text itself is
still checked as a substring on the server, so a hit always contains what was typed; only
a fragment from the middle of a word (``hong`` in ``Zhongda``) is found by the scan alone,
which runs when the index finds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from explorer.core.backends.endpoint_config import sparql_string

# Runs of CJK ideographs (Virtuoso indexes each as a word of its own), then words of letters and digits.
_TOKENS = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([^\W_]+)")
# Virtuoso refuses a wildcard after fewer leading characters (error FT370).
MIN_WILDCARD_LETTERS = 4


def virtuoso_text_query(text: str) -> str | None:
    """The typed text as a Virtuoso free-text expression, or ``None`` when no word of it can be used.

    >>> virtuoso_text_query("zhong")
    '"zhong*"'
    >>> virtuoso_text_query("China Mobile Zhej")
    '"china" AND "mobile" AND "zhej*"'
    >>> virtuoso_text_query("china mob")
    '"china"'
    >>> virtuoso_text_query("中国移动")
    '"中国移动"'
    >>> virtuoso_text_query("5g"), virtuoso_text_query('"} { # x')
    (None, None)
    """
    lowered = text.lower()
    still_typing = bool(lowered) and not lowered[-1].isspace()
    found = list(_TOKENS.finditer(lowered))
    parts: list[str] = []
    for position, match in enumerate(found):
        cjk, word = match.group(1), match.group(2)
        if cjk:
            if len(cjk) >= 2:  # one character matches too much to be worth an index lookup
                parts.append(f'"{cjk}"')
            continue
        last = position == len(found) - 1 and match.end() == len(lowered.rstrip()) and still_typing
        if len(word) < MIN_WILDCARD_LETTERS:
            continue  # short words: the substring test on the server checks them
        parts.append(f'"{word}*"' if last else f'"{word}"')
    return " AND ".join(dict.fromkeys(parts)) or None


# Characters that mean something in a SPARQL (XPath) regular expression.
_REGEX_SPECIAL = frozenset("\\|.?*+{}()[]^$-")


def virtuoso_regex(text: str, *, anchored: bool) -> str:
    r"""A SPARQL test that a label contains ``text`` (begins with it when ``anchored``), ignoring
    case, as ``REGEX``: Virtuoso scans labels with it about a third faster than with
    ``LCASE``. For a text of ASCII characters only (``REGEX``'s "i" and ``LCASE`` agree there).

    >>> print(virtuoso_regex("zh", anchored=True))
    REGEX(STR(?l), "^zh", "i")
    >>> print(virtuoso_regex('a.b "c', anchored=False))
    REGEX(STR(?l), "a\\.b \"c", "i")
    """
    pattern = "".join("\\" + c if c in _REGEX_SPECIAL else c for c in text)
    return f'REGEX(STR(?l), {sparql_string(("^" if anchored else "") + pattern)}, "i")'


def detect_virtuoso_text_index(select: Callable[[str], Sequence[tuple[Any, ...]]], label_values: str) -> bool:
    """Whether the server answers ``bif:contains`` and its index holds the graph's labels.

    ``select`` runs a SELECT and returns rows (raising on an error); ``label_values`` is the
    ``VALUES ?p { … }`` of the label predicates. Two small queries; any error means no index.
    """
    rows = select(f"SELECT ?e ?l WHERE {{ {label_values} ?e ?p ?l FILTER(isIRI(?e) && isLiteral(?l)) }} LIMIT 50")
    for entity, label in rows:
        words = [m.group(2) for m in _TOKENS.finditer(str(getattr(label, "value", "")).lower())
                 if m.group(2) and len(m.group(2)) >= MIN_WILDCARD_LETTERS and m.group(2).isascii()]
        if not words:
            continue
        # str() of a pyoxigraph IRI is its escaped N-Triples form; the word is letters and digits only.
        found = select(f"SELECT ?l WHERE {{ {label_values} {entity} ?p ?l . ?l bif:contains '\"{words[0]}\"' }} LIMIT 1")
        return bool(found)
    return False
