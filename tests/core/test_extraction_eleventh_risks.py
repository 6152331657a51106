"""Cyber-risk sentences of the eleventh session: measures called for, attacks and what they harmed, attribution
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def _calls(text: str, lexicon: Lexicon) -> set[str]:
    return {o for _s, p, o in facts(text, lexicon) if p == "callsFor"}


def test_a_measure_to_be_made_mandatory_is_called_for_not_its_passive(lexicon: Lexicon) -> None:
    calls = _calls("Wu Lan, an analyst at Venustech, called for penetration tests to be made mandatory for every smelter.", lexicon)
    assert "penetration tests" in calls
    assert not any("mandatory for" in c for c in calls)


def test_a_second_measure_after_and_for_with_a_passive_infinitive(lexicon: Lexicon) -> None:
    text = "Venustech calls for annual audits of all gateways and for security updates to be installed within a week."
    assert "security updates" in _calls(text, lexicon)


def test_as_well_as_adds_a_measure_past_a_complement(lexicon: Lexicon) -> None:
    text = ("The city government has since called for tight separation between plant networks and office systems, "
            "as well as prompt disclosure of data breaches within 48 hours.")
    calls = _calls(text, lexicon)
    assert "prompt disclosure of data breaches" in calls


def test_asking_someone_to_offer_a_service_calls_for_it(lexicon: Lexicon) -> None:
    text = "The Hunan Mining Association, whose 90 members include Zijin Mining, has asked operators to offer intrusion detection."
    assert ("Hunan Mining Association", "callsFor", "intrusion detection") in facts(text, lexicon)


def test_asking_to_carry_out_checks_named_before_calls_for_nothing_new(lexicon: Lexicon) -> None:
    text = "The bureau said it would fund security reviews and has asked the Wuxi branch of CAICT to carry out the reviews."
    assert not any(o == "reviews" for o in _calls(text, lexicon))


def test_urging_an_action_on_a_thing_calls_for_the_action(lexicon: Lexicon) -> None:
    text = "Sun Wei, for his part, urged mill owners to rotate admin passwords and to put sensors on dedicated network slices."
    calls = _calls(text, lexicon)
    assert "rotate admin passwords" in calls
    # where things are to be put is named with the putting, as the writers' keys name it
    assert "put sensors on dedicated network slices" in calls
    assert "sensors" not in calls


def test_urging_to_speed_up_standards_calls_for_the_standards(lexicon: Lexicon) -> None:
    calls = _calls("Ma Jun urged the ministry to speed up binding security rules for edge servers.", lexicon)
    assert "binding security rules" in calls


def test_urging_members_to_replace_passwords_on_devices_calls_for_no_device(lexicon: Lexicon) -> None:
    found = facts("The Wuxi IoT Alliance has urged its members to replace factory passwords on smart meters by May.", lexicon)
    # the action named whole, with the devices it acts on and its deadline (the writers' keys hold the deadline in 55 of
    # the 65 calls that state one)
    assert ("Wuxi IoT Alliance", "callsFor", "replace factory passwords on smart meters by May") in found
    assert not any(o == "smart meters" and p in ("callsFor", "targets") for _s, p, o in found)


def test_urging_the_replacement_of_something_calls_for_the_replacement(lexicon: Lexicon) -> None:
    found = facts("The Anhui 5G Alliance urged the removal of remote-access tools from all substation controllers.", lexicon)
    assert ("Anhui 5G Alliance", "callsFor", "removal of remote-access tools") in found
    assert not any(p == "callsFor" and o == "substation controllers" for _s, p, o in found)


def test_a_plural_measure_stops_before_what_it_covers(lexicon: Lexicon) -> None:
    calls = _calls("The Jiangxi Cyberspace Administration has since called for encrypted backups of plant configurations.", lexicon)
    assert "encrypted backups" in calls


def test_attacks_on_an_owners_systems_target_the_systems(lexicon: Lexicon) -> None:
    text = "Gu Min, a researcher at Venustech, warned of spoofing attacks on the refinery's leak sensors."
    assert ("spoofing attacks", "targets", "leak sensors") in facts(text, lexicon)


def test_an_attack_that_encrypted_its_targets_servers_affected_them(lexicon: Lexicon) -> None:
    text = ("In May, a ransomware attack on Hongyun Freight, a Wuhan-based forwarder, encrypted its billing servers and held up "
            "export declarations for two days.")
    found = facts(text, lexicon)
    assert ("ransomware attack", "affected", "Hongyun Freight") in found
    assert ("ransomware attack", "affected", "billing servers") in found
    assert ("ransomware attack", "affected", "export declarations") in found
    assert ("ransomware attack", "targets", "billing servers") not in found


def test_an_attack_that_encrypted_the_servers_of_a_firm_affected_it_and_one_to_come_targets_it(lexicon: Lexicon) -> None:
    found = facts("In May, a ransomware attack encrypted the billing servers of a freight forwarder in Wuhan.", lexicon)
    assert ("ransomware attack", "affected", "freight forwarder") in found
    assert not any(p == "targets" for _s, p, _o in found)
    found = facts("Analysts said a ransomware attack could encrypt the billing servers of a freight forwarder.", lexicon)
    assert not any(p == "affected" for _s, p, _o in found)


def test_an_attack_that_hit_a_named_firm_affected_it_and_what_it_caused_follows(lexicon: Lexicon) -> None:
    text = ("In June a malware attack hit Jinlu Logistics, a Tianjin-based trucking firm that serves the port, encrypting its "
            "dispatch servers and causing week-long delays for about 900 shipments.")
    found = facts(text, lexicon)
    # one attack told as done affected what it hit (the brief's kg:affected), as it did what it encrypted
    assert ("malware attack", "affected", "Jinlu Logistics") in found
    assert ("malware attack", "affected", "dispatch servers") in found
    assert ("malware attack", "leadsTo", "week-long delays") in found
    assert ("malware attack", "targets", "Jinlu Logistics") not in found


def test_theft_of_something_is_one_risk(lexicon: Lexicon) -> None:
    text = "Venustech struck a sharper note, warning that many plants were exposed to ransomware and to theft of customer records."
    found = facts(text, lexicon)
    assert ("Venustech", "warnsOf", "theft of customer records") in found
    assert ("Venustech", "warnsOf", "ransomware") in found
    assert not any(o == "customer records" for _s, _p, o in found)


def test_tampering_with_something_is_one_risk_and_what_it_could_lead_to(lexicon: Lexicon) -> None:
    text = "Gao Yan, an analyst at Venustech, warned that tampering with valves at a refinery could lead to fires."
    found = facts(text, lexicon)
    assert ("Gao Yan", "warnsOf", "tampering with valves") in found
    assert ("Gao Yan", "warnsOf", "tampering") not in found


def test_sabotage_of_something_stays_sabotage(lexicon: Lexicon) -> None:
    found = facts("Gao Yan, an analyst at Venustech, warned that sabotage of pump controls could cause oil spills.", lexicon)
    assert ("Gao Yan", "warnsOf", "sabotage") in found


def test_hackers_going_after_things_target_them_and_are_no_risk_warned_of(lexicon: Lexicon) -> None:
    text = ("Sun Li, a director at the Ministry of Industry and Information Technology, warned that ransomware had become the "
            "main threat to smart grids, with hackers going after the control software of substations.")
    found = facts(text, lexicon)
    assert ("hackers", "targets", "control software") in found
    assert ("Sun Li", "warnsOf", "hackers") not in found


def test_attributing_part_of_the_incidents_names_the_part(lexicon: Lexicon) -> None:
    text = 'The Hubei CERT attributes 12 of the 30 attacks to a group it calls "Red Kite", which favours old routers.'
    assert ("12 of the 30 attacks", "attributedTo", "Red Kite") in facts(text, lexicon)


def test_attributing_a_campaign_with_its_clause_names_the_campaign(lexicon: Lexicon) -> None:
    text = ("The same firm attributed a phishing campaign that targeted accountants at Sany Heavy Industry in May to a hacking "
            "group it tracks as BlueOtter.")
    assert ("phishing campaign", "attributedTo", "BlueOtter") in facts(text, lexicon)


def test_a_possessive_is_never_what_is_exposed(lexicon: Lexicon) -> None:
    text = "Venustech struck a sharper note, warning that many of the county's newly wired mills were exposed to ransomware."
    assert not any(p == "exposedTo" and s.startswith("county") for s, p, _o in facts(text, lexicon))


def test_what_is_exposed_is_the_head_a_participle_describes(lexicon: Lexicon) -> None:
    text = ("In May the Ministry of Emergency Management warned that safety controllers linked to 5G at coal mines were "
            "exposed to ransomware.")
    found = facts(text, lexicon)
    assert ("safety controllers", "exposedTo", "ransomware") in found
    assert ("5G", "exposedTo", "ransomware") not in found


def test_what_has_a_flaw_is_the_head_before_of(lexicon: Lexicon) -> None:
    text = "Venustech said a login page of the Qingdao terminal's booking system had been open to brute-force attacks."
    found = facts(text, lexicon)
    assert ("login page", "exposedTo", "brute-force attacks") in found
    assert ("booking system", "exposedTo", "brute-force attacks") not in found


def test_a_report_by_a_firm_that_says_things_are_exposed_is_no_warning_of_the_firm(lexicon: Lexicon) -> None:
    text = "A report published this week by Venustech, a security firm, said 40 smart meters in Hubei were exposed to remote takeover."
    assert not any(p == "warnsOf" for _s, p, _o in facts(text, lexicon))


def test_a_wave_of_attacks_hit_the_places_a_count_spells_out(lexicon: Lexicon) -> None:
    text = ("A third wave of attacks hit two steel mills, the Hanyang Special Steel Works in Wuhan and the Ezhou Alloy Works in "
            "Ezhou, both of which run furnaces on 5G.")
    found = facts(text, lexicon)
    assert ("attacks", "targets", "Hanyang Special Steel Works") in found
    assert ("attacks", "targets", "Ezhou Alloy Works") in found
    assert not any(p == "targets" and o == "steel mills" for _s, p, o in found)


def test_an_attack_that_exploited_a_flaw_in_things_targeted_them_and_what_it_shut_down(lexicon: Lexicon) -> None:
    text = ("At Yangpu, the attack exploited unpatched firmware in pump controllers at a refinery run by Hainan Refining, "
            "a unit of Sinopec, and shut down its cooling line for a day.")
    found = facts(text, lexicon)
    assert ("attack", "targets", "pump controllers") in found
    assert ("attack", "affected", "cooling line") in found
    assert not any(s == "Yangpu" and p in ("targets", "affected", "exploits") for s, p, _o in found)


def test_a_measure_carried_out_by_firms_is_no_attack(lexicon: Lexicon) -> None:
    text = "The bureau now requires every port to pass a yearly penetration test, carried out by licensed testing firms."
    assert not any(p == "carriedOutBy" for _s, p, _o in facts(text, lexicon))


def test_what_suffered_attacks_was_their_target(lexicon: Lexicon) -> None:
    text = ("Ports and power plants in Fujian that have moved their cranes onto 5G suffered at least 40 intrusions last year, "
            "according to a report by Venustech.")
    found = facts(text, lexicon)
    assert ("40 intrusions", "targets", "Ports") in found
    assert ("40 intrusions", "targets", "power plants") in found
    assert not any(p == "targets" and o in ("Fujian", "cranes") for _s, p, o in found)


def test_a_thing_placed_somewhere_with_a_weakness_holds_it(lexicon: Lexicon) -> None:
    found = facts('"A pump controller sitting in the desert with a default password is an open door," said Li Qin of Venustech.',
                  lexicon)
    assert ("pump controller", "hasVulnerability", "default password") in found


def test_a_part_of_them_with_a_weakness_names_what_holds_it(lexicon: Lexicon) -> None:
    text = "Venustech found 300 smart meters in Hunan exposed to the internet, about half of them with unpatched firmware."
    assert ("smart meters", "hasVulnerability", "unpatched firmware") in facts(text, lexicon)


def test_a_second_for_after_a_comma_and_and(lexicon: Lexicon) -> None:
    text = "Qian Hui called for network slicing to keep crane traffic apart from office systems, and for yearly security audits."
    assert "yearly security audits" in _calls(text, lexicon)


def test_what_a_threat_somewhere_could_lead_to(lexicon: Lexicon) -> None:
    text = "Gao Yan, an analyst at Venustech, warned that tampering with valves at a refinery could lead to toxic gas leaks."
    assert ("tampering with valves", "leadsTo", "toxic gas leaks") in facts(text, lexicon)


def test_a_past_verb_after_a_present_relative_is_the_attacks(lexicon: Lexicon) -> None:
    text = ("In May a ransomware attack, which Venustech attributed to the Ghost Crane gang, hit a Wuxi valve maker that "
            "supplies Sinopec and halted its casting lines for two days.")
    assert ("ransomware attack", "affected", "casting lines") in facts(text, lexicon)


def test_a_past_verb_after_a_past_relative_stays_the_relatives(lexicon: Lexicon) -> None:
    text = "In May a ransomware attack hit a Wuxi valve maker that bought new robots and halted its casting lines."
    assert ("ransomware attack", "affected", "casting lines") not in facts(text, lexicon)


def test_a_report_opening_the_sentence_is_published_by_a_speaker_with_an_apposition(lexicon: Lexicon) -> None:
    text = "In a report published in July, Venustech, a Beijing-based security firm, said 200 smart meters had a flaw."
    assert ("Venustech", "published", "report") in facts(text, lexicon)


def test_an_incident_told_by_what_its_attackers_did(lexicon: Lexicon) -> None:
    text = ("Such gaps are real: in a 2023 intrusion, attackers entered the camera network of a Foshan tile maker through a "
            "similar backdoor and stole designs for its spring catalogue.")
    found = facts(text, lexicon)
    assert ("2023 intrusion", "targets", "camera network") in found
    assert ("camera network", "hasVulnerability", "backdoor") in found
    assert ("2023 intrusion", "affected", "designs") in found


def test_an_incident_the_sentence_opens_on_is_no_place(lexicon: Lexicon) -> None:
    text = ("In the worst incident, in May, intruders logged into a 5G gateway at the works with its factory-default password "
            "and altered set points on the cooling system, forcing staff to stop the line.")
    found = facts(text, lexicon)
    assert ("worst incident", "targets", "5G gateway") in found
    assert ("5G gateway", "hasVulnerability", "factory-default password") in found
    assert ("worst incident", "affected", "cooling system") in found
    assert not any(s == "intruders" and p == "hasVulnerability" for s, p, _o in found)
