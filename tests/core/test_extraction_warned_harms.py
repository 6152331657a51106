"""Harms of a threat a warning named before: the modal's subject points back to it ("a successful attack", "threats it
said", ", which it said", "and could") (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

import pytest
from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.vocab import KG


@pytest.mark.parametrize("sentence, threat, harms", [
    ("The report warned of ransomware campaigns aimed at furnace controllers, saying a successful attack could trigger "
     "kiln shutdowns and chlorine leaks.", "ransomware campaigns", ["kiln shutdowns", "chlorine leaks"]),
    ("The study warned that a hacking campaign it calls Grey Heron has been probing pump controllers at water plants and "
     "could cause supply cuts.", "Grey Heron", ["supply cuts"]),
    ("The agency warned of phishing campaigns aimed at shoe exporters, which it said could lead to order fraud.",
     "phishing campaigns", ["order fraud"]),
    ("The white paper warned of intrusions into dye works, saying they could lead to spoiled batches.",
     "intrusions", ["spoiled batches"]),
])
def test_a_harm_the_warning_foresees_belongs_to_the_threat_warned_of(lexicon: Lexicon, sentence: str, threat: str,
                                                                      harms: list[str]) -> None:
    found = facts(sentence, lexicon)
    for harm in harms:
        assert (threat, "leadsTo", harm) in found
    # the word that points back names no threat of its own
    assert not any(s in ("successful attack", "attack", "they", "it") and p == "leadsTo" for s, p, _ in found)


def test_a_modal_with_a_subject_of_its_own_is_not_read_back(lexicon: Lexicon) -> None:
    found = facts("The report warned of phishing at the port, and the operator said the outage could cause delays.", lexicon)
    assert not any(p == "leadsTo" for _, p, _ in found)
    # no warning: a threat named by its kind leads to what it causes, as before
    assert ("attack", "leadsTo", "line stoppages") in facts(
        "Engineers said an attack could cause line stoppages.", lexicon) or \
        ("an attack", "leadsTo", "line stoppages") in facts("Engineers said an attack could cause line stoppages.", lexicon)


def test_jamming_names_a_threat(lexicon: Lexicon) -> None:
    found = {m.text: m.cls for m in MentionFinder(lexicon).find("The report warned of signal jamming aimed at the trucks.")}
    assert found.get("signal jamming") == str(KG.CyberRisk)
