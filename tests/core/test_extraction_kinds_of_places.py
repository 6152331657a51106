"""A place named after its kind and "of" ("the northern Henan city of Anyang"), and an object "it" that stands for no
plural (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.vocab import KG


def test_a_city_named_after_its_region_and_kind_lies_in_the_region(lexicon: Lexicon) -> None:
    found = facts("Luoshan Steel, a steelmaker based in the northern Henan city of Xinyang, runs the mill.", lexicon)
    assert ("Luoshan Steel", "basedIn", "Xinyang") in found
    assert ("Xinyang", "locatedIn", "Henan") in found
    assert not any(o in ("Henan", "northern Henan city of Xinyang") and p == "basedIn" for _, p, o in found)
    assert ("Jiangmen", "locatedIn", "Guangdong") in facts("Zhenhua Port, in the Guangdong city of Jiangmen, runs the yard.",
                                                          lexicon)
    # "the Chenggong district of Kunming" names the district first: it lies in Kunming
    found = facts("The Dounan flower market in the Chenggong district of Kunming runs a network.", lexicon)
    assert ("Chenggong district", "locatedIn", "Kunming") in found and not any(s == "Kunming" for s, _, _ in found)


def test_an_object_it_stands_for_no_plural(lexicon: Lexicon) -> None:
    found = facts("China Unicom Ningxia built the network with edge servers supplied by ZTE, and will operate it for "
                  "eight years.", lexicon)
    assert not any(p == "operates" and o == "edge servers" for _, p, o in found)


def test_an_autonomous_prefecture_after_its_provinces_possessive_is_one_place_in_it(lexicon: Lexicon) -> None:
    found = facts("The plant lies in Guizhou's Qiannan Buyei and Miao Autonomous Prefecture.", lexicon)
    assert ("Qiannan Buyei and Miao Autonomous Prefecture", "locatedIn", "Guizhou") in found
    found = facts("The station sits in Sichuan's Aba Tibetan and Qiang Autonomous Prefecture.", lexicon)
    assert ("Aba Tibetan and Qiang Autonomous Prefecture", "locatedIn", "Sichuan") in found


def test_the_city_named_after_its_kind_is_known_as_a_city(lexicon: Lexicon) -> None:
    found = {m.text: m.cls for m in MentionFinder(lexicon).find(
        "Luoshan Steel, a steelmaker based in the northern Henan city of Xinyang, runs the mill.")}
    assert found.get("Xinyang") == str(KG.City)
