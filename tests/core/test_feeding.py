"""A file reaches the store's parser through a pipe (explorer.core.backends.feeding): the parser
never calls back into Python while it reads, and Cancel, a guard's refusal and a parser that
stops early all end the load with the right error, no thread left behind."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import pytest

import explorer.core.backends.loading as loading
from explorer.core.backends import OxigraphBackend, WorkspaceBackend
from explorer.core.backends.feeding import CHUNK, FileFeeding, pipes_can_be_named
from explorer.core.errors import Cancelled, LoadError
from explorer.core.guards import StreamGuard
from explorer.core.input_files import BomSkippingReader
from explorer.core.tasks import CancelToken

posix_only = pytest.mark.skipif(not pipes_can_be_named(), reason="pipes named /dev/fd/N")


def _triples(count: int) -> bytes:
    return "".join(f'<urn:x:s{n}> <http://www.w3.org/2000/01/rdf-schema#label> "label {n}" .\n'
                   for n in range(count)).encode("utf-8")


def _read_path(**source: object) -> bytes:
    with open(str(source["path"]), "rb") as handle:
        return handle.read()


@posix_only
def test_the_parser_gets_a_pipe_and_reads_the_whole_file_with_progress(tmp_path):
    data = b"\xef\xbb\xbf" + _triples(20_000)  # more than a few chunks, with a byte-order mark
    source = tmp_path / "data.nt"
    source.write_bytes(data)
    got: list[bytes] = []
    fractions: list[float] = []
    with open(source, "rb") as raw:
        feeding = FileFeeding(BomSkippingReader(raw), len(data), fractions.append, None)
        feeding.feed(lambda **kwargs: got.append(_read_path(**kwargs)))
    assert got == [data[3:]]
    assert len(data) > 3 * CHUNK and len(fractions) >= 3 and fractions == sorted(fractions) and fractions[-1] > 0.99
    assert feeding.bytes_read == len(data) - 3


@pytest.mark.parametrize("store", ["memory", "workspace"])
def test_a_load_never_calls_back_into_python_from_the_parser(tmp_path, monkeypatch, store):
    if not pipes_can_be_named():
        pytest.skip("pipes named /dev/fd/N")
    source = tmp_path / "data.nt.gz"
    source.write_bytes(gzip.compress(_triples(3_000)))

    def called_back(*_args):
        raise AssertionError("the parser called back into Python for input")

    monkeypatch.setattr(loading.ProgressReader, "readinto", called_back)
    backend = OxigraphBackend() if store == "memory" else WorkspaceBackend(tmp_path / "ws")
    loaded = backend.load_files([source])
    assert loaded[0].quads == 3_000
    assert {t.name for t in threading.enumerate()}.isdisjoint({"feed the parser"})


@posix_only
def test_cancel_ends_the_load_even_when_the_parser_saw_a_clean_end(tmp_path):
    data = _triples(20_000)
    token = CancelToken()

    def report(fraction: float) -> None:
        token.cancel()  # after the first chunk

    read: list[bytes] = []
    feeding = FileFeeding(_Bytes(data), len(data), report, token)
    with pytest.raises(Cancelled):
        feeding.feed(lambda **kwargs: read.append(_read_path(**kwargs)))
    assert read and len(read[0]) < len(data)


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self._data, self._at = data, 0

    def read(self, size: int) -> bytes:
        chunk = self._data[self._at:self._at + size]
        self._at += len(chunk)
        return chunk


class _Refusing(StreamGuard):
    def feed(self, chunk: bytes) -> None:
        raise LoadError(self.source, "refused by the guard", 3, 1)


@posix_only
def test_a_guards_refusal_wins_over_the_parsers_report_of_a_cut_input():
    def parse(**kwargs):
        _read_path(**kwargs)
        raise SyntaxError("unexpected end of file")

    feeding = FileFeeding(_Bytes(_triples(10)), 100, lambda _f: None, None, _Refusing("data.rdf"))
    with pytest.raises(LoadError, match="refused by the guard"):
        feeding.feed(parse)


@posix_only
def test_a_parser_that_stops_early_ends_the_feeding_thread():
    def parse(**kwargs):
        with open(str(kwargs["path"]), "rb") as handle:
            handle.read(100)
        raise SyntaxError("bad token at line 1")

    data = _triples(200_000)  # far more than the pipe holds: the feeding thread must not hang
    feeding = FileFeeding(_Bytes(data), len(data), lambda _f: None, None)
    with pytest.raises(SyntaxError, match="bad token"):
        feeding.feed(parse)
    assert "feed the parser" not in {t.name for t in threading.enumerate()}
    assert feeding.bytes_read < len(data)


def test_without_named_pipes_the_reader_is_handed_over(monkeypatch):
    import explorer.core.backends.feeding as feeding_module

    monkeypatch.setattr(feeding_module, "pipes_can_be_named", lambda: False)
    data = _triples(50)
    got: list[bytes] = []
    feeding = FileFeeding(_Bytes(data), len(data), lambda _f: None, None)
    feeding.feed(lambda **kwargs: got.append(kwargs["input"].read()))
    assert got == [data] and feeding.bytes_read == len(data)


def test_errors_name_the_file_and_line_as_before(tmp_path):
    source = tmp_path / "bad.nt"
    source.write_bytes(_triples(5) + b"<urn:x:a> <urn:x:b> oops .\n")
    with pytest.raises(LoadError) as error:
        OxigraphBackend().load_files([Path(source)])
    assert "bad.nt" in str(error.value) and error.value.line == 6


@posix_only
def test_a_plain_file_goes_into_the_pipe_by_splice_without_being_read_into_python(tmp_path, monkeypatch):
    import explorer.core.backends.feeding as feeding_module

    if not hasattr(feeding_module.os, "splice"):
        pytest.skip("no splice here")
    data = b"\xef\xbb\xbf" + _triples(20_000)
    source = tmp_path / "data.nt"
    source.write_bytes(data)
    moved: list[int] = []
    real_splice = feeding_module.os.splice

    def splice(*args, **kwargs):
        moved.append(real_splice(*args, **kwargs))
        return moved[-1]

    def read(*_args):
        raise AssertionError("the file was read into Python")

    monkeypatch.setattr(feeding_module.os, "splice", splice)
    got: list[bytes] = []
    fractions: list[float] = []
    with open(source, "rb") as raw:
        reader = BomSkippingReader(raw)
        monkeypatch.setattr(reader, "read", read)
        feeding = FileFeeding(reader, len(data), fractions.append, None, plain=raw)
        feeding.feed(lambda **kwargs: got.append(_read_path(**kwargs)))
    assert got == [data[3:]]  # the byte-order mark left out, as the reader leaves it out
    assert sum(moved) == len(data) - 3 == feeding.bytes_read
    assert len(fractions) >= 3 and fractions == sorted(fractions)


@posix_only
@pytest.mark.parametrize("refusal", ["EINVAL", "ENOSYS"])
def test_where_splice_is_not_offered_the_file_is_read_instead(tmp_path, monkeypatch, refusal):
    import errno

    import explorer.core.backends.feeding as feeding_module

    def splice(*_args, **_kwargs):
        code = getattr(errno, refusal)
        raise OSError(code, "not offered")

    monkeypatch.setattr(feeding_module.os, "splice", splice, raising=False)
    data = b"\xef\xbb\xbf" + _triples(5_000)
    source = tmp_path / "data.nt"
    source.write_bytes(data)
    got: list[bytes] = []
    with open(source, "rb") as raw:
        feeding = FileFeeding(BomSkippingReader(raw), len(data), lambda _f: None, None, plain=raw)
        feeding.feed(lambda **kwargs: got.append(_read_path(**kwargs)))
    assert got == [data[3:]]


@posix_only
def test_cancel_stops_a_spliced_file_too(tmp_path):
    data = _triples(200_000)
    source = tmp_path / "data.nt"
    source.write_bytes(data)
    token = CancelToken()
    read: list[bytes] = []
    with open(source, "rb") as raw:
        feeding = FileFeeding(BomSkippingReader(raw), len(data), lambda _f: token.cancel(), token, plain=raw)
        with pytest.raises(Cancelled):
            feeding.feed(lambda **kwargs: read.append(_read_path(**kwargs)))
    assert read and len(read[0]) < len(data)
    assert "feed the parser" not in {t.name for t in threading.enumerate()}


@posix_only
def test_a_parser_that_stops_early_ends_the_splicing_thread(tmp_path):
    def parse(**kwargs):
        with open(str(kwargs["path"]), "rb") as handle:
            handle.read(100)
        raise SyntaxError("bad token at line 1")

    data = _triples(200_000)
    source = tmp_path / "data.nt"
    source.write_bytes(data)
    with open(source, "rb") as raw:
        feeding = FileFeeding(BomSkippingReader(raw), len(data), lambda _f: None, None, plain=raw)
        with pytest.raises(SyntaxError, match="bad token"):
            feeding.feed(parse)
    assert "feed the parser" not in {t.name for t in threading.enumerate()}
    assert feeding.bytes_read < len(data)
