"""An optional named-entity recogniser: extra name candidates where the user has one installed.

The suggester stands on its own (names, cues and patterns from the ontology). When the user names
an NER pipeline (Preferences ▸ Articles, or ``kg-explorer suggest --ner MODEL``) and spaCy with that
model is installed, the entities it finds become extra mention candidates: they fill only places
no name, cue or phrase of our own covers, and a fact resting on one is marked "[NER]" in its pattern
with a lower confidence, so the analyst sees where it came from. Nothing is downloaded: a pipeline
that is not installed is reported in one line and the run goes on without it.

Any object with spaCy's interface serves (``pipeline(text).ents``, each with ``text``, ``label_``,
``start_char`` and ``end_char``); tests pass one in through ``suggest_facts(..., ner=…)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from explorer.core.extraction.calibration import ProposedFact
from explorer.core.extraction.mentions import Mention
from explorer.core.vocab import KG

#: The marker a suggestion resting on an NER candidate carries in its pattern.
NER_MARK = "[NER]"
#: How much less a suggestion resting on an NER candidate is trusted.
NER_PENALTY = 0.1

#: OntoNotes labels (spaCy's English models) and the ontology class each stands for; others are
#: left out (dates, amounts, nationalities are not entities of this graph).
CLASS_OF_LABEL = {
    "ORG": str(KG.Organization),
    "PERSON": str(KG.Person),
    "PER": str(KG.Person),
    "GPE": str(KG.Place),
    "LOC": str(KG.Place),
    "PRODUCT": str(KG.Product),
}


class NerSpan(Protocol):
    text: str
    label_: str
    start_char: int
    end_char: int


class NerDoc(Protocol):
    @property
    def ents(self) -> Sequence[NerSpan]: ...


NerPipeline = Callable[[str], NerDoc]


class NerUnavailable(Exception):
    """The named pipeline cannot be used here; the message is one line for the user."""


def load_pipeline(name: str, *, importer: Callable[[str], Any] = importlib.import_module) -> NerPipeline:
    """spaCy's installed pipeline ``name`` (a package such as ``en_core_web_sm`` or a folder).

    Raises :class:`NerUnavailable` when spaCy or the model is missing; never downloads one."""
    try:
        spacy = importer("spacy")
    except ImportError:
        raise NerUnavailable(f"NER pipeline '{name}' is unavailable: spaCy is not installed; "
                             "suggesting from the ontology's names and patterns alone") from None
    try:
        pipeline: NerPipeline = spacy.load(name)
    except (OSError, ImportError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise NerUnavailable(f"NER pipeline '{name}' is unavailable ({reason[:160]}); "
                             "suggesting from the ontology's names and patterns alone") from None
    return pipeline


def ner_mentions(pipeline: NerPipeline, text: str) -> list[Mention]:
    """The pipeline's entities in ``text`` as mention candidates of the class their label names."""
    found = []
    for entity in pipeline(text).ents:
        cls = CLASS_OF_LABEL.get(entity.label_)
        start, end = int(entity.start_char), int(entity.end_char)
        if cls is None or not 0 <= start < end <= len(text):
            continue
        name = text[start:end]
        found.append(Mention(start, end, name, None, cls, name, "ner"))
    return found


def rests_on_ner(*mentions: Mention) -> bool:
    return any(m.via == "ner" for m in mentions)


_F = TypeVar("_F", bound=ProposedFact)


def marked_ner(facts: list[_F], min_confidence: float) -> list[_F]:
    """A fact resting on an NER candidate says so in its pattern and is trusted less."""
    out = []
    for fact in facts:
        if rests_on_ner(fact.subject, fact.object):
            confidence = round(max(0.0, fact.confidence - NER_PENALTY), 2)
            if confidence < min_confidence:
                continue
            fact = replace(fact, pattern=f"{fact.pattern} {NER_MARK}", confidence=confidence)  # type: ignore[type-var]
        out.append(fact)
    return out
