"""Label search: prefix, substring and CJK, case- and accent-insensitive, ranked.

The index keeps every label normalised (NFKD without combining marks, case-folded,
full-width forms folded) in one string joined by newlines, so a substring search is a
single C-level scan (``str.find``) instead of a Python loop over a million labels, and a
sorted copy of the normalised labels for prefix search by bisection.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


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
    quality: int = 3  # 0 exact label, 1 label prefix, 2 word prefix, 3 substring


# Match qualities, best first.
_EXACT, _PREFIX, _WORD_PREFIX, _SUBSTRING = 0, 1, 2, 3


class LabelIndex:
    """An in-memory index over the labels of a graph."""

    def __init__(self, entries: Iterable[LabelEntry] = ()) -> None:
        self._entries: list[LabelEntry] = []
        normalised: list[str] = []
        for entry in entries:
            folded = normalize(entry.text).replace("\n", " ")
            if not folded:
                continue
            self._entries.append(entry)
            normalised.append(folded)
        self._normalised = normalised
        self._joined = "\n".join(normalised)
        # Start offset of each label in the joined string: maps a find() hit to its label.
        self._offsets: list[int] = []
        position = 0
        for folded in normalised:
            self._offsets.append(position)
            position += len(folded) + 1
        order = sorted(range(len(normalised)), key=normalised.__getitem__)
        self._sorted_keys = [normalised[i] for i in order]
        self._sorted_ids = order

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, limit: int = 20, scan_cap: int = 20000) -> list[SearchHit]:
        """Entities whose labels match ``text``, best first, one hit per entity.

        Ranking: exact label, then label prefix, then a word of the label starting with the
        text, then any substring; within each, preferred labels before aliases and short
        labels before long ones.
        """
        query = normalize(text)
        if not query or limit <= 0:
            return []
        candidates: dict[int, int] = {}

        # Prefix matches come from the sorted keys: cheap even for one-letter queries.
        start = bisect.bisect_left(self._sorted_keys, query)
        for position in range(start, min(start + scan_cap, len(self._sorted_keys))):
            key = self._sorted_keys[position]
            if not key.startswith(query):
                break
            label_id = self._sorted_ids[position]
            candidates[label_id] = _EXACT if key == query else _PREFIX

        # Substring matches: one scan of the joined labels.
        joined, offsets = self._joined, self._offsets
        found = joined.find(query)
        scanned = 0
        while found != -1 and scanned < scan_cap:
            label_id = bisect.bisect_right(offsets, found) - 1
            if label_id not in candidates:
                label_start = offsets[label_id]
                at_word = found == label_start or not joined[found - 1].isalnum()
                candidates[label_id] = _WORD_PREFIX if at_word else _SUBSTRING
            scanned += 1
            # Continue after this label: one hit per label is enough.
            next_start = offsets[label_id + 1] if label_id + 1 < len(offsets) else len(joined)
            found = joined.find(query, max(found + 1, next_start))

        best: dict[str, tuple[tuple[int, int, int, str], SearchHit]] = {}
        for label_id, quality in candidates.items():
            entry = self._entries[label_id]
            length = len(self._normalised[label_id])
            rank = (quality, entry.kind, length, entry.text)
            score = round(1.0 - quality * 0.25 - min(length, 200) / 1000.0 - entry.kind * 0.01, 4)
            current = best.get(entry.entity)
            if current is None or rank < current[0]:
                best[entry.entity] = (rank, SearchHit(entry.entity, entry.text, score, quality))
        ranked = sorted(best.values(), key=lambda item: (item[0], item[1].entity))
        return [hit for _, hit in ranked[:limit]]

    def exact(self, text: str) -> list[str]:
        """Entities with a label equal to ``text`` (after normalisation), in index order."""
        query = normalize(text)
        start = bisect.bisect_left(self._sorted_keys, query)
        found: list[str] = []
        for position in range(start, len(self._sorted_keys)):
            if self._sorted_keys[position] != query:
                break
            entity = self._entries[self._sorted_ids[position]].entity
            if entity not in found:
                found.append(entity)
        return found
