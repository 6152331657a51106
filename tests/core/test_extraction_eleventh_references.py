"""What a description stands for, by its head noun and its class (eleventh session; sentences written here, none
from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.extraction.sentences import split_sentences


def _read(text: str, lexicon: Lexicon) -> dict[str, str]:
    """Each description or pronoun of the text (as written) and what it was read as."""
    finder = MentionFinder(lexicon)
    out: dict[str, str] = {}
    subject = None  # as suggest_facts passes it: the first mention of the sentence before that names something
    for sentence in split_sentences(text):
        mentions = finder.find(sentence.text, subject)
        for mention in mentions:
            if mention.via in ("definite", "pronoun"):
                out[mention.text] = mention.label or mention.iri or ""
        subject = next((m for m in mentions if m.via not in ("cue", "phrase") or m.cls is not None), subject)
    return out


def test_the_province_is_a_province_named_before_even_inside_a_name(lexicon: Lexicon) -> None:
    # "Shouguang" was named after "in" last; it is no province, the province is Shandong of the operator's branch
    text = ("China Unicom's Shandong branch has wired a greenhouse cluster in Shouguang. "
            "The branch says it has built 900 base stations across the province.")
    assert _read(text, lexicon)["the province"] == "Shandong"


def test_the_province_is_none_where_no_province_was_named(lexicon: Lexicon) -> None:
    text = "Lingang Robotics opened a plant in Wenling. It now exports drones from the province."
    assert "the province" not in _read(text, lexicon)


def test_a_district_named_after_in_is_not_the_city(lexicon: Lexicon) -> None:
    text = ("In Foshan, Midea runs a 5G plant. Its rival Galanz built a line in Nanhai district and a depot in Lishui. "
            "Exporters in the city say 5G cut costs.")
    assert _read(text, lexicon).get("the city") == "Foshan"


def test_a_compound_description_is_headed_by_its_last_noun(lexicon: Lexicon) -> None:
    # "the port group" is the group named before with "port" and "group" in its name, not a port
    found = facts("Tianjin Port Holdings Group moved its cranes onto 5G. The Dongjiang terminal, which is run by "
                  "Dongjiang Logistics, a subsidiary of the port group, now uses driverless trucks.", lexicon)
    assert ("Dongjiang Logistics", "subsidiaryOf", "Tianjin Port Holdings Group") in found \
        or ("Tianjin Port Holdings Group", "hasSubsidiary", "Dongjiang Logistics") in found


def test_a_class_word_that_modifies_an_agent_noun_is_no_thing_of_its_class(lexicon: Lexicon) -> None:
    # "the port operator" is an operator: no port joins an alliance
    text = ("Rizhao Port said its Lanshan terminal runs on 5G. Sinotrans and the port operator have both joined the "
            "Shandong 5G Alliance.")
    found = facts(text, lexicon)
    assert not any(o == "Shandong 5G Alliance" and s in ("port", "Rizhao Port") and p == "memberOf" for s, p, o in found)
    assert ("port operator", "memberOf", "Shandong 5G Alliance") in found


def test_a_trade_description_takes_the_one_its_sentence_called_so(lexicon: Lexicon) -> None:
    # "the supplier" is the supplier named earlier in its own sentence, not the security firm of the sentence before
    text = ("Qi An Xin, a security firm, published a report on Monday. In June malware hit a Wenzhou-based supplier of "
            "valves and encrypted the supplier's design servers.")
    assert _read(text, lexicon)["the supplier"] == "Wenzhou-based supplier"


def test_the_company_said_after_a_clause_is_the_subject_of_known_kind(lexicon: Lexicon) -> None:
    # the partner named last has no known kind; the subject is a group (a company): "the company" is the subject
    text = "Zhuhai Port Group has linked its cranes to a network built by China Telecom and Ruijie, the company said."
    assert _read(text, lexicon)["company"] == "Zhuhai Port Group"


def test_a_sites_belongings_stand_in_the_site_a_description_refers_to(lexicon: Lexicon) -> None:
    found = facts("Chery opened a paint plant in Wuhu last year. The network links the plant's spray booths to a "
                  "control room.", lexicon)
    assert ("spray booths", "locatedIn", "paint plant") in found


def test_an_owners_money_or_people_stand_nowhere(lexicon: Lexicon) -> None:
    found = facts("Chery opened a paint plant in Wuhu last year. Officials praised the plant's workers and the "
                  "plant's output.", lexicon)
    assert not any(p == "locatedIn" and o == "paint plant" for _s, p, o in found)


def test_its_lab_is_a_site_the_owner_runs_not_an_institute(lexicon: Lexicon) -> None:
    found = facts("Harbin Institute of Technology tested 40 gateways at its lab in Harbin in May.", lexicon)
    assert ("Harbin Institute of Technology", "operates", "lab") in found


def test_its_site_is_no_list_members(lexicon: Lexicon) -> None:
    # "its" after a list of two is neither of theirs: no one of the list runs the plant
    found = facts("Gree said China Telecom's Zhuhai branch and Nokia had fitted 5G at its compressor plant.", lexicon)
    assert ("China Telecom's Zhuhai branch", "operates", "compressor plant") not in found


def test_a_singular_description_is_none_of_a_plural_named_before(lexicon: Lexicon) -> None:
    # "the station" is the power station, not the "base stations" named since
    text = ("Datang runs the Pubugou power station in Sichuan. Its network uses base stations from ZTE. "
            "Robots now patrol the station.")
    assert _read(text, lexicon)["the station"] == "Pubugou power station"


def test_the_company_is_the_name_the_text_opened_on_over_its_parent(lexicon: Lexicon) -> None:
    # the subsidiary opened the text, its parent group was named in passing: "the company" is the subsidiary
    text = ("Guodian Yunnan Power, a subsidiary of China Energy Investment Group, has wired the Xiaowan dam. "
            "The network covers the spillway. Drones fly to a hangar that the company built last year.")
    assert _read(text, lexicon)["the company"] == "Guodian Yunnan Power"


def test_it_in_what_a_body_says_is_that_body(lexicon: Lexicon) -> None:
    # not the subject of the sentence before, nor the routers named in between
    text = ("The provincial bureau ordered audits of 5G factories. Tianjin Port Group said its routers are patched and "
            "that it plans to open a security centre.")
    assert _read(text, lexicon)["it"] == "Tianjin Port Group"
    found = facts("Sinopec Qilu said on Monday it had built a 5G private network.", lexicon)
    assert ("Sinopec Qilu", "built", "5G private network") in found


def test_the_attack_is_the_intrusion_its_sentence_named_not_a_firm(lexicon: Lexicon) -> None:
    text = ("In May an intrusion at a glass plant halted its kilns, according to security firm Antiy, which traced the "
            "attack to a criminal gang.")
    assert _read(text, lexicon)["attack"] == "intrusion"


def test_its_after_a_described_name_is_the_named_company_not_its_description(lexicon: Lexicon) -> None:
    # the apposition describes the name; "its" belongs to the name, not to a new "pump-making unit"
    text = ("Hualong Pumps, the pump-making arm of state-owned Kaiyuan Heavy Industries, has started running a 5G "
            "network at its final-assembly plant in Xiangtan.")
    found = facts(text, lexicon)
    assert ("Hualong Pumps", "operates", "final-assembly plant") in found
    assert not any(subject == "pump-making arm" for subject, _, _ in found)


def test_its_after_a_name_with_no_apposition_stays_the_name(lexicon: Lexicon) -> None:
    found = facts("Hualong Pumps has switched on a 5G network at its casting plant in Xiangtan.", lexicon)
    assert ("Hualong Pumps", "operates", "casting plant") in found
