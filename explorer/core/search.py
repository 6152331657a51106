"""Label search: prefix, substring and CJK, case- and accent-insensitive, ranked.

The index keeps every label normalised (NFKD without combining marks, case-folded,
full-width forms folded) in one string joined by newlines, so a substring search is a
single C-level scan (``str.find``) instead of a Python loop over a million labels, and a
sorted copy of the normalised labels for prefix search by bisection.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from explorer.core import pieces

if TYPE_CHECKING:
    from explorer.core.packed import PackedStrings


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Fold case, accents and width so that 'Zhèjiang', 'ZHEJIANG' and 'zhejiang' meet.

    >>> normalize("Zhèjiang  PROVINCE")
    'zhejiang province'
    >>> normalize("中国移动")
    '中国移动'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKC", stripped).casefold().split())


_ASCII_AND_HAN = re.compile("[\u0000-\u007f\u3400-\u4dbf\u4e00-\u9fff]*")


def fold(text: str) -> str:
    """:func:`normalize` with a fast path for ASCII text, and newlines folded to spaces.

    >>> fold("China  MOBILE")
    'china mobile'
    """
    if text.isascii() or _ASCII_AND_HAN.fullmatch(text):
        # Han ideographs have no case, no accents and no compatibility forms: the same
        # result as normalize() without its three passes (a third of a large graph's labels).
        return " ".join(text.lower().split())
    return normalize(text).replace("\n", " ")


_CASE_CHANGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[\s_\-]+")


def split_words(text: str) -> list[str]:
    """The words of ``text``, split at spaces, underscores, hyphens and case changes, folded.

    >>> split_words("ChinaMobile")
    ['china', 'mobile']
    >>> split_words("mobile  china")
    ['mobile', 'china']
    >>> split_words("HTTPServer_hub")
    ['http', 'server', 'hub']
    """
    return [fold(word) for word in _CASE_CHANGE.split(text) if fold(word)]


@dataclass(frozen=True)
class LabelEntry:
    """One label of one entity as it went into the index."""

    entity: str
    text: str
    language: str
    kind: int  # 0 preferred label, 1 rdfs:label, 2 alternative label


@dataclass(frozen=True)
class SearchHit:
    """A ranked match: the entity, the label that matched and how well."""

    entity: str
    matched: str
    score: float
    quality: int = 3  # 0 exact label, 1 label prefix, 2 word prefix, 3 substring,
    # 4 the label's very words in another order or spelling, 5 every word starts a word of the label,
    # 6 a near spelling (the query has a typo)


# Match qualities, best first.
_EXACT, _PREFIX, _WORD_PREFIX, _SUBSTRING, _SAME_WORDS, _WORDS, _NEAR = 0, 1, 2, 3, 4, 5, 6
#: The quality of a near spelling: offered in search, never taken by itself as the entity meant.
TYPO_QUALITY = _NEAR
#: How alike (0–100, rapidfuzz's edit-distance ratio) a label must be to a mistyped query to be offered.
NEAR_SCORE = 80


#: Labels sorted by one call at most: a single sorted() holds the interpreter lock throughout.
SORT_CHUNK = 8192


def _sorted_ids(keys: list[str]) -> list[int]:
    """Positions of ``keys`` in sorted order (stable), without one long uninterruptible call.

    The index is built in a worker while the window keeps drawing; one ``sorted()`` over a
    million-triple graph's labels holds the interpreter lock for ~0.1 s and the window
    stalls. Sorting runs of :data:`SORT_CHUNK` and merging them in Python lets the GUI
    thread in every few milliseconds, for about as much work again.

    >>> _sorted_ids(["b", "a", "c", "a"])
    [1, 3, 0, 2]
    """
    count = len(keys)
    if count <= SORT_CHUNK:
        return sorted(range(count), key=keys.__getitem__)
    runs = [sorted(range(start, min(start + SORT_CHUNK, count)), key=keys.__getitem__)
            for start in range(0, count, SORT_CHUNK)]
    # heapq.merge keeps equal keys in run order, so the result is as stable as one sort.
    return list(heapq.merge(*runs, key=keys.__getitem__))


class LabelTable:
    """Every label of each entity, read from a :class:`LabelIndex`'s columns when asked.

    A dictionary of dictionaries per entity cost a few hundred thousand small objects at a
    million triples (0.1–0.9 s to build, tens of megabytes); here each label row only
    points to the previous row of the same entity.
    """

    _texts: Sequence[str]
    _languages: Sequence[str]
    _kinds: Sequence[int]

    def __init__(self, index: LabelIndex) -> None:
        entities, self._texts, self._languages, self._kinds, _ = index.raw_columns()
        last: dict[str, int] = {}
        previous = [-1] * len(entities)
        for row, entity in enumerate(entities):
            previous[row] = last.get(entity, -1)
            last[entity] = row
        self._last_row = last
        self._previous_row: Any = previous

    @classmethod
    def from_saved(cls, index: LabelIndex, names: Sequence[str], last_rows: Any, previous_rows: Any) -> LabelTable:
        """A table read back from disk: ``names`` are the entities, sorted, ``last_rows`` the last
        label row of each; entities are found by bisection (no dictionary of a million names
        to build when a workspace reopens) and remembered once asked for."""
        table = cls.__new__(cls)
        _, table._texts, table._languages, table._kinds, _ = index.raw_columns()
        table._last_row = {}
        table._previous_row = previous_rows
        table._names, table._last_rows = names, last_rows
        return table

    _names: Sequence[str] | None = None
    _last_rows: Any = None
    #: Lookups by bisection remembered, up to this many entities.
    REMEMBERED = 200_000

    def saved_form(self, entities: Sequence[str]) -> tuple[Sequence[str], Any, Any, Any]:
        """(entity names sorted, the last row of each, the previous row of every row, each row's
        position among the names): what :meth:`from_saved` takes back. ``entities`` is the
        index's entity column."""
        import numpy as np

        if self._names is not None:
            codes = getattr(entities, "codes", None)
            if codes is not None:
                return self._names, self._last_rows, self._previous_row, codes
            names: Sequence[str] = self._names
        else:
            distinct = list(self._last_row)
            names = [distinct[i] for i in _sorted_ids(distinct)]
        position = {name: place for place, name in enumerate(names)}
        codes = np.fromiter((position[entity] for entity in entities), dtype=np.int64, count=len(entities))
        last = np.fromiter((self._last_of(name) for name in names), dtype=np.int64, count=len(names))
        return names, last, pieces.int_array(self._previous_row), codes

    def _last_of(self, entity: str) -> int:
        row = self._last_row.get(entity)
        if row is not None:
            return row
        names = self._names
        if names is None:
            return -1
        place = bisect.bisect_left(names, entity)
        row = int(self._last_rows[place]) if place < len(names) and names[place] == entity else -1
        if len(self._last_row) >= self.REMEMBERED:
            self._last_row.clear()
        self._last_row[entity] = row
        return row

    def __contains__(self, entity: object) -> bool:
        return isinstance(entity, str) and self._last_of(entity) >= 0

    def get(self, entity: str, default: Any = None) -> Any:
        """``{language: [(kind, text), …]}`` in the order the labels were indexed, or ``default``."""
        row = self._last_of(entity)
        if row < 0:
            return default
        rows = []
        while row >= 0:
            rows.append(row)
            row = int(self._previous_row[row])
        found: dict[str, list[tuple[int, str]]] = {}
        for row in reversed(rows):
            found.setdefault(self._languages[row], []).append((self._kinds[row], self._texts[row]))
        return found


