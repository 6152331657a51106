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
