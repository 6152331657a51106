"""The subgraph as RDF: Turtle, N-Quads and JSON-LD, with the graph's prefixes bound.

What is written is :attr:`Subgraph.triples`: the facts, the entities' labels, classes and
literal properties, the evidence records with their quotes and sources, and the labels of
the classes and predicates used — enough for any RDF tool (or kg-explorer) to read the
subgraph on its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from explorer.core.backends.rdf_text import Triple, sort_key, sorted_nquads
from explorer.core.backends.rdf_text import turtle as turtle_text
from explorer.services.exporters import Exporter, ExportJob, register


def used_prefixes(job: ExportJob) -> dict[str, str]:
    """The graph's prefixes that some IRI of the subgraph starts with (no clutter of unused ones)."""
    iris: set[str] = set()
    for triple in job.subgraph.triples:
        for term in triple:
            if isinstance(term, URIRef):
                iris.add(str(term))
            elif isinstance(term, Literal):
                iris.add(str(term.datatype) if term.datatype is not None else
                         str(RDF.langString) if term.language else str(XSD.string))
    namespaces = {namespace for namespace in job.kg.prefixes.values() if namespace}
    used = {namespace for namespace in namespaces if any(iri.startswith(namespace) for iri in iris)}
    return {prefix: namespace for prefix, namespace in sorted(job.kg.prefixes.items()) if prefix and namespace in used}


def _sorted_triples(job: ExportJob) -> list[Triple]:
    return sorted(job.subgraph.triples, key=sort_key)


def write_turtle(job: ExportJob, path: Path) -> None:
    path.write_text(turtle_text(job.subgraph.triples, used_prefixes(job)), encoding="utf-8")


def write_nquads(job: ExportJob, path: Path) -> None:
    path.write_text(sorted_nquads(job.subgraph.triples), encoding="utf-8")


def write_jsonld(job: ExportJob, path: Path) -> None:
    """Compact JSON-LD: the prefixes become the ``@context``, so keys read ``rdfs:label``."""
    from rdflib import Graph

    graph = Graph()
    prefixes = used_prefixes(job)
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True)
    for triple in _sorted_triples(job):
        graph.add(triple)
    text = graph.serialize(format="json-ld", context=prefixes, auto_compact=True, indent=2)
    # Re-dump so the file is UTF-8 text with the Chinese labels readable, not \\u escapes.
    data = json.loads(text)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


register(Exporter("ttl", "Turtle (subgraph with evidence)", ".ttl", write_turtle, aliases=("turtle",)))
register(Exporter("nq", "N-Quads (subgraph with evidence)", ".nq", write_nquads, aliases=("nquads", "n-quads")))
register(Exporter("jsonld", "JSON-LD (subgraph with evidence)", ".jsonld", write_jsonld, aliases=("json-ld",)))
