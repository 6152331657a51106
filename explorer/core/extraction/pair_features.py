"""Two mentions of one sentence as a candidate fact, described by the words around them.

The bundled relation model (``relation_model``) scores every pair of mentions of a sentence; these are
the features it reads: the words between the two names and just outside them, the classes the mention
finder gave them, the ontology's trigger words found between them, and which facts the rules already
read between the same two. Training (``benchmarks/train_relation_model.py``) and reading call the same
functions here, so what the model learnt from is what it sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.search import normalize

_WORD = re.compile(r"[A-Za-z][\w'’-]*|\d[\d,.]*|[^\w\s]")
_POSSESSIVES = frozenset({"its", "their", "his", "her"})
#: Two names further apart than this (in characters, centre to centre) are not read as one fact.
MAX_DISTANCE = 260


@dataclass(frozen=True)
class Pair:
    """A candidate fact: ``subject`` and ``object`` in the order of the fact, not of the text."""

    subject: Mention
    object: Mention
    features: tuple[str, ...]

    @property
    def first(self) -> Mention:
        return self.subject if self.subject.start < self.object.start else self.object

    @property
    def second(self) -> Mention:
        return self.object if self.first is self.subject else self.subject


_Span = tuple[int, int, str]


def _span(mention: Mention) -> _Span:
    return mention.start, mention.end, name_of(mention)


def _possessive(mention: Mention) -> bool:
    return mention.via == "pronoun" and mention.text.lower() in _POSSESSIVES


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _local(iri: str | None) -> str:
    return (iri or "none").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def name_of(mention: Mention) -> str:
    """The folded name a mention stands for (a new entity's label, else its text)."""
    return normalize(mention.label or mention.text)


def candidates(mentions: Iterable[Mention]) -> list[Mention]:
    """The distinct mentions of a sentence in reading order (the same span and name once)."""
    distinct: dict[tuple[int, int, str], Mention] = {}
    for mention in mentions:
        distinct.setdefault((mention.start, mention.end, mention.label or mention.text), mention)
    return sorted(distinct.values(), key=lambda m: (m.start, m.end))


def pairs(lexicon: Lexicon, view: str, mentions: Sequence[Mention],
          read: Iterable[tuple[Mention, str, Mention]] = ()) -> list[Pair]:
    """Every ordered pair of distinct, non-overlapping mentions of ``view`` with its features; ``read`` are the
    facts the rules already took from the sentence (subject, property, object)."""
    spans = [(m.start(), m.end(), _local(p.predicate)) for p in lexicon.patterns for m in p.regex.finditer(view)]
    ruled: dict[tuple[_Span, _Span], list[str]] = {}
    for subject, predicate, obj in read:
        ruled.setdefault((_span(subject), _span(obj)), []).append(f"rule:{_local(predicate)}|same")
        ruled.setdefault((_span(obj), _span(subject)), []).append(f"rule:{_local(predicate)}|rev")
    found = []
    names = {id(m): name_of(m) for m in mentions}
    for a in mentions:
        for c in mentions:
            if a is c or (a.start < c.end and c.start < a.end) or names[id(a)] == names[id(c)]:
                continue
            if abs((a.start + a.end) - (c.start + c.end)) / 2 > MAX_DISTANCE:
                continue
            first, second = (a, c) if a.start < c.start else (c, a)
            if _possessive(second) or (_possessive(first) and view[first.end:second.start].strip()):
                continue  # "its" speaks only of the noun it stands before ("its paint shop"): its owner
            triggers = sorted({p for s, e, p in spans if s >= first.end and e <= second.start})
            found.append(Pair(a, c, tuple(features(view, a, c, triggers, ruled.get((_span(a), _span(c)), [])))))
    return found


def features(view: str, subject: Mention, obj: Mention, triggers: Sequence[str], ruled: Sequence[str]) -> list[str]:
    """The features of one candidate fact (strings; the model weighs each)."""
    first, second = (subject, obj) if subject.start < obj.start else (obj, subject)
    way = "F" if subject is first else "B"  # the subject is read first, or the object is
    between = view[first.end:second.start]
    words = _words(between)
    cs, co = _local(subject.cls), _local(obj.cls)
    found = [f"dir:{way}", f"ca:{cs}", f"cc:{co}", f"cac:{cs}|{co}|{way}", f"va:{subject.via}", f"vc:{obj.via}",
             f"n:{min(len(words), 12) // 3}|{way}", f"commas:{min(between.count(','), 3)}"]
    found += [f"bw:{w}|{way}" for w in sorted(set(words))]
    found += [f"bb:{x}_{y}|{way}" for x, y in sorted(set(pairwise(words)))]
    if words:
        found += [f"b0:{words[0]}|{way}", f"bL:{words[-1]}|{way}"]
        if len(words) > 1:
            found += [f"b1:{words[1]}|{way}", f"bL1:{words[-2]}|{way}"]
    else:
        found.append(f"adjacent|{way}")
    found += [f"pre{i}:{w}|{way}" for i, w in enumerate(reversed(_words(view[:first.start])[-2:]))]
    found += [f"post{i}:{w}|{way}" for i, w in enumerate(_words(view[second.end:])[:2])]
    subject_words, object_words = _words(subject.text), _words(obj.text)
    if subject_words:
        found += [f"ha:{subject_words[-1]}", f"ha:{subject_words[-1]}|{co}", f"fa:{subject_words[0]}"]
    if object_words:
        found += [f"hc:{object_words[-1]}", f"hc:{object_words[-1]}|{cs}", f"fc:{object_words[0]}"]
    found += [f"pat:{p}|{way}" for p in triggers]
    found += list(ruled) or ["norule"]
    return found
