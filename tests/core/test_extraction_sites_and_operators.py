"""Sites and who runs them: a data centre is a facility (no organization, no seat), "the port city of X" is the city X,
"has begun operating" runs (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder
from explorer.core.vocab import KG


def test_a_data_centre_is_a_facility(lexicon: Lexicon) -> None:
    found = MentionFinder(lexicon).find("Edge servers sit in the plant's data centre.")
    assert any(m.text == "data centre" and m.cls == str(KG.Facility) for m in found)


def test_an_organization_is_not_based_in_a_data_centre(lexicon: Lexicon) -> None:
    found = facts("China Telecom Hunan runs the platform in a data centre in Changsha.", lexicon)
    assert not any(p == "basedIn" and o == "data centre" for _, p, o in found)


def test_the_port_city_of_a_name_is_that_city(lexicon: Lexicon) -> None:
    found = MentionFinder(lexicon).find("The smelter stands in the port city of Fangchenggang.")
    assert any(m.text == "Fangchenggang" and m.cls == str(KG.City) for m in found)
    assert not any("port city" in m.text for m in found)


def test_a_carrier_that_has_begun_operating_a_network_runs_it(lexicon: Lexicon) -> None:
    found = facts("China Mobile's Ningxia branch has begun operating a standalone 5G private network.", lexicon)
    assert ("China Mobile Ningxia", "operates", "standalone 5G private network") in found


def test_things_in_a_possessed_place_are_governed(lexicon: Lexicon) -> None:
    found = facts("The study found that many programmable logic controllers in the province's chemical parks still run "
                  "unpatched firmware.", lexicon)
    assert ("programmable logic controllers", "hasVulnerability", "unpatched firmware") in found
    assert ("chemical parks", "hasVulnerability", "unpatched firmware") not in found


def test_the_head_noun_of_a_thing_named_earlier_in_the_sentence_refers_to_it(lexicon: Lexicon) -> None:
    found = facts("LiCore runs on edge servers in the refinery's control building, and China Mobile Jiangxi manages the "
                  "servers under a five-year contract.", lexicon)
    assert ("China Mobile Jiangxi", "operates", "edge servers") in found
    assert ("China Mobile Jiangxi", "operates", "five-year contract") not in found


def test_whose_data_centre_it_is_runs_it(lexicon: Lexicon) -> None:
    found = facts("The platform is hosted in China Mobile's data centre in Hohhot.", lexicon)
    assert ("China Mobile", "operates", "data centre") in found


def test_a_city_an_apposition_places_in_a_province_lies_there(lexicon: Lexicon) -> None:
    found = facts("Xuchang, the Henan city that makes half of the world's wigs, is wiring its factories with 5G.", lexicon)
    assert ("Xuchang", "locatedIn", "Henan") in found


def test_a_breach_that_exposed_data_or_took_a_system_offline_affected_it(lexicon: Lexicon) -> None:
    found = facts("In May a breach at Ciyun exposed the personal data of 80,000 buyers. The warning followed an "
                  "attack in February that took Jiafang Link offline.", lexicon)
    assert ("breach", "affected", "personal data") in found
    assert ("attack", "affected", "Jiafang Link") in found
    # "exposed to" is still an exposure, not harm done
    exposed = facts("Routers still use default passwords, leaving them exposed to ransomware.", lexicon)
    assert not any(p == "affected" for _, p, _ in exposed)


def test_a_site_is_no_subsidiary(lexicon: Lexicon) -> None:
    found = facts("The park is operated by Wuwei Sunfield, a subsidiary of the state-owned Gansu Energy Investment Group.",
                  lexicon)
    assert ("Gansu Energy Investment Group", "hasSubsidiary", "Wuwei Sunfield") in found
    assert not any(p in ("hasSubsidiary", "subsidiaryOf") and "park" in (s, o) for s, p, o in found)
