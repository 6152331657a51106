"""Articles and reports as plain text: .txt, .md, .html and .pdf, with a title and date when the
file says them.

The text returned is what quotes are checked against, so it keeps the document's own words and
line breaks (one paragraph per line); mark-up is dropped, never rewritten.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from explorer.core.errors import ExplorerError

#: Articles are short; a larger file is not an article (and would be read whole into memory).
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")

_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class ArticleError(ExplorerError):
    """An article that cannot be read; the message names the file."""


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None
    date: str | None  # ISO date (YYYY-MM-DD) when the file states one
    path: Path | None = None


class _HtmlText(HTMLParser):
    _BLOCKS = frozenset(["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"])
    _SKIP = frozenset(("script", "style", "head", "nav", "footer", "noscript"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.date: str | None = None
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self._skipping += 1
        if tag in self._BLOCKS:
            self.parts.append("\n")
        if tag == "meta":
            values = dict(attrs)
            name = (values.get("name") or values.get("property") or "").lower()
            if name in ("date", "article:published_time", "dc.date", "dcterms.date") and values.get("content"):
                match = _DATE.search(values["content"] or "")
                self.date = self.date or (match.group(0) if match else None)
        if tag == "time":
            match = _DATE.search(dict(attrs).get("datetime") or "")
            if match:
                self.date = self.date or match.group(0)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skipping:
            self.parts.append(data)


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _markdown(text: str) -> tuple[str, str | None]:
    title = None
    lines = []
    for line in text.splitlines():
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading and title is None:
            title = heading.group(1).strip()
            continue
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links keep their words
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.|>)\s+", "", line)
        lines.append(line)
    return _tidy("\n".join(lines)), title


def _pdf(path: Path) -> tuple[str, str | None, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise ArticleError(f"{path}: not a readable PDF ({error})") from None
    title = str(meta.title) if meta is not None and meta.title else None
    date = None
    if meta is not None and meta.creation_date is not None:
        date = meta.creation_date.date().isoformat()
    return _tidy("\n".join(pages)), title, date


def read_article(path: str | Path) -> Article:
    """The text of an article file; a clear :class:`ArticleError` for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleError(f"{path}: not an article (expected {', '.join(ARTICLE_SUFFIXES)})")
    if not path.is_file():
        raise ArticleError(f"{path}: no such file" if not path.exists() else f"{path}: not a regular file")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{path}: {size:,} bytes is larger than an article ({MAX_ARTICLE_BYTES:,} at most)")
    if suffix == ".pdf":
        text, title, date = _pdf(path)
        return Article(text, title or path.stem, date, path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise ArticleError(f"{path}:{line}: not UTF-8 text") from None
    if suffix in (".html", ".htm"):
        parser = _HtmlText()
        parser.feed(raw)
        parser.close()
        return Article(_tidy(html.unescape("".join(parser.parts))), parser.title or path.stem, parser.date, path)
    if suffix in (".md", ".markdown"):
        text, title = _markdown(raw)
        return Article(text, title or path.stem, None, path)
    return Article(raw, path.stem, None, path)


def article_from_text(text: str, title: str | None = None, date: str | None = None) -> Article:
    """Pasted text, as an article with the title and date the analyst gives."""
    if not text.strip():
        raise ArticleError("the pasted text is empty")
    return Article(text, title, date)
