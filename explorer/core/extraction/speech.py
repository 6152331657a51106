"""The verbs by which an agent speaks — reports, warns, urges — as one list for every reader of who speaks.

The list is the ontology's: ``kg:speechVerb`` annotations in the bundled ``ontology/lexicon.ttl`` give each verb's base
form on the property its speaking states (``kg:reportedBy`` "say", ``kg:warnsOf`` "warn", ``kg:callsFor`` "urge"). The
tenses come from grammar (``lemminflect``), not from spelled-out forms, so a verb added there is known to every reader
in every tense: "X said it will …" (a reported "it"), "Y, an engineer at Z, told …" (a speaker's affiliation), "W
cautioned that …" (a warning), "V urged … and asked …" (a call's speaker).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getInflection
from rdflib import Graph, URIRef

from explorer.core.bundled import lexicon_file
from explorer.core.vocab import KG, ONTOLOGY_IRI

SPEECH_VERB = URIRef(ONTOLOGY_IRI + "speechVerb")
REPORTS, WARNS, URGES = str(KG.reportedBy), str(KG.warnsOf), str(KG.callsFor)
#: A finite verb's tenses: "said", "says" (a participle of the same form as the past counts).
FINITE = ("VBD", "VBZ")
PAST = ("VBD",)


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, tuple[str, ...]]:
    ontology = Graph().parse(lexicon_file())
    found: dict[str, set[str]] = {}
    for prop, verb in ontology.subject_objects(SPEECH_VERB):
        if str(verb).strip():
            found.setdefault(str(prop), set()).add(" ".join(str(verb).split()).lower())
    return {prop: tuple(sorted(verbs)) for prop, verbs in found.items()}


def lemmas(*properties: str) -> tuple[str, ...]:
    """The base forms of the speech verbs of the properties ("say", "add", "point out" …)."""
    table = _lemmas()
    return tuple(sorted({verb for prop in properties for verb in table.get(prop, ())}))


def forms(verbs: tuple[str, ...] | list[str], tags: tuple[str, ...] = FINITE) -> tuple[str, ...]:
    """The verbs' forms of the tags (Penn tags: VBD past, VBZ present in -s, VB base, VBG, VBN), a particle kept after
    its verb ("pointed out"); longest first, so an alternation tries "points out" before "points"."""
    out: set[str] = set()
    for verb in verbs:
        head, _, rest = verb.partition(" ")
        for tag in tags:
            for form in getInflection(head, tag) or ((head,) if tag in ("VB", "VBP") else ()):
                out.add(f"{form} {rest}".strip())
    return tuple(sorted(out, key=lambda form: (-len(form), form)))


def alternation(verbs: tuple[str, ...] | list[str], tags: tuple[str, ...] = FINITE) -> str:
    """A regex group that matches one of the verbs' forms as a whole word's start: ``(?:said|says|…)``; spaces inside a
    form ("pointed out") match any run of white space. The caller sets the boundaries it needs."""
    return "(?:" + "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms(verbs, tags)) + ")"


def saying(tags: tuple[str, ...] = FINITE) -> str:
    """The verbs that report or warn, in the tenses given: what a speaker does before what is said."""
    return alternation(lemmas(REPORTS, WARNS), tags)


def speaking(tags: tuple[str, ...] = FINITE) -> str:
    """Every speech verb: reporting, warning and urging."""
    return alternation(lemmas(REPORTS, WARNS, URGES), tags)
