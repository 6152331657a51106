"""Visibility flags kept twice: as a dict by id and as one numpy array, so arrays of rows can be masked at once.

The edge tiles and the label layer draw from numpy arrays of their edges. Asking the dict
for each edge's flag on every rebuild (a thousand edges a tile, 100,000 for the labels)
cost more than the drawing; with each id's row fixed here, they take ``array[rows]``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class VisibilityFlags(dict[str, bool]):
    """``id → visible``, mirrored in :attr:`array` at the row :meth:`rows` gives for each id (fixed for good)."""

    def __init__(self, items: Iterable[tuple[str, bool]] | dict[str, bool] = ()) -> None:
        super().__init__(items)
        self._row_of: dict[str, int] = {key: row for row, key in enumerate(self)}
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
            if row >= len(self._array):
                self._array = np.concatenate([self._array, np.zeros(len(self._array), dtype=bool)])
        return row

    def rows(self, keys: Iterable[str]) -> np.ndarray:
        """The rows of ``keys`` in :attr:`array` (an id not seen yet gets a row, False)."""
        keys = list(keys)
        row_of = self._row_of
        try:  # every key already has its row (the usual case): plain lookups
            return np.fromiter((row_of[key] for key in keys), dtype=np.intp, count=len(keys))
        except KeyError:
            row = self._row
            return np.fromiter((row(key) for key in keys), dtype=np.intp, count=len(keys))

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


__all__ = ["VisibilityFlags"]
