"""General readings of market figures, aims and outcomes, and needs (sentences written here, none from the
articles the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_a_shipment_figure_compared_with_an_earlier_one(lexicon: Lexicon) -> None:
    text = ("Worldwide shipments of industrial routers during the third quarter surpassed all router shipments in 2021, "
            "thanks largely to strong demand from European carmakers, IDC said in its quarterly report.")
    found = facts(text, lexicon)
    figure = "Worldwide shipments of industrial routers during the third quarter"
    earlier = "all router shipments in 2021"
    assert (figure, "measures", "industrial routers") in found
    assert (figure, "hasTime", "third quarter") in found
    assert (figure, "geographicScope", "world") in found
    assert (figure, "exceeds", earlier) in found
    assert (earlier, "hasTime", "2021") in found
    assert (figure, "drivenBy", "European carmakers") in found
    assert (figure, "reportedIn", "IDC's quarterly report") in found
    assert (earlier, "reportedIn", "IDC's quarterly report") in found
    # what drove the figure is the demand's holder, not the demand, and nothing drives the product
    assert not any(p == "drivenBy" and s != figure for s, p, _o in found)


def test_a_market_share_held_by_a_group(lexicon: Lexicon) -> None:
    text = ("Counterpoint published a report on wearables in May. Korean vendors accounted for 40 percent of smartwatch "
            "sales by the top ten global players during the fourth quarter, with the majority of the volume going to the "
            "American market, the report added.")
    found = facts(text, lexicon)
    share = "40 percent of smartwatch sales by the top ten global players during the fourth quarter"
    assert (share, "about", "Korean vendors") in found
    assert (share, "measures", "smartwatch") in found
    assert (share, "measuredAmong", "top ten global players") in found
    assert (share, "hasTime", "fourth quarter") in found
    assert (share, "geographicScope", "world") in found
    assert (share, "mostVolumeTo", "United States") in found
    assert any(s == share and p == "reportedIn" for s, p, _o in found)


def test_a_share_held_by_a_name_opening_the_sentence(lexicon: Lexicon) -> None:
    found = facts("Xiaomi accounted for 22 percent of smartphone sales in India during the first quarter, the firm said.",
                  lexicon)
    share = "22 percent of smartphone sales in India during the first quarter"
    assert (share, "about", "Xiaomi") in found
    assert (share, "geographicScope", "India") in found


def test_a_figure_that_fell_is_read_with_its_period_and_place(lexicon: Lexicon) -> None:
    found = facts("Sales of electric forklifts in Germany fell in 2023, the VDMA said.", lexicon)
    figure = "Sales of electric forklifts in Germany"
    assert (figure, "measures", "electric forklifts") in found
    assert (figure, "geographicScope", "Germany") in found


def test_no_figure_without_a_measure_of_something(lexicon: Lexicon) -> None:
    found = facts("Sales rose at Haier last year, thanks to its new fridges.", lexicon)
    assert not any(p in ("measures", "exceeds", "hasTime") for _s, p, _o in found)
    # a verb and its object are no figure, even with a period after them
    found = facts("Hackers tried to disrupt production in March at a plant in Wuxi, and later halted shipments in May.", lexicon)
    assert not any(p in ("measures", "about", "hasTime") for _s, p, _o in found)
    for text in ("Midea will expand production in Vietnam.", "BYD ramped up output in 2022.", "Geely began production in 2021."):
        assert not any(p in ("measures", "about", "hasTime", "geographicScope") for _s, p, _o in facts(text, lexicon)), text


def test_a_purpose_after_a_thing_made_is_its_aim(lexicon: Lexicon) -> None:
    found = facts("Midea built a lighthouse factory in Foshan, Guangdong province, to cut costs and raise output.", lexicon)
    assert ("lighthouse factory", "aimsAt", "lower costs") in found
    assert ("lighthouse factory", "aimsAt", "higher output") in found


def test_such_potential_refers_back_to_the_outcomes_named_before(lexicon: Lexicon) -> None:
    text = ("Zhang from Tsinghua University said a tool must show it can help plants improve safety and uptime as well as "
            "cut waste before it spreads. The industrial internet has such potential.")
    found = facts(text, lexicon)
    for outcome in ("better safety", "better uptime", "lower waste"):
        assert ("industrial internet", "hasPotentialFor", outcome) in found
    # "it" of a tool spoken of in general is no one's potential
    assert {o for _s, p, o in found if p == "hasPotentialFor"} == {"better safety", "better uptime", "lower waste"}
    assert len([1 for _s, p, _o in found if p == "hasPotentialFor"]) == 3


def test_what_can_help_has_the_potential(lexicon: Lexicon) -> None:
    found = facts("Engineers say Haier's COSMOPlat can help suppliers reduce downtime.", lexicon)
    assert {(p, o) for s, p, o in found if s.endswith("COSMOPlat")} >= {("hasPotentialFor", "lower downtime")}
    assert not any(o.endswith("reduce downtime") for _s, _p, o in found)


def test_a_need_in_the_passive(lexicon: Lexicon) -> None:
    found = facts('"Yet more engineers are needed to protect data for industrial networks," Wang Hui said.', lexicon)
    assert ("industrial networks", "needs", "more engineers") in found
    assert ("Wang Hui", "callsFor", "more engineers") in found
    assert ("more engineers", "protects", "industrial networks") in found


def test_what_an_attack_does_once_it_happens(lexicon: Lexicon) -> None:
    text = ("Chen warned of ransomware. When a water utility is attacked by ransomware, it not only compromises billing data, "
            "but also harms the whole city, Chen said.")
    found = facts(text, lexicon)
    assert ("ransomware", "leadsTo", "compromised billing data") in found
    assert ("ransomware", "leadsTo", "harm to the whole city") in found
    assert not any(s == "water utility" and p == "leadsTo" for s, p, _o in found)
    # with no attack the sentence opens on, a verb of harm names no outcome of one
    found = facts("Chen said the new levy harms the whole city.", lexicon)
    assert not any(p == "leadsTo" for _s, p, _o in found)


def test_the_use_of_a_technology_is_what_it_enables(lexicon: Lexicon) -> None:
    found = facts("Mining groups in Shanxi are widening industrial applications of 4G in their pits.", lexicon)
    assert ("4G", "enables", "industrial applications of 4G") in found


def test_a_figure_that_moved_in_a_period_and_a_country_s_figure(lexicon: Lexicon) -> None:
    found = facts("Tablet shipments in Brazil rose 12 percent in the second quarter, according to Canalys.", lexicon)
    assert ("Tablet shipments in Brazil", "hasTime", "second quarter") in found
    assert ("Tablet shipments in Brazil", "measures", "tablet") in found
    assert ("Tablet shipments in Brazil", "geographicScope", "Brazil") in found
    assert not any(p == "locatedIn" for _s, p, _o in found)  # a figure's area is no location of its product
    found = facts("Japan's total output of crude steel topped 90 million tonnes in 2021.", lexicon)
    assert ("Japan's total output of crude steel", "geographicScope", "Japan") in found
    assert ("Japan's total output of crude steel", "hasTime", "2021") in found
