"""Verbs of saying, warning and urging as one list (fourteenth session): the ontology's ``kg:speechVerb`` annotations,
their tenses made by grammar, known to every reader of who speaks (sentences written here, none from the articles the
benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction import speech
from explorer.core.extraction.lexicon import Lexicon


def test_the_speech_verbs_come_from_the_lexicon_with_their_tenses() -> None:
    reporting = speech.lemmas(speech.REPORTS)
    assert "say" in reporting and "point out" in reporting
    assert "warn" in speech.lemmas(speech.WARNS) and "urge" in speech.lemmas(speech.URGES)
    made = speech.forms(["write", "point out"])
    assert {"wrote", "writes", "pointed out", "points out"} <= set(made)
    assert "written" not in made  # a finite verb's tenses only, unless asked for


def test_a_verb_known_to_one_reader_is_known_to_the_warning_reader(lexicon: Lexicon) -> None:
    # "explained" was known to the reader of "it", not to the reader of warnings
    text = "The Tianhe Water Bureau explained that older routers are exposed to ransomware."
    assert ("Tianhe Water Bureau", "warnsOf", "ransomware") in facts(text, lexicon)


def test_a_verb_known_to_one_reader_is_known_to_the_reader_of_calls(lexicon: Lexicon) -> None:
    # "X stressed it would make Y mandatory": the speaker of "it would" calls for Y
    text = "China Telecom stressed it would make multi-factor authentication mandatory for all contractors."
    assert ("China Telecom", "callsFor", "multi-factor authentication") in facts(text, lexicon)


def test_a_confirmed_event_is_no_warning(lexicon: Lexicon) -> None:
    # guard: "confirm" tells of what happened; an attack confirmed is not warned of
    text = ("A phishing wave hit the Lishui water utility in March. The intrusion, which reached the utility's billing "
            "servers, was contained within a day, the utility confirmed.")
    assert not any(p == "warnsOf" for _s, p, _o in facts(text, lexicon))


def test_who_carried_attacks_out_in_the_active_carried_them_out(lexicon: Lexicon) -> None:
    text = "ThreatBook said Blue Finch had carried out attacks on at least four utilities in Hunan."
    assert ("attacks", "carriedOutBy", "Blue Finch") in facts(text, lexicon)
    text = "Qi An Xin traced the intrusion to a group it tracks as Red Heron, which it says has carried out similar attacks on ports."
    assert ("similar attacks", "carriedOutBy", "Red Heron") in facts(text, lexicon)


def test_what_an_organization_carries_out_is_no_attack(lexicon: Lexicon) -> None:
    # guard: "carried out" of an audit or a test names no attacker (the subject must be a threat)
    text = "China Unicom carried out a security audit of the plant's 5G network."
    assert not any(p == "carriedOutBy" for _s, p, _o in facts(text, lexicon))


def test_a_report_named_with_its_title_and_a_time_set_off_by_commas_was_published_by_who_speaks(lexicon: Lexicon) -> None:
    text = ("In its Grid Security Outlook Report, released in June, Venustech, the Beijing-based security company, warned "
            "that substation gateways were exposed to ransomware.")
    assert ("Venustech", "published", "Grid Security Outlook Report") in facts(text, lexicon)


def test_who_had_warned_in_a_report_published_it(lexicon: Lexicon) -> None:
    text = ("Antiy Labs, a Harbin-based security vendor, had warned in a report published in August that smart meters are "
            "exposed to botnets.")
    assert ("Antiy Labs", "published", "report") in facts(text, lexicon)


def test_a_speaker_known_by_a_short_name_set_off_by_commas_speaks(lexicon: Lexicon) -> None:
    text = ("In a bulletin issued last week, the Shanghai Cyber Response Centre, known as SCRC, warned that hospital "
            "scanners are exposed to ransomware.")
    found = facts(text, lexicon)
    assert ("Shanghai Cyber Response Centre", "warnsOf", "ransomware") in found
    assert ("Shanghai Cyber Response Centre", "published", "bulletin") in found


def test_an_act_named_by_its_noun_is_the_measure_an_order_to_offer_asks_for(lexicon: Lexicon) -> None:
    # an action to complete is named whole, as the writers' keys name it more often than not
    text = "The Hunan Energy Bureau has ordered power plants to complete security assessments of their control networks."
    assert ("Hunan Energy Bureau", "callsFor", "complete security assessments of their control networks") in facts(text, lexicon)
    text = "The Fujian Port Association asked terminal operators to offer traffic monitoring in their service contracts."
    assert ("Fujian Port Association", "callsFor", "traffic monitoring") in facts(text, lexicon)


def test_an_action_on_a_thing_keeps_its_verb(lexicon: Lexicon) -> None:
    text = "The Hunan Energy Bureau urged plant owners to replace default passwords on their gateways."
    assert ("Hunan Energy Bureau", "callsFor", "replace default passwords on their gateways") in facts(text, lexicon)


def test_what_is_asked_of_things_named_before_is_no_new_measure(lexicon: Lexicon) -> None:
    # guard: "the checks" were named before; the call names no measure of its own
    text = "The bureau requires every grid project to pass a review, and it has asked a testing lab to carry out the checks."
    assert not any(p == "callsFor" and o == "checks" for _s, p, o in facts(text, lexicon))


def test_a_verb_of_warning_warns_of_the_threats_its_clause_names(lexicon: Lexicon) -> None:
    text = ("The Xiamen Port Authority warned that the crane controllers could serve as entry points for botnets and for "
            "ransomware attacks.")
    found = facts(text, lexicon)
    assert ("Xiamen Port Authority", "warnsOf", "botnets") in found
    assert ("Xiamen Port Authority", "warnsOf", "ransomware attacks") in found
    text = "Venustech cautioned that phishing against hospital staff could lead to the theft of patient records."
    found = facts(text, lexicon)
    assert ("Venustech", "warnsOf", "phishing") in found
    # guard: what the threat would lead to is a harm foretold, not the threat warned of
    assert not any(p == "warnsOf" and "theft" in o for _s, p, o in found)


def test_a_stranded_preposition_after_a_verb_of_warning_names_nothing(lexicon: Lexicon) -> None:
    # guard: "the kind that X warned about in a bulletin, which named Y": Y is the bulletin's word, not X's warning
    text = ("The outage is the kind that Tianrong Security warned about in a bulletin it issued in May, which named "
            "ransomware as the main threat.")
    assert not any(p == "warnsOf" for _s, p, _o in facts(text, lexicon))


def test_who_heads_a_named_bodys_unit_is_affiliated_with_the_body(lexicon: Lexicon) -> None:
    text = "Gu Ting, who heads Yunda Express' cold-chain business in south China, said losses had fallen."
    assert any(s == "Gu Ting" and p == "affiliatedWith" and o.startswith("Yunda Express") for s, p, o in facts(text, lexicon))


def test_a_role_may_stand_before_who_heads(lexicon: Lexicon) -> None:
    text = '"Wireless has to prove itself first," said Ma Jun, the engineer who heads the Hefei Robotics Laboratory.'
    assert ("Ma Jun", "affiliatedWith", "Hefei Robotics Laboratory") in facts(text, lexicon)


def test_an_order_to_carry_out_checks_calls_for_the_checks(lexicon: Lexicon) -> None:
    # the addressees may hold a possessive and a figure ("the province's 5G mines"); the check is called for with its date
    text = "The Shaanxi bureau, for its part, has ordered the province's 5G mines to complete security audits by June."
    assert ("Shaanxi bureau", "callsFor", "complete security audits by June") in facts(text, lexicon)


def test_whose_a_measure_is_to_be_ends_it(lexicon: Lexicon) -> None:
    text = "The Gansu bureau has urged the province's other cement makers to build private 5G networks of their own."
    assert ("Gansu bureau", "callsFor", "private 5G networks") in facts(text, lexicon)


def test_an_attack_is_attributed_to_a_group_any_subject_tracks_by_a_name(lexicon: Lexicon) -> None:
    text = "Investigators attributed the campaign to a criminal group that security firms track as Black Reed."
    assert ("campaign", "attributedTo", "Black Reed") in facts(text, lexicon)


def test_it_attributed_is_the_attack_named_before(lexicon: Lexicon) -> None:
    text = "The report described a phishing campaign in May that targeted staff at two ports, and attributed it to APT41."
    assert ("phishing campaign", "attributedTo", "APT41") in facts(text, lexicon)


def test_what_a_warned_risk_is_of_is_a_threat(lexicon: Lexicon) -> None:
    # the speaker's apposition may open on a possessive name; "a week later" stands between the verb and "of"
    text = ("GD-CERT, Guangdong's computer emergency response team, warned a week later of the risk of remote valve "
            "manipulation at water plants.")
    assert ("GD-CERT", "warnsOf", "remote valve manipulation") in facts(text, lexicon)


def test_each_means_a_long_action_names_is_called_for(lexicon: Lexicon) -> None:
    text = ("Venustech, for its part, urged operators to pair every substation network they build with a dedicated network "
            "slice and an on-site firewall.")
    found = facts(text, lexicon)
    assert ("Venustech", "callsFor", "dedicated network slice") in found
    assert ("Venustech", "callsFor", "on-site firewall") in found


def test_who_warned_about_something_in_a_bulletin_published_it(lexicon: Lexicon) -> None:
    text = "The outage is the kind that the Shanghai Cyber Response Centre warned about in a bulletin it issued in May."
    assert ("Shanghai Cyber Response Centre", "published", "bulletin") in facts(text, lexicon)


def test_a_name_in_apposition_to_a_gang_is_who_is_blamed(lexicon: Lexicon) -> None:
    text = "Hengtong blamed the attack on Cobalt Spider, the ransomware gang."
    assert ("attack", "attributedTo", "Cobalt Spider") in facts(text, lexicon)
