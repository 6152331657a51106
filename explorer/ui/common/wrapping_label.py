"""A message label for panels: long text wraps inside the panel and never widens or stretches the window.

A plain word-wrapped ``QLabel`` still asks for the width of its longest word, so one long IRI or a
parser's dump of character ranges widened the whole main window. This label breaks long runs
of text where it must, asks for no width of its own, shows at most :data:`MAX_LINES` lines and keeps
the full message in its tooltip (and selectable, to copy).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

#: Lines shown at most; the rest of a long message is in the tooltip.
MAX_LINES = 3
#: Characters shown at most (a message longer than a few lines is cut with "…").
MAX_CHARS = 600
#: A run of characters without a space longer than this gets invisible break points.
LONGEST_RUN = 40
_BREAK = "\u200b"  # zero-width space: a place the line may break, invisible when it does not


def breakable(text: str, longest_run: int = LONGEST_RUN) -> str:
    """``text`` with zero-width spaces inside runs longer than ``longest_run`` (so it can wrap there).

    >>> breakable("a" * 5, 2).count("\\u200b")
    2
    """
    words = []
    for word in text.split(" "):
        if len(word) > longest_run:
            word = _BREAK.join(word[i:i + longest_run] for i in range(0, len(word), longest_run))
        words.append(word)
    return " ".join(words)


class WrappingLabel(QLabel):
    """A word-wrapped label that fits the width it is given (see the module docstring)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.full_text = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self.full_text = text
        shown = text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"
        super().setText(breakable(shown))
        self.setToolTip(text if len(text) > 80 else "")
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * MAX_LINES + 2 * self.margin() + 4)

    def text(self) -> str:
        """The message as it was given (without break points or cut)."""
        return self.full_text

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())


__all__ = ["MAX_LINES", "WrappingLabel", "breakable"]
