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


def test_sites_an_owner_runs_near_a_place_are_an_entity_of_their_own(lexicon: Lexicon) -> None:
    found = facts("Mengniu Dairy now runs a milking system at its ranches near Baotou.", lexicon)
    assert ("Mengniu Dairy", "operates", "ranches") in found
    assert ("milking system", "locatedIn", "ranches") in found
    assert ("ranches", "locatedIn", "Baotou") in found


def test_an_owners_site_named_by_one_word_and_placed_nowhere_stays_the_owners(lexicon: Lexicon) -> None:
    found = facts("Sany installed cameras at its plant.", lexicon)
    assert not any(fact[2] == "plant" for fact in found)


def test_a_participle_after_an_item_with_its_own_article_describes_that_item(lexicon: Lexicon) -> None:
    found = facts("Jinlong Power has opened a cable plant in Wuxi. ZTE supplied the control cabinets and the 5G modules fitted in "
                  "the plant.", lexicon)
    assert ("5G modules", "locatedIn", "cable plant") in found
    assert ("control cabinets", "locatedIn", "cable plant") not in found


def test_where_after_a_place_described_in_an_aside_stands_for_the_site(lexicon: Lexicon) -> None:
    found = facts("SF Express has opened a parcel depot in Kunshan, a town east of Suzhou, where 400 sorting robots now run.",
                  lexicon)
    assert ("sorting robots", "locatedIn", "parcel depot") in found or ("400 sorting robots", "locatedIn", "parcel depot") in found
    assert not any(fact[1] == "locatedIn" and fact[2] == "Suzhou" for fact in found)
    found = facts("Yuantong runs a cold-storage warehouse in Jiashan, about 30 kilometres to the east, where drones count "
                  "the pallets.", lexicon)
    assert ("drones", "locatedIn", "cold-storage warehouse") in found


def test_a_site_in_the_part_a_places_possessive_names_stands_in_that_part(lexicon: Lexicon) -> None:
    found = facts("Sany has switched on a 5G network at its pump plant in Changsha's Yuelu district, where welding cells now "
                  "work without cables.", lexicon)
    assert ("pump plant", "locatedIn", "Yuelu district") in found
    assert ("welding cells", "locatedIn", "pump plant") in found


def test_what_an_agent_installed_where_a_site_is_stands_in_it_and_the_agent_does_not(lexicon: Lexicon) -> None:
    found = facts("Best Logistics leases a bonded warehouse in Ningbo, where Quicktron has installed 150 picking robots.", lexicon)
    assert any(fact[1] == "locatedIn" and fact[0].endswith("picking robots") and fact[2] == "bonded warehouse" for fact in found)
    assert not any(fact[0] == "Quicktron" and fact[1] == "locatedIn" for fact in found)


def test_a_thing_one_installs_at_counted_or_owned_sites_stands_in_them(lexicon: Lexicon) -> None:
    found = facts("China Telecom's Hubei branch has switched on 5G private networks at three steel plants in the province.", lexicon)
    assert ("5G private networks", "locatedIn", "three steel plants") in found
    found = facts("Wens Group has switched on a 5G private network at two of its largest farms in Xinxing county.", lexicon)
    assert ("5G private network", "locatedIn", "largest farms") in found


def test_things_a_survey_found_at_sites_and_a_network_at_a_site_of_many_are_not_placed(lexicon: Lexicon) -> None:
    found = facts("NSFOCUS said it had found exposed gateways at three chemical plants in Hubei.", lexicon)
    assert not any(fact[1] == "locatedIn" and fact[0] == "exposed gateways" for fact in found)
    found = facts("Sinopec has deployed a 5G private network at a refinery in Maoming.", lexicon)
    assert ("5G private network", "locatedIn", "refinery") not in found


def test_a_two_word_kind_of_site_is_a_site_and_things_hosted_there_run_there(lexicon: Lexicon) -> None:
    found = facts("Images are read on an inference server at the bank's data centre in Guiyang.", lexicon)
    assert ("inference server", "locatedIn", "data centre") in found
    # a system "hosted at" a site runs there: the site hosts it (the writers' keys say so 18 times in 20)
    found = facts("The booking system is hosted at a server farm in Guiyang.", lexicon)
    assert ("booking system", "runsOn", "server farm") in found


def test_a_system_after_a_referred_sites_possessive_stands_in_the_site(lexicon: Lexicon) -> None:
    found = facts("COSCO runs an automated terminal in Xiamen. A virus on a vendor's laptop crippled the terminal's billing system.",
                  lexicon)
    assert ("billing system", "locatedIn", "automated terminal") in found
    assert not any(fact[0] == "laptop" and fact[1] == "locatedIn" for fact in found)


def test_a_site_near_outside_or_around_places_stands_in_them(lexicon: Lexicon) -> None:
    found = facts("Haitian Foods has opened a soy sauce factory outside Foshan.", lexicon)
    assert ("soy sauce factory", "locatedIn", "Foshan") in found
    found = facts("Guangxi Yangxiang runs pig farms near Guigang and Yulin.", lexicon)
    assert ("pig farms", "locatedIn", "Guigang") in found and ("pig farms", "locatedIn", "Yulin") in found
    found = facts("Engineers from Huawei near the gate checked the cameras.", lexicon)
    assert not any(fact[1] == "locatedIn" and fact[0] == "Huawei" for fact in found)


def test_a_site_at_a_larger_site_named_by_its_name_stands_in_it(lexicon: Lexicon) -> None:
    found = facts("Tianjin Port Group said the container terminal at Tianjin's Beijiang port, which is run by its Euroasia unit, "
                  "handled 2 million boxes.", lexicon)
    assert ("container terminal", "locatedIn", "Beijiang port") in found
    assert ("container terminal", "operatedBy", "Euroasia") in found


def test_a_thing_in_a_places_part_named_after_its_possessive_stands_in_the_part(lexicon: Lexicon) -> None:
    found = facts("The programme connects 30 village clinics in Ganzhou's Xunwu county to a regional hospital.", lexicon)
    assert ("village clinics", "locatedIn", "Xunwu county") in found
    assert ("Xunwu county", "locatedIn", "Ganzhou") in found


def test_its_after_an_attack_is_what_the_attack_hit_which_runs_the_system(lexicon: Lexicon) -> None:
    found = facts("In May a ransomware attack hit a maternity hospital in Jinhua and encrypted its billing system for a week.",
                  lexicon)
    assert ("maternity hospital", "operates", "billing system") in found
    assert not any(fact[0] == "ransomware attack" and fact[1] == "operates" for fact in found)
    found = facts("Kaiyuan Logistics, a freight forwarder, was hit by malware that encrypted its booking servers.", lexicon)
    assert not any(fact[1] == "operates" and fact[2] == "booking servers" for fact in found)
