"""Facts of place: regions of provinces, places set in larger ones by asides, things standing at sites (sentences
written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_region_of_a_province_names_the_province_and_a_region_of_a_country_keeps_its_name(lexicon: Lexicon) -> None:
    found = facts("Acme runs a plant in Wuhu, a port city in southern Anhui province.", lexicon)
    assert ("Wuhu", "locatedIn", "Anhui province") in found
    assert not any(o == "southern Anhui province" for _s, _p, o in found)
    found = facts("XCMG, the crane maker headquartered in Xuzhou in northern Jiangsu, has a plant there.", lexicon)
    assert ("Xuzhou", "locatedIn", "Jiangsu") in found
    # a region of the country is a place of its own
    found = facts("Gangs targeted 40 manufacturers in central China this year.", lexicon)
    assert any(o == "central China" for _s, _p, o in found)


def test_a_place_described_as_a_part_of_a_larger_one_lies_in_it(lexicon: Lexicon) -> None:
    text = "Acme runs a terminal in Lanshan, the deep-water port district of Rizhao in southern Shandong province, it said."
    found = facts(text, lexicon)
    assert ("Lanshan", "locatedIn", "Rizhao") in found
    assert ("Rizhao", "locatedIn", "Shandong province") in found
    found = facts("Acme has factories near Laiyang, a county-level city administered by Yantai in Shandong province.", lexicon)
    assert ("Laiyang", "locatedIn", "Yantai") in found
    # a body so described is no place
    found = facts("Acme sold its stake in Wuhu, a company in the Hefei group, last year.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_a_city_set_in_its_province_by_an_aside_lies_in_it(lexicon: Lexicon) -> None:
    text = "Acme has also delivered robots to Geely's plant in Ningbo, in neighbouring Zhejiang province, and a line to Wuhu."
    found = facts(text, lexicon)
    assert ("Ningbo", "locatedIn", "Zhejiang province") in found
    # places listed one after another, each with "in", are no chain
    found = facts("The company opened depots in Wuhu, in Anhui, and in Zhengzhou, in Henan.", lexicon)
    assert ("Wuhu", "locatedIn", "Anhui") not in found
    found = facts("The company opened depots in Hunan, in Hubei and in Henan.", lexicon)
    assert not any(s in ("Hunan", "Hubei") and p == "locatedIn" for s, p, _o in found)


def test_in_of_a_phrasal_verb_places_nothing(lexicon: Lexicon) -> None:
    found = facts("The port handled ore from Peru and Chile and coal shipped in from Shanxi last year.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)
    # a place after "in" still places what stands before it
    found = facts("Acme, which has plants in Wuhu, sells coal.", lexicon)
    assert ("plants", "locatedIn", "Wuhu") in found


def test_a_site_a_plan_reaches_stands_where_it_is_but_a_planned_site_is_nowhere_yet(lexicon: Lexicon) -> None:
    found = facts("Acme will extend the network next year to a logistics park in Jimo district and a cold store in Laixi.", lexicon)
    assert ("logistics park", "locatedIn", "Jimo district") in found
    assert ("cold store", "locatedIn", "Laixi") in found
    found = facts("Acme plans to set up a research centre in Jinan.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_a_list_of_plural_things_opening_the_sentence_stands_where_its_last_member_does(lexicon: Lexicon) -> None:
    found = facts("Robot arms, autonomous mobile robots and welding cells in the Tiexi plant will be linked over 5G.", lexicon)
    for thing in ("robot arms", "autonomous mobile robots", "welding cells"):
        assert (thing, "locatedIn", "Tiexi plant") in found
    # read backwards, a bare comma after a scene joins no list
    found = facts("In Shenzhen, Tencent and Alibaba opened labs.", lexicon)
    assert ("Shenzhen", "built", "labs") not in found


def test_equipment_deployed_or_mounted_at_a_site_stands_there(lexicon: Lexicon) -> None:
    found = facts("The firm found that many of the cameras deployed at the Binhai depot ran old firmware.", lexicon)
    assert ("cameras", "locatedIn", "Binhai depot") in found
    assert ("firm", "built", "cameras") not in found
    text = ("Acme built 60 tunnel kilns and 40 glazing lines. Pressure sensors inside the kilns, together with cameras "
            "mounted above the glazing lines, send readings to a platform.")
    found = facts(text, lexicon)
    assert ("cameras", "locatedIn", "glazing lines") in found
    # what the first member of the list stands in is no member of it
    assert ("tunnel kilns", "locatedIn", "glazing lines") not in found
    # a year after "deployed in" is no place
    found = facts("China Unicom deployed 5G in 2021.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)


def test_a_scene_inside_a_site_places_each_thing_the_main_clause_lists(lexicon: Lexicon) -> None:
    text = "Acme built eight greenhouses. Inside the greenhouses, weeding robots and 5G cameras from Hikvision record growth."
    found = facts(text, lexicon)
    assert ("weeding robots", "locatedIn", "eight greenhouses") in found
    assert ("5G cameras", "locatedIn", "eight greenhouses") in found
    found = facts("At the Jinqiao plant, robots move parts and cameras watch them.", lexicon)
    assert ("robots", "locatedIn", "Jinqiao plant") in found
    assert ("cameras", "locatedIn", "Jinqiao plant") not in found


def test_deep_inside_opens_no_name(lexicon: Lexicon) -> None:
    found = facts("Deep inside the Kaiyang phosphate mine, drilling rigs run on a 5G network.", lexicon)
    assert not any(s == "Deep" for s, _p, _o in found)


def test_what_an_owner_has_that_stands_nowhere_is_in_no_site(lexicon: Lexicon) -> None:
    text = "Acme runs the Dexing copper mine. The upgrade has cut the mine's electricity bill by a fifth, Acme said."
    found = facts(text, lexicon)
    assert not any(s == "electricity bill" and p == "locatedIn" for s, p, _o in found)
    text = "Acme runs a breeding base in Lingao. The ministry has praised the base's approach as a model."
    found = facts(text, lexicon)
    assert not any(p == "locatedIn" and "approach" in s for s, p, _o in found)


def test_a_singular_relative_speaks_of_the_singular_noun_before_for(lexicon: Lexicon) -> None:
    text = "Acme and Huawei set up a joint laboratory for 5G port applications, which is housed at the Beilun terminal."
    found = facts(text, lexicon)
    assert ("joint laboratory", "locatedIn", "Beilun terminal") in found
    assert ("5G port applications", "locatedIn", "Beilun terminal") not in found
    # a plural verb agrees with the plural
    found = facts("Acme supplies controllers for 40 cranes, which are housed at the Beilun terminal.", lexicon)
    assert ("cranes", "locatedIn", "Beilun terminal") in found


def test_its_listed_after_a_sites_possessive_names_a_part_of_the_site(lexicon: Lexicon) -> None:
    text = "Acme runs the Beilun depot. The network covers the depot's 30 tracks, its paint shop and its wash plant."
    found = facts(text, lexicon)
    assert ("paint shop", "locatedIn", "Beilun depot") in found
    assert ("wash plant", "locatedIn", "Beilun depot") in found
    assert not any(o in ("paint shop", "wash plant") and p == "operates" for _s, p, o in found)
    # a company's own site is still run by it
    found = facts("Acme said it would upgrade its engine plant.", lexicon)
    assert ("Acme", "operates", "engine plant") in found


def test_a_quoted_title_places_nothing(lexicon: Lexicon) -> None:
    found = facts('In a report titled "Cyber Risks in Smart Factories", Qi An Xin warned of ransomware.', lexicon)
    assert not any(p in ("locatedIn", "basedIn") for _s, p, _o in found)
    text = 'In a report, "Industrial Control Security in Jiangsu\'s Textile Sector", the firm warned that plants use weak passwords.'
    found = facts(text, lexicon)
    assert not any(p in ("locatedIn", "basedIn") for _s, p, _o in found)
    # outside a title a place's possessive still names a body there
    found = facts("Acme bought Hangzhou's Hikvision.", lexicon)
    assert ("Hikvision", "basedIn", "Hangzhou") in found
