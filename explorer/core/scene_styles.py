"""Colour and shape of each class on the canvas and in every export.

>>> class_style(None, "")
('#9e9e9e', 'ellipse')
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from explorer.core.scene_items import NEUTRAL_COLOR, SHAPES
from explorer.core.vocab import KG

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph

#: Colour-blind-friendly colours: Okabe-Ito's eight (without black) and Paul Tol's "muted" nine and
#: "light" six; 22 in all. Colours alone cannot keep 22 hues apart for every reader, so each class
#: also has a shape, and classes that share a parent (siblings) differ in colour and, where the
#: family allows, in shape too.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#F0E442", "#56B4E9", "#D55E00", "#CC79A7",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#BBCC33", "#AAAA00",
)  # fmt: skip
_ORGANISATION = "round-rect"
_DOMAIN_STYLES: dict[str, tuple[str, str]] = {
    str(KG.TelecomOperator): ("#0072B2", _ORGANISATION),
    str(KG.DeviceVendor): ("#E69F00", _ORGANISATION),
    str(KG.IndustryAlliance): ("#CC79A7", _ORGANISATION),
    str(KG.TraditionalIndustryCompany): ("#56B4E9", _ORGANISATION),
    str(KG.TechnologyStartup): ("#44AA99", _ORGANISATION),
    str(KG.MarketResearchFirm): ("#AA4499", _ORGANISATION),
    str(KG.Company): ("#77AADD", _ORGANISATION),
    str(KG.Hospital): ("#009E73", _ORGANISATION),
    str(KG.GovernmentAgency): ("#882255", _ORGANISATION),
    str(KG.ResearchInstitute): ("#332288", _ORGANISATION),
    str(KG.Organization): ("#6699CC", _ORGANISATION),
    str(KG.OrganizationGroup): ("#999933", _ORGANISATION),
    str(KG.PlatformGroup): ("#AAAA00", "box"),
    str(KG.Group): ("#999933", "box"),
    str(KG.Person): ("#DDCC77", "ellipse"),
    str(KG.Agent): ("#6699CC", "ellipse"),
    str(KG.Place): ("#EEDD88", "hexagon"),
    str(KG.Country): ("#0072B2", "hexagon"),
    str(KG.Province): ("#009E73", "hexagon"),
    str(KG.City): ("#F0E442", "hexagon"),
    str(KG.IndustrialInternetPlatform): ("#88CCEE", "box"),
    str(KG.Technology): ("#117733", "box"),
    str(KG.Product): ("#44AA99", "ellipse"),
    str(KG.Application): ("#BBCC33", "ellipse"),
    str(KG.ConsumerApplication): ("#FFAABB", "triangle-down"),
    str(KG.IndustrialApplication): ("#44AA99", "box"),
    str(KG.RemoteHealthcareService): ("#CC6677", "star"),
    str(KG.SmartPort): ("#332288", "hexagon"),
    str(KG.CyberRisk): ("#D55E00", "triangle"),
    str(KG.Impact): ("#CC6677", "diamond"),
    str(KG.Requirement): ("#DDAA33", "diamond"),
    str(KG.Observation): ("#EE8866", "diamond"),
    str(KG.Source): ("#BBBBBB", "box"),
    str(KG.NewsArticle): ("#BBBBBB", "box"),
    str(KG.Report): ("#88CCEE", "round-rect"),
    str(KG.QuotedStatement): ("#AA4499", "triangle-down"),
    str(KG.Statement): ("#AA4499", "triangle-down"),
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


def sibling_style(parent: str, siblings: list[str], class_iri: str, avoid: set[str] | None = None) -> tuple[str, str]:
    """Style of ``class_iri`` among the ``siblings`` under ``parent``: the palette's colours (and the
    shapes) in turn from a start fixed by the parent, skipping the colours of siblings that have a
    style of their own, so no two siblings look alike.

    >>> kids = ["urn:Bus", "urn:Car", "urn:Ship"]
    >>> len({sibling_style("urn:Vehicle", kids, kid) for kid in kids})
    3
    """
    start = zlib.crc32(parent.encode("utf-8"))
    taken = {_DOMAIN_STYLES[s][0] for s in siblings if s in _DOMAIN_STYLES} | (avoid or set())
    colours = [c for c in PALETTE[start % len(PALETTE):] + PALETTE[:start % len(PALETTE)] if c not in taken] or list(PALETTE)
    unstyled = sorted(s for s in siblings if s not in _DOMAIN_STYLES)
    position = unstyled.index(class_iri) if class_iri in unstyled else 0
    return colours[position % len(colours)], SHAPES[(start // len(PALETTE) + position) % len(SHAPES)]


def class_style(kg: KnowledgeGraph | None, class_iri: str) -> tuple[str, str]:
    """Colour and shape for ``class_iri``: its own in the bundled ontology; a class of another
    ontology under a styled class keeps that ancestor's shape (a subclass of ``kg:Hospital`` still
    looks like an organisation) with a colour of its own among its siblings; any other class a
    colour and shape set apart from its siblings'.
    """
    if class_iri in _DOMAIN_STYLES:
        return _DOMAIN_STYLES[class_iri]
    if kg is not None and class_iri:
        from explorer.core.classes import ancestor_levels

        hierarchy = kg.class_hierarchy()
        info = hierarchy.get(class_iri)
        # The parent with the most children: that is where a look-alike would be noticed (styled parents win ties).
        parents = sorted(info.parents, key=lambda p: (-len(hierarchy[p].children) if p in hierarchy else 0,
                                                      p not in _DOMAIN_STYLES, p)) if info is not None else []
        parent = parents[0] if parents else ""
        siblings = sorted(hierarchy[parent].children) if parent in hierarchy else [class_iri]
        # Siblings under its other parents keep their own colours too.
        avoid = {_DOMAIN_STYLES[s][0] for p in parents[1:] if p in hierarchy for s in hierarchy[p].children if s in _DOMAIN_STYLES}
        colour, shape = sibling_style(parent, siblings, class_iri, avoid) if parent else fallback_style(class_iri)
        for parents in ancestor_levels(hierarchy, class_iri):
            for ancestor in parents:
                if ancestor in _DOMAIN_STYLES:
                    ancestor_colour, ancestor_shape = _DOMAIN_STYLES[ancestor]
                    if len(siblings) <= 1:
                        return ancestor_colour, ancestor_shape
                    return colour, ancestor_shape
        return colour, shape
    return fallback_style(class_iri)


__all__ = ["FALLBACK_PALETTE", "PALETTE", "SHAPES", "class_style", "fallback_style", "sibling_style"]
