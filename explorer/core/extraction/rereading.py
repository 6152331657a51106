"""Facts read again with the whole sentence in view, where the words next to a verb gave it the wrong end.

- "a ransomware attack on a maker in Linyi halted a furnace": the attack halted it, not Linyi (``incidents``);
- "A report published by X, titled Y, warned of …": the report's title warns, never its publisher (``constructions``);
- "The alliance, established by A and B, now counts …": the alliance counts the members (``member_groups``);
- "a plant run by X in Danzhou": the plant is in Danzhou, not X (``sites``).
"""

from __future__ import annotations

from dataclasses import replace

from explorer.core.extraction import constructions, sites
from explorer.core.extraction.constructions import S
from explorer.core.extraction.incidents import attack_of_clause
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.member_groups import counting_alliance
from explorer.core.extraction.spans import Mention
from explorer.core.vocab import KG

LOCATED_IN, WARNS_OF = str(KG.locatedIn), str(KG.warnsOf)


def reread(lexicon: Lexicon, suggestions: list[S], mentions: list[Mention], text: str) -> list[S]:
    """``suggestions`` (one sentence's) with the ends the sentence as a whole gives them."""
    out: list[S] = []
    for said in constructions.reports_warning(suggestions, mentions, text, WARNS_OF):
        if (attack := attack_of_clause(lexicon, said.predicate, said.subject, mentions, text, said.trigger_start)) is not None:
            said = replace(said, subject=attack)  # type: ignore[type-var]  # (S is a dataclass)
        if (alliance := counting_alliance(lexicon, mentions, said.predicate, said.subject, said.trigger_start)) is not None:
            said = replace(said, subject=alliance)  # type: ignore[type-var]
        if (site := sites.site_run_by_in(lexicon, mentions, text, said.subject, said.pattern)) is not None:
            said = replace(said, subject=site, predicate=LOCATED_IN)  # type: ignore[type-var]
        out.append(said)
    return out
