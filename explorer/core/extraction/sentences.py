"""Sentences of an article, English and Chinese, with their character offsets.

An evidence record quotes one sentence verbatim and says where it stands, so the splitter keeps
each sentence's exact text and its start and end in the document (a Web Annotation text position).

>>> [s.text for s in split_sentences("China Mobile set up an alliance. It has 193 members.")]
['China Mobile set up an alliance.', 'It has 193 members.']
>>> [s.text for s in split_sentences("中国移动成立了联盟。联盟有193家成员！")]
['中国移动成立了联盟。', '联盟有193家成员！']
>>> [s.text for s in split_sentences("Huawei Technologies Co., Ltd. ships base stations. Sales rose.")]
['Huawei Technologies Co., Ltd. ships base stations.', 'Sales rose.']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Words after which a full stop does not end a sentence ("Co., Ltd. ships", "Dr. Liu").
ABBREVIATIONS = frozenset(
    [
        "co", "ltd", "inc", "corp", "dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "fig", "approx", "dept", "gov"
    ]
)

_CJK_END = "。！？；"
# An English sentence ends at . ! or ? (and any closing quotes or brackets) followed by white space.
_LATIN_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")
_CJK_BREAK = re.compile(f"[{_CJK_END}][”’」』）]*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its number (1-based, in document order), its text and where it stands."""

    number: int
    text: str
    start: int
    end: int
    line: int


def _ends_with_abbreviation(text: str) -> bool:
    words = text.rstrip(".!?\"'”’)]").split()
    if not words:
        return False
    last = words[-1].lower().rstrip(".,")
    if last in ABBREVIATIONS:
        return True
    # A single capital letter is an initial ("J. Smith"), not a sentence end.
    return len(last) == 1 and last.isalpha() and words[-1][0].isupper()


def _pieces(line: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of the sentences within one line of text."""
    start = 0
    boundaries = sorted({m.end() for m in _LATIN_END.finditer(line)} | {m.end() for m in _CJK_BREAK.finditer(line)})
    for end in boundaries:
        candidate = line[start:end]
        if not candidate.strip():
            continue
        latin_end = candidate.rstrip("\"'”’)]").endswith((".", "!", "?"))
        if latin_end and _ends_with_abbreviation(candidate):
            continue
        if latin_end:
            following = line[end:].lstrip()
            # "… said 2.5 million units." — a lower-case continuation is not a new sentence.
            if following[:1].islower():
                continue
        yield start, end
        start = end
    if line[start:].strip():
        yield start, len(line)


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into sentences; paragraphs (lines) never run into each other."""
    sentences: list[Sentence] = []
    offset = 0
    for line_number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        for start, end in _pieces(body):
            piece = body[start:end]
            lead = len(piece) - len(piece.lstrip())
            trimmed = piece.strip()
            if trimmed:
                sentences.append(Sentence(len(sentences) + 1, trimmed, offset + start + lead,
                                          offset + start + lead + len(trimmed), line_number))
        offset += len(line)
    return sentences


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation as their ASCII forms, one character for one, so
    offsets into the folded text are offsets into the original.

    >>> fold_width("ＨＵＡＷＥＩ，5Ｇ")
    'HUAWEI,5G'
    """
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch) if ord(ch) >= 0xFF00 else ch
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)
