"""Colour and shape of each class on the canvas and in every export.

>>> class_style(None, "")
('#9e9e9e', 'ellipse')
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from explorer.core.scene_items import NEUTRAL_COLOR
from explorer.core.vocab import KG

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

# Colour-blind-friendly colours (Okabe-Ito and Paul Tol's "muted" set) for the classes
# of the bundled ontology. Similar hues are kept apart by shape: organisations are
# round-rects, places hexagons, risks triangles, observations diamonds.
_ORGANISATION = "round-rect"
_DOMAIN_STYLES: dict[str, tuple[str, str]] = {
    str(KG.TelecomOperator): ("#0072B2", _ORGANISATION),
    str(KG.DeviceVendor): ("#E69F00", _ORGANISATION),
    str(KG.IndustryAlliance): ("#CC79A7", _ORGANISATION),
    str(KG.TraditionalIndustryCompany): ("#56B4E9", _ORGANISATION),
    str(KG.TechnologyStartup): ("#44AA99", _ORGANISATION),
    str(KG.MarketResearchFirm): ("#AA4499", _ORGANISATION),
    str(KG.Company): ("#56B4E9", _ORGANISATION),
    str(KG.Hospital): ("#009E73", _ORGANISATION),
    str(KG.GovernmentAgency): ("#882255", _ORGANISATION),
    str(KG.ResearchInstitute): ("#332288", _ORGANISATION),
    str(KG.Organization): ("#6699CC", _ORGANISATION),
    str(KG.OrganizationGroup): ("#999933", _ORGANISATION),
    str(KG.PlatformGroup): ("#999933", "box"),
    str(KG.Group): ("#999933", "box"),
    str(KG.Person): ("#DDCC77", "ellipse"),
    str(KG.Agent): ("#6699CC", "ellipse"),
    str(KG.Place): ("#F0E442", "hexagon"),
    str(KG.Country): ("#F0E442", "hexagon"),
    str(KG.Province): ("#F0E442", "hexagon"),
    str(KG.City): ("#F0E442", "hexagon"),
    str(KG.IndustrialInternetPlatform): ("#88CCEE", "box"),
    str(KG.Technology): ("#117733", "box"),
    str(KG.Product): ("#117733", "ellipse"),
    str(KG.Application): ("#BBCC33", "ellipse"),
    str(KG.ConsumerApplication): ("#BBCC33", "ellipse"),
    str(KG.IndustrialApplication): ("#BBCC33", "ellipse"),
    str(KG.RemoteHealthcareService): ("#BBCC33", "ellipse"),
    str(KG.SmartPort): ("#BBCC33", "ellipse"),
    str(KG.CyberRisk): ("#D55E00", "triangle"),
    str(KG.Impact): ("#CC6677", "diamond"),
    str(KG.Requirement): ("#DDAA33", "diamond"),
    str(KG.Observation): ("#EE8866", "diamond"),
    str(KG.Source): ("#BBBBBB", "box"),
    str(KG.NewsArticle): ("#BBBBBB", "box"),
    str(KG.Report): ("#BBBBBB", "box"),
    str(KG.Statement): ("#BBBBBB", "box"),
}

# Tableau 10: colours for the classes of other graphs, picked by a stable hash of the IRI.
FALLBACK_PALETTE = (
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
    "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
)  # fmt: skip


def fallback_style(class_iri: str) -> tuple[str, str]:
    """Colour and shape of a class the bundled ontology does not know: stable across runs.

    >>> fallback_style("http://example.org/Ship") == fallback_style("http://example.org/Ship")
    True
    >>> fallback_style("")
    ('#9e9e9e', 'ellipse')
    """
    if not class_iri:
        return NEUTRAL_COLOR, "ellipse"
    index = zlib.crc32(class_iri.encode("utf-8")) % len(FALLBACK_PALETTE)
    return FALLBACK_PALETTE[index], "ellipse"


def class_style(kg: KnowledgeGraph | None, class_iri: str) -> tuple[str, str]:
    """Colour and shape for ``class_iri``: of its nearest styled ancestor in the ontology, else a hash.

    A subclass of ``kg:Hospital`` defined in a user's own ontology is drawn like a hospital.
    """
    if class_iri in _DOMAIN_STYLES:
        return _DOMAIN_STYLES[class_iri]
    if kg is not None and class_iri:
        from explorer.core.classes import ancestor_levels

        for parents in ancestor_levels(kg.class_hierarchy(), class_iri):
            for parent in parents:
                if parent in _DOMAIN_STYLES:
                    return _DOMAIN_STYLES[parent]
    return fallback_style(class_iri)


__all__ = ["FALLBACK_PALETTE", "class_style", "fallback_style"]
