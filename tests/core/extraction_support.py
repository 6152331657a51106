"""What the tests of facts suggested from sentences share."""

from __future__ import annotations

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.suggest import suggest_facts


def facts(text: str, lexicon: Lexicon) -> set[tuple[str, str, str]]:
    """The suggested facts of ``text`` as (subject, property's local name, object), ends by IRI or label."""
    out = set()
    for s in suggest_facts(text, lexicon):
        data = s.as_json()
        ends = [d.get("iri") or d.get("label") for d in (data["subject"], data["object"])]
        out.add((ends[0], s.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1], ends[1]))
    return out
