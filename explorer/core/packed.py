"""Columns of strings kept as UTF-8 bytes, each item decoded when read (see
:mod:`explorer.core.label_store`, which reads a saved label index back into them)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from explorer.core import pieces


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 ``bytes`` object; ``starts[i]`` is where item ``i`` begins and
    ``starts[-1]`` is the end, plus ``gap`` (the length of a separator between items).

    >>> packed = PackedStrings.pack(["zhejiang", "中国"], "\\n")
    >>> packed[1], len(packed), packed.data
    ('中国', 2, b'zhejiang\\n\\xe4\\xb8\\xad\\xe5\\x9b\\xbd')
    """

    __slots__ = ("data", "gap", "starts")

    def __init__(self, data: bytes | memoryview, starts: np.ndarray, gap: int = 0) -> None:
        self.data, self.starts, self.gap = data, starts, gap

    @classmethod
    def pack(cls, strings: Sequence[str], separator: str = "") -> PackedStrings:
        # Saved from a worker while the window draws: whole-column calls go a piece at a time.
        data = pieces.encoded_joined(separator, strings)
        lengths = pieces.lengths(strings, utf8=not data.isascii())
        starts = np.zeros(len(strings) + 1, dtype=np.int64)
        np.cumsum(lengths + len(separator), out=starts[1:])
        return cls(data, starts, len(separator))

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        starts = self.starts
        return str(self.data[starts[index]:starts[index + 1] - self.gap], "utf-8")

    def __iter__(self) -> Iterator[str]:
        for index in range(len(self)):
            yield self[index]

    def tolist(self) -> list[str]:
        return list(self)


class SortedKeys(Sequence[str]):
    """``keys`` in the order ``order`` gives, read when asked (for bisection)."""

    __slots__ = ("keys", "order")

    def __init__(self, keys: Sequence[str], order: np.ndarray) -> None:
        self.keys, self.order = keys, order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.keys[self.order[index]]


class CodedStrings(Sequence[str]):
    """A column of repeated strings: each item a position among ``names``."""

    __slots__ = ("codes", "names")

    def __init__(self, names: Sequence[str], codes: np.ndarray) -> None:
        self.names, self.codes = names, codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.names[self.codes[index]]


__all__ = ["CodedStrings", "PackedStrings", "SortedKeys"]
