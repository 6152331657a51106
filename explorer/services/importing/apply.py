"""Accepted suggestions and checked spreadsheet rows as the analyst's edits: one change set each.

Both follow the curation layer's evidence model (one record per fact, with the source, the
quote and who added it when). An article's facts go through the :class:`Curator` fact by fact
(each checked by the shapes); a spreadsheet's thousands of rows are built in bulk with the same
record builder and checked once, on the nodes they touch. Either way the result is a single
:class:`ChangeSet`: the caller applies it as one undoable step, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

import explorer.core.curation.store_access as store_access
from explorer.core import bundled
from explorer.core.changes import ChangeSet
from explorer.core.curation import (
    Curator,
    NewSource,
    Quoted,
    Value,
)
from explorer.core.extraction.suggest import Suggestion
from explorer.core.graph import KnowledgeGraph
from explorer.core.vocab import KG, SH
from explorer.services.importing.articles import Article
from explorer.services.importing.new_entities import NewEntities, label_of
from explorer.services.importing.table_change import plan_change

OBSERVATION, PERIOD = str(KG.Observation), str(KG.Period)


@dataclass(frozen=True)
class ArticleSource:
    """The document accepted facts cite: its text (quotes are checked against it), title and date."""

    article: Article
    title: str
    date: str | None = None
    kind: str = str(KG.NewsArticle)


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def suggestions_change(kg: KnowledgeGraph, curator: Curator, suggestions: list[Suggestion], source: ArticleSource,
                       ) -> ChangeSet:
    """One change set for the accepted suggestions: new entities, the source, each fact quoted.

    Each step is applied to ``kg`` while the next is built (so the next finds what the last
    added), then everything is taken back: the graph is as before and the caller applies the
    returned change as one step. A refused or bad step takes back what came before it.
    """
    combined = ChangeSet(description=f"Import {len(suggestions)} fact(s) from {source.title}")
    path = source.article.path
    text_file = str(path) if path is not None and path.suffix.lower() == ".txt" else None
    source_ref: str | NewSource = NewSource(source.title, kind=source.kind, date=source.date, file=text_file)
    created: dict[str, str] = {}
    new_entities = NewEntities(curator.schema, suggestions)
    def step(change: ChangeSet) -> None:
        nonlocal combined
        store_access.apply(kg, change)
        combined = combined.then(change)

    try:
        for suggestion in suggestions:
            evidence = Quoted(source_ref, suggestion.sentence.text, sentence=suggestion.sentence.number)
            ends = []
            for mention, new in zip((suggestion.subject, suggestion.object), new_entities.of(suggestion), strict=True):
                if new is None:
                    ends.append(str(mention.iri))
                    continue
                key, cls = new
                label = label_of(mention)
                if key not in created:
                    figure = cls == OBSERVATION or curator.schema.is_subclass(cls, OBSERVATION)
                    # a figure is whole only with where it was reported (the shapes ask it): added in the next step
                    node, change = curator.add_period(label, evidence=evidence) if cls == PERIOD else \
                        curator.add_entity(label, cls, evidence=evidence, label_zh=label if _is_cjk(label) else None,
                                           aliases=mention.aliases, whole=not figure)
                    step(change)
                    created[key] = str(node)
                    source_ref = _source_of(change) or source_ref
                    evidence = Quoted(source_ref, suggestion.sentence.text, sentence=suggestion.sentence.number)
                    if figure and isinstance(source_ref, str):
                        # the article the analyst read the figure in reports it, whatever report it cites
                        step(curator.add_fact(str(node), str(KG.reportedIn), Value(entity=source_ref), evidence=evidence))
                ends.append(created[key])
            predicate, subject, obj = _stored(curator, suggestion.predicate, ends[0], ends[1])
            change = curator.add_fact(subject, predicate, Value(entity=obj), evidence=evidence)
            step(change)
            source_ref = _source_of(change) or source_ref
    finally:
        store_access.apply(kg, combined.inverse())
    return combined


@lru_cache(maxsize=1)
def _read_only() -> frozenset[str]:
    """The properties the shapes say are read, never stored: each is the inverse of one that is."""
    shapes = Graph().parse(bundled.shapes_file(), format="turtle")
    shape = URIRef("https://w3id.org/kg-explorer/shapes#InversePropertiesShape")
    return frozenset(str(p) for p in shapes.objects(shape, SH.targetSubjectsOf))


def _stored(curator: Curator, predicate: str, subject: str, obj: str) -> tuple[str, str, str]:
    """The fact as the graph stores it: "the network was built by X" (kg:builtBy, read only) is X built the network."""
    if predicate not in _read_only():
        return predicate, subject, obj
    ontology = curator.schema.graph
    inverse = ontology.value(URIRef(predicate), OWL.inverseOf) or ontology.value(None, OWL.inverseOf, URIRef(predicate))
    return (str(inverse), obj, subject) if isinstance(inverse, URIRef) else (predicate, subject, obj)


def _source_of(change: ChangeSet) -> str | None:
    """The IRI of a source node the change creates (so later facts cite the same node)."""
    for s, p, o, _g in change.added:
        if p == RDF.type and o == KG.Source:
            return str(s)
    return None


# -- spreadsheets: see table_change (kept importable from here) -----------------------------------
__all__ = ["ArticleSource", "plan_change", "suggestions_change"]
