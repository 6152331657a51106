"""Properties chosen by the subject's class, a company's seat, and words the patterns lacked
(sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_developed_by_a_maker_builds_anything_but_a_standard(lexicon: Lexicon) -> None:
    found = facts("The welding line uses a vision system developed by Hikvision.", lexicon)
    assert ("vision system", "builtBy", "Hikvision") in found
    assert not any(p == "developedBy" for _s, p, _o in found)


def test_a_company_in_a_place_is_based_there_and_a_lab_stands_there(lexicon: Lexicon) -> None:
    found = facts("The order went to a logistics company in Kunming.", lexicon)
    assert ("logistics company", "basedIn", "Kunming") in found
    assert not any(p == "locatedIn" for _s, p, _o in found)
    found = facts("The province opened a robotics laboratory in Kunming.", lexicon)
    assert not any(p == "basedIn" for _s, p, _o in found)


def test_a_deal_signed_with_a_company_is_a_partnership(lexicon: Lexicon) -> None:
    found = facts("Guangxi Liugong Group signed a deal with Nokia last spring.", lexicon)
    assert ("Guangxi Liugong Group", "partneredWith", "Nokia") in found


def test_an_incident_that_halted_a_company_affected_it(lexicon: Lexicon) -> None:
    found = facts("Last year, a network incident halted Yunnan Copper Group for a week.", lexicon)
    assert ("network incident", "affected", "Yunnan Copper Group") in found


def test_an_opening_place_puts_no_partner_or_maker_there(lexicon: Lexicon) -> None:
    found = facts("In Liuzhou, Guangxi Liugong Group signed a deal with Ericsson to connect its loaders.", lexicon)
    assert ("Guangxi Liugong Group", "partneredWith", "Ericsson") in found
    assert not any(s == "Ericsson" and p in ("locatedIn", "basedIn") for s, p, _o in found)
    found = facts("In Qujing, a tyre maker, Linglong Tyre, runs its mixers on a platform built by Kunming-based Yunke Software.",
                  lexicon)
    assert not any(p == "locatedIn" and o == "Qujing" and s in ("Kunming", "Yunke Software") for s, p, o in found)


def test_a_region_of_a_named_place_is_named_with_it(lexicon: Lexicon) -> None:
    found = facts("Phishing crews had targeted at least 30 hospitals in southwestern Yunnan.", lexicon)
    assert ("phishing crews", "targets", "at least 30 hospitals") in found
    # a side of a Chinese province is read as the province (fifteenth session: the newer keys write "Tangshan in northern
    # Hebei province" as located in Hebei province, "Xuzhou in northern Jiangsu" in Jiangsu); a side of a country stays whole
    assert ("at least 30 hospitals", "locatedIn", "Yunnan") in found
    assert not any(o == "southwestern Yunnan" for _s, _p, o in found)
    assert ("at least 30 hospitals", "locatedIn", "southwestern China") in facts(
        "Phishing crews had targeted at least 30 hospitals in southwestern China.", lexicon)


def test_a_quantity_in_words_opens_a_phrase(lexicon: Lexicon) -> None:
    found = facts("Jilin Chemical Group owns a dozen other refineries in the province.", lexicon)
    assert ("Jilin Chemical Group", "operates", "a dozen other refineries") in found
    found = facts("Yunnan Copper Group runs three smelters near Kunming.", lexicon)
    assert ("Yunnan Copper Group", "operates", "three smelters") in found


def test_a_supplier_in_a_place_is_a_company_based_there(lexicon: Lexicon) -> None:
    found = facts("The outage hit a glass supplier in Liuzhou.", lexicon)
    assert ("glass supplier", "basedIn", "Liuzhou") in found


def test_a_name_right_after_the_verb_is_its_object(lexicon: Lexicon) -> None:
    found = facts("The bureau signed a cooperation agreement with Ericsson to serve small manufacturers in Nanning.", lexicon)
    assert ("Ericsson", "partneredWith", "bureau") in found or ("bureau", "partneredWith", "Ericsson") in found
    assert not any(p == "partneredWith" and "manufacturers" in o for _s, p, o in found)


def test_a_site_called_its_own_after_of_or_a_verb_is_operated(lexicon: Lexicon) -> None:
    found = facts("Guilin Rubber Group has tied the mixers of its main plant in Guilin to the cloud.", lexicon)
    assert ("Guilin Rubber Group", "operates", "main plant") in found
    assert ("main plant", "locatedIn", "Guilin") in found
    found = facts("In Liuzhou, Liugong signed a deal with Ericsson to modernise its loader plant.", lexicon)
    assert ("Liugong", "operates", "loader plant") in found
    assert ("loader plant", "locatedIn", "Liuzhou") in found
    # a possession of no site kind is no site
    found = facts("Liugong doubled the size of its sales team.", lexicon)
    assert not any(p == "operates" for _s, p, _o in found)


def test_a_relative_clause_whose_verb_follows_its_subject_has_the_thing_before_that_as_object(lexicon: Lexicon) -> None:
    found = facts("The mixers feed a 5G network that China Unicom built last year.", lexicon)
    assert ("China Unicom", "built", "5G network") in found
    found = facts("The mixers feed a 5G network that China Unicom built the towers for.", lexicon)
    assert ("China Unicom", "built", "5G network") not in found


def test_a_description_of_a_company_refers_to_the_last_one_named(lexicon: Lexicon) -> None:
    found = facts("Jilin Chemical Group has connected its Siping plant. The miner worked with Huawei on the project.", lexicon)
    assert ("Jilin Chemical Group", "partneredWith", "Huawei") in found


def test_a_trigger_word_inside_what_is_made_is_a_noun(lexicon: Lexicon) -> None:
    found = facts("Baiyin Group, which makes steel roof supports for tunnels, joined the alliance.", lexicon)
    assert not any(p == "supports" for _s, p, _o in found)
    assert ("Baiyin Group", "memberOf", "alliance") in found
    found = facts("Baiyin Group supports local tunnels.", lexicon)
    assert ("Baiyin Group", "supports", "local tunnels") in found


def test_a_participle_with_by_describes_what_it_follows_even_after_a_preposition(lexicon: Lexicon) -> None:
    found = facts("Yunnan Tin is running its smelters on a cloud platform built by Inspur.", lexicon)
    assert ("cloud platform", "builtBy", "Inspur") in found
    assert ("smelters", "builtBy", "Inspur") not in found


def test_a_verb_and_its_preposition_split_by_the_subject(lexicon: Lexicon) -> None:
    found = facts("Yunnan Tin is running its smelters on a cloud platform built by Inspur.", lexicon)
    assert ("smelters", "runsOn", "cloud platform") in found


def test_an_opening_place_does_not_place_a_platform(lexicon: Lexicon) -> None:
    found = facts("In Qujing, a tyre maker, Linglong Tyre, is running its mixers on a cloud platform built by Inspur.", lexicon)
    assert not any(s == "cloud platform" and p == "locatedIn" for s, p, _o in found)


def test_a_count_may_end_on_a_word_that_opens_a_pattern(lexicon: Lexicon) -> None:
    found = facts("The Jilin alliance, set up in 2019, counts more than 150 members, from foundries to banks.", lexicon)
    assert ("Jilin alliance", "hasMemberGroup", "more than 150 members") in found


def test_what_is_left_open_to_a_threat_is_exposed_and_the_speaker_before_an_apposition_warns(lexicon: Lexicon) -> None:
    found = facts("Zhao Lei, an engineer at Jilin University, said many of the networked robots still use old firmware, "
                  "which leaves them open to ransomware.", lexicon)
    assert ("networked robots", "exposedTo", "ransomware") in found
    assert ("Zhao Lei", "warnsOf", "ransomware") in found
    assert ("Jilin University", "warnsOf", "ransomware") not in found


def test_a_passive_after_and_takes_the_sentence_subject_and_ends_the_first_verbs_object(lexicon: Lexicon) -> None:
    found = facts("The platform hosts planning software for about 500 small workshops and is run by a state-owned data "
                  "company in Changchun.", lexicon)
    assert ("platform", "operatedBy", "state-owned data company") in found
    assert not any(p == "operatedBy" and "workshops" in s for s, p, _o in found)
    assert ("platform", "hosts", "state-owned data company") not in found


def test_a_counted_group_of_companies_in_a_place_is_based_there(lexicon: Lexicon) -> None:
    found = facts("Hackers had targeted at least 40 manufacturers in northern Jilin.", lexicon)
    assert ("at least 40 manufacturers", "basedIn", "Jilin") in found  # the province a side of it names (fifteenth session)


def test_members_among_its_members_belong_to_the_organization_named_before(lexicon: Lexicon) -> None:
    found = facts("The Jilin Commission founded the Jilin Robotics Alliance in 2020, and China Mobile and Jilin University "
                  "were among its first members.", lexicon)
    assert ("China Mobile", "memberOf", "Jilin Robotics Alliance") in found
    assert ("Jilin University", "memberOf", "Jilin Robotics Alliance") in found
    assert not any(o == "Jilin Commission" and p == "memberOf" for _s, p, o in found)


def test_what_a_site_is_equipped_with_stands_there(lexicon: Lexicon) -> None:
    found = facts("Jilin Chemical Group has equipped its Siping plant in Siping with a 5G private network.", lexicon)
    assert ("5G private network", "locatedIn", "Siping plant") in found
    assert ("Jilin Chemical Group", "operates", "Siping plant") in found


def test_people_named_by_a_place_named_before_call_for_what_follows_the_infinitive(lexicon: Lexicon) -> None:
    found = facts("The Jilin Communications Administration met plant owners. Jilin officials have urged companies to keep "
                  "offline backups.", lexicon)
    assert ("Jilin officials", "callsFor", "keep offline backups") in found
    found = facts("The Jilin Industry Alliance met. Security researchers have urged companies to keep offline backups.", lexicon)
    assert not any(s == "Security researchers" for s, _p, _o in found)


def test_one_attack_is_an_incident_that_affects(lexicon: Lexicon) -> None:
    found = facts("Last year, a ransomware attack halted Yunnan Copper Group for a week.", lexicon)
    assert ("ransomware attack", "affected", "Yunnan Copper Group") in found
