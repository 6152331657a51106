"""Whole-column operations done a piece at a time, so a worker lets the GUI thread in between.

The interpreter lock changes hands only between bytecodes: one C call over a column of 1.2
million labels (a ten-million-triple workspace) — ``"\\n".join``, ``np.asarray`` of a list,
``np.fromiter(map(len, …))`` — holds it throughout, 50–110 ms each on a loaded machine, and
the window's event loop waits that long. Here each call covers :data:`PIECE` items (a few
milliseconds), with a bytecode boundary between pieces. The results are the same as the
whole-column calls.

>>> joined("\\n", ["a", "b", "c"], piece=2), encoded_joined("\\n", ["a", "中"], piece=1)
('a\\nb\\nc', b'a\\n\\xe4\\xb8\\xad')
>>> int_array([3, 1, 2], piece=2).tolist(), lengths(["ab", "中"], utf8=True, piece=1).tolist()
([3, 1, 2], [2, 3])
>>> column = list(range(5)); release(column); column
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Items handled by one C call: a few milliseconds of work.
PIECE = 1 << 16


def _size(piece: int | None) -> int:
    return max(piece if piece is not None else PIECE, 1)


def joined(separator: str, strings: Sequence[str], *, piece: int | None = None) -> str:
    """``separator.join(strings)``."""
    piece = _size(piece)
    if len(strings) <= piece:
        return separator.join(strings)
    parts = [separator.join(strings[start:start + piece]) for start in range(0, len(strings), piece)]
    # The last join copies a few dozen long strings: one memory copy of the result.
    return separator.join(parts)


def encoded_joined(separator: str, strings: Sequence[str], *, piece: int | None = None) -> bytes:
    """``separator.join(strings).encode("utf-8")``, encoded piece by piece (a long text of
    Chinese labels takes longer to encode than to copy)."""
    piece = _size(piece)
    if len(strings) <= piece:
        return separator.join(strings).encode("utf-8")
    parts = [separator.join(strings[start:start + piece]).encode("utf-8") for start in range(0, len(strings), piece)]
    return separator.encode("utf-8").join(parts)


def int_array(values: Sequence[int] | np.ndarray, dtype: Any = "int64", *, piece: int | None = None) -> np.ndarray:
    """``np.asarray(values, dtype)``: a list of Python integers converted a piece at a time."""
    import numpy as np

    piece = _size(piece)
    if isinstance(values, np.ndarray) or len(values) <= piece:
        return np.asarray(values, dtype=dtype)
    out = np.empty(len(values), dtype=dtype)
    for start in range(0, len(values), piece):
        out[start:start + piece] = values[start:start + piece]
    return out


def lengths(strings: Sequence[str], *, utf8: bool = False, piece: int | None = None) -> np.ndarray:
    """The length of each string (in UTF-8 bytes with ``utf8``), as int64."""
    import numpy as np

    piece = _size(piece)
    out = np.empty(len(strings), dtype=np.int64)
    for start in range(0, len(strings), piece):
        part = strings[start:start + piece]
        counted = map(len, part) if not utf8 else (len(text.encode("utf-8")) for text in part)
        out[start:start + len(part)] = np.fromiter(counted, dtype=np.int64, count=len(part))
    return out


def release(items: list[Any], *, piece: int | None = None) -> None:
    """Empty ``items`` from the end, a piece at a time: the last reference to a list of a
    million objects frees them all in one call otherwise."""
    piece = _size(piece)
    while items:
        del items[-piece:]


__all__ = ["PIECE", "encoded_joined", "int_array", "joined", "lengths", "release"]
