"""What matters in a graph and what is exposed to which risk, and when: measures, exposure, timeline.

Everything here is Qt-free, reads the store through the :class:`~explorer.core.graph.KnowledgeGraph`
facade, takes a progress callback and a cancel token, and returns plain dataclasses.
"""

from __future__ import annotations

from explorer.core.analysis.adjacency import LinkGraph, Scope, build_link_graph
from explorer.core.analysis.measures import (
    MEASURE_TITLES,
    MEASURES,
    Broker,
    CommunityResult,
    Measure,
    MeasureResult,
    centrality,
    communities,
)

__all__ = [
    "MEASURES",
    "MEASURE_TITLES",
    "Broker",
    "CommunityResult",
    "LinkGraph",
    "Measure",
    "MeasureResult",
    "Scope",
    "build_link_graph",
    "centrality",
    "communities",
]
