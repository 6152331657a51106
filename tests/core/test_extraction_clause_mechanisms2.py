"""Clause and verb mechanisms of the eighth session's second round: threat words, calls for an action on what the
addressees own (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_threat_words_a_reporter_uses_name_threats(lexicon: Lexicon) -> None:
    found = facts("Liu Yang warned of GPS spoofing and said pipelines are exposed to remote takeover by foreign hackers.",
                  lexicon)
    assert ("Liu Yang", "warnsOf", "GPS spoofing") in found
    assert ("pipelines", "exposedTo", "remote takeover") in found
    assert ("remote takeover", "carriedOutBy", "foreign hackers") in found
    assert not any(o == "GP" or o == "GPS" for _s, _p, o in found)
