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


def _calls(text: str, lexicon: Lexicon) -> set[str]:
    return {o for _s, p, o in facts(text, lexicon) if p == "callsFor"}


def test_a_call_on_addressees_somewhere_to_act_calls_for_each_action(lexicon: Lexicon) -> None:
    text = ("The Guangxi Transport Department called for every container terminal in the region to check its remote gateways "
            "and to separate crane networks from office systems by June.")
    calls = _calls(text, lexicon)
    assert "check its remote gateways" in calls
    assert "separate crane networks from office systems" in calls


def test_a_call_for_limits_on_access_to_networks_names_no_addressee(lexicon: Lexicon) -> None:
    calls = _calls("The Guangxi Transport Department called for stricter limits on access to public networks.", lexicon)
    assert not any(c.startswith("public networks") for c in calls)


def test_an_order_to_act_calls_for_the_action(lexicon: Lexicon) -> None:
    text = "The Hubei Communications Administration ordered operators in the province to install intrusion detection."
    assert ("Hubei Communications Administration", "callsFor", "intrusion detection") in facts(text, lexicon)


def test_ordering_goods_calls_for_nothing(lexicon: Lexicon) -> None:
    assert not _calls("Tencent ordered 40 new servers to replace its old fleet.", lexicon)


def test_a_mandate_inside_an_action_called_for_is_the_addressees(lexicon: Lexicon) -> None:
    text = ("Professor Shen Lihua leads the lab. Shen called for chipmakers to isolate tool networks in separate network "
            "slices and to require vendors to patch their controllers before installation.")
    calls = _calls(text, lexicon)
    assert "require vendors to patch their controllers before installation" in calls
    assert "controllers" not in calls


def test_an_adjective_in_s_opens_the_phrase_of_the_group_attacks_are_put_down_to(lexicon: Lexicon) -> None:
    text = "Police later attributed the breach to an overseas criminal gang."
    assert ("breach", "attributedTo", "overseas criminal gang") in facts(text, lexicon)


def test_a_thing_an_intrusion_was_traced_to_is_its_target(lexicon: Lexicon) -> None:
    found = facts("Venustech traced the breach to a PLC gateway.", lexicon)
    assert ("breach", "targets", "PLC gateway") in found
    assert ("breach", "attributedTo", "PLC gateway") not in found


def test_a_person_an_attack_was_traced_to_is_still_whom_it_is_put_down_to(lexicon: Lexicon) -> None:
    found = facts("Police traced the attack to Li Ming, a former employee.", lexicon)
    assert not any(p == "targets" for _s, p, _o in found)


def test_who_warned_in_a_report_published_it(lexicon: Lexicon) -> None:
    text = ("Kaspersky, the Moscow-based security firm, warned in a report published in April that many pumps sold to farms "
            "ship with default passwords.")
    assert ("Kaspersky", "published", "report") in facts(text, lexicon)
