"""False suggestions removed by class (twelfth session): control and joint ownership, a government body's parts,
places read as sites or owners, generic statements about a country (sentences written here, none from the
articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_company_controlled_by_another_is_its_subsidiary(lexicon: Lexicon) -> None:
    found = facts("Weihai Cranes, a hoist maker controlled by Shandong Heavy Industry Group, supplied the gantries.", lexicon)
    assert ("Weihai Cranes", "subsidiaryOf", "Shandong Heavy Industry Group") in found
    assert not any(p == "ownedBy" for _s, p, _o in found)


def test_a_government_bodys_arm_is_a_branch_not_a_subsidiary(lexicon: Lexicon) -> None:
    found = facts("The Hunan Drug Inspection Office, the local arm of the National Medical Products Administration, "
                  "audited the plant in May.", lexicon)
    assert ("National Medical Products Administration", "hasBranch", "Hunan Drug Inspection Office") in found
    assert not any(p in ("hasSubsidiary", "subsidiaryOf") for _s, p, _o in found)
    # a company's arm stays its subsidiary
    found = facts("Hengtong Logistics, the shipping arm of Hengtong Group, opened a depot in Suzhou.", lexicon)
    assert ("Hengtong Group", "hasSubsidiary", "Hengtong Logistics") in found
    # a body under a ministry, named by no area it serves, stays a subsidiary
    found = facts("The Shanghai Radio Testing Centre, a laboratory under the Ministry of Commerce, tested the routers.", lexicon)
    assert not any(p in ("hasBranch", "branchOf") for _s, p, _o in found)


def test_a_company_owned_by_two_has_two_shareholders_and_no_parent(lexicon: Lexicon) -> None:
    found = facts("Donghai Pharma, which is owned by the Taizhou state-assets bureau and Ruikang Capital, halted two "
                  "lines.", lexicon)
    assert ("Donghai Pharma", "ownedBy", "Ruikang Capital") in found
    assert not any(p == "subsidiaryOf" for _s, p, _o in found)
    # one owner is the parent
    found = facts("Donghai Pharma, which is owned by Ruikang Capital, halted two lines.", lexicon)
    assert not any(p == "ownedBy" for _s, p, _o in found)


def test_a_city_before_a_site_places_it_and_runs_nothing(lexicon: Lexicon) -> None:
    found = facts("Cosco has moved its cranes at Tianjin's Beijiang terminal onto a 5G network.", lexicon)
    assert not any(s == "Tianjin" and p == "operates" for s, p, _o in found)
    found = facts("Anshan Steel said Sinopec's Zhenhai refinery would test the robots.", lexicon)
    assert ("Sinopec", "operates", "Zhenhai refinery") in found


def test_a_bare_plural_in_a_country_is_a_kind_not_a_place(lexicon: Lexicon) -> None:
    found = facts("Break-ins at chemical plants in China have doubled since 2022.", lexicon)
    assert not any(p == "locatedIn" and o == "China" for _s, p, o in found)
    found = facts("Venustech said it had logged probes from substations in southern China.", lexicon)
    assert not any(p == "locatedIn" for _s, p, _o in found)
    # things counted or determined stand there
    found = facts("Venustech said that 300 routers in China still used default passwords.", lexicon)
    assert ("routers", "locatedIn", "China") in found
    found = facts("Venustech said many factories in eastern China were exposed.", lexicon)
    assert ("factories", "locatedIn", "eastern China") in found


def test_a_relative_listing_names_is_no_subject_of_the_main_verb(lexicon: Lexicon) -> None:
    found = facts("The Ningbo Mould Makers Association, whose members include Haitian, Ningbo Tuopu and Joyson, has teamed "
                  "up with Zhejiang University to write a checklist.", lexicon)
    assert ("Ningbo Mould Makers Association", "partneredWith", "Zhejiang University") in found
    assert not any(s in ("Haitian", "Ningbo Tuopu", "Joyson") and p == "partneredWith" for s, p, _o in found)


def test_an_attack_traced_to_a_device_is_put_down_to_no_one(lexicon: Lexicon) -> None:
    found = facts("In May, a ransomware attack hit the port. Venustech traced the intrusion to a PLC gateway in the yard.", lexicon)
    assert not any(p == "attributedTo" for _s, p, _o in found)
    found = facts("In May, a ransomware attack hit the port. Police traced the intrusion to a criminal gang.", lexicon)
    assert any(p == "attributedTo" and o == "criminal gang" for _s, p, o in found)


def test_a_finding_said_in_a_report_is_no_warning(lexicon: Lexicon) -> None:
    found = facts("In a study released in April, Venustech, a Beijing security firm, said the welding robots at Chery's "
                  "Wuhu plant were open to remote hijacking.", lexicon)
    assert not any(p == "warnsOf" for _s, p, _o in found)
    found = facts("In a study released in April, Venustech, a Beijing security firm, warned that the welding robots at "
                  "Chery's Wuhu plant were open to remote hijacking.", lexicon)
    assert ("Venustech", "warnsOf", "remote hijacking") in found


def test_where_after_a_site_in_a_described_or_possessed_area_places_things_at_the_site(lexicon: Lexicon) -> None:
    found = facts("Sany has switched on a 5G network at its pile-driver plant in Changsha's Yuelu district, where welding "
                  "robots and cranes now work without cables.", lexicon)
    assert ("welding robots", "locatedIn", "pile-driver plant") in found
    assert ("pile-driver plant", "locatedIn", "Yuelu district") in found
    assert not any(o in ("Yuelu district", "Changsha") for s, _p, o in found if s in ("welding robots", "cranes"))
    assert ("pile-driver plant", "locatedIn", "Changsha") not in found
    found = facts("JD has opened a robotic warehouse in Kunshan, a city between Suzhou and Shanghai, where some 300 "
                  "sorting robots now move parcels.", lexicon)
    assert ("sorting robots", "locatedIn", "robotic warehouse") in found
    assert not any(p == "locatedIn" and o in ("Shanghai", "Suzhou") for _s, p, o in found)


def test_a_relative_after_a_site_at_a_named_port_speaks_of_the_site(lexicon: Lexicon) -> None:
    found = facts("Across the bay, the container terminal at Dagang port, which is run by Tianjin Gangwan Group, moves its "
                  "boxes with driverless trucks.", lexicon)
    assert ("container terminal", "operatedBy", "Tianjin Gangwan Group") in found
    assert ("Dagang port", "operatedBy", "Tianjin Gangwan Group") not in found
    # things at the port are no site: the relative speaks of the port
    found = facts("Across the bay, the gantry cranes at Dagang port, which is run by Tianjin Gangwan Group, move boxes.", lexicon)
    assert ("Dagang port", "operatedBy", "Tianjin Gangwan Group") in found


def test_what_left_things_open_to_a_threat_is_not_what_is_exposed(lexicon: Lexicon) -> None:
    found = facts("Among them were infusion pumps at two clinics, whose outdated router had left them open to remote access "
                  "for months.", lexicon)
    assert ("outdated router", "exposedTo", "remote access") not in found
    found = facts("An outdated router had left the infusion pumps open to remote access.", lexicon)
    assert ("outdated router", "exposedTo", "remote access") not in found


def test_things_from_a_maker_are_its_make_and_no_one_is_from_an_isolated_network(lexicon: Lexicon) -> None:
    found = facts("Sensors from Hikvision track the temperature of each barn.", lexicon)
    # (the same fact either way round: equipment reads the maker's side as kg:built)
    assert ("Sensors", "builtBy", "Hikvision") in found or ("Hikvision", "built", "Sensors") in found
    assert not any(p == "basedIn" for _s, p, _o in found)
    found = facts("Parts from Shanghai arrived late.", lexicon)  # a place stays where they come from
    assert not any(p == "builtBy" for _s, p, _o in found)
    found = facts("Wens said its herd network is kept apart from the public internet.", lexicon)
    assert not any(p == "affiliatedWith" for _s, p, _o in found)
    found = facts("Zhang from the Hefei Institute of Physical Science said the trial worked.", lexicon)
    assert ("Zhang", "affiliatedWith", "Hefei Institute of Physical Science") in found


def test_who_heads_a_function_at_an_organization_works_there(lexicon: Lexicon) -> None:
    found = facts("The clinics send scans to a data centre in Ningbo, said Wang Lei, who heads government and enterprise "
                  "business at China Telecom Zhejiang.", lexicon)
    assert ("Wang Lei", "affiliatedWith", "China Telecom Zhejiang") in found
    assert ("Wang Lei", "affiliatedWith", "government") not in found
    found = facts("Li Ming, who heads the university's robotics lab, said the trial worked.", lexicon)
    assert ("Li Ming", "affiliatedWith", "university") in found


def test_a_described_thing_is_named_without_its_seat(lexicon: Lexicon) -> None:
    found = facts("In May a ransomware attack on a Wenzhou-based supplier encrypted its order servers.", lexicon)
    assert ("ransomware attack", "affected", "supplier") in found
    assert ("supplier", "basedIn", "Wenzhou") in found
    assert not any("Wenzhou-based" in s or "Wenzhou-based" in o for s, _p, o in found)


def test_one_after_a_comma_stands_for_the_thing_named_before(lexicon: Lexicon) -> None:
    found = facts("Yili now runs a similar system at its dairy farms near Baotou, one built by China Unicom's Inner Mongolia "
                  "branch.", lexicon)
    assert ("similar system", "builtBy", "China Unicom Inner Mongolia") in found
    assert not any("one" in (s, o) for s, _p, o in found)


def test_a_person_who_manages_a_site_for_a_company_does_not_operate_it(lexicon: Lexicon) -> None:
    found = facts("\"Peak days no longer frighten us,\" said Liu Hao, who manages the sorting depot for SF Express.", lexicon)
    assert not any(s == "Liu Hao" and p == "operates" for s, p, _o in found)
    found = facts("Liu Hao, who manages the sorting depot for SF Express, said peak days were calm.", lexicon)
    assert not any(s == "Liu Hao" and p == "operates" for s, p, _o in found)
    found = facts("Zhou Ping, who owns a dyeing mill in Shaoxing, said the sensors were too dear.", lexicon)
    assert ("Zhou Ping", "operates", "dyeing mill") in found


def test_a_site_named_one_of_its_kind_is_no_site_the_namer_runs(lexicon: Lexicon) -> None:
    found = facts("The Hubei Provincial Department of Commerce has named the Wuhan depot one of its model sites.", lexicon)
    assert not any(p == "operates" for _s, p, _o in found)
    found = facts("Huawei Cloud runs one of its biggest data centres in Gui'an.", lexicon)
    assert ("Huawei Cloud", "operates", "biggest data centres") in found


def test_a_participle_with_its_preposition_lends_the_clause_subject_nothing(lexicon: Lexicon) -> None:
    found = facts("The bureau is also promoting the model to dairy farms, with subsidies for base stations built on "
                  "farmland.", lexicon)
    assert not any(p == "builtOn" for _s, p, _o in found)
