"""Cyber-risk sentences of the ninth session: weaknesses held, things left exposed, warnings, calls for measures,
incidents and reports (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_verb_of_having_gives_the_thing_its_weakness(lexicon: Lexicon) -> None:
    found = facts("Wei Lan, an engineer at Harbin Institute of Technology, said boiler sensors in many plants often ship "
                  "with weak passwords.", lexicon)
    assert ("boiler sensors", "hasVulnerability", "weak passwords") in found
    assert not any(p == "hasVulnerability" and s == "many plants" for s, p, _o in found)
    # a weakness stated is no threat warned of
    assert not any(p == "warnsOf" for _s, p, _o in found)


def test_a_relative_pronoun_stands_for_what_has_the_weakness(lexicon: Lexicon) -> None:
    found = facts("The kilns are watched by smart meters, some of which run outdated firmware, said Qiu Ming, a lecturer at "
                  "Tongji University.", lexicon)
    assert ("smart meters", "hasVulnerability", "outdated firmware") in found
    found = facts("Investigators found pump controllers that still use default credentials.", lexicon)
    assert ("pump controllers", "hasVulnerability", "default credentials") in found


def test_a_weakness_in_a_thing_is_the_things(lexicon: Lexicon) -> None:
    found = facts("Auditors found hard-coded passwords and a serious flaw in the gateway software of the pumping station.",
                  lexicon)
    assert ("gateway software", "hasVulnerability", "hard-coded passwords") in found
    assert ("gateway software", "hasVulnerability", "serious flaw") in found


def test_what_a_verb_of_leaving_leaves_exposed(lexicon: Lexicon) -> None:
    found = facts("Cheap links have left dredging pumps and ballast valves exposed to ransomware, warned Fang Jie, an analyst at "
                  "Venustech.", lexicon)
    assert ("dredging pumps", "exposedTo", "ransomware") in found
    assert ("ballast valves", "exposedTo", "ransomware") in found
    assert ("Fang Jie", "warnsOf", "ransomware") in found
    assert not any(p == "exposedTo" and s == "Cheap links" for s, p, _o in found)


def test_a_pronoun_left_exposed_is_the_clauses_subject(lexicon: Lexicon) -> None:
    found = facts("Ma Lin, a researcher at Venustech, warned that loading arms at the terminal still run with default "
                  "passwords, leaving them vulnerable to sabotage.", lexicon)
    assert ("loading arms", "exposedTo", "sabotage") in found
    assert ("loading arms", "hasVulnerability", "default passwords") in found
    assert ("Ma Lin", "warnsOf", "sabotage") in found
    assert not any(s.startswith("leaving") or s == "terminal" for s, _p, _o in found)


def test_a_quantified_thing_is_what_is_exposed(lexicon: Lexicon) -> None:
    found = facts('"If one camera falls, every sorter behind it is exposed to malware," Pan Yu said.', lexicon)
    assert ("sorter", "exposedTo", "malware") in found


def test_each_measure_a_call_lists(lexicon: Lexicon) -> None:
    found = facts("Wu Hao, an analyst at Venustech, called for encrypted control links and a central register of exposed "
                  "devices.", lexicon)
    assert ("Wu Hao", "callsFor", "encrypted control links") in found
    assert ("Wu Hao", "callsFor", "central register of exposed devices") in found


def test_each_action_a_call_asks_of_others(lexicon: Lexicon) -> None:
    found = facts("Wu Hao, an analyst at Venustech, called for mill owners to separate office and plant networks and for "
                  "vendors to sign their firmware.", lexicon)
    assert ("Wu Hao", "callsFor", "separate office and plant networks") in found
    assert ("Wu Hao", "callsFor", "sign their firmware") in found
    assert not any(p == "callsFor" and o in ("mill owners", "vendors", "plant networks") for _s, p, o in found)


def test_what_a_body_would_make_mandatory_or_ask_to_add(lexicon: Lexicon) -> None:
    found = facts("The provincial energy bureau said on Monday it would make offline backups mandatory for every "
                  "substation.", lexicon)
    assert ("provincial energy bureau", "callsFor", "offline backups") in found
    found = facts("Kunlun Grid Alliance said it would ask the regulator to add penetration tests to the licence rules.", lexicon)
    assert ("Kunlun Grid Alliance", "callsFor", "penetration tests") in found
    assert not any(p == "callsFor" and o in ("licence rules", "regulator") for _s, p, o in found)


def test_one_attack_its_target_and_what_it_put_out_of_action(lexicon: Lexicon) -> None:
    found = facts("Last spring a ransomware attack on the loading system of a grain terminal in Dalian shut its conveyor "
                  "belts for three days.", lexicon)
    assert ("ransomware attack", "affected", "loading system") in found
    assert ("ransomware attack", "affected", "conveyor belts") in found
    found = facts("In May an intrusion at a paper mill in Jiaxing took its pulping lines offline for a week.", lexicon)
    assert ("intrusion", "affected", "paper mill") in found
    assert ("intrusion", "affected", "pulping lines") in found


def test_a_speaker_a_who_clause_describes_is_a_person_who_warns(lexicon: Lexicon) -> None:
    # (where the speaker works is read by appositions.person_affiliations; the person is then the one who warns)
    found = facts("Tang Rui, who leads grid security at Sinopec, warned that these pipelines were exposed to sabotage.", lexicon)
    assert ("Tang Rui", "affiliatedWith", "Sinopec") in found
    assert ("Tang Rui", "warnsOf", "sabotage") in found


def test_a_description_before_a_name_and_a_report_opening_the_sentence(lexicon: Lexicon) -> None:
    found = facts("The breach was found by Hangzhou-based security firm DBAPPSecurity last week.", lexicon)
    assert ("DBAPPSecurity", "basedIn", "Hangzhou") in found
    assert not any(p == "basedIn" and s != "DBAPPSecurity" for s, p, _o in found)
    found = facts("In a report released in June, Venustech said it had counted 300 exposed controllers.", lexicon)
    assert ("Venustech", "published", "report") in found


def test_a_second_risk_after_and_to_and_what_it_could_cause(lexicon: Lexicon) -> None:
    found = facts("Xu Bo, an engineer at Venustech, warned that these pumping stations were exposed to malware and to spoofed "
                  "valve commands that could cause floods.", lexicon)
    assert ("pumping stations", "exposedTo", "malware") in found
    assert ("pumping stations", "exposedTo", "spoofed valve commands") in found
    assert ("spoofed valve commands", "leadsTo", "floods") in found
    assert ("Xu Bo", "warnsOf", "spoofed valve commands") in found


def test_what_one_attack_was_aimed_at_or_knocked_offline_and_whom_it_was_traced_to(lexicon: Lexicon) -> None:
    found = facts("Last year a phishing campaign from foreign servers aimed at the payroll portals of a steel mill was traced "
                  "to a gang calling itself Grey Heron.", lexicon)
    assert ("phishing campaign", "targets", "payroll portals") in found
    assert ("phishing campaign", "attributedTo", "Grey Heron") in found
    assert not any(p == "attributedTo" and o == "gang" for _s, p, o in found)
    found = facts("In June a ransomware attack knocked the dispatch platform offline for a day.", lexicon)
    assert ("ransomware attack", "targets", "dispatch platform") in found
    # a kind of threat warned of is no attack aimed at anything
    found = facts("The regulator warned of malware aimed at water utilities.", lexicon)
    assert not any(p == "targets" for _s, p, _o in found)


def test_what_runs_or_has_a_weak_part_has_its_weakness(lexicon: Lexicon) -> None:
    found = facts("Inspectors said pump stations along the canal, Huai'an among them, were running software with known "
                  "flaws.", lexicon)
    assert ("pump stations", "hasVulnerability", "known flaws") in found
    found = facts("Most plants link their kilns to the cloud through cheap 4G modems with default passwords.", lexicon)
    assert ("4G modems", "hasVulnerability", "default passwords") in found


def test_a_favourite_target_is_an_exposure(lexicon: Lexicon) -> None:
    found = facts('"Cameras like these are a favourite target of botnets," said Lu Yan, an analyst at Venustech.', lexicon)
    assert ("Cameras", "exposedTo", "botnets") in found


def test_a_call_ends_where_the_subjects_next_verb_begins(lexicon: Lexicon) -> None:
    found = facts("The city bureau has called for encrypted links and plans to open a security operations centre in May.",
                  lexicon)
    assert ("city bureau", "callsFor", "encrypted links") in found
    assert not any(p == "callsFor" and "centre" in o for _s, p, o in found)


def test_an_attack_described_by_a_clause_keeps_its_own_verb(lexicon: Lexicon) -> None:
    found = facts("In March, ransomware that exploited an old flaw in a vpn appliance locked the kilns of two cement works.",
                  lexicon)
    assert ("ransomware", "affected", "kilns") in found
    assert not any(s in ("old flaw", "flaw") and p == "affected" for s, p, _o in found)
    found = facts("Last year a phishing campaign attributed to a gang calling itself Sand Viper hit the payroll systems of a "
                  "shipyard in Zhoushan.", lexicon)
    assert ("phishing campaign", "targets", "payroll systems") in found
    assert ("phishing campaign", "attributedTo", "Sand Viper") in found


def test_an_attack_attributed_with_it(lexicon: Lexicon) -> None:
    found = facts("In May a data-wiping attack disabled the servers of a logistics firm; police attributed it to a "
                  "criminal gang.", lexicon)
    assert ("data-wiping attack", "attributedTo", "criminal gang") in found


def test_an_organization_attacked_and_a_described_name_opening_the_sentence(lexicon: Lexicon) -> None:
    found = facts("Last year a ransomware attack on a hospital in Wenzhou locked its patient records for three days.", lexicon)
    assert ("ransomware attack", "affected", "hospital") in found
    assert ("ransomware attack", "affected", "patient records") in found
    found = facts("Hangzhou-based firm Hikvision said its cameras were not affected.", lexicon)
    assert ("Hikvision", "basedIn", "Hangzhou") in found
    assert not any(p == "basedIn" and s != "Hikvision" for s, p, _o in found)


def test_what_a_speaker_says_others_should_face_or_adopt(lexicon: Lexicon) -> None:
    found = facts("The zone's management committee said suppliers should face a two-week deadline to fix exposed "
                  "gateways.", lexicon)
    assert any(s.endswith("management committee") and p == "callsFor" and o == "two-week deadline" for s, p, o in found)
    assert not any(p == "callsFor" and o == "exposed gateways" for _s, p, o in found)


def test_a_weakness_denied_is_none(lexicon: Lexicon) -> None:
    found = facts("The audit found that smart meters at the plant do not use default passwords.", lexicon)
    assert not any(p == "hasVulnerability" for _s, p, _o in found)
    found = facts("Most gateways sold since 2022 no longer run outdated firmware, Xu said.", lexicon)
    assert not any(p == "hasVulnerability" for _s, p, _o in found)
