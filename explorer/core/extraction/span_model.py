"""Names the mention finder misses, found by a small learned model so the relation model can link them.

The mention finder returns names with a cue to their class ("Ministry", "alliance", a capitalised run) and the
noun phrases its rules know. Articles also name things by plain noun phrases it has no rule for ("The software, made
by Hangzhou-based Supcon Technology, …"), and a fact whose end is not a mention cannot be
suggested. This model, a binary logistic one trained on the ends named in the answer keys of ``tests/data/articles``
(``benchmarks/train_relation_model.py``), scores every run of up to ``MAX_WORDS`` words of a sentence that no
punctuation cuts, and returns the likeliest runs that are not a mention's own span, as mentions marked ``via="span"``.
Only the relation model reads them: the rules see the mentions they always saw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.wordclass import parts

#: The longest run of words read as one name.
MAX_WORDS = 7
#: The least probability at which a run is returned (chosen on articles the model was not trained on).
SPAN_THRESHOLD = 0.5
_WORD = re.compile(r"[A-Za-z0-9][\w'’&./+-]*[\w+]|[A-Za-z0-9]")
#: What a name never runs across.
_BREAK = re.compile(r"[,;:()\[\]\"“”?!]|\.\s")
_ARTICLES = ("the ", "a ", "an ")

Token = tuple[int, int, str]


def tokens(view: str) -> list[Token]:
    """The words of a sentence with where they start and end."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(view)]


#: Words no name opens or closes with ("onto Wuhai Cloud", "a platform in"): prepositions and conjunctions.
_NEVER_AT_EDGE = frozenset(["onto", "into", "in", "on", "over", "via", "to", "from", "by", "with", "for", "of", "and", "or",
                            "across", "through"])


def runs(view: str, words: Sequence[Token]) -> Iterable[tuple[int, int]]:
    """Each run of words (first and last index) that punctuation does not cut and that neither opens nor closes with a
    preposition or a conjunction."""
    for i in range(len(words)):
        if words[i][2].lower() in _NEVER_AT_EDGE:
            continue
        for j in range(i, min(i + MAX_WORDS, len(words))):
            if j > i and _BREAK.search(view, words[j - 1][1], words[j][0]):
                break
            if words[j][2].lower() not in _NEVER_AT_EDGE:
                yield i, j


def _shape(word: str) -> str:
    if word[0].isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "X"
    return "C" if word[0].isupper() else "x"


def _standing(start: int, end: int, mentions: Sequence[Mention]) -> str:
    """How the run stands to the mentions found: the same span, inside one, holding one, ending or opening with one."""
    kinds = set()
    for m in mentions:
        if (m.start, m.end) == (start, end):
            return "same"
        if m.start <= start and end <= m.end:
            kinds.add("inside")
        elif start <= m.start and m.end <= end:
            kinds.add("ends" if m.end == end else "opens" if m.start == start else "holds")
        elif m.start < end and start < m.end:
            kinds.add("cross")
    return "|".join(sorted(kinds)) or "apart"


#: Where each class cue of the lexicon ends in a sentence: its start, length and class, by end.
CueEnds = Mapping[int, Sequence[tuple[int, int, str]]]


def cue_ends(lexicon: Lexicon, view: str) -> CueEnds:
    """The class cues found in a sentence, by where they end (one pass over the sentence per cue)."""
    ends: dict[int, list[tuple[int, int, str]]] = {}
    for cue in lexicon.cues:
        for match in cue.regex.finditer(view):
            ends.setdefault(match.end(), []).append((match.start(), match.end() - match.start(), cue.cls))
    return ends


def head_class(cues: CueEnds, start: int, end: int) -> str | None:
    """The class of the longest cue that ends the run and lies inside it (its head noun)."""
    inside = [(length, cls) for cue_start, length, cls in cues.get(end, ()) if cue_start >= start]
    return max(inside)[1] if inside else None


