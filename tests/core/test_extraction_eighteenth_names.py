"""Names the finder used to cut short or run on, places set in provinces by "capital of" and "in … China's", and what one
attack that happened did (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def _names(text: str, lexicon: Lexicon) -> list[str]:
    return [m.label or m.text for m in MentionFinder(lexicon, []).find(text)]


def test_a_name_runs_on_to_the_site_noun_after_it(lexicon: Lexicon) -> None:
    names = _names("Cold stores at the Qingshan Fruit market in Nanchang now report over 5G.", lexicon)
    assert "Qingshan Fruit market" in names
    assert "Qingshan Fruit" not in names
    found = facts("China Mobile built a network at the Dongtai H7 offshore wind farm last year.", lexicon)
    assert any(o == "Dongtai H7 offshore wind farm" for _s, _p, o in found)


def test_a_name_keeps_its_span_before_a_verb_a_longer_noun_or_a_shared_plural(lexicon: Lexicon) -> None:
    # a noun after the site's noun goes on with the name: no site of that name
    assert "Jiaxing Port market" not in _names("Jiaxing Port market traders said volumes rose.", lexicon)
    # "the A and B hydropower stations": two stations, the noun is both names'
    names = _names("The carrier linked the Xiluodu and Xiangjiaba hydropower stations to its network.", lexicon)
    assert "Xiangjiaba hydropower stations" not in names
    assert "Xiangjiaba" in names
    assert "Huawei base" not in _names("Workers installed Huawei base station units at the quay.", lexicon)


def test_a_firm_of_a_town_is_two_names_and_the_firm_is_based_there(lexicon: Lexicon) -> None:
    found = facts("Acme installed cameras supplied by Tiandy Technologies of Tianjin.", lexicon)
    assert ("Tiandy Technologies", "basedIn", "Tianjin") in found
    assert ("cameras", "builtBy", "Tiandy Technologies") in found
    found = facts("Modules came from Fibocom Wireless Solutions of Shenzhen and Realtek Electronics of Taiwan.", lexicon)
    assert ("Fibocom Wireless Solutions", "basedIn", "Shenzhen") in found
    assert ("Realtek Electronics", "basedIn", "Taiwan") in found
    # a body of the country keeps its "of"
    assert "Aluminum Corporation of China" in _names("Aluminum Corporation of China runs the smelter.", lexicon)


def test_a_capital_lies_in_the_province_it_is_the_capital_of(lexicon: Lexicon) -> None:
    found = facts("Acme runs a depot in Changsha, the capital of central China's Hunan province, it said.", lexicon)
    assert ("Changsha", "locatedIn", "Hunan province") in found
    found = facts("Acme runs a depot in Nanning, the capital of south-western Guangxi province, where it packs fruit.", lexicon)
    assert ("Nanning", "locatedIn", "Guangxi province") in found
    assert not any(p == "basedIn" and s == "Nanning" for s, p, _o in found)  # a place lies in another, no one is based
    found = facts("The plant sits in Hefei, capital of the eastern province of Anhui, near the airport.", lexicon)
    assert ("Hefei", "locatedIn", "Anhui") in found


def test_a_city_set_in_china_s_province_by_an_aside_lies_in_it(lexicon: Lexicon) -> None:
    found = facts("The mill is in Zigong, in southwest China's Sichuan province, the company said.", lexicon)
    assert ("Zigong", "locatedIn", "Sichuan province") in found


def test_a_comma_in_a_list_of_cities_sets_none_in_the_next(lexicon: Lexicon) -> None:
    found = facts("Buyers in Guangzhou, Shanghai and Chengdu placed orders, many of them wholesalers.", lexicon)
    assert not any(p == "locatedIn" and s == "Guangzhou" for s, p, _o in found)


def test_a_state_after_an_object_is_no_word_of_its_name(lexicon: Lexicon) -> None:
    names = _names("The outage knocked the port's gate scheduler offline for six hours.", lexicon)
    assert not any(n.endswith("offline") for n in names)


def test_one_attack_told_as_done_affected_what_it_was_on(lexicon: Lexicon) -> None:
    found = facts("In March, a ransomware attack on Dongxu Optics, a glass maker in Bengbu, encrypted its order servers.", lexicon)
    assert ("ransomware attack", "affected", "Dongxu Optics") in found
    assert ("ransomware attack", "targets", "Dongxu Optics") not in found
    # one that may come targets it
    found = facts("Analysts warned that an attack on the grid could cause blackouts across the province.", lexicon)
    assert not any(p == "affected" for _s, p, _o in found)


def test_blaming_an_attack_on_a_group_is_no_attack_on_it(lexicon: Lexicon) -> None:
    found = facts("Police blamed the attack on a criminal group known as Jade Falcon.", lexicon)
    assert ("attack", "attributedTo", "Jade Falcon") in found
    assert not any(p in ("targets", "affected") for _s, p, _o in found)


def test_a_plural_description_stands_for_no_one_name_before_it(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon, [])
    [zhou] = finder.find("Zhou Ming leads the project.")
    hospitals = [m for m in finder.find("The hospitals use connected pumps.", zhou) if "hospitals" in m.text]
    assert hospitals and all(m.label != "Zhou Ming" for m in hospitals)
    # one company after the name a sentence opened on is still that name
    acme = finder.find("Acme opened a plant.")[0]
    assert any(m.label == "Acme" for m in finder.find("The company said it was done.", acme))


def test_a_sentence_opening_on_a_word_english_does_not_have_opens_on_a_name(lexicon: Lexicon) -> None:
    names = _names("Gree makes air conditioners in Zhuhai.", lexicon)
    assert "Gree" in names and not any(n.lower().startswith("gree makes") for n in names)
    # a word English does not have before a noun that is no verb still opens a noun phrase
    assert any(n.lower() == "lidar sensors" for n in _names("Lidar sensors watch the gates.", lexicon))
