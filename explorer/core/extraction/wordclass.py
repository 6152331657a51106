"""What an English word can be: a noun's plural, a verb's past or present, a word that is only ever a verb.

Read from ``lemminflect``'s lexicon (the parts of speech a word form has, and each lemma's inflections), so the noun
phrase readers tell "gas" (a singular) from "gases", "supplied" (a verb only) from "connected" (also an adjective) and
"uses" (a verb's present as well as a plural) without lists of their own. A word the lexicon does not hold gets None,
and the callers keep reading it by its ending.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getInflection


@lru_cache(maxsize=16384)
def _readings(word: str) -> dict[str, tuple[str, ...]]:
    # a hyphened word is read by its last part ("four-day", "hard-coded")
    last = word.lower().rsplit("-", 1)[-1]
    return dict(getAllLemmas(last)) if last.isalpha() else {}


def known(word: str) -> bool:
    """Whether the lexicon holds the word (in any part of speech)."""
    return bool(_readings(word))


def parts(word: str) -> frozenset[str]:
    """The parts of speech the lexicon gives the word ("NOUN", "VERB", "ADJ" …), none where it does not hold it."""
    return frozenset(_readings(word))


def plural(word: str) -> bool | None:
    """Whether the word is a noun's plural: "gases", "detectors"; not "gas", "campus", "series", "means" (a noun of that
    form). None where the lexicon holds no noun of that form (the caller reads the ending)."""
    nouns = _readings(word).get("NOUN")
    if not nouns:
        return None
    last = word.lower().rsplit("-", 1)[-1]
    return last not in nouns


def inflected_verb(word: str) -> bool:
    """A verb's -ing or -ed form ("operating", "supplied"), not a word that only ends so ("ring", "thing", "shed")."""
    lowered = word.lower()
    readings = _readings(lowered)
    if not lowered.endswith(("ing", "ed")):
        return False
    if not readings:
        return True  # a word the lexicon lacks is read by its ending
    return "VERB" in readings and lowered not in readings["VERB"]


def verb_only(word: str) -> bool:
    """A form the lexicon holds only as a verb's ("supplied", "causing", "send", "carries"): no noun, no adjective."""
    readings = _readings(word)
    return bool(readings) and set(readings) <= {"VERB", "AUX"}


@lru_cache(maxsize=16384)
def _forms(word: str, tags: tuple[str, ...]) -> bool | None:
    last = word.lower().rsplit("-", 1)[-1]
    verbs = _readings(word).get("VERB")
    if not verbs:
        return None
    return any(last in getInflection(lemma, tag) for lemma in verbs for tag in tags)


def past(word: str) -> bool | None:
    """Whether the word is a verb's past or past participle ("used", "held", "supplied"); None where the lexicon holds no
    verb of that form ("testbed", a name)."""
    return _forms(word, ("VBD", "VBN"))


def present_third(word: str) -> bool | None:
    """Whether the word is a verb's present in -s ("uses", "links", "carries"); None where the lexicon holds no verb."""
    return _forms(word, ("VBZ",))


def present_plain(word: str) -> bool | None:
    """Whether the word is a verb's present with no -s ("arrive", "send", "run"); None where the lexicon holds no verb."""
    return _forms(word, ("VBP",))


def parts_of_speech(word: str) -> dict[str, tuple[str, ...]]:
    """The parts of speech the lexicon holds the word as, each with its lemmas ({"VERB": ("run",), "NOUN": ("run",)});
    empty where it holds none."""
    return dict(_readings(word))
