"""False suggestions of the ninth session: a thing placed in the town of the site it stands at, and the
other classes of wrong facts below (sentences written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_thing_at_a_named_site_is_placed_in_the_site_not_in_the_sites_town(lexicon: Lexicon) -> None:
    found = facts("Baotou Steel has switched on a 5G network at its Baiyun Obo mine in Baotou.", lexicon)
    assert ("5G network", "locatedIn", "Baiyun Obo mine") in found
    assert ("Baiyun Obo mine", "locatedIn", "Baotou") in found
    assert ("5G network", "locatedIn", "Baotou") not in found
    found = facts("Wanhua Chemical is testing a sensor grid at its Yantai plant in Shandong.", lexicon)
    assert ("sensor grid", "locatedIn", "Yantai plant") in found
    assert ("sensor grid", "locatedIn", "Shandong") not in found
