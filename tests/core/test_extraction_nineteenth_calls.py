"""Actions a speaker orders, urges or requires, named whole as the writers' brief asks; member groups counted in a
members list; and one fact stated once (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.calls_for import whole_actions
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.extraction.suggest import suggest_facts


def _calls(text: str, lexicon: Lexicon) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text, lexicon) if p == "callsFor"}


def _actions(text: str, first_verb: str) -> list[str]:
    return [text[start:end] for start, end in whole_actions(text, text.index(first_verb))]


def test_each_action_runs_to_the_next_verb_and_keeps_what_completes_it() -> None:
    text = ("urged makers to change default passwords, keep cameras on isolated network slices and patch firmware promptly, "
            "and urged vendors to stop.")
    assert _actions(text, "change") == ["change default passwords", "keep cameras on isolated network slices",
                                        "patch firmware promptly"]
    # "and" between nouns stays inside the action; "or" between verbs too; a verb with a particle starts one
    text = "ordered mills to separate AGV and sensor traffic from office systems and patch or replace old gateways by June."
    assert _actions(text, "separate") == ["separate AGV and sensor traffic from office systems",
                                          "patch or replace old gateways by June"]
    text = "urged sellers to separate production and office networks and turn on two-factor authentication for all accounts."
    assert _actions(text, "separate") == ["separate production and office networks",
                                          "turn on two-factor authentication for all accounts"]


def test_a_clause_ends_an_action_and_the_next_addressee_ends_the_list() -> None:
    text = "urged clinics to inspect vendors' laptops before they are plugged in and to keep offline backups."
    assert _actions(text, "inspect") == ["inspect vendors' laptops", "keep offline backups"]
    text = "called on vendors to sign their firmware and on plants to separate crane traffic from office traffic."
    assert _actions(text, "sign") == ["sign their firmware"]
    # no verb, no action: "to the ministry"
    assert _actions("sent the report to the ministry.", "the ministry") == []


def test_an_order_calls_for_each_action_with_its_devices_and_its_date(lexicon: Lexicon) -> None:
    text = ("The Qinghai Communications Administration has since ordered operators and mine owners to replace default "
            "credentials on all industrial gateways within 90 days and to report incidents within 24 hours.")
    assert _calls(text, lexicon) == {
        ("Qinghai Communications Administration", "replace default credentials on all industrial gateways within 90 days"),
        ("Qinghai Communications Administration", "report incidents within 24 hours")}


def test_the_addressees_may_be_described_at_length(lexicon: Lexicon) -> None:
    text = ("The Ministry of Industry and Information Technology (MIIT) has since ordered operators of 5G factory networks "
            "to separate machine-tool traffic from office systems by the end of the year.")
    called = {o for _s, o in _calls(text, lexicon)}
    assert called == {"separate machine-tool traffic from office systems by the end of the year"}
    text = "The Jilin Health Commission told hospitals offering remote surgery to keep surgical robots on isolated slices."
    assert ("Jilin Health Commission", "keep surgical robots on isolated slices") in _calls(text, lexicon)


def test_a_requirement_and_the_next_urging_of_the_same_speaker(lexicon: Lexicon) -> None:
    text = ("The Gansu Energy Bureau has since required plants on 5G networks to separate production networks from office "
            "networks, and urged alliance members to audit remote access by suppliers.")
    called = {o for _s, o in _calls(text, lexicon)}
    assert called == {"separate production networks from office networks", "audit remote access by suppliers"}


def test_what_is_to_be_required_offered_or_used_with_is_the_measure(lexicon: Lexicon) -> None:
    text = "The Hebei Communications Administration told operators to require two-factor authentication for remote access."
    assert {o for _s, o in _calls(text, lexicon)} == {"two-factor authentication"}
    text = "Antiy urged hospitals to replace shared passwords with multi-factor authentication."
    assert {o for _s, o in _calls(text, lexicon)} == {"multi-factor authentication"}


def test_a_counted_group_listed_as_members_is_a_group_of_members_once(lexicon: Lexicon) -> None:
    found = facts("The Ningxia 5G Alliance, whose members include 41 coal mines and 12 power plants, met in June.", lexicon)
    groups = {(s, p, o) for s, p, o in found if p in ("hasMemberGroup", "memberGroupOf")}
    assert {frozenset((s, o)) for s, _p, o in groups} == {frozenset(("Ningxia 5G Alliance", "41 coal mines")),
                                                           frozenset(("Ningxia 5G Alliance", "12 power plants"))}
    assert len(groups) == 2  # each group once, in one direction
    assert not any(p == "hasMember" for _s, p, _o in found)


def test_one_fact_read_both_ways_is_suggested_once(lexicon: Lexicon) -> None:
    suggestions = suggest_facts("China Mobile's Hunan branch built the network at the Changsha plant.", lexicon)
    branch = [s for s in suggestions if {s.subject.text, s.object.text} >= {"China Mobile"}
              and s.predicate.rsplit("#", 1)[-1] in ("hasBranch", "branchOf")]
    assert len(branch) == 1


def test_a_network_generation_before_a_noun_opens_a_thing(lexicon: Lexicon) -> None:
    names = [m.text for m in MentionFinder(lexicon, []).find("The bureau wanted 5G sensors and traceability codes.")]
    assert "5G sensors" in names and "traceability codes" in names
    names = [m.text for m in MentionFinder(lexicon, []).find("The robots run on 5G in the plant.")]
    assert "5G" in names


def test_a_carrier_builds_the_network_it_switches_on_and_a_company_runs_its_own(lexicon: Lexicon) -> None:
    found = facts("China Unicom Hebei switched on a private 5G network at the plant last year.", lexicon)
    assert ("China Unicom Hebei", "built", "private 5G network") in found
    found = facts("Muyuan Foods has switched on a 5G private network at its largest farms in Nanyang.", lexicon)
    assert ("Muyuan Foods", "operates", "5G private network") in found
    assert not any(p == "built" and s == "Muyuan Foods" for s, p, _o in found)


def test_a_thing_listed_after_a_maker_named_by_by_is_the_outer_verbs_object(lexicon: Lexicon) -> None:
    found = facts("The branch installed 42 base stations supplied by Huawei and an edge computing node for the project.",
                  lexicon)
    assert ("branch", "built", "edge computing node") in found
    assert not any(o == "edge computing node" and p in ("builtBy", "built") and s != "branch" for s, p, o in found)


def test_the_name_after_an_owners_word_for_it_is_the_object(lexicon: Lexicon) -> None:
    found = facts("The Deyang plant, run by the group's subsidiary Dongfang Turbine, makes rotors.", lexicon)
    assert ("Deyang plant", "operatedBy", "Dongfang Turbine") in found or \
        ("Dongfang Turbine", "operates", "Deyang plant") in found
    assert not any(p in ("operatedBy", "operates") and "group" in (s, o) for s, p, o in found)


def test_a_named_district_of_a_city_lies_in_it(lexicon: Lexicon) -> None:
    found = facts("The flower market sits in Chenggong district of Kunming.", lexicon)
    assert ("Chenggong district", "locatedIn", "Kunming") in found


def test_no_subject_is_taken_from_before_a_semicolon(lexicon: Lexicon) -> None:
    found = facts("Each platform carries a feeding robot that reads currents and the appetite of the fish; the robots are made "
                  "by Fujian Haiyi Intelligent Equipment.", lexicon)
    assert not any(p in ("builtBy", "built") and "appetite" in (s, o) for s, p, o in found)


def test_a_medium_before_based_is_no_place(lexicon: Lexicon) -> None:
    found = facts("KIFA put the platform behind a cloud-based DDoS protection service run by Hangzhou-based Dahua.", lexicon)
    assert not any(p == "basedIn" and o == "cloud" for _s, p, o in found)
    assert ("Dahua", "basedIn", "Hangzhou") in found


def test_two_firms_developing_a_thing_jointly_build_it_and_are_partners(lexicon: Lexicon) -> None:
    found = facts("Huawei and KIFA are meanwhile jointly developing a grading system.", lexicon)
    assert {("Huawei", "built", "grading system"), ("KIFA", "built", "grading system")} <= found
    assert ("Huawei", "partneredWith", "KIFA") in found


def test_a_noun_that_only_ends_in_ing_keeps_its_phrase(lexicon: Lexicon) -> None:
    names = [m.text for m in MentionFinder(lexicon, []).find("Police blamed a counterfeiting ring operating out of Guangzhou.")]
    assert "counterfeiting ring" in names
