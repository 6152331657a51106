"""On the bundled graph: the sophisticated cyberattacks Liu warns of reach China Mobile, with the quotes."""

from __future__ import annotations

from explorer.core.analysis.exposure import exposure, warned_by, why_not
from explorer.core.analysis.timeline import timeline

D = "https://w3id.org/kg-explorer/data/"


def test_cyberattacks_reach_china_mobile_through_the_industrial_internet_and_the_alliance(bundled_graph):
    kg = bundled_graph
    report = exposure(kg, [D + "SophisticatedCyberattacks"])
    china_mobile = report.find(D + "ChinaMobile")
    assert china_mobile is not None
    chain = china_mobile.chains[0]
    assert chain.nodes[0] == D + "SophisticatedCyberattacks" and chain.nodes[-1] == D + "ChinaMobile"
    assert D + "IndustrialInternet" in chain.nodes and D + "Zhejiang5GIndustryAlliance" in chain.nodes
    words = chain.words(kg)
    assert words.startswith("sophisticated cyberattacks —") and words.endswith("→ China Mobile")
    evidence = chain.evidence(kg)
    assert all(records for records in evidence), "every hop of the chain has its evidence"
    quotes = [record.quote for records in evidence for record in records if record.quote]
    assert any("more vulnerable to sophisticated cyberattacks" in quote for quote in quotes)
    assert any("established a 5G industry alliance" in quote for quote in quotes)
    # Liu is the one who warns of them, in her own words.
    warnings = warned_by(kg, D + "SophisticatedCyberattacks")
    assert [who for who, _ in warnings] == [D + "Liu"]
    quotes += [record.quote for record in warnings[0][1] if record.quote]
    assert any("Liu said" in quote for quote in quotes)
    # Every quote is verbatim from the article.
    article = kg_source_text()
    assert all(quote.replace("\u2019", "'") in article.replace("\u2019", "'") for quote in quotes)


def test_consumer_applications_are_not_exposed_and_the_comparison_is_why(bundled_graph):
    kg = bundled_graph
    report = exposure(kg, [D + "SophisticatedCyberattacks"])
    assert report.find(D + "ConsumerInternetApplications") is None
    blocked = why_not(kg, report, D + "ConsumerInternetApplications")
    assert "more vulnerable than" in blocked.reason


def test_the_bundled_timeline_is_in_order(bundled_graph):
    line = timeline(bundled_graph)
    starts = [item.span.start for item in line.dated]
    assert starts == sorted(starts)


def kg_source_text() -> str:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "data" / "sources"
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()) if path.is_file())


def test_the_bundled_periods_2019_and_a_first_quarter_without_a_year(bundled_graph):
    line = timeline(bundled_graph)
    dated = {item.entity: item for item in line.dated}
    shipments_2019 = dated[D + "ShipmentsIn2019Observation"]
    assert shipments_2019.span.text == "2019" and shipments_2019.span.start.year == 2019
    assert any("2019" in (record.quote or "") for record in shipments_2019.evidence)
    undated = {item.entity for item in line.undated}
    assert D + "Q1ShipmentsObservation" in undated  # "the first quarter" of a year the article does not give
    assert all(item.span.start is None for item in line.undated)
