""""will manage the network" (an operator), "an edge computing node that the carrier set up" (built, no body founded),
and "will operate it" after a plural (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_who_will_manage_a_network_operates_it(lexicon: Lexicon) -> None:
    found = facts("China Unicom built a 5G private network at the Siping plant. China Unicom Jilin will also manage the "
                  "network under a four-year contract.", lexicon)
    assert ("China Unicom Jilin", "operates", "5G private network") in found


def test_gear_a_carrier_set_up_is_built_not_founded(lexicon: Lexicon) -> None:
    found = facts("The platform relies on an edge computing node that China Telecom Sichuan set up in the powerhouse.",
                  lexicon)
    assert ("China Telecom Sichuan", "built", "edge computing node") in found
    assert not any(p == "established" for _, p, _ in found)
    # a lab set up is a body founded
    assert ("China Mobile Liaoning", "established", "Fuxin 5G Safety Lab") in facts(
        "China Mobile Liaoning set up the Fuxin 5G Safety Lab with a local university.", lexicon)


def test_it_after_a_list_of_plurals_stands_for_the_network_named_before(lexicon: Lexicon) -> None:
    found = facts("Baiyin Nonferrous Group has switched on a 5G private network at its copper smelter. The network, built by "
                  "China Mobile's Gansu branch, links more than 400 sensors and 60 cameras. Gansu Mobile will operate it "
                  "from a machine room inside the smelter.", lexicon)
    assert not any(p == "operates" and o in ("sensors", "cameras", "400 sensors") for _, p, o in found)


def test_a_network_completed_by_two_was_built_by_both_working_together(lexicon: Lexicon) -> None:
    found = facts("China Telecom Sichuan and Huawei have completed a 5G network at the Zhegushan Hydropower Station.", lexicon)
    assert ("China Telecom Sichuan", "built", "5G network") in found and ("Huawei", "built", "5G network") in found
    assert ("China Telecom Sichuan", "partneredWith", "Huawei") in found


def test_the_branch_of_a_carrier_named_after_its_province_is_the_carriers_branch(lexicon: Lexicon) -> None:
    found = facts("The Jiangsu branch of China Unicom has completed a 5G private network at a shipyard in Jiangsu.", lexicon)
    assert ("China Unicom Jiangsu", "built", "5G private network") in found
    assert ("China Unicom Jiangsu", "branchOf", "China Unicom") in found or (
        "China Unicom", "hasBranch", "China Unicom Jiangsu") in found
    # the province named by itself stays the province
    assert ("shipyard", "locatedIn", "Jiangsu") in found
