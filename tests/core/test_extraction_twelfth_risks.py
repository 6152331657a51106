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


def test_things_still_using_a_weakness_are_exposed_and_the_threat_leads_to_harm(lexicon: Lexicon) -> None:
    text = ("Wang Fei, an analyst at Venustech, warned that pumping stations still using default passwords were exposed to "
            "forged valve commands, which could cause blackouts across whole towns.")
    found = facts(text, lexicon)
    assert ("pumping stations", "exposedTo", "forged valve commands") in found
    assert ("Wang Fei", "warnsOf", "forged valve commands") in found
    assert ("forged valve commands", "leadsTo", "blackouts") in found
    assert not any(p == "exposedTo" and s == "default passwords" for s, p, _o in found)


def test_a_network_in_the_slot_of_an_exposure_is_no_threat(lexicon: Lexicon) -> None:
    text = "Li Na warned that the plant's robots were exposed to office networks, which could carry malware."
    assert not any(p == "leadsTo" for _s, p, _o in facts(text, lexicon))


def test_what_an_attack_reached_is_the_thing_an_owner_s_possessive_names(lexicon: Lexicon) -> None:
    text = ("In May, a ransomware attack on a logistics contractor's billing server disrupted the port's customs system "
            "for a day.")
    found = facts(text, lexicon)
    assert ("ransomware attack", "affected", "billing server") in found
    assert ("ransomware attack", "affected", "customs system") in found
    assert not any(o == "port" for _s, p, o in found if p == "affected")


def test_where_an_attack_halted_production_and_what_it_spread_to_were_harmed(lexicon: Lexicon) -> None:
    text = ("A ransomware attack that halted production at Tongwei Chemical's main refinery in Dongying last month has spread "
            "to at least four of its contractors.")
    found = facts(text, lexicon)
    assert any(p == "affected" and o.endswith("main refinery") for _s, p, o in found)
    assert ("ransomware attack", "affected", "contractors") in found


def test_things_linked_to_a_system_are_no_attack_put_down_to_it(lexicon: Lexicon) -> None:
    text = "The attack also reached Haitian Plastics and Dongfang Resin, because both were linked to ChemLink."
    assert not any(p == "attributedTo" for _s, p, _o in facts(text, lexicon))
    assert ("attack", "attributedTo", "Lazarus") in facts("The attack was linked to Lazarus.", lexicon)


def test_a_participle_after_through_describes_a_noun_and_targets_nothing(lexicon: Lexicon) -> None:
    found = facts("Zhao Lei, a researcher at Venustech, warned of supply-chain attacks on welding robots through compromised "
                  "vendor accounts.", lexicon)
    assert not any(p == "targets" and "vendor accounts" in o for _s, p, o in found)


def test_a_reference_with_an_owner_s_possessive_names_what_was_disrupted(lexicon: Lexicon) -> None:
    text = ("Li Na runs the port. In May, a ransomware attack on a vendor's update server disrupted the terminal's gate system "
            "for six hours.")
    assert ("ransomware attack", "affected", "gate system") in facts(text, lexicon)


def test_who_has_warned_that_things_are_exposed_warns_of_the_threat(lexicon: Lexicon) -> None:
    text = "The Tianjin Institute of Automation, however, has warned that mine equipment is exposed to ransomware."
    assert ("Tianjin Institute of Automation", "warnsOf", "ransomware") in facts(text, lexicon)
    assert ("Wang Fei", "warnsOf", "ransomware") in facts("Wang Fei warned that mine equipment is exposed to ransomware.", lexicon)


def test_what_a_report_found_is_no_warning_of_its_publisher(lexicon: Lexicon) -> None:
    # (a guard: a speaker named with no kind before "said" now warns, but not of what a report found)
    text = ("In a report published in June, Beijing-based security firm Venustech said a maintenance port of the Dongying "
            "terminal's control system had been open to unauthorised access from the internet.")
    assert not any(p == "warnsOf" for _s, p, _o in facts(text, lexicon))


def test_what_another_speaker_says_is_exposed_is_not_warned_of_by_the_first(lexicon: Lexicon) -> None:
    text = ("Security researchers at Venustech warned of malware that targets pumping stations, which they said are exposed "
            "to cyberattacks through old controllers.")
    found = facts(text, lexicon)
    assert ("Venustech", "warnsOf", "malware") in found
    assert ("Venustech", "warnsOf", "cyberattacks") not in found


def test_spoofed_signals_aimed_at_vehicles_target_them_and_bring_a_standstill(lexicon: Lexicon) -> None:
    text = ("Zhou Lan, a researcher at Venustech, warned that spoofed signals aimed at the driverless trucks could bring the "
            "whole mine to a standstill.")
    found = facts(text, lexicon)
    assert ("Zhou Lan", "warnsOf", "spoofed signals") in found
    assert ("spoofed signals", "targets", "driverless trucks") in found
    assert ("spoofed signals", "leadsTo", "standstill") in found
    assert not any(o == "whole mine" for _s, p, o in found if p in ("targets", "aimsAt", "leadsTo"))


def test_a_forged_message_in_a_relative_clause_is_no_subject_of_the_modal(lexicon: Lexicon) -> None:
    text = "\"A robot arm that acts on a forged instruction can crush a worker,\" said Sun Li, an engineer at Venustech."
    assert not any(p in ("threatens", "leadsTo") for _s, p, _o in facts(text, lexicon))


def test_a_threat_told_of_with_a_relative_clause_leads_to_the_harm_and_whom_it_befalls(lexicon: Lexicon) -> None:
    text = ("\"An attack that disables pumps in a flooded mine could lead to the deaths of dozens of miners within hours,\" "
            "said Li Hua.")
    assert ("attack", "leadsTo", "deaths of dozens of miners") in facts(text, lexicon)


def test_things_reachable_from_office_networks_are_exposed_to_them(lexicon: Lexicon) -> None:
    found = facts("Venustech found that some engineering workstations were reachable from office networks.", lexicon)
    assert ("engineering workstations", "exposedTo", "office networks") in found


def test_what_is_exposed_to_which_threat_after_a_description_of_it(lexicon: Lexicon) -> None:
    text = ("Li Na also warned of lateral movement, an attack technique to which private 5G networks, linking thousands of "
            "devices to a single core, are especially exposed.")
    assert ("private 5G networks", "exposedTo", "lateral movement") in facts(text, lexicon)


def test_where_traffic_is_to_be_carried_is_the_measure_called_for(lexicon: Lexicon) -> None:
    text = ("The Ningbo Municipal Transport Bureau has since called for crane control traffic to be carried on a dedicated "
            "network slice.")
    calls = _calls(text, lexicon)
    assert "dedicated network slice" in calls
    assert "crane control traffic" not in calls
    assert "security audits" in _calls("Wu Lan called for security audits to be carried out in every plant.", lexicon)
