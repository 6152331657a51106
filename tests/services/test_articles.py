"""Article files become text with a title and date, or one clear error naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.services.importing.articles import ArticleError, article_from_text, read_article


def test_html_keeps_paragraphs_drops_scripts_and_reads_title_and_date(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<html><head><title>Ports &amp; 5G</title><meta name='date' content='2020-05-12T08:00'>"
                    "<script>var x = 'no';</script></head><body><p>Ningbo built a port.</p><p>It is smart.</p>"
                    "</body></html>", encoding="utf-8")
    article = read_article(page)
    assert article.text == "Ningbo built a port.\nIt is smart."
    assert (article.title, article.date) == ("Ports & 5G", "2020-05-12")


def test_markdown_takes_its_heading_as_title_and_keeps_link_words(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("# Alliance news\n\n**China Mobile** set up [an alliance](http://example.org).\n", encoding="utf-8")
    article = read_article(page)
    assert article.title == "Alliance news"
    assert article.text == "China Mobile set up an alliance."


def test_text_is_kept_verbatim_with_a_bom_removed(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes("\ufeffLine one.\r\nLine two.\n".encode())
    assert read_article(page).text == "Line one.\r\nLine two.\n"


def test_pdf_text_is_read(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    # A one-page PDF with no text: readable, empty text, the file's stem as title.
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({NameObject("/Title"): "Quarterly report"})
    path = tmp_path / "r.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    article = read_article(path)
    assert article.title == "Quarterly report" and article.text == ""


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.txt", "no such file"),
    (lambda p: (p / "d.txt").mkdir() or p / "d.txt", "not a regular file"),
    (lambda p: (p / "x.docx").write_text("x") and p / "x.docx", "not an article"),
    (lambda p: (p / "b.txt").write_bytes(b"ok\n\xff\xfe") and p / "b.txt", "b.txt:2: not UTF-8"),
    (lambda p: (p / "bad.pdf").write_bytes(b"%PDF-1.4 nonsense") and p / "bad.pdf", "not a readable PDF"),
])
def test_bad_files_get_one_line_naming_the_file(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="not a regular file"):
        read_article(fifo)


def test_pasted_text_must_not_be_empty() -> None:
    with pytest.raises(ArticleError, match="empty"):
        article_from_text("  \n")
    assert article_from_text("China Mobile set up an alliance.", "Note").title == "Note"
