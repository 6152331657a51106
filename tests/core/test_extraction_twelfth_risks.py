"""Cyber-risk sentences of the twelfth session: what holds a weakness, what is exposed, measures called for, attacks
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def _of(text: str, lexicon: Lexicon, predicate: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text, lexicon) if p == predicate}


def test_things_a_participle_describes_hold_the_weakness_not_its_object(lexicon: Lexicon) -> None:
    text = ("Tian Rong, a researcher at Venustech, warned that many milking robots and irrigation pumps sold to Chinese "
            "dairies ship with hard-coded passwords.")
    held = _of(text, lexicon, "hasVulnerability")
    assert ("milking robots", "hard-coded passwords") in held
    assert ("irrigation pumps", "hard-coded passwords") in held
    assert not any(s == "dairies" for s, _o in held)


def test_a_part_of_the_things_is_no_holder_of_their_weakness(lexicon: Lexicon) -> None:
    text = "NSFOCUS found that about a third of the water meters it tested in Anhui still ran unpatched firmware."
    held = _of(text, lexicon, "hasVulnerability")
    assert ("water meters", "unpatched firmware") in held
    assert not any(s in ("third", "a third") for s, _o in held)


def test_a_count_before_a_list_of_holders_keeps_the_list_one_group(lexicon: Lexicon) -> None:
    text = "Venustech found that 30% of the 800 smart meters and gateways it tested still used default passwords."
    assert ("smart meters", "default passwords") not in _of(text, lexicon, "hasVulnerability")


def test_a_participle_right_after_a_noun_says_what_is_exposed_online(lexicon: Lexicon) -> None:
    exposed = _of("Its engineering files sat on a backup server exposed to the internet.", lexicon, "exposedTo")
    assert any(s == "backup server" for s, _o in exposed)
    assert not any(s == "engineering files" for s, _o in exposed)
