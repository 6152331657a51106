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
