"""Who added an evidence record, and when: what the Inspector shows beside an analyst's fact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS

import explorer.core.curation.store_access as store_access

if TYPE_CHECKING:
    from explorer.core.graph import KnowledgeGraph


@dataclass(frozen=True)
class RecordProvenance:
    """The analyst who added a record (their name) and when (ISO 8601, UTC)."""

    analyst: str | None
    when: str | None

    def describe(self) -> str:
        """``"added by Ada, 2024-05-01 09:30 UTC"``; empty when nothing is known.

        >>> RecordProvenance("Ada", "2024-05-01T09:30:00+00:00").describe()
        'added by Ada, 2024-05-01 09:30 UTC'
        """
        who = f"added by {self.analyst}" if self.analyst else ""
        when = ""
        if self.when:
            when = self.when.replace("T", " ")[:16] + (" UTC" if self.when.endswith(("Z", "+00:00")) else "")
        return ", ".join(part for part in (who, when) if part)


def record_provenance(kg: KnowledgeGraph, record: str) -> RecordProvenance | None:
    """The PROV attribution of an evidence record, or None when it has none (a source's own record)."""
    if record.startswith("_:"):
        return None
    node = URIRef(record)
    agent = next((o for _, _, o in store_access.triples(kg, node, PROV.wasAttributedTo, None)), None)
    when = next((o for _, _, o in store_access.triples(kg, node, PROV.generatedAtTime, None)), None)
    if agent is None and when is None:
        return None
    name = None
    if agent is not None:
        label = next((o for _, _, o in store_access.triples(kg, agent, RDFS.label, None)), None)
        name = str(label) if isinstance(label, Literal) else str(agent).rsplit("/", 1)[-1]
    return RecordProvenance(name, str(when) if isinstance(when, Literal) else None)
