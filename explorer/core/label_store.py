"""A label index kept on disk and read back as it was saved, not rebuilt.

A workspace of ten million triples has about 1.2 million labels. Saved as separator-joined
text and read back into lists of Python strings, reopening it took 3–5 s (decoding and
splitting every column, a sorted copy of the keys, the entity table rebuilt label by label)
and held the interpreter lock long enough to stall the window. Here every column of strings
stays one UTF-8 ``bytes`` object with the start of each item (:class:`PackedStrings`), each
item decoded only when it is read; substring search scans the packed labels as bytes (a
UTF-8 match of a whole query always starts and ends on character boundaries); the entity
table's links between rows are saved too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from explorer.core import pieces
from explorer.core.packed import CodedStrings, PackedStrings
from explorer.core.search import LabelIndex, LabelTable

#: Saved index files of another layout are not read (they are rebuilt and saved again).
FORMAT_VERSION = 2


def _packed(strings: Sequence[str], separator: str = "") -> PackedStrings:
    return strings if isinstance(strings, PackedStrings) and strings.gap == len(separator) \
        else PackedStrings.pack(list(strings), separator)


_MAGIC = b"KGX-LABELS\n"
_ALIGN = 64


def save_index(index: LabelIndex, path: Path, fingerprint: str) -> None:
    """Write ``index`` (and its entity table) to ``path``: a short JSON header naming each
    array's type, place and length, then the arrays as they lie in memory (no pickle)."""
    from explorer.core.atomic import atomic_open

    entities, texts, languages, kinds, normalised = index.raw_columns()
    names, last_rows, previous_rows, codes = index.table().saved_form(entities)
    arrays: dict[str, np.ndarray] = {
        "kinds": pieces.int_array(kinds, np.int8), "sorted_ids": np.asarray(index._sorted_ids, dtype=np.int64),
        "rank": np.asarray(index._rank, dtype=np.int64), "entity_codes": np.asarray(codes, dtype=np.int64),
        "table_last": np.asarray(last_rows, dtype=np.int64), "table_previous": np.asarray(previous_rows, dtype=np.int64),
    }
    columns = {"texts": _packed(texts), "languages": _packed(languages), "normalised": _packed(normalised, "\n"),
               "names": _packed(names)}
    for name, packed in columns.items():
        arrays[f"{name}_data"] = np.frombuffer(packed.data, dtype=np.uint8)
        arrays[f"{name}_starts"] = np.asarray(packed.starts, dtype=np.int64)
    for name, array in arrays.items():
        if array.dtype == np.int64 and (not len(array) or int(array.max()) < 2**31 - 1):
            arrays[name] = array.astype(np.int32)  # half the bytes to read back
    layout: dict[str, list[Any]] = {}
    offset = 0
    for name, array in arrays.items():
        layout[name] = [array.dtype.str, offset, len(array)]
        offset += -(-array.nbytes // _ALIGN) * _ALIGN
    header = json.dumps({"version": FORMAT_VERSION, "fingerprint": fingerprint, "count": len(index),
                         "arrays": layout}).encode("utf-8")
    with atomic_open(path, "wb") as handle:
        handle.write(_MAGIC + len(header).to_bytes(8, "little") + header)
        body_start = handle.tell()
        for name, array in arrays.items():
            handle.seek(body_start + layout[name][1])
            handle.write(np.ascontiguousarray(array).data.cast("B"))  # the array itself, not a copy
        handle.truncate(body_start + offset)


def load_index(path: Path, fingerprint: str | Callable[[str], bool]) -> LabelIndex | None:
    """The index saved at ``path`` if it was made for this store, else None.

    ``fingerprint`` is the store's fingerprint, or a test that the saved one still fits.
    """
    try:
        # Unbuffered reads straight into their buffers: the interpreter lock is let go for the
        # whole of each read (a buffered read() of the 124 MB file held it for ~0.1 s copying).
        with open(path, "rb", buffering=0) as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            header = json.loads(_read_exactly(handle, int.from_bytes(_read_exactly(handle, 8), "little")))
            if header.get("version") != FORMAT_VERSION:
                return None
            saved = str(header["fingerprint"])
            if not (fingerprint(saved) if callable(fingerprint) else saved == fingerprint):
                return None
            body_start = handle.tell()
            # np.empty, not bytearray: zeroing 124 MB first held the interpreter lock for 0.13 s.
            body = np.empty(os.fstat(handle.fileno()).st_size - body_start, dtype=np.uint8)
            view = body.data
            filled = 0
            while filled < len(body):
                got = handle.readinto(view[filled:])
                if not got:
                    raise ValueError("the saved label index is cut short")
                filled += got
            # The labels searched as a whole need bytes of their own (bytes.find); read them so.
            _, normalised_offset, normalised_length = header["arrays"]["normalised_data"]
            handle.seek(body_start + int(normalised_offset))
            normalised_bytes = _read_exactly(handle, int(normalised_length))
        count = int(header["count"])

        def array(name: str) -> np.ndarray:
            kind, offset, length = header["arrays"][name]
            dtype = np.dtype(kind)
            start, size = int(offset), int(length) * dtype.itemsize
            if start < 0 or start + size > len(body):
                raise ValueError("the saved label index is cut short")
            return body[start:start + size].view(dtype)

        def packed(name: str, gap: int = 0) -> PackedStrings:
            _, offset, length = header["arrays"][f"{name}_data"]
            data = normalised_bytes if name == "normalised" else view[int(offset):int(offset) + int(length)]
            return PackedStrings(data, array(f"{name}_starts"), gap)

        names = packed("names")
        texts, languages, normalised = packed("texts"), packed("languages"), packed("normalised", 1)
        codes, kinds = array("entity_codes"), array("kinds").astype(np.int64).tolist()
        sorted_ids, rank = array("sorted_ids").astype(np.int64), array("rank").astype(np.int64)
        last_rows, previous_rows = array("table_last"), array("table_previous")
    except (OSError, KeyError, ValueError, TypeError, UnicodeDecodeError, IndexError):
        return None
    sizes = {len(codes), len(texts), len(languages), len(normalised), len(kinds), len(rank), len(sorted_ids),
             len(previous_rows)}
    if sizes != {count} or len(names) != len(last_rows) or (count and int(codes.max(initial=0)) >= len(names)):
        return None
    index = LabelIndex.from_saved(CodedStrings(names, codes), texts, languages, kinds, normalised, sorted_ids, rank)
    index.adopt_table(LabelTable.from_saved(index, names, last_rows, previous_rows))
    return index


def _read_exactly(handle: Any, size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:  # an unbuffered read may return less: read on
        parts = [data]
        while size - sum(map(len, parts)) > 0:
            more = handle.read(size - sum(map(len, parts)))
            if not more:
                raise ValueError("the saved label index is cut short")
            parts.append(more)
        data = b"".join(parts)
    return bytes(data)


__all__ = ["FORMAT_VERSION", "load_index", "save_index"]
