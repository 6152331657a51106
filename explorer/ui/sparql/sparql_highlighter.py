"""Colours for SPARQL in the editor: tokens from Pygments' ``SparqlLexer``, light and dark."""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

SPARQL_KEYWORDS = (
    "SELECT", "DISTINCT", "REDUCED", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "BIND", "VALUES",
    "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE",
    "NOT EXISTS", "EXISTS", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "DESC", "ASC",
    "LANG", "LANGMATCHES", "STR", "STRSTARTS", "STRENDS", "CONTAINS", "REGEX", "LCASE", "UCASE", "COALESCE", "IF",
    "BOUND", "isIRI", "isLiteral", "isBlank", "DATATYPE", "IRI", "CONCAT", "SERVICE", "FROM", "FROM NAMED",
    "INSERT DATA", "DELETE DATA", "DELETE", "INSERT", "WITH",
)

#: Character colours per token family, for light and dark palettes.
_LIGHT = {"keyword": "#1f4fbf", "function": "#7a3db8", "variable": "#9c2f6b", "iri": "#1d7f4e",
          "prefix": "#8a5a00", "local": "#0f6674", "string": "#b3461b", "number": "#0a7d8c",
          "comment": "#7b8794", "operator": "#444444"}
_DARK = {"keyword": "#7aa7ff", "function": "#c79bff", "variable": "#ff8cc6", "iri": "#6fd49b",
         "prefix": "#e3b25c", "local": "#62c9d6", "string": "#ff9d6e", "number": "#6fd6e0",
         "comment": "#8d99a6", "operator": "#c8c8c8"}


def _family(token_type: object) -> str | None:
    """The colour family of a Pygments token type."""
    from pygments import token as t

    if token_type in t.Comment:
        return "comment"
    if token_type in t.Name.Variable:
        return "variable"
    if token_type in t.Name.Namespace:
        return "prefix"
    if token_type in t.Name.Label:
        return "iri"
    if token_type in t.Name.Tag:
        return "local"
    if token_type in t.Name.Function or token_type in t.Name.Builtin:
        return "function"
    if token_type in t.Keyword:
        return "keyword"
    if token_type in t.Literal.String:
        return "string"
    if token_type in t.Literal.Number:
        return "number"
    if token_type in t.Operator:
        return "operator"
    return None


class SparqlHighlighter(QSyntaxHighlighter):
    """Colours a SPARQL document by the tokens of Pygments' SparqlLexer.

    Blocks are lexed one at a time; a block state remembers an unfinished long string
    (``\"\"\"…`` or ``'''…``) so multi-line literals stay coloured.
    """

    _IN_LONG_DOUBLE = 1
    _IN_LONG_SINGLE = 2

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        from pygments.lexers import SparqlLexer

        self._lexer = SparqlLexer(stripnl=False, ensurenl=False)
        self.formats: dict[str, QTextCharFormat] = {}
        self.dark = dark
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        colours = _DARK if dark else _LIGHT
        self.formats = {}
        for family, colour in colours.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if family == "keyword":
                fmt.setFontWeight(QFont.Weight.Bold)
            if family == "comment":
                fmt.setFontItalic(True)
            self.formats[family] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        start = 0
        previous = self.previousBlockState()
        if previous in (self._IN_LONG_DOUBLE, self._IN_LONG_SINGLE):
            closer = '"""' if previous == self._IN_LONG_DOUBLE else "'''"
            end = text.find(closer)
            if end < 0:
                self.setFormat(0, len(text), self.formats["string"])
                self.setCurrentBlockState(previous)
                return
            start = end + 3
            self.setFormat(0, start, self.formats["string"])
        self.setCurrentBlockState(0)
        rest = text[start:]
        for index, token_type, value in self._lexer.get_tokens_unprocessed(rest):
            family = _family(token_type)
            if family is not None and value:
                self.setFormat(start + index, len(value), self.formats[family])
        open_long = self._unterminated_long_string(rest)
        if open_long:
            position = start + rest.rfind(open_long)
            self.setFormat(position, len(text) - position, self.formats["string"])
            self.setCurrentBlockState(self._IN_LONG_DOUBLE if open_long == '"""' else self._IN_LONG_SINGLE)

    @staticmethod
    def _unterminated_long_string(text: str) -> str | None:
        """The long-string opener left open at the end of ``text``, if any."""
        scrubbed = re.sub(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'', "", text)
        scrubbed = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s]*>', "", scrubbed.replace('"""', "\x00")
                          .replace("'''", "\x01")).replace("\x00", '"""').replace("\x01", "'''")
        scrubbed = scrubbed.split("#", 1)[0]
        for opener in ('"""', "'''"):
            if opener in scrubbed:
                return opener
        return None


__all__ = ["SPARQL_KEYWORDS", "SparqlHighlighter"]
