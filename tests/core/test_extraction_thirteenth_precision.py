"""False suggestions removed by general rules (thirteenth session): participles used as adjectives, verbs joined by
"and", list and clause boundaries, places named inside places, ends that are no things (sentences written here, none
from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.calibration import calibrated, doubts
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.spans import Mention
from explorer.core.extraction.suggest import Suggestion, suggest_facts


def test_a_participle_after_a_determiner_or_use_describes_a_noun(lexicon: Lexicon) -> None:
    found = facts("Kunlun Chemicals said it had restored the backups and isolated the infected servers.", lexicon)
    assert not any(p == "targets" for _s, p, _o in found)
    found = facts("Engineers warned that criminals could use hijacked cameras to reach the plant's controllers.", lexicon)
    assert not any(p == "targets" for _s, p, _o in found)
    # a participle after its subject is a verb
    found = facts("In June the Qilin ransomware infected the servers of Kunlun Chemicals.", lexicon)
    assert any(p == "targets" for _s, p, _o in found)


def test_a_verb_after_and_shares_the_subject_of_the_passive_before_it(lexicon: Lexicon) -> None:
    found = facts("The Qilin ransomware, which spread through USB sticks, was aimed at payroll servers and encrypted 40 "
                  "office laptops.", lexicon)
    assert ("Qilin ransomware", "targets", "office laptops") in found
    assert not any(s == "payroll servers" for s, _p, _o in found)


def test_a_modal_after_comma_and_shares_the_clause_subject(lexicon: Lexicon) -> None:
    found = facts("Sinotruk said it had moved its fleet data in-house, to its own data centre in Jinan, and would require "
                  "dealers to pass an annual penetration test.", lexicon)
    assert ("Sinotruk", "callsFor", "annual penetration test") in found
    assert not any(s == "data centre" and p != "locatedIn" for s, p, _o in found)


def test_a_company_partly_owned_by_another_has_it_for_a_shareholder(lexicon: Lexicon) -> None:
    found = facts("Liaoning Hongyan Nuclear Power Co, which is controlled by China General Nuclear Power Group (CGN) and "
                  "partly owned by State Power Investment, runs the reactors.", lexicon)
    assert ("Liaoning Hongyan Nuclear Power Co", "ownedBy", "State Power Investment") in found
    assert not any(p == "operatedBy" or s == "CGN" for s, p, _o in found)
    # a site owned outright is run by its owner
    found = facts("The Weifang mine is owned by Shandong Energy.", lexicon)
    assert ("Weifang mine", "operatedBy", "Shandong Energy") in found


def test_one_thing_at_both_ends_states_nothing(lexicon: Lexicon) -> None:
    found = facts("The Jiangxi Pharmacy Association, a unit of the Jiangxi Academy of Medical Sciences, said test labs at "
                  "Nanchang Hospital and at the Jiangxi Academy of Medical Sciences also joined the drill.", lexicon)
    assert not any(s == o for s, _p, o in found)
    assert ("Jiangxi Pharmacy Association", "subsidiaryOf", "Jiangxi Academy of Medical Sciences") in found


def test_a_span_of_time_is_no_end(lexicon: Lexicon) -> None:
    found = facts("CNCERT warned two weeks later of the risk of remote valve manipulation.", lexicon)
    assert not any("week" in o for _s, _p, o in found)


def test_as_part_of_names_a_role_not_an_organizations_part(lexicon: Lexicon) -> None:
    found = facts("Ganzhou Water Authority, which supervises the reservoirs as part of the wider Gan River basin, signed a "
                  "deal with Huawei.", lexicon)
    assert not any(p == "subOrganizationOf" for _s, p, _o in found)
    found = facts("The Ganzhou Water Authority is part of the Jiangxi Water Resources Department.", lexicon)
    assert any(p == "subOrganizationOf" for _s, p, _o in found)


def test_who_hosts_a_thing_on_a_cloud_is_not_its_host(lexicon: Lexicon) -> None:
    found = facts("Sinopec hosts the billing system on Alibaba Cloud.", lexicon)
    assert not any(p == "hosts" and s == "Sinopec" for s, p, _o in found)
    assert ("billing system", "runsOn", "Alibaba Cloud") in found
    found = facts("Alibaba Cloud hosts the billing system of Sinopec.", lexicon)
    assert ("Alibaba Cloud", "hosts", "billing system") in found


def test_examples_belong_to_a_kind_in_their_own_clause(lexicon: Lexicon) -> None:
    found = facts("In a study published in May, Venustech said it had found 900 PLCs in Hebei, including Siemens "
                  "controllers and Delta drives, that were exposed to the internet.", lexicon)
    assert not any(p == "exampleOf" and o == "study" for _s, p, o in found)


def test_which_it_attributed_to_leaves_the_pronoun_out_of_the_fact(lexicon: Lexicon) -> None:
    found = facts("Venustech logged scans of the valves from servers in Laos, which it attributed to a gang it tracks as "
                  "Jade Viper.", lexicon)
    assert not any(p == "attributedTo" and s == "Venustech" for s, p, _o in found)
    found = facts("Venustech logged a scanning campaign against the valves, which it attributed to Jade Viper.", lexicon)
    assert ("scanning campaign", "attributedTo", "Jade Viper") in found


def _confidence(found: list[Suggestion], subject: str, predicate: str) -> float:
    [fact] = [s for s in found if (s.subject.label or s.subject.text) == subject and s.predicate.endswith(predicate)]
    return fact.confidence


def test_confidence_tells_how_much_the_reading_guessed(lexicon: Lexicon) -> None:
    # a person named, the trade's words, an organization named: no guess, trusted from 0.7 up
    found = suggest_facts("Zhang Lei, an engineer at Sany Heavy Industry, said the cranes were safe.", lexicon)
    assert _confidence(found, "Zhang Lei", "affiliatedWith") >= 0.7
    # a bare plural linked to a place by "in": three doubts, under 0.5
    found = suggest_facts("The gang, which had earlier hit logistics firms in Southeast Asia, encrypted the depot's servers.",
                          lexicon)
    assert _confidence(found, "logistics firms", "basedIn") < 0.5


def test_doubts_are_counted_from_the_reading() -> None:
    def mention(start: int, text: str, via: str) -> Mention:
        return Mention(start, start + len(text), text, None, None, text, via)

    named = mention(0, "Sinopec", "name"), mention(20, "Huawei", "name")
    assert doubts(*named, "partnered with", 8, 19) == 0
    assert calibrated(0.75, *named, "partnered with", 8, 19) == 0.85
    described = mention(0, "refineries", "phrase"), mention(14, "Ningbo", "name")
    assert doubts(*described, "in", 11, 13) == 3  # a bare preposition, a described subject, a bare plural
    assert calibrated(0.9, *described, "in", 11, 13) == 0.45
    counted = mention(0, "300 refineries", "phrase"), mention(18, "Ningbo", "name")
    assert doubts(*counted, "in", 15, 17) == 2
    assert calibrated(0.9, *counted, "in", 15, 17) == 0.69


def test_a_relative_listing_members_runs_to_a_kind_at_the_lists_end(lexicon: Lexicon) -> None:
    found = facts("The Gansu Logistics Association, whose 96 members include Lanzhou Freight, Jinchuan Trucking and dozens of "
                  "village cooperatives, has set up a task group with Huawei.", lexicon)
    assert not any(p == "established" and s in ("Jinchuan Trucking", "village cooperatives") for s, p, _o in found)
    assert ("Lanzhou Freight", "memberOf", "Gansu Logistics Association") in found
    # a kind in the plural among the members is a group of members, not one member
    assert ("village cooperatives", "memberGroupOf", "Gansu Logistics Association") in found
    found = facts("Haier and Gree are members of the Qingdao Industrial Internet Alliance.", lexicon)
    assert ("Gree", "memberOf", "Qingdao Industrial Internet Alliance") in found


def test_a_second_relative_after_and_which_has_the_first_ones_antecedent(lexicon: Lexicon) -> None:
    found = facts("Zhang said Sinotruk is a member of the Gansu Logistics Alliance, which the Gansu Transport Federation set "
                  "up in 2021 with China Telecom and which counts 120 members.", lexicon)
    assert ("Gansu Logistics Alliance", "hasMemberGroup", "120 members") in found
    assert not any(s == "China Telecom" and p == "hasMemberGroup" for s, p, _o in found)


def test_a_verbs_object_is_not_a_name_past_a_possessed_phrase(lexicon: Lexicon) -> None:
    found = facts("The apps run on Yunhe, the bureau's cloud platform, which is housed in the operator's backup data centre "
                  "in Lanzhou.", lexicon)
    assert not any(s == "Yunhe" and o == "Lanzhou" for s, _p, o in found)
    assert ("backup data centre", "locatedIn", "Lanzhou") in found


def test_a_technology_before_based_is_no_seat(lexicon: Lexicon) -> None:
    found = facts("Tsinghua University has set up a joint laboratory with the group to study 5G-based machine monitoring.",
                  lexicon)
    assert not any(p == "basedIn" for _s, p, _o in found)
    found = facts("Goertek, a Weifang-based maker of earphones, opened a plant.", lexicon)
    assert ("Goertek", "basedIn", "Weifang") in found
