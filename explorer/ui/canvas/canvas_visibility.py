"""Visibility flags kept twice: as a dict by id and as one numpy array, so arrays of rows can be masked at once.

The edge tiles and the label layer draw from numpy arrays of their edges. Asking the dict
for each edge's flag on every rebuild (a thousand edges a tile, 100,000 for the labels)
cost more than the drawing; with each id's row fixed here, they take ``array[rows]``.

Edges carry a second flag, *drawable* (every filter applied except the link-type filter):
the edge tiles are split by link type and draw what is drawable, so hiding a link type
only hides its layers, and its edges' shown flags are set in bulk (:meth:`EdgeVisibility.assign_shown`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class VisibilityFlags(dict[str, bool]):
    """``id → visible``, mirrored in :attr:`array` at the row :meth:`rows` gives for each id (fixed for good)."""

    def __init__(self, items: Iterable[tuple[str, bool]] | dict[str, bool] = ()) -> None:
        super().__init__(items)
        self._row_of: dict[str, int] = {key: row for row, key in enumerate(self)}
        #: The id of each row (rows of removed ids keep their id: their flags stay False).
        self.keys_by_row: list[str] = list(self._row_of)
        self._array = np.zeros(max(len(self) * 2, 64), dtype=bool)
        self._array[:len(self)] = np.fromiter(self.values(), dtype=bool, count=len(self))

    @property
    def array(self) -> np.ndarray:
        """Every row's flag (rows of ids removed since stay False)."""
        return self._array[:len(self._row_of)]

    def _row(self, key: str) -> int:
        row = self._row_of.get(key)
        if row is None:
            row = self._row_of[key] = len(self._row_of)
            self.keys_by_row.append(key)
            if row >= len(self._array):
                self._array = np.concatenate([self._array, np.zeros(len(self._array), dtype=bool)])
                self._grown()
        return row

    def _grown(self) -> None:
        """The array doubled (subclasses keeping more arrays by row grow them too)."""

    def rows(self, keys: Iterable[str]) -> np.ndarray:
        """The rows of ``keys`` in :attr:`array` (an id not seen yet gets a row, False)."""
        keys = list(keys)
        row_of = self._row_of
        try:  # every key already has its row (the usual case): plain lookups
            return np.fromiter((row_of[key] for key in keys), dtype=np.intp, count=len(keys))
        except KeyError:
            row = self._row
            return np.fromiter((row(key) for key in keys), dtype=np.intp, count=len(keys))

    def known_rows(self, keys: Iterable[str]) -> np.ndarray:
        """The rows of those of ``keys`` that have one (others, such as node ids, are skipped; no row is made)."""
        row_of = self._row_of
        found = [row_of[key] for key in keys if key in row_of]
        return np.array(found, dtype=np.intp)

    def __setitem__(self, key: str, value: bool) -> None:
        super().__setitem__(key, value)
        row = self._row(key)  # first: a new row may grow the array, and the store must go to the new one
        self._array[row] = value

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._array[self._row_of[key]] = False

    def pop(self, key: str, *default: object) -> object:  # type: ignore[override]
        if key in self._row_of:
            self._array[self._row_of[key]] = False
        return super().pop(key, *default)

    def update(self, *args: object, **kwargs: bool) -> None:  # type: ignore[override]
        for key, value in dict(*args, **kwargs).items():  # type: ignore[call-overload]
            self[key] = value


class EdgeVisibility(VisibilityFlags):
    """Edges' *shown* flags (the dict and :attr:`array`) and their *drawable* flags (:attr:`drawable`), by the same rows.

    Drawable: not hidden and both ends shown. Shown: drawable and its link type not filtered out.
    """

    def __init__(self, items: Iterable[tuple[str, bool, bool]] = ()) -> None:
        rows = list(items)
        super().__init__((key, shown) for key, shown, _ in rows)
        self._drawable = np.zeros(len(self._array), dtype=bool)
        self._drawable[:len(rows)] = np.fromiter((drawable for _, _, drawable in rows), dtype=bool, count=len(rows))

    def _grown(self) -> None:
        self._drawable = np.concatenate([self._drawable, np.zeros(len(self._array) - len(self._drawable), dtype=bool)])

    @property
    def drawable(self) -> np.ndarray:
        """Every row's drawable flag (rows of removed ids stay False)."""
        return self._drawable[:len(self._row_of)]

    def set(self, key: str, shown: bool, drawable: bool) -> bool:
        """Set both flags of ``key``; True when its drawable flag changed (its tile must be drawn again)."""
        self[key] = shown
        row = self._row_of[key]
        changed = bool(self._drawable[row]) != drawable
        self._drawable[row] = drawable
        return changed

    def assign_shown(self, keys: list[str], rows: np.ndarray, shown: np.ndarray) -> None:
        """Set the shown flags of many ids at once (``rows`` are theirs, from :meth:`rows`)."""
        dict.update(self, zip(keys, shown.tolist(), strict=True))
        self._array[rows] = shown

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._drawable[self._row_of[key]] = False

    def pop(self, key: str, *default: object) -> object:  # type: ignore[override]
        if key in self._row_of:
            self._drawable[self._row_of[key]] = False
        return super().pop(key, *default)


__all__ = ["EdgeVisibility", "VisibilityFlags"]