def features(view: str, words: Sequence[Token], i: int, j: int, mentions: Sequence[Mention], cues: CueEnds) -> list[str]:
    """The features of the run of ``words[i..j]``."""
    first, last = words[i][2].lower(), words[j][2].lower()
    before = [w[2].lower() for w in words[max(0, i - 2):i]]
    after = [w[2].lower() for w in words[j + 1:j + 3]]
    start, end = words[i][0], words[j][1]
    mark_before = view[:start].rstrip()[-1:] or "^"
    mark_after = view[end:].lstrip()[:1] or "$"
    cls = head_class(cues, start, end)
    found = [f"f:{first}", f"l:{last}", f"ls:{last[-3:]}", f"len:{j - i + 1}", f"sh:{_shape(words[i][2])}{_shape(words[j][2])}",
             f"p1:{before[-1] if before else '^'}", f"p2:{before[0] if len(before) == 2 else '^'}",
             f"n1:{after[0] if after else '$'}", f"n2:{after[1] if len(after) == 2 else '$'}",
             f"mb:{mark_before if not mark_before.isalnum() else 'w'}", f"ma:{mark_after if not mark_after.isalnum() else 'w'}",
             f"m:{_standing(start, end, mentions)}", f"hc:{(cls or 'none').rsplit('#', 1)[-1]}",
             f"fl:{first}|{last}", f"pl:{before[-1] if before else '^'}|{last}"]
    found += [f"in:{w[2].lower()}" for w in words[i + 1:j]]
    # what the words can be (noun, verb, adjective …), so a run of words never seen in training is still read
    found += [f"fp:{_parts(words[i][2])}", f"lp:{_parts(words[j][2])}",
              f"pp:{_parts(words[i - 1][2]) if i else '^'}", f"np:{_parts(words[j + 1][2]) if j + 1 < len(words) else '$'}"]
    found += sorted({f"ip:{_parts(w[2])}" for w in words[i + 1:j]})
    return found


def _parts(word: str) -> str:
    return "+".join(sorted(parts(word))) or ("d" if word[0].isdigit() else "?")


@dataclass(frozen=True)
class SpanModel:
    """A binary logistic model: a weight per feature and a bias."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = SPAN_THRESHOLD

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0

    def find(self, lexicon: Lexicon, view: str, mentions: Sequence[Mention]) -> list[Mention]:
        """The runs likely to name a thing, other than the mentions' own spans; of two runs that overlap, the likelier."""
        words, cues = tokens(view), cue_ends(lexicon, view)
        scored = []
        for i, j in runs(view, words):
            found = features(view, words, i, j, mentions, cues)
            if "m:same" in found:
                continue
            probability = self.probability(found)
            if probability >= self.threshold:
                scored.append((probability, words[i][0], words[j][1]))
        taken: list[tuple[int, int]] = []
        for _, start, end in sorted(scored, key=lambda s: (-s[0], s[1])):
            if all(end <= s or e <= start for s, e in taken):
                taken.append((start, end))
        return [_mention(view, start, end, cues, mentions) for start, end in sorted(taken)]

    def as_json(self) -> dict[str, object]:
        return {"bias": round(self.bias, 3), "threshold": self.threshold,
                "weights": {f: round(w, 3) for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> SpanModel:
        weights = data["weights"]
        if not isinstance(weights, dict):
            raise ValueError("span weights are not a mapping")
        return cls({str(f): float(w) for f, w in weights.items()}, float(str(data["bias"])),
                   float(str(data.get("threshold", SPAN_THRESHOLD))))


def own_label(text: str) -> str:
    """The name a run gives a new thing: its words without a leading article."""
    for article in _ARTICLES:
        if text.lower().startswith(article):
            return text[len(article):]
    return text


def names_itself(mention: Mention) -> bool:
    """Whether a mention is a name the span model found and named itself (not the head of a mention found)."""
    return mention.via == "span" and mention.iri is None and mention.label == own_label(mention.text)


def _mention(view: str, start: int, end: int, cues: CueEnds, mentions: Sequence[Mention]) -> Mention:
    """The run as a mention; a run that ends a longer mention is its head noun ("network" in "the branch's network"),
    and one that is a mention with its article before it is that mention: either stands for the same thing, so it takes
    that mention's entity, name and class rather than naming a new one."""
    heads = [m for m in mentions if m.start <= start and m.end == end and (m.start, m.end) != (start, end)]
    # ("an industrial internet platform" around "industrial internet platform", which names Tuzhi: the same thing)
    heads += [m for m in mentions if start < m.start and m.end == end and view[start:m.start].lower() in _ARTICLES]
    if heads:
        whole = max(heads, key=lambda m: m.end - m.start)
        return Mention(start, end, view[start:end], whole.iri, whole.cls, whole.label or whole.text, "span")
    return Mention(start, end, view[start:end], None, head_class(cues, start, end), own_label(view[start:end]), "span")
