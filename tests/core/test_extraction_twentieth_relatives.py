"""Relative clauses whose subject is "it" ("the stations it runs"), a relative clause after a thing and the place it
stands in ("a data centre in Jinan that X operates"), and an attack traced to someone named by a trade (sentences
written here, none from the articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import MentionFinder


def test_a_relative_clause_with_it_for_its_subject_says_what_the_sentence_subject_runs(lexicon: Lexicon) -> None:
    found = facts("Qinling Cement Group plans to connect four more kilns it runs in Tongguan by next year.", lexicon)
    assert ("Qinling Cement Group", "operates", "kilns") in found
    found = facts("Hanshui Axle Company keeps test data on an edge computing node that it operates in Xiangyang.", lexicon)
    assert ("Hanshui Axle Company", "operates", "edge computing node") in found


def test_the_sentence_subject_is_the_it_of_the_clause_not_a_name_after_it(lexicon: Lexicon) -> None:
    found = facts("Huaxin Trucks Group, which buys modules from Longsheng Electronics, plans to link an axle plant it "
                  "runs in Dalian.", lexicon)
    assert ("Huaxin Trucks Group", "operates", "axle plant") in found
    assert not any(s == "Longsheng Electronics" and p == "operates" for s, p, _ in found)


def test_an_it_that_stands_for_no_one_who_acts_runs_nothing(lexicon: Lexicon) -> None:
    # the drones are no agent: "it" names no operator of the stations
    found = facts("Drones now fly along the river to the four pumping stations it feeds.", lexicon)
    assert not any(p == "operates" for _, p, _ in found)


def test_a_relative_clause_after_a_place_speaks_of_the_thing_before_the_place(lexicon: Lexicon) -> None:
    found = facts("The platform is hosted at a data centre in Jinan that China Mobile Shandong operates.", lexicon)
    assert ("China Mobile Shandong", "operates", "data centre") in found
    assert ("China Mobile Shandong", "operates", "Jinan") not in found
    # a site with a name of its own is what the clause speaks of: "the Dushanzi refinery, which X also runs"
    found = facts("China Mobile Xinjiang plans to build a network at the Dushanzi refinery, which PetroChina also runs.",
                  lexicon)
    assert ("PetroChina", "operates", "Dushanzi refinery") in found


def test_an_attack_traced_to_someone_named_by_a_trade_is_put_down_to_them(lexicon: Lexicon) -> None:
    found = facts("In March police traced the tampering to a rival farm operator in Zhejiang.", lexicon)
    assert ("tampering", "attributedTo", "rival farm operator") in found
    found = facts("Investigators traced the intrusion to a haulage contractor.", lexicon)
    assert ("intrusion", "attributedTo", "haulage contractor") in found
    # a thing the attack was traced to is where it came in
    found = facts("Investigators traced the intrusion to an unpatched gateway.", lexicon)
    assert ("intrusion", "targets", "unpatched gateway") in found


def test_a_description_that_closed_a_sentence_is_who_it_names_later(lexicon: Lexicon) -> None:
    # "the carmaker said" called Huaxin Automobile so; the telecom operator named after it is no carmaker
    text = ("Huaxin Automobile has rolled out a 5G private network at its body shop, the carmaker said on Monday. "
            "The network was built by China Unicom Liaoning. "
            "The carmaker plans to extend the network next year to an engine plant it runs in Dalian.")
    found = facts(text, lexicon)
    assert ("Huaxin Automobile", "operates", "engine plant") in found
    assert ("China Unicom Liaoning", "operates", "engine plant") not in found


def test_a_sentence_opening_on_a_plural_noun_opens_on_no_name(lexicon: Lexicon) -> None:
    finder = MentionFinder(lexicon)
    for text in ("Drones and legged robots now patrol the station.", "Orders arrive through Jiayun, an online platform.",
                 "Sensors send their readings over the network."):
        assert all(m.via != "name" for m in finder.find(text) if m.start == 0), text
    # a name that ends in -s and goes on with a verb in the past is still a name
    assert any(m.via == "name" and m.text == "Siemens" for m in finder.find("Siemens said it would help."))


def test_what_an_organization_the_text_spoke_of_has_for_its_work_it_runs(lexicon: Lexicon) -> None:
    text = ("Sichuan Minjiang Liquor Group has connected its cellars to a 5G network. "
            "Huawei supplied an edge computing node on which the group's brewing-analytics application now runs.")
    assert ("Sichuan Minjiang Liquor Group", "operates", "brewing-analytics application") in facts(text, lexicon)
    text = ("Tianyu Electronics Group makes servers in Jinan. "
            "Orders are scheduled through the company's own supply-chain platform.")
    assert ("Tianyu Electronics Group", "operates", "supply-chain platform") in facts(text, lexicon)
    # a system is left out: after an attack, "the company's systems" is as often another company's
    text = ("Tianyu Electronics Group makes servers in Jinan. "
            "The group's scheduling system was encrypted in March.")
    assert ("Tianyu Electronics Group", "operates", "scheduling system") not in facts(text, lexicon)


def test_a_site_of_an_organization_is_one_it_runs(lexicon: Lexicon) -> None:
    found = facts("China Telecom and Huawei have built a 5G private network at the Wuyuan plant of Hetao Golden Seed Food.",
                  lexicon)
    assert ("Hetao Golden Seed Food", "operates", "Wuyuan plant") in found
    # "works" is its own singular; an owner "X-based" is still the owner
    found = facts("Huawei has built a 5G private network at the Dagang engine works of Zhenjiang-based Haili Marine Power.",
                  lexicon)
    assert ("Haili Marine Power", "operates", "Dagang engine works") in found
    # a place is no one who runs a site; nor is a site of which the thing is a part
    assert not any(p == "operates" for _, p, _ in facts("The new berths lie at the container terminal of Qingdao.", lexicon))
    assert not any(p == "operates" for _, p, _ in facts("Sensors watch the coal yard of the Guang'an Power Plant.", lexicon))


def test_what_a_relative_clause_installed_in_a_site_stands_there(lexicon: Lexicon) -> None:
    found = facts("CraneBrain runs on edge servers that China Unicom Hebei installed in a data centre at the works.", lexicon)
    assert ("edge servers", "locatedIn", "data centre") in found


def test_a_group_blamed_by_the_name_it_goes_by_is_who_the_attack_is_put_down_to(lexicon: Lexicon) -> None:
    found = facts("In March a ransomware attack on a glove maker in Xiaogan shut its packing lines for three days, and "
                  "investigators blamed a criminal group known as Cobalt Lynx.", lexicon)
    assert ("ransomware attack", "attributedTo", "Cobalt Lynx") in found
    # a weakness told between the attack and the blame is not what is blamed
    found = facts("In February a ransomware attack on a warehouse shut down its refrigeration controls; the attackers got in "
                  "through a VPN gateway that ran unpatched firmware, and police blamed a gang calling itself Black Frost.",
                  lexicon)
    assert ("ransomware attack", "attributedTo", "Black Frost") in found
    assert not any(p == "attributedTo" and s != "ransomware attack" for s, p, _ in found)


def test_the_attack_a_clause_opens_on_is_the_subject_of_its_verb_of_harm(lexicon: Lexicon) -> None:
    found = facts("In January a ransomware attack on a tubing maker in neighbouring Linyi halted a furnace for 19 hours.",
                  lexicon)
    assert ("ransomware attack", "affected", "furnace") in found
    assert ("Linyi", "affected", "furnace") not in found
    # a second verb of the attack, after its first one's object
    found = facts("An intrusion last November into a glass plant in Shahe altered furnace settings and halted a float line.",
                  lexicon)
    assert ("intrusion", "affected", "float line") in found
    assert ("glass plant", "affected", "float line") not in found
    found = facts("In April a ransomware attack on Hengtai Machinery idled two assembly lines for six days.", lexicon)
    assert ("ransomware attack", "affected", "assembly lines") in found


def test_each_harm_of_a_list_and_such_attacks_for_the_threat_named_before(lexicon: Lexicon) -> None:
    found = facts("The centre warned that ransomware aimed at retort controllers could lead to spoiled batches and product "
                  "recalls.", lexicon)
    assert {("ransomware", "leadsTo", "spoiled batches"), ("ransomware", "leadsTo", "product recalls")} <= found
    found = facts("Tianshu Security warned of ransomware campaigns aimed at programmable logic controllers, saying such "
                  "attacks could lead to production stoppages and pipeline spills.", lexicon)
    assert {("ransomware campaigns", "leadsTo", "production stoppages"),
            ("ransomware campaigns", "leadsTo", "pipeline spills")} <= found
    assert not any(s == "attacks" for s, _, _ in found)


def test_a_group_of_members_is_named_with_its_count(lexicon: Lexicon) -> None:
    found = facts("The Hebei Steel Industrial Internet Alliance now counts 26 steelmakers and 11 equipment vendors as members.",
                  lexicon)
    assert ("Hebei Steel Industrial Internet Alliance", "hasMemberGroup", "26 steelmakers") in found
    assert ("Hebei Steel Industrial Internet Alliance", "hasMemberGroup", "steelmakers") not in found
