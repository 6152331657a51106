"""What the tests of facts suggested from sentences share."""

from __future__ import annotations

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.suggest import suggest_facts


def facts(text: str, lexicon: Lexicon, *, learned: bool = False) -> set[tuple[str, str, str]]:
    """The suggested facts of ``text`` as (subject, property's local name, object), ends by IRI or label. The rules'
    readings alone unless ``learned``: what the bundled model adds changes with each training and is tested on its own
    (tests/core/test_relation_model.py) and measured by benchmarks/bench_suggestions.py."""
    out = set()
    for s in suggest_facts(text, lexicon, learned=learned):
        data = s.as_json()
        ends = [d.get("iri") or d.get("label") for d in (data["subject"], data["object"])]
        out.add((ends[0], s.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1], ends[1]))
    return out
