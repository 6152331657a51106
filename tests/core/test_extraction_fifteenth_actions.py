"""Facts between agents and things carried by verbs and their nouns: who promotes, builds, runs, partners (sentences
written here, with names and wording of their own, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_an_agent_that_has_promoted_a_technology_promotes_it(lexicon: Lexicon) -> None:
    found = facts("The Anhui Economic Commission has promoted remote crane control since 2020.", lexicon)
    assert ("Anhui Economic Commission", "promotes", "remote crane control") in found
    found = facts("The Hunan Energy Bureau, which has promoted smart substations for years, signed the plan.", lexicon)
    assert ("Hunan Energy Bureau", "promotes", "smart substations") in found
    # a person promoted to a post promotes nothing
    found = facts("Li Hua was promoted to chief engineer at Zoomlion in 2019.", lexicon)
    assert not any(p == "promotes" for _s, p, _o in found)


def test_what_follows_as_after_a_verbs_object_is_no_object_of_the_verb(lexicon: Lexicon) -> None:
    found = facts("The Fujian Port Authority promotes the scheme as a model for Xiamen Port Group.", lexicon)
    assert not any(p == "promotes" for _s, p, _o in found)
    # "as well as" joins objects, and "such as" names examples
    found = facts("Nokia supplied the radio units as well as the core servers.", lexicon)
    assert ("Nokia", "built", "radio units") in found


def test_a_name_of_unknown_kind_developed_by_an_organization_is_built_by_it_not_a_standard(lexicon: Lexicon) -> None:
    found = facts("Harbor Mind was developed by Inspur Group for the port.", lexicon)
    assert ("Harbor Mind", "builtBy", "Inspur Group") in found
    assert not any(p == "developedBy" for _s, p, _o in found)
    # a name of unknown kind owned by an organization stays a company owned by it
    found = facts("Jinwei Chemicals is owned by Tongda Holding, a state investor.", lexicon)
    assert ("Jinwei Chemicals", "ownedBy", "Tongda Holding") in found or ("Jinwei Chemicals", "subsidiaryOf", "Tongda Holding") in found


def test_a_whose_clause_in_commas_is_an_aside_the_verb_after_it_does_not_take_its_subject_from(lexicon: Lexicon) -> None:
    found = facts("Liuzhou Bureau of Industry, whose industrial park is home to 30 parts makers, has promoted 5G welding.",
                  lexicon)
    assert ("Liuzhou Bureau of Industry", "promotes", "5G welding") in found
    assert not any(p == "promotes" and s != "Liuzhou Bureau of Industry" for s, p, _o in found)


def test_agents_who_found_or_jointly_make_one_thing_are_partners(lexicon: Lexicon) -> None:
    found = facts("Last year Nanjing University and China Mobile's Jiangsu branch set up the Jiangsu Smart Grid Alliance.", lexicon)
    assert ("Nanjing University", "partneredWith", "China Mobile Jiangsu") in found
    found = facts("The Wuxi Bureau of Commerce and the Jiangnan Institute, a state research body, have jointly opened a "
                  "test centre in Wuxi.", lexicon)
    assert ("Wuxi Bureau of Commerce", "partneredWith", "Jiangnan Institute") in found
    found = facts("Port Brain was developed jointly by Inspur Group and Weichai Power for the terminal.", lexicon)
    assert ("Inspur Group", "partneredWith", "Weichai Power") in found
    # two vendors that each supplied something did not work together, and subjects of another verb are not the founders'
    found = facts("Huawei and ZTE supplied the base stations for the mine.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)
    found = facts("Hefei University and the Anhui Academy joined with Sungrow to form the Hefei Storage Consortium.", lexicon)
    assert ("Hefei University", "partneredWith", "Anhui Academy") not in found


def test_things_joined_by_as_well_as_with_an_article_share_the_verb(lexicon: Lexicon) -> None:
    found = facts("Ericsson delivered the radio units as well as an edge server for the Tangshan mill.", lexicon)
    found |= facts("Nokia supplied the core routers as well as the base stations.", lexicon)
    assert ("Nokia", "built", "base stations") in found
    assert ("Nokia", "built", "core routers") in found


def test_an_operator_that_carved_out_a_slice_built_it(lexicon: Lexicon) -> None:
    found = facts("China Telecom's Hebei branch carved out a private network slice for the steel mill.", lexicon)
    assert ("China Telecom Hebei", "built", "private network slice") in found
    found = facts("The robots use a network slice that China Unicom carved out last spring.", lexicon)
    assert ("China Unicom", "built", "network slice") in found
    # a slice someone was asked to carve out is not built yet
    found = facts("The mill asked China Unicom to carve out a separate slice for its cranes.", lexicon)
    assert not any(p == "built" for _s, p, _o in found)


def test_members_listed_after_an_organizations_possessive_are_its_members(lexicon: Lexicon) -> None:
    text = ("Weichai set up the Weifang Engine Alliance in 2020. The alliance's 60 founding members now include Sinotruk, "
            "the Shandong Academy of Sciences and Qingdao University.")
    found = facts(text, lexicon)
    assert ("Sinotruk", "memberOf", "Weifang Engine Alliance") in found
    assert ("Shandong Academy of Sciences", "memberOf", "Weifang Engine Alliance") in found
    assert ("Qingdao University", "memberOf", "Weifang Engine Alliance") in found
    assert ("Weifang Engine Alliance", "hasMemberGroup", "60 founding members") in found
    # a place's possessive has no members
    found = facts("Weifang's 60 members include Sinotruk and Weichai.", lexicon)
    assert not any(p == "memberOf" for _s, p, _o in found)


def test_what_an_agent_will_do_is_stated_but_not_where_the_plan_puts_it(lexicon: Lexicon) -> None:
    found = facts("The Henan Mining Association said it would set up a security task force together with Venustech.", lexicon)
    assert ("Henan Mining Association", "established", "security task force") in found
    assert ("Henan Mining Association", "partneredWith", "Venustech") in found
    # the partner of a plan is named as a partner, not as a founder
    assert ("Venustech", "established", "security task force") not in found
    found = facts("Order tracking will run on Haier Cloud, a platform the group built itself.", lexicon)
    assert ("order tracking", "runsOn", "Haier Cloud") in found
    # intentions and possibilities state nothing
    found = facts("Sany plans to set up a robotics lab with Tsinghua University.", lexicon)
    assert not any(p in ("established", "partneredWith") for _s, p, _o in found)


def test_a_slice_or_link_set_up_is_built_not_founded(lexicon: Lexicon) -> None:
    found = facts("China Unicom's Hubei branch set up a network slice for the crane controls.", lexicon)
    assert ("China Unicom Hubei", "built", "network slice") in found
    assert not any(p == "established" for _s, p, _o in found)


def test_who_holds_a_stake_or_is_counted_a_shareholder_owns_a_share(lexicon: Lexicon) -> None:
    found = facts("Hengtong Optic, in which Jiangsu-based Sunshine Capital holds a minority stake, opened a plant.", lexicon)
    assert ("Hengtong Optic", "ownedBy", "Sunshine Capital") in found
    assert not any(p == "ownedBy" and o == "Jiangsu" for _s, p, o in found)
    found = facts("Fiberhome, whose shareholders include Wuhan Research Institute and Datang Telecom, said so.", lexicon)
    assert ("Fiberhome", "ownedBy", "Wuhan Research Institute") in found
    assert ("Fiberhome", "ownedBy", "Datang Telecom") in found
    found = facts("Sinotruk counts Weichai Power as its second-largest shareholder.", lexicon)
    assert ("Sinotruk", "ownedBy", "Weichai Power") in found
    # a stake named with no holder before it owns nothing
    found = facts("Sinotruk said in which markets it would invest.", lexicon)
    assert not any(p == "ownedBy" for _s, p, _o in found)


def test_equipment_that_sits_on_or_is_plugged_into_a_network_runs_on_it(lexicon: Lexicon) -> None:
    found = facts("The mill's furnace controllers now sit on a dedicated network slice.", lexicon)
    assert ("furnace controllers", "runsOn", "dedicated network slice") in found
    found = facts("The attackers used a vendor laptop that had been plugged into the plant's office network.", lexicon)
    assert ("vendor laptop", "runsOn", "office network") in found
    # what sits on a server is stored there, and a plant sits on land
    found = facts("The drawings sat on a file server in the design office.", lexicon)
    found |= facts("The new smelter sits on reclaimed land near Rizhao.", lexicon)
    assert not any(p == "runsOn" for _s, p, _o in found)
