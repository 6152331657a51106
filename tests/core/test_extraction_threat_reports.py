"""Threat reporting: a campaign named as the text calls it ("a hacking campaign it calls Birch Frost"), harms named with
what they befall ("the theft of design data"), reports named as outlooks and their owners ("In its … Outlook, … the centre
warned"), verbs of harm told as done ("shut down") (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

import pytest
from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.vocab import KG


def test_a_campaign_the_text_names_is_one_threat_the_later_campaign_refers_to(lexicon: Lexicon) -> None:
    text = ("Northern Shield warned that a hacking campaign it calls Birch Frost is targeting rail equipment makers. "
            "The report said the campaign could lead to the theft of bogie designs.")
    found = facts(text, lexicon)
    assert ("Birch Frost", "targets", "rail equipment makers") in found
    assert ("Birch Frost", "leadsTo", "theft of bogie designs") in found


def test_a_threat_run_by_a_group_is_carried_out_by_it(lexicon: Lexicon) -> None:
    found = facts("Investigators said the ransomware attack, run by a gang called Black Taiga, hit the depot.", lexicon)
    assert not any(p == "operatedBy" for _, p, _ in found)


@pytest.mark.parametrize("sentence, harms", [
    ("The centre warned that ransomware aimed at mine dispatch systems could lead to a shutdown of ventilation control "
     "and the evacuation of entire shifts.", ["shutdown of ventilation control", "evacuation of entire shifts"]),
    ("The institute said hijacking could lead to immobilised fleets and the theft of design data.",
     ["immobilised fleets", "theft of design data"]),
    ("It said ransomware could trigger an uncontrolled release of molten metal.", ["uncontrolled release of molten metal"]),
])
def test_a_harm_is_named_with_what_it_befalls(lexicon: Lexicon, sentence: str, harms: list[str]) -> None:
    found = facts(sentence, lexicon)
    leads = {o for _, p, o in found if p == "leadsTo"}
    assert set(harms) <= leads


@pytest.mark.parametrize("name", ["Metal Industry 5G Security Outlook", "Wind Farm Threat Landscape",
                                  "5G Industrial Security White Paper"])
def test_an_outlook_or_a_white_paper_is_a_report(lexicon: Lexicon, name: str) -> None:
    found = MentionFinder(lexicon).find(f"The centre published the {name} in May.")
    assert any(m.text == name and m.cls == str(KG.Report) for m in found)


def test_the_owner_of_the_outlook_a_warning_cites_published_it(lexicon: Lexicon) -> None:
    found = facts("Daqing Oilfield Co runs the wells. The Northeast Security Center, in its Energy OT Risk Outlook "
                  "published in April, warned of ransomware.", lexicon)
    assert ("Northeast Security Center", "published", "Energy OT Risk Outlook") in found
    assert ("Daqing Oilfield Co", "published", "Energy OT Risk Outlook") not in found


@pytest.mark.parametrize("speaker", ["the Harbin-based Northeast Security Center",
                                     "the China Academy of Information and Communications Technology (CAICT)"])
def test_its_opening_a_sentence_is_the_subject_that_follows(lexicon: Lexicon, speaker: str) -> None:
    mentions = MentionFinder(lexicon).find(f"In its Energy OT Risk Outlook, released in April, {speaker} warned of ransomware.")
    its = next(m for m in mentions if m.text == "its")
    assert its.label in ("Northeast Security Center", "China Academy of Information and Communications Technology")


def test_a_year_opening_a_report_name_keeps_the_name(lexicon: Lexicon) -> None:
    found = facts("NSFOCUS published its 2024 Automotive Supply Chain Threat Report in May.", lexicon)
    assert ("NSFOCUS", "published", "2024 Automotive Supply Chain Threat Report") in found


def test_report_after_to_or_an_adverb_is_a_verb(lexicon: Lexicon) -> None:
    found = MentionFinder(lexicon).find("The monitors now report over the network, and plants must report incidents.")
    assert not any(m.cls == str(KG.Report) for m in found)


def test_a_rise_in_attacks_warns_of_the_attacks(lexicon: Lexicon) -> None:
    found = facts("The institute warned of a rise in ransomware attacks on data centres.", lexicon)
    assert ("institute", "warnsOf", "ransomware attacks") in found
    assert not any(o == "rise" for _, _, o in found)


def test_an_intrusion_that_shut_things_down_affected_them(lexicon: Lexicon) -> None:
    found = facts("In March an intrusion at a vegetable cooperative shut down climate-control systems for two days.", lexicon)
    assert ("intrusion", "affected", "climate-control systems") in found


def test_a_verb_after_and_is_no_word_of_the_weakness(lexicon: Lexicon) -> None:
    found = MentionFinder(lexicon).find("Many gateways still relied on default passwords and ran unpatched firmware, and "
                                        "the ministry told plants to replace default credentials.")
    texts = [m.text for m in found if m.cls == str(KG.Vulnerability)]
    assert "unpatched firmware" in texts and "default credentials" in texts
    assert not any(t.startswith(("ran ", "replace ")) for t in texts)


def test_ports_left_open_for_maintenance_are_a_weakness(lexicon: Lexicon) -> None:
    found = MentionFinder(lexicon).find("The campaign gets in through open remote-maintenance ports on industrial routers.")
    assert any(m.text == "open remote-maintenance ports" and m.cls == str(KG.Vulnerability) for m in found)
