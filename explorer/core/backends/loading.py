"""Reading RDF files for the embedded store: progress, cancel, guards, one-line errors.

The parser is Oxigraph's; what is here wraps it: a reader that reports how far it got and
stops when cancelled, and the translation of a parser's exception into a
:class:`~explorer.core.errors.LoadError` naming the file, line and column.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.core.errors import Cancelled, LoadError
from explorer.core.formats import RdfFormatInfo, is_gzipped
from explorer.core.guards import StreamGuard, invalid_jsonld_iri, locate, remote_context
from explorer.core.tasks import CancelToken


class ProgressReader(io.RawIOBase):
    """A file reader that reports how far it got and stops when cancelled."""

    def __init__(self, raw: Any, total: int, report: Any, cancel: CancelToken | None,
                 guard: StreamGuard | None = None) -> None:
        self._raw = raw
        self._guard = guard
        self._total = max(total, 1)
        self._report = report
        self._cancel = cancel
        self._done = 0

    @property
    def bytes_read(self) -> int:
        return self._done

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._cancel is not None and self._cancel.cancelled:
            raise Cancelled("loading cancelled; the graph was left as it was")
        data = self._raw.read(len(buffer))
        if self._guard is not None:
            # The guard sees each chunk before the parser does, so it can refuse in time.
            if data:
                self._guard.feed(data)
            else:
                self._guard.close()
        count = len(data)
        buffer[:count] = data
        self._done += count
        self._report(min(self._done / self._total, 1.0))
        return count


def _position_of_xml_error(path: Path) -> tuple[int | None, int | None, str | None]:
    """The RDF/XML parser does not say where it failed; expat does for XML that is not well formed."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    # Never resolve external entities or DTDs while only looking for an error position.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.ExternalEntityRefHandler = lambda *args: 1
    opener = gzip.open if is_gzipped(path) else open
    try:
        with opener(path, "rb") as handle:
            parser.ParseFile(handle)
    except xml.parsers.expat.ExpatError as error:
        return error.lineno, error.offset + 1, xml.parsers.expat.ErrorString(error.code)
    except OSError:
        return None, None, None
    return None, None, None


def load_error(path: Path, error: BaseException, info: RdfFormatInfo) -> LoadError:
    """A one-line LoadError naming file, line and column from the parser's exception."""
    if isinstance(error, SyntaxError):
        message = str(error.msg or error)
        if info.name == "jsonld" and "LoadDocumentCallback" in message:
            return _remote_context_error(path, info)
        for prefix in ("Parser error at ", "Parser error between "):
            if message.startswith(prefix):
                _, _, message = message.partition(": ")
                break
        line, column = error.lineno, error.offset
        if line is None and info.name == "rdfxml":
            xml_line, xml_column, xml_message = _position_of_xml_error(path)
            if xml_line is not None:
                line, column = xml_line, xml_column
                message = f"{xml_message} ({message})" if xml_message else message
        if line is None:
            # Some errors quote the offending text without its place: find it in the file.
            quoted = re.search(r"'([^']+)'|`([^`]+)`", message)
            found = locate(path, quoted.group(1) or quoted.group(2), opener=opener_for(path)) if quoted else None
            if found is not None:
                line, column = found
        return LoadError(str(path), f"{info.name} syntax error: {message}", line, column)
    if isinstance(error, UnicodeDecodeError):
        return LoadError(str(path), f"not UTF-8 text: {error.reason} at byte {error.start}")
    if isinstance(error, MemoryError):
        if "maximal size" in str(error):
            return LoadError(str(path), f"{info.name}: a single value (literal or IRI) is longer than the parser's "
                                        f"limit of {_PARSER_BUFFER_LIMIT // (1024 * 1024)} MB")
        return LoadError(str(path), "not enough memory to load this file")
    if isinstance(error, EOFError):
        return LoadError(str(path), f"the compressed file is cut short ({error})")
    if isinstance(error, zlib.error):
        return LoadError(str(path), f"the compressed file is damaged ({error})")
    if isinstance(error, OSError):
        return LoadError(str(path), error.strerror or str(error))
    return LoadError(str(path), str(error))


#: The longest single token Oxigraph's parsers accept (it reports this as a MemoryError).
_PARSER_BUFFER_LIMIT = 16 * 1024 * 1024


def opener_for(path: Path) -> Any:
    return gzip.open if is_gzipped(path) else open


def _remote_context_error(path: Path, info: RdfFormatInfo) -> LoadError:
    """JSON-LD that names its @context by address: say which one; nothing was fetched."""
    found = remote_context(path, opener=opener_for(path))
    if found is None:
        return LoadError(str(path), "jsonld: a remote @context is not fetched: loading works offline; "
                                    "put the context inline in the file")
    url, line, column = found
    return LoadError(str(path), f"jsonld: the remote @context \"{url}\" is not fetched: loading works offline; "
                                "put the context inline in the file", line, column)


def refuse_dropped_iris(path: Path, opener: Callable[..., Any]) -> None:
    """Refuse a JSON-LD file holding an IRI its processor would drop without a word."""
    try:
        with opener(path, "rb") as raw:
            text = raw.read().decode("utf-8-sig", "replace")
    except (OSError, EOFError, zlib.error):
        return  # the parser reports the file's own problem, with its place
    problem = invalid_jsonld_iri(text, str(path))
    if problem is not None:
        raise problem