class LabelIndex:
    """An in-memory index over the labels of a graph, kept as parallel columns.

    Columns instead of one object per label: at a million triples the graph has
    hundreds of thousands of labels, and building, pickling (workspace cache) and
    scanning plain lists is several times faster than objects.
    """

    _entity_of: Sequence[str]
    _text_of: Sequence[str]
    _language_of: Sequence[str]
    _kind_of: list[int]
    _normalised: Sequence[str]
    #: The normalised labels joined by newlines: text, or UTF-8 bytes when read back from disk.
    _joined: str | bytes
    _sorted_keys: Sequence[str]
    _table: LabelTable | None

    def __init__(self, entries: Iterable[LabelEntry] = ()) -> None:
        items = list(entries)
        self._set_columns([e.entity for e in items], [e.text for e in items], [e.language for e in items],
                          [e.kind for e in items], None)

    @classmethod
    def from_columns(cls, entities: list[str], texts: list[str], languages: list[str], kinds: list[int],
                     normalised: list[str] | None = None) -> LabelIndex:
        """An index from parallel lists (one item per label); ``normalised`` skips re-folding."""
        index = cls.__new__(cls)
        index._set_columns(entities, texts, languages, kinds, normalised)
        return index

    @classmethod
    def from_saved(cls, entities: Sequence[str], texts: Sequence[str], languages: Sequence[str], kinds: list[int],
                   normalised: PackedStrings, sorted_ids: Any, rank: Any) -> LabelIndex:
        """An index read back by :mod:`explorer.core.label_store`: its columns stay packed."""
        from explorer.core.packed import SortedKeys

        index = cls.__new__(cls)
        index._entity_of, index._text_of, index._language_of, index._kind_of = entities, texts, languages, kinds
        index._normalised = normalised
        index._joined = normalised.data if isinstance(normalised.data, bytes) else bytes(normalised.data)
        index._offsets = normalised.starts[:-1]
        index._sorted_ids, index._rank = sorted_ids, rank
        index._sorted_keys = SortedKeys(normalised, sorted_ids)
        return index

    def columns(self) -> tuple[list[str], list[str], list[str], list[int], list[str]]:
        """(entities, texts, languages, kinds, normalised): what :meth:`from_columns` takes back."""
        return (list(self._entity_of), list(self._text_of), list(self._language_of), list(self._kind_of),
                list(self._normalised))

    def raw_columns(self) -> tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[int], Sequence[str]]:
        """:meth:`columns` as they are kept (lists, or packed when read back from disk)."""
        return self._entity_of, self._text_of, self._language_of, self._kind_of, self._normalised

    def table(self) -> LabelTable:
        """Every label of each entity (made once per index)."""
        table: LabelTable | None = getattr(self, "_table", None)
        if table is None:
            table = self._table = LabelTable(self)
        return table

    def adopt_table(self, table: LabelTable) -> None:
        self._table = table

    def _needle(self, query: str) -> str | bytes:
        """``query`` as the joined labels are kept: text, or UTF-8 when read back packed."""
        return query if isinstance(self._joined, str) else query.encode("utf-8")

    def _starts_word(self, found: int, label_start: int) -> bool:
        """Whether the match at ``found`` begins a word of the label that starts at ``label_start``."""
        if found == label_start:
            return True
        joined = self._joined
        if isinstance(joined, str):
            return not joined[found - 1].isalnum()
        before = joined[found - 1]
        if before < 0x80:
            return not chr(before).isalnum()
        return not joined[label_start:found].decode("utf-8")[-1].isalnum()

    def _set_columns(self, entities: list[str], texts: list[str], languages: list[str], kinds: list[int],
                     normalised: list[str] | None) -> None:
        import numpy as np

        self._table = None

        if normalised is None:
            folded_all = [fold(text) for text in texts]
            keep = [i for i, folded in enumerate(folded_all) if folded]
            if len(keep) != len(texts):
                entities, texts = [entities[i] for i in keep], [texts[i] for i in keep]
                languages, kinds = [languages[i] for i in keep], [kinds[i] for i in keep]
                folded_all = [folded_all[i] for i in keep]
            normalised = folded_all
        self._entity_of, self._text_of, self._language_of, self._kind_of = entities, texts, languages, kinds
        self._normalised = normalised
        # Built in a worker while the window draws: whole-column calls go a piece at a time.
        self._joined = pieces.joined("\n", normalised)
        # Start offset of each label in the joined string: maps a find() hit to its label.
        lengths = pieces.lengths(normalised)
        offsets = np.zeros(len(normalised), dtype=np.int64)
        if len(normalised) > 1:
            np.cumsum(lengths[:-1] + 1, out=offsets[1:])
        self._offsets = offsets
        order = _sorted_ids(normalised)
        self._sorted_keys = [normalised[i] for i in order]
        self._sorted_ids = pieces.int_array(order)
        pieces.release(order)
        # Order of labels within one match quality, as one number: kind, then length (text
        # and entity break ties when the page is sorted), so the best prefix hits are a
        # partial sort away.
        self._rank = pieces.int_array(kinds) * (1 << 20) + np.minimum(lengths, (1 << 20) - 1)

    def __len__(self) -> int:
        return len(self._entity_of)

    def search(self, text: str, limit: int = 20, scan_cap: int = 20000) -> list[SearchHit]:
        """Entities whose labels match ``text``, best first, one hit per entity.

        Ranking: exact label, then label prefix, then a word of the label starting with the
        text, then any substring; within each, preferred labels before aliases and short
        labels before long ones.
        """
        import numpy as np

        query = fold(text)
        if not query or limit <= 0:
            return []
        candidates: dict[int, int] = {}

        # Exact and prefix matches are one contiguous run of the sorted keys.
        keys = self._sorted_keys
        start = bisect.bisect_left(keys, query)
        position = start
        while position < len(keys) and keys[position] == query:
            candidates[int(self._sorted_ids[position])] = _EXACT
            position += 1
        end = bisect.bisect_left(keys, query + "\U0010ffff", lo=position)
        if end > position:
            # Only the best-ranked prefix labels can make the page: a partial sort finds
            # them in milliseconds even when a one-letter query matches every other label.
            ids = self._sorted_ids[position:end]
            want = limit * 4
            while True:
                if len(ids) > want:
                    # Ties of kind and length go by folded text (the run is sorted by it);
                    # the page itself is then sorted by the labels as written.
                    order_keys = self._rank[ids] * (1 << 40) + np.arange(len(ids), dtype=np.int64)
                    best = ids[np.argpartition(order_keys, want)[:want]]
                else:
                    best = ids
                entities = {self._entity_of[int(i)] for i in best}
                entities.update(self._entity_of[i] for i in candidates)
                if len(entities) >= limit or len(best) == len(ids):
                    break
                want *= 4
            for label_id in best.tolist():
                candidates.setdefault(label_id, _PREFIX)

        distinct = {self._entity_of[i] for i in candidates}
        if len(distinct) < limit:
            self._substring_candidates(query, candidates, scan_cap)

        entity_of, kind_of, text_of, normalised = self._entity_of, self._kind_of, self._text_of, self._normalised
        # The best label of each entity by rank; hits are made for the page only (a one-letter
        # query has hundreds of candidates, and a hit object each was most of the time).
        best_rank: dict[str, tuple[int, int, int, str, str, int]] = {}
        for label_id, quality in candidates.items():
            entity = entity_of[label_id]
            rank = (quality, kind_of[label_id], len(normalised[label_id]), text_of[label_id], entity, label_id)
            current = best_rank.get(entity)
            if current is None or rank < current:
                best_rank[entity] = rank
        page = heapq.nsmallest(limit, best_rank.values()) if len(best_rank) > limit else sorted(best_rank.values())
        return [SearchHit(entity, label, round(1.0 - quality * 0.25 - min(length, 200) / 1000.0 - kind * 0.01, 4), quality)
                for quality, kind, length, label, entity, _ in page]

    def _substring_candidates(self, query: str, candidates: dict[int, int], scan_cap: int) -> None:
        """Word-prefix and substring matches: one C-level scan of the joined labels."""
        joined, offsets, needle = self._joined, self._offsets, self._needle(query)
        total = len(offsets)
        found = joined.find(needle)  # type: ignore[arg-type]
        scanned = 0
        while found != -1 and scanned < scan_cap:
            label_id = int(offsets.searchsorted(found, side="right")) - 1
            next_start = int(offsets[label_id + 1]) if label_id + 1 < total else len(joined)
            if label_id not in candidates:
                label_start = int(offsets[label_id])
                # The first hit may sit inside a word ("jiang a" for "a") while a later one starts a word.
                at = found
                while at != -1 and not self._starts_word(at, label_start):
                    at = joined.find(needle, at + 1, next_start)  # type: ignore[arg-type]
                candidates[label_id] = _WORD_PREFIX if at != -1 else _SUBSTRING
            scanned += 1
            # Continue after this label: one hit per label is enough.
            found = joined.find(needle, max(found + 1, next_start))  # type: ignore[arg-type]

    def search_words(self, words: list[str], limit: int = 20, scan_cap: int = 20000) -> list[SearchHit]:
        """Entities with a label in which every word of ``words`` starts a word, in any order.

        Ranked after the matches of :meth:`search`: a label made of exactly these words
        (quality 4: "mobile china", "ChinaMobile" for "China Mobile") before a label that
        has more (quality 5); then preferred labels first, then short ones.
        """
        words = [word for word in words if word]
        if not words or limit <= 0:
            return []
        # Scan for the longest word (the rarest, usually); check the others per label.
        anchor = max(words, key=len)
        joined, offsets, normalised = self._joined, self._offsets, self._normalised
        needle = self._needle(anchor)
        total = len(offsets)
        best: dict[str, tuple[tuple[int, int, int, str], SearchHit]] = {}
        found, scanned = joined.find(needle), 0  # type: ignore[arg-type]
        while found != -1 and scanned < scan_cap:
            label_id = int(offsets.searchsorted(found, side="right")) - 1
            label_words = normalised[label_id].split()
            if all(any(w.startswith(word) for w in label_words) for word in words):
                entity, kind, label = self._entity_of[label_id], self._kind_of[label_id], self._text_of[label_id]
                quality = _SAME_WORDS if sorted(label_words) == sorted(words) else _WORDS
                rank = (quality, kind, len(normalised[label_id]), label)
                if entity not in best or rank < best[entity][0]:
                    score = round(1.0 - quality * 0.25 - min(len(label), 200) / 1000.0 - kind * 0.01, 4)
                    best[entity] = (rank, SearchHit(entity, label, score, quality))
            scanned += 1
            next_start = int(offsets[label_id + 1]) if label_id + 1 < total else len(joined)
            found = joined.find(needle, max(found + 1, next_start))  # type: ignore[arg-type]
        ranked = sorted(best.values(), key=lambda item: (item[0], item[1].entity))
        return [hit for _, hit in ranked[:limit]]

    def search_near(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Labels spelt nearly as ``text`` ("zhejaing", "hospitl partners"), for when nothing matches
        as typed: rapidfuzz's edit-distance ratio of the whole label, in compiled code. A whole-label
        ratio, not a partial one: "no such thing at all" must not find "all 5G phone shipments"."""
        from rapidfuzz import fuzz, process

        query = fold(text)
        if not query or limit <= 0 or not self._normalised:
            return []
        labels = self._normalised if isinstance(self._normalised, list) else self._normalised_list()
        found = process.extract(query, labels, scorer=fuzz.ratio, score_cutoff=NEAR_SCORE, limit=limit * 4)
        best: dict[str, SearchHit] = {}
        for _, similarity, label_id in sorted(found, key=lambda item: (-item[1], self._kind_of[item[2]], item[2])):
            entity = self._entity_of[label_id]
            if entity not in best:
                best[entity] = SearchHit(entity, self._text_of[label_id], round(similarity / 100.0 * 0.25, 4), _NEAR)
        return list(best.values())[:limit]

    def _normalised_list(self) -> list[str]:
        """The packed labels as a list, made the first time a near spelling is looked for."""
        listed: list[str] | None = getattr(self, "_listed", None)
        if listed is None:
            joined = self._joined
            text = joined if isinstance(joined, str) else joined.decode("utf-8")
            listed = self._listed = text.split("\n") if len(self) else []
        return listed

    def exact(self, text: str) -> list[str]:
        """Entities with a label equal to ``text`` (after normalisation), in index order."""
        query = fold(text)
        start = bisect.bisect_left(self._sorted_keys, query)
        found: list[str] = []
        for position in range(start, len(self._sorted_keys)):
            if self._sorted_keys[position] != query:
                break
            entity = self._entity_of[int(self._sorted_ids[position])]
            if entity not in found:
                found.append(entity)
        return found
