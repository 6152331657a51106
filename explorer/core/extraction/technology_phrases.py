"""Described things named after a technology: "the 5G modules fitted to the trucks", "the 5G network".

A capitalised technology's name ("5G") would otherwise be read as a name of its own and the noun after it lost; after
"the" the phrase is a description: of the thing named so before in the document where there is one ("a 5G network …
the 5G network"), else of a thing of its own ("supplied the 5G modules").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from explorer.core.extraction.spans import Mention, singular
from explorer.core.search import normalize

_STANDARD = re.compile(r"(?<![\w-])[A-Z]{2,5}\s+\d+(?=\s+[a-z])")
_THE_TECHNOLOGY = re.compile(r"(?<![\w-])the\s+(?=\d+G\s+[a-z])", re.IGNORECASE)


def technology_descriptions(text: str, history: Sequence[Mention], phrase_at: Callable[[str, int], Mention | None]) -> list[Mention]:
    """The phrases "the 5G …" of ``text``: the earlier thing of the same name (as a definite description), else a new
    thing. ``phrase_at`` reads the bare noun phrase at a position."""
    found: list[Mention] = []
    for match in _THE_TECHNOLOGY.finditer(text):
        phrase = phrase_at(text, match.end())
        if phrase is None or " " not in phrase.text:
            continue
        wanted = singular(normalize(phrase.text))
        earlier = next((m for m in reversed(history) if m.iri is None and m.via in ("phrase", "cue")
                        and singular(normalize(m.label or m.text)) == wanted), None)
        if earlier is not None:
            found.append(replace(earlier, start=match.start(), end=phrase.end, text=text[match.start():phrase.end],
                                 via="definite"))
        else:
            found.append(phrase)
    # "IEC 104 control traffic", "ISO 27001 audits": a standard's acronym and number name the kind with the nouns after them
    found += [phrase for match in _STANDARD.finditer(text) if (phrase := phrase_at(text, match.start())) is not None
              and phrase.end > match.end()]
    return found
