"""Label search on a SPARQL server: the labels that may answer a text, read in a few queries.

The server sends candidates; the explorer's own index (:class:`~explorer.core.search.LabelIndex`)
ranks them exactly as it ranks a local graph's labels. So the candidates must hold every label
the local search would find: those containing the text as typed (or accent-folded), and, for a
text of several words, those containing every word in any order ("zhejiang m" finds "China
Mobile Zhejiang", as it does in a local graph).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from explorer.core.backends.endpoint_config import sparql_string
from explorer.core.backends.endpoint_links import values
from explorer.core.backends.endpoint_recent import SearchAnswer
from explorer.core.backends.endpoint_text import virtuoso_regex, virtuoso_text_query
from explorer.core.backends.terms import node_id
from explorer.core.errors import QueryError, QueryTimeout
from explorer.core.search import LabelEntry, normalize, split_words
from explorer.core.vocab import LABEL_PREDICATES

Term = Any  # a pyoxigraph term parsed from an answer
Rows = Callable[[str], list[tuple[Term, ...]]]

# Labels read per free-text lookup (the exact labels come on top).
FREE_TEXT_PAGE = 64
_EQUALS = "LCASE(STR(?l)) = {}"
_STARTS = "STRSTARTS(LCASE(STR(?l)), {})"
_CONTAINS = "CONTAINS(LCASE(STR(?l)), {})"
_ENTITY = (ox.NamedNode, ox.BlankNode)
KINDS = {p: i for i, p in enumerate(LABEL_PREDICATES)}
LABEL_VALUES = values("p", (f"<{p}>" for p in LABEL_PREDICATES))


@dataclass
class Candidates:
    """What one search read: the labels, the classes of their entities (search ranks by them),
    and the answer a next, longer keystroke may narrow instead of asking again."""

    entries: list[LabelEntry]
    types: dict[str, list[str]] = field(default_factory=dict)
    answer: SearchAnswer | None = None


class _Reading:
    """The queries of one search, and the labels they brought."""

    def __init__(self, rows: Rows, texts: Sequence[str], text_index: str | None) -> None:
        self._rows = rows
        self._texts = texts
        # Virtuoso reads its labels with REGEX a third faster than with LCASE (the same
        # answers for a text of ASCII characters).
        self._regex_tests = {_STARTS: True, _CONTAINS: False} if text_index == "virtuoso" else {}
        self.entries: dict[tuple[str, str, str], LabelEntry] = {}
        self.types: dict[str, list[str]] = {}

    def _test(self, test: str, needle: str) -> str:
        if test in self._regex_tests and needle.isascii():
            return virtuoso_regex(needle, anchored=self._regex_tests[test])
        return test.format(sparql_string(needle))

    def select(self, test: str, page: int, words: str | None = None, *, by_predicate: bool = True,
               every: Sequence[str] = ()) -> str:
        """Labels passing ``test`` for the text (typed or folded), or containing each of ``every``."""
        if every:
            condition = " && ".join(self._test(_CONTAINS, word) for word in every)
        else:
            condition = " || ".join(self._test(test, needle) for needle in self._texts)
        lookup = f". ?l bif:contains {sparql_string(words)} " if words else ""
        if not by_predicate:
            return (f"SELECT ?e ?p ?l WHERE {{ {LABEL_VALUES} ?e ?p ?l {lookup}"
                    f"FILTER(isLiteral(?l) && ({condition})) }} LIMIT {int(page)}")
        # One branch per label predicate, not a VALUES of them: Virtuoso then reads each
        # predicate's labels (or a wildcard's index postings) on its own, about twice as fast
        # at 1M; Oxigraph's server scans no slower.
        branches = " UNION ".join(
            f"{{ SELECT ?e ?p ?l WHERE {{ BIND(<{predicate}> AS ?p) ?e <{predicate}> ?l {lookup}"
            f"FILTER(isLiteral(?l) && ({condition})) }} LIMIT {int(page)} }}" for predicate in LABEL_PREDICATES)
        return f"SELECT ?e ?p ?l WHERE {{ {branches} }} LIMIT {int(page)}"

    def read(self, query: str) -> int:
        """Labels of ``query``'s answer (and the classes of their entities in the same round
        trip); how many label rows the server sent."""
        rows = self._rows(f"SELECT ?e ?p ?l ?t WHERE {{ {{ {query} }} OPTIONAL {{ ?e a ?t }} }}")
        labels: set[tuple[Term, Term, Term]] = set()
        for entity_term, predicate, value, cls in rows:
            labels.add((entity_term, predicate, value))
            if not isinstance(entity_term, _ENTITY) or not isinstance(value, ox.Literal):
                continue
            entity = node_id(entity_term)
            known = self.types.setdefault(entity, [])
            if isinstance(cls, ox.NamedNode) and cls.value not in known:
                known.append(cls.value)
            key = (entity, value.value, value.language or "")
            self.entries.setdefault(key, LabelEntry(entity, value.value, value.language or "", KINDS[predicate.value]))
        return len(labels)


def label_candidates(rows: Rows, text: str, cap: int, *, text_index: str | None,
                     last: SearchAnswer | None) -> Candidates:
    """Labels containing ``text`` (as typed, and accent-folded), prefix matches first; for a text
    of several words, then labels holding every word, in any order.

    Through the server's free-text index when it has one and the text has a word it can
    look up (see :mod:`~explorer.core.backends.endpoint_text`); else, or when the index
    finds nothing, by scanning the labels on the server.
    """
    typed = " ".join(text.lower().split())
    folded = normalize(text)
    texts = [n for n in dict.fromkeys((typed, folded)) if n]
    if not texts:
        return Candidates([])
    found = _as_typed(rows, text, typed, folded, texts, cap, text_index=text_index, last=last)
    # The index is asked for a short page; the words' own query only when the text as typed
    # did not fill it (local search ranks words in another order only then, too).
    words = list(dict.fromkeys(split_words(text)))
    if len(words) > 1 and len(found.entries) < min(cap, FREE_TEXT_PAGE):
        reading = _Reading(rows, texts, text_index)
        lookup = virtuoso_text_query(" ".join(words)) if text_index == "virtuoso" else None
        try:
            reading.read(reading.select(_CONTAINS, cap, lookup, every=words))
        except QueryTimeout:
            raise
        except QueryError:
            if lookup is None:
                raise
            reading.read(reading.select(_CONTAINS, cap, every=words))  # the index refused a word: scan
        known = {(entry.entity, entry.text, entry.language) for entry in found.entries}
        found.entries += [entry for key, entry in reading.entries.items() if key not in known]
        found.types.update(reading.types)
    return found


def _as_typed(rows: Rows, text: str, typed: str, folded: str, texts: Sequence[str], cap: int, *,
              text_index: str | None, last: SearchAnswer | None) -> Candidates:
    """Labels containing the text as typed or folded."""
    words = virtuoso_text_query(text) if text_index == "virtuoso" else None
    if last is not None and not words:
        narrowed = last.narrowed(typed, folded, cap)
        if narrowed is not None:  # a keystroke that only lengthened a text whose every label is known
            return Candidates(narrowed, answer=last)
    reading = _Reading(rows, texts, text_index)

    def every_label(rows_read: int, page: int) -> Candidates:
        """The answer of a scan that was not cut: kept for the next keystroke."""
        entries = list(reading.entries.values())
        answer = SearchAnswer(typed, folded, entries) if rows_read < page else None
        return Candidates(entries, reading.types, answer)

    # The index's cost grows with the rows it returns, not with the graph: a short page.
    page = min(cap, FREE_TEXT_PAGE)
    if words:
        whole_words = virtuoso_text_query(text + " ")
        try:
            if whole_words:
                # The word being typed as a whole word first (a few postings, where its
                # wildcard reads every word it begins: "zhong*" 5,038 labels at 1M): every
                # exact label (so that resolving a name never misses it), and a page of
                # labels that begin with the text.
                reading.read(f"SELECT ?e ?p ?l WHERE {{ "
                             f"{{ {reading.select(_EQUALS, cap, whole_words, by_predicate=False)} }} "
                             f"UNION {{ {reading.select(_STARTS, page, whole_words, by_predicate=False)} }} }}")
            if len(reading.entries) < page and words != whole_words:
                reading.read(reading.select(_STARTS, page, words))
            if len(reading.entries) < page:
                reading.read(reading.select(_CONTAINS, page, words))
        except QueryTimeout:
            raise
        except QueryError:
            # The index refused these words (Virtuoso answers HTTP 500 for some, such as its
            # noise words): scan instead; a server that is down fails the scan the same way.
            reading.entries.clear()
        if reading.entries:
            return Candidates(list(reading.entries.values()), reading.types)
        # Nothing through the index: a fragment from inside a word, found by the scan alone.
        return every_label(reading.read(reading.select(_CONTAINS, cap)), cap)
    # A text too short for the index (fewer than four letters) begins thousands of labels
    # on a server big enough to have one: a page of them, as the index gives (reading 200
    # cost Virtuoso three times 64's at 1M: it scans until the page is full).
    scanned = page if text_index == "virtuoso" else cap
    reading.read(reading.select(_STARTS, scanned))
    if len(reading.entries) < scanned:
        return every_label(reading.read(reading.select(_CONTAINS, scanned)), scanned)
    return Candidates(list(reading.entries.values()), reading.types)


__all__ = ["FREE_TEXT_PAGE", "KINDS", "LABEL_VALUES", "Candidates", "label_candidates"]
