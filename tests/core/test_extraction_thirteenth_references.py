"""What a back-reference stands for (thirteenth session): "the province", "it" inside a reported or relative clause,
"the group", a shorter name, "the authority" (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.extraction.sentences import split_sentences


def _read(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """Each description or pronoun of the text (as written) and what it was read as, in reading order."""
    finder = MentionFinder(lexicon)
    out: list[tuple[str, str]] = []
    subject = None  # as suggest_facts passes it: the first mention of the sentence before that names something
    for sentence in split_sentences(text):
        mentions = finder.find(sentence.text, subject)
        out += [(m.text, m.label or m.iri or "") for m in mentions if m.via in ("definite", "pronoun")]
        subject = next((m for m in mentions if m.via not in ("cue", "phrase") or m.cls is not None), subject)
    return out


def test_the_province_is_one_named_in_its_own_sentence_over_a_foreign_one_before(lexicon: Lexicon) -> None:
    text = ("Crews from Liuzhou Wuling commissioned a line in Ontario province last spring. "
            "The Guangxi Bureau of Commerce, which backs exporters across the province, paid for the trip.")
    assert ("the province", "Guangxi") in _read(text, lexicon)


def test_the_province_named_before_stays_where_its_sentence_names_no_other(lexicon: Lexicon) -> None:
    text = ("Yulin Chemicals opened a plant in Shaanxi province. "
            "The Yulin Bureau of Industry, which backs chemical plants across the province, paid for the line.")
    assert ("the province", "Shaanxi province") in _read(text, lexicon) or ("the province", "Shaanxi") in _read(text, lexicon)


def test_it_in_what_a_speaker_reports_is_the_speaker_not_the_noun_before_it(lexicon: Lexicon) -> None:
    text = ("Robots at the Luoyang depot scan every parcel. China Unicom's Henan branch said the scans now travel over "
            "an edge server it installed at the depot in May.")
    assert [label for written, label in _read(text, lexicon) if written == "it"] == ["China Unicom's Henan branch"]


def test_it_after_an_apposition_of_the_speaker_is_the_speaker(lexicon: Lexicon) -> None:
    text = ("Ports along the Yangtze rely on remote cranes. In a study published in June, Anheng, the Hangzhou-based "
            "security firm, said it had found 52 crane controllers reachable from the internet.")
    assert [label for written, label in _read(text, lexicon) if written == "it"] == ["Anheng"]


def test_it_in_a_relative_clause_is_the_subject_who_tracks_never_the_group_tracked(lexicon: Lexicon) -> None:
    text = ("Tianrong Security traced a breach at a Wuxi foundry. "
            "The firm attributed the breach to a crew it tracks as Copper Heron, which it says sells stolen designs.")
    read = [label for written, label in _read(text, lexicon) if written == "it"]
    assert read and all(label == "Tianrong Security" for label in read)
    assert not any(label in ("crew", "Copper Heron", "breach") for label in read)


def test_it_opening_a_clause_after_a_colon_is_that_part_s_subject(lexicon: Lexicon) -> None:
    text = ("Inspectors remain cautious: in a circular last May, the Jiangsu Bureau of Ports warned that quay cranes were "
            "exposed to tampering, and it told terminals to log every remote session.")
    assert [label for written, label in _read(text, lexicon) if written == "it"] == ["Jiangsu Bureau of Ports"]


def test_a_gang_that_it_says_hit_others_is_no_warning_of_the_speaker(lexicon: Lexicon) -> None:
    text = "Anheng blamed the intrusion on Night Crane, a gang that it said had targeted two other shipyards."
    assert not any(predicate == "warnsOf" for _s, predicate, _o in facts(text, lexicon))


def test_a_shorter_name_is_the_company_named_in_full_before(lexicon: Lexicon) -> None:
    text = ("Zhejiang Tongda Machinery Group has wired its pump works in Lishui to 5G. "
            "Tongda said the network cut downtime by a fifth.")
    found = facts(text + " Tongda operates the Lishui test rig.", lexicon)
    assert any(s == "Zhejiang Tongda Machinery Group" for s, _p, _o in found)
    assert not any(s == "Tongda" for s, _p, _o in found)
    text = "Wuxi Boiler Company opened a welding line. Engineers at Wuxi Boiler built a digital twin of the line."
    assert ("Wuxi Boiler Company", "built", "digital twin") in facts(text, lexicon) \
        or ("digital twin", "builtBy", "Wuxi Boiler Company") in facts(text, lexicon)


def test_a_city_opening_a_company_s_name_stays_the_city(lexicon: Lexicon) -> None:
    text = ("Yantai Port Group runs four container berths. Most of the cargo that reaches Yantai comes from Korea.")
    finder = MentionFinder(lexicon)
    finder.find(split_sentences(text)[0].text)
    assert all(m.label != "Yantai Port Group" for m in finder.find(split_sentences(text)[1].text) if m.text == "Yantai")


def test_a_carrier_s_regional_unit_is_no_longer_name_of_the_carrier(lexicon: Lexicon) -> None:
    text = "China Telecom Hubei built the network. China Telecom and ZTE both joined the Wuhan 5G alliance."
    finder = MentionFinder(lexicon)
    finder.find(split_sentences(text)[0].text)
    assert all(m.label != "China Telecom Hubei" for m in finder.find(split_sentences(text)[1].text))


def test_the_group_stays_the_one_the_text_called_the_group(lexicon: Lexicon) -> None:
    text = ("Dalian Heavy Works Corporation, the state-owned crane maker, has moved its assembly halls onto 5G, the group "
            "said. The cranes are run by Lushun Cranes Company, a subsidiary based in Lushun. "
            "Engineers at the group's design arm wrote the control software.")
    read = [label for written, label in _read(text, lexicon) if written == "the group"]
    assert read == ["Dalian Heavy Works Corporation"]


def test_the_company_is_still_a_new_subject_not_the_one_called_the_company_before(lexicon: Lexicon) -> None:
    text = ("Changshu Textiles Co has wired its mill, the company said. Jiangnan Dyeing opened a plant in Wuxi. "
            "The company will hire 300 workers.")
    read = [label for written, label in _read(text, lexicon) if written == "The company"]
    assert read == ["Jiangnan Dyeing"]


def test_the_authority_is_the_name_of_several_words_that_ends_in_authority(lexicon: Lexicon) -> None:
    text = ("Lianyungang Port Authority signed a data deal with two shipping lines. "
            "\"Every hour at berth costs money,\" said Gao Ping, the authority's deputy director.")
    assert ("the authority", "Lianyungang Port Authority") in _read(text, lexicon)
    assert ("Gao Ping", "affiliatedWith", "Lianyungang Port Authority") in facts(text, lexicon)


def test_the_zone_is_the_development_zone_named_before(lexicon: Lexicon) -> None:
    text = ("The Jingzhou Economic Development Zone paid for the test road. "
            "\"We want the cars tested here,\" said Tang Wei, director of the zone's planning office.")
    assert ("the zone", "Jingzhou Economic Development Zone") in _read(text, lexicon)


def test_a_compound_after_the_is_a_thing_named_before_with_those_very_words(lexicon: Lexicon) -> None:
    text = ("Along the road, 30 roadside units from Wanji broadcast hazard warnings. "
            "China Unicom's Jingzhou branch provides the fibre backhaul for the roadside units.")
    assert ("the roadside units", "roadside units") in _read(text, lexicon)


def test_the_terminal_is_the_terminal_described_before_not_the_unit_that_runs_it(lexicon: Lexicon) -> None:
    text = ("Guangxi Beibu Gulf Port Group said the unmanned terminal at Qinzhou, which is run by its Qinzhou Container "
            "Terminal unit, handled 2 million boxes. The terminal's gantry cranes were built by ZPMC.")
    assert ("The terminal", "unmanned terminal") in _read(text, lexicon)


def test_where_after_a_thing_in_the_park_speaks_of_the_thing(lexicon: Lexicon) -> None:
    text = ("Wuxi Hi-tech Park hosts 40 chip firms. Bosch runs a sensor factory in the park, where 5G-linked "
            "testers check every wafer.")
    assert not any(p == "locatedIn" and s == "5G-linked testers" and o in ("Wuxi Hi-tech Park", "park")
                   for s, p, o in facts(text, lexicon))


def test_the_city_is_one_the_text_called_a_capital_and_its_district_lies_in_it(lexicon: Lexicon) -> None:
    text = ("Lanzhou Petrochemical has linked its cracker units in Lanzhou, the capital of Gansu province, to 5G. "
            "The network covers the refinery in the city's Xigu district.")
    assert ("the city", "Lanzhou") in _read(text, lexicon)
    assert ("Xigu district", "locatedIn", "Lanzhou") in facts(text, lexicon)


def test_the_city_stays_unread_where_no_place_was_called_a_city_or_capital(lexicon: Lexicon) -> None:
    text = ("Lanzhou Petrochemical has linked its cracker units to 5G. "
            "The network covers the refinery in the city's Xigu district.")
    assert not any(written == "the city" for written, _label in _read(text, lexicon))


def test_a_name_holding_the_head_of_its_apposed_description_is_of_that_kind(lexicon: Lexicon) -> None:
    text = ("Xiangya Hospital of Central South University, the Changsha-based teaching hospital, has linked 40 clinics "
            "to 5G. \"Scans now arrive in seconds,\" said Peng Yu, the hospital's chief radiologist.")
    assert ("the hospital", "Xiangya Hospital of Central South University") in _read(text, lexicon)
    assert ("Peng Yu", "affiliatedWith", "Xiangya Hospital of Central South University") in facts(text, lexicon)


def test_the_operator_is_the_one_the_text_said_runs_the_plant(lexicon: Lexicon) -> None:
    text = ("The Haiyang nuclear plant's two reactors are run by Shandong Nuclear Power Co, a unit of SPIC. "
            "The operator built the plant's 5G network with Sunwave, a Hangzhou equipment maker. "
            "\"Crews now see readings on site,\" said Qin Hao, the company's chief engineer.")
    read = _read(text, lexicon)
    assert ("The operator", "Shandong Nuclear Power Co") in read
    assert ("the company", "Shandong Nuclear Power Co") in read


def test_the_operator_is_left_unread_where_a_carrier_was_named(lexicon: Lexicon) -> None:
    text = ("The Yumen gas plant is run by Yumen Oilfield Company. China Unicom's Gansu branch connected its wells. "
            "Sensors send readings to a cloud run by the operator.")
    assert not any(written == "the operator" and label == "Yumen Oilfield Company" for written, label in _read(text, lexicon))


def test_its_joined_by_and_to_a_possessive_is_that_possessor_s(lexicon: Lexicon) -> None:
    text = ("Rizhao Port Group built a 5G network at its Lanshan terminal. "
            "The network links 60 cameras across the terminal's quay cranes and its gate lanes.")
    read = [label for written, label in _read(text, lexicon) if written == "its"]
    assert read[-1] == "Lanshan terminal"
