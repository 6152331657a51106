"""Cyber-risk sentences of the tenth session: what one attack put out of action in a later verb of its clause, and the
other risk readings (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_coordinated_verb_of_stopping_takes_the_attack_as_its_subject(lexicon: Lexicon) -> None:
    text = ("Last week, a ransomware attack encrypted the billing servers of a water utility in Wuxi run by Taihu Water, "
            "a unit of Jiangsu Holdings, and halted three pumping stations for a day.")
    found = facts(text, lexicon)
    assert {("ransomware attack", "affected", "three pumping stations"), ("ransomware attack", "affected", "pumping stations")} & found
    assert not any(p == "affected" and s != "ransomware attack" for s, p, _o in found)


def test_a_participle_after_the_attacks_clause_says_what_it_stopped(lexicon: Lexicon) -> None:
    found = facts("In June, a malware attack hit the ticketing system of a ferry operator, stopping boat departures for a day.",
                  lexicon)
    assert ("malware attack", "affected", "boat departures") in found
    found = facts("A denial-of-service attack knocked out the website of a bus company, leaving commuters stranded for hours.",
                  lexicon)
    assert ("denial-of-service attack", "affected", "commuters") in found


def test_a_possessive_before_what_the_attack_stopped_is_no_part_of_it(lexicon: Lexicon) -> None:
    found = facts("In May, an intrusion hit a parts maker in Ningbo and froze the company's warehouse system for a week.", lexicon)
    assert ("intrusion", "affected", "warehouse system") in found


def test_a_new_subject_after_and_is_no_coordinated_verb_of_the_attack(lexicon: Lexicon) -> None:
    found = facts("In May, an intrusion hit a parts maker in Ningbo, and the owner said that workers halted the paint lines.",
                  lexicon)
    assert not any(p == "affected" and s == "intrusion" and o == "paint lines" for s, p, o in found)


def test_a_bare_singular_noun_after_the_later_verb_is_an_activity_not_a_thing(lexicon: Lexicon) -> None:
    found = facts("In June, a malware attack hit the ticketing system of a ferry operator, stopping traffic for a day.", lexicon)
    assert not any(p == "affected" and "traffic" in o for _s, p, o in found)


def test_a_word_of_quantity_keeps_what_it_counts(lexicon: Lexicon) -> None:
    found = facts("In June, a malware attack on the ovens of a bakery in Tianjin cut the power and ruined a whole "
                  "shipment of bread, the police said.", lexicon)
    assert ("malware attack", "affected", "whole shipment of bread") in found


def test_a_report_published_by_two_publishers_with_a_time_between(lexicon: Lexicon) -> None:
    text = ("Phishing against shipyards doubled in 2024, according to a report released on Monday by the Shanghai Maritime "
            "Institute and the Hangzhou-based security firm DBAppSecurity.")
    found = facts(text, lexicon)
    assert ("Shanghai Maritime Institute", "published", "report") in found or \
        ("report", "publishedBy", "Shanghai Maritime Institute") in found
    assert ("DBAppSecurity", "published", "report") in found or ("report", "publishedBy", "DBAppSecurity") in found


def test_a_report_opening_the_sentence_with_this_month_and_a_described_speaker(lexicon: Lexicon) -> None:
    found = facts("In a study published this month, the security firm Venustech warned of botnets aimed at port cranes.", lexicon)
    assert ("Venustech", "published", "study") in found
    found = facts("In a survey last week, Shenzhen-based Sangfor said most factories still run old firmware.", lexicon)
    assert ("Sangfor", "published", "survey") in found


def test_the_attack_a_verb_of_blaming_names_is_what_is_attributed(lexicon: Lexicon) -> None:
    text = ("The ministry blamed most of the breaches on organised phishing rings, but it attributed the Ningbo intrusion "
            "to a group that Venustech tracks as Jade Viper.")
    found = facts(text, lexicon)
    assert ("breaches", "attributedTo", "organised phishing rings") in found
    assert ("Ningbo intrusion", "attributedTo", "Jade Viper") in found
    assert not any(p == "targets" for _s, p, _o in found)


def test_a_quoted_name_a_group_goes_by(lexicon: Lexicon) -> None:
    text = 'A phishing campaign hit the shipyard in May, and police attributed it to a criminal crew they call "Iron Kite".'
    assert ("phishing campaign", "attributedTo", "Iron Kite") in facts(text, lexicon)


def test_many_of_them_after_a_clause_stands_for_the_things_it_named(lexicon: Lexicon) -> None:
    text = "The audit found that the pump controllers were reachable from the internet, many of them running unpatched firmware."
    assert ("pump controllers", "hasVulnerability", "unpatched firmware") in facts(text, lexicon)
    text = "Inspectors said the smart meters were exposed to botnets, since many still used default passwords."
    assert ("smart meters", "hasVulnerability", "default passwords") in facts(text, lexicon)


def test_a_relative_clause_of_having_after_a_place_phrase_is_said_of_the_thing_before_it(lexicon: Lexicon) -> None:
    text = "The gang got in through a camera gateway in the depot's loading bay that still used a default password."
    found = facts(text, lexicon)
    assert ("camera gateway", "hasVulnerability", "default password") in found


def test_the_object_of_a_relative_clause_is_no_subject_of_the_main_verb(lexicon: Lexicon) -> None:
    text = "Engineers said modems that link weighing scales in Hebei's quarries were running unpatched firmware."
    found = facts(text, lexicon)
    assert ("modems", "hasVulnerability", "unpatched firmware") in found
    assert not any(p == "hasVulnerability" and s == "weighing scales" for s, p, _o in found)


def test_a_place_after_along_is_no_holder_of_a_weakness(lexicon: Lexicon) -> None:
    found = facts("The survey found pumping stations along the Yellow River still running outdated firmware.", lexicon)
    assert not any(p == "hasVulnerability" and "Yellow River" in s for s, p, _o in found)


def test_outdated_windows_builds_are_a_weakness_of_what_runs_them(lexicon: Lexicon) -> None:
    text = "He said testing rigs running outdated Windows builds share a network with the welding robots."
    assert ("testing rigs", "hasVulnerability", "outdated Windows builds") in facts(text, lexicon)


def test_a_weakness_after_its_is_named_by_its_words(lexicon: Lexicon) -> None:
    text = ("Venustech said the crew had got in through a camera gateway at the depot that still used its factory "
            "default password.")
    assert ("camera gateway", "hasVulnerability", "factory default password") in facts(text, lexicon)


def test_a_warning_that_things_running_a_weakness_are_exposed_warns_of_the_threat_only(lexicon: Lexicon) -> None:
    text = ("Liu Wei, a researcher at Tianjin University, warned that testing rigs running outdated Windows builds leave the "
            "welding lines exposed to ransomware.")
    found = facts(text, lexicon)
    assert ("Liu Wei", "warnsOf", "ransomware") in found
    assert not any(p == "warnsOf" and "Windows" in o for _s, p, o in found)


def test_after_said_that_the_determiner_opens_the_subject_not_a_relative_clause(lexicon: Lexicon) -> None:
    text = "Han Bo found that the pump controllers at many reservoirs suffer from missing authentication."
    assert ("pump controllers", "hasVulnerability", "missing authentication") in facts(text, lexicon)


def test_a_weakness_is_never_what_is_exposed(lexicon: Lexicon) -> None:
    found = facts("Sun Li warned that pump controllers running outdated firmware are exposed to remote hijacking.", lexicon)
    assert not any(p == "exposedTo" and "firmware" in s for s, p, _o in found)
    assert ("pump controllers", "exposedTo", "remote hijacking") in found


def test_a_count_is_no_part_of_what_holds_a_weakness(lexicon: Lexicon) -> None:
    text = "The scan found hundreds of water meter gateways in Gansu were reachable online, many of them running unpatched firmware."
    found = facts(text, lexicon)
    assert ("water meter gateways", "hasVulnerability", "unpatched firmware") in found


def test_urging_someone_to_adopt_a_measure_calls_for_the_adoption_named_whole(lexicon: Lexicon) -> None:
    text = ("Venustech, for its part, urged port operators to adopt zero-trust access, which checks every login, "
            "and daily log reviews.")
    found = facts(text, lexicon)
    # what the addressees are to adopt is named with the verb: the writers' brief names an action called for whole
    assert ("Venustech", "callsFor", "adopt zero-trust access") in found


def test_the_means_after_with_and_what_is_made_a_condition_are_the_measures(lexicon: Lexicon) -> None:
    text = ("Wang Hui, an engineer at Tsinghua University, called on mills to split office and plant traffic with "
            "virtual LANs and on the city government to make penetration tests a condition of its grants.")
    found = facts(text, lexicon)
    assert ("Wang Hui", "callsFor", "virtual LANs") in found
    assert ("Wang Hui", "callsFor", "penetration tests") in found


def test_a_practice_before_an_infinitive_is_the_measure_not_whom_the_call_addresses(lexicon: Lexicon) -> None:
    found = facts("Wang Hui called for network segmentation to keep robots apart from office computers.", lexicon)
    assert ("Wang Hui", "callsFor", "network segmentation") in found


def test_who_after_an_apposition_naming_a_firm_is_the_person(lexicon: Lexicon) -> None:
    text = ('"An unguarded modem is an open door," said Li Na, a researcher at Venustech, the Beijing-based security firm, '
            "who warned of botnet attacks on power grids and called for mandatory network audits.")
    found = facts(text, lexicon)
    assert ("Li Na", "warnsOf", "botnet attacks") in found
    assert ("Li Na", "callsFor", "mandatory network audits") in found
    assert not any(p in ("warnsOf", "callsFor") and s == "Venustech" for s, p, _o in found)


def test_so_called_is_no_part_of_the_threat_warned_of(lexicon: Lexicon) -> None:
    found = facts("Li Na, a researcher at Venustech, warned of so-called watering-hole attacks on plant engineers.", lexicon)
    assert ("Li Na", "warnsOf", "watering-hole attacks") in found


def test_for_said_again_after_a_measure_and_its_complement_adds_a_measure(lexicon: Lexicon) -> None:
    text = ("Li Na, a researcher at Venustech, called for the separation of control networks from office traffic and "
            "for yearly penetration tests before any mine reopens.")
    found = facts(text, lexicon)
    assert ("Li Na", "callsFor", "yearly penetration tests") in found


def test_one_decision_says_which_threat_is_one_attack(lexicon: Lexicon) -> None:
    from explorer.core.extraction.incidents import one_attack
    from explorer.core.extraction.mentions import MentionFinder

    def decided(text: str, words: str) -> bool:
        mention = next(m for m in MentionFinder(lexicon).find(text) if m.text == words)
        return one_attack(lexicon, mention, text)

    assert decided("The breach hit the billing system of a utility.", "breach")  # a word for one event
    assert decided("Last year a botnet hijacked the cameras.", "botnet")  # after "a"
    assert not decided("Ransomware hit the billing system of a utility.", "Ransomware")  # the kind of threat
    assert not decided("Ransomware attacks hit ports.", "Ransomware attacks")  # many


def test_an_attack_named_by_an_event_word_after_the_reads_its_targets_and_effects(lexicon: Lexicon) -> None:
    found = facts("The breach hit the billing system of a water utility in Hefei and halted its payment kiosks.", lexicon)
    assert ("breach", "affected", "water utility") in found
    assert ("breach", "affected", "payment kiosks") in found
    assert not any(p == "affected" and s == "billing system" for s, p, _o in found)


def test_such_and_a_kind_stand_for_the_kind_named_before(lexicon: Lexicon) -> None:
    text = ("Venustech warned of watering-hole attacks on plant engineers, and said remote maintenance portals at steel "
            "mills were exposed to such attacks.")
    found = facts(text, lexicon)
    assert ("remote maintenance portals", "exposedTo", "watering-hole attacks") in found
    assert ("remote maintenance portals", "exposedTo", "attacks") not in found


def test_what_is_exposed_on_the_internet_is_exposed_to_it(lexicon: Lexicon) -> None:
    found = facts("The scan found 3,000 water meter gateways exposed on the public internet.", lexicon)
    assert ("water meter gateways", "exposedTo", "public internet") in found
    found = facts("Venustech said hundreds of boiler controllers in Gansu were exposed to the internet.", lexicon)
    assert ("boiler controllers", "exposedTo", "internet") in found
    assert not any(p == "warnsOf" and "internet" in o for _s, p, o in found)


def test_a_long_relative_aside_stands_between_a_holder_and_its_verb(lexicon: Lexicon) -> None:
    text = ("Inspectors said the pump controllers, which had been wired to a cellular modem for remote diagnostics last "
            "winter, still ran unpatched firmware, leaving them exposed to remote tampering.")
    found = facts(text, lexicon)
    assert ("pump controllers", "hasVulnerability", "unpatched firmware") in found
    assert ("pump controllers", "exposedTo", "remote tampering") in found


def test_a_relative_clause_ending_with_a_weakness_after_a_place_phrase(lexicon: Lexicon) -> None:
    text = "Venustech said it had found 120 smart meters in Lanzhou that could be opened from the internet with default passwords."
    assert ("smart meters", "hasVulnerability", "default passwords") in facts(text, lexicon)


def test_what_attacks_reached_they_targeted(lexicon: Lexicon) -> None:
    text = ("Other intrusions reached the signalling system at a metro depot in Wuhan and the ticketing platform of "
            "Shenzhen-based Pengcheng Transit.")
    found = facts(text, lexicon)
    assert ("intrusions", "targets", "signalling system") in found
    assert ("intrusions", "targets", "ticketing platform") in found
    found = facts("Venustech found 300 pump gateways that could be reached from the internet.", lexicon)
    assert not any(p == "targets" for _s, p, _o in found)
