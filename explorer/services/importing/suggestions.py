"""Suggestions for an open graph: its entities as known names, its ontology (plus the bundled
lexicon) as the patterns, and one article.

The graph's own ``kg:lexicalPattern`` and ``kg:nameCue`` annotations count, so an analyst who loads
a Turtle file with more patterns gets them in the next suggestion run.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from explorer.core import bundled
from explorer.core.extraction import relation_model
from explorer.core.extraction.lexicon import Lexicon
from explorer.core.extraction.mentions import KnownEntity
from explorer.core.extraction.ner import NerPipeline, NerUnavailable, load_pipeline
from explorer.core.extraction.readings import announced, announced_among
from explorer.core.extraction.relation_model import MODEL_MARK, ModelUnreadable
from explorer.core.extraction.suggest import Suggestion, suggest_facts
from explorer.core.graph import KnowledgeGraph
from explorer.core.tasks import CancelToken, Progress
from explorer.services.importing.articles import Article

_SCHEMA_CONSTRUCT = """
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?p { <https://w3id.org/kg-explorer/ontology#lexicalPattern> <https://w3id.org/kg-explorer/ontology#nameCue>
              <http://www.w3.org/2000/01/rdf-schema#domain> <http://www.w3.org/2000/01/rdf-schema#range>
              <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://www.w3.org/2002/07/owl#inverseOf> }
  ?s ?p ?o
}"""

_KNOWN_SELECT = """
SELECT ?e ?name (SAMPLE(?c) AS ?class) WHERE {
  VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label> <http://www.w3.org/2004/02/skos/core#prefLabel>
              <http://www.w3.org/2004/02/skos/core#altLabel> }
  ?e ?p ?name ; a ?c . FILTER(isIRI(?e))
  # Classes, properties, ontologies and evidence records carry labels too; they are not entities.
  FILTER NOT EXISTS {
    ?e a ?schema .
    FILTER(?schema != <http://www.w3.org/2002/07/owl#NamedIndividual> && (
           STRSTARTS(STR(?schema), "http://www.w3.org/2002/07/owl#")
        || STRSTARTS(STR(?schema), "http://www.w3.org/2000/01/rdf-schema#")
        || STRSTARTS(STR(?schema), "http://www.w3.org/1999/02/22-rdf-syntax-ns#")))
  }
  FILTER(?c != <http://www.w3.org/2002/07/owl#NamedIndividual>)
} GROUP BY ?e ?name"""


@dataclass(frozen=True)
class SuggestionRun:
    """What one run of the suggester found in one article."""

    article: Article
    suggestions: list[Suggestion]
    known: int
    #: Why the NER pipeline the user named, or the bundled relation model, was not used (one line each), if so.
    note: str | None = None


def lexicon_for(kg: KnowledgeGraph) -> Lexicon:
    """Patterns and cues from the graph's ontology and the bundled lexicon."""
    graph = Graph()
    for path in bundled.ontology_files():
        graph.parse(path, format="turtle")
    result = kg.query(_SCHEMA_CONSTRUCT, timeout=None)
    for triple in result.raw_triples:
        graph.add(tuple(result.convert(term) for term in triple))  # type: ignore[arg-type]
    return Lexicon.from_ontology(graph)


def known_entities(kg: KnowledgeGraph) -> list[KnownEntity]:
    """Every entity's labels and aliases, with one of its classes."""
    result = kg.query(_KNOWN_SELECT, timeout=None)
    known = []
    for index in range(len(result)):
        entity, name, cls = result.row(index)
        if entity is not None and name is not None:
            known.append(KnownEntity(str(entity), str(name), str(cls) if cls is not None else None))
    return known


def suggest_for_graph(kg: KnowledgeGraph, article: Article, *, progress: Progress | None = None,
                      cancel: CancelToken | None = None, ner: NerPipeline | None = None,
                      ner_model: str = "", learned: bool = True) -> SuggestionRun:
    """Facts the article states, read against the open graph (a worker runs this). ``ner`` is a
    pipeline whose entities add name candidates, or ``ner_model`` names one to load here (slow, so in
    the worker); when it cannot be loaded the run goes on without it and says why in ``note``.
    ``learned`` lets the bundled trained relation model add the facts no pattern fired for (False: the
    ontology's patterns alone; Preferences' "Suggest facts the bundled model finds", ``--rules-only``)."""
    ner_note = None
    if ner is None and ner_model.strip():
        if progress is not None:
            progress(None, f"loading the NER pipeline {ner_model.strip()}…")
        ner, ner_note = ner_pipeline(ner_model)
    if progress is not None:
        progress(None, "reading the graph's names and patterns…")
    lexicon = lexicon_for(kg)
    known = known_entities(kg)
    model_note = None
    if learned:
        try:
            relation_model.bundled()
        except ModelUnreadable as error:  # a damaged install: the patterns still stand on their own
            learned, model_note = False, f"{error}; suggesting from the ontology's patterns alone"
    suggestions = suggest_facts(article.text, lexicon, known, progress=progress, cancel=cancel, ner=ner,
                                learned=learned)
    return SuggestionRun(article, suggestions, len(known), "\n".join(n for n in (ner_note, model_note) if n) or None)


def from_model(suggestion: Suggestion) -> bool:
    """Whether the bundled trained relation model suggested this fact (no pattern of the ontology fired)."""
    return suggestion.pattern.startswith(MODEL_MARK)


def is_announced(suggestion: Suggestion) -> bool:
    """Whether the sentence announces the fact for the future or only plans it ("will operate", for the model also
    "plans to set up"), so the review and the CLI mark it as not yet done."""
    text, start = suggestion.sentence.text, suggestion.trigger_start
    return announced_among(text, start, suggestion.trigger_end) if from_model(suggestion) else announced(text, start)


def ner_pipeline(name: str) -> tuple[NerPipeline | None, str | None]:
    """The NER pipeline the user named (Preferences or ``--ner``), or None and the one-line reason;
    (None, None) when none is named."""
    if not name.strip():
        return None, None
    try:
        return load_pipeline(name.strip()), None
    except NerUnavailable as error:
        return None, str(error)
