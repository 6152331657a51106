"""The SPARQL editor: highlighting, line numbers, brackets, comments, indent, completion, errors.

:class:`SparqlEditor` is a ``QPlainTextEdit`` for one query. Highlighting follows the
tokens of Pygments' ``SparqlLexer``; completion offers prefixes (choosing ``skos:`` adds
the missing ``PREFIX skos: <…>`` line at the top), the loaded graph's classes and
properties as prefixed names, SPARQL keywords and the query's own variables. A parse
error (line and column from :class:`~explorer.core.errors.QueryError`) is underlined in
place and its message shown as the tooltip and through ``sig_error_changed``.

Ctrl+Enter emits ``sig_run_requested`` (the workbench runs the selection when there is
one, see :meth:`SparqlEditor.query_to_run`); Ctrl+/ toggles ``#`` comments on the selected
lines; Ctrl+Space opens completion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QCompleter, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from explorer.ui.sparql.sparql_highlighter import SPARQL_KEYWORDS, SparqlHighlighter

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

_WORD_BEFORE_CURSOR = re.compile(r"([?$][\w]*|(?:[A-Za-z_][\w.-]*)?:[\w.-]*|[A-Za-z_][\w-]*)$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][\w]*)")
_BRACKETS = {"(": ")", "{": "}", "[": "]"}
_CLOSERS = {v: k for k, v in _BRACKETS.items()}
_INSERT_ROLE = Qt.ItemDataRole.UserRole + 1


# ---------------------------------------------------------------------- completion vocabulary
@dataclass
class CompletionVocabulary:
    """What completion offers beyond keywords and variables: prefixes and graph terms."""

    prefixes: dict[str, str] = field(default_factory=dict)
    #: (prefixed name, kind "class"/"property", label)
    terms: list[tuple[str, str, str]] = field(default_factory=list)


_PROPERTY_TYPES = " ".join(f"<{t}>" for t in (
    "http://www.w3.org/2002/07/owl#ObjectProperty", "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#AnnotationProperty", "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"))


def build_vocabulary(kg: KnowledgeGraph, *, max_predicates: int = 5000) -> CompletionVocabulary:
    """Prefixes, classes and predicates of a graph, as prefixed names (IRIs no prefix fits are left out).

    Classes come from the cached class hierarchy; predicates from one ``DISTINCT ?p``
    query, capped so a huge graph stays quick, and properties the ontology declares from a
    second (a declared property no fact uses yet, such as ``org:hasMember``, is still
    something to query for).
    """
    prefixes = dict(kg.prefixes)
    terms: dict[str, tuple[str, str, str]] = {}
    for iri, info in kg.class_hierarchy().items():
        name = kg.qname(iri)
        if not name.startswith("<"):
            terms[name] = (name, "class", info.label)
    used = kg.query(f"SELECT DISTINCT ?p WHERE {{ ?s ?p ?o }} LIMIT {int(max_predicates)}")
    declared = kg.query(f"SELECT DISTINCT ?p WHERE {{ VALUES ?t {{ {_PROPERTY_TYPES} }} ?p a ?t FILTER(isIRI(?p)) }} "
                        f"LIMIT {int(max_predicates)}")
    for (predicate,) in [*used.rows, *declared.rows]:
        if predicate is None:
            continue
        name = kg.qname(str(predicate))
        if not name.startswith("<") and name not in terms:
            terms[name] = (name, "property", kg.label(str(predicate)))
    return CompletionVocabulary(prefixes, sorted(terms.values(), key=lambda t: t[0].casefold()))


# ---------------------------------------------------------------------- the editor
class _LineNumberArea(QWidget):
    def __init__(self, editor: SparqlEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_line_numbers(event)


class SparqlEditor(QPlainTextEdit):
    """A SPARQL query editor; see the module docstring."""

    sig_run_requested = Signal()
    sig_error_changed = Signal(str)  # "" when the error is cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 2)
        self.setPlaceholderText("Write a SPARQL query — Ctrl+Enter runs it, Ctrl+Space completes")
        self.highlighter = SparqlHighlighter(self.document(), dark=self.is_dark())
        self._gutter = _LineNumberArea(self)
        self._error: tuple[int, int, str] | None = None  # start, length, message
        self._error_text = ""  # the text the error was found in: recolouring (a theme switch) keeps it
        self.vocabulary = CompletionVocabulary()

        self._completion_model = QStandardItemModel(self)
        self.completer = QCompleter(self)
        self.completer.setModel(self._completion_model)
        self.completer.setCompletionRole(_INSERT_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self)
        self.completer.activated[str].connect(self.insert_completion)

        self.blockCountChanged.connect(self._on_document_block_count_changed)
        self.updateRequest.connect(self._on_editor_update_request)
        self.cursorPositionChanged.connect(self._update_extra_selections)
        self.textChanged.connect(self._on_document_text_changed)
        self._on_document_block_count_changed()
        self._update_extra_selections()

    # ------------------------------------------------------------------ public API
    def set_vocabulary(self, vocabulary: CompletionVocabulary) -> None:
        """Use a graph's prefixes, classes and properties for completion."""
        self.vocabulary = vocabulary

    def query_to_run(self) -> tuple[str, int]:
        """The selected text when there is a selection, else the whole query; and where it starts."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return cursor.selectedText().replace("\u2029", "\n"), cursor.selectionStart()
        return self.toPlainText(), 0

    def show_error(self, line: int | None, column: int | None, message: str, origin: int = 0) -> None:
        """Underline the spot of a parse error (1-based ``line``/``column`` counted from
        character ``origin``, where the run text started) and show ``message``."""
        text = self.toPlainText()
        start = self._position_of(text, line, column, origin) if line is not None else None
        if start is None:
            self._error = (0, 0, message)
        else:
            start, length = self._token_span(text, start)
            self._error = (start, length, message)
            cursor = self.textCursor()
            cursor.setPosition(start)
            self.setTextCursor(cursor)
        self._error_text = text
        self.setToolTip(message)
        self._update_extra_selections()
        self.sig_error_changed.emit(message)

    def clear_error(self) -> None:
        if self._error is not None:
            self._error = None
            self.setToolTip("")
            self._update_extra_selections()
            self.sig_error_changed.emit("")

    @property
    def error(self) -> tuple[int, int, str] | None:
        """(start, length, message) of the shown parse error."""
        return self._error

    def toggle_comment(self) -> None:
        """Comment out the selected lines with ``# ``, or uncomment them when all are comments."""
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart()).blockNumber()
        last_position = cursor.selectionEnd()
        if cursor.hasSelection() and last_position > cursor.selectionStart():
            last_position -= 1 if document.findBlock(last_position).position() == last_position else 0
        last = document.findBlock(last_position).blockNumber()
        blocks = [document.findBlockByNumber(n) for n in range(first, last + 1)]
        texts = [b.text() for b in blocks]
        commented = all(t.lstrip().startswith("#") for t in texts if t.strip())
        edit = QTextCursor(document)
        edit.beginEditBlock()
        for block, text in zip(blocks, texts, strict=True):
            if not text.strip():
                continue
            indent = len(text) - len(text.lstrip())
            edit.setPosition(block.position() + indent)
            if commented:
                width = 2 if text[indent:].startswith("# ") else 1
                edit.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, width)
                edit.removeSelectedText()
            else:
                edit.insertText("# ")
        edit.endEditBlock()

    def completion_candidates(self, word: str) -> list[tuple[str, str]]:
        """(text to insert, what it is) for the word being typed."""
        if word.startswith(("?", "$")):
            own = {f"{word[0]}{name}" for name in _VARIABLE.findall(self.toPlainText())}
            own.discard(word)
            return [(name, "variable") for name in sorted(own, key=str.casefold)]
        prefixes = self._known_prefixes()
        if ":" in word:
            return [(name, f"{kind} · {label}") for name, kind, label in self.vocabulary.terms]
        found = [(f"{prefix}:", f"prefix · {namespace}") for prefix, namespace in sorted(prefixes.items()) if prefix]
        found += [(keyword, "keyword") for keyword in SPARQL_KEYWORDS]
        return found

    def insert_completion(self, text: str) -> None:
        """Replace the word being typed by ``text``; add a PREFIX line it needs."""
        cursor = self.textCursor()
        word = self._word_before_cursor()
        cursor.beginEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(word))
        cursor.insertText(text)
        self.setTextCursor(cursor)
        if ":" in text and not text.startswith(("?", "$")):
            self.ensure_prefix(text.split(":", 1)[0], cursor)
        cursor.endEditBlock()

    def ensure_prefix(self, prefix: str, cursor: QTextCursor | None = None) -> bool:
        """Add ``PREFIX prefix: <namespace>`` after the query's other PREFIX lines if missing."""
        if self._declared(prefix):
            return False
        namespace = self._known_prefixes().get(prefix)
        if namespace is None:
            return False
        text = self.toPlainText()
        declarations = list(re.finditer(r"^[ \t]*(?:PREFIX|BASE)\b[^\n]*\n?", text, re.IGNORECASE | re.MULTILINE))
        if declarations:
            insert_at = declarations[-1].end()
        else:  # below the comment lines a query starts with (title, description)
            header = re.match(r"(?:[ \t]*#[^\n]*\n)*", text)
            insert_at = header.end() if header else 0
        edit = cursor or QTextCursor(self.document())
        keep = self.textCursor().position()
        line = f"PREFIX {prefix}: <{namespace}>\n"
        if insert_at and not text[:insert_at].endswith("\n"):
            line = "\n" + line
        edit.setPosition(insert_at)
        edit.insertText(line)
        restore = self.textCursor()
        restore.setPosition(keep + len(line) if keep >= insert_at else keep)
        self.setTextCursor(restore)
        return True

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        popup = self.completer.popup()
        if popup.isVisible() and key in (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab,
                                         Qt.Key.Key_Escape, Qt.Key.Key_Backtab):
            if key == Qt.Key.Key_Tab:  # Tab accepts the highlighted suggestion too
                index = popup.currentIndex()
                if index.isValid():
                    self.insert_completion(str(index.data(_INSERT_ROLE)))
                popup.hide()
                return
            event.ignore()
            return
        if control and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_run_requested.emit()
            return
        if control and key == Qt.Key.Key_Slash:
            self.toggle_comment()
            return
        if control and key == Qt.Key.Key_Space:
            self._open_completion(force=True)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ShiftModifier:
            self._newline_with_indent()
            return
        if event.text() in _CLOSERS and not control:
            self._dedent_before_closer()
        super().keyPressEvent(event)
        if event.text() and (event.text()[-1].isalnum() or event.text()[-1] in "?$:_"):
            self._open_completion(force=False)
        elif popup.isVisible() and key not in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            if key == Qt.Key.Key_Backspace and self._word_before_cursor():
                self._open_completion(force=False)
            else:
                popup.hide()

    def _newline_with_indent(self) -> None:
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        indent = line[: len(line) - len(line.lstrip())]
        if line.rstrip().endswith(("{", "(")):
            indent += "  "
        cursor.insertText("\n" + indent)
        self.setTextCursor(cursor)

    def _dedent_before_closer(self) -> None:
        cursor = self.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        if before and not before.strip() and len(before) >= 2:
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 2)
            cursor.removeSelectedText()

    # ------------------------------------------------------------------ completion
    def _word_before_cursor(self) -> str:
        cursor = self.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        match = _WORD_BEFORE_CURSOR.search(before)
        return match.group(1) if match else ""

    def _open_completion(self, force: bool) -> None:
        word = self._word_before_cursor()
        wanted = force or word.startswith(("?", "$")) or ":" in word or len(word) >= 2
        candidates = self.completion_candidates(word) if wanted else []
        if not candidates:
            self.completer.popup().hide()
            return
        self._completion_model.clear()
        for text, what in candidates:
            item = QStandardItem(f"{text}    {what}" if what not in ("keyword", "variable") else text)
            item.setData(text, _INSERT_ROLE)
            item.setToolTip(what)
            self._completion_model.appendRow(item)
        self.completer.setCompletionPrefix(word)
        if self.completer.completionCount() == 0 or (
            self.completer.completionCount() == 1 and self.completer.currentCompletion() == word
        ):
            self.completer.popup().hide()
            return
        popup = self.completer.popup()
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(min(640, popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 12))
        self.completer.complete(rect)

    def _known_prefixes(self) -> dict[str, str]:
        from explorer.core.vocab import PREFIXES

        known = dict(PREFIXES)
        known.update(self.vocabulary.prefixes)
        return known

    def _declared(self, prefix: str) -> bool:
        return re.search(rf"^\s*PREFIX\s+{re.escape(prefix)}:", self.toPlainText(), re.IGNORECASE | re.MULTILINE) is not None

    # ------------------------------------------------------------------ errors
    @staticmethod
    def _position_of(text: str, line: int, column: int | None, origin: int) -> int | None:
        position = origin
        for _ in range(max(line, 1) - 1):
            newline = text.find("\n", position)
            if newline < 0:
                return None
            position = newline + 1
        end_of_line = text.find("\n", position)
        end_of_line = len(text) if end_of_line < 0 else end_of_line
        return min(position + max((column or 1) - 1, 0), end_of_line)

    @staticmethod
    def _token_span(text: str, position: int) -> tuple[int, int]:
        """The token at ``position`` (or the one before it, when that is blank) to underline."""
        start = position
        if start >= len(text) or text[start].isspace():
            while start > 0 and text[start - 1].isspace():
                start -= 1
            start = max(start - 1, 0)
        if start < len(text) and re.match(r"[\w?$:<\"']", text[start]):
            while start > 0 and re.match(r"[\w?$:.-]", text[start - 1]):
                start -= 1
            match = re.match(r"<[^>\s]*>?|\"[^\"\n]*\"?|[\w?$:.-]+", text[start:])
            return start, max(len(match.group(0)) if match else 1, 1)
        return start, 1 if start < len(text) else 0

    # ------------------------------------------------------------------ painting
    def line_number_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(digits, 2)

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        current = self.textCursor().blockNumber()
        error_block = self.document().findBlock(self._error[0]).blockNumber() if self._error and self._error[1] else -1
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                if number == error_block:
                    painter.setPen(QColor("#d32f2f"))
                else:
                    painter.setPen(palette.color(QPalette.ColorRole.Text) if number == current else dim)
                painter.drawText(0, top, self._gutter.width() - 6, self.fontMetrics().height(),
                                 Qt.AlignmentFlag.AlignRight, str(number + 1))
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        contents = self.contentsRect()
        self._gutter.setGeometry(QRect(contents.left(), contents.top(), self.line_number_width(), contents.height()))

    def _on_document_block_count_changed(self, _count: int = 0) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _on_editor_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def _on_document_text_changed(self) -> None:
        if self._error is not None and self.toPlainText() != self._error_text:
            self.clear_error()

    def _update_extra_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        dark = self.is_dark()
        if not self.isReadOnly():
            line = QTextEdit.ExtraSelection()
            line.format.setBackground(QColor("#2a2f3a" if dark else "#eef3fb"))
            line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            line.cursor = self.textCursor()
            line.cursor.clearSelection()
            selections.append(line)
        selections.extend(self._bracket_selections(dark))
        if self._error is not None and self._error[1]:
            start, length, _ = self._error
            error = QTextEdit.ExtraSelection()
            error.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            error.format.setUnderlineColor(QColor("#d32f2f"))
            error.format.setBackground(QColor("#5c1f1f" if dark else "#fde7e7"))
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(min(start + length, len(self.toPlainText())), QTextCursor.MoveMode.KeepAnchor)
            error.cursor = cursor
            selections.append(error)
        self.setExtraSelections(selections)
        self._gutter.update()

    def bracket_match(self) -> tuple[int, int] | None:
        """Positions of the bracket next to the cursor and its partner, if it has one."""
        text = self.toPlainText()
        position = self.textCursor().position()
        for here in (position - 1, position):
            if 0 <= here < len(text) and (text[here] in _BRACKETS or text[here] in _CLOSERS):
                partner = _find_partner(text, here)
                if partner is not None:
                    return here, partner
        return None

    def _bracket_selections(self, dark: bool) -> Iterable[QTextEdit.ExtraSelection]:
        match = self.bracket_match()
        if match is None:
            return []
        found = []
        for position in match:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor("#3d5a80" if dark else "#c9e4ff"))
            selection.format.setFontWeight(QFont.Weight.Bold)
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            found.append(selection)
        return found

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange):
            # A theme switch reaches open tabs too: token colours and the line/bracket/error marks follow it.
            dark = self.is_dark()
            if dark != self.highlighter.dark:
                self.highlighter.set_dark(dark)
            self._update_extra_selections()

    def is_dark(self) -> bool:
        """Whether the editor's background is dark (the dark theme)."""
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._error:
            QToolTip.showText(self.cursor().pos(), self._error[2], self)
            return True
        return super().event(event)


def _find_partner(text: str, position: int) -> int | None:
    """The matching bracket, skipping strings, IRIs and comments on the way."""
    char = text[position]
    opening = char in _BRACKETS
    target = _BRACKETS[char] if opening else _CLOSERS[char]
    masked = _mask_literals(text)
    depth = 0
    step = 1 if opening else -1
    index = position
    while 0 <= index < len(masked):
        current = masked[index]
        if current == char:
            depth += 1
        elif current == target:
            depth -= 1
            if depth == 0:
                return index
        index += step
    return None


def _mask_literals(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length)."""
    pattern = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
    return pattern.sub(lambda m: " " * len(m.group(0)), text)
