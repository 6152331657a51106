"""A standard named with what it is for: "a 5G safety-monitoring standard for chemical parks", "a shared specification for
5G-based furnace monitoring", "a common standard for 5G-connected reeling machines".

Reporters and analysts name such a document whole; cut at "for" it is any standard at all. The scope is a bare noun
phrase of up to four words (no article or pronoun: "a standard for the sector" stays "standard"), ending before a
function word, a word of time ("early next year"), a clause ("that the institute plans to publish") or punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from explorer.core.extraction.spans import Mention
from explorer.core.extraction.words import STOPWORDS

#: Heads of a document that sets rules for something.
_HEADS = frozenset(["standard", "standards", "specification", "specifications", "guideline", "guidelines"])
#: Words of time that end a scope ("a standard for crane control early next year").
_TIME_WORDS = frozenset(["early", "next", "last", "this", "soon", "later", "now", "today", "tomorrow", "yesterday"])
_SCOPE = re.compile(r"\s+for\s+((?:\d+G[\w-]*|[a-z][\w-]*)(?:\s+(?:\d+G[\w-]*|[a-z][\w-]*)){0,3})")


def _scope_end(text: str, end: int) -> int | None:
    """Where the "for …" scope after a standard's head at ``end`` ends, or None where it names none."""
    scope = _SCOPE.match(text, end)
    if scope is None:
        return None
    words = list(re.finditer(r"\S+", scope.group(1)))
    kept = 0
    for index, word in enumerate(words):  # ("for protecting mine sites": a scope may open on a verb in -ing)
        lowered = word.group().lower()
        if lowered in STOPWORDS or lowered in _TIME_WORDS or (lowered.endswith(("ed", "ly")) and "-" not in lowered):
            break
        kept = index + 1
    return scope.start(1) + words[kept - 1].end() if kept else None


def _only_time(words: str) -> bool:
    return all(word.lower() in _TIME_WORDS or word.lower().endswith("ly") for word in words.split())


def scoped_standards(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """The mentions with each standard named by a common noun carrying its "for …" scope; the mentions inside the
    scope ("chemical parks") are no things of their own there."""
    out = list(mentions)
    for mention in mentions:
        words = (mention.label or mention.text).split()
        if mention.iri is not None or mention.via not in ("phrase", "cue") or not words or words[-1].lower() not in _HEADS:
            continue
        end = _scope_end(text, mention.end)
        # a mention across either edge reads the scope otherwise, unless all it has past the end is words of time ("5G
        # crane control early" in "a standard for 5G crane control early next year")
        if end is None or any(m.start < mention.end < m.end or (m.start < end < m.end and not _only_time(text[end:m.end]))
                              for m in mentions if m is not mention):
            continue
        words_added = text[mention.end:end]
        widened = Mention(mention.start, end, mention.text + words_added, None, mention.cls,
                          (mention.label or mention.text) + words_added, mention.via, mention.aliases)
        out = [widened if m is mention else m for m in out if m is mention or not (mention.end <= m.start < end)]
    return out
