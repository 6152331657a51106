"""Sites and who operates them, where they are and what stands in them (twelfth session; sentences written here, with
names and wording of their own, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_measure_before_a_possessed_site_keeps_the_site_whole(lexicon: Lexicon) -> None:
    found = facts("Output doubled at Kaixin Semiconductor's 8-inch fab in the Hefei Economic Zone, where 120 robots carry wafers.",
                  lexicon)
    assert ("Kaixin Semiconductor", "operates", "8-inch fab") in found
    assert ("8-inch fab", "locatedIn", "Hefei Economic Zone") in found
    assert ("120 robots", "locatedIn", "8-inch fab") in found or ("robots", "locatedIn", "8-inch fab") in found


def test_a_count_after_a_possessive_is_no_measure_of_a_site(lexicon: Lexicon) -> None:
    found = facts("Tongda Power's 3 plants in Changzhou run on solar power.", lexicon)
    assert not any(end.startswith("3 ") for fact in found for end in (fact[0], fact[2]) if fact[1] == "operates")
