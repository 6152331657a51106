"""Key facts with an end written as a reference: a description, a pronoun or a relative word, found or missed.

    .venv/bin/python benchmarks/reference_gaps.py [--articles DIR] [--list]

For each key fact of each article (``*.txt`` beside ``*.key.tsv``), each end is classed by how its sentence writes it:
"named" (one of its names stands there, not as a "the …" that repeats a thing named before), "definite" (only "the"
or "this" and a name of it, or a name after "its", where the document named it earlier with other words: "the
terminal", "the port operator"), or "pronoun" (none of its names stands there: "it", "its", "which", "they" …).
Counts the facts with an end of each kind and how many of them were suggested, and (``--list``) prints the missed ones.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from bench_suggestions import KeyFact, articles_parser, fold_name, read_articles  # noqa: E402

_BEFORE_REFERENCE = re.compile(r"(?:\bthe|\bthis|\bits|\btheir)\s+(?:[a-z][\w-]*\s+)?$")


def _spots(name: str, folded: str) -> list[int]:
    """Where ``name`` (folded) stands in the folded sentence as whole words, singular or plural."""
    return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?:s|es)?(?![\w-])", folded)]


def how_written(names: frozenset[str], sentence: str, earlier: str) -> str:
    """"named", "definite" or "pronoun" (see the module's docstring)."""
    folded, before = fold_name(sentence), fold_name(earlier)
    spots = [(name, at) for name in names for at in _spots(name, folded)]
    if not spots:
        return "pronoun"
    introduced = any(_spots(name, before) for name in names)
    if not introduced:
        return "named"
    longest = max(len(name) for name, _at in spots)
    # the longest name written there opens after "the"/"its" and is shorter than a name it had before
    wider = any(len(name) > longest and _spots(name, before) for name in names)
    covering = [(name, at) for name, at in spots if len(name) == longest]
    written = [m.group() for name, _at in covering for m in re.finditer(re.escape(name), sentence, re.IGNORECASE)]
    if all(_BEFORE_REFERENCE.search(folded[:at]) for _name, at in covering) and (wider or all(w[:1].islower() for w in written)):
        return "definite"
    return "named"


def kinds(fact: KeyFact, sentences: list[str]) -> tuple[str, str]:
    index = fact.sentence - 1
    sentence = sentences[index] if 0 <= index < len(sentences) else ""
    earlier = " ".join(sentences[:index])
    return how_written(fact.subject, sentence, earlier), how_written(fact.object, sentence, earlier)


def main(argv: list[str] | None = None) -> int:
    parser = articles_parser(__doc__)
    parser.add_argument("--list", action="store_true", help="print each missed fact with a reference end")
    args = parser.parse_args(argv)
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for article in read_articles(args.articles):
        if args.list:
            print(f"\n{article.path.name}")
        for fact in article.key:
            ends = kinds(fact, article.sentences)
            kind = "pronoun" if "pronoun" in ends else "definite" if "definite" in ends else "named"
            hit = article.found(fact)
            total[kind] += 1
            found[kind] += hit
            if args.list and kind != "named" and not hit:
                read = "; ".join(f"{m.text!r}={m.label or m.iri}" for m in article.mentions(fact.sentence)
                                 if m.via in ("definite", "pronoun"))
                print(f"  {fact.sentence:>3} {ends[0][:3]}/{ends[1][:3]} {fact.words()}\n"
                      f"      {article.sentence(fact.sentence)[:220]}\n      read: {read}")
    print("\n| end written as | key facts | found | recall |\n|---|---|---|---|")
    for kind in ("named", "definite", "pronoun"):
        share = found[kind] / total[kind] if total[kind] else 0.0
        print(f"| {kind} | {total[kind]} | {found[kind]} | {share:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
