"""Cyber-risk sentences (fifteenth session): calls for actions named whole, as the writers' brief keys them ("urged vendors
to patch"), who calls, and the ends of risks (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def _calls(text: str, lexicon: Lexicon) -> set[str]:
    return {o for _s, p, o in facts(text, lexicon) if p == "callsFor"}


def test_an_action_on_what_the_addressees_own_is_called_for_whole_with_a_date_but_no_clause(lexicon: Lexicon) -> None:
    # a date to act by is part of the action (the writers' keys hold it in 55 of the 65 calls that state one); a word
    # that opens a clause ("before the summer", "before they are connected") ends it
    text = "The Fujian Provincial Health Commission has told county hospitals to review their imaging servers by June."
    assert _calls(text, lexicon) == {"review their imaging servers by June"}
    text = "The Wuxi Water Group has called on pump suppliers to inspect every station's control cabinet before the summer."
    assert _calls(text, lexicon) == {"inspect every station's control cabinet"}
    # a time allowed is part of the action
    text = "Sinopec asked Siemens and ABB to update their drives within 14 days."
    assert _calls(text, lexicon) == {"update their drives within 14 days"}


def test_telling_others_to_act_calls_for_the_action_but_telling_reporters_does_not(lexicon: Lexicon) -> None:
    assert _calls("The port authority told tugboat operators to audit their radio links.", lexicon) == \
        {"audit their radio links"}
    # guard: "told" of what was said names no action
    assert not _calls("The port authority told reporters that the radio links were safe.", lexicon)


def test_addressees_described_by_a_relative_clause_still_receive_the_call(lexicon: Lexicon) -> None:
    text = ("The Hangzhou Bureau of Commerce urged retailers that operate loyalty apps to encrypt their customer records and "
            "to rotate access keys before the holidays.")
    assert _calls(text, lexicon) == {"encrypt their customer records", "rotate access keys"}


def test_actions_listed_with_commas_and_keeping_apart_with_from(lexicon: Lexicon) -> None:
    text = ("Venustech urged hospitals to fence off imaging networks from guest Wi-Fi, to inspect vendors' laptops before "
            "they are plugged in and to keep offline backups.")
    assert _calls(text, lexicon) == {"fence off imaging networks from guest Wi-Fi", "inspect vendors' laptops",
                                     "keep offline backups"}


def test_keeping_things_in_a_state_is_the_action_called_for(lexicon: Lexicon) -> None:
    text = "The Guangdong Energy Bureau urged wind farms to keep remote desktop ports shut outside maintenance windows."
    assert _calls(text, lexicon) == {"keep remote desktop ports shut outside maintenance windows"}


def test_what_addressees_are_asked_to_offer_is_the_measure(lexicon: Lexicon) -> None:
    text = "The Jiangsu Communications Administration urged carriers to offer penetration tests to every hospital they serve."
    assert _calls(text, lexicon) == {"penetration tests"}
    text = "The Jiangsu Communications Administration urged carriers to provide isolated network slices for ambulance fleets."
    assert _calls(text, lexicon) == {"isolated network slices"}


def test_goods_ordered_are_no_addressees(lexicon: Lexicon) -> None:
    # guard: a count or an article after "ordered" names goods, not whom a call addresses
    assert not _calls("Haier ordered 12 robot arms to replace its welding line.", lexicon)
    assert not _calls("Haier ordered a new fleet of forklifts to modernise its warehouse.", lexicon)


def test_a_day_of_a_month_is_no_name_nor_a_speaker(lexicon: Lexicon) -> None:
    text = ("In its \"Harbour Threat Review\", released on March 3, the firm warned that terminals were exposed to "
            "ransomware.")
    found = facts(text, lexicon)
    assert not any(s == "3" or o == "3" for s, _p, o in found)


def test_the_level_of_a_government_body_before_its_name_is_part_of_it(lexicon: Lexicon) -> None:
    text = "The municipal Bureau of Transport has urged bus operators to patch their ticketing gateways."
    assert ("municipal Bureau of Transport", "callsFor", "patch their ticketing gateways") in facts(text, lexicon)


def test_a_separation_called_for_is_named_with_what_it_keeps_apart(lexicon: Lexicon) -> None:
    text = "Li Na called for strict isolation of hospital imaging networks from guest Wi-Fi on every campus."
    assert _calls(text, lexicon) == {"strict isolation of hospital imaging networks from guest Wi-Fi"}


def test_what_is_to_be_done_to_a_thing_called_for_is_the_measure_whole(lexicon: Lexicon) -> None:
    text = "Li Na called for patient scans to be anonymised and for clinics to hold regular phishing drills."
    assert _calls(text, lexicon) == {"patient scans to be anonymised", "regular phishing drills"}
    # guard: what is to be brought in is the measure on its own
    assert _calls("Li Na called for access logs to be introduced at every clinic.", lexicon) == {"access logs"}


def test_the_time_allowed_for_an_action_is_part_of_it(lexicon: Lexicon) -> None:
    text = "Venustech called on meter makers to update gateways within 60 days of a patch being issued, the firm said."
    assert _calls(text, lexicon) == {"update gateways within 60 days of a patch being issued"}


def test_a_name_in_quotation_marks_quotes_no_one_and_the_attackers_warn_of_nothing(lexicon: Lexicon) -> None:
    text = ("Venustech traced the breach to a gang it calls \"Amber Moth\", which it said had carried out similar attacks on "
            "logistics firms in Vietnam.")
    found = facts(text, lexicon)
    assert ("similar attacks", "carriedOutBy", "Amber Moth") in found
    assert not any(p == "warnsOf" and s == "Amber Moth" for s, p, _o in found)
