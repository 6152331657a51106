"""Places named by two peoples, a body named by two common words joined before its class word, a bonded zone, a
college (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.vocab import KG


def _mentions(text: str, lexicon: Lexicon) -> dict[str, str | None]:
    return {m.text: m.cls for m in MentionFinder(lexicon).find(text)}


def test_an_autonomous_prefecture_or_county_named_by_two_peoples_is_one_place(lexicon: Lexicon) -> None:
    found = _mentions("The plant stands in Xiushan Tujia and Miao Autonomous County near the river.", lexicon)
    assert found.get("Xiushan Tujia and Miao Autonomous County") == str(KG.Place)
    found = _mentions("ZTE opened an office in the Ningxia Hui Autonomous Region last year.", lexicon)
    assert found.get("Ningxia Hui Autonomous Region") == str(KG.Province)
    assert ("Shuangjiang Brewery", "basedIn", "Lancang Lahu Autonomous County") in facts(
        "Shuangjiang Brewery, based in Lancang Lahu Autonomous County, uses the network.", lexicon)


def test_two_common_words_joined_before_a_class_word_name_one_body(lexicon: Lexicon) -> None:
    found = _mentions("Students at Linzhi Vocational and Technical College train on the loaders.", lexicon)
    assert found.get("Linzhi Vocational and Technical College") == str(KG.ResearchInstitute)
    assert "National Forestry and Grassland Administration" in _mentions(
        "The National Forestry and Grassland Administration issued a standard.", lexicon)
    # a name of its own after "and" opens a second body
    found = _mentions("Baotou Steel and Longyuan Power signed the deal.", lexicon)
    assert "Baotou Steel" in found and "Longyuan Power" in found


def test_bonded_names_a_kind_of_zone_not_a_verb(lexicon: Lexicon) -> None:
    assert "Manzhouli comprehensive bonded zone" in _mentions(
        "China Unicom will cover the Manzhouli comprehensive bonded zone with 5G next year.", lexicon)
